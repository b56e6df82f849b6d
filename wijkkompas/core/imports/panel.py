"""Monthly panel and summary of an imported (pseudonymised) table.

Why a panel: the adviser's questions are per month and per productcategorie
(how many clients, how much care, what did it cost), optionally per wijk and
aanbieder. The panel has one row per maand × productcategorie × wijk_code ×
aanbieder_code × volume_eenheid (missing dimensions are <NA>) with
``clienten`` (unique pseudonyms), ``volume`` and ``bedrag``.

Units: volumes are never added across units. Time units are converted to
hours (minuut/60, dagdeel = 4 uur per WJ756), other units keep their own
(etmaal, stuks (output), stuks (inspanning), euro), and ``volume_eenheid`` is
part of the key. ``clienten`` is unique within one panel row; summing it over
rows can double count a client who appears in several rows — use
``summarise`` for unique totals.

Declaraties: the declared period (periode_start..periode_eind, or the end of
the start month when periode_eind is empty) is spread over calendar months
pro rata by days; bedrag is toegekend_bedrag, else ingediend_bedrag. Credit
lines (``credit`` True, negative amounts) are netted: their negative bedrag
and volume are summed with the rest, and neither the credit line nor the
declaratie it reverses (``origineel_declaratienummer``) counts a client, so a
fully reversed declaratie leaves no client behind in that month.

Toewijzingen: a client is active in every month that overlaps
ingangsdatum..einddatum. The file does not say when it was exported, so the
panel runs up to the end of the month of the latest ingangsdatum in the file
(the horizon); open ends run to the horizon and later months are cut off
(planned, not yet observed). Volume per month follows frequentie (per dag,
per week = days/7, per maand = share of the month, totaal = pro rata over the
whole validity); bedrag is the toewijzing's budget spread pro rata by days
over its validity (NaN when there is no budget column).

Window: the panel covers months from January 2015 (Wmo 2015) up to the end of
the year two years ahead. Parts of periods outside it are left out of the
panel (their pro-rata share is not moved elsewhere); the summary's ``bedrag``
and ``clienten`` totals come from the table and are not affected.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from wijkkompas.core.imports import codelists as cl

PANEL_COLUMNS = ("maand", "productcategorie", "wijk_code", "aanbieder_code", "volume_eenheid",
                 "clienten", "volume", "bedrag")
_KEYS = ["productcategorie", "wijk_code", "aanbieder_code", "volume_eenheid"]
PANEL_START = np.datetime64("2015-01-01", "D")  # Wmo 2015


def _empty_panel() -> pd.DataFrame:
    return pd.DataFrame({
        "maand": pd.Series(dtype="string"), "productcategorie": pd.Series(dtype="string"),
        "wijk_code": pd.Series(dtype="string"), "aanbieder_code": pd.Series(dtype="string"),
        "volume_eenheid": pd.Series(dtype="string"), "clienten": pd.Series(dtype="int64"),
        "volume": pd.Series(dtype="float64"), "bedrag": pd.Series(dtype="float64"),
    })


def _col(table: pd.DataFrame, name: str, dtype: str = "string") -> pd.Series:
    if name in table.columns:
        return table[name].reset_index(drop=True)
    return pd.Series(pd.array([pd.NA] * len(table), dtype=dtype))


def _num(table: pd.DataFrame, name: str) -> np.ndarray:
    if name not in table.columns:
        return np.full(len(table), np.nan)
    return pd.to_numeric(table[name], errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)


def _dates(table: pd.DataFrame, name: str) -> np.ndarray:
    if name not in table.columns:
        return np.full(len(table), np.datetime64("NaT"), dtype="datetime64[D]")
    return pd.to_datetime(table[name], errors="coerce").to_numpy().astype("datetime64[D]")


def _expand(start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Split [start, end] (inclusive, datetime64[D]) into calendar months.

    Returns (row index, month as datetime64[M], overlap days) per piece.
    """
    m0 = start.astype("datetime64[M]")
    m1 = end.astype("datetime64[M]")
    nm = (m1 - m0).astype(np.int64) + 1
    nm = np.maximum(nm, 0)
    rows = np.repeat(np.arange(len(start)), nm)
    offs = np.arange(int(nm.sum())) - np.repeat(np.cumsum(nm) - nm, nm)
    month = m0[rows] + offs.astype("timedelta64[M]")
    m_start = month.astype("datetime64[D]")
    m_end = (month + np.timedelta64(1, "M")).astype("datetime64[D]") - np.timedelta64(1, "D")
    ov_s = np.maximum(m_start, start[rows])
    ov_e = np.minimum(m_end, end[rows])
    days = (ov_e - ov_s).astype(np.int64) + 1
    return rows, month, days.astype(np.float64)


def _volume_in_panel_unit(table: pd.DataFrame, vcol: str) -> tuple[np.ndarray, pd.Series]:
    vol = _num(table, vcol)
    unit = _col(table, "eenheid")
    codes, uniq = pd.factorize(unit, use_na_sentinel=True)
    f_u = np.array([cl.UREN_PER_EENHEID.get(u, 1.0) for u in uniq] + [1.0], dtype=np.float64)
    l_u = np.array([cl.PANEL_EENHEID.get(u, u) for u in uniq] + ["onbekend"], dtype=object)
    factor = f_u[codes]  # code -1 picks the trailing default
    label = pd.Series(l_u[codes], dtype="string")
    return vol * factor, label


@dataclass
class _Pieces:
    """Month pieces as flat integer/float arrays (one entry per input row × month).

    Why arrays and integer codes: a toewijzingen table of 200.000 rows spans
    some 6 million (row, month) pieces; objects per piece would be far too slow.
    """

    src: np.ndarray  # input row
    month: np.ndarray  # months since 1970-01 (int64)
    client: np.ndarray  # client code per piece, -1 = unknown
    volume: np.ndarray
    bedrag: np.ndarray
    n_clients: int
    client_of_row: np.ndarray  # client code per input row, -1 = unknown


def _pieces(table: pd.DataFrame, soort: str) -> _Pieces | None:
    """Split every row's period into calendar months with volume and bedrag shares."""
    n = len(table)
    if soort == "declaraties":
        start = _dates(table, "periode_start")
        end = _dates(table, "periode_eind")
        month_end = (start.astype("datetime64[M]") + np.timedelta64(1, "M")).astype("datetime64[D]") \
            - np.timedelta64(1, "D")
        end = np.where(np.isnat(end), month_end, end)
        ok = ~np.isnat(start) & (end >= start)
        total = (end - start).astype(np.int64) + 1
        vol, _ = _volume_in_panel_unit(table, "geleverd_volume")
        toegekend = _num(table, "toegekend_bedrag")
        bedrag = np.where(np.isnan(toegekend), _num(table, "ingediend_bedrag"), toegekend)
    elif soort == "toewijzingen":
        start = _dates(table, "ingangsdatum")
        end = _dates(table, "einddatum")
        if n == 0 or np.isnat(start).all():
            return None
        horizon_m = np.max(start[~np.isnat(start)]).astype("datetime64[M]")
        horizon = (horizon_m + np.timedelta64(1, "M")).astype("datetime64[D]") - np.timedelta64(1, "D")
        full_end = np.where(np.isnat(end), horizon, end)
        total = (full_end - start).astype(np.int64) + 1
        end = np.minimum(full_end, horizon)
        ok = ~np.isnat(start) & (end >= start)
        vol, _ = _volume_in_panel_unit(table, "volume")
        bedrag = _num(table, "budget")
    else:
        return None
    # The window keeps a few absurd periods (01-01-1900 as a default start) from
    # exploding into thousands of months; shares still use the full period.
    lo, hi = _window()
    start_w = np.maximum(start, lo)
    end_w = np.minimum(end, hi)
    idx = np.flatnonzero(ok & (end_w >= start_w))
    if len(idx) == 0:
        return None
    rows, month, days = _expand(start_w[idx], end_w[idx])
    src = idx[rows]
    share = days / np.maximum(total[src], 1)
    if soort == "toewijzingen":
        freq_codes, freq_uniq = pd.factorize(_col(table, "frequentie"), use_na_sentinel=True)
        freq = np.asarray(freq_codes)[src]
        days_in_month = ((month + np.timedelta64(1, "M")).astype("datetime64[D]")
                         - month.astype("datetime64[D]")).astype(np.float64)
        per_freq = {"1": days, "2": days / 7.0, "4": days / days_in_month, "6": share}
        mult = np.full(len(src), np.nan)
        for code_index, code in enumerate(freq_uniq):
            if code in per_freq:
                sel = freq == code_index
                mult[sel] = per_freq[code][sel]
        vol_piece = vol[src] * mult
    else:
        vol_piece = vol[src] * share
    client_codes, client_uniq = pd.factorize(_col(table, "client_id"), use_na_sentinel=True)
    client_codes = np.asarray(client_codes, dtype=np.int64)
    if soort == "declaraties":
        client_codes = np.where(_reversed(table), -1, client_codes)
    return _Pieces(src=src, month=month.astype(np.int64), client=client_codes[src],
                   volume=vol_piece, bedrag=bedrag[src] * share, n_clients=len(client_uniq),
                   client_of_row=client_codes)


def _credit_mask(table: pd.DataFrame) -> np.ndarray:
    if "credit" not in table.columns:
        return np.zeros(len(table), dtype=bool)
    return table["credit"].fillna(False).to_numpy(dtype=bool)


def _reversed(table: pd.DataFrame) -> np.ndarray:
    """Credit lines and the declaraties they name as reversed: they count no client."""
    credit = _credit_mask(table)
    out = credit.copy()
    if credit.any() and "origineel_declaratienummer" in table.columns and "declaratienummer" in table.columns:
        refs = table["origineel_declaratienummer"][credit].dropna().astype("string")
        out |= table["declaratienummer"].astype("string").isin(set(refs)).fillna(False).to_numpy(dtype=bool)
    return out


def _window() -> tuple[np.datetime64, np.datetime64]:
    """Months the panel can cover: from Wmo 2015 up to the end of the year two years ahead."""
    last = np.datetime64(f"{_dt.date.today().year + 2}-12-31", "D")
    return PANEL_START, last


def _sum_min1(groups: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """Per-group sum that is NaN when a group has no values (pandas' min_count=1)."""
    ok = ~np.isnan(values)
    sums = np.bincount(groups[ok], weights=values[ok], minlength=size)
    counts = np.bincount(groups[ok], minlength=size)
    return np.where(counts > 0, sums, np.nan)


def _unique_clients(cell: np.ndarray, pieces: _Pieces, row_key: np.ndarray, size: int) -> np.ndarray:
    """Number of distinct clients per cell.

    ``row_key`` identifies, per input row, the client within everything that
    is constant for a row's pieces (client × panel group, or just the client).
    Rows whose key occurs once cannot double count, so only the pieces of
    repeated keys need a distinct-count; that keeps this fast on millions of
    pieces.
    """
    known = pieces.client >= 0
    if size * (pieces.n_clients + 1) <= 64_000_000:  # small enough for a cell × client bitmap
        seen = np.zeros((size, pieces.n_clients + 1), dtype=bool)
        seen[cell[known], pieces.client[known]] = True
        return seen.sum(axis=1)
    key_codes = np.asarray(pd.factorize(row_key)[0])
    single_row = np.bincount(key_codes)[key_codes] == 1
    single = single_row[pieces.src] & known
    result = np.bincount(cell[single], minlength=size)
    multi = ~single_row[pieces.src] & known
    if multi.any():
        pairs = cell[multi].astype(np.int64) * (pieces.n_clients + 1) + pieces.client[multi]
        distinct = pd.unique(pairs)
        result = result + np.bincount(distinct // (pieces.n_clients + 1), minlength=size)
    return result


def derive_panel(table: pd.DataFrame, soort: str) -> pd.DataFrame:
    """Panel per maand × productcategorie (× wijk × aanbieder × volume_eenheid)."""
    pieces = _pieces(table, soort)
    if pieces is None or len(pieces.src) == 0:
        return _empty_panel()
    t = table.reset_index(drop=True)
    keys = pd.DataFrame({k: _col(t, k) for k in _KEYS[:3]})
    keys["volume_eenheid"] = _volume_in_panel_unit(t, "volume")[1]
    group = keys.groupby(_KEYS, dropna=False, sort=False).ngroup().to_numpy()
    n_groups = int(group.max()) + 1
    m0 = int(pieces.month.min())
    cell = (pieces.month - m0) * n_groups + group[pieces.src]
    size = int(cell.max()) + 1
    present = np.flatnonzero(np.bincount(cell, minlength=size) > 0)
    volume = _sum_min1(cell, pieces.volume, size)[present]
    bedrag = _sum_min1(cell, pieces.bedrag, size)[present]
    row_key = group.astype(np.int64) * (pieces.n_clients + 1) + pieces.client_of_row
    clienten = _unique_clients(cell, pieces, row_key, size)[present]
    first_of_group = keys.groupby(group, sort=False).first()
    key_vals = first_of_group.reindex(present % n_groups).reset_index(drop=True)
    months = (present // n_groups + m0).astype("datetime64[M]")
    out = pd.DataFrame({
        "maand": pd.Series(np.datetime_as_string(months, unit="M"), dtype="string"),
        **{k: key_vals[k].astype("string") for k in _KEYS},
        "clienten": clienten.astype(np.int64),
        "volume": volume.astype(np.float64),
        "bedrag": bedrag.astype(np.float64),
    })
    return out.sort_values(["maand", "productcategorie", "wijk_code", "aanbieder_code", "volume_eenheid"],
                           na_position="last", kind="stable").reset_index(drop=True)[list(PANEL_COLUMNS)]


# ---------------------------------------------------------------------------
# summary

def _f(x: float | None) -> float | None:
    if x is None or not np.isfinite(x):
        return None
    return round(float(x), 2)


def _row_bedrag(table: pd.DataFrame, soort: str) -> np.ndarray:
    if soort == "declaraties":
        toegekend = _num(table, "toegekend_bedrag")
        return np.where(np.isnan(toegekend), _num(table, "ingediend_bedrag"), toegekend)
    if soort == "toewijzingen":
        return _num(table, "budget")
    if soort == "budget":
        return _num(table, "bedrag")
    return np.full(len(table), np.nan)


def _periode(table: pd.DataFrame, soort: str) -> list[str] | None:
    if soort == "budget" and "jaar" in table.columns:
        jaar = _num(table, "jaar")
        jaar = jaar[~np.isnan(jaar)]
        if len(jaar) == 0:
            return None
        return [f"{int(jaar.min()):04d}-01-01", f"{int(jaar.max()):04d}-12-31"]
    starts = [c for c in ("ingangsdatum", "periode_start") if c in table.columns]
    ends = [c for c in ("einddatum", "periode_eind") if c in table.columns]
    vals_s = np.concatenate([_dates(table, c) for c in starts]) if starts else np.array([], "datetime64[D]")
    vals_e = np.concatenate([_dates(table, c) for c in ends + starts]) if starts or ends else vals_s
    vals_s = vals_s[~np.isnat(vals_s)]
    vals_e = vals_e[~np.isnat(vals_e)]
    if len(vals_s) == 0:
        return None
    last = vals_e.max() if len(vals_e) else vals_s.max()
    return [str(vals_s.min()), str(last)]


def summarise(table: pd.DataFrame, panel: pd.DataFrame, soort: str) -> dict[str, Any]:
    """The CLI ``samenvatting``: clients, amount, period, per productcategorie and per month.

    ``clienten`` counts unique pseudonyms in the table; ``bedrag`` is the sum of
    the rows' amounts (declaraties: toegekend else ingediend; toewijzingen:
    budget; budget: bedrag); per_productcategorie ``volume`` is stated in the
    category's most common panel unit (``volume_eenheid``), with other units in
    ``volume_overig``; per_maand comes from the same month split as the panel.
    """
    has_client = "client_id" in table.columns
    bedrag_rows = _row_bedrag(table, soort)
    total = float(np.nansum(bedrag_rows)) if (~np.isnan(bedrag_rows)).any() else None
    out: dict[str, Any] = {
        "clienten": int(table["client_id"].nunique(dropna=True)) if has_client else None,
        "bedrag": _f(total),
        "periode": _periode(table, soort),
        "per_productcategorie": {},
        "per_maand": {},
    }
    if soort == "declaraties":
        credit = _credit_mask(table)
        out["creditregels"] = int(credit.sum())
        out["creditbedrag"] = _f(float(np.nansum(bedrag_rows[credit]))) if credit.any() else 0.0
    if "productcategorie" in table.columns and len(table):
        cat = table["productcategorie"].astype("string").fillna("onbekend").reset_index(drop=True)
        frame = pd.DataFrame({"cat": cat.to_numpy(dtype=object), "bedrag": bedrag_rows})
        if has_client:
            frame["client"] = table["client_id"].to_numpy(dtype=object, na_value=None)
        g = frame.groupby("cat", sort=True)
        bed = g["bedrag"].sum(min_count=1)
        cli = g["client"].nunique() if has_client else None
        vol_by = (panel.assign(productcategorie=panel["productcategorie"].fillna("onbekend"))
                  .groupby(["productcategorie", "volume_eenheid"], dropna=False)["volume"]
                  .agg(["sum", "size"]) if len(panel) else None)
        for code in bed.index:
            entry: dict[str, Any] = {
                "clienten": int(cli[code]) if cli is not None else None,
                "volume": None,
                "bedrag": _f(bed[code]),
            }
            if vol_by is not None and code in vol_by.index.get_level_values(0):
                units = vol_by.loc[code].sort_values("size", ascending=False)
                main = units.index[0]
                entry["volume"] = _f(units["sum"].iloc[0])
                entry["volume_eenheid"] = None if pd.isna(main) else str(main)
                if len(units) > 1:
                    entry["volume_overig"] = {str(u): _f(v) for u, v in units["sum"].iloc[1:].items()}
            out["per_productcategorie"][str(code)] = entry
    pieces = _pieces(table, soort)
    if pieces is not None and len(pieces.src):
        m0 = int(pieces.month.min())
        rel = pieces.month - m0
        size = int(rel.max()) + 1
        present = np.flatnonzero(np.bincount(rel, minlength=size) > 0)
        bed = _sum_min1(rel, pieces.bedrag, size)
        cli = _unique_clients(rel, pieces, pieces.client_of_row, size)
        labels = np.datetime_as_string((present + m0).astype("datetime64[M]"), unit="M")
        out["per_maand"] = {str(lab): {"clienten": int(cli[i]) if has_client else None, "bedrag": _f(bed[i])}
                            for lab, i in zip(labels, present)}
    return out
