"""Calibrate top-down weights on the gemeente's own history (non-negative least squares).

Why non-negative: a weight says "each unit of this indicator brings € x"; a
negative one would take budget away from a wijk because it has more
75-plussers, which no council would accept as a verdeelsleutel. Why
leave-one-wijk-out: with 10–20 wijken an in-sample R² flatters; predicting each
wijk from the others shows how far a new or changed wijk can be off.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.optimize import nnls

WEINIG_WIJKEN = 20


@dataclass
class Kalibratie:
    gewichten: dict[str, float]
    r2: float
    loo_fout: float | None            # mean absolute error of a left-out wijk's total, as a fraction of it
    n_wijken: int
    n_waarnemingen: int
    doel: str
    waarschuwingen: list[str] = field(default_factory=list)


def _fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    scale = x.mean(axis=0)
    scale[scale <= 0] = 1.0
    coef, _ = nnls(x / scale, y)
    return coef / scale


def kalibreer(data: pd.DataFrame, indicatoren: list[str], doel_kolom: str, doel: str = "uitgaven") -> Kalibratie:
    """Fit ``doel_kolom`` ≈ Σ g_i × indicator_i over rows wijk × jaar (column ``wijk_code`` groups them)."""
    rows = data.dropna(subset=[doel_kolom] + indicatoren)
    x = rows[indicatoren].to_numpy(float)
    y = rows[doel_kolom].to_numpy(float)
    wijken = rows["wijk_code"].to_numpy()
    unique = sorted(set(wijken))
    warnings: list[str] = []
    if len(unique) < 3 or len(indicatoren) == 0:
        raise ValueError("Te weinig wijken om te kalibreren.")
    coef = _fit(x, y)
    fitted = x @ coef
    ss_tot = float(((y - y.mean()) ** 2).sum())
    r2 = 1.0 - float(((y - fitted) ** 2).sum()) / ss_tot if ss_tot > 0 else float("nan")
    errors = []
    for w in unique:
        train = wijken != w
        c = _fit(x[train], y[train])
        actual = y[~train].sum()
        if actual > 0:
            errors.append(abs((x[~train] @ c).sum() - actual) / actual)
    loo = float(np.mean(errors)) if errors else None
    if len(unique) < WEINIG_WIJKEN:
        warnings.append(f"Met {len(unique)} wijken zijn de gekalibreerde gewichten indicatief: een paar wijken met "
                        "afwijkend gebruik bepalen de uitkomst sterk. Gebruik ze als gesprekstof, niet als vaste sleutel.")
    zero = [i for i, g in zip(indicatoren, coef) if g == 0]
    if zero and len(zero) < len(indicatoren):
        warnings.append("Sommige indicatoren kregen gewicht 0: ze voegen naast de andere niets toe aan de verklaring "
                        "van het historische gebruik.")
    if not (coef > 0).any():
        raise ValueError("De kalibratie gaf alle gewichten 0.")
    return Kalibratie(dict(zip(indicatoren, coef.tolist())), r2, loo, len(unique), len(rows), doel, warnings)
