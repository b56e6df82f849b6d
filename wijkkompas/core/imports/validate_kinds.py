"""Validation rules that belong to one kind: credit lines in declaraties, the formatie of toegang teams.

Why apart from ``validate_rules``: those rules hold for every kind; these
interpret one kind's columns (a debet/credit indicator, wijk_codes lists,
fte and kosten per fte). Same conventions: Dutch messages, the row number as
Excel shows it, fouten reject the row, waarschuwingen keep it.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from wijkkompas.core.formatting import getal
from wijkkompas.core.imports import coerce_text
from wijkkompas.core.imports.coerce import unique_apply
from wijkkompas.core.imports.validate_rules import CREDIT_SIGNED, State

_CREDIT_TRUE = frozenset({"c", "credit", "creditregel", "creditnota", "cr", "ja", "j", "true", "waar", "1", "y", "yes"})
_CREDIT_FALSE = frozenset({"d", "debet", "debit", "debetregel", "db", "nee", "n", "false", "onwaar", "0", "no"})
MAX_FTE = 1_000.0
KOSTEN_PER_FTE_RANGE = (20_000.0, 250_000.0)


def to_credit(raw: pd.Series):
    """D/C (debet/credit), credit/debet, ja/nee, 1/0 → True for a credit line; NA when blank."""
    key = coerce_text.to_text(raw).values.str.strip().str.lower()
    t = key.isin(_CREDIT_TRUE).to_numpy(dtype=bool, na_value=False)
    f = key.isin(_CREDIT_FALSE).to_numpy(dtype=bool, na_value=False)
    values = pd.Series(pd.array([pd.NA] * len(key), dtype="boolean"))
    values[t] = True
    values[f] = False
    invalid = key.notna().to_numpy(dtype=bool) & ~t & ~f
    return coerce_text.Coerced(values, invalid)


def mark_credit(st: State) -> None:
    """Declaraties: recognise credit lines and give every row the ``credit`` flag.

    A credit line reverses an earlier declaratie (iWmo allows it): negative
    ingediend/toegekend bedrag and volume, or 'C' in a debet/credit column.
    iWmo writes a credit with positive amounts and the indicator 'C': those
    amounts are turned negative so that sums net out. Contradictions (mixed
    signs on one row; 'D' with a negative amount) are a fout.
    """
    if st.soort != "declaraties":
        return
    n = len(st.rij)
    signed = [c for c in CREDIT_SIGNED if c in st.cols]
    amounts = [c for c in signed if c != "geleverd_volume"]
    vals = {c: st.typed[c].to_numpy(dtype=np.float64, na_value=np.nan) for c in signed}
    neg_amount = np.logical_or.reduce([vals[c] < 0 for c in amounts]) if amounts else np.zeros(n, dtype=bool)
    neg = np.logical_or.reduce([vals[c] < 0 for c in signed]) if signed else np.zeros(n, dtype=bool)
    pos = np.logical_or.reduce([vals[c] > 0 for c in signed]) if signed else np.zeros(n, dtype=bool)
    if "credit" in st.cols:
        flag = st.typed["credit"]
        is_c = (flag == True).fillna(False).to_numpy(dtype=bool)  # noqa: E712 - nullable boolean
        is_d = (flag == False).fillna(False).to_numpy(dtype=bool)  # noqa: E712
    else:
        is_c = np.zeros(n, dtype=bool)
        is_d = np.zeros(n, dtype=bool)
    mixed = st.ok & neg & pos
    left = mixed.copy()
    for c in signed:  # reported on the first negative cell of the row
        here = left & (vals[c] < 0)
        left &= ~here
        st.rep.add(np.flatnonzero(here), c, (
            f"Negatieve waarde in kolom '{st.rep.kop(c)}' is niet toegestaan naast positieve bedragen of volumes op "
            "dezelfde regel (een creditregel heeft alleen negatieve bedragen); rij niet gebruikt."))
    st.rejected |= mixed
    contra = st.ok & is_d & neg_amount
    kop = st.rep.kop("credit") if "credit" in st.cols else ""
    st.rep.add(np.flatnonzero(contra), "credit", lambda i: (
        f"Debetregel ('D' in kolom '{kop}') met een negatief bedrag; is dit een creditregel? Rij niet gebruikt."))
    st.rejected |= contra
    flip = st.ok & is_c & ~neg & pos
    for c in signed:
        st.typed[c] = st.typed[c].where(~pd.Series(flip), -st.typed[c])
    credit = (is_c | neg) & ~mixed & ~contra
    st.typed["credit"] = pd.Series(credit, dtype=bool)
    st.invalid.setdefault("credit", np.zeros(n, dtype=bool))
    st.filled.setdefault("credit", credit.copy())
    if "credit" not in st.cols:
        st.cols.append("credit")


def check_formatie(st: State) -> None:
    """Formatie: wijk_codes as "W01, W02"; waarschuwing for improbable fte or kosten per fte."""
    if st.soort != "formatie":
        return
    if "wijk_codes" in st.cols:
        codes = st.typed["wijk_codes"]
        st.typed["wijk_codes"] = pd.Series(unique_apply(codes, lambda u: u.str.split(r"[,;/|\s]+", regex=True).map(
            lambda parts: ", ".join(p for p in parts if p) if isinstance(parts, list) else parts)), dtype="string")
    if "fte" in st.cols:
        x = st.typed["fte"].to_numpy(dtype=np.float64, na_value=np.nan)
        st.rep.add(np.flatnonzero(st.ok & (x > MAX_FTE)), "fte", lambda i, x=x: (
            f"{getal(x[i], 1)} fte voor één team is ongebruikelijk veel; gebruikt, maar controleer deze rij."),
            "waarschuwing")
    if "kosten_per_fte" in st.cols:
        x = st.typed["kosten_per_fte"].to_numpy(dtype=np.float64, na_value=np.nan)
        lo, hi = KOSTEN_PER_FTE_RANGE
        odd = st.ok & ~np.isnan(x) & ((x < lo) | (x > hi))
        st.rep.add(np.flatnonzero(odd), "kosten_per_fte", lambda i, x=x: (
            f"Kosten per fte € {getal(x[i], 0)} ligt buiten het gebruikelijke bereik (€ 20.000 tot € 250.000 per "
            "jaar); gebruikt, maar controleer de eenheid (per maand? in duizenden?)."), "waarschuwing")
