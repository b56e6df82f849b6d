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
switch act per (product, aanbieder) pair.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from wijkkompas.core.scenario.fit import MAX_MAANDEN, Basislijn
from wijkkompas.core.scenario.hefbomen import Hefbomen


@dataclass
class Simulatie:
    """Arrays of shape (draws, products, months) for the forecast months (history not included).

    ``clienten`` is the demand (clients with a maatwerkvoorziening, incl. those waiting under a plafond);
    ``kosten`` what is spent (after plafonds and contract sums); ``wachtlijst`` clients not served because
    their aanbieder reached its plafond; ``av_*`` the algemene voorziening that takes over new clients.
    """

    maanden: pd.PeriodIndex
    producten: list[str]
    clienten: np.ndarray
    kosten: np.ndarray
    wachtlijst: np.ndarray
    av_clienten: np.ndarray
    av_kosten: np.ndarray
    instroom: np.ndarray
    # Internals for breakdowns: survivors of today's stock, later entrants, € per client per pair-month.
    _stock: np.ndarray
    _flow: np.ndarray
    _unit: np.ndarray               # (D, P, M): € per client-month per product
    _pair_adj: np.ndarray | None    # (D, pairs, M): plafond / contract-sum factor per (product, aanbieder) pair
    _pairs: pd.DataFrame            # product index, aanbieder_code
    _cellen: pd.DataFrame           # cells with pair index
    indexatie: np.ndarray           # the yearly indexation used per product

    @property
    def jaren(self) -> list[int]:
        return sorted(set(self.maanden.year))

    def per_groep(self, kolom: str, per_jaar: bool = True,
                  met_clienten: bool = True) -> tuple[list[str], np.ndarray, np.ndarray | None]:
        """Cost and average clients per wijk_code / aanbieder_code / toegang_team (or "cel": every cell).

        Returns (labels, kosten, clienten) with arrays (draws, groups, years) — or months when
        ``per_jaar`` is False; ``clienten`` is None when ``met_clienten`` is False (saves half the work).
        Groups sum over products; cells are product × wijk × aanbieder × team.
        """
        cells = self._cellen
        if kolom == "cel":
            keys = (cells["product"] + "|" + cells["wijk_code"] + "|" + cells["aanbieder_code"] + "|"
                    + cells["toegang_team"]).to_numpy()
        else:
            keys = cells[kolom].astype(str).to_numpy()
        labels, group = np.unique(keys, return_inverse=True)
        G, P = len(labels), len(self.producten)
        ws, wi, r = (cells[c].to_numpy(float) for c in ("w_stock", "w_in", "r"))
        if per_jaar:
            years = np.asarray(self.maanden.year)
            edges = np.r_[0, np.flatnonzero(np.diff(years)) + 1]
            counts = np.diff(np.r_[edges, len(years)])
            red = lambda a: np.add.reduceat(a, edges, axis=-1)  # noqa: E731
        else:
            counts = 1
            red = lambda a: a  # noqa: E731
        # A group is a fixed linear mix of the per-product (or per-pair) survivor and entrant arrays, so the
        # split is a matrix product and never materialises draws × cells × months.
        if self._pair_adj is None:
            source, unit = cells["p"].to_numpy(), self._unit
            stock_cost, flow_cost = red(self._stock * unit), red(self._flow * unit)
            n_source = P
        else:
            pp = self._pairs["p"].to_numpy()
            source = cells["pair"].to_numpy()
            pair_unit = self._unit[:, pp] * self._pair_adj
            stock_cost, flow_cost = red(self._stock[:, pp] * pair_unit), red(self._flow[:, pp] * pair_unit)
            n_source = len(pp)
        mix = lambda src, w, n: np.bincount(src * G + group, w, n * G).reshape(n, G)  # noqa: E731
        p_cells = cells["p"].to_numpy()
        kosten = _combine(np.concatenate([stock_cost, flow_cost], axis=1),
                          np.vstack([mix(source, ws * r, n_source), mix(source, wi * r, n_source)]))
        clienten = None if not met_clienten else _combine(
            np.concatenate([red(self._stock), red(self._flow)], axis=1) / np.asarray(counts),
            np.vstack([mix(p_cells, ws, P), mix(p_cells, wi, P)]))
        return [str(x) for x in labels], kosten, clienten


def _combine(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """(D, S, T) × (S, G) → (D, G, T): sum over sources with weights, as one matrix product.

    The product is laid out group-major (G, D, T) and returned as a view, so taking quantiles over the draws
    per group reads nearly contiguous memory.
    """
    D, S, T = values.shape
    sources = np.ascontiguousarray(values.transpose(1, 0, 2)).reshape(S, D * T)
    flat = weights.T @ sources                                           # (G, D * T)
    return flat.reshape(-1, D, T).transpose(1, 0, 2)


@dataclass
class _Shocks:
    noise: np.ndarray      # (D, P, M) multiplicative instroom noise (ETS forecast distribution)
    hazard: np.ndarray     # (D, P) hazard draws
    vpc: np.ndarray        # (D, P, M) volume-per-client factor: level draw × random-walk drift


def _shocks(base: Basislijn, draws: int, months: int, seed: int, onzekerheid: bool) -> _Shocks:
    P = len(base.producten)
    if not onzekerheid:
        return _Shocks(np.ones((1, P, months)), base.hazard[None, :].copy(), np.ones((1, P, months)))
    key = (seed, draws, months)
    if key not in base._shock_cache:
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
        base._shock_cache.clear()  # one entry: the panel's current (seed, draws, months)
        base._shock_cache[key] = _Shocks(noise, hazard, vpc)
    return base._shock_cache[key]


def _lever(base: Basislijn, hefbomen: Hefbomen, name: str) -> np.ndarray:
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
    result = (pairs, cells, starts, sums)
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
    shocks = _shocks(base, trekkingen, M, seed, onzekerheid)
    D = shocks.noise.shape[0]

    t_years = (np.arange(M) + 1) / 12.0
    a75 = base.aandeel_75plus[:, None]
    demografie = (1 - a75) + a75 * (1 + _lever(base, lev, "groei_75plus"))[:, None] ** t_years[None, :]
    av = _lever(base, lev, "av_aandeel")[:, None]
    demand = base.instroom_pad[:, :M] * (1 + _lever(base, lev, "instroom"))[:, None] * demografie
    instroom = shocks.noise * (demand * (1 - av))[None]                # (D, P, M)
    instroom_av = shocks.noise * (demand * av)[None] if av.any() else None
    keep = np.clip(1 - shocks.hazard * (1 + _lever(base, lev, "uitstroom"))[None, :], 0.0, 1.0)  # (D, P)

    # Survivors of today's stock and later entrants, month by month (a loop over 60 small (D, P) steps is
    # cheaper than a power over the whole (D, P, M) block).
    stock = np.empty((D, P, M))
    flow = np.empty((D, P, M))
    shifted = bool(av.any())
    av_cl = np.empty((D, P, M)) if shifted else np.zeros((D, P, M))
    s = np.broadcast_to(base.clienten0[None, :], (D, P)).astype(float)
    f = np.zeros((D, P))
    a = np.zeros((D, P))
    for t in range(M):
        s = s * keep
        f = f * keep + instroom[:, :, t]
        stock[:, :, t] = s
        flow[:, :, t] = f
        if shifted:
            a = a * keep + instroom_av[:, :, t]
            av_cl[:, :, t] = a
    clienten = stock + flow

    idx = _lever(base, lev, "tariefindexatie")
    jaren_verder = np.asarray(months.year) - base.laatste_maand.year            # Januaries passed
    prijs = np.nan_to_num(base.prijs)[:, None] * (1 + idx)[:, None] ** jaren_verder[None, :]
    seizoen = base.vpc_seizoen[:, np.asarray(months.month) - 1]
    volume = (np.nan_to_num(base.vpc) * (1 + _lever(base, lev, "volume_per_client"))
              * (1 + _lever(base, lev, "eigen_bijdrage_elasticiteit") * _lever(base, lev, "eigen_bijdrage_wijziging")))
    unit = shocks.vpc * (volume[:, None] * seizoen * prijs)[None]              # € per client-month (D, P, M)

    pairs, cells, pair_starts, pair_sums = _pairs(base, lev.volume_per_team)
    pp = pairs["p"].to_numpy()
    kosten = unit * (stock * pair_sums[0][None, :, None] + flow * pair_sums[1][None, :, None])
    wachtlijst = np.zeros((D, P, M))
    adj = None                                                                # (D, K, M) pair cost factors
    if lev.budgetplafonds:
        pair_unit = unit[:, pp, :]
        pair_cost = pair_unit * (stock[:, pp] * pairs["a"].to_numpy()[None, :, None]
                                 + flow[:, pp] * pairs["b"].to_numpy()[None, :, None])
        pair_clients = stock[:, pp] * pairs["a_cl"].to_numpy()[None, :, None] + \
            flow[:, pp] * pairs["b_cl"].to_numpy()[None, :, None]
        served = _apply_plafonds(base, lev, months, pairs, pair_cost)
        excess = pair_cost - served
        with np.errstate(invalid="ignore", divide="ignore"):
            wait = np.where(pair_cost > 0, excess / pair_cost, 0.0) * pair_clients
            adj = np.where(pair_cost > 0, served / pair_cost, 1.0)
        if lev.plafond_gevolg == "andere_aanbieder":
            served, adj, wait = _redirect(lev, pairs, served, adj, excess, wait, P)
        kosten = _sum_pairs(served, pair_starts)
        wachtlijst = _sum_pairs(wait, pair_starts)
    for product, som in lev.bekostiging.items():
        if product not in base.producten:
            continue
        i = base.index(product)
        with np.errstate(invalid="ignore", divide="ignore"):
            factor = np.where(kosten[:, i] > 0, (som / 12.0) / kosten[:, i], 0.0)
        if adj is None:
            adj = np.ones((D, len(pairs), M))
        adj[:, pp == i] *= factor[:, None, :]
        kosten[:, i] = som / 12.0
        wachtlijst[:, i] = 0.0
    kosten[:, ~base.kosten_bekend] = np.nan
    av_kosten = av_cl * _lever(base, lev, "av_kosten_per_client")[None, :, None]
    return Simulatie(months, list(base.producten), clienten, kosten, wachtlijst, av_cl, av_kosten, instroom,
                     stock, flow, unit, adj, pairs, cells, idx)


def _sum_pairs(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Sum (D, pairs, M) into (D, products, M); pairs are sorted by product and every product has one."""
    return np.add.reduceat(values, starts, axis=1)


def _apply_plafonds(base: Basislijn, lev: Hefbomen, months: pd.PeriodIndex, pairs: pd.DataFrame,
                    pair_cost: np.ndarray) -> np.ndarray:
    """Cap each aanbieder's spending per calendar year at its plafond (earlier months of the year count)."""
    served = pair_cost.copy()
    years = np.asarray(months.year)
    for code, plafond in lev.budgetplafonds.items():
        sel = np.flatnonzero(pairs["aanbieder_code"].to_numpy() == code)
        if not len(sel):
            continue
        total = pair_cost[:, sel].sum(axis=1)                               # (D, M)
        allowed = np.zeros_like(total)
        for year in np.unique(years):
            cols = years == year
            before = base.besteed_laatste_jaar.get(code, 0.0) if year == base.laatste_maand.year else 0.0
            cum = np.cumsum(total[:, cols], axis=1)
            capped = np.minimum(cum, max(plafond - before, 0.0))
            allowed[:, cols] = np.diff(np.concatenate([np.zeros((len(total), 1)), capped], axis=1), axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(total > 0, allowed / total, 1.0)
        served[:, sel] = pair_cost[:, sel] * share[:, None, :]
    return served


def _redirect(lev: Hefbomen, pairs: pd.DataFrame, cost: np.ndarray, unit: np.ndarray, excess: np.ndarray,
              wait: np.ndarray, P: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Send demand above a plafond to the product's aanbieders without a plafond, pro rata; else it waits."""
    free = ~pairs["aanbieder_code"].isin(list(lev.budgetplafonds)).to_numpy()
    pp = pairs["p"].to_numpy()
    for p in range(P):
        capped = (pp == p) & ~free
        takers = (pp == p) & free
        if not capped.any() or not takers.any():
            continue
        extra = excess[:, capped].sum(axis=1)                              # (D, M)
        base_cost = cost[:, takers]
        total = base_cost.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(total[:, None] > 0, base_cost / total[:, None], 1.0 / takers.sum())
            growth = np.where(base_cost > 0, 1 + share * extra[:, None] / np.where(base_cost > 0, base_cost, 1), 1)
        cost[:, takers] = base_cost + share * extra[:, None]
        unit[:, takers] = unit[:, takers] * growth
        wait[:, capped] = 0.0
    return cost, unit, wait
