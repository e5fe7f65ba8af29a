"""Exploring a backend's IVR: the core's explorer hands out one call per input path, and
each call is driven exactly as ``emulate`` drives one."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from callflow._native import Emulator, Explorer, explore_http
from callflow._native import Exploration as NativeExploration
from callflow.testing._backends import BackendKind, Routes
from callflow.testing._emulate import (
    Backend,
    HttpUrls,
    Inbound,
    Request,
    Target,
    arguments_of,
    options_of,
    run,
    run_async,
    start_of,
    target_of,
)
from callflow.testing._exploration import Exploration

__all__ = ["explore", "explore_async"]

ExploreDialect = Literal["current", "legacy", "both"]
"""The payload shape the explorer sends: ``both`` runs every path in each, and reports a
path whose outcome differs as ``dialect-dependent``."""


@dataclass(frozen=True)
class _Exploring:
    """The work of ``explore``: the explorer's calls, each given back once run."""

    explorer: Explorer

    def calls(self) -> Iterator[Emulator]:
        while (call := self.explorer.next_call()) is not None:
            yield call
            self.explorer.record(call)

    def over_http(self, urls: HttpUrls) -> NativeExploration:
        return urls.run(explore_http, self.explorer)

    def result(self) -> NativeExploration:
        return self.explorer.exploration()


def _whole(name: str, value: object) -> int:
    """``value``, which must be an ``int`` (not a ``bool``)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    return value


def _exploring(
    backend: Backend,
    request: Request | None = None,
    *,
    inbound: Inbound | None = None,
    options: Mapping[str, Any] | None = None,
    max_calls: int = 500,
    max_depth: int = 10,
    dialect: ExploreDialect | None = None,
    seed: int = 0,
    webhook_timeout: float = 5.0,
    secret: str | None = None,
    kind: BackendKind | None = None,
    vca_path: str = "/vca",
    vss_path: str = "/vss",
    vcs_path: str = "/vcs",
) -> tuple[_Exploring, Target]:
    """The exploration ``explore`` describes, and its backend."""
    settings: dict[str, Any] = {"maxCalls": _whole("max_calls", max_calls), "maxDepth": _whole("max_depth", max_depth)}
    if dialect is not None:
        settings["dialect"] = dialect
    emulator_options = options_of(None, options, seed, webhook_timeout)
    document, numbers = start_of(request, inbound)
    if numbers is None:
        explorer = Explorer.outbound(document, emulator_options, settings)
    else:
        explorer = Explorer.inbound(numbers[0], numbers[1], emulator_options, settings)
    target = target_of(backend, kind, Routes(vca_path, vss_path, vcs_path, secret), webhook_timeout)
    return _Exploring(explorer), target


@arguments_of(_exploring)
def explore(*args: Any, **kwargs: Any) -> Exploration:
    """Explores the IVR of ``backend`` and returns what it found.

    The calls start from ``request`` (a Send Callflow body: dict, JSON ``str`` or
    ``bytes``) or, for an inbound call, from ``inbound=(from, to)``. Breadth-first, each
    path a fresh emulated call, the explorer tries at every capture what its parameters
    allow (every key for one digit; entries of the minimum and maximum length, one too
    short, one too long for longer captures; silence; a hang-up), recognises menus by
    what the backend answered, and stops after ``max_calls`` calls; menus more than
    ``max_depth`` inputs deep are found but not tried. A budget hit is reported in
    ``budget_hit``, never silent.

    ``dialect`` is ``"current"`` or ``"legacy"`` (where the digits travel), or
    ``"both"``: every path in each, a different outcome being a ``dialect-dependent``
    finding. ``backend``, ``kind``, ``secret``, the paths, ``seed``,
    ``webhook_timeout`` and ``options`` are those of ``emulate``.

    Bad arguments raise ``TypeError``; a request that is not JSON, or unusable options,
    ``callflow.EmulatorError``. What goes wrong on a path is a finding of the result.
    """
    return Exploration(run(*_exploring(*args, **kwargs)))


@arguments_of(_exploring)
async def explore_async(*args: Any, **kwargs: Any) -> Exploration:
    """``explore`` for asyncio code, with the same arguments: ``async`` webhook functions
    and ASGI apps run on the running loop; a URL backend runs in a worker thread."""
    return Exploration(await run_async(*_exploring(*args, **kwargs)))
