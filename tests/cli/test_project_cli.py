"""``wijkkompas project nieuw PAD.wkp`` and the headless chain nieuw → import --project → project."""
from __future__ import annotations

import json

from wijkkompas import resources
from wijkkompas.cli import main
from wijkkompas.core.project import Project


def test_new_project_with_gemeente_then_imports_then_overview(tmp_path, capsys):
    target = tmp_path / "mijn project.wkp"
    assert main(["project", "nieuw", str(target), "--gemeente", "deventer"]) == 0
    out = capsys.readouterr().out
    assert "Nieuw project aangemaakt" in out and "Deventer (GM0150)" in out
    project = Project.load(target)
    assert project.gemeente_code == "GM0150" and project.naam == "mijn project" and not project.tables

    assert main(["import", str(resources.path("demo", "wijken.xlsx")), "--project", str(target), "--json"]) == 0
    capsys.readouterr()
    assert main(["import", str(resources.path("demo", "formatie.xlsx")), "--project", str(target), "--json"]) == 0
    capsys.readouterr()
    # rows with errors: exit code 1, but the valid rows are added all the same
    assert main(["import", str(resources.path("demo", "toewijzingen.xlsx")), "--project", str(target),
                 "--json"]) == 1
    capsys.readouterr()
    assert main(["project", str(target), "--json"]) == 0
    overview = json.loads(capsys.readouterr().out)
    rows = {t["tabel"]: t["rijen"] for t in overview["tabellen"]}
    assert rows["wijken"] == 75 and rows["formatie"] == 20 and rows["toewijzingen"] > 15_000
    saved = Project.load(target)
    assert saved.gemeente_code == "GM0150" and {"wijken", "formatie", "toewijzingen"} <= set(saved.tables)


def test_new_project_adds_the_suffix_and_works_without_gemeente(tmp_path, capsys):
    assert main(["project", "nieuw", str(tmp_path / "leeg"), "--naam", "Proef", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["naam"] == "Proef" and out["gemeente"] is None and out["pad"].endswith("leeg.wkp")
    assert Project.load(tmp_path / "leeg.wkp").gemeente_code is None


def test_unknown_gemeente_is_exit_2_with_suggestions_and_no_file(tmp_path, capsys):
    target = tmp_path / "x.wkp"
    assert main(["project", "nieuw", str(target), "--gemeente", "Devnter"]) == 2
    err = capsys.readouterr().err
    assert "Gemeente 'Devnter' is niet gevonden" in err and "Deventer" in err
    assert not target.exists()


def test_an_existing_file_is_never_overwritten(tmp_path, capsys):
    target = tmp_path / "x.wkp"
    target.write_bytes(b"iets anders")
    assert main(["project", "nieuw", str(target)]) == 2
    assert "bestaat al" in capsys.readouterr().err
    assert target.read_bytes() == b"iets anders"


def test_wrong_use_is_a_dutch_message(tmp_path, capsys):
    assert main(["project", "a.wkp", "b.wkp"]) == 2
    assert "wijkkompas project nieuw PAD.wkp" in capsys.readouterr().err
