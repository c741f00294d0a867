"""Unit tests of the information-theory reference implementation, its SciPy adapter and the pair strategies."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings

from impls.infotheory import Divergences
from theorems.topics.infotheory.strategies import Pair, continuous_pairs, discrete_pairs

ref = Divergences()


def test_js_of_disjoint_supports_is_ln2() -> None:
    assert ref.js(np.array([1.0, 0.0]), np.array([0.0, 1.0])) == pytest.approx(math.log(2), abs=1e-15)


def test_js_with_subnormal_masses_stays_finite() -> None:
    assert math.isfinite(ref.js(np.array([5e-324, 1.0]), np.array([0.0, 1.0])))


def test_kl_is_infinite_without_absolute_continuity() -> None:
    assert ref.kl(np.array([0.5, 0.5]), np.array([1.0, 0.0])) == math.inf


def test_kl_of_subnormal_model_mass_does_not_overflow() -> None:
    assert ref.kl(np.array([0.9, 0.1]), np.array([1.0, 4e-320])) == pytest.approx(
        0.9 * math.log(0.9) + 0.1 * (math.log(0.1) - math.log(4e-320)), rel=1e-12)


@settings(max_examples=50, deadline=None)
@given(discrete_pairs())
def test_discrete_pairs_are_probability_vectors(pair: Pair) -> None:
    for v in (pair.p, pair.q):
        assert np.all(v >= 0) and abs(float(np.sum(v, dtype=float)) - 1) < pair.tolerance * 100


@settings(max_examples=10, deadline=None)
@given(continuous_pairs())
def test_continuous_pairs_integrate_to_one(pair: Pair) -> None:
    assert pair.dx is not None
    assert float(np.sum(pair.dx * pair.p)) == pytest.approx(1.0, abs=1e-10)
    assert float(np.sum(pair.dx * pair.q)) == pytest.approx(1.0, abs=1e-10)


def test_conditional_mutual_information_of_independent_feature_is_zero() -> None:
    from theorems.topics.infotheory.learning import conditional_mutual_information

    y_given_rest = np.array([[0.3, 0.6], [0.7, 0.4]])  # P(y | r), with P(r) uniform and x_j independent noise
    joint = y_given_rest[:, None, :] * np.array([0.2, 0.8])[None, :, None] * 0.5
    assert conditional_mutual_information(ref, joint) == pytest.approx(0.0, abs=1e-15)


def test_scipy_jensenshannon_nan_on_near_identical_float32_is_an_error_verdict() -> None:
    """SciPy's known failure (NaN from a negative rounding error under the square root) is caught."""
    from theorems import check_impl
    from theorems.engine import Verdict

    [result] = check_impl("infotheory", "impls.adapters.scipy_infotheory:ScipyDivergences",
                          claims=["infotheory.jsd_symmetric"])
    assert result.verdict is Verdict.ERROR and "nan" in result.reason
    assert result.counterexample["input"]["regime"] == "near-identical float32"
