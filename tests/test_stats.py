"""Meta-tests of the calibrated statistics: each test gives the level and the power it states."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats as sps

from theorems import stats as tstats


@pytest.mark.parametrize(("k", "n"), [(0, 10), (3, 10), (10, 10), (57, 400)])
def test_clopper_pearson_matches_scipy(k: int, n: int) -> None:
    ci = sps.binomtest(k, n).proportion_ci(confidence_level=0.99, method="exact")
    assert np.allclose(tstats.clopper_pearson(k, n, 0.01), (ci.low, ci.high))


def test_binomial_detectable_has_the_stated_power() -> None:
    n, p0, alpha = 2000, 0.5, 1e-6
    delta = tstats.binomial_detectable(n, p0, alpha)
    hi = sps.binom.isf(alpha / 2, n, p0)
    assert sps.binom.sf(hi, n, p0 + delta) >= 0.9
    assert 0.02 < delta < 0.1


def test_empirical_bernstein_is_calibrated_and_detects_an_excess() -> None:
    rng = np.random.default_rng(3)
    null = [tstats.empirical_bernstein_p_value(rng.uniform(0, 1, 500), 0.5, 1.0) <= 0.05 for _ in range(400)]
    lo, _ = tstats.clopper_pearson(sum(null), len(null), 1e-6)
    assert lo <= 0.05
    assert tstats.empirical_bernstein_p_value(rng.uniform(0.2, 1, 2000), 0.5, 1.0) < 1e-6


def test_binomial_one_sided_detectable_has_the_stated_power() -> None:
    trials, level = 200, 1e-6
    delta = tstats.binomial_one_sided_detectable(trials, level)
    critical = max(k for k in range(trials + 1) if sps.binom.cdf(k, trials, 0.5) <= level)
    assert sps.binom.cdf(critical, trials, 0.5 - delta) >= 0.9 > sps.binom.cdf(critical, trials, 0.5 - delta + 0.01)


def test_residual_tests_accept_white_noise_and_reject_a_mean_error() -> None:
    rng = np.random.default_rng(4)
    feature = rng.normal(size=4000)
    white = rng.normal(0, 0.5, 4000)
    assert min(tstats.residual_p_values(white, [feature], 0.25)) > 1e-6
    assert tstats.residual_p_values(white + 0.1 * feature, [feature], 0.25)[0] < 1e-6
    assert tstats.residual_p_values(white * 1.2, [feature], 0.25)[1] < 1e-6


def test_holm_is_step_down() -> None:
    assert tstats.holm([0.01, 0.04, 0.03], 0.05) == [True, False, False]
    assert tstats.holm([0.01, 0.02, 0.03], 0.06) == [True, True, True]
    assert tstats.holm([0.5, 1e-9], 1e-6) == [False, True]


def test_false_failure_rate_of_a_calibrated_test_is_at_most_its_level() -> None:
    """An exact binomial test at level 0.05 on 2000 true-null data sets rejects about 5% or less."""
    rng = np.random.default_rng(7)
    rejections = sum(tstats.binomial_p_value(int(rng.binomial(200, 0.3)), 200, 0.3) <= 0.05 for _ in range(2000))
    lo, _ = tstats.clopper_pearson(rejections, 2000, 1e-6)
    assert lo <= 0.05


def test_hoeffding_mean_p_value_is_the_hoeffding_tail() -> None:
    assert tstats.hoeffding_mean_p_value(0.5, 100, 0.5, 1.0) == 1.0
    assert np.isclose(tstats.hoeffding_mean_p_value(0.6, 1000, 0.5, 1.0), 2 * np.exp(-2 * 1000 * 0.01))
    rng = np.random.default_rng(5)
    rejections = sum(tstats.hoeffding_mean_p_value(rng.uniform(size=200).mean(), 200, 0.5, 1.0) <= 0.05
                     for _ in range(1000))
    assert rejections <= 50


def test_empirical_bernstein_radius_covers_the_mean() -> None:
    """Maurer–Pontil: the one-sided radius is exceeded with probability at most α/2."""
    rng = np.random.default_rng(6)
    alpha, n = 0.1, 300
    misses = 0
    for _ in range(500):
        x = rng.beta(2, 5, n)
        misses += x.mean() - 2 / 7 > tstats.empirical_bernstein_radius(float(x.var(ddof=1)), 1.0, n, alpha)
    lo, _ = tstats.clopper_pearson(misses, 500, 1e-6)
    assert lo <= alpha / 2


def test_variance_detectable_has_the_stated_power() -> None:
    n, level = 4000, 1e-6
    delta = tstats.variance_detectable(n, level)
    hi = sps.chi2.isf(level / 2, n)
    assert np.isclose(sps.chi2.sf(hi / (1 + delta), n) + sps.chi2.cdf(sps.chi2.ppf(level / 2, n) / (1 + delta), n), 0.9)
    assert 0.05 < delta < 0.3


def test_regression_detectable_has_the_stated_power() -> None:
    k, level = 3, 1e-6
    lam = tstats.regression_detectable(k, level)
    assert np.isclose(sps.ncx2.sf(sps.chi2.isf(level, k), k, lam), 0.9)


def test_uniform_range_p_value_is_exact_and_detects_a_narrower_range() -> None:
    rng = np.random.default_rng(5)
    p_values = np.array([tstats.uniform_range_p_value(rng.uniform(-2, 2, 50), 2.0) for _ in range(2000)])
    assert abs(float(np.mean(p_values <= 0.1)) - 0.1) < 0.03  # uniform p-values: exact level
    n, level = 10_000, 1e-8
    narrower = 2.0 * (1 - (1 - level ** (1 / n)))
    assert tstats.uniform_range_p_value(rng.uniform(-narrower, narrower, n), 2.0) <= level
    assert tstats.uniform_range_p_value(np.array([0.5, 2.5]), 2.0) == 0.0


def test_hoeffding_sum_is_calibrated_and_has_the_stated_power() -> None:
    rng = np.random.default_rng(5)
    weights = np.concatenate([np.full(200, 0.01), np.full(100, -0.03)])
    squared = float(np.sum(weights**2))
    p = np.linspace(0.05, 0.95, weights.size)
    mean = float(weights @ p)
    sums = (rng.random((2000, weights.size)) < p).astype(float) @ weights
    null = np.array([tstats.hoeffding_sum_p_value(abs(s - mean), squared) for s in sums])
    assert np.mean(null <= 0.05) <= 0.05
    shift = tstats.hoeffding_sum_detectable(squared, 0.05)
    shifted = np.array([tstats.hoeffding_sum_p_value(abs(s + shift - mean), squared) for s in sums])
    assert np.mean(shifted <= 0.05) >= 0.9


def test_dkw_two_sample_is_calibrated_with_ties_and_has_the_stated_power() -> None:
    rng = np.random.default_rng(6)
    m, n, level = 300, 200, 0.05
    null = [tstats.dkw_two_sample_p_value(rng.binomial(6, 0.4, m), rng.binomial(6, 0.4, n)) for _ in range(400)]
    assert np.mean(np.array(null) <= level) <= level
    gap = tstats.dkw_two_sample_detectable(m, n, level)
    # U(0, 1) against U(gap, 1 + gap): the distribution functions are exactly ``gap`` apart in sup-distance
    shifted = [tstats.dkw_two_sample_p_value(rng.random(m), rng.random(n) + gap) for _ in range(400)]
    assert np.mean(np.array(shifted) <= level) >= 0.9
