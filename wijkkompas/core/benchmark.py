"""Expected Wmo spending per volwassene given taakzwaarte and structure (benchmark).

Model (one OLS per measure, 342 gemeenten, Iv3 jaarrekening 2023, netto lasten per volwassene):

    y = b0 + b1·taakzwaarte_index + b2·ln(inwoners)
        + stedelijkheid dummies + centrumfunctie dummies + sociale structuur dummies + e

Why these regressors: taakzwaarte (gemeentefonds Wmo cluster per inwoner) is the
research's main driver (RIVM/Cebeon 2025, Fig 4.8); scale, urbanity and regional
centre function change both need and how services are organised; BZK's sociale
structuur captures deprivation not fully in the Wmo maatstaven. Classes enter as
dummies (reference: niet stedelijk / geen centrumfunctie / goede sociale structuur)
rather than as numbers, so no equal spacing is assumed; the four G4 cities are
counted as "Sterk" centres because a four-city dummy would fit them exactly.
Coefficients use heteroskedasticity-robust (HC3) standard errors: the spread of
spending clearly grows with size and taakzwaarte. Prediction intervals are
statsmodels' obs intervals ŷ ± z·sqrt(σ̂² + x'V_HC3 x) (normal quantile: with a robust
covariance statsmodels does not use t; with 329 residual df the difference is < 0,2%).
σ̂² is one pooled residual variance, so the band is too wide for most gemeenten and
too narrow for the erratic ones; their in-sample coverage is reported (``dekking_80``)
so users can see whether the 80% band really holds about 80% of gemeenten.
Levels, not logs: some gemeenten book zero or negative netto lasten on a taakveld.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from wijkkompas.core import reference
from wijkkompas.core.reference.peers import peers

MEASURES: tuple[str, ...] = ("6.2", "6.6", "6.71a", "6.71b", "6.71c", "maatwerk")
MEASURE_LABELS = {
    "6.2": "Toegang / wijkteams (6.2)",
    "6.6": "Maatwerkvoorzieningen (6.6)",
    "6.71a": "Huishoudelijke hulp (6.71a)",
    "6.71b": "Begeleiding (6.71b)",
    "6.71c": "Dagbesteding (6.71c)",
    "maatwerk": "Maatwerk totaal (6.6 + 6.71)",
}
JAAR = "2023"
BRON = "CBS Iv3 jaarrekening 2023 (netto lasten); BZK gemeentefonds meicirculaire 2024; eigen regressie"

_REFERENCE_LEVELS = {
    "stedelijkheid": "niet stedelijk",
    "centrumfunctie": "Zonder",
    "sociale_structuur": "Goed",
}


@dataclass(frozen=True)
class ModelFit:
    measure: str
    result: object  # statsmodels RegressionResultsWrapper (HC3)
    design: pd.DataFrame  # exog per gemeente (index = code)
    y: pd.Series  # € per volwassene (index = code)
    dekking_80: float
    dekking_95: float


def design_matrix() -> pd.DataFrame:
    """Regressors per gemeente (index = code), constant included."""
    table = reference.gemeenten().set_index("code")
    x = pd.DataFrame(index=table.index)
    x["const"] = 1.0
    x["taakzwaarte_index"] = table["taakzwaarte_index"].astype(float)
    x["ln_inwoners"] = np.log(table["inwoners"].astype(float))
    cats = table[list(_REFERENCE_LEVELS)].astype(str).copy()
    cats["centrumfunctie"] = cats["centrumfunctie"].replace({"Sterk (G4)": "Sterk"})
    for column, reference_level in _REFERENCE_LEVELS.items():
        for level in sorted(set(cats[column]) - {reference_level}):
            x[f"{column}[{level}]"] = (cats[column] == level).astype(float)
    return x


def spending_per_volwassene(measure: str, jaar: str = JAAR) -> pd.Series:
    table = reference.gemeenten().set_index("code")
    spending = reference.uitgaven_tabel(jaar)[measure]
    return (spending / table.loc[spending.index, "volwassenen"]).astype(float)


def _coverage(result, x: pd.DataFrame, y: pd.Series, alpha: float) -> float:
    frame = result.get_prediction(x).summary_frame(alpha=alpha)
    inside = (y.to_numpy() >= frame["obs_ci_lower"].to_numpy()) & (y.to_numpy() <= frame["obs_ci_upper"].to_numpy())
    return float(inside.mean())


@lru_cache(maxsize=None)
def fit(measure: str, jaar: str = JAAR) -> ModelFit:
    if measure not in MEASURES:
        raise ValueError(f"onbekende maat {measure!r}; kies uit {MEASURES}")
    x = design_matrix()
    y = spending_per_volwassene(measure, jaar).loc[x.index]
    import statsmodels.api as sm  # noqa: PLC0415 - 2 s of imports; only pay when a model is fitted

    result = sm.OLS(y, x).fit(cov_type="HC3")
    return ModelFit(measure, result, x, y, _coverage(result, x, y, 0.2), _coverage(result, x, y, 0.05))


def coefficients(measure: str) -> pd.DataFrame:
    """coef, robust se, p-value per regressor."""
    res = fit(measure).result
    return pd.DataFrame({"coef": res.params, "se_hc3": res.bse, "p": res.pvalues})


def _percentile(values: pd.Series, value: float) -> float:
    """Share (%) of gemeenten below ``value`` (ties count half): 'x% geeft minder uit'."""
    below = float((values < value).sum()) + 0.5 * float((values == value).sum())
    return round(100.0 * below / len(values), 1)


def predict(measure: str, code: str) -> dict:
    model = fit(measure)
    g = reference.find_gemeente(code)
    row = model.design.loc[[g.code]]
    f80 = model.result.get_prediction(row).summary_frame(alpha=0.2).iloc[0]
    f95 = model.result.get_prediction(row).summary_frame(alpha=0.05).iloc[0]
    actual = float(model.y.loc[g.code])
    klasse = reference.gemeenten().set_index("code")["taakzwaarte_klasse"]
    same_class = model.y[klasse.loc[model.y.index] == g.taakzwaarte_klasse]
    return {
        "label": MEASURE_LABELS[measure],
        "verwacht": round(float(f80["mean"]), 2),
        "interval_80": [round(float(f80["obs_ci_lower"]), 2), round(float(f80["obs_ci_upper"]), 2)],
        "interval_95": [round(float(f95["obs_ci_lower"]), 2), round(float(f95["obs_ci_upper"]), 2)],
        "werkelijk": round(actual, 2),
        "residu": round(actual - float(f80["mean"]), 2),
        "percentiel": _percentile(model.y, actual),
        "percentiel_klasse": _percentile(same_class, actual),
        "r2": round(float(model.result.rsquared), 3),
        "n": int(model.result.nobs),
        "dekking_80": round(model.dekking_80, 3),
    }


def benchmark_gemeente(code: str, n_peers: int = 10) -> dict:
    """Everything the CLI and the panel show for one gemeente."""
    g = reference.find_gemeente(code)
    return {
        "eenheid": "€ per volwassene (netto lasten jaarrekening 2023)",
        "bron": BRON,
        "maten": {m: predict(m, g.code) for m in MEASURES},
        "peers": peers(g.code, n_peers).to_dict(orient="records"),
    }


def scatter_data(measure: str) -> pd.DataFrame:
    """All gemeenten: code, naam, taakzwaarte_index, werkelijk (€ per volwassene), verwacht, klasse."""
    model = fit(measure)
    table = reference.gemeenten().set_index("code").loc[model.y.index]
    return pd.DataFrame({
        "code": model.y.index,
        "naam": table["naam"].to_numpy(),
        "taakzwaarte_index": table["taakzwaarte_index"].to_numpy(),
        "taakzwaarte_klasse": table["taakzwaarte_klasse"].to_numpy(),
        "werkelijk": model.y.to_numpy(),
        "verwacht": model.result.fittedvalues.to_numpy(),
    })


def curve(measure: str, code: str, points: int = 50) -> pd.DataFrame:
    """Expected spending and 80% band as a function of the taakzwaarte index, other regressors as for ``code``.

    Why conditional on the gemeente: with several regressors there is no single
    'fitted line'; holding size, urbanity etc. at the chosen gemeente's values makes
    its own expected value lie on the line, so the vertical gap is its residual.
    """
    model = fit(measure)
    g = reference.find_gemeente(code)
    grid = np.linspace(model.design["taakzwaarte_index"].min(), model.design["taakzwaarte_index"].max(), points)
    rows = pd.DataFrame([model.design.loc[g.code]] * points).reset_index(drop=True)
    rows["taakzwaarte_index"] = grid
    frame = model.result.get_prediction(rows).summary_frame(alpha=0.2)
    return pd.DataFrame({
        "taakzwaarte_index": grid,
        "verwacht": frame["mean"].to_numpy(),
        "onder_80": frame["obs_ci_lower"].to_numpy(),
        "boven_80": frame["obs_ci_upper"].to_numpy(),
    })
