"""Build the frozen app (PyInstaller onedir) and print its size and build time.

Run from anywhere:  python packaging/build.py [--dist DIR] [--work DIR]

Needs the project installed with the packaging extra (``pip install ".[packaging]"``).
Result: ``<dist>/Wijkkompas/`` with ``Wijkkompas[.exe]`` (window, no console) and
``wijkkompas-cli[.exe]`` (command line); check it with ``packaging/smoke_test.py``.
Why a script and not only the spec: one command for CI and for a developer on
Windows, the same flags every time, and the size/time printed for the closing note.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "wijkkompas.spec"


def folder_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of everything under folder."""
    total = count = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(dirpath) / name
            if path.is_symlink():  # PyInstaller links shared libraries on Linux; count the file once
                continue
            total += path.stat().st_size
            count += 1
    return total, count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller work folder")
    args = parser.parse_args()
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(args.dist), "--workpath", str(args.work), str(SPEC),
    ]
    print("bouwen:", " ".join(command), flush=True)
    start = time.monotonic()
    result = subprocess.run(command, cwd=ROOT)
    elapsed = time.monotonic() - start
    if result.returncode != 0:
        print(f"PyInstaller is mislukt (exitcode {result.returncode}) na {elapsed:.0f} s", file=sys.stderr)
        return result.returncode
    app_dir = args.dist / "Wijkkompas"
    size, files = folder_size(app_dir)
    print(f"gebouwd: {app_dir}")
    print(f"bouwtijd: {elapsed:.0f} s; omvang: {size / 1e6:.0f} MB in {files} bestanden")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
