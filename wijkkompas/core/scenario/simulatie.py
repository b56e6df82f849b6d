"""The result of one ``simulate`` call: arrays over draws × products × months, and cheap breakdowns of them.

Why the memory layout is time-major (months, products, draws) while the public
arrays read (draws, products, months): the stock-flow recursion steps month by
month, so each month must be one contiguous block; yearly sums are sums of
whole blocks; and quantiles over the draws then read contiguous rows without a
copy. The public fields are transposed *views* of that storage, so indexing
``sim.kosten[d, p, t]`` works as before.

A breakdown per wijk, aanbieder, team or cell is a fixed linear mix of the
per-product (or per (product, aanbieder) pair) survivor and entrant costs;
each group draws on only a few sources, so the mix is a loop over sources that
touches only their own groups (work ∝ cells, not groups × sources) and needs
no BLAS call (whose threads stall on a loaded two-core machine).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from wijkkompas.core.scenario.recursie import Pad, doorloop

TIJD_EERST = (2, 1, 0)   # (months, products, draws) storage -> (draws, products, months) view and back


def som_per_blok(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Sum consecutive blocks of the leading axis (months → years): ``np.add.reduceat(values, starts, axis=0)``.

    Why not reduceat itself: along the leading axis it is some 20× slower than summing each contiguous block.
    """
    stops = np.r_[starts[1:], len(values)]
    out = np.empty((len(starts), *values.shape[1:]))
    for i, (lo, hi) in enumerate(zip(starts, stops)):
        np.sum(values[lo:hi], axis=0, out=out[i])
    return out


@dataclass
class Simulatie:
    """Arrays of shape (draws, products, months) for the forecast months (history not included).

    ``clienten`` is the demand (clients with a maatwerkvoorziening, incl. those waiting under a plafond);
    ``kosten`` what is spent (after plafonds and contract sums); ``wachtlijst`` clients not served because
    their aanbieder reached its plafond; ``av_*`` the algemene voorziening that takes over new clients.
    ``clienten`` and ``instroom`` are built on first use: a recompute that shows only yearly figures gets
    them from the yearly sums of the recursion without materialising more draws × products × months arrays.
    """

    maanden: pd.PeriodIndex
    producten: list[str]
    kosten: np.ndarray
    wachtlijst: np.ndarray
    av_clienten: np.ndarray
    av_kosten: np.ndarray
    indexatie: np.ndarray           # the yearly indexation used per product
    # Internals (time-major): the recursion's inputs and its yearly sums of survivors of today's stock (stock),
    # later entrants (flow) and their € at the product's average cost per client (su, fu), (Y, P, D); the
    # monthly ones (M, P, D) when already computed; the plafond / contract-sum factor per (product, aanbieder) pair.
    _pad: Pad
    _jaarsom: dict
    _maand: dict | None
    _pair_adj: np.ndarray | None    # (M, K, D)
    _pairs: pd.DataFrame            # p (product index), aanbieder_code, pair weights
    _cellen: pd.DataFrame           # cells with p and pair index
    _jaar: np.ndarray               # calendar year of every forecast month
    _nul: frozenset = frozenset()   # names of arrays known to be all zero (no plafond, no algemene voorziening)
    _groepen: dict = field(default_factory=dict, repr=False)   # kolom -> (labels, group index), shared cache

    def _maandelijks(self) -> dict:
        """Monthly survivors, entrants and their cost: rebuilt from the same inputs on first use."""
        if self._maand is None:
            self._maand = doorloop(self._pad, self._jaargrenzen()[0], maandelijks=True).maand
        return self._maand

    @cached_property
    def clienten(self) -> np.ndarray:
        monthly = self._maandelijks()
        return (monthly["stock"] + monthly["flow"]).transpose(TIJD_EERST)

    @cached_property
    def instroom(self) -> np.ndarray:
        return (self._pad.noise * self._pad.instroom).transpose(TIJD_EERST)

    @property
    def jaren(self) -> list[int]:
        return sorted(set(self._jaar.tolist()))

    @property
    def maanden_per_jaar(self) -> np.ndarray:
        """How many forecast months fall in each of ``jaren``."""
        return self._jaargrenzen()[1]

    def _jaargrenzen(self) -> tuple[np.ndarray, np.ndarray]:
        edges = np.r_[0, np.flatnonzero(np.diff(self._jaar)) + 1]
        return edges, np.diff(np.r_[edges, len(self._jaar)])

    def per_jaar(self, naam: str) -> np.ndarray:
        """Sum of ``kosten``, ``clienten``, ``wachtlijst``, ``av_kosten`` … per calendar year: (draws, products, years)."""
        edges = self._jaargrenzen()[0]
        if naam in self._nul:
            D = self._pad.keep.shape[1]
            return np.zeros((D, len(self.producten), len(edges)))
        if naam == "clienten":
            return (self._jaarsom["stock"] + self._jaarsom["flow"]).transpose(TIJD_EERST)
        return som_per_blok(getattr(self, naam).transpose(TIJD_EERST), edges).transpose(TIJD_EERST)

    def _groep_index(self, kolom: str) -> tuple[np.ndarray, np.ndarray]:
        if kolom not in self._groepen:
            cells = self._cellen
            if kolom == "cel":
                keys = (cells["product"] + "|" + cells["wijk_code"] + "|" + cells["aanbieder_code"] + "|"
                        + cells["toegang_team"]).to_numpy()
            else:
                keys = cells[kolom].astype(str).to_numpy()
            self._groepen[kolom] = np.unique(keys, return_inverse=True)
        return self._groepen[kolom]

    def per_groep(self, kolom: str, per_jaar: bool = True,
                  met_clienten: bool = True) -> tuple[list[str], np.ndarray, np.ndarray | None]:
        """Cost and average clients per wijk_code / aanbieder_code / toegang_team (or "cel": every cell).

        Returns (labels, kosten, clienten) with arrays (draws, groups, years) — or months when
        ``per_jaar`` is False; ``clienten`` is None when ``met_clienten`` is False (saves half the work).
        Groups sum over products; cells are product × wijk × aanbieder × team.
        """
        labels, group = self._groep_index(kolom)
        G = len(labels)
        cells = self._cellen
        ws, wi, r = (cells[c].to_numpy(float) for c in ("w_stock", "w_in", "r"))
        if per_jaar:
            edges, counts = self._jaargrenzen()
            parts = self._jaarsom
            red = lambda a: som_per_blok(a, edges)  # noqa: E731 - (M, S, D) -> (Y, S, D)
        else:
            counts = np.ones(len(self._jaar))
            parts = self._maandelijks()
            red = lambda a: a  # noqa: E731
        if self._pair_adj is None:
            source = cells["p"].to_numpy()
            stock_cost, flow_cost = parts["su"], parts["fu"]
        else:
            monthly = self._maandelijks()
            pp = self._pairs["p"].to_numpy()
            source = cells["pair"].to_numpy()
            stock_cost = red(monthly["su"][:, pp] * self._pair_adj)
            flow_cost = red(monthly["fu"][:, pp] * self._pair_adj)
        kosten = _mix(stock_cost, flow_cost, source, ws * r, wi * r, group, G)
        clienten = None
        if met_clienten:
            clienten = _mix(parts["stock"], parts["flow"], cells["p"].to_numpy(), ws, wi, group, G)
            clienten /= counts[None, :, None]
        return ([str(x) for x in labels], kosten.transpose(2, 0, 1),
                None if clienten is None else clienten.transpose(2, 0, 1))


def _mix(stock: np.ndarray, flow: np.ndarray, source: np.ndarray, w_stock: np.ndarray, w_flow: np.ndarray,
         group: np.ndarray, G: int) -> np.ndarray:
    """(T, S, D) survivor and entrant sources, cells → (G, T, D): each group's weighted sum of its sources.

    The weight of source s in group g is the sum over the cells of g that draw on s. Output is group-major
    with the draws last, so quantiles over the draws per group read contiguous rows. Groups are filled a few
    at a time, straight into the output with a scratch block small enough to stay in the processor cache, so
    the output is written about once instead of through full-size temporaries.
    """
    T, S, D = stock.shape
    key = source * G + group
    a = np.bincount(key, w_stock, S * G).reshape(S, G)
    b = np.bincount(key, w_flow, S * G).reshape(S, G)
    used = (a != 0) | (b != 0)
    if not used.any():
        return np.zeros((G, T, D))
    out = np.empty((G, T, D))                                              # every group is written or zeroed
    stock = np.ascontiguousarray(stock.transpose(1, 0, 2))                 # (S, T, D): one source contiguous
    flow = np.ascontiguousarray(flow.transpose(1, 0, 2))
    # Groups per step: a scratch block of ≤ 256 kB, unless the whole output is small enough to stay cached.
    step = G if G * T * D * 8 <= 1 << 21 else max(1, (1 << 18) // (T * D * 8))
    scratch = np.empty((step, T, D))
    written = np.zeros(G, dtype=bool)
    for s in range(S):
        groups = np.flatnonzero(used[s])
        for lo in range(0, len(groups), step):
            gs = groups[lo:lo + step]
            n = len(gs)
            tmp = scratch[:n]
            wa, wb = a[s, gs, None, None], b[s, gs, None, None]
            fresh = ~written[gs]
            if fresh.any() and not fresh.all():
                out[gs[fresh]] = 0.0                                       # mixed: start the new ones at zero
            if gs[-1] - gs[0] + 1 == n:                                    # a run of groups: write in place
                target = out[gs[0]:gs[-1] + 1]
                if fresh.all():
                    np.multiply(wa, stock[s], out=target)
                else:
                    np.multiply(wa, stock[s], out=tmp)
                    target += tmp
                np.multiply(wb, flow[s], out=tmp)
                target += tmp
            else:
                np.multiply(wa, stock[s], out=tmp)
                tmp += wb * flow[s]
                if fresh.all():
                    out[gs] = tmp
                else:
                    out[gs] += tmp
            written[gs] = True
    out[~written] = 0.0
    return out
