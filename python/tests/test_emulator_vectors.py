"""The shared emulator vectors (tests/fixtures/emulator/): each case's IVR map answers
through callflow.testing's own delivery loop, and the transcript must equal the expected
one exactly, as in Rust and Node."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from callflow.testing import Answered, Failed, MapBackend, Webhook, emulate, run_scenario
from conftest import vector_cases

FILES, CASES = vector_cases("emulator")


def as_backend(ivr: MapBackend) -> Callable[[Webhook], Answered | Failed]:
    """The map as a raw Python backend: its answers, with the map's own latency."""

    def answer(webhook: Webhook) -> Answered | Failed:
        first, second, latency_ms = ivr.answer(webhook)
        if isinstance(first, int) and isinstance(second, bytes):
            return Answered(first, second, latency_ms)
        return Failed(first, second, latency_ms)  # type: ignore[arg-type]

    return answer


def through_scenario(case: dict[str, Any]) -> Any:
    """The case's call read as a scenario (as the fixtures' README says) and run by
    ``run_scenario``."""
    scenario = {key: case[key] for key in ("name", "request", "inbound", "script", "options") if key in case}
    result = run_scenario(scenario, as_backend(MapBackend(case["backend"])), kind="raw")
    return json.loads(result.to_json())


def through_emulate(case: dict[str, Any]) -> Any:
    """The case's call through ``emulate``: the request as JSON text (it may be any JSON
    value), the options as ``emulate``'s keywords take them."""
    options = dict(case.get("options") or {})
    result = emulate(
        json.dumps(case["request"]) if "request" in case else None,
        as_backend(MapBackend(case["backend"])),
        kind="raw",
        inbound=case.get("inbound"),
        script=case.get("script", []),
        dialect=options.pop("dialect", "current"),
        seed=options.pop("seed", 0),
        webhook_timeout=options.pop("webhookTimeoutMs", 5000) / 1000,
        options=options,
    )
    return json.loads(result.to_json())


def test_the_vectors_are_there() -> None:
    assert FILES and len(CASES) >= 40


@pytest.mark.parametrize("run", [through_scenario, through_emulate], ids=["scenario", "emulate"])
@pytest.mark.parametrize("case", CASES)
def test_vector(case: dict[str, Any], run: Callable[[dict[str, Any]], Any]) -> None:
    assert run(case) == case["expected"]


def test_the_runner_on_a_case_of_its_own() -> None:
    """A small case built here, so the runner itself is checked whatever the files hold."""
    case = {
        "inbound": {"from": "+6591234567", "to": "+6568888888"},
        "backend": {
            "start": {
                "clientActionId": "menu",
                "callflow": [{"action": "sayAndCapture", "params": {"promptMessage": "Press 1.",
                                                                    "voiceProfile": "en-GB-Emma"}}],
            },
            "menus": {"menu": {"1": {"$status": 200, "$body": "{}", "$latencyMs": 7000}}},
        },
        "script": [{"press": "1"}],
        "options": {"seed": 9, "webhookTimeoutMs": 6000, "dialect": "legacy"},
    }
    transcript = through_emulate(case)
    assert through_scenario(case) == transcript
    assert transcript["heard"] == ["Press 1."] and transcript["pressed"] == ["1"]
    assert [hook["latencyMs"] for hook in transcript["webhooks"]] == [0.0, 7000.0, 0.0]
    assert [finding["code"] for finding in transcript["findings"]] == ["reply-timeout"]
    assert transcript["webhooks"][1]["clientActionId"] == "menu"
    body = next(step["body"] for step in transcript["steps"] if step["kind"] == "webhook" and
                step["body"]["payload"].get("clientActionId") == "menu")
    assert body["payload"]["dtmf"] == "1"  # the legacy dialect's flat digits
