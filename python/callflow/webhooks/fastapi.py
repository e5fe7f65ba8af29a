"""FastAPI (Starlette) adapter: an endpoint that answers 8x8's voice webhooks.

>>> from fastapi import FastAPI
>>> from fastapi.testclient import TestClient
>>> from callflow import voice
>>> import callflow.webhooks.fastapi
>>> app = FastAPI()
>>> async def on_event(event):
...     return [voice.Hangup()] if isinstance(event, voice.CallActionEvent) else None
>>> _ = app.post("/vca")(callflow.webhooks.fastapi.endpoint(on_event))
>>> response = TestClient(app).post("/vca", content='{"eventType": "CALL_ACTION", "payload": {}}')
>>> response.status_code, response.json()
(200, {'callflow': [{'action': 'hangup'}]})
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from callflow._native import Event
from callflow.webhooks import ReplyLike, handle_async

__all__ = ["endpoint"]


def endpoint(
    on_event: Callable[[Event], ReplyLike | Awaitable[ReplyLike]],
    *,
    secret: str | None = None,
    limit: int | None = None,
) -> Callable[[Request], Awaitable[Response]]:
    """An endpoint answering webhooks with ``on_event``, which may be ``async``."""

    async def webhook_endpoint(request: Request) -> Response:
        status, headers, body = await handle_async(
            await request.body(), request.headers, on_event, secret=secret, limit=limit
        )
        return Response(content=body, status_code=status, headers=headers)

    return webhook_endpoint
