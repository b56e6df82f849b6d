"""Linear regression with wijk and month fixed effects, clustered by wijk, with a wild cluster bootstrap.

Why one small engine instead of statsmodels/linearmodels: every estimator in
Effectmeting (two-way fixed effects, the cohort × maand estimator for a
gespreide invoering, the event study) is a linear combination ``a'β`` of the
coefficients of one regression with absorbed fixed effects. Written once in
numpy, the wild cluster bootstrap becomes a few G×G matrices times a G×B
matrix of Webb weights, for any null value: the restricted residuals are
linear in the null, so the confidence interval is found by inverting the
bootstrap test (bisection) without refitting. That keeps the panel
responsive (thousands of draws in milliseconds) and adds no dependency to
the Windows build. statsmodels' OLS with cluster-robust covariance is used
in the tests as an independent check of the clustered standard errors.

Weights (inwoners) are handled by multiplying y, the dummies and X by √w and
then doing ordinary least squares; cluster scores then are Σ w·x·e as in WLS.

Bootstrap (WCR, Cameron–Gelbach–Miller 2008; Webb 2014 six-point weights):
under H0: a'β = θ0 the restricted residuals are ``e_r = ê + (θ̂ − θ0)·c/(c'c)``
with ``c`` the influence vector of θ̂ (θ̂ = c'ỹ). A draw is y* = ŷ_r + e_r·v_g;
θ* − θ0 = Σ_g v_g Σ_{i∈g} c_i e_r,i and the draw's clustered score vector is
Q·v with ``Q = S·diag(c)·R·diag(e_r)·S'``, R the residual maker.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

WEBB = np.array([-np.sqrt(1.5), -1.0, -np.sqrt(0.5), np.sqrt(0.5), 1.0, np.sqrt(1.5)])


def webb_gewichten(n_clusters: int, n_draws: int, seed: int) -> np.ndarray:
    """G × B Webb weights from a fixed seed: same inputs and seed, same numbers."""
    rng = np.random.default_rng(seed)
    return WEBB[rng.integers(0, 6, size=(n_clusters, n_draws))]


@dataclass
class Toets:
    """One bootstrap-inverted estimate of a'β."""

    schatting: float
    se: float             # conventional clustered (CR1) standard error
    p_conventioneel: float
    ci_conventioneel: tuple[float, float]
    p: float              # wild cluster bootstrap p-value of θ = 0
    ci: tuple[float, float]


class FERegressie:
    """y ~ wijk FE + maand FE + X·β, weighted, clustered by wijk. Fit once, test many combinations."""

    def __init__(self, y: np.ndarray, unit: np.ndarray, time: np.ndarray, X: np.ndarray,
                 w: np.ndarray | None = None, cluster: np.ndarray | None = None) -> None:
        y = np.asarray(y, dtype=float)
        X = np.asarray(X, dtype=float).reshape(len(y), -1)
        w = np.ones(len(y)) if w is None else np.asarray(w, dtype=float)
        sw = np.sqrt(w)
        unit_codes, unit = np.unique(unit, return_inverse=True)
        time_codes, time = np.unique(time, return_inverse=True)
        cluster = unit if cluster is None else np.unique(cluster, return_inverse=True)[1]
        n = len(y)
        self._sw, self._unit, self._time = sw, unit, time
        self._wu = np.bincount(unit, weights=w)
        self._wt = np.bincount(time, weights=w)
        self.n, self.k = n, X.shape[1]
        self.G = int(cluster.max()) + 1
        self.cluster = cluster
        self.yt = y * sw
        self.Xr = self._m(X * sw[:, None])
        self.xtx_inv = np.linalg.pinv(self.Xr.T @ self.Xr)
        yr = self._m(self.yt)
        self.beta = self.xtx_inv @ (self.Xr.T @ yr)
        self.resid = yr - self.Xr @ self.beta
        # Small-sample factor of Stata/reghdfe (unit FE nested in clusters are not counted).
        n_time = len(time_codes) - 1
        self.factor = self.G / max(self.G - 1, 1) * (n - 1) / max(n - self.k - n_time - 1, 1)
        self._S = np.zeros((self.G, n))
        self._S[cluster, np.arange(n)] = 1.0

    def _m(self, z: np.ndarray) -> np.ndarray:
        """Remove the fixed effects (weighted): alternating projections on wijk and month.

        Why not a QR of the dummy matrix: bincounts need no BLAS and no n × (N+T) matrix; for a balanced,
        unweighted panel one sweep is exact, otherwise it converges in a few sweeps to machine precision.
        """
        out = np.array(z, dtype=float, copy=True)
        flat = out.ndim == 1
        out = out.reshape(len(out), -1)
        sw, unit, time = self._sw, self._unit, self._time
        for _ in range(500):
            change = 0.0
            for codes, total in ((unit, self._wu), (time, self._wt)):
                for j in range(out.shape[1]):
                    coef = np.bincount(codes, weights=sw * out[:, j], minlength=len(total)) / total
                    step = sw * coef[codes]
                    out[:, j] -= step
                    change = max(change, float(np.abs(step).max()))
            if change <= 1e-11 * (1.0 + float(np.abs(out).max())):
                break
        return out[:, 0] if flat else out

    def _r(self, z: np.ndarray) -> np.ndarray:
        """Residual maker of the full model (fixed effects and X)."""
        mz = self._m(z)
        return mz - self.Xr @ (self.xtx_inv @ (self.Xr.T @ mz))

    def invloed(self, a: np.ndarray) -> np.ndarray:
        """c with a'β̂ = c'ỹ (n × m for an a of k × m)."""
        return self.Xr @ (self.xtx_inv @ np.asarray(a, dtype=float))

    def cr1(self, a: np.ndarray) -> np.ndarray:
        """Clustered (CR1) covariance of a'β̂."""
        c = self.invloed(np.asarray(a, dtype=float).reshape(self.k, -1))
        scores = self._S @ (c * self.resid[:, None])
        return self.factor * scores.T @ scores

    # --- one combination: estimate, conventional and bootstrap inference ---
    def toets(self, a: np.ndarray, V: np.ndarray, alpha: float = 0.05, interval: bool = True) -> Toets:
        a = np.asarray(a, dtype=float).reshape(self.k)
        c = self.invloed(a)
        theta = float(c @ self.yt)
        se = float(np.sqrt(max(self.cr1(a)[0, 0], 0.0)))
        df = max(self.G - 1, 1)
        t_crit = stats.t.ppf(1 - alpha / 2, df)
        p_conv = float(2 * stats.t.sf(abs(theta) / se, df)) if se > 0 else float("nan")
        ci_conv = (float(theta - t_crit * se), float(theta + t_crit * se))
        cc = float(c @ c)
        if cc <= 0 or se <= 0:
            nan = float("nan")
            return Toets(theta, se, p_conv, ci_conv, nan, (nan, nan))
        h = c / cc
        S = self._S
        # Everything below is linear in δ = θ̂ − θ0: u(δ) = u0 + δ·u1, Q(δ) = Q0 + δ·Q1.
        u0, u1 = S @ (c * self.resid), S @ (c * h)
        Q0 = S @ (c[:, None] * self._r(self.resid[:, None] * S.T))
        Q1 = S @ (c[:, None] * self._r(h[:, None] * S.T))
        uV0, uV1 = u0 @ V, u1 @ V
        QV0, QV1 = Q0 @ V, Q1 @ V

        def pvalue(theta0: float) -> float:
            delta = theta - theta0
            num = uV0 + delta * uV1
            den = np.sqrt(self.factor * np.sum((QV0 + delta * QV1) ** 2, axis=0))
            t_star = np.divide(num, den, out=np.zeros_like(num), where=den > 0)
            return float(np.mean(np.abs(t_star) >= abs(delta) / se - 1e-12))

        if not interval:
            return Toets(theta, se, p_conv, ci_conv, pvalue(0.0), (float("nan"), float("nan")))
        ci = (_grens(pvalue, theta, -se, alpha), _grens(pvalue, theta, se, alpha))
        return Toets(theta, se, p_conv, ci_conv, pvalue(0.0), ci)

    # --- several combinations at once: joint Wald test of A'β = 0 ---
    def wald(self, A: np.ndarray, V: np.ndarray) -> tuple[float, float, float]:
        """(Wald statistic, bootstrap p, conventional F p) for H0: A'β = 0 (A is k × m).

        Each draw is studentised with its own clustered covariance (a fixed covariance over-rejects: the
        bootstrap's spread of many restrictions is too small with few wijken).
        """
        A = np.asarray(A, dtype=float).reshape(self.k, -1)
        m = A.shape[1]
        C = self.invloed(A)
        theta = C.T @ self.yt
        vcov = self.cr1(A)
        W = float(theta @ np.linalg.pinv(vcov) @ theta)
        p_conv = float(stats.f.sf(W / m, m, max(self.G - 1, 1)))
        # Restricted residuals impose A'β = 0.
        e_r = self.resid + C @ np.linalg.pinv(C.T @ C) @ theta
        S = self._S
        U = S @ (C * e_r[:, None])                                # G × m
        Z = self._r(e_r[:, None] * S.T)                           # n × G
        T = np.einsum("hi,ij,ig->jhg", S, C, Z)                   # m × G × G
        theta_star = U.T @ V                                      # m × B
        scores = np.einsum("jhg,gb->bhj", T, V)                   # B × G × m
        vcov_star = self.factor * np.einsum("bhj,bhl->bjl", scores, scores)
        sol = np.linalg.pinv(vcov_star) @ theta_star.T[:, :, None]
        W_star = np.einsum("bj,bj->b", theta_star.T, sol[:, :, 0])
        return W, float(np.mean(W_star >= W - 1e-12)), p_conv


def _grens(pvalue, theta: float, step: float, alpha: float) -> float:
    """The confidence limit on one side: the θ0 where the bootstrap p-value falls to alpha."""
    inner, outer = theta, theta + step
    for _ in range(60):
        if pvalue(outer) < alpha:
            break
        inner, outer = outer, outer + 2 * (outer - theta)
    else:
        return float("inf") if step > 0 else float("-inf")
    for _ in range(50):
        mid = 0.5 * (inner + outer)
        if pvalue(mid) >= alpha:
            inner = mid
        else:
            outer = mid
    return 0.5 * (inner + outer)
