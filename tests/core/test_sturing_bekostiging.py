"""Bijlage III evidence cards follow the current profile; report producers use the stored settings."""
from __future__ import annotations

import sys
from pathlib import Path

from wijkkompas.core.project import Project
from wijkkompas.core.sturing.bekostiging import bekostiging_bevindingen, regime_bevindingen
from wijkkompas.core.sturing.resultaat import produceer, produceer_regime

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sturing_fixtures import lijn_tabellen


def _tables():
    tables = lijn_tabellen()
    tables["tarieven"]["bekostigingsvorm"] = "inspanningsgericht"
    return tables


def test_cards_follow_the_tarieven_profile_and_are_never_stronger_than_qualitative():
    cards = bekostiging_bevindingen(_tables())
    assert cards[0].titel.startswith("Dagbesteding: inspanningsgericht → productiebekostiging")
    assert "de ingelezen tarieven" in cards[0].tekst and "oplopende volumes" in cards[0].tekst
    assert {c.sterkte for c in cards} <= {"kwalitatief", "beschrijvend"}
    assert all(c.bron for c in cards)
    plafond = [c for c in cards if "budgetplafond" in c.titel]
    assert plafond and plafond[0].sterkte == "beschrijvend" and "2 aanbieder" in plafond[0].tekst
    # The other basisvormen are still shown, for comparison.
    assert any(c.titel.startswith("Resultaat voor de populatie") for c in cards)


def test_positie_answers_override_the_tarieven():
    positie = {"inkoop": {"dagbesteding": {"bekostigingsvorm": "taakgericht"}}}
    cards = bekostiging_bevindingen(_tables(), positie)
    own = [c for c in cards if c.titel.startswith("Dagbesteding: taakgericht")]
    assert len(own) == 2 and all("uw antwoorden bij Positie" in c.tekst for c in own)
    assert not any(c.titel.startswith("Dagbesteding: inspanningsgericht") for c in cards)


def test_regime_reasoning_names_who_carries_the_risk():
    assert "directe controle op het volumerisico" in regime_bevindingen("B")[0].tekst
    assert "lopen het directe risico" in regime_bevindingen("E")[0].tekst
    assert "rigide" in regime_bevindingen("A")[0].tekst
    assert all(b.sterkte == "kwalitatief" for b in regime_bevindingen("C"))


def test_report_producers_use_the_stored_settings():
    p = Project(naam="Fixture", tables=_tables())
    p.set_choice("sturing", {"jaar": 2024, "peildatum": "31-12-2024", "regime": "D", "trekkingen": 100, "versie": 1})
    uit = produceer(p)
    assert uit.onderdeel == "sturing" and uit.gegevens["jaar"] == 2024 and uit.gegevens["vertraging_maanden"] == 2
    assert {line["aanbieder"] for line in uit.gegevens["lijnen"]} == {"A1", "A2"}
    regime = produceer_regime(p)
    assert regime.gegevens["regime"] == "D" and regime.gegevens["wachtlijst_p50"] == 0.0
    assert produceer(Project(naam="Leeg")) is None
