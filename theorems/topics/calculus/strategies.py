"""Instances for the derivative checks: dimensions, a point, constant matrices and vectors, smooth maps.

Every identity of this topic holds for all matrices, so the constant matrices are drawn across the whole
range the claims allow: well conditioned, ill conditioned (singular values spread over up to 16
decades, condition numbers to 1e16) and exactly singular (rank deficient), at scales from 1e-3 to 1e3.
The smooth maps f, g, h, u, v are tanh/sin/cos of affine maps whose inner matrices are scaled by
1/(1 + ‖x‖), so that their arguments stay O(1) and the libraries' rounding of them is comparable.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy


def conditioned(rng: np.random.Generator, rows: int, cols: int, decades: float, rank: int, scale: float) -> np.ndarray:
    """``U diag(s) Vᵀ`` with random orthogonal U, V, singular values from ``scale`` down to
    ``scale·10^-decades`` and all but the first ``rank`` of them exactly zero."""
    k = min(rows, cols)
    u, _ = np.linalg.qr(rng.standard_normal((rows, k)))
    v, _ = np.linalg.qr(rng.standard_normal((cols, k)))
    s = scale * np.logspace(0.0, -decades, k)
    s[rank:] = 0.0
    return (u * s) @ v.T


@dataclass(frozen=True)
class Case:
    """One instance: x ∈ Rⁿ, matrix variables X ∈ R^{n×m}, Y ∈ R^{m×n}, and constants named as in the
    documents (a, b ∈ Rⁿ or Rᵐ as the claim needs, c a scalar, Q ∈ R^{n×n}, A, D ∈ R^{m×n}, B ∈ R^{n×m},
    C ∈ R^{m×m}); F, G, p, q, r, s parametrise the smooth maps of :mod:`.derivatives`."""

    x: np.ndarray
    X: np.ndarray
    Y: np.ndarray
    a: np.ndarray
    b: np.ndarray
    am: np.ndarray
    bm: np.ndarray
    e: np.ndarray
    c: float
    Q: np.ndarray
    A: np.ndarray
    B: np.ndarray
    C: np.ndarray
    D: np.ndarray
    F: np.ndarray
    G: np.ndarray
    p: np.ndarray
    q: np.ndarray
    r: np.ndarray
    s: np.ndarray

    @property
    def n(self) -> int:
        return self.x.size

    @property
    def m(self) -> int:
        return self.e.size

    def describe(self) -> dict[str, Any]:
        return {f.name: np.asarray(getattr(self, f.name)).tolist() for f in fields(self)}


def _case(seed: int, n: int, m: int, decades: float, deficit: int, log_scale: float) -> Case:
    rng = np.random.default_rng(seed)
    scale = 10.0**log_scale

    def matrix(rows: int, cols: int) -> np.ndarray:
        return conditioned(rng, rows, cols, decades, max(0, min(rows, cols) - deficit), scale)

    def vector(size: int) -> np.ndarray:
        return scale * rng.standard_normal(size)

    x = vector(n)
    inner = 1.0 / (1.0 + float(np.linalg.norm(x)))
    return Case(
        x=x, X=matrix(n, m), Y=matrix(m, n), a=vector(n), b=vector(n), am=vector(m), bm=vector(m), e=vector(m),
        c=float(scale * rng.standard_normal()), Q=matrix(n, n), A=matrix(m, n), B=matrix(n, m), C=matrix(m, m),
        D=matrix(m, n), F=inner * rng.standard_normal((m, n)), G=inner * rng.standard_normal((m, n)),
        p=rng.standard_normal(m), q=rng.standard_normal(m), r=inner * rng.standard_normal(n),
        s=inner * rng.standard_normal(n),
    )


def cases() -> SearchStrategy[Case]:
    """Dimensions 1-4 (n ≠ m included, so that a transposed result has the wrong shape), condition
    numbers from 1 to 1e16, rank deficits of 0-2 (singular matrices), scales 1e-3 to 1e3."""
    return st.builds(_case, st.integers(0, 2**32 - 1), st.integers(1, 4), st.integers(1, 4),
                     st.floats(0.0, 16.0), st.sampled_from([0, 0, 1, 2]), st.floats(-3.0, 3.0))


@dataclass(frozen=True)
class Expansion:
    """A point x, a displacement d and φ(x) = Σ_k c_k sin(w_kᵀx + β_k), whose third directional
    derivatives are bounded by M₃ = Σ_k |c_k| ‖w_k‖³."""

    x: np.ndarray
    d: np.ndarray
    c: np.ndarray
    W: np.ndarray
    beta: np.ndarray

    @property
    def third_derivative_bound(self) -> float:
        return float(np.sum(np.abs(self.c) * np.linalg.norm(self.W, axis=1) ** 3))

    def describe(self) -> dict[str, Any]:
        return {f.name: np.asarray(getattr(self, f.name)).tolist() for f in fields(self)}


def _expansion(seed: int, n: int, terms: int, log_radius: float) -> Expansion:
    rng = np.random.default_rng(seed)
    d = rng.standard_normal(n)
    return Expansion(x=rng.standard_normal(n), d=10.0**log_radius * d / np.linalg.norm(d),
                     c=rng.standard_normal(terms), W=rng.standard_normal((terms, n)),
                     beta=rng.uniform(0, 2 * np.pi, terms))


def expansions() -> SearchStrategy[Expansion]:
    """Points, displacements of length 1e-3 to 1 and sums of 1-3 sines in 1-4 variables."""
    return st.builds(_expansion, st.integers(0, 2**32 - 1), st.integers(1, 4), st.integers(1, 3), st.floats(-3.0, 0.0))
