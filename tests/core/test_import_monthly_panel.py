"""Monthly panel and summary: month split, units, active toewijzingen, summary keys."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from wijkkompas.core.imports.panel import PANEL_COLUMNS, derive_panel, summarise


def _d(values):
    return pd.to_datetime(pd.Series(values)).astype("datetime64[us]")


def _s(values):
    return pd.array(values, dtype="string")


def declaraties() -> pd.DataFrame:
    return pd.DataFrame({
        "client_id": _s(["P-a", "P-a", "P-b", "P-c"]),
        "productcategorie": _s(["01", "01", "04", "01"]),
        "aanbieder_code": _s(["A1", "A1", "A2", "A1"]),
        "periode_start": _d(["2024-01-01", "2024-02-01", "2024-01-15", "2024-01-20"]),
        "periode_eind": _d(["2024-01-31", "2024-02-29", "2024-02-14", None]),
        "geleverd_volume": [10.0, 20.0, 31.0, 120.0],
        "eenheid": _s(["04", "04", "14", "01"]),
        "ingediend_bedrag": [100.0, 200.0, 310.0, 50.0],
        "toegekend_bedrag": [90.0, np.nan, 310.0, np.nan],
    })


def _row(panel, **keys):
    sel = panel
    for k, v in keys.items():
        sel = sel[sel[k] == v]
    assert len(sel) == 1, sel
    return sel.iloc[0]


def test_declaraties_split_pro_rata_over_months():
    panel = derive_panel(declaraties(), "declaraties")
    assert list(panel.columns) == list(PANEL_COLUMNS)
    jan01 = _row(panel, maand="2024-01", productcategorie="01")
    # client a: 10 uur, € 90 toegekend; client c: 120 minuten = 2 uur, € 50 ingediend (no toegekend)
    assert jan01["clienten"] == 2 and jan01["volume"] == pytest.approx(12.0)
    assert jan01["bedrag"] == pytest.approx(140.0) and jan01["volume_eenheid"] == "uur"
    assert jan01["aanbieder_code"] == "A1" and pd.isna(jan01["wijk_code"])
    # client b: 15-01..14-02 = 31 days, 17 in January and 14 in February
    jan04 = _row(panel, maand="2024-01", productcategorie="04")
    feb04 = _row(panel, maand="2024-02", productcategorie="04")
    assert jan04["volume"] == pytest.approx(17.0) and feb04["volume"] == pytest.approx(14.0)
    assert jan04["bedrag"] == pytest.approx(170.0) and feb04["bedrag"] == pytest.approx(140.0)
    assert jan04["volume_eenheid"] == "etmaal"
    assert panel["bedrag"].sum() == pytest.approx(90 + 200 + 310 + 50)


def test_units_are_never_added_together():
    table = declaraties()
    table.loc[3, "eenheid"] = "82"  # stuks: must not be added to hours
    panel = derive_panel(table, "declaraties")
    jan01 = panel[(panel["maand"] == "2024-01") & (panel["productcategorie"] == "01")]
    assert sorted(jan01["volume_eenheid"]) == ["stuks (output)", "uur"]
    assert _row(jan01, volume_eenheid="uur")["volume"] == pytest.approx(10.0)
    assert _row(jan01, volume_eenheid="stuks (output)")["volume"] == pytest.approx(120.0)


def toewijzingen() -> pd.DataFrame:
    return pd.DataFrame({
        "client_id": _s(["P-a", "P-b", "P-c", "P-d"]),
        "productcategorie": _s(["01", "02", "01", "01"]),
        "wijk_code": _s(["W1", "W2", None, "W1"]),
        "ingangsdatum": _d(["2024-01-15", "2023-11-01", "2024-03-01", "2024-02-01"]),
        "einddatum": _d([None, "2024-01-31", None, "2024-02-29"]),
        "volume": [3.0, 10.0, 100.0, 1.0],
        "eenheid": _s(["04", "04", "01", "04"]),
        "frequentie": _s(["2", "4", "6", "1"]),
        "budget": [np.nan, 1000.0, np.nan, np.nan],
    })


def test_toewijzingen_active_months_up_to_the_horizon():
    panel = derive_panel(toewijzingen(), "toewijzingen")
    # horizon = end of the month of the latest ingangsdatum (March 2024)
    assert panel["maand"].min() == "2023-11" and panel["maand"].max() == "2024-03"
    active = panel.groupby("maand")["clienten"].sum().to_dict()
    assert active == {"2023-11": 1, "2023-12": 1, "2024-01": 2, "2024-02": 2, "2024-03": 2}
    # per week: 3 uur x 17 days / 7 in January
    assert _row(panel, maand="2024-01", productcategorie="01")["volume"] == pytest.approx(3 * 17 / 7)
    # per maand: 10 uur in each full month
    assert _row(panel, maand="2023-12", productcategorie="02")["volume"] == pytest.approx(10.0)
    # per dag: 1 uur x 29 days in February 2024 plus client a's 3 x 29/7
    feb = _row(panel, maand="2024-02", productcategorie="01", wijk_code="W1")
    assert feb["volume"] == pytest.approx(29 + 3 * 29 / 7) and feb["clienten"] == 2
    # totaal binnen geldigheidsduur: 100 minuten over March (open end up to the horizon)
    mar = panel[(panel["maand"] == "2024-03") & panel["wijk_code"].isna()]
    assert mar["volume"].iloc[0] == pytest.approx(100 / 60)
    # budget 1000 spread by days over 01-11-2023..31-01-2024 (92 days)
    nov = _row(panel, maand="2023-11", productcategorie="02")
    assert nov["bedrag"] == pytest.approx(1000 * 30 / 92)
    assert panel.loc[panel["productcategorie"] == "01", "bedrag"].isna().all()


def test_summary_keys_and_values_for_declaraties():
    table = declaraties()
    summary = summarise(table, derive_panel(table, "declaraties"), "declaraties")
    assert set(summary) == {"clienten", "bedrag", "periode", "per_productcategorie", "per_maand", "creditregels",
                            "creditbedrag"}
    assert summary["clienten"] == 3 and summary["creditregels"] == 0
    assert summary["bedrag"] == pytest.approx(650.0)
    assert summary["periode"] == ["2024-01-01", "2024-02-29"]
    cat01 = summary["per_productcategorie"]["01"]
    assert cat01["clienten"] == 2 and cat01["bedrag"] == pytest.approx(340.0)
    assert cat01["volume"] == pytest.approx(32.0) and cat01["volume_eenheid"] == "uur"
    assert summary["per_maand"]["2024-01"] == {"clienten": 3, "bedrag": pytest.approx(310.0)}
    assert summary["per_maand"]["2024-02"] == {"clienten": 2, "bedrag": pytest.approx(340.0)}
    json.dumps(summary, ensure_ascii=False)  # JSON-safe, no numpy scalars


def test_summary_for_toewijzingen_counts_unique_clients():
    table = toewijzingen()
    summary = summarise(table, derive_panel(table, "toewijzingen"), "toewijzingen")
    assert summary["clienten"] == 4 and summary["bedrag"] == pytest.approx(1000.0)
    assert summary["periode"] == ["2023-11-01", "2024-03-01"]
    assert summary["per_maand"]["2024-02"]["clienten"] == 2
    assert set(summary["per_productcategorie"]) == {"01", "02"}


def test_empty_tables_and_kinds_without_a_panel():
    empty = declaraties().iloc[0:0]
    panel = derive_panel(empty, "declaraties")
    assert panel.empty and list(panel.columns) == list(PANEL_COLUMNS)
    assert summarise(empty, panel, "declaraties") == {
        "clienten": 0, "bedrag": None, "periode": None, "per_productcategorie": {}, "per_maand": {},
        "creditregels": 0, "creditbedrag": 0.0}
    budget = pd.DataFrame({"jaar": [2023.0, 2024.0], "productcategorie": _s(["01", "02"]),
                           "bedrag": [1e6, 2e6]})
    panel = derive_panel(budget, "budget")
    assert panel.empty
    summary = summarise(budget, panel, "budget")
    assert summary["bedrag"] == 3e6 and summary["periode"] == ["2023-01-01", "2024-12-31"]
    assert summary["per_productcategorie"]["02"]["bedrag"] == 2e6 and summary["clienten"] is None


def test_panel_without_client_column_counts_zero_clients():
    table = declaraties().drop(columns=["client_id"])
    panel = derive_panel(table, "declaraties")
    assert (panel["clienten"] == 0).all() and panel["bedrag"].sum() == pytest.approx(650.0)


def test_panel_window_keeps_absurd_periods_small():
    table = pd.DataFrame({
        "client_id": _s(["P-a", "P-b"]), "productcategorie": _s(["01", "01"]),
        "ingangsdatum": _d(["1900-01-01", "2024-01-01"]), "einddatum": _d([None, "2024-03-31"]),
        "volume": [1.0, 1.0], "eenheid": _s(["04", "04"]), "frequentie": _s(["4", "4"]),
    })
    panel = derive_panel(table, "toewijzingen")
    # from the window start (Wmo 2015) to the horizon (month of the latest ingangsdatum)
    assert panel["maand"].min() == "2015-01" and panel["maand"].max() == "2024-01"
    assert len(panel) == 12 * 9 + 1
    assert _row(panel, maand="2024-01")["clienten"] == 2
