"""Issue 17, point 4: no file the app writes holds text Excel would run as a formula.

Project CSV tables escape text starting with = + - @ tab CR (and ') with one
apostrophe and strip it on reading, so data round-trips exactly; the import
report (controlerapport) escapes every text cell and keeps numbers numeric.
"""
from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pandas as pd
import pytest

from wijkkompas.core.imports.report_export import export_report
from wijkkompas.core.project import Project
from wijkkompas.core.textsafe import is_formula_like

HOSTILE = ['=HYPERLINK("http://x.invalid","klik")', "=cmd|' /C calc'!A0", "+WEBSERVICE(\"http://x\")",
           "-IMPORTXML(A1)", "@SUM(1+1)", "\tTAB", "\rCR", "'al een apostrof", "''twee", "met\rCR midden", "gewoon", None]


def _csv_cells(data: bytes, member: str) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        text = archive.read(member).decode("utf-8")
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def test_project_csv_escapes_formulas_and_round_trips():
    table = pd.DataFrame({
        "status": pd.array(HOSTILE, dtype="string"),
        "bedrag": [-12.5, 3.0, -1.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, float("nan")],
        "aantal": list(range(-6, 6)),
    })
    project = Project()
    project.add_table("declaraties", table)
    data = project.to_bytes()
    cells = _csv_cells(data, "tables/declaraties.csv")
    formulas = [c for c in cells if is_formula_like(c) and not _number(c)]
    assert formulas == []
    assert "-12.5" in cells  # numbers stay plain numbers
    loaded = Project.from_bytes(data).tables["declaraties"]
    pd.testing.assert_frame_equal(loaded, table, check_dtype=False)
    assert loaded["status"].tolist()[:11] == HOSTILE[:11]


def test_escapes_round_trip_when_values_repeat_and_csv_quotes_them():
    """Escaping is decided per distinct value; quoted fields ("'a,b") and a quote-led value still round-trip."""
    values = (["'a,b", '"\'quote first', "=1+1", "gewoon", None, "'"] * 40)
    table = pd.DataFrame({"nr": range(len(values)), "tekst": pd.array(values, dtype="string")})
    project = Project()
    project.add_table("wijken", table)
    loaded = Project.from_bytes(project.to_bytes()).tables["wijken"]
    assert loaded["tekst"].astype(object).where(loaded["tekst"].notna(), None).tolist() == values


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_old_project_without_the_escape_marker_is_read_verbatim():
    project = Project()
    project.add_table("t", pd.DataFrame({"x": pd.array(["'bewust"], dtype="string")}))
    data = project.to_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    manifest = __import__("json").loads(members["manifest.json"])
    del manifest["tabellen"]["t"]["tekst"]
    members["manifest.json"] = __import__("json").dumps(manifest).encode()
    members["tables/t.csv"] = b"x\n'bewust\n"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, blob in members.items():
            archive.writestr(name, blob)
    assert Project.from_bytes(out.getvalue()).tables["t"]["x"].tolist() == ["'bewust"]


@pytest.mark.parametrize("where", ["bestand", "blad", "kolom", "waarde", "melding", "header"])
def test_report_export_never_writes_a_live_formula(tmp_path, where):
    evil = '=HYPERLINK("http://x.invalid","klik")'
    report = {
        "bestand": evil if where == "bestand" else "export.xlsx", "soort": "declaraties",
        "blad": evil if where == "blad" else "Blad1", "sha256": "ab" * 32, "rijen_gelezen": 3, "rijen_geldig": 2,
        "kolommen": {"status": evil if where == "header" else "Status"}, "genegeerd": [evil],
        "verwijderd_persoonsgegevens": [], "aantal_fouten": 1, "aantal_waarschuwingen": 0,
        "fouten": [{"rij": 3, "kolom": evil if where == "kolom" else "Status",
                    "waarde": evil if where == "waarde" else "x",
                    "melding": evil if where == "melding" else "Onbekende status.", "ernst": "fout"}],
        "waarschuwingen": [],
    }
    target = export_report(report, tmp_path / "rapport.xlsx")
    workbook = openpyxl.load_workbook(target)
    texts = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                    assert not is_formula_like(cell.value), (sheet.title, cell.coordinate, cell.value)
    assert any(t.startswith("'=HYPERLINK") or "=HYPERLINK" in t for t in texts)
    messages = workbook["Meldingen"]
    assert isinstance(messages.cell(2, 2).value, int)  # the row number stays a number
    with zipfile.ZipFile(target) as archive:
        assert not any(b"<f>" in archive.read(n) for n in archive.namelist() if n.endswith(".xml"))


def test_report_export_survives_control_characters(tmp_path):
    """Found by the long fuzz run: a header with \\x10 made openpyxl refuse the whole report."""
    report = {"bestand": "x\x10.csv", "soort": "toewijzingen", "kolommen": {"client_id": "Client\x10nummer"},
              "genegeerd": ["A\x00b"], "fouten": [{"rij": 2, "kolom": "K\x1b", "waarde": "\x07", "melding": "m",
                                                   "ernst": "fout"}], "waarschuwingen": []}
    target = export_report(report, tmp_path / "rapport.xlsx")
    assert openpyxl.load_workbook(target)["Meldingen"].max_row == 2
