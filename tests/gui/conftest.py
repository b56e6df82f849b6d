"""GUI test safety: no modal dialog may block a headless run.

pytest-qt closes every window after a test; a dirty project would then open
the modal "Wijzigingen opslaan?" box and hang the run. Default answers are
patched at class level; tests that check those questions patch the instance.
"""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def no_blocking_questions(monkeypatch):
    from wijkkompas.gui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "ask_save_changes", lambda self: "niet_opslaan")
    monkeypatch.setattr(MainWindow, "ask_recovery", lambda self, entry: "later")
