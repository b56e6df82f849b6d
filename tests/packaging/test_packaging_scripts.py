"""The packaging scripts' own logic (the frozen build itself is checked by packaging/smoke_test.py in .ci/run)."""
from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from wijkkompas import __version__

ROOT = Path(__file__).resolve().parents[2]


def load(relative: str):
    spec = importlib.util.spec_from_file_location(Path(relative).stem, ROOT / relative)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_wheel_check_reads_the_dependencies_from_pyproject():
    wheels = load("packaging/check_windows_wheels.py")
    runtime = wheels.requirements([])
    assert any(r.startswith("pandas") for r in runtime) and any(r.startswith("PySide6") for r in runtime)
    assert not any(r.startswith("pytest") for r in runtime)
    assert any(r.startswith("pyinstaller") for r in wheels.requirements(["packaging"]))
    with pytest.raises(SystemExit):
        wheels.requirements(["bestaat-niet"])


def test_wheel_tags_are_read_from_the_file_name():
    wheels = load("packaging/check_windows_wheels.py")
    assert wheels.wheel_tag("pandas-2.2.3-cp311-cp311-win_amd64.whl") == ("pandas", "2.2.3", "win_amd64")
    assert wheels.wheel_tag("PySide6_Essentials-6.11.3-cp39-abi3-win_amd64.whl")[2] == "win_amd64"
    assert wheels.wheel_tag("openpyxl-3.1.5-py2.py3-none-any.whl")[2] == "any"


def test_smoke_test_expects_the_package_version():
    smoke = load("packaging/smoke_test.py")
    assert smoke.expected_version() == __version__


def test_smoke_test_rejects_a_missing_or_fake_screenshot(tmp_path):
    smoke = load("packaging/smoke_test.py")
    with pytest.raises(smoke.SmokeFailure):
        smoke.png_size(tmp_path / "geen.png")
    fake = tmp_path / "nep.png"
    fake.write_bytes(b"not a png at all, just text padding")
    with pytest.raises(smoke.SmokeFailure):
        smoke.png_size(fake)


def test_icon_file_holds_every_size_and_qt_reads_it():
    from PySide6.QtGui import QImageReader

    from wijkkompas.gui.app import create_application

    create_application()
    reader = QImageReader(str(ROOT / "packaging" / "icons" / "wijkkompas.ico"))
    sizes = set()
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        sizes.add(reader.read().width())
    assert sizes == set(load("packaging/make_icon.py").SIZES)


def test_windowed_entry_survives_missing_console_streams(tmp_path):
    """A windowed Windows program starts with sys.stdout/stderr = None; gui_main gives them a sink.

    print() tolerates None, but sys.stdout.flush() (import_cmd) does not: plain main() ends in the
    'onverwachte fout' path (exit 3) there, gui_main reads the file (exit 0).
    """
    demo = ROOT / "resources" / "demo" / "wijken.xlsx"
    code = (
        f"import sys\nsys.argv = ['Wijkkompas', 'import', {str(demo)!r}]\nsys.stdout = None\nsys.stderr = None\n"
        "from wijkkompas import cli\nraise SystemExit(cli.ENTRY())\n"
    )
    env = dict(__import__("os").environ, WIJKKOMPAS_DATA_DIR=str(tmp_path))
    results = {}
    for entry in ("gui_main", "main"):
        run = subprocess.run([sys.executable, "-c", code.replace("ENTRY", entry)],
                             capture_output=True, text=True, timeout=120, env=env)
        results[entry] = run.returncode
    assert results == {"gui_main": 0, "main": 3}


@pytest.mark.skipif(shutil.which("makensis") is None, reason="NSIS (makensis) is niet geïnstalleerd")
def test_installer_script_compiles_against_a_dummy_payload():
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "windows" / "build_installer.py"), "--dummy"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "compileert" in result.stdout
