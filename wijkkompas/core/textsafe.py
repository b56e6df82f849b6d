"""Text that Excel (xlsx or csv) must never evaluate as a formula.

Why here and shared: every writer of a spreadsheet or CSV — the report, the
controlerapport, the project's CSV tables, exports — must escape text that
begins with ``=``, ``+``, ``-``, ``@``, tab or CR (OWASP "CSV injection"); one
function keeps them identical. The escape is a leading apostrophe, which Excel
shows as text and does not display.
"""
from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    return bool(text) and text.startswith(FORMULA_STARTS)


def excel_safe_text(value: Any) -> Any:
    """Return ``value`` unchanged unless it is text Excel would run; then prefix an apostrophe."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value
