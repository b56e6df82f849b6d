"""Generated Sturing data with planted truths: a known declaration lag, known amounts, one credit line."""
from __future__ import annotations

import numpy as np
import pandas as pd


def lijn_tabellen(lag_dekking: tuple[float, ...] = (0.6, 0.6), settled: float = 1.0, seed: int = 0,
                  eind: str = "2024-12", per_aanbieder: dict[str, int] | None = None,
                  bedrag: float = 100.0) -> dict[str, pd.DataFrame]:
    """Dagbesteding (07) toewijzingen running 2023-01 … open, declared € ``bedrag`` per month.

    ``lag_dekking[k]`` is the share declared ``k`` months before ``eind`` (the planted lag); older months are
    declared with probability ``settled``. Aanbieder A1 gets one credit line of € −50 in 2024-03.
    """
    rng = np.random.default_rng(seed)
    per_aanbieder = per_aanbieder or {"A1": 5, "A2": 10}
    last = pd.Period(eind, freq="M")
    months = pd.period_range("2023-01", last, freq="M")
    tw, decl = [], []
    n = 0
    for code, count in per_aanbieder.items():
        for j in range(count):
            n += 1
            tw.append({"client_id": f"P-{n}", "toewijzingnummer": str(n), "wijk_code": "W01",
                       "productcategorie": "07", "productcode": "07A01", "aanbieder_code": code,
                       "aanbieder_naam": f"Aanbieder {code}", "toegang_team": "Team Noord" if j % 2 else "Team Zuid",
                       "ingangsdatum": pd.Timestamp("2023-01-01"), "einddatum": pd.NaT, "volume": 10})
            for m in months:
                back = last.ordinal - m.ordinal
                share = lag_dekking[back] if back < len(lag_dekking) else settled
                if share >= 1.0 or (share > 0 and rng.random() < share) if len(per_aanbieder) > 2 or count > 20 \
                        else j < round(share * count):
                    decl.append({"toewijzingnummer": str(n), "client_id": f"P-{n}", "productcategorie": "07",
                                 "productcode": "07A01", "aanbieder_code": code, "periode_start": m.start_time,
                                 "geleverd_volume": 10.0, "toegekend_bedrag": bedrag, "ingediend_bedrag": bedrag})
    decl.append({"toewijzingnummer": "1", "client_id": "P-1", "productcategorie": "07", "productcode": "07A01",
                 "aanbieder_code": "A1", "periode_start": pd.Timestamp("2024-03-01"), "geleverd_volume": -5.0,
                 "toegekend_bedrag": -50.0, "ingediend_bedrag": -50.0, "credit": True})
    tarieven = pd.DataFrame([
        {"productcode": "07A01", "aanbieder_code": c, "aanbieder_naam": f"Aanbieder {c}", "tarief": 10.0,
         "budgetplafond": p, "ingangsdatum": pd.Timestamp(f"{last.year}-01-01"),
         "einddatum": pd.Timestamp(f"{last.year}-12-31")}
        for c, p in (("A1", 6000.0), ("A2", 20000.0)) if c in per_aanbieder])
    wijken = pd.DataFrame({"wijk_code": ["W01"], "inwoners": [10000.0], "inwoners_75plus": [1000.0]})
    budget = pd.DataFrame({"jaar": [last.year], "taakveld": ["6.71c Dagbesteding (WMO)"], "productcategorie": ["07"],
                           "bedrag": [20000.0], "soort": ["begroting"]})
    return {"toewijzingen": pd.DataFrame(tw), "declaraties": pd.DataFrame(decl), "tarieven": tarieven,
            "wijken": wijken, "budget": budget}
