"""Every shared vector in tests/fixtures/pbx/ gives exactly the expected report, and the
golden diagrams in tests/fixtures/diagram/ render exactly.

A ``document`` case runs as a dict, as JSON text and as UTF-8 bytes; a ``body`` case
as text. Every document the model can hold also reads into a ``pbx.CallFlow`` that
writes back the same JSON and reports the same issues.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from callflow import ValidationError, diagram, pbx

from conftest import REPO, vector_cases

DIAGRAMS = REPO / "tests" / "fixtures" / "diagram"
_, CASES = vector_cases("pbx")
DOCUMENTS = [c for c in CASES if "document" in c.values[0]]


def expected(case: dict[str, Any]) -> dict[str, Any]:
    expect = case["expect"]
    return {"statusCode": expect["statusCode"], "issues": expect["issues"], "omitted": expect.get("omitted", 0)}


def actual(report: pbx.Report) -> dict[str, Any]:
    return {
        "statusCode": report.to_dict()["statusCode"],
        "issues": [issue.to_dict() for issue in report.issues],
        "omitted": report.omitted,
    }


def strict(case: dict[str, Any]) -> bool:
    return bool(case.get("options", {}).get("strict", False))


def text_of(case: dict[str, Any]) -> str:
    return case["body"] if "body" in case else json.dumps(case["document"], ensure_ascii=False)


def test_every_check_has_cases() -> None:
    assert len(CASES) >= 60
    codes = {issue["code"] for case in CASES for issue in case.values[0]["expect"]["issues"]}
    assert len(codes) == 19


@pytest.mark.parametrize("case", CASES)
def test_vector_as_text(case: dict[str, Any]) -> None:
    report = pbx.check(text_of(case), strict=strict(case))
    assert actual(report) == expected(case)
    assert report.ok == all(i["severity"] != "error" for i in case["expect"]["issues"])


@pytest.mark.parametrize("case", CASES)
def test_vector_as_bytes(case: dict[str, Any]) -> None:
    report = pbx.check(text_of(case).encode("utf-8"), strict=strict(case))
    assert actual(report) == expected(case)


@pytest.mark.parametrize("case", DOCUMENTS)
def test_vector_as_dict(case: dict[str, Any]) -> None:
    report = pbx.check(case["document"], strict=strict(case))
    assert actual(report) == expected(case)


@pytest.mark.parametrize("case", DOCUMENTS)
def test_vector_round_trips_through_the_model(case: dict[str, Any]) -> None:
    try:
        flow = pbx.CallFlow.from_dict(case["document"])
    except ValidationError as err:
        assert not err.report.ok
        return
    compact = json.dumps(case["document"], ensure_ascii=False, separators=(",", ":"))
    assert flow.to_json() == compact
    assert flow.to_dict() == case["document"]
    assert actual(flow.check(strict=strict(case))) == expected(case)


@pytest.mark.parametrize("name", ["call-pete", "support-line", "restaurant-ivr", "simple-ivr"])
@pytest.mark.parametrize(("format", "extension"), [("mermaid", "mmd"), ("dot", "dot"), ("svg", "svg")])
def test_golden_diagram(name: str, format: str, extension: str) -> None:
    source = DIAGRAMS / f"{name}.json"
    if not source.exists():
        source = REPO / "examples" / "pbx" / f"{name}.json"
    golden = (DIAGRAMS / f"{name}.{extension}").read_text(encoding="utf-8")
    assert diagram.render(source.read_bytes(), format=format) == golden  # type: ignore[arg-type]
