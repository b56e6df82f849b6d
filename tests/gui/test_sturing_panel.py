"""The Sturing panel driven as a user would; what it shows equals the core's (and CLI's) Resultaat."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt

from fakes import FakeContext
from wijkkompas.core.project import Project
from wijkkompas.core.sturing import SturingInstellingen, bereken_monitor
from wijkkompas.core.sturing.resultaat import lijnen_json
from wijkkompas.gui.app import create_application
from wijkkompas.gui.panels.sturing import SturingPanel, create_panel
from wijkkompas.gui.resultaat_view import visible_label_texts

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from sturing_fixtures import lijn_tabellen


def make_panel(qtbot, p: Project) -> SturingPanel:
    create_application()
    context = FakeContext(p)
    panel = create_panel(context)
    context.attach(panel)
    qtbot.addWidget(panel)
    panel.resize(1146, 700)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def test_bereken_shows_the_monitor_and_stores_the_settings(qtbot):
    p = Project(naam="Fixture", tables=lijn_tabellen())
    panel = make_panel(qtbot, p)
    panel.jaar.setValue(2024)
    panel.peildatum.setText("31-12-2024")
    panel.beleid.setCurrentIndex(panel.beleid.findData("overschrijding"))
    panel.regime.setCurrentIndex(panel.regime.findData("A"))
    qtbot.mouseClick(panel.knop, Qt.MouseButton.LeftButton)
    shown = panel.resultaat()
    inst = SturingInstellingen(jaar=2024, peildatum="31-12-2024", beleid_na_plafond="overschrijding", regime="A")
    assert shown.gegevens["lijnen"] == lijnen_json(bereken_monitor(p.tables, inst))
    assert p.choices["sturing"]["beleid_na_plafond"] == "overschrijding" and p.choices["sturing"]["regime"] == "A"
    qtbot.waitUntil(lambda: bool(visible_label_texts(panel.view_uitputting)))
    texts = " ".join(visible_label_texts(panel.view_uitputting))
    assert "declaratieachterstand: 2 maand" in texts
    panel.tabs.setCurrentIndex(1)
    assert panel.resultaat().titel == "Volumeregime A per team"
    qtbot.waitUntil(lambda: bool(visible_label_texts(panel.view_regime)))
    assert "Volumerisico bij: gemeente" in " ".join(visible_label_texts(panel.view_regime))
    panel.tabs.setCurrentIndex(2)
    cards = panel.resultaat().bevindingen
    assert cards and {c.sterkte for c in cards} <= {"kwalitatief", "beschrijvend"}
    assert not shown.bevindingen      # the cards have their own tab, not repeated under the monitor


def test_bad_peildatum_is_a_dutch_message_not_a_crash(qtbot):
    panel = make_panel(qtbot, Project(naam="Fixture", tables=lijn_tabellen()))
    panel.peildatum.setText("2024-12-31")
    qtbot.mouseClick(panel.knop, Qt.MouseButton.LeftButton)
    text, level = panel.bar.messages()["invoer"]
    assert level == "error" and "dd-mm-jjjj" in text
    assert panel.resultaat() is None and panel.knop.isEnabled()


def test_without_data_the_panel_says_what_to_do(qtbot):
    panel = make_panel(qtbot, Project(naam="Leeg"))
    qtbot.mouseClick(panel.knop, Qt.MouseButton.LeftButton)
    text, level = panel.bar.messages()["invoer"]
    assert level == "warning" and "Import" in text
    assert "klik op 'Bereken'" in " ".join(visible_label_texts(panel.view_uitputting))
    assert panel.view_bekostiging.resultaat.bevindingen      # Bijlage III cards need no data
