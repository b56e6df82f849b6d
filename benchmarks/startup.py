"""Benchmark: time to the first painted main window, against a bare PySide6 window.

Run:  python benchmarks/startup.py [--repeat 5]

Three cases, each a fresh interpreter (cold imports are what a user waits for),
measured from spawning the process to the end of the main window's first paint:

- ``bare``:  QApplication + a QMainWindow with one label (the floor: Python + Qt);
- ``leeg``:  ``wijkkompas`` without arguments (empty project), through ``cli.main``;
- ``demo``:  ``wijkkompas --demo``: once cold (it builds the demo project and caches it in
  app-data), then warm from that cache, which is what every later start sees.

Target (issue 15): leeg / bare <= 2. The median of ``--repeat`` runs is printed
per case with the ratio to bare. Each child gets its own empty app-data folder
(``WIJKKOMPAS_DATA_DIR``), so settings or autosaves of the user never influence
the run and the run never writes into the user's folder. The window is drawn
offscreen unless ``QT_QPA_PLATFORM`` says otherwise.

Why "first paint" and not "window shown": ``show()`` returns before anything is
drawn; the user sees the window when its first paint pass is flushed. The child
stamps the time in a zero-delay timer queued from the first Paint event of the
main window, which runs after that paint pass (children included) is done.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASES = ("bare", "leeg", "demo")
MARKER = "PAINTED "


def _watch_first_paint(window) -> None:
    """Print MARKER + wall time after the window's first paint pass, then leave at once."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        seen = False

        def eventFilter(self, obj, event):  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.Paint and not self.seen:
                self.seen = True
                QTimer.singleShot(0, report)
            return False

    def report() -> None:
        sys.stdout.write(f"{MARKER}{time.time():.6f}\n")
        sys.stdout.flush()
        os._exit(0)  # no teardown: closing would save settings and is not part of start-up

    watcher = FirstPaint(window)
    window.installEventFilter(watcher)
    window._startup_watcher = watcher  # keep alive


def _child(case: str) -> None:
    if case == "bare":
        from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

        app = QApplication(["bare"])
        window = QMainWindow()
        window.setCentralWidget(QLabel("Leeg venster"))
        window.resize(1400, 880)
        _watch_first_paint(window)
        window.show()
        app.exec()
        return
    sys.path.insert(0, str(ROOT))
    import wijkkompas.gui.app as gui_app  # imported by cli.main anyway
    from wijkkompas.cli import main

    original = gui_app.create_main_window

    def create_and_watch(*args, **kwargs):
        window = original(*args, **kwargs)
        _watch_first_paint(window)
        return window

    gui_app.create_main_window = create_and_watch
    raise SystemExit(main(["--demo"] if case == "demo" else []))


def _children_cpu() -> float:
    """CPU seconds (user + system) of finished child processes; 0 where resource is missing (Windows)."""
    try:
        import resource
    except ImportError:
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


CPU: dict[str, list[float]] = {}


def _run_once(case: str, data_dir: str | None = None) -> float:
    """One fresh process; its own empty app-data folder unless ``data_dir`` (a warm cache) is given.

    Returns the wall time to the first paint and records the child's CPU time in ``CPU``:
    on a shared machine wall time mostly measures the neighbours, CPU time the work.
    """
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="wk-startup-") as fresh:
        env["WIJKKOMPAS_DATA_DIR"] = data_dir or fresh
        cpu_before = _children_cpu()
        start = time.time()
        proc = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--child", case],
            env=env, capture_output=True, text=True, timeout=900,
        )
    CPU.setdefault(case, []).append(_children_cpu() - cpu_before)
    for line in proc.stdout.splitlines():
        if line.startswith(MARKER):
            return float(line[len(MARKER):]) - start
    raise RuntimeError(f"case {case}: no first paint (exit {proc.returncode})\n{proc.stderr[-2000:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per case (median is reported)")
    parser.add_argument("--child", choices=CASES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return 0
    _run_once("bare")  # warm the OS file cache so the first case is not penalised
    medians: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="wk-startup-demo-") as demo_dir:
        # The first --demo start builds the demo project and caches it in app-data; later starts
        # (what a user sees every day) open the cache. Both are reported.
        cold = _run_once("demo", demo_dir)
        print(f"demo, eerste start (bouwt en bewaart het demoproject): {cold:.3f} s (n=1)")
        for case in CASES:
            times = [_run_once(case, demo_dir if case == "demo" else None) for _ in range(args.repeat)]
            medians[case] = statistics.median(times)
            spread = f"{min(times):.3f}–{max(times):.3f}"
            cpu = statistics.median(CPU[case][-args.repeat:])
            print(f"{case:5s} median {medians[case]:.3f} s  (min–max {spread} s, n={args.repeat}); CPU {cpu:.3f} s")
    bare = medians["bare"]
    print(f"ratio leeg / bare: {medians['leeg'] / bare:.2f}  (target <= 2)")
    print(f"ratio demo / bare: {medians['demo'] / bare:.2f}  (demo from the cache)")
    cpu_bare = statistics.median(CPU["bare"][-args.repeat:])
    if cpu_bare:
        cpu_leeg = statistics.median(CPU["leeg"][-args.repeat:])
        print(f"CPU-ratio leeg / bare: {cpu_leeg / cpu_bare:.2f}  (less sensitive to a busy machine)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
