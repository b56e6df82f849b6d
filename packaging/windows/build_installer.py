"""Compile the per-user Windows installer (NSIS) around the frozen build.

Run:  python packaging/windows/build_installer.py [--app-dir dist/Wijkkompas] [--out dist]
      python packaging/windows/build_installer.py --dummy     # check the script compiles (any OS)

``makensis`` comes with NSIS (Windows: ``choco install nsis`` or the NSIS installer;
Debian/Ubuntu: ``apt-get install nsis``). Warnings count as errors (``-WX``), so a
script that only "mostly" works fails here and not on an adviser's laptop.
``--dummy`` compiles against a tiny fake payload: that checks the script, the
Dutch language files and the plugins it uses without a Windows build at hand.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SCRIPT = HERE / "wijkkompas.nsi"


def version() -> str:
    text = (ROOT / "wijkkompas" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE).group(1)


def find_makensis() -> str | None:
    found = shutil.which("makensis")
    if found:
        return found
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles")):
        if base and (Path(base) / "NSIS" / "makensis.exe").is_file():
            return str(Path(base) / "NSIS" / "makensis.exe")
    return None


def compile_installer(app_dir: Path, out_file: Path) -> Path:
    makensis = find_makensis()
    if makensis is None:
        raise SystemExit("makensis niet gevonden: installeer NSIS (Windows) of het pakket 'nsis' (Debian/Ubuntu)")
    if not (app_dir / "Wijkkompas.exe").is_file():
        raise SystemExit(f"geen Wijkkompas.exe in {app_dir}: bouw eerst met packaging/build.py (op Windows)")
    out_file.parent.mkdir(parents=True, exist_ok=True)
    command = [
        makensis, "-V2", "-WX", "-NOCD",
        f"-DAPP_DIR={app_dir.resolve()}", f"-DVERSION={version()}", f"-DOUTFILE={out_file.resolve()}",
        f"-DICON={ROOT / 'packaging' / 'icons' / 'wijkkompas.ico'}", str(SCRIPT),
    ]
    result = subprocess.run(command, capture_output=True, text=True, errors="replace")
    if result.returncode != 0 or not out_file.is_file():
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise SystemExit(f"makensis is mislukt (exitcode {result.returncode})")
    return out_file


def dummy_payload(folder: Path) -> Path:
    app = folder / "Wijkkompas"
    (app / "_internal" / "resources").mkdir(parents=True)
    for name in ("Wijkkompas.exe", "wijkkompas-cli.exe"):
        (app / name).write_bytes(b"MZ dummy")
    (app / "_internal" / "resources" / "leesmij.txt").write_text("proef", encoding="utf-8")
    return app


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app-dir", type=Path, default=ROOT / "dist" / "Wijkkompas")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--dummy", action="store_true", help="alleen controleren dat het script compileert")
    args = parser.parse_args()
    if args.dummy:
        with tempfile.TemporaryDirectory(prefix="wk-nsis-") as tmp:
            out = compile_installer(dummy_payload(Path(tmp)), Path(tmp) / "proef-setup.exe")
            print(f"installatiescript compileert ({out.stat().st_size // 1024} kB met een proefinhoud)")
        return 0
    out = compile_installer(args.app_dir, args.out / f"Wijkkompas-{version()}-setup.exe")
    print(f"installatieprogramma: {out} ({out.stat().st_size / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
