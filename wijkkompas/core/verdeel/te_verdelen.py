"""Steps 1–2 of Bijlage IV: which budget lines go into the wijkbudgets, and how much is distributable.

Why the arithmetic is kept as rows: the council asks "why is it this amount?";
the answer is the list of lines with what was kept central, what may not be
redistributed, the vangnet reserve, and the rounding — in that order.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from wijkkompas.core.formatting import euro, getal
from wijkkompas.core.verdeel.instellingen import VerdeelInstellingen, VerdeelInvoerFout
from wijkkompas.core.verdeel.rekenen import afgerond_totaal


@dataclass
class TeVerdelen:
    regels: pd.DataFrame         # sleutel, omschrijving, productcategorie, bedrag, opgenomen, gemarkeerd
    jaar: int | None
    bruto: float
    ongemarkeerd: float
    reserve: float
    totaal: int                  # whole euros
    productcategorieen: list[str]
    stappen: list[tuple[str, float]] = field(default_factory=list)
    aannames: list[str] = field(default_factory=list)


def budgetregels(project: Any, jaar: int | None) -> tuple[pd.DataFrame, int | None, str]:
    """The budget lines of one year (default: the latest begroting year, else the latest year)."""
    table = getattr(project, "tables", {}).get("budget")
    cols = ["sleutel", "omschrijving", "productcategorie", "bedrag"]
    if table is None or table.empty or "bedrag" not in table:
        return pd.DataFrame(columns=cols), None, ""
    t = table.copy()
    t["jaar"] = pd.to_numeric(t.get("jaar"), errors="coerce")
    t["bedrag"] = pd.to_numeric(t["bedrag"], errors="coerce").fillna(0.0)
    soort = t.get("soort", pd.Series("", index=t.index)).astype("string").str.lower().fillna("")
    if jaar is None:
        begroting = t[soort == "begroting"]
        jaar = int(begroting["jaar"].max()) if begroting["jaar"].notna().any() else (
            int(t["jaar"].max()) if t["jaar"].notna().any() else None)
    sub = t[t["jaar"] == jaar] if jaar is not None else t
    if sub.empty:
        return pd.DataFrame(columns=cols), jaar, ""
    kind = "begroting" if (soort[sub.index] == "begroting").any() else str(soort[sub.index].iloc[0] or "")
    sub = sub[soort[sub.index] == kind] if kind else sub
    taakveld = sub.get("taakveld", pd.Series(pd.NA, index=sub.index)).astype("string")
    pc = sub.get("productcategorie", pd.Series(pd.NA, index=sub.index)).astype("string")
    key = taakveld.fillna(pc).fillna("regel")
    out = pd.DataFrame({"sleutel": key, "omschrijving": key, "productcategorie": pc, "bedrag": sub["bedrag"]})
    out = out.groupby(["sleutel", "omschrijving"], as_index=False, dropna=False).agg(
        productcategorie=("productcategorie", "first"), bedrag=("bedrag", "sum"))
    return out.reset_index(drop=True), jaar, kind


def bepaal_te_verdelen(project: Any, inst: VerdeelInstellingen, terugval: float | None = None,
                       terugval_jaar: int | None = None) -> TeVerdelen:
    aannames: list[str] = []
    if inst.bedrag is not None:
        regels = pd.DataFrame({"sleutel": ["ingevoerd"], "omschrijving": ["Ingevoerd bedrag"],
                               "productcategorie": [pd.NA], "bedrag": [float(inst.bedrag)]})
        jaar = inst.budget_jaar
        aannames.append(f"Te verdelen: het ingevoerde bedrag van {euro(inst.bedrag)}.")
    else:
        regels, jaar, kind = budgetregels(project, inst.budget_jaar)
        if regels.empty:
            if terugval is None or terugval <= 0:
                raise VerdeelInvoerFout("Er is geen budget om te verdelen: importeer een begroting of vul een bedrag in.")
            regels = pd.DataFrame({"sleutel": ["uitgaven"], "omschrijving": [f"Eigen uitgaven {terugval_jaar}"],
                                   "productcategorie": [pd.NA], "bedrag": [float(terugval)]})
            jaar = terugval_jaar
            aannames.append(f"Geen budgetimport: verdeeld is het totaal van de eigen uitgaven in {terugval_jaar}.")
        else:
            aannames.append(f"Te verdelen: de regels van de {kind or 'budget'} {jaar} uit de budgetimport.")
    known = set(regels["sleutel"])
    for naam, lijst in (("centraal gehouden", inst.uitgesloten), ("gemarkeerd", inst.gemarkeerd)):
        onbekend = [x for x in lijst if x not in known]
        if onbekend and inst.bedrag is None:
            raise VerdeelInvoerFout(f"Onbekende budgetregel(s) als {naam} opgegeven: {', '.join(onbekend)}.")
    regels["opgenomen"] = ~regels["sleutel"].isin(inst.uitgesloten)
    regels["gemarkeerd"] = regels["sleutel"].isin(inst.gemarkeerd)
    bruto = float(regels["bedrag"].sum())
    centraal = float(regels.loc[~regels["opgenomen"], "bedrag"].sum())
    gemarkeerd = float(regels.loc[regels["opgenomen"] & regels["gemarkeerd"], "bedrag"].sum())
    ongemarkeerd = bruto - centraal - gemarkeerd
    reserve = ongemarkeerd * inst.reserve_procent / 100.0 + inst.reserve_bedrag
    if reserve > ongemarkeerd:
        raise VerdeelInvoerFout(f"De vangnetreserve ({euro(reserve)}) is groter dan het verdeelbare bedrag "
                                f"({euro(ongemarkeerd)}).")
    totaal = afgerond_totaal(ongemarkeerd - reserve)
    if totaal <= 0:
        raise VerdeelInvoerFout("Na uitsluiten en reserveren blijft er niets over om te verdelen.")
    stappen = [("Budgetregels samen", bruto), ("Centraal gehouden (regionaal/stedelijk)", -centraal),
               ("Gemarkeerd, niet vrij te herverdelen", -gemarkeerd),
               (f"Vangnetreserve ({getal(inst.reserve_procent, 1)}% + {euro(inst.reserve_bedrag)})", -reserve),
               ("Afronding op hele euro's (naar de reserve)", -(ongemarkeerd - reserve - totaal)),
               ("Te verdelen over de wijken", float(totaal))]
    used = regels[regels["opgenomen"] & ~regels["gemarkeerd"]]["productcategorie"].dropna().astype(str).tolist()
    return TeVerdelen(regels, jaar, bruto, ongemarkeerd, reserve, totaal, sorted(set(used)), stappen, aannames)
