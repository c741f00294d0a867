"""Small instances for the Bayesian checks: discrete targets with asymmetric proposals (exact rationals),
regression problems, energies and phase points."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

Chain = tuple[list[Fraction], list[list[Fraction]]]


def _normalised(weights: list[int]) -> list[Fraction]:
    total = sum(weights)
    return [Fraction(w, total) for w in weights]


@st.composite
def discrete_chains(draw: st.DrawFn, sizes: tuple[int, int] = (2, 4)) -> Chain:
    """A target π with positive rational entries and a rational proposal Π̃ with positive off-diagonal
    entries (irreducible, in general not symmetric)."""
    k = draw(st.integers(*sizes))
    target = _normalised(draw(st.lists(st.integers(1, 9), min_size=k, max_size=k)))
    proposal = [_normalised(draw(st.lists(st.integers(1, 9), min_size=k, max_size=k))) for _ in range(k)]
    return target, proposal


@st.composite
def regressions(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, float, float]:
    """(X, y, γ², σ²): n × d inputs with n, d ≤ 4 and variances in [0.05, 20]."""
    n, d = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    entry = st.floats(-3, 3)
    X = np.array(draw(st.lists(st.lists(entry, min_size=d, max_size=d), min_size=n, max_size=n)))
    y = np.array(draw(st.lists(entry, min_size=n, max_size=n)))
    return X, y, draw(st.floats(0.05, 20)), draw(st.floats(0.05, 20))


def energies() -> SearchStrategy[np.ndarray]:
    """Energies of 1 to 6 candidates, up to 1e5 (exp(-E) underflows for E > 745)."""
    return st.lists(st.floats(-1e5, 1e5), min_size=1, max_size=6).map(np.array)


def oscillators() -> SearchStrategy[tuple[float, float, float, float, int]]:
    """(ω, ε, θ₀, v₀, steps) with ε ω ≤ 1.9 (below the leapfrog stability limit 2)."""
    return st.tuples(st.floats(0.1, 3), st.floats(0.01, 1.9), st.floats(-3, 3), st.floats(-3, 3),
                     st.integers(1, 40)).filter(lambda c: c[0] * c[1] <= 1.9 and abs(c[2]) + abs(c[3]) > 1e-3)


def phase_points() -> SearchStrategy[tuple[np.ndarray, np.ndarray, float, int]]:
    """(θ, v, ε, steps) in two dimensions for the double-well energy."""
    vec = st.lists(st.floats(-2, 2), min_size=2, max_size=2).map(np.array)
    return st.tuples(vec, vec, st.floats(0.01, 0.3), st.integers(1, 20))
