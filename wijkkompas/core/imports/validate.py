"""Row and cell validation of an imported table, with Dutch messages.

Why: an adviser must get every usable row in and a precise list of what was
not used and why, with the row number as Excel shows it and the column header
as written in the file. ``validate_table`` turns the raw (object) columns into
a typed canonical table and a list of ``Melding``.

Rules and their severity (``fout`` = not used, ``waarschuwing`` = used, look):
- empty rows: skipped, one waarschuwing listing them; a row repeating the
  header (pasted exports): skipped, waarschuwing per row;
- totals rows ("Totaal", "Subtotaal", "Eindtotaal", "Total" in a key column, or
  all key columns and all dates empty while an amount is filled): skipped,
  waarschuwing per row;
- required value missing (REQUIRED_COLUMNS): fout, row rejected;
- unreadable number/date/code: fout. The row is rejected when the cell is in a
  required, date or amount column (its meaning depends on it); otherwise only
  the cell is emptied and the row is kept;
- einddatum before ingangsdatum, periode_eind before periode_start: fout;
- negative amounts, volumes and counts: fout, except credit lines in
  declaraties: a row with negative ingediend/toegekend bedrag (and volume), or
  marked 'C' in a debet/credit column, is a valid credit line (``credit`` =
  True, amounts and volume negative; a 'C' row with positive amounts, as iWmo
  writes them, is turned negative). Mixed signs on one row, or 'D' with a
  negative amount, is a fout. Declaraties always get the ``credit`` column;
- wijken with a ``jaar`` column: one row per wijk per year (a wijk_code may
  repeat across years, not within one); formatie: one row per team per jaar,
  wijk_codes normalised to "W01, W02", unusual fte/kosten per fte: waarschuwing;
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

from dataclasses import dataclass

import numpy as np
import pandas as pd

from wijkkompas.core.errors import ImportFileError
from wijkkompas.core.formatting import getal
from wijkkompas.core.imports import coerce, coerce_text
from wijkkompas.core.imports import headers as hdr
from wijkkompas.core.imports.model import CANONICAL_COLUMNS, REQUIRED_COLUMNS, SOORTEN, Melding
from wijkkompas.core.imports.validate_report import MAX_WARNINGS_PER_RULE, Report, rows_text, show_cell
from wijkkompas.core.imports import validate_kinds, validate_rules
from wijkkompas.core.imports.validate_kinds import to_credit
from wijkkompas.core.imports.validate_rules import (
    CODE_COLUMNS,
    DATE_COLUMNS,
    DUPLICATE_KEYS,
    RULE_ORDER,
    State,
    column_type,
)

__all__ = ["validate_table", "validate_rows", "Validated", "column_type", "ROW_COLUMN", "MAX_WARNINGS_PER_RULE",
           "DUPLICATE_KEYS"]

ROW_COLUMN = "_rij"
RULES = tuple(getattr(validate_kinds, name, None) or getattr(validate_rules, name) for name in RULE_ORDER)

# Identifier and code columns: a totals row says "Totaal" in one of these.
KEY_COLUMNS: dict[str, tuple[str, ...]] = {
    "toewijzingen": ("client_id", "beschikkingnummer", "toewijzingnummer", "productcategorie", "productcode"),
    "declaraties": ("declaratienummer", "toewijzingnummer", "client_id", "productcategorie", "productcode"),
    "tarieven": ("productcode", "aanbieder_code", "product_omschrijving"),
    "wijken": ("wijk_code", "wijk_naam"),
    "budget": ("jaar", "taakveld", "productcategorie"),
    "formatie": ("team", "wijk_codes"),
}
# A row with all of these empty but one of _TOTAL_AMOUNTS filled is a totals row.
_ID_COLUMNS: dict[str, tuple[str, ...]] = {
    "toewijzingen": ("client_id", "beschikkingnummer", "toewijzingnummer"),
    "declaraties": ("declaratienummer", "toewijzingnummer", "client_id"),
    "tarieven": ("productcode",),
    "wijken": ("wijk_code",),
    "budget": ("jaar", "taakveld", "productcategorie"),
    "formatie": ("team",),
}
_TOTAL_AMOUNTS: dict[str, tuple[str, ...]] = {
    "toewijzingen": ("budget", "volume"),
    "declaraties": ("ingediend_bedrag", "toegekend_bedrag", "geleverd_volume"),
    "tarieven": ("tarief",),
    "wijken": ("inwoners", "inwoners_75plus", "eenpersoonshuishoudens"),
    "budget": ("bedrag",),
    "formatie": ("fte",),
}
_TOTAL_RE = r"(?i)(?:^|\b)(?:sub|eind|grand)?\s*(?:totaal|totalen|total)(?:\b|$)"


def _coerce_column(raw: pd.Series, name: str, soort: str) -> coerce.Coerced:
    kind = column_type(name, soort)
    if kind == "date":
        return coerce.to_date(raw)
    if kind in ("amount", "number"):
        return coerce.to_number(raw)
    if kind == "code":
        codes, labels, width, _ = CODE_COLUMNS[name]
        return coerce_text.to_code(raw, codes, labels, width)
    if kind == "bool":
        return coerce_text.to_bool(raw)
    if kind == "credit":
        return to_credit(raw)
    if kind == "pc4":
        return coerce_text.to_postcode4(raw)
    if kind == "pc4list":
        return coerce_text.to_postcode4_list(raw)
    return coerce_text.to_text(raw)


def _says_total(st: State, c: str) -> np.ndarray:
    """Rows whose cell in text or code column ``c`` reads "Totaal" (judged on the text, not the code)."""
    # text and code columns are coerced per distinct value (coerce.per_unique): judge each distinct cell once
    codes, distinct = st.factors[c]
    hit = np.zeros(len(distinct), dtype=bool)
    text = coerce.is_str(distinct)  # a number or date never reads "Totaal": only text cells are looked at
    if text.any():
        hit[text] = coerce.clean_text(distinct[text]).str.contains(_TOTAL_RE, regex=True).fillna(False).to_numpy(
            dtype=bool)
    return np.where(codes >= 0, hit[np.maximum(codes, 0)], False) if len(hit) else np.zeros(len(codes), bool)


def _skip_empty_and_totals(st: State, any_filled: np.ndarray) -> np.ndarray:
    """Report empty rows and totals rows; returns the mask of totals rows."""
    rij, rep = st.rij, st.rep
    n = len(rij)
    empty = np.flatnonzero(~any_filled)
    if len(empty):
        rep.summary(int(rij[empty[0]]), None,
                    f"{getal(len(empty))} lege {'rij' if len(empty) == 1 else 'rijen'} overgeslagen "
                    f"(rij {rows_text(rij, empty)}).")
    totals = np.zeros(n, dtype=bool)
    word_col = np.full(n, None, dtype=object)
    for c in KEY_COLUMNS[st.soort]:
        kind = column_type(c, st.soort) if c in st.cols else None
        if kind not in ("text", "code"):
            continue
        hit = _says_total(st, c)
        word_col[hit & ~totals] = c
        totals |= hit
    ids = [c for c in _ID_COLUMNS[st.soort] if c in st.cols]
    amounts = [c for c in _TOTAL_AMOUNTS[st.soort] if c in st.cols]
    if ids and amounts:
        no_id = np.logical_and.reduce([~st.filled[c] for c in ids])
        some_amount = np.logical_or.reduce([st.typed[c].notna().to_numpy(dtype=bool) for c in amounts])
        # A row with a date is a record that lacks its id (a fout, exit code 1), not a totals line.
        dates = [c for c in DATE_COLUMNS if c in st.cols]
        no_date = np.logical_and.reduce([~st.filled[c] for c in dates]) if dates else np.ones(n, dtype=bool)
        totals |= no_id & some_amount & no_date
    totals &= any_filled
    # one call per column holding the word, so each message carries that column's header
    for c in dict.fromkeys(word_col[totals].tolist()):
        sel = np.flatnonzero(totals & (word_col == c)) if c is not None else \
            np.flatnonzero(totals & np.equal(word_col, None))
        rep.add(sel, c, lambda i: (
            f"Rij {rij[i]} is een totaalregel ('{show_cell(st.raw[word_col[i]].iat[i])}' in kolom "
            f"'{rep.kop(word_col[i])}') en is niet meegeteld." if word_col[i] is not None else
            f"Rij {rij[i]} heeft geen {'/'.join(rep.kop(c) for c in ids)} maar wel een bedrag of aantal: "
            "opgevat als totaalregel en niet meegeteld."), "waarschuwing")
    return totals


def _hidden_values(soort: str) -> frozenset[str]:
    """Columns whose raw cells a message never quotes.

    A client's postcode cell that fails to parse is typically a full postcode
    with house number or a street address ("1234 AB 12", "Dorpsstraat 1"):
    that is address data and must not reach the report or the project. The
    postcode lists of a wijken table describe areas and may be quoted. An
    unreadable geboortejaar is typically a full birth date, which is personal
    data as well.
    """
    return frozenset({"client_id"} if soort == "wijken" else {"client_id", "postcode4", "geboortejaar"})


def _skip_repeated_headers(st: State) -> np.ndarray:
    """Rows that repeat the header (two exports pasted together, a page-layout export).

    Such a row is not data: skipped with one waarschuwing per row instead of
    a row of confusing fouten ("Onbekende code 'Productcategorie'"). A row
    counts when at least two of its cells, and at least half of its filled
    mapped cells, equal their column's header (case, accents and line breaks
    ignored). Only rows with an unreadable cell are candidates (a header text
    never parses as the date, code or amount every kind requires), which keeps
    this cheap on large files.
    """
    n = len(st.rij)
    repeated = np.zeros(n, dtype=bool)
    candidates = st.live & np.logical_or.reduce([st.invalid[c] for c in st.cols]) if st.cols else repeated
    idx = np.flatnonzero(candidates)
    if len(idx) == 0:
        return repeated
    hits = np.zeros(len(idx), dtype=np.int64)
    filled = np.zeros(len(idx), dtype=np.int64)
    for c in st.cols:
        key = hdr.normalise(st.headers.get(c) or "")
        cells = st.raw[c].to_numpy(dtype=object)[idx]
        if key:
            hits += np.fromiter((v is not None and hdr.normalise(hdr.display(v)) == key for v in cells),
                                dtype=bool, count=len(idx))
        filled += st.filled[c][idx]
    repeated[idx] = (hits >= 2) & (2 * hits >= filled)
    st.rep.add(np.flatnonzero(repeated), None, lambda i: (
        f"Rij {st.rij[i]} herhaalt de kopregel en is overgeslagen."), "waarschuwing")
    return repeated


@dataclass
class Validated:
    """The usable rows, the messages, and which input rows were skipped as not being data."""

    table: pd.DataFrame
    meldingen: list[Melding]
    skipped: np.ndarray  # bool per input row: empty (in the mapped columns), totals row or repeated header


def validate_table(raw: pd.DataFrame, soort: str, excel_rows: np.ndarray,
                   headers: dict[str, str]) -> tuple[pd.DataFrame, list[Melding]]:
    """The typed table and the messages of ``validate_rows``."""
    checked = validate_rows(raw, soort, excel_rows, headers)
    return checked.table, checked.meldingen


def validate_rows(raw: pd.DataFrame, soort: str, excel_rows: np.ndarray, headers: dict[str, str]) -> Validated:
    """Coerce and check ``raw`` (canonical column names, object cells, file order).

    ``excel_rows`` holds the Excel row number of every row; ``headers`` maps
    canonical names to the headers as written in the file. Returns the typed
    table of usable rows (dates datetime64, amounts float64, codes and text as
    string, plus ``_rij``) and all messages sorted by Excel row. Raises
    ``ImportFileError`` when the kind is unknown, a required column is absent
    or the row numbers do not match the rows.
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
    typed: dict[str, pd.Series] = {}
    invalid: dict[str, np.ndarray] = {}
    far: dict[str, np.ndarray] = {}
    factors: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for c in cols:
        res = _coerce_column(raw[c], c, soort)
        typed[c] = res.values.reset_index(drop=True)
        invalid[c] = res.invalid
        far[c] = res.far_future if isinstance(res, coerce.CoercedDates) else np.zeros(n, dtype=bool)
        if res.factors is not None and c in KEY_COLUMNS[soort]:  # for the totals check only, then dropped
            factors[c] = res.factors
    filled = {c: typed[c].notna().to_numpy(dtype=bool) | invalid[c] | far[c] for c in cols}
    any_filled = np.logical_or.reduce([filled[c] for c in cols]) if cols else np.zeros(n, dtype=bool)
    st = State(soort=soort, cols=cols, raw=raw, rij=rij, headers=headers, typed=typed, invalid=invalid,
               far=far, filled=filled, live=any_filled.copy(), rejected=np.zeros(n, dtype=bool),
               rep=Report(rij, raw, headers, _hidden_values(soort)), factors=factors)
    st.live &= ~_skip_empty_and_totals(st, any_filled)
    st.factors.clear()  # 8 bytes a row per column: not kept through the rules on a file of millions of rows
    st.live &= ~_skip_repeated_headers(st)
    skipped = ~st.live  # before the rules: what they reject is afgekeurd, not overgeslagen
    for rule in RULES:
        rule(st)

    keep = st.ok
    cols = st.cols  # rules may add derived columns (the credit flag of declaraties)
    out = pd.DataFrame({c: st.typed[c][keep].reset_index(drop=True) for c in cols})
    for c in cols:
        kind = column_type(c, soort)
        if kind in ("text", "code", "pc4", "pc4list"):
            out[c] = out[c].astype("string")
        elif kind in ("amount", "number"):
            out[c] = out[c].astype("float64")
        elif kind == "date":
            out[c] = out[c].astype(coerce.DATE_DTYPE)
        elif kind == "credit":
            out[c] = out[c].fillna(False).astype(bool)
    out[ROW_COLUMN] = rij[keep]
    return Validated(out, st.rep.meldingen(), skipped)
