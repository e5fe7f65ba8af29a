"""8x8's Simple IVR sample, on callflow: press 1 to hang up, 2 to reach an agent, anything
else repeats the menu.

Run it with ``flask --app simple_ivr run --port 81`` (from this folder), point the Voice
Call Action webhook of your sub-account at ``/vca`` and the Session Summary webhook at
``/vss``. Environment: ``CALLFLOW_SOURCE_PN`` (your 8x8 virtual number),
``CALLFLOW_DESTINATION_PN`` (the agent), and ``CALLFLOW_WEBHOOK_SECRET`` (the webhook's
``httpAuthHeader``, when you set one).
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

MENU = voice.SayAndCapture(
    prompt_message=(
        "Sorry, we did not understand your response. If you have resolved your issue "
        "already, press one. Or press two to speak to an agent."
    ),
    voice_profile="en-US-BenjaminRUS",
    repetition=1,
    speed=1,
    min_digits=1,
    max_digits=1,
    digit_timeout=10000,
    overall_timeout=10000,
    complete_on_hash=False,
    no_of_tries=2,
    failure_message="Invalid input, please try again",
)


def on_call_action(event: voice.Event) -> ReplyLike:
    """Answers the caller's choice; every other webhook gets ``{}``."""
    if not isinstance(event, voice.CallActionEvent):
        return None
    if event.dtmf == "1":
        return [voice.Hangup()]
    if event.dtmf == "2":
        return [voice.MakeCall(source=SOURCE_PN, destination=DESTINATION_PN)]
    return [MENU]


def on_session_summary(event: voice.Event) -> ReplyLike:
    """Logs how the session ended."""
    if isinstance(event, voice.SessionSummaryEvent):
        app.logger.info("session %s ended %s", event.session_id, event.session_status)
    return None


app = Flask(__name__)
app.add_url_rule(
    "/vca", view_func=callflow.webhooks.flask.view(on_call_action, secret=SECRET), methods=["POST"]
)
app.add_url_rule(
    "/vss", view_func=callflow.webhooks.flask.view(on_session_summary, secret=SECRET), methods=["POST"]
)
