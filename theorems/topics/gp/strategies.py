"""Hypothesis strategies for the gp checks: points, regression problems, designs and priors."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

VALUE = st.floats(-3, 3, allow_subnormal=False)


def matrices(rows: SearchStrategy[int], cols: SearchStrategy[int], entries: SearchStrategy[float] = VALUE
             ) -> SearchStrategy[np.ndarray]:
    return st.tuples(rows, cols).flatmap(
        lambda shape: st.lists(entries, min_size=shape[0] * shape[1], max_size=shape[0] * shape[1])
        .map(lambda v: np.array(v, dtype=float).reshape(shape)))


def points(max_size: int = 6) -> SearchStrategy[np.ndarray]:
    """2 to ``max_size`` points of R^d, d ≤ 3, anywhere in [-3, 3]^d (repeated points included)."""
    return st.integers(1, 3).flatmap(lambda d: matrices(st.integers(2, max_size), st.just(d)))


@dataclass(frozen=True)
class Problem:
    """GP regression: training inputs on a lattice (distinct, so K is well conditioned), targets, test inputs."""

    X: np.ndarray
    y: np.ndarray
    X_star: np.ndarray
    gamma: float
    noise: float

    def describe(self) -> dict[str, object]:
        return {"X": self.X.tolist(), "y": self.y.tolist(), "X*": self.X_star.tolist(), "γ": self.gamma,
                "σ²": self.noise}


@st.composite
def problems(draw: st.DrawFn, *, noise_free: bool = False) -> Problem:
    """1-5 distinct lattice points of Z^d (d ≤ 3) in [-3, 3]^d, γ ∈ [0.5, 2], 1-3 test inputs anywhere in
    [-4, 4]^d, noise σ² = 0 (noise-free) or in [10⁻³, 2]."""
    d = draw(st.integers(1, 3))
    n = draw(st.integers(1, 5))
    lattice = draw(st.lists(st.tuples(*[st.integers(-3, 3)] * d), min_size=n, max_size=n, unique=True))
    X_star = draw(matrices(st.integers(1, 3), st.just(d), st.floats(-4, 4, allow_subnormal=False)))
    y = np.array(draw(st.lists(VALUE, min_size=n, max_size=n)))
    noise = 0.0 if noise_free else draw(st.one_of(st.just(0.0), st.floats(1e-3, 2.0)))
    return Problem(np.array(lattice, dtype=float), y, X_star, draw(st.floats(0.5, 2.0)), noise)


@dataclass(frozen=True)
class Design:
    """Linear regression y = Xw + ε: a design ``(n, d)``, targets, noise σ², a prior covariance and a test input."""

    X: np.ndarray
    y: np.ndarray
    noise: float
    prior: np.ndarray
    x_star: np.ndarray

    def describe(self) -> dict[str, object]:
        return {"X": self.X.tolist(), "y": self.y.tolist(), "σ²": self.noise, "Σ": self.prior.tolist(),
                "x*": self.x_star.tolist()}


@st.composite
def designs(draw: st.DrawFn, *, identity_prior: bool = False, sizes: tuple[int, int] | None = None) -> Design:
    """n ≤ 5 observations of d ≤ 3 features in [-3, 3] (``sizes`` fixes (n, d)), σ² ∈ [0.05, 2], and the
    prior I_d or AAᵀ + I/2 with A in [-1, 1]^{d×d}."""
    n, d = sizes or (draw(st.integers(1, 5)), draw(st.integers(1, 3)))
    X = draw(matrices(st.just(n), st.just(d)))
    y = np.array(draw(st.lists(VALUE, min_size=n, max_size=n)))
    A = draw(matrices(st.just(d), st.just(d), st.floats(-1, 1)))
    prior = np.eye(d) if identity_prior else A @ A.T + np.eye(d) / 2
    x_star = np.array(draw(st.lists(VALUE, min_size=d, max_size=d)))
    return Design(X, y, draw(st.floats(0.05, 2.0)), prior, x_star)
