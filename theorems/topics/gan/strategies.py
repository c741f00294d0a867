"""Games, discriminators and distributions on the line for the GAN claims (pairs of distributions are
:mod:`theorems.topics.infotheory.strategies`)."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from theorems.topics.infotheory.strategies import EXACT_REGIMES, Pair, discrete_pairs


def discrete_pairs_and_discriminators() -> st.SearchStrategy[tuple[Pair, np.ndarray]]:
    """A pair of distributions on at most 8 points and the values in (0, 1) of an arbitrary discriminator."""
    return st.tuples(discrete_pairs(regimes=EXACT_REGIMES),
                     hnp.arrays(np.float64, 8, elements=st.floats(1e-6, 1 - 1e-6)))


@st.composite
def bilinear_games(draw: st.DrawFn, *, max_step: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """``(A, θ₀, φ₀, η)`` for the game ``ℓ(θ, φ) = θᵀAφ`` with ``η‖A‖₂ ≤ max_step`` and ``A`` invertible."""
    n = draw(st.integers(1, 3))
    A = draw(hnp.arrays(np.float64, (n, n), elements=st.floats(-2, 2)))
    singular = np.linalg.svd(A, compute_uv=False)
    if singular[-1] < 1e-2 * max(singular[0], 1e-12):
        A = np.diag(np.linspace(1.0, 2.0, n))
        singular = np.linalg.svd(A, compute_uv=False)
    eta = draw(st.floats(0.05, max_step)) / singular[0]
    theta = draw(hnp.arrays(np.float64, n, elements=st.floats(-3, 3)))
    phi = draw(hnp.arrays(np.float64, n, elements=st.floats(-3, 3)))
    return A, theta, phi, eta


@st.composite
def disjoint_atoms(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Positions and masses of a real and a generated distribution on disjoint finite sets of the line."""
    positions = draw(st.lists(st.floats(-5, 5), min_size=2, max_size=8, unique=True).filter(
        lambda xs: np.min(np.diff(np.sort(xs))) > 1e-3))
    cut = draw(st.integers(1, len(positions) - 1))
    masses = np.asarray(draw(st.lists(st.floats(0.01, 1.0), min_size=len(positions), max_size=len(positions))))
    xs = np.asarray(positions)
    return xs[:cut], masses[:cut] / masses[:cut].sum(), xs[cut:], masses[cut:] / masses[cut:].sum()


@st.composite
def line_distributions(draw: st.DrawFn) -> tuple[np.ndarray, Pair]:
    """Two distributions on a common finite set of points of the line."""
    pair = draw(discrete_pairs(max_size=6, regimes=("generic", "identical", "disjoint")))
    points = draw(st.lists(st.floats(-5, 5), min_size=pair.size, max_size=pair.size, unique=True))
    return np.asarray(points), pair


@st.composite
def gradient_norms(draw: st.DrawFn) -> np.ndarray:
    """‖∇f_w(x̂)‖ at the interpolates x̂ of a critic; half the time their mean is exactly 1."""
    norms = draw(hnp.arrays(np.float64, draw(st.integers(1, 10)), elements=st.floats(0.0, 3.0)))
    if draw(st.booleans()) and norms.mean() > 0:
        norms = norms / norms.mean()
    return norms
