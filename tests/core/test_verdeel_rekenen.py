"""Hand-computed verdeelmodel arithmetic: exact budgets, exact sums, the ingroeipad cap, scale invariance."""
from __future__ import annotations

import numpy as np
import pytest

from test_verdeel_fixtures import maak_project
from wijkkompas.core.verdeel import VerdeelInstellingen, VerdeelInvoerFout, bereken
from wijkkompas.core.verdeel.rekenen import afronden_exact, gevoeligheid, ingroeipad, jaren_tot_doel, verdeel


def test_three_wijken_per_inwoner_exact():
    u = bereken(maak_project(), VerdeelInstellingen(methode="inwoners", bedrag=600_000))
    assert u.wijken["budget"].tolist() == [100_000, 200_000, 300_000]
    assert u.bijdragen["inwoners"].tolist() == [100_000, 200_000, 300_000]


def test_three_wijken_known_weights_exact():
    # score A = 1000*1 + 100*10 = 2000, B = 2000 + 1000 = 3000, C = 3000 + 2000 = 5000; total 10.000.
    inst = VerdeelInstellingen(methode="eigen", bedrag=600_000, gewichten={"inwoners": 1, "inwoners_75plus": 10})
    u = bereken(maak_project(), inst)
    assert u.wijken["budget"].tolist() == [120_000, 180_000, 300_000]
    assert u.bijdragen.loc["A"].to_dict() == {"inwoners": 60_000, "inwoners_75plus": 60_000}
    assert u.bijdragen.loc["C"].to_dict() == {"inwoners": 180_000, "inwoners_75plus": 120_000}


def test_gemeentefonds_without_gemeente_uses_plain_counts():
    # No gemeente: no drempel. Weights € per unit × uitkeringsfactor 1,457 (meicirculaire 2024).
    u = bereken(maak_project(), VerdeelInstellingen(methode="gemeentefonds", bedrag=1_000_000))
    f = 1.457
    g = {"eenpersoonshuishoudens": 169.44 * f, "huishoudens_laag_inkomen": 533.97 * f, "inwoners_75plus": 1348.63 * f}
    x = {"A": (200, 50, 100), "B": (300, 100, 100), "C": (500, 50, 200)}
    score = {w: sum(gv * xv for gv, xv in zip(g.values(), xs)) for w, xs in x.items()}
    expected = {w: 1_000_000 * s / sum(score.values()) for w, s in score.items()}
    for w, value in expected.items():
        assert abs(u.wijken.loc[w, "budget"] - value) <= 1.0
    assert u.wijken["budget"].sum() == 1_000_000
    assert any("kernen" in t for t in u.waarschuwingen), "missing maatstaven must be named"


def test_scaling_weights_gives_the_same_distribution():
    base = {"inwoners": 1.5, "inwoners_75plus": 12.0, "eenpersoonshuishoudens": 3.0}
    a = bereken(maak_project(), VerdeelInstellingen(methode="eigen", bedrag=987_654, gewichten=base))
    b = bereken(maak_project(), VerdeelInstellingen(methode="eigen", bedrag=987_654,
                                                    gewichten={k: v * 37.25 for k, v in base.items()}))
    assert a.wijken["budget"].tolist() == b.wijken["budget"].tolist()


@pytest.mark.parametrize("methode", ["gemeentefonds", "inwoners", "75plus", "historisch", "mix", "gekalibreerd",
                                     "eigen", "bottomup"])
@pytest.mark.parametrize("bedrag,reserve", [(1_000_000.0, 0.0), (1_234_567.89, 7.5), (100.0, 0.0)])
def test_sum_exact_under_every_method(methode, bedrag, reserve):
    inst = VerdeelInstellingen(methode=methode, bedrag=bedrag, reserve_procent=reserve,
                               gewichten={"inwoners": 1.0} if methode == "eigen" else {})
    u = bereken(maak_project(), inst)
    expected = int(np.floor(bedrag * (1 - reserve / 100) + 1e-9))
    assert u.totaal == expected
    assert int(u.wijken["budget"].sum()) == expected
    assert (u.bijdragen.sum(axis=1) == u.wijken["budget"]).all()
    assert (u.wijken["huidig"].sum()) == expected


def test_distributable_total_arithmetic_from_budget_import():
    inst = VerdeelInstellingen(methode="inwoners", uitgesloten=["6.2 Wijkteams"], gemarkeerd=["6.71b Begeleiding"],
                               reserve_procent=10.0, reserve_bedrag=1_000.0)
    u = bereken(maak_project(), inst)
    # 1.000.000 − 100.000 central − 300.000 marked = 600.000; reserve 60.000 + 1.000.
    assert u.totaal == 539_000
    assert dict(u.te_verdelen.stappen)["Te verdelen over de wijken"] == 539_000


def test_rounding_largest_remainder():
    assert afronden_exact(np.array([100 / 3] * 3), 100).tolist() == [34, 33, 33]
    values = np.random.default_rng(1).uniform(0, 1e6, 50)
    values *= 12_345_678 / values.sum()
    out = afronden_exact(values, 12_345_678)
    assert out.sum() == 12_345_678 and np.all(np.abs(out - values) < 1)


def test_ingroeipad_never_exceeds_cap():
    rng = np.random.default_rng(3)
    for _ in range(50):
        n = int(rng.integers(3, 20))
        totaal = int(rng.integers(1e5, 1e8))
        huidig = afronden_exact(rng.uniform(0.2, 1, n) * totaal / n, totaal)
        huidig = afronden_exact(huidig * totaal / huidig.sum(), totaal)
        doel = afronden_exact(rng.uniform(0.05, 2, n), totaal)
        cap = float(rng.choice([1.0, 2.5, 5.0, 10.0]))
        pad = ingroeipad(huidig, doel, cap, 8)
        vorig = huidig
        for jaar in pad:
            assert jaar.sum() == totaal
            assert np.all(np.abs(jaar - vorig) <= vorig * cap / 100 + 1e-9)
            # every wijk moves towards its target, never past it
            assert np.all(np.abs(doel - jaar) <= np.abs(doel - vorig))
            vorig = jaar


def test_ingroeipad_reaches_target_and_counts_years():
    huidig = np.array([500, 500])
    doel = np.array([400, 600])
    pad = ingroeipad(huidig, doel, 10.0, 3)
    assert pad.tolist() == [[450, 550], [405, 595], [400, 600]]
    assert jaren_tot_doel(huidig, doel, 10.0) == 3


def test_sensitivity_contains_the_budget_and_vanishes_for_one_indicator():
    c = np.array([[1.0, 2.0], [3.0, 1.0], [2.0, 2.0]])
    budget, _ = verdeel(c, 1000)
    laag, hoog = gevoeligheid(c, 1000)
    assert np.all(laag <= budget + 1e-9) and np.all(hoog >= budget - 1e-9) and np.any(hoog > laag)
    laag1, hoog1 = gevoeligheid(c[:, :1], 1000)
    assert np.allclose(laag1, hoog1)


def test_bad_input_has_dutch_messages():
    with pytest.raises(VerdeelInvoerFout, match="negatief"):
        VerdeelInstellingen(methode="eigen", gewichten={"inwoners": -1}).gecontroleerd()
    with pytest.raises(VerdeelInvoerFout, match="Onbekende indicator"):
        bereken(maak_project(), VerdeelInstellingen(methode="eigen", gewichten={"honden": 1}))
    with pytest.raises(VerdeelInvoerFout, match="Onbekende wijk"):
        bereken(maak_project(), VerdeelInstellingen(methode="inwoners", huidige_verdeling={"Z": 10}))
    with pytest.raises(VerdeelInvoerFout, match="Onbekende verdeelmethode"):
        VerdeelInstellingen.from_json({"methode": "dobbelsteen"})


def test_settings_round_trip_and_tolerate_unknown_keys():
    inst = VerdeelInstellingen(methode="mix", mix_objectief=0.6, ingroei_procent=5, ingroei_jaren=4,
                               gewichten={"inwoners": 2})
    data = inst.to_json()
    assert data["versie"] == 1
    assert VerdeelInstellingen.from_json({**data, "later_veld": 1}) == inst
    assert VerdeelInstellingen.from_json(None) == VerdeelInstellingen()
