# Sourced by the Python scripts: enters python/, creates the local virtualenv
# python/.venv on first use, activates it, and installs the pinned tools
# (requirements-dev.txt) into it.
cd "$(dirname "${BASH_SOURCE[0]}")/../python"

if [ ! -x .venv/bin/python ]; then
    "${PYTHON:-python3}" -m venv .venv
fi
export VIRTUAL_ENV="$PWD/.venv"
export PATH="$VIRTUAL_ENV/bin:$PATH"

pip install --quiet --disable-pip-version-check -r requirements-dev.txt
