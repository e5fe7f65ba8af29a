# shellcheck shell=bash
# Shared by the HTTP benchmarks (bench-load.sh, bench-serve.sh); source it from the
# repository root. Sets OHA to the oha load generator, installed into target/bench-tools
# with cargo the first time, and defines wait_for_port.

OHA="$PWD/target/bench-tools/bin/oha"
if [ ! -x "$OHA" ]; then
    cargo install oha --locked --root "$PWD/target/bench-tools"
fi

# Waits (up to 5 s) until something listens on 127.0.0.1:$1.
wait_for_port() {
    for _ in $(seq 50); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "nothing listens on port $1" >&2
    return 1
}
