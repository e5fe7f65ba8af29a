"""The exceptions callflow raises."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from callflow._native import Issue, Report


class CallflowError(Exception):
    """The base class of every error callflow raises.

    ``code`` says why, as a stable kebab-case string: the same in Python, Node and Rust.
    """

    code: str
    """Why, as a stable kebab-case code."""


class ValidationError(CallflowError, ValueError):
    """A flow that the platform would reject.

    Raised when constructing or parsing an invalid ``Callflow`` or ``Reply``, or reading
    a ``pbx.CallFlow`` from a document that is not shaped like one. The message lists
    every issue; ``report`` holds them as data. ``code`` is ``"invalid-document"``.
    """

    code = "invalid-document"
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
        status = self.report.status_code
        assert status is not None, "a ValidationError holds at least one error"
        return status

    def __reduce__(self) -> tuple[type[ValidationError], tuple[str, Report]]:
        return (type(self), (str(self), self.report))


class _CodedError(CallflowError):
    """An error whose ``code`` varies with the reason."""

    code: str

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code

    def __reduce__(self) -> tuple[type[_CodedError], tuple[str, str]]:
        return (type(self), (str(self), self.code))


class EventError(_CodedError, ValueError):
    """A webhook body that is not an 8x8 voice webhook (not JSON, not an object, no
    ``eventType``, or no ``payload`` object).

    ``code`` names the reason: ``"invalid-json"``, ``"too-deep"``, ``"not-an-object"``,
    ``"missing-event-type"`` or ``"missing-payload"``.
    """

    code: str
    """Why the body is not a webhook, as a stable code."""


class ApiError(CallflowError):
    """An error answer from the 8x8 Voice API or the Yay API; ``code`` is ``"api-error"``.

    Every body shape is read: 8x8's callflow error body (``statusCode``,
    ``statusMessage``, ``callFlowRequestId``), its generic body (``code``, ``message``,
    ``errorId``), Yay's envelope (``status_code``, ``status_message``), and anything else
    (a proxy's HTML page, whose start becomes ``status_message``).
    """

    code = "api-error"
    status: int
    """The HTTP status, such as 422."""
    status_code: int | None
    """The platform's status code from the body (``-1013``, ``401``, …), when it has one."""
    status_message: str
    """The platform's message (or the start of a body that is not JSON)."""
    request_id: str | None
    """The id the platform gave the request (``callFlowRequestId`` or ``errorId``)."""
    retry_after: float | None
    """The seconds the server asked to wait (``Retry-After``), when it did."""

    def __init__(
        self,
        message: str,
        status: int,
        status_code: int | None,
        status_message: str,
        request_id: str | None,
        retry_after: float | None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.status_code = status_code
        self.status_message = status_message
        self.request_id = request_id
        self.retry_after = retry_after

    def __reduce__(
        self,
    ) -> tuple[type[ApiError], tuple[str, int, int | None, str, str | None, float | None]]:
        return (
            type(self),
            (str(self), self.status, self.status_code, self.status_message, self.request_id, self.retry_after),
        )


class TransportError(_CodedError):
    """No usable answer came back, after the retries that were safe to make.

    ``code`` names the reason: ``"timeout"``, ``"connect"`` (nothing was sent),
    ``"connection"`` (the connection failed once the request may have been sent),
    ``"body-too-large"`` or ``"invalid-response"`` (a success that is not the documented
    JSON).
    """

    code: str
    """Why no usable answer came, as a stable code."""


class EmulatorError(_CodedError, ValueError):
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
