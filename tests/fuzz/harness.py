"""Shared checks of the fuzz and reproducer tests: run the CLI in a child, judge the outcome.

The invariants (issue 17): exit code 0, 1 or 2 (never 3, never a signal), no
traceback or English internals on stderr, no number passing the 11-proef in
any output or written file, the source file unchanged, no text in a written
xlsx/csv that Excel would evaluate as a formula, and rows read = valid +
rejected + skipped.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from wijkkompas.core.bsn import bsn_spans

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CHILD = HERE / "child.py"
# English or internal words that must never reach the user (technical detail goes to the log).
INTERNAL = re.compile(r"Traceback|Error\b|Exception|errno|No such file|Permission denied|Is a directory|"
                      r"codec|set_int_max_str_digits|field larger|Expecting|memory allocation|panicked|"
                      r"object has no attribute|positional argument|\bNone\b")


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str
    peak_mb: int | None

    @property
    def aborted(self) -> bool:
        return self.code < 0


def run_cli(args: list[str], limit_mb: int = 3000, timeout: float = 180, stdin: bytes | None = None,
            env: dict[str, str] | None = None) -> Outcome:
    child_env = dict(os.environ)
    child_env.update({"OPENBLAS_NUM_THREADS": "1", "QT_QPA_PLATFORM": "offscreen", "PYTHONHASHSEED": "0"})
    child_env.update(env or {})
    child_env["PYTHONPATH"] = str(REPO) + os.pathsep + child_env.get("PYTHONPATH", "")
    proc = subprocess.run([sys.executable, str(CHILD), str(limit_mb), "--", *[str(a) for a in args]],
                          capture_output=True, timeout=timeout, env=child_env, input=stdin, cwd=str(REPO))
    err = proc.stderr.decode("utf-8", "replace")
    peak = None
    match = re.search(r"PEAK_MB=(\d+)\s*$", err)
    if match:
        peak = int(match.group(1))
        err = err[:match.start()]
    return Outcome(proc.returncode, proc.stdout.decode("utf-8", "replace"), err, peak)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leaks(text: str) -> list[str]:
    return [text[a:b] for a, b in bsn_spans(text)]


def check_outcome(out: Outcome) -> list[str]:
    """Invariant violations of one run (empty list: clean)."""
    problems = []
    if out.aborted:
        problems.append(f"afgebroken met signaal {-out.code}")
    elif out.code not in (0, 1, 2):
        problems.append(f"exitcode {out.code}")
    if INTERNAL.search(out.stderr):
        problems.append(f"interne tekst op stderr: {out.stderr[-300:]!r}")
    if out.code == 2 and not out.stderr.strip().startswith("wijkkompas: "):
        problems.append(f"exitcode 2 zonder melding: {out.stderr[-300:]!r}")
    for name, text in (("stdout", out.stdout), ("stderr", out.stderr)):
        found = leaks(text)
        if found:
            problems.append(f"BSN in {name}: {found[:3]}")
    if out.code in (0, 1) and out.stdout.lstrip().startswith("{"):
        try:
            data = json.loads(out.stdout)
        except ValueError:
            problems.append("stdout is geen JSON")
        else:
            problems += check_counts(data)
    return problems


def check_counts(data: dict) -> list[str]:
    """rows read = valid + rejected + skipped (skipped: repeated headers, totals rows)."""
    if "rijen_gelezen" not in data:
        return []
    gelezen, geldig = data["rijen_gelezen"], data["rijen_geldig"]
    afgekeurd, overgeslagen = data.get("rijen_afgekeurd"), data.get("rijen_overgeslagen")
    if not isinstance(afgekeurd, int) or not isinstance(overgeslagen, int):
        return [f"rijen: afgekeurd {afgekeurd!r} of overgeslagen {overgeslagen!r} ontbreekt in de JSON"]
    if min(geldig, afgekeurd, overgeslagen) < 0 or gelezen != geldig + afgekeurd + overgeslagen:
        return [f"rijen: gelezen {gelezen} != geldig {geldig} + afgekeurd {afgekeurd} + overgeslagen {overgeslagen}"]
    return []


def formulas_in_file(path: Path) -> list[str]:
    """Text cells of an xlsx/csv (or csv members of a .wkp) that start like a formula."""
    from wijkkompas.core.textsafe import is_formula_like

    found: list[str] = []
    data = path.read_bytes()
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                blob = archive.read(name)
                if name.endswith(".csv"):
                    found += _csv_formulas(blob.decode("utf-8", "replace"))
                elif name.startswith("xl/") and name.endswith(".xml"):
                    found += [v for v in _xlsx_texts(blob) if is_formula_like(v)]
                    if b"<f>" in blob or b"<f " in blob:
                        found.append(f"formule-element in {name}")
    elif path.suffix.lower() in (".csv", ".txt"):
        found += _csv_formulas(data.decode("utf-8", "replace"))
    return found


def _csv_formulas(text: str) -> list[str]:
    from wijkkompas.core.textsafe import is_formula_like

    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row
            if is_formula_like(cell) and not _is_number(cell)]


def _is_number(text: str) -> bool:
    """A negative number ("-12.5") is data, not a formula: Excel reads it as a number."""
    try:
        float(text)
    except ValueError:
        return False
    return True


def _xlsx_texts(blob: bytes) -> list[str]:
    import html

    return [html.unescape(m.decode("utf-8", "replace")) for m in re.findall(rb"<t[^>]*>([^<]*)</t>", blob)]
