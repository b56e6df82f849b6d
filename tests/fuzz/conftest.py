"""The long fuzz run is opt-in: ``pytest -m fuzz_long tests/fuzz`` or WIJKKOMPAS_FUZZ_LONG=1.

Why not in the default run: thousands of cases take many minutes on CI's
two cores; the fast suite (same generators, fewer cases) runs every time.
"""
from __future__ import annotations

import os

import pytest


def pytest_collection_modifyitems(config, items):
    wanted = "fuzz_long" in (config.getoption("markexpr") or "") and "not fuzz_long" not in config.getoption("markexpr")
    if wanted or os.environ.get("WIJKKOMPAS_FUZZ_LONG"):
        return
    skip = pytest.mark.skip(reason="lange fuzz-run: start met -m fuzz_long of WIJKKOMPAS_FUZZ_LONG=1")
    for item in items:
        if "fuzz_long" in item.keywords:
            item.add_marker(skip)
