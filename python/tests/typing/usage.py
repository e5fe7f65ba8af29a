"""A typed use of the public API, checked by ``mypy --strict`` (and run by pytest).

It is written as an IVR webhook backend would: build a request, answer a Voice Call
Action webhook with a reply, validate what comes in, and handle errors.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import callflow
from callflow import diagram, pbx, voice
from callflow._types import IssueDict, ReportDict

PROFILE = "en-US-BenjaminRUS"


def outbound_call(to: str) -> str:
    flow = voice.Callflow(
        [
            voice.MakeCall(source="+6512341234", destination=to, call_recording=False),
            voice.SayAndCapture(
                prompt_message="Press 1 to confirm, 2 to speak to an agent.",
                voice_profile=PROFILE,
                min_digits=1,
                max_digits=1,
                digit_timeout=5000,
                overall_timeout=10000,
                complete_on_hash=False,
            ),
        ],
        valid_until=datetime.now(timezone.utc) + timedelta(minutes=5),
    )
    valid_until: str | None = flow.valid_until
    assert valid_until is not None and valid_until.endswith("Z")
    return flow.to_json()


def answer(digits: str) -> dict[str, object]:
    actions: list[voice.Action]
    if digits == "1":
        actions = [voice.Say(text="Thank you.", voice_profile=PROFILE, speed=1.0), voice.Hangup()]
    else:
        actions = [voice.PlayFile(file_url="https://example.com/hold.mp3", repetition=2)]
    reply = voice.Reply(actions, client_action_id="confirm")
    client_action_id: str | None = reply.client_action_id
    assert client_action_id == "confirm"
    return reply.to_dict()


def chained(to: str) -> tuple[str, str]:
    flow: voice.Callflow = (
        voice.Callflow.builder(valid_until=datetime.now(timezone.utc) + timedelta(minutes=5))
        .make_call(source="+6512341234", destination=to)
        .say(text="Hello", voice_profile=PROFILE, repetition=2)
        .hangup()
        .build()
    )
    builder: voice.ReplyBuilder = voice.Reply.builder(client_action_id="menu").say_and_capture(
        prompt_message="Press 1.", voice_profile=PROFILE, max_digits=1
    )
    reply: voice.Reply = builder.action(voice.Hangup()).build()
    return flow.to_json(), reply.to_json()


def check(body: bytes) -> list[str]:
    report: voice.Report = voice.validate(body, profile="reply")
    shape: ReportDict = report.to_dict()
    assert shape["statusCode"] == report.status_code
    lines: list[str] = []
    for issue in report.issues:
        row: IssueDict = issue.to_dict()
        code: int | str = issue.code
        hint: str | None = issue.hint
        lines.append(f"{row['severity']} {code} {issue.path}: {issue.message} {hint or ''}")
    return lines


def parse(body: str) -> voice.Reply | None:
    try:
        return voice.Reply.from_json(body, now=datetime.now(timezone.utc))
    except callflow.ValidationError as err:
        status: int | str = err.status_code
        issues: list[callflow.Issue] = err.issues
        assert isinstance(status, int) and status < 0 and issues
        return None


def yay_flow() -> list[str]:
    flow = pbx.CallFlow(501, "Menu", modules={"start": pbx.Module.start("menu")})
    flow = flow.with_module("menu", pbx.Module.press_extension().with_branch("1", "start"))
    report: pbx.Report = flow.check(strict=True)
    codes: list[int | str] = [issue.code for issue in report.issues]
    picture: str = diagram.render(flow.to_dict(), format="svg")
    assert picture.startswith("<svg") and codes
    return [str(code) for code in codes]


def mistakes() -> None:
    """Never run: each line is a type error, and ``--strict`` (``warn_unused_ignores``)
    fails if one of these ignores stops being needed."""
    voice.Say(text="Hi", voice_profle=PROFILE)  # type: ignore[call-arg]
    voice.Say(text="Hi")  # type: ignore[call-arg]
    voice.Say(text=3, voice_profile=PROFILE)  # type: ignore[arg-type]
    voice.SayAndCapture(prompt_message="p", voice_profile=PROFILE, min_digits="1")  # type: ignore[arg-type]
    voice.MakeCall("+6512341234", "+6512345678")  # type: ignore[call-arg]
    voice.Reply([{"action": "hangup"}])  # type: ignore[list-item]
    voice.validate("{}", profile="replies")  # type: ignore[arg-type]
    voice.Callflow([], valid_until=12)  # type: ignore[arg-type]
    pbx.check("{}", strict="yes")  # type: ignore[arg-type]
    diagram.render("{}", format="png")  # type: ignore[arg-type]
    pbx.Module.extension(["sipuser"])  # type: ignore[list-item]
    voice.Reply.builder().say(text="Hi")  # type: ignore[call-arg]
    voice.Callflow.builder().play_file(file_url=1)  # type: ignore[arg-type]
    voice.Reply.builder().hangup().build().valid_until  # type: ignore[attr-defined]


def main() -> None:
    assert outbound_call("+6512345678").startswith('{"validUntil"')
    assert answer("1")["callflow"]
    assert check(b'{"callflow": [{"action": "hangup"}]}') == []
    assert parse('{"callflow": []}') is None
    reply = parse('{"callflow": [{"action": "hangup"}]}')
    assert reply is not None and reply.actions == [voice.Hangup()]
    assert isinstance(callflow.__version__, str)
    assert yay_flow() == ["missing-outcome", "missing-outcome"]
    request, reply_json = chained("+6512345678")
    assert '"action":"hangup"' in request and reply_json.startswith('{"clientActionId":"menu"')


if __name__ == "__main__":
    main()
