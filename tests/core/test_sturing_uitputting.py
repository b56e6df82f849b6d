"""Budgetuitputting: hand-checkable realised + onderweg, the lag estimate on a planted lag, settings, projection."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from wijkkompas.core.sturing import SturingError, SturingInstellingen, bereken_monitor
from wijkkompas.core.sturing.resultaat import lijnen_json, uitputting_resultaat
from wijkkompas.core.sturing.uitputting import _actief, declaraties_netto, schat_vertraging

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sturing_fixtures import lijn_tabellen

KEYS = {"aanbieder", "product", "plafond", "gerealiseerd", "onderweg", "prognose_p50", "prognose_p10",
        "prognose_p90", "kans_overschrijding", "datum_plafond_bereikt"}


def test_realised_and_onderweg_by_hand():
    # A1: 5 toewijzingen × € 100 per month; Nov and Dec 2024 only 3 of 5 declared (lag 2); one credit of € −50.
    m = bereken_monitor(lijn_tabellen(), SturingInstellingen(peildatum="31-12-2024", jaar=2024))
    assert m.vertraging.maanden == 2 and m.vertraging.gesettelde_dekking == pytest.approx(1.0)
    a1 = m.lijnen.set_index("aanbieder_code").loc["A1"]
    assert a1["gerealiseerd"] == pytest.approx(10 * 5 * 100 + 2 * 3 * 100 - 50)          # 5.550
    # € per declared toewijzing-month over the 17 settled months in the window: (17 × 500 − 50) / 85.
    per_month = (17 * 500 - 50) / 85
    assert a1["onderweg"] == pytest.approx(2 * 2 * per_month)
    # The year is over: no projection, so every quantile is realised + onderweg.
    assert a1["prognose_p50"] == pytest.approx(5550 + 4 * per_month)
    assert a1["prognose_p10"] == a1["prognose_p90"] == a1["prognose_p50"]
    assert a1["kans_overschrijding"] == 0.0 and a1["stoplicht"] == "groen" and a1["plafond"] == 6000.0
    a2 = m.lijnen.set_index("aanbieder_code").loc["A2"]
    assert a2["gerealiseerd"] == pytest.approx(12 * 1000 - 2 * 400) and a2["onderweg"] == pytest.approx(800.0)
    taak = m.taakvelden.iloc[0]
    assert taak["begroting"] == 20000.0 and taak["gerealiseerd"] == pytest.approx(5550 + 11200)


def test_plafond_exceeded_in_the_past_gives_the_date_and_policy_costs():
    tables = lijn_tabellen(lag_dekking=())
    tables["tarieven"].loc[tables["tarieven"]["aanbieder_code"] == "A1", "budgetplafond"] = 3000.0
    inst = SturingInstellingen(peildatum="31-12-2024", jaar=2024)
    m = bereken_monitor(tables, inst)
    a1 = m.lijnen.set_index("aanbieder_code").loc["A1"]
    # € 500 a month (March € 450): € 2.950 after June, the last € 50 is 10% of July → 04-07-2024.
    assert np.cumsum([500, 500, 450, 500, 500, 500])[-1] == 2950
    assert str(a1["datum_plafond_bereikt"]) == "2024-07-04" and a1["stoplicht"] == "rood"
    excess = 5950 - 3000
    assert a1["verwacht_boven_plafond"] == pytest.approx(excess)
    assert a1["extra_kosten"] == 0.0 and a1["wachtlijst_zorgmaanden"] == pytest.approx(excess / a1["euro_per_maand"])
    over = bereken_monitor(tables, inst.met(beleid_na_plafond="overschrijding")).lijnen.set_index("aanbieder_code")
    assert over.loc["A1", "extra_kosten"] == pytest.approx(excess)
    moved = bereken_monitor(tables, inst.met(beleid_na_plafond="andere_aanbieder")).lijnen.set_index("aanbieder_code")
    # A2 has € 8.000 room under its plafond and the same € 100 per month: all of it moves, at the same price.
    assert moved.loc["A1", "extra_kosten"] == pytest.approx(excess, rel=0.01)
    assert moved.loc["A1", "wachtlijst_zorgmaanden"] == pytest.approx(0.0)


def test_lag_estimate_finds_a_planted_three_month_lag():
    tables = lijn_tabellen(lag_dekking=(0.45, 0.7, 0.8), settled=0.9, per_aanbieder={"A1": 150, "A2": 150}, seed=5)
    decl = declaraties_netto(tables)
    last = pd.Period("2024-12", freq="M")
    lag = schat_vertraging(_actief(tables, last - 18, last), decl, last)
    assert lag.maanden == 3
    assert lag.gesettelde_dekking == pytest.approx(0.9, abs=0.03)
    assert "3 maand" in lag.uitleg()
    none = lijn_tabellen(lag_dekking=(), settled=0.9, per_aanbieder={"A1": 150, "A2": 150}, seed=5)
    lag0 = schat_vertraging(_actief(none, last - 18, last), declaraties_netto(none), last)
    assert lag0.maanden == 0 and "Geen declaratieachterstand" in lag0.uitleg()


def test_projection_mid_year_gives_ordered_quantiles_and_the_cli_keys():
    inst = SturingInstellingen(peildatum="30-06-2024", trekkingen=200)
    m = bereken_monitor(lijn_tabellen(lag_dekking=()), inst)
    assert m.jaar == 2024 and str(m.laatste_maand) == "2024-06"
    for row in m.lijnen.itertuples():
        assert row.prognose_p10 <= row.prognose_p50 <= row.prognose_p90
        assert row.prognose_p50 > row.gerealiseerd          # six months are still to come
    a1 = m.lijnen.set_index("aanbieder_code").loc["A1"]
    # Flat care of € 500 a month (credit € −50 in March): about € 5.950 for the year against € 6.000.
    assert a1["prognose_p50"] == pytest.approx(5950, rel=0.08)
    lines = lijnen_json(m)
    assert KEYS <= set(lines[0])
    resultaat = uitputting_resultaat(m, {})
    assert resultaat.to_json()["lijnen"] == lines


def test_same_seed_same_numbers():
    inst = SturingInstellingen(peildatum="30-06-2024", trekkingen=100, seed=7)
    a = bereken_monitor(lijn_tabellen(lag_dekking=()), inst).lijnen
    b = bereken_monitor(lijn_tabellen(lag_dekking=()), inst).lijnen
    pd.testing.assert_frame_equal(a, b)


@pytest.mark.parametrize("changes, word", [
    ({"peildatum": "2025-06-30"}, "dd-mm-jjjj"), ({"beleid_na_plafond": "niets"}, "beleid"),
    ({"regime": "F"}, "volumeregime"), ({"b_vooraf": 1.5}, "deel vooraf"), ({"trekkingen": 3}, "trekkingen"),
    ({"oranje_vanaf": 0.8, "rood_vanaf": 0.5}, "oranje"),
])
def test_bad_settings_are_rejected_in_dutch(changes, word):
    with pytest.raises(SturingError) as info:
        SturingInstellingen(**changes)
    assert word in info.value.melding


def test_settings_round_trip_and_versions():
    inst = SturingInstellingen(jaar=2025, peildatum="30-06-2025", beleid_na_plafond="overschrijding", regime="E")
    assert SturingInstellingen.from_json(inst.to_json()) == inst
    assert SturingInstellingen.from_json({"regime": "C", "onbekend": 1}).regime == "C"
    with pytest.raises(SturingError, match="versie"):
        SturingInstellingen.from_json({"versie": 99})


def test_peildatum_outside_the_data_is_rejected():
    with pytest.raises(SturingError, match="na de laatste gedeclareerde maand"):
        bereken_monitor(lijn_tabellen(), SturingInstellingen(peildatum="31-03-2026"))
    with pytest.raises(SturingError, match="declaraties"):
        bereken_monitor({"toewijzingen": lijn_tabellen()["toewijzingen"]}, SturingInstellingen())
