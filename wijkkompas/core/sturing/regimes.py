"""Volume regimes A–E per wijkteam (seed 002 §4.4.1), applied to each team's simulated demand.

Demand per team and month comes from the scenario engine (``per_groep("toegang_team")``) for the first full
calendar year after the data, in € at the contracted prices (Q × P). The team budget B_t is
``budget_factor`` × the team's median expected demand. The rules, per draw:

- A: a fixed maximum Q per team per year: cumulative served = min(cumulative demand, B_t); the rest waits.
- B: ``b_vooraf`` × B_t goes to each team at the start; the rest is a shared pool the gemeente hands out during
  the year on demand (month by month, pro rata to each team's shortfall) until it is empty.
- C: Q free; the gemeente intervenes at the end of the first month in which total spending runs more than
  ``c_drempel`` × the pro-rata budget; from then on the remaining budget is redistributed over the teams in
  proportion to their demand so far, as maxima; demand above a maximum waits.
- D: Q free, P charged to the team budget: all demand is served, the team carries the difference with B_t.
- E: as D, but above ``e_drempel`` × B_t the charged price rises progressively: the marginal price is
  P × (1 + ``e_opslag`` × (q − drempel) / (10% × B_t)).
Behaviour (a team that refers less under D/E) is not modelled: that is the seed's qualitative claim.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from wijkkompas.core.progress import Voortgang, ensure
from wijkkompas.core.sturing.instellingen import SturingError, SturingInstellingen

RISICO = {
    "A": "gemeente (kosten begrensd; het team en de cliënt dragen de wachtlijst)",
    "B": "gemeente (kosten begrensd; het team en de cliënt dragen de wachtlijst)",
    "C": "gemeente tot de drempel, daarna wachtlijst bij de teams",
    "D": "team (het verschil met het teambudget komt ten laste van het team)",
    "E": "team, met extra prikkel boven de drempel",
}


@dataclass
class RegimeUitkomst:
    regime: str
    teams: list[str]
    maanden: list[pd.Period]
    budget: np.ndarray          # (T,) € per year
    vraag: np.ndarray           # (D, T, M) € demand
    bediend: np.ndarray         # (D, T, M) € served (paid to aanbieders)
    doorbelast: np.ndarray      # (D, T) € charged to the team (D/E), else equal to served
    euro_per_clientmaand: np.ndarray   # (T,)
    ingreep_maand: np.ndarray | None = None   # (D,) month index of C's intervention (−1: none)

    @property
    def wachtlijst(self) -> np.ndarray:
        return self.vraag - self.bediend


def regel_a(vraag: np.ndarray, budget: np.ndarray) -> np.ndarray:
    cum = np.minimum(np.cumsum(vraag, axis=2), budget[None, :, None])
    return np.diff(cum, axis=2, prepend=0.0)


def regel_b(vraag: np.ndarray, budget: np.ndarray, vooraf: float) -> np.ndarray:
    own = np.broadcast_to(vooraf * budget[None, :], vraag.shape[:2]).copy()
    pool = np.full(vraag.shape[0], (1 - vooraf) * budget.sum())
    served = np.empty_like(vraag)
    for t in range(vraag.shape[2]):
        d = vraag[:, :, t]
        from_own = np.minimum(d, own)
        own -= from_own
        short = d - from_own
        need = short.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            grant = np.where(need > 0, np.minimum(1.0, pool / need), 0.0)
        given = short * grant[:, None]
        pool -= given.sum(axis=1)
        served[:, :, t] = from_own + given
    return served


def regel_c(vraag: np.ndarray, budget: np.ndarray, drempel: float) -> tuple[np.ndarray, np.ndarray]:
    D, T, M = vraag.shape
    total = budget.sum()
    cum = np.cumsum(vraag.sum(axis=1), axis=1)                                  # (D, M)
    path = drempel * total * (np.arange(1, M + 1) / M)
    over = cum > path[None, :]
    first = np.where(over.any(axis=1), over.argmax(axis=1), -1)
    served = vraag.copy()
    for d in np.flatnonzero(first >= 0):
        t = first[d]
        if t == M - 1:
            continue
        so_far = vraag[d, :, : t + 1].sum(axis=1)
        left = max(total - so_far.sum(), 0.0)
        caps = left * so_far / max(so_far.sum(), 1e-9)
        rest = np.minimum(np.cumsum(vraag[d, :, t + 1:], axis=1), caps[:, None])
        served[d, :, t + 1:] = np.diff(rest, axis=1, prepend=0.0)
    return served, first


def doorbelasting_e(q: np.ndarray, budget: np.ndarray, drempel: float, opslag: float) -> np.ndarray:
    """Charge for yearly volume q (€ at P): P × q up to the threshold, a linearly rising price above it."""
    threshold = drempel * budget
    step = 0.1 * budget
    above = np.maximum(q - threshold, 0.0)
    return q + opslag * above ** 2 / (2 * step)


def pas_toe(regime: str, vraag: np.ndarray, budget: np.ndarray, inst: SturingInstellingen) -> tuple:
    """(served, charged, intervention month) for one regime."""
    first = None
    if regime == "A":
        served = regel_a(vraag, budget)
    elif regime == "B":
        served = regel_b(vraag, budget, inst.b_vooraf)
    elif regime == "C":
        served, first = regel_c(vraag, budget, inst.c_drempel)
    elif regime in ("D", "E"):
        served = vraag.copy()
    else:
        raise SturingError(f"Onbekend volumeregime '{regime}'; kies A, B, C, D of E.")
    charged = served.sum(axis=2)
    if regime == "E":
        charged = doorbelasting_e(charged, budget[None, :], inst.e_drempel, inst.e_opslag)
    return served, charged, first


def team_vraag(tables: dict[str, pd.DataFrame], inst: SturingInstellingen, model=None,
               progress: Voortgang | None = None) -> tuple[list[str], list[pd.Period], np.ndarray, np.ndarray]:
    """Each team's demand per month of the first full year after the data: (teams, months, € (D,T,M), clients)."""
    from wijkkompas.core.scenario import fit_model, simulate

    progress = ensure(progress)
    if model is None:
        model = fit_model(tables, progress=progress.sub(0.0, 0.85))
    base = model.basislijn
    year = base.laatste_maand.year + 1
    months = pd.Period(f"{year}-12", freq="M").ordinal - base.laatste_maand.ordinal
    sim = simulate(base, None, maanden=months, trekkingen=inst.trekkingen, seed=inst.seed)
    teams, kosten, clienten = sim.per_groep("toegang_team", per_jaar=False)
    keep = np.asarray(sim.maanden.year) == year
    named = [i for i, t in enumerate(teams) if t not in ("onbekend", "")]
    if not named:
        raise SturingError("De toewijzingen noemen geen toegangsteam; volumeregimes per team zijn dan niet te "
                           "berekenen. Lees een export in met de kolom voor het team.")
    return ([teams[i] for i in named], list(sim.maanden[keep]), np.nan_to_num(kosten[:, named][:, :, keep]),
            np.nan_to_num(clienten[:, named][:, :, keep]))


def bereken_regime(tables: dict[str, pd.DataFrame], inst: SturingInstellingen, regime: str | None = None,
                   model=None, progress: Voortgang | None = None, vraag=None) -> RegimeUitkomst:
    regime = regime or inst.regime
    teams, months, demand, clients = vraag or team_vraag(tables, inst, model, progress)
    budget = inst.budget_factor * np.median(demand.sum(axis=2), axis=0)
    served, charged, first = pas_toe(regime, demand, budget, inst)
    with np.errstate(invalid="ignore", divide="ignore"):
        per_cm = np.where(clients.sum(axis=(0, 2)) > 0, demand.sum(axis=(0, 2)) / clients.sum(axis=(0, 2)), np.nan)
    return RegimeUitkomst(regime, teams, months, budget, demand, served, charged, per_cm, first)


def samenvatting(u: RegimeUitkomst) -> dict:
    """Expected cost and interval, unserved demand, spread over teams and who carries the volume risk."""
    cost = u.bediend.sum(axis=(1, 2))
    wait = u.wachtlijst.sum(axis=2)                                     # (D, T)
    wait_months = wait / np.where(np.isfinite(u.euro_per_clientmaand), u.euro_per_clientmaand, np.inf)[None, :]
    served_share = u.bediend.sum(axis=2) / np.maximum(u.vraag.sum(axis=2), 1e-9)
    saldo = u.budget[None, :] - u.doorbelast
    q = lambda a: [float(x) for x in np.quantile(a, [0.1, 0.5, 0.9])]  # noqa: E731
    teams = [{
        "team": team, "budget": float(u.budget[i]), "vraag_p50": float(np.median(u.vraag[:, i].sum(axis=1))),
        "bediend_p50": float(np.median(u.bediend[:, i].sum(axis=1))),
        "wachtlijst_p50": float(np.median(wait[:, i])), "wachtlijst_zorgmaanden_p50": float(np.median(wait_months[:, i])),
        "doorbelast_p50": float(np.median(u.doorbelast[:, i])), "saldo_team_p50": float(np.median(saldo[:, i])),
        "kans_tekort_team": float(np.mean(saldo[:, i] < 0)), "bediend_aandeel_p50": float(np.median(served_share[:, i])),
    } for i, team in enumerate(u.teams)]
    share = np.median(served_share, axis=0)
    return {
        "regime": u.regime, "jaar": int(u.maanden[0].year) if u.maanden else None,
        "kosten_p10": q(cost)[0], "kosten_p50": q(cost)[1], "kosten_p90": q(cost)[2],
        "kosten_gemiddeld": float(cost.mean()), "budget_totaal": float(u.budget.sum()),
        "wachtlijst_p50": float(np.median(wait.sum(axis=1))),
        "wachtlijst_zorgmaanden_p50": float(np.median(np.nansum(wait_months, axis=1))),
        "spreiding_bediend_aandeel": float(share.max() - share.min()) if len(share) else 0.0,
        "volumerisico": RISICO[u.regime], "teams": teams,
    }
