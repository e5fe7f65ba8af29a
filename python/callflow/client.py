"""Clients of the 8x8 Voice API and the Yay.com call-flow API, in sync and asyncio
flavours.

Every client is the Rust client underneath: a callflow is validated before it is sent
(an invalid one raises ``callflow.ValidationError`` and costs no request), timeouts are
on by default, and failures are retried with backoff and jitter only where that is safe:
connect errors and 429 answers (honouring ``Retry-After``) always, 502/503/504, timeouts
and dropped connections only for requests that can be repeated. Sending a callflow is
not repeated once it may have reached 8x8, since a second request could place a second
real call, unless ``retry_non_idempotent=True``. Error answers raise
``callflow.ApiError``; no usable answer raises ``callflow.TransportError``.

The sync clients release the GIL while they wait on the network, so other threads run.
The asyncio clients run each call in a worker thread (``asyncio.to_thread``) around the
same native call: the event loop never blocks, and nothing beyond the standard library
is needed. Cancelling an ``await`` stops waiting at once, but the request itself runs to
its end (bounded by ``timeout``) in its thread.

>>> from callflow.client import VoiceClient
>>> with VoiceClient("sk-test", "my-subaccount") as client:
...     request = client.preview_callflow({"callflow": [
...         {"action": "makeCall", "params": {"source": "+6512341234", "destination": "+6512345678"}},
...     ]})
>>> request["url"]
'https://voice.8x8.com/api/v1/subaccounts/my-subaccount/callflows'
>>> request["headers"]["authorization"]
'***'
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, TypedDict

from callflow import _native, pbx, voice

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = [
    "DEFAULTS",
    "AsyncVoiceClient",
    "AsyncYayClient",
    "ClientDefaults",
    "RequestPreview",
    "Session",
    "VoiceClient",
    "YayClient",
]

WebhookType = Literal["VCA", "VSS", "VCS", "VRU", "VNU"]
"""The webhook types: call action, session summary, call status, recording uploaded,
virtual number updated."""

CallflowLike = voice.Callflow | Mapping[str, Any] | str | bytes
"""A Send Callflow request: a ``voice.Callflow``, a dict in the wire format, or JSON."""

Session = _native.Session
"""The answer to an accepted callflow: the session it created, decoded by the Rust
client (``session_id``, ``session_status``, ``call_flow_request_id``, ``status_code``,
``status_message``, ``valid_until``)."""


class ClientDefaults(TypedDict):
    """The settings a client uses when none is given, as the Rust client defines them."""

    timeout: float
    """Seconds one attempt may take, connecting included."""
    connect_timeout: float
    """Seconds connecting may take."""
    max_retries: int
    """How many times a failed request is tried again."""
    retry_non_idempotent: bool
    """Whether a request that may have placed a call is retried."""


DEFAULTS: ClientDefaults = _native.client_defaults()
"""The settings every client uses when none is given, read from the Rust client."""


class RequestPreview(TypedDict):
    """A request as it would be sent, credentials shown as ``***``."""

    method: str
    url: str
    headers: dict[str, str]
    body: str | None


def _options(
    base_url: str | None,
    timeout: float | None,
    connect_timeout: float | None,
    max_retries: int | None,
    retry_non_idempotent: bool | None,
    sleep: Callable[[float], object] | None,
) -> dict[str, Any]:
    """The settings of a native client; ``None`` keeps the Rust client's default."""
    return {
        "base_url": base_url,
        "timeout": timeout,
        "connect_timeout": connect_timeout,
        "max_retries": max_retries,
        "retry_non_idempotent": retry_non_idempotent,
        "sleep": sleep,
    }


class _Client:
    """What every client holds: the native client, until it is closed."""

    _native: Any

    def _client(self) -> Any:
        if self._native is None:
            raise RuntimeError(f"this {type(self).__name__} is closed")
        return self._native

    def _close(self) -> None:
        self._native = None


class _Sync(_Client):
    """Closing and the ``with`` statement, for the blocking clients."""

    def close(self) -> None:
        """Closes the client's connections; later calls raise ``RuntimeError``."""
        self._close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._close()


class _Async(_Client):
    """Closing and the ``async with`` statement, for the asyncio clients."""

    async def close(self) -> None:
        """Closes the client's connections; later calls raise ``RuntimeError``."""
        self._close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._close()

    async def _call(self, method: str, *args: Any) -> Any:
        """The native client's ``method``, run in a worker thread."""
        return await asyncio.to_thread(getattr(self._client(), method), *args)


class _Voice(_Client):
    """A client of the 8x8 Voice API for one sub-account.

    ``api_key`` is sent as a bearer token and never shown by ``repr``. ``base_url``
    defaults to ``https://voice.8x8.com`` (the legacy ``https://voice.wavecell.com``
    works too). ``timeout`` bounds each attempt in seconds, connecting included;
    ``connect_timeout`` bounds connecting; ``max_retries`` is the number of retries;
    ``retry_non_idempotent`` allows resending a callflow that may have reached 8x8. A
    setting left out (``None``) is the Rust client's default (``DEFAULTS``); a timeout
    that is not more than zero raises ``ValueError``. ``sleep`` replaces the timer between
    retries: it is called with the seconds to wait, in the thread the request runs in, and
    the wait ends when it returns (a virtual clock for tests: ``sleep=waits.append``).
    """

    def __init__(
        self,
        api_key: str,
        subaccount_id: str,
        *,
        base_url: str | None = None,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        max_retries: int | None = None,
        retry_non_idempotent: bool | None = None,
        sleep: Callable[[float], object] | None = None,
    ) -> None:
        options = _options(base_url, timeout, connect_timeout, max_retries, retry_non_idempotent, sleep)
        self._native: _native.VoiceClient | None = _native.VoiceClient(api_key, subaccount_id, options)
        self._subaccount_id = subaccount_id

    @property
    def subaccount_id(self) -> str:
        """The sub-account the requests act on."""
        return self._subaccount_id

    def preview_callflow(self, flow: CallflowLike) -> RequestPreview:
        """Validates the callflow and returns the request ``send_callflow`` would send,
        with the API key redacted. Sends nothing (so it is never awaited)."""
        preview: RequestPreview = self._client().preview_callflow(flow)
        return preview

    def __repr__(self) -> str:
        return f"{type(self).__name__}(subaccount_id={self._subaccount_id!r}, api_key='***')"


class VoiceClient(_Voice, _Sync):
    __doc__ = f"""{_Voice.__doc__}
    Each call blocks, with the GIL released while it waits.
    """

    def send_callflow(self, flow: CallflowLike) -> Session:
        """Validates the callflow and sends it, starting a call."""
        session: Session = self._client().send_callflow(flow)
        return session

    def speech_profiles(self) -> list[dict[str, Any]]:
        """The TTS voices the sub-account may use (``speechProfileCode``, …)."""
        profiles: list[dict[str, Any]] = self._client().speech_profiles()
        return profiles

    def webhooks(self) -> list[dict[str, Any]]:
        """The webhooks configured for the sub-account."""
        hooks: list[dict[str, Any]] = self._client().webhooks()
        return hooks

    def set_webhook(
        self,
        kind: WebhookType,
        url: str,
        *,
        http_auth_header: str | None = None,
        enabled: bool | None = None,
    ) -> list[dict[str, Any]]:
        """Sets the webhook of one type and returns every webhook now configured."""
        hooks: list[dict[str, Any]] = self._client().set_webhook(kind, url, http_auth_header, enabled)
        return hooks

    def delete_webhook(self, kind: WebhookType) -> dict[str, Any]:
        """Removes the webhook of one type and returns it."""
        hook: dict[str, Any] = self._client().delete_webhook(kind)
        return hook

    def recordings(self, session_id: str) -> list[dict[str, Any]]:
        """The recordings of one session."""
        found: list[dict[str, Any]] = self._client().recordings(session_id)
        return found

    def numbers(self) -> list[dict[str, Any]]:
        """The sub-account's virtual numbers and their health."""
        found: list[dict[str, Any]] = self._client().numbers()
        return found

    def number(self, number: str) -> dict[str, Any]:
        """One virtual number."""
        found: dict[str, Any] = self._client().number(number)
        return found


class AsyncVoiceClient(_Voice, _Async):
    __doc__ = f"""{_Voice.__doc__}
    Each call is awaitable: it runs in a worker thread, so the event loop never blocks.
    """

    async def send_callflow(self, flow: CallflowLike) -> Session:
        """Validates the callflow and sends it, starting a call."""
        session: Session = await self._call("send_callflow", flow)
        return session

    async def speech_profiles(self) -> list[dict[str, Any]]:
        """The TTS voices the sub-account may use (``speechProfileCode``, …)."""
        profiles: list[dict[str, Any]] = await self._call("speech_profiles")
        return profiles

    async def webhooks(self) -> list[dict[str, Any]]:
        """The webhooks configured for the sub-account."""
        hooks: list[dict[str, Any]] = await self._call("webhooks")
        return hooks

    async def set_webhook(
        self,
        kind: WebhookType,
        url: str,
        *,
        http_auth_header: str | None = None,
        enabled: bool | None = None,
    ) -> list[dict[str, Any]]:
        """Sets the webhook of one type and returns every webhook now configured."""
        hooks: list[dict[str, Any]] = await self._call("set_webhook", kind, url, http_auth_header, enabled)
        return hooks

    async def delete_webhook(self, kind: WebhookType) -> dict[str, Any]:
        """Removes the webhook of one type and returns it."""
        hook: dict[str, Any] = await self._call("delete_webhook", kind)
        return hook

    async def recordings(self, session_id: str) -> list[dict[str, Any]]:
        """The recordings of one session."""
        found: list[dict[str, Any]] = await self._call("recordings", session_id)
        return found

    async def numbers(self) -> list[dict[str, Any]]:
        """The sub-account's virtual numbers and their health."""
        found: list[dict[str, Any]] = await self._call("numbers")
        return found

    async def number(self, number: str) -> dict[str, Any]:
        """One virtual number."""
        found: dict[str, Any] = await self._call("number", number)
        return found


class _Yay(_Client):
    """A client of Yay.com's call-flow API.

    ``reseller``, ``user`` and ``password`` go in the ``X-Auth-*`` headers;
    ``on_behalf_of`` names the customer to act for (``X-Auth-For``). The password is
    never shown by ``repr``. Flows come back as dicts in Yay's wire format (``name``,
    ``extension``, ``flow``, …) and are taken as such a dict or as a typed
    ``callflow.pbx.CallFlow``; ``create_flow`` and ``update_flow`` run the PBX graph
    checks (``callflow.pbx.check``) first and raise ``callflow.ValidationError`` instead
    of sending a flow with errors, and ``update_flow`` sends the whole object, since Yay
    resets any field left out. The other settings are those of the voice clients.
    """

    def __init__(
        self,
        reseller: str,
        user: str,
        password: str,
        *,
        on_behalf_of: str | None = None,
        base_url: str | None = None,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        max_retries: int | None = None,
        retry_non_idempotent: bool | None = None,
        sleep: Callable[[float], object] | None = None,
    ) -> None:
        options = _options(base_url, timeout, connect_timeout, max_retries, retry_non_idempotent, sleep)
        self._native: _native.YayClient | None = _native.YayClient(reseller, user, password, on_behalf_of, options)
        self._on_behalf_of = on_behalf_of

    def __repr__(self) -> str:
        return f"{type(self).__name__}(on_behalf_of={self._on_behalf_of!r}, password='***')"


FlowLike = pbx.CallFlow | Mapping[str, Any]
"""A Yay call flow: a ``callflow.pbx.CallFlow`` or a dict in Yay's wire format."""

Change = Callable[[dict[str, Any]], "FlowLike | None"]
"""Edits a flow for ``modify_flow``: in place, or by returning a new flow."""

AsyncChange = Callable[[dict[str, Any]], "FlowLike | None | Awaitable[FlowLike | None]"]
"""Edits a flow for ``AsyncYayClient.modify_flow``: as ``Change`` does, or awaitably."""


def _flow(flow: FlowLike) -> pbx.CallFlow | dict[str, Any]:
    """A flow as the native client takes it."""
    return flow if isinstance(flow, pbx.CallFlow) else dict(flow)


class YayClient(_Yay, _Sync):
    __doc__ = f"""{_Yay.__doc__}
    Each call blocks, with the GIL released while it waits.
    """

    def list_flows(self) -> list[dict[str, Any]]:
        """The active call flows."""
        flows: list[dict[str, Any]] = self._client().list_flows()
        return flows

    def get_flow(self, uuid: str) -> dict[str, Any]:
        """One call flow."""
        flow: dict[str, Any] = self._client().get_flow(uuid)
        return flow

    def create_flow(self, flow: FlowLike) -> dict[str, Any]:
        """Checks and creates a call flow; returns it as stored (with its ``uuid``). Not
        retried once it may have reached the server."""
        stored: dict[str, Any] = self._client().create_flow(_flow(flow))
        return stored

    def update_flow(self, uuid: str, flow: FlowLike) -> dict[str, Any]:
        """Checks and replaces a call flow, sending the whole object."""
        stored: dict[str, Any] = self._client().update_flow(uuid, _flow(flow))
        return stored

    def modify_flow(self, uuid: str, change: Change) -> dict[str, Any]:
        """Reads a call flow, lets ``change`` edit it (in place, or by returning a new
        flow), and writes the whole object back, checked first."""
        stored: dict[str, Any] = self._client().modify_flow(uuid, change)
        return stored

    def delete_flow(self, uuid: str) -> None:
        """Deletes a call flow."""
        self._client().delete_flow(uuid)

    def next_extension(self) -> int:
        """The next free call-flow extension."""
        extension: int = self._client().next_extension()
        return extension


class AsyncYayClient(_Yay, _Async):
    __doc__ = f"""{_Yay.__doc__}
    Each call is awaitable: it runs in a worker thread, so the event loop never blocks.
    """

    async def list_flows(self) -> list[dict[str, Any]]:
        """The active call flows."""
        flows: list[dict[str, Any]] = await self._call("list_flows")
        return flows

    async def get_flow(self, uuid: str) -> dict[str, Any]:
        """One call flow."""
        flow: dict[str, Any] = await self._call("get_flow", uuid)
        return flow

    async def create_flow(self, flow: FlowLike) -> dict[str, Any]:
        """Checks and creates a call flow; returns it as stored (with its ``uuid``). Not
        retried once it may have reached the server."""
        stored: dict[str, Any] = await self._call("create_flow", _flow(flow))
        return stored

    async def update_flow(self, uuid: str, flow: FlowLike) -> dict[str, Any]:
        """Checks and replaces a call flow, sending the whole object."""
        stored: dict[str, Any] = await self._call("update_flow", uuid, _flow(flow))
        return stored

    async def modify_flow(self, uuid: str, change: AsyncChange) -> dict[str, Any]:
        """Reads a call flow, lets ``change`` edit it (in place, or by returning a new
        flow; a coroutine function is awaited on this event loop), and writes the whole
        object back, checked first."""
        stored: dict[str, Any] = await self._call("modify_flow", uuid, change, asyncio.get_running_loop())
        return stored

    async def delete_flow(self, uuid: str) -> None:
        """Deletes a call flow."""
        await self._call("delete_flow", uuid)

    async def next_extension(self) -> int:
        """The next free call-flow extension."""
        extension: int = await self._call("next_extension")
        return extension
