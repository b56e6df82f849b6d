"""Issue 18: every choice of the Positie questionnaire is readable at 1280×720, not cut to "inspanningsgericl".

The laptop fit test (test_laptop_fit.py) lets combo boxes shorten their text; the questionnaire may not:
its closed boxes show each choice's short wording in full, its open lists every full label, and the
inkoop answers have a row each so their boxes get the width of the column.
"""
from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox

from fakes import FakeContext
from wijkkompas import resources
from wijkkompas.core.project import Project
from wijkkompas.core.typology import BREEDTE, ORGANISATIEMODELLEN
from wijkkompas.gui.app import create_application
from wijkkompas.gui.panels.positie import create_panel
from wijkkompas.gui.positie_form import KeuzeCombo

# The Positie panel's size inside the main window at 1280×720 (sidebar 220 px, menu and status bar),
# and the questionnaire column the splitter gives it there.
PANEL_SIZE = (1060, 670)
FORM_COLUMN = 380


@pytest.fixture
def form(qtbot):
    create_application()
    project = Project(gemeente_code="GM0150")
    project.choices["positie"] = json.loads(resources.path("demo", "positie_antwoorden.json").read_text("utf-8"))
    context = FakeContext(project)
    panel = create_panel(context)
    context.attach(panel)
    qtbot.addWidget(panel)
    panel.resize(*PANEL_SIZE)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.splitter.widget(0).width() <= FORM_COLUMN  # not roomier than on the laptop
    return panel.form


def _text_room(combo: QComboBox) -> int:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    return combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                        QStyle.SubControl.SC_ComboBoxEditField, combo).width()


def test_every_choice_fits_its_closed_box(form):
    combos = form.findChildren(QComboBox)
    assert len(combos) == 10 and all(isinstance(c, KeuzeCombo) for c in combos)
    cut = []
    for combo in combos:
        room = _text_room(combo)
        for index in range(combo.count()):
            needed = combo.fontMetrics().horizontalAdvance(combo.face_text(index))
            if needed > room:
                cut.append(f"{combo.objectName()}: '{combo.face_text(index)}' {needed} > {room} px")
    assert cut == []


def test_open_list_shows_full_labels_and_the_help_text_the_full_choice(qtbot, form):
    combo = form.breedte
    longest = max(combo.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
    assert combo.popup_width() > longest > combo.width()  # label 4 is longer than the box: the list is wider
    assert combo.itemText(3) == f"4 – {BREEDTE[3].label}" and combo.face_text(3) == f"4 – {BREEDTE[3].kort}"
    combo.showPopup()
    try:
        assert combo.view().width() >= combo.popup_width() - 2
    finally:
        combo.hidePopup()
    # the closed box shows the short wording; the help text below and screen readers get the full choice
    assert form.breedte_help.text().startswith(f"Gekozen: {combo.currentText()}.")
    assert combo.currentText() == f"3 – {BREEDTE[2].label}" != combo.face_text()
    model = form.organisatiemodel
    index = model.findData("A2")
    assert model.itemText(index) == f"A2 – {ORGANISATIEMODELLEN[1].label}"
    assert len(model.face_text(index)) < len(model.itemText(index))


def test_inkoop_answers_show_the_research_labels(form):
    bekostiging, contract, toetreding = form.products["begeleiding"]
    assert bekostiging.currentText() == bekostiging.face_text() == "outputgericht (arrangement)"
    assert contract.face_text() == "raamovereenkomst"
    assert toetreding.isChecked() and toetreding.text() == "tussentijds toetreden mogelijk"
