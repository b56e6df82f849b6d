"""The validation rules, one function each, over the coerced columns of one table.

Why one function per rule: each rule has its own Dutch message and severity
(listed in ``validate``'s docstring) and its own test; ``validate_table``
runs them in order (``RULES``) over a shared ``State``. A rule only looks at
rows still ``ok`` (not empty, not a totals row, not rejected by an earlier
rule), so one bad row gets the most telling message first and is not
reported again for consequences of the same defect.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from wijkkompas.core.formatting import getal
from wijkkompas.core.imports import codelists as cl
from wijkkompas.core.imports.model import REQUIRED_COLUMNS
from wijkkompas.core.imports.pseudonym import elfproef
from wijkkompas.core.imports.validate_report import Report, fmt_date, rows_text

DATE_COLUMNS = ("ingangsdatum", "einddatum", "periode_start", "periode_eind")
END_DATE_COLUMNS = ("einddatum", "periode_eind")
AMOUNT_COLUMNS = ("budget", "producttarief", "ingediend_bedrag", "toegekend_bedrag", "tarief",
                  "budgetplafond", "bedrag", "kosten_per_fte")
VOLUME_COLUMNS = ("volume", "geleverd_volume")
COUNT_COLUMNS = ("inwoners", "inwoners_75plus", "eenpersoonshuishoudens", "huishoudens_laag_inkomen",
                 "laag_opgeleid", "kernen", "fte")
YEAR_COLUMNS = ("geboortejaar", "jaar")
CODE_COLUMNS = {
    "productcategorie": (cl.PRODUCTCATEGORIE, cl.PRODUCTCATEGORIE_LABELS, 2, "WMO020"),
    "eenheid": (cl.EENHEID, cl.EENHEID_LABELS, 2, "WJ756"),
    "frequentie": (cl.FREQUENTIE, cl.FREQUENTIE_LABELS, 1, "WMO757"),
}
BOOL_COLUMNS = ("tussentijdse_toetreding",)

# Duplicate keys: (primary id that must be filled, other key parts used when present).
DUPLICATE_KEYS: dict[str, tuple[str, tuple[str, ...]]] = {
    "toewijzingen": ("toewijzingnummer", ()),
    "declaraties": ("toewijzingnummer", ("declaratienummer", "periode_start", "periode_eind")),
    "tarieven": ("productcode", ("aanbieder_code", "ingangsdatum")),
    "wijken": ("wijk_code", ("jaar",)),
    "formatie": ("team", ("jaar",)),
}
# Amount and volume columns that are negative on a credit line of declaraties.
CREDIT_SIGNED = ("ingediend_bedrag", "toegekend_bedrag", "geleverd_volume")

MAX_BEDRAG_PER_REGEL = 1_000_000.0
MAX_TARIEF = 10_000.0
WMO2015_START = pd.Timestamp("2015-01-01")


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
    if name == "credit":
        return "credit"
    if name == "postcode4":
        return "pc4list" if soort == "wijken" else "pc4"
    return "text"


@dataclass
class State:
    """Everything the rules share: coerced columns, masks and the report."""

    soort: str
    cols: list[str]
    raw: pd.DataFrame
    rij: np.ndarray
    headers: dict[str, str]
    typed: dict[str, pd.Series]
    invalid: dict[str, np.ndarray]
    far: dict[str, np.ndarray]
    filled: dict[str, np.ndarray]
    live: np.ndarray  # not empty and not a totals row
    rejected: np.ndarray
    rep: Report
    # column -> (codes, distinct raw cells) of the columns coerced per distinct value (coerce.per_unique)
    factors: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)

    @property
    def ok(self) -> np.ndarray:
        return self.live & ~self.rejected

    def has(self, *cols: str) -> bool:
        return all(c in self.cols for c in cols)


def check_cells(st: State) -> None:
    """Unreadable numbers, dates, codes, booleans and postcodes."""
    required = set(REQUIRED_COLUMNS[st.soort])
    for c in st.cols:
        bad = st.invalid[c] & st.live
        if not bad.any():
            continue
        kind = column_type(c, st.soort)
        row_level = c in required or kind in ("date", "amount")
        gevolg = "rij niet gebruikt" if row_level else "waarde niet gebruikt"
        idx = np.flatnonzero(bad)
        kop = st.rep.kop(c)
        if kind in ("pc4", "pc4list"):
            st.rep.add(idx, c, f"Geen geldige postcode in kolom '{kop}' (verwacht 1234 AB of 1234); "
                               "cel leeg gelaten.", "waarschuwing")
            st.typed[c] = st.typed[c].mask(pd.Series(bad))
            continue
        if kind == "date":
            msg = f"Geen geldige datum in kolom '{kop}' (verwacht dd-mm-jjjj of een Excel-datum); {gevolg}."
        elif kind in ("amount", "number"):
            msg = f"Geen geldig getal in kolom '{kop}' (verwacht bijvoorbeeld 1.234,56); {gevolg}."
        elif kind == "code":
            codes, _, _, lijst = CODE_COLUMNS[c]
            msg = f"Onbekende code in kolom '{kop}': niet in de iWmo-codelijst {lijst} ({_geldig(codes)}); {gevolg}."
        elif kind == "bool":
            msg = f"Geen ja/nee-waarde in kolom '{kop}'; {gevolg}."
        elif kind == "credit":
            msg = (f"Geen debet/credit-aanduiding in kolom '{kop}' (verwacht D of C); {gevolg} "
                   "(de regel telt als debet, tenzij de bedragen negatief zijn).")
        else:
            msg = f"Onleesbare waarde in kolom '{kop}'; {gevolg}."
        st.rep.add(idx, c, msg)
        if row_level:
            st.rejected |= bad
        st.typed[c] = st.typed[c].mask(pd.Series(bad))


def _geldig(codes: dict[str, str]) -> str:
    """"geldig: 01 t/m 18" for a run of consecutive codes, else the codes listed."""
    keys = list(codes)
    numbers = [int(k) for k in keys]
    if len(keys) > 3 and numbers == list(range(numbers[0], numbers[0] + len(numbers))):
        return f"geldig: {keys[0]} t/m {keys[-1]}"
    return "geldig: " + ", ".join(keys)


def check_required(st: State) -> None:
    for c in REQUIRED_COLUMNS[st.soort]:
        miss = st.live & ~st.filled[c]
        if miss.any():
            st.rep.add(np.flatnonzero(miss), c,
                       f"Verplichte waarde ontbreekt in kolom '{st.rep.kop(c)}'; rij niet gebruikt.")
            st.rejected |= miss


def check_dates(st: State) -> None:
    """Open ends (9999), dates before Wmo 2015 or far ahead, end before start."""
    ahead = pd.Timestamp(_dt.date.today()) + pd.DateOffset(years=2)
    for c in [c for c in DATE_COLUMNS if c in st.cols]:
        kop = st.rep.kop(c)
        far = st.far[c] & st.live
        if far.any():
            idx = np.flatnonzero(far)
            if c in END_DATE_COLUMNS:
                st.rep.summary(int(st.rij[idx[0]]), c,
                               f"{getal(len(idx))} {'rij heeft' if len(idx) == 1 else 'rijen hebben'} in kolom "
                               f"'{kop}' een datum in of na 2090 (zoals 31-12-9999); opgevat als 'geen einddatum' "
                               f"(rij {rows_text(st.rij, idx)}).")
            else:
                st.rep.add(idx, c, f"Datum in kolom '{kop}' ligt na 2090; rij niet gebruikt.")
                st.rejected |= far
        d = st.typed[c].to_numpy()
        old = st.ok & (d < WMO2015_START.to_datetime64())
        st.rep.add(np.flatnonzero(old), c, lambda i, c=c, kop=kop: (
            f"Datum {fmt_date(st.typed[c].iat[i])} in kolom '{kop}' ligt vóór de Wmo 2015 (01-01-2015); "
            "gebruikt, maar controleer deze rij."), "waarschuwing")
        if c != "einddatum":  # toewijzingen may legitimately run for years
            fut = st.ok & (d > ahead.to_datetime64())
            st.rep.add(np.flatnonzero(fut), c, lambda i, c=c, kop=kop: (
                f"Datum {fmt_date(st.typed[c].iat[i])} in kolom '{kop}' ligt meer dan twee jaar in de toekomst; "
                "gebruikt, maar controleer deze rij."), "waarschuwing")
    for start, end in (("ingangsdatum", "einddatum"), ("periode_start", "periode_eind")):
        if st.has(start, end):
            s, e = st.typed[start].to_numpy(), st.typed[end].to_numpy()
            bad = st.ok & ~np.isnat(s) & ~np.isnat(e) & (e < s)
            st.rep.add(np.flatnonzero(bad), end, lambda i, s=start, e=end: (
                f"'{st.rep.kop(e)}' ({fmt_date(st.typed[e].iat[i])}) ligt vóór '{st.rep.kop(s)}' "
                f"({fmt_date(st.typed[s].iat[i])}); rij niet gebruikt."))
            st.rejected |= bad


def convert_eurocent(st: State) -> None:
    """Eenheid 83 (euro's): iWmo writes the volume in eurocent; we state euro."""
    if "eenheid" not in st.cols:
        return
    cents = (st.typed["eenheid"] == cl.EENHEID_EUROCENT).fillna(False).to_numpy(dtype=bool)
    for v in [v for v in VOLUME_COLUMNS if v in st.cols]:
        if not (cents & st.live).any():
            continue
        st.typed[v] = st.typed[v].where(~cents, st.typed[v] / 100.0)
        k = int((cents & st.live & st.typed[v].notna().to_numpy()).sum())
        if k:
            st.rep.summary(None, v, f"{getal(k)} {'rij' if k == 1 else 'rijen'} met eenheid 83 (euro's): "
                                    f"'{st.rep.kop(v)}' omgerekend van eurocent naar euro (iWmo-regel).")


def check_amounts(st: State) -> None:
    """Negative amounts/volumes/counts (fout), > € 1 mln per regel (fout), high tarief (waarschuwing)."""
    for c in [c for c in st.cols if c in AMOUNT_COLUMNS + VOLUME_COLUMNS + COUNT_COLUMNS]:
        x = st.typed[c].to_numpy(dtype=np.float64, na_value=np.nan)
        kop = st.rep.kop(c)
        neg = st.ok & (x < 0)
        if st.soort == "declaraties" and c in CREDIT_SIGNED and "credit" in st.typed:
            neg &= ~st.typed["credit"].to_numpy(dtype=bool)
        st.rep.add(np.flatnonzero(neg), c, f"Negatieve waarde in kolom '{kop}' is niet toegestaan; rij niet gebruikt.")
        st.rejected |= neg
        # A BSN typed into a number column would otherwise be stored as a (huge) volume or amount: an 8- or
        # 9-digit whole number that passes the 11-proef is refused, and the number itself is never shown.
        whole = st.ok & ~np.isnan(x) & (np.abs(x) >= 10_000_000) & (np.abs(x) < 1_000_000_000) & (np.floor(x) == x)
        if whole.any():
            looks = np.zeros(len(x), dtype=bool)
            idx = np.flatnonzero(whole)
            looks[idx[elfproef(pd.Series([f"{int(abs(x[i])):09d}" for i in idx]))]] = True
            st.rep.add(np.flatnonzero(looks), c, f"De waarde in kolom '{kop}' lijkt een BSN (elfproef) en geen getal; "
                                                 "rij niet gebruikt.")
            st.rejected |= looks  # rejected rows never reach the stored table
        if c in ("ingediend_bedrag", "toegekend_bedrag", "budget") and st.soort in ("declaraties", "toewijzingen"):
            big = st.ok & (np.abs(x) > MAX_BEDRAG_PER_REGEL)
            st.rep.add(np.flatnonzero(big), c, lambda i, x=x, kop=kop: (
                f"Bedrag € {getal(x[i], 2)} in kolom '{kop}' is meer dan € 1 mln op één regel; "
                "waarschijnlijk een fout in de eenheid (eurocent?); rij niet gebruikt."))
            st.rejected |= big
        if c in ("tarief", "producttarief"):
            high = st.ok & (x > MAX_TARIEF)
            st.rep.add(np.flatnonzero(high), c, lambda i, x=x, kop=kop: (
                f"Tarief € {getal(x[i], 2)} in kolom '{kop}' is hoger dan € 10.000 per eenheid; "
                "gebruikt, maar controleer deze rij."), "waarschuwing")


def _days_between(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Inclusive number of days from start to end as float; NaN where either is missing."""
    missing = np.isnat(start) | np.isnat(end)
    days = (end - start).astype("timedelta64[D]").astype(np.int64).astype(np.float64) + 1
    days[missing] = np.nan
    return days


def check_volumes(st: State) -> None:
    """Waarschuwing when a volume cannot fit in its period (e.g. more than 24 uur a day)."""
    vcol = "geleverd_volume" if st.soort == "declaraties" else "volume"
    if not st.has(vcol, "eenheid"):
        return
    typed = st.typed
    unit = typed["eenheid"].to_numpy(dtype=object, na_value=None)
    max_day = pd.to_numeric(typed["eenheid"].map(cl.MAX_PER_DAG), errors="coerce").to_numpy(
        dtype=np.float64, na_value=np.nan)
    x = typed[vcol].to_numpy(dtype=np.float64, na_value=np.nan)
    if st.soort == "declaraties" and st.has("periode_start"):
        s = typed["periode_start"].to_numpy()
        e = typed["periode_eind"].to_numpy() if st.has("periode_eind") else s
        days = _days_between(s, e)
        days = np.where(np.isnan(days) | (days < 1), 31.0, days)
    elif st.soort == "toewijzingen" and st.has("frequentie"):
        freq = typed["frequentie"]
        days = pd.to_numeric(freq.map({k: v for k, v in cl.DAGEN_PER_FREQUENTIE.items() if v}),
                             errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
        if st.has("ingangsdatum", "einddatum"):
            dur = _days_between(typed["ingangsdatum"].to_numpy(), typed["einddatum"].to_numpy())
            total = (freq == "6").fillna(False).to_numpy(dtype=bool)
            days = np.where(total, np.where(np.isnan(dur), 5 * 365.25, dur), days)
    else:
        return
    limit = max_day * days
    bad = st.ok & ~np.isnan(x) & ~np.isnan(limit) & (x > limit)
    st.rep.add(np.flatnonzero(bad), vcol, lambda i: (
        f"Volume {getal(x[i], 2 if x[i] != int(x[i]) else 0)} {cl.EENHEID.get(unit[i], '').lower()} in kolom "
        f"'{st.rep.kop(vcol)}' past niet in de periode ({getal(days[i])} dagen); "
        "gebruikt, maar controleer deze rij."), "waarschuwing")


def check_years(st: State) -> None:
    this_year = _dt.date.today().year
    for c in [c for c in YEAR_COLUMNS if c in st.cols]:
        x = st.typed[c].to_numpy(dtype=np.float64, na_value=np.nan)
        bad = st.ok & ~np.isnan(x) & ((x < 1890) | (x > this_year + 2) | (np.floor(x) != x))
        row_level = c in REQUIRED_COLUMNS[st.soort]
        st.rep.add(np.flatnonzero(bad), c, f"Onwaarschijnlijk jaartal in kolom '{st.rep.kop(c)}'; "
                                           f"{'rij' if row_level else 'waarde'} niet gebruikt.")
        if row_level:
            st.rejected |= bad
        else:
            st.typed[c] = st.typed[c].mask(pd.Series(bad))


def check_bsn(st: State) -> None:
    """Waarschuwing for a client_id that looks like a BSN but fails the 11-proef.

    "Looks like": 8-9 digits in a column whose header says BSN, or in a
    column where at least 80% of such numbers pass (so a 9-digit client
    numbering that is no BSN does not flood the report).
    """
    if "client_id" not in st.cols:
        return
    # judged once per distinct id (some ten thousand in a year of declaraties), then spread to the rows
    codes, uniq = pd.factorize(st.typed["client_id"], use_na_sentinel=True)
    compact = pd.Series(np.asarray(uniq, dtype=object), dtype="string").str.replace(r"[\s.\-]", "", regex=True)
    looks_u = compact.str.fullmatch(r"[0-9]{8,9}").fillna(False).to_numpy(dtype=bool)
    valid_u = np.zeros(len(compact), dtype=bool)
    candidates = np.flatnonzero(looks_u)
    if len(candidates):
        valid_u[candidates] = elfproef(compact.iloc[candidates])
    pos = np.maximum(codes, 0)
    looks = (looks_u[pos] & (codes >= 0) & st.ok) if len(looks_u) else np.zeros(len(codes), dtype=bool)
    if not looks.any():
        return
    idx = np.flatnonzero(looks)
    valid = valid_u[pos[idx]]
    header = st.headers.get("client_id", "client_id").lower()
    if not ("bsn" in header or "burgerservice" in header) and valid.mean() < 0.8:
        return
    st.rep.add(idx[~valid], "client_id", "Dit nummer lijkt op een BSN maar voldoet niet aan de 11-proef; "
                                         "gebruikt (gepseudonimiseerd), maar controleer het nummer in de bron.",
               "waarschuwing")


def check_duplicates(st: State) -> None:
    """Later rows with the key of an earlier usable row are rejected, naming that row."""
    if st.soort not in DUPLICATE_KEYS or DUPLICATE_KEYS[st.soort][0] not in st.cols:
        return
    primary, others = DUPLICATE_KEYS[st.soort]
    if st.soort == "declaraties":
        others = others + ("credit",)  # a credit line repeats the period of the declaratie it reverses
    key = [primary] + [c for c in others if c in st.cols]
    idx = np.flatnonzero(st.ok & st.typed[primary].notna().to_numpy(dtype=bool))
    if len(idx) == 0:
        return
    frame = pd.DataFrame({c: st.typed[c].iloc[idx].to_numpy() for c in key})
    frame["_pos"] = idx
    first = frame.groupby(key, dropna=False, sort=False)["_pos"].transform("min").to_numpy()
    dup = idx != first
    if not dup.any():
        return
    d_idx = idx[dup]
    first_of = dict(zip(d_idx.tolist(), first[dup].tolist()))
    keys_txt = " + ".join(f"'{st.rep.kop(c)}'" for c in key)
    st.rep.add(d_idx, primary, lambda i: (
        f"Dubbele regel: zelfde {keys_txt} als rij {st.rij[first_of[i]]}; rij niet gebruikt."))
    st.rejected[d_idx] = True


# The order in which validate_table runs the rules; the kind-specific ones (validate_kinds) slot in
# by name: mark_credit after convert_eurocent, check_formatie before check_duplicates.
RULE_ORDER = ("check_cells", "check_required", "check_dates", "convert_eurocent", "mark_credit", "check_amounts",
              "check_volumes", "check_years", "check_bsn", "check_formatie", "check_duplicates")
