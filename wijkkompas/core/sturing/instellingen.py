"""The Sturing settings as one typed, versioned dataclass stored in ``project.choices["sturing"]``.

Why typed: the panel, the CLI and the report producer must compute the same
thing from the same stored choices, and bad input (a CLI flag, a hand-edited
project) must be rejected with a Dutch message instead of crashing later.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date, datetime
from typing import Any

from wijkkompas.core.errors import WijkkompasError

VERSIE = 1
BELEID = {"wachtlijst": "wachtlijst", "andere_aanbieder": "naar een andere aanbieder",
          "overschrijding": "overschrijding accepteren"}
REGIMES = {
    "A": "A — vast maximum per team per jaar",
    "B": "B — dynamisch maximum (deel vooraf, rest op vraag)",
    "C": "C — vrij, gemeente grijpt in boven een drempel",
    "D": "D — vrij, prijs ten laste van het teambudget",
    "E": "E — als D, prijs loopt op boven een drempel",
}


class SturingError(WijkkompasError):
    """Bad Sturing settings or data that cannot carry the analysis."""


def lees_datum(text: str) -> date:
    """dd-mm-jjjj (the user's notation) to a date; anything else is rejected in Dutch."""
    try:
        return datetime.strptime(str(text).strip(), "%d-%m-%Y").date()
    except ValueError as exc:
        raise SturingError(f"De peildatum '{text}' is geen datum in de vorm dd-mm-jjjj (bijv. 30-06-2025).") from exc


def _fraction(value: Any, name: str, lo: float = 0.0, hi: float = 1.0) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise SturingError(f"'{name}' moet een getal zijn, niet '{value}'.") from exc
    if not lo <= number <= hi:
        raise SturingError(f"'{name}' moet tussen {lo:g} en {hi:g} liggen; het is {number:g}.")
    return number


@dataclass(frozen=True)
class SturingInstellingen:
    """All choices of the Sturing analyses; defaults are the issue's (60/40, fixed seed)."""

    jaar: int | None = None                 # None: the year of the peildatum
    peildatum: str | None = None            # dd-mm-jjjj; None: the last declared month
    beleid_na_plafond: str = "wachtlijst"   # wachtlijst | andere_aanbieder | overschrijding
    oranje_vanaf: float = 0.10              # kans_overschrijding for an orange light
    rood_vanaf: float = 0.50                # … and for red
    regime: str = "B"
    budget_factor: float = 1.0              # team budget = factor × median expected demand of the team
    b_vooraf: float = 0.60                  # regime B: share distributed at the start of the year
    c_drempel: float = 1.05                 # regime C: intervene when spending runs this far ahead of budget
    e_drempel: float = 0.90                 # regime E: progressive price above this share of the team budget
    e_opslag: float = 0.25                  # regime E: price rises by this fraction per 10% of budget above it
    trekkingen: int = 1000
    seed: int = 1
    versie: int = VERSIE

    def __post_init__(self) -> None:
        if self.beleid_na_plafond not in BELEID:
            raise SturingError(f"Onbekend beleid na het plafond '{self.beleid_na_plafond}'; kies uit "
                               + ", ".join(BELEID) + ".")
        if self.regime not in REGIMES:
            raise SturingError(f"Onbekend volumeregime '{self.regime}'; kies A, B, C, D of E.")
        if self.jaar is not None and not 2000 <= int(self.jaar) <= 2100:
            raise SturingError(f"Het jaar {self.jaar} valt buiten 2000–2100.")
        if self.peildatum is not None:
            lees_datum(self.peildatum)
        _fraction(self.oranje_vanaf, "oranje vanaf")
        _fraction(self.rood_vanaf, "rood vanaf")
        if self.oranje_vanaf > self.rood_vanaf:
            raise SturingError("De kans voor oranje moet kleiner zijn dan die voor rood.")
        _fraction(self.budget_factor, "budgetfactor", 0.5, 2.0)
        _fraction(self.b_vooraf, "deel vooraf (regime B)")
        _fraction(self.c_drempel, "drempel (regime C)", 0.5, 2.0)
        _fraction(self.e_drempel, "drempel (regime E)", 0.1, 2.0)
        _fraction(self.e_opslag, "opslag (regime E)", 0.0, 5.0)
        if not 50 <= int(self.trekkingen) <= 10_000:
            raise SturingError(f"Het aantal trekkingen moet tussen 50 en 10.000 liggen; het is {self.trekkingen}.")

    @property
    def peil(self) -> date | None:
        return lees_datum(self.peildatum) if self.peildatum else None

    def met(self, **changes: Any) -> SturingInstellingen:
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> SturingInstellingen:
        """Stored form → settings; unknown keys are ignored (newer versions), bad values rejected in Dutch."""
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise SturingError("De opgeslagen sturingsinstellingen zijn geen object.")
        versie = data.get("versie", VERSIE)
        if not isinstance(versie, int) or versie > VERSIE:
            raise SturingError(f"De sturingsinstellingen hebben versie {versie}; deze versie van Wijkkompas kent "
                               f"tot en met {VERSIE}.")
        known = set(cls.__dataclass_fields__)
        values = {k: v for k, v in data.items() if k in known}
        try:
            for key in ("jaar", "trekkingen", "seed"):
                if values.get(key) is not None:
                    values[key] = int(values[key])
        except (TypeError, ValueError) as exc:
            raise SturingError(f"Een opgeslagen sturingsinstelling is geen geheel getal: {exc}.") from exc
        values["versie"] = VERSIE
        return cls(**values)


def instellingen_van(project: Any) -> SturingInstellingen:
    return SturingInstellingen.from_json(getattr(project, "choices", {}).get("sturing"))
