"""Fit once: turn the monthly history into a compact ``Basislijn`` of parameters.

Why a parameter object: the expensive part (statsmodels ETS per product, the
hazard and cost levels) runs once per data change; every lever change after
that is vectorised arithmetic in ``engine.simulate``.

Per product:
- instroom per 1.000 inwoners: ETS on the log rate (statsmodels ``ETSModel``),
  additive error; damped trend and monthly seasonality when ≥ 24 months exist.
  Its residual σ and smoothing α drive the process noise (bands that widen as
  σ²(1 + α²(h−1)), the ETS(A,N,N) forecast variance).
- uitstroom: a constant monthly hazard, the maximum-likelihood estimate from the
  observed durations: exits / client-months at risk (censoring included).
  Parameter uncertainty: Gamma(exits, 1/exposure).
- cost per client-month = volume per client (seasonal when ≥ 24 months of
  declaraties) × price per unit (last year's level; indexation estimated from
  year-on-year price change). The volume per client drifts as a random walk
  with the spread of its own year-on-year changes (≥ 3 full years).
- cells (wijk × aanbieder × team): their share of today's clients and of recent
  instroom, and their cost per client relative to the product — the breakdown
  the Sturing analyses use.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from wijkkompas.core.scenario.historie import Historie, product_label

MAX_MAANDEN = 72


@dataclass
class Basislijn:
    """Fitted parameters (arrays indexed by product, in ``producten`` order)."""

    producten: list[str]
    labels: list[str]
    laatste_maand: pd.Period
    clienten0: np.ndarray           # active clients in the last month
    instroom_pad: np.ndarray        # (P, MAX_MAANDEN) expected instroom per month (median)
    instroom_sigma: np.ndarray      # log-scale residual σ
    instroom_alpha: np.ndarray      # ETS smoothing level
    hazard: np.ndarray              # monthly exit probability
    hazard_exits: np.ndarray
    hazard_exposure: np.ndarray
    vpc: np.ndarray                 # volume per client per month (deseasonalised), unit of the product
    vpc_se: np.ndarray              # relative standard error of vpc
    vpc_drift: np.ndarray           # std of the yearly log change of vpc (0 with < 3 full years): a random walk
    vpc_seizoen: np.ndarray         # (P, 12) factors by calendar month (mean 1)
    prijs: np.ndarray               # € per volume unit, level of the last year
    indexatie: np.ndarray           # estimated yearly price change (fraction)
    aandeel_75plus: np.ndarray      # share of instroom aged 75+ (1.0 when unknown)
    kosten_bekend: np.ndarray       # bool: declaraties available for the product
    inwoners: float                 # population in the last month (for rates)
    cellen: pd.DataFrame            # product, wijk_code, aanbieder_code, toegang_team, w_stock, w_in, r
    besteed_laatste_jaar: dict[str, float] = field(default_factory=dict)
    besteed_per_product: dict[str, dict[str, float]] = field(default_factory=dict)   # aanbieder -> product -> €
    modelkeuze: dict[str, str] = field(default_factory=dict)
    waarschuwingen: list[str] = field(default_factory=list)
    _shock_cache: dict = field(default_factory=dict, repr=False)
    _pairs_cache: tuple | None = field(default=None, repr=False)

    @property
    def aanbieders(self) -> list[str]:
        return sorted(self.cellen["aanbieder_code"].unique())

    @property
    def aanbod(self) -> dict[str, list[str]]:
        """aanbieder_code → the products it delivers in the data (where a plafond per perceel can bind)."""
        pairs = self.cellen[["aanbieder_code", "product"]].drop_duplicates()
        return {str(k): sorted(v) for k, v in pairs.groupby("aanbieder_code")["product"]}

    @property
    def teams(self) -> list[str]:
        return sorted(self.cellen["toegang_team"].unique())

    def index(self, product: str) -> int:
        return self.producten.index(product)


def _fit_ets(counts: np.ndarray, population: np.ndarray, horizon: int) -> tuple[np.ndarray, float, float, str]:
    """Forecast instroom counts (median path) with ETS on log(rate per 1.000)."""
    pop = np.where(np.isfinite(population) & (population > 0), population, 1000.0) / 1000.0
    y = np.log((counts + 0.5) / pop)
    n = len(y)
    seasonal = n >= 24
    trend = n >= 24
    label = "ETS" + (" met gedempte trend" if trend else "") + (" en seizoen" if seasonal else "")
    try:
        from statsmodels.tools.sm_exceptions import ConvergenceWarning
        from statsmodels.tsa.exponential_smoothing.ets import ETSModel

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            warnings.simplefilter("ignore", RuntimeWarning)
            warnings.simplefilter("ignore", UserWarning)
            model = ETSModel(y, error="add", trend="add" if trend else None, damped_trend=trend,
                             seasonal="add" if seasonal else None, seasonal_periods=12 if seasonal else None)
            result = model.fit(disp=False, maxiter=200)
        forecast = np.asarray(result.forecast(horizon), dtype=float)
        sigma = float(np.sqrt(max(result.mse, 1e-8)))
        alpha = float(np.clip(result.smoothing_level, 0.0, 1.0))
        if not np.all(np.isfinite(forecast)):
            raise ValueError("non-finite forecast")
    except Exception:  # noqa: BLE001 - a failed fit falls back to the recent mean, said in the model label
        recent = y[-12:]
        forecast = np.full(horizon, float(recent.mean()))
        sigma = float(recent.std(ddof=1)) if len(recent) > 1 else 0.1
        alpha, label = 0.2, "gemiddelde van de laatste 12 maanden (ETS kon niet worden geschat)"
    # Guard against runaway trends: stay within half to double the last year's level.
    level = float(y[-12:].mean())
    forecast = np.clip(forecast, level - np.log(2), level + np.log(2))
    rate = np.exp(forecast)
    path = np.maximum(rate * pop[-1] - 0.5, 0.0)
    return path, sigma, alpha, label


def _vpc_drift(deseason: np.ndarray, months: pd.PeriodIndex) -> float:
    """How much the volume per client moved from one full calendar year to the next (std of log changes)."""
    years = pd.Series(deseason, index=[m.year for m in months])
    counts = years.groupby(level=0).size()
    means = years.groupby(level=0).mean()[counts >= 10]
    changes = np.diff(np.log(means.to_numpy()))
    return float(np.std(changes, ddof=1)) if len(changes) >= 2 else 0.0


def _vpc_and_price(frame: pd.DataFrame) -> tuple[float, float, np.ndarray, float, float, bool, float]:
    """Volume per client (deseasonalised), its relative se, seasonal factors, price, indexation, known, drift."""
    known = frame["bedrag"].notna() & (frame["clienten"] > 0)
    seizoen = np.ones(12)
    sub = frame[known]
    if sub.empty:
        return np.nan, 0.0, seizoen, np.nan, 0.0, False, 0.0
    volume = sub["volume"].where(sub["volume"] > 0)
    if volume.isna().all():  # no volume: count client-months, price = cost per client-month
        volume = sub["clienten"].astype(float)
    vpc = (volume / sub["clienten"]).to_numpy(float)
    moy = np.array([m.month for m in sub.index])
    if len(sub) >= 24:
        means = pd.Series(vpc).groupby(moy).mean()
        seizoen = (means / means.mean()).reindex(range(1, 13)).fillna(1.0).to_numpy()
    deseason = vpc / seizoen[moy - 1]
    recent = deseason[-12:]
    level = float(recent.mean())
    se = float(recent.std(ddof=1) / level / np.sqrt(len(recent))) if len(recent) > 1 and level > 0 else 0.0
    years = np.array([m.year for m in sub.index])
    prices = {}
    for year in sorted(set(years)):
        mask = years == year
        if mask.sum() >= 3 or year == years[-1]:
            vol = float(volume[mask].sum())
            prices[year] = float(sub["bedrag"][mask].sum()) / vol if vol > 0 else np.nan
    last_year = max(prices)
    price = prices[last_year]
    ratios = [prices[y] / prices[y - 1] for y in prices if y - 1 in prices and prices[y - 1] > 0]
    indexatie = float(np.prod(ratios) ** (1 / len(ratios)) - 1) if ratios else 0.0
    drift = _vpc_drift(deseason, sub.index)
    return level, se, seizoen, price, indexatie, bool(np.isfinite(price)), drift


def _cells(hist: Historie, products: list[str]) -> pd.DataFrame:
    cells = hist.cellen.copy()
    cells = cells[cells["product"].isin(products)].reset_index(drop=True)
    parts = []
    for p, sub in cells.groupby("product", sort=False):
        sub = sub.copy()
        stock = sub["clienten"].astype(float)
        if stock.sum() <= 0:
            stock = sub["klantmaanden"].astype(float)
        sub["w_stock"] = stock / stock.sum()
        new = sub["instroom"].astype(float)
        sub["w_in"] = new / new.sum() if new.sum() > 0 else sub["w_stock"]
        if sub["bedrag"].notna().any() and sub["bedrag"].sum() > 0:
            per_client = sub["bedrag"].fillna(0.0) / sub["klantmaanden"].clip(lower=1)
            r = per_client / (sub["bedrag"].sum() / sub["klantmaanden"].sum())
            norm = float((sub["w_stock"] * r).sum())
            sub["r"] = r / norm if norm > 0 else 1.0
        else:
            sub["r"] = 1.0
        parts.append(sub)
    out = pd.concat(parts, ignore_index=True) if parts else cells.assign(w_stock=[], w_in=[], r=[])
    return out[["product", "wijk_code", "aanbieder_code", "toegang_team", "w_stock", "w_in", "r"]]


def fit_basislijn(hist: Historie) -> Basislijn:
    """The one expensive step: fit every product's parameters on its own history."""
    products = list(hist.producten)
    P = len(products)
    arrays = {k: np.zeros(P) for k in ("c0", "sigma", "alpha", "hazard", "exits", "exposure", "vpc", "vpc_se",
                                       "prijs", "idx", "a75", "drift")}
    path = np.zeros((P, MAX_MAANDEN))
    seizoen = np.ones((P, 12))
    known = np.zeros(P, dtype=bool)
    modelkeuze: dict[str, str] = {}
    notes = list(hist.waarschuwingen)
    for i, p in enumerate(products):
        frame = hist.per_product[p]
        arrays["c0"][i] = frame["clienten"].iloc[-1]
        counts = frame["instroom"].to_numpy(float)[1:]  # the first month has no observable instroom
        pad, sigma, alpha, label = _fit_ets(counts, frame["inwoners"].to_numpy(float)[1:], MAX_MAANDEN)
        path[i], arrays["sigma"][i], arrays["alpha"][i] = pad, sigma, alpha
        modelkeuze[p] = label
        exits = float(frame["uitstroom"].to_numpy()[1:].sum())
        exposure = float(frame["clienten"].to_numpy()[:-1].sum())
        arrays["exits"][i], arrays["exposure"][i] = exits, exposure
        arrays["hazard"][i] = exits / exposure if exposure > 0 else 0.0
        vpc, se, s, price, idx, k, arrays["drift"][i] = _vpc_and_price(frame)
        arrays["vpc"][i], arrays["vpc_se"][i], arrays["prijs"][i], arrays["idx"][i] = vpc, se, price, idx
        seizoen[i], known[i] = s, k
        share = hist.aandeel_75plus.get(p)
        if share is None:
            notes.append(f"{product_label(p)}: leeftijd bij instroom onbekend; de groei van het aantal "
                         "75-plussers werkt dan op de hele instroom.")
        arrays["a75"][i] = 1.0 if share is None else share
    pop = hist.per_product[products[0]]["inwoners"].iloc[-1] if products else np.nan
    return Basislijn(
        producten=products, labels=[product_label(p) for p in products], laatste_maand=hist.laatste_maand,
        clienten0=arrays["c0"], instroom_pad=path, instroom_sigma=arrays["sigma"], instroom_alpha=arrays["alpha"],
        hazard=arrays["hazard"], hazard_exits=arrays["exits"], hazard_exposure=arrays["exposure"],
        vpc=arrays["vpc"], vpc_se=arrays["vpc_se"], vpc_drift=arrays["drift"], vpc_seizoen=seizoen, prijs=arrays["prijs"],
        indexatie=arrays["idx"], aandeel_75plus=arrays["a75"], kosten_bekend=known,
        inwoners=float(pop) if np.isfinite(pop) else float("nan"), cellen=_cells(hist, products),
        besteed_laatste_jaar=dict(hist.besteed_laatste_jaar),
        besteed_per_product={k: dict(v) for k, v in hist.besteed_per_product.items()}, modelkeuze=modelkeuze,
        waarschuwingen=notes,
    )


def kap_historie(hist: Historie, maanden: int) -> Historie:
    """The history without its last ``maanden`` months (for the backtest)."""
    keep = hist.maanden[:-maanden]
    per_product = {p: f.loc[keep].copy() for p, f in hist.per_product.items()}
    cost = hist.kosten_maanden[hist.kosten_maanden <= keep[-1]]
    return Historie(keep, hist.producten, per_product, hist.cellen, hist.aandeel_75plus, cost,
                    hist.begroting, hist.realisatie, [], {})
