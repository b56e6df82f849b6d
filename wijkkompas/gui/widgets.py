"""Small widget factories every panel uses, so labels and scrolling look and behave alike."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSplitter, QWidget


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


LEESBREEDTE_TEKENS = 140  # about the longest line that still reads well; only binds on a wide screen


def leesbaar(widget: QWidget, extra: int = 0) -> QWidget:
    """Cap the width of a text block so lines stay readable on a 1920 px screen (returns ``widget``).

    Why: a paragraph across a full-HD page ran to 250 characters a line. The cap is in characters of the
    widget's own font, so it scales with the user's font size; on a laptop the page is narrower anyway.
    """
    widget.ensurePolished()  # the style sheet's font size decides the character width
    widget.setMaximumWidth(widget.fontMetrics().averageCharWidth() * LEESBREEDTE_TEKENS + extra)
    return widget


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


class MeegroeiendeKolom(QObject):
    """Let the left column of a two-column QSplitter widen with the window, until the user drags the divider.

    Why: a QSplitter gives every extra pixel to its stretching side, so at 1920×1080 a settings or file
    column stayed at its laptop width (texts cut to "…") beside a result area with room to spare. Here the
    left side gets ``aandeel`` of the width beyond ``laptop_breedte``, up to ``max_links``. A user's own
    division wins: after a drag the splitter behaves as Qt's own again.
    """

    def __init__(self, splitter: QSplitter, links: int, max_links: int, laptop_breedte: int,
                 aandeel: float = 0.4) -> None:
        super().__init__(splitter)
        self.splitter = splitter
        self.links, self.max_links, self.laptop_breedte, self.aandeel = links, max_links, laptop_breedte, aandeel
        self.versleept = False
        splitter.splitterMoved.connect(self._versleept)
        splitter.installEventFilter(self)

    def _versleept(self, *_args) -> None:
        self.versleept = True

    def breedte_links(self, totaal: int) -> int:
        return int(min(self.max_links, self.links + max(0, totaal - self.laptop_breedte) * self.aandeel))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if watched is self.splitter and event.type() == QEvent.Type.Resize and not self.versleept \
                and self.splitter.count() == 2:
            totaal = self.splitter.width() - self.splitter.handleWidth()
            if totaal > 0:
                links = self.breedte_links(totaal)
                self.splitter.setSizes([links, max(1, totaal - links)])
        return False
