"""The chained builders: ``voice.Callflow.builder()`` and ``voice.Reply.builder()`` add
one action per method, with the keyword arguments of the action classes, and ``build()``
validates."""

from __future__ import annotations

import inspect

import pytest

import callflow
from callflow import voice

PROFILE = "en-US-BenjaminRUS"


def test_request_builds_the_same_body_as_the_action_classes() -> None:
    built = (
        voice.Callflow.builder(valid_until="2099-01-01T00:00:00.000Z")
        .make_call(source="+6512341234", destination="+6512345678", call_recording=True)
        .say(text="Hello", voice_profile=PROFILE, repetition=2, speed=1.5)
        .play_file(file_url="https://example.com/a.mp3")
        .say_and_capture(prompt_message="Press 1", voice_profile=PROFILE, max_digits=1)
        .hangup()
        .build()
    )
    listed = voice.Callflow(
        [
            voice.MakeCall(source="+6512341234", destination="+6512345678", call_recording=True),
            voice.Say(text="Hello", voice_profile=PROFILE, repetition=2, speed=1.5),
            voice.PlayFile(file_url="https://example.com/a.mp3"),
            voice.SayAndCapture(prompt_message="Press 1", voice_profile=PROFILE, max_digits=1),
            voice.Hangup(),
        ],
        valid_until="2099-01-01T00:00:00.000Z",
    )
    assert isinstance(built, voice.Callflow)
    assert built == listed
    assert built.to_json() == listed.to_json()


def test_the_body_classes_start_the_same_builders() -> None:
    request = voice.Callflow.builder(valid_until="2099-01-01T00:00:00.000Z")
    assert isinstance(request, voice.RequestBuilder)
    flow = request.make_call(source="+6512341234", destination="+6512345678").hangup().build()
    assert flow.valid_until == "2099-01-01T00:00:00.000Z"
    reply = voice.Reply.builder(client_action_id="menu")
    assert isinstance(reply, voice.ReplyBuilder)
    assert reply.hangup().build() == voice.Reply([voice.Hangup()], client_action_id="menu")


def test_reply_keeps_its_client_action_id_and_takes_any_action() -> None:
    reply = voice.Reply.builder(client_action_id="menu").action(voice.Hangup()).build()
    assert isinstance(reply, voice.Reply)
    assert reply.to_dict() == {"clientActionId": "menu", "callflow": [{"action": "hangup"}]}


def test_build_raises_validation_error_with_every_issue() -> None:
    builder = voice.Callflow.builder().say_and_capture(prompt_message="Press 1", voice_profile=PROFILE, min_digits=1)
    with pytest.raises(callflow.ValidationError) as raised:
        builder.build()
    codes = [issue.code for issue in raised.value.issues]
    assert codes == [-1003, -1013]
    assert raised.value.code == "invalid-document"


def test_a_reply_out_of_range_reports_the_parameter_path() -> None:
    with pytest.raises(callflow.ValidationError) as raised:
        voice.Reply.builder().say(text="Hi", voice_profile=PROFILE, repetition=9).build()
    assert [issue.path for issue in raised.value.issues] == ["$.callflow[0].params.repetition"]


def test_methods_take_exactly_the_keyword_arguments_of_their_action_class() -> None:
    classes = {
        "make_call": voice.MakeCall,
        "say": voice.Say,
        "play_file": voice.PlayFile,
        "say_and_capture": voice.SayAndCapture,
    }
    for method, cls in classes.items():
        parameters = list(inspect.signature(getattr(voice.ReplyBuilder, method)).parameters)
        assert parameters[0] == "self"
        properties = [name for name, value in vars(cls).items() if inspect.isdatadescriptor(value)]
        assert sorted(parameters[1:]) == sorted(properties), method
    with pytest.raises(TypeError):
        voice.Reply.builder().say(text="Hi", voice_profile=PROFILE, volume=3)  # type: ignore[call-arg]
