"""Every shared vector in tests/fixtures/webhooks/ gives exactly the expected event or
error.

A ``document`` case is parsed as a dict (unless it is a JSON string, which Python would
read as text), as ``str`` and as UTF-8 ``bytes``; a ``body`` case as ``str`` and
``bytes``; a ``bodyHex`` case as ``bytes``. Every case of tests/fixtures/receiving/ gives
the expected answer from a ``webhooks.Receiver``, or the expected source-address test.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import callflow
from callflow import voice, webhooks

from conftest import vector_cases

FILES, CASES = vector_cases("webhooks")


def inputs(case: dict[str, Any]) -> dict[str, object]:
    if "document" in case:
        text = json.dumps(case["document"])
        forms: dict[str, object] = {"str": text, "bytes": text.encode()}
        if not isinstance(case["document"], str):
            forms["dict"] = case["document"]
        return forms
    if "body" in case:
        return {"str": case["body"], "bytes": case["body"].encode()}
    return {"bytes": bytes.fromhex(case["bodyHex"])}


def outcome(body: Any) -> dict[str, Any]:
    try:
        event = voice.parse_event(body)
    except callflow.EventError as err:
        return {"error": {"code": err.code, "message": str(err)}}
    return {"event": event.to_dict()}


def test_there_are_enough_vectors() -> None:
    assert len(FILES) >= 3
    assert len(CASES) >= 60


@pytest.mark.parametrize("case", CASES)
def test_vector(case: dict[str, Any]) -> None:
    for form, body in inputs(case).items():
        assert outcome(body) == case["expect"], f"as {form}"


_, RECEIVING = vector_cases("receiving")


@pytest.mark.parametrize("case", RECEIVING)
def test_receiving_vector(case: dict[str, Any]) -> None:
    if "address" in case:
        assert {"sourceAddress": webhooks.is_source_address(case["address"])} == case["expect"]
        return
    receiver = webhooks.Receiver(case.get("secret"))
    for form, body in {"str": case["body"], "bytes": case["body"].encode()}.items():
        received = receiver.receive(body, case.get("authorization"))
        if isinstance(received, webhooks.Answer):
            actual: dict[str, Any] = {"status": received.status, "body": json.loads(received.body)}
        else:
            actual = {"eventType": received.event_type}
        assert actual == case["expect"], f"as {form}"
