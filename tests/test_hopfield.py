"""The Hopfield implementations agree with each other, and the strategies make what they promise."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest
from hypothesis import given, settings

from impls.hopfield import Hopfield, perceptron_weights, simulate_retrieval
from theorems.topics.hopfield.dynamics import eventual_period
from theorems.topics.hopfield.fixed_points import expected_unstable, unit_instability
from theorems.topics.hopfield.strategies import Network, networks

reference = Hopfield(device="cpu")


@pytest.mark.parametrize("alpha", [0.08, 0.14, 0.25])
def test_batched_simulator_matches_reference_exactly(alpha: float) -> None:
    rng = np.random.default_rng(7)
    G, P, n = 3, 3, 120
    s = round(alpha * n)
    patterns = rng.choice(np.array([-1, 1], dtype=np.int8), size=(G, s, n))
    cues = np.where(rng.random((G, P, n)) < 0.1, -patterns[:, :P], patterns[:, :P])
    orders = np.argsort(rng.random((G, P, n)), axis=2)
    final = simulate_retrieval(patterns, cues, orders, device="cpu", max_bytes=2 * n * n * 4)
    for g in range(G):
        W = reference.hebbian(patterns[g], normalized=False)
        for p in range(P):
            expected = reference.run_async(W, np.zeros(n), cues[g, p], order=orders[g, p]).final
            assert np.array_equal(final[g, p], expected)


@settings(max_examples=60, deadline=None)
@given(networks())
def test_incremental_fields_match_recomputed_fields(net: Network) -> None:
    traj = reference.run_async(net.W, net.b, net.x, order=net.order)
    states = traj.states(net.x)
    assert np.array_equal(states[-1], traj.final)
    for state, unit in zip(states, traj.flips, strict=False):
        assert state[unit] * (net.W @ state + net.b)[unit] < 0


@settings(max_examples=40, deadline=None)
@given(networks(diagonal="zero"))
def test_strategy_gives_symmetric_zero_diagonal_weights(net: Network) -> None:
    assert np.array_equal(net.W, net.W.T) and not np.any(np.diag(net.W))
    assert sorted(net.order.tolist()) == list(range(net.n))


def test_unnormalised_hebbian_is_n_times_normalised() -> None:
    X = np.random.default_rng(0).choice([-1.0, 1.0], size=(5, 9))
    assert np.allclose(reference.hebbian(X, normalized=False), 9 * reference.hebbian(X))


def test_perceptron_weights_store_patterns_below_capacity() -> None:
    X = np.random.default_rng(1).choice([-1.0, 1.0], size=(4, 10, 20))
    W = perceptron_weights(X, max_epochs=200)
    assert np.all(X * np.einsum("gij,gtj->gti", W, X) > 0)
    assert not np.any(np.diagonal(W, axis1=1, axis2=2))


def test_exact_instability_law_matches_simulation_on_average() -> None:
    rng = np.random.default_rng(2)
    n, s, G = 200, 30, 400
    X = rng.choice([-1.0, 1.0], size=(G, s, n))
    field = np.einsum("gs,gsn->gn", np.einsum("gsn,gn->gs", X, X[:, 0]), X) - s * X[:, 0]
    measured = np.mean(X[:, 0] * field < 0)
    assert abs(measured - unit_instability(n, s)) < 5 * np.sqrt(unit_instability(n, s) / (G * n))
    assert expected_unstable(n, s) == pytest.approx(n * unit_instability(n, s))


def test_eventual_period() -> None:
    assert eventual_period(np.array([[1, -1], [-1, 1], [1, -1]], dtype=float)) == 2
    assert eventual_period(np.array([[1, 1], [1, 1]], dtype=float)) == 1


@pytest.mark.skipif(importlib.util.find_spec("neurodynex3") is None, reason="optional extra neurodynex3")
def test_neurodynex_adapter_reaches_the_same_kind_of_fixed_point() -> None:
    from impls.adapters.neurodynex_hopfield import NeurodynexHopfield

    rng = np.random.default_rng(3)
    X = rng.choice([-1.0, 1.0], size=(5, 60))
    W = reference.hebbian(X)
    b = rng.normal(size=60) * 0.05
    traj = NeurodynexHopfield(seed=1).run_async(W, b, -X[0], order=np.arange(60))
    assert traj.converged
    assert np.all(traj.final * (W @ traj.final + b) >= 0)
    assert np.array_equal(traj.states(-X[0])[-1], traj.final)
