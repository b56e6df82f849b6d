"""Difference-in-differences on the wijk × maand panel: the estimate, its interval, the event study, the pre-trend test.

Design choices (why):
- One start month for all treated wijken: two-way fixed effects (wijk and
  month), the CPB's model with month instead of period effects.
- Start months that differ (gespreide invoering): two-way fixed effects then
  compares later-treated with already-treated wijken and can even get the
  sign wrong when effects grow over time. We use the cohort × maand-na-start
  estimator (Wooldridge 2021; numerically the imputation estimator of
  Borusyak–Jaravel–Spiess): one coefficient per start cohort and month since
  start, so treated months never serve as comparison; the effect is their
  average over all treated wijk-months. Comparison: wijken not (yet) treated.
- Event study: Sun–Abraham interaction weights — cohort × quarter-since-start
  coefficients (the quarter before the start is the reference), averaged per
  quarter with the cohorts' shares. Quarters, not months: a monthly lead has
  too few observations per wijk to read.
- Pre-trend test: joint Wald test that all leads (quarters −2 and earlier)
  are zero, by the same wild bootstrap; with few wijken leads are grouped so
  the test has fewer restrictions than wijken.
- Inference: with fewer than 30 wijken a clustered standard error is too
  small (few clusters), so the default is a wild cluster bootstrap (Webb
  weights, null imposed, fixed seed); the clustered (CR1, t with G−1 df)
  figures are kept beside it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from wijkkompas.core.effect.paneel import EffectInvoerFout, Uitkomstpaneel, maand_index, maand_tekst
from wijkkompas.core.effect.schatter import FERegressie, Toets, webb_gewichten
from wijkkompas.core.effect.vraag import EffectVraag
from wijkkompas.core.progress import Voortgang, ensure

MIN_WIJKEN_CONVENTIONEEL = 30
PRETREND_ALPHA = 0.10  # as the CPB's weakest significance level: a pre-trend is caught early
EVENT_TREKKINGEN = 1999
# The leads are tested in at most three blocks of the pre-period: with 15 wijken a Wald test of seven
# quarterly leads has almost no power (measured: a planted slope of 0.02/month caught in 18% of panels, vs
# 35% with three blocks, at a size of 12% for a 10% test; see tests/core/test_effect_simulatie.py).
MAX_PRETREND_GROEPEN = 3


@dataclass
class EventPunt:
    kwartaal: int          # quarters since start; -1 is the reference
    schatting: float
    laag: float
    hoog: float
    n_obs: int


@dataclass
class EffectSchatting:
    vraag: EffectVraag
    uitkomst_label: str
    eenheid: str
    methode: str                      # "bootstrap" | "conventioneel"
    schatter: str                     # "twfe" | "cohort"
    hoofd: Toets
    twfe: Toets
    waargenomen: float                # mean outcome of the treated wijken after the start
    contrafeitelijk: float            # what it would have been without the change
    pretrend_p: float | None
    pretrend_p_conventioneel: float | None
    pretrend_toetsen: int
    event: list[EventPunt]
    behandeld: list[str]
    vergelijking: list[str]
    starts: dict[str, str]
    periode: tuple[str, str]
    n_maanden: int
    n_obs: int
    stap: int = 3                     # months per event-study period: 3 (kwartaal) or 6 (halfjaar)
    reeks_maanden: list[str] = field(default_factory=list)
    reeks_behandeld: list[float] = field(default_factory=list)
    reeks_vergelijking: list[float] = field(default_factory=list)

    @property
    def effect(self) -> float:
        return self.hoofd.schatting

    @property
    def ci(self) -> tuple[float, float]:
        return self.hoofd.ci if self.methode == "bootstrap" else self.hoofd.ci_conventioneel

    @property
    def p(self) -> float:
        return self.hoofd.p if self.methode == "bootstrap" else self.hoofd.p_conventioneel

    @property
    def n_wijken(self) -> int:
        return len(self.behandeld) + len(self.vergelijking)


def _maand(text: str, wat: str) -> int:
    try:
        return maand_index(text)
    except (ValueError, TypeError) as exc:
        raise EffectInvoerFout(f"{wat} '{text}' is geen maand; schrijf jjjj-mm, bijvoorbeeld 2023-01.") from exc


def _opzet(paneel: Uitkomstpaneel, vraag: EffectVraag):
    """Check the question against the data; return the wijken, months and starts to use."""
    if not vraag.wijken:
        raise EffectInvoerFout("Kies ten minste één wijk waar de verandering is ingevoerd.")
    bekend = set(paneel.wijken)
    onbekend = [w for w in list(vraag.wijken) + list(vraag.vergelijking) + list(vraag.starts) if w not in bekend]
    if onbekend:
        raise EffectInvoerFout(f"Onbekende wijk: {', '.join(dict.fromkeys(onbekend))}. De gegevens kennen de wijken "
                               f"{', '.join(paneel.wijken)}.")
    first, last = maand_index(paneel.maanden[0]), maand_index(paneel.maanden[-1])
    van = _maand(vraag.periode_van, "Het begin van de periode") if vraag.periode_van else first
    tot = _maand(vraag.periode_tot, "Het einde van de periode") if vraag.periode_tot else last
    van, tot = max(van, first), min(tot, last)
    van -= (van - first) % paneel.stap
    tot -= (tot - first) % paneel.stap
    if van >= tot:
        raise EffectInvoerFout(f"De gekozen periode valt buiten de gegevens ({paneel.maanden[0]} t/m "
                               f"{paneel.maanden[-1]}) of is te kort.")
    starts = {}
    for w in dict.fromkeys(vraag.wijken):
        text = vraag.start_van(w)
        if not text:
            raise EffectInvoerFout(f"Geef de startmaand van de verandering (jjjj-mm) voor wijk {w}.")
        s = _maand(text, "De startmaand")
        s -= (s - first) % paneel.stap  # per halfjaar: the half-year the start falls in
        if not van < s <= tot:
            raise EffectInvoerFout(
                f"De startmaand {text} van wijk {w} ligt buiten de gegevens: er moet minstens één maand vóór en "
                f"één maand vanaf de start zijn, binnen {maand_tekst(van)} t/m {maand_tekst(tot)}.")
        starts[w] = s
    vergelijking = [w for w in (vraag.vergelijking or paneel.wijken) if w not in starts]
    if not vergelijking:
        raise EffectInvoerFout("Er zijn geen vergelijkingswijken: kies ten minste één wijk zonder de verandering "
                               "om mee te vergelijken.")
    return list(starts), vergelijking, starts, van, tot


def _cellen(keys: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One-hot columns for the distinct keys (rows with key None get zeros), and each cell's weight."""
    uniq = sorted({k for k in keys if k is not None})
    col = {k: j for j, k in enumerate(uniq)}
    X = np.zeros((len(keys), len(uniq)))
    cw = np.zeros(len(uniq))
    for i, k in enumerate(keys):
        if k is not None:
            X[i, col[k]] = 1.0
            cw[col[k]] += weights[i]
    return X, cw, np.array(uniq, dtype=object)


def schat(paneel: Uitkomstpaneel, vraag: EffectVraag, progress: Voortgang | None = None,
          intervallen: bool = True, cohort: bool | None = None) -> EffectSchatting:
    """Answer the question on this panel. ``intervallen=False`` skips the bootstrap intervals (simulations);
    ``cohort`` forces (True) or forbids (False) the cohort × maand estimator (default: when starts differ)."""
    progress = ensure(progress)
    behandeld, vergelijking, starts, van, tot = _opzet(paneel, vraag)
    first = maand_index(paneel.maanden[0])
    units = behandeld + vergelijking
    rows = [paneel.wijken.index(w) for w in units]
    stap = paneel.stap
    cols = np.arange((van - first) // stap, (tot - first) // stap + 1)
    Y = paneel.y[np.ix_(rows, cols)]
    W = paneel.inwoners[np.ix_(rows, cols)] if vraag.gewogen else np.ones_like(Y)
    unit = np.repeat(np.arange(len(units)), len(cols))
    month = np.tile(first + cols * stap, len(units))
    y, w = Y.ravel(), W.ravel()
    ok = np.isfinite(y) & np.isfinite(w) & (w > 0)
    unit, month, y, w = unit[ok], month[ok], y[ok], w[ok]
    start = np.array([starts.get(u, np.nan) for u in units], dtype=float)[unit]
    rel = month - start                                           # NaN for comparison wijken
    treated_post = np.nan_to_num(rel, nan=-1) >= 0
    if not treated_post.any() or not (~np.isnan(rel) & ~treated_post).any():
        raise EffectInvoerFout("In de gekozen periode zijn er voor de behandelde wijken geen maanden vóór én na de "
                               "start met gegevens.")
    n_wijken = len(units)
    methode = vraag.methode
    if methode == "auto":
        methode = "bootstrap" if n_wijken < MIN_WIJKEN_CONVENTIONEEL else "conventioneel"
    alpha = 1 - vraag.betrouwbaarheid
    V = webb_gewichten(n_wijken, max(int(vraag.trekkingen), 99), int(vraag.seed))
    progress.step(0.1, "Twee-weg vaste effecten schatten…")

    twfe_model = FERegressie(y, unit, month, treated_post.astype(float)[:, None], w)
    twfe = _toets(twfe_model, np.array([1.0]), V, alpha, intervallen and methode == "bootstrap")
    gespreid = len(set(starts.values())) > 1 if cohort is None else cohort
    if gespreid:
        progress.step(0.3, "Gespreide invoering: per startcohort en maand schatten…")
        keys = np.array([(int(start[i]), int(rel[i])) if treated_post[i] else None for i in range(len(y))],
                        dtype=object)
        X, cw, _ = _cellen(keys, w)
        model = FERegressie(y, unit, month, X, w)
        hoofd = _toets(model, cw / cw.sum(), V, alpha, intervallen and methode == "bootstrap")
    else:
        hoofd = twfe
    waargenomen = float(np.average(y[treated_post], weights=w[treated_post]))

    progress.step(0.5, "Event study en toets op trends vooraf…")
    event, pre_p, pre_p_conv, n_toetsen = _event_study(y, w, unit, month, start, rel, V, alpha, methode,
                                                       intervallen, n_wijken, progress, max(3, stap))
    maanden, reeks_b, reeks_v = _reeksen(Y, W, len(behandeld), first + cols * stap)
    progress.step(1.0, "Klaar.")
    return EffectSchatting(
        vraag=vraag, uitkomst_label=paneel.label, eenheid=paneel.eenheid, methode=methode,
        schatter="cohort" if gespreid else "twfe", hoofd=hoofd, twfe=twfe, waargenomen=waargenomen,
        contrafeitelijk=waargenomen - hoofd.schatting, pretrend_p=pre_p, pretrend_p_conventioneel=pre_p_conv,
        pretrend_toetsen=n_toetsen, event=event, behandeld=behandeld, vergelijking=vergelijking,
        starts={w_: maand_tekst(s) for w_, s in starts.items()},
        periode=(maand_tekst(van), maand_tekst(tot + stap - 1)), n_maanden=len(cols) * stap, stap=max(3, stap),
        n_obs=int(len(y)), reeks_maanden=maanden, reeks_behandeld=reeks_b, reeks_vergelijking=reeks_v)


def _toets(model: FERegressie, a: np.ndarray, V: np.ndarray, alpha: float, intervallen: bool) -> Toets:
    return model.toets(a, V, alpha, interval=intervallen)


def _event_study(y, w, unit, month, start, rel, V, alpha, methode, intervallen, n_wijken, progress, bin_months):
    quarter = np.floor(rel / float(bin_months))
    treated = ~np.isnan(rel)
    keys = np.array([(int(start[i]), int(quarter[i])) if treated[i] and quarter[i] != -1 else None
                     for i in range(len(y))], dtype=object)
    X, cw, cells = _cellen(keys, w)
    counts = X.sum(axis=0)
    model = FERegressie(y, unit, month, X, w)
    quarters = sorted({int(c[1]) for c in cells})
    event = [EventPunt(-1, 0.0, 0.0, 0.0, int(np.sum(treated & (quarter == -1))))]
    Vs = V[:, :EVENT_TREKKINGEN]
    A_leads = []
    for number, q in enumerate(quarters):
        sel = np.array([c[1] == q for c in cells])
        a = np.where(sel, cw, 0.0)
        a = a / a.sum()
        if q <= -2:
            A_leads.append(a)
        t = model.toets(a, Vs, alpha, interval=intervallen and methode == "bootstrap")
        low, high = t.ci if methode == "bootstrap" else t.ci_conventioneel
        event.append(EventPunt(q, t.schatting, low, high, int(counts[sel].sum())))
        progress.step(0.5 + 0.45 * (number + 1) / len(quarters), "Event study…")
    event.sort(key=lambda e: e.kwartaal)
    if not A_leads:
        return event, None, None, 0
    A = np.array(A_leads).T
    # Fewer restrictions than wijken, or the clustered covariance is singular: group adjacent leads.
    max_r = max(1, min(n_wijken - 2, MAX_PRETREND_GROEPEN))
    if A.shape[1] > max_r:
        groups = np.array_split(np.arange(A.shape[1]), max_r)
        A = np.stack([A[:, g].mean(axis=1) for g in groups], axis=1)
    _stat, p_boot, p_conv = model.wald(A, V)
    return event, (p_boot if methode == "bootstrap" else p_conv), p_conv, int(A.shape[1])


def _reeksen(Y: np.ndarray, W: np.ndarray, n_behandeld: int, months: np.ndarray):
    """Monthly mean of treated and comparison wijken (weighted like the estimate), for the chart."""
    def mean(block_y, block_w):
        ok = np.isfinite(block_y) & np.isfinite(block_w)
        num = np.where(ok, block_y * block_w, 0.0).sum(axis=0)
        den = np.where(ok, block_w, 0.0).sum(axis=0)
        return [float(v) if d > 0 else None for v, d in zip(num / np.where(den > 0, den, 1.0), den)]

    return ([maand_tekst(m) for m in months], mean(Y[:n_behandeld], W[:n_behandeld]),
            mean(Y[n_behandeld:], W[n_behandeld:]))
