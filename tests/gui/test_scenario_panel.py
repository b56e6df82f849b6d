"""The Scenario's panel driven as a user would: levers recompute, scenarios compare, settings land in the project."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from fakes import FakeContext
from wijkkompas.core.project import Project
from wijkkompas.core.scenario import fit_model
from wijkkompas.core.scenario.resultaat import instellingen_van, maak_resultaat
from wijkkompas.gui.app import create_application
from wijkkompas.gui.panels.scenarios import ScenariosPanel, create_panel

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from test_scenario_fixtures import maak_tabellen


@pytest.fixture(scope="module")
def tables():
    return maak_tabellen(30)


def make_panel(qtbot, project: Project) -> ScenariosPanel:
    create_application()
    context = FakeContext(project)
    panel = create_panel(context)
    context.attach(panel)
    qtbot.addWidget(panel)
    panel.resize(1150, 700)
    panel.show()
    qtbot.waitExposed(panel)
    panel.on_shown()
    return panel


def type_value(qtbot, box, text: str) -> None:
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def test_empty_project_says_what_to_do(qtbot):
    panel = make_panel(qtbot, Project())
    assert "Import" in panel.status.text()
    assert panel.resultaat() is None
    assert not panel.form.isEnabled()


def test_lever_change_recomputes_after_the_debounce_and_is_stored(qtbot, tables):
    project = Project(tables=dict(tables))
    panel = make_panel(qtbot, project)
    first = panel.resultaat()
    assert first is not None and first.grafiek("waaier_totaal").soort == "waaier"
    assert first.tabel("backtest").data["mape_clienten"].notna().all()
    base_total = first.gegevens["totaal"]["jaren"]
    type_value(qtbot, panel.form.spins["instroom"], "20")
    qtbot.waitUntil(lambda: panel.resultaat() is not first, timeout=5000)
    stored = instellingen_van(project)
    assert stored.scenarios[0].hefbomen.instroom == pytest.approx(0.20)
    later = panel.resultaat().gegevens["totaal"]["jaren"]
    last_year = list(later)[-1]
    assert later[last_year]["p50"] > base_total[last_year]["p50"]
    # What the panel shows is what the core produces headless from the stored settings.
    headless = maak_resultaat(project, fit_model(project), stored)
    assert headless.gegevens["totaal"] == panel.resultaat().gegevens["totaal"]


def test_new_scenario_shows_the_difference_with_the_basis(qtbot, tables):
    project = Project(tables=dict(tables))
    panel = make_panel(qtbot, project)
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    assert panel.scenario_combo.count() == 2 and panel.delete_button.isEnabled()
    panel.name_edit.setText("Strengere toegang")
    panel.name_edit.editingFinished.emit()
    type_value(qtbot, panel.form.spins["instroom"], "-30")
    assert instellingen_van(project).scenarios[1].hefbomen.instroom == pytest.approx(-0.30)
    qtbot.waitUntil(lambda: panel.resultaat().gegevens["hefbomen"]["instroom"] < 0, timeout=5000)
    comparison = panel.resultaat().gegevens["vergelijking"]
    assert [c["scenario"] for c in comparison] == ["Basis", "Strengere toegang"]
    last = str(panel.resultaat().gegevens["jaren"][-1])
    assert comparison[1]["jaren"][last]["verschil_p50"] < 0
    view, _note = panel.tab_views["vergelijking"]
    assert view.model().rowCount() == 3
    assert panel.chart_choice.findData("vergelijking") >= 0


def test_bekostiging_switch_through_the_form(qtbot, tables):
    project = Project(tables=dict(tables))
    panel = make_panel(qtbot, project)
    panel.form.product.setCurrentIndex(panel.form.product.findData("02"))
    qtbot.mouseClick(panel.form.taakgericht, Qt.MouseButton.LeftButton)
    type_value(qtbot, panel.form.contractsom, "150000")
    qtbot.waitUntil(lambda: instellingen_van(project).scenarios[0].hefbomen.bekostiging.get("02") == 150000.0,
                    timeout=5000)
    qtbot.waitUntil(lambda: any("taakgericht" in b.titel for b in panel.resultaat().bevindingen), timeout=5000)
    years = panel.resultaat().gegevens["producten"]["02"]["jaren"]
    assert years[list(years)[-1]]["p50"] == pytest.approx(150000.0)


def test_levers_the_form_does_not_show_survive_an_edit(qtbot, tables):
    from wijkkompas.core.scenario import Hefbomen, Scenario, ScenarioInstellingen

    project = Project(tables=dict(tables))
    stored = Hefbomen(volume_per_team={"Team W01": -0.2}, producten={"02": {"instroom": 0.1}})
    project.choices["scenarios"] = ScenarioInstellingen((Scenario("Basis", stored),)).to_json()
    panel = make_panel(qtbot, project)
    type_value(qtbot, panel.form.spins["uitstroom"], "5")
    qtbot.waitUntil(lambda: instellingen_van(project).scenarios[0].hefbomen.uitstroom == pytest.approx(0.05),
                    timeout=5000)
    kept = instellingen_van(project).scenarios[0].hefbomen
    assert kept.volume_per_team == {"Team W01": -0.2} and kept.producten == {"02": {"instroom": 0.1}}


def test_plafond_per_product_through_the_form_and_from_the_contracts(qtbot, tables):
    import pandas as pd

    # A1 delivers both fixture products; its contract states a plafond on perceel 02 only.
    tarieven = pd.DataFrame({"productcode": ["02A01", "01A01"], "aanbieder_code": ["A1", "A1"],
                             "tarief": [60.0, 0.5], "budgetplafond": [30_000.0, None],
                             "ingangsdatum": pd.to_datetime(["2024-01-01", "2024-01-01"])})
    project = Project(tables={**tables, "tarieven": tarieven})
    panel = make_panel(qtbot, project)
    first = panel.resultaat()
    form = panel.form
    form.aanbieder.setCurrentIndex(form.aanbieder.findData("A1"))
    choices = [form.plafond_product.itemData(i) for i in range(form.plafond_product.count())]
    assert choices == ["01", "02", ""]                       # its two products, or one plafond for both
    form.plafond_product.setCurrentIndex(form.plafond_product.findData("02"))
    assert "30.000" in form.contract_note.text()
    type_value(qtbot, form.plafond, "20000")
    qtbot.waitUntil(lambda: instellingen_van(project).scenarios[0].hefbomen.budgetplafonds == {"A1": {"02": 20000.0}},
                    timeout=5000)
    qtbot.waitUntil(lambda: panel.resultaat().gegevens["hefbomen"]["budgetplafonds"] == {"A1": {"02": 20000.0}},
                    timeout=5000)
    before, after = first.gegevens["producten"], panel.resultaat().gegevens["producten"]
    last = list(after["02"]["jaren"])[-1]
    assert after["02"]["jaren"][last]["wachtlijst_p50"] > 0
    assert after["02"]["jaren"][last]["p50"] < before["02"]["jaren"][last]["p50"]
    assert after["01"]["jaren"][last]["p50"] == pytest.approx(before["01"]["jaren"][last]["p50"], rel=1e-9)
    assert any("per product (perceel)" in a for a in panel.resultaat().aannames)
    # "All products together" holds no plafond yet and says that the per-product one would be replaced.
    form.plafond_product.setCurrentIndex(form.plafond_product.findData(""))
    assert form.plafond.value() == 0 and "per product" in form.contract_note.text()
    qtbot.mouseClick(form.from_contracts, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: instellingen_van(project).scenarios[0].hefbomen.budgetplafonds == {"A1": {"02": 30000.0}},
                    timeout=5000)
    assert form.plafond_product.currentData() == "02" and form.plafond.value() == 30000.0
    assert form.plafond.text() == "€ 30.000 per jaar"         # the amount as an adviser writes it
