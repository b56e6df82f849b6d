"""Application start-up: QApplication, services, the main window, screenshots.

Kept apart from cli.py so the CLI's headless subcommands never import Qt.
"""
from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from wijkkompas import APP_NAME, ORG_NAME
from wijkkompas.core import appdata
from wijkkompas.core.autosave import AutosaveStore
from wijkkompas.core.logsetup import configure_logging
from wijkkompas.core.project import KeyStore, Project

log = logging.getLogger("wijkkompas.gui")

SCREENSHOT_SIZE = (1400, 880)


_translators: list = []  # keep installed translators alive


def install_dutch_translations(app) -> bool:
    """Qt's own texts (Opslaan/Annuleren buttons, file dialogs) in Dutch, from the .qm files PySide6 ships."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    if _translators:
        return True
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    locale = QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands)
    for name in ("qtbase", "qt"):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            _translators.append(translator)
    from wijkkompas.gui.vertaling import DutchFallbackTranslator

    fallback = DutchFallbackTranslator(app)  # file dialog texts the shipped catalogue lacks
    app.installTranslator(fallback)
    _translators.append(fallback)
    return bool(_translators)


def create_application():
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from wijkkompas.gui.style import APP_STYLE

    app = QApplication.instance()
    if app is None:
        app = QApplication([APP_NAME])
    install_dutch_translations(app)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setStyle("Fusion")
    app.setStyleSheet(APP_STYLE)
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    return app


def create_main_window(project: Project | None = None):
    from wijkkompas.gui.main_window import MainWindow
    from wijkkompas.gui.settings import Settings

    return MainWindow(
        Settings(),
        KeyStore(appdata.key_dir()),
        AutosaveStore(appdata.autosave_dir()),
        project=project,
    )


def initial_project(demo: bool, project_path: Path | None) -> Project | None:
    if project_path is not None:
        return Project.load(project_path)
    if demo:
        key_store = KeyStore(appdata.key_dir())
        from wijkkompas.core.demo import DEMO_PROJECT_ID, build_demo_project  # pandas + pipeline: only for --demo

        return build_demo_project(secret=key_store.secret_for(DEMO_PROJECT_ID))
    return None


def wait_for_tasks(window, timeout_s: float = 120.0) -> None:
    """Process events until no task runs (panels may compute on first show)."""
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout_s
    quiet_rounds = 0
    while time.monotonic() < deadline and quiet_rounds < 5:
        QApplication.processEvents()
        busy = bool(window.tasks.running()) or QThreadPool.globalInstance().activeThreadCount() > 0
        quiet_rounds = 0 if busy else quiet_rounds + 1
        time.sleep(0.02)
    QApplication.processEvents()


def run_gui(demo: bool = False, project_path: Path | None = None, panel: str | None = None) -> int:
    from wijkkompas.gui.errors import error_dialog, install_excepthook

    configure_logging()
    app = create_application()
    install_excepthook()
    project = None
    startup_error = None
    try:
        project = initial_project(demo, project_path)
    except Exception as exc:  # noqa: BLE001 - shown as a dialog once the window exists
        startup_error = exc
    window = create_main_window(project)
    if panel:
        window.show_panel(panel)
    window.show()
    if startup_error is not None:
        error_dialog(startup_error, "Project openen is mislukt", window)
    elif project is None:
        window.offer_recovery()
    log.info("Wijkkompas gestart")
    return app.exec()


def take_screenshot(target: Path, panel: str = "start", demo: bool = False, project_path: Path | None = None,
                    size: tuple[int, int] | None = None) -> int:
    """Render the main window with one panel offscreen to a PNG (for docs and for looking at our work).

    ``size``: the window size in pixels, e.g. (1366, 768) for the laptop the design targets.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    configure_logging()
    app = create_application()
    project = initial_project(demo, project_path)
    window = create_main_window(project)
    window.resize(*(size or SCREENSHOT_SIZE))
    window.show_panel(panel)
    window.show()
    wait_for_tasks(window)
    pixmap = window.grab()
    target.parent.mkdir(parents=True, exist_ok=True)
    ok = pixmap.save(str(target), "PNG")
    # hide, not close: a screenshot must not ask to save nor overwrite the user's window geometry
    window.hide()
    window.deleteLater()
    app.processEvents()
    return 0 if ok else 1


def run_panel_standalone(slug: str) -> int:
    """``python -m wijkkompas.gui.panels.X``: open the app on the demo project at that panel."""
    return run_gui(demo=True, panel=slug)
