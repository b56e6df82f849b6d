"""Charts for the 'Gemeente & benchmark' panel: five-class bar, decomposition, benchmark scatter.

Views only: every number arrives from core (``core.reference.profiel``); these
widgets just draw it, with unit, source and year on every chart.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QWidget

from wijkkompas.core import formatting
from wijkkompas.gui.charts import HIGHLIGHT, MUTED, PALETTE, SourcedPlot

# Short labels so the bars get the width; "*" = counted above a threshold share ("met drempel").
SHORT_NAMES = {
    "ephh": "eenpersoonshuishoudens",
    "lidr_w_nw": "huish. laag inkomen*",
    "inw75+dr": "inwoners 75+*",
    "kernen": "kernen",
    "LOdr": "laag opleidingsniveau*",
    "cf.regionaal": "regionale centrumfunctie",
}

# Light → heavy; sequential blues so the order reads at a glance (and in grey print).
CLASS_COLOURS = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]


class ClassBar(QWidget):
    """Five equal segments (the quintile classes) with a marker where the gemeente sits.

    The marker is placed within its segment by the index's position between that
    class's lowest and highest value, so the bar shows both class and nuance.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(46)
        self.grenzen: list[dict] = []
        self.index: float | None = None
        self.klasse: str | None = None

    def set_position(self, grenzen: list[dict], index: float | None, klasse: str | None) -> None:
        self.grenzen, self.index, self.klasse = grenzen, index, klasse
        self.setToolTip("\n".join(
            f"{g['klasse']}: {formatting.euro(g['min'], 0)} – {formatting.euro(g['max'], 0)} per inwoner"
            for g in grenzen))
        self.update()

    def marker_fraction(self) -> float | None:
        if self.index is None or not self.grenzen:
            return None
        names = [g["klasse"] for g in self.grenzen]
        pos = names.index(self.klasse)
        g = self.grenzen[pos]
        within = 0.5 if g["max"] == g["min"] else (self.index - g["min"]) / (g["max"] - g["min"])
        return (pos + min(max(within, 0.0), 1.0)) / len(names)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width, bar_h = self.width() - 2, 16
        n = max(len(self.grenzen), 5)
        seg = width / n
        font = QFont(self.font())
        font.setPointSizeF(7.5)
        painter.setFont(font)
        for i in range(n):
            rect = QRectF(1 + i * seg, 12, seg - 2, bar_h)
            painter.fillRect(rect, QColor(CLASS_COLOURS[i % 5]))
            label = self.grenzen[i]["klasse"] if i < len(self.grenzen) else ""
            painter.setPen(QColor("#33414e"))
            painter.drawText(QRectF(1 + i * seg, 12 + bar_h + 1, seg, 14), Qt.AlignmentFlag.AlignHCenter, label)
        fraction = self.marker_fraction()
        if fraction is not None:
            x = 1 + fraction * width
            painter.setPen(QPen(QColor(HIGHLIGHT), 3))
            painter.drawLine(int(x), 6, int(x), 12 + bar_h + 2)
            painter.setBrush(QColor(HIGHLIGHT))
            painter.drawEllipse(QRectF(x - 4, 2, 8, 8))
        painter.end()


class DecompositionChart(SourcedPlot):
    """Horizontal bars: the gemeente's taakzwaarte index per maatstaf vs the median gemeente (€ per inwoner)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Taakzwaarte-index per maatstaf", "€ per inwoner", "", "–", x_euro=True, parent=parent)
        self.plot.getAxis("left").setWidth(160)
        self.plot.setMouseEnabled(x=False, y=False)

    def show_data(self, componenten: dict[str, float], inwoners: int, mediaan: dict[str, float],
                  namen: dict[str, str], naam: str, bron: str) -> None:
        self.show_plot()
        self.plot.clear()
        order = sorted(componenten, key=lambda m: componenten[m] / inwoners)
        own = [componenten[m] / inwoners for m in order]
        med = [mediaan[m] for m in order]
        y = np.arange(len(order), dtype=float)
        self.plot.addItem(pg.BarGraphItem(x0=0, y=y + 0.18, height=0.34, width=own, brush=PALETTE[0], name=naam))
        self.plot.addItem(pg.BarGraphItem(x0=0, y=y - 0.18, height=0.34, width=med, brush=MUTED,
                                          name="mediaan 342 gemeenten"))
        self.plot.getAxis("left").setTicks([[(float(i), SHORT_NAMES.get(m, namen.get(m, m)))
                                             for i, m in enumerate(order)]])
        self.plot.setYRange(-0.6, len(order) - 0.4, padding=0)
        self.plot.setXRange(0, max(own + med) * 1.1, padding=0)
        self.plot.setTitle(f"Taakzwaarte-index per maatstaf<br><span style='font-size:9pt'>"
                           f"<span style='color:{PALETTE[0]}'>■</span> {naam} &nbsp; "
                           f"<span style='color:{MUTED}'>■</span> mediaan 342 gemeenten</span>",
                           color="#222222", size="11pt")
        self.set_source(bron + " * = met drempel: alleen het deel boven een drempelaandeel telt mee.")
        self.values = dict(zip(order, own))


class BenchmarkScatter(SourcedPlot):
    """All gemeenten (x = taakzwaarte index, y = € per volwassene), fitted curve, 80% band, chosen gemeente."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Uitgaven en taakzwaarte", "Taakzwaarte-index (€ per inwoner)", "€ per volwassene", "–",
                         x_euro=True, y_euro=True, parent=parent)
        self.plot.addLegend(offset=(10, 10))
        self.highlight_label: pg.TextItem | None = None

    def show_data(self, grafiek: dict) -> None:
        self.show_plot()
        self.plot.clear()
        punten, curve, gekozen = grafiek["punten"], grafiek["curve"], grafiek["gekozen"]
        self.plot.setTitle(f"{grafiek['label']}, jaarrekening 2023",
                           color="#222222", size="11pt")
        lower = pg.PlotDataItem(curve["taakzwaarte_index"].to_numpy(), curve["onder_80"].to_numpy(),
                                pen=pg.mkPen(PALETTE[4], width=1))
        upper = pg.PlotDataItem(curve["taakzwaarte_index"].to_numpy(), curve["boven_80"].to_numpy(),
                                pen=pg.mkPen(PALETTE[4], width=1))
        band = pg.FillBetweenItem(lower, upper, brush=pg.mkBrush(86, 180, 233, 60))
        self.plot.addItem(band)
        self.plot.addItem(lower)
        self.plot.addItem(upper)
        others = punten[~punten["code"].isin(grafiek["peers"] + [gekozen["code"]])]
        peers = punten[punten["code"].isin(grafiek["peers"])]
        self.plot.addItem(pg.ScatterPlotItem(others["taakzwaarte_index"].to_numpy(), others["werkelijk"].to_numpy(),
                                             size=6, brush=pg.mkBrush(MUTED), pen=None, name="alle gemeenten"))
        self.plot.addItem(pg.ScatterPlotItem(peers["taakzwaarte_index"].to_numpy(), peers["werkelijk"].to_numpy(),
                                             size=8, brush=pg.mkBrush(PALETTE[2]), pen=None,
                                             name="vergelijkbare gemeenten"))
        self.plot.plot(curve["taakzwaarte_index"].to_numpy(), curve["verwacht"].to_numpy(),
                       pen=pg.mkPen(PALETTE[0], width=2), name="verwacht (met 80%-band)")
        x, y = gekozen["taakzwaarte_index"], gekozen["werkelijk"]
        missing = y is None
        if missing:  # no Iv3 data: an open marker on the expected line, labelled "geen gegevens"
            y = float(np.interp(x, curve["taakzwaarte_index"], curve["verwacht"]))
            gekozen = {**gekozen, "naam": f"{gekozen['naam']} (geen gegevens)"}
        self.plot.addItem(pg.ScatterPlotItem([x], [y], size=14, brush=None if missing else pg.mkBrush(HIGHLIGHT),
                                             pen=pg.mkPen("#222222", width=1), name=gekozen["naam"]))
        self.highlight_label = pg.TextItem(gekozen["naam"], color="#222222", anchor=(0, 1.2))
        font = QFont()
        font.setBold(True)
        self.highlight_label.setFont(font)
        self.highlight_label.setPos(x, y)
        self.plot.addItem(self.highlight_label)
        ys = np.concatenate([punten["werkelijk"].to_numpy(), curve["onder_80"].to_numpy(), curve["boven_80"].to_numpy()])
        lo, hi = np.nanmin(ys), np.nanmax(ys)
        self.plot.setYRange(min(lo, y, 0), max(hi, y) * 1.05, padding=0)
        self.set_source(f"{grafiek['bron']}. Lijn en band: verwacht en 80%-voorspelinterval voor een gemeente met "
                        f"de omvang en structuur van {gekozen['naam']}.")
