"""A typed use of ``callflow.testing``, checked by ``mypy --strict`` (and run by pytest),
written as a test of an IVR backend would be."""

from __future__ import annotations

from callflow import voice
from callflow.testing import (
    Answered,
    CallResult,
    Finding,
    MapBackend,
    Webhook,
    WebhookRecord,
    emulate,
    run_scenario,
)
from callflow.testing.pytest_plugin import Emulation
from callflow.webhooks import ReplyLike

PROFILE = "en-US-BenjaminRUS"
REQUEST = {
    "callflow": [
        {"action": "makeCall", "params": {"source": "+6512345678", "destination": "+6587654321"}},
        {"action": "sayAndCapture", "params": {"promptMessage": "Press 1.", "voiceProfile": PROFILE}},
    ]
}


def on_event(event: voice.Event) -> ReplyLike:
    if isinstance(event, voice.CallActionEvent) and event.dtmf == "1":
        return [voice.Say(text="Bye.", voice_profile=PROFILE), voice.Hangup()]
    return None


def slow(webhook: Webhook) -> Answered:
    return Answered(200, b"{}", latency_ms=6000.0 if webhook.kind == "VCA" else 0.0)


def checks() -> list[str]:
    result: CallResult = emulate(REQUEST, on_event, press="1", dialect="legacy", seed=3)
    result.assert_ok()
    result.assert_heard("Press 1.", "Bye.")
    heard: list[str] = result.heard
    hooks: list[WebhookRecord] = result.webhooks
    status: int | None = hooks[0].http_status
    assert status == 200 and result.session_status == "COMPLETED"
    timed_out: list[Finding] = emulate(REQUEST, slow, kind="raw", press="1").findings
    assert timed_out[0].code == "reply-timeout"
    mapped = emulate(inbound=("+6591234567", "+6568888888"), backend=MapBackend({"menus": {}}))
    assert mapped.session_status in ("COMPLETED", "ERROR")
    scenario = {"request": REQUEST, "script": [{"press": "1"}], "expect": {"heard": ["Bye."]}}
    assert run_scenario(scenario, on_event).passed
    assert Emulation(backend=on_event).set(request=REQUEST).emulate(press="1").ok
    return heard


def mistakes() -> None:
    """Calls mypy must refuse (each ``type: ignore`` must stay needed)."""
    emulate(REQUEST, on_event, press=1)  # type: ignore[arg-type]
    emulate(REQUEST, on_event, kind="flask")  # type: ignore[arg-type]
    emulate(REQUEST, on_event, webhook_timeout="5s")  # type: ignore[arg-type]
    emulate(REQUEST, on_event, inbound=("+6591234567",))  # type: ignore[arg-type]
    emulate(REQUEST, 42)  # type: ignore[arg-type]
    Answered("200", b"{}")  # type: ignore[arg-type]


def main() -> None:
    assert checks() == ["Press 1.", "Bye."]
