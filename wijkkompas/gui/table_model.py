"""A read-only ``QAbstractTableModel`` over a pandas DataFrame.

Why our own: Dutch number formatting in ``data()`` (via core.formatting, so it
matches reports), numeric sort with numpy, and copy-to-clipboard as
tab-separated text that pastes into Excel. No dialogs from the model.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QTableView

from wijkkompas.core import formatting

Formatter = Callable[[object], str]


def default_format(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "ja" if value else "nee"
    if isinstance(value, (int, np.integer)):
        return formatting.getal(int(value))
    if isinstance(value, (float, np.floating)):
        return formatting.getal(float(value), 0 if float(value).is_integer() else 2)
    if isinstance(value, pd.Timestamp):
        return formatting.datum(value.to_pydatetime())
    return str(value)


class DataFrameModel(QAbstractTableModel):
    def __init__(
        self,
        frame: pd.DataFrame | None = None,
        headers: dict[str, str] | None = None,
        formatters: dict[str, Formatter] | None = None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self._frame = pd.DataFrame() if frame is None else frame.reset_index(drop=True)
        self._headers = headers or {}
        self._formatters = formatters or {}

    def set_frame(self, frame: pd.DataFrame) -> None:
        self.beginResetModel()
        self._frame = frame.reset_index(drop=True)
        self.endResetModel()

    def frame(self) -> pd.DataFrame:
        return self._frame

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._frame)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._frame.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = self._frame.columns[index.column()]
        value = self._frame.iat[index.row(), index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._formatters.get(column, default_format)(value)
        if role == Qt.ItemDataRole.EditRole:
            return value  # raw value, for copying numbers as numbers
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if pd.api.types.is_numeric_dtype(self._frame[column].dtype):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self._formatters.get(column, default_format)(value)
            return text if len(text) > 40 else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            name = str(self._frame.columns[section])
            return self._headers.get(name, name)
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._frame.empty:
            return
        name = self._frame.columns[column]
        self.layoutAboutToBeChanged.emit()
        self._frame = self._frame.sort_values(
            name, ascending=order == Qt.SortOrder.AscendingOrder, kind="mergesort", na_position="last"
        ).reset_index(drop=True)
        self.layoutChanged.emit()


def selection_as_tsv(view: QTableView) -> str:
    """Selected cells as tab-separated text (with headers), the way Excel pastes it."""
    model = view.model()
    indexes = view.selectionModel().selectedIndexes() if view.selectionModel() else []
    if not indexes:
        return ""
    rows = sorted({i.row() for i in indexes})
    columns = sorted({i.column() for i in indexes})
    lines = ["\t".join(str(model.headerData(c, Qt.Orientation.Horizontal)) for c in columns)]
    for row in rows:
        lines.append("\t".join(str(model.index(row, c).data() or "") for c in columns))
    return "\n".join(lines)


class CopyableTableView(QTableView):
    """QTableView where Ctrl+C copies the selection as tab-separated text."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QTableView.SelectionBehavior.SelectItems)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setStretchLastSection(True)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Copy):
            from wijkkompas.gui.clipboard import kopieer_selectie

            kopieer_selectie(self)  # raw numbers + an HTML table, so it pastes as numbers into Excel
            return
        super().keyPressEvent(event)
