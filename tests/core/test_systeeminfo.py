"""core.systeeminfo: the facts behind Help › Systeeminformatie and `wijkkompas systeeminfo`."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys

from wijkkompas import resources
from wijkkompas.core import systeeminfo


def test_reference_rows_hash_the_bundled_files():
    rows = {r.label: r for r in systeeminfo.reference_rows()}
    path = resources.path("reference", "gemeenten.csv")
    expected = hashlib.sha256(path.read_bytes()).hexdigest()
    assert rows["gemeenten.csv"].waarde.startswith(f"sha256 {expected}")
    assert not any(r.probleem for r in rows.values())


def test_a_recorded_sha256_that_differs_is_a_problem(monkeypatch):
    manifest = {"tabellen": {"gemeenten.csv": {"sha256": "0" * 64, "peiljaar": "2025"},
                             "weg.csv": {"peiljaar": "2025"}}}
    monkeypatch.setattr(systeeminfo, "reference_manifest", lambda: manifest)
    rows = {r.label: r for r in systeeminfo.reference_rows()}
    assert rows["gemeenten.csv"].probleem and "manifest: 000" in rows["gemeenten.csv"].waarde
    assert rows["weg.csv"].probleem and rows["weg.csv"].waarde == "bestand ontbreekt"


def test_matching_recorded_sha256_is_confirmed(monkeypatch):
    actual = hashlib.sha256(resources.path("reference", "gemeenten.csv").read_bytes()).hexdigest()
    monkeypatch.setattr(systeeminfo, "reference_manifest", lambda: {"tabellen": {"gemeenten.csv": {"sha256": actual}}})
    (row,) = systeeminfo.reference_rows()
    assert "klopt met manifest" in row.waarde and not row.probleem


def test_unreadable_manifest_is_reported(monkeypatch):
    monkeypatch.setattr(systeeminfo, "reference_manifest", lambda: {})
    (row,) = systeeminfo.reference_rows()
    assert row.probleem


def test_can_write_detects_a_folder_that_cannot_exist(tmp_path):
    assert systeeminfo.can_write(tmp_path) == (True, "ja")
    blocker = tmp_path / "een-bestand"
    blocker.write_text("x")
    ok, text = systeeminfo.can_write(blocker / "map")  # a file where a folder should be
    assert not ok and text.startswith("nee")
    assert list(tmp_path.iterdir()) == [blocker]  # the write test leaves nothing behind


def test_unwritable_folder_is_marked_in_the_text(monkeypatch):
    monkeypatch.setattr(systeeminfo, "can_write", lambda folder: (False, "nee (toegang geweigerd)"))
    text = systeeminfo.as_text(systeeminfo.collect())
    assert "schrijven: nee (toegang geweigerd)" in text
    assert "[PROBLEEM]" in text


def test_library_versions_cover_the_declared_dependencies():
    versions = dict(systeeminfo.library_versions())
    for name in ("pandas", "numpy", "statsmodels", "PySide6-Essentials", "openpyxl", "platformdirs"):
        assert versions.get(name), name
    assert "pytest" not in versions  # test extra, not a runtime dependency


def test_collect_imports_no_heavy_library():
    code = ("import sys\nfrom wijkkompas.core import systeeminfo\nsysteeminfo.as_text(systeeminfo.collect())\n"
            "print(sorted(m for m in ('pandas', 'numpy', 'statsmodels', 'scipy', 'PySide6') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_cli_systeeminfo_json_and_text():
    result = subprocess.run([sys.executable, "-m", "wijkkompas", "systeeminfo", "--json"],
                            capture_output=True, text=True, timeout=120, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    titles = [s["titel"] for s in json.loads(result.stdout)["secties"]]
    assert titles[0] == "Programma" and "Mappen en schrijfrechten" in titles
    text = subprocess.run([sys.executable, "-m", "wijkkompas", "systeeminfo"],
                          capture_output=True, text=True, timeout=120, encoding="utf-8")
    assert text.returncode == 0 and "== Bibliotheken ==" in text.stdout
