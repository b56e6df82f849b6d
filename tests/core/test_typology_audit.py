"""The findings audit (issue 16) on a thinned grid, and proof that each of its checks can fail."""
from __future__ import annotations

import copy
import importlib.util
from dataclasses import replace
from pathlib import Path

import pytest

from wijkkompas.core.typology import Taakzwaarte, assess, library_from_json, load_library
from wijkkompas.core.typology.audit import answer_grid, audit, check_assessment, check_library, gemeenten_spread
from wijkkompas.core.typology.evidence import evidence_path

REPO = Path(__file__).resolve().parents[2]


def test_audit_over_answer_sets_and_gemeenten_finds_no_problem():
    spread = gemeenten_spread()
    assert [t.klasse for t in spread] == [None, "zeer licht", "licht", "gemiddeld", "zwaar", "zeer zwaar"]
    result = audit(answer_grid(thin=7), spread)  # 7 is coprime with the 2 extra variants
    assert result.beoordelingen > 3000 and result.bevindingen > result.beoordelingen * 5
    assert result.problemen == []
    # Point 3: every evidence item informs some finding somewhere in the grid.
    assert result.niet_geciteerd(load_library()) == []


def _assessment(**extra):
    data = {"toegang": {"breedte": 2, "positionering": 1, "wijkteam": True, "aanbieders_in_team": "indiceren"},
            "inkoop": {"hbh": {"bekostigingsvorm": "inspanningsgericht", "contractvorm": "budgetplafond",
                               "tussentijdse_toetreding": False}}}
    return assess(data, taakzwaarte=Taakzwaarte(None, None, None, None))


def test_audit_catches_a_strength_next_to_an_aandachtspunt():
    a = _assessment()
    sterk = next(f for f in a.bevindingen if f.id == "begrensde-omzet-hbh")
    assert check_assessment(a, a.library) == []
    broken = replace(a, bevindingen=[replace(sterk, ernst="sterk punt", koppeling=()) if f is sterk else f
                                     for f in a.bevindingen])
    assert any("zonder koppeling" in p for p in check_assessment(broken, a.library))


def test_audit_catches_causal_wording_and_overclaimed_strength():
    a = _assessment()
    first = a.bevindingen[0]
    worded = replace(a, bevindingen=[replace(first, tekst=first.tekst + " Dit leidt tot hogere kosten.")])
    assert any("leidt tot" in p for p in check_assessment(worded, a.library))
    stronger = replace(a, bevindingen=[replace(first, sterkte="causaal-significant")])
    assert any("sterker dan de bronnen" in p for p in check_assessment(stronger, a.library))
    unnamed = replace(a, bevindingen=[replace(f, producten=()) for f in a.bevindingen if f.id == "begrensde-omzet-hbh"])
    assert any("noemt ze niet" in p for p in check_assessment(unnamed, a.library))


def test_audit_catches_an_item_stronger_than_its_source():
    import json

    raw = json.loads(evidence_path().read_text(encoding="utf-8"))
    assert check_library(library_from_json(raw)) == []
    broken = copy.deepcopy(raw)
    next(i for i in broken["bewijs"] if i["id"] == "rivm-breedte-uitgaven")["sterkte"] = "causaal-significant"
    next(i for i in broken["bewijs"] if i["id"] == "wijchen-terug-naar-pxq")["sterkte"] = "beschrijvend"
    problems = check_library(library_from_json(broken))
    assert any("rivm-breedte-uitgaven" in p for p in problems) and any("wijchen-terug-naar-pxq" in p for p in problems)


def test_audit_tool_runs(capsys):
    spec = importlib.util.spec_from_file_location("audit_findings", REPO / "tools" / "audit_findings.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--dun", "40"]) == 0
    out = capsys.readouterr().out
    assert "Geen problemen." in out and "beoordelingen" in out and "Maximale sterkte per bron" in out


@pytest.mark.parametrize("klasse", [None, "zeer licht", "zeer zwaar"])
def test_untouched_answers_give_nothing_to_audit(klasse):
    data = answer_grid()[0]
    a = assess(data, taakzwaarte=Taakzwaarte("GM9999", "X", 1.0, klasse) if klasse else Taakzwaarte(None, None, None, None),
               ingevuld=False)
    assert a.bevindingen == [] and check_assessment(a, a.library) == []
