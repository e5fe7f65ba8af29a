#!/usr/bin/env bash
# Builds the Python package into a local virtualenv (python/.venv, created on first run)
# and runs its checks: pytest (every shared vector, the Python surface, robustness, the
# README's Python example), mypy --strict on the package and a typed usage sample
# (whose deliberate mistakes must stay errors), stubtest of the stubs against the
# built module, and a smoke test of the built wheel installed into a clean virtualenv.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/python-env.sh"
maturin develop --quiet

python -m pytest -q
python -m mypy --strict callflow tests/typing examples
python -m mypy.stubtest callflow._native

# The wheel, installed into a clean virtualenv, works outside the source tree and
# carries its type information.
dist="$(mktemp -d)"
trap 'rm -rf "$dist"' EXIT
maturin build --quiet --out "$dist/wheels"
python -m venv "$dist/venv"
"$dist/venv/bin/pip" install --quiet --disable-pip-version-check --no-index "$dist"/wheels/*.whl
(cd "$dist" && venv/bin/python - <<'PY'
import importlib.resources

import callflow
from callflow import voice

files = importlib.resources.files("callflow")
assert files.joinpath("py.typed").is_file() and files.joinpath("_native.pyi").is_file()
assert "site-packages" in callflow.__file__
report = voice.validate(b'{"callflow": [{"action": "hangup"}]}', profile="reply")
assert report.ok, report
print(f"wheel OK: callflow {callflow.__version__} from {files.name}")
PY
)
