"""Local quadratic models with a known eigen-decomposition, losses with known gradients, and vectors.

Every quantity the shrinkage claims speak of is exact here: ``H = Q diag(λ) Qᵀ`` is built from its
eigenvectors and eigenvalues, so the factors λ_i/(λ_i + μ) are computed from the data, not estimated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy


@dataclass(frozen=True)
class Quadratic:
    """The model ½(θ-θ*)ᵀH(θ-θ*) with H = Q diag(λ) Qᵀ (Q orthogonal, λ ≥ 0), and a penalty strength μ > 0."""

    Q: np.ndarray
    lam: np.ndarray
    theta_star: np.ndarray
    mu: float

    @property
    def H(self) -> np.ndarray:
        return (self.Q * self.lam) @ self.Q.T

    @property
    def condition(self) -> float:
        """cond(H + μI): the solve's rounding error is about this times ε."""
        return float((self.lam.max() + self.mu) / (self.lam.min() + self.mu))

    def gradient(self, theta: np.ndarray) -> np.ndarray:
        return self.H @ (theta - self.theta_star)

    def describe(self) -> dict[str, Any]:
        return {"eigenvalues λ": self.lam.tolist(), "Q": self.Q.tolist(), "θ*": self.theta_star.tolist(),
                "μ": self.mu}


def orthogonal(seed: int, d: int) -> np.ndarray:
    """A Haar-random d × d orthogonal matrix (QR of a Gaussian matrix, signs fixed)."""
    q, r = np.linalg.qr(np.random.default_rng(seed).standard_normal((d, d)))
    return q * np.sign(np.diag(r))


def _quadratic(seed: int, lam: list[float], theta: list[float], mu: float) -> Quadratic:
    d = min(len(lam), len(theta))
    return Quadratic(orthogonal(seed, d), np.array(lam[:d]), np.array(theta[:d]), mu)


def quadratics(
    eigenvalues: tuple[float, float] = (0.0, 100.0), mus: tuple[float, float] = (1e-3, 100.0), max_dim: int = 4
) -> SearchStrategy[Quadratic]:
    """A model of dimension 1 … ``max_dim`` with eigenvalues in ``eigenvalues`` and μ in ``mus``."""
    eig = st.floats(*eigenvalues, allow_subnormal=False)
    return st.builds(
        _quadratic,
        st.integers(0, 2**32 - 1),
        st.lists(eig, min_size=1, max_size=max_dim),
        st.lists(coordinates(), min_size=max_dim, max_size=max_dim),
        st.floats(*mus),
    )


def coordinates(limit: float = 10.0) -> SearchStrategy[float]:
    """0 or a coordinate with 1e-3 ≤ |x| ≤ ``limit``: far from underflow, where relative rounding holds."""
    return st.one_of(st.just(0.0), st.floats(1e-3, limit), st.floats(-limit, -1e-3))


def relative_quadratics(
    ratio: tuple[float, float], mus: tuple[float, float] = (1e-2, 10.0)
) -> SearchStrategy[Quadratic]:
    """A model whose eigenvalues are λ_i = r_i μ with every r_i in ``ratio``: the regimes λ ≪ μ or λ ≫ μ."""

    def scale(model: Quadratic) -> Quadratic:
        return Quadratic(model.Q, model.lam * model.mu, model.theta_star, model.mu)

    return quadratics(ratio, mus).map(scale)


def vectors(max_dim: int = 4, limit: float = 1e3) -> SearchStrategy[np.ndarray]:
    """A float64 vector of length 1 … ``max_dim``, entries 0 or 1e-3 ≤ |x| ≤ ``limit`` (no underflow in ‖v‖²)."""
    return st.lists(coordinates(limit), min_size=1, max_size=max_dim).map(np.array)


def radii() -> SearchStrategy[float]:
    """A ball radius, from tiny to large."""
    return st.one_of(st.floats(1e-6, 1.0), st.floats(1.0, 1e3))


def layer_stacks() -> SearchStrategy[tuple[list[np.ndarray], list[float]]]:
    """1 … 3 weight matrices of shapes up to 3 × 3, each with its penalty strength μ_l ≥ 0."""
    layer = st.tuples(st.integers(1, 3), st.integers(1, 3), st.integers(0, 2**32 - 1)).map(
        lambda s: np.random.default_rng(s[2]).uniform(-5, 5, size=(s[0], s[1])))
    return st.lists(st.tuples(layer, st.floats(0.0, 10.0)), min_size=1, max_size=3).map(
        lambda pairs: ([w for w, _ in pairs], [mu for _, mu in pairs]))


@dataclass(frozen=True)
class Descent:
    """A run of ``steps`` steps of size ``lr`` from ``x0`` on ``model``, with the weight decay ``model.mu``."""

    model: Quadratic
    x0: np.ndarray
    lr: float
    steps: int

    def describe(self) -> dict[str, Any]:
        return {**self.model.describe(), "x0": self.x0.tolist(), "η": self.lr, "steps": self.steps}


def _descent(model: Quadratic, x0: list[float], fraction: float, steps: int) -> Descent:
    return Descent(model, np.array(x0[: len(model.lam)]), fraction / (1 + model.lam.max() + model.mu), steps)


def descents(mus: tuple[float, float] = (0.0, 10.0), steps: tuple[int, int] = (1, 8)) -> SearchStrategy[Descent]:
    """GD runs on a model with eigenvalues in [0, 10] and the step η = s/(1 + λ_max + μ), s ∈ [0.01, 1.9]."""
    return st.builds(_descent, quadratics((0.0, 10.0), mus), st.lists(coordinates(), min_size=4, max_size=4),
                     st.floats(0.01, 1.9), st.integers(*steps))


@dataclass(frozen=True)
class AdamRun:
    """``steps`` Adam steps with the hyperparameters ``hyper`` and the weight decay ``model.mu``, from ``x0``."""

    model: Quadratic
    x0: np.ndarray
    steps: int
    hyper: dict[str, float]

    def describe(self) -> dict[str, Any]:
        return {**self.model.describe(), "x0": self.x0.tolist(), "steps": self.steps, **self.hyper}


def adam_runs() -> SearchStrategy[AdamRun]:
    """Adam runs of 1 … 6 steps with lr ∈ [1e-3, 0.3], β₁ ∈ [0, 0.99], β₂ ∈ [0.9, 0.9999], ε = 1e-8 and μ ∈ [0, 1]."""
    hyper = st.fixed_dictionaries({"lr": st.floats(1e-3, 0.3), "beta1": st.floats(0.0, 0.99),
                                   "beta2": st.floats(0.9, 0.9999), "eps": st.just(1e-8)})
    return descents((0.0, 1.0), (1, 6)).flatmap(
        lambda run: hyper.map(lambda h: AdamRun(run.model, run.x0, run.steps, h)))
