#!/usr/bin/env bash
# Builds the Python package into a local virtualenv (python/.venv, created on first run)
# and runs its checks: pytest (every shared vector, the Python surface, robustness, the
# README's Python example), mypy --strict on the package and a typed usage sample
# (whose deliberate mistakes must stay errors), and stubtest of the stubs against the
# built module. The wheel itself is tested by scripts/test-package.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/python-env.sh"
maturin develop --quiet

python -m pytest -q
python -m mypy --strict callflow tests/typing examples
python -m mypy.stubtest callflow._native

