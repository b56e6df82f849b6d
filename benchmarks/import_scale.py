"""Benchmark: a large city's year of declaraties (3 million rows, CSV) through the whole CLI import.

Run:  python benchmarks/import_scale.py [--rows 3000000]

Issue 17's target: peak memory <= 4 GB. The CSV (';', Dutch decimals, dd-mm-jjjj
dates, BSNs passing the 11-proef, a few credit lines) is generated once with
numpy (seeded) and cached under benchmarks/.cache/ (gitignored). The import
runs as a fresh process (``wijkkompas import FILE --soort declaraties --json``);
wall time and the child's peak resident memory (``wait4`` ru_maxrss) are printed.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / ".cache"
HEADERS = ["Declaratienummer", "Toewijzingnummer", "BSN", "Productcategorie", "Productcode", "AGB-code",
           "Periode begin", "Periode eind", "Geleverd volume", "Eenheid", "Tarief", "Ingediend bedrag",
           "Toegekend bedrag", "Status"]


def _bsns(rng: np.random.Generator, n: int) -> np.ndarray:
    weights = np.array([9, 8, 7, 6, 5, 4, 3, 2])
    out = []
    while sum(len(o) for o in out) < n:
        d = rng.integers(0, 10, size=(n, 8))
        d[:, 0] = rng.integers(1, 10, size=n)
        check = (d @ weights) % 11
        ok = check < 10
        out.append((d[ok] @ (10 ** np.arange(8, 0, -1))) + check[ok])
    return np.concatenate(out)[:n]


def generate(path: Path, rows: int, seed: int = 17) -> None:
    import pandas as pd

    rng = np.random.default_rng(seed)
    clients = _bsns(rng, max(rows // 15, 10))
    cats = np.array(["01", "02", "07"])
    cat = rng.choice(cats, size=rows, p=[0.5, 0.35, 0.15])
    tarief = np.select([cat == "01", cat == "02"], [32.5, 62.0], 48.0)
    unit = np.where(cat == "07", "16", "04")
    month = rng.integers(1, 13, size=rows)
    volume = rng.poisson(10, size=rows) + 1
    amount = volume * tarief
    credit = rng.random(rows) < 0.01
    amount = np.where(credit, -amount, amount)
    start = pd.to_datetime({"year": 2024, "month": month, "day": 1})
    end = start + pd.offsets.MonthEnd(0)
    frame = pd.DataFrame({
        "Declaratienummer": np.char.add("D", (np.arange(rows) // 3).astype(str)),
        "Toewijzingnummer": np.char.add("T", rng.integers(0, len(clients) * 2, size=rows).astype(str)),
        "BSN": clients[rng.integers(0, len(clients), size=rows)],
        "Productcategorie": cat,
        "Productcode": np.char.add(cat, "A01"),
        "AGB-code": rng.integers(1, 300, size=rows) + 98_000_000,
        "Periode begin": start.dt.strftime("%d-%m-%Y"),
        "Periode eind": end.dt.strftime("%d-%m-%Y"),
        "Geleverd volume": volume,
        "Eenheid": unit,
        "Tarief": np.char.replace(np.round(tarief, 2).astype(str), ".", ","),
        "Ingediend bedrag": np.char.replace(np.round(amount, 2).astype(str), ".", ","),
        "Toegekend bedrag": np.char.replace(np.round(amount, 2).astype(str), ".", ","),
        "Status": rng.choice(np.array(["Goedgekeurd", "Afgekeurd", "Ingediend"]), size=rows, p=[0.9, 0.05, 0.05]),
    })
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    frame.to_csv(tmp, sep=";", index=False)
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=3_000_000)
    args = ap.parse_args(argv)
    path = CACHE / f"declaraties_{args.rows}.csv"
    if not path.exists():
        t0 = time.perf_counter()
        print(f"Genereren van {path.name} ({args.rows} rijen, eenmalig)…", flush=True)
        generate(path, args.rows)
        print(f"  gegenereerd in {time.perf_counter() - t0:.1f} s", flush=True)
    env = dict(os.environ, WIJKKOMPAS_DATA_DIR=tempfile.mkdtemp(prefix="wk-scale-"),
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    cmd = [sys.executable, "-m", "wijkkompas.cli", "import", str(path), "--soort", "declaraties", "--json"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    peak_gb = usage.ru_maxrss / 1024**2
    print(f"bestand: {path.name} ({path.stat().st_size / 1e6:.0f} MB, {args.rows} rijen)")
    print(f"wijkkompas import (heel proces): {elapsed:.1f} s, exitcode {code}")
    print(f"piekgeheugen (ru_maxrss kindproces): {peak_gb:.2f} GB".replace(".", ",")
          + f" (doel <= 4 GB: {'gehaald' if peak_gb <= 4 else 'NIET gehaald'})")
    if code not in (0, 1):
        print(proc.stderr.read().decode("utf-8", "replace")[-2000:], file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
