"""Help › Handleiding, Systeeminformatie and Logmap openen, driven through the Help menu as a user would."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from wijkkompas import __version__
from wijkkompas.core import appdata
from wijkkompas.core.typology.evidence import STERKTES
from wijkkompas.gui import systeeminfo_dialog
from wijkkompas.gui.app import create_application, create_main_window
from wijkkompas.gui.handleiding_dialog import HandleidingDialog
from wijkkompas.gui.panels import PANELS
from wijkkompas.gui.systeeminfo_dialog import SysteeminfoDialog


@pytest.fixture
def window(qtbot):
    create_application()
    win = create_main_window()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def trigger_help(win, text: str) -> None:
    help_menu = next(a.menu() for a in win.menuBar().actions() if a.text() == "&Help")
    action = next(a for a in help_menu.actions() if a.text().replace("&", "") == text)
    action.trigger()


def open_dialog(qtbot, win, text: str, cls):
    trigger_help(win, text)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible()]
    assert dialogs, f"Help › {text} opende geen venster"
    qtbot.addWidget(dialogs[-1])
    return dialogs[-1]


def test_systeeminfo_shows_versions_data_and_folders_and_copies_them(qtbot, window):
    dialog = open_dialog(qtbot, window, "Systeeminformatie", SysteeminfoDialog)
    text = dialog.text()
    assert f"Wijkkompas: {__version__}" in text
    assert "Platform-plugin: offscreen" in text  # what IT needs when no window appears
    assert "pandas:" in text and "statsmodels:" in text and "Qt for Python (PySide6):" in text
    assert "gemeenten.csv: sha256 " in text
    assert str(appdata.data_dir()) in text and str(appdata.key_dir()) in text
    assert "schrijven: ja" in text and "[PROBLEEM]" not in text
    shown = dialog.browser.toPlainText()
    assert "Referentiegegevens" in shown and str(appdata.log_dir()) in shown

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == text
    assert dialog.copy_button.text().startswith("Gekopieerd")


def test_log_folder_is_one_click_away(qtbot, window, monkeypatch):
    opened: list[Path] = []
    monkeypatch.setattr(systeeminfo_dialog, "open_folder", lambda path: opened.append(path) or True)
    trigger_help(window, "Logmap openen")
    assert opened == [appdata.log_dir()]

    dialog = open_dialog(qtbot, window, "Systeeminformatie", SysteeminfoDialog)
    qtbot.mouseClick(dialog.log_button, Qt.MouseButton.LeftButton)
    assert opened == [appdata.log_dir(), appdata.log_dir()]


def test_log_folder_that_cannot_be_opened_shows_the_path(qtbot, window, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(systeeminfo_dialog, "open_folder", lambda path: False)
    monkeypatch.setattr(systeeminfo_dialog.QMessageBox, "information", lambda parent, title, text: shown.append(text))
    trigger_help(window, "Logmap openen")
    assert shown and str(appdata.log_dir()) in shown[0]


def test_handleiding_explains_every_panel_and_the_begrippen(qtbot, window):
    dialog = open_dialog(qtbot, window, "Handleiding", HandleidingDialog)
    text = dialog.plain_text()
    assert text.startswith("Handleiding Wijkkompas")  # rendered Markdown, not the raw '#'
    for spec in PANELS:
        assert spec.title in text, f"de handleiding zegt niets over het onderdeel {spec.title}"
    for begrip in ("Taakzwaarte", "CPB-type", "Inkoopprofiel", "Toetr.", *STERKTES):
        assert begrip in text, begrip
    assert "Help › Systeeminformatie" in text and "Help › Logmap openen" in text


def test_handleiding_search_finds_and_wraps(qtbot, window):
    dialog = open_dialog(qtbot, window, "Handleiding", HandleidingDialog)
    qtbot.keyClicks(dialog.search, "tussentijdse toetreding")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.browser.textCursor().selectedText().lower() == "tussentijdse toetreding"
    for _ in range(5):  # past the last hit it starts again at the top
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
        assert dialog.browser.textCursor().selectedText().lower() == "tussentijdse toetreding"
    dialog.search.setText("woord-dat-er-niet-in-staat")
    assert dialog.find_next() is False


def test_handleiding_missing_file_says_so(qtbot, monkeypatch, tmp_path):
    from wijkkompas.gui import handleiding_dialog

    monkeypatch.setattr(handleiding_dialog.resources, "path", lambda *parts: tmp_path / "bestaat-niet.md")
    create_application()
    dialog = HandleidingDialog()
    qtbot.addWidget(dialog)
    assert "niet gevonden" in dialog.plain_text()
