"""Yay.com call simulation from Python: every shared vector (tests/fixtures/pbx-simulation/)
through ``callflow.pbx.simulate`` and ``callflow.pbx.explore`` must give exactly the
expected transcript, as in Rust and Node; the flow may be a dict, JSON text or a
``CallFlow``; bad input raises a clear error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from callflow import EmulatorError, ValidationError, pbx
from conftest import vector_cases

FILES, CASES = vector_cases("pbx-simulation")
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "pbx" / "call-pete.json"


def run(case: dict[str, Any], flow: Any) -> Any:
    options = case.get("options")
    if case.get("explore"):
        return pbx.explore(flow, case["call"], options=options)
    return pbx.simulate(flow, case["call"], options=options)


def test_there_are_at_least_40_vectors() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES)
def test_vector_with_the_flow_as_a_dict(case: dict[str, Any]) -> None:
    assert run(case, case["flow"]) == case["expected"]


@pytest.mark.parametrize("case", CASES)
def test_vector_with_the_flow_as_text_and_the_call_as_bytes(case: dict[str, Any]) -> None:
    call = json.dumps(case["call"]).encode()
    options = case.get("options")
    flow = json.dumps(case["flow"])
    if case.get("explore"):
        got: Any = pbx.explore(flow, call, options=options)
    else:
        got = pbx.simulate(flow, call, options=options)
    assert got == case["expected"]


def test_call_pete_as_a_callflow_object() -> None:
    flow = pbx.CallFlow.from_json(EXAMPLE.read_text())
    call = pbx.simulate(flow, {"script": [{"press": "1"}], "rings": {"92b0aca6-12aa-480c-a7b7-a31df403418c": "busy"}})
    assert call["ended"] == {
        "kind": "dropped",
        "module": "fdc20592-2757-4a9a-a1d3-3c4e7b6a39d6",
        "cause": "noEdge",
        "at": '$.flow["fdc20592-2757-4a9a-a1d3-3c4e7b6a39d6"].noanswer',
    }
    assert [finding["code"] for finding in call["findings"]] == ["call-drops"]
    explored = pbx.explore(flow)
    assert explored["coverage"]["share"] == 1.0
    assert [finding["see"] for finding in explored["findings"]] == [
        {"code": "missing-outcome", "path": '$.flow["fdc20592-2757-4a9a-a1d3-3c4e7b6a39d6"].noanswer'}
    ]


def test_a_finding_call_reproduces_the_finding() -> None:
    flow = json.loads(EXAMPLE.read_text())
    finding = pbx.explore(flow)["findings"][0]
    assert finding["call"] is not None
    again = pbx.simulate(flow, finding["call"])
    assert [found["code"] for found in again["findings"]] == [finding["code"]]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ({"caller": 44}, 'caller: expected a phone number or "anonymous", found a number'),
        ({"rings": {"sales": "maybe"}}, 'rings.sales: unknown outcome "maybe": expected "answer", "busy", "unavailable" or "noanswer"'),
        ({"script": [{"press": "x"}]}, "script[0]: 'x' is not a phone key; keys are 0-9, * and #"),
        ("[" * 100_000, "the call is not JSON: recursion limit exceeded at line 1 column 128"),
        ("{", "the call is not JSON: EOF while parsing an object at line 1 column 1"),
    ],
)
def test_a_bad_call_raises_emulator_error_naming_the_member(call: Any, message: str) -> None:
    with pytest.raises(EmulatorError) as raised:
        pbx.simulate(json.loads(EXAMPLE.read_text()), call)
    assert str(raised.value).startswith(message)
    assert raised.value.code == "invalid-call"
    assert isinstance(raised.value, ValueError)


def test_deeply_nested_python_values_raise() -> None:
    deep: Any = []
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(ValueError):
        pbx.simulate(json.loads(EXAMPLE.read_text()), {"script": deep})
    with pytest.raises(ValidationError):
        pbx.simulate({"flow": deep, "extension": 1, "name": "x"})


def test_bad_options_and_a_flow_that_is_not_one() -> None:
    with pytest.raises(EmulatorError, match="maxPaths must be at least 1") as raised:
        pbx.explore(json.loads(EXAMPLE.read_text()), options={"maxPaths": 0})
    assert raised.value.code == "invalid-options"
    with pytest.raises(ValueError, match="unknown field `soundMS`"):
        pbx.simulate(json.loads(EXAMPLE.read_text()), options={"soundMS": 1})  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        pbx.simulate([])  # type: ignore[arg-type]


def test_the_coverage_of_scripted_calls_shows_what_they_miss() -> None:
    flow = json.loads(EXAMPLE.read_text())
    none = pbx.coverage(flow, [])
    assert none["used"] == 0 and len(none["unused"]) == none["edges"] > 0
    pressed = pbx.coverage(flow, ({"script": [{"press": "1"}]}, {"script": ["silence"]}))
    assert 0 < pressed["used"] < pressed["edges"]
    everything = pbx.explore(flow)
    assert pbx.coverage(flow, [path["call"] for path in everything["paths"]])["unused"] == []
    assert pbx.coverage(flow, json.dumps([{}])) == pbx.coverage(flow, [{}])
    with pytest.raises(EmulatorError, match=r"^calls\[1\]: caller") as raised:
        pbx.coverage(flow, [{}, {"caller": 44}])  # type: ignore[typeddict-item]
    assert raised.value.code == "invalid-call"
