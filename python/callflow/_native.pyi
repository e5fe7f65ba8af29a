"""The native core of callflow. Import from ``callflow`` and ``callflow.voice`` instead."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Literal, final

from typing_extensions import Self, disjoint_base

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
    "CallFlow",
    "Module",
    "Target",
    "pbx_check",
    "render",
    "__version__",
]

__version__: str

_Profile = Literal["request", "reply"]
_JsonText = str | bytes | bytearray

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
    def status_code(self) -> int | str:
        """The first error's code, or 1 when there is none: for 8x8 Voice, the status
        code the platform would answer."""
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

@final
class MakeCall(Action):
    """Place a call; in a webhook reply, bridge the live call to a new destination."""

    def __new__(
        cls, *, source: str, destination: str, call_recording: bool | None = None
    ) -> Self: ...
    @property
    def source(self) -> str:
        """Caller ID: an MSISDN (``+`` optional) whitelisted for the sub-account."""
    @property
    def destination(self) -> str:
        """The number to call: an MSISDN, ``+`` optional."""
    @property
    def call_recording(self) -> bool | None:
        """Record the session (needs recording set up on the account)."""

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
        """The text to speak, 1 to 3000 characters."""
    @property
    def voice_profile(self) -> str:
        """A speech profile code such as ``en-US-BenjaminRUS``."""
    @property
    def repetition(self) -> int | None:
        """How many times to speak it, 1 to 3."""
    @property
    def speed(self) -> float | None:
        """Speech rate, 0.5 to 2.0."""
    @property
    def language(self) -> str | None:
        """Legacy language code such as ``en-US``."""

@final
class PlayFile(Action):
    """Play an MP3 or WAV file into the call."""

    def __new__(cls, *, file_url: str, repetition: int | None = None) -> Self: ...
    @property
    def file_url(self) -> str:
        """An ``http`` or ``https`` URL of an MP3 or WAV file under 5 MB."""
    @property
    def repetition(self) -> int | None:
        """How many times to play it, 1 to 3."""

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
        """The prompt to speak, 1 to 3000 characters."""
    @property
    def voice_profile(self) -> str:
        """A speech profile code such as ``en-US-BenjaminRUS``."""
    @property
    def repetition(self) -> int | None:
        """How many times to speak the prompt, 1 to 3."""
    @property
    def speed(self) -> float | None:
        """Speech rate, 0.5 to 2.0."""
    @property
    def min_digits(self) -> int | None:
        """Fewest digits accepted, 1 to 25; needs ``max_digits``."""
    @property
    def max_digits(self) -> int | None:
        """Most digits accepted, 1 to 25; needed when ``complete_on_hash`` is false."""
    @property
    def digit_timeout(self) -> int | None:
        """Milliseconds allowed between two digits; needs ``overall_timeout``."""
    @property
    def overall_timeout(self) -> int | None:
        """Milliseconds allowed for the whole input, at least ``digit_timeout``."""
    @property
    def complete_on_hash(self) -> bool | None:
        """True: ``#`` ends the input; False: input ends after ``max_digits`` digits."""
    @property
    def no_of_tries(self) -> int | None:
        """How many times the prompt is tried on failed input."""
    @property
    def success_message(self) -> str | None:
        """Spoken after a valid input, up to 3000 characters."""
    @property
    def failure_message(self) -> str | None:
        """Spoken after a failed input, up to 3000 characters."""

@final
class Hangup(Action):
    """End the session, disconnecting every call leg."""

    def __new__(cls) -> Self: ...

@final
class Callflow:
    """The body of a Send Callflow request: ``{"validUntil"?, "callflow": [...]}``.

    Validated on construction against the system clock; an invalid flow raises
    ``callflow.ValidationError`` listing every issue.
    """

    def __new__(
        cls, actions: Iterable[Action], *, valid_until: datetime | str | None = None
    ) -> Self: ...
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

def render(
    doc: _JsonText | _Json,
    /,
    *,
    format: Literal["mermaid", "dot", "svg"] = "mermaid",
) -> str:
    """Draws a Yay.com call flow, an 8x8 body or an 8x8 IVR (``{"menus": ...}``) as
    Mermaid, DOT or SVG text."""
