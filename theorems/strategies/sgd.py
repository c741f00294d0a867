"""Finite sums of quadratics with exact constants, quadratic objectives for optimizer trajectories,
hyperparameters and matrices for Muon."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from impls.sgd import FiniteSum

unit_floats = st.floats(-1, 1, allow_nan=False, allow_infinity=False)


def finite_sum_from(factors: np.ndarray, centers: np.ndarray, curvature: float, ridge: float) -> FiniteSum:
    """Components with Hessians H_i = curvature (B_i B_iᵀ + ridge I): convex, and f strongly convex if ridge > 0."""
    d = factors.shape[1]
    H = curvature * (np.einsum("nij,nkj->nik", factors, factors) + ridge * np.eye(d))
    return FiniteSum(H, centers)


def random_finite_sum(rng: np.random.Generator, *, max_n: int = 6, max_dim: int = 3) -> FiniteSum:
    """A finite sum for Monte-Carlo searches, curvature over four decades, drawn from ``rng``; half of them
    with one Hessian shared by all components (only the centers differ), where the SGD noise is largest
    relative to the curvature."""
    n, d = int(rng.integers(2, max_n + 1)), int(rng.integers(1, max_dim + 1))
    factors = rng.normal(size=(n, d, d)) * rng.uniform(0, 1, size=(n, 1, 1))
    if rng.random() < 0.5:
        factors = np.broadcast_to(factors[:1], factors.shape)
    return finite_sum_from(factors, rng.normal(size=(n, d)) * 10 ** rng.uniform(-1, 1),
                           10 ** rng.uniform(-2, 2), 10 ** rng.uniform(-2, 0))


@st.composite
def finite_sums(draw: st.DrawFn, *, max_n: int = 5, max_dim: int = 3) -> FiniteSum:
    """Strongly convex finite sums of convex quadratics, f = (1/n) Σ f_i, constants exact."""
    n, d = draw(st.integers(2, max_n)), draw(st.integers(1, max_dim))
    factors = draw(hnp.arrays(np.float64, (n, d, d), elements=unit_floats))
    centers = draw(hnp.arrays(np.float64, (n, d), elements=st.floats(-10, 10, allow_nan=False)))
    curvature = 10.0 ** draw(st.integers(-2, 2))
    return finite_sum_from(factors, centers, curvature, draw(st.floats(1e-2, 1.0)))


@dataclass(frozen=True)
class Quadratic:
    """f(x) = ½ (x - x*)ᵀ A (x - x*), A positive definite, x a vector or a matrix (A acts on its entries)."""

    A: np.ndarray
    minimizer: np.ndarray

    def gradient(self, x: np.ndarray) -> np.ndarray:
        return (self.A @ (x - self.minimizer).ravel()).reshape(x.shape)


@dataclass(frozen=True)
class Run:
    """One optimizer run to compare step by step: objective, start, steps and hyperparameters."""

    objective: Quadratic
    x0: np.ndarray
    steps: int
    hyper: Mapping[str, float]

    def describe(self) -> dict[str, object]:
        return {"A": self.objective.A.tolist(), "x*": self.objective.minimizer.tolist(), "x0": self.x0.tolist(),
                "steps": self.steps, "hyper": dict(self.hyper)}


def log_uniform(lo: int, hi: int) -> st.SearchStrategy[float]:
    """10**u for u uniform in [lo, hi]: scales over several decades."""
    return st.floats(lo, hi).map(lambda u: float(10.0**u))


decay_rates = st.floats(0.0, 0.999)
HYPERPARAMETERS: Mapping[str, Mapping[str, st.SearchStrategy[float]]] = {
    "adagrad": {"lr": log_uniform(-3, 0), "eps": log_uniform(-10, -1)},
    "rmsprop": {"lr": log_uniform(-3, 0), "alpha": decay_rates, "eps": log_uniform(-10, -1)},
    "adam": {"lr": log_uniform(-3, 0), "beta1": decay_rates, "beta2": decay_rates, "eps": log_uniform(-10, -1)},
    "signsgd": {"lr": log_uniform(-3, 0)},
    "muon": {"lr": log_uniform(-3, 0), "momentum": decay_rates},
}
HYPERPARAMETERS = {**HYPERPARAMETERS, "amsgrad": HYPERPARAMETERS["adam"]}


@st.composite
def runs(draw: st.DrawFn, method: str, *, max_dim: int = 4, max_steps: int = 12) -> Run:
    """A quadratic with gradients over six decades of scale (so that ε matters), a start and hyperparameters."""
    if method == "muon":
        d_out, d_in = draw(st.integers(1, 4)), draw(st.integers(1, 4))
        shape: tuple[int, ...] = (d_out, d_in)
        size = d_out * d_in
    else:
        size = draw(st.integers(1, max_dim))
        shape = (size,)
    B = draw(hnp.arrays(np.float64, (size, size), elements=unit_floats))
    scale = 10.0 ** draw(st.integers(-5, 1))
    minimizer = draw(hnp.arrays(np.float64, shape, elements=st.floats(-10, 10, allow_nan=False)))
    x0 = draw(hnp.arrays(np.float64, shape, elements=st.floats(-10, 10, allow_nan=False)))
    hyper = {name: draw(strategy) for name, strategy in HYPERPARAMETERS[method].items()}
    objective = Quadratic(scale * (B @ B.T + 1e-2 * np.eye(size)), minimizer)
    return Run(objective, x0, draw(st.integers(1, max_steps)), hyper)


matrices = st.tuples(st.integers(1, 5), st.integers(1, 5)).flatmap(
    lambda shape: hnp.arrays(np.float64, shape, elements=st.floats(-10, 10, allow_nan=False))
).filter(lambda G: np.linalg.norm(G) > 1e-3)
