"""``wijkkompas import``: JSON keys, exit codes 0/1/2, options, project storage, a real subprocess."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from wijkkompas.cli import main
from wijkkompas.core.project import Project

REPO_ROOT = Path(__file__).resolve().parents[2]
BSNS = ["123456782", "111222333"]
# ImportResult's keys; its "samenvatting" and "waarschuwingen" are the Resultaat's own keys (sentences), so the
# summary figures are "kerncijfers" and the row warnings "waarschuwingen_per_rij".
TOP_KEYS = {"bestand", "soort", "blad", "kolommen", "genegeerd", "verwijderd_persoonsgegevens", "rijen_gelezen",
            "rijen_geldig", "fouten", "waarschuwingen_per_rij", "kerncijfers"}
RESULTAAT_KEYS = {"onderdeel", "titel", "samenvatting", "tabellen", "waarschuwingen", "gegevensbasis"}


def _xlsx(path: Path, extra_rows=(), hidden_copy: bool = False) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Declaraties"
    sheet.append(["Declaraties januari-februari 2024"])
    sheet.append(["Declaratienummer", "BSN", "Naam", "Productcategorie", "Productcode", "AGB-code", "Periode begin",
                  "Periode eind", "Geleverd volume", "Eenheid", "Tarief", "Ingediend bedrag", "Status", "Opmerking"])
    sheet.append(["D1", BSNS[0], "Jan Jansen", "02", "02A01", "12345678", dt.datetime(2024, 1, 1),
                  dt.datetime(2024, 1, 31), 10, "04", 55.5, 555.0, "Goedgekeurd", "ok"])
    sheet.append(["D2", BSNS[1], "Piet Pietersen", "01", "01A02", "12345678", "01-02-2024", "29-02-2024", "8",
                  "04", "30,00", "240,00", "Goedgekeurd", ""])
    for row in extra_rows:
        sheet.append(row)
    if hidden_copy:
        other = workbook.create_sheet("Oud")
        other.sheet_state = "hidden"
        for row in sheet.iter_rows(values_only=True):
            other.append(row)
    workbook.save(path)
    return path


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["import", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_output_keys_and_exit_0(tmp_path, capsys):
    path = _xlsx(tmp_path / "declaraties.xlsx")
    code, out, err = _run(capsys, str(path), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert TOP_KEYS | RESULTAAT_KEYS <= set(data)
    assert data["onderdeel"] == "import" and data["waarschuwingen"] == []
    overzicht = {t["naam"]: t for t in data["tabellen"]}["overzicht"]["rijen"]
    assert [(r["gelezen"], r["geldig"], r["afgekeurd"]) for r in overzicht] == [(2, 2, 0)]
    assert data["gegevensbasis"][0]["bestand"] == "declaraties.xlsx" and data["gegevensbasis"][0]["sha256"]
    assert data["bestand"] == "declaraties.xlsx" and data["soort"] == "declaraties" and data["blad"] == "Declaraties"
    assert data["kolommen"]["client_id"] == "BSN" and data["kolommen"]["ingediend_bedrag"] == "Ingediend bedrag"
    assert data["genegeerd"] == ["Opmerking"]
    assert data["verwijderd_persoonsgegevens"] == ["Naam"]
    assert (data["rijen_gelezen"], data["rijen_geldig"]) == (2, 2)
    assert data["fouten"] == []
    summary = data["kerncijfers"]
    assert {"clienten", "bedrag", "periode", "per_productcategorie", "per_maand"} <= set(summary)
    assert summary["clienten"] == 2 and summary["bedrag"] == pytest.approx(795.0)
    assert summary["periode"] == ["2024-01-01", "2024-02-29"]
    assert set(summary["per_maand"]) == {"2024-01", "2024-02"}
    assert {"clienten", "volume", "bedrag"} <= set(summary["per_productcategorie"]["02"])
    for needle in BSNS + ["Jan Jansen"]:
        assert needle not in out


def test_exit_1_lists_every_rejected_row(tmp_path, capsys):
    bad = [["D3", "123456782", "", "02", "02A01", "12345678", "niet", "31-03-2024", 1, "04", 1, 10, "", ""],
           ["D4", "", "", "02", "02A01", "12345678", "01-03-2024", "31-03-2024", 1, "04", 1, 10, "", ""]]
    path = _xlsx(tmp_path / "fout.xlsx", extra_rows=bad)
    code, out, _ = _run(capsys, str(path), "--json")
    assert code == 1
    data = json.loads(out)
    assert data["rijen_geldig"] == 2
    rows = sorted({f["rij"] for f in data["fouten"]})
    assert rows == [5, 6]
    for fout in data["fouten"]:
        assert set(fout) == {"rij", "kolom", "waarde", "melding"}
    assert data["waarschuwingen"][0].startswith("2 rij(en) afgekeurd")
    meldingen = {t["naam"]: t for t in data["tabellen"]}["meldingen"]["rijen"]
    assert {m["rij"] for m in meldingen if m["ernst"] == "fout"} == {5, 6}
    assert any(f["kolom"] == "Periode begin" for f in data["fouten"])


@pytest.mark.parametrize("content,name,fragment", [
    (b"", "leeg.xlsx", "is leeg"),
    (b"geen excel maar tekst", "nep.xlsx", "geen Excel-werkmap"),
    (b"PK\x03\x04kapot", "kapot.xlsx", "beschadigd"),
])
def test_exit_2_dutch_message_no_traceback(tmp_path, capsys, content, name, fragment):
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = _run(capsys, str(path), "--json")
    assert code == 2
    assert out == ""
    assert fragment in err and "Traceback" not in err


def test_soort_blad_and_mapping_options(tmp_path, capsys):
    path = _xlsx(tmp_path / "d.xlsx", hidden_copy=True)
    code, out, _ = _run(capsys, str(path), "--blad", "Oud", "--soort", "declaraties", "--json")
    assert code == 0 and json.loads(out)["blad"] == "Oud"
    mapping = tmp_path / "m.json"
    mapping.write_text(json.dumps({"bronsysteem": "Test", "soort": "declaraties",
                                   "kolommen": {"client_id": "BSN", "status": None, "aanbieder_code": "Opmerking"}}),
                       encoding="utf-8")
    code, out, _ = _run(capsys, str(path), "--mapping", str(mapping), "--json")
    data = json.loads(out)
    assert code == 0
    assert "status" not in data["kolommen"] and "Status" in data["genegeerd"]
    assert data["kolommen"]["aanbieder_code"] == "Opmerking"
    mapping.write_text("{", encoding="utf-8")
    code, _, err = _run(capsys, str(path), "--mapping", str(mapping), "--json")
    assert code == 2 and "geen geldige JSON" in err


def test_readable_report_mentions_random_secret(tmp_path, capsys):
    path = _xlsx(tmp_path / "d.xlsx")
    code, out, _ = _run(capsys, str(path))
    assert code == 0
    assert "Soort: declaraties" in out and "Persoonsgegevens niet ingelezen: Naam" in out
    assert "willekeurige sleutel" in out


def test_project_option_adds_import_and_keeps_pseudonyms_stable(tmp_path, capsys):
    project_path = Project(naam="Test").save(tmp_path / "test.wkp")
    path = _xlsx(tmp_path / "d.xlsx")
    code, out, _ = _run(capsys, str(path), "--project", str(project_path))
    assert code == 0 and "Toegevoegd aan project" in out
    first = Project.load(project_path)
    assert set(first.tables) == {"declaraties", "maand_declaraties"}
    assert first.sources[-1].naam == "d.xlsx"
    ids = sorted(first.tables["declaraties"]["client_id"].tolist())
    code, _, _ = _run(capsys, str(path), "--project", str(project_path), "--json")
    again = Project.load(project_path)
    assert sorted(again.tables["declaraties"]["client_id"].tolist()) == ids
    with zipfile.ZipFile(project_path) as archive:  # the project is a deflated zip: search its members' text
        stored = "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    assert "declaraties" in stored
    for bsn in BSNS:
        assert bsn not in stored


def test_real_subprocess(tmp_path):
    path = _xlsx(tmp_path / "d.xlsx")
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), PYTHONIOENCODING="utf-8")
    done = subprocess.run([sys.executable, "-m", "wijkkompas", "import", str(path), "--json"],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["rijen_geldig"] == 2
    broken = tmp_path / "x.xlsx"
    broken.write_text("nee", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "wijkkompas", "import", str(broken), "--json"],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 2
    assert "geen Excel-werkmap" in done.stderr and "Traceback" not in done.stderr


def test_report_for_kinds_without_clients_has_no_pseudonym_note(tmp_path, capsys):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Wijkcode", "Wijknaam", "Inwoners", "Postcodes"])
    sheet.append(["W01", "Centrum", 12000, "1234, 1235"])
    path = tmp_path / "wijken.xlsx"
    workbook.save(path)
    code, out, _ = _run(capsys, str(path))
    assert code == 0
    assert "Soort: wijken" in out and "postcode4" in out
    assert "willekeurige sleutel" not in out and "Cliënten" not in out


def test_import_kinds_of_the_cli_are_the_pipelines():
    from wijkkompas.commands.import_cmd import SOORTEN as cli_soorten
    from wijkkompas.core.imports.model import SOORTEN

    assert cli_soorten == SOORTEN


def test_the_file_is_read_before_pandas_loads_and_prefetching_changes_nothing(tmp_path, capsys):
    """The CLI opens the file (and parses its first sheet) while the pipeline loads; the result is the same."""
    code = ("import sys; from wijkkompas.core.imports import readers; "
            "print('pandas' in sys.modules, 'wijkkompas.core.imports.pipeline' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=REPO_ROOT)
    assert out.stdout.split() == ["False", "False"], out.stderr

    from wijkkompas.core.imports import import_file, readers

    path = _xlsx(tmp_path / "d.xlsx", hidden_copy=True)
    source = readers.open_source(path)
    source.prefetch(None)
    assert list(source._sheets) == ["Declaraties"]  # the first visible sheet, as the import reads it first
    secret = b"k" * 32
    with_source = import_file(path, secret=secret, source=source)
    without = import_file(path, secret=secret)
    assert with_source.to_json() == without.to_json()
    assert with_source.table.equals(without.table)
    with pytest.raises(ValueError):
        import_file(_xlsx(tmp_path / "ander.xlsx"), secret=secret, source=readers.open_source(path))
