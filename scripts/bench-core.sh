#!/usr/bin/env bash
# Benchmarks callflow-core: validation of the seed IVR request beside serde_json's parse
# of the same bytes into a Value (each result printed as a ratio of that parse), then
# the Yay.com call-flow checks and SVG diagrams on flows of 10, 1,000 and 100,000
# modules. Extra arguments go to criterion (e.g. --measurement-time 10).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

cargo bench -p callflow-core --bench validate --bench pbx -- "$@"

PYTHONPATH=scripts python3 - <<'PY'
import json, os, pathlib
from criterion_medians import medians
group = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", "target")) / "criterion" / "seed-ivr-request"
results = medians("seed-ivr-request")
baseline = results.pop("serde_json::from_slice::<Value>")
print(f"\nseed IVR request, median times (ratio to serde_json::from_slice::<Value>, {baseline:.0f} ns):")
for name, ns in sorted(results.items()):
    print(f"  {name:40} {ns:8.0f} ns   {ns / baseline:.2f}x")

sizes = {}
for function in (group.parent / "pbx-check").iterdir():
    for size in function.iterdir():
        meta = size / "new" / "benchmark.json"
        if meta.exists():
            info = json.loads(meta.read_text())
            median = json.loads((size / "new" / "estimates.json").read_text())["median"]["point_estimate"]
            sizes.setdefault(int(info["value_str"]), {})[info["function_id"]] = median
print("\nYay.com call flows, median times (ms):")
for modules, times in sorted(sizes.items()):
    row = ", ".join(f"{name} {ns / 1e6:.3f}" for name, ns in sorted(times.items()))
    print(f"  {modules:>7} modules: {row}")
PY
