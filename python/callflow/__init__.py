"""callflow: typed models and platform-exact validation for programmable voice call flows.

>>> from callflow import voice
>>> flow = voice.Callflow([
...     voice.MakeCall(source="+6512341234", destination="+6512345678"),
...     voice.Say(text="Hello", voice_profile="en-IE-EmilyNeural"),
...     voice.Hangup(),
... ])
>>> flow.to_json()[:45]
'{"callflow":[{"action":"makeCall","params":{"'
"""

from callflow import diagram, ivr, pbx, voice, webhooks
from callflow._errors import (
    ApiError,
    CallflowError,
    EmulatorError,
    EventError,
    TransportError,
    ValidationError,
)
from callflow._native import Issue, Report, __version__

__all__ = [
    "ApiError",
    "CallflowError",
    "EmulatorError",
    "EventError",
    "Issue",
    "Report",
    "TransportError",
    "ValidationError",
    "__version__",
    "diagram",
    "ivr",
    "pbx",
    "voice",
    "webhooks",
]
