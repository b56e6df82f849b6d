"""The Voorbeeldstad demo exports: reproducible, calibrated, and they import as documented."""
from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys

import pytest

from wijkkompas import cli, resources

DEMO_FILES = ["toewijzingen.xlsx", "declaraties.csv", "tarieven.xlsx", "wijken.xlsx", "budget.xlsx"]


@pytest.fixture(scope="module")
def tools(request):
    folder = request.config.rootpath / "tools"
    sys.path.insert(0, str(folder))
    try:
        yield {name: importlib.import_module(name) for name in ("make_demo", "deterministic_xlsx")}
    finally:
        sys.path.remove(str(folder))


def _readme_faulty_rows() -> list[tuple[int, str, str]]:
    """(Excel row, problem, expected) from the README table of deliberately faulty rows."""
    text = resources.path("demo", "README.md").read_text(encoding="utf-8")
    section = text.split("## Opzettelijk foute rijen", 1)[1]
    return [(int(m[1]), m[2], m[3]) for m in re.finditer(r"^\| (\d+) \| (.+?) \| (.+?) \|$", section, re.M)]


def test_demo_spec_lists_every_file_with_its_kind():
    spec = json.loads(resources.path("demo", "demo.json").read_text(encoding="utf-8"))
    assert [(i["bestand"], i["soort"]) for i in spec["imports"]] == [
        (name, name.split(".")[0]) for name in DEMO_FILES
    ]
    for name in DEMO_FILES:
        assert resources.path("demo", name).is_file()


def test_make_demo_reproduces_the_committed_files(tmp_path, tools, reference_sources):
    tools["make_demo"].build(tmp_path, reference_sources, update_spec=False)
    for name in DEMO_FILES + ["README.md"]:
        assert (tmp_path / name).read_bytes() == resources.path("demo", name).read_bytes(), (
            f"{name} wijkt af van tools/make_demo.py; draai het script opnieuw"
        )


def test_saving_the_same_workbook_twice_gives_identical_bytes(tmp_path, tools):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Kop", 1, 2.5])
    tools["deterministic_xlsx"].save_workbook(workbook, tmp_path / "a.xlsx")
    tools["deterministic_xlsx"].save_workbook(workbook, tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_toewijzingen_import_lists_exactly_the_deliberately_faulty_rows(capsys):
    code = cli.main(["import", str(resources.path("demo", "toewijzingen.xlsx")), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    faulty = _readme_faulty_rows()
    assert len(faulty) >= 8
    expected_errors = {row for row, _problem, expected in faulty if expected == "fout"}
    assert {m["rij"] for m in out["fouten"]} == expected_errors
    reported = {m["rij"] for m in out["fouten"] + out["waarschuwingen"]}
    for row, problem, _expected in faulty:
        assert row in reported, f"rij {row} ({problem}) staat niet in het rapport"
    assert out["verwijderd_persoonsgegevens"] == ["Naam cliënt"]
    assert out["rijen_geldig"] == out["rijen_gelezen"] - len(expected_errors) - 1  # minus the totals row
    assert "Naam cliënt" not in json.dumps(out["kolommen"], ensure_ascii=False)


def test_declaraties_import_cleanly_and_match_the_calibration(capsys):
    code = cli.main(["import", str(resources.path("demo", "declaraties.csv")), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0, out["fouten"][:5]
    assert out["soort"] == "declaraties"
    assert out["samenvatting"]["periode"] == ["2024-01-01", "2024-12-31"]
    per_categorie = out["samenvatting"]["per_productcategorie"]
    assert set(per_categorie) == {"01", "02", "07"}
    # Calibrated on Iv3 2023 netto lasten of Deventer: 6.71a 8,4 mln, 6.71b 7,9 mln, 6.71c 2,4 mln.
    assert 6.5e6 < per_categorie["01"]["bedrag"] < 9e6
    assert 5.5e6 < per_categorie["02"]["bedrag"] < 8.5e6
    assert 1.7e6 < per_categorie["07"]["bedrag"] < 2.7e6
    # HbH clients of the order of Deventer's CBS count (3.195 in the 1st half of 2020), per month.
    januari = out["samenvatting"]["per_maand"]["2024-01"]["clienten"]
    assert 3500 < januari < 5500


@pytest.mark.parametrize("name", ["tarieven.xlsx", "budget.xlsx"])
def test_other_demo_files_import_without_errors(name, capsys):
    code = cli.main(["import", str(resources.path("demo", name)), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0, out["fouten"][:5]
    assert out["soort"] == name.split(".")[0]
    assert out["rijen_geldig"] == out["rijen_gelezen"] > 0


def test_wijken_import_in_a_real_process(repo_root):
    completed = subprocess.run(
        [sys.executable, "-m", "wijkkompas", "import", str(resources.path("demo", "wijken.xlsx")), "--json"],
        capture_output=True, text=True, encoding="utf-8", cwd=repo_root, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    out = json.loads(completed.stdout)
    assert out["soort"] == "wijken"
    assert out["rijen_geldig"] == 15
    assert out["kolommen"]["wijk_code"] == "Wijkcode"
