"""Shared helpers of the Python test suite."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
"""The repository root: the shared vectors and the README live there."""


def vector_cases(kind: str) -> tuple[list[Path], list[Any]]:
    """The files of ``tests/fixtures/<kind>/`` and their cases, one pytest param each."""
    files = sorted((REPO / "tests" / "fixtures" / kind).glob("*.json"))
    cases = [
        pytest.param(case, id=f"{path.stem}: {case['name']}")
        for path in files
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]
    ]
    return files, cases
