"""``wijkkompas uitputting`` and ``volumeregime`` end to end: promised JSON keys, exit 2 with Dutch messages."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from wijkkompas.cli import main
from wijkkompas.core.project import Project

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from sturing_fixtures import lijn_tabellen

KEYS = {"aanbieder", "product", "plafond", "gerealiseerd", "onderweg", "prognose_p50", "prognose_p10",
        "prognose_p90", "kans_overschrijding", "datum_plafond_bereikt"}


@pytest.fixture(scope="module")
def project_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sturing") / "fixture.wkp"
    Project(naam="Fixture", tables=lijn_tabellen(lag_dekking=(0.6, 0.6))).save(path)
    return path


def run(capsys, *args) -> tuple[int, dict | None, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    data = json.loads(captured.out) if code == 0 and "--json" in args else None
    return code, data, captured.err


def test_uitputting_json_lines_have_the_promised_keys(capsys, project_file):
    code, out, _ = run(capsys, "uitputting", "--project", str(project_file), "--peildatum", "31-12-2024",
                       "--jaar", "2024", "--json")
    assert code == 0
    assert out["jaar"] == 2024 and out["peildatum"] == "31-12-2024" and out["vertraging_maanden"] == 2
    lines = {line["aanbieder"]: line for line in out["lijnen"]}
    assert set(lines) == {"A1", "A2"} and KEYS <= set(lines["A1"])
    assert lines["A1"]["gerealiseerd"] == 5550.0 and lines["A1"]["onderweg"] == pytest.approx(397.65, abs=0.01)
    assert out["taakvelden"][0]["begroting"] == 20000.0


def test_uitputting_mid_year_projects_with_a_fixed_seed(capsys, project_file):
    args = ("uitputting", "--project", str(project_file), "--peildatum", "30-06-2024", "--trekkingen", "100",
            "--json")
    code, first, _ = run(capsys, *args)
    code2, second, _ = run(capsys, *args)
    assert code == code2 == 0 and first["lijnen"] == second["lijnen"]
    assert all(x["prognose_p10"] <= x["prognose_p50"] <= x["prognose_p90"] for x in first["lijnen"])


def test_volumeregime_json(capsys, project_file):
    code, out, _ = run(capsys, "volumeregime", "--project", str(project_file), "--regime", "a", "--trekkingen",
                       "100", "--json")
    assert code == 0 and out["regime"] == "A"
    assert {"kosten_p10", "kosten_p50", "kosten_p90", "wachtlijst_p50", "volumerisico", "teams"} <= set(out)
    assert {t["team"] for t in out["teams"]} == {"Team Noord", "Team Zuid"}
    assert out["kosten_p90"] <= out["budget_totaal"] + 1e-6


@pytest.mark.parametrize("args, word", [
    (("uitputting", "--peildatum", "2024-06-30"), "dd-mm-jjjj"),
    (("uitputting", "--peildatum", "31-03-2026"), "laatste gedeclareerde maand"),
    (("uitputting", "--jaar", "1990"), "2000–2100"),
    (("volumeregime", "--regime", "F"), "kies A, B, C, D of E"),
])
def test_bad_input_exits_2_in_dutch(capsys, project_file, args, word):
    code, _, err = run(capsys, *args[:1], "--project", str(project_file), *args[1:], "--json")
    assert code == 2 and word in err and "Traceback" not in err


def test_missing_project_exits_2(capsys, tmp_path):
    code, _, err = run(capsys, "uitputting", "--project", str(tmp_path / "nee.wkp"))
    assert code == 2 and err.strip()
