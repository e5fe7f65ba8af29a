"""The ported 8x8 IVR samples (python/examples/), driven through Flask's test client with
8x8's documented payloads, the digits in each of the three places 8x8 has put them."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient

from conftest import REPO
from conftest import load_sample as load

DOCUMENTED = json.loads((REPO / "tests/fixtures/webhooks/documented.json").read_text())["cases"]
CALL_ACTION = next(c["document"] for c in DOCUMENTED if c["name"].startswith("VCA, current documents"))
SESSION_SUMMARY = next(c["document"] for c in DOCUMENTED if c["name"].startswith("VSS, IVR"))
VOICE = "en-US-BenjaminRUS"
SHAPES = ["eventData.dtmf", "eventData", "dtmf"]


def call_action(digits: str | None, shape: str, state: str | None = None) -> dict[str, Any]:
    """The documented call action, with ``digits`` where ``shape`` says and ``state`` as
    its clientActionId."""
    body = copy.deepcopy(CALL_ACTION)
    payload = body["payload"]
    del payload["eventData"], payload["clientActionId"]
    if shape == "eventData.dtmf":
        payload["eventData"] = {"dtmf": digits}
    elif shape == "eventData":
        payload["eventData"] = digits if digits is not None else " "
    else:
        payload["dtmf"] = digits
    if state is not None:
        payload["clientActionId"] = state
    return body


@pytest.fixture
def simple(monkeypatch: pytest.MonkeyPatch) -> Iterator[FlaskClient]:
    yield load("simple_ivr", monkeypatch).app.test_client()


@pytest.fixture
def advanced(monkeypatch: pytest.MonkeyPatch) -> Iterator[FlaskClient]:
    yield load("advanced_ivr", monkeypatch).app.test_client()


def reply(client: FlaskClient, body: object, path: str = "/vca") -> Any:
    response = client.post(path, data=json.dumps(body), content_type="application/json")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


MENU = {
    "action": "sayAndCapture",
    "params": {
        "promptMessage": "Sorry, we did not understand your response. If you have resolved your issue "
        "already, press one. Or press two to speak to an agent.",
        "voiceProfile": VOICE,
        "repetition": 1,
        "speed": 1,
        "minDigits": 1,
        "maxDigits": 1,
        "digitTimeout": 10000,
        "overallTimeout": 10000,
        "completeOnHash": False,
        "noOfTries": 2,
        "failureMessage": "Invalid input, please try again",
    },
}


@pytest.mark.parametrize("shape", SHAPES)
def test_simple_ivr(simple: FlaskClient, shape: str) -> None:
    assert reply(simple, call_action("1", shape)) == {"callflow": [{"action": "hangup"}]}
    assert reply(simple, call_action("2", shape)) == {
        "callflow": [{"action": "makeCall", "params": {"source": "6512345678", "destination": "6561115777"}}]
    }
    for other in ("3", "#", None):
        assert reply(simple, call_action(other, shape)) == {"callflow": [MENU]}


def test_simple_ivr_answers_the_2023_payload_and_summaries(simple: FlaskClient) -> None:
    dec_2023 = next(c["document"] for c in DOCUMENTED if c["name"].startswith("VCA, December 2023"))
    assert reply(simple, dec_2023) == {"callflow": [MENU]}  # it pressed 3
    assert reply(simple, SESSION_SUMMARY, "/vss") == {}
    assert reply(simple, SESSION_SUMMARY, "/vca") == {}


def test_simple_ivr_with_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    client = load("simple_ivr", monkeypatch, secret="s3cret").app.test_client()
    body = json.dumps(call_action("1", "dtmf"))
    assert client.post("/vca", data=body).status_code == 401
    assert client.post("/vca", data=body, headers={"Authorization": "wrong"}).status_code == 401
    response = client.post("/vca", data=body, headers={"Authorization": "s3cret"})
    assert (response.status_code, response.get_json()) == (200, {"callflow": [{"action": "hangup"}]})
    bad = client.post("/vca", data="not json", headers={"Authorization": "s3cret"})
    assert bad.status_code == 400 and bad.get_json()["error"] == "invalid-json"


def menu(state: str, prompt: str) -> dict[str, Any]:
    params = {
        "promptMessage": prompt,
        "voiceProfile": VOICE,
        "minDigits": 1,
        "maxDigits": 1,
        "digitTimeout": 10000,
        "overallTimeout": 10000,
        "noOfTries": 2,
        "failureMessage": "Invalid input, please try again",
    }
    return {"clientActionId": state, "callflow": [{"action": "sayAndCapture", "params": params}]}


def goodbye(text: str) -> dict[str, Any]:
    return {"callflow": [{"action": "say", "params": {"text": text, "voiceProfile": VOICE}}, {"action": "hangup"}]}


MAIN = menu("main_menu", "Welcome to The Golden Fork. For reservations, press 1. To speak to our staff, press 2.")
RESERVATIONS = menu("reservations", "To book a table, press 1. To change a booking, press 2. To go back, press 9.")
BOOK = menu("book_table", "How many guests? Press a number from 1 to 9.")
RESCHEDULE = menu("reschedule_table", "Press 1 to move your booking to tomorrow, or 2 to cancel it.")


@pytest.mark.parametrize("shape", SHAPES)
def test_advanced_ivr_walks_the_menus(advanced: FlaskClient, shape: str) -> None:
    steps: list[tuple[str | None, str | None, dict[str, Any]]] = [
        (None, None, MAIN),
        (None, "5", MAIN),
        ("main_menu", "7", MAIN),
        ("main_menu", "1", RESERVATIONS),
        ("reservations", "4", RESERVATIONS),
        ("reservations", "9", MAIN),
        ("reservations", "1", BOOK),
        ("book_table", "0", BOOK),
        ("book_table", "4", goodbye("Your table for 4 is booked. See you soon. Goodbye.")),
        ("reservations", "2", RESCHEDULE),
        ("reschedule_table", None, RESCHEDULE),
        ("reschedule_table", "1", goodbye("Your booking is moved to tomorrow. Goodbye.")),
        ("reschedule_table", "2", goodbye("Your booking is cancelled. Goodbye.")),
        (
            "main_menu",
            "2",
            {
                "clientActionId": "post_call",
                "callflow": [
                    {"action": "makeCall", "params": {"source": "6512345678", "destination": "6561115777"}}
                ],
            },
        ),
        ("post_call", None, goodbye("Thank you for calling The Golden Fork. Goodbye.")),
        ("lost", "1", goodbye("Sorry, something went wrong. Please call again. Goodbye.")),
    ]
    for state, digits, expected in steps:
        assert reply(advanced, call_action(digits, shape, state)) == expected, (state, digits)


def test_advanced_ivr_answers_an_inbound_call_and_summaries(advanced: FlaskClient) -> None:
    inbound = next(c["document"] for c in DOCUMENTED if c["name"].startswith("VCA for an inbound call"))
    assert reply(advanced, inbound) == MAIN
    assert reply(advanced, SESSION_SUMMARY, "/vss") == {}
