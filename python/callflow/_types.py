"""The shapes of the dicts callflow returns, for type checkers."""

from __future__ import annotations

from typing import Any, Literal, TypedDict


class IssueDict(TypedDict):
    """One issue as a dict: what ``Issue.to_dict()`` returns."""

    code: int | str
    path: str
    message: str
    severity: Literal["error", "warning"]
    hint: str | None


class _ReportFields(TypedDict):
    ok: bool
    statusCode: int | str
    issues: list[IssueDict]


class ReportDict(_ReportFields, total=False):
    """A report as a dict: what ``Report.to_dict()`` returns (the CLI's JSON shape).

    ``omitted`` is present only when issues were left out of ``issues``.
    """

    omitted: int


class _ActionFields(TypedDict):
    action: str


class ActionDict(_ActionFields, total=False):
    """An action in the wire format: what ``Action.to_dict()`` returns (``hangup`` has
    no ``params``)."""

    params: dict[str, Any]
