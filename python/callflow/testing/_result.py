"""What an emulated call gives back: ``CallResult`` and its typed records."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, cast

from callflow._native import Scenario, Transcript

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["CallResult", "Finding", "ScenarioResult", "WebhookRecord"]


@dataclass(frozen=True)
class WebhookRecord:
    """One webhook delivered during the call, and how the backend answered it."""

    kind: Literal["VCA", "VCS", "VSS"]
    """The platform's webhook type (``type`` in the JSON transcript)."""
    event_type: str
    """``"CALL_ACTION"``, ``"CALL_STATUS"`` or ``"SESSION_SUMMARY"``."""
    client_action_id: str | None
    """The ``clientActionId`` the webhook carried."""
    http_status: int | None
    """The backend's HTTP status; None when no HTTP answer came."""
    latency_ms: float
    """How long the backend took to answer, in milliseconds."""


@dataclass(frozen=True)
class Finding:
    """Something that went wrong, or looks wrong, on the call."""

    code: str
    """A stable kebab-case code, such as ``"http-error"`` or ``"invalid-reply"``."""
    severity: Literal["error", "warning"]
    """``"error"`` fails the run; ``"warning"`` does not."""
    message: str
    """What happened, in words."""
    step: int
    """The index of the transcript step it belongs to."""


class CallResult:
    """The outcome of one emulated call: what the caller heard and pressed, each webhook,
    the findings and the whole transcript.

    The assertion helpers raise ``AssertionError`` with the text transcript in the
    message, so a failing test shows the whole call.
    """

    def __init__(self, transcript: Transcript) -> None:
        self._transcript = transcript

    @property
    def native(self) -> Transcript:
        """The core's transcript object."""
        return self._transcript

    @cached_property
    def _data(self) -> dict[str, Any]:
        return cast("dict[str, Any]", json.loads(self._transcript.to_json()))

    @property
    def ok(self) -> bool:
        """True when the call has no error finding."""
        return self._transcript.ok

    @property
    def session_id(self) -> str | None:
        """The session id the API answered; None when the request was refused."""
        return cast("str | None", self._data["sessionId"])

    @property
    def session_status(self) -> str:
        """How the session ended: ``COMPLETED``, ``BUSY``, ``NO_ANSWER``, ``FAILED``,
        ``ERROR``, or ``NOT_CREATED`` when the API refused the request."""
        return cast(str, self._data["sessionStatus"])

    @property
    def status_code(self) -> int:
        """The API's status code for the request: ``1`` when the call was created."""
        return cast(int, self._data["statusCode"])

    @property
    def heard(self) -> list[str]:
        """What the caller heard, in order: spoken text, or ``file:<url>``."""
        return list(self._data["heard"])

    @property
    def pressed(self) -> list[str]:
        """The keys the caller pressed, one entry per capture try that had any."""
        return list(self._data["pressed"])

    @property
    def webhooks(self) -> list[WebhookRecord]:
        """Every webhook delivered, in order."""
        return [
            WebhookRecord(
                kind=hook["type"],
                event_type=hook["eventType"],
                client_action_id=hook["clientActionId"],
                http_status=hook["httpStatus"],
                latency_ms=hook["latencyMs"],
            )
            for hook in self._data["webhooks"]
        ]

    @property
    def findings(self) -> list[Finding]:
        """Everything that went wrong or looks wrong, in order."""
        return [Finding(**finding) for finding in self._data["findings"]]

    @property
    def errors(self) -> list[Finding]:
        """The findings that fail the run."""
        return [finding for finding in self.findings if finding.severity == "error"]

    @property
    def steps(self) -> list[dict[str, Any]]:
        """Every step of the call on the virtual clock, as in the JSON transcript."""
        return copy.deepcopy(self._data["steps"])

    @property
    def duration_ms(self) -> int:
        """The call's length on the virtual clock, in milliseconds."""
        return cast(int, self._data["durationMs"])

    @property
    def transcript(self) -> str:
        """The transcript for people: one line per step, then the findings."""
        return self._transcript.to_text()

    def to_dict(self) -> dict[str, Any]:
        """The transcript as a dict, in the documented JSON schema."""
        return copy.deepcopy(self._data)

    def to_json(self) -> str:
        """The transcript as compact JSON text, in the documented schema."""
        return self._transcript.to_json()

    # Each assertion returns the result, so that checks chain:
    # ``result.assert_ok().assert_heard("Welcome")``.

    def fail(self, message: str) -> AssertionError:
        """An ``AssertionError`` saying ``message``, followed by the text transcript."""
        return AssertionError(f"{message}\n\n{self.transcript}")

    def _check(self, expect: dict[str, Any]) -> Self:
        """Fails when the transcript does not meet ``expect`` (a scenario's expectations),
        checked by the core with its messages; ``ok`` is this call's unless ``expect``
        says."""
        unmet = Scenario({"inbound": {"from": "", "to": ""}, "expect": {"ok": self.ok, **expect}}).check(
            self._transcript
        )
        if unmet:
            raise self.fail("\n".join(unmet))
        return self

    def assert_ok(self) -> Self:
        """Fails unless the call has no error finding."""
        return self._check({"ok": True})

    def assert_no_findings(self) -> Self:
        """Fails if the call has any finding, warnings included."""
        return self._check({"findings": []})

    def assert_status(self, status: str) -> Self:
        """Fails unless the session ended with ``status`` (``"COMPLETED"``, …)."""
        return self._check({"sessionStatus": status})

    def assert_heard(self, *substrings: str) -> Self:
        """Fails unless the caller heard each substring, in this order: each one in an
        entry of ``heard`` after the entry the previous one was found in (as a
        scenario's ``expect.heard`` is checked)."""
        return self._check({"heard": list(substrings)})

    def __repr__(self) -> str:
        return (
            f"CallResult(ok={self.ok}, session_status={self.session_status!r}, "
            f"heard={len(self.heard)}, webhooks={len(self._data['webhooks'])}, "
            f"findings={len(self._data['findings'])})"
        )


class ScenarioResult(CallResult):
    """The outcome of a scenario: its call, and the expectations it did not meet."""

    def __init__(self, transcript: Transcript, name: str, unmet: list[str]) -> None:
        super().__init__(transcript)
        self.name = name
        """The scenario's name."""
        self.unmet = unmet
        """The expectations the call did not meet, in words; empty when it passed."""

    @property
    def passed(self) -> bool:
        """True when every expectation held (unless the scenario says otherwise, one is
        that the call has no error finding)."""
        return not self.unmet

    def assert_passed(self) -> Self:
        """Fails unless every expectation held."""
        if self.unmet:
            raise self.fail(f"scenario {self.name!r} failed: " + "; ".join(self.unmet))
        return self

    def __repr__(self) -> str:
        return f"ScenarioResult(name={self.name!r}, passed={self.passed}, unmet={self.unmet!r})"
