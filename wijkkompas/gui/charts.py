"""Shared pyqtgraph set-up so every chart looks alike and states unit and source.

Why a helper: a chart without unit, source and year misleads; ``make_plot``
requires them, and axes use Dutch number formatting.
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from wijkkompas.core import formatting

pg.setConfigOptions(antialias=True, background="w", foreground="#333333")

# Colour-blind safe palette (Okabe-Ito), used in this order by all panels.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
HIGHLIGHT = "#D55E00"
MUTED = "#9AA5B1"


class DutchAxis(pg.AxisItem):
    """Axis with Dutch thousands separators and decimal commas."""

    def __init__(self, *args, euro: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.euro = euro
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph API
        decimals = 0 if spacing >= 1 else (1 if spacing >= 0.1 else 2)
        texts = [formatting.getal(v * scale, decimals) for v in values]
        return ["€ " + t for t in texts] if self.euro else texts


class WheelSafePlotWidget(pg.PlotWidget):
    """A PlotWidget that leaves the scroll wheel to the page: it zooms only while Ctrl is held.

    Why: on a long scrolling panel, the wheel over a chart used to zoom or pan it
    (once to an empty range), while the user only wanted to scroll the page.
    An ignored wheel event propagates to the enclosing scroll area.
    """

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt API
        from PySide6.QtCore import Qt

        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            super().wheelEvent(event)
            return
        event.ignore()


class SourcedPlot(QWidget):
    """A titled plot with axis labels (including unit) and a source line underneath."""

    def __init__(
        self,
        title: str,
        x_label: str,
        y_label: str,
        source: str,
        *,
        x_euro: bool = False,
        y_euro: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.plot = WheelSafePlotWidget(
            axisItems={"bottom": DutchAxis("bottom", euro=x_euro), "left": DutchAxis("left", euro=y_euro)}
        )
        self.plot.setTitle(title, color="#222222", size="11pt")
        self.plot.setLabel("bottom", x_label)
        self.plot.setLabel("left", y_label)
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        self.plot.setMenuEnabled(False)
        self.source_label = QLabel(f"Bron: {source}")
        self.source_label.setObjectName("chartSource")
        self.source_label.setWordWrap(True)
        self.source_label.setProperty("role", "source")
        self.empty_label = QLabel("")
        self.empty_label.setObjectName("chartEmpty")
        self.empty_label.setProperty("role", "muted")
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()
        layout.addWidget(self.empty_label)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.source_label)

    def set_source(self, source: str) -> None:
        self.source_label.setText(f"Bron: {source}")

    def show_empty(self, text: str) -> None:
        """No data yet: say what to do instead of drawing invented axes (0,1…0,9)."""
        self.plot.clear()
        self.plot.hide()
        self.source_label.hide()
        self.empty_label.setText(text)
        self.empty_label.show()

    def show_plot(self) -> None:
        self.empty_label.hide()
        self.plot.show()
        self.source_label.show()
