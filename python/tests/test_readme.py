"""The Python examples of both READMEs run, so they cannot drift from the package."""

from __future__ import annotations

import re

from conftest import REPO


READMES = [REPO / "README.md", REPO / "python" / "README.md"]


def python_blocks() -> list[str]:
    return [
        block
        for readme in READMES
        for block in re.findall(r"```python\n(.*?)```", readme.read_text(encoding="utf-8"), flags=re.S)
    ]


def test_readmes_have_python_examples() -> None:
    assert len(python_blocks()) >= len(READMES)


def test_readme_python_examples_run() -> None:
    for block in python_blocks():
        exec(compile(block, "README.md", "exec"), {"__name__": "readme"})
