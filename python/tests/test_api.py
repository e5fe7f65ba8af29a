"""The Python surface: keyword arguments, attributes, equality, bodies, exceptions,
round trips and datetime handling."""

from __future__ import annotations

import copy
import json
import pickle
import threading
import time
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

import callflow
from callflow import voice

PROFILE = "en-US-BenjaminRUS"
NOW = datetime(2024, 7, 1, tzinfo=timezone.utc)


def make_call() -> voice.MakeCall:
    return voice.MakeCall(source="+6512341234", destination="+6512345678")


def every_action() -> list[voice.Action]:
    """One of each action with every parameter set to a valid value."""
    return [
        voice.MakeCall(source="+6512341234", destination="+6512345678", call_recording=True),
        voice.Say(text="Hi", voice_profile=PROFILE, repetition=2, speed=1.5, language="en-US"),
        voice.PlayFile(file_url="https://example.com/a.mp3", repetition=3),
        voice.SayAndCapture(
            prompt_message="Press 1",
            voice_profile=PROFILE,
            repetition=1,
            speed=0.5,
            min_digits=1,
            max_digits=4,
            digit_timeout=5000,
            overall_timeout=10000,
            complete_on_hash=True,
            no_of_tries=2,
            success_message="Thanks",
            failure_message="Sorry",
        ),
        voice.Hangup(),
    ]


def test_every_keyword_argument_reaches_its_wire_parameter() -> None:
    reply = voice.Reply(every_action())
    params = [action.get("params", {}) for action in reply.to_dict()["callflow"]]
    assert params[0] == {"source": "+6512341234", "destination": "+6512345678", "callRecording": True}
    assert params[1] == {"text": "Hi", "voiceProfile": PROFILE, "repetition": 2, "speed": 1.5, "language": "en-US"}
    assert params[2] == {"fileUrl": "https://example.com/a.mp3", "repetition": 3}
    assert list(params[3]) == [
        "promptMessage", "voiceProfile", "repetition", "speed", "minDigits", "maxDigits",
        "digitTimeout", "overallTimeout", "completeOnHash", "noOfTries", "successMessage",
        "failureMessage",
    ]
    assert params[4] == {}
    assert "params" not in reply.to_dict()["callflow"][4]


def test_attributes_repr_and_names() -> None:
    say = voice.Say(text="Hello", voice_profile=PROFILE, repetition=2)
    assert (say.text, say.voice_profile, say.repetition, say.speed) == ("Hello", PROFILE, 2, None)
    assert say.name == "say"
    assert repr(say) == "Say(text='Hello', voice_profile='en-US-BenjaminRUS', repetition=2)"
    assert repr(voice.Hangup()) == "Hangup()"
    assert voice.SayAndCapture(prompt_message="p", voice_profile=PROFILE).name == "sayAndCapture"
    assert isinstance(say, voice.Action)
    assert type(say).__module__ == "callflow.voice"


def test_equality() -> None:
    assert make_call() == make_call()
    assert voice.Hangup() == voice.Hangup()
    assert voice.Say(text="a", voice_profile=PROFILE) != voice.Say(text="b", voice_profile=PROFILE)
    assert voice.Say(text="a", voice_profile=PROFILE) != voice.Say(text="a", voice_profile=PROFILE, speed=1)
    assert voice.PlayFile(file_url="https://x/a.mp3") != voice.Hangup()
    assert voice.Hangup() != "hangup"
    assert voice.Reply([voice.Hangup()]) == voice.Reply([voice.Hangup()])
    assert voice.Reply([voice.Hangup()]) != voice.Reply([voice.Hangup()], client_action_id="x")


def test_none_means_not_set() -> None:
    assert voice.Say(text="a", voice_profile=PROFILE, speed=None).to_dict() == {
        "action": "say",
        "params": {"text": "a", "voiceProfile": PROFILE},
    }


def test_unknown_or_missing_keyword_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="voice_profle"):
        voice.Say(text="a", voice_profle=PROFILE)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="voice_profile"):
        voice.Say(text="a")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        voice.Say("a", PROFILE)  # type: ignore[misc]


def test_callflow_request_serialises_the_wire_format() -> None:
    flow = voice.Callflow(
        [make_call(), voice.Say(text="Hello", voice_profile="en-IE-EmilyNeural"), voice.Hangup()]
    )
    assert flow.to_json() == (
        '{"callflow":[{"action":"makeCall","params":{"source":"+6512341234",'
        '"destination":"+6512345678"}},{"action":"say","params":{"text":"Hello",'
        '"voiceProfile":"en-IE-EmilyNeural"}},{"action":"hangup"}]}'
    )
    assert json.loads(flow.to_json()) == flow.to_dict()
    assert flow.valid_until is None
    assert flow.actions == [make_call(), voice.Say(text="Hello", voice_profile="en-IE-EmilyNeural"), voice.Hangup()]
    assert repr(flow).startswith("Callflow([MakeCall(source='+6512341234'")


def test_actions_may_be_any_iterable() -> None:
    assert voice.Reply(iter([voice.Hangup()])) == voice.Reply((voice.Hangup(),))


def test_a_non_action_item_is_a_type_error() -> None:
    with pytest.raises(TypeError, match=r"actions\[1\] must be an action .* not dict"):
        voice.Reply([voice.Hangup(), {"action": "hangup"}])  # type: ignore[list-item]


def test_valid_until_accepts_aware_datetimes_and_strings() -> None:
    later = datetime.now(timezone.utc) + timedelta(days=1)
    flow = voice.Callflow([make_call()], valid_until=later)
    assert flow.valid_until == later.strftime("%Y-%m-%dT%H:%M:%S.") + f"{later.microsecond // 1000:03d}Z"
    offset = later.astimezone(timezone(timedelta(hours=8)))
    assert voice.Callflow([make_call()], valid_until=offset).valid_until == flow.valid_until
    text = "2999-01-02T03:04:05.678Z"
    assert voice.Callflow([make_call()], valid_until=text).to_dict()["validUntil"] == text


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="valid_until must be timezone-aware"):
        voice.Callflow([make_call()], valid_until=datetime(2999, 1, 1))
    with pytest.raises(ValueError, match="now must be timezone-aware"):
        voice.validate("{}", now=datetime(2024, 1, 1))
    with pytest.raises(TypeError, match="now must be a timezone-aware datetime, not str"):
        voice.validate("{}", now="2024-01-01")  # type: ignore[arg-type]


def test_a_past_valid_until_is_invalid() -> None:
    with pytest.raises(callflow.ValidationError) as caught:
        voice.Callflow([make_call()], valid_until=datetime(2020, 1, 1, tzinfo=timezone.utc))
    assert caught.value.status_code == -1015


def test_reply_client_action_id() -> None:
    reply = voice.Reply([voice.Hangup()], client_action_id="main_menu")
    assert reply.client_action_id == "main_menu"
    assert reply.to_json() == '{"clientActionId":"main_menu","callflow":[{"action":"hangup"}]}'
    assert repr(reply) == "Reply([Hangup()], client_action_id='main_menu')"


def test_invalid_flow_raises_validation_error_with_every_issue() -> None:
    with pytest.raises(callflow.ValidationError) as caught:
        voice.Callflow([voice.Say(text="", voice_profile=PROFILE, repetition=9)])
    err = caught.value
    assert isinstance(err, ValueError) and isinstance(err, callflow.CallflowError)
    assert err.status_code == -1009
    assert [(i.code, i.path) for i in err.issues] == [
        (-1009, "$.callflow[0].params.text"),
        (-1009, "$.callflow[0].params.repetition"),
        (-1013, "$.callflow[0].action"),
    ]
    assert "$.callflow[0].params.text: must not be empty" in str(err)
    assert "$.callflow[0].params.repetition" in str(err)
    assert err.report.ok is False


def test_values_of_the_wrong_type_are_reported_with_their_path() -> None:
    with pytest.raises(callflow.ValidationError) as caught:
        voice.Reply([voice.Say(text=5, voice_profile=PROFILE)])  # type: ignore[arg-type]
    assert caught.value.issues[0].path == "$.callflow[0].params.text"
    assert caught.value.issues[0].code == -1009


def test_reports_issues_and_errors_pickle() -> None:
    report = voice.validate({"callflow": [{"action": "say", "params": {f"x{i}": 1 for i in range(1200)}}]}, profile="reply")
    assert report.omitted > 0
    again = pickle.loads(pickle.dumps(report))
    assert again == report and again.omitted == report.omitted
    assert pickle.loads(pickle.dumps(report.issues[0])) == report.issues[0]
    assert copy.deepcopy(report) == report
    with pytest.raises(callflow.ValidationError) as caught:
        voice.Reply([])
    err = pickle.loads(pickle.dumps(caught.value))
    assert isinstance(err, callflow.ValidationError)
    assert (str(err), err.status_code, err.issues) == (str(caught.value), -1009, caught.value.issues)


def test_from_json_accepts_str_bytes_and_bytearray() -> None:
    text = '{"clientActionId": "m", "callflow": [{"action": "hangup"}]}'
    expected = voice.Reply([voice.Hangup()], client_action_id="m")
    assert voice.Reply.from_json(text) == expected
    assert voice.Reply.from_json(text.encode()) == expected
    assert voice.Reply.from_json(bytearray(text.encode())) == expected
    with pytest.raises(TypeError, match="expected JSON text as str, bytes or bytearray, not dict"):
        voice.Reply.from_json({"callflow": []})  # type: ignore[arg-type]


def test_from_dict_parses_and_validates() -> None:
    doc: dict[str, Any] = {
        "validUntil": "2024-07-03T05:59:32.226Z",
        "callflow": [{"action": "makeCall", "params": {"source": "+6512341234", "destination": "+6512345678"}}],
    }
    flow = voice.Callflow.from_dict(doc, now=NOW)
    assert flow.valid_until == "2024-07-03T05:59:32.226Z"
    assert flow.to_dict() == doc
    with pytest.raises(callflow.ValidationError) as caught:
        voice.Callflow.from_dict(doc)  # the system clock is past validUntil
    assert caught.value.status_code == -1015
    with pytest.raises(TypeError):
        voice.Callflow.from_dict([])  # type: ignore[arg-type]


def test_parsed_actions_are_typed() -> None:
    reply = voice.Reply.from_json(
        '{"callflow": [{"action": "sayAndCapture", "params": {"promptMessage": "Press 1",'
        ' "voiceProfile": "en-US-BenjaminRUS", "maxDigits": 1, "speed": 1}}]}'
    )
    [capture] = reply.actions
    assert isinstance(capture, voice.SayAndCapture)
    assert (capture.prompt_message, capture.max_digits, capture.speed, capture.min_digits) == (
        "Press 1", 1, 1, None,
    )


def test_validate_returns_a_report() -> None:
    report = voice.validate({"callflow": [{"action": "sayandcapture"}]}, profile="reply")
    assert report.ok is False
    assert report.status_code == -1007
    assert report.omitted == 0
    [issue] = report.issues
    assert issue.code == -1007
    assert issue.path == "$.callflow[0].action"
    assert issue.severity == "error"
    assert issue.hint == 'did you mean "sayAndCapture"?'
    assert report.errors == report.issues and report.warnings == []
    assert report.to_dict() == {"ok": False, "statusCode": -1007, "issues": [issue.to_dict()]}
    assert "omitted" not in report.to_dict()
    assert repr(report) == "Report(ok=False, status_code=-1007, issues=<1 issue(s)>)"
    assert repr(issue).startswith("Issue(code=-1007, path='$.callflow[0].action', severity='error'")


def test_validate_warnings_keep_a_report_valid() -> None:
    report = voice.validate(
        {"callflow": [{"action": "playFile", "params": {"fileUrl": "https://x.example/a.ogg"}}]},
        profile="reply",
    )
    assert report.ok and report.status_code == 1
    assert [i.severity for i in report.warnings] == ["warning"]


def test_unknown_profile_is_a_value_error() -> None:
    with pytest.raises(ValueError, match='unknown profile "replay": expected "request" or "reply"'):
        voice.validate("{}", profile="replay")  # type: ignore[arg-type]


def test_version() -> None:
    assert callflow.__version__.count(".") == 2


def test_large_documents_let_other_threads_run() -> None:
    action = '{"action": "say", "params": {"text": "hello there", "voiceProfile": "en-US-BenjaminRUS"}}'
    body = '{"callflow": [' + ",".join([action] * 50_000) + "]}"
    ticks = 0
    done = threading.Event()

    def spin() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0)

    spinner = threading.Thread(target=spin)
    spinner.start()
    try:
        before = ticks
        report = voice.validate(body, profile="reply")
        during = ticks - before
    finally:
        done.set()
        spinner.join()
    assert report.ok
    # Holding the GIL for the whole call would leave the spinner no turn at all.
    assert during >= 10
