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

Exploring
---------

``explore`` maps a backend's whole IVR without a script: breadth-first, each input path a
fresh emulated call, it tries at every capture every input the capture allows (each key,
silence, a hang-up, entries too short and too long), and returns an ``Exploration``: the
menus found and what each input did, coverage, the IVR map (which
``callflow.diagram.render`` draws), and findings with the shortest input path to each:
``unhandled-input`` (an input the capture allows that the backend answers with an error),
``caller-trap`` (a menu no input leaves), ``dead-end``, ``dialect-dependent``. It takes
every backend ``emulate`` takes.

>>> from callflow.testing import explore
>>> def menu(event):
...     capture = voice.SayAndCapture(prompt_message="Press 1 to leave.", voice_profile="en-US-BenjaminRUS")
...     if isinstance(event, voice.CallActionEvent) and event.dtmf == "1":
...         return [voice.Say(text="Bye.", voice_profile="en-US-BenjaminRUS"), voice.Hangup()]
...     return voice.Reply([capture], client_action_id="main")
>>> found = explore(menu, inbound=("+6591234567", "+6568888888"))
>>> [menu.id for menu in found.assert_ok().menus], found.menus[0].inputs["1"], found.findings
(['main'], 'hangup', [])
>>> found.coverage.inputs_tried, found.budget_hit
(14, None)

With pytest, the ``callflow_emulator`` fixture (``callflow.testing.pytest_plugin``,
registered on install) gives the same ``emulate`` with defaults a test can set.
"""

from callflow._native import Emulator, Explorer, MapBackend, Scenario, Transcript, Webhook
from callflow.testing._backends import Answered, BackendKind, Failed, backend_kind
from callflow.testing._emulate import Backend, Inbound, Request, emulate, emulate_async, run_scenario
from callflow.testing._exploration import Coverage, Exploration, ExploreFinding, Menu
from callflow.testing._explore import ExploreDialect, explore, explore_async
from callflow.testing._result import CallResult, Finding, ScenarioResult, WebhookRecord

__all__ = [
    "Answered",
    "Backend",
    "BackendKind",
    "CallResult",
    "Coverage",
    "Emulator",
    "ExploreDialect",
    "ExploreFinding",
    "Exploration",
    "Explorer",
    "Failed",
    "Finding",
    "Inbound",
    "MapBackend",
    "Menu",
    "Request",
    "Scenario",
    "ScenarioResult",
    "Transcript",
    "Webhook",
    "WebhookRecord",
    "backend_kind",
    "emulate",
    "emulate_async",
    "explore",
    "explore_async",
    "run_scenario",
]
