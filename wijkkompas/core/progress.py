"""One progress contract for long computations, Qt-free.

Why one object instead of two callbacks: core functions take a single optional
``progress: Voortgang | None`` argument, report with ``step()`` and stop with
``check()`` (raises ``TaskCancelled``). The GUI's Task builds a ``Voortgang``
that forwards to its signals; the CLI and tests pass ``None`` (or
``Voortgang()``, which does nothing) — so the three hand-written variants of
"report and maybe stop" are one.
"""
from __future__ import annotations

from collections.abc import Callable

from wijkkompas.core.errors import TaskCancelled

ReportFn = Callable[[float, str], None]
CancelledFn = Callable[[], bool]


class Voortgang:
    """Report progress in [0, 1] with a Dutch text; ``check()`` raises when the user cancelled."""

    def __init__(self, report: ReportFn | None = None, cancelled: CancelledFn | None = None) -> None:
        self._report = report
        self._cancelled = cancelled
        self.fraction = 0.0
        self.text = ""

    def step(self, fraction: float, text: str = "") -> None:
        """Report, then stop if cancelled: every report is also a cancellation point."""
        self.fraction = min(1.0, max(0.0, float(fraction)))
        self.text = text or self.text
        if self._report is not None:
            self._report(self.fraction, self.text)
        self.check()

    def __call__(self, fraction: float, text: str = "") -> None:
        """Callable like the old ``progress(fraction, text)`` callbacks, so older core code keeps working."""
        self.step(fraction, text)

    def check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise TaskCancelled()

    @property
    def is_cancelled(self) -> bool:
        return bool(self._cancelled and self._cancelled())

    def sub(self, start: float, end: float) -> Voortgang:
        """A child reporting into [start, end] of this one, for a step made of steps."""
        def report(fraction: float, text: str) -> None:
            self.step(start + (end - start) * fraction, text)

        return Voortgang(report, self._cancelled)


def ensure(progress: Voortgang | ReportFn | None) -> Voortgang:
    """``None`` -> a silent Voortgang, a bare ``f(fraction, text)`` -> one that reports to it."""
    if progress is None:
        return Voortgang()
    if isinstance(progress, Voortgang):
        return progress
    return Voortgang(progress)
