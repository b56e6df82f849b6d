"""Volume regimes A–E: each rule holds on the simulated team demand and on hand-made arrays."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from wijkkompas.core.sturing import SturingInstellingen
from wijkkompas.core.sturing.regimes import (
    bereken_regime, doorbelasting_e, regel_b, regel_c, samenvatting, team_vraag,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_scenario_fixtures import maak_tabellen

INST = SturingInstellingen(trekkingen=300, seed=3)


@pytest.fixture(scope="module")
def vraag():
    return team_vraag(maak_tabellen(36), INST)


def test_team_demand_is_a_full_year_per_team(vraag):
    teams, months, demand, clients = vraag
    assert len(teams) == 2 and len(months) == 12 and months[0].month == 1
    assert demand.shape == (300, 2, 12) and (demand > 0).all()


def test_a_never_exceeds_its_maximum_and_waits_the_rest(vraag):
    u = bereken_regime({}, INST, "A", vraag=vraag)
    yearly = u.bediend.sum(axis=2)
    assert (yearly <= u.budget[None, :] + 1e-6).all()
    assert (u.bediend <= u.vraag + 1e-9).all()
    # Wherever demand stayed under the maximum, everything was served.
    under = u.vraag.sum(axis=2) <= u.budget[None, :]
    assert np.allclose(yearly[under], u.vraag.sum(axis=2)[under])
    assert samenvatting(u)["wachtlijst_p50"] > 0     # budget = median demand: about half of the draws wait


def test_b_splits_60_40_and_the_pool_is_shared_on_demand(vraag):
    u = bereken_regime({}, INST, "B", vraag=vraag)
    yearly = u.bediend.sum(axis=2)
    from_pool = np.maximum(yearly - 0.6 * u.budget[None, :], 0.0).sum(axis=1)
    assert (from_pool <= 0.4 * u.budget.sum() + 1e-6).all()
    assert (yearly.sum(axis=1) <= u.budget.sum() + 1e-6).all()
    # Hand case: own 60 each, pool 80; team 1 asks 150 in January, team 2 nothing → 60 + 80 = 140.
    demand = np.zeros((1, 2, 2))
    demand[0, 0, 0] = 150.0
    served = regel_b(demand, np.array([100.0, 100.0]), 0.6)
    assert served[0, 0, 0] == pytest.approx(140.0)
    assert served[0, 1].sum() == 0.0


def test_c_intervenes_at_the_threshold_and_caps_after(vraag):
    inst = INST.met(c_drempel=0.95)
    u = bereken_regime({}, inst, "C", vraag=vraag)
    total_budget = u.budget.sum()
    cum = np.cumsum(u.vraag.sum(axis=1), axis=1)
    path = 0.95 * total_budget * np.arange(1, 13) / 12
    hit = np.flatnonzero(u.ingreep_maand >= 0)
    assert len(hit) > 0
    for d in hit:
        t = u.ingreep_maand[d]
        assert cum[d, t] > path[t] and (cum[d, :t] <= path[:t]).all()
        assert np.allclose(u.bediend[d, :, : t + 1], u.vraag[d, :, : t + 1])     # free until the intervention
        assert u.bediend[d].sum() <= max(total_budget, cum[d, t]) + 1e-6
    for d in np.flatnonzero(u.ingreep_maand < 0):
        assert np.allclose(u.bediend[d], u.vraag[d])
    # Hand case: budget 120/year over 2 months, threshold 1.0: month 1 spends 80 > 60 → caps of 40 in total.
    served, first = regel_c(np.array([[[60.0, 60.0], [20.0, 20.0]]]), np.array([60.0, 60.0]), 1.0)
    assert first[0] == 0 and served[0, :, 1].sum() == pytest.approx(40.0)
    assert served[0, 0, 1] == pytest.approx(30.0)   # redistributed 3:1 like the demand so far


def test_d_serves_all_and_charges_the_team(vraag):
    u = bereken_regime({}, INST, "D", vraag=vraag)
    assert np.allclose(u.bediend, u.vraag)
    assert np.allclose(u.doorbelast, u.vraag.sum(axis=2))
    s = samenvatting(u)
    assert s["wachtlijst_p50"] == 0.0 and 0.3 < s["teams"][0]["kans_tekort_team"] < 0.7
    assert s["volumerisico"].startswith("team")


def test_e_price_rises_progressively_above_the_threshold(vraag):
    budget = np.array([1000.0])
    q = np.linspace(0, 1500, 1501)
    charge = doorbelasting_e(q[:, None], budget, 0.9, 0.25)[:, 0]
    marginal = np.diff(charge)
    assert np.allclose(marginal[:899], 1.0)                         # P below 90% of the budget
    mid = q[:-1] + 0.5
    expected = 1 + 0.25 * np.maximum(mid - 900, 0) / 100
    assert np.allclose(marginal, expected)
    assert (np.diff(marginal[900:]) > 0).all()                      # ever faster
    u = bereken_regime({}, INST, "E", vraag=vraag)
    d = bereken_regime({}, INST, "D", vraag=vraag)
    assert (u.doorbelast >= d.doorbelast - 1e-9).all() and (u.doorbelast > d.doorbelast).any()
