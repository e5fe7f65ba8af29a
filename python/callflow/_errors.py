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


class _CodedError(CallflowError, ValueError):
    """An input callflow refuses, with a stable kebab-case ``code`` saying why."""

    code: str

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code

    def __reduce__(self) -> tuple[type[_CodedError], tuple[str, str]]:
        return (type(self), (str(self), self.code))


class EventError(_CodedError):
    """A webhook body that is not an 8x8 voice webhook (not JSON, not an object, no
    ``eventType``, or no ``payload`` object).

    ``code`` names the reason: ``"invalid-json"``, ``"too-deep"``, ``"not-an-object"``,
    ``"missing-event-type"`` or ``"missing-payload"``.
    """

    code: str
    """Why the body is not a webhook, as a stable code."""


class ApiError(CallflowError):
    """An error answer from the 8x8 Voice API or the Yay API.

    Every body shape is read: 8x8's callflow error body (``statusCode``,
    ``statusMessage``, ``callFlowRequestId``), its generic body (``code``, ``message``,
    ``errorId``), Yay's envelope (``status_code``, ``status_message``), and anything else
    (a proxy's HTML page, whose start becomes the message).
    """

    status: int
    """The HTTP status, such as 422."""
    status_code: int | None
    """The platform's status code from the body (``-1013``, ``401``, …), when it has one."""
    message: str
    """The platform's message (or the start of a body that is not JSON)."""
    request_id: str | None
    """The id the platform gave the request (``callFlowRequestId`` or ``errorId``)."""
    retry_after: float | None
    """The seconds the server asked to wait (``Retry-After``), when it did."""

    def __init__(
        self,
        text: str,
        status: int,
        status_code: int | None,
        message: str,
        request_id: str | None,
        retry_after: float | None,
    ) -> None:
        super().__init__(text)
        self.status = status
        self.status_code = status_code
        self.message = message
        self.request_id = request_id
        self.retry_after = retry_after

    def __reduce__(
        self,
    ) -> tuple[type[ApiError], tuple[str, int, int | None, str, str | None, float | None]]:
        return (
            type(self),
            (str(self), self.status, self.status_code, self.message, self.request_id, self.retry_after),
        )


class TransportError(CallflowError):
    """No usable answer came back, after the retries that were safe to make.

    ``kind`` names the reason: ``"timeout"``, ``"connect"`` (nothing was sent),
    ``"connection"`` (the connection failed once the request may have been sent),
    ``"body-too-large"`` or ``"invalid-response"`` (a success that is not the documented
    JSON).
    """

    kind: str
    """Why no usable answer came, as a stable code."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind

    def __reduce__(self) -> tuple[type[TransportError], tuple[str, str]]:
        return (type(self), (str(self), self.kind))


class EmulatorError(_CodedError):
    """A request to explore, caller script, emulator options, scenario or IVR map that
    cannot be used, or a simulated Yay.com call (``callflow.pbx.simulate``,
    ``callflow.pbx.explore``) or its options.

    ``code`` names the document: ``"invalid-request"``, ``"invalid-script"``,
    ``"invalid-options"``, ``"invalid-scenario"``, ``"invalid-map"``, ``"invalid-call"``
    or ``"invalid-flow"``; the message says what is wrong and where. What goes wrong *during* an emulated call is never an exception: it is a
    finding of the call's transcript.
    """

    code: str
    """Which document was refused, as a stable code."""
