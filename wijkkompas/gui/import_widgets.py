"""Building blocks of the Import panel: summary cards, monthly charts, the report table.

Why separate: the panel module wires user actions and tasks; these widgets
only display values that ``core.imports.import_view`` computed.
"""
from __future__ import annotations

import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wijkkompas.core.imports.import_view import (
    CHART_BEDRAG_TITEL,
    REPORT_HEADERS,
    category_label,
    filter_report,
    month_label,
)
from wijkkompas.gui.charts import PALETTE, SourcedPlot
from wijkkompas.gui.style import card_frame
from wijkkompas.gui.table_model import CopyableTableView, DataFrameModel

FILTER_ITEMS = [("alle", "Alle meldingen"), ("fouten", "Alleen fouten"), ("waarschuwingen", "Alleen waarschuwingen")]


class SummaryCards(QWidget):
    """A row of KPI cards (label above, value below)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(6)
        self.columns = 4  # gelezen, geldig, afgekeurd, overgeslagen on one row: the counts add up at a glance
        self.values: dict[str, QLabel] = {}

    def set_items(self, items: list[tuple[str, str]]) -> None:
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.values = {}
        for index, (label, value) in enumerate(items):
            row, column = divmod(index, self.columns)
            frame = card_frame()
            inner = QVBoxLayout(frame)
            inner.setContentsMargins(10, 6, 10, 6)
            caption = QLabel(label)
            caption.setProperty("role", "card-label")
            caption.setWordWrap(True)  # "Looptijd (eerste ingang – laatste einde)" on a narrow card
            shown = QLabel(value)
            shown.setProperty("role", "card-value")
            shown.setWordWrap(True)  # a period "01-01-2021 – 30-06-2025" takes two lines rather than widening the page
            shown.setObjectName(f"card_{label}")
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            inner.addWidget(caption)
            inner.addWidget(shown)
            self.grid.addWidget(frame, row, column)
            self.values[label] = shown


class MonthlyCharts(QWidget):
    """Clients and amount per month, one line per productcategorie, with a legend of category names."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("chartTabs")
        self.clients = SourcedPlot("Cliënten per maand", "maand", "cliënten", "–")
        self.amount = SourcedPlot("Bedrag per maand", "maand", "€", "–", y_euro=True)
        for chart, tab in ((self.clients, "Cliënten per maand"), (self.amount, "Bedrag per maand")):
            chart.setMinimumHeight(250)
            chart.plot.setMouseEnabled(x=False, y=False)
            chart.plot.getAxis("left").setWidth(80)
            self.tabs.addTab(chart, tab)
        layout.addWidget(self.tabs)
        self.setMaximumHeight(310)  # leave room for the report below on a laptop screen
        self.series: pd.DataFrame = pd.DataFrame()

    def clear(self) -> None:
        self.series = pd.DataFrame()
        for chart in (self.clients, self.amount):
            chart.plot.clear()

    def set_series(self, series: pd.DataFrame, soort: str, source: str) -> None:
        self.series = series
        months = sorted(series["maand"].unique()) if len(series) else []
        position = {m: i for i, m in enumerate(months)}
        if len(months) > 12:  # January and July of each year
            ticks = [[(float(i), month_label(m)) for i, m in enumerate(months) if m[5:] in ("01", "07")]]
        else:
            ticks = [[(float(i), month_label(m).split()[0]) for i, m in enumerate(months)]]
        self.amount.plot.setTitle(CHART_BEDRAG_TITEL.get(soort, "Bedrag per maand"), color="#222222", size="11pt")
        self.clients.plot.setTitle("Cliënten per maand per productcategorie (uniek)", color="#222222", size="11pt")
        self.tabs.setTabText(1, CHART_BEDRAG_TITEL.get(soort, "Bedrag per maand").split(" per maand")[0] + " per maand")
        for chart, column in ((self.clients, "clienten"), (self.amount, "bedrag")):
            chart.plot.clear()
            legend = chart.plot.plotItem.legend or chart.plot.addLegend(offset=(-10, 10))
            legend.clear()
            chart.set_source(source)
            chart.plot.getAxis("bottom").setTicks(ticks)
            for index, (code, group) in enumerate(series.groupby("productcategorie", sort=True, dropna=False)):
                values = pd.to_numeric(group[column], errors="coerce").fillna(0.0)
                if column == "bedrag" and not (values > 0).any():
                    continue
                x = [position[m] for m in group["maand"]]
                pen = pg.mkPen(PALETTE[index % len(PALETTE)], width=2)
                chart.plot.plot(x, values.to_numpy(), pen=pen, name=category_label(None if pd.isna(code) else code))
            top = float(pd.to_numeric(series[column], errors="coerce").max() or 0) if len(series) else 0.0
            # headroom above the highest line for the legend
            chart.plot.setYRange(0, max(1.0, top) * 1.45, padding=0)
            if months:
                chart.plot.setXRange(-0.5, len(months) - 0.5, padding=0)

    def has_data(self) -> bool:
        return any(item.getData()[0] is not None and len(item.getData()[0]) > 0
                   for item in self.clients.plot.listDataItems())


class ReportView(QWidget):
    """Validation messages with a severity filter, Ctrl+C copy and export to Excel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.filter = QComboBox()
        self.filter.setObjectName("reportFilter")
        for key, text in FILTER_ITEMS:
            self.filter.addItem(text, key)
        self.count_label = QLabel()
        self.count_label.setProperty("role", "muted")
        self.export_button = QPushButton("Exporteer naar Excel…")
        self.export_button.setObjectName("reportExport")
        bar.addWidget(QLabel("Toon:"))
        bar.addWidget(self.filter)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        layout.addLayout(bar)
        # the count on its own line: beside filter and button it pushed "Exporteer naar Excel…" out of view
        self.count_label.setWordWrap(True)
        layout.addWidget(self.count_label)
        self.view = CopyableTableView()
        self.view.setObjectName("reportTable")
        self.model = DataFrameModel(headers=REPORT_HEADERS, formatters={
            "rij": lambda v: "" if pd.isna(v) else str(int(v)),
            "ernst": lambda v: {"fout": "Fout", "waarschuwing": "Waarschuwing"}.get(str(v), str(v)),
            "waarde": lambda v: "" if pd.isna(v) else str(v),
            "kolom": lambda v: "" if pd.isna(v) else str(v),
        })
        self.view.setModel(self.model)
        self.view.setMinimumHeight(220)
        self.view.setWordWrap(True)
        layout.addWidget(self.view, 1)
        self.frame = pd.DataFrame()
        self.filter.currentIndexChanged.connect(self._apply)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        """Rows follow the wrapped Melding when the window (and so that column) changes width, not only once.

        Why: rows measured at a narrow width stayed two lines tall with one line of text on a wider screen.
        (Not the header's ResizeToContents mode: it re-measured rows of closed windows on a style change.)
        """
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width() and self.model.rowCount():
            self.view.resizeRowsToContents()

    def set_frame(self, frame: pd.DataFrame, total_fouten: int, total_waarschuwingen: int) -> None:
        self.frame = frame
        self._totals = (total_fouten, total_waarschuwingen)
        self.filter.setItemText(1, f"Alleen fouten ({total_fouten})")
        self.filter.setItemText(2, f"Alleen waarschuwingen ({total_waarschuwingen})")
        self.filter.setItemText(0, f"Alle meldingen ({total_fouten + total_waarschuwingen})")
        self._apply()

    def _apply(self) -> None:
        if self.frame.empty and not len(self.frame.columns):
            self.model.set_frame(pd.DataFrame())
            self.count_label.setText("")
            return
        shown = filter_report(self.frame, str(self.filter.currentData()))
        self.model.set_frame(shown)
        listed = len(self.frame)
        total = sum(getattr(self, "_totals", (0, 0)))
        note = f"{len(shown)} {'melding' if len(shown) == 1 else 'meldingen'} getoond"
        if total > listed:
            note += f" (de eerste {listed} van {total}; lees het bestand opnieuw in voor alle meldingen)"
        self.count_label.setText(note)
        for column, width in ((0, 115), (1, 55), (2, 140), (3, 100)):
            self.view.setColumnWidth(column, width)
        self.view.resizeRowsToContents()
