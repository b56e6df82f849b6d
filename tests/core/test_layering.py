"""core must stay Qt-free: every model has to run headless (CLI, tests, reports)."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import wijkkompas

CORE = Path(wijkkompas.__file__).resolve().parent / "core"
FORBIDDEN = ("PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6")


def _imported_modules(source: str) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
            "import_module", "__import__",
        ):
            names.extend(a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
    return names


def test_core_modules_exist_and_are_scanned():
    modules = list(CORE.rglob("*.py"))
    assert len(modules) >= 8, "the walk must see the core package"
    assert CORE / "project.py" in modules


def test_no_module_under_core_imports_qt():
    offenders = []
    for module in CORE.rglob("*.py"):
        for name in _imported_modules(module.read_text(encoding="utf-8")):
            if name.split(".")[0] in FORBIDDEN:
                offenders.append(f"{module.relative_to(CORE)} imports {name}")
    assert offenders == []


def test_scanner_detects_a_qt_import():
    """Guard the guard: the scanner must see the import forms we forbid."""
    sample = "import PySide6\nfrom pyqtgraph import PlotWidget\nimportlib.import_module('shiboken6')\n"
    assert [n.split(".")[0] for n in _imported_modules(sample)] == ["PySide6", "pyqtgraph", "shiboken6"]


def test_importing_all_of_core_loads_no_qt_at_runtime():
    code = (
        "import importlib, pkgutil, sys, wijkkompas.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'wijkkompas.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6','shiboken6','pyqtgraph')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
