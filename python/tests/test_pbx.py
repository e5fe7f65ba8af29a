"""The Python surface of callflow.pbx and callflow.diagram: builders, the model's
properties, errors, hostile input and pickling."""

from __future__ import annotations

import doctest
import json
import pickle

import pytest

import callflow
from callflow import ValidationError, diagram, pbx

from conftest import REPO

SEED = (REPO / "examples" / "pbx" / "call-pete.json").read_text(encoding="utf-8")


def test_module_docs_run() -> None:
    for module in (pbx, diagram):
        assert doctest.testmod(module).failed == 0


def test_builders_make_a_clean_flow() -> None:
    flow = pbx.CallFlow(
        501,
        "Call Pete",
        show_call_route_name=True,
        modules={
            "start": pbx.Module.start("menu"),
            "menu": pbx.Module.press_extension()
            .with_branch("1", "pete")
            .with_branch("invalid", "menu-again")
            .with_branch("timeout", "vm"),
            "menu-again": pbx.Module.play("sorry").with_next("menu"),
            "pete": pbx.Module.extension([pbx.Target.sip_user("u1"), pbx.Target.forward("+447700900123")])
            .with_outcome("noanswer", "vm"),
            "vm": pbx.Module.voicemail(["mb-1"]),
        },
    )
    assert flow.check().issues == []
    assert flow.extension == 501 and flow.name == "Call Pete" and flow.show_call_route_name is True
    assert flow.uuid is None and flow.show_original_caller_id is None
    assert list(flow.modules) == ["start", "menu", "menu-again", "pete", "vm"]
    assert flow.modules["pete"].get("extensions")[1] == {"type": "forward", "number": "+447700900123"}
    assert pbx.CallFlow.from_json(flow.to_json()) == flow


def test_the_seed_reads_with_its_read_only_fields() -> None:
    flow = pbx.CallFlow.from_json(SEED)
    assert flow.uuid == "31347d42-00bd-44a5-9b5c-20dc4197a2f6"
    assert (flow.created_on, flow.updated_on) == ("2023-06-07", "2023-06-07")
    assert [m.kind for m in flow.modules.values()] == ["start", "pressextension", "extension"]
    assert flow.to_dict() == json.loads(SEED)
    report = flow.check()
    assert report.ok and report.status_code is None and report.to_dict()["statusCode"] == 1
    assert [i.code for i in report.warnings] == ["missing-outcome"]


def test_module_names_keep_their_case_and_unknown_members() -> None:
    trunk = pbx.Module("Trunk", uuid="t1", note={"kept": [1, 2]})
    assert (trunk.name, trunk.kind) == ("Trunk", "trunk")
    assert trunk.to_dict() == {"module": "Trunk", "uuid": "t1", "note": {"kept": [1, 2]}}
    queue = pbx.Module("callqueue").with_field("answer", "vm")
    assert queue.kind is None and queue.get("answer") == "vm" and queue.get("nothing") is None
    flow = pbx.CallFlow(1, "q", modules={"s": pbx.Module.start("q"), "q": queue, "vm": pbx.Module.voicemail(["m"])})
    assert flow.check().ok
    strict = flow.check(strict=True)
    assert strict.status_code == "unknown-module"
    assert strict.issues[0].code == "unknown-module"


def test_what_is_not_a_call_flow_raises_with_the_report() -> None:
    with pytest.raises(ValidationError) as raised:
        pbx.CallFlow.from_json('{"extension": 1, "name": "x", "flow": {"a": 5}}')
    assert raised.value.status_code == "invalid-structure"
    assert raised.value.issues[0].path == "$.flow.a"
    with pytest.raises(TypeError):
        pbx.CallFlow.from_json({"flow": {}})  # type: ignore[arg-type]


def test_reports_with_names_pickle_and_repr() -> None:
    report = pbx.check('{"extension": 1, "name": "x", "flow": {}}')
    assert pickle.loads(pickle.dumps(report)) == report
    assert repr(report) == "Report(ok=False, status_code='missing-start', issues=<1 issue(s)>)"
    assert repr(report.issues[0]).startswith("Issue(code='missing-start', path='$.flow'")
    assert report.to_dict()["statusCode"] == "missing-start"
    assert isinstance(callflow.voice.validate("{}").status_code, int)


def test_a_valid_report_keeps_its_status_through_pickle() -> None:
    valid = pbx.CallFlow.from_json(SEED).check()
    assert pickle.loads(pickle.dumps(valid)).status_code is None
    reply = callflow.voice.validate({"callflow": [{"action": "hangup"}]}, profile="reply")
    assert pickle.loads(pickle.dumps(reply)).status_code == 1


def test_hostile_input_gives_a_report_or_a_clear_error() -> None:
    deep: dict[str, object] = {}
    node = deep
    for _ in range(200):
        node["flow"] = {}
        node = node["flow"]  # type: ignore[assignment]
    assert pbx.check(deep).issues[0].message.endswith("nested deeper than 128 levels")
    loop: list[object] = []
    loop.append(loop)
    assert pbx.check({"flow": loop}).status_code == "invalid-structure"
    assert pbx.check(b"\xff\xfe").status_code == "invalid-structure"
    assert pbx.check("[" * 100_000).status_code == "invalid-structure"
    with pytest.raises(TypeError):
        pbx.check({"flow": {1: 2}})
    with pytest.raises(ValueError):
        pbx.Module("play", sound=loop)


def test_render_draws_both_platforms_in_every_format() -> None:
    assert diagram.render(SEED).startswith("flowchart TD\n")
    assert diagram.render(SEED, format="dot").startswith("digraph callflow {\n")
    assert diagram.render(json.loads(SEED), format="svg").startswith("<svg ")
    reply = {"callflow": [{"action": "say", "params": {"text": "Hi"}}, {"action": "hangup"}]}
    assert '[["hangup"]]' in diagram.render(reply)
    with pytest.raises(ValueError, match="not a call flow"):
        diagram.render({"hello": 1})
    with pytest.raises(ValueError, match="unknown diagram format"):
        diagram.render(SEED, format="png")  # type: ignore[arg-type]
