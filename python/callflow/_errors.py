"""The exceptions callflow raises."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from callflow._native import Issue, Report


class CallflowError(Exception):
    """The base class of every error callflow raises."""


class ValidationError(CallflowError, ValueError):
    """A flow that the platform would reject.

    Raised when constructing or parsing an invalid ``Callflow`` or ``Reply``, or reading
    a ``pbx.CallFlow`` from a document that is not shaped like one. The message lists
    every issue; ``report`` holds them as data.
    """

    report: Report
    """Every issue found, with the status code the platform would answer."""

    def __init__(self, message: str, report: Report) -> None:
        super().__init__(message)
        self.report = report

    @property
    def issues(self) -> list[Issue]:
        """Every issue, errors and warnings, in report order."""
        return self.report.issues

    @property
    def status_code(self) -> int | str:
        """The first error's code: for 8x8 Voice, the status code the platform would
        answer; for a Yay.com call flow, a kebab-case name."""
        return self.report.status_code

    def __reduce__(self) -> tuple[type[ValidationError], tuple[str, Report]]:
        return (type(self), (str(self), self.report))


class EventError(CallflowError, ValueError):
    """A webhook body that is not an 8x8 voice webhook (not JSON, not an object, no
    ``eventType``, or no ``payload`` object).

    ``code`` names the reason: ``"invalid-json"``, ``"too-deep"``, ``"not-an-object"``,
    ``"missing-event-type"`` or ``"missing-payload"``.
    """

    code: str
    """Why the body is not a webhook, as a stable code."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code

    def __reduce__(self) -> tuple[type[EventError], tuple[str, str]]:
        return (type(self), (str(self), self.code))
