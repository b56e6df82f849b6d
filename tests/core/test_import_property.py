"""Property: random cell contents never raise anything but the import's own typed errors.

Through ``validate_table`` (+ pseudonymise, panel, summary) for every kind, and
through the full ``import_file`` on generated .xlsx and .csv files.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from import_fixtures import write_xlsx

from wijkkompas.core.errors import WijkkompasError
from wijkkompas.core.imports import import_file
from wijkkompas.core.imports.model import CANONICAL_COLUMNS, REQUIRED_COLUMNS, SOORTEN
from wijkkompas.core.imports.panel import derive_panel, summarise
from wijkkompas.core.imports.pseudonym import contains_bsn, pseudonymise
from wijkkompas.core.imports.validate import ROW_COLUMN, validate_table

SECRET = b"p" * 32

_tricky = st.sampled_from([
    "01-01-2024", "31-02-2024", "1-2-24", "2024-13-01", "2024-01-31 00:00:00", "1.234,56", "1,234.56", "€ 12,50",
    "(12,50)", "12,50-", "Totaal", "Subtotaal", "9999-12-31", "45000", "-45000", "20240131", "01", "1", "83", "uur",
    "per week", "Hulp bij het huishouden", "123456782", "123456789", "1234 AB", "", " ", "\n", "-", "NaN", "inf",
    "1e308", "1e309", "\u200b", "٣٣", "１２３", "𝟙𝟚", "ß", "\ufeff", "ja", "nee",
])
_cell = st.one_of(
    st.none(),
    _tricky,
    st.text(max_size=15),
    st.integers(min_value=-(10**18), max_value=10**18),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31),
                 timezones=st.none() | st.sampled_from([dt.timezone.utc, dt.timezone(dt.timedelta(hours=-11))])),
    st.dates(),
    st.times(),
    st.decimals(allow_nan=False, allow_infinity=False, places=2),
)


@st.composite
def raw_tables(draw):
    soort = draw(st.sampled_from(SOORTEN))
    optional = [c for c in CANONICAL_COLUMNS[soort] if c not in REQUIRED_COLUMNS[soort]]
    columns = list(REQUIRED_COLUMNS[soort]) + draw(st.lists(st.sampled_from(optional), unique=True, max_size=6))
    n = draw(st.integers(min_value=0, max_value=12))
    data = {c: draw(st.lists(_cell, min_size=n, max_size=n)) for c in columns}
    return soort, pd.DataFrame(data, columns=columns, dtype=object)


@settings(max_examples=100, deadline=None)
@given(raw_tables())
def test_validate_and_later_stages_only_raise_typed_errors(case):
    soort, raw = case
    rows = np.arange(5, 5 + len(raw))
    try:
        table, meldingen = validate_table(raw, soort, rows, {c: c.upper() for c in raw.columns})
        table = pseudonymise(table, SECRET)
        panel = derive_panel(table, soort)
        summary = summarise(table, panel, soort)
    except WijkkompasError as exc:
        assert exc.melding
        return
    json.dumps(summary, ensure_ascii=False)
    json.dumps([m.to_json() for m in meldingen], ensure_ascii=False)
    # nothing silently dropped: each row is kept, rejected with a fout, or reported as empty/totals row
    kept = set(table[ROW_COLUMN].tolist())
    fout = {m.rij for m in meldingen if m.ernst == "fout"}
    skipped = _skipped_rows(meldingen)
    # nothing silently dropped: each row is kept, rejected with a fout, or reported as empty/totals row
    for r in rows.tolist():
        assert r in kept or r in fout or r in skipped, (r, meldingen)
    assert not (kept & skipped)
    # a kept row can only carry cell-level fouten (the credit column's message goes on to say how the row counts)
    for m in meldingen:
        if m.ernst == "fout" and m.rij in kept:
            assert "waarde niet gebruikt" in m.melding and "rij niet gebruikt" not in m.melding, m
    if "client_id" in table.columns:
        assert not contains_bsn(table["client_id"].dropna().tolist())
    for m in meldingen:
        assert m.rij is None or m.rij in rows
        assert m.ernst in ("fout", "waarschuwing") and m.melding


def _skipped_rows(meldingen) -> set[int]:
    """Rows reported as totals or empty rows (waarschuwingen that name the skipped rows)."""
    skipped: set[int] = set()
    for m in meldingen:
        if m.ernst != "waarschuwing":
            continue
        found = re.match(r"Rij (\d+) (is een totaalregel|heeft geen|herhaalt de kopregel)", m.melding)
        if found:
            skipped.add(int(found.group(1)))
        listed = re.match(r"\d+ lege rij(?:en)? overgeslagen \(rij ([\d, ]+)", m.melding)
        if listed:
            skipped |= {int(x) for x in listed.group(1).split(",")}
    return skipped


def _assert_every_row_accounted_for(result, first_data_row: int, rows: list[list]) -> None:
    """Through the whole import: each data row with content is kept, has a fout, or is reported as skipped."""
    kept = set(result.table[ROW_COLUMN].tolist())
    fout = {m.rij for m in result.fouten}
    skipped = _skipped_rows(result.waarschuwingen)
    assert len(kept) == result.rijen_geldig and not (kept & skipped)
    data_rows = set(range(first_data_row, first_data_row + len(rows)))
    assert kept | fout | skipped <= data_rows | {None}
    for offset, row in enumerate(rows):
        if any(v is not None and not (isinstance(v, str) and not v.strip()) for v in row):
            r = first_data_row + offset
            assert r in kept or r in fout or r in skipped, (r, row, result.to_json())


_HEADERS = ["Declaratienummer", "Toewijzingnummer", "BSN", "Productcategorie", "Periode begin", "Periode eind",
            "Geleverd volume", "Eenheid", "Ingediend bedrag"]
_xlsx_cell = st.one_of(
    st.none(), _tricky,
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=15),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 12, 31)),
)


def _valid_row(i: int) -> list:
    """A declaratie that imports cleanly; random cells are put into copies of it."""
    return [f"D{i}", f"T{i}", "123456782", "02", dt.datetime(2024, 1, 1), dt.datetime(2024, 1, 31), 4, "04",
            "130,00"]


@st.composite
def _sheet_rows(draw):
    """Mostly valid rows with some cells replaced by random ones, so kept rows are tested too."""
    rows = []
    for i in range(draw(st.integers(min_value=0, max_value=8))):
        row = _valid_row(i)
        for column in draw(st.lists(st.integers(min_value=0, max_value=8), max_size=9)):
            row[column] = draw(_xlsx_cell)
        rows.append(row)
    return rows


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=_sheet_rows(), title=st.booleans())
def test_import_file_xlsx_with_random_cells(tmp_path, rows, title):
    sheet = ([["Export declaraties"], []] if title else []) + [_HEADERS] + rows
    path = write_xlsx(tmp_path / "random.xlsx", {"Blad1": sheet})
    try:
        result = import_file(path, secret=SECRET)
    except WijkkompasError as exc:
        assert exc.melding
        return
    assert result.rijen_geldig <= result.rijen_gelezen
    _assert_every_row_accounted_for(result, first_data_row=(4 if title else 2), rows=rows)
    assert not contains_bsn(json.dumps(result.to_json(), ensure_ascii=False))
    assert "123456782" not in result.table.to_csv() + result.panel.to_csv()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(st.one_of(st.none(), _tricky, st.text(max_size=12), st.floats(), st.integers()),
                              min_size=9, max_size=9), max_size=8),
       sep=st.sampled_from([";", ",", "\t"]), encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_import_file_csv_with_random_cells(tmp_path, rows, sep, encoding):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep)
    writer.writerow(_HEADERS)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    path = tmp_path / "random.csv"
    path.write_bytes(buffer.getvalue().encode(encoding, errors="replace"))
    try:
        result = import_file(path, secret=SECRET)
    except WijkkompasError as exc:
        assert exc.melding
        return
    _assert_every_row_accounted_for(result, first_data_row=2, rows=[["" if v is None else str(v) for v in r] for r in rows])
    assert not contains_bsn(json.dumps(result.to_json(), ensure_ascii=False))
    assert "123456782" not in result.table.to_csv()
