"""Smoke test of benchmarks/import_declaraties.py on a tiny file (no timing asserted)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "import_declaraties.py"


@pytest.fixture()
def bench(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("bench_import_declaraties", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "CACHE", tmp_path)
    return module


def test_generated_export_imports_cleanly_and_the_script_reports(bench, tmp_path, capsys):
    assert bench.main(["--rows", "300"]) == 0
    out = capsys.readouterr().out
    assert "rijen_gelezen=301, rijen_geldig=300, fouten=0" in out  # the last line is a totals row
    assert "wijkkompas import_file" in out and "pandas.read_excel(engine='openpyxl')" in out
    assert "verhouding ons/pandas:" in out and "piekgeheugen (ru_maxrss" in out
    assert (tmp_path / "declaraties_300.xlsx").exists()
