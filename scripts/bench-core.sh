#!/usr/bin/env bash
# Benchmarks callflow-core's validation on the seed IVR request beside serde_json's
# parse of the same bytes into a Value, then prints each result as a ratio of that parse.
# Extra arguments go to criterion (e.g. --measurement-time 10).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

cargo bench -p callflow-core --bench validate -- "$@"

python3 - <<'PY'
import json, os, pathlib
group = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", "target")) / "criterion" / "seed-ivr-request"
results = {}
for bench in group.iterdir():
    meta = bench / "new" / "benchmark.json"
    if meta.exists():
        name = json.loads(meta.read_text())["function_id"]
        results[name] = json.loads((bench / "new" / "estimates.json").read_text())["median"]["point_estimate"]
baseline = results.pop("serde_json::from_slice::<Value>")
print(f"\nseed IVR request, median times (ratio to serde_json::from_slice::<Value>, {baseline:.0f} ns):")
for name, ns in sorted(results.items()):
    print(f"  {name:40} {ns:8.0f} ns   {ns / baseline:.2f}x")
PY
