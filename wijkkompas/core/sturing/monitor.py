"""The monitor lines: gerealiseerd + onderweg + projection → P10/P50/P90, kans, datum, stoplicht, beleid.

After the plafond, the chosen policy decides what the expected excess costs:
- ``overschrijding``: the gemeente pays the excess (expected € above the plafond);
- ``wachtlijst``: nothing extra is paid, the excess becomes waiting care
  (zorgmaanden = excess / € per declared toewijzing-month of the line);
- ``andere_aanbieder``: the excess moves to aanbieders of the same product with
  room under their own plafond (P50) or without a plafond, at their € per
  toewijzing-month; what does not fit waits.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from wijkkompas.core.progress import Voortgang, ensure
from wijkkompas.core.sturing.instellingen import SturingError, SturingInstellingen
from wijkkompas.core.sturing.uitputting import (
    Projectie, Vertraging, datum_bereikt, declaraties_netto, laatste_maand, plafonds, projecteer, realisatie,
)


@dataclass
class Monitor:
    jaar: int
    laatste_maand: pd.Period
    lijnen: pd.DataFrame            # one row per aanbieder × product with a plafond
    taakvelden: pd.DataFrame        # one row per product against the begroting
    vertraging: Vertraging
    instellingen: SturingInstellingen
    cumulatief: dict = field(default_factory=dict)   # (aanbieder, product) -> (months, p10, p50, p90, realised)


def stoplicht(kans: float, inst: SturingInstellingen) -> str:
    if kans >= inst.rood_vanaf:
        return "rood"
    return "oranje" if kans >= inst.oranje_vanaf else "groen"


def _quantiles(total: np.ndarray) -> tuple[float, float, float]:
    q = np.quantile(total, [0.1, 0.5, 0.9])
    return float(q[0]), float(q[1]), float(q[2])


def bereken_monitor(tables: dict[str, pd.DataFrame], inst: SturingInstellingen | None = None,
                    progress: Voortgang | None = None, model=None) -> Monitor:
    """The whole monitor for ``inst.jaar`` at ``inst.peildatum`` (defaults: the last declared month)."""
    inst = inst or SturingInstellingen()
    progress = ensure(progress)
    progress.step(0.02, "Declaraties tot de peildatum optellen…")
    decl = declaraties_netto(tables)
    last = laatste_maand(decl, inst.peil)
    if last < decl["maand"].min():
        raise SturingError(f"De peildatum ligt vóór de eerste declaratie ({decl['maand'].min().strftime('%m-%Y')}).")
    if last > decl["maand"].max():
        raise SturingError(f"De peildatum ligt na de laatste gedeclareerde maand "
                           f"({decl['maand'].max().strftime('%m-%Y')}); kies een eerdere peildatum.")
    jaar = inst.jaar or last.year
    if jaar < decl["maand"].min().year or jaar > last.year + 1:
        raise SturingError(f"Het jaar {jaar} past niet bij de gegevens: kies een jaar van "
                           f"{decl['maand'].min().year} tot en met {last.year + 1}.")
    real, lag = realisatie(tables, jaar, last)
    progress.step(0.05, "Prognose van de rest van het jaar (scenariomodel)…")
    proj = projecteer(tables, jaar, last, inst, progress=progress.sub(0.05, 0.9), model=model)
    progress.step(0.92, "Lijnen, kansen en datums…")
    caps = plafonds(tables, jaar)
    names = _names(tables)
    lijnen, cumul = _lines(real, caps, proj, inst, names)
    lijnen = _policies(lijnen, inst)
    taak = _taakvelden(tables, real, proj, jaar)
    progress.step(1.0, "Monitor klaar.")
    return Monitor(jaar, last, lijnen, taak, lag, inst, cumul)


def _names(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    from wijkkompas.core.scenario.historie import aanbieder_namen

    return aanbieder_namen(tables)


def _lines(real: pd.DataFrame, caps: pd.DataFrame, proj: Projectie, inst: SturingInstellingen,
           names: dict[str, str]) -> tuple[pd.DataFrame, dict]:
    rows, cumul = [], {}
    D = inst.trekkingen
    for cap in caps.itertuples(index=False):
        key = (cap.aanbieder_code, cap.product)
        match = real[(real["aanbieder_code"] == cap.aanbieder_code) & (real["product"] == cap.product)]
        got = float(match["gerealiseerd"].sum()) if len(match) else 0.0
        onderweg = float(match["onderweg"].sum()) if len(match) else 0.0
        per_month = float(match["euro_per_maand"].iloc[0]) if len(match) else 0.0
        monthly = match["_maanden"].iloc[0] if len(match) else None
        draws = proj.lijnen.get(key)
        if draws is None and proj.maanden:
            draws = np.zeros((D, len(proj.maanden)))
        start = got + onderweg
        total = start + (draws.sum(axis=1) if draws is not None else np.zeros(1))
        p10, p50, p90 = _quantiles(total)
        kans = float(np.mean(total > cap.plafond))
        when: date | None = datum_bereikt(start, proj.maanden, draws, float(cap.plafond), monthly)
        excess = np.maximum(total - cap.plafond, 0.0)
        rows.append({
            "aanbieder_code": cap.aanbieder_code, "aanbieder": names.get(cap.aanbieder_code, cap.aanbieder_naam),
            "product": cap.product, "plafond": float(cap.plafond), "gerealiseerd": got, "onderweg": onderweg,
            "prognose_p10": p10, "prognose_p50": p50, "prognose_p90": p90, "kans_overschrijding": kans,
            "verhouding_p50": p50 / cap.plafond, "datum_plafond_bereikt": when,
            "stoplicht": stoplicht(kans, inst), "verwacht_boven_plafond": float(excess.mean()),
            "euro_per_maand": per_month,
        })
        if draws is not None and len(proj.maanden):
            cum = start + np.cumsum(draws, axis=1)
            q = np.quantile(cum, [0.1, 0.5, 0.9], axis=0)
            cumul[key] = (proj.maanden, q[0], q[1], q[2], monthly)
        else:
            cumul[key] = ([], np.array([]), np.array([]), np.array([]), monthly)
    return pd.DataFrame(rows), cumul


def _policies(lines: pd.DataFrame, inst: SturingInstellingen) -> pd.DataFrame:
    """The cost of the chosen policy after the plafond, per line (see the module docstring)."""
    if lines.empty:
        return lines.assign(beleid=[], extra_kosten=[], wachtlijst_zorgmaanden=[])
    lines = lines.copy()
    room = (lines["plafond"] - lines["prognose_p50"]).clip(lower=0.0)
    extra, wait = [], []
    for i, line in lines.iterrows():
        x = line["verwacht_boven_plafond"]
        per_month = line["euro_per_maand"] or np.nan
        if inst.beleid_na_plafond == "overschrijding":
            extra.append(x)
            wait.append(0.0)
        elif inst.beleid_na_plafond == "wachtlijst":
            extra.append(0.0)
            wait.append(x / per_month if np.isfinite(per_month) else np.nan)
        else:
            others = (lines["product"] == line["product"]) & (lines.index != i)
            capacity = float(room[others].sum())
            moved = min(x, capacity)
            price = lines.loc[others & (room > 0), "euro_per_maand"]
            ratio = float(price.mean() / per_month) if len(price) and np.isfinite(per_month) and price.mean() > 0 \
                else 1.0
            extra.append(moved * ratio)
            wait.append((x - moved) / per_month if np.isfinite(per_month) else np.nan)
    return lines.assign(beleid=inst.beleid_na_plafond, extra_kosten=extra, wachtlijst_zorgmaanden=wait)


def _taakvelden(tables: dict[str, pd.DataFrame], real: pd.DataFrame, proj: Projectie, jaar: int) -> pd.DataFrame:
    """Per product (taakveld): begroting of ``jaar`` against gerealiseerd + onderweg + projection."""
    budget = tables.get("budget")
    begroting: dict[str, tuple[str, float]] = {}
    if budget is not None and not budget.empty and "productcategorie" in budget:
        b = budget.copy()
        b["jaar"] = pd.to_numeric(b["jaar"], errors="coerce")
        b["bedrag"] = pd.to_numeric(b["bedrag"], errors="coerce")
        soort = b.get("soort", pd.Series("", index=b.index)).astype("string").fillna("").str.lower()
        b = b[(b["jaar"] == jaar) & soort.str.startswith("begrot")]
        b["product"] = b["productcategorie"].astype("string").str.strip().str.zfill(2)
        for product, sub in b.groupby("product"):
            name = str(sub["taakveld"].iloc[0]) if "taakveld" in sub else product
            begroting[str(product)] = (name, float(sub["bedrag"].sum()))
    rows = []
    for product in sorted(set(real["product"]) | set(proj.producten)):
        sub = real[real["product"] == product]
        start = float(sub["gerealiseerd"].sum() + sub["onderweg"].sum())
        draws = proj.producten.get(product)
        total = start + (draws.sum(axis=1) if draws is not None else np.zeros(1))
        p10, p50, p90 = _quantiles(total)
        name, amount = begroting.get(product, ("", np.nan))
        rows.append({"product": product, "taakveld": name, "begroting": amount,
                     "gerealiseerd": float(sub["gerealiseerd"].sum()), "onderweg": float(sub["onderweg"].sum()),
                     "prognose_p10": p10, "prognose_p50": p50, "prognose_p90": p90,
                     "kans_overschrijding": float(np.mean(total > amount)) if np.isfinite(amount) else np.nan})
    return pd.DataFrame(rows)
