"""Benchmark: opening the cached demo project vs building it from the exports.

Run:  PYTHONPATH=. python benchmarks/demo_cache.py

Why: ``wijkkompas --demo`` must not import 4½ years of monthly declaraties at
every start. This prints, in one run on the same machine: the cold build
(import of every demo export), opening the cached project file (.wkp, CSV
tables) and opening the pickle-free snapshot that ``--demo`` uses, and the
ratios. Uses a temporary app-data folder, so the user's own cache is not
touched.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["WIJKKOMPAS_DATA_DIR"] = folder
        from wijkkompas.core import demo, demo_cache
        from wijkkompas.core.project import Project

        secret = b"benchmark-demo-cache-secret-0001"
        t0 = time.perf_counter()
        project = demo.build_demo_project(secret=secret)  # cold: builds and writes the cache
        cold = time.perf_counter() - t0
        target = demo.cache_path(secret)
        t0 = time.perf_counter()
        Project.load(target)
        wkp = time.perf_counter() - t0
        t0 = time.perf_counter()
        demo_cache.load_snapshot(target.with_suffix(".npz"))
        snapshot = time.perf_counter() - t0
        t0 = time.perf_counter()
        demo.build_demo_project(secret=secret)  # warm: what --demo does on every later start
        warm = time.perf_counter() - t0
        rows = sum(len(t) for t in project.tables.values())
        print(f"tabellen: {len(project.tables)}, rijen: {rows}")
        print(f"koud (bouwen uit exports + cache schrijven): {cold:.2f} s")
        print(f"cache als .wkp openen:                      {wkp:.2f} s")
        print(f"cache als snapshot openen:                  {snapshot:.2f} s")
        print(f"warm --demo (hash + snapshot):              {warm:.2f} s")
        print(f"verhouding warm / koud: {warm / cold:.3f}; snapshot / .wkp: {snapshot / wkp:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
