"""Own figures per product and year on a hand fixture, and in the Gemeente Resultaat of the demo."""
from __future__ import annotations

import pandas as pd
import pytest

from wijkkompas.core.inkoop.eigen_cijfers import eigen_cijfers


def _d(client, pc, bedrag, volume, maand=1, eenheid="04"):
    return {"client_id": client, "productcategorie": pc, "aanbieder_code": "A",
            "periode_start": pd.Timestamp(f"2024-{maand:02d}-01"), "geleverd_volume": volume, "eenheid": eenheid,
            "ingediend_bedrag": bedrag, "toegekend_bedrag": bedrag, "status": "Goedgekeurd"}


def test_per_1000_cost_and_volume_by_hand():
    d = pd.DataFrame([_d("a", "02", 600, 10), _d("b", "02", 400, 6, maand=2), _d("b", "02", -100, -1, maand=2),
                      _d("c", "02", 50, 0, eenheid="83")])
    wijken = pd.DataFrame({"wijk_code": ["W1", "W2", "W1"], "inwoners": [3000, 2000, 1], "jaar": [2024, 2024, 2020]})
    t = eigen_cijfers(d, wijken, volwassenen=4000)
    row = t.data.iloc[0]
    assert row["jaar"] == "2024" and row["maanden"] == 2 and row["clienten"] == 3
    assert row["per_1000"] == pytest.approx(3 / 5000 * 1000)
    assert row["bedrag"] == pytest.approx(950) and row["kosten_per_client"] == pytest.approx(950 / 3)
    assert row["volume_per_client"] == pytest.approx(15 / 2)   # only cliënten with hours
    assert row["per_volwassene"] == pytest.approx(950 / 4000)
    assert "pgb" in t.toelichting and "2019" in t.toelichting


def test_gemeente_resultaat_has_own_figures_for_demo():
    from wijkkompas.core.demo import build_demo_project
    from wijkkompas.core.reference.resultaat import produceer

    r = produceer(build_demo_project(secret=b"e" * 32))
    eigen = next(t for t in r.tabellen if t.naam == "eigen_cijfers")
    assert set(eigen.data["product"]) == {"Hulp bij het huishouden", "Begeleiding", "Dagbesteding"}
    assert (eigen.data["clienten"] > 0).all()
