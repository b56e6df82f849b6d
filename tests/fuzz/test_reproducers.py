"""The reproducers of issue 17, each run as a whole CLI process in a child (an abort cannot kill pytest).

Every one of these used to end the process with "memory allocation of … bytes
failed" (SIGABRT) or take over 4 GB; now each is a Dutch refusal (exit 2)
within a 3 GB address-space limit, or a normal import.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from harness import check_outcome, run_cli, sha256
from hostile import ABORT_REPRODUCERS, HEADER_ROW, mkxlsx, sheet_xml, sst, xlsx_bytes


@pytest.mark.parametrize("case", list(ABORT_REPRODUCERS))
def test_abort_reproducer_is_a_dutch_refusal(tmp_path, case):
    rows_xml, shared = ABORT_REPRODUCERS[case]
    path = mkxlsx(tmp_path / "export.xlsx", rows_xml, shared_strings=shared)
    before = sha256(path)
    out = run_cli(["import", path, "--json"], limit_mb=3000)
    assert not out.aborted, out.stderr[-500:]
    assert check_outcome(out) == []
    assert out.code == 2
    assert "export.xlsx" in out.stderr
    assert any(word in out.stderr for word in ("te groot", "beschadigd")), out.stderr
    assert sha256(path) == before


def test_a_long_shared_string_repeated_in_many_cells_is_refused(tmp_path):
    """5 million characters × 400 cells took 4,2 GB (calamine and Python each copy the text per cell)."""
    cells = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>1</v></c></row>' for r in range(2, 402))
    shared = sst(["Clientnummer", "x" * 5_000_000])
    path = mkxlsx(tmp_path / "lang.xlsx", HEADER_ROW + cells, shared_strings=shared)
    out = run_cli(["import", path, "--json"], limit_mb=2500)
    assert check_outcome(out) == []
    assert out.code == 2 and "zeer lange tekst" in out.stderr


def _stray_workbook(path: Path, column: str, sheets: int = 4) -> Path:
    data_row = ('<row r="2"><c r="A2" t="inlineStr"><is><t>123456782</t></is></c>'
                '<c r="B2" t="inlineStr"><is><t>02</t></is></c><c r="C2"><v>45292</v></c></row>')
    stray = f'<row r="999999"><c r="{column}999999"><v>1</v></c></row>'
    path.write_bytes(xlsx_bytes({f"Blad{i}": sheet_xml(HEADER_ROW + data_row + stray) for i in range(1, sheets + 1)}))
    return path


def test_stray_cells_far_below_on_four_sheets_are_refused_not_allocated(tmp_path):
    """Row 999.999, column Z on each of 4 sheets took 4,1 GB: a mostly empty grid is refused per sheet."""
    out = run_cli(["import", _stray_workbook(tmp_path / "ver.xlsx", "Z"), "--json"], limit_mb=2500)
    assert check_outcome(out) == []
    assert out.code == 2 and "losse waarde" in out.stderr
    assert out.peak_mb is not None and out.peak_mb < 1000


def test_a_stray_cell_in_a_narrow_sheet_costs_one_sheet_at_a_time(tmp_path):
    """Column C: 3 million grid cells per sheet is readable; only one sheet's grid is kept at a time."""
    out = run_cli(["import", _stray_workbook(tmp_path / "smal.xlsx", "C"), "--json", "--soort", "toewijzingen"],
                  limit_mb=3000)
    assert check_outcome(out) == []
    assert out.code in (1, 2)
    assert out.peak_mb is not None and out.peak_mb < 1500, out.peak_mb


def test_a_row_of_17000_cells_without_r_is_refused_quickly(tmp_path):
    """Found by the fuzz run: one wide row made header matching take minutes (a hang to the user)."""
    path = mkxlsx(tmp_path / "breed.xlsx", HEADER_ROW + "<row>" + "<c><v>1</v></c>" * 17_000 + "</row>")
    out = run_cli(["import", path, "--json"], limit_mb=2500, timeout=120)
    assert check_outcome(out) == []
    assert out.code == 2 and "kolom 17000" in out.stderr
