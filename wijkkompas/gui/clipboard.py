"""Copy table cells so they paste as numbers into Dutch Excel (and as a table into Word).

Why not the shown text: "€ 1.234" or "12,3%" pastes into Excel as text or,
worse, as a wrong number. The clipboard gets two flavours: plain text with the
raw value (decimal comma, no thousands dots, no € sign; fractions for
percentages) and an HTML table whose cells carry the exact number in
``x:num`` plus an Excel number format, so Excel stores the number and shows it
as on screen while Word shows the displayed text. One cell copies without its
header. Text that Excel would run as a formula is escaped.

Models provide raw values under ``EditRole`` (``ResultaatTabelModel`` and
``DataFrameModel`` do); a model with ``tabel()`` gives the column formats.
"""
from __future__ import annotations

import html
import math
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView

from wijkkompas.core.resultaat import Formaat, Kolom
from wijkkompas.core.textsafe import excel_safe_text
from wijkkompas.report.rapport import excel_opmaak

_EDIT = Qt.ItemDataRole.EditRole
_DISPLAY = Qt.ItemDataRole.DisplayRole


def _number(value: Any) -> float | int | None:
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)) and math.isfinite(float(value)):
        return float(value)
    return None


def ruw_getal(value: float | int) -> str:
    """1234567.5 -> '1234567,5': what Dutch Excel reads as a number (no grouping, no exponent)."""
    if isinstance(value, int):
        return str(value)
    text = np.format_float_positional(value, trim="-")
    return text.replace(".", ",")


def _source_kolommen(view: QAbstractItemView) -> list[Kolom] | None:
    model = view.model()
    while hasattr(model, "sourceModel") and model.sourceModel() is not None:
        model = model.sourceModel()
    tabel = model.tabel() if hasattr(model, "tabel") else None
    return list(tabel.kolommen) if tabel is not None else None


def _text_cell(text: str) -> str:
    return str(excel_safe_text(text.replace("\t", " ").replace("\r", " ").replace("\n", " ")))


def cel(display: Any, raw: Any, kolom: Kolom | None) -> tuple[str, str]:
    """(plain text, HTML <td>) of one cell."""
    shown = "" if display is None else str(display)
    number = _number(raw)
    if number is not None and (kolom is None or kolom.formaat not in (Formaat.TEKST, Formaat.JANEE)):
        fmt = excel_opmaak(kolom.formaat, kolom.decimalen) if kolom is not None else None
        style = f' style="mso-number-format:\'{html.escape(fmt)}\'"' if fmt else ""
        return ruw_getal(number), f'<td x:num="{number!r}"{style} align="right">{html.escape(shown)}</td>'
    if isinstance(raw, (pd.Timestamp, datetime, date)) and not pd.isna(raw):
        moment = pd.Timestamp(raw)
        text = moment.strftime("%Y-%m" if kolom is not None and kolom.formaat == Formaat.MAAND else "%d-%m-%Y")
        return text, f"<td>{html.escape(text)}</td>"
    safe = _text_cell(shown)
    text_style = ' style="mso-number-format:\'\\@\'"' if safe != shown.replace("\t", " ") else ""
    return safe, f"<td{text_style}>{html.escape(shown)}</td>"


def selectie(view: QAbstractItemView) -> tuple[str, str]:
    """(plain text, HTML) of the selected cells; headers only when more than one cell is selected."""
    model = view.model()
    indexes = view.selectionModel().selectedIndexes() if view.selectionModel() else []
    if model is None or not indexes:
        return "", ""
    rows = sorted({i.row() for i in indexes})
    columns = sorted({i.column() for i in indexes})
    kolommen = _source_kolommen(view)
    plain_rows: list[str] = []
    html_rows: list[str] = []
    if len(indexes) > 1:
        headers = [str(model.headerData(c, Qt.Orientation.Horizontal, _DISPLAY) or "") for c in columns]
        if kolommen is not None:
            headers = [_header(kolommen[c]) if c < len(kolommen) else h for c, h in zip(columns, headers)]
        plain_rows.append("\t".join(_text_cell(h) for h in headers))
        html_rows.append("<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in headers) + "</tr>")
    for row in rows:
        texts, cells = [], []
        for column in columns:
            index = model.index(row, column)
            raw = index.data(_EDIT)
            display = index.data(_DISPLAY)
            kolom = kolommen[column] if kolommen is not None and column < len(kolommen) else None
            text, td = cel(display, raw if raw is not None else display, kolom)
            texts.append(text)
            cells.append(td)
        plain_rows.append("\t".join(texts))
        html_rows.append("<tr>" + "".join(cells) + "</tr>")
    document = ('<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8"></head><body>'
                "<table>" + "".join(html_rows) + "</table></body></html>")
    return "\n".join(plain_rows), document


def _header(kolom: Kolom) -> str:
    return f"{kolom.label} ({kolom.eenheid})" if kolom.eenheid and kolom.eenheid not in kolom.label else kolom.label


def kopieer_selectie(view: QAbstractItemView) -> bool:
    """Put the selection on the clipboard (plain text + HTML). Returns False when nothing is selected."""
    plain, document = selectie(view)
    if not plain and not document:
        return False
    mime = QMimeData()
    mime.setText(plain)
    mime.setHtml(document)
    QGuiApplication.clipboard().setMimeData(mime)
    return True
