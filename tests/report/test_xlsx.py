"""The Excel report: sheets, numeric cells with Dutch formats, dates, no formulas from user text, data basis."""
from __future__ import annotations

import datetime as dt
import os
import zipfile

import openpyxl
import pytest

from report_fixtures import FORMULA_TEXTS, TOTAAL_EURO
from wijkkompas.report import RapportError, schrijf_xlsx
from wijkkompas.report.rapport import korte_titel
from wijkkompas.report.xlsx import OVER_BLAD


@pytest.fixture
def workbook(rapport, tmp_path):
    path = schrijf_xlsx(rapport, tmp_path / "R.xlsx")
    return openpyxl.load_workbook(path), path


def _cells(ws):
    return [c for row in ws.iter_rows() for c in row if c.value is not None]


def test_every_sheet_present_in_order(workbook, rapport):
    wb, _ = workbook
    # Sheets carry the registered section title (short), else the result's own title.
    assert wb.sheetnames == [OVER_BLAD] + [korte_titel(r) for r in rapport.resultaten]
    assert wb.sheetnames[1] == "Verdeelmodel"


def test_numbers_are_numbers_with_dutch_display_formats(workbook):
    wb, _ = workbook
    ws = wb["Verdeelmodel"]
    budget = next(c for c in _cells(ws) if c.value == pytest.approx(TOTAAL_EURO))
    assert budget.data_type == "n" and budget.number_format.startswith('"€ "#,##0')
    share = next(c for c in _cells(ws) if c.value == pytest.approx(0.1234))
    assert share.data_type == "n" and share.number_format == "0.0%"
    clients = ws.cell(row=budget.row, column=budget.column + 2)
    assert isinstance(clients.value, int | float) and clients.number_format == "#,##0"
    dates = [c for c in _cells(ws) if isinstance(c.value, dt.datetime)]
    assert {c.number_format for c in dates} >= {"dd-mm-yyyy", "yyyy-mm"}
    # No amount stored as text anywhere ("€ 1.234" strings are what the old export did).
    assert not [c.value for c in _cells(ws) if isinstance(c.value, str) and c.value.startswith("€")]


def test_user_text_never_becomes_a_formula(workbook):
    wb, path = workbook
    for ws in wb:
        for c in _cells(ws):
            assert c.data_type != "f", (ws.title, c.coordinate, c.value)
            if isinstance(c.value, str):
                assert not c.value.startswith(("=", "+", "@", "\t", "\r")), (ws.title, c.coordinate, c.value)
    # openpyxl leaves xlsx's escape for a carriage return (_x000D_) as is.
    texts = {c.value.replace("_x000D_", "\r") for c in _cells(wb["Verdeelmodel"]) if isinstance(c.value, str)}
    for text in FORMULA_TEXTS:
        assert "'" + text in texts
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in archive.read(n) for n in sheets)
        assert not any(n.startswith("xl/worksheets/_rels") and b"hyperlink" in archive.read(n)
                       for n in archive.namelist())


def test_over_dit_rapport_states_project_basis_sources_and_vocabulary(workbook, rapport):
    wb, _ = workbook
    ws = wb[OVER_BLAD]
    values = [c.value for c in _cells(ws)]
    assert "Testproject Voorbeeldstad" in values and "Deventer (GM0150)" in values
    assert dt.datetime(2026, 3, 5) in values
    # The data basis is the project's own imported file, with its row count as a number.
    row = next(c.row for c in _cells(ws) if c.value == "wijken.xlsx")
    assert ws.cell(row=row, column=3).value == 2 and ws.cell(row=row, column=5).value == "cd" * 32
    assert [g.bestand for g in rapport.gegevensbasis] == ["wijken.xlsx"]
    # Sources appear once, with their year as a separate cell, and the sections using them.
    cbs = [c.row for c in _cells(ws) if c.value == "Kerncijfers wijken en buurten"]
    assert len(cbs) == 1 and ws.cell(row=cbs[0], column=3).value == "2024"
    assert ws.cell(row=cbs[0], column=4).value == "Verdeelmodel, Positie"
    for term in ("Causaal, significant", "Causaal, niet significant", "Beschrijvend", "Kwalitatief"):
        assert term in values
    assert "'+31 is tekst" in values  # assumptions listed, escaped


def test_headers_frozen_filtered_and_charts_native(workbook):
    wb, path = workbook
    ws = wb["Verdeelmodel"]
    assert ws.freeze_panes == "A5"
    assert ws.cell(row=4, column=3).value == "Budget (€)"
    assert len(ws.tables) >= 3 and all(t.autoFilter is not None for t in ws.tables.values())
    assert ws.column_dimensions["B"].width > ws.column_dimensions["A"].width
    with zipfile.ZipFile(path) as archive:
        charts = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 6
    # 'jjjj-mm' text on the x axis becomes real dates, so Excel draws a date axis.
    months = [c.value for c in _cells(wb[wb.sheetnames[2]]) if isinstance(c.value, dt.datetime)]
    assert months == [dt.datetime(2025, 5, 1), dt.datetime(2025, 6, 1)]
    assert any("Uitgaven (€ dzd)" in c for c in charts) and any("barChart" in c for c in charts)
    assert any('grouping val="stacked"' in c for c in charts) and any("scatterChart" in c for c in charts)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_report_file_gets_the_normal_file_mode(rapport, tmp_path):
    umask = os.umask(0)
    os.umask(umask)
    path = schrijf_xlsx(rapport, tmp_path / "R.xlsx")
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask  # a document to share, not mkstemp's 0600


def test_unwritable_target_leaves_no_file(rapport, tmp_path):
    with pytest.raises(RapportError, match="bestaat niet"):
        schrijf_xlsx(rapport, tmp_path / "geen-map" / "R.xlsx")
    target = tmp_path / "R.xlsx"
    target.write_bytes(b"oud")

    class Boom(Exception):
        pass

    broken = type(rapport)(**{**rapport.__dict__, "resultaten": [object()]})
    with pytest.raises(Exception):  # any failure mid-write
        schrijf_xlsx(broken, target)
    assert target.read_bytes() == b"oud"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["R.xlsx"]


def test_a_failed_write_names_the_cause_in_dutch(tmp_path):
    """OS errors reach the user as Dutch causes ('de schijf is vol'), never as English strerror text."""
    import errno

    from wijkkompas.report.bestand import schrijf_atomair

    def full_disk(path):
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(RapportError) as caught:
        schrijf_atomair(tmp_path / "R.xlsx", full_disk)
    assert "de schijf is vol" in caught.value.melding
    assert "No space" not in caught.value.melding and "No space" in caught.value.details
    assert not list(tmp_path.iterdir())  # the temp file is gone too
