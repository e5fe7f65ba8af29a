"""The webhook surface: typed events, the Receiver, ``handle``, the Flask and FastAPI
adapters, authenticity helpers, and hostile bodies."""

from __future__ import annotations

import asyncio
import json
import pickle
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from flask import Flask

import callflow
import callflow.webhooks.fastapi
import callflow.webhooks.flask
from callflow import voice, webhooks

from conftest import REPO

DOCUMENTED = {
    case["name"]: case["document"]
    for case in json.loads((REPO / "tests/fixtures/webhooks/documented.json").read_text())["cases"]
}


def documented(prefix: str) -> dict[str, Any]:
    (name,) = [name for name in DOCUMENTED if name.startswith(prefix)]
    return DOCUMENTED[name]


VCA = documented("VCA, current documents")
VSS = documented("VSS, IVR")


def test_call_action_is_typed() -> None:
    event = voice.parse_event(json.dumps(VCA).encode())
    assert type(event) is voice.CallActionEvent
    assert isinstance(event, voice.CallEvent) and isinstance(event, voice.Event)
    assert (event.event_type, event.namespace, event.version) == ("CALL_ACTION", "VOICE", None)
    assert (event.call_status, event.dtmf, event.client_action_id) == ("ACTION_COMPLETED", "1", "ivr1_level1")
    assert (event.call_duration, event.sip_code, event.source) == (0, 200, "+6568888888")
    assert repr(event) == 'CallActionEvent(event_type="CALL_ACTION")'


def test_call_status_is_its_own_class() -> None:
    event = voice.parse_event(documented("VCS CALL_RECEIVED"))
    assert type(event) is voice.CallStatusEvent
    assert (event.call_status, event.call_direction, event.dtmf) == ("CALL_RECEIVED", "INBOUND", None)


def test_session_summary_has_legs_and_quality() -> None:
    event = voice.parse_event(VSS)
    assert isinstance(event, voice.SessionSummaryEvent)
    assert (event.session_status, event.last_action, event.call_count, event.version) == ("COMPLETED", "MAKE_CALL", 2, 5)
    assert [leg.name for leg in event.legs] == ["callA", "callB"]
    quality = event.legs[0].call_quality
    assert quality is not None and (quality.mos, quality.jitter) == (4.5, 20.0)
    assert event.legs[0].to_dict()["callDuration"] == 23
    assert event.error_details is None


def test_session_error_has_its_meaning() -> None:
    event = voice.parse_event({"eventType": "SESSION_SUMMARY", "payload": {"errorDetails": {"errorCode": "-2010"}}})
    assert isinstance(event, voice.SessionSummaryEvent)
    error = event.error_details
    assert error is not None
    assert (error.error_code, error.meaning) == (-2010, "Trunk capacity exceeded (concurrent-call limit)")
    assert "SessionError(" in repr(error)


def test_recording_numbers_and_unknown_events() -> None:
    recording = voice.parse_event(documented("VRU"))
    assert isinstance(recording, voice.RecordingStatusEvent)
    assert (recording.status, recording.duration_seconds) == ("UPLOAD_COMPLETED", 42)
    numbers = voice.parse_event(documented("VNU"))
    assert isinstance(numbers, voice.VirtualNumberUpdateEvent)
    assert [n.operational_status for n in numbers.virtual_numbers] == ["Active", "Unhealthy"]
    assert numbers.virtual_numbers[0].number_health_check_enabled is True
    unknown = voice.parse_event('{"eventType": "NEW", "payload": {"a": [1, {"b": null}]}}')
    assert isinstance(unknown, voice.UnknownEvent)
    assert (unknown.event_type, unknown.payload) == ("NEW", {"a": [1, {"b": None}]})


def test_events_compare_by_value_and_are_not_hashable() -> None:
    assert voice.parse_event(VCA) == voice.parse_event(json.dumps(VCA))
    assert voice.parse_event(VCA) != voice.parse_event(VSS)
    with pytest.raises(TypeError):
        hash(voice.parse_event(VCA))


def test_event_error_is_clear_and_picklable() -> None:
    with pytest.raises(callflow.EventError) as caught:
        voice.parse_event(b"{not json")
    err = caught.value
    assert isinstance(err, callflow.CallflowError) and isinstance(err, ValueError)
    assert err.code == "invalid-json"
    assert str(err).startswith("the webhook body is not JSON: ")
    copy = pickle.loads(pickle.dumps(err))
    assert (type(copy), copy.code, str(copy)) == (callflow.EventError, err.code, str(err))


@pytest.mark.parametrize(
    "body",
    [
        b"\xff\xfe" * 1000,
        "[" * 100_000,
        {"eventType": "CALL_ACTION", "payload": {"x": [[[]]] * 10}},
        b'{"eventType": "CALL_ACTION", "payload": {"dtmf": "' + b"9" * 10_000_000 + b'"}}',
        bytearray(b'{"eventType": "CALL_STATUS", "payload": {}}'),
    ],
    ids=["invalid utf-8", "deep text", "nested lists", "10 MB digits", "bytearray"],
)
def test_hostile_bodies_never_crash(body: Any) -> None:
    try:
        event = voice.parse_event(body)
    except callflow.EventError as err:
        assert err.code in {"invalid-json", "too-deep", "not-an-object"}
    else:
        assert isinstance(event, voice.CallEvent)


def test_deep_and_cyclic_dicts_are_too_deep() -> None:
    deep: dict[str, Any] = {}
    node = deep
    for _ in range(10_000):
        node["a"] = {}
        node = node["a"]
    cyclic: dict[str, Any] = {"eventType": "CALL_ACTION"}
    cyclic["payload"] = cyclic
    for body in (deep, cyclic):
        with pytest.raises(callflow.EventError) as caught:
            voice.parse_event(body)
        assert caught.value.code == "too-deep"


@pytest.mark.parametrize("body", [42, None, [1], 1.5])
def test_non_objects_are_refused(body: Any) -> None:
    with pytest.raises(callflow.EventError) as caught:
        voice.parse_event(body)
    assert caught.value.code == "not-an-object"


def test_unconvertible_values_raise_type_error() -> None:
    with pytest.raises(TypeError):
        voice.parse_event({"eventType": object()})


# Receiving


def hangup_on_one(event: voice.Event) -> webhooks.ReplyLike:
    if isinstance(event, voice.CallActionEvent) and event.dtmf == "1":
        return voice.Reply([voice.Hangup()], client_action_id="bye")
    return None


def test_handle_answers_with_the_reply() -> None:
    assert webhooks.handle(json.dumps(VCA), {}, hangup_on_one) == (
        200,
        {"content-type": "application/json"},
        '{"clientActionId":"bye","callflow":[{"action":"hangup"}]}',
    )
    assert webhooks.handle(json.dumps(VSS), {}, hangup_on_one)[2] == "{}"


@pytest.mark.parametrize(
    "result",
    [
        [voice.Hangup()],
        (voice.Hangup(),),
        voice.Hangup(),
        {"callflow": [{"action": "hangup"}]},
        voice.Reply([voice.Hangup()]),
    ],
    ids=["list", "tuple", "action", "dict", "Reply"],
)
def test_every_reply_form_gives_the_same_answer(result: Any) -> None:
    status, _, body = webhooks.handle(json.dumps(VCA), {}, lambda event: result)
    assert (status, body) == (200, '{"callflow":[{"action":"hangup"}]}')


def test_an_invalid_reply_raises() -> None:
    with pytest.raises(callflow.ValidationError) as caught:
        webhooks.handle(json.dumps(VCA), {}, lambda event: {"callflow": [{"action": "hangupp"}]})
    assert caught.value.status_code == -1007
    with pytest.raises(TypeError, match="not int"):
        webhooks.handle(json.dumps(VCA), {}, lambda event: 3)


def test_handle_checks_the_secret() -> None:
    body = json.dumps(VCA).encode()
    for headers in ({}, {"Authorization": "nope"}, [("authorization", "s3cre")]):
        status, _, text = webhooks.handle(body, headers, hangup_on_one, secret="s3cret")
        assert status == 401 and json.loads(text)["error"] == "unauthorized"
    for headers in ({"authorization": "s3cret"}, [(b"AUTHORIZATION", b"s3cret")]):
        assert webhooks.handle(body, headers, hangup_on_one, secret="s3cret")[0] == 200


def test_the_authorization_header_is_found_by_the_core() -> None:
    assert webhooks.Receiver.authorization({"Host": "x", "AUTHORIZATION": "k"}) == "k"
    assert webhooks.Receiver.authorization([("authorization", "a"), (b"Authorization", b"b")]) == "a, b"
    assert webhooks.Receiver.authorization([("Host", "x")]) is None
    assert webhooks.Receiver.authorization([(b"authorization", b"caf\xe9")]) == "caf\xe9"


VCA_SIZE = len(json.dumps(VCA).encode())


def padded(size: int) -> bytes:
    """The call action, padded with spaces to ``size`` bytes."""
    return json.dumps(VCA).encode().ljust(size)


def test_a_body_just_over_the_limit_is_refused_with_413() -> None:
    limit = 1024 * 1024
    assert webhooks.Receiver().limit == limit
    assert webhooks.handle(padded(limit), {}, hangup_on_one)[0] == 200
    for headers in ({}, {"Authorization": "s3cret"}):
        status, answer_headers, text = webhooks.handle(padded(limit + 1), headers, hangup_on_one, secret="s3cret")
        assert (status, answer_headers) == (413, {"content-type": "application/json"})
        assert json.loads(text) == {
            "error": "body-too-large",
            "message": f"the webhook body is larger than {limit} bytes",
        }


def test_the_limit_is_set_per_receiver_and_measures_text_in_utf8() -> None:
    receiver = webhooks.Receiver(limit=VCA_SIZE)
    assert receiver.limit == VCA_SIZE
    assert isinstance(receiver.receive(json.dumps(VCA)), voice.CallActionEvent)
    assert isinstance(receiver.receive(bytearray(padded(VCA_SIZE))), voice.CallActionEvent)
    for body in (padded(VCA_SIZE + 1), padded(VCA_SIZE + 1).decode(), bytearray(padded(VCA_SIZE + 1))):
        refusal = receiver.receive(body)
        assert isinstance(refusal, webhooks.Answer) and refusal.status == 413
    text = json.dumps({**VCA, "note": "é" * VCA_SIZE}, ensure_ascii=False)
    assert isinstance(webhooks.Receiver(limit=len(text)).receive(text), webhooks.Answer)
    assert isinstance(webhooks.Receiver(limit=1).receive(VCA), voice.CallActionEvent)
    status, _, _ = asyncio.run(webhooks.handle_async(padded(VCA_SIZE + 1), {}, hangup_on_one, limit=VCA_SIZE))
    assert status == 413


def test_handle_refuses_what_is_not_a_webhook() -> None:
    status, _, text = webhooks.handle(b'{"callflow": []}', {}, hangup_on_one)
    assert status == 400
    assert json.loads(text) == {
        "error": "missing-event-type",
        "message": 'the body has no "eventType" string, so it is not an 8x8 webhook',
    }


def test_handle_async_awaits_coroutines() -> None:
    async def on_event(event: voice.Event) -> webhooks.ReplyLike:
        await asyncio.sleep(0)
        return hangup_on_one(event)

    answer = asyncio.run(webhooks.handle_async(json.dumps(VCA), {}, on_event))
    assert answer[0] == 200 and '"hangup"' in answer[2]
    assert asyncio.run(webhooks.handle_async(json.dumps(VCA), {}, hangup_on_one))[0] == 200


def test_receiver_and_answer() -> None:
    receiver = webhooks.Receiver("k")
    assert "redacted" in repr(receiver) and "'k'" not in repr(receiver)
    refusal = receiver.receive(b"{}", "k")
    assert isinstance(refusal, webhooks.Answer) and refusal.status == 400
    assert isinstance(receiver.receive(json.dumps(VCA), authorization="k"), voice.CallActionEvent)
    assert webhooks.Receiver.answer().as_tuple() == (200, {"content-type": "application/json"}, "{}")


def test_source_addresses_and_authorization() -> None:
    assert webhooks.SOURCE_ADDRESSES == ["18.140.80.2", "52.220.253.234", "54.255.116.8", "52.74.232.241"]
    assert all(webhooks.is_source_address(a) for a in webhooks.SOURCE_ADDRESSES)
    assert webhooks.is_source_address("::ffff:18.140.80.2")
    assert not webhooks.is_source_address("127.0.0.1") and not webhooks.is_source_address("")
    assert webhooks.authorization_matches("a", "a") and not webhooks.authorization_matches("a", None)


def test_flask_adapter() -> None:
    app = Flask(__name__)
    app.add_url_rule("/vca", view_func=callflow.webhooks.flask.view(hangup_on_one, secret="k"), methods=["POST"])
    client = app.test_client()
    response = client.post("/vca", data=json.dumps(VCA), headers={"Authorization": "k"})
    assert (response.status_code, response.content_type) == (200, "application/json")
    assert response.get_json() == {"clientActionId": "bye", "callflow": [{"action": "hangup"}]}
    assert client.post("/vca", data=json.dumps(VCA)).status_code == 401
    assert client.post("/vca", data="x", headers={"Authorization": "k"}).status_code == 400
    small = Flask(__name__)
    small.add_url_rule("/vca", view_func=callflow.webhooks.flask.view(hangup_on_one, limit=VCA_SIZE), methods=["POST"])
    assert small.test_client().post("/vca", data=padded(VCA_SIZE + 1)).status_code == 413


def test_fastapi_adapter() -> None:
    async def on_event(event: voice.Event) -> webhooks.ReplyLike:
        return hangup_on_one(event)

    app = FastAPI()
    app.post("/vca")(callflow.webhooks.fastapi.endpoint(on_event, secret="k"))
    client = TestClient(app)
    response = client.post("/vca", content=json.dumps(VCA), headers={"Authorization": "k"})
    assert (response.status_code, response.headers["content-type"]) == (200, "application/json")
    assert response.json() == {"clientActionId": "bye", "callflow": [{"action": "hangup"}]}
    assert client.post("/vca", content=json.dumps(VCA)).status_code == 401
    assert client.post("/vca", content=b"[]", headers={"Authorization": "k"}).status_code == 400
    small = FastAPI()
    small.post("/vca")(callflow.webhooks.fastapi.endpoint(on_event, limit=VCA_SIZE))
    assert TestClient(small).post("/vca", content=padded(VCA_SIZE + 1)).status_code == 413
