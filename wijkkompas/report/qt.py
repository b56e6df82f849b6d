"""A Qt GUI application for painting when none exists (CLI, tests): offscreen where there is no display.

Why: QPdfWriter, QPainter on QImage and font metrics need a QGuiApplication,
but the report must also run from ``wijkkompas rapport`` on a server without a
screen. Inside the app the existing QApplication is used as is. Never QtWidgets.
"""
from __future__ import annotations

import os
import sys

from PySide6.QtGui import QGuiApplication

_app: QGuiApplication | None = None


def ensure_gui_application() -> QGuiApplication:
    global _app
    existing = QGuiApplication.instance()
    if existing is not None:
        if not isinstance(existing, QGuiApplication):
            raise RuntimeError("Er draait al een Qt-toepassing zonder grafische onderdelen.")
        return existing
    headless = sys.platform.startswith("linux") and not (os.environ.get("DISPLAY")
                                                         or os.environ.get("WAYLAND_DISPLAY"))
    if (headless or os.environ.get("CI")) and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    _app = QGuiApplication(["wijkkompas-rapport"])
    return _app
