"""What an exploration gives back: ``Exploration`` and its typed records."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, cast

from callflow._native import Exploration as NativeExploration

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["Coverage", "ExploreFinding", "Exploration", "Menu"]


@dataclass(frozen=True)
class Menu:
    """A menu found: a capture, identified by its ``clientActionId`` and what it does."""

    id: str
    """Its ``clientActionId``, or ``menu-N`` when it has none or shares it."""
    client_action_id: str | None
    """The ``clientActionId`` the capture's call action carries."""
    prompt: str
    """The capture's ``promptMessage``."""
    path: list[str]
    """The shortest input path that reaches it (``"1"``, ``"silence"``, ``"hangup"``)."""
    inputs: dict[str, str]
    """What each input tried did, in the order tried: ``menu:<id>``, ``hangup``,
    ``bridge``, ``caller-hangup`` or ``error:<code>``."""
    explored: bool
    """Whether every input was tried (False past the depth or call budget)."""


@dataclass(frozen=True)
class Coverage:
    """How much of the IVR the exploration tried and reached."""

    menus: int
    """Menus found."""
    menus_explored: int
    """Menus whose every input was tried."""
    inputs_tried: int
    """Inputs tried, over all menus."""
    outcomes: dict[str, int]
    """How many inputs led to each kind of outcome: ``menu``, ``hangup``, ``bridge``,
    ``caller-hangup``, ``error``."""
    calls: int
    """Calls run."""
    max_calls: int
    """The call budget."""
    depth: int
    """The longest input path to a menu found."""
    max_depth: int
    """The depth budget."""


@dataclass(frozen=True)
class ExploreFinding:
    """Something wrong found on some path, with the shortest input path that shows it."""

    code: str
    """A stable kebab-case code: the emulator's (``http-error``, ``invalid-reply``, …) or
    the explorer's (``unhandled-input``, ``caller-trap``, ``dead-end``,
    ``dialect-dependent``)."""
    severity: Literal["error", "warning"]
    """``"error"`` fails the run; ``"warning"`` does not."""
    message: str
    """What happened, in words."""
    path: list[str]
    """The inputs, one per capture, that lead to it."""
    cause: str | None
    """For ``unhandled-input``, the emulator's finding behind it (``http-error``, …)."""


class Exploration:
    """What exploring a backend's IVR found: every menu and what each input did there,
    coverage, findings with the shortest path to each, and the IVR map
    (``callflow.diagram.render(exploration.map)`` draws it).

    ``assert_ok()`` raises ``AssertionError`` with the text report in the message.
    """

    def __init__(self, native: NativeExploration) -> None:
        self._native = native

    @property
    def native(self) -> NativeExploration:
        """The core's exploration object."""
        return self._native

    @cached_property
    def _data(self) -> dict[str, Any]:
        return cast("dict[str, Any]", json.loads(self._native.to_json()))

    @property
    def ok(self) -> bool:
        """True when no finding is an error."""
        return self._native.ok

    @property
    def calls(self) -> int:
        """How many calls were run."""
        return cast(int, self._data["calls"])

    @property
    def start(self) -> str:
        """Where the first call went: ``menu:<id>``, or how it ended."""
        return cast(str, self._data["start"])

    @property
    def menus(self) -> list[Menu]:
        """Every menu found, in the order found."""
        return [
            Menu(
                id=menu["id"],
                client_action_id=menu["clientActionId"],
                prompt=menu["prompt"],
                path=list(menu["path"]),
                inputs=dict(menu["inputs"]),
                explored=menu["explored"],
            )
            for menu in self._data["menus"]
        ]

    @property
    def coverage(self) -> Coverage:
        """How much was tried and reached, and the budgets."""
        data = self._data["coverage"]
        return Coverage(
            menus=data["menus"],
            menus_explored=data["menusExplored"],
            inputs_tried=data["inputsTried"],
            outcomes=dict(data["outcomes"]),
            calls=data["calls"],
            max_calls=data["maxCalls"],
            depth=data["depth"],
            max_depth=data["maxDepth"],
        )

    @property
    def findings(self) -> list[ExploreFinding]:
        """Everything that went wrong or looks wrong, shortest path first."""
        return [ExploreFinding(**finding) for finding in copy.deepcopy(self._data["findings"])]

    @property
    def errors(self) -> list[ExploreFinding]:
        """The findings that fail the run."""
        return [finding for finding in self.findings if finding.severity == "error"]

    @property
    def budget_hit(self) -> Literal["maxCalls", "maxDepth"] | None:
        """``"maxCalls"`` or ``"maxDepth"`` when a budget stopped the search; None when it
        ended by itself."""
        return cast("Literal['maxCalls', 'maxDepth'] | None", self._data["budgetHit"])

    @property
    def map(self) -> dict[str, Any]:
        """What was found as an IVR map (``{"start"?, "menus"}``): a ``MapBackend``
        answers like the backend, and ``callflow.diagram.render`` draws it."""
        return cast("dict[str, Any]", copy.deepcopy(self._data["map"]))

    def to_dict(self) -> dict[str, Any]:
        """The exploration as a dict, in the documented JSON schema."""
        return copy.deepcopy(self._data)

    def to_json(self) -> str:
        """The exploration as compact JSON text (the same text in every language)."""
        return self._native.to_json()

    def to_text(self) -> str:
        """The exploration for people: coverage, each menu's inputs grouped by outcome,
        then the findings."""
        return self._native.to_text()

    def scenarios(self) -> list[tuple[str, dict[str, Any]]]:
        """One scenario per finding, as ``(file name, scenario)``: ``run_scenario``
        replays it, and it passes once the finding is fixed."""
        return self._native.scenarios()

    def assert_ok(self) -> Self:
        """Fails unless no finding is an error."""
        if not self.ok:
            raise AssertionError(f"the exploration has error findings\n\n{self.to_text()}")
        return self

    def assert_no_findings(self) -> Self:
        """Fails if there is any finding, warnings included."""
        if self._data["findings"]:
            raise AssertionError(f"the exploration has findings\n\n{self.to_text()}")
        return self

    def __repr__(self) -> str:
        return (
            f"Exploration(ok={self.ok}, calls={self.calls}, menus={len(self._data['menus'])}, "
            f"findings={len(self._data['findings'])}, budget_hit={self.budget_hit!r})"
        )
