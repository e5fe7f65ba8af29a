#!/usr/bin/env bash
# Benchmarks the Python package (release build) beside pydantic v2, fastjsonschema and
# jsonschema on the seed IVR request, and prints the ratios. Uses the virtualenv that
# scripts/test-python.sh creates (and creates it the same way if missing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../python"

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
export VIRTUAL_ENV="$PWD/.venv"
export PATH="$VIRTUAL_ENV/bin:$PATH"

pip install --quiet --disable-pip-version-check -r requirements-dev.txt
maturin develop --quiet --release
python benchmarks/bench.py
