"""A small synthetic project for the verdeelmodel tests, with planted history.

Three or more wijken with known indicators; toewijzingen with toegang_team;
monthly declaraties for two full years whose spending per wijk is planted as
``PLANTED`` € per inwoner + € per 75-plusser, including credit lines that must
be netted; a budget import with three lines.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from wijkkompas.core.project import Project

PLANTED = {"inwoners": 20.0, "inwoners_75plus": 900.0}
WIJKEN = pd.DataFrame({
    "wijk_code": ["A", "B", "C"],
    "wijk_naam": ["Alfa", "Beta", "Gamma"],
    "inwoners": [1000.0, 2000.0, 3000.0],
    "inwoners_75plus": [100.0, 100.0, 200.0],
    "eenpersoonshuishoudens": [200.0, 300.0, 500.0],
    "huishoudens_laag_inkomen": [50.0, 100.0, 50.0],
})


def wijken_groot(n: int = 12, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    inw = rng.integers(2000, 15000, n).astype(float)
    return pd.DataFrame({
        "wijk_code": [f"W{i:02d}" for i in range(1, n + 1)], "wijk_naam": [f"Wijk {i}" for i in range(1, n + 1)],
        "inwoners": inw, "inwoners_75plus": np.round(inw * rng.uniform(0.03, 0.15, n)),
        "eenpersoonshuishoudens": np.round(inw * rng.uniform(0.1, 0.3, n)),
        "huishoudens_laag_inkomen": np.round(inw * rng.uniform(0.02, 0.12, n)),
    })


def maak_project(wijken: pd.DataFrame | None = None, jaren=(2023, 2024), credit: bool = True) -> Project:
    wijken = WIJKEN.copy() if wijken is None else wijken
    toew, decl = [], []
    nummer = 1000
    for _, w in wijken.iterrows():
        jaarbedrag = PLANTED["inwoners"] * w["inwoners"] + PLANTED["inwoners_75plus"] * w["inwoners_75plus"]
        for team_client in range(2):
            nummer += 1
            toew.append({"client_id": f"P-{nummer}", "wijk_code": w["wijk_code"], "toewijzingnummer": str(nummer),
                         "productcategorie": "01", "ingangsdatum": pd.Timestamp(jaren[0], 1, 1), "einddatum": pd.NaT,
                         "toegang_team": "Team Noord" if w["wijk_code"] in ("A", "W01", "W02") else "Team Zuid"})
            for jaar in jaren:
                for maand in range(1, 13):
                    bedrag = jaarbedrag / 2 / 12
                    decl.append({"toewijzingnummer": str(nummer), "productcategorie": "01",
                                 "periode_start": pd.Timestamp(jaar, maand, 1), "toegekend_bedrag": bedrag})
                    if credit and maand == 3:
                        # A reversed declaratie plus its correction: nets to zero.
                        decl.append({"toewijzingnummer": str(nummer), "productcategorie": "01",
                                     "periode_start": pd.Timestamp(jaar, maand, 1), "toegekend_bedrag": 500.0})
                        decl.append({"toewijzingnummer": str(nummer), "productcategorie": "01",
                                     "periode_start": pd.Timestamp(jaar, maand, 1), "toegekend_bedrag": -500.0})
    budget = pd.DataFrame({"jaar": [2025, 2025, 2025], "taakveld": ["6.71a HbH", "6.71b Begeleiding", "6.2 Wijkteams"],
                           "productcategorie": ["01", "02", None], "bedrag": [600_000.0, 300_000.0, 100_000.0],
                           "soort": ["begroting"] * 3})
    project = Project(naam="Verdeeltest")
    project.tables = {"wijken": wijken, "toewijzingen": pd.DataFrame(toew), "declaraties": pd.DataFrame(decl),
                      "budget": budget}
    return project


def test_fixture_spending_is_planted():
    from wijkkompas.core.verdeel.historie import uitgaven_per_wijk_jaar

    uit = uitgaven_per_wijk_jaar(maak_project())
    got = uit[uit["jaar"] == 2024].set_index("wijk_code")["bedrag"]
    assert got["A"] == 20.0 * 1000 + 900.0 * 100
    assert got["C"] == 20.0 * 3000 + 900.0 * 200
