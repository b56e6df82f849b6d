"""``wijkkompas effect`` and ``wijkkompas signalen`` end to end: the issue's JSON keys, exit 2 with Dutch messages."""
from __future__ import annotations

import json

import pytest

from wijkkompas.cli import main
from wijkkompas.core.effect.simulatie import genereer_project
from wijkkompas.core.project import Project
from wijkkompas.core.resultaat import RESERVED_KEYS

ISSUE_KEYS = {"effect", "effect_pct", "ci_laag", "ci_hoog", "p", "methode", "pretrend_p", "bewijs", "n_wijken",
              "n_maanden", "event_study"}
BEHANDELD = "W03,W06,W09,W12,W15"


@pytest.fixture(scope="module")
def wkp(tmp_path_factory):
    path = tmp_path_factory.mktemp("effect") / "gegenereerd.wkp"
    genereer_project(7).save(path)
    return path


def run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_effect_json_has_exactly_the_issue_keys(capsys, wkp):
    code, out, _ = run(capsys, "effect", "--project", str(wkp), "--uitkomst", "instroom_per_1000", "--product",
                       "begeleiding", "--wijken", BEHANDELD, "--start", "2023-01", "--gewogen", "--trekkingen", "499",
                       "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) - RESERVED_KEYS == ISSUE_KEYS
    assert data["methode"] == "bootstrap" and data["n_wijken"] == 15 and data["n_maanden"] == 54
    assert data["bewijs"] in ("causaal-significant", "causaal-niet-significant", "beschrijvend")
    assert data["ci_laag"] < data["effect"] < data["ci_hoog"]
    assert {"kwartaal", "schatting", "laag", "hoog", "n"} <= set(data["event_study"][0])
    assert any(p["kwartaal"] == -1 and p["schatting"] == 0 for p in data["event_study"])


def test_effect_text_output_and_stored_question(capsys, wkp, tmp_path):
    target = tmp_path / "met_vraag.wkp"
    code, out, _ = run(capsys, "effect", "--project", str(wkp), "--wijken", BEHANDELD, "--start", "2023-01",
                       "--trekkingen", "199", "--opslaan", str(target))
    assert code == 0 and "Conclusie" in out and "interval" in out
    stored = Project.load(target).choices["effect"]
    assert stored["wijken"] == BEHANDELD.split(",") and stored["start"] == "2023-01"


@pytest.mark.parametrize("args, melding", [
    (["--wijken", "W03,W99", "--start", "2023-01"], "Onbekende wijk: W99"),
    (["--wijken", BEHANDELD, "--start", "2030-01"], "buiten de gegevens"),
    (["--wijken", BEHANDELD, "--start", "2021-01"], "buiten de gegevens"),
    (["--wijken", ",".join(f"W{i:02d}" for i in range(1, 16)), "--start", "2023-01"], "geen vergelijkingswijken"),
    (["--wijken", BEHANDELD, "--start", "januari"], "geen maand"),
    (["--wijken", BEHANDELD, "--start", "2023-01", "--vergelijking", "W03"], "geen vergelijkingswijken"),
    (["--starts", "W03:2023-01"], "niet begrepen"),
])
def test_bad_input_exits_2_with_a_dutch_message(capsys, wkp, args, melding):
    code, out, err = run(capsys, "effect", "--project", str(wkp), "--trekkingen", "99", *args, "--json")
    assert code == 2
    assert melding in err and "Traceback" not in err
    assert out == ""


def test_signalen_json(capsys, wkp):
    code, out, _ = run(capsys, "signalen", "--project", str(wkp), "--groep", "aanbieder", "--json")
    assert code == 0
    data = json.loads(out)
    assert {"groep", "product", "periode", "indicator", "signalen", "uitschieters"} <= set(data)
    assert data["uitschieters"] == ["A3"]
    assert {"aandeel_uitstroom_klasse", "trajectkosten", "groei"} <= set(data["signalen"][0])
    code, out, err = run(capsys, "signalen", "--project", str(wkp), "--tot", "2019-01")
    assert code == 2 and "binnen de gegevens" in err
