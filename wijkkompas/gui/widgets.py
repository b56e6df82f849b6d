"""Small widget factories every panel uses, so labels and scrolling look and behave alike."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QWidget


def make_label(
    text: str = "", role: str | None = None, *, wrap: bool = True, rich: bool = False, selectable: bool = False
) -> QLabel:
    """A QLabel with a style role from ``style.APP_STYLE`` (title, subtitle, section, muted, card-…)."""
    label = QLabel(text)
    if role:
        label.setProperty("role", role)
    label.setWordWrap(wrap)
    if rich:
        label.setTextFormat(Qt.TextFormat.RichText)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def make_card(caption: str, margins: tuple[int, int, int, int] = (16, 12, 16, 12)):
    """A KPI card: caption, big value, muted detail line. Returns (frame, value_label, detail_label)."""
    from PySide6.QtWidgets import QVBoxLayout

    from wijkkompas.gui.style import card_frame

    frame = card_frame()
    box = QVBoxLayout(frame)
    box.setContentsMargins(*margins)
    box.addWidget(make_label(caption, "card-label"))
    value = make_label("–", "card-value")
    detail = make_label("", "muted")
    box.addWidget(value)
    box.addWidget(detail)
    box.addStretch(1)
    return frame, value, detail


def scroll_area(content: QWidget) -> QScrollArea:
    """A frameless, resizable scroll area around a panel body (panels are taller than a laptop screen)."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(content)
    return scroll
