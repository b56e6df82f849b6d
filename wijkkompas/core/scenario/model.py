"""The fitted scenario model of one project: history, Basislijn and backtest, built once per data change.

Why a separate step: the panel keeps one ``ScenarioModel`` while the user moves
levers; only ``projecteer`` (cheap) runs on every change. The backtest refits
the same model on the history without its last 12 months and compares the
expected path with what happened — the error the VNG Wmo-voorspelmodel reports
too, per product.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from wijkkompas.core.progress import Voortgang, ensure
from wijkkompas.core.scenario import fit_cache
from wijkkompas.core.scenario.engine import simulate
from wijkkompas.core.scenario.fit import Basislijn, fit_basislijn, kap_historie
from wijkkompas.core.scenario.historie import Historie, bouw_historie

BACKTEST_MAANDEN = 12


@dataclass
class ScenarioModel:
    historie: Historie
    basislijn: Basislijn
    backtest: pd.DataFrame          # product, label, maanden, mape_clienten, mape_kosten
    backtest_opmerking: str = ""
    # What every recompute would derive again from the same data (realised months, names): computed once.
    cache: dict = field(default_factory=dict, repr=False)


def _mape(actual: np.ndarray, predicted: np.ndarray) -> float | None:
    ok = np.isfinite(actual) & np.isfinite(predicted) & (actual > 0)
    if ok.sum() < 3:
        return None
    return float(np.mean(np.abs(predicted[ok] - actual[ok]) / actual[ok]))


def backtest(hist: Historie, maanden: int = BACKTEST_MAANDEN) -> tuple[pd.DataFrame, str]:
    """Fit on all but the last ``maanden`` months, project them without noise, and report the MAPE per product."""
    columns = ["product", "label", "maanden", "mape_clienten", "mape_kosten"]
    if len(hist.maanden) < maanden + 12:
        return pd.DataFrame(columns=columns), (
            f"De toets op het verleden vraagt minstens {maanden + 12} maanden gegevens; er zijn er "
            f"{len(hist.maanden)}.")
    train = kap_historie(hist, maanden)
    base = fit_basislijn(train)
    sim = simulate(base, None, maanden, onzekerheid=False)
    rows = []
    note = ""
    for i, p in enumerate(base.producten):
        actual = hist.per_product[p].iloc[-maanden:]
        cost = sim.kosten[0, i]
        mape_cost = _mape(actual["bedrag"].to_numpy(float), cost) if base.kosten_bekend[i] else None
        rows.append({"product": p, "label": base.labels[i], "maanden": maanden,
                     "mape_clienten": _mape(actual["clienten"].to_numpy(float), sim.clienten[0, i]),
                     "mape_kosten": mape_cost})
    frame = pd.DataFrame(rows, columns=columns)
    if frame["mape_kosten"].isna().all():
        note = ("De fout in euro's is niet te toetsen: de declaraties beginnen pas in de toetsperiode. "
                "De fout in cliënten is wel getoetst.")
    return frame, note


def fit_model(project_or_tables, progress: Voortgang | None = None) -> ScenarioModel:
    """Build history, Basislijn and backtest from a Project (or its ``tables`` dict).

    Fitted once per content of the tables (``fit_cache``): the same data fitted by another panel or
    the report is reused, and the returned model is shared, so treat it as read-only.
    """
    progress = ensure(progress)
    tables = getattr(project_or_tables, "tables", project_or_tables)
    key = fit_cache.digest(tables)
    cached = fit_cache.get(key)
    if cached is not None:
        progress.step(1.0, "Model klaar (al geschat op deze gegevens).")
        return cached
    model = _fit(tables, progress)
    fit_cache.put(key, model)
    return model


def _fit(tables: dict[str, pd.DataFrame], progress: Voortgang) -> ScenarioModel:
    progress.step(0.05, "Maandgegevens afleiden…")
    hist = bouw_historie(tables)
    progress.step(0.35, "Instroom, uitstroom en kosten schatten…")
    base = fit_basislijn(hist)
    progress.step(0.65, "Toets op het verleden (laatste 12 maanden)…")
    bt, note = backtest(hist)
    progress.step(1.0, "Model klaar.")
    return ScenarioModel(hist, base, bt, note)
