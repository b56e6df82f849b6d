"""Typology of Wmo inrichting: classification, evidence library and coherence rules.

``from wijkkompas.core.typology import assess`` is the entry point for CLI and GUI.
"""
from __future__ import annotations

from wijkkompas.core.typology.assessment import (
    Assessment,
    Beantwoord,
    LandelijkeGroep,
    Taakzwaarte,
    Toegang,
    assess,
    lookup_taakzwaarte,
)
from wijkkompas.core.typology.classification import (
    DEFAULT_ANSWERS,
    Answers,
    Inkoop,
    ProfielKeuze,
    cpb_type,
    inkoopprofiel,
    parse_answers,
    profile_label,
)
from wijkkompas.core.typology.evidence import (
    STERKTES,
    Evidence,
    EvidenceLibrary,
    library_from_json,
    load_library,
    validate_library,
)
from wijkkompas.core.typology.keuze import PositieKeuze
from wijkkompas.core.typology.findings import CAUSALE_WOORDEN, STERKTE_RANG
from wijkkompas.core.typology.rules import RULES, Bevinding, Situatie, evaluate
from wijkkompas.core.typology.vocabulary import (
    AANBIEDERS_IN_TEAM,
    BEKOSTIGINGSVORMEN,
    BREEDTE,
    CONTRACTVORMEN,
    CPB_TYPES,
    INKOOPPROFIELEN,
    ORGANISATIEMODELLEN,
    OVERIG,
    POSITIONERING,
    PRODUCTEN,
    TAAKZWAARTE_KLASSEN,
)

__all__ = [
    "AANBIEDERS_IN_TEAM", "BEKOSTIGINGSVORMEN", "BREEDTE", "CAUSALE_WOORDEN", "CONTRACTVORMEN", "CPB_TYPES",
    "DEFAULT_ANSWERS",
    "INKOOPPROFIELEN", "ORGANISATIEMODELLEN", "OVERIG", "POSITIONERING", "PRODUCTEN", "RULES", "STERKTES",
    "STERKTE_RANG", "TAAKZWAARTE_KLASSEN",
    "Answers", "Assessment", "Beantwoord", "Bevinding", "Evidence", "EvidenceLibrary", "Inkoop", "LandelijkeGroep",
    "PositieKeuze", "ProfielKeuze", "Situatie", "Taakzwaarte", "Toegang",
    "assess", "cpb_type", "evaluate", "inkoopprofiel", "library_from_json", "load_library",
    "lookup_taakzwaarte", "parse_answers", "profile_label", "validate_library",
]
