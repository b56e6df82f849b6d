"""Known truth on the demo: the projection for 2025 H2 lies close to what the demo's simulation declared.

The truths are those ``resources/demo/README.md`` states (table "Gedeclareerd (toegekend, netto na
creditregels) per jaar", column "2025 (hele jaar, simulatie)", and "Budgetplafonds dagbesteding"), read from
its machine-readable twin ``waarheden.json`` (keys ``uitgaven_zin`` and ``plafonds``) so the test follows a
regenerated demo. The demo simulates all of 2025 but exports only up to 30-06-2025: 2025 H2 is out of sample.
"""
from __future__ import annotations

import json

import numpy as np
import pytest
from demo_support import DEMO_SECRET

from wijkkompas import resources
from wijkkompas.core.demo import build_demo_project
from wijkkompas.core.scenario import Hefbomen, Scenario, fit_model
from wijkkompas.core.scenario.projectie import bereken, kwantielen

# README: the export stops on 30-06-2025 and toewijzingen run from 01-01-2021.
DEMO_EERSTE_MAAND, DEMO_LAATSTE_MAAND = "2021-01", "2025-06"


def _demo_has_the_2021_2025_history() -> bool:
    return "2021–2025" in resources.path("demo", "README.md").read_text(encoding="utf-8")


pytestmark = pytest.mark.skipif(not _demo_has_the_2021_2025_history(),
                                reason="de demo met historie 2021–2025 is er nog niet")


@pytest.fixture(scope="module")
def waarheden() -> dict:
    return json.loads(resources.path("demo", "waarheden.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def model():
    project = build_demo_project(secret=DEMO_SECRET)
    fitted = fit_model(project)
    fitted.project_tables = project.tables
    return fitted


def test_demo_history_window_and_backtest_per_product(model):
    hist = model.historie
    assert str(hist.maanden[0]) == DEMO_EERSTE_MAAND and str(hist.laatste_maand) == DEMO_LAATSTE_MAAND
    assert list(model.backtest["product"]) == ["01", "02", "07"]
    # Both errors are measured on the demo (declaraties span the whole history) and stay small.
    assert model.backtest["mape_clienten"].between(0, 0.10).all()
    assert model.backtest["mape_kosten"].between(0, 0.15).all()


def test_2025_second_half_is_close_to_the_documented_trend(model, waarheden):
    whole_year = {p: waarheden["uitgaven_zin"][f"2025-{p}"] for p in ("01", "02", "07")}
    cijfers = bereken(model, Scenario("Basis", Hefbomen()), [2025], 1000, 20250101)
    p50 = kwantielen(cijfers.kosten)[1, :, 0]
    for i, product in enumerate(model.basislijn.producten):
        first_half = np.nansum(model.historie.per_product[product]["bedrag"].loc["2025-01":"2025-06"])
        truth_h2 = whole_year[product] - first_half
        assert abs((p50[i] - first_half) / truth_h2 - 1) < 0.05, product
    total = kwantielen(cijfers.totaal)[:, 0]
    assert abs(total[1] / sum(whole_year.values()) - 1) < 0.02
    assert total[0] < total[1] < total[2]


def test_observed_indexation_matches_the_planted_january_steps(model):
    # README: tariff indexation on 1 January 2022 +3,2%, 2023 +6,8%, 2024 +5,9%, 2025 +4,1%.
    planted = (1.032 * 1.068 * 1.059 * 1.041) ** 0.25 - 1
    assert model.basislijn.indexatie == pytest.approx(planted, abs=0.015)


def test_contract_plafonds_bind_for_the_aanbieder_on_course_to_exceed(model, waarheden):
    # README "Budgetplafonds dagbesteding": in 2025 't Hofje (the "overschrijder") is on course to exceed its
    # plafond by about 10%, De Eshof (the "onderbenutter") stays clearly under it. The plafond is per
    # aanbieder for its dagbesteding products (perceel 07).
    truth = waarheden["plafonds"]["2025"]
    over, under = waarheden["plafonds"]["overschrijder"], waarheden["plafonds"]["onderbenutter"]
    from wijkkompas.core.scenario import simulate
    from wijkkompas.core.scenario.historie import contract_plafonds

    plafonds = contract_plafonds(model.project_tables)
    assert plafonds == {code: {"07": float(item["plafond"])} for code, item in truth.items()}
    base = model.basislijn
    free = simulate(base, Hefbomen(), 6, 500, seed=3)
    capped = simulate(base, Hefbomen(budgetplafonds=plafonds), 6, 500, seed=3)
    labels, cost_free, _ = free.per_groep("aanbieder_code", met_clienten=False)
    _, cost_capped, _ = capped.per_groep("aanbieder_code", met_clienten=False)
    hofje, eshof = labels.index(over), labels.index(under)
    spent = {code: base.besteed_per_product[code]["07"] for code in truth}
    for code, item in truth.items():
        assert spent[code] == pytest.approx(item["besteed_tot_export"], rel=1e-6)
    year_free = np.median(cost_free[:, hofje, 0]) + spent[over]
    assert year_free == pytest.approx(truth[over]["besteed_jaar"], rel=0.05)
    assert cost_capped[:, hofje, 0].max() + spent[over] == pytest.approx(truth[over]["plafond"])
    assert np.median(cost_capped[:, eshof, 0]) == pytest.approx(np.median(cost_free[:, eshof, 0]))
    assert np.median(capped.wachtlijst[:, base.index("07")].sum(axis=1)) > 0


def test_a_dagbesteding_plafond_leaves_the_aanbieders_begeleiding_alone(model, waarheden):
    # Stichting De Brug holds a dagbesteding plafond and delivers begeleiding open house: its begeleiding
    # declared this year does not use up the dagbesteding plafond, and its begeleiding is never capped.
    from wijkkompas.core.scenario import simulate
    from wijkkompas.core.scenario.historie import contract_plafonds

    brug = next(code for code, item in waarheden["plafonds"]["2025"].items() if item["aanbieder"] == "Stichting De Brug")
    base = model.basislijn
    assert base.aanbod[brug] == ["02", "07"]
    plafonds = contract_plafonds(model.project_tables)
    free = simulate(base, Hefbomen(), 6, 300, seed=3)
    capped = simulate(base, Hefbomen(budgetplafonds=plafonds), 6, 300, seed=3)
    i02 = base.index("02")
    assert np.allclose(capped.kosten[:, i02], free.kosten[:, i02], rtol=1e-12)
    assert capped.wachtlijst[:, i02].max() == 0
    labels, cost, _ = capped.per_groep("cel", met_clienten=False)
    dag = [i for i, label in enumerate(labels) if label.startswith("07|") and label.split("|")[2] == brug]
    assert cost[:, dag, 0].sum(axis=1).max() + base.besteed_per_product[brug]["07"] <= plafonds[brug]["07"] * (1 + 1e-9)
