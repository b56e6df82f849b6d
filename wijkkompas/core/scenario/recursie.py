"""The stock-flow recursion, month by month, fused into one pass over contiguous (products × draws) blocks.

Why fused: a lever edit must recompute 1.000 draws × 10 products × 60 months in
tens of milliseconds. Whole-array arithmetic would create a fresh draws ×
products × months array per step (survivors, entrants, their cost, the total);
on a busy machine allocating and paging in those arrays costs more than the
arithmetic. Here every month is a handful of operations on one small block
that stays in the processor cache, and the only full-size array written is the
monthly cost. Yearly sums (what the tables show) accumulate along the way; the
monthly survivors and entrants are rebuilt from the same inputs only when a
caller asks for monthly detail (``maandelijks=True``), with identical numbers.

Per product p, draw d, month t (the ``Pad``):

    stock(t) = stock(t−1) · keep                 (survivors of today's clients; stock(−1) = clients now)
    flow(t)  = flow(t−1) · keep + noise(t) · instroom(t)      (clients who entered in the forecast)
    € per client-month = vpc(t) · unit(t);  su/fu = stock/flow × that
    kosten(t) = su(t) · a + fu(t) · b            (a, b: the product's cell mix of cost per client)
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DELEN = ("stock", "flow", "su", "fu")


@dataclass(frozen=True)
class Pad:
    """Inputs of the recursion, kept by the Simulatie so monthly detail can be rebuilt on demand."""

    clienten0: np.ndarray   # (P, 1) clients now
    keep: np.ndarray        # (P, D) monthly probability to stay
    noise: np.ndarray       # (M, P, D) instroom noise (shared with the shock cache: read only)
    instroom: np.ndarray    # (M, P, 1) expected instroom after the levers
    vpc: np.ndarray         # (M, P, D) volume-per-client draws (shared: read only)
    unit: np.ndarray        # (M, P, 1) € per client-month at the expected volume, price and season


@dataclass
class Uitkomst:
    kosten: np.ndarray | None                 # (M, P, D) when cost weights were given
    jaar: dict[str, np.ndarray]               # DELEN summed per calendar year: (Y, P, D)
    maand: dict[str, np.ndarray] | None       # DELEN per month: (M, P, D) when asked


def doorloop(pad: Pad, jaar_start: np.ndarray, a: np.ndarray | None = None, b: np.ndarray | None = None,
             maandelijks: bool = False) -> Uitkomst:
    """Run the recursion once; ``a``/``b`` (P,) give the monthly cost, ``jaar_start`` the first month of each year.

    Only survivors and entrants need the month-by-month loop (stacked as one (2, P, D) block, so one operation
    serves both); their cost, the monthly total and the yearly sums are elementwise, done per calendar year on
    a reused (months of the year, 2, P, D) buffer.
    """
    M, P, D = pad.noise.shape[0], pad.keep.shape[0], pad.keep.shape[1]
    starts = np.asarray(jaar_start)
    stops = np.r_[starts[1:], M]
    Y, longest = len(starts), int((stops - starts).max())
    people = np.zeros((Y, 2, P, D))                                  # yearly sums of stock, flow
    money = np.zeros((Y, 2, P, D))                                   # yearly sums of su, fu
    monthly_people = np.empty((M, 2, P, D)) if maandelijks else None
    monthly_money = np.empty((M, 2, P, D)) if maandelijks else None
    kosten = np.empty((M, P, D)) if a is not None else None
    weights = None if a is None else np.stack([np.asarray(a, float), np.asarray(b, float)])[:, :, None]   # (2, P, 1)
    state = np.zeros((2, P, D))                                      # [stock, flow] at the end of last month
    state[0] = pad.clienten0
    people_buf = np.empty((longest, 2, P, D))
    money_buf = np.empty((longest, 2, P, D))
    per_client = np.empty((longest, P, D))
    arriving = per_client                                            # the same buffer serves both, in turn
    keep = pad.keep
    for y, (lo, hi) in enumerate(zip(starts, stops)):
        n = hi - lo
        block = monthly_people[lo:hi] if maandelijks else people_buf[:n]
        np.multiply(pad.noise[lo:hi], pad.instroom[lo:hi], out=arriving[:n])
        previous = state
        for j in range(n):                                           # the only month-by-month step
            np.multiply(previous, keep, out=block[j])
            block[j, 1] += arriving[j]
            previous = block[j]
        state = block[n - 1].copy()
        cost = monthly_money[lo:hi] if maandelijks else money_buf[:n]
        np.multiply(pad.vpc[lo:hi], pad.unit[lo:hi], out=per_client[:n])
        np.multiply(block, per_client[:n, None], out=cost)
        np.sum(block, axis=0, out=people[y])
        np.sum(cost, axis=0, out=money[y])
        if kosten is not None:
            np.multiply(cost, weights, out=cost if not maandelijks else money_buf[:n])
            src = cost if not maandelijks else money_buf[:n]
            np.add(src[:, 0], src[:, 1], out=kosten[lo:hi])
    jaar = {"stock": people[:, 0], "flow": people[:, 1], "su": money[:, 0], "fu": money[:, 1]}
    maand = None
    if maandelijks:
        maand = {"stock": monthly_people[:, 0], "flow": monthly_people[:, 1],
                 "su": monthly_money[:, 0], "fu": monthly_money[:, 1]}
    return Uitkomst(kosten, jaar, maand)
