"""A transparent cost-price model per productive hour (reële prijs, AMvB Wmo 2017) and the tariff check.

Why this structure: municipal rekentools and the sector handreikingen build a
kostprijs the same way — gross hourly wage from the cao scale, surcharges for
holiday pay / year-end bonus and employer charges, a correction for the share
of paid hours that is productive, then travel, training, overhead and a
surcharge for risk and profit. Every parameter is visible and editable.

Defaults: a number ships only when it comes from a public source (named with
its year in ``PARAMETERS``); everything else is ``None`` for the user to fill.
While any parameter a product needs is empty, the check shows which ones and
gives no verdict — a cost price built on guesses is worse than none.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from wijkkompas.core.inkoop.markt import PRODUCT_SLUG
from wijkkompas.core.resultaat import Bron

SECTIE = "kostprijs"
VERSIE = 1

BRON_AMVB = Bron("Rijksoverheid", "Besluit reële prijs Wmo 2015 (Stb. 2017, 213): kostprijselementen", 2017)
BRON_BERENSCHOT = Bron("Berenschot / Sociaal Werk Nederland", "Kostprijsberekeningen Sociaal Werk, handreiking versie "
                       "2.0: inschaling, opslagen, productiviteit, overhead, risico", 2018)
BRON_IWMO = Bron("Zorginstituut Nederland (iStandaarden)", "iWmo codelijst WJ756 Eenheid: 01 minuut, 04 uur, "
                 "16 dagdeel (4 uur)", 2021)
BRON_CNV_HBH = Bron("CNV Zorg & Welzijn", "Hulp huishouden krijgt recht op cao-loon: loonschaal cao VVT "
                    "€ 10,35–€ 12,94 per uur (ca. schaal 15)", 2018)


@dataclass(frozen=True)
class Parameter:
    naam: str
    label: str
    eenheid: str          # "€ per uur", "%", "uur", "cliënten"
    toelichting: str
    standaard: float | None = None
    bron: Bron | None = None


PARAMETERS: tuple[Parameter, ...] = (
    Parameter("bruto_uurloon", "Bruto uurloon (cao-schaal en trede)", "€ per uur",
              "Uurloon van de schaal en trede uit de cao van het tariefjaar (HbH: cao VVT; begeleiding: cao VVT, "
              "Gehandicaptenzorg of Sociaal Werk). Ter oriëntatie: in 2018 € 10,35–€ 12,94 voor HbH (CNV).",
              None, BRON_CNV_HBH),
    Parameter("opslag_vakantie_eju", "Vakantiegeld, eindejaarsuitkering, ORT", "%",
              "Opslag op het bruto uurloon volgens de cao.", None, BRON_BERENSCHOT),
    Parameter("werkgeverslasten", "Werkgeverslasten (sociale lasten, pensioen)", "%",
              "Opslag op de loonsom inclusief de vorige opslag.", None, BRON_BERENSCHOT),
    Parameter("productiviteit", "Productiviteit (cliëntgebonden deel van de betaalde uren)", "%",
              "Deel van de betaalde uren dat cliënttijd is (na verlof, ziekte, overleg, scholing, reistijd).",
              None, BRON_BERENSCHOT),
    Parameter("reiskosten_per_uur", "Reiskosten per productief uur", "€ per uur", "Kilometer- en reiskosten.",
              None, BRON_AMVB),
    Parameter("opleiding", "Opleiding en deskundigheid", "%", "Opslag op de loonkosten per productief uur.",
              None, BRON_AMVB),
    Parameter("overhead", "Overhead en overige kosten", "%", "Management, huisvesting, administratie, ICT.",
              None, BRON_BERENSCHOT),
    Parameter("risico_winst", "Risico en winst", "%", "Opslag voor ondernemersrisico en innovatie.",
              None, BRON_BERENSCHOT),
    Parameter("uren_per_dagdeel", "Uren per dagdeel", "uur", "Een dagdeel is in het iWmo-berichtenverkeer 4 uur.",
              4.0, BRON_IWMO),
    Parameter("clienten_per_begeleider", "Cliënten per begeleider (groep)", "cliënten",
              "Alleen voor dagbesteding: groepsgrootte per begeleider.", None, None),
)
PARAMETER: dict[str, Parameter] = {p.naam: p for p in PARAMETERS}
BASIS = ("bruto_uurloon", "opslag_vakantie_eju", "werkgeverslasten", "productiviteit", "reiskosten_per_uur",
         "opleiding", "overhead", "risico_winst")
NODIG: dict[str, tuple[str, ...]] = {
    "hbh": BASIS,
    "begeleiding": BASIS,
    "dagbesteding": (*BASIS, "uren_per_dagdeel", "clienten_per_begeleider"),
}
PRODUCT_LABELS = {"hbh": "Hulp bij het huishouden", "begeleiding": "Begeleiding", "dagbesteding": "Dagbesteding"}
CATEGORIE_PRODUCT = PRODUCT_SLUG
EENHEID_PER_UUR = {"01": 60.0, "04": 1.0}  # tariff units per hour; 16 (dagdeel) via the parameters


def _standaard() -> dict[str, float | None]:
    return {p.naam: p.standaard for p in PARAMETERS}


@dataclass(frozen=True)
class KostprijsInstellingen:
    """The parameter sets per product, stored in ``project.choices["kostprijs"]``."""

    sets: dict[str, dict[str, float | None]] = field(default_factory=lambda: {p: _standaard() for p in NODIG})
    versie: int = VERSIE

    def waarde(self, product: str, naam: str) -> float | None:
        return self.sets.get(product, {}).get(naam)

    def met(self, product: str, **waarden: float | None) -> KostprijsInstellingen:
        sets = {k: dict(v) for k, v in self.sets.items()}
        sets.setdefault(product, _standaard()).update(waarden)
        return replace(self, sets=sets)

    def to_json(self) -> dict[str, Any]:
        return {"versie": self.versie, "sets": {p: dict(v) for p, v in self.sets.items()}}

    @classmethod
    def from_json(cls, data: Any) -> KostprijsInstellingen:
        """Tolerant: unknown products/parameters are dropped, non-numbers become empty."""
        base = cls()
        if not isinstance(data, dict) or not isinstance(data.get("sets"), dict):
            return base
        sets = {p: dict(v) for p, v in base.sets.items()}
        for product, values in data["sets"].items():
            if product not in sets or not isinstance(values, dict):
                continue
            for naam, value in values.items():
                if naam in PARAMETER:
                    sets[product][naam] = _getal(value)
        return cls(sets=sets)


def _getal(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number and abs(number) != float("inf") else None


def laad(project: Any) -> KostprijsInstellingen:
    return KostprijsInstellingen.from_json((getattr(project, "choices", {}) or {}).get(SECTIE))


@dataclass(frozen=True)
class Kostprijs:
    product: str
    ontbrekend: tuple[str, ...]
    loonkosten_per_betaald_uur: float | None = None
    per_productief_uur: float | None = None
    per_minuut: float | None = None
    per_dagdeel: float | None = None
    stappen: tuple[tuple[str, float], ...] = ()

    @property
    def compleet(self) -> bool:
        return not self.ontbrekend


def bereken(instellingen: KostprijsInstellingen, product: str) -> Kostprijs:
    """The cost price of one product, step by step; ``ontbrekend`` lists the empty parameters it needs."""
    v = {n: instellingen.waarde(product, n) for n in NODIG[product]}
    ontbrekend = tuple(n for n, x in v.items() if x is None)
    if ontbrekend:
        return Kostprijs(product, ontbrekend)
    if v["productiviteit"] <= 0 or v["productiviteit"] > 100:
        return Kostprijs(product, ("productiviteit",))
    loon = v["bruto_uurloon"] * (1 + v["opslag_vakantie_eju"] / 100) * (1 + v["werkgeverslasten"] / 100)
    productief = loon / (v["productiviteit"] / 100)
    direct = productief * (1 + v["opleiding"] / 100) + v["reiskosten_per_uur"]
    integraal = direct * (1 + v["overhead"] / 100)
    uur = integraal * (1 + v["risico_winst"] / 100)
    dagdeel = None
    if product == "dagbesteding":
        if v["clienten_per_begeleider"] <= 0:
            return Kostprijs(product, ("clienten_per_begeleider",))
        dagdeel = uur * v["uren_per_dagdeel"] / v["clienten_per_begeleider"]
    stappen = (("Loonkosten per betaald uur", loon), ("Per productief uur", productief),
               ("Plus opleiding en reiskosten", direct), ("Plus overhead", integraal),
               ("Kostprijs per productief uur (incl. risico en winst)", uur))
    return Kostprijs(product, (), loon, uur, uur / 60, dagdeel, stappen)


def vergelijk(tarieven: pd.DataFrame | None, instellingen: KostprijsInstellingen,
              peildatum: pd.Timestamp | None = None) -> pd.DataFrame:
    """Current tariffs per aanbieder and product against the cost price, in the tariff's own unit.

    Current = the contracts valid on ``peildatum`` (default: the latest ingangsdatum).
    Units: 01 minuut → cost per minute, 04 uur → per hour, 16 dagdeel → per
    dagdeel (dagbesteding set). Other units (e.g. 83 euro budgets) are not
    comparable and are left out. No gap is computed while the cost price is incomplete.
    """
    cols = ["productcode", "product", "aanbieder_code", "aanbieder_naam", "eenheid", "tarief", "kostprijs",
            "verschil", "verschil_pct", "status"]
    if tarieven is None or tarieven.empty:
        return pd.DataFrame(columns=cols)
    from wijkkompas.core.inkoop.afleiden import huidige_contracten

    t = huidige_contracten(tarieven, peildatum)
    kostprijzen = {p: bereken(instellingen, p) for p in NODIG}
    rows = []
    for r in t.itertuples(index=False):
        code = str(r.productcode)
        product = CATEGORIE_PRODUCT.get(code[:2])
        eenheid = str(getattr(r, "eenheid", ""))
        if product is None or (eenheid not in EENHEID_PER_UUR and eenheid != "16"):
            continue
        k = kostprijzen["dagbesteding" if eenheid == "16" else product]
        tarief = float(r.tarief)
        if not k.compleet:
            kost, status = None, "kostprijs onvolledig"
        else:
            kost = k.per_dagdeel if eenheid == "16" else k.per_productief_uur / EENHEID_PER_UUR[eenheid]
            status = "onder kostprijs" if tarief < kost else "op of boven kostprijs"
        verschil = None if kost is None else tarief - kost
        rows.append({"productcode": code, "product": getattr(r, "product_omschrijving", code),
                     "aanbieder_code": str(r.aanbieder_code), "aanbieder_naam": getattr(r, "aanbieder_naam", ""),
                     "eenheid": eenheid, "tarief": tarief, "kostprijs": kost, "verschil": verschil,
                     "verschil_pct": None if kost in (None, 0) else verschil / kost, "status": status})
    return pd.DataFrame(rows, columns=cols)
