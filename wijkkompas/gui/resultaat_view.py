"""Render a core ``Resultaat`` in Qt: one table model that formats by column, one chart widget per Grafiek.

Why one renderer: every panel shows its tables and charts the way the report
does — the Dutch text of a cell comes from ``Kolom.opmaak`` (core), never from
per-panel formatters, so a number looks the same on screen, in the CLI and in
Excel/PDF. Charts follow DESIGN.md: axis labels with units, a source line,
scroll wheel scrolls the page (zoom only with Ctrl), a visible reset, and an
empty state in words instead of invented axes.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from wijkkompas.core.resultaat import STERKTE_LABELS, Bevinding, Formaat, Grafiek, Resultaat, Tabel
from wijkkompas.gui.charts import PALETTE, DutchAxis, WheelSafePlotWidget
from wijkkompas.gui.table_model import CopyableTableView
from wijkkompas.gui.widgets import leesbaar, make_label

_NUMERIC = (Formaat.GEHEEL, Formaat.DECIMAAL, Formaat.EURO, Formaat.PROCENT)
_MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


class ResultaatTabelModel(QAbstractTableModel):
    """A read-only model over a ``Tabel``: display text by Kolom, raw values under EditRole (for copy/sort)."""

    def __init__(self, tabel: Tabel | None = None, parent=None) -> None:
        super().__init__(parent)
        self._tabel = tabel
        self._frame = pd.DataFrame() if tabel is None else tabel.zichtbaar()

    def set_tabel(self, tabel: Tabel | None) -> None:
        self.beginResetModel()
        self._tabel = tabel
        self._frame = pd.DataFrame() if tabel is None else tabel.zichtbaar()
        self.endResetModel()

    def tabel(self) -> Tabel | None:
        return self._tabel

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._frame)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() or self._tabel is None else len(self._tabel.kolommen)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._tabel is None:
            return None
        kolom = self._tabel.kolommen[index.column()]
        value = self._frame.iat[index.row(), index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return kolom.opmaak(value)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if kolom.formaat in _NUMERIC else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = kolom.opmaak(value)
            return text if len(text) > 40 else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if self._tabel is None or orientation != Qt.Orientation.Horizontal:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        kolom = self._tabel.kolommen[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return kolom.label
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [kolom.label + (f" ({kolom.eenheid})" if kolom.eenheid else ""), kolom.toelichting]
            return "\n".join(p for p in parts if p)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._frame.empty or self._tabel is None:
            return
        name = self._tabel.kolommen[column].naam
        self.layoutAboutToBeChanged.emit()
        self._frame = self._frame.sort_values(
            name, ascending=order == Qt.SortOrder.AscendingOrder, kind="mergesort", na_position="last"
        ).reset_index(drop=True)
        self.layoutChanged.emit()


class TabelView(CopyableTableView):
    """A table as wide and as tall as its columns and rows, so a wide window shows no empty white frame.

    Why: a Resultaat table on a 1920 px screen spanned the whole page with its few columns at the left and
    an empty area beside and below them. The size hint is the content (capped at ``MAX_HOOGTE``, beyond
    that the rows scroll); with a horizontal ``Maximum`` policy the table still shrinks, with a scroll bar,
    where the page is narrower than its columns (a 1280×720 laptop).
    """

    MAX_HOOGTE = 420

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        # a bound method, not a lambda: Qt drops the connection when the view is destroyed (a lambda would
        # outlive it and be called on a deleted view while its header is torn down)
        self.horizontalHeader().sectionResized.connect(self._kolom_veranderd)

    def _kolom_veranderd(self, *_args) -> None:
        self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        header, rows = self.horizontalHeader(), self.verticalHeader()
        frame = 2 * self.frameWidth()
        scrollbar = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent, None, self)
        width = header.length() + (rows.width() if rows.isVisible() else 0) + frame + scrollbar
        height = header.height() + rows.length() + frame + scrollbar
        return QSize(max(width, 120), min(max(height, 60), self.MAX_HOOGTE))


def tabel_view(tabel: Tabel | None = None, parent: QWidget | None = None) -> CopyableTableView:
    view = TabelView(parent)
    view.setModel(ResultaatTabelModel(tabel, view))
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setMinimumSectionSize(60)
    # ResizeToContents measures the header text too (resizeColumnsToContents only the cells), so a
    # heading such as "Aandeel in budget" is never cut; the tables of a Resultaat are small.
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(False)  # a stretched last column shrinks below its header when space is short
    return view


def _x_labels(values: list[Any]) -> list[str]:
    out = []
    for value in values:
        text = str(value)
        if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit():
            out.append(f"{_MONTHS[int(text[5:]) - 1]} {text[:4]}")
        elif len(text) == 10 and text[4] == "-" and text[7] == "-":
            out.append(f"{text[8:]}-{text[5:7]}-{text[:4]}")
        else:
            out.append(text)
    return out


def _is_month(value: Any) -> bool:
    text = str(value)
    return len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit()


def _ticks(categories: list[Any], position: dict) -> list[tuple[float, str]]:
    """Readable axis ticks: for long month series one per year (January, labelled by the year), so labels
    never run into each other; otherwise about twelve evenly spaced ones."""
    if len(categories) > 24 and all(_is_month(c) for c in categories):
        return [(position[c], str(c)[:4]) for c in categories if str(c).endswith("-01")]
    step = max(1, len(categories) // 12)
    return [(position[c], label) for c, label in zip(categories, _x_labels(categories))][::step]


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)


def _axis_text(label: str, unit: str) -> str:
    return f"{label} ({unit})" if unit and unit not in label else label


def _floats(values: list[Any] | None) -> np.ndarray:
    return np.array([np.nan if v is None else float(v) for v in (values or [])], dtype=float)


# The chart rule every Resultaat chart follows (and the Scenario's fan chart, which caps its own height):
# the plot's height is this share of its width, within these limits.
GRAFIEK_VERHOUDING = 0.36
GRAFIEK_MIN_HOOGTE, GRAFIEK_MAX_HOOGTE = 300, 520


class _GrafiekPlot(WheelSafePlotWidget):
    """A plot whose height follows its width (0.36 : 1, 300–520 px).

    Why: pyqtgraph's fixed 480 px hint filled a whole 1280×720 page, so the x-axis of a chart was below the
    fold, while on 1920×1080 the same chart looked flat. Qt asks ``heightForWidth`` in a scrolling page.
    """

    VERHOUDING = GRAFIEK_VERHOUDING
    MIN_HOOGTE, MAX_HOOGTE = GRAFIEK_MIN_HOOGTE, GRAFIEK_MAX_HOOGTE

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        return int(min(self.MAX_HOOGTE, max(self.MIN_HOOGTE, width * self.VERHOUDING)))

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = super().sizeHint()
        return QSize(hint.width(), self.heightForWidth(max(hint.width(), self.width())))


class GrafiekWidget(QWidget):
    """Draws one ``Grafiek``; ``set_grafiek(None, tekst)`` shows an empty state in words."""

    def __init__(self, grafiek: Grafiek | None = None, leeg_tekst: str = "Nog geen gegevens.", parent=None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = make_label("", "section")
        self.empty = make_label(leeg_tekst, "muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMinimumHeight(80)
        self.plot: WheelSafePlotWidget | None = None
        self.reset_button = QPushButton("Herstel weergave")
        self.reset_button.setToolTip("Zoom met Ctrl + scrollwiel; deze knop zet de weergave terug.")
        self.reset_button.clicked.connect(self.reset_view)
        self.note = leesbaar(make_label("", "muted"))
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.reset_button)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        self._plot_holder = QVBoxLayout()
        layout.addLayout(self._plot_holder, 1)
        layout.addWidget(self.note)
        self.grafiek: Grafiek | None = None
        self.set_grafiek(grafiek, leeg_tekst)

    def reset_view(self) -> None:
        if self.plot is not None:
            self.plot.getPlotItem().enableAutoRange()
            _ruimte_voor_legenda(self.plot.getPlotItem())


    def set_grafiek(self, grafiek: Grafiek | None, leeg_tekst: str | None = None) -> None:
        self.grafiek = grafiek
        if self.plot is not None:
            self._plot_holder.removeWidget(self.plot)
            self.plot.hide()
            self.plot.deleteLater()
            self.plot = None
        has_data = grafiek is not None and any(len(r.y) for r in grafiek.reeksen)
        self.title.setText(grafiek.titel if grafiek else "")
        self.title.setVisible(bool(grafiek and grafiek.titel))
        self.note.setText(grafiek.toelichting if grafiek else "")
        self.note.setVisible(bool(grafiek and grafiek.toelichting))
        if leeg_tekst is not None:
            self.empty.setText(leeg_tekst)
        self.empty.setVisible(not has_data)
        self.reset_button.setVisible(has_data)
        if not has_data:
            return
        self.plot = self._draw(grafiek)
        # the floor where a panel cannot scroll (Scenario's at 1280×720): title, plot and note must fit the
        # chart's share of the page, or the note is drawn behind what follows; in a page that scrolls the
        # plot's heightForWidth (300–520 px) decides
        self.plot.setMinimumHeight(PLOT_MIN_HOOGTE)
        self._plot_holder.addWidget(self.plot)

    def _draw(self, grafiek: Grafiek) -> WheelSafePlotWidget:
        all_x = [x for r in grafiek.reeksen for x in r.x]
        numeric_x = bool(all_x) and all(_is_number(x) for x in all_x)
        plot = _GrafiekPlot(axisItems={
            "bottom": DutchAxis("bottom", euro=grafiek.x_eenheid == "€"),
            "left": DutchAxis("left", euro=grafiek.y_eenheid == "€"),
        })
        item = plot.getPlotItem()
        item.hideButtons()
        plot.setMenuEnabled(False)
        item.showGrid(x=True, y=True, alpha=0.15)
        item.setLabel("bottom", _axis_text(grafiek.x_label, "" if grafiek.x_eenheid == "€" else grafiek.x_eenheid))
        item.setLabel("left", _axis_text(grafiek.y_label, "" if grafiek.y_eenheid == "€" else grafiek.y_eenheid))
        if len(grafiek.reeksen) > 1:
            # a light backing keeps the legend readable where it lies over bars or lines
            item.addLegend(offset=(10, 10), brush=pg.mkBrush(255, 255, 255, 215), pen=pg.mkPen("#d5dbe3"))
        if numeric_x:
            position = {x: float(x) for x in all_x}
        else:
            categories = list(dict.fromkeys(all_x))
            position = {x: float(i) for i, x in enumerate(categories)}
            item.getAxis("bottom").setTicks([_ticks(categories, position)])
        self._draw_series(item, grafiek, position)
        _ruimte_voor_legenda(item)
        for x, label in grafiek.markeringen:
            if x in position or _is_number(x):
                line = pg.InfiniteLine(position.get(x, x), angle=90, pen=pg.mkPen("#5f6b7a", style=Qt.PenStyle.DashLine),
                                       label=label, labelOpts={"position": 0.95, "color": "#333333"})
                item.addItem(line)
        return plot

    def _draw_series(self, item, grafiek: Grafiek, position: dict) -> None:
        bars = [r for r in grafiek.reeksen if (r.soort or grafiek.soort) in ("staaf", "gestapeld")]
        width = 0.8 / max(1, len(bars)) if grafiek.soort == "staaf" else 0.8
        stack_base: dict[float, float] = {}
        bar_index = 0
        for number, reeks in enumerate(grafiek.reeksen):
            colour = PALETTE[number % len(PALETTE)]
            xs = np.array([position[x] for x in reeks.x], dtype=float)
            ys = _floats(reeks.y)
            soort = reeks.soort or grafiek.soort
            if soort in ("staaf", "gestapeld"):
                if soort == "gestapeld":
                    base = np.array([stack_base.get(x, 0.0) for x in xs])
                    bar = pg.BarGraphItem(x=xs, height=np.nan_to_num(ys), y0=base, width=width, brush=colour, name=reeks.label)
                    for x, y in zip(xs, np.nan_to_num(ys)):
                        stack_base[x] = stack_base.get(x, 0.0) + y
                else:
                    offset = (bar_index - (len(bars) - 1) / 2) * width
                    bar = pg.BarGraphItem(x=xs + offset, height=np.nan_to_num(ys), width=width, brush=colour, name=reeks.label)
                    bar_index += 1
                item.addItem(bar)  # a named item joins the legend by itself (adding it again doubled the entry)
                continue
            if reeks.laag is not None and reeks.hoog is not None:
                low, high = _floats(reeks.laag), _floats(reeks.hoog)
                ok = ~(np.isnan(low) | np.isnan(high))
                lower = pg.PlotDataItem(xs[ok], low[ok], pen=pg.mkPen(colour, width=0.5))
                upper = pg.PlotDataItem(xs[ok], high[ok], pen=pg.mkPen(colour, width=0.5))
                fill = QColor(colour)
                fill.setAlpha(60)
                item.addItem(pg.FillBetweenItem(lower, upper, brush=fill))
            if soort == "punt":
                item.addItem(pg.ScatterPlotItem(xs, ys, size=8, brush=colour, pen=None, name=reeks.label))
            else:
                item.plot(xs, ys, pen=pg.mkPen(colour, width=2), name=reeks.label, connect="finite")


PLOT_MIN_HOOGTE = 170
LEGENDA_RUIMTE_PER_REGEL = 0.12  # of the data's height, per legend line (about one text line at 300–520 px)


def _ruimte_voor_legenda(item) -> None:
    """Raise the top of the y-axis so the legend (top left) lies above the data instead of over bars or lines.

    Why: in "Opbouw van het budget per indicator" the five-line legend hid the first wijken's bars.
    """
    legend = item.legend
    regels = len(legend.items) if legend is not None else 0
    if not regels:
        return
    (_x, (laag, hoog)) = item.getViewBox().childrenBounds()
    if laag is None or hoog is None or not np.isfinite([laag, hoog]).all() or hoog <= laag:
        return
    item.setYRange(laag, hoog + (hoog - laag) * LEGENDA_RUIMTE_PER_REGEL * (regels + 1), padding=0.02)


def bevinding_widget(bevinding: Bevinding) -> QWidget:
    from wijkkompas.gui.style import card_frame

    frame = card_frame()
    box = QVBoxLayout(frame)
    box.setContentsMargins(12, 8, 12, 8)
    kop = make_label(f"<b>{bevinding.titel}</b> · {bevinding.soort} · {STERKTE_LABELS[bevinding.sterkte]}", rich=True)
    box.addWidget(kop)
    box.addWidget(make_label(bevinding.tekst))
    if bevinding.bron:
        box.addWidget(make_label(f"Bron: {bevinding.bron}", "muted"))
    return frame


class ResultaatView(QWidget):
    """A whole Resultaat, top to bottom: summary, warnings, charts, tables, findings, assumptions, sources."""

    def __init__(self, leeg_tekst: str = "Nog geen resultaat.", parent=None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._leeg_tekst = leeg_tekst
        self.resultaat: Resultaat | None = None
        self.set_resultaat(None)

    def _clear(self) -> None:
        while self._layout.count():
            child = self._layout.takeAt(0)
            if child.widget() is not None:
                child.widget().hide()  # deleteLater acts later: hide now so old content never shows
                child.widget().deleteLater()

    def set_resultaat(self, resultaat: Resultaat | None) -> None:
        self._clear()
        self.resultaat = resultaat
        if resultaat is None:
            self._layout.addWidget(make_label(self._leeg_tekst, "muted"))
            self._layout.addStretch(1)
            return
        for regel in resultaat.samenvatting:
            self._layout.addWidget(leesbaar(make_label(regel)))
        for waarschuwing in resultaat.waarschuwingen:
            label = leesbaar(make_label("⚠ " + waarschuwing))
            label.setProperty("role", "warning")
            self._layout.addWidget(label)
        for grafiek in resultaat.grafieken:
            self._layout.addWidget(GrafiekWidget(grafiek))
        for tabel in resultaat.tabellen:
            self._layout.addWidget(make_label(tabel.titel, "section"))
            view = tabel_view(tabel)
            view.setMinimumHeight(min(320, 40 + 26 * max(1, len(tabel.data))))
            self._layout.addWidget(view, 0, Qt.AlignmentFlag.AlignLeft)  # hugs its columns (TabelView)
            if tabel.toelichting:
                self._layout.addWidget(leesbaar(make_label(tabel.toelichting, "muted")))
        for bevinding in resultaat.bevindingen:
            self._layout.addWidget(leesbaar(bevinding_widget(bevinding), extra=24))
        if resultaat.aannames:
            self._layout.addWidget(make_label("Aannames", "section"))
            self._layout.addWidget(leesbaar(make_label("\n".join("• " + a for a in resultaat.aannames))))
        if resultaat.bronnen:
            self._layout.addWidget(leesbaar(make_label(
                "Bronnen: " + "; ".join(b.tekst() for b in resultaat.bronnen), "muted")))
        self._layout.addStretch(1)


def visible_label_texts(widget: QWidget) -> list[str]:
    """Texts of the visible labels under ``widget`` (tests read what a user reads)."""
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]
