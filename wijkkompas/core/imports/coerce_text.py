"""Coercion of text-like cells: identifiers, iWmo codes, booleans, postcodes.

Why apart from ``coerce``: numbers and dates need separator and calendar
rules; these columns need normalisation and look-ups. Both take whole columns
and return ``Coerced`` (typed values + ``invalid`` mask), parsing each distinct
value once (see ``coerce.per_unique``).
"""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata

import numpy as np
import pandas as pd

from wijkkompas.core.imports.coerce import Coerced, as_object, clean_text, is_str, per_unique, type_mask

_TRUE = {"ja", "j", "true", "waar", "1", "yes", "y", "x", "1.0", "wel"}
_FALSE = {"nee", "n", "false", "onwaar", "0", "no", "0.0", "niet"}


@per_unique
def to_bool(values: pd.Series | np.ndarray | list) -> Coerced:
    """ja/nee, j/n, true/false, waar/onwaar, 1/0 and real booleans."""
    arr = as_object(values)
    n = len(arr)
    out = pd.array([pd.NA] * n, dtype="boolean")
    invalid = np.zeros(n, dtype=bool)
    if n == 0:
        return Coerced(pd.Series(out), invalid)
    key = to_text(arr).values.str.lower()
    t = key.isin(_TRUE).to_numpy(dtype=bool, na_value=False)
    f = key.isin(_FALSE).to_numpy(dtype=bool, na_value=False)
    res = pd.Series(out)
    res[t] = True
    res[f] = False
    invalid = key.notna().to_numpy() & ~t & ~f
    return Coerced(res.astype("boolean"), invalid)


@per_unique
def to_text(values: pd.Series | np.ndarray | list) -> Coerced:
    """Identifiers and labels as stripped strings; 12345.0 becomes "12345".

    Why: Excel stores numeric-looking identifiers (toewijzingnummer, AGB code)
    as floats, and a key must compare equal whether it came as 12345, 12345.0
    or "12345". Dates written into a text column become JJJJ-MM-DD.
    """
    arr = as_object(values)
    n = len(arr)
    res = np.empty(n, dtype=object)
    res[:] = None
    strs = is_str(arr)
    nums = ~strs & type_mask(arr, (int, float, np.integer, np.floating)) & ~type_mask(arr, (bool, np.bool_))
    if strs.any():
        idx = np.flatnonzero(strs)
        s = clean_text(arr[idx])
        res[idx] = s.where(s != "").to_numpy(dtype=object, na_value=None)
    if nums.any():
        idx = np.flatnonzero(nums)
        x = pd.to_numeric(pd.Series(arr[idx], dtype=object), errors="coerce").to_numpy(np.float64)
        integral = np.isfinite(x) & (np.floor(x) == x) & (np.abs(x) < 1e15)
        txt = np.empty(len(idx), dtype=object)
        txt[integral] = x[integral].astype(np.int64).astype(str)
        rest = ~integral & ~np.isnan(x)
        txt[rest] = [repr(float(v)) for v in x[rest]]
        txt[np.isnan(x)] = None
        res[idx] = txt
    others = ~strs & ~nums
    if others.any():
        idx = np.flatnonzero(others)
        for i in idx:  # rare: dates, booleans, times in a text column
            v = arr[i]
            if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA or v is pd.NaT:
                continue
            if isinstance(v, _dt.datetime):
                res[i] = v.date().isoformat() if v.time() == _dt.time() else v.isoformat(sep=" ")
            elif isinstance(v, _dt.date):
                res[i] = v.isoformat()
            else:
                res[i] = str(v).strip() or None
    return Coerced(pd.Series(res, dtype="string"), np.zeros(n, dtype=bool))


def _norm_label(s: pd.Series) -> pd.Series:
    """Lower-case, accents folded, punctuation to single spaces (for label lookup)."""
    def fold(x: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", x) if not unicodedata.combining(c))

    low = s.str.lower()
    uniq = pd.unique(low.dropna())
    mapping = {u: fold(u) for u in uniq}
    folded = low.map(mapping, na_action="ignore")
    return folded.str.replace(r"[^0-9a-z]+", " ", regex=True).str.strip()


@per_unique
def to_code(values: pd.Series | np.ndarray | list, codes: dict[str, str],
            labels: dict[str, str] | None = None, width: int = 2) -> Coerced:
    """Map a column onto a code list: numbers/short digits are zero-padded.

    ``codes`` maps code -> name (the official list); ``labels`` maps a
    normalised text label (see ``_norm_label``) to a code. 1, 1.0, "1" and
    "01" all become "01" for width 2; "01 Hulp bij het huishouden" and
    "Hulp bij het huishouden" are recognised as well. Unknown values are
    returned as written (stripped) and flagged invalid.
    """
    text = to_text(values).values
    n = len(text)
    res = pd.Series(pd.array([pd.NA] * n, dtype="string"))
    present = text.notna().to_numpy()
    if not present.any():
        return Coerced(res, np.zeros(n, dtype=bool))
    digits = text.str.fullmatch(r"[0-9]{1,%d}(\.0+)?" % width).fillna(False)
    padded = text.str.replace(r"\.0+$", "", regex=True).str.zfill(width)
    res = res.mask(digits, padded)
    # "01 Hulp bij het huishouden" / "01 - HbH": leading code
    lead = text.str.extract(r"^([0-9]{1,%d})\s*[-:.)]?\s+[^0-9]" % width)[0]
    lead_ok = lead.notna() & ~digits
    res = res.mask(lead_ok, lead.str.zfill(width))
    if labels:
        todo = res.isna() & text.notna()
        if todo.any():
            norm = _norm_label(text[todo])
            res[todo] = norm.map(labels).astype("string")
    known = res.isin(list(codes)).fillna(False).to_numpy(dtype=bool)
    invalid = present & ~known
    res = res.where(known, text)  # keep the raw text so the validator can quote it
    return Coerced(res.astype("string"), invalid)


@per_unique
def to_postcode4(values: pd.Series | np.ndarray | list) -> Coerced:
    """Reduce a Dutch postcode to its four digits (PC4): "1234 AB" -> "1234".

    Invalid (not four digits 1000-9999 at the start) is flagged; the caller
    empties the cell. A full postcode is never kept: PC6 plus house number
    would identify a household.
    """
    text = to_text(values).values
    pc = text.str.extract(r"^([0-9]{4})(?:\s*[A-Za-z]{2})?$")[0]
    ok = pc.notna() & (pc.str.slice(0, 1) != "0")
    invalid = text.notna().to_numpy() & ~ok.fillna(False).to_numpy(dtype=bool)
    return Coerced(pc.where(ok).astype("string"), invalid)


@per_unique
def to_postcode4_list(values: pd.Series | np.ndarray | list) -> Coerced:
    """A list of PC4 codes in one cell ("1011, 1012 - 1015") as "1011,1012,...".

    Ranges "1012-1015" are expanded (wijk tables often describe areas so).
    """
    text = to_text(values).values
    res = np.empty(len(text), dtype=object)
    res[:] = None
    invalid = np.zeros(len(text), dtype=bool)
    for i, v in enumerate(text.to_numpy(dtype=object, na_value=None)):
        if v is None:
            continue
        found: list[str] = []
        for a, b in _pc_ranges(v):
            found.extend(str(p) for p in range(a, b + 1))
        if found:
            res[i] = ",".join(dict.fromkeys(found))
        else:
            invalid[i] = True
    return Coerced(pd.Series(res, dtype="string"), invalid)


def _pc_ranges(text: str) -> list[tuple[int, int]]:
    out = []
    for m in re.finditer(r"([0-9]{4})(?:\s*[A-Za-z]{2})?(?:\s*(?:-|t/m|tot en met)\s*([0-9]{4}))?", text):
        a = int(m.group(1))
        b = int(m.group(2)) if m.group(2) else a
        if 1000 <= a <= 9999 and a <= b <= 9999 and b - a <= 200:
            out.append((a, b))
    return out
