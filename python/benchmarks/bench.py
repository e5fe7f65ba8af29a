"""callflow beside pydantic v2, fastjsonschema and jsonschema on the seed IVR request,
and beside pydantic v2 on answering 8x8's documented Voice Call Action webhook.

Run with ``scripts/bench-python.sh`` (it builds the release extension first). Each
figure is the best of several timed repeats; ratios are callflow's time over the peer's,
so below 1 means callflow is faster.
"""

from __future__ import annotations

import json
import sys
import timeit
from pathlib import Path
from typing import Any, Callable

import fastjsonschema
import jsonschema
import pydantic

import callflow
from callflow import voice

sys.path.insert(0, str(Path(__file__).parent))
import json_schema  # noqa: E402
import pydantic_models as pm  # noqa: E402

SEED = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "bench" / "seed-ivr-request.json"
TEXT = SEED.read_text(encoding="utf-8")
DOC = json.loads(TEXT)
PROFILE = "en-US-BenjaminRUS"
WEBHOOKS = SEED.parents[1] / "webhooks" / "documented.json"
VCA = json.dumps(
    next(case["document"] for case in json.loads(WEBHOOKS.read_text(encoding="utf-8"))["cases"]
         if case["name"].startswith("VCA, current documents"))
).encode()
PROMPT = "For reservations, press 1. To speak to our staff, press 2."


def per_call(fn: Callable[[], object], repeat: int = 7) -> float:
    """The best time of one call, in seconds."""
    number, _ = timeit.Timer(fn).autorange()
    number = max(number, 1) * 4
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def callflow_build() -> str:
    return voice.Callflow(
        [
            voice.MakeCall(source="+6512341234", destination="+6512345678"),
            voice.Say(text="Hello, this is a test Voice Message.", voice_profile=PROFILE, repetition=2),
            voice.Hangup(),
        ]
    ).to_json()


def pydantic_build() -> str:
    return pm.CallflowRequest(
        callflow=[
            pm.MakeCall(action="makeCall", params=pm.MakeCallParams(source="+6512341234", destination="+6512345678")),
            pm.Say(action="say", params=pm.SayParams(text="Hello, this is a test Voice Message.",
                                                     voiceProfile=PROFILE, repetition=2)),
            pm.Hangup(action="hangup"),
        ]
    ).model_dump_json(exclude_none=True)


def callflow_webhook() -> str:
    """Parse the call action, read the digits, answer with the next menu."""
    event = voice.parse_event(VCA)
    assert isinstance(event, voice.CallActionEvent)
    state = f"menu_{event.dtmf}"
    capture = voice.SayAndCapture(prompt_message=PROMPT, voice_profile=PROFILE, min_digits=1, max_digits=1,
                                  digit_timeout=10000, overall_timeout=10000, no_of_tries=2)
    return voice.Reply([capture], client_action_id=state).to_json()


def pydantic_webhook() -> str:
    event = pm.CallActionWebhook.model_validate_json(VCA)
    state = f"menu_{event.payload.digits()}"
    capture = pm.SayAndCapture(action="sayAndCapture", params=pm.SayAndCaptureParams(
        promptMessage=PROMPT, voiceProfile=PROFILE, minDigits=1, maxDigits=1,
        digitTimeout=10000, overallTimeout=10000, noOfTries=2))
    return pm.ReplyBody(clientActionId=state, callflow=[capture]).model_dump_json(exclude_none=True)


def check_agreement() -> None:
    """Every contender accepts the seed and builds the same body, so the race is fair."""
    assert voice.validate(DOC).ok and voice.validate(TEXT).ok
    pm.CallflowRequest.model_validate(DOC)
    fastjsonschema.compile(json_schema.SCHEMA)(DOC)
    jsonschema.Draft7Validator(json_schema.SCHEMA).validate(DOC)
    assert json.loads(callflow_build()) == json.loads(pydantic_build())
    assert json.loads(callflow_webhook()) == json.loads(pydantic_webhook())


def main() -> None:
    check_agreement()
    fast = fastjsonschema.compile(json_schema.SCHEMA)
    slow = jsonschema.Draft7Validator(json_schema.SCHEMA)
    model = pm.CallflowRequest

    rows: list[tuple[str, str, Callable[[], object], list[tuple[str, Callable[[], object]]]]] = [
        ("validate a dict", "voice.validate(dict)", lambda: voice.validate(DOC), [
            ("pydantic model_validate(dict)", lambda: model.model_validate(DOC)),
            ("fastjsonschema validate(dict)", lambda: fast(DOC)),
            ("jsonschema is_valid(dict)", lambda: slow.is_valid(DOC)),
        ]),
        ("validate JSON text", "voice.validate(str)", lambda: voice.validate(TEXT), [
            ("pydantic model_validate_json(str)", lambda: model.model_validate_json(TEXT)),
            ("fastjsonschema validate(json.loads(str))", lambda: fast(json.loads(TEXT))),
        ]),
        ("build 3 actions + JSON", "Callflow([...]).to_json()", callflow_build, [
            ("pydantic models + model_dump_json()", pydantic_build),
        ]),
        ("answer a VCA webhook", "parse_event + dtmf + Reply.to_json()", callflow_webhook, [
            ("pydantic model_validate_json + models + dump", pydantic_webhook),
        ]),
    ]

    print(f"callflow {callflow.__version__}, pydantic {pydantic.VERSION}, fastjsonschema "
          f"{fastjsonschema.VERSION}, jsonschema {jsonschema_version()}, Python {sys.version.split()[0]}")
    print(f"input: {SEED.name} ({len(TEXT.encode())} bytes)\n")
    print(f"{'task':<24} {'contender':<42} {'time':>10} {'callflow / peer':>16}")
    for task, ours_name, ours, peers in rows:
        ours_time = per_call(ours)
        print(f"{task:<24} {ours_name:<42} {ours_time * 1e6:>8.2f}us {'':>16}")
        for name, peer in peers:
            peer_time = per_call(peer)
            print(f"{'':<24} {name:<42} {peer_time * 1e6:>8.2f}us {ours_time / peer_time:>16.2f}")


def jsonschema_version() -> str:
    from importlib.metadata import version

    return version("jsonschema")


if __name__ == "__main__":
    main()
