"""Write an import's validation report to Excel, so an adviser can fix rows at the source.

Why a separate Qt-free function: the GUI's "Exporteer naar Excel…" and any
script produce the same file; the report lists every rejected row with the
Excel row number and the column header as written in the source file, next
to a summary sheet with the file's hash (which file was checked).
"""
from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from wijkkompas.core.imports.labels import column_label
from wijkkompas.core.errors import ImportFileError
from wijkkompas.core.imports.import_view import REPORT_COLUMNS, REPORT_HEADERS, report_frame, summary_items
from wijkkompas.core.imports.model import SOORT_LABELS
from wijkkompas.core.project import atomic_write_bytes
from wijkkompas.core.textsafe import excel_safe_text

_HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
_ERROR_FILL = PatternFill("solid", fgColor="FBE3E1")


def _cell(value: Any) -> Any:
    """What goes into a cell: numbers stay numbers, text can never become a formula.

    Why every cell: file names, sheet names, headers and cell values in the
    report come from the user's file, and ``=HYPERLINK(…)`` or a DDE string in
    any of them would otherwise run when the adviser opens the report.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalar
        try:
            return _cell(value.item())
        except (TypeError, ValueError):
            pass
    # control characters (a damaged export's headers) are not allowed in xlsx XML: openpyxl refuses them
    return excel_safe_text(ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(value)))


def _append(ws, values: list[Any]) -> None:
    ws.append([_cell(v) for v in values])


def _header(ws, row: int) -> None:
    for cell in ws[row]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL


def export_report(report: dict[str, Any], target: str | Path) -> Path:
    """Write ``report`` (``full_report(result)`` or the stored project report) to ``target`` (.xlsx)."""
    target = Path(target)
    if target.suffix.lower() != ".xlsx":
        target = target.with_suffix(".xlsx")
    wb = Workbook()
    summary = wb.active
    summary.title = "Samenvatting"
    _append(summary, [f"Importrapport {report.get('bestand', '')}"])
    summary["A1"].font = Font(bold=True, size=13)
    summary.append([])
    rows: list[tuple[str, Any]] = [
        ("Bestand", report.get("bestand")),
        ("Soort", SOORT_LABELS.get(report.get("soort"), report.get("soort"))),
        ("Blad", report.get("blad") or "–"),
        ("SHA-256", report.get("sha256")),
    ]
    rows += summary_items(report)
    rows += [
        ("Fouten", _count(report.get("aantal_fouten", len(report.get("fouten") or [])))),
        ("Waarschuwingen", _count(report.get("aantal_waarschuwingen", len(report.get("waarschuwingen") or [])))),
        ("Niet ingelezen (persoonsgegevens)", ", ".join(report.get("verwijderd_persoonsgegevens") or []) or "–"),
        ("Niet gebruikte kolommen", ", ".join(report.get("genegeerd") or []) or "–"),
    ]
    for label, value in rows:
        _append(summary, [label, value])
        summary.cell(summary.max_row, 1).font = Font(bold=True)
    listed = len(report.get("fouten") or []) + len(report.get("waarschuwingen") or [])
    total = sum(v if isinstance(v, int) else 0
                for v in (_count(report.get("aantal_fouten", 0) or 0), _count(report.get("aantal_waarschuwingen", 0) or 0)))
    if total > listed:
        summary.append([])
        _append(summary, [f"Let op: dit rapport bevat de eerste {listed} van {total} meldingen. "
                        "Lees het bestand opnieuw in voor de volledige lijst."])
    summary.append([])
    summary.append(["Kolom in Wijkkompas", "Kop in het bestand"])
    _header(summary, summary.max_row)
    for canonical, header in (report.get("kolommen") or {}).items():
        _append(summary, [column_label(canonical), header])
    summary.column_dimensions["A"].width = 36
    summary.column_dimensions["B"].width = 70

    messages = wb.create_sheet("Meldingen")
    messages.append([REPORT_HEADERS[c] for c in REPORT_COLUMNS])
    _header(messages, 1)
    frame = report_frame(report)
    for record in frame.itertuples(index=False):
        values = [None if pd.isna(v) else v for v in record]
        values[1] = None if values[1] is None else int(values[1])
        _append(messages, values)
        if values[0] == "fout":
            for cell in messages[messages.max_row]:
                cell.fill = _ERROR_FILL
    for index, width in enumerate((14, 8, 26, 22, 100), start=1):
        messages.column_dimensions[get_column_letter(index)].width = width
    for row in messages.iter_rows(min_row=2, min_col=5, max_col=5):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    messages.freeze_panes = "A2"
    messages.auto_filter.ref = f"A1:E{max(1, messages.max_row)}"
    buffer = io.BytesIO()
    wb.save(buffer)
    try:
        atomic_write_bytes(target, buffer.getvalue())
    except Exception as exc:  # ProjectError from atomic_write_bytes: re-raise as an import error
        raise ImportFileError(f"Het rapport kan niet worden opgeslagen in '{target}': {exc}") from exc
    return target


def _count(value: Any) -> Any:
    """A message count as a number cell (Excel can sum it); anything unexpected as text."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return value
