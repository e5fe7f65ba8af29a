"""Answering 8x8's voice webhooks: verify, parse, call your function, reply.

``handle`` is the whole job for any web framework: it takes the raw body and the request
headers, refuses a body larger than the limit (1 MiB by default), checks the
``Authorization`` header when a secret is configured (8x8 sends the webhook's
``httpAuthHeader`` there), parses the body into a typed event, calls your function with
it, and returns the answer as ``(status, headers, body)``; ``Receiver`` holds those
rules. Your function
returns a ``voice.Reply``, a list of actions (the reply's callflow), a reply dict, or
``None`` (answered ``{}``, what every webhook but a call action expects); the reply is
validated under the reply profile. ``callflow.webhooks.flask`` and
``callflow.webhooks.fastapi`` adapt it to those frameworks.

>>> from callflow import voice, webhooks
>>> def on_event(event):
...     if isinstance(event, voice.CallActionEvent) and event.dtmf == "1":
...         return [voice.Hangup()]
...     return None
>>> body = b'{"eventType": "CALL_ACTION", "payload": {"eventData": {"dtmf": "1"}}}'
>>> webhooks.handle(body, {"Authorization": "s3cret"}, on_event, secret="s3cret")
(200, {'content-type': 'application/json'}, '{"callflow":[{"action":"hangup"}]}')
>>> webhooks.handle(body, {}, on_event, secret="s3cret")[0]
401
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any, Union

from callflow._native import (
    SOURCE_ADDRESSES,
    Action,
    Answer,
    Event,
    Receiver,
    Reply,
    authorization_matches,
    is_source_address,
)

__all__ = [
    "SOURCE_ADDRESSES",
    "Answer",
    "Headers",
    "Receiver",
    "ReplyLike",
    "authorization_matches",
    "handle",
    "handle_async",
    "is_source_address",
]

ReplyLike = Union[Reply, Iterable[Action], Mapping[str, Any], None]
"""What a webhook function may return: a ``Reply``, its actions, a reply dict, or None."""

Headers = Union[Mapping[str, Any], Iterable[tuple[str, Any]]]
"""Request headers: any mapping (a dict, Flask's or Starlette's headers) or pairs."""


def handle(
    body: bytes | str,
    headers: Headers,
    on_event: Callable[[Event], ReplyLike],
    *,
    secret: str | None = None,
    limit: int | None = None,
) -> tuple[int, dict[str, str], str]:
    """Answers one webhook: ``(status, headers, body)``.

    413 when the body is larger than ``limit`` bytes (1 MiB by default); 401 when
    ``secret`` is set and the ``Authorization`` header does not equal it; 400 when the
    body is not an 8x8 webhook; otherwise 200 with what ``on_event`` returned.
    Exceptions from ``on_event`` propagate, and so does ``callflow.ValidationError`` for
    an invalid reply, so that the framework answers 500.
    """
    received = Receiver(secret, limit=limit).receive(body, Receiver.authorization(headers))
    if isinstance(received, Answer):
        return received.as_tuple()
    return Receiver.answer(as_reply(on_event(received))).as_tuple()


async def handle_async(
    body: bytes | str,
    headers: Headers,
    on_event: Callable[[Event], ReplyLike | Awaitable[ReplyLike]],
    *,
    secret: str | None = None,
    limit: int | None = None,
) -> tuple[int, dict[str, str], str]:
    """``handle`` for asyncio frameworks: ``on_event`` may be a coroutine function."""
    received = Receiver(secret, limit=limit).receive(body, Receiver.authorization(headers))
    if isinstance(received, Answer):
        return received.as_tuple()
    result = on_event(received)
    if inspect.isawaitable(result):
        result = await result
    return Receiver.answer(as_reply(result)).as_tuple()


def as_reply(result: object) -> Reply | None:
    """What a webhook function returned, as a validated ``Reply`` (or None)."""
    if result is None or isinstance(result, Reply):
        return result
    if isinstance(result, Mapping):
        return Reply.from_dict(dict(result))
    if isinstance(result, Action):
        return Reply([result])
    if isinstance(result, Iterable) and not isinstance(result, (str, bytes)):
        return Reply(list(result))
    raise TypeError(
        "a webhook function returns a voice.Reply, a list of actions, a reply dict or None, "
        f"not {type(result).__name__}"
    )
