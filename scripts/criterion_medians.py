"""Reads criterion's results: the median time of each function of a benchmark group."""

import json
import os
import pathlib


def medians(group: str) -> dict[str, float]:
    """Each function of ``group`` with its median time in nanoseconds, from the last run."""
    folder = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", "target")) / "criterion" / group
    found = {}
    for bench in folder.iterdir():
        meta = bench / "new" / "benchmark.json"
        if meta.exists():
            name = json.loads(meta.read_text())["function_id"]
            found[name] = json.loads((bench / "new" / "estimates.json").read_text())["median"]["point_estimate"]
    return found
