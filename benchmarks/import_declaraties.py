"""Benchmark: our full declaraties import vs pandas.read_excel(engine="openpyxl").

Run:  PYTHONPATH=. python benchmarks/import_declaraties.py [--rows 200000] [--profile] [--processes]

``--processes`` (issue 17's target: <= 0,20) times whole processes instead:
``wijkkompas import FILE --soort declaraties --json`` against a fresh
interpreter running ``pandas.read_excel(engine="openpyxl")``, start-up included.

Why this comparison: ``pandas.read_excel`` with openpyxl is what an analyst
would otherwise use, and it only *reads*; our import reads (python-calamine),
detects headers, validates every cell, pseudonymises and derives the monthly
panel and summary. Target: our time / read_excel time <= 0,25.

The 200.000-row .xlsx is generated once (openpyxl write-only mode, seeded) and
cached under benchmarks/.cache/ (gitignored). It looks like a real export: a
title row and an empty row above the header, Excel numbers and dates, codes
as text, BSNs that pass the 11-proef and a few messy rows (Dutch text
amounts, a totals row at the bottom).

Peak memory is the process' maximum resident set size (resource.getrusage
ru_maxrss) measured right after our import and before read_excel runs, so it
is our peak including the Python interpreter and libraries (the baseline
before the import is printed too). tracemalloc is not used because it slows
the pipeline down and misses numpy/Rust allocations.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CACHE = ROOT / "benchmarks" / ".cache"
HEADERS = ["Declaratienummer", "Toewijzingnummer", "BSN", "Productcategorie", "Productcode", "AGB-code",
           "Periode begin", "Periode eind", "Geleverd volume", "Eenheid", "Producttarief",
           "Ingediend bedrag", "Toegekend bedrag", "Status"]


def _bsns(rng: np.random.Generator, n: int) -> np.ndarray:
    """n distinct-ish 9-digit numbers that pass the 11-proef."""
    out = []
    weights = np.array([9, 8, 7, 6, 5, 4, 3, 2])
    while sum(len(o) for o in out) < n:
        d = rng.integers(0, 10, size=(n, 8))
        d[:, 0] = rng.integers(1, 10, size=n)
        r = (d @ weights) % 11
        ok = r < 10
        nums = (d[ok] @ (10 ** np.arange(8, 0, -1))) + r[ok]
        out.append(nums)
    return np.concatenate(out)[:n]


def generate(path: Path, rows: int, seed: int = 20240101) -> None:
    from openpyxl import Workbook

    rng = np.random.default_rng(seed)
    n_clients = max(rows // 12, 10)
    clients = _bsns(rng, n_clients)
    cats = np.array(["01", "02", "03", "04", "07", "08"])
    cat_p = np.array([0.45, 0.25, 0.1, 0.03, 0.12, 0.05])
    unit_of = {"01": "04", "02": "04", "03": "01", "04": "14", "07": "16", "08": "82"}
    tarief_of = {"01": 32.5, "02": 62.0, "03": 1.05, "04": 145.0, "07": 48.0, "08": 21.0}
    vol_of = {"01": 12, "02": 10, "03": 400, "04": 4, "07": 12, "08": 8}
    client = rng.integers(0, n_clients, size=rows)
    cat = rng.choice(cats, size=rows, p=cat_p)
    month = rng.integers(0, 24, size=rows)
    agb = rng.integers(1, 60, size=rows) + 98_000_000
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Declaraties")
    ws.append(["Overzicht declaraties Wmo Voorbeeldstad 2023-2024"])
    ws.append([])
    ws.append(HEADERS)
    statuses = np.array(["Goedgekeurd", "Goedgekeurd", "Goedgekeurd", "Afgekeurd", "Ingediend"])
    status = rng.choice(statuses, size=rows)
    volumes = rng.poisson(lam=[vol_of[c] for c in cat]) + 1
    for i in range(rows):
        c = cat[i]
        y, m = 2023 + month[i] // 12, month[i] % 12 + 1
        start = dt.datetime(y, m, 1)
        end = (dt.datetime(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1))
        vol = int(volumes[i])
        tarief = tarief_of[c]
        ingediend = round(vol * tarief, 2)
        toegekend = ingediend if status[i] == "Goedgekeurd" else None
        row = [100_000 + i // 3, 500_000 + int(client[i]) * 4 + int(np.searchsorted(cats, c)) % 4,
               int(clients[client[i]]), c, f"{c}A{int(month[i]) % 5:02d}", int(agb[i]),
               start, end, vol, unit_of[c], tarief, ingediend, toegekend, str(status[i])]
        if i % 20_000 == 7:  # Dutch text amounts as some systems export them
            row[11] = f"{ingediend:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
            row[6] = start.strftime("%d-%m-%Y")
        ws.append(row)
    ws.append(["Totaal", None, None, None, None, None, None, None, None, None, None, None, None, None])
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    wb.save(tmp)
    tmp.replace(path)


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: kilobytes


def ours(path: Path):
    from wijkkompas.core.imports import import_file

    return import_file(path, soort="declaraties", secret=os.urandom(32))


def run_process(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Wall time (s), peak RSS (MB) and exit code of one whole child process (start-up included)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024.0, proc.returncode


def processes(path: Path, repeat: int) -> int:
    """Issue 17's measure: the whole CLI import vs a whole ``pandas.read_excel`` process, in one run.

    Both are fresh interpreters, so our start-up (imports, argument parsing)
    counts, as it does for a user. Interleaved runs, medians reported.
    """
    import statistics
    import tempfile

    env = dict(os.environ, OPENBLAS_NUM_THREADS=os.environ.get("OPENBLAS_NUM_THREADS", "1"))
    env["WIJKKOMPAS_DATA_DIR"] = tempfile.mkdtemp(prefix="wk-bench-")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    ours_cmd = [sys.executable, "-m", "wijkkompas.cli", "import", str(path), "--soort", "declaraties", "--json"]
    pandas_cmd = [sys.executable, "-c",
                  f"import pandas as pd; pd.read_excel({str(path)!r}, engine='openpyxl', header=2)"]
    startup_cmd = [sys.executable, "-m", "wijkkompas.cli", "--version"]
    t_ours, t_pandas, t_start, peaks = [], [], [], []
    for i in range(repeat):
        elapsed, peak, code = run_process(ours_cmd, env)
        if code not in (0, 1):
            print(f"wijkkompas import eindigde met exitcode {code}", file=sys.stderr)
            return 2
        t_ours.append(elapsed)
        peaks.append(peak)
        t_pandas.append(run_process(pandas_cmd, env)[0])
        t_start.append(run_process(startup_cmd, env)[0])
        print(f"  run {i + 1}: wijkkompas import {elapsed:.2f} s (piek {peak:.0f} MB), "
              f"read_excel {t_pandas[-1]:.2f} s, start-up CLI {t_start[-1]:.2f} s", flush=True)
    ours, theirs, start = (statistics.median(t) for t in (t_ours, t_pandas, t_start))
    ratio = ours / theirs
    print(f"hele processen, mediaan van {repeat}: wijkkompas import {ours:.2f} s, "
          f"pandas.read_excel(engine='openpyxl') {theirs:.2f} s, waarvan start-up van de CLI {start:.2f} s")
    print(f"piekgeheugen wijkkompas import (ru_maxrss kindproces): {max(peaks):.0f} MB")
    print(f"verhouding ons/pandas (hele processen): {ratio:.3f}".replace(".", ",")
          + f" (doel <= 0,20: {'gehaald' if ratio <= 0.20 else 'NIET gehaald'})")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--profile", action="store_true", help="profile our import (cProfile) instead of comparing")
    ap.add_argument("--skip-pandas", action="store_true", help="only time our import")
    ap.add_argument("--processes", action="store_true",
                    help="compare whole processes (the CLI import vs a read_excel script), start-up included")
    ap.add_argument("--repeat", type=int, default=3, help="runs per case with --processes (median)")
    args = ap.parse_args(argv)
    path = CACHE / f"declaraties_{args.rows}.xlsx"
    if not path.exists():
        t0 = time.perf_counter()
        print(f"Genereren van {path.name} ({args.rows} rijen, eenmalig)…", flush=True)
        generate(path, args.rows)
        print(f"  gegenereerd in {time.perf_counter() - t0:.1f} s", flush=True)
    if args.processes:
        return processes(path, args.repeat)
    if args.profile:
        import cProfile
        import pstats

        cProfile.runctx("ours(path)", globals(), {"path": path, "ours": ours}, "/tmp/import_profile.out")
        pstats.Stats("/tmp/import_profile.out").sort_stats("cumulative").print_stats(40)
        return 0

    import pandas as pd

    base = maxrss_mb()
    t0 = time.perf_counter()
    result = ours(path)
    t_ours = time.perf_counter() - t0
    peak = maxrss_mb()
    print(f"bestand: {path.name} ({path.stat().st_size / 1e6:.1f} MB), rijen_gelezen={result.rijen_gelezen}, "
          f"rijen_geldig={result.rijen_geldig}, fouten={len(result.fouten)}, "
          f"waarschuwingen={len(result.waarschuwingen)}")
    print(f"wijkkompas import_file (lezen+controle+pseudonimiseren+panel): {t_ours:.2f} s")
    print(f"piekgeheugen (ru_maxrss, hele proces na onze import): {peak:.0f} MB "
          f"(vóór de import: {base:.0f} MB)")
    if args.skip_pandas:
        return 0
    t0 = time.perf_counter()
    df = pd.read_excel(path, engine="openpyxl", header=2)
    t_pandas = time.perf_counter() - t0
    print(f"pandas.read_excel(engine='openpyxl'): {t_pandas:.2f} s ({len(df)} rijen)")
    ratio = t_ours / t_pandas
    print(f"verhouding ons/pandas: {ratio:.3f}".replace(".", ",") + f" (doel <= 0,25: {'gehaald' if ratio <= 0.25 else 'NIET gehaald'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
