"""The verdeelmodel's settings as stored in ``project.choices["verdeelmodel"]``.

Why a typed, versioned dataclass: the panel, the CLI and the report section
must compute from the very same choices, and a project saved today must still
open after the settings grow. ``from_json`` therefore accepts older versions and
unknown keys, and never trusts types: a hand-edited project gives a Dutch error
instead of a traceback deep inside the model.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from wijkkompas.core.errors import WijkkompasError

SECTIE = "verdeelmodel"
VERSIE = 1

METHODEN: dict[str, str] = {
    "gemeentefonds": "Gemeentefonds (Individuele voorzieningen Wmo)",
    "inwoners": "Per inwoner",
    "75plus": "Per 75-plusser",
    "historisch": "Historisch gebruik",
    "mix": "Mix: objectief en historisch",
    "gekalibreerd": "Gekalibreerd op eigen historie",
    "eigen": "Eigen gewichten",
    "bottomup": "Bottom-up (behoefte)",
}
BOTTOMUP_PRESETS: dict[str, str] = {
    "formatie": "Formatie uit de import (fte × kosten per fte)",
    "utrecht": "Utrecht: 10 fte per wijkteam, 3.000/6.000/10.000 huishoudens",
    "leeuwarden": "Leeuwarden: caseload 40–50 huishoudens per sociaal werker",
    "eindhoven": "Eindhoven: segmentatie 2/12/20/66%, caseload 92",
    "historisch": "Historisch gebruik (uitgaven laatste jaar)",
}
KALIBRATIE_DOELEN = ("uitgaven", "clienten")


class VerdeelInvoerFout(WijkkompasError):
    """Bad verdeelmodel input (unknown wijk or indicator, negative weight, impossible budget)."""


@dataclass
class VerdeelInstellingen:
    methode: str = "gemeentefonds"
    # Step 1-2: what is distributed.
    budget_jaar: int | None = None          # None: the latest begroting year in the import
    bedrag: float | None = None             # typed amount; overrides the budget import
    uitgesloten: list[str] = field(default_factory=list)   # budget lines kept central
    gemarkeerd: list[str] = field(default_factory=list)    # lines that may not be redistributed
    reserve_procent: float = 0.0
    reserve_bedrag: float = 0.0
    # Step 3B: top-down.
    gewichten: dict[str, float] = field(default_factory=dict)  # edited weights; empty = the preset's
    historie_jaren: list[int] = field(default_factory=list)    # empty = every complete year
    historie_laatste: int = 0                                   # >0: only the last N complete years
    mix_objectief: float = 0.7
    mix_basis: str = "gemeentefonds"
    kalibratie_doel: str = "uitgaven"
    # Step 3A: bottom-up.
    bottomup_preset: str = "formatie"
    kosten_per_fte: float | None = None     # None: from the formatie import, else the stated default
    caseload: float | None = None           # None: the preset's own figure
    # Step 4: compare and phase in.
    huidige_verdeling: dict[str, float] = field(default_factory=dict)  # current wijkbudgets, if known
    ingroei_procent: float | None = None
    ingroei_jaren: int = 0
    versie: int = VERSIE

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> VerdeelInstellingen:
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise VerdeelInvoerFout("De opgeslagen instellingen van het verdeelmodel zijn onleesbaar.")
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known and k != "versie"}
        return cls(**values).gecontroleerd()

    def met(self, **changes: Any) -> VerdeelInstellingen:
        return replace(self, **changes).gecontroleerd()

    def gecontroleerd(self) -> VerdeelInstellingen:
        """Coerce types and reject impossible values with a Dutch message naming the field."""
        if self.methode not in METHODEN:
            raise VerdeelInvoerFout(f"Onbekende verdeelmethode '{self.methode}'. Kies uit: {', '.join(METHODEN)}.")
        if self.bottomup_preset not in BOTTOMUP_PRESETS:
            raise VerdeelInvoerFout(
                f"Onbekende bottom-upvariant '{self.bottomup_preset}'. Kies uit: {', '.join(BOTTOMUP_PRESETS)}.")
        if self.mix_basis not in ("gemeentefonds", "inwoners", "75plus", "eigen"):
            raise VerdeelInvoerFout("De objectieve basis van de mix moet gemeentefonds, inwoners, 75plus of eigen zijn.")
        if self.kalibratie_doel not in KALIBRATIE_DOELEN:
            raise VerdeelInvoerFout("Kalibreren kan op 'uitgaven' of 'clienten'.")
        self.gewichten = {str(k): _getal(v, f"gewicht van {k}", minimum=0.0) for k, v in dict(self.gewichten).items()}
        self.huidige_verdeling = {str(k): _getal(v, f"huidig budget van {k}", minimum=0.0)
                                  for k, v in dict(self.huidige_verdeling).items()}
        self.bedrag = None if self.bedrag is None else _getal(self.bedrag, "het te verdelen bedrag", minimum=0.0)
        self.reserve_procent = _getal(self.reserve_procent, "de vangnetreserve (%)", 0.0, 100.0)
        self.reserve_bedrag = _getal(self.reserve_bedrag, "de vangnetreserve (€)", minimum=0.0)
        self.mix_objectief = _getal(self.mix_objectief, "het objectieve deel van de mix", 0.0, 1.0)
        if self.kosten_per_fte is not None:
            self.kosten_per_fte = _getal(self.kosten_per_fte, "de kosten per fte", minimum=0.0)
        if self.caseload is not None:
            self.caseload = _getal(self.caseload, "de caseload", minimum=1.0)
        if self.ingroei_procent is not None:
            self.ingroei_procent = _getal(self.ingroei_procent, "de ingroeigrens (%)", 0.0, 100.0)
        self.ingroei_jaren = int(_getal(self.ingroei_jaren, "het aantal ingroeijaren", 0.0, 20.0))
        self.budget_jaar = None if self.budget_jaar is None else int(_getal(self.budget_jaar, "het budgetjaar"))
        self.historie_jaren = sorted({int(_getal(j, "een historiejaar")) for j in self.historie_jaren})
        self.historie_laatste = int(_getal(self.historie_laatste, "het aantal historiejaren", 0.0, 50.0))
        self.uitgesloten = [str(x) for x in self.uitgesloten]
        self.gemarkeerd = [str(x) for x in self.gemarkeerd]
        return self


def _getal(value: Any, wat: str, minimum: float | None = None, maximum: float | None = None) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise VerdeelInvoerFout(f"Ongeldige waarde voor {wat}: '{value}' is geen getal.") from None
    if not math.isfinite(number):
        raise VerdeelInvoerFout(f"Ongeldige waarde voor {wat}: '{value}'.")
    if minimum is not None and number < minimum:
        if minimum == 0.0:
            raise VerdeelInvoerFout(f"Ongeldige waarde voor {wat}: {value} is negatief.")
        raise VerdeelInvoerFout(f"Ongeldige waarde voor {wat}: {value} is kleiner dan {minimum:g}.")
    if maximum is not None and number > maximum:
        raise VerdeelInvoerFout(f"Ongeldige waarde voor {wat}: {value} is groter dan {maximum:g}.")
    return number


def gekozen_jaren(inst: VerdeelInstellingen, beschikbaar: list[int]) -> list[int]:
    """The history years the settings pick from the complete years available."""
    if inst.historie_jaren:
        return list(inst.historie_jaren)
    if inst.historie_laatste:
        return list(beschikbaar[-inst.historie_laatste:])
    return list(beschikbaar)


def laad(project: Any) -> VerdeelInstellingen:
    """The project's stored settings, or the defaults."""
    return VerdeelInstellingen.from_json(getattr(project, "choices", {}).get(SECTIE))


def bewaar(project: Any, instellingen: VerdeelInstellingen) -> None:
    project.set_choice(SECTIE, instellingen.to_json())


def klein(label: str) -> str:
    """A label inside a sentence: first letter lower case, the rest (Wmo, Utrecht) as written."""
    return label[:1].lower() + label[1:]
