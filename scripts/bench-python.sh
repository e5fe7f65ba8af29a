#!/usr/bin/env bash
# Benchmarks the Python package (release build) beside pydantic v2, fastjsonschema and
# jsonschema on the seed IVR request, and prints the ratios. Uses the virtualenv that
# scripts/test-python.sh creates (and creates it the same way if missing).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/python-env.sh"
maturin develop --quiet --release
python benchmarks/bench.py
