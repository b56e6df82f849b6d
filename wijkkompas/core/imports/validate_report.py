"""Collecting validation messages (``Melding``) in the shape the user reads them.

Why apart: every rule in ``validate_rules`` reports through this one class, so
the conventions hold everywhere — the Excel row number, the header as written
in the file, the raw cell as the user would recognise it (never a client
number), fouten always row by row, and one summary line when a single
waarschuwing rule fires on very many rows.
"""
from __future__ import annotations

import datetime as _dt
from typing import Callable

import numpy as np
import pandas as pd

from wijkkompas.core.formatting import getal
from wijkkompas.core.imports.model import Melding

MAX_WARNINGS_PER_RULE = 50  # more than this: the rest in one summary message per rule


def show_cell(v: object) -> str | None:
    """A raw cell as the user would recognise it (for ``Melding.waarde``)."""
    if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, _dt.datetime):
        return v.strftime("%d-%m-%Y") if v.time() == _dt.time() else v.strftime("%d-%m-%Y %H:%M")
    if isinstance(v, _dt.date):
        return v.strftime("%d-%m-%Y")
    if isinstance(v, float) and np.isfinite(v) and v == int(v) and abs(v) < 1e15:
        return str(int(v))
    text = str(v).strip()
    return text[:80] + ("…" if len(text) > 80 else "")


def fmt_date(ts: pd.Timestamp) -> str:
    return ts.strftime("%d-%m-%Y")


def rows_text(rij: np.ndarray, idx: np.ndarray, limit: int = 30) -> str:
    """"5, 6, 9 en nog 12" for the Excel rows of positions ``idx``."""
    txt = ", ".join(str(int(rij[i])) for i in idx[:limit])
    return txt + (f" en nog {len(idx) - limit}" if len(idx) > limit else "")


class Report:
    """Collects messages; row-wise for fouten, capped per rule for waarschuwingen."""

    def __init__(self, rij: np.ndarray, raw: pd.DataFrame, headers: dict[str, str],
                 hidden: frozenset[str] = frozenset({"client_id"})) -> None:
        self.rij = rij
        self.raw = raw
        self.headers = headers
        self.hidden = hidden  # columns whose cells are never quoted (client numbers, a client's postcode)
        self.items: list[tuple[int, int, Melding]] = []
        self._order = {c: i for i, c in enumerate(raw.columns)}

    def kop(self, col: str | None) -> str | None:
        """The column header as written in the file."""
        return None if col is None else self.headers.get(col, col)

    def waarde(self, col: str | None, i: int) -> str | None:
        if col is None or col in self.hidden or col not in self.raw.columns:
            return None  # client numbers (and a client's address) are never repeated in a report
        return show_cell(self.raw[col].iat[i])

    def add(self, idx: np.ndarray, col: str | None, text: Callable[[int], str] | str,
            ernst: str = "fout") -> None:
        """One message per position in ``idx`` (``text`` may depend on the position)."""
        idx = np.asarray(idx, dtype=np.int64)
        if len(idx) == 0:
            return
        order = self._order.get(col, -1) if col else -1
        if ernst == "waarschuwing" and len(idx) > MAX_WARNINGS_PER_RULE:
            for i in idx[:MAX_WARNINGS_PER_RULE]:
                self._one(int(i), col, text, ernst, order)
            rest = idx[MAX_WARNINGS_PER_RULE:]
            rijen = ", ".join(str(int(self.rij[i])) for i in rest[:20]) + (" …" if len(rest) > 20 else "")
            voorbeeld = text(int(rest[0])) if callable(text) else text
            first = int(self.rij[rest[0]])
            self.items.append((first, order, Melding(
                first, self.kop(col), None,
                f"Nog {getal(len(rest))} rijen met dezelfde waarschuwing (rij {rijen}); bijvoorbeeld: {voorbeeld}",
                "waarschuwing")))
            return
        for i in idx:
            self._one(int(i), col, text, ernst, order)

    def _one(self, i: int, col: str | None, text: Callable[[int], str] | str, ernst: str, order: int) -> None:
        melding = text(i) if callable(text) else text
        rij = int(self.rij[i])
        self.items.append((rij, order, Melding(rij, self.kop(col), self.waarde(col, i), melding, ernst)))

    def summary(self, rij: int | None, col: str | None, melding: str, ernst: str = "waarschuwing") -> None:
        """One message about many rows (e.g. "3 lege rijen overgeslagen")."""
        self.items.append((rij if rij is not None else -1, -1, Melding(rij, self.kop(col), None, melding, ernst)))

    def meldingen(self) -> list[Melding]:
        """All messages sorted by Excel row, then by column order in the file."""
        self.items.sort(key=lambda t: (t[0], t[1]))
        return [m for _, _, m in self.items]
