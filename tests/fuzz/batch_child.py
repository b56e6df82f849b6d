"""Run many fuzz cases through the CLI in one child process and judge each (see ``harness``).

Why one process for many cases: start-up (pandas, calamine) costs seconds,
a case milliseconds. The parent reads one JSON line per case from stdout; a
"start" line is flushed before each case, so if native code aborts the
process the parent knows which case did it and restarts after it.

Usage: python batch_child.py CASES_DIR FIRST_INDEX LIMIT_MB
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import resource
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    except OSError:
        return None


def run_case(case_dir: Path, emit) -> dict:
    from harness import Outcome, check_outcome, formulas_in_file, leaks

    from wijkkompas.cli import main

    spec = json.loads((case_dir / "case.json").read_text(encoding="utf-8"))
    work = Path(tempfile.mkdtemp(prefix="fuzz-"))
    for name in spec["files"]:
        (work / name).write_bytes((case_dir / name).read_bytes())
    args = list(spec["args"])
    for n in spec["files"]:
        args = [a.replace("{" + n + "}", str(work / n)) for a in args]
    sources = [work / n for n in spec["files"] if not n.endswith(".wkp")]
    before = {p: _sha(p) for p in sources}
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as exc:  # argparse
            code = exc.code if isinstance(exc.code, int) else 2
        except BaseException as exc:  # noqa: BLE001 - anything escaping main() is a crash of the app
            code = 3
            err.write(f"ONTSNAPT: {type(exc).__name__}\n")
    outcome = Outcome(int(code), out.getvalue(), err.getvalue(), None)
    problems = check_outcome(outcome)
    for path, sha in before.items():
        if _sha(path) != sha:
            problems.append(f"bronbestand gewijzigd: {path.name}")
    written = [p for p in work.iterdir() if p.suffix == ".wkp"]
    if outcome.code in (0, 1) and spec["args"][0] == "import":
        written += _export_report(work, outcome.stdout)
    for path in written:
        try:
            for name, text in _texts(path):
                found = leaks(text)
                if found:
                    problems.append(f"BSN in {path.name}/{name}: {found[:2]}")
            formulas = formulas_in_file(path)
            if formulas:
                problems.append(f"formule in {path.name}: {formulas[:2]}")
        except Exception as exc:  # noqa: BLE001 - a written file we cannot even read is a finding too
            if path.suffix != ".wkp" or outcome.code in (0, 1):
                problems.append(f"geschreven bestand onleesbaar: {path.name} ({type(exc).__name__})")
    return {"id": spec["id"], "kind": spec["kind"], "code": outcome.code, "problems": problems}


def _export_report(work: Path, stdout: str) -> list[Path]:
    """Export the controlerapport of a successful import: it must hold no formula and no BSN either."""
    from wijkkompas.core.imports.report_export import export_report

    try:
        report = json.loads(stdout)
    except ValueError:
        return []
    if not isinstance(report, dict) or "fouten" not in report:
        return []
    # the CLI prints a Resultaat: ImportResult's "samenvatting"/"waarschuwingen" moved (imports.resultaat.HERNOEMD)
    from wijkkompas.core.imports.resultaat import HERNOEMD

    report.update({old: report.get(new) for old, new in HERNOEMD.items() if new in report})
    report.setdefault("aantal_fouten", len(report["fouten"]))
    return [export_report(report, work / "rapport.xlsx")]


def _texts(path: Path):
    import zipfile

    data = path.read_bytes()
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                yield name, archive.read(name).decode("utf-8", "replace")
    else:
        yield path.name, data.decode("utf-8", "replace")


def main() -> int:
    cases_dir, first, limit_mb = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    if limit_mb > 0:
        resource.setrlimit(resource.RLIMIT_AS, (limit_mb * 1024**2, limit_mb * 1024**2))
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    real_stdout = sys.stdout
    dirs = sorted(p for p in cases_dir.iterdir() if p.is_dir())
    for index in range(first, len(dirs)):
        real_stdout.write(json.dumps({"start": index}) + "\n")
        real_stdout.flush()
        try:
            result = run_case(dirs[index], None)
        except Exception as exc:  # noqa: BLE001 - e.g. the report export failing: a finding, not a dead child
            result = {"id": dirs[index].name, "kind": "?", "code": 3,
                      "problems": [f"exitcode 3: ONTSNAPT buiten de CLI: {type(exc).__name__}"]}
        result["index"] = index
        real_stdout.write(json.dumps(result) + "\n")
        real_stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
