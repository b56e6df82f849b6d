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
Missing is missing: a gemeente without Iv3 data (Vijfheerenlanden 2023) is left out of
the fit and the percentiles instead of counting as € 0, and on 6.71a–c gemeenten whose
split is a booking artefact (``reference.boeking``) are left out of that measure; the
bands are clipped at € 0 because a normal band has no floor and spending has.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from wijkkompas.core import reference
from wijkkompas.core.reference import boeking
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
    design: pd.DataFrame  # exog per gemeente in the fit (index = code)
    y: pd.Series  # € per volwassene (index = code), only gemeenten in the fit
    dekking_80: float
    dekking_95: float
    design_alle: pd.DataFrame  # exog of all 342 gemeenten, to predict for those left out
    zonder_gegevens: tuple[str, ...] = ()  # no Iv3 data: left out
    niet_vergelijkbaar: tuple[str, ...] = ()  # booking artefact on this sub-taakveld: left out


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
    """€ per volwassene per gemeente; NaN where the gemeente has no Iv3 data for ``jaar``.

    The denominator is the gemeentefonds volume of uitkeringsjaar 2025 for every year.
    """
    table = reference.gemeenten().set_index("code")
    spending = reference.uitgaven_tabel(jaar)[measure]
    return (spending / table.loc[spending.index, "volwassenen"]).astype(float)


def _coverage(result, x: pd.DataFrame, y: pd.Series, alpha: float) -> float:
    frame = result.get_prediction(x).summary_frame(alpha=alpha)
    inside = (y.to_numpy() >= frame["obs_ci_lower"].to_numpy()) & (y.to_numpy() <= frame["obs_ci_upper"].to_numpy())
    return float(inside.mean())


@lru_cache(maxsize=None)
def fit(measure: str, jaar: str = JAAR) -> ModelFit:
    """OLS on the gemeenten with comparable data: missing Iv3 and booking artefacts are left out, not zero."""
    if measure not in MEASURES:
        raise ValueError(f"onbekende maat {measure!r}; kies uit {MEASURES}")
    x_all = design_matrix()
    y_all = spending_per_volwassene(measure, jaar).reindex(x_all.index)
    missing = tuple(y_all.index[y_all.isna()])
    artefact = tuple(sorted(boeking.niet_vergelijkbaar(measure, jaar) - set(missing)))
    keep = ~y_all.index.isin(missing + artefact)
    x, y = x_all[keep], y_all[keep]
    import statsmodels.api as sm  # 2 s of imports: only pay when a model is fitted

    result = sm.OLS(y, x).fit(cov_type="HC3")
    return ModelFit(measure, result, x, y, _coverage(result, x, y, 0.2), _coverage(result, x, y, 0.05),
                    x_all, missing, artefact)


def coefficients(measure: str) -> pd.DataFrame:
    """coef, robust se, p-value per regressor."""
    res = fit(measure).result
    return pd.DataFrame({"coef": res.params, "se_hc3": res.bse, "p": res.pvalues})


def _percentile(values: pd.Series, value: float) -> float:
    """Share (%) of gemeenten below ``value`` (ties count half): 'x% geeft minder uit'."""
    below = float((values < value).sum()) + 0.5 * float((values == value).sum())
    return round(100.0 * below / len(values), 1)


def _band(lower: float, upper: float) -> list[float]:
    """A spending band never goes below € 0: the normal model has no floor, spending has."""
    return [round(max(0.0, float(lower)), 2), round(max(0.0, float(upper)), 2)]


def predict(measure: str, code: str) -> dict:
    """Expected vs actual for one gemeente; ``status`` says whether the comparison can be made.

    ``ok``: in the fit; ``geen gegevens``: no Iv3 data (werkelijk and percentiles None);
    ``niet vergelijkbaar``: booking artefact on this sub-taakveld (werkelijk shown, no percentile).
    """
    model = fit(measure)
    g = reference.find_gemeente(code)
    row = model.design_alle.loc[[g.code]]
    f80 = model.result.get_prediction(row).summary_frame(alpha=0.2).iloc[0]
    f95 = model.result.get_prediction(row).summary_frame(alpha=0.05).iloc[0]
    interval_80 = _band(f80["obs_ci_lower"], f80["obs_ci_upper"])
    interval_95 = _band(f95["obs_ci_lower"], f95["obs_ci_upper"])
    out = {
        "label": MEASURE_LABELS[measure],
        "verwacht": round(float(f80["mean"]), 2),
        "interval_80": interval_80,
        "interval_95": interval_95,
        "ondergrens_afgekapt": bool(f95["obs_ci_lower"] < 0),
        "werkelijk": None,
        "residu": None,
        "percentiel": None,
        "percentiel_klasse": None,
        "status": "ok",
        "waarschuwing": None,
        "r2": round(float(model.result.rsquared), 3),
        "n": int(model.result.nobs),
        "dekking_80": round(model.dekking_80, 3),
    }
    if g.code in model.zonder_gegevens:
        out.update(status=reference.GEEN_GEGEVENS,
                   waarschuwing=f"{g.naam}: {reference.GEEN_IV3} voor jaarrekening {JAAR} (niet aangeleverd); "
                                "werkelijke uitgaven en percentielen ontbreken, de gemeente telt niet mee in de "
                                "benchmark en de landelijke totalen.")
        return out
    actual = float(spending_per_volwassene(measure).loc[g.code])
    out.update(werkelijk=round(actual, 2), residu=round(actual - float(f80["mean"]), 2))
    if g.code in model.niet_vergelijkbaar:
        out.update(status="niet vergelijkbaar", waarschuwing=boeking.waarschuwing(g.code, measure))
        return out
    klasse = reference.gemeenten().set_index("code")["taakzwaarte_klasse"]
    same_class = model.y[klasse.loc[model.y.index] == g.taakzwaarte_klasse]
    out.update(percentiel=_percentile(model.y, actual), percentiel_klasse=_percentile(same_class, actual))
    return out


HOOFDMAAT = "maatwerk"


def benchmark_gemeente(code: str, n_peers: int = 10) -> dict:
    """Everything the CLI and the panel show for one gemeente.

    ``hoofdmaat`` is the measure to headline: the maatwerk total, which booking
    differences between sub-taakvelden do not distort. ``waarschuwingen`` collects the
    plain-Dutch warnings of all measures (missing data, booking differences, clipped bands).
    """
    g = reference.find_gemeente(code)
    maten = {m: predict(m, g.code) for m in MEASURES}
    waarschuwingen: list[str] = []
    for m, p in maten.items():
        if p["waarschuwing"] and p["waarschuwing"] not in waarschuwingen:
            waarschuwingen.append(p["waarschuwing"])
    afgekapt = [MEASURE_LABELS[m] for m, p in maten.items() if p["ondergrens_afgekapt"]]
    if afgekapt:
        waarschuwingen.append("De ondergrens van het 80%- of 95%-voorspelinterval is afgekapt op € 0 bij: " + ", ".join(afgekapt)
                              + ". Het model kent geen ondergrens; uitgaven wel.")
    return {
        "eenheid": "€ per volwassene (netto lasten jaarrekening 2023)",
        "noemer": "volwassenen volgens de gemeentefondsvolumina van uitkeringsjaar 2025, ook voor 2023",
        "bron": BRON,
        "hoofdmaat": HOOFDMAAT,
        "maten": maten,
        "waarschuwingen": waarschuwingen,
        "boekingsregel": boeking.WERKDEFINITIE,
        "peers": peers(g.code, n_peers).to_dict(orient="records"),
    }


def scatter_data(measure: str) -> pd.DataFrame:
    """The gemeenten in the fit: code, naam, taakzwaarte_index, werkelijk (€ per volwassene), verwacht, klasse.

    Gemeenten without data or with a booking artefact on this measure are not plotted.
    """
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
    rows = pd.DataFrame([model.design_alle.loc[g.code]] * points).reset_index(drop=True)
    rows["taakzwaarte_index"] = grid
    frame = model.result.get_prediction(rows).summary_frame(alpha=0.2)
    return pd.DataFrame({
        "taakzwaarte_index": grid,
        "verwacht": frame["mean"].to_numpy(),
        "onder_80": np.clip(frame["obs_ci_lower"].to_numpy(), 0.0, None),
        "boven_80": np.clip(frame["obs_ci_upper"].to_numpy(), 0.0, None),
    })
