"""The Effectmeting panel driven as a user would: choose wijken and a start, compute, read the answer; signals."""
from __future__ import annotations

from PySide6.QtCore import Qt

from fakes import FakeContext
from wijkkompas.core.effect.simulatie import genereer_project
from wijkkompas.core.project import Project
from wijkkompas.gui.app import create_application
from wijkkompas.gui.panels.effect import EffectPanel, create_panel
from wijkkompas.gui.resultaat_view import GrafiekWidget, visible_label_texts


def make_panel(qtbot, project: Project) -> EffectPanel:
    create_application()
    context = FakeContext(project)
    panel = create_panel(context)
    context.attach(panel)
    qtbot.addWidget(panel)
    panel.resize(1366, 700)
    panel.show()
    qtbot.waitExposed(panel)
    panel.on_shown()
    return panel


def check(panel, codes):
    for row in range(panel.form.wijken.count()):
        item = panel.form.wijken.item(row)
        if item.data(Qt.ItemDataRole.UserRole) in codes:
            item.setCheckState(Qt.CheckState.Checked)


def test_empty_project_says_what_to_do(qtbot):
    panel = make_panel(qtbot, Project())
    assert not panel.form.isEnabled()
    assert panel.naar_import.isVisible()
    assert any("Import" in t for t in visible_label_texts(panel.effect_view))
    assert panel.resultaat() is None


def test_user_asks_the_question_and_reads_the_answer(qtbot):
    project = genereer_project(7)
    panel = make_panel(qtbot, project)
    assert panel.form.wijken.count() == 15
    panel.form.uitkomst.setCurrentIndex(panel.form.uitkomst.findData("instroom_per_1000"))
    check(panel, {"W03", "W06", "W09", "W12", "W15"})
    qtbot.keyClicks(panel.form.start, "2023-01")
    qtbot.mouseClick(panel.form.knop, Qt.MouseButton.LeftButton)
    res = panel.resultaat()
    assert res is not None and res.onderdeel == "effect"
    stored = project.choices["effect"]
    assert stored["wijken"] == ["W03", "W06", "W09", "W12", "W15"] and stored["uitkomst"] == "instroom_per_1000"
    texts = visible_label_texts(panel.effect_view)
    assert any("Conclusie" in t for t in texts)
    assert any("wild cluster bootstrap" in t for t in texts)
    charts = [w.grafiek.naam for w in panel.effect_view.findChildren(GrafiekWidget) if w.grafiek]
    assert "event_study" in charts
    event = res.grafiek("event_study")
    assert any(r.naam == "nul" for r in event.reeksen)          # the zero line
    assert any(r.laag is not None for r in event.reeksen)       # intervals


def test_bad_question_shows_the_dutch_message_inline(qtbot):
    panel = make_panel(qtbot, genereer_project(7))
    check(panel, {"W03"})
    qtbot.keyClicks(panel.form.start, "2040-01")
    qtbot.mouseClick(panel.form.knop, Qt.MouseButton.LeftButton)
    assert panel.form.fout.isVisible() and "buiten de gegevens" in panel.form.fout.text()
    assert panel.context.errors == []


def test_stored_question_is_answered_on_open_and_signals_tab(qtbot):
    project = genereer_project(7)
    project.choices["effect"] = {"wijken": ["W03", "W06", "W09", "W12", "W15"], "start": "2023-01",
                                 "trekkingen": 499}
    panel = make_panel(qtbot, project)
    assert panel.resultaat() is not None
    panel.tabs.setCurrentIndex(1)
    sig = panel.resultaat()
    assert sig is not None and sig.onderdeel == "signalen"
    assert sig.gegevens["uitschieters"] == ["A3"]
    panel.signaal_form.groep.setCurrentIndex(panel.signaal_form.groep.findData("team"))
    assert panel.resultaat().gegevens["groep"] == "team"
    assert project.choices["signalen"]["groep"] == "team"
