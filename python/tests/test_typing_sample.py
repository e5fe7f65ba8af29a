"""The typed usage sample (checked by mypy --strict in scripts/test-python.sh) also runs."""

from __future__ import annotations

import importlib.util

from conftest import REPO


def test_typed_usage_sample_runs() -> None:
    path = REPO / "python" / "tests" / "typing" / "usage.py"
    spec = importlib.util.spec_from_file_location("usage", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main()
