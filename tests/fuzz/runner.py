"""Write fuzz cases to disk, run them in child processes, collect counts (cases, clean, crashes, aborts, leaks)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from corpus import generate, good_inputs

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


@dataclass
class Summary:
    cases: int = 0
    clean: int = 0
    crashes: int = 0  # exit 3 or an exception escaping main()
    aborts: int = 0  # the process died (signal) or hung
    leaks: int = 0  # a BSN in an output or written file
    formulas: int = 0
    other: int = 0
    codes: Counter = field(default_factory=Counter)
    failures: list[dict] = field(default_factory=list)

    def line(self) -> str:
        return (f"gevallen={self.cases} schoon={self.clean} crashes={self.crashes} aborts={self.aborts} "
                f"lekken={self.leaks} formules={self.formulas} overig={self.other} exitcodes={dict(self.codes)}")


def write_cases(cases: list[dict], folder: Path) -> None:
    for i, case in enumerate(cases):
        d = folder / f"{i:06d}"
        d.mkdir(parents=True)
        for name, blob in case["files"].items():
            (d / name).write_bytes(blob)
        (d / "case.json").write_text(json.dumps({k: (list(v) if k == "files" else v) for k, v in case.items()}),
                                     encoding="utf-8")


def run(seed: int, n: int, limit_mb: int = 2500, timeout: float = 600, per_case_timeout: float = 60,
        progress_every: int = 0) -> Summary:
    cases = generate(seed, n, *good_inputs())
    summary = Summary(cases=len(cases))
    with tempfile.TemporaryDirectory(prefix="wk-fuzz-") as tmp:
        folder = Path(tmp) / "cases"
        write_cases(cases, folder)
        data_dir = Path(tmp) / "appdata"
        env = dict(os.environ, WIJKKOMPAS_DATA_DIR=str(data_dir), OPENBLAS_NUM_THREADS="1",
                   QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        first = 0
        while first < len(cases):
            proc = subprocess.Popen([sys.executable, str(HERE / "batch_child.py"), str(folder), str(first),
                                     str(limit_mb)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                                    text=True)
            started = None
            done = first
            try:
                import selectors

                sel = selectors.DefaultSelector()
                sel.register(proc.stdout, selectors.EVENT_READ)
                while True:
                    if not sel.select(timeout=per_case_timeout):
                        raise subprocess.TimeoutExpired(proc.args, per_case_timeout)
                    line = proc.stdout.readline()
                    if not line:
                        break
                    record = json.loads(line)
                    if "start" in record:
                        started = record["start"]
                        continue
                    _count(summary, record, cases[record["index"]])
                    done = record["index"] + 1
                    if progress_every and done % progress_every == 0:
                        print(f"na {done}: " + summary.line(), flush=True)
                    started = None
            except subprocess.TimeoutExpired:
                proc.kill()
            proc.wait()
            if started is not None:  # the child died (abort, kill) or hung inside this case
                summary.aborts += 1
                summary.codes["abort"] += 1
                summary.failures.append({"id": cases[started]["id"], "kind": cases[started]["kind"],
                                         "problems": [f"proces beëindigd (code {proc.returncode})"]})
                done = started + 1
            elif done == first and proc.returncode != 0:
                break  # the child cannot even start: do not loop
            first = done
    return summary


def _count(summary: Summary, record: dict, case: dict) -> None:
    summary.codes[record["code"]] += 1
    problems = record["problems"]
    if not problems:
        summary.clean += 1
        return
    summary.failures.append({"id": record["id"], "kind": record["kind"], "problems": problems})
    text = " ".join(problems)
    if "exitcode" in text or "ONTSNAPT" in text:
        summary.crashes += 1
    elif "BSN" in text:
        summary.leaks += 1
    elif "formule" in text:
        summary.formulas += 1
    else:
        summary.other += 1


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Lange fuzz-run van de Wijkkompas-CLI")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--cases", type=int, default=3000)
    opts = parser.parse_args()
    result = run(opts.seed, opts.cases, timeout=10**6, per_case_timeout=300, progress_every=50)
    print(result.line())
    for failure in result.failures[:50]:
        print(failure)
