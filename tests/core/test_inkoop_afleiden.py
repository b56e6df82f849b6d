"""Positie inkoop answers proposed from tarieven: majority per product, budgetplafond wins, disagreements listed."""
from __future__ import annotations

import pandas as pd
from demo_support import DEMO_SECRET

from wijkkompas.core.inkoop.afleiden import met_voorstel, verschillen, voorstellen


def _t(code, bek, vorm, toe, plafond=None, jaar=2025):
    return {"productcode": code, "aanbieder_code": "A", "bekostigingsvorm": bek, "contractvorm": vorm,
            "budgetplafond": plafond, "tussentijdse_toetreding": toe, "ingangsdatum": pd.Timestamp(f"{jaar}-01-01"),
            "einddatum": pd.Timestamp(f"{jaar}-12-31")}


def test_majority_over_current_contracts():
    t = pd.DataFrame([
        _t("02A01", "inspanningsgericht", "Open house", True), _t("02A02", "inspanningsgericht", "Open house", True),
        _t("02A05", "outputgericht", "Open house", False),
        _t("02A01", "outputgericht", "Open house", False, jaar=2024), _t("02A02", "outputgericht", "x", False, jaar=2024),
        _t("07A01", "inspanningsgericht", "Aanbesteding", False, plafond=100_000.0),
    ])
    v = voorstellen(t, "tarieven.xlsx")
    assert v["begeleiding"].antwoorden == {"bekostigingsvorm": "inspanningsgericht", "contractvorm": "raamovereenkomst",
                                           "tussentijdse_toetreding": True}
    assert v["begeleiding"].regels == 3 and v["begeleiding"].bron == "tarieven.xlsx"
    assert v["dagbesteding"].antwoorden["contractvorm"] == "budgetplafond"
    assert "hbh" not in v


def test_unknown_values_are_left_to_the_user():
    v = voorstellen(pd.DataFrame([{"productcode": "01A01", "bekostigingsvorm": "iets anders", "contractvorm": "?",
                                   "tussentijdse_toetreding": None}]))
    assert v == {}


def test_disagreements_and_taking_over():
    v = voorstellen(pd.DataFrame([_t("01A01", "inspanningsgericht", "Open house", True)]))
    stored = {"toegang": {"breedte": 3}, "inkoop": {"hbh": {"bekostigingsvorm": "inspanningsgericht",
                                                            "contractvorm": "raamovereenkomst",
                                                            "tussentijdse_toetreding": False}}}
    assert verschillen(v, stored) == [("hbh", "tussentijdse_toetreding", False, True)]
    nieuw = met_voorstel(stored, v)
    assert nieuw["inkoop"]["hbh"]["tussentijdse_toetreding"] is True and nieuw["toegang"] == {"breedte": 3}
    assert stored["inkoop"]["hbh"]["tussentijdse_toetreding"] is False   # input untouched
    assert verschillen(v, nieuw) == []


def test_demo_tarieven(demo_positie):
    project = demo_positie
    v = voorstellen(project.tables["tarieven"])
    # resources/demo/README.md: dagbesteding aanbesteed with a budgetplafond from 2024; HbH and begeleiding open house
    assert v["dagbesteding"].antwoorden["contractvorm"] == "budgetplafond"
    assert v["hbh"].antwoorden["contractvorm"] == "raamovereenkomst"
    assert v["hbh"].antwoorden["tussentijdse_toetreding"] is True


import pytest  # noqa: E402


@pytest.fixture(scope="module")
def demo_positie():
    from wijkkompas.core.demo import build_demo_project

    return build_demo_project(secret=DEMO_SECRET)
