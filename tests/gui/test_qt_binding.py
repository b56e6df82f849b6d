"""Guard against Qt-binding releases that leak or over-release references.

PySide6 6.12.0 decremented None's reference count on every call to a Qt
method returning void; on Python 3.11 the interpreter then aborts
("none_dealloc"). pyproject caps the version; this test fails loudly if an
installed binding has such a bug again.
"""
from __future__ import annotations

import sys

from PySide6.QtWidgets import QLineEdit


def test_void_qt_calls_keep_none_refcount_stable(qtbot):
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.setText("warm-up")
    before = sys.getrefcount(None)
    for _ in range(2000):
        edit.setText("a")
        edit.setToolTip("b")
    drift = before - sys.getrefcount(None)
    assert abs(drift) < 100, f"Qt binding changed None's refcount by {drift} over 4000 void calls"
