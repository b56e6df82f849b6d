"""One place that knows where the bundled resources live.

Three layouts must work: a source checkout (``<repo>/resources``), an installed
wheel (``wijkkompas/_resources``, copied there by setup.py) and a frozen build
(PyInstaller puts data under ``sys._MEIPASS``). Everything else asks ``path()``.
"""
from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def root() -> Path:
    """Return the resources root directory, whichever layout we run from."""
    candidates = []
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        candidates.append(Path(frozen_base) / "resources")
    candidates.append(_PACKAGE_DIR / "_resources")
    candidates.append(_PACKAGE_DIR.parent / "resources")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "De meegeleverde gegevens (map 'resources') zijn niet gevonden; "
        "installeer Wijkkompas opnieuw. Gezocht in: " + ", ".join(str(c) for c in candidates)
    )


def path(*parts: str) -> Path:
    """Path of a bundled resource, e.g. ``path("reference", "gemeenten.csv")``."""
    return root().joinpath(*parts)
