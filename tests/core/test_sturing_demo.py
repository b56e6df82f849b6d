"""Known truth on the demo: at peildatum 30-06-2025 the monitor flags the aanbieder the README says will exceed.

``resources/demo/README.md`` §"Budgetplafonds dagbesteding": Dagcentrum 't Hofje (98011007) ends 2025 at € 856.075
against a plafond of € 780.000 (9,7% above); Zorgboerderij De Eshof (98011008) at 79,8% of its plafond. The numbers
are read from the README's machine-readable twin ``waarheden.json`` (key ``plafonds``).
"""
from __future__ import annotations

import json

import pytest
from demo_support import DEMO_SECRET

from wijkkompas import resources
from wijkkompas.core.demo import build_demo_project
from wijkkompas.core.sturing import SturingInstellingen, bereken_monitor

WAARHEDEN = json.loads(resources.path("demo", "waarheden.json").read_text(encoding="utf-8"))
pytestmark = pytest.mark.skipif("plafonds" not in WAARHEDEN, reason="de demo met plafonds 2025 is er nog niet")


@pytest.fixture(scope="module")
def monitor():
    project = build_demo_project(secret=DEMO_SECRET)
    return bereken_monitor(project.tables, SturingInstellingen(peildatum="30-06-2025"))


def test_the_overshooter_is_red_with_an_overshoot_near_the_documented_one(monitor):
    truth = WAARHEDEN["plafonds"]["2025"]
    code = WAARHEDEN["plafonds"]["overschrijder"]
    line = monitor.lijnen.set_index("aanbieder_code").loc[code]
    assert line["plafond"] == truth[code]["plafond"]
    assert line["gerealiseerd"] == pytest.approx(truth[code]["besteed_tot_export"], abs=1.0)
    assert line["stoplicht"] == "rood" and line["kans_overschrijding"] > 0.9
    # Documented: 9,7% above the plafond. The projection must lie within 5 percentage points of it.
    assert line["verhouding_p50"] - 1 == pytest.approx(truth[code]["verhouding"] - 1, abs=0.05)
    assert line["datum_plafond_bereikt"] is not None and line["datum_plafond_bereikt"].year == 2025


def test_the_under_user_is_green_and_every_line_is_near_its_truth(monitor):
    truth = WAARHEDEN["plafonds"]["2025"]
    under = WAARHEDEN["plafonds"]["onderbenutter"]
    lines = monitor.lijnen.set_index("aanbieder_code")
    assert lines.loc[under, "stoplicht"] == "groen" and lines.loc[under, "kans_overschrijding"] < 0.05
    assert lines.loc[under, "datum_plafond_bereikt"] is None
    for code, item in truth.items():
        assert lines.loc[code, "prognose_p50"] == pytest.approx(item["besteed_jaar"], rel=0.05)
    # The demo declares every month in full: no lag, nothing onderweg.
    assert monitor.vertraging.maanden == 0 and lines["onderweg"].sum() == 0.0
