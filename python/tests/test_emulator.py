"""callflow.testing: whole emulated calls against the ported 8x8 samples (as webhook
functions, as Flask apps called in-process, and over HTTP), an ASGI app, every finding a
Python backend can provoke, and the result's API."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from callflow import voice
from callflow.webhooks import is_source_address
from callflow.testing import (
    Answered,
    CallResult,
    Failed,
    Finding,
    MapBackend,
    WebhookRecord,
    backend_kind,
    emulate,
    emulate_async,
    run_scenario,
)
from conftest import REPO, load_sample, serve

SIMPLE_IVR = json.loads((REPO / "examples/voice/simple-ivr.json").read_text())
WELCOME = "Dear customer, Thank you for contacting Xyz technical support recently."
MENU = "Sorry, we did not understand your response."
INBOUND = ("+6591234567", "+6568888888")
VOICE = "en-US-BenjaminRUS"


@pytest.fixture
def simple(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    yield load_sample("simple_ivr", monkeypatch)


@pytest.fixture
def advanced(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    yield load_sample("advanced_ivr", monkeypatch)


def kinds(result: CallResult) -> list[tuple[str, int | None]]:
    return [(hook.kind, hook.http_status) for hook in result.webhooks]


def codes(result: CallResult) -> list[str]:
    return [finding.code for finding in result.findings]


# The ported samples


@pytest.mark.parametrize("dialect", ["current", "legacy"])
@pytest.mark.parametrize("as_app", [False, True], ids=["function", "flask"])
def test_simple_ivr_press_1_hangs_up(simple: ModuleType, as_app: bool, dialect: str) -> None:
    backend = simple.app if as_app else simple.on_call_action
    result = emulate(SIMPLE_IVR, backend, press="1", dialect=dialect)
    result.assert_ok()
    result.assert_no_findings()
    result.assert_status("COMPLETED")
    result.assert_heard(WELCOME)
    assert result.heard == [SIMPLE_IVR["callflow"][1]["params"]["promptMessage"]]
    assert result.pressed == ["1"]
    assert kinds(result) == [("VCA", 200), ("VSS", 200)]
    assert result.status_code == 1 and result.session_id


def test_simple_ivr_press_2_reaches_the_agent_then_the_menu(simple: ModuleType) -> None:
    result = emulate(SIMPLE_IVR, simple.app, press=["2", "1"])
    result.assert_ok()
    result.assert_heard(WELCOME, MENU)
    assert result.pressed == ["2", "1"]
    assert kinds(result) == [("VCA", 200), ("VCA", 200), ("VCA", 200), ("VSS", 200)]
    legs = [(s["leg"], s["state"], s["number"]) for s in result.steps if s["kind"] == "leg"]
    assert legs[2:5] == [
        ("callB", "dialing", "6561115777"),
        ("callB", "answered", "6561115777"),
        ("callB", "disconnected", "6561115777"),
    ]
    assert any(step["kind"] == "bridge" for step in result.steps)


def test_simple_ivr_with_a_busy_agent(simple: ModuleType) -> None:
    result = emulate(SIMPLE_IVR, simple.on_call_action, press=["2", "1"], callee=["answer", "busy"])
    result.assert_ok()
    result.assert_no_findings()
    assert [s["state"] for s in result.steps if s["kind"] == "leg" and s["leg"] == "callB"] == [
        "dialing",
        "busy",
    ]
    result.assert_heard(WELCOME, MENU)


def test_a_busy_caller(simple: ModuleType) -> None:
    result = emulate(SIMPLE_IVR, simple.on_call_action, press="1", callee="busy")
    assert (result.session_status, result.heard, kinds(result)) == ("BUSY", [], [("VSS", 200)])
    assert codes(result) == ["script-unused"]


def test_simple_ivr_and_a_caller_who_hangs_up(simple: ModuleType) -> None:
    result = emulate(SIMPLE_IVR, simple.on_call_action, hangup=True)
    assert result.pressed == [] and kinds(result) == [("VSS", 200)]
    assert [step["by"] for step in result.steps if step["kind"] == "hangup"] == ["caller"]


def test_a_silent_caller_loops_until_the_step_cap(simple: ModuleType) -> None:
    result = emulate(SIMPLE_IVR, simple.on_call_action, silence=True)
    assert codes(result) == ["script-exhausted", "call-too-long"]
    assert [f.severity for f in result.findings] == ["warning", "error"]
    with pytest.raises(AssertionError, match="call-too-long"):
        result.assert_ok()


def test_simple_ivr_with_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    app = load_sample("simple_ivr", monkeypatch, secret="s3cret").app
    refused = emulate(SIMPLE_IVR, app, press="1")
    assert kinds(refused) == [("VCA", 401), ("VSS", 401)]
    assert codes(refused) == ["http-error", "http-error"]
    assert refused.session_status == "ERROR"
    emulate(SIMPLE_IVR, app, press="1", secret="s3cret").assert_ok()


ADVANCED_BOOKING = [
    "Welcome to The Golden Fork.",
    "To book a table, press 1.",
    "How many guests?",
    "Your table for 4 is booked.",
]


@pytest.mark.parametrize("as_app", [False, True], ids=["function", "flask"])
def test_advanced_ivr_books_a_table_on_an_inbound_call(advanced: ModuleType, as_app: bool) -> None:
    backend = advanced.app if as_app else advanced.on_call_action
    result = emulate(inbound=INBOUND, backend=backend, press=["1", "1", "4"])
    result.assert_ok()
    result.assert_no_findings()
    result.assert_heard(*ADVANCED_BOOKING)
    assert [hook.client_action_id for hook in result.webhooks] == [
        None,
        "main_menu",
        "reservations",
        "book_table",
        None,
    ]
    assert result.session_status == "COMPLETED"


def test_advanced_ivr_walks_back_and_cancels(advanced: ModuleType) -> None:
    result = emulate(
        inbound={"from": INBOUND[0], "to": INBOUND[1]},
        backend=advanced.app,
        press=["1", "9", "1", "2", "2"],
        dialect="legacy",
    )
    result.assert_ok()
    result.assert_heard("Welcome", "To book", "Welcome", "To book", "Press 1 to move", "cancelled")


def test_advanced_ivr_connects_to_the_staff_and_says_goodbye(advanced: ModuleType) -> None:
    result = emulate(inbound=INBOUND, backend=advanced.on_call_action, press="2")
    result.assert_ok()
    result.assert_heard("Welcome", "Thank you for calling The Golden Fork.")
    assert [hook.client_action_id for hook in result.webhooks][-2] == "post_call"


def test_the_samples_over_http_from_a_thread_of_this_process(
    simple: ModuleType, advanced: ModuleType
) -> None:
    with serve(simple.app) as url:
        result = emulate(SIMPLE_IVR, url, press="1")
    result.assert_ok()
    assert kinds(result) == [("VCA", 200), ("VSS", 200)]
    assert all(hook.latency_ms > 0 for hook in result.webhooks)
    with serve(advanced.app) as url:
        result = emulate(inbound=INBOUND, backend=url + "/", press=["1", "1", "4"])
    result.assert_ok()
    result.assert_heard(*ADVANCED_BOOKING)


def test_http_without_a_server_is_a_connection_failure() -> None:
    with serve(lambda environ, start_response: []) as url:
        pass  # the port is free again
    result = emulate(SIMPLE_IVR, url, press="1", webhook_timeout=2)
    assert codes(result) == ["connection-failed", "connection-failed"]
    assert [hook.http_status for hook in result.webhooks] == [None, None]


def without_latency(result: CallResult) -> dict[str, Any]:
    """The transcript without the measured latencies, which vary from run to run."""
    data = result.to_dict()
    for record in data["webhooks"]:
        record["latencyMs"] = 0
    for step in data["steps"]:
        step.pop("latencyMs", None)
    return data


def test_the_same_call_gives_the_same_transcript_in_process_and_over_http(simple: ModuleType) -> None:
    in_process = emulate(SIMPLE_IVR, simple.app, press=["2", "1"], seed=3)
    with serve(simple.app) as url:
        over_http = emulate(SIMPLE_IVR, url, press=["2", "1"], seed=3)
    assert without_latency(in_process) == without_latency(over_http)


# ASGI and asyncio


def fastapi_app() -> Any:
    from fastapi import FastAPI

    import callflow.webhooks.fastapi

    async def on_event(event: voice.Event) -> Any:
        if isinstance(event, voice.CallActionEvent):
            if event.dtmf == "1":
                return [voice.Say(text="Goodbye from FastAPI.", voice_profile=VOICE), voice.Hangup()]
            if event.dtmf == "9":
                raise RuntimeError("nine is not on the menu")
        return None

    app = FastAPI()
    app.post("/hooks/vca")(callflow.webhooks.fastapi.endpoint(on_event))
    app.post("/vss")(callflow.webhooks.fastapi.endpoint(lambda event: None))
    return app


def test_a_fastapi_app_in_process() -> None:
    app = fastapi_app()
    assert backend_kind(app) == "asgi"
    result = emulate(SIMPLE_IVR, app, press="1", vca_path="/hooks/vca")
    result.assert_ok()
    result.assert_heard(WELCOME, "Goodbye from FastAPI.")
    assert kinds(result) == [("VCA", 200), ("VSS", 200)]


def test_a_fastapi_app_that_raises_answers_500(caplog: pytest.LogCaptureFixture) -> None:
    result = emulate(SIMPLE_IVR, fastapi_app(), press="9", vca_path="/hooks/vca")
    assert kinds(result) == [("VCA", 500), ("VSS", 200)]
    assert codes(result) == ["http-error"]
    [logged] = caplog.records
    assert logged.name == "callflow.testing" and "nine is not on the menu" in caplog.text


def test_a_fastapi_app_without_the_route_answers_404() -> None:
    result = emulate(SIMPLE_IVR, fastapi_app(), press="1")
    assert kinds(result) == [("VCA", 404), ("VSS", 200)]


def test_emulate_async_inside_a_running_loop() -> None:
    async def on_event(event: voice.Event) -> Any:
        await asyncio.sleep(0)
        return [voice.Hangup()] if isinstance(event, voice.CallActionEvent) else None

    async def main() -> tuple[CallResult, CallResult]:
        with pytest.raises(RuntimeError, match="use `await callflow.testing.emulate_async"):
            emulate(SIMPLE_IVR, on_event, press="1")
        from_function = await emulate_async(SIMPLE_IVR, on_event, press="1")
        from_app = await emulate_async(SIMPLE_IVR, fastapi_app(), press="1", vca_path="/hooks/vca")
        return from_function, from_app

    from_function, from_app = asyncio.run(main())
    from_function.assert_ok()
    from_app.assert_heard("Goodbye from FastAPI.")


def test_a_coroutine_function_with_plain_emulate() -> None:
    async def on_event(event: voice.Event) -> Any:
        return [voice.Hangup()] if isinstance(event, voice.CallActionEvent) else None

    emulate(SIMPLE_IVR, on_event, press="1").assert_ok()


def test_emulate_async_runs_sync_backends_and_urls(simple: ModuleType) -> None:
    async def main(url: str) -> list[CallResult]:
        return [
            await emulate_async(SIMPLE_IVR, simple.on_call_action, press="1"),
            await emulate_async(SIMPLE_IVR, simple.app, press="1"),
            await emulate_async(SIMPLE_IVR, url, press="1"),
        ]

    with serve(simple.app) as url:
        results = asyncio.run(main(url))
    for result in results:
        result.assert_ok()


# Findings a Python backend can provoke


def on_menu(reply: Any) -> Any:
    """A webhook function answering every call action with ``reply`` (or raising it)."""

    def on_event(event: voice.Event) -> Any:
        if not isinstance(event, voice.CallActionEvent):
            return None
        if isinstance(reply, Exception):
            raise reply
        return reply

    return on_event


def test_a_function_that_raises_is_an_http_500() -> None:
    result = emulate(SIMPLE_IVR, on_menu(KeyError("dtmf")), press="1")
    assert kinds(result) == [("VCA", 500), ("VSS", 200)]
    [finding] = result.findings
    assert finding == Finding("http-error", "error", "the backend answered HTTP 500", finding.step)
    assert result.session_status == "ERROR"
    [answered] = [step for step in result.steps if step["kind"] == "webhook" and step["httpStatus"] == 500]
    assert "KeyError: 'dtmf'" in answered["answer"]


@pytest.mark.parametrize(
    "reply, detail",
    [
        ({"callflow": [{"action": "say", "params": {"text": "hi"}}]}, "voiceProfile: is missing"),
        ([voice.Say(text="hi", voice_profile=VOICE, repetition=9)], "must be between 1 and 3, found 9"),
        (voice.Say(text="hi", voice_profile=VOICE, repetition=0), "must be between 1 and 3, found 0"),
        ({"callflow": [{"action": "dance"}]}, "dance"),
    ],
    ids=["dict", "actions", "action", "unknown action"],
)
def test_an_invalid_reply_is_reported_with_its_status_code(reply: Any, detail: str) -> None:
    result = emulate(SIMPLE_IVR, on_menu(reply), press="1")
    [finding] = result.findings
    assert finding.code == "invalid-reply" and finding.severity == "error"
    assert finding.message.startswith("8x8 would refuse the reply with status -10")
    assert detail in finding.message
    assert kinds(result) == [("VCA", 200), ("VSS", 200)]


def test_a_reply_that_is_not_reply_like_is_an_http_500() -> None:
    result = emulate(SIMPLE_IVR, on_menu(42), press="1")
    assert kinds(result)[0] == ("VCA", 500) and codes(result) == ["http-error"]


def wsgi_answering(status: str, body: bytes, headers: list[tuple[str, str]] | None = None) -> Any:
    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response(status, headers or [("Content-Type", "text/html")])
        return [body]

    return app


def test_garbage_from_a_wsgi_app_is_not_json() -> None:
    result = emulate(SIMPLE_IVR, wsgi_answering("200 OK", b"<html>oops"), press="1")
    assert codes(result) == ["not-json"]
    assert result.findings[0].message.startswith("the reply is not JSON")


def test_a_redirect_from_a_wsgi_app_is_not_followed() -> None:
    app = wsgi_answering("302 Found", b"", [("Location", "https://elsewhere.example/vca")])
    result = emulate(SIMPLE_IVR, app, press="1")
    assert [hook.http_status for hook in result.webhooks] == [None, None]
    assert "redirecting to https://elsewhere.example/vca; redirects are not followed" in result.findings[0].message


def test_a_wsgi_app_that_raises_is_an_http_500() -> None:
    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        raise ZeroDivisionError

    assert kinds(emulate(SIMPLE_IVR, app, press="1")) == [("VCA", 500), ("VSS", 500)]


def test_the_wsgi_environ_is_an_8x8_post() -> None:
    seen: list[dict[str, Any]] = []

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        seen.append({**environ, "body": environ["wsgi.input"].read()})
        start_response("200 OK", [])
        return [b"{}"]

    emulate(SIMPLE_IVR, app, press="1", secret="Bearer 5ecret", vss_path="/summary")
    vca, vss = seen
    assert (vca["REQUEST_METHOD"], vca["PATH_INFO"], vss["PATH_INFO"]) == ("POST", "/vca", "/summary")
    assert vca["HTTP_AUTHORIZATION"] == "Bearer 5ecret"
    assert vca["CONTENT_TYPE"] == "application/json"
    assert int(vca["CONTENT_LENGTH"]) == len(vca["body"])
    assert is_source_address(vca["REMOTE_ADDR"])
    assert json.loads(vca["body"])["eventType"] == "CALL_ACTION"


def test_a_slow_answer_is_a_reply_timeout() -> None:
    result = emulate(SIMPLE_IVR, lambda webhook: Answered(200, b"{}", 6000.0), kind="raw", press="1")
    assert codes(result) == ["reply-timeout", "reply-timeout"]
    tolerant = emulate(
        SIMPLE_IVR, lambda webhook: Answered(200, b"{}", 6000.0), kind="raw", press="1", webhook_timeout=10
    )
    assert codes(tolerant) == ["empty-reply", "no-hangup"] and tolerant.ok


def test_a_raw_failure_is_reported() -> None:
    result = emulate(SIMPLE_IVR, lambda webhook: Failed("connection", "refused"), kind="raw", press="1")
    assert codes(result) == ["connection-failed", "connection-failed"]
    assert result.findings[0].message == "refused"


def test_status_webhooks_go_to_the_vcs_path(simple: ModuleType) -> None:
    paths: list[str] = []

    def app(environ: dict[str, Any], start_response: Any) -> Any:
        paths.append(environ["PATH_INFO"])
        return simple.app(environ, start_response)

    result = emulate(SIMPLE_IVR, app, press="1", options={"statusWebhooks": True}, vcs_path="/status")
    result.assert_ok()
    assert "/status" in paths and paths[-1] == "/vss"
    assert {hook.kind for hook in result.webhooks} == {"VCA", "VCS", "VSS"}


# Telling backends apart


class AsgiApp:
    async def __call__(self, scope: Any, receive: Any, send: Any) -> None: ...


class WsgiApp:
    def __call__(self, environ: Any, start_response: Any) -> list[bytes]:
        return []


def test_backend_kinds_are_told_by_signature() -> None:
    async def on_event(event: Any) -> None: ...

    assert backend_kind(on_event) == "handler"
    assert backend_kind(AsgiApp()) == "asgi"
    assert backend_kind(WsgiApp()) == "wsgi"
    assert backend_kind(lambda event, extra=None: None) == "handler"
    assert backend_kind(MapBackend({"menus": {}})) == "raw"
    for unclear in (lambda: None, lambda a, b, c: None, print):
        with pytest.raises(TypeError, match="kind="):
            backend_kind(unclear)
    with pytest.raises(TypeError, match="not int"):
        backend_kind(5)


def test_kind_overrides_the_guess() -> None:
    def app(*args: Any) -> Any:
        environ, start_response = args
        start_response("200 OK", [])
        return [b'{"callflow": [{"action": "hangup"}]}']

    with pytest.raises(TypeError, match="kind="):
        emulate(SIMPLE_IVR, app, press="1")
    emulate(SIMPLE_IVR, app, press="1", kind="wsgi").assert_ok()


def test_a_map_backend_is_a_backend() -> None:
    ivr = MapBackend({"menus": {"": {"1": {"callflow": [{"action": "hangup"}]}}}})
    result = emulate(SIMPLE_IVR, ivr, press="1")
    result.assert_ok()
    assert [hook.latency_ms for hook in result.webhooks] == [0.0, 0.0]


# The arguments


def test_script_and_options_arguments(simple: ModuleType) -> None:
    scripted = emulate(SIMPLE_IVR, simple.on_call_action, script=[{"press": "1"}, {"callee": "busy"}])
    pressed = emulate(SIMPLE_IVR, simple.on_call_action, press=("1",), callee="busy")
    assert without_latency(scripted) == without_latency(pressed)
    with pytest.raises(TypeError, match="not both"):
        emulate(SIMPLE_IVR, simple.on_call_action, script=[], press="1")
    with pytest.raises(TypeError, match="pass seed= as a keyword argument"):
        emulate(SIMPLE_IVR, simple.on_call_action, options={"seed": 1})
    with pytest.raises(TypeError, match="a request or inbound"):
        emulate(backend=simple.on_call_action)
    with pytest.raises(TypeError, match="a request or inbound"):
        emulate(SIMPLE_IVR, simple.on_call_action, inbound=INBOUND)
    with pytest.raises(TypeError, match="needs a backend"):
        emulate(SIMPLE_IVR)
    with pytest.raises(TypeError, match="inbound is"):
        emulate(inbound=("+6591234567",), backend=simple.on_call_action)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="positive"):
        emulate(SIMPLE_IVR, simple.on_call_action, webhook_timeout=0)


def test_the_seed_decides_the_ids(simple: ModuleType) -> None:
    first = emulate(SIMPLE_IVR, simple.on_call_action, press="1", seed=1)
    again = emulate(SIMPLE_IVR, simple.on_call_action, press="1", seed=1)
    other = emulate(SIMPLE_IVR, simple.on_call_action, press="1", seed=2)
    assert first.session_id == again.session_id != other.session_id


def test_a_refused_request_places_no_call(simple: ModuleType) -> None:
    request = {"callflow": [{"action": "say", "params": {"text": "hi"}}]}
    result = emulate(request, simple.on_call_action)
    assert (result.session_status, result.session_id, result.webhooks) == ("NOT_CREATED", None, [])
    assert result.status_code < 0
    with pytest.raises(AssertionError, match="session status NOT_CREATED, expected COMPLETED"):
        result.assert_status("COMPLETED")


# The result


def test_the_result_api(simple: ModuleType) -> None:
    result = emulate(json.dumps(SIMPLE_IVR).encode(), simple.on_call_action, press="1")
    data = result.to_dict()
    assert data == json.loads(result.to_json())
    assert set(data) >= {"ok", "sessionId", "sessionStatus", "statusCode", "heard", "pressed", "webhooks",
                         "findings", "steps", "durationMs"}
    assert result.duration_ms == data["durationMs"] > 0
    assert result.webhooks[0] == WebhookRecord("VCA", "CALL_ACTION", None, 200, data["webhooks"][0]["latencyMs"])
    assert result.transcript == result.native.to_text() == str(result.native)
    assert result.native.to_dict() == data
    result.heard.append("mutated")
    result.to_dict()["heard"].append("mutated")
    assert "mutated" not in result.heard
    assert repr(result).startswith("CallResult(ok=True, session_status='COMPLETED'")


def test_assertion_messages_carry_the_transcript(simple: ModuleType) -> None:
    result = emulate(SIMPLE_IVR, simple.on_call_action, press="1")
    result.assert_heard("Dear customer")
    with pytest.raises(AssertionError) as failure:
        result.assert_heard("Dear customer", "agent")
    message = str(failure.value)
    assert 'did not hear "agent" (in order)' in message
    assert result.transcript in message
    broken = emulate(SIMPLE_IVR, on_menu(KeyError("dtmf")), press="1")
    with pytest.raises(AssertionError, match=r'the call has error findings: \["http-error"\]') as failure:
        broken.assert_ok()
    assert "VCA CALL_ACTION -> 500" in str(failure.value)
    with pytest.raises(AssertionError, match=r'findings \["http-error"\], expected \[\]'):
        broken.assert_no_findings()


def test_assert_heard_looks_in_later_entries_like_scenarios() -> None:
    hangup = {"callflow": [{"action": "hangup"}]}
    ivr = MapBackend({"start": {"callflow": [
        {"action": "say", "params": {"text": "one two", "voiceProfile": VOICE}},
        {"action": "say", "params": {"text": "three", "voiceProfile": VOICE}},
        {"action": "hangup"}]}, "menus": {"": {"*": hangup}}})
    result = emulate(inbound=INBOUND, backend=ivr)
    result.assert_heard("one", "three")
    with pytest.raises(AssertionError):
        result.assert_heard("one", "two")  # each substring in a later entry than the last
    scenario = {"inbound": dict(zip(("from", "to"), INBOUND)), "expect": {"heard": ["one", "two"]}}
    assert not run_scenario(scenario, ivr).passed


def test_scenarios_from_files(simple: ModuleType, tmp_path: Any) -> None:
    path = tmp_path / "press-1.json"
    path.write_text(json.dumps({
        "name": "press 1 hangs up",
        "request": SIMPLE_IVR,
        "script": [{"press": "1"}],
        "expect": {"heard": ["Dear customer"], "sessionStatus": "COMPLETED", "webhooks": 2, "findings": []},
    }))
    passed = run_scenario(path, simple.app)
    assert (passed.name, passed.passed, passed.unmet) == ("press 1 hangs up", True, [])
    passed.assert_passed()
    assert run_scenario(str(path), simple.on_call_action, vca_path="/elsewhere", kind="handler").passed
    with serve(simple.app) as url:
        over_http = run_scenario(path, url, vca_path="/vss")  # the summary view answers {} to the call action
    assert over_http.unmet == ['findings ["empty-reply", "no-hangup"], expected []']
    with pytest.raises(AssertionError, match="scenario 'press 1 hangs up' failed"):
        over_http.assert_passed()
