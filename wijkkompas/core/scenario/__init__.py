"""Scenario's Q×P: a stock-flow model per product, fitted once, evaluated fast under levers.

Pipeline: ``historie.bouw_historie`` (tables → monthly clients, instroom,
uitstroom, cost) → ``fit.fit_basislijn`` (compact parameters) →
``engine.simulate`` (vectorised Monte Carlo under ``Hefbomen``) →
``projectie``/``resultaat`` (years, quantiles, Resultaat). ``model.fit_model``
runs the first two plus the backtest.

For other analyses (Sturing: budgetuitputting per aanbieder, volume regimes
per team) the API is::

    model = fit_model(project)                       # once per data change (seconds; run it as a task)
    base = model.basislijn                           # compact parameters; base.aanbieders, base.teams
    sim = simulate(base, Hefbomen(volume_per_team={"Team Noord": -0.05},
                                  budgetplafonds={"98011007": {"07": 780_000.0}}),   # per aanbieder per perceel
                   maanden=18, trekkingen=1000, seed=1)   # tens of ms; same seed, same numbers
    sim.maanden                                      # forecast months (PeriodIndex), history excluded
    sim.kosten, sim.clienten, sim.wachtlijst         # (draws, products, months); € / clients / waiting
    labels, kosten, clienten = sim.per_groep("aanbieder_code")   # (draws, groups, years)
    # also "wijk_code", "toegang_team" or "cel"; per_jaar=False gives months; met_clienten=False is cheaper
    base.besteed_laatste_jaar                        # € declared per aanbieder in the last (partial) year
    base.besteed_per_product                         # the same per aanbieder and product: {"98011005": {"07": …}}
    kwantielen(kosten)                               # P10/P50/P90 over the draws (projectie.kwantielen)

Every group is a fixed mix of the per-product survivors and entrants, so any
split sums exactly to the product totals. A plafond caps one (aanbieder, product)
pair — a bare amount per aanbieder caps all its products together, shared in
proportion to demand — and counts what the aanbieder already declared on it in
the current year; with ``plafond_gevolg="andere_aanbieder"`` demand above it
moves pro rata to the product's aanbieders without a plafond on that product.
The arrays are transposed views of time-major storage (see ``simulatie``).
"""
from wijkkompas.core.scenario.engine import Simulatie, simulate
from wijkkompas.core.scenario.fit import Basislijn, fit_basislijn
from wijkkompas.core.scenario.hefbomen import HefboomError, Hefbomen, Scenario, ScenarioInstellingen
from wijkkompas.core.scenario.historie import Historie, ScenarioDataError, bouw_historie
from wijkkompas.core.scenario.model import ScenarioModel, backtest, fit_model

__all__ = [
    "Basislijn", "HefboomError", "Hefbomen", "Historie", "Scenario", "ScenarioDataError", "ScenarioInstellingen",
    "ScenarioModel", "Simulatie", "backtest", "bouw_historie", "fit_basislijn", "fit_model", "simulate",
]
