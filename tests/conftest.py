"""Test set-up shared by all tests.

Headless Qt, and every per-user file (settings, logs, autosave, keys,
mappings) redirected to a temp folder per test, so tests never touch the
developer's own Wijkkompas data and never see each other's.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from demo_support import DEMO_KEY_HEX

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_ROOT.parent / "shared"
REFERENCE_SOURCES = SHARED_DIR / "reference-sources"


# One demo key and one demo cache for the whole session: building the demo imports 4½ years of
# declaraties, so every test with --demo would otherwise spend minutes on it (core/demo.py caches
# per key; the key file is the same in every test's own app-data folder). The cache folder is set
# when this file loads, so module-scoped fixtures (which run before the per-test app-data fixture)
# hit the same cache through tests/demo_support.cached_demo().
# With pytest-xdist the controller creates the folders and its workers inherit them through the
# environment, so the demo is built once per run, not once per worker.
_DEMO_KEY = DEMO_KEY_HEX
_SESSION_ENV = "WIJKKOMPAS_TEST_SESSION_DIR"
_IS_WORKER = bool(os.environ.get("PYTEST_XDIST_WORKER"))
if _IS_WORKER and os.environ.get(_SESSION_ENV):
    _SESSION_DIR = Path(os.environ[_SESSION_ENV])
else:
    _SESSION_DIR = Path(tempfile.mkdtemp(prefix="wijkkompas-tests-"))
    os.environ[_SESSION_ENV] = str(_SESSION_DIR)
_SESSION_DEMO_CACHE = _SESSION_DIR / "demo-cache"
_SESSION_DEMO_CACHE.mkdir(exist_ok=True)
os.environ["WIJKKOMPAS_DEMO_CACHE"] = str(_SESSION_DEMO_CACHE)
# Module- and session-scoped fixtures run before the per-test app-data folder exists: give them a
# session folder of their own, never the developer's real Wijkkompas data.
_SESSION_APPDATA = _SESSION_DIR / "appdata"
(_SESSION_APPDATA / "sleutels").mkdir(parents=True, exist_ok=True)
os.environ["WIJKKOMPAS_DATA_DIR"] = str(_SESSION_APPDATA)
(_SESSION_APPDATA / "sleutels" / "voorbeeldstaddemo.key").write_text(_DEMO_KEY, encoding="ascii")


@pytest.fixture(scope="session")
def shared_demo_cache() -> Path:
    return _SESSION_DEMO_CACHE


@pytest.fixture(autouse=True)
def isolated_appdata(tmp_path_factory, monkeypatch, shared_demo_cache) -> Path:
    folder = tmp_path_factory.mktemp("appdata")
    monkeypatch.setenv("WIJKKOMPAS_DATA_DIR", str(folder))
    monkeypatch.setenv("WIJKKOMPAS_DEMO_CACHE", str(shared_demo_cache))
    (folder / "sleutels").mkdir()
    (folder / "sleutels" / "voorbeeldstaddemo.key").write_text(_DEMO_KEY, encoding="ascii")
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


# --- a clean process exit -----------------------------------------------------------------------------
# Why: after a full run, Qt/pyqtgraph objects that the garbage collector frees during interpreter shutdown
# can crash the process (exit 139, seen after "N passed"), which CI would read as a failure although every
# test passed. Once pytest has printed its summary, end the process with pytest's own exit status.
_EXIT_STATUS: list[int] = []


def pytest_sessionfinish(session, exitstatus):
    _EXIT_STATUS.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    if not _IS_WORKER:  # a worker ending early must not remove what the others still use
        shutil.rmtree(_SESSION_DIR, ignore_errors=True)
    if _EXIT_STATUS and os.environ.get("WIJKKOMPAS_TEST_HARD_EXIT", "1") == "1":
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT_STATUS[-1])
