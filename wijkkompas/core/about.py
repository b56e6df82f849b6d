"""Facts for the "Over Wijkkompas" dialog and ``--version``: versions and data sources.

Why in core: the dialog only shows these lines; the CLI prints the same.
"""
from __future__ import annotations

import json
import platform
from typing import Any

from wijkkompas import __version__, resources


def reference_manifest() -> dict[str, Any]:
    """manifest.json as a dict; {} when missing or unreadable.

    Read directly (not through ``core.reference``) because that package loads
    pandas, and the Start panel shows these sources while the window opens.
    """
    try:
        data = json.loads(resources.path("reference", "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):  # a broken manifest must not break the About dialog
        return {}
    return data if isinstance(data, dict) else {}


def reference_sources() -> list[dict[str, Any]]:
    """Per bundled reference table: name, source, publisher, reference year (from manifest.json)."""
    data = reference_manifest()
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
                # sha256 of every public source file the table was derived from (README: "sha256 van elke bron")
                "bronbestanden": [{"naam": str(i.get("pad", "")).rsplit("/", 1)[-1], "sha256": str(i.get("sha256", ""))}
                                  for i in table.get("inputs") or [] if isinstance(i, dict)],
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
