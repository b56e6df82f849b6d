"""``wijkkompas verdeel`` end to end: the issue's JSON keys, exact sums, exit 2 with Dutch messages."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from demo_support import DEMO_SECRET

from wijkkompas.cli import main
from wijkkompas.core.verdeel import SECTIE, VerdeelInstellingen

KEYS = {"wijk_code", "wijk_naam", "budget", "aandeel", "huidig", "verschil", "bijdragen"}


@pytest.fixture(scope="module")
def demo_wkp(tmp_path_factory) -> Path:
    from wijkkompas.core.demo import build_demo_project

    project = build_demo_project(secret=DEMO_SECRET)
    return project.save(tmp_path_factory.mktemp("verdeel") / "demo.wkp")


def run_json(capsys, *args: str) -> dict:
    code = main(["verdeel", *args, "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out)


def test_demo_json_has_the_issue_keys(capsys):
    out = run_json(capsys, "--demo")
    assert {"totaal", "methode", "wijken", "aannames"} <= set(out)
    assert out["methode"] == "gemeentefonds"
    assert len(out["wijken"]) == 15
    for w in out["wijken"]:
        assert KEYS <= set(w)
        assert sum(w["bijdragen"].values()) == w["budget"]
        assert w["verschil"] == w["budget"] - w["huidig"]
    assert sum(w["budget"] for w in out["wijken"]) == out["totaal"]
    assert abs(sum(w["aandeel"] for w in out["wijken"]) - 1) < 1e-9
    assert out["aannames"] and all(isinstance(a, str) for a in out["aannames"])


def test_budget_and_method_options(capsys, demo_wkp):
    out = run_json(capsys, "--project", str(demo_wkp), "--methode", "inwoners", "--budget", "1.000.000,00",
                   "--ingroei", "5,3")
    assert out["totaal"] == 1_000_000 and out["methode"] == "inwoners"
    assert sum(w["budget"] for w in out["wijken"]) == 1_000_000
    from wijkkompas.core.project import Project

    wijken = Project.load(demo_wkp).tables["wijken"]
    if "jaar" in wijken.columns:  # wijken per year: the latest year counts
        wijken = wijken[wijken["jaar"] == wijken["jaar"].max()]
    inwoners = wijken.set_index("wijk_code")["inwoners"]
    binnenstad = next(w for w in out["wijken"] if w["wijk_code"] == "W01")
    assert abs(binnenstad["budget"] - 1_000_000 * inwoners["W01"] / inwoners.sum()) <= 1
    pad = out["ingroeipad"]["per_wijk"]
    assert all(len(v) == 3 for v in pad.values())


def test_weights_file_and_current_allocation(capsys, demo_wkp, tmp_path):
    path = tmp_path / "g.json"
    path.write_text(json.dumps({"gewichten": {"inwoners": 1, "inwoners_75plus": 4},
                                "huidig": {"W01": 100, "W02": 200}}), encoding="utf-8")
    out = run_json(capsys, "--project", str(demo_wkp), "--gewichten", str(path), "--budget", "500000")
    assert out["methode"] == "eigen"
    w01 = next(w for w in out["wijken"] if w["wijk_code"] == "W01")
    assert w01["huidig"] == 100 and set(w01["bijdragen"]) == {"inwoners", "inwoners_75plus"}


def test_stored_settings_are_used(capsys, tmp_path, demo_wkp):
    from wijkkompas.core.project import Project

    project = Project.load(demo_wkp)
    project.set_choice(SECTIE, VerdeelInstellingen(methode="75plus", bedrag=123_456).to_json())
    saved = project.save(tmp_path / "keuze.wkp")
    out = run_json(capsys, "--project", str(saved))
    assert out["methode"] == "75plus" and out["totaal"] == 123_456


def test_uncovered_bottomup_need_is_a_warning(capsys, demo_wkp):
    out = run_json(capsys, "--project", str(demo_wkp), "--methode", "bottomup", "--bottomup", "eindhoven",
                   "--budget", "1000")
    assert any("tekort" in w for w in out["waarschuwingen"])
    assert sum(w["budget"] for w in out["wijken"]) == 1000


@pytest.mark.parametrize("content,args,fragment", [
    ({"inwoners": -1}, [], "negatief"),
    ({"honden": 1}, [], "Onbekende indicator"),
    ({"gewichten": {"inwoners": 1}, "huidig": {"W99": 5}}, [], "Onbekende wijk"),
    ("{kapot", [], "geen geldige JSON"),
    (None, ["--budget", "-5"], "negatief"),
    (None, ["--budget", "veel"], "geen bedrag"),
    (None, ["--ingroei", "5"], "PROCENT,JAREN"),
    (None, ["--ingroei", "150,2"], "tussen 0 en 100"),
])
def test_bad_input_exits_2_in_dutch(capsys, demo_wkp, tmp_path, content, args, fragment):
    extra = list(args)
    if content is not None:
        path = tmp_path / "g.json"
        path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
        extra += ["--gewichten", str(path)]
    code = main(["verdeel", "--project", str(demo_wkp), *extra, "--json"])
    err = capsys.readouterr().err
    assert code == 2
    assert fragment in err and "Traceback" not in err


def test_text_output_is_dutch(capsys, demo_wkp):
    assert main(["verdeel", "--project", str(demo_wkp), "--methode", "historisch"]) == 0
    out = capsys.readouterr().out
    assert "Te verdelen: €" in out and "Aannames:" in out
