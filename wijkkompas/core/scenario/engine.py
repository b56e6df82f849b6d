"""Evaluate fast: the stock-flow Q×P projection under levers, vectorised over draws × products × months.

``simulate(basislijn, hefbomen, maanden, trekkingen, seed)`` is the public API
(also for the Sturing analyses). Per product p, draw d and forecast month t:

    instroom(t)  = pad_p(t) · ruis_dp(t) · (1 + instroom) · demografie_p(t) · (1 − av_aandeel)
    clienten(t)  = clienten(t−1) · (1 − h_dp) + instroom(t)          h_dp = hazard · (1 + uitstroom)
    kosten(t)    = clienten(t) · volume per cliënt · seizoen(t) · prijs · (1 + indexatie)^jaren · mix

The random numbers depend only on (seed, draws, months) and are cached on the
Basislijn, so a lever change recomputes arithmetic only, and two scenarios
share them (common random numbers: differences between scenarios are not
drowned in simulation noise).

Clients are split into the part already in care (survivors of today's stock)
and the part that enters later; every cell (wijk × aanbieder × team) is a
fixed mix of those two per product, so a breakdown per wijk, aanbieder or team
is a weighted sum, not a new simulation. Budgetplafonds and the bekostiging
switch act per (product, aanbieder) pair; a plafond names the pair (aanbieder,
product) it caps (see ``plafonds``).

Speed (issue 11: a lever edit recomputes 10 products × 30 wijken × 1.000 draws
× 60 months well under 100 ms): arrays are time-major (see ``simulatie``); the
recursion (``recursie``) steps month by month over contiguous (products ×
draws) blocks and materialises only the monthly cost, the rest as yearly sums;
the random numbers are drawn once per Basislijn and (seed, draws, months) and
reused by every lever change and every scenario. ``benchmarks/scenario.py``
measures it against a plain pandas version of the same projection.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wijkkompas.core.scenario.fit import MAX_MAANDEN, Basislijn
from wijkkompas.core.scenario.hefbomen import Hefbomen
from wijkkompas.core.scenario.plafonds import pas_plafonds_toe, plafond_paren, verwijs_door
from wijkkompas.core.scenario.recursie import Pad, doorloop
from wijkkompas.core.scenario.simulatie import TIJD_EERST, Simulatie

__all__ = ["Simulatie", "simulate"]
SHOCK_CACHE_ENTRIES = 2   # the panel's (seed, draws, months) and one other user of the same model (e.g. Sturing)


@dataclass
class _Shocks:
    """Random numbers of one (seed, draws, months), time-major: (months, products, draws)."""

    noise: np.ndarray      # (M, P, D) multiplicative instroom noise (ETS forecast distribution)
    hazard: np.ndarray     # (P, D) hazard draws
    vpc: np.ndarray        # (M, P, D) volume-per-client factor: level draw × random-walk drift


def _shocks(base: Basislijn, draws: int, months: int, seed: int, onzekerheid: bool) -> _Shocks:
    """Draw once per (seed, draws, months) and keep them on the Basislijn: a lever change reuses them.

    Drawn in (draws, products, months) order as before, so a seed gives the numbers it always gave.
    """
    P = len(base.producten)
    if not onzekerheid:
        return _Shocks(np.ones((months, P, 1)), base.hazard[:, None].copy(), np.ones((months, P, 1)))
    key = (seed, draws, months)
    cache = base._shock_cache
    if key in cache:
        if isinstance(cache, OrderedDict):
            cache.move_to_end(key)
        return cache[key]
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((draws, P, months))
    sigma = base.instroom_sigma[None, :, None]
    alpha = base.instroom_alpha[None, :, None]
    level = np.concatenate([np.zeros((draws, P, 1)), np.cumsum(z, axis=2)[:, :, :-1]], axis=2)
    noise = np.exp(sigma * (z + alpha * level))
    exits = np.maximum(base.hazard_exits, 0.5)
    hazard = rng.gamma(exits[None, :], 1.0, (draws, P)) / np.maximum(base.hazard_exposure, 1.0)[None, :]
    level_vpc = np.maximum(1.0 + base.vpc_se[None, :] * rng.standard_normal((draws, P)), 0.1)
    steps = rng.standard_normal((draws, P, months)) * (base.vpc_drift / np.sqrt(12.0))[None, :, None]
    vpc = level_vpc[:, :, None] * np.exp(np.cumsum(steps, axis=2))
    shocks = _Shocks(np.ascontiguousarray(noise.transpose(TIJD_EERST)), np.ascontiguousarray(hazard.T),
                     np.ascontiguousarray(vpc.transpose(TIJD_EERST)))
    if not isinstance(cache, OrderedDict):
        cache = base._shock_cache = OrderedDict(cache)
    cache[key] = shocks
    while len(cache) > SHOCK_CACHE_ENTRIES:
        cache.popitem(last=False)
    return shocks


def _lever(base: Basislijn, hefbomen: Hefbomen, name: str) -> np.ndarray:
    general = getattr(hefbomen, name)
    if not hefbomen.producten:   # the usual case: one value for every product
        return base.indexatie.astype(float) if general is None else np.full(len(base.producten), float(general))
    values = []
    for i, p in enumerate(base.producten):
        value = hefbomen.waarde(name, p)
        if value is None:  # tariefindexatie None: as observed in the own data
            value = base.indexatie[i]
        values.append(value)
    return np.asarray(values, dtype=float)


def _pairs(base: Basislijn, team_volume: dict[str, float] | None = None) -> tuple:
    """(product, aanbieder) pairs sorted by product with their stock/instroom weights, plus per-product sums.

    Cached on the Basislijn for the common case; a per-team volume regime scales the cells' cost factor ``r``
    (a cell's cost per client), so it is a different set of weights and is computed per call (cheap: cells).
    The last element is the breakdown cache (group labels per column) the Simulaties of these cells share.
    """
    if not team_volume and base._pairs_cache is not None:
        return base._pairs_cache
    cells = base.cellen.copy()
    if team_volume:
        cells["r"] = cells["r"] * (1 + cells["toegang_team"].map(team_volume).fillna(0.0))
    cells["p"] = cells["product"].map({p: i for i, p in enumerate(base.producten)}).astype(int)
    pairs = cells[["p", "aanbieder_code"]].drop_duplicates().sort_values(["p", "aanbieder_code"]).reset_index(
        drop=True)
    pairs["pair"] = np.arange(len(pairs))
    cells = cells.merge(pairs, on=["p", "aanbieder_code"], how="left")
    wsr = cells["w_stock"] * cells["r"]
    wir = cells["w_in"] * cells["r"]
    agg = cells.assign(a=wsr, b=wir, a_cl=cells["w_stock"], b_cl=cells["w_in"]).groupby("pair")[
        ["a", "b", "a_cl", "b_cl"]].sum()
    pairs = pairs.join(agg, on="pair")
    P = len(base.producten)
    pp = pairs["p"].to_numpy()
    if sorted(set(pp)) != list(range(P)):
        raise ValueError("every product needs at least one cell")
    starts = np.r_[0, np.flatnonzero(np.diff(pp)) + 1]
    sums = (np.bincount(pp, pairs["a"].to_numpy(), P), np.bincount(pp, pairs["b"].to_numpy(), P))
    result = (pairs, cells, starts, sums, {})
    if not team_volume:
        base._pairs_cache = result
    return result


def simulate(basislijn: Basislijn, hefbomen: Hefbomen | None = None, maanden: int = 60,
             trekkingen: int = 1000, seed: int = 20250101, onzekerheid: bool = True) -> Simulatie:
    """Project ``maanden`` months after the last history month under ``hefbomen``.

    Deterministic for a given seed. ``onzekerheid=False`` gives the single expected path (1 draw):
    parameters at their estimates, no process noise — the hand-arithmetic case.
    """
    base, lev = basislijn, hefbomen or Hefbomen()
    if not 1 <= maanden <= MAX_MAANDEN:
        raise ValueError(f"maanden must be 1..{MAX_MAANDEN}")
    P, M = len(base.producten), maanden
    months = pd.period_range(base.laatste_maand + 1, periods=M, freq="M")
    ordinal = base.laatste_maand.ordinal + 1 + np.arange(M)           # monthly Period ordinals count from 1970-01
    years, month_of_year = 1970 + ordinal // 12, ordinal % 12 + 1
    shocks = _shocks(base, trekkingen, M, seed, onzekerheid)
    D = shocks.noise.shape[2]

    t_years = (np.arange(M) + 1) / 12.0
    a75 = base.aandeel_75plus[:, None]
    demografie = (1 - a75) + a75 * (1 + _lever(base, lev, "groei_75plus"))[:, None] ** t_years[None, :]
    av = _lever(base, lev, "av_aandeel")[:, None]
    shifted = bool(av.any())
    demand = base.instroom_pad[:, :M] * (1 + _lever(base, lev, "instroom"))[:, None] * demografie   # (P, M)
    expected_in = (demand * (1 - av)).T[:, :, None]                                                 # (M, P, 1)
    keep = np.clip(1 - shocks.hazard * (1 + _lever(base, lev, "uitstroom"))[:, None], 0.0, 1.0)    # (P, D)

    if shifted:   # clients sent to the algemene voorziening follow the same recursion (rare: whole arrays)
        av_cl = shocks.noise * (demand * av).T[:, :, None]
        step = np.empty((P, D))
        for t in range(1, M):
            np.multiply(av_cl[t - 1], keep, out=step)
            av_cl[t] += step
    else:
        av_cl = np.zeros((M, P, D))

    idx = _lever(base, lev, "tariefindexatie")
    jaren_verder = years - base.laatste_maand.year                                 # Januaries passed
    prijs = np.nan_to_num(base.prijs)[:, None] * (1 + idx)[:, None] ** jaren_verder[None, :]
    seizoen = base.vpc_seizoen[:, month_of_year - 1]
    volume = (np.nan_to_num(base.vpc) * (1 + _lever(base, lev, "volume_per_client"))
              * (1 + _lever(base, lev, "eigen_bijdrage_elasticiteit") * _lever(base, lev, "eigen_bijdrage_wijziging")))
    unit = (volume[:, None] * seizoen * prijs).T[:, :, None]      # € per client-month before the volume draw (M, P, 1)
    pad = Pad(base.clienten0[:, None].astype(float), keep, shocks.noise, expected_in, shocks.vpc, unit)
    year_start = np.r_[0, np.flatnonzero(np.diff(years)) + 1]

    pairs, cells, pair_starts, pair_sums, groepen = _pairs(base, lev.volume_per_team)
    pp = pairs["p"].to_numpy()
    regels = plafond_paren(base, lev, pairs) if lev.budgetplafonds else []
    run = doorloop(pad, year_start, *pair_sums, maandelijks=bool(regels))
    kosten, monthly = run.kosten, run.maand
    wachtlijst = np.zeros((M, P, D))
    adj = None                                                                     # (M, K, D) pair cost factors
    if regels:
        col = lambda name: pairs[name].to_numpy()[None, :, None]  # noqa: E731
        su, fu = monthly["su"][:, pp], monthly["fu"][:, pp]
        pair_cost = su * col("a") + fu * col("b")
        pair_clients = monthly["stock"][:, pp] * col("a_cl") + monthly["flow"][:, pp] * col("b_cl")
        served = pas_plafonds_toe(base, regels, years, pair_cost)
        excess = pair_cost - served
        with np.errstate(invalid="ignore", divide="ignore"):
            wait = np.where(pair_cost > 0, excess / pair_cost, 0.0) * pair_clients
            adj = np.where(pair_cost > 0, served / pair_cost, 1.0)
        if lev.plafond_gevolg == "andere_aanbieder":
            capped = np.unique(np.concatenate([sel for sel, _, _ in regels]))
            served, adj, wait = verwijs_door(capped, pairs, served, adj, excess, wait, P)
        kosten = np.add.reduceat(served, pair_starts, axis=1)
        wachtlijst = np.add.reduceat(wait, pair_starts, axis=1)
    for product, som in lev.bekostiging.items():
        if product not in base.producten:
            continue
        i = base.index(product)
        with np.errstate(invalid="ignore", divide="ignore"):
            factor = np.where(kosten[:, i] > 0, (som / 12.0) / kosten[:, i], 0.0)             # (M, D)
        if adj is None:
            adj = np.ones((M, len(pairs), D))
        adj[:, pp == i] *= factor[:, None, :]
        kosten[:, i] = som / 12.0
        wachtlijst[:, i] = 0.0
    kosten[:, ~base.kosten_bekend] = np.nan
    av_kosten = av_cl * _lever(base, lev, "av_kosten_per_client")[None, :, None] if shifted else np.zeros((M, P, D))
    nul = frozenset(() if shifted else ("av_clienten", "av_kosten")) | frozenset(() if regels else ("wachtlijst",))
    view = lambda a: a.transpose(TIJD_EERST)  # noqa: E731 - (M, P, D) storage -> (D, P, M)
    return Simulatie(months, list(base.producten), view(kosten), view(wachtlijst), view(av_cl), view(av_kosten), idx,
                     pad, run.jaar, monthly, adj, pairs, cells, years, nul, groepen)
