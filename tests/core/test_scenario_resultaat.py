"""The Scenario's Resultaat and stored settings: what the report section produces from a project."""
from __future__ import annotations

import json

import pytest
from test_scenario_fixtures import maak_tabellen

from wijkkompas.core import onderdelen
from wijkkompas.core.project import Project
from wijkkompas.core.resultaat import Resultaat
from wijkkompas.core.scenario import Hefbomen, Scenario, ScenarioInstellingen
from wijkkompas.core.scenario.hefbomen import HefboomError
from wijkkompas.core.scenario.resultaat import produceer


@pytest.fixture(scope="module")
def project():
    p = Project(naam="Fixture", tables=maak_tabellen(30))
    p.choices["scenarios"] = ScenarioInstellingen(
        (Scenario("Basis"), Scenario("Duurder", Hefbomen(tariefindexatie=0.05))), actief=1, jaren=3,
        trekkingen=200, seed=3).to_json()
    return p


def test_report_section_uses_the_stored_scenarios(project):
    assert "scenarios" in onderdelen.slugs()
    result = onderdelen.produceer(project, "scenarios")
    assert result.onderdeel == "scenarios" and result.gegevens["scenario"] == "Duurder"
    assert result.gegevens["jaren"] == [2025, 2026, 2027] and result.gegevens["trekkingen"] == 200
    names = {t.naam for t in result.tabellen}
    assert {"meerjarenraming", "clienten", "backtest", "parameters", "vergelijking", "per_wijk", "per_team",
            "per_aanbieder"} <= names
    fan = result.grafiek("waaier_totaal")
    assert fan.soort == "waaier" and fan.markeringen[0][0] == "2025-01"
    assert [r.naam for r in fan.reeksen] == ["realisatie", "prognose"]
    assert fan.reeksen[1].laag is not None and fan.reeksen[1].hoog is not None
    assert all(b.sterkte in ("beschrijvend", "kwalitatief") for b in result.bevindingen)
    assert any("eigen bijdrage" in a for a in result.aannames)
    # The begroting from the budget import stands next to the projection.
    raming = result.tabel("meerjarenraming").data.set_index("regel")
    assert raming.loc["Totaal · begroting", "j2025"] == 2_000_000.0


def test_resultaat_survives_json(project):
    result = produceer(project)
    text = json.dumps(result.to_json())
    again = Resultaat.from_json(json.loads(text))
    assert again.gegevens["totaal"] == json.loads(text)["totaal"]
    assert again.tabel("meerjarenraming").kolommen[1].label == "2025"


def test_without_toewijzingen_there_is_no_section():
    assert produceer(Project()) is None
    assert onderdelen.onderdeel("scenarios").ontbreekt(Project()) == ["toewijzingen"]


def test_settings_round_trip_and_damaged_values_fall_back():
    settings = ScenarioInstellingen((Scenario("Basis"), Scenario("B", Hefbomen(instroom=-0.1,
                                                                                budgetplafonds={"A1": 5.0}))),
                                    actief=1, jaren=2, trekkingen=500, seed=9)
    assert ScenarioInstellingen.from_json(json.loads(json.dumps(settings.to_json()))) == settings
    assert ScenarioInstellingen.from_json({"scenarios": [{"naam": "X", "hefbomen": {"instroom": 99}}]}) == \
        ScenarioInstellingen()
    assert ScenarioInstellingen.from_json("kapot") == ScenarioInstellingen()
    with pytest.raises(HefboomError, match="hooguit|1 tot 4"):
        ScenarioInstellingen(tuple(Scenario(str(k)) for k in range(5)))
