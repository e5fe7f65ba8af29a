"""callflow.testing.explore: the ported 8x8 advanced IVR mapped whole (as a webhook
function, a Flask app, an async function and over HTTP), a broken copy found out,
budgets, argument errors, and the same JSON as Node for the same backend."""

from __future__ import annotations

import asyncio
import hashlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

import pytest

from callflow import EmulatorError, diagram, voice
from callflow.testing import (
    Coverage,
    Exploration,
    ExploreFinding,
    MapBackend,
    Menu,
    explore,
    explore_async,
    run_scenario,
)
from conftest import REPO, load_sample, vector_cases

INBOUND = ("+6591234567", "+6568888888")
MENUS = ["main_menu", "reservations", "book_table", "reschedule_table"]
ADVANCED_MAP = json.loads((REPO / "tests/fixtures/bench/advanced-ivr-map.json").read_text())

# The SHA-256 of the exploration's JSON for the advanced IVR; node/test/explore.test.js
# checks the same digest, so both languages give the same text byte for byte.
ADVANCED_DIGEST = "a6b994a5a318fde3977fe63c81cf23a2d6a66f6edc3c5f460f9fc3ee3cad6326"


@pytest.fixture
def advanced(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    yield load_sample("advanced_ivr", monkeypatch)


def findings(found: Exploration) -> list[tuple[str, list[str], str | None]]:
    return [(finding.code, finding.path, finding.cause) for finding in found.findings]


def assert_mapped_whole(found: Exploration) -> None:
    """The advanced IVR: every menu found and tried, the map drawn, no finding."""
    found.assert_ok().assert_no_findings()
    assert [menu.id for menu in found.menus] == MENUS, found.to_text()
    assert all(menu.explored for menu in found.menus)
    assert found.budget_hit is None
    assert found.start == "menu:main_menu"
    for drawing in (diagram.render(found.map, format="mermaid"), diagram.render(found.map, format="svg")):
        for menu in MENUS:
            assert menu in drawing


@contextmanager
def serve_bounded(app: Callable[..., Any], max_requests: int, max_seconds: float) -> Iterator[str]:
    """Serves the WSGI ``app`` on 127.0.0.1 (a free port) for at most ``max_requests``
    requests and ``max_seconds`` seconds, whichever comes first, and gives its base URL."""
    from werkzeug.serving import WSGIRequestHandler, make_server

    class Quiet(WSGIRequestHandler):
        def log(self, type: str, message: str, *args: Any) -> None:
            """Keeps the test output free of one log line per request."""

    handled = [0]

    def counted(environ: dict[str, Any], start_response: Any) -> Any:
        handled[0] += 1
        return app(environ, start_response)

    server = make_server("127.0.0.1", 0, counted, request_handler=Quiet)
    server.timeout = 0.1
    stop = threading.Event()
    deadline = time.monotonic() + max_seconds

    def loop() -> None:
        while handled[0] < max_requests and time.monotonic() < deadline and not stop.is_set():
            server.handle_request()  # returns after one request, or 0.1 s without any

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        stop.set()
        thread.join(timeout=10)
        server.server_close()


# The ported sample, mapped whole


@pytest.mark.parametrize("as_app", [False, True], ids=["function", "flask"])
def test_maps_the_advanced_ivr_whole(advanced: ModuleType, as_app: bool) -> None:
    backend = advanced.app if as_app else advanced.on_call_action
    found = explore(backend, inbound=INBOUND)
    assert_mapped_whole(found)
    main = found.menus[0]
    assert main == Menu(
        id="main_menu",
        client_action_id="main_menu",
        prompt=advanced.PROMPTS["main_menu"],
        path=[],
        inputs=main.inputs,
        explored=True,
    )
    assert main.inputs["1"] == "menu:reservations"
    assert main.inputs["2"] == "bridge"
    assert main.inputs["hangup"] == "caller-hangup"
    assert len(main.inputs) == 14
    assert found.menus[2].path == ["1", "1"]
    assert found.coverage == Coverage(
        menus=4,
        menus_explored=4,
        inputs_tried=56,
        outcomes={"bridge": 1, "caller-hangup": 4, "hangup": 11, "menu": 40},
        calls=57,
        max_calls=500,
        depth=2,
        max_depth=10,
    )
    assert found.scenarios() == []
    assert "no findings" in found.to_text()


def test_the_map_answers_like_the_sample(advanced: ModuleType) -> None:
    found = explore(advanced.on_call_action, inbound=INBOUND)
    again = explore(MapBackend(found.map), inbound=INBOUND)
    assert again.to_json() == found.to_json()
    assert found.to_dict() == json.loads(found.to_json())


def test_the_same_json_as_node_for_the_same_backend(advanced: ModuleType) -> None:
    from_map = explore(MapBackend(ADVANCED_MAP), inbound=INBOUND)
    from_sample = explore(advanced.on_call_action, inbound=INBOUND)
    assert from_sample.to_json() == from_map.to_json()
    assert hashlib.sha256(from_map.to_json().encode()).hexdigest() == ADVANCED_DIGEST


def test_an_async_function_inside_a_running_loop(advanced: ModuleType) -> None:
    async def on_event(event: voice.Event) -> Any:
        await asyncio.sleep(0)
        return advanced.on_call_action(event)

    async def main() -> Exploration:
        return await explore_async(on_event, inbound=INBOUND)

    found = asyncio.run(main())
    assert_mapped_whole(found)
    assert found.to_json() == explore(on_event, inbound=INBOUND).to_json()


def test_over_http_on_loopback(advanced: ModuleType) -> None:
    # 57 calls of at most three webhooks each (call actions and the summary).
    with serve_bounded(advanced.app, max_requests=400, max_seconds=60) as url:
        found = explore(url, inbound=INBOUND)
    assert_mapped_whole(found)
    assert found.to_json() == explore(advanced.app, inbound=INBOUND).to_json()


def test_explore_async_runs_a_url_in_a_thread(advanced: ModuleType) -> None:
    with serve_bounded(advanced.app, max_requests=400, max_seconds=60) as url:
        found = asyncio.run(explore_async(url, inbound=INBOUND, max_calls=3))
    assert found.calls == 3
    assert found.budget_hit == "maxCalls"


def test_an_outbound_request(advanced: ModuleType) -> None:
    # The request's own menu carries no clientActionId: the explorer names it menu-1,
    # and any key there leads to the sample's main menu.
    request = {
        "callflow": [
            {"action": "makeCall", "params": {"source": "+6512345678", "destination": "+6587654321"}},
            advanced.menu("main_menu").to_dict()["callflow"][0],
        ]
    }
    found = explore(advanced.on_call_action, json.dumps(request))
    assert found.start == "menu:menu-1", found.to_text()
    assert [menu.id for menu in found.menus] == ["menu-1", *MENUS]
    assert found.menus[0].inputs["7"] == "menu:main_menu"
    assert found.coverage.depth == 3
    found.assert_ok().assert_no_findings()


# A deliberately broken copy


def broken(sample: ModuleType) -> Callable[[voice.Event], Any]:
    """The sample, with key 3 of the main menu crashing and key 4 leading to a menu
    whose every input comes back to it."""
    trap = voice.Reply(
        [voice.SayAndCapture(prompt_message="You are stuck.", voice_profile="en-US-BenjaminRUS")],
        client_action_id="trap",
    )

    def on_event(event: voice.Event) -> Any:
        if isinstance(event, voice.CallActionEvent):
            if event.client_action_id == "main_menu" and event.dtmf == "3":
                raise RuntimeError("key 3 was never implemented")
            if event.client_action_id == "trap" or (event.client_action_id == "main_menu" and event.dtmf == "4"):
                return trap
        return sample.on_call_action(event)

    return on_event


def test_a_broken_copy_gets_exactly_its_findings(advanced: ModuleType) -> None:
    found = explore(broken(advanced), inbound=INBOUND)
    assert findings(found) == [
        ("unhandled-input", ["3"], "http-error"),
        ("caller-trap", ["4"], None),
    ], found.to_text()
    assert not found.ok
    assert [finding.severity for finding in found.errors] == ["error", "error"]
    assert isinstance(found.findings[0], ExploreFinding)
    assert "pressing 3 at menu main_menu" in found.findings[0].message
    with pytest.raises(AssertionError, match="caller-trap"):
        found.assert_ok()
    assert "trap" in [menu.id for menu in found.menus]


def test_a_finding_replays_as_a_scenario(advanced: ModuleType) -> None:
    found = explore(broken(advanced), inbound=INBOUND)
    (file, scenario), _ = found.scenarios()
    assert file == "01-unhandled-input.json"
    assert scenario["script"] == [{"press": "3"}, "hangup"]
    assert not run_scenario(scenario, broken(advanced)).passed
    run_scenario(scenario, advanced.on_call_action).assert_passed()


# Budgets


def test_budgets_are_reported(advanced: ModuleType) -> None:
    found = explore(advanced.on_call_action, inbound=INBOUND, max_calls=5)
    assert (found.calls, found.budget_hit, found.coverage.max_calls) == (5, "maxCalls", 5)
    assert "budget hit: maxCalls" in found.to_text()
    deep = explore(advanced.on_call_action, inbound=INBOUND, max_depth=1)
    assert deep.budget_hit == "maxDepth"
    assert [(menu.id, menu.explored) for menu in deep.menus] == [("main_menu", True), ("reservations", False)]


def test_the_dialect_setting(advanced: ModuleType) -> None:
    both = explore(advanced.on_call_action, inbound=INBOUND, dialect="both")
    assert both.findings == [] and both.calls > 57
    legacy = explore(advanced.app, inbound=INBOUND, dialect="legacy")
    assert_mapped_whole(legacy)


# Bad arguments


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"max_calls": "5"}, "max_calls must be an int, not str"),
        ({"max_depth": True}, "max_depth must be an int, not bool"),
        ({"inbound": ("+6591234567",)}, "inbound is"),
        ({"request": {"callflow": []}}, "not both"),
        ({"options": {"dialect": "legacy"}}, "pass dialect= as a keyword argument"),
        ({"kind": None, "backend": 42}, "a backend is a URL"),
    ],
)
def test_wrong_types_are_type_errors(advanced: ModuleType, arguments: dict[str, Any], message: str) -> None:
    settings: dict[str, Any] = {"backend": advanced.on_call_action, "inbound": INBOUND, **arguments}
    with pytest.raises(TypeError, match=message):
        explore(**settings)


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        ({"max_calls": 0}, "invalid-options", "maxCalls must be at least 1"),
        ({"max_depth": -1}, "invalid-options", "invalid value"),
        ({"dialect": "klingon"}, "invalid-options", "unknown variant"),
        ({"options": {"colour": "blue"}}, "invalid-options", "colour"),
    ],
)
def test_unusable_settings_are_emulator_errors(
    advanced: ModuleType, arguments: dict[str, Any], code: str, message: str
) -> None:
    with pytest.raises(EmulatorError, match=message) as raised:
        explore(advanced.on_call_action, inbound=INBOUND, **arguments)
    assert raised.value.code == code


def test_a_request_that_is_not_json_is_invalid_request(advanced: ModuleType) -> None:
    with pytest.raises(EmulatorError) as raised:
        explore(advanced.on_call_action, "{")
    assert raised.value.code == "invalid-request"


def test_a_refused_request_is_a_finding_not_an_error(advanced: ModuleType) -> None:
    found = explore(advanced.on_call_action, {"callflow": [{"action": "hangup"}]})
    assert [finding.code for finding in found.findings] == ["request-invalid"]
    assert found.menus == [] and not found.ok


def test_an_explorer_call_cannot_be_given_back_twice(advanced: ModuleType) -> None:
    from callflow.testing import Explorer

    explorer = Explorer.inbound(*INBOUND, None, {"maxCalls": 1})
    call = explorer.next_call()
    assert call is not None
    explorer.record(call)  # never run: the call met no menu, so nothing is left to try
    with pytest.raises(RuntimeError, match="can no longer be used"):
        explorer.record(call)
    with pytest.raises(RuntimeError, match="can no longer be used"):
        call.next_webhook()
    assert explorer.next_call() is None
    assert explorer.exploration().to_dict()["calls"] == 1


def test_plain_explore_inside_a_running_loop_says_what_to_use(advanced: ModuleType) -> None:
    async def on_event(event: voice.Event) -> Any:
        return advanced.on_call_action(event)

    async def main() -> None:
        with pytest.raises(RuntimeError, match="explore_async"):
            explore(on_event, inbound=INBOUND)

    asyncio.run(main())


# The shared vectors of tests/fixtures/explore/, as Rust and Node run them.

_, EXPLORE_CASES = vector_cases("explore")


@pytest.mark.parametrize("case", EXPLORE_CASES)
def test_explore_vector(case: dict[str, Any]) -> None:
    settings = case.get("settings", {})
    start: dict[str, Any] = (
        {"inbound": (case["inbound"]["from"], case["inbound"]["to"])}
        if "inbound" in case
        else {"request": case["request"]}
    )
    found = explore(
        MapBackend(case["backend"]),
        **start,
        options=case.get("options"),
        max_calls=settings.get("maxCalls", 500),
        max_depth=settings.get("maxDepth", 10),
        dialect=settings.get("dialect"),
    )
    assert json.loads(found.to_json()) == case["expected"]
    assert [finding.code for finding in found.findings] == [f["code"] for f in case["expected"]["findings"]]
