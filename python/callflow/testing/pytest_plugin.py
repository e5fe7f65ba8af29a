"""The pytest plugin of callflow (registered through the ``pytest11`` entry point): the
``callflow_emulator`` fixture and the ``callflow`` marker.

The fixture is an ``Emulation``: ``emulate``, ``emulate_async`` and ``run_scenario``
bound to defaults the test sets, with ``set(...)`` or with the marker::

    @pytest.mark.callflow(backend=app, request=REQUEST, dialect="legacy")
    def test_press_1_hangs_up(callflow_emulator):
        result = callflow_emulator.emulate(press="1")
        result.assert_heard("Goodbye")

It imports no web framework.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Mapping
from typing import Any

import pytest

from callflow.testing._emulate import Backend, Request, emulate, emulate_async, run_scenario
from callflow.testing._result import CallResult, ScenarioResult

__all__ = ["Emulation", "callflow_emulator"]

_SETTINGS = frozenset(inspect.signature(emulate).parameters)
_SCENARIO_SETTINGS = frozenset(inspect.signature(run_scenario).parameters) - {"scenario"}


class Emulation:
    """``callflow.testing.emulate`` with defaults: every argument ``emulate`` takes may
    be set once (``set(backend=app, dialect="legacy")``) and overridden per call.

    >>> emulation = Emulation(backend=lambda event: None).set(seed=7)
    >>> emulation.defaults["seed"]
    7
    >>> emulation.set(colour="blue")
    Traceback (most recent call last):
    ...
    TypeError: emulate() takes no argument 'colour'
    """

    def __init__(self, **defaults: Any) -> None:
        self.defaults: dict[str, Any] = {}
        """The arguments every call gets unless it passes its own."""
        self.set(**defaults)

    def set(self, **defaults: Any) -> Emulation:
        """Sets defaults (any argument of ``emulate``) and returns this object."""
        for name in defaults:
            if name not in _SETTINGS:
                raise TypeError(f"emulate() takes no argument {name!r}")
        self.defaults.update(defaults)
        return self

    def emulate(self, request: Request | None = None, backend: Backend | None = None, **overrides: Any) -> CallResult:
        """``emulate`` with the defaults, overridden by what is passed here."""
        return emulate(**self._arguments(request, backend, overrides))

    async def emulate_async(
        self, request: Request | None = None, backend: Backend | None = None, **overrides: Any
    ) -> CallResult:
        """``emulate_async`` with the defaults, overridden by what is passed here."""
        return await emulate_async(**self._arguments(request, backend, overrides))

    def run_scenario(
        self, scenario: str | os.PathLike[str] | Mapping[str, Any], backend: Backend | None = None, **overrides: Any
    ) -> ScenarioResult:
        """``run_scenario`` with the defaults that apply to it (backend, secret, kind and
        paths), overridden by what is passed here."""
        arguments = {k: v for k, v in self.defaults.items() if k in _SCENARIO_SETTINGS}
        arguments.update(overrides)
        if backend is not None:
            arguments["backend"] = backend
        return run_scenario(scenario, **arguments)

    def _arguments(self, request: Request | None, backend: Backend | None, overrides: dict[str, Any]) -> dict[str, Any]:
        arguments = {**self.defaults, **overrides}
        if request is not None:
            arguments["request"] = request
        if backend is not None:
            arguments["backend"] = backend
        return arguments

    def __repr__(self) -> str:
        return f"Emulation({', '.join(f'{k}={v!r}' for k, v in self.defaults.items())})"


def pytest_configure(config: pytest.Config) -> None:
    """Declares the ``callflow`` marker."""
    config.addinivalue_line(
        "markers",
        "callflow(**defaults): defaults of the callflow_emulator fixture (backend, request, "
        "dialect, secret, ... any argument of callflow.testing.emulate)",
    )


@pytest.fixture
def callflow_emulator(request: pytest.FixtureRequest) -> Emulation:
    """An ``Emulation``: ``emulate`` with defaults from the ``callflow`` markers (the
    closest wins) and from ``set(...)``."""
    emulation = Emulation()
    for marker in reversed(list(request.node.iter_markers("callflow"))):
        if marker.args:
            raise TypeError("@pytest.mark.callflow takes keyword arguments only")
        emulation.set(**marker.kwargs)
    return emulation
