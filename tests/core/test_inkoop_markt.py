"""Market per perceel on a hand-checkable fixture, and the demo's dagbesteding amounts from its README."""
from __future__ import annotations

import pandas as pd
import pytest
from demo_support import DEMO_SECRET

from wijkkompas.core.inkoop.markt import hhi, markt, netto_regels, top3


def _regel(nr, client, pc, aanbieder, bedrag, volume, jaar=2024, eenheid="04", status="Goedgekeurd"):
    return {"declaratienummer": str(nr), "toewijzingnummer": "t", "client_id": client, "productcategorie": pc,
            "productcode": pc + "A01", "aanbieder_code": aanbieder, "periode_start": pd.Timestamp(f"{jaar}-03-01"),
            "periode_eind": pd.Timestamp(f"{jaar}-03-31"), "geleverd_volume": volume, "eenheid": eenheid,
            "producttarief": 1.0, "ingediend_bedrag": bedrag, "toegekend_bedrag": bedrag, "status": status}


@pytest.fixture(scope="module")
def demo_project():
    from wijkkompas.core.demo import build_demo_project

    return build_demo_project(secret=DEMO_SECRET)


@pytest.fixture
def declaraties() -> pd.DataFrame:
    rows = [
        # perceel 02 in 2024: A 600 (2 cliënten), B 300 (1 cliënt), C 100 (1 cliënt) -> shares 60/30/10
        _regel(1, "c1", "02", "A", 400, 8), _regel(2, "c2", "02", "A", 200, 4),
        _regel(3, "c3", "02", "B", 350, 7), _regel(4, "c3", "02", "B", -50, -1),   # credit line, netted
        _regel(5, "c4", "02", "C", 100, 2),
        _regel(6, "c5", "02", "C", 999, 20, status="Afgewezen"),                  # rejected: ignored
        _regel(7, "c6", "02", "D", 80, 1), _regel(8, "c6", "02", "D", -80, -1),    # fully credited: not active
        _regel(9, "c1", "02", "A", 50, 0, eenheid="83"),                            # euro product: no volume
        # 2023: A and E active -> in 2024 B, C new; E left
        _regel(10, "c1", "02", "A", 500, 10, jaar=2023), _regel(11, "c7", "02", "E", 500, 10, jaar=2023),
    ]
    return pd.DataFrame(rows)


def test_hhi_and_top3_by_hand():
    assert hhi([0.6, 0.3, 0.1]) == pytest.approx(3600 + 900 + 100)
    assert hhi([1.0]) == pytest.approx(10_000)
    assert hhi([0.1] * 10) == pytest.approx(1000)
    assert top3([0.4, 0.1, 0.2, 0.3]) == pytest.approx(0.9)


def test_netting_drops_rejected_and_nets_credits(declaraties):
    netto = netto_regels(declaraties)
    b = netto[(netto["aanbieder_code"] == "B") & (netto["jaar"] == 2024)]
    assert b["bedrag"].sum() == pytest.approx(300) and b["volume"].sum() == pytest.approx(6)
    assert netto[(netto["aanbieder_code"] == "C")]["bedrag"].sum() == pytest.approx(100)


def test_shares_hhi_cost_and_volume_per_client(declaraties):
    percelen, wissel, jaar = markt(declaraties, jaar=2024)
    (p,) = percelen
    a = p.aanbieders.set_index("aanbieder_code")
    assert list(a.index) == ["A", "B", "C"]              # D is fully credited, so not in the market
    # A: 400 + 200 + 50 (euro product) = 650; total 650 + 300 + 100 = 1050
    assert a.loc["A", "marktaandeel"] == pytest.approx(650 / 1050)
    assert a.loc["A", "clienten"] == 2 and a.loc["A", "kosten_per_client"] == pytest.approx(325)
    assert a.loc["A", "volume_per_client"] == pytest.approx(12 / 2)  # hours only, the euro line has no volume
    assert a.loc["B", "kosten_per_client"] == pytest.approx(300)
    shares = [650 / 1050, 300 / 1050, 100 / 1050]
    assert p.hhi == pytest.approx(sum((s * 100) ** 2 for s in shares))
    assert p.top3 == pytest.approx(1.0)
    assert p.eenheid == "04"
    w = wissel["02"].set_index("jaar")
    assert w.loc[2024, "nieuw"] == 2 and w.loc[2024, "vertrokken"] == 1
    assert w.loc[2024, "namen_vertrokken"] == "E"


def test_default_year_is_latest_full_year(declaraties):
    extra = pd.DataFrame([_regel(100 + m, "c1", "02", "A", 10, 1, jaar=2022) for m in range(1)])
    rows = []
    for m in range(1, 13):
        r = _regel(200 + m, "c1", "02", "A", 10, 1, jaar=2023)
        r["periode_start"] = pd.Timestamp(f"2023-{m:02d}-01")
        rows.append(r)
    d = pd.concat([declaraties, extra, pd.DataFrame(rows)], ignore_index=True)
    assert markt(d)[2] == 2023                            # 2024 holds only March


def test_empty_declaraties():
    assert markt(pd.DataFrame(columns=["periode_start", "productcategorie", "aanbieder_code", "client_id",
                                       "ingediend_bedrag", "eenheid"])) == ([], {}, None)


def test_demo_dagbesteding_2024_matches_readme(demo_project):
    # resources/demo/README.md, "Budgetplafonds dagbesteding": gedeclareerd 2024 per aanbieder
    readme = {"98011005": 687_133, "98011007": 823_273, "98011008": 329_180, "98011010": 512_393}
    t = demo_project.tables
    percelen, _, jaar = markt(t["declaraties"], t["toewijzingen"], t["tarieven"])
    assert jaar == 2024                                   # export stops 30-06-2025
    dag = next(p for p in percelen if p.productcategorie == "07").aanbieders.set_index("aanbieder_code")
    for code, bedrag in readme.items():
        assert dag.loc[code, "bedrag"] == pytest.approx(bedrag, abs=1)
    totaal = sum(readme.values())
    assert dag.loc["98011007", "marktaandeel"] == pytest.approx(823_273 / totaal, abs=1e-5)
    assert next(p for p in percelen if p.productcategorie == "07").hhi == pytest.approx(
        sum((v / totaal * 100) ** 2 for v in readme.values()), abs=1)
