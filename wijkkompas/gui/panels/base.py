"""The contract between the main window and a panel.

A panel is a QWidget that renders state held in the core ``Project`` and
results of core functions. It gets a ``PanelContext`` from the main window
(project access, task runner, status messages, error dialogs) and is told
when the project changes. Why a context object instead of a parent lookup:
panels can be created standalone (``python -m wijkkompas.gui.panels.X``) and in
tests with a fake context.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtWidgets import QWidget

from wijkkompas.core.project import Project
from wijkkompas.core.sections import Sectie, touches


class PanelContext(Protocol):
    """What the main window offers to every panel."""

    @property
    def project(self) -> Project: ...

    def run_task(
        self,
        function: Callable[..., Any],
        *args: Any,
        label: str,
        on_finished: Callable[[Any], None],
        on_failed: Callable[[BaseException], None] | None = None,
        owner: object | None = None,
        **kwargs: Any,
    ) -> Any:
        """Run ``function(*args, progress=Voortgang, **kwargs)`` in the thread pool (see ``core.progress``).

        ``owner``: a new task with the same owner cancels the previous one.
        Callbacks run in the GUI thread.
        """

    def show_status(self, text: str, timeout_ms: int = 5000) -> None: ...

    def show_error(self, error: BaseException, title: str = "Er ging iets mis") -> None: ...

    def pseudonym_secret(self) -> bytes:
        """The current project's pseudonymisation key (from the user's key store)."""

    def navigate(self, slug: str) -> None:
        """Go to another panel, as if the user clicked it in the navigation list."""


class Panel(QWidget):
    """Base class. Subclasses set ``slug``, ``title`` and ``leest`` and override ``on_project_changed``.

    ``leest``: the project sections (``core.sections.Sectie``) the panel shows; ``None`` means all. The main
    window hands every project event (a set of changed sections, one per ``project.batch()``) to ``notify``,
    which drops events the panel does not read and calls ``on_changes`` once per event — so an import that
    stores a table, its monthly table and a report refreshes each interested panel exactly once.
    """

    slug: str = ""
    title: str = ""
    leest: frozenset[str] | None = None

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.refresh_count = 0
        self.setObjectName(f"panel_{self.slug}")

    @property
    def project(self) -> Project:
        return self.context.project

    def notify(self, changes: frozenset[str]) -> None:
        if not touches(changes, self.leest):
            return
        self.refresh_count += 1
        self.on_changes(changes)

    def on_changes(self, changes: frozenset[str]) -> None:
        """Default: one ``on_project_changed`` call, with the section name, or ``"*"`` for several."""
        self.on_project_changed(next(iter(changes)) if len(changes) == 1 else Sectie.ALLES.value)

    def on_project_changed(self, what: str) -> None:
        """Called after a new/opened project (``what == "*"``) or a change to one section (or several: "*").

        Override to refresh the view. Must be cheap or start a task.
        """

    def on_shown(self) -> None:
        """Called each time the user navigates to this panel."""

    def resultaat(self):
        """The ``Resultaat`` this panel currently shows (for "Exporteer…"), or None when there is nothing yet.

        Panels of analyses override it and return the object they rendered, so an export is exactly what the
        user sees; the report itself produces the same object headless through ``core.onderdelen``.
        """
        return None
