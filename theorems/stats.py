"""Calibrated statistics for Monte-Carlo checks: exact binomial and Clopper–Pearson, Hoeffding (for means and
weighted sums), empirical Bernstein, exact χ² tests of Gaussian residuals, a two-sample DKW test, and Holm's
procedure across a run.

Every function states the guarantee it gives; none relies on a normal approximation. Each is used
by a check and has a meta-test in ``tests/test_stats.py``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from scipy import optimize
from scipy import stats as sps


def clopper_pearson(k: int, n: int, alpha: float) -> tuple[float, float]:
    """Exact two-sided (1 - alpha) confidence interval for a binomial proportion."""
    lo = 0.0 if k == 0 else float(sps.beta.ppf(alpha / 2, k, n - k + 1))
    hi = 1.0 if k == n else float(sps.beta.ppf(1 - alpha / 2, k + 1, n - k))
    return lo, hi


def binomial_p_value(k: int, n: int, p0: float, alternative: str = "two-sided") -> float:
    """Exact binomial test of ``P(success) = p0`` (``alternative`` as in scipy.stats.binomtest)."""
    return float(sps.binomtest(k, n, p0, alternative=alternative).pvalue)


def binomial_detectable(n: int, p0: float, alpha: float, power: float = 0.9) -> float:
    """Smallest |p - p0| that an exact two-sided level-alpha binomial test of n trials detects with ``power``."""
    lo_crit = sps.binom.ppf(alpha / 2, n, p0) - 1
    hi_crit = sps.binom.isf(alpha / 2, n, p0) + 1
    for delta in np.linspace(0, 1, 2001)[1:]:
        up, down = min(p0 + delta, 1.0), max(p0 - delta, 0.0)
        if sps.binom.sf(hi_crit - 1, n, up) >= power and (p0 - delta < 0 or sps.binom.cdf(lo_crit, n, down) >= power):
            return float(delta)
    return 1.0


def hoeffding_mean_p_value(mean: float, n: int, mean0: float, width: float) -> float:
    """Two-sided Hoeffding p-value of an observed ``mean`` of n variables in an interval of length ``width``."""
    return min(1.0, 2 * math.exp(-2 * n * (mean - mean0) ** 2 / width**2))


def chi2_variance_p_value(samples: np.ndarray, mean: float, variance0: float) -> float:
    """Exact two-sided test that i.i.d. Gaussian samples with known mean have variance ``variance0``."""
    x = np.asarray(samples, dtype=float).ravel()
    stat = float(np.sum((x - mean) ** 2) / variance0)
    df = x.size
    return min(1.0, 2 * min(float(sps.chi2.cdf(stat, df)), float(sps.chi2.sf(stat, df))))


def uniform_range_p_value(samples: np.ndarray, half_width: float) -> float:
    """Exact test that i.i.d. samples are uniform on [-a, a] with a = ``half_width``, against a narrower
    range: under the null hypothesis |X|/a ~ U(0, 1), so P(max |X| ≤ m) = (m/a)^n. A sample outside
    [-a, a] is impossible under the null hypothesis (p = 0). A range narrower by the relative amount
    δ = 1 - α^(1/n) is detected with probability 1."""
    x = np.abs(np.asarray(samples, dtype=float).ravel())
    largest = float(x.max()) / half_width
    if largest > 1.0:
        return 0.0
    return float(np.exp(x.size * np.log(largest))) if largest > 0 else 0.0


def empirical_bernstein_radius(variance: float, span: float, n: int, alpha: float) -> float:
    """Maurer & Pontil (2009), Thm 4: for X ∈ [0, span] and sample variance V of n draws,
    P(mean − E X > √(2V ln(2/α)/n) + 7 span ln(2/α)/(3(n−1))) ≤ α."""
    log_term = math.log(2 / alpha)
    return math.sqrt(2 * variance * log_term / n) + 7 * span * log_term / (3 * (n - 1))


def empirical_bernstein_p_value(samples: np.ndarray, bound: float, span: float) -> float:
    """One-sided p-value for H0: E X ≤ bound, X ∈ [0, span]: the smallest α whose radius the excess of the
    sample mean over ``bound`` reaches (the radius is b√u + a u in u = ln(2/α))."""
    n, gap = samples.size, float(samples.mean()) - bound
    if gap <= 0:
        return 1.0
    a, b = 7 * span / (3 * (n - 1)), math.sqrt(2 * float(samples.var(ddof=1)) / n)
    root = (-b + math.sqrt(b * b + 4 * a * gap)) / (2 * a)
    return min(1.0, 2 * math.exp(-root * root))


def binomial_one_sided_detectable(trials: int, level: float, power: float = 0.9) -> float:
    """Smallest δ such that a one-sided exact binomial test of p = ½ rejects p = ½ - δ with ``power``."""
    critical = int(sps.binom.ppf(level, trials, 0.5))
    while critical >= 0 and sps.binom.cdf(critical, trials, 0.5) > level:
        critical -= 1
    for delta in np.linspace(0, 0.5, 501)[1:]:
        if critical >= 0 and sps.binom.cdf(critical, trials, 0.5 - delta) >= power:
            return float(delta)
    return 0.5


def residual_p_values(residual: np.ndarray, features: Sequence[np.ndarray], variance: float) -> tuple[float, float]:
    """Exact tests that a residual is i.i.d. N(0, variance) and independent of ``features``.

    Regression of the residual on (1, features): under the null hypothesis ‖projection‖²/σ² ~ χ²_k
    (any mean error correlated with the features shows up here); and Σ r²/σ² ~ χ²_N (the variance).
    A claimed variance of 0 (a deterministic step) is checked exactly: the residual must vanish up to rounding.
    """
    r = np.ravel(residual)
    if variance == 0.0:
        exact = 1.0 if float(np.max(np.abs(r))) <= 1e-9 else 0.0
        return exact, exact
    design = np.column_stack([np.ones_like(r)] + [np.ravel(f) for f in features])
    coef, *_ = np.linalg.lstsq(design, r, rcond=None)
    projection = float(coef @ (design.T @ design) @ coef)
    return float(sps.chi2.sf(projection / variance, design.shape[1])), chi2_variance_p_value(r, 0.0, variance)


def variance_detectable(n: int, level: float, power: float = 0.9) -> float:
    """Smallest relative variance error δ (σ² → (1+δ)σ²) that the two-sided χ²_n test detects."""
    hi, lo = sps.chi2.isf(level / 2, n), sps.chi2.ppf(level / 2, n)

    def shortfall(delta: float) -> float:
        return sps.chi2.sf(hi / (1 + delta), n) + sps.chi2.cdf(lo / (1 + delta), n) - power

    return float(optimize.brentq(shortfall, 1e-9, 100.0))


def regression_detectable(k: int, level: float, power: float = 0.9) -> float:
    """Non-centrality λ = Σ e²/σ² of a mean error e that the χ²_k regression test detects."""
    critical = sps.chi2.isf(level, k)
    return float(optimize.brentq(lambda lam: sps.ncx2.sf(critical, k, lam) - power, 1e-9, 1e4))


def hoeffding_sum_radius(squared_ranges: float, level: float) -> float:
    """Hoeffding for a weighted sum S = Σ c_i Y_i of independent Y_i ∈ [0, 1] with Σ c_i² = ``squared_ranges``:
    P(|S - E S| ≥ r) ≤ level for r = √(Σ c_i² ln(2/level)/2) (any signs of the c_i)."""
    return math.sqrt(squared_ranges * math.log(2 / level) / 2)


def hoeffding_sum_p_value(deviation: float, squared_ranges: float) -> float:
    """Two-sided Hoeffding p-value of a weighted sum that lies ``deviation`` from the null hypothesis's mean
    (``squared_ranges`` as in :func:`hoeffding_sum_radius`)."""
    return min(1.0, 2 * math.exp(-2 * deviation**2 / squared_ranges))


def hoeffding_sum_detectable(squared_ranges: float, level: float, power: float = 0.9) -> float:
    """Smallest distance of E S from the null hypothesis's mean that the two-sided level-``level`` Hoeffding test
    of a weighted sum detects with ``power``: the critical radius plus the one-sided deviation of probability
    1 - power."""
    return hoeffding_sum_radius(squared_ranges, level) + math.sqrt(squared_ranges * math.log(1 / (1 - power)) / 2)


def _two_sample_scale(m: int, n: int) -> float:
    return 2 * m * n / (math.sqrt(m) + math.sqrt(n)) ** 2


def dkw_two_sample_p_value(a: np.ndarray, b: np.ndarray) -> float:
    """Distribution-free test that two independent i.i.d. samples (sizes m, n) come from the same law, any law,
    ties allowed. D = sup_t |F_a(t) - F_b(t)|; splitting D = ε_a + ε_b with ε_a √m = ε_b √n, the
    Dvoretzky–Kiefer–Wolfowitz inequality (Massart's constant) for each sample bounds P(D ≥ d) under the null
    hypothesis by 2e^{-2mε_a²} + 2e^{-2nε_b²} = 4 exp(-2mn d²/(√m + √n)²)."""
    a, b = np.sort(np.ravel(a)), np.sort(np.ravel(b))
    points = np.concatenate([a, b])
    distance = float(np.max(np.abs(np.searchsorted(a, points, side="right") / a.size
                                   - np.searchsorted(b, points, side="right") / b.size)))
    return min(1.0, 4 * math.exp(-_two_sample_scale(a.size, b.size) * distance**2))


def dkw_two_sample_detectable(m: int, n: int, level: float, power: float = 0.9) -> float:
    """Smallest sup-distance sup_t |F(t) - G(t)| between the two laws that :func:`dkw_two_sample_p_value` detects
    at ``level`` with ``power``: the critical distance plus the amount by which the two empirical distribution
    functions together stray from theirs with probability at most 1 - power (the same DKW bound)."""
    scale = _two_sample_scale(m, n)
    return math.sqrt(math.log(4 / level) / scale) + math.sqrt(math.log(4 / (1 - power)) / scale)


def holm(p_values: Sequence[float], family_alpha: float) -> list[bool]:
    """Holm's step-down procedure: which hypotheses are rejected at family-wise level ``family_alpha``."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    rejected = [False] * m
    for rank, i in enumerate(order):
        if p_values[i] > family_alpha / (m - rank):
            break
        rejected[i] = True
    return rejected
