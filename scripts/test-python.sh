#!/usr/bin/env bash
# Builds the Python package into a local virtualenv (python/.venv, created on first run)
# and runs its checks: pytest (every shared vector, the Python surface, robustness, the
# README's Python example), mypy --strict on the package and a typed usage sample
# (whose deliberate mistakes must stay errors), and stubtest of the stubs against the
# built module.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../python"

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
export VIRTUAL_ENV="$PWD/.venv"
export PATH="$VIRTUAL_ENV/bin:$PATH"

pip install --quiet --disable-pip-version-check -r requirements-dev.txt
maturin develop --quiet ${MATURIN_RELEASE:+--release}

python -m pytest -q
python -m mypy --strict callflow tests/typing
python -m mypy.stubtest callflow._native
