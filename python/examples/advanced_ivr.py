"""8x8's Advanced IVR sample, on callflow: a restaurant menu whose state travels in
``clientActionId``, so the server keeps nothing between webhooks.

Menus: main (1 reservations, 2 staff), reservations (1 book, 2 change, 9 back), book
(guests 1-9), change (1 tomorrow, 2 cancel). Run it like ``simple_ivr.py``.
"""

from __future__ import annotations

import os

from flask import Flask

import callflow.webhooks.flask
from callflow import voice
from callflow.webhooks import ReplyLike

SOURCE_PN = os.environ.get("CALLFLOW_SOURCE_PN", "6512345678")
DESTINATION_PN = os.environ.get("CALLFLOW_DESTINATION_PN", "6561115777")
SECRET = os.environ.get("CALLFLOW_WEBHOOK_SECRET")
VOICE = "en-US-BenjaminRUS"

PROMPTS = {
    "main_menu": "Welcome to The Golden Fork. For reservations, press 1. To speak to our staff, press 2.",
    "reservations": "To book a table, press 1. To change a booking, press 2. To go back, press 9.",
    "book_table": "How many guests? Press a number from 1 to 9.",
    "reschedule_table": "Press 1 to move your booking to tomorrow, or 2 to cancel it.",
}


def menu(state: str) -> voice.Reply:
    """Asks the question of menu ``state``, which comes back as the next ``clientActionId``."""
    capture = voice.SayAndCapture(
        prompt_message=PROMPTS[state],
        voice_profile=VOICE,
        min_digits=1,
        max_digits=1,
        digit_timeout=10000,
        overall_timeout=10000,
        no_of_tries=2,
        failure_message="Invalid input, please try again",
    )
    return voice.Reply([capture], client_action_id=state)


def goodbye(text: str) -> voice.Reply:
    """Says ``text`` and ends the call."""
    return voice.Reply([voice.Say(text=text, voice_profile=VOICE), voice.Hangup()])


def next_step(state: str | None, digits: str | None) -> voice.Reply:
    """The reply for a caller in menu ``state`` who pressed ``digits``."""
    if state is None or state == "main_menu":
        if state == "main_menu" and digits == "1":
            return menu("reservations")
        if state == "main_menu" and digits == "2":
            call = voice.MakeCall(source=SOURCE_PN, destination=DESTINATION_PN)
            return voice.Reply([call], client_action_id="post_call")
        return menu("main_menu")
    if state == "reservations":
        choices = {"1": "book_table", "2": "reschedule_table", "9": "main_menu"}
        return menu(choices.get(digits or "", "reservations"))
    if state == "book_table":
        if digits is not None and digits in "123456789" and len(digits) == 1:
            return goodbye(f"Your table for {digits} is booked. See you soon. Goodbye.")
        return menu("book_table")
    if state == "reschedule_table":
        if digits == "1":
            return goodbye("Your booking is moved to tomorrow. Goodbye.")
        if digits == "2":
            return goodbye("Your booking is cancelled. Goodbye.")
        return menu("reschedule_table")
    if state == "post_call":
        return goodbye("Thank you for calling The Golden Fork. Goodbye.")
    return goodbye("Sorry, something went wrong. Please call again. Goodbye.")


def on_call_action(event: voice.Event) -> ReplyLike:
    """Moves the caller through the menus; every other webhook gets ``{}``."""
    if not isinstance(event, voice.CallActionEvent):
        return None
    return next_step(event.client_action_id, event.dtmf)


app = Flask(__name__)
app.add_url_rule(
    "/vca", view_func=callflow.webhooks.flask.view(on_call_action, secret=SECRET), methods=["POST"]
)
app.add_url_rule(
    "/vss", view_func=callflow.webhooks.flask.view(lambda event: None, secret=SECRET), methods=["POST"]
)
