"""Generated wijk × maand panels with planted truths: for known-truth tests and the size simulation.

Why in core and not in tests: the rejection-rate benchmark, the tests and the
longer simulation behind an environment variable all draw from the same
generator, so the rate stated in the closing note is the rate of this code.

The noise is what makes naive inference fail on real wijk data: wijken of
very different size (a rate per 1.000 inwoners is noisier in a small wijk),
a persistent wijk-level deviation (AR(1) over months) and a common month
shock. Sizes default to the 15 wijken of the demo (Deventer's wijken).
"""
from __future__ import annotations

import numpy as np

from wijkkompas.core.effect.paneel import Uitkomstpaneel, maand_index, maand_tekst

DEMO_INWONERS = (8235, 2320, 11625, 10715, 5355, 11070, 5135, 6010, 12650, 9220, 4740, 5810, 300, 1695, 5820)
DEMO_BEHANDELD = ("W03", "W06", "W09", "W12", "W15")


def genereer_paneel(seed: int, *, effect: float = 0.0, pretrend: float = 0.0, maanden: int = 54,
                    eerste_maand: str = "2021-01", start: str | dict[str, str] = "2023-01",
                    behandeld: tuple[str, ...] = DEMO_BEHANDELD, inwoners: tuple[int, ...] = DEMO_INWONERS,
                    niveau: float = 8.0, rho: float = 0.6, ruis: float = 0.25,
                    trend_per_maand: float = 0.02) -> Uitkomstpaneel:
    """Clients per 1.000 inwoners with a planted effect (units of y) from the start month on.

    ``pretrend``: extra slope per month of the treated wijken *before* the start (a violation of parallel
    trends that the pre-trend test must catch); after the start it stops.
    ``ruis``: monthly noise SD for a wijk of 10.000 inwoners; it scales with 1/√inwoners.
    """
    rng = np.random.default_rng(seed)
    n = len(inwoners)
    codes = [f"W{i + 1:02d}" for i in range(n)]
    first = maand_index(eerste_maand)
    months = np.arange(first, first + maanden)
    pop = np.asarray(inwoners, dtype=float)
    scale = ruis * np.sqrt(10000.0 / pop)
    level = niveau + rng.normal(0, 1.5, n)
    common = np.cumsum(rng.normal(0, 0.05, maanden)) + trend_per_maand * np.arange(maanden)
    ar = np.zeros((n, maanden))
    ar[:, 0] = rng.normal(0, 1, n) * scale
    for t in range(1, maanden):
        ar[:, t] = rho * ar[:, t - 1] + np.sqrt(1 - rho**2) * rng.normal(0, 1, n) * scale
    y = level[:, None] + common[None, :] + ar
    starts = start if isinstance(start, dict) else {w: start for w in behandeld}
    for w, s in starts.items():
        i = codes.index(w)
        s_idx = maand_index(s) - first
        rel = np.arange(maanden) - s_idx
        y[i] += np.where(rel >= 0, effect, 0.0)
        y[i] += pretrend * np.minimum(rel, 0)
    return Uitkomstpaneel("clienten_per_1000", "begeleiding", codes, {c: f"Wijk {c}" for c in codes},
                          [maand_tekst(m) for m in months], y, np.repeat(pop[:, None], maanden, axis=1))


def verwerpingskans(n_panelen: int, *, seed: int = 1, trekkingen: int = 399, alpha: float = 0.05,
                    behandeld: tuple[str, ...] = DEMO_BEHANDELD, **kwargs) -> dict[str, float]:
    """Share of panels with true effect 0 where the test rejects at ``alpha``: bootstrap vs clustered."""
    from wijkkompas.core.effect.did import schat
    from wijkkompas.core.effect.vraag import EffectVraag

    vraag = EffectVraag(wijken=list(behandeld), start="2023-01", trekkingen=trekkingen, methode="bootstrap")
    boot = conv = 0
    for k in range(n_panelen):
        vraag.seed = seed + k
        result = schat(genereer_paneel(seed * 100003 + k, behandeld=behandeld, **kwargs), vraag, intervallen=False)
        boot += result.hoofd.p < alpha
        conv += result.hoofd.p_conventioneel < alpha
    return {"bootstrap": boot / n_panelen, "conventioneel": conv / n_panelen, "n": n_panelen}


def genereer_project(seed: int = 7, *, instroom_effect: float = 0.25, start: str = "2023-01",
                     eerste_maand: str = "2021-01", maanden: int = 54, behandeld: tuple[str, ...] = DEMO_BEHANDELD,
                     per_1000: float = 0.4, duur: float = 20.0):
    """A small project (toewijzingen, declaraties, wijken) of begeleiding with planted truths.

    Instroom per wijk is Poisson(per_1000 × inwoners / 1.000) per month, times (1 + instroom_effect) in the
    treated wijken from ``start``; durations are geometric with mean ``duur`` months. Aanbieder A3 delivers
    30% more hours per client (a planted outlier in cost per client); A5 is tiny (a handful of clients) and has
    the same mean as the others, so a funnel plot must not flag it. Teams: four, by wijk number.
    """
    import pandas as pd

    from wijkkompas.core.project import Project

    rng = np.random.default_rng(seed)
    codes = [f"W{i + 1:02d}" for i in range(len(DEMO_INWONERS))]
    first = maand_index(eerste_maand)
    s_idx = maand_index(start) - first
    aanbieders = ["A1", "A2", "A3", "A4", "A5"]
    kans = np.array([0.35, 0.3, 0.2, 0.14, 0.01])
    uren = {"A1": 6.0, "A2": 6.0, "A3": 7.8, "A4": 6.0, "A5": 6.0}
    rows = []
    for i, (code, pop) in enumerate(zip(codes, DEMO_INWONERS)):
        lam = per_1000 * pop / 1000.0
        # A steady-state stock at the start, then monthly inflow.
        for m0 in rng.integers(-60, 0, rng.poisson(lam * duur)):
            rows.append((code, int(m0), i))
        for t in range(-24, maanden):  # 24 months of run-in so the stock is in balance when the data start
            factor = 1 + instroom_effect if (code in behandeld and t >= s_idx) else 1.0
            for _ in range(rng.poisson(lam * factor)):
                rows.append((code, t, i))
    n = len(rows)
    wijk = np.array([r[0] for r in rows])
    begin_m = np.array([r[1] for r in rows])
    length = rng.geometric(1.0 / duur, n)
    einde_m = begin_m + length - 1
    keep = einde_m >= 0
    wijk, begin_m, einde_m = wijk[keep], begin_m[keep], einde_m[keep]
    n = len(wijk)
    aanbieder = rng.choice(aanbieders, size=n, p=kans)
    team = np.array([f"Team {['Noord', 'Oost', 'Zuid', 'West'][int(w[1:]) % 4]}" for w in wijk])
    start_day = rng.integers(1, 28, n)
    ingang = pd.to_datetime([f"{maand_tekst(first + b)}-{d:02d}" for b, d in zip(begin_m, start_day)])
    horizon = maanden - 1
    eind = pd.to_datetime([f"{maand_tekst(first + e)}-15" if e < horizon else None for e in einde_m])
    toew = pd.DataFrame({
        "client_id": [f"P-{seed}-{k:06d}" for k in range(n)], "wijk_code": wijk, "productcategorie": "02",
        "productcode": "02A01", "aanbieder_code": aanbieder, "aanbieder_naam": [f"Aanbieder {a}" for a in aanbieder],
        "toewijzingnummer": [f"T{k:07d}" for k in range(n)], "ingangsdatum": ingang, "einddatum": eind,
        "toegang_team": team, "volume": 6.0, "eenheid": "04", "frequentie": "4",
    })
    d_rows = []
    for k in range(n):
        for m in range(max(begin_m[k], 0), min(einde_m[k], horizon) + 1):
            d_rows.append((k, m))
    dk = np.array([r[0] for r in d_rows])
    dm = np.array([r[1] for r in d_rows])
    hours = np.array([uren[a] for a in aanbieder])[dk] * rng.gamma(8.0, 1 / 8.0, len(dk))
    tarief = 66.0
    decl = pd.DataFrame({
        "declaratienummer": [f"D{j:08d}" for j in range(len(dk))],
        "toewijzingnummer": toew["toewijzingnummer"].to_numpy()[dk],
        "client_id": toew["client_id"].to_numpy()[dk], "productcategorie": "02", "productcode": "02A01",
        "aanbieder_code": aanbieder[dk], "periode_start": pd.to_datetime([f"{maand_tekst(first + m)}-01" for m in dm]),
        "geleverd_volume": hours.round(2), "eenheid": "04", "producttarief": tarief,
        "toegekend_bedrag": (hours.round(2) * tarief).round(2), "status": "Goedgekeurd",
    })
    wijken = pd.DataFrame({"wijk_code": codes, "wijk_naam": [f"Wijk {c}" for c in codes],
                           "inwoners": np.asarray(DEMO_INWONERS, dtype=float)})
    project = Project(naam="Gegenereerd (effectmeting)")
    for name, table in (("toewijzingen", toew), ("declaraties", decl), ("wijken", wijken)):
        project.add_table(name, table)
    project.dirty = False
    return project
