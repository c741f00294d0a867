"""The torch.optim adapter agrees with the numpy reference, and the exact second moments with simulation."""

from __future__ import annotations

import numpy as np
import pytest

from impls.adapters.torch_adaptive import TorchOptimizers
from impls.sgd import Optimizers, polar_factor
from theorems.sgd import exact_second_moments, iterate_radii
from theorems.strategies.sgd import random_finite_sum


@pytest.mark.parametrize("method", ["adagrad", "rmsprop", "adam", "amsgrad", "signsgd"])
def test_torch_matches_reference(method: str) -> None:
    A, target = np.diag([1.0, 1e-3, 5.0]), np.array([1.0, -2.0, 0.5])
    hyper = {"lr": 0.1, "eps": 1e-3, "alpha": 0.9, "beta1": 0.8, "beta2": 0.9}
    names = Optimizers().defaults(method)
    hyper = {k: v for k, v in hyper.items() if k in names}
    ours = Optimizers().trajectory(method, np.zeros(3), lambda x: A @ (x - target), 30, hyper)
    theirs = TorchOptimizers().trajectory(method, np.zeros(3), lambda x: A @ (x - target), 30, hyper)
    np.testing.assert_allclose(theirs, ours, rtol=1e-12, atol=1e-14)


def test_exact_second_moments_match_simulation() -> None:
    rng = np.random.default_rng(0)
    problem = random_finite_sum(rng)
    eta, e0, steps = 0.5 / problem.L, np.ones(problem.dim), 20
    exact = exact_second_moments(problem, eta, e0, steps)[-1]
    final = Optimizers().sgd(problem, np.tile(problem.minimizer + e0, (40_000, 1)), eta, steps, 1, rng)
    simulated = np.sum((final - problem.minimizer) ** 2, axis=1)
    assert abs(simulated.mean() - exact) < 6 * simulated.std() / np.sqrt(simulated.size)


def test_polar_factor_of_rank_deficient_matrix_keeps_its_null_space() -> None:
    assert np.array_equal(polar_factor(np.zeros((2, 3))), np.zeros((2, 3)))
    M = np.outer([1.0, 2.0], [3.0, 0.0, 4.0])
    P = polar_factor(M)
    np.testing.assert_allclose(P, M / np.linalg.norm(M), atol=1e-15)


def test_iterate_radii_bound_every_chain() -> None:
    rng = np.random.default_rng(1)
    problem = random_finite_sum(rng)
    eta, e0, steps = 0.9 / problem.L, np.ones(problem.dim), 15
    final = Optimizers().sgd(problem, np.tile(problem.minimizer + e0, (5_000, 1)), eta, steps, 1, rng)
    radius = iterate_radii(problem, eta, e0, steps)[-1]
    assert np.linalg.norm(final - problem.minimizer, axis=1).max() <= radius * (1 + 1e-12)
