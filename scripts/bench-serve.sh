#!/usr/bin/env bash
# Benchmarks `callflow serve` answering Voice Call Action webhooks of the advanced IVR
# (examples/ivr/advanced-ivr.json: a caller in the main menu who pressed 1, answered from
# the map with the reservations menu, one log line each), beside a bare axum handler
# answering a constant body (the CLI's bare_axum example: the floor of the HTTP stack),
# both loaded by oha (installed here with cargo) with the same concurrency, in the same
# run. Goal: callflow serve at least 0.8x the bare handler's rate; p99 latencies printed.
#
# Environment: CONCURRENCY (default 16), SECONDS_EACH (default 10).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

concurrency="${CONCURRENCY:-16}"
seconds="${SECONDS_EACH:-10}"
serve_port=18093
bare_port=18094

source scripts/bench-http.sh
cargo build --release --quiet -p callflow-cli
cargo build --release --quiet -p callflow-cli --example bare_axum

target/release/callflow serve examples/ivr/advanced-ivr.json --port "$serve_port" 2>/dev/null &
serving=$!
target/release/examples/bare_axum "$bare_port" 300 &
bare=$!
trap 'kill "$serving" "$bare" 2>/dev/null || true' EXIT
wait_for_port "$serve_port"
wait_for_port "$bare_port"
body='{"namespace":"VOICE","eventType":"CALL_ACTION","description":"Action request of a call","payload":{"callStatus":"ACTION_COMPLETED","clientActionId":"main_menu","sessionId":"bench","eventData":{"dtmf":"1"}}}'

for port in "$serve_port" "$bare_port"; do
    "$OHA" --no-tui --output-format json -z "${seconds}s" -c "$concurrency" \
        -m POST -T application/json -d "$body" "http://127.0.0.1:$port/vca" > "target/bench-serve-$port.json"
done

python3 - "$serve_port" "$bare_port" "$concurrency" <<'PY'
import json, sys
serve, bare, concurrency = sys.argv[1:]
ours = json.load(open(f"target/bench-serve-{serve}.json"))
floor = json.load(open(f"target/bench-serve-{bare}.json"))
def line(name, run):
    summary, p = run["summary"], run["latencyPercentiles"]
    ok = run.get("statusCodeDistribution", {})
    print(f"  {name:38} {summary['requestsPerSec']:10,.0f} requests/s  p50 {p['p50'] * 1e3:.3f} ms  "
          f"p99 {p['p99'] * 1e3:.3f} ms  statuses {ok}")
print(f"oha, concurrency {concurrency}, {ours['summary']['total']:.0f} s each, one 2-core machine")
line("callflow serve, advanced IVR map", ours)
line("bare axum handler, constant body", floor)
ratio = ours["summary"]["requestsPerSec"] / floor["summary"]["requestsPerSec"]
print(f"  ratio serve / bare: {ratio:.2f} (goal >= 0.8)")
PY
