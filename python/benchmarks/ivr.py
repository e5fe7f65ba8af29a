"""``callflow.ivr.Ivr.reply`` answering a Voice Call Action of the advanced IVR from its
map (``examples/ivr/advanced-ivr.json``), beside the ported hand-written sample's handler
(``examples/advanced_ivr.py``) answering the same event: a caller in the main menu who
pressed 1. Both return a ``voice.Reply``; the map's is validated once, when it loads.
Run with ``scripts/bench-python.sh`` or ``scripts/bench-emulator.sh``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "examples"))

import advanced_ivr  # noqa: E402
from bench import per_call  # noqa: E402

from callflow import ivr, voice  # noqa: E402

MAP = Path(__file__).resolve().parents[2] / "examples" / "ivr" / "advanced-ivr.json"
EVENT = voice.parse_event(
    {
        "eventType": "CALL_ACTION",
        "payload": {"callStatus": "ACTION_COMPLETED", "clientActionId": "main_menu", "eventData": {"dtmf": "1"}},
    }
)


def main() -> None:
    runtime = ivr.Ivr.from_file(MAP)
    by_map = runtime.reply(EVENT)
    by_hand = advanced_ivr.on_call_action(EVENT)
    assert isinstance(by_hand, voice.Reply) and by_map is not None
    assert by_map.to_dict() == by_hand.to_dict(), (by_map.to_json(), by_hand.to_json())

    mapped = per_call(lambda: runtime.reply(EVENT))
    written = per_call(lambda: advanced_ivr.on_call_action(EVENT))
    print("advanced IVR, one call action (main menu, 1), best time:")
    print(f"  callflow.ivr.Ivr.reply, from the map             {mapped * 1e6:8.2f} us")
    print(f"  the ported sample's hand-written handler         {written * 1e6:8.2f} us")
    print(f"  ratio (map / hand-written)                       {mapped / written:8.2f}")


if __name__ == "__main__":
    main()
