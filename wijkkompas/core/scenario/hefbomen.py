"""Levers (hefbomen) and named scenarios, stored in the project as versioned JSON.

A scenario is a named set of changes on the baseline (as in PolicyEngine): every
lever has a neutral default, so "Basis" is simply ``Hefbomen()``. Scalar levers
can be overridden per product (``producten={"01": {"instroom": -0.1}}``).
Fractions are stored as fractions (0.03 = 3%); the panel shows percentages.

Validation happens here, with Dutch messages naming the lever, so the CLI
(exit 2), the panel and a hand-edited project file reject the same things.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from typing import Any

from wijkkompas.core.errors import WijkkompasError
from wijkkompas.core.scenario.historie import PRODUCT_ALIASES
from wijkkompas.core.userfile import as_written

INSTELLINGEN_VERSIE = 1
MAX_SCENARIOS = 4
PLAFOND_GEVOLGEN = ("wachtlijst", "andere_aanbieder")

# name -> (Dutch label, unit, minimum, maximum); fractions unless the unit says €.
SCALAIRE_HEFBOMEN: dict[str, tuple[str, str, float, float]] = {
    "tariefindexatie": ("Tariefindexatie per jaar", "% per jaar", -0.5, 1.0),
    "volume_per_client": ("Volume per cliënt", "%", -0.9, 2.0),
    "instroom": ("Instroom (bijv. strengere toegang)", "%", -0.9, 2.0),
    "uitstroom": ("Uitstroom / herindicatie", "%", -0.9, 2.0),
    "groei_75plus": ("Groei aantal 75-plussers per jaar", "% per jaar", -0.2, 0.3),
    "eigen_bijdrage_wijziging": ("Wijziging eigen bijdrage", "%", -1.0, 20.0),
    "eigen_bijdrage_elasticiteit": ("Volume-elasticiteit eigen bijdrage", "", -2.0, 0.0),
    "av_aandeel": ("Nieuwe cliënten naar algemene voorziening", "% van de instroom", 0.0, 1.0),
    "av_kosten_per_client": ("Kosten algemene voorziening per cliënt", "€ per maand", 0.0, 10_000.0),
}
PERCENT_HEFBOMEN = tuple(k for k, v in SCALAIRE_HEFBOMEN.items() if v[1].startswith("%"))
EIGEN_BIJDRAGE_NOOT = (
    "De volume-elasticiteit van de eigen bijdrage staat standaard op 0: het onderzoek verwacht van de geplande "
    "inkomensafhankelijke eigen bijdrage (vanaf 2027) een klein gedragseffect; HbH groeide na de invoering van het "
    "abonnementstarief wel met bijna een derde (2019–2023). Vul alleen een waarde in met een eigen onderbouwing.")
DEMOGRAFIE_NOOT = ("De groei van het aantal 75-plussers is een invoer van de gebruiker (bijvoorbeeld uit de "
                   "eigen bevolkingsprognose); Wijkkompas schat die niet zelf.")


class HefboomError(WijkkompasError):
    """An unknown or impossible lever value; the message names it."""


def normaliseer_product(code: Any, producten: list[str] | None = None) -> str:
    text = str(code).strip().lower()
    text = PRODUCT_ALIASES.get(text, text)
    if text.isdigit():
        text = text.zfill(2)
    if producten is not None and text not in producten:
        raise HefboomError(f"Onbekend product '{code}'. Kies uit: {', '.join(producten)}.")
    return text


def _number(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(float(value)):
        raise HefboomError(f"Hefboom '{name}' moet een getal zijn, niet {as_written(value)}.")
    return float(value)


def _check_scalar(name: str, value: Any) -> float:
    label, unit, low, high = SCALAIRE_HEFBOMEN[name]
    number = _number(name, value)
    if not low <= number <= high:
        shown = (lambda v: f"{v * 100:g}%") if unit.startswith("%") else (lambda v: f"{v:g}")
        raise HefboomError(f"Hefboom '{name}' ({label}) = {shown(number)} is onmogelijk; "
                           f"toegestaan is {shown(low)} tot {shown(high)}.")
    return number


@dataclass(frozen=True)
class Hefbomen:
    """One scenario's levers. ``tariefindexatie=None`` means: the indexation observed in the own data."""

    tariefindexatie: float | None = None
    volume_per_client: float = 0.0
    instroom: float = 0.0
    uitstroom: float = 0.0
    groei_75plus: float = 0.0
    eigen_bijdrage_wijziging: float = 0.0
    eigen_bijdrage_elasticiteit: float = 0.0
    av_aandeel: float = 0.0
    av_kosten_per_client: float = 0.0
    # aanbieder_code -> {product: € per jaar} (a plafond per perceel, as contracts state it), or a bare amount:
    # one plafond for all the aanbieder's products together.
    budgetplafonds: dict[str, float | dict[str, float]] = field(default_factory=dict)
    plafond_gevolg: str = "wachtlijst"
    bekostiging: dict[str, float] = field(default_factory=dict)      # product -> contractsom € per jaar
    volume_per_team: dict[str, float] = field(default_factory=dict)  # toegang_team -> volume change (fraction)
    producten: dict[str, dict[str, float]] = field(default_factory=dict)

    def waarde(self, name: str, product: str) -> float | None:
        """The lever for one product: its override, else the general value."""
        override = self.producten.get(product, {})
        return override[name] if name in override else getattr(self, name)

    def plafond_regels(self) -> list[tuple[str, str | None, float]]:
        """Every plafond as (aanbieder, product or None for all its products together, € per year)."""
        out: list[tuple[str, str | None, float]] = []
        for code, value in self.budgetplafonds.items():
            if isinstance(value, dict):
                out.extend((code, product, float(amount)) for product, amount in value.items())
            else:
                out.append((code, None, float(value)))
        return out

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = {k: dict(v) if isinstance(v, dict) else v for k, v in value.items()} \
                if isinstance(value, dict) else value
        return out

    @classmethod
    def from_json(cls, data: Any, producten: list[str] | None = None, aanbieders: list[str] | None = None,
                  teams: list[str] | None = None, aanbod: dict[str, list[str]] | None = None) -> Hefbomen:
        """Parse and validate; ``producten``/``aanbieders``/``teams`` (when given) must contain every code used.

        ``aanbod`` (aanbieder → the products it delivers in the data), when given, rejects a plafond on a
        product the aanbieder does not deliver: it could never bind, so it is a typing error.
        """
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise HefboomError("De hefbomen moeten een JSON-object zijn met per hefboom een waarde.")
        known = {f.name for f in fields(cls)}
        unknown = [k for k in data if k not in known]
        if unknown:
            raise HefboomError(f"Onbekende hefboom '{unknown[0]}'. Bekende hefbomen: {', '.join(sorted(known))}.")
        kwargs: dict[str, Any] = {}
        for name in SCALAIRE_HEFBOMEN:
            if name in data and not (name == "tariefindexatie" and data[name] is None):
                kwargs[name] = _check_scalar(name, data[name])
        if "plafond_gevolg" in data:
            if data["plafond_gevolg"] not in PLAFOND_GEVOLGEN:
                raise HefboomError(f"Hefboom 'plafond_gevolg' moet {' of '.join(PLAFOND_GEVOLGEN)} zijn, "
                                   f"niet {as_written(data['plafond_gevolg'])}.")
            kwargs["plafond_gevolg"] = data["plafond_gevolg"]
        kwargs["budgetplafonds"] = _plafonds(data.get("budgetplafonds"), producten, aanbieders, aanbod)
        kwargs["bekostiging"] = _amounts(data.get("bekostiging"), "bekostiging", "product",
                                         lambda c: normaliseer_product(c, producten))
        regimes = data.get("volume_per_team") or {}
        if not isinstance(regimes, dict):
            raise HefboomError("Hefboom 'volume_per_team' moet per toegangsteam een percentage geven.")
        parsed_teams = {}
        for team, value in regimes.items():
            if teams is not None and str(team) not in teams:
                raise HefboomError(f"Onbekend toegangsteam '{team}' bij volume_per_team. Bekende teams: "
                                   f"{', '.join(teams)}.")
            parsed_teams[str(team)] = _check_scalar("volume_per_client", value)
        kwargs["volume_per_team"] = parsed_teams
        overrides = data.get("producten") or {}
        if not isinstance(overrides, dict):
            raise HefboomError("Hefboom 'producten' moet per product een object met hefbomen zijn.")
        parsed: dict[str, dict[str, float]] = {}
        for code, values in overrides.items():
            product = normaliseer_product(code, producten)
            if not isinstance(values, dict):
                raise HefboomError(f"De hefbomen voor product '{code}' moeten een object zijn.")
            bad = [k for k in values if k not in SCALAIRE_HEFBOMEN]
            if bad:
                raise HefboomError(f"Onbekende hefboom '{bad[0]}' bij product '{code}'.")
            parsed[product] = {k: _check_scalar(k, v) for k, v in values.items()}
        kwargs["producten"] = parsed
        return cls(**kwargs)

    def met(self, **changes: Any) -> Hefbomen:
        return replace(self, **changes)


def _aanbieder(code: Any, aanbieders: list[str] | None) -> str:
    text = str(code).strip()
    if aanbieders is not None and text not in aanbieders:
        raise HefboomError(f"Onbekende aanbieder '{code}' bij budgetplafonds. Bekende aanbieders: "
                           f"{', '.join(aanbieders)}.")
    return text


def _plafonds(value: Any, producten: list[str] | None, aanbieders: list[str] | None,
              aanbod: dict[str, list[str]] | None) -> dict[str, float | dict[str, float]]:
    """``{aanbieder: {product: €}}`` per perceel, or ``{aanbieder: €}`` for all its products together."""
    if value in (None, {}):
        return {}
    if not isinstance(value, dict):
        raise HefboomError("Hefboom 'budgetplafonds' moet per aanbieder per product een bedrag in euro per jaar "
                           "geven, bijv. {\"98011005\": {\"07\": 725000}}, of per aanbieder één bedrag voor al haar "
                           "producten samen.")
    out: dict[str, float | dict[str, float]] = {}
    for code, amount in value.items():
        aanbieder = _aanbieder(code, aanbieders)
        if not isinstance(amount, dict):
            out[aanbieder] = _amounts({code: amount}, "budgetplafonds", "aanbieder", str)[str(code)]
            continue
        per_product = _amounts(amount, f"budgetplafonds.{code}", "product",
                               lambda c: normaliseer_product(c, producten))
        delivered = None if aanbod is None else aanbod.get(aanbieder, [])
        for product in per_product:
            if delivered is not None and product not in delivered:
                raise HefboomError(f"Aanbieder '{code}' levert product '{product}' niet (volgens de toewijzingen); "
                                   f"een budgetplafond daarop werkt niet. Zij levert: {', '.join(delivered) or 'niets'}.")
        if per_product:
            out[aanbieder] = per_product
    return out


def _amounts(value: Any, lever: str, what: str, key) -> dict[str, float]:
    if value in (None, {}):
        return {}
    if not isinstance(value, dict):
        raise HefboomError(f"Hefboom '{lever}' moet per {what} een bedrag in euro per jaar geven.")
    out = {}
    for code, amount in value.items():
        number = _number(f"{lever}.{code}", amount)
        if number < 0:
            raise HefboomError(f"Hefboom '{lever}' voor {what} '{code}' is negatief ({number:g}); "
                               "een bedrag kan niet negatief zijn.")
        out[key(code)] = number
    return out


@dataclass(frozen=True)
class Scenario:
    naam: str
    hefbomen: Hefbomen = field(default_factory=Hefbomen)

    def to_json(self) -> dict[str, Any]:
        return {"naam": self.naam, "hefbomen": self.hefbomen.to_json()}

    @classmethod
    def from_json(cls, data: Any, **kwargs: Any) -> Scenario:
        if not isinstance(data, dict) or not str(data.get("naam", "")).strip():
            raise HefboomError("Elk scenario heeft een naam en een object 'hefbomen'.")
        return cls(str(data["naam"]).strip()[:60], Hefbomen.from_json(data.get("hefbomen"), **kwargs))


@dataclass(frozen=True)
class ScenarioInstellingen:
    """What the user chose in the panel: ≤ 4 scenarios (the first is the comparison basis), horizon, draws."""

    scenarios: tuple[Scenario, ...] = (Scenario("Basis"),)
    actief: int = 0
    jaren: int = 5
    trekkingen: int = 1000
    seed: int = 20250101

    def __post_init__(self) -> None:
        if not 1 <= len(self.scenarios) <= MAX_SCENARIOS:
            raise HefboomError(f"Kies 1 tot {MAX_SCENARIOS} scenario's.")
        if not 1 <= self.jaren <= 5:
            raise HefboomError("De horizon is 1 tot 5 jaar.")
        if not 1 <= self.trekkingen <= 20_000:
            raise HefboomError("Het aantal trekkingen is 1 tot 20.000.")
        if not 0 <= self.actief < len(self.scenarios):
            object.__setattr__(self, "actief", 0)

    def to_json(self) -> dict[str, Any]:
        return {"versie": INSTELLINGEN_VERSIE, "scenarios": [s.to_json() for s in self.scenarios],
                "actief": self.actief, "jaren": self.jaren, "trekkingen": self.trekkingen, "seed": self.seed}

    @classmethod
    def from_json(cls, data: Any) -> ScenarioInstellingen:
        """Defaults for anything missing; a damaged stored value falls back to the default, never crashes."""
        if not isinstance(data, dict):
            return cls()
        try:
            scenarios = tuple(Scenario.from_json(s) for s in data.get("scenarios", [])) or (Scenario("Basis"),)
            return cls(scenarios[:MAX_SCENARIOS], int(data.get("actief", 0)), int(data.get("jaren", 5)),
                       int(data.get("trekkingen", 1000)), int(data.get("seed", 20250101)))
        except (HefboomError, TypeError, ValueError):
            return cls()
