"""Hostile input to the emulator's native entry points gives a clear exception or a
refused call, never a crash; errors in the documents are callflow.EmulatorError."""

from __future__ import annotations

import json
import math
import pickle
import socket
from typing import Any

import pytest

import callflow
from callflow._native import emulate_http
from callflow.testing import Emulator, MapBackend, Scenario, Transcript, Webhook, emulate
from conftest import REPO

REQUEST = json.loads((REPO / "examples/voice/simple-ivr.json").read_text())


def closed_url() -> str:
    """A URL on 127.0.0.1 where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/vca"


def nested(depth: int, make: Any) -> Any:
    value: Any = {}
    for _ in range(depth):
        value = make(value)
    return value


def refused(request: Any) -> list[str]:
    """The messages of a call whose request the emulated API refuses."""
    result = emulate(request, lambda event: None)
    assert (result.session_status, result.status_code, result.webhooks) == ("NOT_CREATED", -1001, [])
    return [finding.message for finding in result.findings]


@pytest.mark.parametrize(
    "request_, message",
    [
        (nested(10_000, lambda inner: {"callflow": inner}), "nested deeper than 128 levels"),
        ({"callflow": nested(10_000, lambda inner: [inner])}, "nested deeper than 128 levels"),
        ("[" * 100_000, "recursion limit exceeded"),
        (b"\xff\xfe{}", "Invalid JSON request body"),
        ("", "EOF while parsing"),
        (5, "expected a JSON object, found number"),
    ],
    ids=["deep dict", "deep list", "deep text", "invalid UTF-8", "empty", "number"],
)
def test_hostile_requests_are_refused_as_the_api_would(request_: Any, message: str) -> None:
    [finding] = refused(request_)
    assert finding.startswith("the API refuses the request with status -1001") and message in finding


def test_a_request_cycle_is_too_deep() -> None:
    doc: dict[str, Any] = {}
    doc["callflow"] = [doc]
    assert "nested deeper than 128 levels" in refused(doc)[0]


@pytest.mark.parametrize(
    "script, message",
    [
        (b"\xff", "the caller script is not JSON"),
        ("[" * 100_000, "the caller script is not JSON: recursion limit exceeded"),
        (nested(1_000, lambda inner: [inner]), "nested deeper than 128 levels"),
        ([{"press": "12x"}], "script[0]: 'x' is not a phone key"),
        ([{"callee": "maybe"}], 'unknown callee outcome "maybe"'),
        ({"press": "1"}, "must be a JSON array"),
    ],
)
def test_unusable_scripts_are_emulator_errors(script: Any, message: str) -> None:
    with pytest.raises(callflow.EmulatorError) as raised:
        Emulator.outbound(REQUEST, script)
    assert raised.value.code == "invalid-script" and message in str(raised.value)
    assert isinstance(raised.value, ValueError) and isinstance(raised.value, callflow.CallflowError)


@pytest.mark.parametrize(
    "options, message",
    [
        ({"dialekt": "legacy"}, "unknown field `dialekt`"),
        ({"dialect": "ancient"}, "unknown variant `ancient`"),
        ({"seed": -1}, "invalid value: integer `-1`"),
        ({"seed": 2**70}, "expected u64"),
        ({"webhookTimeoutMs": math.nan}, "expected u64"),
        ({"maxSteps": 0}, "maxSteps must be at least 1"),
        ([1], "options:"),
        (b"\xff", "the emulator options is not JSON"),
    ],
)
def test_unusable_options_are_emulator_errors(options: Any, message: str) -> None:
    with pytest.raises(callflow.EmulatorError) as raised:
        Emulator.outbound(REQUEST, None, options)
    assert raised.value.code == "invalid-options" and message in str(raised.value)


def test_wrong_types_are_type_errors() -> None:
    with pytest.raises(TypeError, match="object is not a JSON value"):
        Emulator.outbound(object())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="keys must be str, not int"):
        Emulator.outbound(REQUEST, {1: 2})  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        Emulator.inbound(1, "+6568888888")  # type: ignore[arg-type]
    with pytest.raises(UnicodeEncodeError):
        Emulator.inbound("\ud800", "+6568888888")
    for native in (Emulator, Transcript, Webhook):
        with pytest.raises(TypeError, match="cannot create"):
            native()


def test_answers_are_checked_when_converted() -> None:
    call = Emulator.outbound(REQUEST, [{"press": "1"}])
    assert call.next_webhook() is not None
    with pytest.raises(OverflowError):
        call.respond(70_000, b"{}", 0)
    with pytest.raises(TypeError, match="an answer's body is bytes, bytearray or str, not list"):
        call.respond(200, [1], 0)  # type: ignore[arg-type]
    for latency in (math.nan, math.inf, -1.0):
        with pytest.raises(ValueError, match="latency_ms must be a finite number"):
            call.respond(200, b"{}", latency)
        with pytest.raises(ValueError, match="latency_ms must be a finite number"):
            call.fail("timeout", "slow", latency)
    with pytest.raises(ValueError, match='unknown failure "nope"'):
        call.fail("nope", "x", 0)  # type: ignore[arg-type]
    call.respond(200, '{"callflow": [{"action": "hangup"}]}', 1.5)
    while call.next_webhook() is not None:
        call.respond(200, bytearray(b"{}"), 0)
    assert call.next_webhook() is None
    call.respond(200, b"{}", 0)  # nothing is waiting: ignored
    transcript = call.transcript()
    assert transcript.ok and json.loads(transcript.to_json())["webhooks"][0]["latencyMs"] == 1.5


@pytest.mark.parametrize(
    "ivr, message",
    [(5, "an IVR map is a JSON object"), (b"\xff", "the IVR map is not JSON"),
     ({"menus": []}, '"menus" must be an object'), ({"menus": {"a": 1}}, 'menus["a"] must be an object')],
)
def test_unusable_maps_are_emulator_errors(ivr: Any, message: str) -> None:
    with pytest.raises(callflow.EmulatorError) as raised:
        MapBackend(ivr)
    assert raised.value.code == "invalid-map" and message in str(raised.value)


@pytest.mark.parametrize(
    "scenario, message",
    [({}, 'either "request"'), (b"\xff", "the scenario is not JSON"),
     ({"request": REQUEST, "expect": {"colour": 1}}, "unknown field `colour`"),
     ({"inbound": {"from": "1", "to": "2"}, "script": "x"}, "must be a JSON array")],
)
def test_unusable_scenarios_are_emulator_errors(scenario: Any, message: str) -> None:
    with pytest.raises(callflow.EmulatorError) as raised:
        Scenario(scenario)
    assert message in str(raised.value)


def test_emulator_errors_pickle() -> None:
    error = callflow.EmulatorError("the IVR map is not JSON", "invalid-map")
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.code) == (callflow.EmulatorError, str(error), "invalid-map")


def test_http_settings_are_checked() -> None:
    for url in ("ftp://example.com/vca", "not a url", "/vca"):
        with pytest.raises(ValueError, match="webhook URL"):
            emulate_http(Emulator.outbound(REQUEST), url)
    with pytest.raises(ValueError, match="control character"):
        emulate_http(Emulator.outbound(REQUEST), closed_url(), secret="a\r\nX-Injected: 1")
    for timeout in (0, -1, math.nan, math.inf):
        with pytest.raises(ValueError, match="timeout must be a positive number of seconds"):
            emulate_http(Emulator.outbound(REQUEST), closed_url(), timeout=timeout)


def test_an_emulator_runs_over_http_once() -> None:
    call, url = Emulator.outbound(REQUEST), closed_url()
    transcript = emulate_http(call, url, timeout=2)
    assert not transcript.ok and "connection-failed" in transcript.to_text()
    for again in (call.next_webhook, call.transcript, lambda: emulate_http(call, url)):
        with pytest.raises(RuntimeError, match="can no longer be used"):
            again()
