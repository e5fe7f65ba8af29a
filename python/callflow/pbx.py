"""Yay.com PBX call flows: the model, builders, graph checks and call simulation.

Every rule lives in callflow's Rust core, so this module gives exactly the answer the
Rust and Node packages give. Issue codes are kebab-case names such as
``"dangling-reference"``.

>>> from callflow import pbx
>>> flow = pbx.CallFlow(501, "Menu", modules={
...     "start": pbx.Module.start("menu"),
...     "menu": pbx.Module.press_extension().with_branch("1", "sales"),
... })
>>> [(issue.code, issue.path) for issue in flow.check().issues][:2]
[('missing-outcome', '$.flow.menu.next.invalid'), ('missing-outcome', '$.flow.menu.next.timeout')]

A call, simulated as the switchboard would run it (see ``docs/SIMULATION.md``):

>>> flow = pbx.CallFlow.from_dict({"extension": 501, "name": "Menu", "flow": {
...     "start": {"module": "start", "next": "menu"},
...     "menu": {"module": "pressextension", "next": {"1": "vm", "invalid": "vm", "timeout": "vm"}},
...     "vm": {"module": "voicemail", "mailboxes": ["7c1f"]}}})
>>> call = pbx.simulate(flow, {"script": [{"press": "1"}]})
>>> call["visited"], call["ended"]["kind"], call["durationMs"]
(['start', 'menu', 'vm'], 'voicemail', 500)
>>> pbx.explore(flow)["coverage"]["share"]
1.0
"""

from __future__ import annotations

from typing import Any, Literal, Mapping, Sequence, TypedDict, Union, cast

from callflow._native import CallFlow, Issue, Module, Report, Target
from callflow._native import pbx_check as check
from callflow._native import pbx_coverage as _coverage
from callflow._native import pbx_explore as _explore
from callflow._native import pbx_simulate as _simulate

__all__ = [
    "CallFlow",
    "Issue",
    "Module",
    "Report",
    "Target",
    "check",
    "simulate",
    "explore",
    "coverage",
    "Call",
    "SimulationOptions",
    "SimulatedCall",
    "Step",
    "Ended",
    "Finding",
    "Exploration",
    "ExploredPath",
    "Coverage",
    "ExploreFinding",
    "See",
]

Outcome = Literal["answer", "busy", "unavailable", "noanswer"]


class _RingTimed(TypedDict, total=False):
    outcome: Outcome
    ringMs: int


_Ring = Union[Outcome, _RingTimed]


class _ExtensionEntry(TypedDict, total=False):
    type: Literal["sipuser", "huntgroup", "callflow", "voicemailmenu"]
    uuid: str


class Call(TypedDict, total=False):
    """A call to simulate (or, for ``explore``, what the explorer does not vary)."""

    caller: str
    """The caller's number, or ``"anonymous"`` (withheld, the default)."""
    internal: bool
    """A call from a phone of the tenant: ``calleridmatch`` takes ``nomatch``."""
    script: Sequence[Any]
    """The caller at each prompt: ``{"press": "1"}``, ``"silence"``, ``"hangup"``,
    ``{"hangup": {"afterMs": 3000}}``."""
    rings: Mapping[str, _Ring | Sequence[_Ring]]
    """What each rung phone does, by module key, target uuid or number, or extension."""
    extensions: Mapping[str, _ExtensionEntry | str]
    """The tenant's extensions: number to ``sipuser``, ``huntgroup``, ``callflow``, ..."""
    hours: Literal["open", "closed"]


class SimulationOptions(TypedDict, total=False):
    """The virtual clock where a flow says nothing, and the explorer's limits."""

    soundMs: int
    keyIntervalMs: int
    answerMs: int
    talkMs: int
    longWaitMs: int
    maxPaths: int


class Step(TypedDict):
    atMs: int
    module: str
    name: str
    what: str
    durationMs: int
    input: str | None
    edge: str | None


class Ended(TypedDict, total=False):
    """How a call ended: ``kind`` and the members of that kind."""

    kind: Literal[
        "answered", "voicemail", "conference", "fax", "trunk", "transferred", "busy",
        "callFlow", "hangup", "dropped", "stepCap", "repeat",
    ]
    module: str | None
    by: str
    mailbox: str | None
    room: str | None
    uuid: str | None
    to: str | None
    via: str
    target: str | None
    cause: str
    at: str
    input: str


class Finding(TypedDict):
    code: str
    severity: Literal["error", "warning"]
    message: str
    step: int


class SimulatedCall(TypedDict):
    """The transcript of one simulated call."""

    ok: bool
    caller: str
    internal: bool
    visited: list[str]
    heard: list[str]
    pressed: list[str]
    steps: list[Step]
    ended: Ended
    answeredAtMs: int | None
    waitMs: int
    durationMs: int
    findings: list[Finding]


class ExploredPath(TypedDict):
    call: Call
    inputs: list[str]
    visited: list[str]
    ended: Ended
    durationMs: int
    waitMs: int


class Coverage(TypedDict):
    edges: int
    used: int
    share: float
    unused: list[str]
    unmodelled: list[str]


class See(TypedDict):
    code: str
    path: str


class ExploreFinding(TypedDict):
    code: str
    severity: Literal["error", "warning"]
    message: str
    call: Call | None
    see: See | None


class Exploration(TypedDict):
    """Every path explored, the edge coverage, and the findings."""

    ok: bool
    paths: list[ExploredPath]
    budgetHit: bool
    coverage: Coverage
    findings: list[ExploreFinding]


_Flow = Union[CallFlow, dict[str, Any], str, bytes]


def simulate(
    flow: _Flow,
    call: Call | str | bytes | None = None,
    *,
    options: SimulationOptions | None = None,
) -> SimulatedCall:
    """Simulates one call through a Yay.com call flow: the modules visited on a virtual
    clock, what the caller heard, pressed and waited for, how the call ended, and the
    findings (``call-drops``, ``step-cap``, ``long-wait``)."""
    return cast(SimulatedCall, _simulate(flow, cast(Any, call), options=cast(Any, options)))


def explore(
    flow: _Flow,
    template: Call | str | bytes | None = None,
    *,
    options: SimulationOptions | None = None,
) -> Exploration:
    """Explores every path of a Yay.com call flow for every class of input, within
    ``options["maxPaths"]``: the paths, which edges they used, and the findings, each
    with the shortest call that shows it."""
    return cast(Exploration, _explore(flow, cast(Any, template), options=cast(Any, options)))


def coverage(
    flow: _Flow,
    calls: Sequence[Call] | str | bytes,
    *,
    options: SimulationOptions | None = None,
) -> Coverage:
    """The edge coverage of a set of scripted calls (a team's tests) through a Yay.com
    call flow: how many edges they use, and which edges none does, so the gaps show.

    >>> from callflow import pbx
    >>> flow = {"extension": 501, "name": "m", "flow": {
    ...     "s": {"module": "start", "next": "m"},
    ...     "m": {"module": "pressextension", "next": {"1": "b", "invalid": "b", "timeout": "b"}},
    ...     "b": {"module": "busy"}}}
    >>> pbx.coverage(flow, [{"script": [{"press": "1"}]}])["unused"]
    ['$.flow.m.next.invalid', '$.flow.m.next.timeout']
    """
    listed: Any = calls if isinstance(calls, (str, bytes)) else list(calls)
    return cast(Coverage, _coverage(flow, listed, options=cast(Any, options)))
