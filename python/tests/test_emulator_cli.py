"""`callflow emulate` (the CLI) runs examples/voice/simple-ivr.json against the ported
Python sample served over HTTP from a thread of this process, and its JSON transcript is
the one `callflow.testing.emulate` gives for the same call."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from callflow.testing import emulate
from conftest import REPO, load_sample, serve

REQUEST = REPO / "examples" / "voice" / "simple-ivr.json"
PROMPT = json.loads(REQUEST.read_text())["callflow"][1]["params"]["promptMessage"]


@pytest.fixture
def simple(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    yield load_sample("simple_ivr", monkeypatch)


def run(cli: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(cli), "emulate", str(REQUEST), *args, "--format", "json"],
        capture_output=True, text=True, timeout=120, env=env,
    )


def without_latency(transcript: dict[str, Any]) -> dict[str, Any]:
    for record in transcript["webhooks"]:
        record["latencyMs"] = 0
    for step in transcript["steps"]:
        step.pop("latencyMs", None)
    return transcript


def test_callflow_emulate_against_the_python_sample_over_http(cli: Path, simple: ModuleType) -> None:
    with serve(simple.app) as url:
        done = run(cli, "--webhook", f"{url}/vca", "--press", "1")
    assert done.returncode == 0, done.stderr
    transcript = json.loads(done.stdout)
    assert set(transcript) >= {
        "ok", "sessionId", "sessionStatus", "statusCode", "heard", "pressed", "webhooks",
        "findings", "steps", "durationMs",
    }
    assert transcript["ok"] is True
    assert (transcript["sessionStatus"], transcript["statusCode"]) == ("COMPLETED", 1)
    assert transcript["heard"] == [PROMPT] and transcript["pressed"] == ["1"]
    assert transcript["findings"] == []
    assert [(w["type"], w["eventType"], w["httpStatus"]) for w in transcript["webhooks"]] == [
        ("VCA", "CALL_ACTION", 200),
        ("VSS", "SESSION_SUMMARY", 200),
    ]
    assert all(w["latencyMs"] > 0 for w in transcript["webhooks"])
    assert transcript["durationMs"] > 0


def test_the_cli_and_python_give_the_same_transcript(cli: Path, simple: ModuleType) -> None:
    with serve(simple.app) as url:
        done = run(cli, "--webhook", f"{url}/vca", "--vss-url", f"{url}/vss", "--press", "2", "--press", "1")
        result = emulate(REQUEST.read_bytes(), url, press=["2", "1"])
    assert done.returncode == 0, done.stderr
    assert without_latency(json.loads(done.stdout)) == without_latency(result.to_dict())
    assert result.heard[-1].startswith("Sorry, we did not understand your response.")


def test_a_refused_webhook_fails_the_run(cli: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = load_sample("simple_ivr", monkeypatch, secret="s3cret").app
    with serve(app) as url:
        refused = run(cli, "--webhook", f"{url}/vca", "--press", "1")
        accepted = run(
            cli, "--webhook", f"{url}/vca", "--press", "1", "--secret-env", "IVR_SECRET",
            env={**os.environ, "IVR_SECRET": "s3cret"},
        )
    assert refused.returncode == 1
    assert [w["httpStatus"] for w in json.loads(refused.stdout)["webhooks"]] == [401, 401]
    assert accepted.returncode == 0, accepted.stdout



def test_the_readme_shows_what_the_command_prints(cli: Path, simple: ModuleType) -> None:
    """The README's `callflow emulate` example, run against the sample it names, prints
    what the README shows (latencies aside: they are real)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"```text\n\$ callflow emulate (.*?)\n(.*?)```", readme, flags=re.S)
    assert shown is not None, "the README shows a callflow emulate run"
    command, output = shown.group(1), shown.group(2)
    with serve(simple.app) as url:
        args = command.replace("http://127.0.0.1:5000", url).split()
        done = subprocess.run([str(cli), "emulate", *args], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr

    def latency_free(text: str) -> str:
        return re.sub(r" in [0-9.]+ ms$", " in _ ms", text, flags=re.M)

    assert latency_free(done.stdout) == latency_free(output)
