"""Every shared vector in tests/fixtures/webhooks/ gives exactly the expected event or
error.

A ``document`` case is parsed as a dict (unless it is a JSON string, which Python would
read as text), as ``str`` and as UTF-8 ``bytes``; a ``body`` case as ``str`` and
``bytes``; a ``bodyHex`` case as ``bytes``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import callflow
from callflow import voice

from conftest import REPO

FILES = sorted((REPO / "tests" / "fixtures" / "webhooks").glob("*.json"))


def inputs(case: dict[str, Any]) -> list[tuple[str, object]]:
    if "document" in case:
        text = json.dumps(case["document"])
        forms: list[tuple[str, object]] = [("str", text), ("bytes", text.encode())]
        if not isinstance(case["document"], str):
            forms.append(("value", case["document"]))
        return forms
    if "body" in case:
        return [("str", case["body"]), ("bytes", case["body"].encode())]
    return [("bytes", bytes.fromhex(case["bodyHex"]))]


def load_cases() -> list[Any]:
    params = []
    for path in FILES:
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            for form, body in inputs(case):
                params.append(pytest.param(body, case["expect"], id=f"{path.stem}: {case['name']} ({form})"))
    return params


CASES = load_cases()


def outcome(body: Any) -> dict[str, Any]:
    try:
        event = voice.parse_event(body)
    except callflow.EventError as err:
        return {"error": {"code": err.code, "message": str(err)}}
    return {"event": event.to_dict()}


def test_there_are_enough_vectors() -> None:
    assert len(FILES) >= 3
    assert len(CASES) >= 150


@pytest.mark.parametrize(("body", "expect"), CASES)
def test_vector(body: Any, expect: dict[str, Any]) -> None:
    assert outcome(body) == expect
