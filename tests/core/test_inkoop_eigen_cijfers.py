"""Own figures per product and year on a hand fixture, and in the Gemeente Resultaat of the demo."""
from __future__ import annotations

import pandas as pd
import pytest

from wijkkompas.core.inkoop.eigen_cijfers import (CbsHbh, eigen_cijfers, eigen_tabellen, hbh_vergelijking,
                                                  kerncijfers, realisatie_per_product)


def _d(client, pc, bedrag, volume, maand=1, eenheid="04"):
    return {"client_id": client, "productcategorie": pc, "aanbieder_code": "A",
            "periode_start": pd.Timestamp(f"2024-{maand:02d}-01"), "geleverd_volume": volume, "eenheid": eenheid,
            "ingediend_bedrag": bedrag, "toegekend_bedrag": bedrag, "status": "Goedgekeurd"}


def test_per_1000_cost_and_volume_by_hand():
    d = pd.DataFrame([_d("a", "02", 600, 10), _d("b", "02", 400, 6, maand=2), _d("b", "02", -100, -1, maand=2),
                      _d("c", "02", 50, 0, eenheid="83")])
    wijken = pd.DataFrame({"wijk_code": ["W1", "W2", "W1"], "inwoners": [3000, 2000, 1], "jaar": [2024, 2024, 2020]})
    t, u = eigen_tabellen(d, wijken, volwassenen=4000)
    row = t.data.iloc[0]
    assert row["jaar"] == "2024" and row["maanden"] == 2 and row["clienten"] == 3
    assert row["per_1000"] == pytest.approx(3 / 5000 * 1000)
    assert row["bedrag"] == pytest.approx(950) and row["kosten_per_client"] == pytest.approx(950 / 3)
    assert row["volume_per_client"] == pytest.approx(15 / 2)   # only cliënten with hours
    assert u.data.iloc[0]["per_volwassene"] == pytest.approx(950 / 4000)
    assert [k.naam for k in u.kolommen] == ["product", "jaar", "maanden", "bedrag", "per_volwassene"]
    assert "pgb" in t.toelichting and "CBS" not in t.toelichting   # no CBS figure given: not mentioned
    assert "pgb" in u.toelichting and "budgetbestand" in u.toelichting  # says what to import for the realisatie


def test_without_budget_or_cbs_no_extra_columns():
    d = pd.DataFrame([_d("a", "02", 600, 10)])
    t, u = eigen_tabellen(d, pd.DataFrame({"wijk_code": ["W1"], "inwoners": [1000]}), volwassenen=800)
    namen = [k.naam for k in t.kolommen + u.kolommen]
    assert "realisatie" not in namen and "cbs_per_1000" not in namen
    assert u.titel == "Eigen uitgaven per volwassene: gedeclareerd"


def _budget():
    return pd.DataFrame({
        "jaar": [2024, 2024, 2024, 2025, 2023, 2024],
        "taakveld": ["6.71b Begeleiding", "6.71b Begeleiding", "6.71a HbH", "6.712 Begeleiding", "6.71b", "6.81a BW"],
        "productcategorie": ["02", "2", None, "02", "02", None],
        "bedrag": [1000.0, 200.0, 5000.0, 9999.0, 700.0, 123.0],
        "soort": ["Realisatie", "realisatie", "realisatie", "begroting", "realisatie", "realisatie"],
    })


def test_realisatie_by_product_and_year_by_hand():
    real = realisatie_per_product(_budget())
    # '2' is zero-padded; the HbH row without productcategorie is placed by its taakveld; begroting never counts
    assert real == {("02", 2024): 1200.0, ("01", 2024): 5000.0, ("02", 2023): 700.0}
    assert realisatie_per_product(_budget().drop(columns=["soort"])) == {}
    assert realisatie_per_product(None) == {}


def test_realisatie_beside_declared_per_volwassene():
    d = pd.DataFrame([_d("a", "02", 600, 10), _d("b", "02", 400, 6, maand=2)])
    wijken = pd.DataFrame({"wijk_code": ["W1"], "inwoners": [5000], "jaar": [2024]})
    c, t = eigen_tabellen(d, wijken, volwassenen=4000, budget=_budget())
    rows = t.data.set_index("jaar")
    assert rows.loc["2024", "bedrag"] == pytest.approx(1000) and rows.loc["2024", "realisatie"] == pytest.approx(1200)
    assert rows.loc["2024", "per_volwassene"] == pytest.approx(1000 / 4000)
    assert rows.loc["2024", "realisatie_per_volwassene"] == pytest.approx(1200 / 4000)
    # 2023 has a realisatie but no declaraties: its own row, declared cells empty
    assert rows.loc["2023", "realisatie"] == pytest.approx(700) and pd.isna(rows.loc["2023", "clienten"])
    assert list(t.data["jaar"]) == ["2023", "2024"]   # sorted per product and year
    assert list(c.data["jaar"]) == ["2024"]           # the cliënten table only has declared years
    # HbH has a realisatie but no declaraties at all: no row (nothing to set it beside)
    assert set(t.data["product"]) == {"Begeleiding"}
    labels = [k.label for k in t.kolommen]
    assert labels.index("Uit realisatie") == labels.index("Gedeclareerd per volw.") + 1
    assert "soort 'realisatie'" in t.toelichting and "begrotingsregels tellen niet mee" in t.toelichting


def test_cbs_hbh_beside_own_hbh_rows_only():
    d = pd.DataFrame([_d("a", "01", 100, 60, eenheid="01"), _d("b", "02", 400, 6)])
    wijken = pd.DataFrame({"wijk_code": ["W1"], "inwoners": [2000]})
    cbs = CbsHbh(37.0, 2019, "indeling 2019")
    t = eigen_cijfers(d, wijken, cbs_hbh=cbs)
    hbh = t.data[t.data["product"] == "Hulp bij het huishouden"].iloc[0]
    beg = t.data[t.data["product"] == "Begeleiding"].iloc[0]
    assert hbh["cbs_per_1000"] == 37.0 and pd.isna(beg["cbs_per_1000"])
    assert hbh["per_1000"] == pytest.approx(1 / 2000 * 1000)
    kolom = t.kolom("cbs_per_1000")
    assert kolom.label == "CBS 2019" and kolom.eenheid == "cliënten per 1.000 inwoners" and "2019" in kolom.toelichting
    assert "niet uit declaraties" in t.toelichting and "zorg in natura" in t.toelichting
    zin = hbh_vergelijking(t)
    assert "0,5 cliënten per 1.000" in zin and "CBS 2019: 37 per 1.000" in zin


def test_kerncijfers_take_latest_full_year_per_product():
    rows = [_d("a", "02", 100, 1, maand=m) for m in range(1, 13)]
    rows += [_d("a", "02", 50, 1, maand=1) | {"periode_start": pd.Timestamp("2025-01-01")}]
    rows += [_d("x", "01", 80, 60, maand=3, eenheid="01")]
    d = pd.DataFrame(rows)
    wijken = pd.DataFrame({"wijk_code": ["W1"], "inwoners": [1000]})
    k = kerncijfers(eigen_tabellen(d, wijken, volwassenen=500, cbs_hbh=CbsHbh(20.0, 2019, "")))
    per = k.data.set_index("product")
    assert per.loc["Begeleiding", "jaar"] == "2024"            # 2025 has one month only
    assert per.loc["Begeleiding", "kosten_per_client"] == pytest.approx(1200)
    assert per.loc["Hulp bij het huishouden", "jaar"] == "2024"  # no full year: the latest one
    assert [c.naam for c in k.kolommen] == ["product", "clienten", "per_1000", "cbs_per_1000",
                                            "kosten_per_client", "per_volwassene"]   # one year: it is in the title
    assert k.titel == "Eigen kerncijfers (2024)" and k.kolom("per_volwassene").label == "Gedecl. per volw."


@pytest.fixture(scope="module")
def demo_project():
    from wijkkompas.core.demo import build_demo_project

    return build_demo_project(secret=bytes.fromhex("d1" * 32))   # the session demo key: its cached build


def test_gemeente_resultaat_has_own_figures_for_demo(demo_project):
    from wijkkompas.core.reference.resultaat import produceer

    r = produceer(demo_project)
    eigen = next(t for t in r.tabellen if t.naam == "eigen_cijfers")
    assert set(eigen.data["product"]) == {"Hulp bij het huishouden", "Begeleiding", "Dagbesteding"}
    assert (eigen.data["clienten"] > 0).all()
    uitgaven = next(t for t in r.tabellen if t.naam == "eigen_uitgaven")
    rows = uitgaven.data.set_index(["product", "jaar"])
    # README 'Budget' and 'Gedeclareerd': realisatie 2021 HbH € 6.903.000 beside € 6.212.638 declared
    assert rows.loc[("Hulp bij het huishouden", "2021"), "realisatie"] == 6_903_000
    assert rows.loc[("Hulp bij het huishouden", "2021"), "bedrag"] == pytest.approx(6_212_638, abs=1)
    assert rows.loc[("Dagbesteding", "2024"), "realisatie"] == 2_613_000
    assert pd.isna(rows.loc[("Begeleiding", "2025"), "realisatie"])      # 2025 is begroting only
    # Deventer (the demo's model gemeente) in the bundled CBS table: 37 HbH clients per 1.000 in 2019
    assert set(eigen.data.loc[eigen.data["product"] == "Hulp bij het huishouden", "cbs_per_1000"]) == {37.0}
    assert any("CBS 2019: 37 per 1.000" in s for s in r.samenvatting)


def test_demo_kerncijfers(demo_project):
    from wijkkompas.core.inkoop.eigen_cijfers import kerncijfers_van

    k = kerncijfers_van(demo_project)
    assert list(k.data["product"]) == ["Hulp bij het huishouden", "Begeleiding", "Dagbesteding"]
    assert k.titel == "Eigen kerncijfers (2024)"      # 2025 is declared up to June
    hbh = k.data.iloc[0]
    assert hbh["clienten"] == 4607 and hbh["cbs_per_1000"] == 37.0
    assert "realisatie_per_volwassene" in k.data.columns


def test_messy_budget_never_crashes():
    budget = pd.DataFrame({"jaar": ["2024", "twintig", "2023", 2024.0], "taakveld": [None, 5, "6.71A hbh", "x"],
                           "productcategorie": [2.0, "02", None, "=1+1"], "bedrag": ["100", "veel", 5, None],
                           "soort": [1, "REALISATIE ", " Realisatie", pd.NA]})
    # row 1: soort 1 is no realisatie; row 2: no year; row 4: no soort and no amount; row 3 counts via its taakveld
    assert realisatie_per_product(budget) == {("01", 2023): 5.0}
    d = pd.DataFrame([_d("a", "02", 600, 10)])
    eigen_tabellen(d, pd.DataFrame({"wijk_code": ["W1"], "inwoners": [1000]}), budget=budget)
