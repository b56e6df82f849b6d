"""Small generated exports for the import tests (written to tmp dirs, never committed).

Why generated: every quirk of real exports (title rows, line breaks in
headers, hidden sheets, Windows-1252 CSV) is one parameter here, so each test
states exactly which quirk it exercises.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl

TOEWIJZING_HEADERS = ["BSN", "Productcategorie", "Productcode", "Ingangsdatum", "Einddatum", "AGB-code",
                      "Volume", "Eenheid", "Frequentie"]
# Valid BSNs (pass the 11-proef); tests assert they never survive an import.
BSNS = ["123456782", "111222333", "999999990"]


def toewijzing_rows() -> list[list[Any]]:
    return [
        [BSNS[0], "02", "02A01", dt.datetime(2024, 1, 1), dt.datetime(2024, 6, 30), "12345678", 4, "04", "2"],
        [BSNS[1], "01", "01A02", dt.datetime(2024, 3, 1), None, "12345678", 3, "04", "2"],
        [BSNS[2], "02", "02A01", dt.datetime(2024, 2, 1), dt.datetime(2024, 12, 31), "87654321", 2, "04", "2"],
    ]


def write_xlsx(path: Path, sheets: dict[str, list[list[Any]]], hidden: tuple[str, ...] = ()) -> Path:
    """Workbook with the given sheets (rows written from A1) and hidden sheet names."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if name in hidden:
            sheet.sheet_state = "hidden"
    workbook.save(path)
    return path


def toewijzingen_xlsx(path: Path, title_rows: int = 0, headers: list[str] | None = None,
                      extra_rows: list[list[Any]] | None = None) -> Path:
    rows: list[list[Any]] = []
    if title_rows:
        rows.append(["Overzicht toewijzingen Wmo 2024"])
        rows.extend([[]] * (title_rows - 1))
    rows.append(headers or TOEWIJZING_HEADERS)
    rows.extend(toewijzing_rows())
    rows.extend(extra_rows or [])
    return write_xlsx(path, {"Toewijzingen": rows})


def csv_text(separator: str = ";", decimal: str = ",") -> str:
    lines = [separator.join(["Clientnummer", "Productcategorie", "Ingangsdatum", "Einddatum", "Volume", "Eenheid",
                             "Frequentie", "Budget"])]
    for i, (bsn, cat) in enumerate(zip(BSNS, ["02", "01", "02"], strict=True)):
        amount = f"1234{decimal}5{i}"
        if separator == "," and decimal == ",":
            amount = f'"{amount}"'
        lines.append(separator.join([bsn, cat, f"0{i + 1}-01-2024", "31-12-2024", "4", "04", "2", amount]))
    return "\n".join(lines) + "\n"
