"""The known truths of the Voorbeeldstad demo, computed from the simulation itself.

Why computed, not typed: the README and ``waarheden.json`` must state exactly
what is in the files (clients per product per year, the planted effect, the
plafond outcome), and a regenerated demo must come with regenerated truths.

Planted effect, two versions (both in the README):
- *realised* (the truth of this dataset): the extra begeleiding clients of the
  treated wijken come from their own random stream (common random numbers), so
  leaving them out gives exactly the counterfactual; effect = factual minus
  counterfactual, per 1.000 inwoners.
- *expected* (the parameter): from the stock-flow model, extra stock at the
  start of a half year plus extra instroom during it (exponential stays).
"""
from __future__ import annotations

import math
from collections import defaultdict
from datetime import date

from demo_calibration import Calibration
from demo_model import Demo, Toewijzing, expected_instroom, start_stock, growth_rate
from demo_params import (
    AANBIEDERS,
    BEGROTING_TAAKSTELLING,
    BELEID_CATEGORIE,
    BELEID_FACTOR,
    BELEID_START,
    BELEID_WIJKEN,
    CLIENTEN_PER_FTE,
    EXPORT_END,
    GROEI,
    INDEXATIE,
    INDEXATIE_2026,
    JAREN,
    KOSTEN_PER_FTE_2021,
    KOSTEN_PER_FTE_INDEX,
    MEAN_STAY,
    PLAFOND_AFRONDING,
    PLAFOND_GEBRUIK,
    PLAFOND_ONDERBENUTTER,
    PLAFOND_OVERSCHRIJDER,
    SIM_START,
    TEAMS,
    ZIN_DEEL_VAN_NETTO,
)

HALFJAREN = [(y, h) for y in JAREN for h in (1, 2) if (y, h) != (2025, 2)]


def halfjaar_label(y: int, h: int) -> str:
    return f"{y}H{h}"


def halfjaar_grenzen(y: int, h: int) -> tuple[date, date]:
    return (date(y, 1, 1), date(y, 6, 30)) if h == 1 else (date(y, 7, 1), date(y, 12, 31))


def _active(t: Toewijzing, first: date, last: date) -> bool:
    """As the export shows it: ingang..einde (open end = still running)."""
    return t.exported and t.ingang <= last and (t.einde is None or t.einde >= first)


def clienten_per_jaar(demo: Demo) -> dict:
    """Unique clients with an active toewijzing in the year (2025: first half), per productcategorie."""
    out: dict = {}
    for categorie in ("01", "02", "07"):
        rows = [t for t in demo.toewijzingen if t.categorie == categorie]
        per: dict = {}
        for jaar in JAREN:
            first, last = date(jaar, 1, 1), min(date(jaar, 12, 31), EXPORT_END)
            per[str(jaar) if jaar < 2025 else "2025H1"] = len({t.client.key for t in rows if _active(t, first, last)})
        out[categorie] = per
    return out


def _expected_extra(cal: Calibration, w, first: date, last: date) -> float:
    """Expected extra begeleiding clients active in [first, last] from the stock-flow parameters."""
    s = MEAN_STAY[BELEID_CATEGORIE] / 12
    k = growth_rate(w, BELEID_CATEGORIE)
    a0 = start_stock(w, BELEID_CATEGORIE)
    tb = (BELEID_START - SIM_START).days / 365.25
    h0 = (first - SIM_START).days / 365.25
    h1 = ((last - SIM_START).days + 1) / 365.25
    if h1 <= tb:
        return 0.0
    h0 = max(h0, tb)
    stock = (BELEID_FACTOR - 1) * a0 * (math.exp(k * h0) - math.exp(k * tb - (h0 - tb) / s))
    return stock + (BELEID_FACTOR - 1) * expected_instroom(w, BELEID_CATEGORIE, h0, h1)


def planted_effect(demo: Demo, cal: Calibration) -> dict:
    """Active begeleiding clients per 1.000 inwoners per half year: factual, counterfactual, effect."""
    begeleiding = [t for t in demo.toewijzingen if t.categorie == BELEID_CATEGORIE and t.exported]
    behandeld = [w for w in cal.wijken if w.code in BELEID_WIJKEN]
    controle = [w for w in cal.wijken if w.code not in BELEID_WIJKEN]
    rows = []
    per_wijk: dict = defaultdict(dict)
    for y, h in HALFJAREN:
        first, last = halfjaar_grenzen(y, h)
        active = [t for t in begeleiding if _active(t, first, last)]
        by_wijk: dict = defaultdict(set)
        base_by_wijk: dict = defaultdict(set)
        for t in active:
            by_wijk[t.client.wijk.code].add(t.client.key)
            if not t.client.extra:
                base_by_wijk[t.client.wijk.code].add(t.client.key)

        def per_1000(wijken, source):
            inw = sum(w.indicatoren(y)["inwoners"] for w in wijken)
            return 1000 * sum(len(source[w.code]) for w in wijken) / inw

        expected = sum(_expected_extra(cal, w, first, last) for w in behandeld)
        inw_b = sum(w.indicatoren(y)["inwoners"] for w in behandeld)
        feit, contra = per_1000(behandeld, by_wijk), per_1000(behandeld, base_by_wijk)
        label = halfjaar_label(y, h)
        rows.append({
            "halfjaar": label, "behandeld_per_1000": round(feit, 3), "contrafeitelijk_per_1000": round(contra, 3),
            "effect_per_1000": round(feit - contra, 3), "verwacht_effect_per_1000": round(1000 * expected / inw_b, 3),
            "controle_per_1000": round(per_1000(controle, by_wijk), 3),
            "extra_clienten": sum(len(by_wijk[w.code]) - len(base_by_wijk[w.code]) for w in behandeld),
        })
        for w in cal.wijken:
            inw = w.indicatoren(y)["inwoners"]
            per_wijk[w.code][label] = {
                "per_1000": round(1000 * len(by_wijk[w.code]) / inw, 3),
                "contrafeitelijk_per_1000": round(1000 * len(base_by_wijk[w.code]) / inw, 3),
                "clienten": len(by_wijk[w.code]), "inwoners": inw,
            }
    post = [r for r in rows if r["halfjaar"] >= halfjaar_label(BELEID_START.year, 1)]
    return {
        "start": BELEID_START.isoformat(), "wijken": list(BELEID_WIJKEN), "productcategorie": BELEID_CATEGORIE,
        "factor_instroom": BELEID_FACTOR,
        "definitie": ("unieke cliënten met minstens één dag een actieve toewijzing begeleiding (02) in het halfjaar, "
                      "per 1.000 inwoners (inwoners van de wijken in het jaar van het halfjaar, 1 januari); "
                      "behandelde groep samen genomen (som cliënten / som inwoners)"),
        "halfjaren": rows,
        "gemiddeld_effect_na_start": round(sum(r["effect_per_1000"] for r in post) / len(post), 3),
        "gemiddeld_verwacht_effect_na_start": round(sum(r["verwacht_effect_per_1000"] for r in post) / len(post), 3),
        "per_wijk": dict(per_wijk),
    }


def uitgaven(demo: Demo) -> dict:
    """ZIN toegekend (net of credit lines) per (jaar, categorie) and per (jaar, aanbieder) for dagbesteding."""
    per_cat: dict = defaultdict(float)
    per_dagbesteding: dict = defaultdict(float)
    h1_dagbesteding: dict = defaultdict(float)
    for d in demo.declaraties:
        jaar = d.periode_start.year
        per_cat[(jaar, d.toewijzing.categorie)] += d.toegekend
        if d.toewijzing.categorie == "07":
            per_dagbesteding[(jaar, d.toewijzing.aanbieder.agb)] += d.toegekend
            if d.exported:
                h1_dagbesteding[(jaar, d.toewijzing.aanbieder.agb)] += d.toegekend
    return {"categorie": dict(per_cat), "dagbesteding": dict(per_dagbesteding), "dagbesteding_export": dict(h1_dagbesteding)}


def plafonds(spent: dict) -> tuple[dict, dict]:
    """Plafond per (jaar, agb) and the truth per year and aanbieder (spent, plafond, share)."""
    values: dict = {}
    truth: dict = {}
    for jaar, gebruik in PLAFOND_GEBRUIK.items():
        truth[str(jaar)] = {}
        for agb, share in gebruik.items():
            besteed = spent["dagbesteding"][(jaar, agb)]
            plafond = int(round(besteed / share / PLAFOND_AFRONDING) * PLAFOND_AFRONDING)
            values[(jaar, agb)] = plafond
            naam = next(a.naam for a in AANBIEDERS if a.agb == agb)
            truth[str(jaar)][agb] = {
                "aanbieder": naam, "plafond": plafond, "besteed_jaar": round(besteed, 2),
                "besteed_tot_export": round(spent["dagbesteding_export"].get((jaar, agb), 0.0), 2),
                "verhouding": round(besteed / plafond, 4),
            }
    truth["overschrijder"] = PLAFOND_OVERSCHRIJDER
    truth["onderbenutter"] = PLAFOND_ONDERBENUTTER
    return values, truth


def budget(spent: dict) -> dict:
    """Realisatie 2021-2024 (ZIN / 0,9) and begroting 2025-2026 (projection minus the taakstelling)."""
    out: dict = {}
    for categorie in ("01", "02", "07"):
        realisatie = {j: spent["categorie"][(j, categorie)] / ZIN_DEEL_VAN_NETTO for j in range(2021, 2025)}
        for jaar, bedrag in realisatie.items():
            out[(jaar, categorie)] = (int(round(bedrag, -3)), "realisatie")
        groei = 1 + GROEI[categorie]
        b25 = realisatie[2024] * groei * (1 + INDEXATIE[2025]) * (1 - BEGROTING_TAAKSTELLING)
        b26 = realisatie[2024] * groei ** 2 * (1 + INDEXATIE[2025]) * (1 + INDEXATIE_2026) * (1 - BEGROTING_TAAKSTELLING)
        out[(2025, categorie)] = (int(round(b25, -3)), "begroting")
        out[(2026, categorie)] = (int(round(b26, -3)), "begroting")
    return out


def formatie(demo: Demo) -> dict:
    """Fte per team per year: active clients (all products) on 1 January / CLIENTEN_PER_FTE."""
    out: dict = {}
    for jaar in JAREN:
        peildag = date(jaar, 1, 1)
        actief: dict = defaultdict(set)
        for t in demo.toewijzingen:
            if t.ingang <= peildag <= t.einde_echt:
                actief[t.client.wijk.team].add(t.client.key)
        kosten = round(KOSTEN_PER_FTE_2021 * (1 + KOSTEN_PER_FTE_INDEX) ** (jaar - 2021), -2)
        for team in TEAMS:
            out[(team, jaar)] = (round(len(actief[team]) / CLIENTEN_PER_FTE, 1), kosten)
    return out


def credit_summary(demo: Demo) -> dict:
    exported = [d for d in demo.declaraties if d.exported]
    credits = [d for d in exported if d.credit_van is not None]
    return {
        "declaraties": len(exported), "creditregels": len(credits),
        "creditbedrag": round(sum(d.toegekend for d in credits), 2),
        "afgewezen": sum(1 for d in exported if d.status == "Afgewezen"),
        "toegekend_netto": round(sum(d.toegekend for d in exported), 2),
    }
