"""Hostile input never crashes the interpreter: it gives an invalid report, a
ValidationError, or a TypeError/ValueError with a clear message."""

from __future__ import annotations

import math
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

import pytest

import callflow
from callflow import voice

PROFILE = "en-US-BenjaminRUS"
TOO_DEEP = "Invalid JSON request body. $: nested deeper than 128 levels"


def say(**params: Any) -> dict[str, Any]:
    return {"callflow": [{"action": "say", "params": {"text": "hi", "voiceProfile": PROFILE, **params}}]}


def messages(report: voice.Report) -> list[str]:
    return [issue.message for issue in report.issues]


def test_a_dict_cycle_is_reported_as_too_deep() -> None:
    doc: dict[str, Any] = {}
    doc["callflow"] = [doc]
    assert messages(voice.validate(doc)) == [TOO_DEEP]
    with pytest.raises(callflow.ValidationError, match="nested deeper than 128 levels"):
        voice.Reply.from_dict(doc)


def test_a_list_cycle_is_reported_as_too_deep() -> None:
    items: list[Any] = []
    items.append(items)
    assert voice.validate({"callflow": items}).status_code == -1001


def test_a_cycle_inside_an_action_parameter() -> None:
    value: list[Any] = []
    value.append(value)
    with pytest.raises(callflow.ValidationError, match="nested deeper than 128 levels"):
        voice.Reply([voice.Say(text=value, voice_profile=PROFILE)])  # type: ignore[arg-type]


@pytest.mark.parametrize("depth", [129, 100_000])
def test_deep_nesting_as_dict(depth: int) -> None:
    doc: Any = {}
    for _ in range(depth):
        doc = {"callflow": doc}
    assert messages(voice.validate(doc)) == [TOO_DEEP]


def test_deep_nesting_as_list_and_text() -> None:
    doc: Any = []
    for _ in range(100_000):
        doc = [doc]
    assert voice.validate({"callflow": doc}).status_code == -1001
    report = voice.validate("[" * 100_000 + "]" * 100_000)
    assert report.status_code == -1001
    assert "recursion limit exceeded" in report.issues[0].message


def test_128_levels_are_accepted() -> None:
    doc: Any = "leaf"
    for _ in range(127):
        doc = [doc]
    report = voice.validate({"callflow": [], "x": doc}, profile="reply")
    assert all("nested deeper" not in m for m in messages(report))


def test_non_str_keys_are_a_type_error() -> None:
    with pytest.raises(TypeError, match="JSON object keys must be str, not int"):
        voice.validate({1: "x"})
    with pytest.raises(TypeError, match="keys must be str, not tuple"):
        voice.validate(say(**{}) | {(1, 2): 3})


@pytest.mark.parametrize(
    "value, name",
    [({1, 2}, "set"), (object(), "object"), (Decimal("1.5"), "Decimal"), (b"x", "bytes"),
     (datetime(2024, 1, 1, tzinfo=timezone.utc), "datetime"), (1 + 2j, "complex")],
)
def test_values_of_any_type_are_a_type_error(value: object, name: str) -> None:
    with pytest.raises(TypeError, match=f"^{name} is not a JSON value: expected dict, list"):
        voice.validate(say(repetition=value))


def test_a_non_str_non_bytes_top_level_value_is_converted_not_crashed() -> None:
    assert voice.validate(None).status_code == -1001
    assert voice.validate([1, 2]).status_code == -1001
    assert voice.validate(5).status_code == -1001


def test_nan_and_infinity_are_invalid_values() -> None:
    for value in (math.nan, math.inf, -math.inf):
        [issue] = voice.validate(say(speed=value), profile="reply").issues
        assert issue.path == "$.callflow[0].params.speed"
        assert issue.code == -1009
    with pytest.raises(callflow.ValidationError, match="found NaN"):
        voice.Reply([voice.Say(text="hi", voice_profile=PROFILE, speed=math.nan)])


def test_huge_integers_are_read_as_numbers() -> None:
    [issue] = voice.validate(say(repetition=2**100), profile="reply").issues
    assert issue.message.endswith("must be between 1 and 3, found 1267650600228229400000000000000")
    [issue] = voice.validate(say(repetition=-(2**100)), profile="reply").issues
    assert issue.code == -1009


def test_bool_is_not_an_integer() -> None:
    [issue] = voice.validate(say(repetition=True), profile="reply").issues
    assert issue.message.endswith("repetition: expected an integer, found boolean")


def test_huge_strings() -> None:
    big = "x" * 20_000_000
    [issue] = voice.validate({"callflow": [{"action": "say", "params": {"text": big, "voiceProfile": PROFILE}}]},
                             profile="reply").issues
    assert issue.path == "$.callflow[0].params.text"
    assert voice.validate(big).status_code == -1001
    assert voice.validate(big.encode()).status_code == -1001


def test_invalid_utf8_bytes_are_invalid_json() -> None:
    report = voice.validate(b'{"callflow": ["\xff"]}', profile="reply")
    assert report.status_code == -1001


def test_lone_surrogates_have_no_utf8_form() -> None:
    with pytest.raises(UnicodeEncodeError, match="surrogates not allowed"):
        voice.validate(say(text="\ud800"))
    with pytest.raises(UnicodeEncodeError):
        voice.validate('{"callflow": "\ud800"}')


def test_dict_subclasses_and_tuples_are_json() -> None:
    class Params(dict[str, Any]):
        pass

    doc = {"callflow": ({"action": "hangup"},)}
    assert voice.validate(Params(doc), profile="reply").ok


def test_the_report_lists_at_most_1000_issues_per_phase_and_severity() -> None:
    report = voice.validate(say(**{f"x{i}": 1 for i in range(1500)}), profile="reply")
    assert len(report.issues) == 1000
    assert report.omitted == 500
    assert report.to_dict()["omitted"] == 500
    assert report.status_code == -1009
    assert report.issues[-1].path == "$.callflow[0].params.x999"
    assert "and 500 more issue(s) not listed" in str(report)
