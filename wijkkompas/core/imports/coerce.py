"""Vectorised coercion of raw spreadsheet cells into typed columns.

Why this module: municipal exports mix real Excel numbers and dates with
text such as "1.234,56", "€ 12,50", "31-1-24" or Excel serial numbers, and a
declaratie file easily has 200.000 rows. Every function here takes a whole
column (object dtype, as the readers deliver it) and returns the typed column
plus a boolean mask ``invalid`` of cells that held *something* that could not
be understood. Empty cells (None, NaN, "", whitespace) are never invalid; they
come back as missing and the validator decides whether that is allowed.

Speed: columns that already hold numbers take a numpy fast path. Otherwise a
column is factorised and only its *distinct* values are parsed (a 200.000-row
export has a few dozen distinct dates and codes), then spread back by code.
Text goes through pandas string methods and ``pd.to_datetime`` with explicit
formats, one format at a time on the values still unparsed.

Text, codes, booleans and postcodes live in ``coerce_text`` and use the same
distinct-value machinery (``per_unique``) defined here.

Decisions (documented because the input is ambiguous):
- Numbers in text: when a cell holds both "." and ",", the right-most one is
  the decimal separator. A single "," is a decimal comma (Dutch) unless the
  column shows English style elsewhere ("1,234.56"). A single "." followed by
  exactly three digits ("1.234") is a thousands separator only when the column
  shows Dutch style elsewhere ("12,50" or "1.234,56"); otherwise a decimal
  point. "€", "EUR", "%", spaces and non-breaking spaces are ignored; "(12,50)"
  and "12,50-" are negative (accounting notation). NaN/inf are invalid.
- Dates: day first (Dutch). Excel serials count from 1899-12-30 (the 1900
  leap-year bug makes that the right origin for every date after 28-2-1900).
  Eight-digit numbers 19000101..21991231 are read as JJJJMMDD. Years before
  1900 are invalid; dates in or after 2090 (9999-12-31 is a common "no end"
  marker) are returned as missing and flagged in ``far_future`` so the
  validator can treat them as an open end.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import pandas as pd

DATE_DTYPE = "datetime64[us]"
_EXCEL_EPOCH = np.datetime64("1899-12-30", "D")
_MIN_DATE = np.datetime64("1900-01-01", "us")
_FAR_FUTURE = np.datetime64("2090-01-01", "us")


# Text date formats tried in order on the still-unparsed cells (day first).
_DATE_FORMATS = (
    "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%y", "%d/%m/%y",
    "%d.%m.%y", "%Y/%m/%d", "%Y%m%d", "%d %m %Y",
)


@dataclass
class Coerced:
    """A typed column and the mask of cells that could not be read."""

    values: pd.Series
    invalid: np.ndarray  # bool, True where a non-empty cell was not understood
    # (codes, distinct raw cells) when computed per distinct value: later checks reuse them instead of
    # factorising the column again (each factorisation of 200.000 ids costs some 20 ms)
    factors: tuple[np.ndarray, np.ndarray] | None = field(default=None, kw_only=True)


@dataclass
class CoercedDates(Coerced):
    far_future: np.ndarray  # bool, parsed but in/after 2090: treated as missing


# ---------------------------------------------------------------------------
# helpers

def as_object(values: pd.Series | np.ndarray | list) -> np.ndarray:
    """Cells as an object array (missing cells may be None, NaN or pd.NA)."""
    if isinstance(values, pd.Series):
        if values.dtype == object:
            return values.to_numpy(dtype=object, copy=False)  # no copy: readers deliver object columns
        return values.to_numpy(dtype=object, na_value=None)
    return np.asarray(values, dtype=object)


_type_of = np.frompyfunc(type, 1, 1)


def _types(arr: np.ndarray) -> np.ndarray:
    return _type_of(arr) if len(arr) else np.zeros(0, dtype=object)


def type_mask(arr: np.ndarray, kinds: tuple[type, ...], exact: bool = False) -> np.ndarray:
    """Boolean mask of cells that are instances of ``kinds`` (C-level passes only)."""
    if len(arr) == 0:
        return np.zeros(0, dtype=bool)
    tcodes, tuniq = pd.factorize(_types(arr))
    hits = [i for i, t in enumerate(tuniq) if (t in kinds if exact else issubclass(t, kinds))]
    return np.isin(tcodes, hits)


def is_str(arr: np.ndarray) -> np.ndarray:
    return type_mask(arr, (str,), exact=True)


_BOOL_TAG = "\x00bool"


def _factorize(values: pd.Series | np.ndarray | list) -> tuple[np.ndarray, np.ndarray]:
    """Codes and distinct cells, so parsing runs once per distinct value.

    Why: a 200.000-row export has a few dozen distinct dates, codes and
    statuses and some ten thousand client ids; parsing the distinct values and
    spreading the result back is an order of magnitude faster. Booleans are
    kept apart from 1/0 (Python hashes True == 1). Missing cells get code -1.
    """
    arr = as_object(values)
    codes, uniq = pd.factorize(arr, use_na_sentinel=True)
    uniq = np.asarray(uniq, dtype=object)
    if _may_merge_bools(uniq):
        codes, uniq = _factorize_bools_apart(arr)
    return np.asarray(codes, dtype=np.int64), uniq


def _may_merge_bools(uniq: np.ndarray) -> bool:
    """Whether factorising may have merged True with 1 or False with 0 (then the cells are redone).

    A merge leaves a boolean or a number equal to 0 or 1 among the distinct
    values, so looking at those (not at every cell) suffices.
    """
    if len(uniq) == 0:
        return False
    other = uniq[~is_str(uniq)]
    if len(other) == 0:
        return False
    if type_mask(other, (bool, np.bool_)).any():
        return True
    numbers = other[type_mask(other, (int, float, complex, np.number, Decimal))]
    try:
        x = numbers.astype(np.float64)  # C-level; ids beyond float range or complex numbers take the loop
        return bool(((x == 0) | (x == 1)).any())
    except (OverflowError, TypeError, ValueError):
        pass
    try:
        return any(v == 0 or v == 1 for v in numbers)
    except Exception:  # noqa: BLE001 - a value that refuses comparison (Decimal('sNaN')): take the safe path
        return True


def _factorize_bools_apart(arr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    bools = np.flatnonzero(type_mask(arr, (bool, np.bool_)))
    if len(bools):
        arr = arr.copy()
        for i in bools:
            arr[i] = (_BOOL_TAG, bool(arr[i]))
    codes, uniq = pd.factorize(arr, use_na_sentinel=True)
    uniq = np.asarray(uniq, dtype=object)
    if len(bools):
        for i, u in enumerate(uniq):
            if type(u) is tuple and len(u) == 2 and u[0] == _BOOL_TAG:
                uniq[i] = u[1]
    return codes, uniq


def _spread(res: Coerced, codes: np.ndarray) -> Coerced:
    """Expand a result computed on distinct values back to all rows."""
    pos = np.maximum(codes, 0)
    missing = codes < 0
    if len(res.values) == 0:
        values = pd.Series([None] * len(codes), dtype=res.values.dtype)
    else:
        values = res.values.take(pos).reset_index(drop=True)
        if missing.any():
            values = values.where(~missing)
    invalid = res.invalid[pos] & ~missing if len(res.invalid) else np.zeros(len(codes), dtype=bool)
    if isinstance(res, CoercedDates):
        far = res.far_future[pos] & ~missing if len(res.far_future) else np.zeros(len(codes), dtype=bool)
        return CoercedDates(values, invalid, far)
    return Coerced(values, invalid)


def per_unique(core):
    """Decorator: run ``core`` on the distinct cells of a column only."""
    def wrapper(values, *args, **kwargs):
        codes, uniq = _factorize(values)
        res = _spread(core(uniq, *args, **kwargs), codes)
        res.factors = (codes, uniq)
        return res
    wrapper.__name__ = core.__name__
    wrapper.__doc__ = core.__doc__
    wrapper.__wrapped__ = core
    return wrapper


def unique_apply(values: pd.Series, fn, fill: object = None) -> np.ndarray:
    """``fn`` (vectorised, on a string Series) applied to distinct values only.

    Returns a numpy array aligned with ``values``; missing cells get ``fill``.
    """
    codes, uniq = pd.factorize(values, use_na_sentinel=True)
    res = fn(pd.Series(np.asarray(uniq, dtype=object), dtype="string"))
    res = res.to_numpy(dtype=object if fill is None else None) if isinstance(res, pd.Series) else np.asarray(res)
    if len(res) == 0:
        return np.full(len(codes), fill, dtype=object if fill is None else type(fill))
    out = res[np.maximum(codes, 0)]
    if (codes < 0).any():
        out = out.copy()
        out[codes < 0] = fill
    return out


def clean_text(arr: np.ndarray) -> pd.Series:
    """Stripped strings (as pandas string dtype) for an object array of str."""
    return pd.Series(arr, dtype=object).astype("string").str.strip()


# ---------------------------------------------------------------------------
# numbers

def to_number(values: pd.Series | np.ndarray | list) -> Coerced:
    """Parse a column of numbers written in Dutch or English style."""
    if isinstance(values, pd.Series) and pd.api.types.is_numeric_dtype(values.dtype) \
            and not pd.api.types.is_bool_dtype(values.dtype):
        x = values.to_numpy(dtype=np.float64, na_value=np.nan, copy=True)
        bad = ~np.isnan(x) & ~np.isfinite(x)
        x[bad] = np.nan
        return Coerced(pd.Series(x, dtype="float64"), bad)
    arr = as_object(values)
    if pd.api.types.infer_dtype(arr, skipna=True) in ("floating", "integer", "mixed-integer-float"):
        # already numbers (the usual case for real Excel cells): no parsing needed
        x = pd.to_numeric(pd.Series(arr, dtype=object), errors="coerce").to_numpy(
            dtype=np.float64, na_value=np.nan, copy=True)
        bad = ~np.isnan(x) & ~np.isfinite(x)
        x[bad] = np.nan
        return Coerced(pd.Series(x, dtype="float64"), bad)
    return _number_unique(arr)


@per_unique
def _number_unique(arr: np.ndarray) -> Coerced:
    arr = as_object(arr)
    n = len(arr)
    out = np.full(n, np.nan, dtype=np.float64)
    invalid = np.zeros(n, dtype=bool)
    if n == 0:
        return Coerced(pd.Series(out, dtype="float64"), invalid)

    strs = is_str(arr)
    nonstr = ~strs
    if nonstr.any():
        idx = np.flatnonzero(nonstr)
        sub = arr[idx]
        # bools, dates and other objects are not numbers
        bad = type_mask(sub, (bool, np.bool_, _dt.date, _dt.time, _dt.timedelta, pd.Timestamp))
        num = pd.to_numeric(pd.Series(np.where(bad, None, sub), dtype=object), errors="coerce")
        num = num.to_numpy(dtype=np.float64, na_value=np.nan, copy=True)
        missing = pd.isna(pd.Series(sub, dtype=object)).to_numpy()
        bad |= ~missing & ~np.isfinite(num)
        num[bad] = np.nan
        out[idx] = num
        invalid[idx] = bad
    if strs.any():
        idx = np.flatnonzero(strs)
        parsed, bad = _parse_number_text(clean_text(arr[idx]))
        out[idx] = parsed
        invalid[idx] = bad
    return Coerced(pd.Series(out, dtype="float64"), invalid)


def _parse_number_text(s: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    empty = (s == "") | s.isin(["-", "–"])
    t = s.str.replace(r"(?i)eur(o)?|€|%|[\s\u00a0\u202f']", "", regex=True)
    # accounting negatives: (12,50) and 12,50-
    paren = t.str.fullmatch(r"\(.*\)")
    trail = t.str.fullmatch(r".*[0-9]-")
    t = t.where(~(paren | trail), "-" + t.str.strip("()-"))
    t = t.str.replace(r"^\+", "", regex=True)

    has_c = t.str.contains(",", regex=False)
    has_d = t.str.contains(".", regex=False)
    both = has_c & has_d
    last_c = t.str.rfind(",") > t.str.rfind(".")
    nl_both = both & last_c
    en_both = both & ~last_c
    only_c = has_c & ~has_d
    only_d = has_d & ~has_c
    comma_decimal = only_c & ~t.str.fullmatch(r"-?[0-9]{1,3}(,[0-9]{3})+")
    english = bool(en_both.sum() > nl_both.sum())
    dutch = not english and bool((nl_both | comma_decimal).any())

    grouped_c = only_c & t.str.fullmatch(r"-?[0-9]{1,3}(,[0-9]{3}){2,}")
    single_c3 = only_c & t.str.fullmatch(r"-?[0-9]{1,3},[0-9]{3}")
    grouped_d = only_d & t.str.fullmatch(r"-?[0-9]{1,3}(\.[0-9]{3}){2,}")
    single_d3 = only_d & t.str.fullmatch(r"-?[0-9]{1,3}\.[0-9]{3}")

    remove_dots = nl_both | grouped_d | (single_d3 & dutch)
    remove_commas = en_both | grouped_c | (single_c3 & english)
    comma_to_point = (nl_both | (only_c & ~grouped_c & ~(single_c3 & english)))

    t = t.where(~remove_dots.fillna(False), t.str.replace(".", "", regex=False))
    t = t.where(~remove_commas.fillna(False), t.str.replace(",", "", regex=False))
    t = t.where(~comma_to_point.fillna(False), t.str.replace(",", ".", regex=False))
    ok_syntax = t.str.fullmatch(r"-?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?").fillna(False)
    num = pd.to_numeric(t.where(ok_syntax), errors="coerce").to_numpy(
        dtype=np.float64, na_value=np.nan, copy=True)
    empty_np = empty.to_numpy(dtype=bool, na_value=True)
    bad = ~empty_np & ~np.isfinite(num)
    num[bad | empty_np] = np.nan
    return num, bad


# ---------------------------------------------------------------------------
# dates

@per_unique
def to_date(values: pd.Series | np.ndarray | list) -> CoercedDates:
    """Parse dates: datetime cells, Excel serials, JJJJMMDD and Dutch text."""
    arr = as_object(values)
    n = len(arr)
    out = np.full(n, np.datetime64("NaT"), dtype=DATE_DTYPE)
    invalid = np.zeros(n, dtype=bool)
    empty = np.zeros(n, dtype=bool)
    if n == 0:
        return CoercedDates(pd.Series(out), invalid, invalid.copy())

    strs = is_str(arr)
    dates = type_mask(arr, (_dt.date, np.datetime64))  # datetime and Timestamp are dates too
    nums = ~strs & ~dates & type_mask(arr, (int, float, np.integer, np.floating)) & \
        ~type_mask(arr, (bool, np.bool_))
    other = ~strs & ~dates & ~nums
    if other.any():
        idx = np.flatnonzero(other)
        missing = pd.isna(pd.Series(arr[idx], dtype=object)).to_numpy()
        empty[idx] = missing
        invalid[idx] = ~missing
    if dates.any():
        idx = np.flatnonzero(dates)
        # wall-clock date of time-zone aware cells (pandas refuses to mix aware and naive)
        cells = [v.replace(tzinfo=None) if isinstance(v, _dt.datetime) and v.tzinfo is not None else v
                 for v in arr[idx]]
        conv = pd.to_datetime(pd.Series(cells, dtype=object), errors="coerce")
        conv = conv.dt.floor("D").to_numpy(dtype=DATE_DTYPE)
        out[idx] = conv
        invalid[idx] = np.isnat(conv)
    if nums.any():
        idx = np.flatnonzero(nums)
        out[idx], invalid[idx], empty[idx] = _dates_from_numbers(
            pd.to_numeric(pd.Series(arr[idx], dtype=object), errors="coerce").to_numpy(np.float64))
    if strs.any():
        idx = np.flatnonzero(strs)
        out[idx], invalid[idx], empty[idx] = _dates_from_text(clean_text(arr[idx]))

    # plausibility of the calendar range
    parsed = ~np.isnat(out)
    too_old = parsed & (out < _MIN_DATE)
    far = parsed & (out >= _FAR_FUTURE)
    invalid |= too_old
    out[too_old | far] = np.datetime64("NaT")
    invalid &= ~empty
    return CoercedDates(pd.Series(out, dtype=DATE_DTYPE), invalid, far)


def _dates_from_numbers(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = len(x)
    out = np.full(n, np.datetime64("NaT"), dtype=DATE_DTYPE)
    empty = np.isnan(x)
    finite = np.isfinite(x)
    ymd = finite & (x >= 19000101) & (x <= 21991231) & (np.floor(x) == x)
    serial = finite & ~ymd & (x >= 1) & (x < 2958466)
    if serial.any():
        days = np.floor(x[serial]).astype(np.int64)
        out[serial] = (_EXCEL_EPOCH + days.astype("timedelta64[D]")).astype(DATE_DTYPE)
    if ymd.any():
        txt = pd.Series(x[ymd].astype(np.int64).astype(str))
        out[ymd] = pd.to_datetime(txt, format="%Y%m%d", errors="coerce").to_numpy(DATE_DTYPE)
    invalid = ~empty & np.isnat(out)
    return out, invalid, empty


def _dates_from_text(s: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = len(s)
    out = np.full(n, np.datetime64("NaT"), dtype=DATE_DTYPE)
    empty = (s == "").to_numpy(dtype=bool, na_value=True)
    # "2024-01-31 00:00:00", "2024-01-31T10:00" and "31-01-2024 0:00": keep the date part
    t = s.str.replace(r"[ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?$", "", regex=True)
    todo = ~empty
    for fmt in _DATE_FORMATS:
        if not todo.any():
            break
        idx = np.flatnonzero(todo)
        conv = pd.to_datetime(t.iloc[idx], format=fmt, errors="coerce").to_numpy(DATE_DTYPE)
        got = ~np.isnat(conv)
        out[idx[got]] = conv[got]
        todo[idx[got]] = False
    if todo.any():  # text that is a number: an Excel serial or JJJJMMDD stored as text
        idx = np.flatnonzero(todo)
        num = pd.to_numeric(t.iloc[idx].where(t.iloc[idx].str.fullmatch(r"[0-9]+(\.[0-9]+)?")),
                            errors="coerce").to_numpy(np.float64, na_value=np.nan)
        conv, _, _ = _dates_from_numbers(num)
        out[idx] = conv
    invalid = ~empty & np.isnat(out)
    return out, invalid, empty
