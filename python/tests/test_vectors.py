"""Every shared vector in tests/fixtures/voice/ gives exactly the expected report.

A ``document`` case runs twice, as a dict and as JSON text; a ``body`` case runs as
text. The comparison is exact: status code, then every issue's code, path, severity,
message and hint, in order. Valid documents also round-trip through the typed bodies.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest

from callflow import voice

from conftest import vector_cases

DEFAULT_NOW = "2024-07-01T00:00:00.000Z"
FILES, CASES = vector_cases("voice")


def expected(case: dict[str, Any]) -> dict[str, Any]:
    return {"statusCode": case["expect"]["statusCode"], "issues": case["expect"]["issues"]}


def actual(report: voice.Report) -> dict[str, Any]:
    return {"statusCode": report.status_code, "issues": [i.to_dict() for i in report.issues]}


def now_of(case: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(case.get("now", DEFAULT_NOW))


def test_every_file_has_cases() -> None:
    assert len(FILES) >= 12
    assert len(CASES) >= 300


@pytest.mark.parametrize("case", CASES)
def test_vector_as_text(case: dict[str, Any]) -> None:
    text = case["body"] if "body" in case else json.dumps(case["document"])
    report = voice.validate(text, profile=case["profile"], now=now_of(case))
    assert actual(report) == expected(case)
    assert report.ok == all(i["severity"] != "error" for i in case["expect"]["issues"])


@pytest.mark.parametrize("case", [c for c in CASES if "document" in c.values[0]])
def test_vector_as_dict(case: dict[str, Any]) -> None:
    report = voice.validate(case["document"], profile=case["profile"], now=now_of(case))
    assert actual(report) == expected(case)


@pytest.mark.parametrize("case", CASES)
def test_vector_as_bytes(case: dict[str, Any]) -> None:
    text = case["body"] if "body" in case else json.dumps(case["document"], ensure_ascii=False)
    report = voice.validate(text.encode("utf-8"), profile=case["profile"], now=now_of(case))
    assert actual(report) == expected(case)


@pytest.mark.parametrize(
    "case", [c for c in CASES if "document" in c.values[0] and c.values[0]["expect"]["statusCode"] == 1]
)
def test_valid_vector_round_trips(case: dict[str, Any]) -> None:
    body_type = voice.Callflow if case["profile"] == "request" else voice.Reply
    body = body_type.from_dict(case["document"], now=now_of(case))
    again = body_type.from_json(body.to_json(), now=now_of(case))
    assert again == body
    assert again.to_dict() == body.to_dict()
    assert json.loads(body.to_json()) == body.to_dict()
