"""The one fake PanelContext for GUI tests: what the main window offers a panel, synchronous.

Why one: two fakes that disagreed (one passed progress callbacks, one did not; one
forwarded project events, one did not) let panel tests pass against a contract
the real window does not have. This one behaves like ``MainWindow``: it runs tasks
synchronously with a ``Voortgang``, forwards project events through
``Panel.notify`` and records errors and status lines.
"""
from __future__ import annotations

from wijkkompas.core.progress import Voortgang
from wijkkompas.core.project import Project


class FakeContext:
    def __init__(self, project: Project, secret: bytes = b"x" * 32) -> None:
        self._project = project
        self._secret = secret
        self.panel = None
        self.errors: list[BaseException] = []
        self.statuses: list[str] = []
        self.tasks = 0
        self.navigated: list[str] = []
        project.subscribe(self._event)

    @property
    def project(self) -> Project:
        return self._project

    def attach(self, panel) -> None:
        """Forward project events to ``panel`` from now on (the main window does this for every panel)."""
        self.panel = panel

    def set_project(self, project: Project) -> None:
        self._project.unsubscribe(self._event)
        self._project = project
        project.subscribe(self._event)
        self._event(frozenset({"*"}))

    def _event(self, changes: frozenset[str]) -> None:
        if self.panel is not None:
            self.panel.notify(changes)

    def run_task(self, function, *args, label, on_finished, on_failed=None, owner=None, **kwargs):
        self.tasks += 1
        try:
            result = function(*args, progress=Voortgang(), **kwargs)
        except Exception as exc:  # noqa: BLE001 - handed to on_failed like the real runner
            if on_failed is None:
                self.errors.append(exc)
                return None
            on_failed(exc)
            return None
        on_finished(result)
        return None

    def show_status(self, text: str, timeout_ms: int = 5000) -> None:
        self.statuses.append(text)

    def show_error(self, error: BaseException, title: str = "") -> None:
        self.errors.append(error)

    def pseudonym_secret(self) -> bytes:
        return self._secret

    def navigate(self, slug: str) -> None:
        self.navigated.append(slug)
