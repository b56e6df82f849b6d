"""Test set-up shared by all tests.

Headless Qt, and every per-user file (settings, logs, autosave, keys,
mappings) redirected to a temp folder per test, so tests never touch the
developer's own Wijkkompas data and never see each other's.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_ROOT.parent / "shared"
REFERENCE_SOURCES = SHARED_DIR / "reference-sources"


@pytest.fixture(autouse=True)
def isolated_appdata(tmp_path_factory, monkeypatch) -> Path:
    folder = tmp_path_factory.mktemp("appdata")
    monkeypatch.setenv("WIJKKOMPAS_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture
def reference_sources() -> Path:
    """The raw public data beside the repo; tests that need it skip cleanly without it."""
    if not REFERENCE_SOURCES.is_dir():
        pytest.skip("../shared/reference-sources is niet aanwezig")
    return REFERENCE_SOURCES
