"""The perceptron implementations and strategies, and scikit-learn's configurations."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from impls.adapters.sklearn_perceptron import SklearnPerceptron, SklearnPerceptronFit
from impls.perceptron import Perceptron, Trace
from theorems import check_impl
from theorems.engine import Verdict
from theorems.topics.perceptron.strategies import Dataset, separable_datasets

ADAPTERS = "impls.adapters.sklearn_perceptron"


@settings(max_examples=40, deadline=None)
@given(separable_datasets(bias=None))
def test_generated_data_is_separated_with_a_positive_margin(data: Dataset) -> None:
    assert data.gamma > 0
    assert np.isclose(np.linalg.norm(data.w_star), 1)
    assert data.max_margin[0] >= data.gamma
    assert data.max_margin[0] <= data.R * (1 + 1e-12)


@settings(max_examples=25, deadline=None)
@given(separable_datasets(bias=None, max_samples=6))
def test_sklearn_one_sample_adapter_makes_the_reference_updates(data: Dataset) -> None:
    ours = Perceptron().fit(data.X, data.y, bias=data.bias)
    theirs = SklearnPerceptron().fit(data.X, data.y, bias=data.bias)
    assert theirs.updated_on == ours.updated_on
    assert np.allclose(theirs.weights, ours.weights) and np.allclose(theirs.biases, ours.biases)


@settings(max_examples=20, deadline=None)
@given(separable_datasets(bias=None, max_samples=6), st.integers(0, 2))
def test_sklearn_fit_adapter_without_tol_makes_the_reference_updates(data: Dataset, _: int) -> None:
    ours = Perceptron().fit(data.X, data.y, bias=data.bias)
    theirs = SklearnPerceptronFit(tol=None, max_iter=200).fit(data.X, data.y, bias=data.bias)
    assert theirs.updated_on[: len(ours.updated_on)] == ours.updated_on


def test_sklearn_passes_the_canonical_claims() -> None:
    results = check_impl("perceptron", f"{ADAPTERS}:SklearnPerceptron",
                         claims=["perceptron.update_rule", "perceptron.novikoff_mistake_bound",
                                 "perceptron.sgd_on_perceptron_loss"])
    assert {r.cid: r.verdict for r in results} == dict.fromkeys(
        ["perceptron.update_rule", "perceptron.novikoff_mistake_bound", "perceptron.sgd_on_perceptron_loss"],
        Verdict.HOLDS)


def test_sklearn_default_tol_stops_before_separating_and_is_caught() -> None:
    """sklearn's default tol=1e-3 ends training on a loss plateau; Novikoff's claim (it stops at a separator) fails."""
    [result] = check_impl("perceptron", f"{ADAPTERS}:default_configuration",
                          claims=["perceptron.novikoff_mistake_bound"])
    assert result.verdict is Verdict.REFUTED
    assert "separates" in result.reason


class ShortTrace(Perceptron):
    """Returns a trace that has lost its starting iterate."""

    def fit(self, X, y, **kw) -> Trace:
        trace = super().fit(X, y, **kw)
        return Trace(trace.weights[1:], trace.biases[1:], trace.updated_on, trace.epochs)


class NanStep(Perceptron):
    """Returns NaN weights from every step."""

    def step(self, w, b, x, y):
        return np.full_like(w, np.nan), b


def test_the_boundary_rejects_a_malformed_trace_and_a_non_finite_step() -> None:
    results = check_impl("perceptron", "tests.test_perceptron:ShortTrace", claims=["perceptron.update_rule"])
    results += check_impl("perceptron", "tests.test_perceptron:NanStep", claims=["perceptron.sgd_on_perceptron_loss"])
    assert [r.verdict for r in results] == [Verdict.ERROR, Verdict.ERROR]
    assert "trace.weights has shape" in results[0].reason
    assert "step() weights is not finite" in results[1].reason
