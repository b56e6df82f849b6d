"""The regression engine of Effectmeting against hand arithmetic and statsmodels."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

from wijkkompas.core.effect import EffectVraag, schat
from wijkkompas.core.effect.schatter import WEBB, FERegressie, webb_gewichten
from wijkkompas.core.effect.simulatie import genereer_paneel


def _panel(seed=1, N=12, T=20, treated=(8, 9, 10, 11), start=10, effect=1.0):
    rng = np.random.default_rng(seed)
    unit = np.repeat(np.arange(N), T)
    time = np.tile(np.arange(T), N)
    D = (np.isin(unit, treated) & (time >= start)).astype(float)
    y = rng.normal(size=N)[unit] + 0.1 * time + effect * D + rng.normal(size=N * T)
    return y, unit, time, D


def test_twfe_equals_the_hand_difference_in_differences_on_a_balanced_panel():
    y, unit, time, D = _panel()
    model = FERegressie(y, unit, time, D[:, None])
    treated = np.isin(unit, (8, 9, 10, 11))
    post = time >= 10
    hand = ((y[treated & post].mean() - y[treated & ~post].mean())
            - (y[~treated & post].mean() - y[~treated & ~post].mean()))
    assert model.beta[0] == pytest.approx(hand, abs=1e-10)


@pytest.mark.parametrize("weighted", [False, True])
def test_coefficient_and_clustered_se_match_statsmodels(weighted):
    y, unit, time, D = _panel(seed=3)
    w = np.random.default_rng(0).uniform(1, 10, 12)[unit] if weighted else np.ones_like(y)
    model = FERegressie(y, unit, time, D[:, None], w)
    frame = pd.DataFrame({"y": y, "u": unit, "t": time, "D": D, "w": w})
    ref = smf.wls("y ~ D + C(u) + C(t)", frame, weights=frame["w"]).fit(
        cov_type="cluster", cov_kwds={"groups": frame["u"]})
    assert model.beta[0] == pytest.approx(ref.params["D"], rel=1e-9)
    # statsmodels counts the wijk dummies in its small-sample factor, reghdfe (and we) do not: undo that.
    n, G, k_sm = len(y), 12, len(ref.params)
    ours_factor = G / (G - 1) * (n - 1) / (n - 1 - 19 - 1)
    sm_factor = G / (G - 1) * (n - 1) / (n - k_sm)
    se = np.sqrt(model.cr1(np.array([1.0]))[0, 0])
    assert se == pytest.approx(ref.bse["D"] * np.sqrt(ours_factor / sm_factor), rel=1e-8)


def test_unbalanced_panel_gives_the_dummy_regression_coefficient():
    y, unit, time, D = _panel(seed=5)
    keep = np.random.default_rng(2).random(len(y)) > 0.15
    model = FERegressie(y[keep], unit[keep], time[keep], D[keep, None])
    frame = pd.DataFrame({"y": y, "u": unit, "t": time, "D": D})[keep]
    ref = smf.ols("y ~ D + C(u) + C(t)", frame).fit()
    assert model.beta[0] == pytest.approx(ref.params["D"], rel=1e-8)


def test_webb_weights_are_the_six_points_and_fixed_by_the_seed():
    V = webb_gewichten(15, 500, seed=4)
    assert set(np.round(np.unique(V), 12)) == set(np.round(WEBB, 12))
    assert np.array_equal(V, webb_gewichten(15, 500, seed=4))
    assert not np.array_equal(V, webb_gewichten(15, 500, seed=5))


def test_bootstrap_interval_is_the_inverted_test():
    y, unit, time, D = _panel(seed=7)
    model = FERegressie(y, unit, time, D[:, None])
    V = webb_gewichten(12, 1999, seed=1)
    t = model.toets(np.array([1.0]), V, alpha=0.05)
    low, high = t.ci
    assert low < t.schatting < high
    # Just inside the limits the null is not rejected, just outside it is.
    eps = 1e-3 * (high - low)
    shifted = []
    for theta0 in (low + eps, low - eps, high - eps, high + eps):
        y0 = y - theta0 * D  # testing θ = θ0 is testing 0 on y − θ0·D
        shifted.append(FERegressie(y0, unit, time, D[:, None]).toets(np.array([1.0]), V, interval=False).p)
    assert shifted[0] >= 0.05 and shifted[2] >= 0.05
    assert shifted[1] < 0.05 and shifted[3] < 0.05


def test_same_inputs_and_seed_give_the_same_numbers():
    paneel = genereer_paneel(11, effect=0.5)
    vraag = EffectVraag(wijken=["W03", "W06", "W09", "W12", "W15"], start="2023-01", trekkingen=999)
    a, b = schat(paneel, vraag), schat(paneel, vraag)
    assert a.hoofd == b.hoofd and a.pretrend_p == b.pretrend_p


def test_one_start_month_cohort_estimator_equals_twfe():
    paneel = genereer_paneel(12, effect=0.7)
    starts = {w: "2023-01" for w in ("W03", "W06", "W09", "W12", "W15")}
    single = schat(paneel, EffectVraag(wijken=list(starts), start="2023-01", trekkingen=199))
    assert single.schatter == "twfe"
    # With one start month the cohort × maand average is exactly the two-way fixed-effects estimate.
    forced = schat(paneel, EffectVraag(wijken=list(starts), starts=starts, trekkingen=199), cohort=True)
    assert forced.schatter == "cohort"
    assert forced.effect == pytest.approx(single.effect, abs=1e-9)


def test_staggered_starts_use_the_cohort_estimator_and_recover_the_effect():
    starts = {"W03": "2022-07", "W06": "2022-07", "W09": "2023-07", "W12": "2023-07", "W15": "2024-01"}
    paneel = genereer_paneel(13, effect=1.0, start=starts)
    result = schat(paneel, EffectVraag(wijken=list(starts), starts=starts, trekkingen=999))
    assert result.schatter == "cohort"
    assert result.ci[0] < 1.0 < result.ci[1]
