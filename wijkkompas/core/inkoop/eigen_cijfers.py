"""The gemeente's own figures per product and year, to set beside the Iv3 reference.

Why a separate table with a long note: the own figures come from the
declaraties (zorg in natura only, the amounts aanbieders were paid), while
Iv3 netto lasten include pgb, uitvoering and the eigen bijdragen as income;
the CBS HbH clients per 1.000 are of 2019 and another indeling. They are
comparable in direction and order of magnitude, not to the euro.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from wijkkompas.core.inkoop.markt import EENHEID_LABELS, PERCELEN, hoofdeenheden, netto_regels
from wijkkompas.core.resultaat import Formaat, Kolom, Tabel

TOELICHTING = (
    "Eigen cijfers uit de declaraties (zorg in natura; creditregels verrekend, afgewezen regels niet meegeteld). "
    "Niet één op één vergelijkbaar met de Iv3-netto lasten hierboven: die bevatten ook pgb, uitvoeringskosten "
    "en verrekenen de eigen bijdragen. De CBS-cijfers over cliënten hulp bij het huishouden zijn van 2019 en een "
    "oudere gemeentelijke indeling. Inwoners per jaar uit de wijkenimport; volwassenen (18+) uit het gemeentefonds "
    "2025, voor alle jaren. Een jaar dat niet compleet is gedeclareerd, telt minder maanden."
)


def _inwoners_per_jaar(wijken: pd.DataFrame) -> dict[int, float]:
    if wijken is None or wijken.empty or "inwoners" not in wijken.columns:
        return {}
    inw = pd.to_numeric(wijken["inwoners"], errors="coerce")
    if "jaar" not in wijken.columns:
        return {-1: float(inw.sum())}
    jaar = pd.to_numeric(wijken["jaar"], errors="coerce")
    return {int(j): float(v) for j, v in inw.groupby(jaar).sum().items() if pd.notna(j)}


def _voor_jaar(per_jaar: dict[int, float], jaar: int) -> float | None:
    if not per_jaar:
        return None
    if -1 in per_jaar:
        return per_jaar[-1]
    nearest = min(per_jaar, key=lambda j: (abs(j - jaar), -j))
    return per_jaar[nearest]


def eigen_cijfers(declaraties: pd.DataFrame, wijken: pd.DataFrame, volwassenen: int | None = None) -> Tabel:
    """Per product and year: cliënten, per 1.000 inwoners, cost and volume per cliënt, spending per volwassene."""
    netto = netto_regels(declaraties)
    inwoners = _inwoners_per_jaar(wijken)
    hoofd = hoofdeenheden(pd.DataFrame({"productcategorie": declaraties["productcategorie"].astype("string"),
                                        "eenheid": declaraties["eenheid"].astype("string")})) \
        if {"productcategorie", "eenheid"} <= set(declaraties.columns) else {}
    per_client = netto.groupby(["productcategorie", "jaar", "client_id"])[["bedrag", "volume"]].sum().reset_index()
    start = pd.to_datetime(declaraties["periode_start"], errors="coerce")
    maanden = (pd.DataFrame({"pc": declaraties["productcategorie"].astype("string"), "jaar": start.dt.year,
                             "m": start.dt.month}).dropna().drop_duplicates().groupby(["pc", "jaar"]).size())
    rows: list[dict[str, Any]] = []
    for (pc, jaar), g in per_client.groupby(["productcategorie", "jaar"]):
        bedrag = float(g["bedrag"].sum())
        clienten = int((g["bedrag"] > 0).sum())
        met_volume = int((g["volume"] > 0).sum())
        inw = _voor_jaar(inwoners, int(jaar))
        rows.append({
            "product": PERCELEN.get(pc, pc), "jaar": int(jaar), "maanden": int(maanden.get((pc, jaar), 0)),
            "clienten": clienten,
            "per_1000": clienten / inw * 1000 if inw else None,
            "bedrag": bedrag,
            "kosten_per_client": bedrag / clienten if clienten else None,
            "volume_per_client": float(g["volume"].sum()) / met_volume if met_volume else None,
            "eenheid": EENHEID_LABELS.get(hoofd.get(pc, ""), hoofd.get(pc, "")),
            "per_volwassene": bedrag / volwassenen if volwassenen else None,
        })
    data = pd.DataFrame(rows, columns=["product", "jaar", "maanden", "clienten", "per_1000", "bedrag", "kosten_per_client",
                                       "volume_per_client", "eenheid", "per_volwassene"])
    kolommen = [
        Kolom("product", "Product"), Kolom("jaar", "Jaar", Formaat.TEKST),
        Kolom("maanden", "Maanden", Formaat.GEHEEL, toelichting="maanden met declaraties in dat jaar"),
        Kolom("clienten", "Cliënten", Formaat.GEHEEL),
        Kolom("per_1000", "Per 1.000 inw.", Formaat.DECIMAAL, "cliënten per 1.000 inwoners", 1),
        Kolom("bedrag", "Gedeclareerd", Formaat.EURO, "€"),
        Kolom("kosten_per_client", "Per cliënt", Formaat.EURO, "€ per cliënt"),
        Kolom("volume_per_client", "Volume per cliënt", Formaat.DECIMAAL, "eenheden per cliënt", 0),
        Kolom("eenheid", "Eenheid"),
        Kolom("per_volwassene", "Per volw.", Formaat.EURO, "€ per volwassene", 2),
    ]
    data["jaar"] = data["jaar"].astype(str)
    return Tabel("eigen_cijfers", "Eigen cijfers uit de declaraties", data, kolommen, TOELICHTING)


def eigen_cijfers_van(project: Any) -> Tabel | None:
    """The table for a project with declaraties and wijken; ``None`` otherwise."""
    tables = getattr(project, "tables", {}) or {}
    if "declaraties" not in tables or "wijken" not in tables:
        return None
    volwassenen = None
    code = getattr(project, "gemeente_code", None)
    if code:
        try:
            from wijkkompas.core.reference import get_gemeente

            volwassenen = get_gemeente(code).volwassenen
        except (KeyError, ValueError, LookupError):
            volwassenen = None
    return eigen_cijfers(tables["declaraties"], tables["wijken"], volwassenen)
