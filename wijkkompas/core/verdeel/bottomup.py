"""Route A (bottom-up): the need per wijk from norms × kosten per fte, or from historic use.

The presets are the examples of seed 002 (Kennisdocument *Sociale wijkteams in
ontwikkeling*, 2013, Bijlage IV), each named with its source so an adviser can
tell a municipality's own norm from a borrowed one. The formatie import is the
default for fte and cost; the need is always set against the distributable
total (tekort/overschot), because Bijlage IV asks for exactly that check.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from wijkkompas.core.formatting import euro, getal

BRON_002 = "Kennisdocument Sociale wijkteams in ontwikkeling (2013), Bijlage IV"
# Seed 002, MKBA Eindhoven: 16 fte in two Wijeindhoventeams cost about € 1.400.000 (2013): € 87.500 per fte.
KOSTEN_PER_FTE_002 = 1_400_000 / 16
PERSONEN_PER_HUISHOUDEN = 2.1
UTRECHT_FTE = 10.0
UTRECHT_HUISHOUDENS = {"zwak": 3000.0, "kwetsbaar": 6000.0, "sterk": 10000.0}
LEEUWARDEN_CASELOAD = 45.0          # 40–50 huishoudens per sociaal werker: the midpoint
EINDHOVEN_SEGMENTEN = {"top": 0.02, "kwetsbaar, niet zelfredzaam": 0.12, "kwetsbaar, zelfredzaam": 0.20,
                       "zelfredzaam": 0.66}
EINDHOVEN_CASELOAD = 92.0


@dataclass
class Behoefte:
    per_wijk: pd.DataFrame            # index wijk_code: fte, kosten_per_fte, behoefte (€), team
    bron: str
    aannames: list[str] = field(default_factory=list)
    waarschuwingen: list[str] = field(default_factory=list)

    @property
    def totaal(self) -> float:
        return float(self.per_wijk["behoefte"].sum())


def split_codes(value: Any) -> list[str]:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    return [c.strip() for c in str(value).replace(";", ",").replace("|", ",").split(",") if c.strip()]


def laatste_formatie(project: Any, jaar: int | None = None) -> pd.DataFrame | None:
    table = getattr(project, "tables", {}).get("formatie")
    if table is None or table.empty or not {"team", "fte"} <= set(table.columns):
        return None
    t = table.copy()
    if "jaar" in t.columns and pd.to_numeric(t["jaar"], errors="coerce").notna().any():
        t["jaar"] = pd.to_numeric(t["jaar"], errors="coerce")
        pick = jaar if jaar is not None and (t["jaar"] == jaar).any() else t["jaar"].max()
        t = t[t["jaar"] == pick]
    return t


def huishoudens(ind: pd.DataFrame) -> tuple[np.ndarray, list[str]]:
    if "huishoudens" in ind.columns and ind["huishoudens"].sum() > 0:
        return ind["huishoudens"].to_numpy(float), []
    return (ind["inwoners"].to_numpy(float) / PERSONEN_PER_HUISHOUDEN,
            [f"Huishoudens per wijk geschat als inwoners gedeeld door {getal(PERSONEN_PER_HUISHOUDEN, 1)} "
             "(gemiddelde huishoudensgrootte in Nederland)."])


def bereken_behoefte(project: Any, ind: pd.DataFrame, preset: str, kosten_per_fte: float | None,
                     caseload: float | None, clienten: pd.Series | None, laatste_uitgaven: pd.Series | None,
                     budget_jaar: int | None = None) -> Behoefte:
    """The need per wijk for one preset. ``clienten``/``laatste_uitgaven``: per wijk, last complete year."""
    aannames: list[str] = []
    warnings: list[str] = []
    formatie = laatste_formatie(project, budget_jaar)
    kosten = kosten_per_fte
    if kosten is None and formatie is not None and "kosten_per_fte" in formatie:
        k = pd.to_numeric(formatie["kosten_per_fte"], errors="coerce")
        f = pd.to_numeric(formatie["fte"], errors="coerce")
        if (k.notna() & f.notna()).any() and f[k.notna()].sum() > 0:
            kosten = float((k * f).sum() / f[k.notna()].sum())
            aannames.append(f"Kosten per fte uit de formatie-import: gemiddeld {euro(kosten)}.")
    if kosten is None:
        kosten = KOSTEN_PER_FTE_002
        aannames.append(f"Kosten per fte {euro(kosten)}: de MKBA van Eindhoven ({BRON_002}: 16 fte voor € 1,4 mln, "
                        "prijspeil 2013). Vul de eigen kosten in.")
    elif kosten_per_fte is not None:
        aannames.append(f"Kosten per fte ingevoerd: {euro(kosten)}.")
    n = len(ind)
    fte = np.full(n, np.nan)
    team = pd.Series(pd.NA, index=ind.index, dtype="string")
    if preset == "formatie":
        if formatie is None:
            return _terugval("Er is geen formatie geïmporteerd; de bottom-upberekening volgt de Utrechtse norm.",
                             bereken_behoefte(project, ind, "utrecht", kosten_per_fte, caseload, clienten, None))
        fte = np.zeros(n)
        inw = ind["inwoners"] if "inwoners" in ind else pd.Series(1.0, index=ind.index)
        unknown: set[str] = set()
        for _, row in formatie.iterrows():
            codes = [c for c in split_codes(row.get("wijk_codes")) if c in ind.index]
            unknown |= set(split_codes(row.get("wijk_codes"))) - set(ind.index)
            if not codes:
                continue
            weights = inw.loc[codes].to_numpy(float)
            weights = weights / weights.sum() if weights.sum() > 0 else np.full(len(codes), 1 / len(codes))
            idx = [ind.index.get_loc(c) for c in codes]
            fte[idx] += float(pd.to_numeric(row["fte"], errors="coerce") or 0.0) * weights
            team.iloc[idx] = str(row["team"])
        if unknown:
            warnings.append(f"De formatie noemt wijken die niet in de wijkgegevens staan: {', '.join(sorted(unknown))}.")
        bron = "Formatie uit de import"
        aannames.append("De fte van een team is over zijn wijken verdeeld naar inwoners.")
    elif preset == "utrecht":
        hh, notes = huishoudens(ind)
        aannames += notes
        if "huishoudens_laag_inkomen" in ind and ind["huishoudens_laag_inkomen"].sum() > 0:
            share = ind["huishoudens_laag_inkomen"].to_numpy(float) / np.maximum(hh, 1.0)
            rank = pd.Series(share).rank(method="first").to_numpy()
            soort = np.where(rank > 2 * n / 3, "zwak", np.where(rank > n / 3, "kwetsbaar", "sterk"))
            aannames.append("Wijktype naar het aandeel huishoudens met een laag inkomen: het hoogste derde 'zwak', "
                            "het middelste 'kwetsbaar', het laagste 'sterk'.")
        else:
            soort = np.full(n, "kwetsbaar")
            warnings.append("Zonder huishoudens met laag inkomen is elke wijk als 'kwetsbaar' (6.000 huishoudens per "
                            "team) gerekend.")
        fte = UTRECHT_FTE * hh / np.array([UTRECHT_HUISHOUDENS[s] for s in soort])
        bron = f"Utrecht: 10 fte per wijkteam; zwakke wijk 3.000, kwetsbare 6.000, sterke 10.000 huishoudens ({BRON_002})"
    elif preset == "leeuwarden":
        load = caseload or LEEUWARDEN_CASELOAD
        if clienten is not None and clienten.sum() > 0:
            hh = clienten.reindex(ind.index).fillna(0.0).to_numpy(float)
            aannames.append("Huishoudens in de caseload: unieke cliënten met een toewijzing in het laatste volledige "
                            "jaar (één cliënt per huishouden).")
        else:
            hh = ind.get("huishoudens_laag_inkomen", ind["inwoners"] / PERSONEN_PER_HUISHOUDEN * 0.1).to_numpy(float)
            warnings.append("Geen toewijzingen: de caseload is benaderd met de huishoudens met een laag inkomen.")
        fte = hh / load
        bron = f"Leeuwarden: caseload 40–50 huishoudens per sociaal werker, gerekend met {getal(load)} ({BRON_002})"
    elif preset == "eindhoven":
        load = caseload or EINDHOVEN_CASELOAD
        hh, notes = huishoudens(ind)
        aannames += notes
        deel = 1.0 - EINDHOVEN_SEGMENTEN["zelfredzaam"]
        fte = hh * deel / load
        aannames.append("Eindhoven: de 34% niet volledig zelfredzame huishoudens (2% top, 12% kwetsbaar niet "
                        f"zelfredzaam, 20% kwetsbaar zelfredzaam) vormen de caseload, {getal(load)} per fte. Zonder "
                        "zelfredzaamheidscijfers per wijk geldt die verdeling in elke wijk, dus de behoefte volgt de "
                        "huishoudens. Eindhoven zelf verwachtte 280 fte voor 100.000 huishoudens.")
        bron = f"Eindhoven: segmentatie 2/12/20/66%, caseload {getal(load)} ({BRON_002})"
    elif preset == "historisch":
        if laatste_uitgaven is None or laatste_uitgaven.sum() <= 0:
            return _terugval("Geen declaraties per wijk: de bottom-upberekening volgt de Utrechtse norm.",
                             bereken_behoefte(project, ind, "utrecht", kosten_per_fte, caseload, clienten, None))
        frame = pd.DataFrame({"fte": np.nan, "kosten_per_fte": np.nan,
                              "behoefte": laatste_uitgaven.reindex(ind.index).fillna(0.0).clip(lower=0.0),
                              "team": team}, index=ind.index)
        return Behoefte(frame, "Historisch gebruik: eigen uitgaven per wijk in het laatste volledige jaar", [],
                        warnings)
    else:
        raise ValueError(preset)
    frame = pd.DataFrame({"fte": fte, "kosten_per_fte": kosten, "behoefte": fte * kosten, "team": team},
                         index=ind.index)
    aannames.append("Een fte-norm raamt de formatie van de wijkteams; bevat het te verdelen bedrag ook "
                    "maatwerkvoorzieningen, dan is het verschil met de behoefte geen tekort of overschot van de teams.")
    return Behoefte(frame, bron, aannames, warnings)


def _terugval(reden: str, behoefte: Behoefte) -> Behoefte:
    behoefte.waarschuwingen.insert(0, reden)
    return behoefte
