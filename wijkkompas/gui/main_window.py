"""The main window: navigation over the panel registry, the panel area, menus, status bar.

It is also the ``PanelContext`` every panel receives: it owns the current
Project, the task runner (progress bar + cancel in the status bar), the key
store for pseudonyms and the autosave timer. Panels are created lazily on
first visit so start-up stays fast.
"""
from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from wijkkompas import APP_NAME, __version__
from wijkkompas.core.autosave import AutosaveStore, RecoveryEntry
from wijkkompas.core.errors import WijkkompasError
from wijkkompas.core.project import PROJECT_SUFFIX, KeyStore, Project
from wijkkompas.core.sections import Sectie
from wijkkompas.gui import bestandsdialoog
from wijkkompas.gui.about_dialog import show_about
from wijkkompas.gui.handleiding_dialog import show_handleiding
from wijkkompas.gui.errors import error_dialog
from wijkkompas.gui.panels import PANELS, PanelSpec, spec_for
from wijkkompas.gui.panels.base import Panel
from wijkkompas.gui.panels.unavailable import UnavailablePanel
from wijkkompas.gui.settings import Settings
from wijkkompas.gui.style import NAV_STYLE
from wijkkompas.gui.systeeminfo_dialog import open_log_folder, show_systeeminfo
from wijkkompas.gui.tasks import Task, TaskRunner

log = logging.getLogger("wijkkompas.gui")

FILE_FILTER = f"Wijkkompas-project (*{PROJECT_SUFFIX})"


class MainWindow(QMainWindow):
    def __init__(
        self,
        settings: Settings,
        key_store: KeyStore,
        autosave: AutosaveStore,
        project: Project | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.key_store = key_store
        self.autosave = autosave
        self.tasks = TaskRunner(parent=self)
        self._project = project or Project()
        self._project.subscribe(self._on_project_event)
        self._panels: dict[str, QWidget] = {}

        self.setObjectName("mainWindow")
        self.setMinimumSize(1000, 640)
        self._build_central()
        self._build_menus()
        self._build_status_bar()
        self.tasks.task_started.connect(self._on_task_started)
        self.tasks.task_progress.connect(self._on_task_progress)
        self.tasks.task_ended.connect(self._on_task_ended)

        self._autosave_timer = QTimer(self)
        self._autosave_timer.timeout.connect(self.autosave_now)
        self._autosave_timer.start(max(1, int(self.settings.get("autosave/minutes"))) * 60_000)

        geometry = self.settings.get("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 880)
        self._update_title()
        last = self.settings.get("window/last_panel")
        self.show_panel(last if last in [s.slug for s in PANELS] else "start")

    # ------------------------------------------------------------------ layout
    def _build_central(self) -> None:
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.nav = QListWidget(central)
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(220)
        self.nav.setStyleSheet(NAV_STYLE)
        for spec in PANELS:
            item = QListWidgetItem(spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.slug)
            if spec.module is None:
                item.setToolTip("Nog niet beschikbaar: " + spec.beschrijving)
                item.setForeground(Qt.GlobalColor.gray)
            else:
                item.setToolTip(spec.beschrijving)
            self.nav.addItem(item)
        self.stack = QStackedWidget(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._on_nav_row)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&Bestand")
        self.action_new = self._action(file_menu, "&Nieuw", QKeySequence.StandardKey.New, self.new_project)
        self.action_open = self._action(file_menu, "&Openen…", QKeySequence.StandardKey.Open, self.open_project_dialog)
        self.recent_menu = file_menu.addMenu("&Recente projecten")
        self._refresh_recent_menu()
        file_menu.addSeparator()
        self.action_save = self._action(file_menu, "Op&slaan", QKeySequence.StandardKey.Save, self.save_project)
        self.action_save_as = self._action(
            file_menu, "Opslaan &als…", QKeySequence.StandardKey.SaveAs, self.save_project_as
        )
        file_menu.addSeparator()
        from wijkkompas.gui.export_actions import add_export_action

        self.action_export = add_export_action(self, file_menu)
        file_menu.addSeparator()
        self._action(file_menu, "&Afsluiten", QKeySequence.StandardKey.Quit, self.close)
        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&Handleiding", QKeySequence.StandardKey.HelpContents, lambda: show_handleiding(self))
        self._action(help_menu, "&Systeeminformatie", None, lambda: show_systeeminfo(self))
        self._action(help_menu, "&Logmap openen", None, lambda: open_log_folder(self))
        help_menu.addSeparator()
        self._action(help_menu, "&Over Wijkkompas", None, lambda: show_about(self))

    def _action(self, menu, text: str, shortcut, slot: Callable[[], Any]) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.status_label = QLabel("")
        self.progress = QProgressBar()
        self.progress.setObjectName("taskProgress")
        self.progress.setRange(0, 1000)
        self.progress.setFixedWidth(220)
        self.progress.setTextVisible(False)
        self.cancel_button = QPushButton("Annuleren")
        self.cancel_button.setObjectName("taskCancel")
        self.cancel_button.clicked.connect(self.cancel_tasks)
        bar.addWidget(self.status_label, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()
        # A child timer (not QTimer.singleShot with a lambda) dies with the window.
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.timeout.connect(self.status_label.clear)

    # ------------------------------------------------------------------ panels
    def _on_nav_row(self, row: int) -> None:
        if 0 <= row < len(PANELS):
            self._activate(PANELS[row])

    def show_panel(self, slug: str) -> QWidget:
        """Navigate as the user would (selects the navigation row)."""
        row = [s.slug for s in PANELS].index(slug)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)
        else:
            self._activate(PANELS[row])
        return self._panels[slug]

    def panel(self, slug: str) -> QWidget:
        if slug not in self._panels:
            self._panels[slug] = self._create_panel(spec_for(slug))
            self.stack.addWidget(self._panels[slug])
        return self._panels[slug]

    def _activate(self, spec: PanelSpec) -> None:
        widget = self.panel(spec.slug)
        self.stack.setCurrentWidget(widget)
        self.settings.set("window/last_panel", spec.slug)
        if isinstance(widget, Panel):
            widget.on_shown()

    def _create_panel(self, spec: PanelSpec) -> QWidget:
        if spec.module is None:
            return UnavailablePanel(spec, self)
        try:
            module = importlib.import_module(spec.module)
            panel = module.create_panel(self)
            panel.notify(frozenset({Sectie.ALLES.value}))
            return panel
        except Exception as exc:  # a broken panel must not take the app down
            log.exception("Onderdeel %s kon niet worden geladen", spec.slug)
            return UnavailablePanel(spec, self, error=exc)

    def panels(self) -> dict[str, QWidget]:
        return dict(self._panels)

    # ------------------------------------------------------------ PanelContext
    @property
    def project(self) -> Project:
        return self._project

    def run_task(self, function, *args, label: str, on_finished, on_failed=None, owner=None, **kwargs) -> Task:
        def failed(exc: BaseException) -> None:
            if on_failed is not None:
                on_failed(exc)
            else:
                self.show_error(exc, f"{label} is mislukt")

        return self.tasks.start(
            function, *args, label=label, on_finished=on_finished, on_failed=failed,
            on_cancelled=lambda: self.show_status(f"{label}: afgebroken."), owner=owner, **kwargs,
        )

    def show_status(self, text: str, timeout_ms: int = 5000) -> None:
        self.status_label.setText(text)
        self._status_timer.stop()
        if timeout_ms:
            self._status_timer.start(timeout_ms)

    def show_error(self, error: BaseException, title: str = "Er ging iets mis") -> None:
        if not isinstance(error, WijkkompasError):
            log.error("Fout in een bewerking", exc_info=(type(error), error, error.__traceback__))
        error_dialog(error, title, self)

    def pseudonym_secret(self) -> bytes:
        if self.key_store.key_missing_for(self._project):
            log.warning("Pseudonimiseringssleutel ontbreekt voor project %s; nieuwe sleutel", self._project.project_id)
            self.show_status(
                "Let op: de sleutel voor de pseudoniemen van dit project staat niet op deze computer. "
                "Nieuwe imports krijgen andere pseudoniemen en zijn niet te koppelen aan eerdere imports.",
                timeout_ms=30_000,
            )
        return self.key_store.secret_for(self._project.project_id)

    def navigate(self, slug: str) -> None:
        self.show_panel(slug)

    # ------------------------------------------------------------------- tasks
    def _on_task_started(self, task: Task) -> None:
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.status_label.setText(task.label + "…")

    def _on_task_progress(self, fraction: float, text: str) -> None:
        self.progress.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
        if text:
            self.status_label.setText(text)

    def _on_task_ended(self, _task: Task) -> None:
        if not self.tasks.running():
            self.progress.hide()
            self.cancel_button.hide()
            if self.status_label.text().endswith("…"):
                self.status_label.clear()

    def cancel_tasks(self) -> None:
        self.tasks.cancel_all()
        self.show_status("Bezig met afbreken…")

    # ----------------------------------------------------------------- project
    def set_project(self, project: Project) -> None:
        self.tasks.cancel_all()
        self._project.unsubscribe(self._on_project_event)
        self._project = project
        project.subscribe(self._on_project_event)
        self._update_title()
        for panel in self._panels.values():
            if isinstance(panel, Panel):
                panel.notify(frozenset({Sectie.ALLES.value}))

    def _on_project_event(self, changes: frozenset[str]) -> None:
        self._update_title()
        for panel in self._panels.values():
            if isinstance(panel, Panel):
                panel.notify(changes)

    def _update_title(self) -> None:
        name = self._project.path.name if self._project.path else self._project.naam
        self.setWindowTitle(f"{name}[*] — {APP_NAME} {__version__}")
        self.setWindowModified(self._project.dirty)

    def new_project(self) -> None:
        if self.maybe_save():
            self._discard_autosave()
            self.set_project(Project())
            self.show_status("Nieuw project.")

    def open_project_dialog(self) -> None:
        if not self.maybe_save():
            return
        path = bestandsdialoog.open_bestand(self, "Project openen", self.settings.get("files/last_dir") or "", FILE_FILTER)
        if path:
            self.open_project(Path(path))

    def open_project(self, path: Path) -> bool:
        try:
            project = Project.load(path)
        except WijkkompasError as exc:
            self.show_error(exc, "Project openen is mislukt")
            if str(Path(path).resolve()) in self.settings.recent_files() and not Path(path).exists():
                self.settings.remove_recent(str(Path(path).resolve()))
                self._refresh_recent_menu()
            return False
        self._discard_autosave()
        self.set_project(project)
        self._remember(path)
        self.show_status(f"Project '{path.name}' geopend.")
        return True

    def save_project(self) -> bool:
        if self._project.path is None:
            return self.save_project_as()
        return self._save_to(self._project.path)

    def save_project_as(self) -> bool:
        start = str(self._project.path or Path(self.settings.get("files/last_dir") or ".") / f"{self._project.naam}{PROJECT_SUFFIX}")
        path, _ = bestandsdialoog.opslaan_als(self, "Project opslaan als", start, FILE_FILTER)
        if not path:
            return False
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        try:
            saved = self._project.save(path)
        except WijkkompasError as exc:
            self.show_error(exc, "Opslaan is mislukt")
            return False
        self._discard_autosave()
        self._remember(saved)
        self._update_title()
        self.show_status(f"Project opgeslagen als '{saved.name}'.")
        return True

    def _remember(self, path: Path) -> None:
        self.settings.add_recent(path)
        self.settings.set("files/last_dir", str(Path(path).resolve().parent))
        self._refresh_recent_menu()

    def _refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for path in recent:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.setData(path)
            action.triggered.connect(lambda _c=False, p=path: self.maybe_save() and self.open_project(Path(p)))
        self.recent_menu.setEnabled(bool(recent))

    # --------------------------------------------------------------- autosave
    def autosave_now(self) -> Path | None:
        if not self._project.dirty:
            return None
        try:
            return self.autosave.write(self._project)
        except WijkkompasError as exc:
            log.warning("Automatisch bewaren mislukt: %s", exc)
            self.show_status("Automatisch bewaren is mislukt; sla het project zelf op.")
            return None

    def _discard_autosave(self) -> None:
        self.autosave.discard(self._project.project_id)

    def offer_recovery(self) -> bool:
        """At start-up: restore an autosave copy left by a crash, if the user wants."""
        entries = self.autosave.pending()
        if not entries:
            return False
        entry = entries[0]
        choice = self.ask_recovery(entry)
        if choice == "herstellen":
            try:
                project = self.autosave.restore(entry)
            except WijkkompasError as exc:
                self.show_error(exc, "Herstellen is mislukt")
                return False
            self.set_project(project)
            self.show_status(f"Project '{project.naam}' hersteld; sla het op om het te bewaren.")
            return True
        if choice == "verwijderen":
            self.autosave.discard(entry.project_id)
        return False

    def ask_recovery(self, entry: RecoveryEntry) -> str:
        """Returns 'herstellen', 'verwijderen' or 'later'. Separate so tests can answer it."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Project herstellen")
        where = f"\nOorspronkelijk bestand: {entry.original_path}" if entry.original_path else ""
        box.setText(
            "Er is een niet-opgeslagen project gevonden: "
            f"'{entry.naam}' (automatisch bewaard op {entry.saved_at.replace('T', ' ')}).{where}\n\n"
            "Wilt u het herstellen?"
        )
        restore = box.addButton("Herstellen", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Verwijderen", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Later", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        return "herstellen" if clicked is restore else "verwijderen" if clicked is discard else "later"

    # ----------------------------------------------------------------- closing
    def maybe_save(self) -> bool:
        """True when it is fine to replace the current project."""
        if not self._project.dirty:
            return True
        choice = self.ask_save_changes()
        if choice == "opslaan":
            return self.save_project()
        return choice == "niet_opslaan"

    def ask_save_changes(self) -> str:
        """Returns 'opslaan', 'niet_opslaan' or 'annuleren'. Separate so tests can answer it."""
        answer = QMessageBox.question(
            self,
            "Wijzigingen opslaan?",
            f"Het project '{self._project.naam}' heeft wijzigingen die niet zijn opgeslagen. Wilt u ze opslaan?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        )
        return {
            QMessageBox.StandardButton.Save: "opslaan",
            QMessageBox.StandardButton.Discard: "niet_opslaan",
        }.get(answer, "annuleren")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if not self.maybe_save():
            event.ignore()
            return
        self.tasks.cancel_all()
        self._discard_autosave()
        self.settings.set("window/geometry", self.saveGeometry())
        event.accept()
