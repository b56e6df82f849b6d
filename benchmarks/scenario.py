"""Recompute time of the scenario projection after a lever change, against a plain pandas implementation.

Workload (issue 11): 10 products × 30 wijken × 1.000 draws × 60 months. The
fit is done once beforehand (a synthetic Basislijn with the same shape a real
fit produces); what is timed is what the app computes on every lever edit, at
this scale: project all draws, split the cost over the 300 product × wijk cells
(P50 per cell and year, as the per-wijk tables show), P10/P50/P90 per product
and year, and the monthly fan of the total. The pandas version does the same projection on
the same random numbers, month by month on a long (draw × cell) table; both
results are compared before the ratio is printed, so the ratio is between two
implementations of one computation.

The machine may be shared: wall time then includes waiting for a core, so the
benchmark prints both wall and processor time and the load average.

Run: ``.venv/bin/python benchmarks/scenario.py``
"""
from __future__ import annotations

import os
import statistics
import time

import numpy as np
import pandas as pd

from wijkkompas.core.scenario import Hefbomen, simulate
from wijkkompas.core.scenario.fit import MAX_MAANDEN, Basislijn
from wijkkompas.core.scenario.projectie import kwantielen

PRODUCTS, WIJKEN, DRAWS, MONTHS, SEED = 10, 30, 1000, 60, 11
LEVERS = Hefbomen(instroom=0.05, tariefindexatie=0.03, volume_per_client=-0.02, uitstroom=0.1)


def synthetic_basislijn() -> Basislijn:
    rng = np.random.default_rng(5)
    P = PRODUCTS
    products = [f"{k + 1:02d}" for k in range(P)]
    rows = []
    for p in products:
        weights = rng.dirichlet(np.ones(WIJKEN))
        new = rng.dirichlet(np.ones(WIJKEN))
        cost = rng.uniform(0.8, 1.2, WIJKEN)
        cost /= (weights * cost).sum()
        for w in range(WIJKEN):
            rows.append({"product": p, "wijk_code": f"W{w + 1:02d}", "aanbieder_code": f"A{p}{w % 3}",
                         "toegang_team": f"T{w % 4}", "w_stock": weights[w], "w_in": new[w], "r": cost[w]})
    hazard = rng.uniform(0.02, 0.06, P)
    instroom = rng.uniform(5, 80, P)
    seizoen = 1 + 0.05 * np.sin(np.arange(12) / 12 * 2 * np.pi)[None, :] * rng.uniform(0, 1, (P, 1))
    return Basislijn(
        producten=products, labels=[f"Product {p}" for p in products], laatste_maand=pd.Period("2025-06", "M"),
        clienten0=instroom / hazard, instroom_pad=np.repeat(instroom[:, None], MAX_MAANDEN, axis=1),
        instroom_sigma=rng.uniform(0.05, 0.3, P), instroom_alpha=rng.uniform(0.0, 0.2, P), hazard=hazard,
        hazard_exits=instroom * 40, hazard_exposure=instroom * 40 / hazard, vpc=rng.uniform(5, 300, P),
        vpc_se=rng.uniform(0.005, 0.02, P), vpc_drift=rng.uniform(0.0, 0.05, P), vpc_seizoen=seizoen, prijs=rng.uniform(0.5, 60, P),
        indexatie=np.full(P, 0.02), aandeel_75plus=rng.uniform(0.1, 0.8, P), kosten_bekend=np.ones(P, dtype=bool),
        inwoners=100_000.0, cellen=pd.DataFrame(rows))


def numpy_recompute(base: Basislijn) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What the app computes after a lever edit, at this scale: the projection, P50 per cell (product × wijk)
    and year, P10/P50/P90 per product and year, and the monthly fan (P10/P50/P90) of the total."""
    sim = simulate(base, LEVERS, MONTHS, DRAWS, SEED)
    _labels, cost, _ = sim.per_groep("cel", met_clienten=False)        # (draws, cells, years)
    cell_p50 = kwantielen(cost, (50,))[0]
    product_q = kwantielen(sim.per_jaar("kosten"))                     # (draws, products, years)
    total_q = kwantielen(sim.kosten.sum(axis=1))
    return cell_p50, product_q, total_q


def pandas_recompute(base: Basislijn) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The same projection written plainly in pandas: a long draw × cell table, updated month by month."""
    cached = base._shock_cache[(SEED, DRAWS, MONTHS)]      # time-major (months, products, draws)
    noise_draws, vpc_draws = cached.noise.transpose(2, 1, 0), cached.vpc.transpose(2, 1, 0)   # (D, P, M)
    hazard_draws = cached.hazard.T                                                             # (D, P)
    cells = base.cellen.reset_index(drop=True)
    P = len(base.producten)
    pidx = {p: i for i, p in enumerate(base.producten)}
    frame = pd.DataFrame({
        "draw": np.repeat(np.arange(DRAWS), len(cells)),
        "cel": np.tile(np.arange(len(cells)), DRAWS),
    })
    frame = frame.merge(cells.assign(cel=np.arange(len(cells))), on="cel")
    frame["p"] = frame["product"].map(pidx)
    draw_product = pd.MultiIndex.from_arrays([frame["draw"], frame["p"]])
    hazard = pd.Series(hazard_draws.ravel(), index=pd.MultiIndex.from_product([range(DRAWS), range(P)]))
    frame["keep"] = (1 - hazard.reindex(draw_product).to_numpy() * (1 + LEVERS.uitstroom)).clip(0, 1)
    frame["stock"] = base.clienten0[frame["p"].to_numpy()] * frame["w_stock"]
    frame["flow"] = 0.0
    params = pd.DataFrame({"p": range(P), "a75": base.aandeel_75plus, "vpc": base.vpc, "prijs": base.prijs})
    frame = frame.merge(params, on="p", how="left")
    months = pd.period_range(base.laatste_maand + 1, periods=MONTHS, freq="M")
    years = sorted(set(months.year))
    for year in years:
        frame[f"y{year}"] = 0.0
    monthly_total = {}
    for t, month in enumerate(months):
        noise = pd.Series(noise_draws[:, :, t].ravel(), index=hazard.index).reindex(draw_product).to_numpy()
        pad = pd.Series(base.instroom_pad[:, t]).reindex(frame["p"]).to_numpy()
        demografie = (1 - frame["a75"]) + frame["a75"] * (1 + LEVERS.groei_75plus) ** ((t + 1) / 12)
        instroom = pad * (1 + LEVERS.instroom) * demografie * noise * frame["w_in"]
        frame["stock"] = frame["stock"] * frame["keep"]
        frame["flow"] = frame["flow"] * frame["keep"] + instroom
        seizoen = pd.Series(base.vpc_seizoen[:, month.month - 1]).reindex(frame["p"]).to_numpy()
        price = frame["prijs"] * (1 + LEVERS.tariefindexatie) ** (month.year - base.laatste_maand.year)
        vpc_draw = pd.Series(vpc_draws[:, :, t].ravel(), index=hazard.index).reindex(draw_product).to_numpy()
        unit = frame["vpc"] * (1 + LEVERS.volume_per_client) * seizoen * price * vpc_draw
        frame["kosten"] = (frame["stock"] + frame["flow"]) * unit * frame["r"]
        frame[f"y{month.year}"] += frame["kosten"]
        monthly_total[t] = frame.groupby("draw")["kosten"].sum()
    columns = [f"y{y}" for y in years]
    cell_p50 = frame.groupby("cel")[columns].median().to_numpy()
    per_product = frame.groupby(["draw", "p"])[columns].sum().groupby(level="p").quantile([0.1, 0.5, 0.9])
    product_q = np.stack([per_product.xs(q, level=1).to_numpy() for q in (0.1, 0.5, 0.9)])
    total_q = pd.DataFrame(monthly_total).quantile([0.1, 0.5, 0.9]).to_numpy()
    return cell_p50, product_q, total_q


RUNS = 15


def _load() -> str:
    if not hasattr(os, "getloadavg"):
        return "onbekend"
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f} (1 / 5 / 15 min) op {os.cpu_count()} kernen"


def main() -> None:
    base = synthetic_basislijn()
    load_before = _load()
    start, start_cpu = time.perf_counter(), time.process_time()
    simulate(base, Hefbomen(), MONTHS, DRAWS, SEED)      # first call after the fit: draws the random numbers
    first, first_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    shocks = base._shock_cache[(SEED, DRAWS, MONTHS)]
    numpy_recompute(base)                                # warm-up
    times, cpu = [], []
    for _ in range(RUNS):
        start, start_cpu = time.perf_counter(), time.process_time()
        fast_result = numpy_recompute(base)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    if base._shock_cache.get((SEED, DRAWS, MONTHS)) is not shocks:
        raise SystemExit("De toevalsgetallen zijn opnieuw getrokken bij een hefboomwijziging.")
    fast, fast_cpu = statistics.median(times), statistics.median(cpu)
    start, start_cpu = time.perf_counter(), time.process_time()
    reference = pandas_recompute(base)
    slow, slow_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    # The cell order of per_groep("cel") is sorted by key; the pandas cells are in Basislijn order.
    keys = (base.cellen["product"] + "|" + base.cellen["wijk_code"] + "|" + base.cellen["aanbieder_code"] + "|"
            + base.cellen["toegang_team"]).to_numpy()
    order = np.argsort(keys, kind="stable")
    same = (np.allclose(fast_result[0], reference[0][order], rtol=1e-9)
            and np.allclose(fast_result[1], reference[1], rtol=1e-9)
            and np.allclose(fast_result[2], reference[2], rtol=1e-9))
    if not same:
        raise SystemExit("De twee berekeningen geven niet hetzelfde resultaat; de verhouding is dan zinloos.")
    print(f"Werklast: {PRODUCTS} producten × {WIJKEN} wijken × {DRAWS} trekkingen × {MONTHS} maanden; uitkomst: "
          "P50 per product × wijk en jaar, P10/P50/P90 per product en jaar, maandwaaier van het totaal "
          "(beide implementaties geven dezelfde getallen)")
    print(f"Eerste berekening na het schatten (trekt de toevalsgetallen): {first * 1000:.1f} ms "
          f"(processortijd {first_cpu * 1000:.1f} ms); daarna hergebruikt")
    print(f"Herberekening na een hefboomwijziging (numpy, mediaan van {RUNS}): {fast * 1000:.1f} ms "
          f"(processortijd {fast_cpu * 1000:.1f} ms; snelste {min(times) * 1000:.1f} ms; doel ≤ 100 ms)")
    print(f"Zelfde projectie in gewone pandas: {slow * 1000:.0f} ms (processortijd {slow_cpu * 1000:.0f} ms)")
    print(f"Verhouding pandas / numpy: {slow / fast:.1f}× (processortijd {slow_cpu / fast_cpu:.1f}×; doel ≥ 10×)")
    print(f"Belasting van de machine: {load_before} vooraf, {_load()} achteraf")


if __name__ == "__main__":
    main()
