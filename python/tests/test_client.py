"""The API clients against a real HTTP server on 127.0.0.1, started by each test."""

from __future__ import annotations

import asyncio
import json
import pickle
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

import callflow
from callflow import pbx, voice
from callflow.client import AsyncVoiceClient, AsyncYayClient, Session, VoiceClient, YayClient

KEY = "sk-py-5ecret"

CREATED = {
    "sessionId": "03cc8cac-376b-11ef-a28b-0582ff0039d5",
    "sessionStatus": "CREATED",
    "callFlowRequestId": "03cc3e8b-376b-11ef-a28b-4dd5d900ecb3",
    "validUntil": "2024-07-01T05:50:23.550Z",
    "statusCode": 1,
    "statusMessage": "Created",
}

FLOW = {
    "callflow": [
        {"action": "makeCall", "params": {"source": "+6512341234", "destination": "+6512345678"}},
        {"action": "say", "params": {"text": "Your code is 1 2 3 4.", "voiceProfile": "en-US-Jenny"}},
        {"action": "hangup"},
    ]
}


@dataclass
class Reply:
    """What the server answers to one request."""

    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class Server:
    """Answers each request with the next scripted reply (the last one repeats)."""

    def __init__(self, replies: list[Reply]) -> None:
        self.replies = replies
        self.seen: list[Seen] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def handle_one(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                headers = {name.lower(): value for name, value in self.headers.items()}
                server.seen.append(Seen(self.command, self.path, headers, body))
                reply = server.replies[min(len(server.seen), len(server.replies)) - 1]
                time.sleep(reply.delay)
                text = b"" if reply.body is None else json.dumps(reply.body).encode()
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(text)))
                    self.end_headers()
                    self.wfile.write(text)
                except OSError:
                    pass  # the client gave up waiting

            do_GET = do_POST = do_PUT = do_DELETE = handle_one

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve() -> Iterator[Any]:
    servers: list[Server] = []

    def start(*replies: Reply) -> Server:
        servers.append(Server(list(replies)))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


def voice_client(server: Server, **settings: Any) -> VoiceClient:
    return VoiceClient(KEY, "8x8_Testing", base_url=server.url, **settings)


def test_sends_a_callflow_and_reads_the_session(serve: Any) -> None:
    server = serve(Reply(200, CREATED))
    flow = voice.Callflow.from_dict(FLOW)
    with voice_client(server) as client:
        session = client.send_callflow(flow)
    assert session == Session(
        session_id="03cc8cac-376b-11ef-a28b-0582ff0039d5",
        session_status="CREATED",
        call_flow_request_id="03cc3e8b-376b-11ef-a28b-4dd5d900ecb3",
        status_code=1,
        status_message="Created",
        valid_until="2024-07-01T05:50:23.550Z",
    )
    [request] = server.seen
    assert (request.method, request.path) == ("POST", "/api/v1/subaccounts/8x8_Testing/callflows")
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert json.loads(request.body) == FLOW


def test_a_dict_or_json_text_is_validated_and_sent(serve: Any) -> None:
    server = serve(Reply(200, CREATED))
    client = voice_client(server)
    assert client.send_callflow(FLOW).status_code == 1
    assert client.send_callflow(json.dumps(FLOW)).session_status == "CREATED"
    assert len(server.seen) == 2


def test_an_invalid_callflow_raises_validation_error_and_is_never_sent(serve: Any) -> None:
    server = serve(Reply(200, CREATED))
    with pytest.raises(callflow.ValidationError) as caught:
        voice_client(server).send_callflow({"callflow": [{"action": "hangup"}]})
    assert caught.value.status_code == -1013
    assert server.seen == []


def test_a_callflow_error_body_raises_api_error(serve: Any) -> None:
    body = {
        "sessionStatus": "NOT_CREATED",
        "callFlowRequestId": "req-1",
        "statusCode": -1014,
        "statusMessage": "Source or caller ID is not allowed",
    }
    server = serve(Reply(422, body))
    with pytest.raises(callflow.ApiError) as caught:
        voice_client(server).send_callflow(FLOW)
    err = caught.value
    assert (err.status, err.status_code, err.request_id) == (422, -1014, "req-1")
    assert (err.code, err.status_message) == ("api-error", "Source or caller ID is not allowed")
    assert str(err) == "HTTP 422 (status -1014): Source or caller ID is not allowed [request req-1]"
    assert isinstance(err, callflow.CallflowError)
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.status, copy.status_code, copy.status_message, str(copy)) == (422, -1014, err.status_message, str(err))


def test_the_generic_error_body_raises_api_error(serve: Any) -> None:
    body = {"code": 401, "message": "Authentication header not found or token invalid", "errorId": "e-9"}
    server = serve(Reply(401, body))
    with pytest.raises(callflow.ApiError) as caught:
        voice_client(server).speech_profiles()
    assert (caught.value.status, caught.value.status_code, caught.value.request_id) == (401, 401, "e-9")


def test_429_is_retried_after_retry_after_on_the_clock_it_is_given(serve: Any) -> None:
    server = serve(Reply(429, {"code": 1002, "message": "slow down"}, {"Retry-After": "7"}), Reply(200, CREATED))
    waits: list[tuple[float, int]] = []
    client = voice_client(server, sleep=lambda seconds: waits.append((seconds, len(server.seen))))
    assert client.send_callflow(FLOW).status_code == 1
    assert len(server.seen) == 2
    assert waits == [(7.0, 1)], "Retry-After honoured between the two requests"


def test_a_slow_server_times_out_and_the_callflow_is_not_resent(serve: Any) -> None:
    server = serve(Reply(200, CREATED, delay=2.0))
    with pytest.raises(callflow.TransportError) as caught:
        voice_client(server, timeout=0.3, sleep=lambda seconds: None).send_callflow(FLOW)
    assert caught.value.code == "timeout"
    assert len(server.seen) == 1


def test_the_gil_is_released_while_waiting(serve: Any) -> None:
    server = serve(Reply(200, {"webhooks": []}, delay=0.5))
    client = voice_client(server)
    ticks = 0
    done = threading.Event()

    def count() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0.01)

    counter = threading.Thread(target=count)
    counter.start()
    try:
        assert client.webhooks() == []
    finally:
        done.set()
        counter.join()
    assert ticks >= 20, f"the counting thread ran only {ticks} times"


def test_secrets_are_not_shown_and_a_closed_client_refuses_calls(serve: Any) -> None:
    server = serve(Reply(200, CREATED))
    client = voice_client(server)
    assert repr(client) == "VoiceClient(subaccount_id='8x8_Testing', api_key='***')"
    preview = client.preview_callflow(FLOW)
    assert preview["headers"]["authorization"] == "***"
    assert KEY not in repr(preview)
    client.close()
    with pytest.raises(RuntimeError, match="closed"):
        client.send_callflow(FLOW)
    assert server.seen == []


def test_bad_settings_raise_value_error() -> None:
    with pytest.raises(ValueError, match="sub-account id"):
        VoiceClient(KEY, "a b")
    for settings in ({"timeout": 0}, {"timeout": -1.0}, {"connect_timeout": 0.0}):
        with pytest.raises(ValueError, match="timeout must be more than zero"):
            VoiceClient(KEY, "8x8_Testing", **settings)


def test_defaults_come_from_the_rust_client() -> None:
    from callflow.client import DEFAULTS

    assert DEFAULTS == {"timeout": 30.0, "connect_timeout": 10.0, "max_retries": 2, "retry_non_idempotent": False}


def test_async_client_sends_and_reports_like_the_sync_one(serve: Any) -> None:
    server = serve(Reply(429, None, {"Retry-After": "0"}), Reply(200, CREATED), Reply(422, {"statusCode": -1013}))

    async def scenario() -> None:
        async with AsyncVoiceClient(KEY, "8x8_Testing", base_url=server.url) as client:
            session = await client.send_callflow(FLOW)
            assert session.session_id == CREATED["sessionId"]
            with pytest.raises(callflow.ApiError) as caught:
                await client.send_callflow(FLOW)
            assert caught.value.status_code == -1013
            with pytest.raises(callflow.ValidationError):
                await client.send_callflow({"callflow": []})
        with pytest.raises(RuntimeError, match="closed"):
            await client.numbers()

    asyncio.run(scenario())
    assert len(server.seen) == 3


def test_async_client_times_out_without_blocking_the_loop(serve: Any) -> None:
    server = serve(Reply(200, CREATED, delay=2.0))

    async def scenario() -> int:
        client = AsyncVoiceClient(KEY, "8x8_Testing", base_url=server.url, timeout=0.3)
        ticks = 0

        async def tick() -> None:
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0.01)

        ticker = asyncio.create_task(tick())
        with pytest.raises(callflow.TransportError) as caught:
            await client.send_callflow(FLOW)
        ticker.cancel()
        assert caught.value.code == "timeout"
        return ticks

    assert asyncio.run(scenario()) >= 10
    assert len(server.seen) == 1


PETE = {
    "uuid": "31347d42",
    "name": "Call Pete",
    "extension": 501,
    "flow": {
        "start": {"module": "start", "next": "ext"},
        "ext": {"module": "extension", "extensions": [{"type": "sipuser", "uuid": "u-1"}], "noanswer": "busy"},
        "busy": {"module": "busy"},
    },
    "created_on": "2023-06-07",
}


def envelope(status: int, result: Any) -> Reply:
    return Reply(status, {"result": result, "status_code": status, "status_message": "OK"})


def test_yay_client_reads_and_writes_whole_flows(serve: Any) -> None:
    server = serve(envelope(200, [PETE]), envelope(200, PETE), envelope(200, {}), envelope(200, {"extension": 502}))
    with YayClient("acme", "admin", "hunter2", on_behalf_of="cust-1", base_url=server.url) as client:
        assert repr(client) == "YayClient(on_behalf_of='cust-1', password='***')"
        assert client.list_flows()[0]["name"] == "Call Pete"
        renamed = client.modify_flow("31347d42", lambda flow: {**flow, "name": "Call Peter"})
        assert renamed["name"] == "Call Peter"
        assert client.next_extension() == 502
    calls = [(seen.method, seen.path) for seen in server.seen]
    assert calls == [
        ("GET", "/voip/flow"),
        ("GET", "/voip/flow/31347d42"),
        ("PUT", "/voip/flow/31347d42"),
        ("GET", "/voip/next-extension/flow"),
    ]
    assert json.loads(server.seen[2].body) == {**PETE, "name": "Call Peter"}
    assert {server.seen[0].headers[h] for h in ("x-auth-reseller", "x-auth-user", "x-auth-for")} == {
        "acme",
        "admin",
        "cust-1",
    }
    assert server.seen[0].headers["x-auth-password"] == "hunter2"


def test_yay_client_checks_flows_and_raises_api_errors(serve: Any) -> None:
    server = serve(Reply(404, {"result": {}, "status_code": 404, "status_message": "Not Found"}))
    client = YayClient("acme", "admin", "hunter2", base_url=server.url)
    with pytest.raises(callflow.ValidationError) as invalid:
        client.create_flow({"name": "Broken", "extension": 1, "flow": {"start": {"module": "start", "next": "x"}}})
    assert (invalid.value.status_code, invalid.value.issues[0].path) == ("dangling-reference", "$.flow.start.next")
    with pytest.raises(callflow.ValidationError) as shapeless:
        client.update_flow("31347d42", {"name": "Broken", "extension": 1, "flow": {"start": {"next": "x"}}})
    assert shapeless.value.issues[0].code == "invalid-structure"
    assert server.seen == []
    with pytest.raises(callflow.ApiError) as caught:
        client.get_flow("missing")
    assert (caught.value.status, caught.value.status_code, caught.value.status_message) == (404, 404, "Not Found")


def test_async_yay_client(serve: Any) -> None:
    server = serve(envelope(201, {"uuid": "new"}), Reply(204))

    async def scenario() -> None:
        async with AsyncYayClient("acme", "admin", "hunter2", base_url=server.url) as client:
            created = await client.create_flow(pbx.CallFlow.from_dict({k: v for k, v in PETE.items() if k != "uuid"}))
            assert (created["uuid"], created["name"]) == ("new", "Call Pete")
            await client.delete_flow("new")

    asyncio.run(scenario())
    assert [(seen.method, seen.path) for seen in server.seen] == [("POST", "/voip/flow"), ("DELETE", "/voip/flow/new")]
    assert json.loads(server.seen[0].body) == {k: v for k, v in PETE.items() if k != "uuid"}


def test_modify_flow_awaits_an_async_change_and_keeps_in_place_edits(serve: Any) -> None:
    server = serve(envelope(200, PETE), envelope(200, {}), envelope(200, PETE), envelope(200, {}), envelope(200, PETE))

    async def rename(flow: dict[str, Any]) -> dict[str, Any]:
        await asyncio.sleep(0)
        return {**flow, "name": "Call Peter"}

    def show_route(flow: dict[str, Any]) -> None:
        flow["show_call_route_name"] = True

    async def scenario() -> None:
        async with AsyncYayClient("acme", "admin", "hunter2", base_url=server.url) as client:
            assert (await client.modify_flow("31347d42", rename))["name"] == "Call Peter"
            assert (await client.modify_flow("31347d42", show_route))["show_call_route_name"] is True

    asyncio.run(scenario())
    assert json.loads(server.seen[1].body) == {**PETE, "name": "Call Peter"}
    assert json.loads(server.seen[3].body) == {**PETE, "show_call_route_name": True}
    with YayClient("acme", "admin", "hunter2", base_url=server.url) as client, pytest.raises(TypeError, match="awaitable"):
        client.modify_flow("31347d42", rename)  # type: ignore[arg-type]
