"""A webhook backend for the CLI's emulated call, on 127.0.0.1 and a free port it prints
first: digit 1 hears goodbye and hangs up; every other webhook is answered with {}. It
stops by itself after 20 requests or 120 seconds, whichever comes first."""

from __future__ import annotations

import json
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

GOODBYE = {
    "callflow": [
        {"action": "say", "params": {"text": "Goodbye.", "voiceProfile": "en-US-BenjaminRUS"}},
        {"action": "hangup"},
    ]
}


class Backend(BaseHTTPRequestHandler):
    handled = 0

    def do_POST(self) -> None:
        Backend.handled += 1
        event = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
        payload = event.get("payload") or {}
        data = payload.get("eventData")
        digits = data.get("dtmf") if isinstance(data, dict) else data
        answer = GOODBYE if event.get("eventType") == "CALL_ACTION" and digits == "1" else {}
        body = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test prints the transcript instead."""


MAX_REQUESTS = 20
MAX_SECONDS = 120

server = HTTPServer(("127.0.0.1", 0), Backend)
server.timeout = 1
print(server.server_port, flush=True)
deadline = time.monotonic() + MAX_SECONDS
while Backend.handled < MAX_REQUESTS and time.monotonic() < deadline:
    server.handle_request()  # returns after one request, or a second without any
server.server_close()
