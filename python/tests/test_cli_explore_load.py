"""`callflow explore` and `callflow load` (the CLI) against the ported advanced IVR
sample served over HTTP on loopback from a thread of this process: the whole IVR mapped,
a broken copy's crash and trap found, and a thousand random callers all passing."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from callflow import voice
from conftest import REPO, load_sample, serve

INBOUND = ["--inbound", "--from", "+6591234567", "--to", "+6568888888"]
MENUS = ["main_menu", "reservations", "book_table", "reschedule_table"]


@pytest.fixture
def advanced(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    yield load_sample("advanced_ivr", monkeypatch)


def callflow(cli: Path, url: str, command: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(cli), command, *INBOUND, "--webhook", f"{url}/vca", "--vss-url", f"{url}/vss", *args],
        capture_output=True, text=True, timeout=300,
    )


def explore(cli: Path, url: str, *args: str) -> tuple[int, dict[str, Any]]:
    done = callflow(cli, url, "explore", "--format", "json", *args)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)


def test_explore_maps_the_whole_sample(cli: Path, advanced: ModuleType, tmp_path: Path) -> None:
    svg = tmp_path / "ivr.svg"
    with serve(advanced.app) as url:
        status, found = explore(cli, url, "--map", str(svg))
    assert status == 0
    assert [menu["id"] for menu in found["menus"]] == MENUS
    assert found["findings"] == [] and found["budgetHit"] is None
    assert all(menu["explored"] for menu in found["menus"])
    assert found["menus"][0]["inputs"]["1"] == "menu:reservations"
    assert found["menus"][0]["inputs"]["2"] == "bridge"
    drawing = svg.read_text()
    assert drawing.startswith("<svg")
    for prompt in advanced.PROMPTS.values():
        assert prompt[:20] in drawing


def broken(advanced: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    """Key 3 of the main menu crashes; key 4 leads to a menu whose every input returns
    to it."""
    original = advanced.next_step
    trap = voice.Reply(
        [voice.SayAndCapture(prompt_message="Please hold.", voice_profile=advanced.VOICE)],
        client_action_id="trap",
    )

    def next_step(state: str | None, digits: str | None) -> voice.Reply:
        if state == "main_menu" and digits == "3":
            raise RuntimeError("a bug on key 3")
        if state == "trap" or (state == "main_menu" and digits == "4"):
            return trap
        return original(state, digits)

    monkeypatch.setattr(advanced, "next_step", next_step)


def test_explore_finds_the_crash_and_the_trap(
    cli: Path, advanced: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    broken(advanced, monkeypatch)
    scenarios = tmp_path / "scenarios"
    with serve(advanced.app) as url:
        status, found = explore(cli, url, "--save-scenarios", str(scenarios))
        replay = subprocess.run(
            [str(cli), "emulate", "--webhook", f"{url}/vca", "--vss-url", f"{url}/vss",
             "--scenario", str(scenarios)],
            capture_output=True, text=True, timeout=120,
        )
    assert status == 1
    found_codes = [(f["code"], f["path"], f["cause"]) for f in found["findings"]]
    assert found_codes == [("unhandled-input", ["3"], "http-error"), ("caller-trap", ["4"], None)]
    assert sorted(path.name for path in scenarios.iterdir()) == [
        "01-unhandled-input.json", "02-caller-trap.json",
    ]
    assert replay.returncode == 1, replay.stdout
    assert "FAIL" in replay.stdout and "1 passed, 1 failed" in replay.stdout


def test_explore_reports_a_budget(cli: Path, advanced: ModuleType) -> None:
    with serve(advanced.app) as url:
        status, found = explore(cli, url, "--max-calls", "6")
    assert status == 0
    assert found["calls"] == 6 and found["budgetHit"] == "maxCalls"


def shown(command: str) -> tuple[list[str], str]:
    """The arguments and output of the README's `callflow <command> --inbound ...` example."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    # The 8x8 examples (an inbound call to the ported sample), not the Yay.com ones.
    found = re.search(rf"```text\n\$ callflow {command} (--inbound .*?)\n(.*?)```", readme, flags=re.S)
    assert found is not None, f"the README shows a callflow {command} run"
    return shlex.split(found.group(1)), found.group(2)


def readme_run(cli: Path, url: str, command: str, walk: Path) -> tuple[subprocess.CompletedProcess[str], str]:
    """Runs the README's example against ``url`` (for its port 5000) and ``walk`` (for
    its ivr.json); gives the run and what the README shows."""
    args, output = shown(command)
    args = [arg.replace("http://127.0.0.1:5000", url).replace("ivr.json", str(walk)) for arg in args]
    done = subprocess.run([str(cli), command, *args], capture_output=True, text=True, timeout=300)
    return done, output


def test_the_readme_shows_what_explore_prints(cli: Path, advanced: ModuleType, tmp_path: Path) -> None:
    with serve(advanced.app) as url:
        done, output = readme_run(cli, url, "explore", tmp_path / "unused.json")
    assert done.returncode == 0, done.stderr
    assert done.stdout == output


def test_load_runs_a_thousand_random_callers_as_the_readme_shows(
    cli: Path, advanced: ModuleType, tmp_path: Path
) -> None:
    """The README's `callflow load` example: 1,000 callers walking the explored map,
    all passing; its figures are real, so only their shape is compared."""
    walk = tmp_path / "ivr.json"
    with serve(advanced.app) as url:
        explore(cli, url, "--map", str(walk))
        done, output = readme_run(cli, url, "load", walk)
    assert done.returncode == 0, done.stdout + done.stderr
    number = r"[0-9.]+"

    def shape(text: str) -> list[str]:
        return [re.sub(number, "N", line) for line in text.splitlines()[:2]]

    assert shape(done.stdout) == shape(output)
    assert done.stdout.startswith("1000 call(s) in ") and ": 1000 completed, 0 failed\n" in done.stdout
    assert len(re.findall(r"^  slow: ", done.stdout, flags=re.M)) == 5
    assert "load: 1000/1000 calls" in done.stderr


def test_load_reports_as_json(cli: Path, advanced: ModuleType) -> None:
    with serve(advanced.app) as url:
        done = callflow(cli, url, "load", "--calls", "50", "--concurrency", "3", "--rate", "500",
                        "--press", "1", "--press", "1", "--press", "4", "--format", "json")
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert (report["calls"], report["completed"], report["failed"]) == (50, 50, 0)
    assert report["webhooks"] == 50 * 5
    assert report["findings"] == {}
    latency = report["latencyMs"]
    assert 0 < latency["p50"] <= latency["p90"] <= latency["p99"] <= latency["max"]
    assert [call["pressed"] for call in report["slowest"]] == [["1", "1", "4"]] * 5


def test_load_fails_when_calls_fail(cli: Path, advanced: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    broken(advanced, monkeypatch)
    with serve(advanced.app) as url:
        done = callflow(cli, url, "load", "--calls", "20", "--concurrency", "2", "--press", "3")
    assert done.returncode == 1
    assert "0 completed, 20 failed" in done.stdout
    assert "http-error: 20 call(s)" in done.stdout


def test_load_refuses_bad_arguments(cli: Path) -> None:
    for args in (["--calls", "0", "--concurrency", "1"], ["--calls", "1", "--concurrency", "1", "--rate", "-2"],
                 ["--calls", "1", "--concurrency", "1", "--silence-rate", "0.5"]):
        done = subprocess.run(
            [str(cli), "load", *INBOUND, "--webhook", "http://127.0.0.1:9/vca", *args],
            capture_output=True, text=True, timeout=60,
        )
        assert done.returncode == 2, (args, done.stderr)
