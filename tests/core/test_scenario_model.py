"""Closed-form tests of the scenario model: with uncertainty off the projection is hand arithmetic."""
from __future__ import annotations

import numpy as np
import pytest
from test_scenario_fixtures import PRODUCTEN, maak_tabellen, steady_clients

from wijkkompas.core.scenario import HefboomError, Hefbomen, bouw_historie, fit_basislijn, fit_model, simulate


@pytest.fixture(scope="module")
def base():
    return fit_basislijn(bouw_historie(maak_tabellen()))


def expected(base, lev=None, months=36):
    return simulate(base, lev, months, onzekerheid=False)


def test_fit_recovers_the_planted_parameters(base):
    for i, code in enumerate(base.producten):
        spec = PRODUCTEN[code]
        assert base.hazard[i] == pytest.approx(1 / spec["duur"])
        assert base.instroom_pad[i, :24] == pytest.approx(spec["instroom"], rel=1e-3)
        assert base.vpc[i] == pytest.approx(spec["volume"])
        assert base.prijs[i] == pytest.approx(spec["tarief"])
        assert base.clienten0[i] == steady_clients(code)


def test_steady_state_stays_steady(base):
    sim = expected(base)
    for i, code in enumerate(base.producten):
        assert sim.clienten[0, i] == pytest.approx(steady_clients(code), rel=1e-3)


def test_q_times_p_equals_the_hand_calculation(base):
    lev = Hefbomen(volume_per_client=0.10, tariefindexatie=0.0)
    sim = expected(base, lev, 12)
    for i, code in enumerate(base.producten):
        spec = PRODUCTEN[code]
        hand = steady_clients(code) * spec["volume"] * 1.10 * spec["tarief"]
        assert sim.kosten[0, i] == pytest.approx(hand, rel=1e-3)


def test_indexation_compounds_each_january(base):
    sim = expected(base, Hefbomen(tariefindexatie=0.03), 36)
    years = np.asarray(sim.maanden.year)
    cost = np.array([sim.kosten[0, 0, years == y].sum() for y in sorted(set(years))])
    assert cost[1] / cost[0] == pytest.approx(1.03, rel=1e-3)
    assert cost[2] / cost[0] == pytest.approx(1.03 ** 2, rel=1e-3)


def test_observed_indexation_is_the_default():
    base = fit_basislijn(bouw_historie(maak_tabellen(indexatie=0.04)))
    assert base.indexatie == pytest.approx(0.04, rel=1e-6)
    sim = simulate(base, None, 12, onzekerheid=False)
    assert sim.kosten[0, 0, 0] == pytest.approx(
        steady_clients("01") * PRODUCTEN["01"]["volume"] * PRODUCTEN["01"]["tarief"] * 1.04 ** 3, rel=1e-3)


def test_uitstroom_and_instroom_levers_follow_the_recursion(base):
    sim = expected(base, Hefbomen(instroom=-0.5, uitstroom=0.2), 24)
    h = 1.2 / PRODUCTEN["01"]["duur"]
    c = steady_clients("01")
    for t in range(24):
        c = c * (1 - h) + 0.5 * PRODUCTEN["01"]["instroom"]
        assert sim.clienten[0, 0, t] == pytest.approx(c, rel=1e-3)


def test_demographic_growth_acts_on_the_75plus_share(base):
    sim = expected(base, Hefbomen(groei_75plus=0.10), 12)
    # Half of the planted instroom is 75+; after 12 months that half has grown by 10%.
    assert sim.instroom[0, 0, 11] == pytest.approx(PRODUCTEN["01"]["instroom"] * (0.5 + 0.5 * 1.10), rel=1e-3)


def test_shift_to_algemene_voorziening_moves_new_clients_and_costs(base):
    sim = expected(base, Hefbomen(av_aandeel=0.25, av_kosten_per_client=40.0), 1)
    k, d = PRODUCTEN["01"]["instroom"], PRODUCTEN["01"]["duur"]
    assert sim.clienten[0, 0, 0] == pytest.approx(k * d * (1 - 1 / d) + 0.75 * k, rel=1e-3)
    assert sim.av_clienten[0, 0, 0] == pytest.approx(0.25 * k, rel=1e-3)
    assert sim.av_kosten[0, 0, 0] == pytest.approx(0.25 * k * 40.0, rel=1e-3)


def test_eigen_bijdrage_elasticity_defaults_to_no_effect(base):
    plain = expected(base, None, 12)
    raised = expected(base, Hefbomen(eigen_bijdrage_wijziging=1.0), 12)
    assert np.allclose(plain.kosten, raised.kosten)
    elastic = expected(base, Hefbomen(eigen_bijdrage_wijziging=1.0, eigen_bijdrage_elasticiteit=-0.1), 12)
    assert np.allclose(elastic.kosten, plain.kosten * 0.9)


@pytest.mark.parametrize("gevolg", ["wachtlijst", "andere_aanbieder"])
def test_plafond_never_lets_spending_exceed_it(base, gevolg):
    free = simulate(base, None, 24, 500, seed=3)
    labels, cost, _ = free.per_groep("aanbieder_code")
    a1_year = cost[:, labels.index("A1")]
    plafond = float(np.percentile(a1_year[:, 0], 50) * 0.8)
    sim = simulate(base, Hefbomen(budgetplafonds={"A1": plafond}, plafond_gevolg=gevolg), 24, 500, seed=3)
    labels, cost, _ = sim.per_groep("aanbieder_code")
    assert (cost[:, labels.index("A1")] <= plafond * (1 + 1e-9)).all()
    assert cost[:, labels.index("A1")].max() == pytest.approx(plafond)
    total_free = np.nansum(free.kosten, axis=(1, 2))
    total = np.nansum(sim.kosten, axis=(1, 2))
    if gevolg == "wachtlijst":
        assert (total < total_free).all() and sim.wachtlijst.max() > 0
    else:  # the other aanbieder takes the demand: the same spending, nobody waits
        assert total == pytest.approx(total_free)
        assert sim.wachtlijst.max() == 0


def per_paar(sim, per_jaar: bool = True) -> dict[tuple[str, str], np.ndarray]:
    """Yearly (or monthly) cost per (product, aanbieder): (draws, years), from the cell breakdown."""
    labels, cost, _ = sim.per_groep("cel", per_jaar=per_jaar, met_clienten=False)
    keys = [(label.split("|")[0], label.split("|")[2]) for label in labels]
    return {k: cost[:, [i for i, x in enumerate(keys) if x == k]].sum(axis=1) for k in set(keys)}


@pytest.mark.parametrize("gevolg", ["wachtlijst", "andere_aanbieder"])
def test_plafond_per_product_caps_only_that_product_of_a_multi_product_aanbieder(base, gevolg):
    # A1 delivers both planted products; its contract caps only product 02 (a perceel), as in the demo's
    # Stichting De Brug (plafond on dagbesteding, begeleiding open house).
    free = simulate(base, None, 24, 500, seed=3)
    plafond = float(np.percentile(per_paar(free)[("02", "A1")][:, 0], 50) * 0.8)
    sim = simulate(base, Hefbomen(budgetplafonds={"A1": {"02": plafond}}, plafond_gevolg=gevolg), 24, 500, seed=3)
    capped, open_ = per_paar(sim), per_paar(free)
    assert (capped[("02", "A1")] <= plafond * (1 + 1e-9)).all()
    assert capped[("02", "A1")].max() == pytest.approx(plafond)
    # The other product of the same aanbieder is untouched: the same spending, draw by draw, nobody waits.
    assert np.allclose(capped[("01", "A1")], open_[("01", "A1")], rtol=1e-12)
    i01, i02 = base.index("01"), base.index("02")
    assert np.allclose(sim.kosten[:, i01], free.kosten[:, i01], rtol=1e-12)
    assert sim.wachtlijst[:, i01].max() == 0
    if gevolg == "wachtlijst":
        assert (np.nansum(sim.kosten[:, i02], axis=1) < np.nansum(free.kosten[:, i02], axis=1)).all()
        assert sim.wachtlijst[:, i02].max() > 0
        assert np.allclose(capped[("02", "A2")], open_[("02", "A2")], rtol=1e-12)
    else:  # A2 takes the demand above A1's plafond on product 02: the same spending, nobody waits
        assert np.nansum(sim.kosten[:, i02], axis=1) == pytest.approx(np.nansum(free.kosten[:, i02], axis=1))
        assert (capped[("02", "A2")] > open_[("02", "A2")]).any()
        assert sim.wachtlijst.max() == 0


def test_plafond_per_product_counts_only_that_products_spending_this_year():
    # Data end in June: what A1 declared on 02 in January–June counts against its 02 plafond, not what it
    # declared on 01.
    base = fit_basislijn(bouw_historie(maak_tabellen(eind="2024-06")))
    spent = base.besteed_per_product["A1"]
    planted = PRODUCTEN["02"]["volume"] * PRODUCTEN["02"]["tarief"] * PRODUCTEN["02"]["instroom"] * PRODUCTEN["02"]["duur"]
    assert spent["02"] == pytest.approx(planted / 2 * 6)         # half the clients (A1), six months
    assert base.besteed_laatste_jaar["A1"] == pytest.approx(spent["01"] + spent["02"])
    plafond = spent["02"] * 1.5                                    # room for three of the six remaining months
    sim = simulate(base, Hefbomen(budgetplafonds={"A1": {"02": plafond}}), 6, 300, seed=5, onzekerheid=True)
    year = per_paar(sim)[("02", "A1")][:, 0]
    assert (spent["02"] + year <= plafond * (1 + 1e-9)).all()
    assert spent["02"] + year.max() == pytest.approx(plafond)


def test_plafond_for_the_aanbieder_as_a_whole_is_shared_in_proportion_to_demand(base):
    free = simulate(base, None, 12, 300, seed=4)
    open_ = per_paar(free)
    demand = open_[("01", "A1")][:, 0] + open_[("02", "A1")][:, 0]
    plafond = float(np.median(demand) * 0.7)
    sim = simulate(base, Hefbomen(budgetplafonds={"A1": plafond}), 12, 300, seed=4)
    capped = per_paar(sim)
    assert (capped[("01", "A1")][:, 0] + capped[("02", "A1")][:, 0] <= plafond * (1 + 1e-9)).all()
    # Every month both products keep the same share of their demand (what is left of the plafond is shared
    # in proportion to demand); in months where the plafond binds that share is below 1.
    monthly_free, monthly = per_paar(free, per_jaar=False), per_paar(sim, per_jaar=False)
    share_01 = monthly[("01", "A1")] / monthly_free[("01", "A1")]
    share_02 = monthly[("02", "A1")] / monthly_free[("02", "A1")]
    assert share_01 == pytest.approx(share_02, rel=1e-9)
    assert (share_01 < 1 - 1e-6).any() and (share_01 > 1 - 1e-9).any()


def test_plafond_levers_parse_per_product_and_name_what_is_wrong():
    lev = Hefbomen.from_json({"budgetplafonds": {"A1": {"2": 1000, "hbh": 500.0}, "A2": 700}},
                             producten=["01", "02"], aanbieders=["A1", "A2"], aanbod={"A1": ["01", "02"]})
    assert lev.budgetplafonds == {"A1": {"02": 1000.0, "01": 500.0}, "A2": 700.0}
    assert sorted(lev.plafond_regels(), key=str) == sorted(
        [("A1", "02", 1000.0), ("A1", "01", 500.0), ("A2", None, 700.0)], key=str)
    assert Hefbomen.from_json(lev.to_json()) == lev
    for data, fragment in [({"A1": {"99": 1}}, "'99'"), ({"A1": {"02": -1}}, "negatief"),
                           ({"A3": {"02": 1}}, "A3"), ({"A1": {"02": "veel"}}, "budgetplafonds.A1.02"),
                           ({"A2": {"02": 1}}, "levert product '02' niet")]:
        with pytest.raises(HefboomError, match=fragment):
            Hefbomen.from_json({"budgetplafonds": data}, producten=["01", "02"], aanbieders=["A1", "A2", "A4"],
                               aanbod={"A1": ["01", "02"], "A2": ["01"]}) if fragment != "A3" else \
                Hefbomen.from_json({"budgetplafonds": data}, producten=["01", "02"], aanbieders=["A1", "A2"])


def test_bekostiging_switch_makes_cost_the_contract_sum(base):
    sim = simulate(base, Hefbomen(bekostiging={"02": 120_000.0}), 24, 200, seed=1)
    years = np.asarray(sim.maanden.year)
    for y in set(years):
        assert sim.kosten[:, 1, years == y].sum(axis=1) == pytest.approx(120_000.0)
    labels, cost, _ = sim.per_groep("wijk_code")
    assert cost.sum(axis=1) == pytest.approx(np.nansum(sim.kosten, axis=1).reshape(200, -1, 12).sum(axis=2))


def test_same_seed_same_result_and_bands_widen(base):
    a = simulate(base, Hefbomen(instroom=0.1), 60, 300, seed=7)
    base._shock_cache.clear()
    b = simulate(base, Hefbomen(instroom=0.1), 60, 300, seed=7)
    c = simulate(base, Hefbomen(instroom=0.1), 60, 300, seed=8)
    assert np.array_equal(a.kosten, b.kosten)
    assert not np.array_equal(a.kosten, c.kosten)
    total = np.nansum(a.kosten, axis=1)
    width = np.percentile(total, 90, axis=0) - np.percentile(total, 10, axis=0)
    assert width[0] < width[11] < width[59]


def test_breakdown_sums_to_the_product_totals(base):
    sim = simulate(base, Hefbomen(instroom=0.2), 24, 100, seed=2)
    for kolom in ("wijk_code", "aanbieder_code", "toegang_team", "cel"):
        labels, cost, clients = sim.per_groep(kolom, per_jaar=False)
        assert cost.sum(axis=1) == pytest.approx(np.nansum(sim.kosten, axis=1))
        assert clients.sum(axis=1) == pytest.approx(sim.clienten.sum(axis=1))


def test_backtest_on_a_steady_history_has_no_error():
    model = fit_model(maak_tabellen())
    assert list(model.backtest["product"]) == ["01", "02"]
    assert (model.backtest["mape_clienten"] < 0.01).all()
    assert (model.backtest["mape_kosten"] < 0.01).all()


def test_volume_regime_per_team_scales_only_that_teams_cost(base):
    sim = expected(base, Hefbomen(volume_per_team={"Team W01": -0.20}, tariefindexatie=0.0), 12)
    spec = PRODUCTEN["01"]
    hand = steady_clients("01") * spec["volume"] * spec["tarief"]
    # Half of the planted clients live in W01 (team "Team W01"), all at the same cost per client.
    assert sim.kosten[0, 0] == pytest.approx(hand * (0.5 * 0.8 + 0.5), rel=1e-3)
    labels, cost, clients = sim.per_groep("toegang_team", per_jaar=False)
    assert cost[0, labels.index("Team W01")] == pytest.approx(
        0.5 * 0.8 * (hand + steady_clients("02") * PRODUCTEN["02"]["volume"] * PRODUCTEN["02"]["tarief"]), rel=1e-3)
    assert clients.sum(axis=1) == pytest.approx(sim.clienten.sum(axis=1))


def test_random_numbers_are_drawn_once_per_basislijn_and_reused_by_lever_changes(base, monkeypatch):
    drawn = []
    real = np.random.default_rng
    monkeypatch.setattr(np.random, "default_rng", lambda seed: drawn.append(seed) or real(seed))
    base._shock_cache.clear()
    a = simulate(base, Hefbomen(instroom=0.1), 24, 100, seed=12)
    b = simulate(base, Hefbomen(tariefindexatie=0.05, budgetplafonds={"A1": {"02": 1e4}}), 24, 100, seed=12)
    simulate(base, Hefbomen(uitstroom=0.2), 24, 100, seed=12)
    assert drawn == [12]
    # Common random numbers: a lever that does not touch the flows leaves the client paths draw for draw.
    assert np.array_equal(simulate(base, Hefbomen(instroom=0.1, tariefindexatie=0.05), 24, 100, seed=12).clienten,
                          a.clienten)
    assert b.kosten.shape == (100, 2, 24)


def test_quantiles_match_numpy_percentile_across_blocks_and_layouts():
    from wijkkompas.core.scenario.projectie import kwantielen

    values = np.random.default_rng(3).gamma(2.0, 1.0, (1000, 150, 3))       # 450 rows: several blocks
    for procenten in ((50,), (10, 50, 90)):
        expected = np.percentile(values, procenten, axis=0)
        assert np.array_equal(kwantielen(values, procenten), expected)
        assert np.array_equal(kwantielen(np.ascontiguousarray(values.transpose(1, 2, 0)).transpose(2, 0, 1),
                                         procenten), expected)
    with_nan = values.copy()
    with_nan[5, 7, 1] = np.nan
    assert np.array_equal(kwantielen(with_nan), np.percentile(with_nan, (10, 50, 90), axis=0), equal_nan=True)


@pytest.mark.parametrize("T, D, G", [(3, 4, 7), (6, 1000, 80)])   # all groups at once; a few groups per step
def test_breakdown_mix_equals_the_dense_weighted_sum(T, D, G):
    from wijkkompas.core.scenario.simulatie import _mix

    rng = np.random.default_rng(T * D)
    S, C = 5, 120
    stock, flow = rng.random((T, S, D)), rng.random((T, S, D))
    source, group = rng.integers(0, S, C), rng.integers(0, G, C)      # groups in no particular order
    w_stock, w_flow = rng.random(C) * (rng.random(C) > 0.3), rng.random(C) * (rng.random(C) > 0.3)
    dense = np.zeros((G, S))
    np.add.at(dense, (group, source), w_stock)
    expected = np.einsum("gs,tsd->gtd", dense, stock)
    dense[:] = 0
    np.add.at(dense, (group, source), w_flow)
    expected += np.einsum("gs,tsd->gtd", dense, flow)
    assert np.allclose(_mix(stock, flow, source, w_stock, w_flow, group, G), expected, rtol=1e-12)


@pytest.mark.parametrize("data, shown", [({"instroom": True}, "niet true"), ({"instroom": None}, "niet null"),
                                         ({"instroom": "veel"}, 'niet "veel"'),
                                         ({"plafond_gevolg": False}, "niet false")])
def test_a_rejected_lever_is_quoted_as_written_in_json(data, shown):
    with pytest.raises(HefboomError) as caught:
        Hefbomen.from_json(data, producten=["01", "02"])
    assert shown in caught.value.melding
    assert not any(word in caught.value.melding for word in ("True", "False", "None", "'veel'"))
