"""Every built panel module runs alone on the demo project (``python -m wijkkompas.gui.panels.X``)."""
from __future__ import annotations

import runpy
import sys
import warnings

import pytest
from PySide6.QtWidgets import QApplication

from wijkkompas.gui import app as app_module
from wijkkompas.gui.panels import PANELS

BUILT = [spec for spec in PANELS if spec.module is not None]


@pytest.mark.parametrize("spec", BUILT, ids=[spec.slug for spec in BUILT])
def test_panel_module_runs_standalone_on_the_demo(spec, qtbot, monkeypatch):
    windows = []
    original = app_module.create_main_window

    def remember(project=None):
        window = original(project)
        windows.append(window)
        qtbot.addWidget(window)
        return window

    monkeypatch.setattr(app_module, "create_main_window", remember)
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)  # do not block in the event loop
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs ours; restore afterwards
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # module already imported by the registry
        with pytest.raises(SystemExit) as info:
            runpy.run_module(spec.module, run_name="__main__", alter_sys=False)
    assert info.value.code == 0
    [window] = windows
    assert window.stack.currentWidget().objectName() == f"panel_{spec.slug}"
    assert window.project.naam == "Voorbeeldstad (demo)"
    assert window.isVisible()
