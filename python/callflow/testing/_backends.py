"""Delivering the emulator's webhooks in-process: to a webhook function, a WSGI app or an
ASGI app, each answer timed with ``time.perf_counter``.

No server and no extra dependency: a WSGI app is called with a PEP 3333 environ built
here, an ASGI app with an HTTP scope on asyncio. Each webhook is a ``POST`` of its JSON
body to the path for its kind, with ``Authorization`` set to the secret when there is
one, as 8x8 posts it.
"""

from __future__ import annotations

import asyncio
import inspect
import io
import json
import logging
import sys
import traceback
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from time import perf_counter
from typing import Any, Literal, Union

from callflow import __version__
from callflow._errors import ValidationError
from callflow._native import SOURCE_ADDRESSES, Action, MapBackend, Webhook
from callflow.webhooks import handle, handle_async

__all__ = ["Answered", "BackendKind", "Failed", "Outcome", "Routes", "backend_kind"]

BackendKind = Literal["handler", "wsgi", "asgi", "url", "raw"]
"""How a backend is reached: a webhook function (``handler``), a WSGI or ASGI app, a URL,
or a ``raw`` function ``(Webhook) -> Answered | Failed`` that answers at the HTTP level."""

USER_AGENT = f"callflow-emulator/{__version__}"
LOG = logging.getLogger("callflow.testing")


@dataclass(frozen=True)
class Answered:
    """An HTTP answer to a webhook. ``latency_ms`` None means: measure it."""

    status: int
    body: bytes
    latency_ms: float | None = None


@dataclass(frozen=True)
class Failed:
    """No usable answer to a webhook: ``failure`` is ``"timeout"``, ``"connection"``,
    ``"too-large"`` or ``"redirect"``. ``latency_ms`` None means: measure it."""

    failure: Literal["timeout", "connection", "too-large", "redirect"]
    detail: str
    latency_ms: float | None = None


Outcome = Union[Answered, Failed]
"""What a delivery gives the emulator."""


@dataclass(frozen=True)
class Routes:
    """Where each webhook kind is posted, and the ``Authorization`` sent with it."""

    vca_path: str = "/vca"
    vss_path: str = "/vss"
    vcs_path: str = "/vcs"
    secret: str | None = None

    def path(self, webhook: Webhook) -> str:
        """The path the webhook is posted to."""
        return {"VCA": self.vca_path, "VSS": self.vss_path}.get(webhook.kind, self.vcs_path)

    def authorization(self) -> dict[str, str]:
        """The ``Authorization`` header, when there is a secret, as the only header."""
        return {} if self.secret is None else {"Authorization": self.secret}

    def headers(self, webhook: Webhook) -> list[tuple[str, str]]:
        """The request headers, with lower-case names."""
        headers = [
            ("host", "localhost"),
            ("user-agent", USER_AGENT),
            ("content-type", "application/json"),
            ("content-length", str(len(webhook.body.encode()))),
        ]
        if self.secret is not None:
            headers.append(("authorization", self.secret))
        return headers


def backend_kind(backend: object) -> BackendKind:
    """How ``backend`` is reached, told from its type and signature.

    - a ``str`` is a URL; a ``MapBackend`` answers at the HTTP level (``raw``);
    - an ``async`` callable taking three positional arguments ``(scope, receive, send)``
      is an ASGI app (FastAPI, Starlette);
    - a plain callable taking two ``(environ, start_response)`` is a WSGI app (Flask);
    - a callable taking one ``(event)``, plain or ``async``, is a webhook function.

    Anything else (a signature that cannot be read, other arities) raises
    ``TypeError``: pass ``kind=`` to say what it is.

    >>> backend_kind("http://127.0.0.1:5000")
    'url'
    >>> backend_kind(lambda event: None)
    'handler'
    >>> backend_kind(lambda environ, start_response: [])
    'wsgi'
    >>> async def app(scope, receive, send): ...
    >>> backend_kind(app)
    'asgi'
    """
    if isinstance(backend, str):
        return "url"
    if isinstance(backend, MapBackend):
        return "raw"
    if not callable(backend):
        raise TypeError(
            "a backend is a URL, a webhook function, a WSGI app or an ASGI app, "
            f"not {type(backend).__name__}"
        )
    required = required_positional(backend)
    if required == 1:
        return "handler"
    if required == 3 and is_async(backend):
        return "asgi"
    if required == 2 and not is_async(backend):
        return "wsgi"
    raise TypeError(
        f"cannot tell what kind of backend {backend!r} is from its {required} required "
        "arguments: a webhook function takes (event), a WSGI app (environ, start_response), "
        "an ASGI app async (scope, receive, send); pass kind= to say"
    )


def required_positional(backend: object) -> int:
    """How many positional arguments calling ``backend`` requires."""
    code = getattr(backend, "__code__", None)
    if inspect.isfunction(backend) and code is not None and not code.co_flags & inspect.CO_VARARGS:
        return int(code.co_argcount) - len(backend.__defaults__ or ())  # the common case, fast
    try:
        parameters = inspect.signature(backend).parameters.values()  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise TypeError(
            f"cannot read the signature of {backend!r}; pass kind='handler', 'wsgi' or 'asgi'"
        ) from None
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return sum(1 for p in parameters if p.kind in positional and p.default is p.empty)


def is_async(backend: object) -> bool:
    """Whether calling ``backend`` gives a coroutine: an ``async def`` function, or an
    object whose ``__call__`` is one."""
    return inspect.iscoroutinefunction(backend) or inspect.iscoroutinefunction(
        getattr(type(backend), "__call__", None)
    )


def raw_outcome(answer: object) -> Outcome:
    """What a raw backend returned, as an ``Answered`` or ``Failed``: either of those,
    or a ``MapBackend.answer`` tuple."""
    if isinstance(answer, (Answered, Failed)):
        return answer
    if isinstance(answer, tuple) and len(answer) == 3:
        first, body, latency = answer
        if isinstance(first, int) and isinstance(body, bytes):
            return Answered(first, body, float(latency))
        if isinstance(first, str) and isinstance(body, str):
            return Failed(first, body, float(latency))  # type: ignore[arg-type]
    raise TypeError(
        f"a raw backend returns callflow.testing.Answered or Failed, not {type(answer).__name__}"
    )


Deliver = Callable[[Webhook], Outcome]
DeliverAsync = Callable[[Webhook], Awaitable[Outcome]]


def raw(backend: Any) -> Deliver:
    """Delivers to a raw backend: ``backend(webhook)``, or ``backend.answer(webhook)`` for
    a ``MapBackend``."""
    answer = backend.answer if isinstance(backend, MapBackend) else backend

    def deliver(webhook: Webhook) -> Outcome:
        started = perf_counter()
        outcome = raw_outcome(answer(webhook))
        return timed(outcome, started)

    return deliver


def timed(outcome: Outcome, started: float) -> Outcome:
    """``outcome`` with the time since ``started`` as its latency, unless it has one."""
    if outcome.latency_ms is not None:
        return outcome
    latency_ms = (perf_counter() - started) * 1000.0
    if isinstance(outcome, Answered):
        return Answered(outcome.status, outcome.body, latency_ms)
    return Failed(outcome.failure, outcome.detail, latency_ms)


def handler(on_event: Callable[..., Any], routes: Routes) -> Deliver:
    """Delivers to a webhook function through ``callflow.webhooks.handle``, as the Flask
    and FastAPI adapters do."""

    headers = routes.authorization()

    def deliver(webhook: Webhook) -> Outcome:
        returned: list[object] = []

        def recorded(event: Any) -> Any:
            returned.append(on_event(event))
            return returned[-1]

        started = perf_counter()
        try:
            status, _, body = handle(webhook.body, headers, recorded)
            return timed(Answered(status, body.encode()), started)
        except Exception as error:  # noqa: BLE001 - any exception is the backend's 500
            return timed(failed_handler(error, returned), started)

    return deliver


def handler_async(on_event: Callable[..., Any], routes: Routes) -> DeliverAsync:
    """Delivers to a webhook function that may be ``async``, through ``handle_async``."""

    headers = routes.authorization()

    async def deliver(webhook: Webhook) -> Outcome:
        returned: list[object] = []

        async def recorded(event: Any) -> Any:
            result = on_event(event)
            returned.append(await result if inspect.isawaitable(result) else result)
            return returned[-1]

        started = perf_counter()
        try:
            status, _, body = await handle_async(webhook.body, headers, recorded)
            return timed(Answered(status, body.encode()), started)
        except Exception as error:  # noqa: BLE001 - any exception is the backend's 500
            return timed(failed_handler(error, returned), started)

    return deliver


def failed_handler(error: Exception, returned: list[object]) -> Answered:
    """The answer when ``handle`` raised: a reply that is not valid goes to the platform
    as it was written (so the emulator reports it as the platform would); any other
    exception is an HTTP 500 whose body is the traceback, as a crashing server gives."""
    if isinstance(error, ValidationError) and returned:
        body = unchecked_reply(returned[-1])
        if body is not None:
            return Answered(200, body)
    return server_error(error)


def unchecked_reply(result: object) -> bytes | None:
    """The JSON of what a webhook function returned, without checking it."""
    try:
        if isinstance(result, Mapping):
            return json.dumps(dict(result)).encode()
        if isinstance(result, Action):
            result = [result]
        if isinstance(result, Iterable) and not isinstance(result, (str, bytes)):
            actions = [action.to_dict() for action in result]
            return json.dumps({"callflow": actions}).encode()
    except (TypeError, ValueError, AttributeError):
        return None
    return None


def server_error(error: BaseException) -> Answered:
    """HTTP 500 with the traceback as its text body."""
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return Answered(500, text.encode())


def http_answer(status: int, headers: Iterable[tuple[str, str]], body: bytes, path: str) -> Outcome:
    """An app's answer, with a redirect counted as no usable answer: 8x8 never follows
    one, and neither does the HTTP runner."""
    if not 300 <= status < 400:
        return Answered(status, body)
    location = next((value for name, value in headers if name.lower() == "location"), None)
    if location is None:
        return Failed(
            "redirect",
            f"{path} answered HTTP {status} (a redirect without a Location); redirects are not followed",
        )
    return Failed(
        "redirect", f"{path} answered HTTP {status} redirecting to {location}; redirects are not followed"
    )


def wsgi(app: Callable[..., Iterable[bytes]], routes: Routes) -> Deliver:
    """Delivers to a WSGI app (PEP 3333), called directly with an environ built here."""

    def deliver(webhook: Webhook) -> Outcome:
        path = routes.path(webhook)
        environ = wsgi_environ(webhook, path, routes)
        answer: dict[str, Any] = {}
        written: list[bytes] = []

        def start_response(
            status: str, headers: list[tuple[str, str]], exc_info: object = None
        ) -> Callable[[bytes], object]:
            answer["status"], answer["headers"] = status, headers
            return written.append

        started = perf_counter()
        try:
            result = app(environ, start_response)
            try:
                body = b"".join([*written, *result])
            finally:
                close = getattr(result, "close", None)
                if close is not None:
                    close()
        except Exception as error:  # noqa: BLE001 - any exception is the server's 500
            return timed(server_error(error), started)
        if "status" not in answer:
            return timed(server_error(RuntimeError("the WSGI app never called start_response")), started)
        status = int(str(answer["status"]).split(" ", 1)[0])
        return timed(http_answer(status, answer["headers"], body, path), started)

    return deliver


def wsgi_environ(webhook: Webhook, path: str, routes: Routes) -> dict[str, Any]:
    """The PEP 3333 environ of the webhook's ``POST``, sent from one of 8x8's addresses."""
    body = webhook.body.encode()
    environ: dict[str, Any] = {
        "REQUEST_METHOD": "POST",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": SOURCE_ADDRESSES[0],
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    for name, value in routes.headers(webhook):
        key = name.upper().replace("-", "_")
        environ[key if key in ("CONTENT_TYPE", "CONTENT_LENGTH") else f"HTTP_{key}"] = value
    return environ


def asgi(app: Callable[..., Awaitable[None]], routes: Routes) -> DeliverAsync:
    """Delivers to an ASGI 3 app with an HTTP scope, on the running event loop. Lifespan
    events are not sent."""

    async def deliver(webhook: Webhook) -> Outcome:
        path = routes.path(webhook)
        body = webhook.body.encode()
        done = asyncio.Event()
        pending = [{"type": "http.request", "body": body, "more_body": False}]
        answer: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def receive() -> dict[str, Any]:
            if pending:
                return pending.pop()
            await done.wait()
            return {"type": "http.disconnect"}

        async def send(message: Mapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                answer["status"] = int(message["status"])
                answer["headers"] = [
                    (bytes(name).decode("latin-1"), bytes(value).decode("latin-1"))
                    for name, value in message.get("headers", [])
                ]
            elif message["type"] == "http.response.body":
                chunks.append(bytes(message.get("body", b"")))
                if not message.get("more_body", False):
                    done.set()

        started = perf_counter()
        try:
            await app(asgi_scope(path, routes.headers(webhook)), receive, send)
        except Exception as error:  # noqa: BLE001 - any exception is the server's 500
            if "status" not in answer:
                return timed(server_error(error), started)
            # The app answered, then raised (as Starlette does after its 500 page): the
            # answer stands, and the traceback is logged, as an ASGI server logs it.
            LOG.exception("Exception in ASGI application after its response started")
        finally:
            done.set()
        if "status" not in answer:
            return timed(server_error(RuntimeError("the ASGI app sent no response")), started)
        return timed(http_answer(answer["status"], answer["headers"], b"".join(chunks), path), started)

    return deliver


def asgi_scope(path: str, headers: list[tuple[str, str]]) -> dict[str, Any]:
    """The ASGI HTTP scope of a webhook's ``POST``, sent from one of 8x8's addresses."""
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(name.encode("latin-1"), value.encode("latin-1")) for name, value in headers],
        "client": (SOURCE_ADDRESSES[0], 443),
        "server": ("localhost", 80),
        "state": {},
    }
