"""docs/API.md lists every public item in Rust, Python and Node side by side: each Python
name it gives must exist in the package, so the table cannot go stale."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from types import ModuleType

import pytest

TABLE = Path(__file__).resolve().parents[2] / "docs" / "API.md"
HEADER = "| Concept | Rust | Python | Node | Note |"


def python_names() -> list[str]:
    """The Python column's names, in table order."""
    names: list[str] = []
    in_table = False
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() == HEADER:
            in_table = True
            continue
        if not line.startswith("|"):
            in_table = False
            continue
        if in_table and not line.startswith("| ---"):
            cell = [part.strip() for part in line.strip("|").split("|")][2]
            names.extend(re.findall(r"`([^`]+)`", cell))
    return names


def resolve(dotted: str) -> object:
    """The object a dotted path names: the longest importable module, then attributes."""
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:split]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[split:]:
            found = getattr(found, attribute)
        return found
    raise ModuleNotFoundError(dotted)


def test_the_table_lists_python_names() -> None:
    names = python_names()
    assert len(names) > 100
    assert len(names) == len(set(names)), "a Python name is listed twice"


@pytest.mark.parametrize("name", python_names())
def test_each_listed_python_name_exists(name: str) -> None:
    assert name.startswith("callflow."), name
    found = resolve(name)
    assert not isinstance(found, ModuleType) or name.count(".") == 1, name


def test_a_missing_name_is_caught() -> None:
    with pytest.raises(AttributeError):
        resolve("callflow.voice.NoSuchThing")


PUBLIC_MODULES = [
    "callflow",
    "callflow.voice",
    "callflow.pbx",
    "callflow.ivr",
    "callflow.diagram",
    "callflow.webhooks",
    "callflow.webhooks.flask",
    "callflow.webhooks.fastapi",
    "callflow.testing",
    "callflow.client",
]


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_every_public_name_is_in_the_table(module_name: str) -> None:
    listed = set(python_names())
    module = importlib.import_module(module_name)
    # `Issue` and `Report` are re-exported by the platform modules from `callflow`.
    missing = [
        f"{module_name}.{name}"
        for name in module.__all__
        if not isinstance(getattr(module, name), ModuleType)
        and f"{module_name}.{name}" not in listed
        and f"callflow.{name}" not in listed
    ]
    assert missing == [], "public but not in docs/API.md"
