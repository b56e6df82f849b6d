"""Issue 17, point 3: a BSN in any common spelling never reaches JSON, the saved project or the report.

Spellings from the fuzz run that got through: glued to letters (B123456782,
123456782x), with spaces (123 456 782) or dots (1234.56.782), inside free text
(BSN123456782 verhuisd, client nr 123 456 782), and as the file or sheet name.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from harness import check_outcome, formulas_in_file, leaks, run_cli
from hostile import sheet_xml, xlsx_bytes

from wijkkompas.core.bsn import BSN_VERWIJDERD, has_bsn, scrub
from wijkkompas.core.errors import ImportFileError
from wijkkompas.core.project import Project

HEADERS = ["Declaratienummer", "Toewijzingnummer", "BSN", "Productcategorie", "Productcode", "AGB-code",
           "Periode begin", "Periode eind", "Geleverd volume", "Eenheid", "Tarief", "Ingediend bedrag", "Status",
           "Opmerking"]
ROWS = [
    ["B123456782", "123456782x", "123 456 782", "02", "02A01", "12345678", "01-01-2024", "31-01-2024", "10", "04",
     "55,5", "555", "BSN123456782 verhuisd", "client nr 123 456 782"],
    ["D2", "T 1234.56.782", "999999990", "02", "02A01", "12345678", "01-02-2024", "29-02-2024", "8", "04", "55,5",
     "444", "=cmd|' /C calc'!A0", "111-222-333"],
    ["D3", "T3", "111222333", "0Z", "02A01", "12345678", "01-02-2024", "29-02-2024", "x", "04", "55,5",
     "444", "nr 123.456.782", "@SUM(1)"],
]


@pytest.mark.parametrize("text", ["B123456782", "123456782x", "123 456 782", "BSN123456782 verhuisd",
                                  "client nr 123 456 782", "1234.56.782", "123-456-782", "nr:123456782."])
def test_every_spelling_is_found_and_scrubbed(text):
    assert has_bsn(text)
    assert not has_bsn(scrub(text)) and BSN_VERWIJDERD in scrub(text)


@pytest.mark.parametrize("text", ["1234567820", "12345678", "P-a123456782b0ff", "2024-01-31", "€ 123.456.789,00",
                                  "546737195.14",
                                  "123456789"])
def test_non_bsns_are_left_alone(text):
    assert not has_bsn(text)


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _workbook(path: Path) -> Path:
    cols = "ABCDEFGHIJKLMN"
    xml = "".join(f'<row r="{r}">' + "".join(_cell(f"{c}{r}", v) for c, v in zip(cols, values)) + "</row>"
                  for r, values in enumerate([HEADERS] + ROWS, start=1))
    path.write_bytes(xlsx_bytes({"123456782": sheet_xml(xml.replace("&", "&amp;"))}))
    return path


def test_no_bsn_in_json_project_or_report(tmp_path):
    source = _workbook(tmp_path / "client_123456782.xlsx")
    project = tmp_path / "p.wkp"
    Project().save(project)
    out = run_cli(["import", source, "--json", "--project", project])
    assert check_outcome(out) == [], out.stderr
    assert out.code in (0, 1)
    assert leaks(out.stdout) == [] and leaks(out.stderr) == []
    with zipfile.ZipFile(project) as archive:
        for name in archive.namelist():
            assert leaks(archive.read(name).decode("utf-8")) == [], name
    assert formulas_in_file(project) == []
    from wijkkompas.core.imports.report_export import export_report

    report = Project.load(project).choices["import"]["declaraties"]
    target = export_report(report, tmp_path / "rapport.xlsx")
    with zipfile.ZipFile(target) as archive:
        for name in archive.namelist():
            assert leaks(archive.read(name).decode("utf-8", "replace")) == [], name
    assert formulas_in_file(target) == []


def test_sheet_named_after_a_bsn_is_not_printed(tmp_path, capsys):
    from wijkkompas.cli import main

    source = _workbook(tmp_path / "export.xlsx")
    code = main(["import", str(source), "--blad", "bestaat niet"])
    err = capsys.readouterr().err
    assert code == 2 and "bestaat niet" in err and leaks(err) == []
    assert BSN_VERWIJDERD in err


def test_every_error_message_is_scrubbed():
    error = ImportFileError("Blad '123 456 782' in 'B123456782.xlsx' is leeg.", details="cel 1234.56.782")
    assert not has_bsn(error.melding) and not has_bsn(error.details) and not has_bsn(str(error))


def test_text_output_has_no_bsn(tmp_path):
    out = run_cli(["import", _workbook(tmp_path / "123456782.xlsx")])
    assert check_outcome(out) == [] and out.code in (0, 1)
    assert leaks(out.stdout) == []
    assert "[BSN verwijderd]" in out.stdout


def test_json_values_are_scrubbed_in_messages(tmp_path):
    import json

    out = run_cli(["import", _workbook(tmp_path / "e.xlsx"), "--json"])
    data = json.loads(out.stdout)
    for melding in data["fouten"] + data["waarschuwingen_per_rij"]:
        assert not has_bsn(json.dumps(melding))
    assert not has_bsn(io.StringIO(out.stdout).read())
