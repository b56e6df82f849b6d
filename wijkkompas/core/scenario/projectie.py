"""Scenarios → numbers per calendar year: P10/P50/P90 per product and in total, next to the begroting.

Why per calendar year with realised months included: a meerjarenraming is read
per begrotingsjaar, so the year in which the data end is realised months plus
forecast months. All scenarios use the same random numbers (same seed), so a
difference with the basis is the levers' effect, not simulation noise.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from wijkkompas.core.scenario.engine import Simulatie, simulate
from wijkkompas.core.scenario.hefbomen import HefboomError, Scenario, ScenarioInstellingen
from wijkkompas.core.scenario.model import ScenarioModel

KWANTIELEN = (10, 50, 90)


@dataclass
class ScenarioCijfers:
    scenario: Scenario
    simulatie: Simulatie
    jaren: list[int]
    kosten: np.ndarray        # (D, P, Y) € per year incl. realised months
    clienten: np.ndarray      # (D, P, Y) average clients in the year
    wachtlijst: np.ndarray    # (D, P, Y) average clients waiting (plafond)
    av_kosten: np.ndarray     # (D, Y)
    totaal: np.ndarray        # (D, Y) products with known cost + algemene voorziening


def jaren_bereik(model: ScenarioModel, eerste: int | None = None, laatste: int | None = None,
                 aantal: int = 5) -> list[int]:
    """Which calendar years to show; the first forecast year up to five years on."""
    first_forecast = (model.basislijn.laatste_maand + 1).year
    eerste = first_forecast if eerste is None else eerste
    laatste = eerste + aantal - 1 if laatste is None else laatste
    if eerste < first_forecast:
        raise HefboomError(f"Jaar {eerste} ligt vóór de prognose: de gegevens lopen tot en met "
                           f"{model.basislijn.laatste_maand.strftime('%m-%Y')}; kies {first_forecast} of later.")
    if laatste < eerste:
        raise HefboomError(f"Het laatste jaar ({laatste}) ligt vóór het eerste ({eerste}).")
    if laatste > first_forecast + 4:
        raise HefboomError(f"De horizon is hooguit 5 jaar: kies als laatste jaar uiterlijk {first_forecast + 4}.")
    return list(range(eerste, laatste + 1))


def maanden_nodig(model: ScenarioModel, jaren: list[int]) -> int:
    last = model.basislijn.laatste_maand
    return (max(jaren) - last.year) * 12 - last.month + 12


def bereken(model: ScenarioModel, scenario: Scenario, jaren: list[int], trekkingen: int, seed: int,
            onzekerheid: bool = True) -> ScenarioCijfers:
    base = model.basislijn
    sim = simulate(base, scenario.hefbomen, maanden_nodig(model, jaren), trekkingen, seed, onzekerheid)
    D, P = sim.kosten.shape[:2]      # not sim.clienten: that would rebuild the monthly detail
    Y = len(jaren)
    kosten = np.zeros((D, P, Y))
    clienten = np.zeros((D, P, Y))
    wacht = np.zeros((D, P, Y))
    av = np.zeros((D, Y))
    sim_years = sim.jaren
    sums = {name: sim.per_jaar(name) for name in ("kosten", "clienten", "wachtlijst", "av_kosten")}  # (D, P, Ysim)
    months_in = sim.maanden_per_jaar
    hist_years = np.asarray(model.historie.maanden.year)
    for j, year in enumerate(jaren):
        hist_rows = model.historie.maanden[hist_years == year]
        k = sim_years.index(year) if year in sim_years else None
        n_months = (months_in[k] if k is not None else 0) + len(hist_rows)
        realised_cost = np.array([np.nansum(model.historie.per_product[p].loc[hist_rows, "bedrag"].to_numpy(float))
                                  for p in base.producten]) if len(hist_rows) else np.zeros(P)
        realised_cl = np.array([model.historie.per_product[p].loc[hist_rows, "clienten"].sum()
                                for p in base.producten]) if len(hist_rows) else np.zeros(P)
        if k is not None:
            kosten[:, :, j] = sums["kosten"][:, :, k]
            clienten[:, :, j] = sums["clienten"][:, :, k]
            wacht[:, :, j] = sums["wachtlijst"][:, :, k] / n_months
            av[:, j] = sums["av_kosten"][:, :, k].sum(axis=1)
        kosten[:, :, j] += realised_cost[None, :]
        clienten[:, :, j] = (clienten[:, :, j] + realised_cl[None, :]) / max(n_months, 1)
    known = base.kosten_bekend
    totaal = kosten[:, known].sum(axis=1) + av if known.any() else np.full((D, Y), np.nan)
    return ScenarioCijfers(scenario, sim, jaren, kosten, clienten, wacht, av, totaal)


def kwantielen(values: np.ndarray, procenten: tuple[float, ...] = KWANTIELEN) -> np.ndarray:
    """P10, P50, P90 over the draws (axis 0), as ``np.percentile`` (linear) computes them.

    Why not ``np.percentile`` itself: it works over a strided axis and partitions per quantile; on
    contiguous rows one partition (one quantile: the next order statistic is the minimum above it) or one
    sort (several) is several times faster, and this runs on every lever edit.
    """
    values = np.asarray(values, dtype=float)
    D = values.shape[0]
    # One summing pass finds a NaN (an inf − inf false alarm just takes the exact slow path).
    if D == 1 or not np.isfinite(values.sum()):
        return np.percentile(values, procenten, axis=0)
    rows = np.moveaxis(values, 0, -1).reshape(-1, D)      # a view when the draws are last in memory
    h = np.array(procenten, dtype=float) / 100 * (D - 1)
    low = np.floor(h).astype(int)
    high = np.minimum(low + 1, D - 1)
    if len(procenten) == 1:
        a, b = _orde(rows, int(low[0]))
    else:
        ordered = np.sort(rows, axis=1)
        a, b = ordered[:, low], ordered[:, high]
    t = h - low
    diff = b - a
    out = np.where(t >= 0.5, b - diff * (1 - t), a + diff * t)   # numpy's own lerp, so results match exactly
    return np.moveaxis(out.reshape(*values.shape[1:], len(procenten)), -1, 0)


def _orde(rows: np.ndarray, k: int, blok: int = 128) -> tuple[np.ndarray, np.ndarray]:
    """The k-th and (k+1)-th smallest value of every row: one in-place partition per block of rows.

    Blocks of a reused buffer instead of ``np.partition`` on the whole array: no full-size copy to allocate
    (and page in) on every lever edit.
    """
    n, D = rows.shape
    a, b = np.empty((n, 1)), np.empty((n, 1))
    buf = np.empty((min(blok, n), D))
    for lo in range(0, n, blok):
        hi = min(lo + blok, n)
        part = buf[:hi - lo]
        np.copyto(part, rows[lo:hi])
        part.partition(k, axis=1)
        a[lo:hi, 0] = part[:, k]
        b[lo:hi, 0] = part[:, k + 1:].min(axis=1) if k + 1 < D else part[:, k]
    return a, b


def bereken_alle(model: ScenarioModel, instellingen: ScenarioInstellingen, jaren: list[int]) -> list[ScenarioCijfers]:
    return [bereken(model, s, jaren, instellingen.trekkingen, instellingen.seed) for s in instellingen.scenarios]


def jaar_json(cijfers: ScenarioCijfers, model: ScenarioModel) -> dict:
    """The CLI's promised payload: per product and in total, per year {p10, p50, p90, clienten_p50}."""
    base = model.basislijn
    out: dict = {"producten": {}, "totaal": {"eenheid": "€", "jaren": {}}}
    kq, cq, wq = kwantielen(cijfers.kosten), kwantielen(cijfers.clienten), kwantielen(cijfers.wachtlijst)
    tq = kwantielen(cijfers.totaal)
    bt = model.backtest.set_index("product") if not model.backtest.empty else None
    for i, p in enumerate(base.producten):
        years = {}
        for j, year in enumerate(cijfers.jaren):
            row = {"clienten_p50": round(float(cq[1, i, j]), 1)}
            if base.kosten_bekend[i]:
                row.update({"p10": round(float(kq[0, i, j]), 2), "p50": round(float(kq[1, i, j]), 2),
                            "p90": round(float(kq[2, i, j]), 2)})
            else:
                row.update({"p10": None, "p50": None, "p90": None})
            if cijfers.scenario.hefbomen.budgetplafonds:
                row["wachtlijst_p50"] = round(float(wq[1, i, j]), 1)
            years[str(year)] = row
        backtest = None
        if bt is not None and p in bt.index:
            backtest = {"maanden": int(bt.loc[p, "maanden"]), "mape_clienten": bt.loc[p, "mape_clienten"],
                        "mape_kosten": bt.loc[p, "mape_kosten"]}
        out["producten"][p] = {"label": base.labels[i], "jaren": years, "backtest": backtest,
                               "tariefindexatie_gebruikt": float(cijfers.simulatie.indexatie[i])}
    total_clients = kwantielen(cijfers.clienten.sum(axis=1))
    for j, year in enumerate(cijfers.jaren):
        out["totaal"]["jaren"][str(year)] = {
            "p10": round(float(tq[0, j]), 2) if np.isfinite(tq[0, j]) else None,
            "p50": round(float(tq[1, j]), 2) if np.isfinite(tq[1, j]) else None,
            "p90": round(float(tq[2, j]), 2) if np.isfinite(tq[2, j]) else None,
            "clienten_p50": round(float(total_clients[1, j]), 1),
        }
        if cijfers.av_kosten.any():
            out["totaal"]["jaren"][str(year)]["algemene_voorziening_p50"] = round(
                float(np.percentile(cijfers.av_kosten[:, j], 50)), 2)
    return out


def maand_waaier(cijfers: ScenarioCijfers, product: int | None) -> tuple[list[str], np.ndarray]:
    """Monthly P10/P50/P90 of the forecast cost for one product (index) or the total (None)."""
    sim = cijfers.simulatie
    if product is None:
        known = np.isfinite(sim.kosten[0, :, 0])
        values = (sim.kosten[:, known].sum(axis=1) + sim.av_kosten.sum(axis=1)) if known.any() else \
            np.full(sim.kosten[:, 0].shape, np.nan)
    else:
        values = sim.kosten[:, product]
    return [str(m) for m in sim.maanden], kwantielen(values)


def historie_maanden(model: ScenarioModel, product: int | None, maanden: int = 24) -> pd.Series:
    """Realised monthly cost (declaraties) for the last ``maanden`` months with cost data (cached on the model)."""
    key = ("historie_maanden", product, maanden)
    if key not in model.cache:
        model.cache[key] = _historie_maanden(model, product, maanden)
    return model.cache[key]


def _historie_maanden(model: ScenarioModel, product: int | None, maanden: int) -> pd.Series:
    base = model.basislijn
    frames = [model.historie.per_product[p]["bedrag"] for i, p in enumerate(base.producten)
              if (product is None and base.kosten_bekend[i]) or product == i]
    if not frames:
        return pd.Series(dtype=float)
    series = pd.concat(frames, axis=1).sum(axis=1, min_count=1).dropna()
    return series.iloc[-maanden:]
