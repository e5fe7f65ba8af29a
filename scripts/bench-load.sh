#!/usr/bin/env bash
# Benchmarks `callflow load` against a minimal local webhook backend (the runner's
# constant_backend example: HTTP/1.1 keep-alive on loopback, one constant valid reply),
# beside oha (a widely used HTTP load generator, installed here with cargo) posting a
# Voice Call Action body to the same backend, in the same run and with the same
# concurrency. Goal: callflow's webhook rate at least 0.8x oha's request rate, so the
# load runner is never the bottleneck. Each emulated call is an inbound call answered
# with goodbye and hangup: two webhooks (the call action and the session summary).
#
# Environment: CONCURRENCY (default 16), SECONDS_OHA (default 10), CALLS (default 40000).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

concurrency="${CONCURRENCY:-16}"
seconds="${SECONDS_OHA:-10}"
calls="${CALLS:-40000}"
port=18091

source scripts/bench-http.sh
cargo build --release --quiet -p callflow-cli
cargo build --release --quiet -p callflow-runner --example constant_backend

# The backend stops by itself after 300 s, and when this script ends.
target/release/examples/constant_backend "$port" 300 &
backend=$!
trap 'kill "$backend" 2>/dev/null || true' EXIT
wait_for_port "$port"
url="http://127.0.0.1:$port/vca"
body='{"namespace":"VOICE","eventType":"CALL_ACTION","description":"Action request of a call","payload":{"callStatus":"CALL_RECEIVED","clientActionId":null}}'

"$OHA" --no-tui --output-format json -z "${seconds}s" -c "$concurrency" \
    -m POST -T application/json -d "$body" "$url" > target/bench-oha.json
target/release/callflow load --inbound --from +6591234567 --to +6568888888 \
    --webhook "$url" --calls "$calls" --concurrency "$concurrency" --format json \
    2>/dev/null > target/bench-load.json || true

python3 - "$concurrency" <<'PY'
import json, sys
oha = json.load(open("target/bench-oha.json"))
load = json.load(open("target/bench-load.json"))
assert load["failed"] == 0, load
oha_rate = oha["summary"]["requestsPerSec"]
ours = load["webhooksPerSecond"]
print(f"concurrency {sys.argv[1]}, one machine (backend, client and server share its cores)")
print(f"  oha, POST of a call action          {oha_rate:10,.0f} requests/s "
      f"(p50 {oha['latencyPercentiles']['p50'] * 1e3:.3f} ms, p99 {oha['latencyPercentiles']['p99'] * 1e3:.3f} ms)")
print(f"  callflow load, {load['calls']:,} emulated calls  {ours:10,.0f} webhooks/s "
      f"(p50 {load['latencyMs']['p50']:.3f} ms, p99 {load['latencyMs']['p99']:.3f} ms), "
      f"{load['callsPerSecond']:,.0f} calls/s")
print(f"  ratio callflow / oha: {ours / oha_rate:.2f} (goal >= 0.8)")
PY
