"""Generated instances: Gaussians given by a mean and a Cholesky scale, and linear-Gaussian models."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy


@dataclass(frozen=True)
class Gaussian:
    """N(mu, L Lᵀ) with L lower-triangular, positive diagonal."""

    mu: np.ndarray
    scale: np.ndarray

    @property
    def cov(self) -> np.ndarray:
        return self.scale @ self.scale.T


@dataclass(frozen=True)
class LinearGaussian:
    """z ~ N(0, I_m), x | z ~ N(W z + c, noise_var I_n), an observed x and an approximate posterior q."""

    W: np.ndarray
    c: np.ndarray
    noise_var: float
    x: np.ndarray
    q: Gaussian


def vectors(d: int, limit: float = 5.0) -> SearchStrategy[np.ndarray]:
    return st.lists(st.floats(-limit, limit), min_size=d, max_size=d).map(np.array)


@st.composite
def gaussians(draw: st.DrawFn, d: int | None = None, spread: tuple[float, float] = (0.05, 3.0)) -> Gaussian:
    """A Gaussian on R^d (d from 1 to 3 unless given): mean in [-5, 5]^d, scale with diagonal in ``spread``."""
    d = d or draw(st.integers(1, 3))
    diagonal = draw(st.lists(st.floats(*spread), min_size=d, max_size=d))
    below = draw(st.lists(st.floats(-2.0, 2.0), min_size=d * (d - 1) // 2, max_size=d * (d - 1) // 2))
    scale = np.diag(diagonal)
    scale[np.tril_indices(d, -1)] = below
    return Gaussian(draw(vectors(d)), scale)


@st.composite
def linear_gaussians(draw: st.DrawFn) -> LinearGaussian:
    """A linear-Gaussian model with latent dimension 1-3 and data dimension 1-4, an x and a q."""
    m, n = draw(st.integers(1, 3)), draw(st.integers(1, 4))
    W = draw(st.lists(st.floats(-3.0, 3.0), min_size=m * n, max_size=m * n).map(lambda w: np.reshape(w, (n, m))))
    return LinearGaussian(W, draw(vectors(n)), draw(st.floats(0.05, 4.0)), draw(vectors(n)), draw(gaussians(m)))


def random_gaussian(rng: np.random.Generator, d: int) -> Gaussian:
    """A Gaussian for a Monte-Carlo check: scale diagonal in [0.3, 2], far from the identity it is tested against."""
    scale = np.tril(rng.uniform(-1.0, 1.0, (d, d)), -1) + np.diag(rng.uniform(0.3, 2.0, d) * rng.choice([0.6, 1.6], d))
    return Gaussian(rng.uniform(-2.0, 2.0, d), scale)


def random_symmetric(rng: np.random.Generator, d: int) -> np.ndarray:
    """A symmetric matrix with eigenvalues of modulus in [0.5, 2] (so well invertible), random signs."""
    q, _ = np.linalg.qr(rng.standard_normal((d, d)))
    return (q * (rng.uniform(0.5, 2.0, d) * rng.choice([-1.0, 1.0], d))) @ q.T
