"""The 'Gemeente & benchmark' panel driven as a user would (qtbot), on the real reference data."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fakes import FakeContext
from wijkkompas.core.project import Project
from wijkkompas.gui.app import create_application
from wijkkompas.gui.panels.gemeente import GemeentePanel, create_panel


@pytest.fixture
def make_panel(qtbot):
    create_application()

    def make(code: str | None) -> GemeentePanel:
        project = Project()
        if code:
            project.set_gemeente(code)
        context = FakeContext(project)
        panel = create_panel(context)
        context.attach(panel)
        qtbot.addWidget(panel)
        panel.resize(1300, 1800)
        panel.show()
        panel.notify(frozenset({"*"}))
        return panel

    return make


def test_shows_deventer_cards_charts_and_tables(make_panel):
    panel = make_panel("GM0150")
    cards = panel._card_texts()
    assert cards["inwoners"] == "104.621"
    assert cards["klasse"] == "zwaar" and cards["rang"] == "105 van 342"
    assert "Deventer" in panel.title_label.text()
    assert panel.class_bar.klasse == "zwaar" and 0.6 <= panel.class_bar.marker_fraction() <= 0.8
    assert set(panel.decomposition.values) == {"ephh", "lidr_w_nw", "inw75+dr", "kernen", "LOdr", "cf.regionaal"}
    assert panel.benchmark_model.rowCount() == 6
    # The in-sample coverage of the 80% band is stated, e.g. "6.6 94%" (it is not 80% for every measure).
    coverage = panel.view.resultaat.gegevens["benchmark"]["6.6"]["dekking_80"]
    assert f"6.6 {round(coverage * 100)}%" in panel.benchmark_note.text()
    assert panel.peers_model.rowCount() == 10
    assert panel.spending_model.rowCount() == 12
    assert panel.scatter.highlight_label.toPlainText() == "Deventer"
    # The per-volwassene denominator (one gemeentefonds vintage for every year) is named under the table.
    assert "volwassenen volgens de gemeentefondsvolumina" in panel.spending_note.text()
    for chart in (panel.decomposition, panel.scatter):
        text = chart.source_label.text()
        assert text.startswith("Bron:") and ("2023" in text or "2025" in text)
    assert "€ per volwassene" == panel.scatter.plot.getAxis("left").labelText
    assert "€ per inwoner" in panel.decomposition.plot.getAxis("bottom").labelText


def test_typing_a_name_stores_the_choice_in_the_project(make_panel, qtbot):
    panel = make_panel("GM0150")
    panel.search.clear()
    qtbot.keyClicks(panel.search, "den haag")
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert panel.project.gemeente_code == "GM0518"
    assert panel.search.text() == "Den Haag"
    assert panel._card_texts()["inwoners"] == "572.914"
    assert panel.scatter.highlight_label.toPlainText() == "Den Haag"
    assert "'s-Gravenhage" in panel.message.text()


def test_unknown_name_shows_suggestions_and_keeps_the_project(make_panel, qtbot):
    panel = make_panel("GM0150")
    panel.search.clear()
    qtbot.keyClicks(panel.search, "Amsterdm")
    qtbot.mouseClick(panel.choose_button, Qt.MouseButton.LeftButton)
    assert panel.project.gemeente_code == "GM0150"
    shown = panel.messages.messages()["keuze"]
    assert shown[1] == "error" and "niet gevonden" in shown[0] and "Amsterdam" in shown[0]


def test_completion_offers_all_342_names(make_panel):
    panel = make_panel(None)
    model = panel.search.completer().model()
    assert model.rowCount() == 342
    completer = panel.search.completer()
    completer.setCompletionPrefix("hertogen")
    assert completer.currentCompletion() == "'s-Hertogenbosch"


def test_panel_follows_the_project_when_another_is_opened(make_panel):
    panel = make_panel("GM0150")
    other = Project()
    other.set_gemeente("GM0344")
    panel.context.set_project(other)
    assert panel.view.kaart.code == "GM0344"
    assert panel.search.text() == "Utrecht"


def test_choosing_a_measure_redraws_the_scatter(make_panel, qtbot):
    panel = make_panel("GM0150")
    before = panel.context.tasks
    index = panel.measure.findData("6.71b")
    panel.measure.setCurrentIndex(index)
    assert panel.context.tasks == before + 1
    assert panel.view.maat == "6.71b"
    assert "Begeleiding" in panel.scatter.plot.plotItem.titleLabel.text
    assert panel.project.choices["benchmark"] == {"versie": 1, "maat": "6.71b"}


def test_measure_stored_in_a_project_is_shown_when_it_is_opened(make_panel):
    panel = make_panel("GM0150")
    other = Project()
    other.set_gemeente("GM0344")
    other.set_choice("benchmark", {"maat": "6.2"})
    panel.context.set_project(other)
    assert panel.current_measure() == "6.2"
    assert panel.view.maat == "6.2"


def test_empty_project_asks_to_choose(make_panel):
    panel = make_panel(None)
    assert "Kies uw gemeente" in panel.message.text()
    assert panel.benchmark_model.rowCount() == 0
    assert panel.context.tasks == 0


def test_in_the_main_window_the_demo_gemeente_is_shown(qtbot):
    from wijkkompas.gui.app import create_main_window, initial_project

    create_application()
    window = create_main_window(initial_project(True, None))
    qtbot.addWidget(window)
    window.show()
    window.show_panel("gemeente")
    panel = window.panels()["gemeente"]
    qtbot.waitUntil(lambda: panel.view is not None, timeout=60_000)
    assert panel.view.kaart.code == "GM0150"
    window.project.dirty = False
    window.tasks.cancel_all()


def test_empty_field_says_what_to_type(make_panel, qtbot):
    panel = make_panel(None)
    qtbot.mouseClick(panel.choose_button, Qt.MouseButton.LeftButton)
    text, level = panel.messages.messages()["keuze"]
    assert "Typ een gemeentenaam of CBS-code" in text and level == "info"


def test_same_gemeente_under_another_spelling_keeps_the_subtitle(make_panel, qtbot):
    panel = make_panel("GM0150")
    before = panel.message.text()
    assert "Deventer (GM0150)" in before
    panel.search.clear()
    qtbot.keyClicks(panel.search, "gm0150")
    qtbot.mouseClick(panel.choose_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == before


def test_chooser_stays_visible_outside_the_scrolling_body(make_panel):
    from PySide6.QtWidgets import QScrollArea

    panel = make_panel("GM0150")
    scroll = panel.findChild(QScrollArea)
    assert not scroll.widget().isAncestorOf(panel.search)
    assert scroll.widget().isAncestorOf(panel.scatter)


def test_charts_show_words_not_invented_axes_before_a_gemeente_is_chosen(make_panel):
    panel = make_panel(None)
    for chart in (panel.decomposition, panel.scatter):
        assert chart.plot.isHidden() and not chart.empty_label.isHidden()
        assert "zodra u een gemeente kiest" in chart.empty_label.text()
