"""IVR maps: a whole menu IVR as one JSON file, checked, and answered statelessly.

The format is described in ``docs/IVR.md``. Every rule (the shorthand, the checks, which
answer an event gets) lives in callflow's Rust core; this module adds the handlers,
Python functions registered by name for the steps that need code.

>>> from callflow import ivr, voice
>>> app = ivr.Ivr.from_json({
...     "defaults": {"voiceProfile": "en-GB-Emma", "maxDigits": 1},
...     "start": "main",
...     "menus": {"main": {"prompt": "Press 1 for your booking.",
...                        "options": {"1": {"handler": "lookup"}}}},
... })
>>> @app.handler("lookup")
... def lookup(event):
...     return {"say": "Your table is booked. Goodbye."}
>>> event = voice.parse_event({"eventType": "CALL_ACTION", "payload": {
...     "callStatus": "ACTION_COMPLETED", "clientActionId": "main", "eventData": {"dtmf": "1"}}})
>>> app.reply(event).to_json()
'{"callflow":[{"action":"say","params":{"text":"Your table is booked. Goodbye.","voiceProfile":"en-GB-Emma"}},{"action":"hangup"}]}'
>>> app.route(event).menu, app.route(event).key, app.route(event).handler
('main', '1', 'lookup')

An ``Ivr`` is a webhook function: ``callflow.webhooks.handle(body, headers, app)`` and
the Flask adapter answer with it, and ``app.reply_async`` serves asyncio frameworks
(``handle_async``, the FastAPI adapter) and ``async`` handlers.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Awaitable, Callable, Iterable, Mapping
from datetime import datetime
from typing import Any, TypeVar, Union, cast

from callflow._errors import ValidationError
from callflow._native import (
    Action,
    Callflow,
    Event,
    IvrMap,
    Reply,
    Report,
    Turn,
    ivr_check,
    ivr_check_with,
    ivr_expand,
)

__all__ = [
    "Handler",
    "HandlerResult",
    "Ivr",
    "IvrMap",
    "Map",
    "Turn",
    "check",
    "check_with",
    "expand",
]

Map = Union[str, bytes, bytearray, Mapping[str, Any]]
"""An IVR map: JSON text, or the parsed dict."""

HandlerResult = Union[Reply, Action, Iterable[Action], Mapping[str, Any], str]
"""What a handler returns: a ``voice.Reply``, its actions, a reply dict, a shorthand
option (``{"say": …, "goto": …}``, ``{"connect": …}``) or the name of a menu."""

Handler = Callable[[Event], Union[HandlerResult, Awaitable[HandlerResult]]]
"""A handler: called with the event, it returns a reply (``async`` handlers too)."""

H = TypeVar("H", bound=Handler)


def _native_map(map: Map) -> str | bytes | bytearray | dict[str, Any]:
    """The map as the native module takes it (a mapping other than a dict is copied;
    anything else goes to the core, which says what is wrong with it)."""
    if isinstance(map, Mapping) and not isinstance(map, dict):
        return dict(map)
    return map


def check(map: Map) -> Report:
    """Every issue of ``map``, shorthand or full: each reply's with the 8x8 status code,
    the graph's with a kebab-case code (``unknown-menu``, ``caller-trap``, …)."""
    return ivr_check(_native_map(map))


def check_with(map: Map, handlers: Iterable[str]) -> Report:
    """``check``, and every handler the map names must be one of ``handlers``
    (``unregistered-handler`` otherwise)."""
    return ivr_check_with(_native_map(map), list(handlers))


def expand(map: Map) -> dict[str, Any]:
    """The full map, every shorthand expanded (what ``callflow.testing.MapBackend`` and
    the diagrams read). A map whose shorthand cannot be expanded raises
    ``callflow.ValidationError``."""
    return ivr_expand(_native_map(map))


class Ivr:
    """An IVR map ready to answer Voice Call Action webhooks, with its handlers.

    Nothing is kept between calls: each event is answered from its ``clientActionId``
    and digits alone, so any number of processes serve the same callers.
    """

    __slots__ = ("_handlers", "_map")

    def __init__(self, map: IvrMap, handlers: Mapping[str, Handler] | None = None) -> None:
        """An IVR over a loaded ``map``, with ``handlers`` by name (more can be added
        with the ``handler`` decorator)."""
        self._map = map
        self._handlers: dict[str, Handler] = {}
        for name, function in (handlers or {}).items():
            self.handler(name)(function)

    @classmethod
    def from_json(cls, map: Map, handlers: Mapping[str, Handler] | None = None) -> Ivr:
        """Loads a map (JSON ``str`` or ``bytes``, or a dict); a map with errors raises
        ``callflow.ValidationError`` with the report (warnings are kept in ``report``)."""
        return cls(IvrMap(_native_map(map)), handlers)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], handlers: Mapping[str, Handler] | None = None) -> Ivr:
        """Loads the map in the JSON file at ``path``."""
        with open(path, "rb") as file:
            return cls.from_json(file.read(), handlers)

    @property
    def report(self) -> Report:
        """The warnings found when the map was loaded."""
        return self._map.report

    @property
    def handler_names(self) -> list[str]:
        """The names of the handlers the map calls, sorted: register each of them."""
        return self._map.handler_names

    @property
    def missing_handlers(self) -> list[str]:
        """The handlers the map calls that are not registered yet."""
        return [name for name in self._map.handler_names if name not in self._handlers]

    def handler(self, name: str) -> Callable[[H], H]:
        """A decorator registering the function as the handler ``name`` of the map.

        The function takes the event and returns a reply (see ``HandlerResult``); it may
        be ``async``. A name the map does not call raises ``ValueError``.
        """
        if name not in self._map.handler_names:
            raise ValueError(
                f"the map calls no handler {name!r}; it calls {self._map.handler_names or 'none'}"
            )

        def register(function: H) -> H:
            self._handlers[name] = function
            return function

        return register

    def request(self, source: str, destination: str, valid_until: str | datetime | None = None) -> Callflow:
        """The Send Callflow body that starts an outbound call from ``source`` (your
        virtual number) to ``destination``: a ``makeCall``, then the ``start`` reply's
        actions. The call's first call action comes back without ``clientActionId``
        and is answered by ``start``'s menu."""
        return self._map.request(source, destination, valid_until)

    def route(self, event: Event) -> Turn:
        """Where the map answers ``event`` from (``menu``, ``key``, ``fallback``, for
        logs) and with what (``reply``, or the ``handler`` to call), without calling
        any handler."""
        return self._map.route(event)

    def reply(self, event: Event) -> Reply | None:
        """The reply to ``event``: the map's, or what its handler returned (validated);
        None for webhooks that are not call actions (answered ``{}``).

        Raises ``LookupError`` when the handler is not registered, ``TypeError`` when it
        is ``async`` (use ``reply_async``), ``callflow.ValidationError`` when it returns
        a reply that is not valid, and whatever the handler raises.
        """
        turn = self._map.route(event)
        if turn.handler is None:
            return turn.reply
        returned = self._function(turn.handler)(event)
        if inspect.isawaitable(returned):
            close = getattr(returned, "close", None)
            if close is not None:
                close()
            raise TypeError(
                f"handler {turn.handler!r} is async: answer with await ivr.reply_async(event) "
                "(callflow.webhooks.handle_async, the FastAPI adapter)"
            )
        return self._validated(turn.handler, returned)

    async def reply_async(self, event: Event) -> Reply | None:
        """``reply`` for asyncio code: handlers may be ``async``."""
        turn = self._map.route(event)
        if turn.handler is None:
            return turn.reply
        returned = self._function(turn.handler)(event)
        if inspect.isawaitable(returned):
            returned = await returned
        return self._validated(turn.handler, returned)

    def __call__(self, event: Event) -> Reply | None:
        """``reply``: an ``Ivr`` is a webhook function for ``callflow.webhooks.handle``,
        the Flask adapter and ``callflow.testing.emulate``."""
        return self.reply(event)

    def __repr__(self) -> str:
        return f"Ivr(handlers={self._map.handler_names!r}, missing={self.missing_handlers!r})"

    def _function(self, name: str) -> Handler:
        function = self._handlers.get(name)
        if function is None:
            raise LookupError(
                f"the map calls handler {name!r}, which is not registered: use @ivr.handler({name!r})"
            )
        return function

    def _validated(self, name: str, returned: object) -> Reply:
        """What handler ``name`` returned, as a reply validated by the core."""
        try:
            if isinstance(returned, Action):
                returned = Reply([returned])
            elif isinstance(returned, Iterable) and not isinstance(returned, (str, bytes, Mapping)):
                returned = Reply(list(returned))
            return self._map.handler_reply(cast("Reply | str | dict[str, Any]", returned))
        except ValidationError as error:
            raise ValidationError(
                f"handler {name!r} returned a reply that is not valid: {error}", error.report
            ) from error
        except TypeError as error:
            raise TypeError(f"handler {name!r} returned {type(returned).__name__}: {error}") from error
