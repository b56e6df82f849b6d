"""Row and cell validation of an imported table, with Dutch messages.

Why: an adviser must get every usable row in and a precise list of what was
not used and why, with the row number as Excel shows it and the column header
as written in the file. ``validate_table`` turns the raw (object) columns into
a typed canonical table and a list of ``Melding``.

Rules and their severity (``fout`` = not used, ``waarschuwing`` = used, look):
- empty rows: skipped, one waarschuwing listing them;
- totals rows ("Totaal", "Subtotaal", "Eindtotaal", "Total" in a key column, or
  all key columns empty while an amount is filled): skipped, waarschuwing per row;
- required value missing (REQUIRED_COLUMNS): fout, row rejected;
- unreadable number/date/code: fout. The row is rejected when the cell is in a
  required, date or amount column (its meaning depends on it); otherwise only
  the cell is emptied and the row is kept;
- einddatum before ingangsdatum, periode_eind before periode_start: fout;
- negative amounts, volumes and counts: fout (a credit line must be settled in
  the source administration; we do not guess its sign convention);
- absurd amounts (> € 1 mln on one declaratie or toewijzing): fout, because that
  is almost always a unit error (eurocent) that would dominate every total;
  tarief > € 10.000 per eenheid and volumes beyond what fits in the period
  (e.g. more than 24 uur per day): waarschuwing;
- dates before 01-01-2015 (start of Wmo 2015) or more than two years ahead:
  waarschuwing; a date in or after 2090 (9999-12-31 marks "no end") counts as
  an open end for einddatum/periode_eind (waarschuwing) and as a fout elsewhere;
- eenheid 83 (euro's): the volume is in eurocent (iWmo) and is converted to euro;
- duplicate keys (see DUPLICATE_KEYS): the later rows are rejected, naming the
  first row;
- postcode: reduced to PC4; unreadable postcodes are emptied (waarschuwing);
- client_id that looks like a BSN but fails the 11-proef: waarschuwing. A
  client_id value is never quoted in a message (privacy).

Invariant: every input row is in the output, or has a fout, or was reported as
an empty/totals row in a waarschuwing. The output keeps the Excel row number
in the hidden column ``_rij``.
"""
from __future__ import annotations

import datetime as _dt
from typing import Callable

import numpy as np
import pandas as pd

from wijkkompas.core.errors import ImportFileError
from wijkkompas.core.formatting import getal
from wijkkompas.core.imports import codelists as cl
from wijkkompas.core.imports import coerce
from wijkkompas.core.imports.pseudonym import elfproef
from wijkkompas.core.imports.model import CANONICAL_COLUMNS, REQUIRED_COLUMNS, SOORTEN, Melding

ROW_COLUMN = "_rij"

DATE_COLUMNS = ("ingangsdatum", "einddatum", "periode_start", "periode_eind")
END_DATE_COLUMNS = ("einddatum", "periode_eind")
AMOUNT_COLUMNS = ("budget", "producttarief", "ingediend_bedrag", "toegekend_bedrag", "tarief",
                  "budgetplafond", "bedrag")
VOLUME_COLUMNS = ("volume", "geleverd_volume")
COUNT_COLUMNS = ("inwoners", "inwoners_75plus", "eenpersoonshuishoudens", "huishoudens_laag_inkomen",
                 "laag_opgeleid")
YEAR_COLUMNS = ("geboortejaar", "jaar")
CODE_COLUMNS = {
    "productcategorie": (cl.PRODUCTCATEGORIE, cl.PRODUCTCATEGORIE_LABELS, 2, "WMO020"),
    "eenheid": (cl.EENHEID, cl.EENHEID_LABELS, 2, "WJ756"),
    "frequentie": (cl.FREQUENTIE, cl.FREQUENTIE_LABELS, 1, "WMO757"),
}
BOOL_COLUMNS = ("tussentijdse_toetreding",)

# Identifier columns: a totals row has these empty (or says "Totaal" in one).
KEY_COLUMNS: dict[str, tuple[str, ...]] = {
    "toewijzingen": ("client_id", "beschikkingnummer", "toewijzingnummer", "productcategorie", "productcode"),
    "declaraties": ("declaratienummer", "toewijzingnummer", "client_id", "productcategorie", "productcode"),
    "tarieven": ("productcode", "aanbieder_code", "product_omschrijving"),
    "wijken": ("wijk_code", "wijk_naam"),
    "budget": ("jaar", "taakveld", "productcategorie"),
}
# Columns whose emptiness (all of them) plus a filled amount marks a totals row.
_ID_COLUMNS: dict[str, tuple[str, ...]] = {
    "toewijzingen": ("client_id", "beschikkingnummer", "toewijzingnummer"),
    "declaraties": ("declaratienummer", "toewijzingnummer", "client_id"),
    "tarieven": ("productcode",),
    "wijken": ("wijk_code",),
    "budget": ("jaar", "taakveld", "productcategorie"),
}
_TOTAL_AMOUNTS: dict[str, tuple[str, ...]] = {
    "toewijzingen": ("budget", "volume"),
    "declaraties": ("ingediend_bedrag", "toegekend_bedrag", "geleverd_volume"),
    "tarieven": ("tarief",),
    "wijken": ("inwoners", "inwoners_75plus", "eenpersoonshuishoudens"),
    "budget": ("bedrag",),
}

# Duplicate keys: (primary id that must be filled, other key parts).
DUPLICATE_KEYS: dict[str, tuple[str, tuple[str, ...]]] = {
    "toewijzingen": ("toewijzingnummer", ()),
    "declaraties": ("toewijzingnummer", ("declaratienummer", "periode_start", "periode_eind")),
    "tarieven": ("productcode", ("aanbieder_code", "ingangsdatum")),
    "wijken": ("wijk_code", ()),
}

MAX_BEDRAG_PER_REGEL = 1_000_000.0
MAX_TARIEF = 10_000.0
WMO2015_START = pd.Timestamp("2015-01-01")
MAX_WARNINGS_PER_RULE = 50  # more than this: one summary message per rule

_TOTAL_RE = r"(?i)(?:^|\b)(?:sub|eind|grand)?\s*(?:totaal|totalen|total)(?:\b|$)"


def column_type(name: str, soort: str) -> str:
    """The coercion applied to a canonical column."""
    if name in DATE_COLUMNS:
        return "date"
    if name in AMOUNT_COLUMNS:
        return "amount"
    if name in VOLUME_COLUMNS or name in COUNT_COLUMNS or name in YEAR_COLUMNS:
        return "number"
    if name in CODE_COLUMNS:
        return "code"
    if name in BOOL_COLUMNS:
        return "bool"
    if name == "postcode4":
        return "pc4list" if soort == "wijken" else "pc4"
    return "text"


def _show(v: object) -> str | None:
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


def _d(ts: pd.Timestamp) -> str:
    return ts.strftime("%d-%m-%Y")


class _Report:
    """Collects messages; row-wise for fouten, capped per rule for waarschuwingen."""

    def __init__(self, rij: np.ndarray, raw: pd.DataFrame, headers: dict[str, str]) -> None:
        self.rij = rij
        self.raw = raw
        self.headers = headers
        self.items: list[tuple[int, int, Melding]] = []
        self._order = {c: i for i, c in enumerate(raw.columns)}

    def kop(self, col: str | None) -> str | None:
        return None if col is None else self.headers.get(col, col)

    def waarde(self, col: str | None, i: int) -> str | None:
        if col is None or col == "client_id" or col not in self.raw.columns:
            return None  # client numbers are never repeated in a report
        return _show(self.raw[col].iat[i])

    def add(self, idx: np.ndarray, col: str | None, text: Callable[[int], str] | str,
            ernst: str = "fout", waarde: Callable[[int], str | None] | None = None) -> None:
        idx = np.asarray(idx, dtype=np.int64)
        if len(idx) == 0:
            return
        order = self._order.get(col, -1) if col else -1
        if ernst == "waarschuwing" and len(idx) > MAX_WARNINGS_PER_RULE:
            shown = idx[:MAX_WARNINGS_PER_RULE]
            for i in shown:
                self._one(i, col, text, ernst, waarde, order)
            rest = idx[MAX_WARNINGS_PER_RULE:]
            rijen = ", ".join(str(int(self.rij[i])) for i in rest[:20]) + (" …" if len(rest) > 20 else "")
            voorbeeld = text(int(rest[0])) if callable(text) else text
            self.items.append((int(self.rij[rest[0]]), order, Melding(
                int(self.rij[rest[0]]), self.kop(col), None,
                f"Nog {getal(len(rest))} rijen met dezelfde waarschuwing (rij {rijen}); "
                f"bijvoorbeeld: {voorbeeld}", "waarschuwing")))
            return
        for i in idx:
            self._one(i, col, text, ernst, waarde, order)

    def _one(self, i, col, text, ernst, waarde, order) -> None:
        i = int(i)
        melding = text(i) if callable(text) else text
        w = waarde(i) if waarde is not None else self.waarde(col, i)
        self.items.append((int(self.rij[i]), order, Melding(int(self.rij[i]), self.kop(col), w, melding, ernst)))

    def summary(self, rij: int | None, col: str | None, melding: str, ernst: str = "waarschuwing") -> None:
        self.items.append((rij if rij is not None else -1, -1, Melding(rij, self.kop(col), None, melding, ernst)))

    def meldingen(self) -> list[Melding]:
        self.items.sort(key=lambda t: (t[0], t[1]))
        return [m for _, _, m in self.items]


def _rows_text(rij: np.ndarray, idx: np.ndarray, limit: int = 30) -> str:
    txt = ", ".join(str(int(rij[i])) for i in idx[:limit])
    return txt + (f" en nog {len(idx) - limit}" if len(idx) > limit else "")


def validate_table(raw: pd.DataFrame, soort: str, excel_rows: np.ndarray,
                   headers: dict[str, str]) -> tuple[pd.DataFrame, list[Melding]]:
    """Coerce and check ``raw`` (canonical column names, object cells, file order).

    Returns the typed table of usable rows (with ``_rij``) and all messages,
    sorted by Excel row. Raises ``ImportFileError`` when the kind is unknown,
    a required column is absent or the row numbers do not match the rows.
    """
    if soort not in SOORTEN:
        raise ImportFileError(f"Onbekende soort '{soort}'. Kies uit: {', '.join(SOORTEN)}.")
    rij = np.asarray(excel_rows, dtype=np.int64).reshape(-1)
    if len(rij) != len(raw):
        raise ImportFileError("Interne fout: het aantal rijnummers past niet bij het aantal rijen.")
    cols = [c for c in raw.columns if c in CANONICAL_COLUMNS[soort]]
    missing_cols = [c for c in REQUIRED_COLUMNS[soort] if c not in cols]
    if missing_cols:
        raise ImportFileError(
            f"Verplichte kolom(men) ontbreken voor {soort}: {', '.join(missing_cols)}. "
            "Wijs ze toe in de kolomindeling of pas het bestand aan.")
    raw = raw[cols].reset_index(drop=True)
    n = len(raw)
    rep = _Report(rij, raw, headers)

    typed: dict[str, pd.Series] = {}
    invalid: dict[str, np.ndarray] = {}
    far: dict[str, np.ndarray] = {}
    for c in cols:
        kind = column_type(c, soort)
        if kind == "date":
            res = coerce.to_date(raw[c])
            far[c] = res.far_future
        elif kind in ("amount", "number"):
            res = coerce.to_number(raw[c])
        elif kind == "code":
            codes, labels, width, _ = CODE_COLUMNS[c]
            res = coerce.to_code(raw[c], codes, labels, width)
        elif kind == "bool":
            res = coerce.to_bool(raw[c])
        elif kind == "pc4":
            res = coerce.to_postcode4(raw[c])
        elif kind == "pc4list":
            res = coerce.to_postcode4_list(raw[c])
        else:
            res = coerce.to_text(raw[c])
        typed[c] = res.values.reset_index(drop=True)
        invalid[c] = res.invalid
        far.setdefault(c, np.zeros(n, dtype=bool))

    # --- empty rows and totals rows ------------------------------------------------
    filled = {c: typed[c].notna().to_numpy(dtype=bool) | invalid[c] | far[c] for c in cols}
    any_filled = np.zeros(n, dtype=bool)
    for c in cols:
        any_filled |= filled[c]
    empty_rows = ~any_filled
    if empty_rows.any():
        idx = np.flatnonzero(empty_rows)
        rep.summary(int(rij[idx[0]]), None,
                    f"{getal(len(idx))} lege {'rij' if len(idx) == 1 else 'rijen'} overgeslagen "
                    f"(rij {_rows_text(rij, idx)}).")

    totals = np.zeros(n, dtype=bool)
    word_col = np.full(n, None, dtype=object)
    for c in KEY_COLUMNS[soort]:
        if c in cols and column_type(c, soort) in ("text", "code"):
            txt = typed[c] if column_type(c, soort) == "text" else coerce.to_text(raw[c]).values
            hit = coerce.unique_apply(
                txt, lambda u: u.str.contains(_TOTAL_RE, regex=True).fillna(False).astype(bool), False
            ).astype(bool)
            word_col[hit & ~totals] = c
            totals |= hit
    ids = [c for c in _ID_COLUMNS[soort] if c in cols]
    amounts = [c for c in _TOTAL_AMOUNTS[soort] if c in cols]
    if ids and amounts:
        no_id = np.ones(n, dtype=bool)
        for c in ids:
            no_id &= ~filled[c]
        some_amount = np.zeros(n, dtype=bool)
        for c in amounts:
            some_amount |= typed[c].notna().to_numpy(dtype=bool)
        totals |= no_id & some_amount & any_filled
    totals &= any_filled
    if totals.any():
        idx = np.flatnonzero(totals)
        rep.add(idx, None, lambda i: (
            f"Rij {rij[i]} is een totaalregel ('{_show(raw[word_col[i]].iat[i])}' in kolom "
            f"'{rep.kop(word_col[i])}') en is niet meegeteld." if word_col[i] is not None else
            f"Rij {rij[i]} heeft geen {'/'.join(rep.kop(c) for c in ids)} maar wel een bedrag of aantal: "
            "opgevat als totaalregel en niet meegeteld."), "waarschuwing")

    live = any_filled & ~totals
    rejected = np.zeros(n, dtype=bool)
    required = set(REQUIRED_COLUMNS[soort])

    # --- unreadable cells -------------------------------------------------------------
    for c in cols:
        bad = invalid[c] & live
        if not bad.any():
            continue
        kind = column_type(c, soort)
        row_level = c in required or kind in ("date", "amount")
        gevolg = "rij niet gebruikt" if row_level else "waarde niet gebruikt"
        idx = np.flatnonzero(bad)
        kop = rep.kop(c)
        if kind == "date":
            msg = f"Geen geldige datum in kolom '{kop}' (verwacht dd-mm-jjjj of een Excel-datum); {gevolg}."
        elif kind in ("amount", "number"):
            msg = f"Geen geldig getal in kolom '{kop}' (verwacht bijvoorbeeld 1.234,56); {gevolg}."
        elif kind == "code":
            codes, _, _, lijst = CODE_COLUMNS[c]
            msg = (f"Onbekende code in kolom '{kop}': niet in de iWmo-codelijst {lijst} "
                   f"({', '.join(codes)}); {gevolg}.")
        elif kind == "bool":
            msg = f"Geen ja/nee-waarde in kolom '{kop}'; {gevolg}."
        elif kind in ("pc4", "pc4list"):
            rep.add(idx, c, f"Geen geldige postcode in kolom '{kop}' (verwacht 1234 AB of 1234); "
                            "cel leeg gelaten.", "waarschuwing")
            typed[c] = typed[c].mask(bad)
            continue
        else:
            msg = f"Onleesbare waarde in kolom '{kop}'; {gevolg}."
        rep.add(idx, c, msg)
        if row_level:
            rejected |= bad
        typed[c] = typed[c].mask(pd.Series(bad))

    # --- required values ----------------------------------------------------------------
    for c in REQUIRED_COLUMNS[soort]:
        miss = live & ~filled[c]
        if miss.any():
            rep.add(np.flatnonzero(miss), c, f"Verplichte waarde ontbreekt in kolom '{rep.kop(c)}'; rij niet gebruikt.")
            rejected |= miss

    # --- dates ----------------------------------------------------------------------------
    today = pd.Timestamp(_dt.date.today())
    ahead = today + pd.DateOffset(years=2)
    for c in [c for c in DATE_COLUMNS if c in cols]:
        kop = rep.kop(c)
        f = far[c] & live
        if f.any():
            idx = np.flatnonzero(f)
            if c in END_DATE_COLUMNS:
                rep.summary(int(rij[idx[0]]), c,
                            f"{getal(len(idx))} {'rij heeft' if len(idx) == 1 else 'rijen hebben'} in kolom "
                            f"'{kop}' een datum in of na 2090 (zoals 31-12-9999); opgevat als 'geen einddatum' "
                            f"(rij {_rows_text(rij, idx)}).")
            else:
                rep.add(idx, c, f"Datum in kolom '{kop}' ligt na 2090; rij niet gebruikt.")
                rejected |= f
        d = typed[c]
        dn = d.to_numpy()
        old = live & ~rejected & (dn < WMO2015_START.to_datetime64())
        rep.add(np.flatnonzero(old), c, lambda i, c=c, kop=kop: (
            f"Datum {_d(typed[c].iat[i])} in kolom '{kop}' ligt vóór de Wmo 2015 (01-01-2015); "
            "gebruikt, maar controleer deze rij."), "waarschuwing")
        if c not in ("einddatum",):
            fut = live & ~rejected & (dn > ahead.to_datetime64())
            rep.add(np.flatnonzero(fut), c, lambda i, c=c, kop=kop: (
                f"Datum {_d(typed[c].iat[i])} in kolom '{kop}' ligt meer dan twee jaar in de toekomst; "
                "gebruikt, maar controleer deze rij."), "waarschuwing")
    for start, end in (("ingangsdatum", "einddatum"), ("periode_start", "periode_eind")):
        if start in cols and end in cols:
            s, e = typed[start].to_numpy(), typed[end].to_numpy()
            bad = live & ~rejected & ~np.isnat(s) & ~np.isnat(e) & (e < s)
            rep.add(np.flatnonzero(bad), end, lambda i, s=start, e=end: (
                f"'{rep.kop(e)}' ({_d(typed[e].iat[i])}) ligt vóór '{rep.kop(s)}' "
                f"({_d(typed[s].iat[i])}); rij niet gebruikt."))
            rejected |= bad

    # --- eenheid 83: eurocent -> euro ---------------------------------------------------------
    if "eenheid" in cols:
        cents = (typed["eenheid"] == cl.EENHEID_EUROCENT).fillna(False).to_numpy(dtype=bool)
        for v in VOLUME_COLUMNS:
            if v in cols and (cents & live).any():
                typed[v] = typed[v].where(~cents, typed[v] / 100.0)
                k = int((cents & live & typed[v].notna().to_numpy()).sum())
                if k:
                    rep.summary(None, v, f"{getal(k)} {'rij' if k == 1 else 'rijen'} met eenheid 83 (euro's): "
                                f"'{rep.kop(v)}' omgerekend van eurocent naar euro (iWmo-regel).")

    # --- negative and absurd values -------------------------------------------------------------
    for c in [c for c in cols if c in AMOUNT_COLUMNS + VOLUME_COLUMNS + COUNT_COLUMNS]:
        x = typed[c].to_numpy(dtype=np.float64, na_value=np.nan)
        neg = live & ~rejected & (x < 0)
        rep.add(np.flatnonzero(neg), c, f"Negatieve waarde in kolom '{rep.kop(c)}' is niet toegestaan "
                                        "(creditregels horen in de bronadministratie verrekend); rij niet gebruikt.")
        rejected |= neg
        if c in ("ingediend_bedrag", "toegekend_bedrag", "budget") and soort in ("declaraties", "toewijzingen"):
            big = live & ~rejected & (x > MAX_BEDRAG_PER_REGEL)
            rep.add(np.flatnonzero(big), c, lambda i, x=x, c=c: (
                f"Bedrag € {getal(x[i], 2)} in kolom '{rep.kop(c)}' is meer dan € 1 mln op één regel; "
                "waarschijnlijk een fout in de eenheid (eurocent?); rij niet gebruikt."))
            rejected |= big
        if c in ("tarief", "producttarief"):
            big = live & ~rejected & (x > MAX_TARIEF)
            rep.add(np.flatnonzero(big), c, lambda i, x=x, c=c: (
                f"Tarief € {getal(x[i], 2)} in kolom '{rep.kop(c)}' is hoger dan € 10.000 per eenheid; "
                "gebruikt, maar controleer deze rij."), "waarschuwing")
    _check_volumes(soort, cols, typed, live & ~rejected, rep)
    for c in [c for c in YEAR_COLUMNS if c in cols]:
        x = typed[c].to_numpy(dtype=np.float64, na_value=np.nan)
        bad = live & ~rejected & ~np.isnan(x) & ((x < 1890) | (x > today.year + 2) | (np.floor(x) != x))
        row_level = c in required
        rep.add(np.flatnonzero(bad), c, f"Onwaarschijnlijk jaartal in kolom '{rep.kop(c)}'; "
                                        f"{'rij' if row_level else 'waarde'} niet gebruikt.")
        if row_level:
            rejected |= bad
        else:
            typed[c] = typed[c].mask(pd.Series(bad))

    # --- BSN 11-proef ------------------------------------------------------------------------------
    if "client_id" in cols:
        _check_bsn(typed["client_id"], live & ~rejected, rep, headers.get("client_id", "client_id"))

    # --- duplicates --------------------------------------------------------------------------------
    if soort in DUPLICATE_KEYS and DUPLICATE_KEYS[soort][0] in cols:
        primary, others = DUPLICATE_KEYS[soort]
        key = [primary] + [c for c in others if c in cols]
        ok = live & ~rejected & typed[primary].notna().to_numpy(dtype=bool)
        idx = np.flatnonzero(ok)
        if len(idx):
            frame = pd.DataFrame({c: typed[c].iloc[idx].to_numpy() for c in key})
            frame["_pos"] = idx
            grouped = frame.groupby(key, dropna=False, sort=False)["_pos"]
            first = grouped.transform("min").to_numpy()
            dup = frame["_pos"].to_numpy() != first
            if dup.any():
                d_idx = idx[dup]
                first_of = dict(zip(d_idx, first[dup]))
                keys_txt = " + ".join(f"'{rep.kop(c)}'" for c in key)
                rep.add(d_idx, primary, lambda i: (
                    f"Dubbele regel: zelfde {keys_txt} als rij {rij[first_of[i]]}; rij niet gebruikt."))
                rejected[d_idx] = True

    keep = live & ~rejected
    out = pd.DataFrame({c: typed[c][keep].reset_index(drop=True) for c in cols})
    for c in cols:
        kind = column_type(c, soort)
        if kind in ("text", "code", "pc4", "pc4list"):
            out[c] = out[c].astype("string")
        elif kind in ("amount", "number"):
            out[c] = out[c].astype("float64")
        elif kind == "date":
            out[c] = out[c].astype(coerce.DATE_DTYPE)
    out[ROW_COLUMN] = rij[keep]
    return out, rep.meldingen()


def _days_between(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Inclusive number of days from start to end as float; NaN where either is missing."""
    missing = np.isnat(start) | np.isnat(end)
    days = (end - start).astype("timedelta64[D]").astype(np.int64).astype(np.float64) + 1
    days[missing] = np.nan
    return days


def _check_volumes(soort: str, cols: list[str], typed: dict[str, pd.Series], ok: np.ndarray,
                   rep: _Report) -> None:
    """Waarschuwing when a volume cannot fit in its period (e.g. > 24 uur a day)."""
    vcol = "geleverd_volume" if soort == "declaraties" else "volume"
    if vcol not in cols or "eenheid" not in cols:
        return
    unit = typed["eenheid"].to_numpy(dtype=object, na_value=None)
    max_day = pd.to_numeric(typed["eenheid"].map(cl.MAX_PER_DAG), errors="coerce").to_numpy(
        dtype=np.float64, na_value=np.nan)
    x = typed[vcol].to_numpy(dtype=np.float64, na_value=np.nan)
    if soort == "declaraties" and "periode_start" in cols:
        s = typed["periode_start"].to_numpy()
        e = typed["periode_eind"].to_numpy() if "periode_eind" in cols else s
        days = _days_between(s, e)
        days = np.where(np.isnan(days) | (days < 1), 31.0, days)
    elif soort == "toewijzingen" and "frequentie" in cols:
        freq = typed["frequentie"]
        days = pd.to_numeric(freq.map({k: v for k, v in cl.DAGEN_PER_FREQUENTIE.items() if v}),
                             errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
        if "ingangsdatum" in cols and "einddatum" in cols:
            dur = _days_between(typed["ingangsdatum"].to_numpy(), typed["einddatum"].to_numpy())
            total = (freq == "6").fillna(False).to_numpy(dtype=bool)
            days = np.where(total, np.where(np.isnan(dur), 5 * 365.25, dur), days)
    else:
        return
    limit = max_day * days
    bad = ok & ~np.isnan(x) & ~np.isnan(limit) & (x > limit)
    rep.add(np.flatnonzero(bad), vcol, lambda i: (
        f"Volume {getal(x[i], 2 if x[i] != int(x[i]) else 0)} {cl.EENHEID.get(unit[i], '').lower()} in kolom "
        f"'{rep.kop(vcol)}' past niet in de periode ({getal(days[i])} dagen); gebruikt, maar controleer deze rij."),
        "waarschuwing")


def _check_bsn(ids: pd.Series, ok: np.ndarray, rep: _Report, header: str) -> None:
    compact = pd.Series(coerce.unique_apply(ids, lambda u: u.str.replace(r"[\s.\-]", "", regex=True)),
                        dtype="string")
    looks = coerce.unique_apply(compact, lambda u: u.str.fullmatch(r"[0-9]{8,9}").fillna(False).astype(bool),
                                False).astype(bool) & ok
    if not looks.any():
        return
    idx = np.flatnonzero(looks)
    valid = elfproef(compact.iloc[idx])
    h = header.lower()
    bsn_column = "bsn" in h or "burgerservice" in h
    if not bsn_column and valid.mean() < 0.8:
        return  # a client number that happens to have 9 digits, not a BSN column
    bad = idx[~valid]
    rep.add(bad, "client_id", "Dit nummer lijkt op een BSN maar voldoet niet aan de 11-proef; "
                              "gebruikt (gepseudonimiseerd), maar controleer het nummer in de bron.",
            "waarschuwing")
