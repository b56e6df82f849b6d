"""Check that every runtime dependency installs on 64-bit Windows from a wheel (no compiler needed).

Run:  python packaging/check_windows_wheels.py [--python-version 3.11] [--extra packaging]

Why: advisers install without admin rights and without build tools, and the Windows
CI build must not fall back to compiling a source package. This asks pip to resolve
the dependencies of pyproject.toml — read at run time, so a dependency added later is
checked too — for ``win_amd64`` with ``--only-binary=:all:``, exactly as a Windows
``pip install`` would, and downloads them into a temporary folder (deleted
afterwards). It fails when pip cannot find a wheel for some package, and lists what
it found: per package the version and the wheel's platform tag.

Needs access to the package index (the one thing here that does); nothing is installed.
Limit: pip evaluates environment markers for *this* interpreter, so on Linux a dependency
declared only for Windows (``; sys_platform == "win32"``, e.g. PyInstaller's pefile and
pywin32-ctypes, both pure Python) is not resolved; the Windows workflow runs this script
natively, where it is.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLATFORM = "win_amd64"


def requirements(extras: list[str]) -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = list(project.get("dependencies", []))
    optional = project.get("optional-dependencies", {})
    for extra in extras:
        if extra not in optional:
            raise SystemExit(f"onbekende extra {extra!r}; kies uit {', '.join(sorted(optional))}")
        found += optional[extra]
    return found


def wheel_tag(filename: str) -> tuple[str, str, str]:
    """(name, version, platform tag) from a wheel file name (PEP 427)."""
    parts = filename[: -len(".whl")].split("-")
    return parts[0], parts[1], parts[-1]


def check(python_version: str, reqs: list[str]) -> tuple[bool, list[str]]:
    with tempfile.TemporaryDirectory(prefix="wk-winwheels-") as folder:
        command = [
            sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
            "--only-binary=:all:", "--platform", PLATFORM, "--python-version", python_version,
            "--implementation", "cp", "--dest", folder, *reqs,
        ]
        result = subprocess.run(command, capture_output=True, text=True)
        lines = []
        files = sorted(Path(folder).iterdir())
        for path in files:
            if path.suffix != ".whl":
                lines.append(f"  GEEN WHEEL  {path.name}")
                continue
            name, version, tag = wheel_tag(path.name)
            ok = tag == "any" or PLATFORM in tag
            lines.append(f"  {'ok' if ok else 'FOUT':4s} {name:28s} {version:14s} {tag}")
        wrong = [line for line in lines if not line.startswith("  ok")]
        if result.returncode != 0:
            message = (result.stderr.strip().splitlines() or ["(geen uitvoer)"])[-1]
            lines.append(f"  pip download mislukt (exitcode {result.returncode}): {message}")
        return result.returncode == 0 and not wrong and bool(files), lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python-version", action="append", dest="versions",
                        help="Python-versie van de Windows-installatie (herhaalbaar; standaard 3.11)")
    parser.add_argument("--extra", action="append", default=[], help="ook deze optionele afhankelijkheden (bijv. packaging)")
    args = parser.parse_args()
    reqs = requirements(args.extra)
    print(f"afhankelijkheden uit pyproject.toml ({len(reqs)}): " + ", ".join(re.split(r"[<>=!~ ;\[]", r)[0] for r in reqs))
    all_ok = True
    for version in args.versions or ["3.11"]:
        ok, lines = check(version, reqs)
        all_ok &= ok
        print(f"\nPython {version}, {PLATFORM}: {'alles als wheel beschikbaar' if ok else 'NIET alles als wheel'}")
        print("\n".join(lines))
    return 0 if all_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
