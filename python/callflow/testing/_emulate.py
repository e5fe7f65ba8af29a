"""Running an emulated call: the script and options, the loop that delivers each webhook
and hands the answer back to the core's engine, and scenarios."""

from __future__ import annotations

import asyncio
import inspect
import os
from collections.abc import Callable, Coroutine, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec, Protocol, TypeVar, Union, cast

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
T_co = TypeVar("T_co", covariant=True)
P = ParamSpec("P")


@dataclass(frozen=True)
class Target:
    """A backend and how it is reached: its kind, where webhooks go, and how long an
    HTTP delivery may take."""

    backend: Backend
    kind: BackendKind
    routes: Routes
    timeout: float | None


def target_of(
    backend: Backend,
    kind: BackendKind | None,
    routes: Routes,
    timeout: float | None,
) -> Target:
    """The target of ``backend``, its kind told from its type unless ``kind`` says."""
    return Target(backend, kind or backend_kind(backend), routes, timeout)


@dataclass(frozen=True)
class _Call:
    """A call ready to run: its emulator and the backend it runs against."""

    emulator: Emulator
    target: Target


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
    settings = options_of(dialect, options, seed, webhook_timeout)
    emulator = _start(request, inbound, steps, settings)
    return _Call(emulator, target_of(backend, kind, Routes(vca_path, vss_path, vcs_path, secret), webhook_timeout))


def arguments_of(prepare: Callable[P, object]) -> Callable[[Callable[..., T]], Callable[P, T]]:
    """Gives the decorated function the parameters of ``prepare``, for type checkers
    (through ``ParamSpec``) and for ``inspect.signature`` and ``help()``."""

    def decorate(function: Callable[..., T]) -> Callable[P, T]:
        returns = inspect.signature(function).return_annotation
        setattr(function, "__signature__", inspect.signature(prepare).replace(return_annotation=returns))
        return function

    return decorate


@arguments_of(_call)
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
    call = _call(*args, **kwargs)
    return CallResult(run(_OneCall(call.emulator), call.target))


@arguments_of(_call)
async def emulate_async(*args: Any, **kwargs: Any) -> CallResult:
    """``emulate`` for asyncio code, with the same arguments: ``async`` webhook
    functions and ASGI apps run on the running loop; a URL backend runs in a worker
    thread."""
    call = _call(*args, **kwargs)
    return CallResult(await run_async(_OneCall(call.emulator), call.target))


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
    target = target_of(backend, kind, Routes(vca_path, vss_path, vcs_path, secret), None)
    transcript = run(_OneCall(loaded.start()), target)
    return ScenarioResult(transcript, loaded.name, loaded.check(transcript))


def _start(request: Request | None, inbound: Inbound | None, script: list[Any], options: dict[str, Any]) -> Emulator:
    """The emulator of an outbound call from ``request`` or an inbound one."""
    document, numbers = start_of(request, inbound)
    if numbers is None:
        return Emulator.outbound(document, script, options)
    return Emulator.inbound(numbers[0], numbers[1], script, options)


def start_of(request: Request | None, inbound: Inbound | None) -> tuple[Any, tuple[str, str] | None]:
    """How a call starts: the request as the core reads it, or the numbers ``(from, to)``
    of an inbound call (then the request is None)."""
    if (request is None) == (inbound is None):
        raise TypeError("a call starts from a request or inbound=(from, to), and not both")
    if inbound is None:
        return (dict(request) if isinstance(request, Mapping) else request), None
    numbers = [inbound["from"], inbound["to"]] if isinstance(inbound, Mapping) else list(inbound)
    if len(numbers) != 2 or not all(isinstance(number, str) for number in numbers):
        raise TypeError("inbound is (from, to) or {'from': ..., 'to': ...}, with str numbers")
    return None, (numbers[0], numbers[1])


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


def options_of(dialect: str | None, options: Mapping[str, Any] | None, seed: int, webhook_timeout: float) -> dict[str, Any]:
    """The options JSON: ``options`` with the keyword arguments' keys (``dialect`` only
    when it is not None)."""
    settings = dict(options or {})
    for key, keyword in _KEYWORD_OPTIONS.items():
        if key in settings:
            raise TypeError(f"pass {keyword}= as a keyword argument, not options[{key!r}]")
    if not webhook_timeout > 0:
        raise ValueError("webhook_timeout must be a positive number of seconds")
    settings.update(seed=seed, webhookTimeoutMs=round(webhook_timeout * 1000))
    if dialect is not None:
        settings["dialect"] = dialect
    return settings


class Work(Protocol[T_co]):
    """What runs against a backend: one call (``emulate``), or an exploration's calls one
    after another (``explore``). Each call is driven the same way, whatever the work."""

    def calls(self) -> Iterator[Emulator]:
        """The calls to run, each to its end before the next is asked for."""

    def over_http(self, urls: HttpUrls) -> T_co:
        """Runs all of it over HTTP with the core's runner, and gives the result."""

    def result(self) -> T_co:
        """The result, once every call has run."""


@dataclass(frozen=True)
class HttpUrls:
    """Where the core's HTTP runner posts each webhook kind, the ``Authorization`` it
    sends, and how long one delivery may take (seconds; None for the runner's
    default)."""

    vca_url: str
    status_url: str
    summary_url: str
    secret: str | None
    timeout: float | None

    def run(self, runner: Callable[..., T], subject: object) -> T:
        """``runner`` (``emulate_http`` or ``explore_http``) on ``subject`` with these
        URLs."""
        return runner(
            subject,
            self.vca_url,
            status_url=self.status_url,
            summary_url=self.summary_url,
            secret=self.secret,
            timeout=self.timeout,
        )


@dataclass(frozen=True)
class _OneCall:
    """The work of ``emulate``: one call, whose result is its transcript."""

    emulator: Emulator

    def calls(self) -> Iterator[Emulator]:
        yield self.emulator

    def over_http(self, urls: HttpUrls) -> Transcript:
        return urls.run(emulate_http, self.emulator)

    def result(self) -> Transcript:
        return self.emulator.transcript()


def run(work: Work[T], target: Target) -> T:
    """Runs ``work`` against ``target`` to its end, synchronously."""
    if target.kind == "url":
        return work.over_http(_urls(target))
    if target.kind == "asgi" or (target.kind == "handler" and backends.is_async(target.backend)):
        return _asyncio_run(run_async(work, target))
    app = cast("Callable[..., Any]", target.backend)
    if target.kind == "handler":
        deliver = backends.handler(app, target.routes)
    else:
        deliver = backends.wsgi(app, target.routes) if target.kind == "wsgi" else backends.raw(target.backend)
    for call in work.calls():
        while (webhook := call.next_webhook()) is not None:
            _respond(call, deliver(webhook))
    return work.result()


async def run_async(work: Work[T], target: Target) -> T:
    """Runs ``work`` against ``target`` to its end on the running event loop."""
    if target.kind == "url":
        return await asyncio.to_thread(work.over_http, _urls(target))
    if target.kind not in ("handler", "asgi"):
        return run(work, target)
    app = cast("Callable[..., Any]", target.backend)
    deliver = backends.asgi(app, target.routes) if target.kind == "asgi" else backends.handler_async(app, target.routes)
    for call in work.calls():
        while (webhook := call.next_webhook()) is not None:
            _respond(call, await deliver(webhook))
    return work.result()


def _respond(call: Emulator, outcome: backends.Outcome) -> None:
    latency_ms = outcome.latency_ms or 0.0
    if isinstance(outcome, Failed):
        call.fail(outcome.failure, outcome.detail, latency_ms)
    else:
        call.respond(outcome.status, outcome.body, latency_ms)


def _urls(target: Target) -> HttpUrls:
    """The URLs of a URL backend: its base with each kind's path."""
    base = str(target.backend).rstrip("/")
    routes = target.routes
    return HttpUrls(
        base + routes.vca_path, base + routes.vcs_path, base + routes.vss_path, routes.secret, target.timeout
    )


def _asyncio_run(coroutine: Coroutine[Any, Any, T]) -> T:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    coroutine.close()
    raise RuntimeError(
        "emulate() and explore() run an async backend on a new event loop and cannot be called "
        "inside a running one; use `await callflow.testing.emulate_async(...)` (or "
        "explore_async) instead"
    )
