"""One pattern for slow work: a ``Task`` (QRunnable) that calls a pure core function.

Core functions have the signature ``f(*args, progress=None, **kw)`` with
``progress`` a ``core.progress.Voortgang``: ``progress.step(fraction, text)``
reports and ``progress.check()`` raises ``TaskCancelled`` once the user
cancelled. The task relays reports through Qt signals, so callbacks always run
in the GUI thread.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from wijkkompas.core.errors import TaskCancelled
from wijkkompas.core.progress import Voortgang


class TaskSignals(QObject):
    progress = Signal(float, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class Task(QRunnable):
    def __init__(self, function: Callable[..., Any], *args: Any, label: str = "", **kwargs: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.function = function
        self.args = args
        self.kwargs = kwargs
        self.label = label
        self.signals = TaskSignals()
        self._cancel = threading.Event()
        self.done = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:  # runs in a worker thread
        try:
            progress = Voortgang(
                lambda fraction, text: self.signals.progress.emit(float(fraction), str(text)), self.is_cancelled
            )
            result = self.function(*self.args, progress=progress, **self.kwargs)
        except TaskCancelled:
            self.signals.cancelled.emit()
        except BaseException as exc:  # noqa: BLE001 - relayed to the GUI thread, never swallowed
            if self.is_cancelled():
                self.signals.cancelled.emit()
            else:
                self.signals.failed.emit(exc)
        else:
            if self.is_cancelled():
                self.signals.cancelled.emit()
            else:
                self.signals.finished.emit(result)
        finally:
            self.done.set()


class _TaskRelay(QObject):
    """Receives a task's signals in the GUI thread and calls the caller's callbacks.

    Why a QObject child of the runner instead of lambdas: when the window (and
    so the runner) is destroyed while a task still runs, Qt disconnects bound
    slots of destroyed receivers, so no callback reaches a deleted widget.
    """

    def __init__(self, runner: TaskRunner, task: Task, owner, on_finished, on_failed, on_cancelled) -> None:
        super().__init__(runner)
        self.runner = runner
        self.task = task
        self.owner = owner
        self.callbacks = {"finished": on_finished, "failed": on_failed, "cancelled": on_cancelled}

    def on_progress(self, fraction: float, text: str) -> None:
        self.runner.task_progress.emit(fraction, text)

    def _end(self, kind: str, *values: Any) -> None:
        self.runner._forget(self.task, self.owner)
        callback = self.callbacks[kind]
        self.setParent(None)
        self.deleteLater()
        if callback is not None:
            callback(*values)

    def on_finished(self, result: object) -> None:
        self._end("finished", result)

    def on_failed(self, error: object) -> None:
        self._end("failed", error)

    def on_cancelled(self) -> None:
        self._end("cancelled")


class TaskRunner(QObject):
    """Starts tasks, keeps them alive while running, and cancels an owner's previous task."""

    task_started = Signal(object)
    task_progress = Signal(float, str)
    task_ended = Signal(object)

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._running: set[Task] = set()
        self._by_owner: dict[int, Task] = {}

    def start(
        self,
        function: Callable[..., Any],
        *args: Any,
        label: str,
        on_finished: Callable[[Any], None],
        on_failed: Callable[[BaseException], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        owner: object | None = None,
        **kwargs: Any,
    ) -> Task:
        if owner is not None and id(owner) in self._by_owner:
            self._by_owner[id(owner)].cancel()
        task = Task(function, *args, label=label, **kwargs)
        self._running.add(task)
        if owner is not None:
            self._by_owner[id(owner)] = task
        relay = _TaskRelay(self, task, owner, on_finished, on_failed, on_cancelled)
        task.signals.progress.connect(relay.on_progress)
        task.signals.finished.connect(relay.on_finished)
        task.signals.failed.connect(relay.on_failed)
        task.signals.cancelled.connect(relay.on_cancelled)
        self.task_started.emit(task)
        self.pool.start(task)
        return task

    def _forget(self, task: Task, owner: object | None) -> None:
        self._running.discard(task)
        if owner is not None and self._by_owner.get(id(owner)) is task:
            del self._by_owner[id(owner)]
        self.task_ended.emit(task)

    def running(self) -> list[Task]:
        return list(self._running)

    def cancel_all(self) -> None:
        for task in list(self._running):
            task.cancel()
