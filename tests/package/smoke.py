"""Smoke test of the installed callflow-rs wheel, run from outside the source tree with
the interpreter it was installed into: ``python smoke.py REPO VERSION``. mypy --strict
checks this file against the installed stubs too."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

import callflow
from callflow import diagram, pbx, voice
from callflow.testing import emulate


def on_event(event: voice.Event) -> list[voice.Action] | None:
    """The backend of the emulated call: digit 1 says goodbye and hangs up."""
    if isinstance(event, voice.CallActionEvent) and event.dtmf == "1":
        return [voice.Say(text="Goodbye.", voice_profile="en-US-BenjaminRUS"), voice.Hangup()]
    return None


def main(repo: Path, version: str) -> None:
    assert callflow.__version__ == version, callflow.__version__
    assert "site-packages" in str(callflow.__file__), callflow.__file__
    about = metadata.metadata("callflow-rs")
    assert "Typing :: Typed" in about.get_all("Classifier", []), about
    assert about["License-Expression"] == "MIT OR Apache-2.0", about
    assert sorted(about.get_all("License-File", [])) == ["LICENSE-APACHE", "LICENSE-MIT"], about
    assert len(about.get_all("Project-URL", [])) >= 3, about
    assert "callflow" in str(about.json.get("description")), about
    installed = [str(file) for file in metadata.files("callflow-rs") or []]
    for name in ("licenses/LICENSE-MIT", "licenses/LICENSE-APACHE", "callflow/py.typed", "callflow/_native.pyi"):
        assert any(file.endswith(name) for file in installed), (name, installed)

    seed = (repo / "examples" / "voice" / "simple-ivr.json").read_bytes()
    report = voice.validate(seed, profile="request")
    assert report.ok and report.status_code == 1, report

    body = b'{"eventType": "CALL_ACTION", "payload": {"eventData": {"dtmf": "2"}, "clientActionId": "menu"}}'
    event = voice.parse_event(body)
    assert isinstance(event, voice.CallActionEvent) and event.dtmf == "2", event

    pete = (repo / "examples" / "pbx" / "call-pete.json").read_text(encoding="utf-8")
    checked = pbx.check(pete)
    assert checked.ok and [issue.code for issue in checked.issues] == ["missing-outcome"], checked

    assert diagram.render(pete, format="svg").startswith("<svg")

    call = emulate(seed, on_event, press="1").assert_ok().assert_heard("Dear customer", "Goodbye.")
    assert call.session_status == "COMPLETED", call.transcript
    print(f"wheel OK: callflow {callflow.__version__}, {len(call.webhooks)} webhooks answered")


def type_mistake() -> None:
    """Never called: the stubs make this a type error, so mypy --strict fails on an unused
    ignore if they are missing."""
    voice.validate(b"{}", profile="sideways")  # type: ignore[arg-type]


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
