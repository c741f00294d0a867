"""The exact second moments of SGD agree with simulation, and the iterate radii bound every chain."""

from __future__ import annotations

import numpy as np

from impls.optim import Optimizers
from theorems.topics.sgd.convergence import exact_second_moments, iterate_radii
from theorems.topics.sgd.strategies import random_finite_sum


def test_exact_second_moments_match_simulation() -> None:
    rng = np.random.default_rng(0)
    problem = random_finite_sum(rng)
    eta, e0, steps = 0.5 / problem.L, np.ones(problem.dim), 20
    exact = exact_second_moments(problem, eta, e0, steps)[-1]
    final = Optimizers().sgd(problem, np.tile(problem.minimizer + e0, (40_000, 1)), eta, steps, 1, rng)
    simulated = np.sum((final - problem.minimizer) ** 2, axis=1)
    assert abs(simulated.mean() - exact) < 6 * simulated.std() / np.sqrt(simulated.size)


def test_iterate_radii_bound_every_chain() -> None:
    rng = np.random.default_rng(1)
    problem = random_finite_sum(rng)
    eta, e0, steps = 0.9 / problem.L, np.ones(problem.dim), 15
    final = Optimizers().sgd(problem, np.tile(problem.minimizer + e0, (5_000, 1)), eta, steps, 1, rng)
    radius = iterate_radii(problem, eta, e0, steps)[-1]
    assert np.linalg.norm(final - problem.minimizer, axis=1).max() <= radius * (1 + 1e-12)
