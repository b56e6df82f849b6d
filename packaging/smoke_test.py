"""Smoke test of the frozen build: does the folder PyInstaller made work on its own?

Run:  python packaging/smoke_test.py [dist/Wijkkompas]

Why these steps: each one is a way a frozen build typically breaks while every
unit test passes — a module imported by name that was not bundled, data files
(resources/, Qt's Dutch translations) left out, a Qt plugin missing, statsmodels/
scipy's hidden imports, a windowed exe that crashes on a missing console. It runs
only the executables in the folder (never this checkout's code), with its own
empty app-data folder, offscreen unless ``QT_QPA_PLATFORM`` says otherwise.

An empty project for the save/open round trip is written with ``project nieuw``
when the frozen CLI has it, and otherwise by this interpreter's Project (the
frozen build then opens it, adds an import, saves it and opens it again).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""


class SmokeFailure(AssertionError):
    pass


def expected_version() -> str:
    text = (ROOT / "wijkkompas" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if not match:
        raise SmokeFailure("versie niet gevonden in wijkkompas/__init__.py")
    return match.group(1)


def png_size(path: Path) -> tuple[int, int]:
    if not path.is_file():
        raise SmokeFailure(f"geen schermafdruk geschreven: {path}")
    header = path.read_bytes()[:24]
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        raise SmokeFailure(f"geen PNG: {path}")
    return struct.unpack(">II", header[16:24])


class Runner:
    def __init__(self, app_dir: Path, work: Path) -> None:
        self.app_dir = app_dir
        self.work = work
        self.gui = app_dir / f"Wijkkompas{EXE_SUFFIX}"
        self.cli = app_dir / f"wijkkompas-cli{EXE_SUFFIX}"
        for exe in (self.gui, self.cli):
            if not exe.is_file():
                raise SmokeFailure(f"programma ontbreekt: {exe}")
        self.env = dict(os.environ, WIJKKOMPAS_DATA_DIR=str(work / "appdata"))
        self.env.setdefault("QT_QPA_PLATFORM", "offscreen")
        for name in ("PYTHONPATH", "PYTHONHOME"):  # the frozen app must not see this checkout
            self.env.pop(name, None)

    # Generous: the first --demo start builds the demo project (~30 s of CPU), and CI machines are shared.
    def run(self, exe: Path, *args: str, ok=(0,), timeout: int = 900) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [str(exe), *args], capture_output=True, text=True, encoding="utf-8", errors="replace",
            env=self.env, cwd=self.work, timeout=timeout,
        )
        if result.returncode not in ok or "Traceback" in result.stderr:
            log = self.work / "appdata" / "logs" / "wijkkompas.log"
            tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-25:]) if log.is_file() else ""
            raise SmokeFailure(
                f"{exe.name} {' '.join(args)}: exitcode {result.returncode}\n"
                f"stdout: {result.stdout[-1500:]}\nstderr: {result.stderr[-3000:]}\nlog: {tail}"
            )
        return result

    def json(self, *args: str, ok=(0,)) -> dict:
        result = self.run(self.cli, *args, ok=ok)
        try:
            return json.loads(result.stdout)
        except ValueError as exc:
            raise SmokeFailure(f"geen JSON van {' '.join(args)}: {result.stdout[:500]}") from exc


def bundled(app_dir: Path, *parts: str) -> Path:
    """A file inside the frozen folder (PyInstaller >= 6 puts data under _internal/)."""
    for base in (app_dir / "_internal", app_dir):
        candidate = base.joinpath(*parts)
        if candidate.exists():
            return candidate
    raise SmokeFailure(f"niet meegeleverd: {'/'.join(parts)}")


def new_project(runner: Runner, target: Path) -> str:
    help_text = runner.run(runner.cli, "project", "--help").stdout
    if re.search(r"\bnieuw\b", help_text):
        runner.run(runner.cli, "project", "nieuw", str(target))
        if target.is_file():
            return "project nieuw (bevroren programma)"
    sys.path.insert(0, str(ROOT))
    from wijkkompas.core.project import Project

    Project().save(target)
    return "Project().save van deze checkout"


def steps(runner: Runner) -> list[tuple[str, callable]]:
    app, work = runner.app_dir, runner.work
    version = expected_version()
    demo = bundled(app, "resources", "demo")
    project = work / "rook.wkp"

    def check_version():
        out = runner.run(runner.cli, "--version").stdout.strip()
        if out != f"Wijkkompas {version}":
            raise SmokeFailure(f"--version gaf {out!r}, verwacht 'Wijkkompas {version}'")
        return out

    def check_bundle():
        manifest = json.loads(bundled(app, "resources", "reference", "manifest.json").read_text(encoding="utf-8"))
        qm = [p.name for p in app.rglob("qtbase_nl.qm")]
        if not qm:
            raise SmokeFailure("Nederlandse Qt-vertaling (qtbase_nl.qm) ontbreekt")
        others = [p.name for p in app.rglob("qtbase_*.qm") if p.name != "qtbase_nl.qm"]
        return f"{len(manifest.get('tabellen', {}))} referentietabellen, qtbase_nl.qm, {len(others)} andere talen"

    def check_empty_window():
        target = work / "leeg.png"
        runner.run(runner.gui, "--screenshot", str(target))
        width, height = png_size(target)
        if width < 1000 or height < 600:
            raise SmokeFailure(f"schermafdruk te klein: {width}×{height}")
        return f"{width}×{height}"

    def check_demo_window():
        target = work / "demo.png"
        runner.run(runner.gui, "--demo", "--screenshot", str(target), "--panel", "start")
        width, height = png_size(target)
        return f"{width}×{height}, {target.stat().st_size // 1024} kB"

    def check_chart_panel():
        # Start shows no chart; a panel with pyqtgraph charts loads the OpenGL helpers pyqtgraph always
        # imports, which an over-eager Qt exclude once left out (every chart panel then failed to open).
        target = work / "grafieken.png"
        runner.run(runner.gui, "--demo", "--screenshot", str(target), "--panel", "gemeente")
        width, height = png_size(target)
        return f"Gemeente & benchmark {width}×{height}"

    def check_import():
        data = runner.json("import", str(demo / "toewijzingen.xlsx"), "--json", ok=(0, 1))
        if data.get("soort") != "toewijzingen" or not data.get("rijen_geldig"):
            raise SmokeFailure(f"import gaf {data.get('soort')!r} met {data.get('rijen_geldig')!r} geldige rijen")
        return f"{data['rijen_geldig']} geldige rijen, {data.get('rijen_afgekeurd', 0)} afgekeurd"

    def check_project_round_trip():
        how = new_project(runner, project)
        # wijken: small, so the round trip tests saving and opening, not the import speed (checked above)
        runner.json("import", str(demo / "wijken.xlsx"), "--project", str(project), "--json", ok=(0, 1))
        overview = runner.json("project", str(project), "--json")
        rows = {t["tabel"]: t["rijen"] for t in overview.get("tabellen", [])}
        if not rows.get("wijken"):
            raise SmokeFailure(f"opgeslagen project heeft geen wijken: {rows}")
        target = work / "project.png"
        runner.run(runner.gui, "--project", str(project), "--screenshot", str(target))
        png_size(target)
        return f"{how}; heropend met {rows['wijken']} rijen wijken; venster opent het project"

    def check_models():
        data = runner.json("gemeente", "Deventer", "--json")
        answers = demo / "positie_antwoorden.json"
        positie = runner.json("positie", "--antwoorden", str(answers), "--gemeente", "Deventer", "--json")
        return f"gemeente: {len(data)} sleutels; positie: {len(positie)} sleutels"

    def check_systeeminfo():
        text = runner.run(runner.cli, "systeeminfo").stdout  # exit 1 (a [PROBLEEM]) fails here
        for expected in ("Soort installatie: zelfstandig programma", "Qt-vertaling (qtbase_nl): gevonden",
                         "pandas: ", "statsmodels: ", "gemeenten.csv: sha256 ", "schrijven: ja"):
            if expected not in text:
                raise SmokeFailure(f"systeeminfo mist {expected!r}:\n{text[:1500]}")
        if "niet gevonden" in text:
            raise SmokeFailure(f"systeeminfo vindt iets niet:\n{text[:1500]}")
        return "versies uit de meegeleverde metadata, Nederlandse Qt-vertaling laadt"

    return [
        ("versie", check_version),
        ("systeeminformatie", check_systeeminfo),
        ("meegeleverde gegevens", check_bundle),
        ("leeg venster (schermafdruk)", check_empty_window),
        ("demo-venster (schermafdruk)", check_demo_window),
        ("paneel met grafieken (pyqtgraph)", check_chart_panel),
        ("import van een demobestand", check_import),
        ("project opslaan en openen", check_project_round_trip),
        ("gemeente en positie (statsmodels/scipy)", check_models),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app_dir", nargs="?", type=Path, default=ROOT / "dist" / "Wijkkompas")
    args = parser.parse_args()
    started = time.monotonic()
    failures = passed = 0
    with tempfile.TemporaryDirectory(prefix="wk-rook-") as tmp:
        runner = Runner(args.app_dir.resolve(), Path(tmp))
        for name, step in steps(runner):
            t0 = time.monotonic()
            try:
                detail = step()
            except (SmokeFailure, subprocess.TimeoutExpired, OSError) as exc:
                failures += 1
                print(f"FOUT  {name}: {exc}", flush=True)
                continue
            passed += 1
            print(f"ok    {name} ({time.monotonic() - t0:.1f} s): {detail}", flush=True)
    total = time.monotonic() - started
    print(f"rooktest van het bevroren programma: {'geslaagd' if not failures else 'MISLUKT'} in {total:.0f} s")
    print(f"rooktest: {passed} passed, {failures} failed")  # the plain closing line CI logs understand
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
