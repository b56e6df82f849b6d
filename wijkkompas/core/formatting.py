"""Dutch number and date formatting, Qt-free so reports and the CLI can share it.

Why not QLocale everywhere: the same strings appear in Excel/PDF reports and
CLI text, which must not depend on Qt. Conventions: 1.234,5; € 1,2 mln; dd-mm-jjjj.
"""
from __future__ import annotations

import math
from datetime import date, datetime


def _group(text: str) -> str:
    sign = "-" if text.startswith("-") else ""
    digits = text.lstrip("-")
    parts = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    parts.insert(0, digits)
    return sign + ".".join(parts)


def getal(value: float | int | None, decimalen: int = 0) -> str:
    """1234.5 -> '1.234,5' (decimalen=1). None/NaN -> '–'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{float(value):.{decimalen}f}"
    whole, _, frac = text.partition(".")
    if whole in ("-0",) and not frac.strip("0"):
        whole = "0"
    return _group(whole) + ("," + frac if frac else "")


def euro(value: float | int | None, decimalen: int = 0) -> str:
    """'€ 1.234' — for amounts shown in full."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return "€ " + getal(value, decimalen)


def euro_kort(value: float | int | None) -> str:
    """Short amounts for cards and axes: € 950, € 12,3 dzd, € 1,2 mln, € 4,46 mld."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    magnitude = abs(value)
    if magnitude >= 1e9:
        return f"€ {getal(value / 1e9, 2)} mld"
    if magnitude >= 1e6:
        return f"€ {getal(value / 1e6, 1)} mln"
    if magnitude >= 1e4:
        return f"€ {getal(value / 1e3, 0)} dzd"
    return euro(value, 0)


def procent(fraction: float | None, decimalen: int = 0) -> str:
    """0.123 -> '12%' (decimalen=0)."""
    if fraction is None or (isinstance(fraction, float) and math.isnan(fraction)):
        return "–"
    return getal(fraction * 100, decimalen) + "%"


def datum(value: date | datetime | None) -> str:
    if value is None:
        return "–"
    return value.strftime("%d-%m-%Y")
