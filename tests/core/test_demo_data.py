"""The Voorbeeldstad demo exports: reproducible, calibrated, and they import as documented."""
from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys

import pytest

from wijkkompas import cli, resources

DEMO_FILES = ["toewijzingen.xlsx", "declaraties.xlsx", "tarieven.xlsx", "wijken.xlsx", "budget.xlsx", "formatie.xlsx"]


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
    for name in DEMO_FILES + ["README.md", "waarheden.json"]:
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
    reported = {m["rij"] for m in out["fouten"] + out["waarschuwingen_per_rij"]}
    for row, problem, _expected in faulty:
        assert row in reported, f"rij {row} ({problem}) staat niet in het rapport"
    assert out["verwijderd_persoonsgegevens"] == ["Naam cliënt"]
    assert out["rijen_geldig"] == out["rijen_gelezen"] - len(expected_errors) - 1  # minus the totals row
    assert "Naam cliënt" not in json.dumps(out["kolommen"], ensure_ascii=False)


def test_declaraties_import_cleanly_with_netted_credit_lines(capsys):
    code = cli.main(["import", str(resources.path("demo", "declaraties.xlsx")), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0, out["fouten"][:5]
    assert out["soort"] == "declaraties"
    samenvatting = out["kerncijfers"]  # the CLI's Resultaat keeps "samenvatting" for its sentences
    assert samenvatting["periode"] == ["2021-01-01", "2025-06-30"]
    assert len(samenvatting["per_maand"]) == 54  # 2021-01 … 2025-06
    truths = json.loads(resources.path("demo", "waarheden.json").read_text(encoding="utf-8"))["declaraties"]
    assert out["rijen_geldig"] == out["rijen_gelezen"] == truths["declaraties"]
    assert samenvatting["creditregels"] == truths["creditregels"] > 0.005 * truths["declaraties"]
    assert samenvatting["creditbedrag"] == pytest.approx(truths["creditbedrag"], abs=0.01)
    assert truths["creditbedrag"] < 0
    assert samenvatting["bedrag"] == pytest.approx(truths["toegekend_netto"], abs=0.05)
    assert set(samenvatting["per_productcategorie"]) == {"01", "02", "07"}
    # HbH clients of the order of Deventer's CBS count (3.195 in the 1st half of 2020), per month.
    assert 3500 < samenvatting["per_maand"]["2021-01"]["clienten"] < 5500


def test_spending_2023_is_calibrated_on_the_iv3_netto_lasten_of_deventer():
    truths = json.loads(resources.path("demo", "waarheden.json").read_text(encoding="utf-8"))
    # Iv3 jaarrekening 2023 Deventer, netto lasten: 6.71a 8.446.000, 6.71b 7.943.000, 6.71c 2.439.000;
    # the demo's zorg in natura 2023 is calibrated on 90% of it (README, Kalibratie uitgaven).
    for categorie, netto in {"01": 8_446_000, "02": 7_943_000, "07": 2_439_000}.items():
        assert truths["uitgaven_zin"][f"2023-{categorie}"] == pytest.approx(0.9 * netto, rel=0.03)


@pytest.mark.parametrize("name", ["tarieven.xlsx", "budget.xlsx", "formatie.xlsx"])
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
    assert out["rijen_geldig"] == 15 * 5  # one row per wijk per year 2021-2025
    assert out["kolommen"]["jaar"] == "Jaar"
    assert out["kolommen"]["wijk_code"] == "Wijkcode"
