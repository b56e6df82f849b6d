"""Excel rendering of a ``Rapport`` with xlsxwriter: numbers stay numbers, charts are native Excel charts.

Why xlsxwriter (not openpyxl, which the app uses for reading): it streams large
sheets quickly and writes native charts with axis titles and number formats
that Excel, LibreOffice and Dutch-locale Excel all render. Display formats are
stored locale-neutral (``#,##0``), so Dutch Excel shows 1.234,5 and € 1.234.

Safety: user text never becomes a formula or link. The workbook is opened with
``strings_to_formulas``/``strings_to_urls``/``strings_to_numbers`` off, every
text goes through ``write_string`` and ``excel_safe_text`` (leading apostrophe
for text starting with =, +, -, @, tab or CR).
"""
from __future__ import annotations

import math
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import xlsxwriter

from wijkkompas.core.resultaat import Formaat, Grafiek, Kolom, Resultaat, Tabel
from wijkkompas.core.textsafe import excel_safe_text
from wijkkompas.report.bestand import schrijf_atomair
from wijkkompas.report.rapport import (SOORT_LABELS, Rapport, as_label, excel_opmaak, kop, korte_titel,
                                      sterkte_label, verantwoording)

OVER_BLAD = "Over dit rapport"
_MAAND = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
MAX_WIDTH = 60
PALETTE = ["#1f5f8b", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#7f7f7f", "#f0e442"]


def _as_datetime(value: Any) -> datetime | None:
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        return None
    if pd.isna(stamp):
        return None
    return stamp.to_pydatetime().replace(tzinfo=None)


def _missing(value: Any) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _sheet_name(title: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "-", title).strip("' ") or "Onderdeel"
    base = base[:31]
    name, n = base, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


class _Sheet:
    """One worksheet plus the text widths per column, so columns can be fitted at the end."""

    def __init__(self, book: _Book, name: str) -> None:
        self.book = book
        self.ws = book.wb.add_worksheet(name)
        self.name = name
        self.widths: dict[int, int] = {}
        self.row = 0

    def fit(self, col: int, text: str) -> None:
        longest = max((len(line) for line in str(text).split("\n")), default=0)
        self.widths[col] = min(MAX_WIDTH, max(self.widths.get(col, 8), longest + 2))

    def text(self, row: int, col: int, value: Any, fmt=None, fit: bool = True) -> None:
        text = str(excel_safe_text("" if value is None else str(value)))
        self.ws.write_string(row, col, text, fmt)
        if fit:
            self.fit(col, text)

    def line(self, value: Any, fmt=None) -> None:
        """A free text line in column A that may overflow to the right (not counted for the width)."""
        self.text(self.row, 0, value, fmt, fit=False)
        self.row += 1

    def cell(self, row: int, col: int, value: Any, formaat: Formaat, decimalen: int) -> None:
        if _missing(value):
            self.ws.write_blank(row, col, None, self.book.fmt(formaat, decimalen))
            return
        if formaat in (Formaat.DATUM, Formaat.MAAND):
            moment = _as_datetime(value)
            if moment is not None:
                self.ws.write_datetime(row, col, moment, self.book.fmt(formaat, decimalen))
                self.fit(col, "00-00-0000")
                return
        elif formaat in (Formaat.EURO, Formaat.PROCENT, Formaat.GEHEEL, Formaat.DECIMAAL):
            try:
                number = float(value)
            except (TypeError, ValueError):
                number = None
            if number is not None and math.isfinite(number):
                self.ws.write_number(row, col, number, self.book.fmt(formaat, decimalen))
                shown = (number * 100 if formaat == Formaat.PROCENT else number)
                self.fit(col, f"{shown:,.{decimalen}f}" + ("%" if formaat == Formaat.PROCENT else "")
                         + ("€ " if formaat == Formaat.EURO else ""))
                return
        elif formaat == Formaat.JANEE:
            self.text(row, col, "ja" if bool(value) else "nee")
            return
        self.text(row, col, value)

    def finish(self) -> None:
        for col, width in self.widths.items():
            self.ws.set_column(col, col, width)


class _Book:
    def __init__(self, path: Path) -> None:
        self.wb = xlsxwriter.Workbook(str(path), {
            "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
            "nan_inf_to_errors": True, "default_date_format": "dd-mm-yyyy",
        })
        self._formats: dict[tuple, Any] = {}
        self.title = self.wb.add_format({"bold": True, "font_size": 14})
        self.subtitle = self.wb.add_format({"italic": True, "font_color": "#555555"})
        self.heading = self.wb.add_format({"bold": True, "font_size": 11})
        self.bold = self.wb.add_format({"bold": True})
        self.warn = self.wb.add_format({"font_color": "#9c5700"})
        self.date = self.wb.add_format({"num_format": "dd-mm-yyyy", "align": "left"})
        self.wrap = self.wb.add_format({"text_wrap": True, "valign": "top"})
        self.used: set[str] = set()

    def fmt(self, formaat: Formaat, decimalen: int):
        key = (formaat, decimalen)
        if key not in self._formats:
            code = excel_opmaak(formaat, decimalen)
            self._formats[key] = self.wb.add_format({"num_format": code}) if code else None
        return self._formats[key]

    def sheet(self, title: str) -> _Sheet:
        return _Sheet(self, _sheet_name(title, self.used))


def _write_table(sheet: _Sheet, tabel: Tabel, freeze: bool) -> tuple[int, int]:
    """Title, header and rows as an Excel table (autofilter on its header); returns (first data row, n rows)."""
    ws, book = sheet.ws, sheet.book
    sheet.line(tabel.titel, book.heading)
    header_row = sheet.row
    frame = tabel.zichtbaar()
    headers, seen = [], set()
    for kolom in tabel.kolommen:
        name, n = str(excel_safe_text(kop(kolom))), 2
        while name.lower() in seen:
            name, n = f"{excel_safe_text(kop(kolom))} ({n})", n + 1
        seen.add(name.lower())
        headers.append(name)
    for row_number, values in enumerate(frame.itertuples(index=False), start=header_row + 1):
        for col, (kolom, value) in enumerate(zip(tabel.kolommen, values)):
            sheet.cell(row_number, col, value, kolom.formaat, kolom.decimalen)
    n_rows = len(frame)
    for col, name in enumerate(headers):
        sheet.fit(col, name + "   ")  # room for the filter button
    if n_rows and headers:
        ws.add_table(header_row, 0, header_row + n_rows, len(headers) - 1, {
            "columns": [{"header": h, "format": book.fmt(k.formaat, k.decimalen)}
                        for h, k in zip(headers, tabel.kolommen)],
            "style": "Table Style Light 9", "autofilter": True,
            "name": f"T{len(book.used)}_{sheet.row}",
        })
    else:
        for col, name in enumerate(headers):
            sheet.text(header_row, col, name, book.bold)
        if not n_rows:
            sheet.text(header_row + 1, 0, "Geen rijen.", fit=False)
            n_rows = 1
    if freeze:
        ws.freeze_panes(header_row + 1, 0)
    if tabel.toelichting:
        sheet.row = header_row + n_rows + 1
        sheet.line(tabel.toelichting, book.subtitle)
    sheet.row = max(sheet.row, header_row + n_rows + 1) + 1
    return header_row + 1, n_rows


def _x_values(grafiek: Grafiek) -> list[Any]:
    xs: list[Any] = []
    seen: set = set()
    for reeks in grafiek.reeksen:
        for x in reeks.x:
            key = str(x)
            if key not in seen:
                seen.add(key)
                xs.append(x)
    try:
        return sorted(xs) if all(not isinstance(x, str) for x in xs) else xs
    except TypeError:
        return xs


def _write_chart(sheet: _Sheet, grafiek: Grafiek, anchor: tuple[int, int]) -> None:
    """The chart's data as a small table (so the numbers are there to read), plus a native chart over it."""
    book, ws = sheet.book, sheet.ws
    sheet.line("Grafiekgegevens: " + grafiek.titel, book.heading)
    xs = _x_values(grafiek)
    months = {x: datetime(int(x[:4]), int(x[5:7]), 1) for x in xs if isinstance(x, str) and _MAAND.fullmatch(x)}
    x_is_date = bool(xs) and all(isinstance(x, (date, pd.Timestamp)) or x in months for x in xs)
    head = sheet.row
    sheet.text(head, 0, as_label(grafiek.x_label, grafiek.x_eenheid) or "x", book.bold)
    columns: list[tuple[str, Any, str]] = []  # (header, reeks, which)
    for reeks in grafiek.reeksen:
        if reeks.soort != "band" or reeks.laag is None:
            columns.append((reeks.label, reeks, "y"))
        if reeks.laag is not None and reeks.hoog is not None:
            columns += [(f"{reeks.label} – ondergrens", reeks, "laag"), (f"{reeks.label} – bovengrens", reeks, "hoog")]
    for col, (header, _, _) in enumerate(columns, start=1):
        sheet.text(head, col, header, book.bold)
    index = {str(x): i for i, x in enumerate(xs)}
    for i, x in enumerate(xs):
        r = head + 1 + i
        if x_is_date:
            sheet.cell(r, 0, months.get(x, x), Formaat.DATUM, 0)
        elif isinstance(x, (int, float)) and not isinstance(x, bool):
            ws.write_number(r, 0, float(x))
        else:
            sheet.text(r, 0, x)
    for col, (_, reeks, which) in enumerate(columns, start=1):
        values = getattr(reeks, which) or []
        for x, v in zip(reeks.x, values):
            if not _missing(v):
                ws.write_number(head + 1 + index[str(x)], col, float(v))
    last = head + len(xs)
    sheet.row = last + 2
    for x, label in grafiek.markeringen:
        sheet.line(f"Markering bij {x}: {label}", book.subtitle)
    if grafiek.toelichting:
        sheet.line(grafiek.toelichting, book.subtitle)
    sheet.row += 1
    if not xs or not columns:
        return
    chart = _native_chart(book, grafiek, x_is_date)
    name = sheet.name.replace("'", "''")
    for col, (header, reeks, which) in enumerate(columns, start=1):
        spec: dict[str, Any] = {
            "name": [sheet.name, head, col],
            "categories": f"='{name}'!$A${head + 2}:$A${last + 1}",
            "values": f"='{name}'!${xlsxwriter.utility.xl_col_to_name(col)}${head + 2}:"
                      f"${xlsxwriter.utility.xl_col_to_name(col)}${last + 1}",
        }
        colour = PALETTE[grafiek.reeksen.index(reeks) % len(PALETTE)]
        if grafiek.soort in ("staaf", "gestapeld"):
            spec["fill"] = {"color": colour}
            spec["border"] = {"none": True}
        elif grafiek.soort == "punt" or reeks.soort == "punt":
            spec["marker"] = {"type": "circle", "size": 5, "fill": {"color": colour}, "border": {"color": colour}}
            if grafiek.soort == "punt":
                spec["line"] = {"none": True}
        else:
            spec["line"] = {"color": colour, "width": 2.0 if which == "y" else 1.0,
                            "dash_type": "solid" if which == "y" else "dash"}
            spec["marker"] = {"type": "none"}
        chart.add_series(spec)
    chart.set_title({"name": str(excel_safe_text(grafiek.titel)), "name_font": {"size": 11, "bold": True}})
    chart.set_x_axis({"name": str(excel_safe_text(as_label(grafiek.x_label, grafiek.x_eenheid))),
                      "num_format": "mmm yyyy" if x_is_date else "General"})
    y_format = '"€ "#,##0' if "€" in grafiek.y_eenheid else "#,##0.##"
    chart.set_y_axis({"name": str(excel_safe_text(as_label(grafiek.y_label, grafiek.y_eenheid))),
                      "num_format": y_format, "major_gridlines": {"visible": True, "line": {"color": "#dddddd"}}})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 640, "height": 340})
    ws.insert_chart(anchor[0], anchor[1], chart)


def _native_chart(book: _Book, grafiek: Grafiek, x_is_date: bool):
    if grafiek.soort == "staaf":
        return book.wb.add_chart({"type": "column"})
    if grafiek.soort == "gestapeld":
        return book.wb.add_chart({"type": "column", "subtype": "stacked"})
    if grafiek.soort == "punt":
        return book.wb.add_chart({"type": "scatter"})
    return book.wb.add_chart({"type": "line"})


def _kv_table(sheet: _Sheet, titel: str, headers: list[str], rows: list[list[Any]],
              formats: list[Formaat] | None = None) -> None:
    """A small Excel table of plain rows (sources, assumptions, ...)."""
    kolommen_formaat = formats or [Formaat.TEKST] * len(headers)
    frame = pd.DataFrame(rows, columns=[f"c{i}" for i in range(len(headers))])
    kolommen = [Kolom(f"c{i}", h, f) for i, (h, f) in enumerate(zip(headers, kolommen_formaat))]
    _write_table(sheet, Tabel(titel, titel, frame, kolommen), freeze=False)


def _write_over(book: _Book, rapport: Rapport) -> None:
    sheet = book.sheet(OVER_BLAD)
    sheet.line(f"{rapport.titel} — {rapport.project}", book.title)
    sheet.row += 1
    for label, value in rapport.feiten():
        sheet.text(sheet.row, 0, label, book.bold)
        if isinstance(value, date):
            sheet.ws.write_datetime(sheet.row, 1, datetime(value.year, value.month, value.day), book.date)
        else:
            sheet.text(sheet.row, 1, value, fit=False)
        sheet.row += 1
    sheet.row += 1
    for tabel in verantwoording(rapport):
        _write_table(sheet, tabel, freeze=False)
    sheet.widths[1] = max(sheet.widths.get(1, 8), 30)
    sheet.finish()


def _write_section(book: _Book, r: Resultaat) -> None:
    sheet = book.sheet(korte_titel(r))
    sheet.line(r.titel, book.title)
    if r.ondertitel:
        sheet.line(r.ondertitel, book.subtitle)
    table_width = max((len(t.kolommen) for t in r.tabellen), default=1)
    chart_col = table_width + 1
    chart_row = sheet.row
    for number, tabel in enumerate(r.tabellen):
        _write_table(sheet, tabel, freeze=number == 0)
    blocks: list[tuple[str, list[str]]] = [("Samenvatting", r.samenvatting), ("Waarschuwingen", r.waarschuwingen)]
    for titel, lines in blocks:
        if lines:
            sheet.line(titel, book.heading)
            for text in lines:
                sheet.line(text, book.warn if titel == "Waarschuwingen" else None)
            sheet.row += 1
    if r.bevindingen:
        _kv_table(sheet, "Bevindingen", ["Bevinding", "Toelichting", "Soort", "Bewijssterkte", "Bron"],
                  [[b.titel, b.tekst, SOORT_LABELS.get(b.soort, b.soort), sterkte_label(b.sterkte), b.bron]
                   for b in r.bevindingen])
    if r.aannames:
        sheet.line("Aannames", book.heading)
        for text in r.aannames:
            sheet.line("• " + text)
        sheet.row += 1
    if r.bronnen:
        sheet.line("Bronnen", book.heading)
        for b in r.bronnen:
            sheet.line(b.tekst())
        sheet.row += 1
    for grafiek in r.grafieken:
        _write_chart(sheet, grafiek, (chart_row, chart_col))
        chart_row += 19
    sheet.finish()


def schrijf_xlsx(rapport: Rapport, path: str | Path) -> Path:
    """Write the report to ``path`` (atomically); returns the final path."""
    def write(temp: Path) -> None:
        book = _Book(temp)
        _write_over(book, rapport)
        for r in rapport.resultaten:
            _write_section(book, r)
        book.wb.close()

    return schrijf_atomair(path, write)
