"""The task pattern: results in the GUI thread, owner replacement cancels, no callbacks after teardown."""
from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject

from wijkkompas.gui.tasks import TaskRunner


def wait_then_return(value, delay_steps=200, progress=None):
    for step in range(delay_steps):
        progress.step(step / delay_steps, "")  # raises TaskCancelled once the task is cancelled
        time.sleep(0.005)
    return value, threading.current_thread() is threading.main_thread()


def test_callbacks_run_in_gui_thread_and_owner_replacement_cancels(qtbot):
    runner = TaskRunner()
    owner = object()
    finished, cancelled = [], []
    runner.start(wait_then_return, "eerste", label="a", on_finished=finished.append,
                 on_cancelled=lambda: cancelled.append("eerste"), owner=owner)
    runner.start(wait_then_return, "tweede", 5, label="b", on_finished=finished.append, owner=owner)
    qtbot.waitUntil(lambda: not runner.running(), timeout=10_000)
    assert cancelled == ["eerste"]
    assert len(finished) == 1
    value, ran_in_worker_main = finished[0]
    assert value == "tweede" and ran_in_worker_main is False
    assert threading.current_thread() is threading.main_thread()


def test_no_callback_reaches_a_destroyed_owner(qtbot):
    parent = QObject()
    runner = TaskRunner(parent=parent)
    calls = []
    task = runner.start(wait_then_return, "x", 50, label="c", on_finished=calls.append)
    parent.deleteLater()
    qtbot.wait(50)
    task.done.wait(5)
    qtbot.wait(100)
    assert calls == []
