"""A whole emulated call of 8x8's advanced IVR through ``callflow.testing`` beside one
request through Flask's own test client, the way a Python developer tests a webhook
today.

The call: an inbound caller reaches the restaurant sample (``examples/advanced_ivr.py``),
presses 1 (reservations), 1 (book a table), 4 (guests) and hears the goodbye: four Voice
Call Action webhooks and the session summary, each answered by the sample's own
handler, in-process. The peer: one Voice Call Action posted to the same sample through
``app.test_client()``. Then the explorer mapping the whole IVR in-process (57 calls):
calls per second. Run with ``scripts/bench-emulator.sh``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "examples"))

import advanced_ivr  # noqa: E402
from bench import per_call  # noqa: E402

from callflow.testing import emulate, explore  # noqa: E402

INBOUND = ("+6591234567", "+6568888888")
PRESSES = ["1", "1", "4"]
VCA = json.dumps(
    {
        "namespace": "VOICE",
        "eventType": "CALL_ACTION",
        "description": "Action request of a call",
        "payload": {"callStatus": "ACTION_COMPLETED", "eventData": {"dtmf": "1"}, "clientActionId": "main_menu"},
    }
).encode()


def emulated_call() -> object:
    return emulate(backend=advanced_ivr.on_call_action, inbound=INBOUND, press=PRESSES)


def main() -> None:
    result = emulated_call()
    result.assert_ok()
    result.assert_heard("Welcome to The Golden Fork", "How many guests?", "Your table for 4 is booked")
    assert len(result.webhooks) == 5, result.transcript

    client = advanced_ivr.app.test_client()

    def flask_request() -> object:
        return client.post("/vca", data=VCA, content_type="application/json")

    answer = flask_request()
    assert answer.status_code == 200 and b"reservations" in answer.data, answer.data

    call = per_call(emulated_call)
    request = per_call(flask_request)
    print("advanced IVR, best time per call:")
    print(f"  callflow.testing.emulate, whole call (5 webhooks)  {call * 1e6:8.1f} us")
    print(f"  Flask test client, one webhook request             {request * 1e6:8.1f} us")
    print(f"  ratio (whole emulated call / one Flask request)    {call / request:8.2f}  (goal: below 1)")

    found = explore(backend=advanced_ivr.on_call_action, inbound=INBOUND)
    assert found.ok and len(found.menus) == 4 and found.calls == 57, found.to_text()
    whole = per_call(lambda: explore(backend=advanced_ivr.on_call_action, inbound=INBOUND), repeat=3)
    print(f"  callflow.testing.explore, whole IVR ({found.calls} calls)     {whole * 1e3:8.2f} ms"
          f"  = {found.calls / whole:,.0f} calls/s")


if __name__ == "__main__":
    main()
