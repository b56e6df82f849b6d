"""Generated canonical tables with planted truths for the scenario model (imported by the other scenario tests).

Planted: every month exactly ``instroom`` new clients start per product, each stays exactly ``duur`` months, so
the caseload is steady at instroom × duur, the monthly exit hazard is 1/duur, and every client-month declares
``volume`` units at ``tarief`` (per aanbieder, optionally with a yearly indexation).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from wijkkompas.core.scenario.historie import bouw_historie

PRODUCTEN = {"01": {"instroom": 6, "duur": 10, "volume": 300.0, "tarief": 0.5},
             "02": {"instroom": 4, "duur": 5, "volume": 8.0, "tarief": 60.0}}
WIJKEN = ("W01", "W02")
AANBIEDERS = ("A1", "A2")


def maak_tabellen(maanden: int = 36, eind: str = "2024-12", indexatie: float = 0.0,
                  producten: dict | None = None) -> dict[str, pd.DataFrame]:
    """Toewijzingen active in the last ``maanden`` months, monthly declaraties over them, wijken and budget."""
    producten = producten or PRODUCTEN
    last = pd.Period(eind, freq="M")
    first = last - (maanden - 1)
    rows, decl = [], []
    number = 0
    for code, spec in producten.items():
        start = first - spec["duur"] - 2
        month = start
        while month <= last:
            for k in range(spec["instroom"]):
                number += 1
                wijk = WIJKEN[k % len(WIJKEN)]
                aanbieder = AANBIEDERS[(k // len(WIJKEN)) % len(AANBIEDERS)]
                end_month = month + (spec["duur"] - 1)
                if end_month < first:
                    continue
                rows.append({
                    "client_id": f"P-{code}-{number}", "geboortejaar": 1940.0 if k % 2 == 0 else 1970.0,
                    "wijk_code": wijk, "toewijzingnummer": str(number), "productcategorie": code,
                    "productcode": f"{code}A01", "aanbieder_code": aanbieder, "toegang_team": f"Team {wijk}",
                    "ingangsdatum": month.start_time, "einddatum": end_month.end_time.normalize(),
                    "volume": spec["volume"],
                })
                for m in pd.period_range(max(month, first), min(end_month, last), freq="M"):
                    price = spec["tarief"] * (1 + indexatie) ** (m.year - first.year)
                    decl.append({"toewijzingnummer": str(number), "client_id": f"P-{code}-{number}",
                                 "productcategorie": code, "aanbieder_code": aanbieder,
                                 "periode_start": m.start_time, "geleverd_volume": spec["volume"],
                                 "toegekend_bedrag": spec["volume"] * price, "ingediend_bedrag": spec["volume"] * price})
            month += 1
    toewijzingen = pd.DataFrame(rows)
    # The export holds only toewijzingen that end inside or after the window (like "actief tussen A en B").
    toewijzingen["einddatum"] = toewijzingen["einddatum"].where(toewijzingen["einddatum"] <= last.end_time)
    wijken = pd.DataFrame({"wijk_code": list(WIJKEN), "inwoners": [6000.0, 4000.0], "inwoners_75plus": [600.0, 400.0]})
    budget = pd.DataFrame({"jaar": [last.year + 1] * len(producten), "productcategorie": list(producten),
                           "bedrag": [1_000_000.0] * len(producten), "soort": ["begroting"] * len(producten)})
    return {"toewijzingen": toewijzingen, "declaraties": pd.DataFrame(decl), "wijken": wijken, "budget": budget}


def steady_clients(code: str) -> float:
    spec = PRODUCTEN[code]
    return float(spec["instroom"] * spec["duur"])


def test_history_keeps_the_stock_flow_identity():
    hist = bouw_historie(maak_tabellen())
    for frame in hist.per_product.values():
        c = frame["clienten"].to_numpy()
        assert np.array_equal(c[1:], c[:-1] + frame["instroom"].to_numpy()[1:] - frame["uitstroom"].to_numpy()[1:])


def test_history_recovers_the_planted_caseload_instroom_and_cost():
    hist = bouw_historie(maak_tabellen())
    assert len(hist.maanden) == 36 and str(hist.laatste_maand) == "2024-12"
    for code, spec in PRODUCTEN.items():
        frame = hist.per_product[code]
        assert (frame["clienten"] == steady_clients(code)).all()
        assert (frame["instroom"].iloc[1:] == spec["instroom"]).all()
        assert np.allclose(frame["bedrag"], steady_clients(code) * spec["volume"] * spec["tarief"])
    assert hist.aandeel_75plus["01"] == 0.5  # half the planted clients are born in 1940
