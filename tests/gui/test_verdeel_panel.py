"""The Verdeelmodel panel driven as a user would; what it shows equals the core's (and CLI's) Resultaat."""
from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt

from fakes import FakeContext
from wijkkompas.core.project import Project
from wijkkompas.core.verdeel import SECTIE, VerdeelInstellingen, laad
from wijkkompas.core.verdeel.resultaat import maak_resultaat
from wijkkompas.gui.app import create_application
from wijkkompas.gui.panels.verdeelmodel import VerdeelmodelPanel, create_panel
from wijkkompas.gui.resultaat_view import visible_label_texts


def project() -> Project:
    p = Project(naam="Drie wijken")
    p.tables["wijken"] = pd.DataFrame({
        "wijk_code": ["A", "B", "C"], "wijk_naam": ["Alfa", "Beta", "Gamma"],
        "inwoners": [1000.0, 2000.0, 3000.0], "inwoners_75plus": [100.0, 100.0, 200.0],
        "eenpersoonshuishoudens": [200.0, 300.0, 500.0], "huishoudens_laag_inkomen": [50.0, 100.0, 50.0]})
    p.tables["budget"] = pd.DataFrame({"jaar": [2025, 2025], "taakveld": ["6.71a HbH", "6.2 Wijkteams"],
                                       "productcategorie": ["01", None], "bedrag": [600_000.0, 400_000.0],
                                       "soort": ["begroting", "begroting"]})
    return p


def make_panel(qtbot, p: Project) -> VerdeelmodelPanel:
    create_application()
    context = FakeContext(p)
    panel = create_panel(context)
    context.attach(panel)
    qtbot.addWidget(panel)
    panel.resize(1146, 700)  # the panel area of a 1366×768 window
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def budgets(panel: VerdeelmodelPanel) -> list[int]:
    return [int(v) for v in panel.resultaat().tabel("wijken").data["budget"]]


def test_empty_project_says_what_to_do(qtbot):
    panel = make_panel(qtbot, Project())
    assert panel.resultaat() is None
    assert any("Import" in t and "wijkbestand" in t for t in visible_label_texts(panel))
    qtbot.mouseClick(panel.naar_import, Qt.MouseButton.LeftButton)
    assert panel.context.navigated == ["import"]


def test_method_choice_recomputes_and_is_stored(qtbot):
    p = project()
    panel = make_panel(qtbot, p)
    assert panel.resultaat().gegevens["methode"] == "gemeentefonds"
    assert sum(budgets(panel)) == 1_000_000
    panel.form.methode.setCurrentIndex(panel.form.methode.findData("inwoners"))
    assert budgets(panel) == [166_667, 333_333, 500_000]
    assert laad(p).methode == "inwoners"
    # the panel shows exactly what the CLI/report producer computes from the stored settings
    assert maak_resultaat(p, laad(p)).to_json() == panel.resultaat().to_json()


def test_excluding_a_budget_line_and_a_reserve(qtbot):
    p = project()
    panel = make_panel(qtbot, p)
    panel.form.methode.setCurrentIndex(panel.form.methode.findData("inwoners"))
    row = next(r for r in range(panel.form.regels.rowCount())
               if panel.form.regels.item(r, 0).data(Qt.ItemDataRole.UserRole) == "6.2 Wijkteams")
    panel.form.regels.item(row, 1).setCheckState(Qt.CheckState.Unchecked)
    assert laad(p).uitgesloten == ["6.2 Wijkteams"]
    assert sum(budgets(panel)) == 600_000
    panel.form.reserve_pct.setValue(10.0)
    assert sum(budgets(panel)) == 540_000
    assert "Te verdelen over de wijken: € 540.000" in panel.form.som.text()


def test_editing_a_weight_recomputes_at_once(qtbot):
    p = project()
    panel = make_panel(qtbot, p)
    panel.form.methode.setCurrentIndex(panel.form.methode.findData("75plus"))
    assert budgets(panel) == [250_000, 250_000, 500_000]
    table = panel.form.gewichten
    assert table.rowCount() == 1
    # add inwoners through "eigen gewichten": start from the key on screen, then type a weight
    panel.form.methode.setCurrentIndex(panel.form.methode.findData("eigen"))
    assert laad(p).gewichten == {"inwoners_75plus": 1.0}
    table.item(0, 1).setText("10")
    assert budgets(panel) == [250_000, 250_000, 500_000]  # scaling one weight alone changes nothing
    p.set_choice(SECTIE, laad(p).met(gewichten={"inwoners_75plus": 10.0, "inwoners": 1.0}).to_json())
    assert budgets(panel) == [200_000, 300_000, 500_000]
    table = panel.form.gewichten
    assert table.rowCount() == 2
    row = next(r for r in range(2) if table.item(r, 0).data(Qt.ItemDataRole.UserRole) == "inwoners")
    table.item(row, 1).setText("-3")
    assert "negatief" in panel.form.fout.text()
    assert laad(p).gewichten["inwoners"] == 1.0


def test_ingroeipad_shows_a_table(qtbot):
    p = project()
    p.set_choice(SECTIE, VerdeelInstellingen(methode="inwoners",
                                             huidige_verdeling={"A": 300_000, "B": 300_000, "C": 400_000}).to_json())
    panel = make_panel(qtbot, p)
    panel.form.ingroei.setChecked(True)
    panel.form.ingroei_pct.setValue(10.0)
    panel.form.ingroei_jaren.setValue(2)
    r = panel.resultaat()
    ingroei = r.tabel("ingroei").data
    # target 166.667 / 333.333 / 500.000: A loses its cap (−30.000); B (+30.000 allowed) and C (+40.000)
    # share those 30.000 in proportion to their capped gains 30:40.
    assert ingroei["jaar_1"].tolist() == [270_000, 312_857, 417_143]
    assert [k.label for k in r.tabel("ingroei").kolommen][-3:] == ["Jaar 2025", "Jaar 2026", "Nieuw"]
    assert laad(p).ingroei_procent == 10.0 and laad(p).ingroei_jaren == 2
