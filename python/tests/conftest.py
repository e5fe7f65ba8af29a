"""Shared helpers of the Python test suite."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
"""The repository root: the shared vectors and the README live there."""
