"""The Python examples of both READMEs run, so they cannot drift from the package. The
example that sends a voice message talks to a local server standing in for 8x8."""

from __future__ import annotations

import json
import re

import pytest
from conftest import REPO
from test_client import CREATED, Reply, Server


READMES = [REPO / "README.md", REPO / "python" / "README.md"]


def python_blocks() -> list[str]:
    return [
        block
        for readme in READMES
        for block in re.findall(r"```python\n(.*?)```", readme.read_text(encoding="utf-8"), flags=re.S)
    ]


def test_readmes_have_python_examples() -> None:
    assert len(python_blocks()) >= len(READMES)


def test_readme_python_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    server = Server([Reply(200, CREATED)])
    monkeypatch.setenv("CALLFLOW_8X8_API_KEY", "sk-readme")
    monkeypatch.setenv("CALLFLOW_8X8_BASE_URL", server.url)
    try:
        for block in python_blocks():
            exec(compile(block, "README.md", "exec"), {"__name__": "readme"})
    finally:
        server.stop()
    [request] = server.seen
    assert request.path == "/api/v1/subaccounts/my-subaccount/callflows"
    assert request.headers["authorization"] == "Bearer sk-readme"
    assert json.loads(request.body)["callflow"][1]["params"]["text"] == "Your code is 1 2 3 4."
