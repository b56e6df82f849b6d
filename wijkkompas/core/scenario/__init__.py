"""Scenario's Q×P: a stock-flow model per product, fitted once, evaluated fast under levers.

Pipeline: ``historie.bouw_historie`` (tables → monthly clients, instroom,
uitstroom, cost) → ``fit.fit_basislijn`` (compact parameters) →
``engine.simulate`` (vectorised Monte Carlo under ``Hefbomen``) →
``projectie``/``resultaat`` (years, quantiles, Resultaat). ``model.fit_model``
runs the first two plus the backtest.

For other analyses (Sturing: budgetuitputting per aanbieder, volume regimes
per team) the API is::

    model = fit_model(project)                       # once per data change
    sim = simulate(model.basislijn, Hefbomen(...), maanden=24, trekkingen=1000, seed=1)
    sim.kosten                                       # (draws, products, months) €
    labels, kosten, clienten = sim.per_groep("aanbieder_code")   # or "wijk_code", "toegang_team", "cel"
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
