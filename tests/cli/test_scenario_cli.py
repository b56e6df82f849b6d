"""``wijkkompas scenario`` end to end: the issue's JSON keys, same seed same numbers, exit 2 naming bad input."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from wijkkompas.cli import main
from wijkkompas.core.project import Project

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from test_scenario_fixtures import maak_tabellen


@pytest.fixture(scope="module")
def project_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("scenario") / "fixture.wkp"
    Project(naam="Fixture", tables=maak_tabellen(30)).save(path)
    return path


def run(capsys, *args) -> tuple[int, dict | None, str]:
    code = main(["scenario", *args])
    captured = capsys.readouterr()
    data = json.loads(captured.out) if code == 0 and "--json" in args else None
    return code, data, captured.err


def levers(tmp_path: Path, data) -> str:
    path = tmp_path / "hefbomen.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_json_has_per_product_and_total_years_backtest_and_levers(capsys, project_file, tmp_path):
    file = levers(tmp_path, {"tariefindexatie": 0.03, "instroom": -0.1})
    code, out, _ = run(capsys, "--project", str(project_file), "--hefbomen", file, "--jaren", "2026-2028",
                       "--trekkingen", "200", "--seed", "4", "--json")
    assert code == 0
    assert out["jaren"] == [2026, 2027, 2028]
    assert set(out["producten"]) == {"01", "02"}
    for item in [*out["producten"].values(), out["totaal"]]:
        assert set(item["jaren"]) == {"2026", "2027", "2028"}
        for year in item["jaren"].values():
            assert {"p10", "p50", "p90", "clienten_p50"} <= set(year)
            assert year["p10"] <= year["p50"] <= year["p90"]
    for code_ in ("01", "02"):
        assert out["backtest"][code_]["mape_clienten"] < 0.01
        assert out["producten"][code_]["backtest"]["mape_kosten"] < 0.01
    assert out["hefbomen"]["tariefindexatie"] == 0.03 and out["hefbomen"]["instroom"] == -0.1
    assert [c["scenario"] for c in out["vergelijking"]] == ["Basis", "Scenario"]
    assert out["vergelijking"][1]["jaren"]["2028"]["verschil_p50"] != 0
    assert out["trekkingen"] == 200 and out["seed"] == 4


def test_same_seed_same_numbers_other_seed_other_numbers(capsys, project_file):
    args = ("--project", str(project_file), "--trekkingen", "100", "--json")
    a = run(capsys, *args, "--seed", "9")[1]
    b = run(capsys, *args, "--seed", "9")[1]
    c = run(capsys, *args, "--seed", "10")[1]
    assert a["totaal"] == b["totaal"] and a["producten"] == b["producten"]
    assert a["totaal"] != c["totaal"]


def test_text_output_is_dutch(capsys, project_file):
    code = main(["scenario", "--project", str(project_file), "--trekkingen", "100"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Kosten per jaar: P50" in out and " – " in out and "Toets op het verleden" in out and "€" in out


def test_plafond_per_product_caps_that_product_only(capsys, project_file, tmp_path):
    # Both fixture aanbieders deliver both products; A1's plafond on 02 (a perceel) leaves its 01 alone.
    args = ("--project", str(project_file), "--jaren", "2026-2027", "--trekkingen", "100", "--seed", "2", "--json")
    file = levers(tmp_path, {"budgetplafonds": {"A1": {"2": 20_000}}})
    code, capped, _ = run(capsys, *args, "--hefbomen", file)
    assert code == 0
    free = run(capsys, *args)[1]
    assert capped["hefbomen"]["budgetplafonds"] == {"A1": {"02": 20000.0}}
    assert capped["producten"]["01"]["jaren"] == {y: {**v, "wachtlijst_p50": 0.0}
                                                 for y, v in free["producten"]["01"]["jaren"].items()}
    for year, row in capped["producten"]["02"]["jaren"].items():
        assert row["wachtlijst_p50"] > 0
        assert row["p50"] < free["producten"]["02"]["jaren"][year]["p50"]


@pytest.mark.parametrize("data, fragment", [
    ({"instroomm": 0.1}, "instroomm"),
    ({"av_aandeel": 1.5}, "av_aandeel"),
    ({"bekostiging": {"02": -5}}, "negatief"),
    ({"bekostiging": {"99": 1000}}, "'99'"),
    ({"producten": {"hbh": {"volume_per_client": "veel"}}}, "volume_per_client"),
    ({"budgetplafonds": {"ONBEKEND": 1000}}, "ONBEKEND"),
    ({"budgetplafonds": {"A1": {"99": 1000}}}, "'99'"),
    ({"budgetplafonds": {"A1": {"02": -5}}}, "negatief"),
    ({"budgetplafonds": ["A1", 1000]}, "budgetplafonds"),
    ({"tariefindexatie": -3}, "tariefindexatie"),
    ({"volume_per_team": {"Team Nergens": -0.1}}, "Team Nergens"),
])
def test_unknown_or_impossible_levers_exit_2_naming_them(capsys, project_file, tmp_path, data, fragment):
    code, _, err = run(capsys, "--project", str(project_file), "--hefbomen", levers(tmp_path, data), "--json")
    assert code == 2
    assert fragment in err and "Traceback" not in err


@pytest.mark.parametrize("args, fragment", [
    (("--jaren", "2020-2022"), "2020"),
    (("--jaren", "2025-2031"), "5 jaar"),
    (("--jaren", "volgend jaar"), "volgend jaar"),
    (("--trekkingen", "0"), "trekkingen"),
])
def test_impossible_horizon_or_draws_exit_2(capsys, project_file, args, fragment):
    code, _, err = run(capsys, "--project", str(project_file), *args)
    assert code == 2 and fragment in err


def test_unreadable_levers_file_is_a_dutch_message(capsys, project_file, tmp_path):
    path = tmp_path / "kapot.json"
    path.write_text("{niet: json", encoding="utf-8")
    code, _, err = run(capsys, "--project", str(project_file), "--hefbomen", str(path))
    assert code == 2 and "geen geldige JSON" in err
