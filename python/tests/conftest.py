"""Shared helpers of the Python test suite."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
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


def load_sample(name: str, monkeypatch: pytest.MonkeyPatch, secret: str | None = None) -> ModuleType:
    """A fresh import of the ported 8x8 sample ``python/examples/<name>.py``, with
    ``CALLFLOW_WEBHOOK_SECRET`` set to ``secret`` (or unset)."""
    if secret is None:
        monkeypatch.delenv("CALLFLOW_WEBHOOK_SECRET", raising=False)
    else:
        monkeypatch.setenv("CALLFLOW_WEBHOOK_SECRET", secret)
    monkeypatch.syspath_prepend(str(REPO / "python" / "examples"))
    sys.modules.pop(name, None)
    return importlib.import_module(name)


@contextmanager
def serve(app: Callable[..., Any]) -> Iterator[str]:
    """Serves the WSGI ``app`` over HTTP on 127.0.0.1 (a free port) from a thread of this
    process, and gives its base URL; the server is shut down afterwards."""
    from werkzeug.serving import WSGIRequestHandler, make_server

    class Quiet(WSGIRequestHandler):
        def log(self, type: str, message: str, *args: Any) -> None:
            """Keeps the test output free of one log line per request."""

    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=Quiet)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def cli() -> Path:
    """The `callflow` binary of this workspace, built (or brought up to date) first."""
    metadata = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--no-deps"],
        cwd=REPO, capture_output=True, text=True, check=True,
    )
    binary = Path(json.loads(metadata.stdout)["target_directory"]) / "debug" / "callflow"
    subprocess.run(["cargo", "build", "--quiet", "-p", "callflow-cli"], cwd=REPO, check=True, timeout=1800)
    return binary
