"""Running an emulated call: the script and options, the loop that delivers each webhook
and hands the answer back to the core's engine, and scenarios."""

from __future__ import annotations

import asyncio
import inspect
import os
from collections.abc import Callable, Coroutine, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec, TypeVar, Union, cast

from callflow._native import Emulator, MapBackend, Scenario, Transcript, emulate_http
from callflow.testing import _backends as backends
from callflow.testing._backends import BackendKind, Failed, Routes, backend_kind
from callflow.testing._result import CallResult, ScenarioResult

__all__ = ["emulate", "emulate_async", "run_scenario"]

Inbound = Union[tuple[str, str], Mapping[str, str]]
"""The numbers of an inbound call: ``(from, to)`` or ``{"from": …, "to": …}``."""

Request = Union[str, bytes, bytearray, Mapping[str, Any]]
"""A Send Callflow request: a dict, or JSON ``str`` or ``bytes``."""

Backend = Union[str, Callable[..., Any], MapBackend]
"""A webhook function, a WSGI or ASGI app, a base URL, or a ``MapBackend``."""

T = TypeVar("T")
P = ParamSpec("P")


@dataclass(frozen=True)
class _Call:
    """A call ready to run: its emulator, the backend, where webhooks go, and how long
    an HTTP delivery may take."""

    emulator: Emulator
    backend: Backend
    kind: BackendKind | None
    routes: Routes
    timeout: float | None


def _call(
    request: Request | None = None,
    backend: Backend | None = None,
    *,
    press: str | Iterable[str] = (),
    silence: bool = False,
    hangup: bool = False,
    callee: str | Iterable[str] = (),
    script: list[Any] | None = None,
    inbound: Inbound | None = None,
    dialect: str = "current",
    options: Mapping[str, Any] | None = None,
    secret: str | None = None,
    seed: int = 0,
    webhook_timeout: float = 5.0,
    kind: BackendKind | None = None,
    vca_path: str = "/vca",
    vss_path: str = "/vss",
    vcs_path: str = "/vcs",
) -> _Call:
    """The call ``emulate`` describes (its arguments are documented there)."""
    if backend is None:
        raise TypeError("emulate() needs a backend: a webhook function, a WSGI or ASGI app, or a URL")
    steps = _script(press, silence, hangup, callee, script)
    settings = _options(dialect, options, seed, webhook_timeout)
    routes = Routes(vca_path, vss_path, vcs_path, secret)
    return _Call(_start(request, inbound, steps, settings), backend, kind, routes, webhook_timeout)


def _arguments_of(prepare: Callable[P, object]) -> Callable[[Callable[..., T]], Callable[P, T]]:
    """Gives the decorated function the parameters of ``prepare``, for type checkers
    (through ``ParamSpec``) and for ``inspect.signature`` and ``help()``."""

    def decorate(function: Callable[..., T]) -> Callable[P, T]:
        returns = inspect.signature(function).return_annotation
        setattr(function, "__signature__", inspect.signature(prepare).replace(return_annotation=returns))
        return function

    return decorate


@_arguments_of(_call)
def emulate(*args: Any, **kwargs: Any) -> CallResult:
    """Emulates one 8x8 call against ``backend`` and returns what happened.

    The call starts from ``request`` (a Send Callflow body: dict, JSON ``str`` or
    ``bytes``) or, for an inbound call, from ``inbound=(from, to)``. The caller presses
    ``press`` (one entry per capture: ``"1"`` or ``["1", "42#"]``), then stays silent if
    ``silence``, then hangs up if ``hangup``. ``callee`` is what the parties the
    ``makeCall`` actions ring do, one entry per ``makeCall`` in order (the request's own
    first): ``"answer"``, ``"busy"``, ``"noAnswer"`` or ``"fail"``; parties beyond the
    list answer. A ``script`` list (the caller script JSON) replaces those four.

    ``backend`` is a webhook function ``(event) -> reply`` (plain or ``async``, as
    ``callflow.webhooks.handle`` takes it), a WSGI app (Flask), an ASGI app (FastAPI,
    Starlette), a base URL (``"http://127.0.0.1:5000"``, posted to over HTTP), or a
    ``MapBackend``; ``kind`` overrides how it is told (see ``backend_kind``). Voice Call
    Action webhooks are posted to ``vca_path``, session summaries to ``vss_path``, call
    status webhooks (only with ``options={"statusWebhooks": True}``) to ``vcs_path``,
    each with ``Authorization: <secret>`` when ``secret`` is set.

    ``dialect`` (``"current"`` or ``"legacy"``), ``seed`` and ``webhook_timeout``
    (seconds) set those options; ``options`` holds any other (camelCase, as in
    ``docs/EMULATOR.md``). Each answer's latency is measured and compared with the
    timeout; everything else runs on a virtual clock, so a call takes milliseconds.

    An ``async`` backend runs on a new event loop; inside a running loop, use
    ``emulate_async``. Errors in the script or options raise ``callflow.EmulatorError``;
    what goes wrong during the call is a finding of the result.
    """
    return CallResult(_run(_call(*args, **kwargs)))


@_arguments_of(_call)
async def emulate_async(*args: Any, **kwargs: Any) -> CallResult:
    """``emulate`` for asyncio code, with the same arguments: ``async`` webhook
    functions and ASGI apps run on the running loop; a URL backend runs in a worker
    thread."""
    return CallResult(await _run_async(_call(*args, **kwargs)))


def run_scenario(
    scenario: str | os.PathLike[str] | Mapping[str, Any],
    backend: Backend,
    *,
    secret: str | None = None,
    kind: BackendKind | None = None,
    vca_path: str = "/vca",
    vss_path: str = "/vss",
    vcs_path: str = "/vcs",
) -> ScenarioResult:
    """Runs a scenario (a file path, or the scenario as a dict) against ``backend`` (as
    ``emulate`` takes it) and checks its expectations: ``result.passed``,
    ``result.unmet``, ``result.assert_passed()``."""
    if isinstance(scenario, Mapping):
        loaded = Scenario(dict(scenario))
    else:
        loaded = Scenario(Path(scenario).read_bytes())
    routes = Routes(vca_path, vss_path, vcs_path, secret)
    transcript = _run(_Call(loaded.start(), backend, kind, routes, None))
    return ScenarioResult(transcript, loaded.name, loaded.check(transcript))


def _start(request: Request | None, inbound: Inbound | None, script: list[Any], options: dict[str, Any]) -> Emulator:
    """The emulator of an outbound call from ``request`` or an inbound one."""
    if (request is None) == (inbound is None):
        raise TypeError("emulate() takes a request or inbound=(from, to), and not both")
    if inbound is None:
        document = dict(request) if isinstance(request, Mapping) else request
        return Emulator.outbound(document, script, options)
    numbers = [inbound["from"], inbound["to"]] if isinstance(inbound, Mapping) else list(inbound)
    if len(numbers) != 2 or not all(isinstance(number, str) for number in numbers):
        raise TypeError("inbound is (from, to) or {'from': ..., 'to': ...}, with str numbers")
    return Emulator.inbound(numbers[0], numbers[1], script, options)


def _script(
    press: str | Iterable[str],
    silence: bool,
    hangup: bool,
    callee: str | Iterable[str],
    script: list[Any] | None,
) -> list[Any]:
    """The caller script JSON for ``emulate``'s keywords."""
    keys = [press] if isinstance(press, str) else list(press)
    callees = [callee] if isinstance(callee, str) else list(callee)
    if script is not None:
        if keys or silence or hangup or callees:
            raise TypeError("pass script= or press/silence/hangup/callee, not both")
        return script
    steps: list[Any] = [{"press": key} for key in keys]
    steps += ["silence"] if silence else []
    steps += ["hangup"] if hangup else []
    return steps + [{"callee": outcome} for outcome in callees]


_KEYWORD_OPTIONS = {"dialect": "dialect", "seed": "seed", "webhookTimeoutMs": "webhook_timeout"}


def _options(dialect: str, options: Mapping[str, Any] | None, seed: int, webhook_timeout: float) -> dict[str, Any]:
    """The options JSON: ``options`` with the keyword arguments' keys."""
    settings = dict(options or {})
    for key, keyword in _KEYWORD_OPTIONS.items():
        if key in settings:
            raise TypeError(f"pass {keyword}= as a keyword argument, not options[{key!r}]")
    if not webhook_timeout > 0:
        raise ValueError("webhook_timeout must be a positive number of seconds")
    settings.update(dialect=dialect, seed=seed, webhookTimeoutMs=round(webhook_timeout * 1000))
    return settings


def _run(call: _Call) -> Transcript:
    """Runs the call to its end, synchronously."""
    kind = call.kind or backend_kind(call.backend)
    if kind == "url":
        return _http(call)
    if kind == "asgi" or (kind == "handler" and backends.is_async(call.backend)):
        return _asyncio_run(_run_async(call))
    app = cast("Callable[..., Any]", call.backend)
    if kind == "handler":
        deliver = backends.handler(app, call.routes)
    else:
        deliver = backends.wsgi(app, call.routes) if kind == "wsgi" else backends.raw(call.backend)
    while (webhook := call.emulator.next_webhook()) is not None:
        _respond(call.emulator, deliver(webhook))
    return call.emulator.transcript()


async def _run_async(call: _Call) -> Transcript:
    """Runs the call to its end on the running event loop."""
    kind = call.kind or backend_kind(call.backend)
    if kind == "url":
        return await asyncio.to_thread(_http, call)
    if kind not in ("handler", "asgi"):
        return _run(call)
    app = cast("Callable[..., Any]", call.backend)
    deliver = backends.asgi(app, call.routes) if kind == "asgi" else backends.handler_async(app, call.routes)
    while (webhook := call.emulator.next_webhook()) is not None:
        _respond(call.emulator, await deliver(webhook))
    return call.emulator.transcript()


def _respond(call: Emulator, outcome: backends.Outcome) -> None:
    latency_ms = outcome.latency_ms or 0.0
    if isinstance(outcome, Failed):
        call.fail(outcome.failure, outcome.detail, latency_ms)
    else:
        call.respond(outcome.status, outcome.body, latency_ms)


def _http(call: _Call) -> Transcript:
    """Runs the call over HTTP with the core's runner: the backend is the base URL."""
    base = str(call.backend).rstrip("/")
    routes = call.routes
    return emulate_http(
        call.emulator,
        base + routes.vca_path,
        status_url=base + routes.vcs_path,
        summary_url=base + routes.vss_path,
        secret=routes.secret,
        timeout=call.timeout,
    )


def _asyncio_run(coroutine: Coroutine[Any, Any, T]) -> T:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    coroutine.close()
    raise RuntimeError(
        "emulate() runs an async backend on a new event loop and cannot be called inside a "
        "running one; use `await callflow.testing.emulate_async(...)` instead"
    )
