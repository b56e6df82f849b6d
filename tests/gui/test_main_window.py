"""The main window driven as a user would: navigation, save/open, autosave, recovery, tasks, errors."""
from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from wijkkompas import __version__
from wijkkompas.core import appdata
from wijkkompas.core.autosave import AutosaveStore
from wijkkompas.core.errors import ProjectError
from wijkkompas.core.logsetup import configure_logging, log_file
from wijkkompas.core.project import Project
from wijkkompas.gui import bestandsdialoog
from wijkkompas.gui.app import create_application, create_main_window
from wijkkompas.gui.errors import handle_exception
from wijkkompas.gui.panels import PANELS
from wijkkompas.gui.panels.base import Panel
from wijkkompas.gui.panels.unavailable import UnavailablePanel


@pytest.fixture
def window(qtbot, monkeypatch):
    create_application()
    win = create_main_window()
    # pytest-qt closes widgets before fixture teardown; a modal "save changes?" box would block forever.
    monkeypatch.setattr(win, "ask_save_changes", lambda: "niet_opslaan")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def click_nav(qtbot, win, slug: str) -> None:
    row = [s.slug for s in PANELS].index(slug)
    item = win.nav.item(row)
    rect = win.nav.visualItemRect(item)
    qtbot.mouseClick(win.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_every_registered_panel_is_reachable_through_navigation(qtbot, window):
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [s.title for s in PANELS]
    for spec in PANELS:
        click_nav(qtbot, window, spec.slug)
        current = window.stack.currentWidget()
        assert current.objectName() == f"panel_{spec.slug}"
        if spec.module is None:
            assert isinstance(current, UnavailablePanel)
            assert "nog niet beschikbaar" in current.status_label.text()
        else:
            assert isinstance(current, Panel), f"{spec.slug} failed to load: {getattr(current, 'status_label', None) and current.status_label.text()}"
    assert window.settings.get("window/last_panel") == PANELS[-1].slug


def test_start_panel_buttons_navigate(qtbot, window):
    window.show_panel("start")
    button = window.stack.currentWidget().findChild(object, "step_positie")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget().objectName() == "panel_positie"


def test_save_reopen_and_recent_files(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "mijn analyse.wkp"
    window.project.set_gemeente("GM0150")
    window.project.set_choice("positie", {"toegang": {"breedte": 2}})
    assert window.isWindowModified()
    monkeypatch.setattr(bestandsdialoog, "opslaan_als", lambda *a, **k: (str(target), ""))
    window.action_save.trigger()
    assert target.is_file()
    assert not window.isWindowModified()
    assert "mijn analyse.wkp" in window.windowTitle()

    window.action_new.trigger()
    assert window.project.gemeente_code is None

    monkeypatch.setattr(bestandsdialoog, "open_bestand", lambda *a, **k: str(target))
    window.action_open.trigger()
    assert window.project.gemeente_code == "GM0150"
    assert window.project.choices["positie"] == {"toegang": {"breedte": 2}}
    assert window.settings.recent_files()[0] == str(target.resolve())
    recent_actions = window.recent_menu.actions()
    assert recent_actions and recent_actions[0].data() == str(target.resolve())


def test_unnamed_project_takes_the_file_name_on_screen_after_save_as(qtbot, window, tmp_path, monkeypatch):
    """Defect 4 of issue 18: after Opslaan als and reopening, the Start header shows the file's name, not
    'Naamloos project' (the title bar showed the file name while the panels did not)."""
    target = tmp_path / "Wmo analyse 2026.wkp"
    window.project.set_gemeente("GM0150")
    monkeypatch.setattr(bestandsdialoog, "opslaan_als", lambda *a, **k: (str(target), ""))
    window.action_save_as.trigger()
    start = window.show_panel("start")
    assert start.title_label.text() == "Wmo analyse 2026"
    window.action_new.trigger()
    monkeypatch.setattr(bestandsdialoog, "open_bestand", lambda *a, **k: str(target))
    window.action_open.trigger()
    start = window.show_panel("start")
    assert start.title_label.text() == "Wmo analyse 2026"
    assert "Naamloos" not in " ".join(label.text() for label in start.findChildren(type(start.title_label)))


def test_opening_a_broken_project_shows_dutch_error_and_keeps_current(qtbot, window, tmp_path):
    broken = tmp_path / "kapot.wkp"
    broken.write_bytes(b"geen zip")
    window.project.set_gemeente("GM0014")
    assert window.open_project(broken) is False
    assert window.project.gemeente_code == "GM0014"
    dialog = window.findChild(QMessageBox, "errorDialog")
    assert dialog is not None and "geen geldig Wijkkompas-project" in dialog.text()


def test_autosave_timer_writes_a_copy_only_when_dirty(qtbot, window):
    assert window._autosave_timer.interval() == 3 * 60_000
    assert window.autosave_now() is None
    window.project.set_gemeente("GM0150")
    window._autosave_timer.timeout.emit()
    pending = AutosaveStore(appdata.autosave_dir()).pending()
    assert [e.project_id for e in pending] == [window.project.project_id]


def test_crash_recovery_on_next_start(qtbot, tmp_path, monkeypatch):
    create_application()
    saved = Project(naam="Kadernota 2027")
    saved.save(tmp_path / "kadernota.wkp")
    saved.set_gemeente("GM0363")  # changed after the last save...
    AutosaveStore(appdata.autosave_dir()).write(saved)  # ...autosaved, then the app "crashes"

    win = create_main_window()
    monkeypatch.setattr(win, "ask_save_changes", lambda: "niet_opslaan")
    qtbot.addWidget(win)
    asked = []
    monkeypatch.setattr(win, "ask_recovery", lambda entry: asked.append(entry) or "herstellen")
    assert win.offer_recovery() is True
    assert asked[0].naam == "Kadernota 2027"
    assert win.project.gemeente_code == "GM0363"
    assert win.project.dirty and win.project.path == tmp_path / "kadernota.wkp"
    monkeypatch.setattr(bestandsdialoog, "opslaan_als", lambda *a, **k: ("", ""))
    assert win.save_project() is True  # saves to the original file
    assert Project.load(tmp_path / "kadernota.wkp").gemeente_code == "GM0363"
    assert AutosaveStore(appdata.autosave_dir()).pending() == []


def test_recovery_can_be_declined_and_discarded(qtbot, monkeypatch):
    create_application()
    lost = Project(naam="Weg ermee")
    lost.set_gemeente("GM0014")
    AutosaveStore(appdata.autosave_dir()).write(lost)
    win = create_main_window()
    monkeypatch.setattr(win, "ask_save_changes", lambda: "niet_opslaan")
    qtbot.addWidget(win)
    monkeypatch.setattr(win, "ask_recovery", lambda entry: "verwijderen")
    assert win.offer_recovery() is False
    assert AutosaveStore(appdata.autosave_dir()).pending() == []


def test_close_with_unsaved_changes_asks_first(qtbot, window, monkeypatch):
    window.project.set_gemeente("GM0150")
    window.autosave_now()
    monkeypatch.setattr(window, "ask_save_changes", lambda: "annuleren")
    assert window.close() is False
    assert window.isVisible()
    monkeypatch.setattr(window, "ask_save_changes", lambda: "niet_opslaan")
    assert window.close() is True
    window.show()  # pytest-qt closes it again at teardown
    assert AutosaveStore(appdata.autosave_dir()).pending() == []


def slow_count(steps: int, progress=None):
    for step in range(steps):
        progress.step(step / steps, f"Stap {step + 1} van {steps}")  # stops with TaskCancelled
        time.sleep(0.01)
    return steps


def test_task_progress_and_cancel_in_status_bar(qtbot, window):
    results = []
    window.run_task(slow_count, 5, label="Rekenen", on_finished=results.append)
    assert window.progress.isVisible() and window.cancel_button.isVisible()
    qtbot.waitUntil(lambda: results == [5], timeout=5000)
    qtbot.waitUntil(lambda: not window.progress.isVisible(), timeout=2000)

    window.run_task(slow_count, 100_000, label="Lang rekenen", on_finished=results.append)
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.tasks.running(), timeout=5000)
    assert results == [5]
    assert "afgebroken" in window.status_label.text()


def test_failed_task_shows_dutch_dialog(qtbot, window):
    def fails(progress=None):
        raise ProjectError("Het bestand is beschadigd.")

    window.run_task(fails, label="Inlezen", on_finished=lambda r: None)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorDialog") is not None, timeout=5000)
    assert window.findChild(QMessageBox, "errorDialog").text() == "Het bestand is beschadigd."


def test_excepthook_logs_and_shows_dialog_without_traceback(qtbot, window):
    configure_logging()
    try:
        raise ValueError("interne fout 42")
    except ValueError as exc:
        handle_exception(type(exc), exc, exc.__traceback__)
    dialogs = [w for w in window.findChildren(QMessageBox) if w.objectName() == "errorDialog"]
    if not dialogs:  # parented to the active window, which may be None offscreen
        from PySide6.QtWidgets import QApplication

        dialogs = [w for w in QApplication.topLevelWidgets() if w.objectName() == "errorDialog"]
    assert dialogs
    dialog = dialogs[-1]
    assert "onverwachte fout" in dialog.text()
    assert "Traceback" not in dialog.text() and "Traceback" in dialog.detailedText()
    assert "interne fout 42" in log_file().read_text(encoding="utf-8")


def test_about_dialog_shows_version(qtbot, window):
    from wijkkompas.gui.about_dialog import show_about

    box = show_about(window)
    assert f"Wijkkompas {__version__}" in box.text()
    assert "geen netwerkverbinding" in box.text()
    box.close()


def test_window_geometry_is_remembered(qtbot, monkeypatch):
    """Offscreen screens are tiny, so Qt clamps sizes; check the stored state is handed back."""
    from wijkkompas.gui.main_window import MainWindow

    create_application()
    first = create_main_window()
    qtbot.addWidget(first)
    first.show()
    first.close()
    stored = first.settings.get("window/geometry")
    assert not stored.isEmpty()
    restored = []
    monkeypatch.setattr(MainWindow, "restoreGeometry", lambda self, data: restored.append(bytes(data)) or True)
    second = create_main_window()
    qtbot.addWidget(second)
    assert restored == [bytes(stored)]


def test_qt_standard_buttons_are_dutch(qtbot):
    from PySide6.QtWidgets import QDialogButtonBox

    create_application()
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(box)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts == {"Opslaan", "Annuleren"}


def test_missing_pseudonym_key_is_announced(qtbot, window, tmp_path):
    import pandas as pd

    elsewhere = Project(naam="Van een collega")
    elsewhere.add_table("toewijzingen", pd.DataFrame({"client_id": ["P-0a1b2c3d4e5f6a7b"]}))
    path = elsewhere.save(tmp_path / "collega.wkp")
    assert window.open_project(path)
    secret = window.pseudonym_secret()
    assert len(secret) == 32
    assert "sleutel voor de pseudoniemen" in window.status_label.text()
    window.status_label.clear()
    assert window.pseudonym_secret() == secret
    assert window.status_label.text() == "", "warned only while the key was missing"


def test_a_panel_that_fails_to_load_says_so_in_dutch_without_internals(qtbot):
    from wijkkompas.gui.panels import spec_for
    from wijkkompas.gui.panels.unavailable import UnavailablePanel

    page = UnavailablePanel(spec_for("import"), error=ImportError("cannot import name 'x' from 'y'"))
    qtbot.addWidget(page)
    text = page.status_label.text()
    assert "kon niet worden geladen" in text and "ImportError" not in text and "cannot" not in text


def test_start_panel_names_imported_files_by_their_dutch_kind(qtbot):
    from fakes import FakeContext

    from wijkkompas.core.project import Project, SourceFile
    from wijkkompas.gui.app import create_application
    from wijkkompas.gui.panels.start import create_panel

    import pandas as pd

    create_application()
    project = Project()
    project.add_table("toewijzingen", pd.DataFrame({"a": [1]}),
                      SourceFile(naam="t.xlsx", sha256="ab" * 32, soort="toewijzingen", tabel="toewijzingen"))
    context = FakeContext(project)
    panel = create_panel(context)
    context.attach(panel)
    qtbot.addWidget(panel)
    panel.notify(frozenset({"*"}))
    assert "Toewijzingen (beschikkingen)</b>: t.xlsx" in panel.files_label.text()
