"""Unit tests of the optimizers, the torch.optim adapter and the optim topic's objective families."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from impls.adapters.torch_optim import TorchOptimizers
from impls.optim import Optimizers, polar_factor
from theorems.topics.optim.accelerated import sbc_betas
from theorems.topics.optim.strategies import KNS_L, KNS_PL, Problem, smooth_problems
from theorems.topics.optim.trajectories import exact_line_search

FAST = settings(max_examples=40, deadline=None, database=None)


def quadratic_gradient(dim: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(dim, dim))
    Q = A @ A.T + np.eye(dim)
    return lambda x: Q @ x, rng.normal(size=dim)


@pytest.mark.parametrize("betas", [[0.9] * 15, [0.0, 0.5, 0.0, 0.3, 0.7], sbc_betas(None, 20),  # type: ignore[arg-type]
                                   [0.5, 5e-324, 0.3, 1e-200, 0.9]],
                         ids=["constant", "with zeros", "su-boyd-candes", "subnormal"])
@pytest.mark.parametrize("method", ["heavy_ball", "nesterov"])
def test_torch_sgd_matches_the_reference(method: str, betas: list[float]) -> None:
    grad, x0 = quadratic_gradient(3)
    expected = getattr(Optimizers(), method)(grad, x0, 0.05, betas)
    actual = getattr(TorchOptimizers(), method)(grad, x0, 0.05, betas)
    np.testing.assert_allclose(actual, expected, rtol=1e-12, atol=1e-12)


def test_torch_plain_sgd_matches_the_reference() -> None:
    grad, x0 = quadratic_gradient(4, seed=1)
    np.testing.assert_allclose(TorchOptimizers().gd(grad, x0, 0.1, 10), Optimizers().gd(grad, x0, 0.1, 10), rtol=1e-12)


@pytest.mark.parametrize("method", ["adagrad", "rmsprop", "adam", "amsgrad", "signsgd"])
def test_torch_adaptive_matches_the_reference(method: str) -> None:
    A, target = np.diag([1.0, 1e-3, 5.0]), np.array([1.0, -2.0, 0.5])
    hyper = {"lr": 0.1, "eps": 1e-3, "alpha": 0.9, "beta1": 0.8, "beta2": 0.9}
    names = Optimizers().defaults(method)
    hyper = {k: v for k, v in hyper.items() if k in names}
    ours = Optimizers().trajectory(method, np.zeros(3), lambda x: A @ (x - target), 30, hyper)
    theirs = TorchOptimizers().trajectory(method, np.zeros(3), lambda x: A @ (x - target), 30, hyper)
    np.testing.assert_allclose(theirs, ours, rtol=1e-12, atol=1e-14)


def test_torch_muon_is_not_the_printed_update() -> None:
    """torch's Muon orthogonalizes by Newton–Schulz and scales by max(1, d_out/d_in)^½, not √(d_out/d_in):
    the claim optim.muon_update refutes it."""
    target = np.arange(6.0).reshape(2, 3)
    hyper = {"lr": 0.1, "momentum": 0.5}
    ours = Optimizers().trajectory("muon", np.zeros((2, 3)), lambda x: x - target, 3, hyper)
    theirs = TorchOptimizers().trajectory("muon", np.zeros((2, 3)), lambda x: x - target, 3, hyper)
    assert not np.allclose(theirs, ours, rtol=1e-6)


def test_polar_factor_of_rank_deficient_matrix_keeps_its_null_space() -> None:
    assert np.array_equal(polar_factor(np.zeros((2, 3))), np.zeros((2, 3)))
    M = np.outer([1.0, 2.0], [3.0, 0.0, 4.0])
    P = polar_factor(M)
    np.testing.assert_allclose(P, M / np.linalg.norm(M), atol=1e-15)


def test_kns_pl_constant_is_certified_on_a_fine_grid() -> None:
    x = np.linspace(-40, 40, 800_001)
    x = x[x != 0]
    h = x**2 + 3 * np.sin(x) ** 2
    dh = 2 * x + 3 * np.sin(2 * x)
    assert np.min(0.5 * dh**2 / h) >= KNS_PL
    assert np.max(np.abs(2 + 6 * np.cos(2 * x))) <= KNS_L


@FAST
@given(smooth_problems(), st.integers(0, 2**32 - 1))
def test_family_constants_hold_at_random_points(problem: Problem, seed: int) -> None:
    rng = np.random.default_rng(seed)
    for x in (problem.x0, rng.normal(size=problem.dim) * 5):
        eigs = np.linalg.eigvalsh(problem.hess(x))
        assert np.abs(eigs).max() <= problem.L * (1 + 1e-9)
        if problem.convex:
            assert eigs.min() >= problem.mu - 1e-9 * problem.L
        x_star = problem.nearest_minimizer(x)
        assert np.linalg.norm(problem.grad(x_star)) <= 1e-7 * problem.L * (1 + np.abs(x_star).max())
        assert abs(problem.f(x_star) - problem.f_star) <= 1e-7 * (1 + abs(problem.f_star))
        assert problem.f(x) >= problem.f_star - 1e-9 * (1 + abs(problem.f_star))


@FAST
@given(smooth_problems(max_dim=3))
def test_gradients_match_finite_differences(problem: Problem) -> None:
    x, h = problem.x0, 1e-6
    numeric = [(problem.f(x + h * e) - problem.f(x - h * e)) / (2 * h) for e in np.eye(problem.dim)]
    np.testing.assert_allclose(problem.grad(x), numeric, rtol=1e-4, atol=1e-4 * (1 + abs(problem.f(x))))


@FAST
@given(smooth_problems(max_dim=3))
def test_exact_line_search_does_at_least_as_well_as_one_over_l(problem: Problem) -> None:
    path = exact_line_search(problem, 1)
    x0 = problem.x0
    assert problem.f(path[1]) <= problem.f(x0 - problem.grad(x0) / problem.L) + 1e-9 * (1 + abs(problem.f(x0)))
