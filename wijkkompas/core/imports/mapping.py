"""User column mappings: which header in *their* export is which canonical column.

Why: every source system (Zorgned, Suite4Sociaal Domein, a hand-made sheet)
names columns its own way, and detection cannot know that "Code 2" is the
productcategorie. A mapping is a small JSON file the user (or the GUI mapping
dialog) writes once per source system and reuses:

    {"bronsysteem": "Zorgned", "soort": "toewijzingen",
     "kolommen": {"client_id": "Clientnr", "productcategorie": "Cat.", "wijk_code": null}}

A canonical column mapped to null is deliberately not imported. The mapping
overrides detection for the columns it names; the rest is still detected.
Functions here are Qt-free and take the folder as an argument (the GUI passes
``appdata.mapping_dir()``), so tests never touch the user's files.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wijkkompas.core.errors import ImportFileError
from wijkkompas.core.imports.model import CANONICAL_COLUMNS, SOORTEN
from wijkkompas.core.project import atomic_write_bytes

MAPPING_SUFFIX = ".json"


@dataclass
class Mapping:
    bronsysteem: str
    soort: str | None
    kolommen: dict[str, str | None] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"bronsysteem": self.bronsysteem, "soort": self.soort, "kolommen": dict(self.kolommen)}


def mapping_from_json(data: Any, name: str = "koppeling") -> Mapping:
    """Validate a parsed mapping; every problem gets a Dutch message naming the field."""
    if not isinstance(data, dict):
        raise ImportFileError(f"De koppeling '{name}' moet een JSON-object zijn met 'bronsysteem', 'soort' en 'kolommen'.")
    unknown = set(data) - {"bronsysteem", "soort", "kolommen"}
    if unknown:
        raise ImportFileError(
            f"De koppeling '{name}' bevat onbekende velden: {', '.join(sorted(unknown))}. "
            "Toegestaan zijn 'bronsysteem', 'soort' en 'kolommen'."
        )
    bronsysteem = data.get("bronsysteem") or ""
    if not isinstance(bronsysteem, str):
        raise ImportFileError(f"In de koppeling '{name}' moet 'bronsysteem' tekst zijn.")
    soort = data.get("soort")
    if soort is not None and soort not in SOORTEN:
        raise ImportFileError(
            f"In de koppeling '{name}' is soort '{soort}' onbekend. Kies uit: {', '.join(SOORTEN)}."
        )
    kolommen = data.get("kolommen", {})
    if not isinstance(kolommen, dict):
        raise ImportFileError(
            f"In de koppeling '{name}' moet 'kolommen' een object zijn van kolomnaam naar kop in het bestand."
        )
    allowed = CANONICAL_COLUMNS[soort] if soort else tuple(dict.fromkeys(c for s in SOORTEN for c in CANONICAL_COLUMNS[s]))
    clean: dict[str, str | None] = {}
    seen_headers: dict[str, str] = {}
    for canonical, header in kolommen.items():
        if canonical not in allowed:
            raise ImportFileError(
                f"In de koppeling '{name}' is kolom '{canonical}' onbekend"
                + (f" voor soort '{soort}'" if soort else "")
                + f". Mogelijke kolommen: {', '.join(allowed)}."
            )
        if header is not None and not isinstance(header, str):
            raise ImportFileError(
                f"In de koppeling '{name}' moet de kop voor '{canonical}' tekst of null zijn, niet {json.dumps(header)}."
            )
        if header is not None and header.strip():
            key = " ".join(header.split()).casefold()
            if key in seen_headers:
                raise ImportFileError(
                    f"In de koppeling '{name}' is kop '{header}' aan twee kolommen gekoppeld: "
                    f"'{seen_headers[key]}' en '{canonical}'."
                )
            seen_headers[key] = canonical
            clean[canonical] = header
        else:
            clean[canonical] = None
    return Mapping(bronsysteem=bronsysteem, soort=soort, kolommen=clean)


def load_mapping(path: str | Path) -> Mapping:
    from wijkkompas.core.userfile import read_user_json

    path = Path(path)
    # not a FIFO or /dev/zero, at most 1 MB; encodings, deep nesting and huge numbers get their own message
    data = read_user_json(path, "Het koppelingsbestand", error=ImportFileError)
    return mapping_from_json(data, path.name)


def as_mapping(value: Mapping | dict | str | Path | None) -> Mapping | None:
    """Accept a Mapping, a parsed dict or a path (what the CLI and GUI have at hand)."""
    if value is None or isinstance(value, Mapping):
        return value
    if isinstance(value, dict):
        return mapping_from_json(value)
    return load_mapping(value)


def _file_name(bronsysteem: str, soort: str | None) -> str:
    base = re.sub(r"[^0-9A-Za-z]+", "_", f"{bronsysteem or 'onbekend'}_{soort or 'alle'}").strip("_").lower()
    return (base or "koppeling") + MAPPING_SUFFIX


def save_mapping(folder: str | Path, mapping: Mapping) -> Path:
    """Store a mapping per source system and kind in ``folder``; returns the file."""
    mapping = mapping_from_json(mapping.to_json(), mapping.bronsysteem or "koppeling")
    target = Path(folder) / _file_name(mapping.bronsysteem, mapping.soort)
    atomic_write_bytes(target, json.dumps(mapping.to_json(), ensure_ascii=False, indent=2).encode("utf-8"))
    return target


def list_mappings(folder: str | Path) -> list[Mapping]:
    """All readable mappings in ``folder`` (unreadable files are skipped, not fatal)."""
    out: list[Mapping] = []
    folder = Path(folder)
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob(f"*{MAPPING_SUFFIX}")):
        try:
            out.append(load_mapping(path))
        except ImportFileError:
            continue
    return out


def find_mapping(folder: str | Path, bronsysteem: str, soort: str | None = None) -> Mapping | None:
    """The saved mapping for a source system (and kind, when given), if any."""
    wanted = bronsysteem.strip().casefold()
    for mapping in list_mappings(folder):
        if mapping.bronsysteem.strip().casefold() == wanted and (soort is None or mapping.soort in (soort, None)):
            return mapping
    return None


def _norm(header: str) -> str:
    return " ".join(str(header).split()).casefold()


def matching_mapping(folder: str | Path, headers: list[str], soort: str | None = None) -> Mapping | None:
    """The saved mapping whose every mapped header occurs in this file (the most specific one), if any.

    Why: an adviser who once fixed the koppeling for her Zorgned export should not redo it for next
    month's export; the panel proposes this mapping when the headers fit.
    """
    present = {_norm(h) for h in headers if h}
    best: tuple[int, Mapping] | None = None
    for mapping in list_mappings(folder):
        if soort is not None and mapping.soort not in (soort, None):
            continue
        mapped = [h for h in mapping.kolommen.values() if h]
        if not mapped or not all(_norm(h) in present for h in mapped):
            continue
        if best is None or len(mapped) > best[0]:
            best = (len(mapped), mapping)
    return None if best is None else best[1]
