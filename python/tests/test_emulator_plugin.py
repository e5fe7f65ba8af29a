"""The pytest plugin: the callflow_emulator fixture and the callflow marker, run in a
pytest of their own (pytester), and a plugin import that loads no web framework."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import REPO

pytest_plugins = ["pytester"]

TESTS = f'''
import json
import pytest
from callflow import voice

REQUEST = json.loads(open({str(REPO / "examples/voice/simple-ivr.json")!r}).read())

def on_event(event):
    if isinstance(event, voice.CallActionEvent) and event.dtmf == "1":
        return [voice.Say(text="Goodbye.", voice_profile="en-US-BenjaminRUS"), voice.Hangup()]
    return None

pytestmark = pytest.mark.callflow(request=REQUEST, backend=on_event, dialect="legacy")

def test_defaults_from_the_marker(callflow_emulator):
    assert callflow_emulator.defaults["dialect"] == "legacy"
    result = callflow_emulator.emulate(press="1")
    result.assert_ok()
    result.assert_heard("Dear customer", "Goodbye.")

@pytest.mark.callflow(dialect="current", seed=4)
def test_the_closest_marker_wins(callflow_emulator):
    assert callflow_emulator.defaults["dialect"] == "current"
    assert callflow_emulator.defaults["seed"] == 4
    assert callflow_emulator.emulate(press="1").ok

def test_set_and_override(callflow_emulator):
    callflow_emulator.set(press="2")
    assert callflow_emulator.emulate().pressed == ["2"]
    assert callflow_emulator.emulate(press="1").pressed == ["1"]

def test_scenario(callflow_emulator):
    scenario = {{"name": "goodbye", "request": REQUEST, "script": [{{"press": "1"}}],
                 "expect": {{"heard": ["Goodbye"], "sessionStatus": "COMPLETED", "webhooks": 2}}}}
    callflow_emulator.run_scenario(scenario).assert_passed()

def test_async(callflow_emulator):
    import asyncio
    assert asyncio.run(callflow_emulator.emulate_async(press="1")).heard[-1] == "Goodbye."

def test_a_failing_call(callflow_emulator):
    callflow_emulator.emulate(press="3").assert_heard("Goodbye.")
'''


def test_the_fixture_in_a_pytest_run(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_calls=TESTS)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=5, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*AssertionError: the caller did not hear \"Goodbye.\" (in order)*",
            "*capture try 1: pressed 3*",
        ]
    )


def test_the_marker_is_registered(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_subprocess("--markers")
    result.stdout.fnmatch_lines(["@pytest.mark.callflow(**defaults):*"])


def test_importing_the_plugin_loads_no_web_framework() -> None:
    code = (
        "import sys, callflow.testing.pytest_plugin, callflow.testing\n"
        "loaded = sorted(m for m in ('flask', 'fastapi', 'starlette', 'werkzeug') if m in sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
