"""Rapport panel, "Exporteer…" and copy-to-Excel, driven as a user would (qtbot), with fake registered sections."""
from __future__ import annotations

import sys
import types

import openpyxl
import pandas as pd
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from fakes import FakeContext
from wijkkompas.core import onderdelen as registry
from wijkkompas.core.project import Project, SourceFile
from wijkkompas.core.resultaat import Bron, Formaat, Kolom, Resultaat, Tabel, gegevensbasis_van
from wijkkompas.gui import export_actions
from wijkkompas.gui.app import create_application, create_main_window
from wijkkompas.gui.panels.rapport import SLUG_ROLE, create_panel
from wijkkompas.gui.resultaat_view import tabel_view


def _tabel() -> Tabel:
    frame = pd.DataFrame({"wijk": ["W01", "=HYPERLINK(\"x\")"], "budget": [1234567.5, -99.0],
                          "aandeel": [0.123, 0.877], "peildatum": pd.to_datetime(["2024-01-31", "2024-02-29"])})
    return Tabel("t", "Budget per wijk", frame, [
        Kolom("wijk", "Wijk"), Kolom("budget", "Budget", Formaat.EURO, "€"),
        Kolom("aandeel", "Aandeel", Formaat.PROCENT, decimalen=1), Kolom("peildatum", "Peildatum", Formaat.DATUM)])


def _produce(project, progress=None):
    return Resultaat("proef", "Proefonderdeel", samenvatting=["Proefsamenvatting voor het voorbeeld."],
                     tabellen=[_tabel()], bronnen=[Bron("CBS", "Proefbron", 2024)],
                     gegevensbasis=gegevensbasis_van(project))


@pytest.fixture
def proef_onderdelen(monkeypatch):
    module = types.ModuleType("proef_gui_onderdeel")
    module.produceer = _produce
    monkeypatch.setitem(sys.modules, "proef_gui_onderdeel", module)
    monkeypatch.setattr(registry, "ONDERDELEN", (
        registry.Onderdeel("proef", "Proefonderdeel", "proef_gui_onderdeel:produceer", nodig=("wijken",)),
        registry.Onderdeel("budgetten", "Budgetten", "proef_gui_onderdeel:produceer", nodig=("budget",)),
    ))


@pytest.fixture
def panel(qtbot, proef_onderdelen):
    create_application()
    project = Project(naam="Proefstad")
    project.add_table("wijken", pd.DataFrame({"wijk_code": ["W01", "W02"]}),
                      SourceFile("wijken.xlsx", "ab" * 32, "wijken", "wijken"))
    context = FakeContext(project)
    widget = create_panel(context)
    context.attach(widget)
    qtbot.addWidget(widget)
    widget.resize(1150, 700)
    widget.show()
    widget.notify(frozenset({"*"}))
    return widget


def _row(panel, slug):
    return next(panel.list.item(i) for i in range(panel.list.count()) if panel.list.item(i).data(SLUG_ROLE) == slug)


def test_lists_sections_with_what_is_missing(panel):
    assert panel.list.count() == 2
    assert _row(panel, "proef").checkState() == Qt.CheckState.Checked
    missing = _row(panel, "budgetten")
    assert not missing.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert "Nodig: de tabel 'budget' (importeren)." in missing.text()
    assert panel.gekozen() == ["proef"]


def test_clicking_a_section_previews_it(panel, qtbot):
    row = _row(panel, "proef")
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=panel.list.visualItemRect(row).center())
    assert panel.preview_title.text() == "Voorbeeld: Proefonderdeel"
    assert panel.resultaat() is not None and panel.resultaat().titel == "Proefonderdeel"
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.list.visualItemRect(_row(panel, "budgetten")).center())
    assert panel.resultaat() is None and "kan nog niet in het rapport" in panel.preview_note.text()


def test_export_buttons_write_the_chosen_sections(panel, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "rapport.xlsx"
    asked = []
    monkeypatch.setattr(export_actions, "vraag_pad", lambda *a: asked.append(a[2]) or target)
    qtbot.mouseClick(panel.export_buttons[".xlsx"], Qt.MouseButton.LeftButton)
    assert asked and asked[0].endswith(".xlsx") and "Proefstad - rapport" in asked[0]
    assert target.exists() and f"Geschreven: {target}" in panel.result_label.text()
    assert "Niet opgenomen" not in panel.result_label.text()  # greyed sections are not asked for
    assert openpyxl.load_workbook(target).sheetnames == ["Over dit rapport", "Proefonderdeel"]
    qtbot.mouseClick(panel.none_button, Qt.MouseButton.LeftButton)
    assert not any(b.isEnabled() for b in panel.export_buttons.values())


def test_exporteer_menu_action_exports_the_current_panel(qtbot, tmp_path, monkeypatch, proef_onderdelen):
    create_application()
    window = create_main_window()
    monkeypatch.setattr(window, "ask_save_changes", lambda: "niet_opslaan")
    qtbot.addWidget(window)
    assert window.action_export in window.menuBar().actions()[0].menu().actions()
    window.show_panel("start")
    infos = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: infos.append(a[2]))
    window.action_export.trigger()
    assert infos and "nog geen resultaat" in infos[0]
    panel = window.show_panel("rapport")
    panel._preview = _produce(window.project)
    target = tmp_path / "deel.docx"
    monkeypatch.setattr(export_actions, "vraag_pad", lambda *a: target)
    window.action_export.trigger()
    qtbot.waitUntil(target.exists, timeout=60_000)
    import docx

    qtbot.waitUntil(lambda: "Geschreven" in window.status_label.text(), timeout=60_000)
    assert docx.Document(str(target)).tables[0].rows[1].cells[1].text == "€ 1.234.568"


def _select(view, cells):
    selection = view.selectionModel()
    selection.clearSelection()
    for row, column in cells:
        selection.select(view.model().index(row, column), QItemSelectionModel.SelectionFlag.Select)


def test_copy_gives_raw_numbers_and_an_html_table(qtbot):
    create_application()
    view = tabel_view(_tabel())
    qtbot.addWidget(view)
    view.show()
    _select(view, [(0, 1)])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text() == "1234567,5"  # one cell: no header, no € sign, no thousands dots
    view.selectAll()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    mime = QGuiApplication.clipboard().mimeData()
    lines = mime.text().split("\n")
    assert lines[0].split("\t") == ["Wijk", "Budget (€)", "Aandeel", "Peildatum"]
    assert lines[1].split("\t") == ["W01", "1234567,5", "0,123", "31-01-2024"]
    assert lines[2].split("\t") == ["'=HYPERLINK(\"x\")", "-99", "0,877", "29-02-2024"] or \
        lines[2].split("\t") == ["'=HYPERLINK(\"x\")", "-99,0", "0,877", "29-02-2024"]
    assert mime.hasHtml()
    document = mime.html()
    assert 'x:num="1234567.5"' in document and "€ 1.234.568" in document and "0.0%" in document
    assert "<th>Budget (€)</th>" in document and "mso-number-format:'\\@'" in document


def test_export_button_writes_what_the_panel_shows(panel, qtbot, tmp_path, monkeypatch):
    button = export_actions.export_button(panel)
    qtbot.addWidget(button)
    infos = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: infos.append(a[1]))
    monkeypatch.setattr(export_actions, "vraag_pad", lambda *a: pytest.fail("no dialog without a result"))
    with monkeypatch.context() as patch:
        patch.setattr(panel, "resultaat", lambda: None)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert infos == ["Niets om te exporteren"]  # nothing shown: says so, asks nothing, writes nothing
    panel.list.setCurrentRow(0)
    target = tmp_path / "proef.pdf"
    monkeypatch.setattr(export_actions, "vraag_pad", lambda *a: target)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF")
    assert any(s.startswith(f"Geschreven: {target}") for s in panel.context.statuses)
