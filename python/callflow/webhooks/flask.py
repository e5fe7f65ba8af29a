"""Flask adapter: a view function that answers 8x8's voice webhooks.

>>> from flask import Flask
>>> from callflow import voice, webhooks
>>> import callflow.webhooks.flask
>>> app = Flask(__name__)
>>> def on_event(event):
...     return [voice.Hangup()] if isinstance(event, voice.CallActionEvent) else None
>>> app.add_url_rule("/vca", view_func=callflow.webhooks.flask.view(on_event), methods=["POST"])
>>> response = app.test_client().post("/vca", data='{"eventType": "CALL_ACTION", "payload": {}}')
>>> response.status_code, response.get_json()
(200, {'callflow': [{'action': 'hangup'}]})
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Response, request

from callflow._native import Event
from callflow.webhooks import ReplyLike, handle

__all__ = ["view"]


def view(
    on_event: Callable[[Event], ReplyLike], *, secret: str | None = None, limit: int | None = None
) -> Callable[[], Response]:
    """A Flask view answering webhooks with ``on_event`` (see ``callflow.webhooks.handle``)."""

    def webhook_view() -> Response:
        status, headers, body = handle(
            request.get_data(), request.headers, on_event, secret=secret, limit=limit
        )
        return Response(body, status=status, headers=headers)

    webhook_view.__name__ = f"webhook_{getattr(on_event, '__name__', 'view')}"
    return webhook_view
