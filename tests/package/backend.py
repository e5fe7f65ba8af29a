"""A webhook backend for the CLI's emulated call, on 127.0.0.1 and a free port it prints
first: digit 1 hears goodbye and hangs up; every other webhook is answered with {}."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

GOODBYE = {
    "callflow": [
        {"action": "say", "params": {"text": "Goodbye.", "voiceProfile": "en-US-BenjaminRUS"}},
        {"action": "hangup"},
    ]
}


class Backend(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
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


server = ThreadingHTTPServer(("127.0.0.1", 0), Backend)
print(server.server_port, flush=True)
server.serve_forever()
