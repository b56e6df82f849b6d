"""Shared types of the import pipeline: canonical tables, messages, results.

Why one module: readers/header detection, validation, pseudonymisation, the
CLI and the GUI panel all speak these types, so they live apart from any one
stage. Canonical names follow DESIGN.md §4.2 (iWmo-based).

Additions over §4.2: declaraties carry ``credit`` (boolean: a credit line that
reverses an earlier declaratie, negative amounts) and
``origineel_declaratienummer`` (the declaratie it reverses, when given);
wijken may carry ``jaar`` (one row per wijk per year); ``formatie`` holds the
toegang teams (team, the wijk_codes it covers as "W01, W02", fte,
kosten_per_fte, jaar).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

from wijkkompas.core.sections import IMPORT_SOORT_LABELS

SOORTEN: tuple[str, ...] = ("toewijzingen", "declaraties", "tarieven", "wijken", "budget", "formatie")

SOORT_LABELS = IMPORT_SOORT_LABELS  # defined in core.sections, which the Start panel may import at start-up

CANONICAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "toewijzingen": (
        "client_id", "geboortejaar", "geslacht", "postcode4", "wijk_code", "beschikkingnummer",
        "toewijzingnummer", "productcategorie", "productcode", "product_omschrijving", "leveringsvorm",
        "aanbieder_code", "aanbieder_naam", "ingangsdatum", "einddatum", "volume", "eenheid",
        "frequentie", "budget", "reden_beeindiging", "toegang_team",
    ),
    "declaraties": (
        "declaratienummer", "toewijzingnummer", "client_id", "productcategorie", "productcode",
        "aanbieder_code", "periode_start", "periode_eind", "geleverd_volume", "eenheid",
        "producttarief", "ingediend_bedrag", "toegekend_bedrag", "status", "credit", "origineel_declaratienummer",
    ),
    "tarieven": (
        "productcode", "product_omschrijving", "aanbieder_code", "aanbieder_naam", "tarief", "eenheid",
        "bekostigingsvorm", "contractvorm", "budgetplafond", "tussentijdse_toetreding",
        "ingangsdatum", "einddatum",
    ),
    "wijken": (
        "wijk_code", "wijk_naam", "inwoners", "inwoners_75plus", "eenpersoonshuishoudens",
        "huishoudens_laag_inkomen", "laag_opgeleid", "kernen", "postcode4", "jaar",
    ),
    "budget": ("jaar", "taakveld", "productcategorie", "bedrag", "soort"),
    "formatie": ("team", "wijk_codes", "fte", "kosten_per_fte", "jaar"),
}

# Columns without which a row (or the whole file) is unusable, per kind.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "toewijzingen": ("client_id", "productcategorie", "ingangsdatum"),
    "declaraties": ("client_id", "periode_start"),
    "tarieven": ("productcode", "tarief"),
    "wijken": ("wijk_code", "inwoners"),
    "budget": ("jaar", "bedrag"),
    "formatie": ("team", "fte"),
}

Ernst = Literal["fout", "waarschuwing"]


@dataclass
class Melding:
    """One finding about the input, phrased for the user.

    ``rij`` is the row number as the user sees it in Excel (1-based, header
    rows included) or the line number in a CSV; ``kolom`` the header as written
    in the file. ``fout`` means the row (or cell) was not used; ``waarschuwing``
    means it was used but deserves a look.
    """

    rij: int | None
    kolom: str | None
    waarde: str | None
    melding: str
    ernst: Ernst = "fout"

    def to_json(self) -> dict[str, Any]:
        return {"rij": self.rij, "kolom": self.kolom, "waarde": self.waarde, "melding": self.melding}


@dataclass
class Detection:
    """What we found in a file before importing it; the GUI mapping dialog edits this."""

    bestand: str
    bladen: list[str]
    blad: str | None
    header_rij: int  # Excel row number of the header (1-based)
    headers: list[str]  # as written in the file
    soort: str | None
    kolommen: dict[str, str]  # canonical -> header in file
    genegeerd: list[str]
    persoonsgegevens: list[str]  # headers recognised as names/addresses/phone/e-mail: never imported
    verborgen_bladen: list[str] = field(default_factory=list)  # hidden sheets (skipped unless chosen)
    meldingen: list[str] = field(default_factory=list)  # Dutch notes: near-tie kind, why soort is None, missing columns
    scores: dict[str, int] = field(default_factory=dict)  # kind -> header match score (when detected)
    sha256: str | None = None


@dataclass
class ImportResult:
    bestand: str
    sha256: str
    soort: str
    blad: str | None
    kolommen: dict[str, str]
    genegeerd: list[str]
    verwijderd_persoonsgegevens: list[str]
    rijen_gelezen: int
    rijen_geldig: int
    # empty rows (with data only in unmapped columns), totals rows and repeated header rows
    rijen_overgeslagen: int = 0
    fouten: list[Melding] = field(default_factory=list)
    waarschuwingen: list[Melding] = field(default_factory=list)
    table: pd.DataFrame = field(default_factory=pd.DataFrame)  # canonical, pseudonymised
    panel: pd.DataFrame = field(default_factory=pd.DataFrame)  # month x productcategorie (x wijk x aanbieder)
    samenvatting: dict[str, Any] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return 1 if self.fouten else 0

    @property
    def rijen_afgekeurd(self) -> int:
        """Rows not used because of a fout (cell-level fouten on kept rows excluded)."""
        kept = set(self.table["_rij"].tolist()) if "_rij" in self.table.columns else set()
        return len({m.rij for m in self.fouten if m.rij is not None} - kept)

    def to_json(self) -> dict[str, Any]:
        return {
            "bestand": self.bestand,
            "sha256": self.sha256,
            "soort": self.soort,
            "blad": self.blad,
            "kolommen": dict(self.kolommen),
            "genegeerd": list(self.genegeerd),
            "verwijderd_persoonsgegevens": list(self.verwijderd_persoonsgegevens),
            "rijen_gelezen": self.rijen_gelezen,
            "rijen_geldig": self.rijen_geldig,
            "rijen_afgekeurd": self.rijen_afgekeurd,
            "rijen_overgeslagen": self.rijen_overgeslagen,
            "fouten": [m.to_json() for m in self.fouten],
            "waarschuwingen": [m.to_json() for m in self.waarschuwingen],
            "samenvatting": self.samenvatting,
        }
