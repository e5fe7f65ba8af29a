"""The typed usage samples (checked by mypy --strict in scripts/test-python.sh) also run."""

from __future__ import annotations

import importlib.util

import pytest

from conftest import REPO


@pytest.mark.parametrize("name", ["usage", "emulator_usage"])
def test_typed_usage_sample_runs(name: str) -> None:
    path = REPO / "python" / "tests" / "typing" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main()
