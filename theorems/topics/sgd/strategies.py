"""Finite sums of quadratics with exact constants."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from impls.optim import FiniteSum

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
