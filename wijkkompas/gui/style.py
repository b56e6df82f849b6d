"""Visual constants shared by the main window and panels (one calm, accessible look)."""
from __future__ import annotations

ACCENT = "#1F4E79"
TEXT_MUTED = "#5f6b7a"
CARD_BORDER = "#d5dbe3"

NAV_STYLE = """
QListWidget#navigation {
    background: #1b2a3a; color: #e8eef5; border: none; font-size: 10.5pt; padding-top: 8px;
}
QListWidget#navigation::item { padding: 10px 16px; border-left: 4px solid transparent; }
QListWidget#navigation::item:selected {
    background: #2c4560; color: white; border-left: 4px solid #f2a900;
}
QListWidget#navigation::item:hover:!selected { background: #24384d; }
"""

APP_STYLE = f"""
QWidget {{ font-size: 10pt; }}
QLabel[role="title"] {{ font-size: 17pt; font-weight: 600; color: {ACCENT}; }}
QLabel[role="subtitle"] {{ font-size: 10.5pt; color: {TEXT_MUTED}; }}
QLabel[role="section"] {{ font-size: 11.5pt; font-weight: 600; color: #22313f; margin-top: 6px; }}
QFrame[role="card"] {{ background: white; border: 1px solid {CARD_BORDER}; border-radius: 6px; }}
QLabel[role="card-label"] {{ color: {TEXT_MUTED}; font-size: 9pt; }}
QLabel[role="card-value"] {{ font-size: 16pt; font-weight: 600; color: #1b2a3a; }}
QLabel[role="muted"] {{ color: {TEXT_MUTED}; }}
"""


def card_frame():
    """A white rounded frame used for KPI cards and findings (import here to keep Qt out of module import)."""
    from PySide6.QtWidgets import QFrame

    frame = QFrame()
    frame.setProperty("role", "card")
    return frame
