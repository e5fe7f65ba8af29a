"""Testing a webhook backend offline: emulate a whole 8x8 call against it.

``emulate`` plays the 8x8 platform's side of a call (the core's emulator, on a virtual
clock) against your own backend, with a scripted caller, and returns a ``CallResult``:
what the caller heard and pressed, every webhook and its answer, and the findings
(``http-error``, ``invalid-reply``, ``reply-timeout``, …). The backend is your webhook
function, your Flask (WSGI) or FastAPI (ASGI) app called in-process, or a URL.

>>> from callflow import voice
>>> from callflow.testing import emulate
>>> request = {"callflow": [
...     {"action": "makeCall", "params": {"source": "+6512345678", "destination": "+6587654321"}},
...     {"action": "sayAndCapture", "params": {"promptMessage": "Press 1 to hang up.",
...                                            "voiceProfile": "en-US-BenjaminRUS"}},
... ]}
>>> def on_event(event):
...     if isinstance(event, voice.CallActionEvent) and event.dtmf == "1":
...         return [voice.Say(text="Goodbye.", voice_profile="en-US-BenjaminRUS"), voice.Hangup()]
...     return None
>>> result = emulate(request, on_event, press="1")
>>> result.assert_ok().heard, result.session_status
(['Press 1 to hang up.', 'Goodbye.'], 'COMPLETED')
>>> [(hook.kind, hook.http_status) for hook in result.webhooks]
[('VCA', 200), ('VSS', 200)]

How each backend is reached (``backend_kind`` tells them apart by signature; ``kind=``
says it outright):

- a webhook function ``(event) -> reply`` goes through ``callflow.webhooks.handle`` (or
  ``handle_async``), as the Flask and FastAPI adapters do. An exception is an HTTP 500
  whose body is the traceback; a reply that is not valid is sent as written, so the
  emulator reports it as the platform would (``invalid-reply``, with the status code);
- a WSGI app is called with a PEP 3333 environ, an ASGI 3 app with an HTTP scope on
  asyncio (no lifespan events), each a ``POST`` from one of 8x8's source addresses. An
  exception before a response is an HTTP 500; a redirect is not followed;
- a URL is posted to over HTTP by the core's runner, with the interpreter released, so
  an app served from a thread of the same process can answer;
- a ``raw`` function ``(Webhook) -> Answered | Failed`` answers at the HTTP level, and
  may give its own latency (a ``MapBackend`` is one).

With pytest, the ``callflow_emulator`` fixture (``callflow.testing.pytest_plugin``,
registered on install) gives the same ``emulate`` with defaults a test can set.
"""

from callflow._native import Emulator, MapBackend, Scenario, Transcript, Webhook
from callflow.testing._backends import Answered, BackendKind, Failed, backend_kind
from callflow.testing._emulate import Backend, Inbound, Request, emulate, emulate_async, run_scenario
from callflow.testing._result import CallResult, Finding, ScenarioResult, WebhookRecord

__all__ = [
    "Answered",
    "Backend",
    "BackendKind",
    "CallResult",
    "Emulator",
    "Failed",
    "Finding",
    "Inbound",
    "MapBackend",
    "Request",
    "Scenario",
    "ScenarioResult",
    "Transcript",
    "Webhook",
    "WebhookRecord",
    "backend_kind",
    "emulate",
    "emulate_async",
    "run_scenario",
]
