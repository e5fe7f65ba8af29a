"""The native core of callflow. Import from ``callflow`` and ``callflow.voice`` instead."""

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any, Literal, final

from typing_extensions import Self, disjoint_base

from callflow._builder import ReplyBuilder, RequestBuilder
from callflow._types import ActionDict, IssueDict, ReportDict

__all__ = [
    "Action",
    "Hangup",
    "MakeCall",
    "PlayFile",
    "Say",
    "SayAndCapture",
    "Callflow",
    "Reply",
    "Issue",
    "Report",
    "validate",
    "Event",
    "CallEvent",
    "CallActionEvent",
    "CallStatusEvent",
    "SessionSummaryEvent",
    "RecordingStatusEvent",
    "VirtualNumberUpdateEvent",
    "UnknownEvent",
    "CallLeg",
    "CallQuality",
    "SessionError",
    "VirtualNumber",
    "parse_event",
    "Answer",
    "Receiver",
    "authorization_matches",
    "is_source_address",
    "SOURCE_ADDRESSES",
    "CallFlow",
    "Module",
    "Target",
    "pbx_check",
    "pbx_simulate",
    "pbx_explore",
    "pbx_coverage",
    "render",
    "Session",
    "VoiceClient",
    "YayClient",
    "client_defaults",
    "Emulator",
    "MapBackend",
    "Scenario",
    "Transcript",
    "Webhook",
    "emulate_http",
    "Explorer",
    "Exploration",
    "explore_http",
    "IvrMap",
    "Turn",
    "ivr_check",
    "ivr_check_with",
    "ivr_expand",
    "__version__",
]

__version__: str

_Profile = Literal["request", "reply"]
_JsonText = str | bytes | bytearray

# BEGIN GENERATED literals
# A status code the 8x8 Voice API answers to a callflow.
_StatusCode = Literal[
    1,
    -1001,
    -1002,
    -1003,
    -1004,
    -1005,
    -1006,
    -1007,
    -1008,
    -1009,
    -1010,
    -1011,
    -1012,
    -1013,
    -1014,
    -1015,
    -1016,
    -1017,
    -1018,
    -1019,
    -1020,
    -9999,
]
# What is wrong with a Yay.com call flow.
_PbxCode = Literal[
    "invalid-structure",
    "unknown-module",
    "missing-start",
    "multiple-starts",
    "dangling-reference",
    "missing-field",
    "invalid-pin",
    "invalid-pattern",
    "invalid-menu-key",
    "invalid-duration",
    "invalid-number",
    "fax-not-alone",
    "unreachable-module",
    "missing-outcome",
    "busy-loop",
    "menu-traps-caller",
    "terminal-with-next",
    "unused-field",
    "extra-mailboxes",
]
# What is wrong with an IVR map's graph.
_IvrCode = Literal[
    "invalid-map",
    "unknown-menu",
    "capture-without-id",
    "caller-trap",
    "unregistered-handler",
    "raw-answer",
    "unreachable-menu",
    "impossible-key",
    "missing-any-key",
    "missing-silence",
    "ambiguous-return",
]
# Why a body is not an 8x8 webhook.
_EventErrorCode = Literal[
    "invalid-json",
    "too-deep",
    "not-an-object",
    "missing-event-type",
    "missing-payload",
]
# Which document the emulator, the explorer or a simulation refused.
_EmulatorErrorCode = Literal[
    "invalid-request",
    "invalid-script",
    "invalid-options",
    "invalid-scenario",
    "invalid-map",
    "invalid-call",
    "invalid-flow",
]
# What kind of webhook it is. Other values are kept as sent.
_EventType = Literal[
    "CALL_ACTION",
    "CALL_STATUS",
    "SESSION_SUMMARY",
    "CALL_RECORDING_STATUS",
    "VIRTUAL_NUMBER_UPDATE",
]
# callStatus of a call event. Other values are kept as sent.
_CallStatus = Literal[
    "CALL_RECEIVED",
    "ACTION_COMPLETED",
    "DTMF_RECEIVED",
    "CALL_INITIATED",
    "CALL_CONNECTED",
    "CALL_DISCONNECTED",
    "CALL_UPDATED",
]
# callDirection of a call leg. Other values are kept as sent.
_CallDirection = Literal[
    "INBOUND",
    "OUTBOUND",
]
# callType of a call leg: a phone call or a Voice SDK app user. Other values are kept as sent.
_CallType = Literal[
    "PSTN",
    "VOIP",
]
# How a session, or one call leg of it, ended (CANCELLED reads as CANCELED). Other values are kept as sent.
_SessionStatus = Literal[
    "COMPLETED",
    "BUSY",
    "NO_ANSWER",
    "FAILED",
    "CANCELED",
    "ERROR",
    "COMPLETED_UNSUBSCRIBED",
    "COMPLETED_UNSUB_ERROR",
    "UNSUBSCRIBED_CONTACT",
]
# The last action a session ran, or the one that failed. Other values are kept as sent.
_LastAction = Literal[
    "MAKE_CALL",
    "SAY",
    "PLAY_FILE",
    "PLAY_TTS",
    "SAY_AND_CAPTURE",
    "HANGUP",
]
# status of a call recording. Other values are kept as sent.
_RecordingState = Literal[
    "PROCESSING",
    "PROCESSING_FAILED",
    "UPLOAD_COMPLETED",
    "UPLOAD_FAILED",
    "CALLBACK_COMPLETED",
    "CALLBACK_FAILED",
    "UNKNOWN",
]
# Whether a virtual-number update lists every number or only the changed ones. Other values are kept as sent.
_UpdateEventType = Literal[
    "SNAPSHOT",
    "UPDATES",
]
# operationalStatus of a virtual number. Other values are kept as sent.
_OperationalStatus = Literal[
    "Active",
    "Unhealthy",
    "Expiring",
    "Inactive",
]
# Whether a virtual number changed in this update. Other values are kept as sent.
_UpdateStatus = Literal[
    "NO_CHANGE",
    "UPDATED",
]
# The Yay.com module types the docs list.
_ModuleKind = Literal[
    "start",
    "recording",
    "musiconhold",
    "calleridmatch",
    "play",
    "extension",
    "pressextension",
    "dialbyextension",
    "busy",
    "voicemail",
    "conference",
    "trunk",
    "fax",
]
# END GENERATED literals

@final
class Issue:
    """One problem found in a document."""

    @property
    def code(self) -> int | str:
        """The stable code: for 8x8 Voice, the status code the platform would answer (an
        int); for a Yay.com call flow, a kebab-case name such as ``"missing-start"``."""
    @property
    def path(self) -> str:
        """Where the issue is, e.g. ``$.callflow[1].params.text``."""
    @property
    def message(self) -> str:
        """The platform's wording, then the detail."""
    @property
    def severity(self) -> Literal["error", "warning"]:
        """``"error"`` (the document is invalid) or ``"warning"``."""
    @property
    def hint(self) -> str | None:
        """A suggestion for fixing the issue, or None."""
    def to_dict(self) -> IssueDict:
        """The issue as a dict: ``{"code", "path", "message", "severity", "hint"}``."""
    def __eq__(self, other: object, /) -> bool: ...

@final
class Report:
    """Every issue found in one document."""

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
    @property
    def status_code(self) -> int | str | None:
        """What the platform answers: for 8x8 Voice, the status code (an int, 1 when
        valid); for a Yay.com call flow or an IVR map, the first error's code, or None
        when valid. ``to_dict()["statusCode"]`` is 1 for every valid document."""
    @property
    def issues(self) -> list[Issue]:
        """Every issue, errors and warnings, in report order."""
    @property
    def errors(self) -> list[Issue]:
        """The issues that make the document invalid."""
    @property
    def warnings(self) -> list[Issue]:
        """The issues that do not make the document invalid."""
    @property
    def omitted(self) -> int:
        """How many issues were found beyond those listed (at most 1000 errors and 1000
        warnings of each phase are listed)."""
    def to_dict(self) -> ReportDict:
        """The report as a dict, in the shape of the CLI's JSON output."""
    def __eq__(self, other: object, /) -> bool: ...

@disjoint_base
class Action:
    """One step of a callflow: ``MakeCall``, ``Say``, ``PlayFile``, ``SayAndCapture`` or
    ``Hangup``. The core checks an action's values when it joins a ``Callflow`` or
    ``Reply``."""

    @property
    def name(self) -> str:
        """The action's wire name, e.g. ``"sayAndCapture"``."""
    def to_dict(self) -> ActionDict:
        """The action in the wire format, with camelCase names and only what was set."""
    def __eq__(self, other: object, /) -> bool: ...

# BEGIN GENERATED actions
@final
class MakeCall(Action):
    """Place a call; in a webhook reply, bridge the live call to a new destination."""

    def __new__(
        cls,
        *,
        source: str,
        destination: str,
        call_recording: bool | None = None,
    ) -> Self: ...
    @property
    def source(self) -> str:
        """Caller ID: an MSISDN (+ optional) whitelisted for the sub-account."""
    @property
    def destination(self) -> str:
        """The number to call: an MSISDN, + optional."""
    @property
    def call_recording(self) -> bool | None:
        """Record the session."""

@final
class Say(Action):
    """Speak text into the call."""

    def __new__(
        cls,
        *,
        text: str,
        voice_profile: str,
        repetition: int | None = None,
        speed: float | None = None,
        language: str | None = None,
    ) -> Self: ...
    @property
    def text(self) -> str:
        """The text to speak. Accepts up to 3000 characters."""
    @property
    def voice_profile(self) -> str:
        """A speech profile code such as en-US-BenjaminRUS."""
    @property
    def repetition(self) -> int | None:
        """How many times to play it (platform default 1). Accepts 1 to 3."""
    @property
    def speed(self) -> float | None:
        """Speech rate (platform default 1). Accepts 0.5 to 2."""
    @property
    def language(self) -> str | None:
        """Legacy language code such as en-US."""

@final
class PlayFile(Action):
    """Play an MP3 or WAV file into the call."""

    def __new__(
        cls,
        *,
        file_url: str,
        repetition: int | None = None,
    ) -> Self: ...
    @property
    def file_url(self) -> str:
        """An http or https URL of an MP3 or WAV file under 5 MB."""
    @property
    def repetition(self) -> int | None:
        """How many times to play it (platform default 1). Accepts 1 to 3."""

@final
class SayAndCapture(Action):
    """Speak a prompt and collect DTMF digits, reported by a Voice Call Action webhook."""

    def __new__(
        cls,
        *,
        prompt_message: str,
        voice_profile: str,
        repetition: int | None = None,
        speed: float | None = None,
        min_digits: int | None = None,
        max_digits: int | None = None,
        digit_timeout: int | None = None,
        overall_timeout: int | None = None,
        complete_on_hash: bool | None = None,
        no_of_tries: int | None = None,
        success_message: str | None = None,
        failure_message: str | None = None,
    ) -> Self: ...
    @property
    def prompt_message(self) -> str:
        """The prompt to speak. Accepts up to 3000 characters."""
    @property
    def voice_profile(self) -> str:
        """A speech profile code such as en-US-BenjaminRUS."""
    @property
    def repetition(self) -> int | None:
        """How many times to play it (platform default 1). Accepts 1 to 3."""
    @property
    def speed(self) -> float | None:
        """Speech rate (platform default 1). Accepts 0.5 to 2."""
    @property
    def min_digits(self) -> int | None:
        """Fewest digits accepted; needs maxDigits. Accepts 1 to 25."""
    @property
    def max_digits(self) -> int | None:
        """Most digits accepted; needed when completeOnHash is false. Accepts 1 to 25."""
    @property
    def digit_timeout(self) -> int | None:
        """Milliseconds allowed between two digits; needs overallTimeout. Accepts at least 1."""
    @property
    def overall_timeout(self) -> int | None:
        """Milliseconds allowed for the whole input, at least digitTimeout. Accepts at least 1."""
    @property
    def complete_on_hash(self) -> bool | None:
        """true: # ends the input; false: input ends after maxDigits digits."""
    @property
    def no_of_tries(self) -> int | None:
        """How many times the prompt is tried on failed input. Accepts at least 1."""
    @property
    def success_message(self) -> str | None:
        """Spoken after a valid input. Accepts up to 3000 characters."""
    @property
    def failure_message(self) -> str | None:
        """Spoken after a failed input. Accepts up to 3000 characters."""

@final
class Hangup(Action):
    """End the session, disconnecting every call leg."""

    def __new__(cls) -> Self: ...
# END GENERATED actions

@final
class Callflow:
    """The body of a Send Callflow request: ``{"validUntil"?, "callflow": [...]}``.

    Validated on construction against the system clock; an invalid flow raises
    ``callflow.ValidationError`` listing every issue.
    """

    def __new__(
        cls, actions: Iterable[Action], *, valid_until: datetime | str | None = None
    ) -> Self: ...
    @staticmethod
    def builder(*, valid_until: datetime | str | None = None) -> RequestBuilder:
        """Starts a chained builder of a request; its first action must be ``make_call``."""
    @classmethod
    def from_json(cls, data: _JsonText, /, *, now: datetime | None = None) -> Self:
        """Parses and validates JSON text, on the system clock or on ``now``."""
    @classmethod
    def from_dict(cls, data: dict[str, Any], /, *, now: datetime | None = None) -> Self:
        """Parses and validates a dict in the wire format, on the system clock or on
        ``now``."""
    @property
    def actions(self) -> list[Action]:
        """The actions, in order."""
    @property
    def valid_until(self) -> str | None:
        """The time after which the platform must not start the call (UTC, RFC 3339)."""
    def to_json(self) -> str:
        """The body as compact JSON text, in the wire format."""
    def to_dict(self) -> dict[str, Any]:
        """The body as a dict, in the wire format (camelCase, only what was set)."""
    def __eq__(self, other: object, /) -> bool: ...

@final
class Reply:
    """The reply to a Voice Call Action webhook: ``{"clientActionId"?, "callflow": [...]}``.

    Validated on construction; an invalid reply raises ``callflow.ValidationError``
    listing every issue.
    """

    def __new__(
        cls, actions: Iterable[Action], *, client_action_id: str | None = None
    ) -> Self: ...
    @staticmethod
    def builder(*, client_action_id: str | None = None) -> ReplyBuilder:
        """Starts a chained builder of a reply."""
    @classmethod
    def from_json(cls, data: _JsonText, /, *, now: datetime | None = None) -> Self:
        """Parses and validates JSON text, on the system clock or on ``now``."""
    @classmethod
    def from_dict(cls, data: dict[str, Any], /, *, now: datetime | None = None) -> Self:
        """Parses and validates a dict in the wire format, on the system clock or on
        ``now``."""
    @property
    def actions(self) -> list[Action]:
        """The actions, in order."""
    @property
    def client_action_id(self) -> str | None:
        """Your own state, sent back in the next webhook (e.g. the menu the caller is in)."""
    def to_json(self) -> str:
        """The body as compact JSON text, in the wire format."""
    def to_dict(self) -> dict[str, Any]:
        """The body as a dict, in the wire format (camelCase, only what was set)."""
    def __eq__(self, other: object, /) -> bool: ...

def validate(
    doc: _JsonText | dict[str, Any] | list[Any] | str | int | float | bool | None,
    /,
    *,
    profile: _Profile = "request",
    now: datetime | None = None,
) -> Report:
    """Validates a request (``profile="request"``) or a webhook reply
    (``profile="reply"``), given as a dict or as JSON text (``str``, ``bytes``), and
    returns every issue, with the status code the platform would answer."""

# Webhook events

# BEGIN GENERATED events
@disjoint_base
class Event:
    """A webhook from 8x8: the base class of every event ``parse_event`` returns."""

    @property
    def event_type(self) -> _EventType | str:
        """``eventType``: what kind of webhook it is."""
    @property
    def namespace(self) -> str | None:
        """``namespace``: ``VOICE`` for every voice webhook."""
    @property
    def description(self) -> str | None:
        """``description``: 8x8's fixed wording for the event type."""
    @property
    def version(self) -> int | None:
        """``version``: the payload's schema version, where sent (session summaries)."""
    def to_dict(self) -> dict[str, Any]:
        """The event in its flat form: envelope and payload fields in camelCase, None
        where absent."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]

class CallEvent(Event):
    """The fields of a call event (``CALL_ACTION`` and ``CALL_STATUS``): one call leg at one moment."""

    @property
    def source(self) -> str | None:
        """``source``: the calling number."""
    @property
    def destination(self) -> str | None:
        """``destination``: the called number (your virtual number on an inbound call)."""
    @property
    def source_format(self) -> str | None:
        """``sourceFormat``: such as ``MSISDN``."""
    @property
    def destination_format(self) -> str | None:
        """``destinationFormat``: such as ``MSISDN``."""
    @property
    def source_country_code(self) -> str | None:
        """``sourceCountryCode``: ISO 3166-1 alpha-2."""
    @property
    def destination_country_code(self) -> str | None:
        """``destinationCountryCode``: ISO 3166-1 alpha-2."""
    @property
    def source_ref_id(self) -> str | None:
        """``sourceRefId``: the reference id of the virtual number on an outbound leg."""
    @property
    def destination_ref_id(self) -> str | None:
        """``destinationRefId``: the reference id of the virtual number on an inbound leg."""
    @property
    def event_id(self) -> str | None:
        """``eventId``: unique per event (deliveries may repeat, so use it to de-duplicate)."""
    @property
    def call_id(self) -> str | None:
        """``callId``: the call leg."""
    @property
    def session_id(self) -> str | None:
        """``sessionId``: the session, as answered by Send Callflow."""
    @property
    def sub_account_id(self) -> str | None:
        """``subAccountId``: the sub-account."""
    @property
    def call_status(self) -> _CallStatus | str | None:
        """``callStatus``: where the call leg is."""
    @property
    def call_direction(self) -> _CallDirection | str | None:
        """``callDirection``: inbound or outbound."""
    @property
    def call_type(self) -> _CallType | str | None:
        """``callType``: a phone call or a Voice SDK app user."""
    @property
    def call_duration(self) -> int | None:
        """``callDuration``: connected seconds."""
    @property
    def dtmf(self) -> str | None:
        """``dtmf``: the digits the caller pressed, wherever 8x8 put them (``eventData.dtmf``, ``eventData`` as a string, or a flat ``dtmf``), trimmed; None when there were none."""
    @property
    def sip_code(self) -> int | None:
        """``sipCode``: the final SIP response code of the leg."""
    @property
    def timestamp(self) -> str | None:
        """``timestamp``: ISO 8601."""
    @property
    def client_action_id(self) -> str | None:
        """``clientActionId``: the id your previous reply set, to know where the caller is."""

@final
class CallActionEvent(CallEvent):
    """``CALL_ACTION``: A Voice Call Action (VCA) webhook: answer it with a reply."""

    ...

@final
class CallStatusEvent(CallEvent):
    """``CALL_STATUS``: A Voice Call Status (VCS) webhook: progress of one call leg."""

    ...

@final
class SessionSummaryEvent(Event):
    """``SESSION_SUMMARY``: A Voice Session Summary (VSS) webhook, sent once a session ends."""

    @property
    def session_id(self) -> str | None:
        """``sessionId``: the session, as answered by Send Callflow."""
    @property
    def sub_account_id(self) -> str | None:
        """``subAccountId``: the sub-account."""
    @property
    def session_status(self) -> _SessionStatus | str | None:
        """``sessionStatus``: how the session ended."""
    @property
    def start_time(self) -> str | None:
        """``startTime``: ISO 8601."""
    @property
    def end_time(self) -> str | None:
        """``endTime``: ISO 8601."""
    @property
    def last_action(self) -> _LastAction | str | None:
        """``lastAction``: the last action the session ran."""
    @property
    def call_count(self) -> int | None:
        """``callCount``: the number of call legs."""
    @property
    def client_request_id(self) -> str | None:
        """``clientRequestId``: a correlation id echoed back, when one was set."""
    @property
    def error_details(self) -> SessionError | None:
        """``errorDetails``: why the session failed, when it did."""
    @property
    def legs(self) -> list[CallLeg]:
        """``legs``: the call legs of ``details`` (``callA``, ``callB``, …), in the order sent."""

@final
class RecordingStatusEvent(Event):
    """``CALL_RECORDING_STATUS``: A Voice Recording Uploaded (VRU) webhook."""

    @property
    def session_id(self) -> str | None:
        """``sessionId``: the session recorded."""
    @property
    def recording_id(self) -> str | None:
        """``recordingId``: the recording."""
    @property
    def duration_seconds(self) -> int | None:
        """``durationSeconds``: the recording's length in seconds."""
    @property
    def file_path(self) -> str | None:
        """``filePath``: where the recording was uploaded."""
    @property
    def status(self) -> _RecordingState | str | None:
        """``status``: the upload's status."""

@final
class VirtualNumberUpdateEvent(Event):
    """``VIRTUAL_NUMBER_UPDATE``: A Virtual Number Updated (VNU) webhook."""

    @property
    def sub_account_id(self) -> str | None:
        """``subAccountId``: the sub-account."""
    @property
    def total_numbers(self) -> int | None:
        """``totalNumbers``: how many numbers the sub-account has."""
    @property
    def update_event_type(self) -> _UpdateEventType | str | None:
        """``updateEventType``: a snapshot of every number, or only the changes."""
    @property
    def virtual_numbers(self) -> list[VirtualNumber]:
        """``virtualNumbers``: the numbers, as listed."""

@final
class UnknownEvent(Event):
    """An event type this version does not know; ``payload`` holds it as sent."""

    @property
    def payload(self) -> Any:
        """The ``payload`` member as sent (None when there was none)."""

@final
class CallQuality:
    """The measured quality of a call leg."""

    @property
    def mos(self) -> float | None:
        """``mos``: mean opinion score, 1.0 to 5.0."""
    @property
    def packet_loss_rate(self) -> float | None:
        """``packetLossRate``: packet loss, as a fraction."""
    @property
    def jitter(self) -> float | None:
        """``jitter``: jitter in milliseconds."""
    def to_dict(self) -> dict[str, Any]:
        """As a dict, with camelCase keys."""
    def __eq__(self, other: object, /) -> bool: ...

@final
class CallLeg:
    """One call leg of a session summary (``callA``, ``callB``, …)."""

    @property
    def source(self) -> str | None:
        """``source``: the calling number."""
    @property
    def destination(self) -> str | None:
        """``destination``: the called number (your virtual number on an inbound call)."""
    @property
    def source_format(self) -> str | None:
        """``sourceFormat``: such as ``MSISDN``."""
    @property
    def destination_format(self) -> str | None:
        """``destinationFormat``: such as ``MSISDN``."""
    @property
    def source_country_code(self) -> str | None:
        """``sourceCountryCode``: ISO 3166-1 alpha-2."""
    @property
    def destination_country_code(self) -> str | None:
        """``destinationCountryCode``: ISO 3166-1 alpha-2."""
    @property
    def source_ref_id(self) -> str | None:
        """``sourceRefId``: the reference id of the virtual number on an outbound leg."""
    @property
    def destination_ref_id(self) -> str | None:
        """``destinationRefId``: the reference id of the virtual number on an inbound leg."""
    @property
    def name(self) -> str:
        """``name``: the leg's key in ``details``, with a lower-case first letter: ``callA``, ``callB``, …"""
    @property
    def call_id(self) -> str | None:
        """``callId``: the call leg."""
    @property
    def call_direction(self) -> _CallDirection | str | None:
        """``callDirection``: inbound or outbound."""
    @property
    def call_type(self) -> _CallType | str | None:
        """``callType``: a phone call or a Voice SDK app user."""
    @property
    def initiated_timestamp(self) -> str | None:
        """``initiatedTimestamp``: when the leg was initiated."""
    @property
    def connected_timestamp(self) -> str | None:
        """``connectedTimestamp``: when the leg was answered; None when it never was."""
    @property
    def disconnected_timestamp(self) -> str | None:
        """``disconnectedTimestamp``: when the leg ended."""
    @property
    def call_status(self) -> _SessionStatus | str | None:
        """``callStatus``: how this leg ended."""
    @property
    def call_duration(self) -> int | None:
        """``callDuration``: connected seconds."""
    @property
    def call_quality(self) -> CallQuality | None:
        """``callQuality``: the leg's measured quality, when measured."""
    def to_dict(self) -> dict[str, Any]:
        """As a dict, with camelCase keys."""
    def __eq__(self, other: object, /) -> bool: ...

@final
class SessionError:
    """Why a session failed (``errorDetails``), with the documented meaning of its code."""

    @property
    def error_code(self) -> int | None:
        """``errorCode``: such as -2004 (sent as a number or a string)."""
    @property
    def error_msg(self) -> str | None:
        """``errorMsg``: the error message, as sent."""
    @property
    def meaning(self) -> str | None:
        """``meaning``: what 8x8 documents ``errorCode`` to mean (-2001 to -2010, -9999), else None."""
    @property
    def call_flow_request_id(self) -> str | None:
        """``callFlowRequestId``: the request that started the session."""
    @property
    def action(self) -> _LastAction | str | None:
        """``action``: the action that failed."""
    def to_dict(self) -> dict[str, Any]:
        """As a dict, with camelCase keys."""
    def __eq__(self, other: object, /) -> bool: ...

@final
class VirtualNumber:
    """One virtual number of a virtual-number update."""

    @property
    def msisdn(self) -> str | None:
        """``msisdn``: the number."""
    @property
    def updated_timestamp(self) -> str | None:
        """``updatedTimestamp``: when it last changed."""
    @property
    def country_code(self) -> str | None:
        """``countryCode``: ISO 3166-1 alpha-2."""
    @property
    def operational_status(self) -> _OperationalStatus | str | None:
        """``operationalStatus``: whether the number works."""
    @property
    def reference_id(self) -> str | None:
        """``referenceId``: the id call events give as ``sourceRefId`` or ``destinationRefId``."""
    @property
    def rental_price(self) -> float | None:
        """``rentalPrice``: the rental price."""
    @property
    def incoming_rate(self) -> float | None:
        """``incomingRate``: the rate of incoming calls."""
    @property
    def billing_unit(self) -> str | None:
        """``billingUnit``: the unit the rates are billed in."""
    @property
    def billing_currency(self) -> str | None:
        """``billingCurrency``: the currency of the prices."""
    @property
    def number_health_check_enabled(self) -> bool | None:
        """``numberHealthCheckEnabled``: whether 8x8 checks the number's health."""
    @property
    def update_status(self) -> _UpdateStatus | str | None:
        """``updateStatus``: whether the number changed in this update."""
    def to_dict(self) -> dict[str, Any]:
        """As a dict, with camelCase keys."""
    def __eq__(self, other: object, /) -> bool: ...
# END GENERATED events

def parse_event(body: _JsonText | dict[str, Any], /) -> Event:
    """Parses a webhook body (``bytes``, ``str`` or a parsed dict) into the event class
    for its ``eventType``; a body that is not an 8x8 webhook raises
    ``callflow.EventError``."""

# Receiving webhooks

SOURCE_ADDRESSES: list[str]

@final
class Answer:
    """An HTTP answer to a webhook: ``status``, ``headers`` and a JSON ``body``."""

    @property
    def status(self) -> int:
        """The HTTP status: 200, 400 (not an 8x8 webhook), 401 (wrong ``Authorization``)
        or 413 (a body larger than the receiver's limit)."""
    @property
    def headers(self) -> dict[str, str]:
        """The response headers: ``{"content-type": "application/json"}``."""
    @property
    def body(self) -> str:
        """The JSON body."""
    def as_tuple(self) -> tuple[int, dict[str, str], str]:
        """``(status, headers, body)``, the form most web frameworks take."""
    def __eq__(self, other: object, /) -> bool: ...

@final
class Receiver:
    """Checks and parses incoming webhooks, and answers them."""

    def __new__(cls, secret: str | None = None, *, limit: int | None = None) -> Self:
        """A receiver that requires ``Authorization: <secret>`` when a secret is given,
        and reads bodies of at most ``limit`` bytes (1 MiB by default)."""
    @property
    def limit(self) -> int:
        """The most bytes of a body the receiver reads."""
    def receive(self, body: _JsonText | dict[str, Any], /, authorization: str | None = None) -> Event | Answer:
        """The event in ``body``, or the ``Answer`` refusing it: 413 when the body is
        larger than the limit, 401 when the ``Authorization`` header does not match, 400
        when the body is not an 8x8 webhook."""
    @staticmethod
    def answer(reply: Reply | None = None, /) -> Answer:
        """The 200 answer: the reply's JSON, or ``{}`` without one."""
    @staticmethod
    def authorization(
        headers: Mapping[Any, Any] | Iterable[tuple[Any, Any]], /
    ) -> str | None:
        """The ``Authorization`` header among a request's headers (a mapping or
        ``(name, value)`` pairs), whatever the case of its name; repeated ones are joined
        with ``", "``."""

def authorization_matches(secret: str, header: str | None, /) -> bool:
    """Whether the ``Authorization`` header equals the webhook's secret, compared in
    constant time."""

def is_source_address(address: str, /) -> bool:
    """Whether ``address`` is one of the addresses 8x8 publishes as the sources of voice
    webhooks."""

_Json = dict[str, Any] | list[Any] | str | int | float | bool | None

@final
class Target:
    """What an ``extension`` module rings: a SIP user, a hunt group or a forward number."""

    @staticmethod
    def sip_user(uuid: str) -> Target:
        """A SIP user, by uuid."""
    @staticmethod
    def hunt_group(uuid: str) -> Target:
        """A hunt group, by uuid."""
    @staticmethod
    def forward(number: str) -> Target:
        """An external number, in E.164."""
    def __eq__(self, other: object, /) -> bool: ...

@final
class Module:
    """One module of a call flow: its ``module`` name as written and all its members."""

    def __new__(cls, name: str, /, **fields: _Json) -> Self: ...
    @staticmethod
    def start(next: str) -> Module:
        """``start``, leading to ``next``."""
    @staticmethod
    def play(sound: str) -> Module:
        """``play`` of the sound ``sound``."""
    @staticmethod
    def music_on_hold(playlist: str) -> Module:
        """``musiconhold`` with the playlist ``playlist`` (the ``class`` member)."""
    @staticmethod
    def caller_id_match(patterns: list[str]) -> Module:
        """``calleridmatch`` with its regular expressions."""
    @staticmethod
    def extension(targets: Iterable[Target]) -> Module:
        """``extension``, ringing ``targets`` at once."""
    @staticmethod
    def press_extension() -> Module:
        """``pressextension``, an IVR menu; add its keys with ``with_branch``."""
    @staticmethod
    def voicemail(mailboxes: list[str]) -> Module:
        """``voicemail`` to the mailboxes listed (the engine uses the first)."""
    @staticmethod
    def trunk(uuid: str) -> Module:
        """``trunk`` to the trunk ``uuid``."""
    @property
    def name(self) -> str:
        """The ``module`` name, as written."""
    @property
    def kind(self) -> str | None:
        """The documented kind in lower case (``"trunk"`` for ``Trunk``), or None."""
    def get(self, field: str) -> Any:
        """The member ``field``, or None."""
    def with_field(self, field: str, value: _Json) -> Module:
        """A copy with the member ``field`` set to ``value``."""
    def with_next(self, key: str) -> Module:
        """A copy whose ``next`` is the key ``key``."""
    def with_branch(self, branch: str, key: str) -> Module:
        """A copy with the branch ``branch`` of its ``next`` map leading to ``key``."""
    def with_outcome(self, outcome: str, key: str) -> Module:
        """A copy with the outcome ``outcome`` (``match``, ``noanswer``, ...) leading to
        ``key``."""
    def to_dict(self) -> dict[str, Any]:
        """The module as a dict, members in order."""
    def __eq__(self, other: object, /) -> bool: ...

@final
class CallFlow:
    """A Yay.com call flow: ``extension``, ``name``, the caller-ID options, the read-only
    ``uuid``, ``created_on`` and ``updated_on``, and its modules by key, in order."""

    def __new__(
        cls,
        extension: int,
        name: str,
        *,
        modules: dict[str, Module] | None = None,
        show_call_route_name: bool | None = None,
        show_original_caller_id: bool | None = None,
    ) -> Self: ...
    @classmethod
    def from_json(cls, data: _JsonText, /) -> Self:
        """Reads JSON text, keeping every member; raises ``callflow.ValidationError`` only
        when it is not shaped like a call flow."""
    @classmethod
    def from_dict(cls, data: dict[str, Any], /) -> Self:
        """Reads a dict, keeping every member; raises ``callflow.ValidationError`` only
        when it is not shaped like a call flow."""
    @property
    def extension(self) -> int | None:
        """The extension number."""
    @property
    def name(self) -> str | None:
        """The call flow's name."""
    @property
    def show_call_route_name(self) -> bool | None:
        """Whether the name is shown in the forwarded caller ID, when set."""
    @property
    def show_original_caller_id(self) -> bool | None:
        """Whether the forwarded caller ID is the original caller's, when set."""
    @property
    def uuid(self) -> str | None:
        """The uuid the API gave the call flow (read-only)."""
    @property
    def created_on(self) -> str | None:
        """When the call flow was created (read-only)."""
    @property
    def updated_on(self) -> str | None:
        """When the call flow was last updated (read-only)."""
    @property
    def modules(self) -> dict[str, Module]:
        """The modules by key, in order."""
    def with_module(self, key: str, module: Module) -> CallFlow:
        """A copy with the module at ``key`` added or replaced."""
    def check(self, *, strict: bool = False) -> Report:
        """Every issue in the call flow."""
    def to_json(self) -> str:
        """The call flow as compact JSON text, members in order."""
    def to_dict(self) -> dict[str, Any]:
        """The call flow as a dict, members in order."""
    def __eq__(self, other: object, /) -> bool: ...

def pbx_check(
    doc: _JsonText | _Json,
    /,
    *,
    strict: bool = False,
) -> Report:
    """Checks a Yay.com call flow given as a dict or as JSON text and returns every issue;
    with ``strict``, only the modules the Yay docs list are accepted."""

def pbx_simulate(
    flow: CallFlow | _JsonText | _Json,
    call: _JsonText | _Json | None = None,
    /,
    *,
    options: _JsonText | _Json | None = None,
) -> dict[str, Any]:
    """Simulates one call through a Yay.com call flow and returns its transcript as a
    dict; a call or options that cannot be read raise ``callflow.EmulatorError`` (code
    ``invalid-call`` or ``invalid-options``), a flow that is not shaped like one
    ``callflow.ValidationError``."""

def pbx_explore(
    flow: CallFlow | _JsonText | _Json,
    template: _JsonText | _Json | None = None,
    /,
    *,
    options: _JsonText | _Json | None = None,
) -> dict[str, Any]:
    """Explores every path of a Yay.com call flow and returns the exploration as a
    dict."""

def pbx_coverage(
    flow: CallFlow | _JsonText | _Json,
    calls: _JsonText | _Json,
    /,
    *,
    options: _JsonText | _Json | None = None,
) -> dict[str, Any]:
    """The edge coverage of a list of scripted calls through a Yay.com call flow, as a
    dict; a call that cannot be read raises ``callflow.EmulatorError`` naming it by its
    index."""

def render(
    doc: _JsonText | _Json,
    /,
    *,
    format: Literal["mermaid", "dot", "svg"] = "mermaid",
) -> str:
    """Draws a Yay.com call flow, an 8x8 body or an 8x8 IVR (``{"menus": ...}``) as
    Mermaid, DOT or SVG text."""

# The API clients. ``callflow.client`` wraps them; use its classes instead.

def client_defaults() -> Any:
    """The Rust client's default settings: ``timeout`` and ``connect_timeout`` in
    seconds, ``max_retries``, ``retry_non_idempotent``."""

@final
class Session:
    """The answer to an accepted callflow: the session it created."""

    def __new__(
        cls,
        *,
        session_id: str,
        session_status: str,
        call_flow_request_id: str,
        status_code: int,
        status_message: str,
        valid_until: str | None = None,
    ) -> Self: ...
    @property
    def session_id(self) -> str:
        """The session's id (a UUID), found again in the webhooks."""
    @property
    def session_status(self) -> str:
        """``"CREATED"``: accepted, not yet answered."""
    @property
    def call_flow_request_id(self) -> str:
        """The id of this request."""
    @property
    def status_code(self) -> int:
        """``1`` for created."""
    @property
    def status_message(self) -> str:
        """``"Created"``."""
    @property
    def valid_until(self) -> str | None:
        """Until when the session may still start, if the request said so."""

@final
class VoiceClient:
    """The native 8x8 Voice client: each call blocks with the GIL released."""

    def __new__(cls, api_key: str, subaccount_id: str, options: dict[str, Any]) -> Self: ...
    @property
    def subaccount_id(self) -> str: ...
    def send_callflow(self, flow: Callflow | dict[str, Any] | str | bytes) -> Session: ...
    def preview_callflow(self, flow: Callflow | dict[str, Any] | str | bytes) -> dict[str, Any]: ...
    def speech_profiles(self) -> list[dict[str, Any]]: ...
    def webhooks(self) -> list[dict[str, Any]]: ...
    def set_webhook(
        self, kind: str, url: str, http_auth_header: str | None = None, enabled: bool | None = None
    ) -> list[dict[str, Any]]: ...
    def delete_webhook(self, kind: str) -> dict[str, Any]: ...
    def recordings(self, session_id: str) -> list[dict[str, Any]]: ...
    def numbers(self) -> list[dict[str, Any]]: ...
    def number(self, number: str) -> dict[str, Any]: ...

@final
class YayClient:
    """The native Yay.com call-flow client: each call blocks with the GIL released."""

    def __new__(
        cls, reseller: str, user: str, password: str, on_behalf_of: str | None, options: dict[str, Any]
    ) -> Self: ...
    def list_flows(self) -> list[dict[str, Any]]: ...
    def get_flow(self, uuid: str) -> dict[str, Any]: ...
    def create_flow(self, flow: CallFlow | dict[str, Any]) -> dict[str, Any]: ...
    def update_flow(self, uuid: str, flow: CallFlow | dict[str, Any]) -> dict[str, Any]: ...
    def modify_flow(
        self, uuid: str, change: Callable[[dict[str, Any]], Any], event_loop: Any | None = None
    ) -> dict[str, Any]:
        """Reads a call flow, calls ``change`` with it (awaiting what it returns on
        ``event_loop`` when that is an awaitable), and writes the changed flow back."""
    def delete_flow(self, uuid: str) -> None: ...
    def next_extension(self) -> int: ...

# The call emulator. ``callflow.testing`` drives it; use its functions instead.

_Failure = Literal["timeout", "connection", "too-large", "redirect"]

@final
class Webhook:
    """A webhook the emulated platform delivers: its kind, event type,
    ``clientActionId`` and the JSON body 8x8 would POST."""

    @property
    def kind(self) -> Literal["VCA", "VCS", "VSS"]:
        """``"VCA"`` (Voice Call Action), ``"VCS"`` (Voice Call Status) or ``"VSS"``
        (Voice Session Summary)."""
    @property
    def event_type(self) -> str:
        """``"CALL_ACTION"``, ``"CALL_STATUS"`` or ``"SESSION_SUMMARY"``."""
    @property
    def client_action_id(self) -> str | None:
        """The ``clientActionId`` the webhook carries, or None."""
    @property
    def body(self) -> str:
        """The JSON body, as text."""

@final
class Transcript:
    """The record of an emulated call: JSON in the documented schema, and text for
    people."""

    @property
    def ok(self) -> bool:
        """True when no finding is an error."""
    def to_json(self) -> str:
        """The transcript as compact JSON text."""
    def to_text(self) -> str:
        """The transcript for people: one line per step, then the findings."""
    def to_dict(self) -> dict[str, Any]:
        """The transcript as a dict, in the shape of ``to_json()``."""

@final
class Emulator:
    """One emulated call, driven from Python: take each webhook with ``next_webhook()``,
    deliver it, and hand back the answer with ``respond()`` (or ``fail()``) until
    ``next_webhook()`` gives None."""

    @staticmethod
    def outbound(
        request: _JsonText | _Json, /, script: _JsonText | _Json = None, options: _JsonText | _Json = None
    ) -> Emulator:
        """An outbound call from a Send Callflow request, checked as the API would
        check it, with a caller script and options (None for the defaults)."""
    @staticmethod
    def inbound(
        from_number: str, to_number: str, /, script: _JsonText | _Json = None, options: _JsonText | _Json = None
    ) -> Emulator:
        """An inbound call from ``from_number`` to the virtual number ``to_number``."""
    def next_webhook(self) -> Webhook | None:
        """The next webhook to deliver, or None when the call is over."""
    def respond(self, status: int, body: bytes | bytearray | str, latency_ms: float) -> None:
        """The backend's answer to the last webhook: HTTP status, body and latency (a
        finite number of milliseconds, at least 0)."""
    def fail(self, kind: _Failure, detail: str, latency_ms: float) -> None:
        """No usable answer to the last webhook, and why."""
    def transcript(self) -> Transcript:
        """The transcript so far; complete once ``next_webhook()`` gave None."""

@final
class MapBackend:
    """A backend scripted by an IVR map (``{"start"?, "menus": {clientActionId: {keys:
    reply}}}``): it answers each webhook the same way every time."""

    def __new__(cls, map: _JsonText | _Json, /) -> Self: ...
    def answer(self, webhook: Webhook) -> tuple[int, bytes, float] | tuple[_Failure, str, float]:
        """``(status, body, latency_ms)`` for an HTTP answer, or ``(failure, detail,
        latency_ms)`` when the map gives no usable answer."""

@final
class Scenario:
    """A scenario: the request (or inbound numbers), the caller script, the options and
    the expectations."""

    def __new__(cls, scenario: _JsonText | _Json, /) -> Self: ...
    @property
    def name(self) -> str:
        """The scenario's name."""
    def start(self) -> Emulator:
        """A new emulator for the scenario's call."""
    def check(self, transcript: Transcript) -> list[str]:
        """The expectations ``transcript`` does not meet, in words; empty when it passed."""

def emulate_http(
    emulator: Emulator,
    vca_url: str,
    /,
    *,
    status_url: str | None = None,
    summary_url: str | None = None,
    secret: str | None = None,
    timeout: float | None = None,
) -> Transcript:
    """Runs the call of ``emulator`` to its end against a backend over HTTP, with the GIL
    released, and returns its transcript."""

# The IVR explorer. ``callflow.testing.explore`` drives it; use that instead.

@final
class Exploration:
    """What an exploration found: menus, coverage, findings and the IVR map."""

    @property
    def ok(self) -> bool:
        """True when no finding is an error."""
    def to_json(self) -> str:
        """The exploration as compact JSON text."""
    def to_text(self) -> str:
        """The exploration for people."""
    def to_dict(self) -> dict[str, Any]:
        """The exploration as a dict, in the shape of ``to_json()``."""
    def scenarios(self) -> list[tuple[str, dict[str, Any]]]:
        """One scenario per finding, as ``(file name, scenario)``."""

@final
class Explorer:
    """Maps a backend's IVR: ``next_call()`` gives each call to run, ``record()`` takes it
    back once run, ``exploration()`` tells what was found."""

    @staticmethod
    def outbound(
        request: _JsonText | _Json, /, options: _JsonText | _Json = None, settings: _JsonText | _Json = None
    ) -> Explorer:
        """Explores the IVR a Send Callflow request starts; ``options`` are the
        emulator's, ``settings`` the explorer's (``maxCalls``, ``maxDepth``,
        ``dialect``)."""
    @staticmethod
    def inbound(
        from_number: str, to_number: str, /, options: _JsonText | _Json = None, settings: _JsonText | _Json = None
    ) -> Explorer:
        """Explores the IVR a call from ``from_number`` to ``to_number`` meets."""
    def next_call(self) -> Emulator | None:
        """The next call to run, or None when the exploration is over."""
    def record(self, call: Emulator) -> None:
        """Takes back the call ``next_call()`` gave, once it has run."""
    def exploration(self) -> Exploration:
        """What was found so far."""

def explore_http(
    explorer: Explorer,
    vca_url: str,
    /,
    *,
    status_url: str | None = None,
    summary_url: str | None = None,
    secret: str | None = None,
    timeout: float | None = None,
) -> Exploration:
    """Runs the rest of the exploration against a backend over HTTP, with the GIL
    released, and returns what it found."""

# IVR maps. ``callflow.ivr`` wraps them with handlers; use that instead.

def ivr_check(map: _JsonText | _Json, /) -> Report:
    """Every issue of an IVR map (a dict, or JSON ``str`` or ``bytes``), shorthand or full."""

def ivr_check_with(map: _JsonText | _Json, handlers: Iterable[str], /) -> Report:
    """``ivr_check``, and every handler the map names must be one of ``handlers``."""

def ivr_expand(map: _JsonText | _Json, /) -> dict[str, Any]:
    """The full map, every shorthand expanded; ``callflow.ValidationError`` when the
    shorthand cannot be expanded."""

@final
class Turn:
    """The answer to one webhook, with where in the map it came from (for logs)."""

    @property
    def menu(self) -> str | None:
        """The menu that answered; None for ``start`` and for webhooks that are not call
        actions."""
    @property
    def key(self) -> str | None:
        """The key that matched: the digits, ``"*"``, ``"silence"`` or ``"bridged"``."""
    @property
    def fallback(self) -> Literal["unknown-menu", "no-answer"] | None:
        """Set when the answer is ``start`` because the map has none for this event."""
    @property
    def reply(self) -> Reply | None:
        """The reply to send, when the map gives one."""
    @property
    def body(self) -> str | None:
        """The reply's JSON exactly as the map writes it (members sorted, a ``null``
        kept), which ``reply.to_json()`` writes without the ``null``s."""
    @property
    def handler(self) -> str | None:
        """The handler to call, when the map names one."""

@final
class IvrMap:
    """An IVR map loaded for answering webhooks: expanded, checked, every reply validated
    once."""

    def __new__(cls, map: _JsonText | _Json, /) -> Self: ...
    @property
    def report(self) -> Report:
        """The warnings found when the map was loaded."""
    @property
    def handler_names(self) -> list[str]:
        """The names of the handlers the map calls, sorted, each once."""
    def request(self, source: str, destination: str, /, valid_until: str | datetime | None = None) -> Callflow:
        """The Send Callflow body that starts an outbound call from ``source`` to
        ``destination``."""
    def route(self, event: Event, /) -> Turn:
        """Where the map answers ``event`` from, and with what."""
    def handler_reply(self, returned: Reply | str | _Json, /) -> Reply:
        """What a handler returned, expanded with the map's defaults and validated."""
