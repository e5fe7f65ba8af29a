"""The JSON Schemas in schemas/ agree with callflow's own checks on every shared vector.

A document fails its schema exactly when callflow reports a structural error in it: an
unknown action or field, a missing field, a wrong type, a value out of range. Every
other rule (formats, rules between fields, the Yay graph) only callflow checks, so a
document whose errors are all of those passes its schema; the README lists them.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from callflow import pbx, voice

from conftest import REPO, vector_cases

FIXTURES = REPO / "tests" / "fixtures"

# The details of the structural -1009 errors; -1001 and -1007 are structural too.
VOICE_STRUCTURAL = re.compile(
    r"is missing but it is required|is not a (field|parameter) of|expected |"
    r"must contain at least one action|must not be empty|must be at most \d+ characters long|"
    r"must be between|must be at least|must be at most \d+, found"
)

# The raw HTTP answers an IVR map may hold instead of a reply.
RAW_ANSWER_KEYS = ("$status", "$body", "$latencyMs", "$failure")


@functools.cache
def validator(name: str) -> Draft202012Validator:
    schema = json.loads((REPO / "schemas" / f"{name}.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def detail(issue: Any) -> str:
    return str(issue.message).split(f"{issue.path}: ", 1)[1]


# One step of a path in callflow's style: .name, [index] or ["key"].
PATH_STEP = re.compile(r'\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]')


def steps(path: str) -> tuple[str | int, ...]:
    """The keys and indexes of a path such as ``$.callflow[1].params["odd key"]``."""
    found: list[str | int] = []
    for name, index, quoted in PATH_STEP.findall(path[1:]):
        found.append(name or (int(index) if index else json.loads(quoted)))
    return tuple(found)


def voice_structural(document: Any, profile: str) -> list[str]:
    """The paths of the structural errors callflow reports in an 8x8 body."""
    report = voice.validate(json.dumps(document), profile=profile)
    return [
        issue.path
        for issue in report.issues
        if issue.severity == "error"
        and (issue.code in (-1001, -1007) or (issue.code == -1009 and VOICE_STRUCTURAL.search(detail(issue))))
    ]


def pbx_structural(document: Any) -> list[str]:
    """The paths of the structural errors callflow reports in a Yay.com call flow
    (default options)."""
    found = []
    for issue in pbx.check(json.dumps(document)).issues:
        text = detail(issue)
        if (
            issue.code in ("invalid-structure", "missing-field")
            or (issue.code == "unknown-module" and "is not a module the engine runs" in text)
            or (issue.code == "invalid-duration" and 'found "' not in text)
            or (issue.code == "invalid-pin" and "must be a string" in text)
        ):
            found.append(issue.path)
    return found


def json_documents(kind: str) -> Iterator[Any]:
    """Each case of tests/fixtures/<kind>/ whose document is JSON: the case and it."""
    _, cases = vector_cases(kind)
    for param in cases:
        case = param.values[0]
        if "document" in case:
            yield pytest.param(case, case["document"], id=param.id)
        else:
            try:
                document = json.loads(case["body"])
            except ValueError:
                continue  # not JSON: no schema applies
            yield pytest.param(case, document, id=param.id)


def schema_errors(name: str, document: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """Where the schema `name` fails on `document`, and why."""
    return [(tuple(error.absolute_path), error.message) for error in validator(name).iter_errors(document)]


def assert_agree(structural: list[str], errors: list[tuple[tuple[str | int, ...], str]]) -> None:
    """The schema fails exactly when callflow finds a structural error, and it fails at
    each such error: at the member itself, or at its object (a missing or unknown
    member)."""
    assert bool(errors) == bool(structural), (structural, errors)
    places = {place for place, _ in errors}
    for path in structural:
        at = steps(path)
        assert at in places or at[:-1] in places, (path, errors)


@pytest.mark.parametrize(("case", "document"), list(json_documents("voice")))
def test_voice_vectors(case: dict[str, Any], document: Any) -> None:
    assert_agree(voice_structural(document, case["profile"]), schema_errors(case["profile"], document))


@pytest.mark.parametrize(("case", "document"), list(json_documents("pbx")))
def test_pbx_vectors(case: dict[str, Any], document: Any) -> None:
    assert_agree(pbx_structural(document), schema_errors("yay", document))


def test_paths_read_as_steps() -> None:
    assert steps('$.callflow[1].params["odd key"]') == ("callflow", 1, "params", "odd key")
    assert steps('$.flow["a\\"b"].next["1"]') == ("flow", 'a"b', "next", "1")


def is_raw(answer: Any) -> bool:
    return isinstance(answer, dict) and any(key in answer for key in RAW_ANSWER_KEYS)


def ivr_maps() -> Iterator[Any]:
    """Every IVR map of the shared vectors: the diagrams', the benchmark's and each
    emulated call's backend."""
    for path in [*sorted((FIXTURES / "diagram").glob("*.json")), FIXTURES / "bench" / "advanced-ivr-map.json"]:
        document = json.loads(path.read_text(encoding="utf-8"))
        if "menus" in document:
            yield pytest.param(document, id=path.name)
    _, cases = vector_cases("emulator")
    for param in cases:
        yield pytest.param(param.values[0]["backend"], id=param.id)


@pytest.mark.parametrize("document", list(ivr_maps()))
def test_ivr_maps(document: dict[str, Any]) -> None:
    structural = []
    start = document.get("start")
    if start is not None and not is_raw(start):
        as_reply, as_request = voice_structural(start, "reply"), voice_structural(start, "request")
        if as_reply and as_request:
            structural += as_reply
    for replies in document.get("menus", {}).values():
        for reply in replies.values():
            if not is_raw(reply):
                structural += voice_structural(reply, "reply")
    errors = schema_errors("ivr", document)
    assert bool(errors) == bool(structural), (structural, errors)


def test_both_outcomes_are_covered() -> None:
    """Each schema has vectors on both sides: the tests above can fail either way."""
    voice_cases = [p.values for p in json_documents("voice")]
    outcomes = {(case["profile"], bool(voice_structural(doc, case["profile"]))) for case, doc in voice_cases}
    assert outcomes == {("request", True), ("request", False), ("reply", True), ("reply", False)}
    pbx_outcomes = {bool(pbx_structural(doc)) for _, doc in (p.values for p in json_documents("pbx"))}
    assert pbx_outcomes == {True, False}
    ivr_outcomes = {bool(schema_errors("ivr", p.values[0])) for p in ivr_maps()}
    assert ivr_outcomes == {True, False}


def test_editor_mapping_is_not_a_document_field() -> None:
    """A "$schema" key in a body is an unknown field for the platform, and for the schema."""
    body = {"$schema": "../schemas/reply.json", "callflow": [{"action": "hangup"}]}
    assert voice.validate(body, profile="reply").status_code == -1009
    assert schema_errors("reply", body)


def test_schema_files_are_the_four_documents() -> None:
    assert sorted(p.stem for p in Path(REPO / "schemas").glob("*.json")) == ["ivr", "reply", "request", "yay"]


def test_readme_maps_each_schema_in_vscode() -> None:
    """The README's VS Code settings name each committed schema, and nothing else."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split('"json.schemas": [', 1)[1].split("]\n}", 1)[0]
    urls = re.findall(r'"url": "\./(schemas/[a-z]+\.json)"', block)
    assert sorted(urls) == sorted(f"schemas/{p.name}" for p in (REPO / "schemas").glob("*.json"))
