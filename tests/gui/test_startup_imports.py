"""Opening the window must not import the heavy libraries (issue 15: start-up ≤ 2× a bare Qt window).

Why a test and not only benchmarks/startup.py: the benchmark shows the time, this
pins the cause. One module-level ``import statsmodels`` in any module on the
start-up path costs seconds and would go unnoticed; here it fails by name.
Runs in a fresh interpreter, because this test process has long imported everything.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

HEAVY = ("pandas", "numpy", "statsmodels", "scipy", "pyqtgraph", "openpyxl", "python_calamine")

PROBE = r"""
import json, sys
from wijkkompas import cli
import wijkkompas.gui.app as app

shown = {}
def create_and_stop(*args, **kwargs):
    window = original(*args, **kwargs)
    shown["title"] = window.windowTitle()
    return window
original = app.create_main_window
app.create_main_window = create_and_stop

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
qt_app = app.create_application()
QTimer.singleShot(300, qt_app.quit)  # let the first paint and the Start panel happen, then leave
cli.main(sys.argv[1:])
loaded = sorted({name.split(".")[0] for name in sys.modules} & set(json.loads(HEAVY)))
pipeline = sorted(n for n in sys.modules if n.startswith(("wijkkompas.core.imports", "wijkkompas.commands.")))
print(json.dumps({"heavy": loaded, "pipeline": pipeline, "title": shown.get("title", "")}))
"""


def _probe(*args: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    code = f"HEAVY = {json.dumps(json.dumps(HEAVY))}\n" + PROBE
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120, env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_empty_window_imports_no_heavy_library():
    found = _probe()
    assert "Wijkkompas" in found["title"]  # the window really was built
    assert found["heavy"] == [], f"loaded at start-up: {found['heavy']}"
    assert found["pipeline"] == [], f"import pipeline / commands loaded at start-up: {found['pipeline']}"


@pytest.mark.parametrize("argv", [["--version"], ["--panel", "start"]])
def test_window_options_are_parsed_without_the_command_modules(argv):
    code = (
        "import sys\nfrom wijkkompas import cli\n"
        f"args = cli._window_args({argv!r})\n"
        "assert args is not None and args.command is None\n"
        "print(sorted(n for n in sys.modules if n.startswith('wijkkompas.commands.')))\n"
    ) if argv != ["--version"] else (
        "import sys\nfrom wijkkompas import cli\n"
        "try:\n    cli.main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(n for n in sys.modules if n.startswith('wijkkompas.commands.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_subcommands_and_help_still_reach_the_full_parser():
    from wijkkompas.cli import _window_args

    assert _window_args(["gemeente", "Utrecht", "--json"]) is None
    assert _window_args(["--help"]) is None
    assert _window_args(["--panel", "bestaat-niet"]) is None  # full parser gives the Dutch error
    assert _window_args(["--demo", "--screenshot", "x.png"]).screenshot.name == "x.png"
