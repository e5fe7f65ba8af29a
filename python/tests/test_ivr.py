"""callflow.ivr: the shared IVR vectors (tests/fixtures/ivr/, as in Rust and Node), the
emulator hearing the same calls from the runtime as from the expanded map, handlers
(sync and async) through webhooks.handle and the Flask and FastAPI adapters, and hostile
input."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, timezone
from typing import Any, cast

import pytest

import callflow
from callflow import EventError, ValidationError, ivr, voice, webhooks
from callflow.testing import Answered, Failed, MapBackend, Webhook, emulate
from conftest import REPO, vector_cases

CHECK_FILES, CHECKS = vector_cases("ivr/checks")
REPLY_FILES, REPLIES = vector_cases("ivr/replies")

SOURCE, DESTINATION = "+6512345678", "+6587654321"

# The scripted calls of the Rust test (crates/callflow-core/tests/ivr.rs): the keys each
# caller presses, "-" for silence.
CALLS = {
    "simple-ivr": ["1", "2", "-", "7 1", "- - 2", "7 7 7"],
    "advanced-ivr": ["1 1 4", "1 2 1", "1 2 2", "1 9 2", "2", "7 1 1 9", "- 1 2 7 1", "1 1 0 3", "1 - - 9 1 2 1"],
    "handler-ivr": ["1 123456", "1 -", "0", "1 999999", "5 1 12"],
}


def example(name: str) -> dict[str, Any]:
    """A map of examples/ivr/, by name."""
    loaded: dict[str, Any] = json.loads((REPO / "examples" / "ivr" / f"{name}.json").read_text())
    return loaded


def map_of(case: dict[str, Any]) -> Any:
    """A case's map: inline, or ``{"example": name}``."""
    map = case["map"]
    return example(map["example"]) if isinstance(map, dict) and "example" in map else map


def as_forms(map: Any) -> list[Any]:
    """The map as a dict, JSON ``str`` and JSON ``bytes``."""
    text = json.dumps(map)
    return [map, text, text.encode()]


def test_the_vectors_are_there() -> None:
    assert CHECK_FILES and len(CHECKS) >= 20
    assert REPLY_FILES and len(REPLIES) >= 15


@pytest.mark.parametrize("case", CHECKS)
def test_every_check_vector_gives_its_report(case: dict[str, Any]) -> None:
    for map in as_forms(map_of(case)):
        if case.get("handlers") is not None:
            report = ivr.check_with(map, case["handlers"])
        else:
            report = ivr.check(map)
        assert report.to_dict() == case["expected"]


def turn_of(case: dict[str, Any]) -> dict[str, Any]:
    """``{menu, key, fallback, reply | handler | nothing}``, or why the map or event was
    refused: the shape of the vectors' ``expected``."""
    try:
        app = ivr.Ivr.from_json(map_of(case))
    except ValidationError as error:
        return {"refused": error.report.to_dict()}
    try:
        event = voice.parse_event(case["event"])
    except EventError as error:
        return {"notAnEvent": str(error)}
    turn = app.route(event)
    got: dict[str, Any] = {"menu": turn.menu, "key": turn.key, "fallback": turn.fallback}
    if turn.reply is not None:
        assert turn.body is not None
        got["reply"] = json.loads(turn.body)
    elif turn.handler is not None:
        got["handler"] = turn.handler
    else:
        got["nothing"] = True
    return got


@pytest.mark.parametrize("case", REPLIES)
def test_every_reply_vector_gives_its_reply(case: dict[str, Any]) -> None:
    assert turn_of(case) == case["expected"]


def lookup_booking(event: voice.Event) -> ivr.HandlerResult:
    """The handler of handler-ivr, as in the Rust test: a booking number ending in 6
    exists."""
    digits = event.dtmf if isinstance(event, voice.CallEvent) else None
    if digits is not None and digits.endswith("6"):
        return {"say": f"Booking {digits} is confirmed. Goodbye."}
    return {"say": "We could not find that booking.", "goto": "main"}


async def lookup_booking_async(event: voice.Event) -> ivr.HandlerResult:
    """``lookup_booking``, as a coroutine."""
    await asyncio.sleep(0)
    return lookup_booking(event)


def map_backend(app: ivr.Ivr, full: dict[str, Any]) -> Any:
    """The map backend over the expanded map, a handler step answered by
    ``lookup_booking`` through the core's validation (the Rust test's ``map_backend``)."""
    backend = MapBackend(full)

    def answer(webhook: Webhook) -> Answered | Failed:
        first, body, latency_ms = backend.answer(webhook)
        assert isinstance(first, int) and isinstance(body, bytes)
        step = json.loads(body)
        if isinstance(step, dict) and isinstance(step.get("handler"), str):
            event = voice.parse_event(webhook.body)
            reply = app._map.handler_reply(lookup_booking(event))  # type: ignore[arg-type]
            return Answered(200, reply.to_json().encode(), latency_ms)
        return Answered(first, body, latency_ms)

    return answer


def heard(result: Any) -> Any:
    """A call's transcript without the measured latencies (the map's are 0), each answer
    as JSON without ``null`` members: through ``webhooks.handle`` a map's reply is sent
    as the typed ``Reply`` writes it, which leaves out the ``null``s the map writes (the
    same reply to 8x8; ``Turn.body`` has the map's own text)."""

    def zeroed(value: Any) -> Any:
        if isinstance(value, dict):
            return {
                key: 0.0 if key == "latencyMs" else answer(item) if key == "answer" else zeroed(item)
                for key, item in value.items()
                if item is not None or key != "answer"
            }
        if isinstance(value, list):
            return [zeroed(item) for item in value]
        return value

    def answer(text: Any) -> Any:
        try:
            parsed = json.loads(text)
        except (TypeError, ValueError):
            return text
        return without_nulls(parsed)

    def without_nulls(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: without_nulls(item) for key, item in value.items() if item is not None}
        if isinstance(value, list):
            return [without_nulls(item) for item in value]
        return value

    return zeroed(json.loads(result.to_json()))


def script(keys: str) -> list[Any]:
    """The caller script of ``keys``, the called parties answering as in the Rust test."""
    steps: list[Any] = ["silence" if key == "-" else {"press": key} for key in keys.split()]
    return [*steps, {"callee": "answer"}, {"callee": "answer", "talkMs": 4000}]


@pytest.mark.parametrize("name", sorted(CALLS))
def test_the_emulator_hears_the_same_calls_from_the_runtime_and_the_expanded_map(name: str) -> None:
    map = example(name)
    app = ivr.Ivr.from_json(map, {"lookup_booking": lookup_booking} if name == "handler-ivr" else None)
    async_app = ivr.Ivr.from_json(map)
    for handler in async_app.handler_names:
        async_app.handler(handler)(lookup_booking_async)
    assert app.report.issues == []
    full = ivr.expand(map)
    request = app.request(SOURCE, DESTINATION).to_dict()
    calls = 0
    for keys in CALLS[name]:
        for inbound in (None, (DESTINATION, SOURCE)):
            start = None if inbound else request
            by_map = emulate(start, map_backend(app, full), kind="raw", inbound=inbound, script=script(keys))
            if not app.handler_names:
                plain = emulate(start, MapBackend(full), inbound=inbound, script=script(keys))
                assert heard(plain) == heard(by_map)
            by_runtime = emulate(start, app, inbound=inbound, script=script(keys))
            by_async = emulate(start, async_app.reply_async, inbound=inbound, script=script(keys))
            errors = [f.code for f in by_runtime.findings if f.code in ("http-error", "invalid-reply")]
            assert errors == [], f"{keys}\n{by_runtime}"
            assert heard(by_runtime) == heard(by_map), keys
            assert heard(by_async) == heard(by_map), keys
            calls += 1
    assert calls == 2 * len(CALLS[name])


def call_action(client_action_id: str | None, dtmf: str | None = None) -> voice.Event:
    payload: dict[str, Any] = {"callStatus": "ACTION_COMPLETED"}
    if client_action_id is not None:
        payload["clientActionId"] = client_action_id
    if dtmf is not None:
        payload["eventData"] = {"dtmf": dtmf}
    return voice.parse_event({"eventType": "CALL_ACTION", "payload": payload})


def booking_ivr() -> ivr.Ivr:
    return ivr.Ivr.from_file(REPO / "examples" / "ivr" / "handler-ivr.json")


def test_handlers_are_registered_by_name_and_their_replies_validated() -> None:
    app = booking_ivr()
    assert app.handler_names == ["lookup_booking"] and app.missing_handlers == ["lookup_booking"]
    event = call_action("booking", "123456")
    with pytest.raises(LookupError, match="not registered"):
        app.reply(event)
    assert app.route(event).handler == "lookup_booking"

    @app.handler("lookup_booking")
    def typed(event: voice.Event) -> ivr.HandlerResult:
        return voice.Reply([voice.Say(text="Typed.", voice_profile="en-GB-Emma"), voice.Hangup()])

    assert app.missing_handlers == []
    reply = app.reply(event)
    assert reply is not None and reply.to_json() == (
        '{"callflow":[{"action":"say","params":{"text":"Typed.","voiceProfile":"en-GB-Emma"}},{"action":"hangup"}]}'
    )
    for returned, text in [
        ([voice.Say(text="A list.", voice_profile="en-GB-Emma"), voice.Hangup()], "A list."),
        (voice.Hangup(), None),
        ({"callflow": [{"action": "hangup"}]}, None),
        ({"say": "Shorthand."}, "Shorthand."),
        ("main", "For your booking, press 1. For the front desk, press 0."),
    ]:
        app.handler("lookup_booking")(lambda event, returned=returned: returned)
        reply = app.reply(event)
        assert reply is not None
        said = [action.to_dict()["params"].get("text") or action.to_dict()["params"].get("promptMessage")
                for action in reply.actions if action.to_dict().get("params")]
        assert (said[0] if said else None) == text
    with pytest.raises(ValueError, match="calls no handler 'lookup'"):
        app.handler("lookup")


def test_a_handler_reply_that_is_not_valid_raises_with_the_report() -> None:
    app = booking_ivr()
    app.handler("lookup_booking")(lambda event: {"goto": "mian"})
    with pytest.raises(ValidationError, match="handler 'lookup_booking' returned a reply that is not valid") as error:
        app.reply(call_action("booking", "1"))
    assert error.value.status_code == "unknown-menu"
    assert error.value.issues[0].hint == 'did you mean "main"?'
    app.handler("lookup_booking")(lambda event: {"callflow": [{"action": "say", "params": {"text": "x"}}]})
    with pytest.raises(ValidationError) as error:
        app.reply(call_action("booking", "1"))
    assert error.value.status_code == -1009
    app.handler("lookup_booking")(lambda event: {"handler": "lookup_booking"})
    with pytest.raises(ValidationError, match="not another handler"):
        app.reply(call_action("booking", "1"))
    app.handler("lookup_booking")(lambda event: [voice.Say(text="", voice_profile="en-GB-Emma")])
    with pytest.raises(ValidationError, match="handler 'lookup_booking'"):
        app.reply(call_action("booking", "1"))


def test_async_handlers_need_reply_async() -> None:
    app = ivr.Ivr.from_json(example("handler-ivr"), {"lookup_booking": lookup_booking_async})
    event = call_action("booking", "123456")
    with pytest.raises(TypeError, match="is async: answer with await ivr.reply_async"):
        app.reply(event)
    reply = asyncio.run(app.reply_async(event))
    assert reply is not None and "Booking 123456 is confirmed." in reply.to_json()
    assert asyncio.run(app.reply_async(call_action("main", "1"))) == app.reply(call_action("main", "1"))


def test_the_map_answers_webhooks_that_are_not_call_actions_with_nothing() -> None:
    app = booking_ivr()
    status = voice.parse_event({"eventType": "CALL_STATUS", "payload": {"callStatus": "CALL_CONNECTED"}})
    turn = app.route(status)
    assert (turn.menu, turn.key, turn.fallback, turn.reply, turn.handler) == (None, None, None, None, None)
    assert app.reply(status) is None
    gone = app.route(call_action("old_menu", "1"))
    assert gone.fallback == "unknown-menu" and gone.reply is not None
    assert repr(gone).startswith("Turn(menu=None, key=None, fallback='unknown-menu', handler=None, reply=Reply(")


BODY = b'{"eventType": "CALL_ACTION", "payload": {"callStatus": "ACTION_COMPLETED", "clientActionId": "booking", "eventData": {"dtmf": "123456"}}}'


def test_an_ivr_is_a_webhook_function_for_handle_and_the_adapters() -> None:
    app = ivr.Ivr.from_json(example("handler-ivr"), {"lookup_booking": lookup_booking})
    status, _, body = webhooks.handle(BODY, {"Authorization": "s"}, app, secret="s")
    assert status == 200 and "Booking 123456 is confirmed." in body
    assert webhooks.handle(BODY, {}, app, secret="s")[0] == 401

    from flask import Flask

    import callflow.webhooks.flask

    flask_app = Flask(__name__)
    flask_app.add_url_rule("/vca", view_func=callflow.webhooks.flask.view(app), methods=["POST"])
    response = flask_app.test_client().post("/vca", data=BODY)
    assert response.status_code == 200 and "Booking 123456" in response.get_data(as_text=True)

    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    import callflow.webhooks.fastapi

    async_app = ivr.Ivr.from_json(example("handler-ivr"), {"lookup_booking": lookup_booking_async})
    api = FastAPI()
    api.post("/vca")(callflow.webhooks.fastapi.endpoint(async_app.reply_async))
    answered = TestClient(api).post("/vca", content=BODY)
    assert answered.status_code == 200 and "Booking 123456" in answered.json()["callflow"][0]["params"]["text"]


def test_a_failing_handler_is_a_500() -> None:
    def broken(event: voice.Event) -> ivr.HandlerResult:
        raise RuntimeError("the booking database is down")

    app = ivr.Ivr.from_json(example("handler-ivr"), {"lookup_booking": broken})
    with pytest.raises(RuntimeError, match="database is down"):
        webhooks.handle(BODY, {}, app)

    from flask import Flask

    import callflow.webhooks.flask

    flask_app = Flask(__name__)
    flask_app.add_url_rule("/vca", view_func=callflow.webhooks.flask.view(app), methods=["POST"])
    assert flask_app.test_client().post("/vca", data=BODY).status_code == 500
    result = emulate(None, app, inbound=(DESTINATION, SOURCE), script=script("1 123456"))
    assert [hook.http_status for hook in result.webhooks if hook.kind == "VCA"][-1] == 500
    assert "http-error" in [finding.code for finding in result.findings]
    invalid = ivr.Ivr.from_json(example("handler-ivr"), {"lookup_booking": lambda event: {"goto": "nowhere"}})
    result = emulate(None, invalid, inbound=(DESTINATION, SOURCE), script=script("1 123456"))
    assert [hook.http_status for hook in result.webhooks if hook.kind == "VCA"][-1] == 500


def test_requests_start_outbound_calls() -> None:
    app = booking_ivr()
    request = app.request(SOURCE, DESTINATION, valid_until=datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone.utc))
    assert isinstance(request, voice.Callflow)
    assert request.valid_until == "2030-01-02T03:04:05.000Z"
    assert request.actions[0] == voice.MakeCall(source=SOURCE, destination=DESTINATION)
    with pytest.raises(ValueError, match="timezone-aware"):
        app.request(SOURCE, DESTINATION, valid_until=datetime(2030, 1, 2))
    with pytest.raises(ValidationError, match="start is a handler"):
        ivr.Ivr.from_json({"start": {"handler": "greet"}, "menus": {}}).request(SOURCE, DESTINATION)


def nested(depth: int) -> Any:
    value: Any = "deep"
    for _ in range(depth):
        value = {"say": value}
    return value


def test_hostile_input_gives_typed_errors() -> None:
    hostile: list[Any] = [42, [], "not json", b"\xff", '{"a":' * 10_000, nested(10_000), {"menus": nested(200)}]
    for map in hostile:
        with pytest.raises(ValidationError) as error:
            ivr.Ivr.from_json(map)
        assert error.value.status_code == "invalid-map"
        assert not ivr.check(map).ok
        with pytest.raises(ValidationError):
            ivr.expand(map)
    with pytest.raises(TypeError, match="not a JSON value"):
        ivr.Ivr.from_json({"start": object()})
    with pytest.raises(TypeError, match="JSON object keys must be str"):
        ivr.check({1: "x"})  # type: ignore[dict-item]
    app = booking_ivr()
    with pytest.raises(TypeError, match="expected a parsed webhook"):
        app.route({"eventType": "CALL_ACTION"})  # type: ignore[arg-type]
    app.handler("lookup_booking")(lambda event: cast(Any, object()))
    with pytest.raises(TypeError, match="handler 'lookup_booking' returned object"):
        app.reply(call_action("booking", "1"))
    app.handler("lookup_booking")(lambda event: nested(10_000))
    with pytest.raises(ValidationError, match="handler 'lookup_booking'"):
        app.reply(call_action("booking", "1"))
    assert isinstance(callflow.ivr.Ivr, type)
