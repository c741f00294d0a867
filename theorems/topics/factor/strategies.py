"""Generated instances: factor models with loadings and noise levels over four orders of magnitude, and data."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy


@dataclass(frozen=True)
class FactorModel:
    """x = μ + W z + η, z ~ N(0, I_m), η ~ N(0, diag(psi)); W = U diag(s) Vᵀ with known singular values ``s``
    (some exactly 0 when W is rank-deficient), and observed points X (one per row)."""

    W: np.ndarray
    psi: np.ndarray
    mu: np.ndarray
    X: np.ndarray
    s: np.ndarray

    @property
    def s_min(self) -> float:
        """The smallest non-zero singular value of W."""
        return float(self.s[self.s > 0].min())


def square(k: int) -> SearchStrategy[np.ndarray]:
    """A k × k matrix A + (k + 1)I, the entries of A in [-1, 1]: strictly diagonally dominant, so invertible."""
    raw = st.lists(st.floats(-1.0, 1.0), min_size=k * k, max_size=k * k)
    return raw.map(lambda a: np.reshape(a, (k, k)) + (k + 1) * np.eye(k))


def orthogonal(draw: st.DrawFn, k: int) -> np.ndarray:
    """A k × k orthogonal matrix: the Q factor of a generated matrix."""
    return np.linalg.qr(draw(square(k)))[0]


def log_uniform(draw: st.DrawFn, k: int, low: float, high: float) -> np.ndarray:
    return 10.0 ** np.array(draw(st.lists(st.floats(low, high), min_size=k, max_size=k)))


@st.composite
def factor_models(draw: st.DrawFn, *, decades: float = 2.0, deficient: bool = False, isotropic: bool = False,
                  max_latent: int = 3) -> FactorModel:
    """n ∈ 1..4 observed, m ∈ 1..``max_latent`` latent dimensions; singular values of W and noise variances
    log-uniform in 10^[-decades, decades]; ``deficient``: some singular values (never all) may be exactly 0;
    ``isotropic``: Ψ = σ²I (PPCA)."""
    n, m = draw(st.integers(1, 4)), draw(st.integers(1, max_latent))
    r = min(n, m)
    s = log_uniform(draw, r, -decades, decades)
    if deficient:
        zeros = draw(st.lists(st.booleans(), min_size=r, max_size=r))
        s = np.where(np.array(zeros) & (np.arange(r) > 0), 0.0, s)
    W = orthogonal(draw, n)[:, :r] @ np.diag(s) @ orthogonal(draw, m)[:, :r].T
    psi = np.repeat(log_uniform(draw, 1, -decades, decades), n) if isotropic else log_uniform(draw, n, -decades,
                                                                                              decades)
    points = draw(st.integers(1, 3))
    mu = np.array(draw(st.lists(st.floats(-3.0, 3.0), min_size=n, max_size=n)))
    X = mu + np.reshape(draw(st.lists(st.floats(-5.0, 5.0), min_size=n * points, max_size=n * points)), (points, n))
    return FactorModel(W, psi, mu, X, np.sort(s)[::-1])


@st.composite
def data_sets(draw: st.DrawFn, *, rank: int | None = None) -> tuple[np.ndarray, int]:
    """N points in R^n (n ∈ 2..4, N ∈ 8..40) with principal variances over three decades, and q ∈ 1..n-1.
    ``rank``: the centred data span exactly q dimensions (the zero-noise case), no isotropic part."""
    n = draw(st.integers(2, 4))
    q = draw(st.integers(1, n - 1))
    N = draw(st.integers(8, 40))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    scales = log_uniform(draw, n, -1.5, 1.5)
    if rank is not None:
        scales[q:] = 0.0
    basis = np.linalg.qr(rng.standard_normal((n, n)))[0]
    X = rng.standard_normal((N, n)) * scales @ basis.T + rng.uniform(-3.0, 3.0, n)
    return X, q


def random_model(rng: np.random.Generator, n: int, m: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(μ, W, psi) for a Monte-Carlo check: entries of W in [-2, 2], noise variances in [0.3, 2]."""
    return rng.uniform(-2.0, 2.0, n), rng.uniform(-2.0, 2.0, (n, m)), rng.uniform(0.3, 2.0, n)
