"""Facts for the "Over Wijkkompas" dialog and ``--version``: versions and data sources.

Why in core: the dialog only shows these lines; the CLI prints the same.
"""
from __future__ import annotations

import platform
from typing import Any

from wijkkompas import __version__


def reference_sources() -> list[dict[str, Any]]:
    """Per bundled reference table: name, source, publisher, reference year (from manifest.json)."""
    try:
        from wijkkompas.core.reference import manifest
    except ImportError:
        return []
    try:
        data = manifest()
    except Exception:  # noqa: BLE001 - a broken manifest must not break the About dialog
        return []
    tables = data.get("tabellen", data.get("tables", {}))
    rows = []
    for name, table in sorted(tables.items()):
        rows.append(
            {
                "tabel": name,
                "bron": table.get("bron", ""),
                "uitgever": table.get("uitgever", ""),
                "peiljaar": table.get("peiljaar", ""),
                "licentie": table.get("licentie", ""),
            }
        )
    return rows


def about_info() -> dict[str, Any]:
    """Versions and sources; the GUI adds the Qt version itself (core stays Qt-free)."""
    return {
        "versie": __version__,
        "python": platform.python_version(),
        "bronnen": reference_sources(),
    }
