"""Names of the project's sections, and the typed, versioned state of the small ones.

Why an enum: panels, the project and change events used scattered string
literals ("benchmark", "positie", "import", "tables"); one ``Sectie`` makes a
typo an AttributeError and lets a panel declare which sections it reads.
``Sectie`` is a ``str`` enum, so ``Sectie.POSITIE == "positie"`` and the JSON
in project files stays the plain name.

Section state: each section's choices are a frozen dataclass with defaults,
``to_json``/``from_json`` and a ``versie``; unknown or damaged stored values
fall back to the defaults instead of failing (a project must always open).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any


class Sectie(str, Enum):
    ALLES = "*"              # a new or opened project: everything changed
    GEMEENTE = "gemeente"
    TABELLEN = "tables"      # imported canonical tables and their monthly tables
    IMPORT = "import"        # import reports per kind
    PROJECT = "project"      # name, description
    BENCHMARK = "benchmark"
    POSITIE = "positie"
    VERDEELMODEL = "verdeelmodel"
    SCENARIOS = "scenarios"
    STURING = "sturing"
    EFFECT = "effect"
    INKOOP = "inkoop"
    KOSTPRIJS = "kostprijs"
    RAPPORT = "rapport"

    def __str__(self) -> str:
        return self.value


# Dutch names of the import kinds (the canonical table names are identifiers users never see).
IMPORT_SOORT_LABELS: dict[str, str] = {
    "toewijzingen": "Toewijzingen (beschikkingen)",
    "declaraties": "Declaraties",
    "tarieven": "Tarieven en contracten",
    "wijken": "Wijkgegevens",
    "budget": "Budget",
    "formatie": "Formatie toegangsteams",
}

# Monthly derived tables are stored as "maand_<soort>" (project format 1 called them "panel_<soort>",
# which collided with the GUI's "panel"). Defined here, not in the import pipeline, so that light
# modules (overview, Start panel) need not import the pipeline.
MAAND_PREFIX = "maand_"


def maand_tabel(soort: str) -> str:
    return MAAND_PREFIX + soort


Changes = frozenset  # frozenset[str] of Sectie values; {"*"} means everything


def touches(changes: frozenset[str], reads: frozenset[str] | None) -> bool:
    """Whether a change set concerns a panel that reads ``reads`` (None: it reads everything)."""
    if Sectie.ALLES.value in changes or reads is None:
        return True
    return bool(changes & {str(r) for r in reads})


@dataclass(frozen=True)
class BenchmarkKeuze:
    """The spending measure the benchmark compares (a choice of the analysis, so it lives in the project)."""

    maat: str = "maatwerk"
    versie: int = 1

    def to_json(self) -> dict[str, Any]:
        return {"versie": self.versie, "maat": self.maat}

    @classmethod
    def from_json(cls, data: Any, allowed: tuple[str, ...] | None = None) -> BenchmarkKeuze:
        maat = data.get("maat") if isinstance(data, dict) else None
        if not isinstance(maat, str) or (allowed is not None and maat not in allowed):
            return cls()
        return cls(maat=maat)


@dataclass(frozen=True)
class ProjectInfo:
    toelichting: str = ""
    versie: int = 1

    def to_json(self) -> dict[str, Any]:
        return {"versie": self.versie, "toelichting": self.toelichting}

    @classmethod
    def from_json(cls, data: Any) -> ProjectInfo:
        text = data.get("toelichting") if isinstance(data, dict) else None
        return cls(toelichting=text if isinstance(text, str) else "")
