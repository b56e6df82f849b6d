"""The effect question as the user asks it, stored in the project under ``choices["effect"]``.

Why a typed, versioned dataclass: the panel, the CLI and the report all answer
the same stored question, and a project saved today must still open when a
field is added (``from_json`` fills defaults and ignores what it does not know).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

VRAAG_VERSIE = 1
KEUZE_SLEUTEL = "effect"
METHODES = ("auto", "bootstrap", "conventioneel")


@dataclass
class EffectVraag:
    uitkomst: str = "clienten_per_1000"
    product: str = "begeleiding"
    wijken: list[str] = field(default_factory=list)          # treated wijken
    start: str = ""                                         # "jjjj-mm", one start for all treated wijken
    starts: dict[str, str] = field(default_factory=dict)    # per wijk (gespreide invoering); overrides start
    vergelijking: list[str] = field(default_factory=list)   # empty: all other wijken
    periode_van: str = ""                                   # empty: first month of the data
    periode_tot: str = ""                                   # empty: last month of the data
    tijdvak: str = "maand"                                  # "maand" or "halfjaar"
    gewogen: bool = False                                   # weight wijken by inwoners (CPB reports both)
    methode: str = "auto"                                   # auto: bootstrap below 30 wijken
    betrouwbaarheid: float = 0.95
    trekkingen: int = 9999
    seed: int = 20250106

    def start_van(self, wijk: str) -> str:
        return self.starts.get(wijk) or self.start

    @property
    def gespreid(self) -> bool:
        return len({self.start_van(w) for w in self.wijken}) > 1

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["versie"] = VRAAG_VERSIE
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> EffectVraag:
        data = dict(data or {})
        data.pop("versie", None)
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        vraag = cls(**known)
        vraag.wijken = [str(w) for w in vraag.wijken]
        vraag.vergelijking = [str(w) for w in vraag.vergelijking]
        vraag.starts = {str(k): str(v) for k, v in (vraag.starts or {}).items()}
        vraag.gewogen = bool(vraag.gewogen)
        vraag.trekkingen = int(vraag.trekkingen)
        vraag.betrouwbaarheid = float(vraag.betrouwbaarheid)
        if vraag.tijdvak not in ("maand", "halfjaar"):
            vraag.tijdvak = "maand"
        if vraag.methode not in METHODES:
            vraag.methode = "auto"
        return vraag


def vraag_uit_project(project) -> EffectVraag:
    return EffectVraag.from_json(getattr(project, "choices", {}).get(KEUZE_SLEUTEL))


def bewaar_vraag(project, vraag: EffectVraag) -> None:
    project.set_choice(KEUZE_SLEUTEL, vraag.to_json())
