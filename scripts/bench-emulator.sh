#!/usr/bin/env bash
# Benchmarks the call emulator on 8x8's advanced IVR (an inbound caller presses 1, 1, 4:
# four Voice Call Action webhooks and the session summary), in each language:
# - Rust: the whole emulated call (an IVR map answering in-process) beside validating
#   the call's four replies alone, and the ratio (the emulation's overhead);
# - Python: the call through callflow.testing with the ported sample's handler, beside
#   one request through Flask's own test client (goal: the whole call costs less);
# - Node: the call through callflow-rs/testing with the ported sample's handler.
# Each language also times the explorer on the whole IVR, and (Python and Node) the IVR
# map runtime answering one call action beside the sample's hand-written handler.
# Release builds throughout. Extra arguments go to criterion.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

cargo bench -p callflow-core --bench emulate -- "$@"
PYTHONPATH=scripts python3 - <<'PY'
from criterion_medians import medians
found = medians("advanced-ivr-call")
alone = found["validate the call's 4 replies"]
call = found["emulate the whole call"]
print(f"\nRust, advanced IVR call: emulated {call / 1e3:.1f} us, its replies validated alone "
      f"{alone / 1e3:.1f} us: overhead {call / alone:.1f}x; {1e9 / call:,.0f} calls/s on one core")
PY

source "$root/scripts/python-env.sh"
maturin develop --quiet --release
python benchmarks/emulate.py
python benchmarks/ivr.py

cd "$root/node"
npm ci --no-audit --no-fund --loglevel=error
npm run --silent build
node benchmarks/emulate.js
node benchmarks/ivr.js
