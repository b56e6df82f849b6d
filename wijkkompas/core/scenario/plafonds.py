"""Budgetplafonds in the projection: cap spending per aanbieder per perceel (product) and calendar year.

Why per (aanbieder, product): a contract agrees a plafond per aanbieder per
perceel, and an aanbieder often holds several percelen under different regimes
(in the demo Stichting De Brug has a plafond on dagbesteding but delivers
begeleiding open house). A plafond therefore caps only the pairs it names; a
plafond stated for the aanbieder as a whole caps the sum of its products and
is shared over them in proportion to their demand (every product keeps the
same served share) — an assumption the Resultaat states in words.

What the aanbieder already declared in the current year counts against it.
Demand above the plafond waits, or (``andere_aanbieder``) moves pro rata to the
same product's aanbieders without a plafond on that product.

Arrays are time-major: (months, pairs, draws).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from wijkkompas.core.scenario.fit import Basislijn
from wijkkompas.core.scenario.hefbomen import Hefbomen


def plafond_paren(base: Basislijn, lev: Hefbomen, pairs: pd.DataFrame) -> list[tuple[np.ndarray, float, float]]:
    """Each plafond as (pair indices it caps, € per year, € already declared in the last year on those pairs)."""
    codes = pairs["aanbieder_code"].to_numpy()
    products = np.asarray(base.producten, dtype=object)[pairs["p"].to_numpy()]
    out = []
    for code, product, amount in lev.plafond_regels():
        mask = codes == code
        if product is None:
            before = base.besteed_laatste_jaar.get(code, 0.0)
        else:
            mask &= products == product
            before = base.besteed_per_product.get(code, {}).get(product, 0.0)
        sel = np.flatnonzero(mask)
        if len(sel):
            out.append((sel, amount, before))
    return out


def pas_plafonds_toe(base: Basislijn, regels: list[tuple[np.ndarray, float, float]], years: np.ndarray,
                     pair_cost: np.ndarray) -> np.ndarray:
    """Cap each plafond's pairs per calendar year at the plafond (earlier months of the year count)."""
    served = pair_cost.copy()
    starts = np.r_[0, np.flatnonzero(np.diff(years)) + 1]
    stops = np.r_[starts[1:], len(years)]
    for sel, plafond, spent in regels:
        total = pair_cost[:, sel].sum(axis=1)                               # (M, D)
        allowed = np.empty_like(total)
        for lo, hi in zip(starts, stops):
            before = spent if years[lo] == base.laatste_maand.year else 0.0
            capped = np.minimum(np.cumsum(total[lo:hi], axis=0), max(plafond - before, 0.0))
            allowed[lo] = capped[0]
            allowed[lo + 1:hi] = np.diff(capped, axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(total > 0, allowed / total, 1.0)
        served[:, sel] = pair_cost[:, sel] * share[:, None, :]
    return served


def verwijs_door(capped_pairs: np.ndarray, pairs: pd.DataFrame, cost: np.ndarray, adj: np.ndarray,
                 excess: np.ndarray, wait: np.ndarray, P: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Send demand above a plafond to the product's aanbieders without a plafond on it, pro rata; else it waits."""
    pp = pairs["p"].to_numpy()
    free = np.ones(len(pairs), dtype=bool)
    free[capped_pairs] = False
    for p in range(P):
        capped = (pp == p) & ~free
        takers = (pp == p) & free
        if not capped.any() or not takers.any():
            continue
        extra = excess[:, capped].sum(axis=1)                               # (M, D)
        base_cost = cost[:, takers]                                         # (M, n, D)
        total = base_cost.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(total[:, None] > 0, base_cost / total[:, None], 1.0 / takers.sum())
            growth = np.where(base_cost > 0, 1 + share * extra[:, None] / np.where(base_cost > 0, base_cost, 1), 1)
        cost[:, takers] = base_cost + share * extra[:, None]
        adj[:, takers] = adj[:, takers] * growth
        wait[:, capped] = 0.0
    return cost, adj, wait
