"""Finite classes, discrete distributions, least-squares problems and the settings of the Monte-Carlo checks."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

DOMAIN = 3
FUNCTIONS = np.array(list(itertools.product((0, 1), repeat=DOMAIN)))
"""Every function from a three-point domain to {0, 1}, one per row."""


def every_class() -> list[np.ndarray]:
    """Every non-empty class of functions on the three-point domain (255 of them), as 0/1 tables."""
    return [FUNCTIONS[list(rows)] for size in range(1, len(FUNCTIONS) + 1)
            for rows in itertools.combinations(range(len(FUNCTIONS)), size)]


def thresholds(n: int) -> np.ndarray:
    """The classifiers x ↦ 1[x ≤ t] on n sorted points: the n + 1 prefixes, one per row."""
    return (np.arange(n)[None, :] < np.arange(n + 1)[:, None]).astype(int)


def sample_sizes(high: int = 20_000) -> SearchStrategy[int]:
    return st.integers(1, high)


def confidences() -> SearchStrategy[float]:
    """δ ∈ (0, 1), log-uniform from 1e-12."""
    return st.floats(-12.0, 0.0, exclude_max=True).map(lambda e: float(10.0**e))


def deviations() -> SearchStrategy[float]:
    return st.floats(1e-3, 1.0)


def distributions(size: int) -> SearchStrategy[np.ndarray]:
    """A distribution on ``size`` atoms with every mass in [1e-6, 1] before normalisation."""
    return st.lists(st.floats(1e-6, 1.0), min_size=size, max_size=size).map(lambda w: np.array(w) / np.sum(w))


def dv_cases() -> SearchStrategy[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(φ, P, Q) on 2 to 6 atoms: φ in [-30, 30], P with full support, Q possibly with atoms of mass 0."""

    def on(size: int) -> SearchStrategy[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        q = st.lists(st.one_of(st.just(0.0), st.floats(1e-6, 1.0)), min_size=size, max_size=size).filter(
            lambda w: sum(w) > 0).map(lambda w: np.array(w) / np.sum(w))
        phi = st.lists(st.floats(-30.0, 30.0), min_size=size, max_size=size).map(np.array)
        return st.tuples(phi, distributions(size), q)

    return st.integers(2, 6).flatmap(on)


def diag_gaussians() -> SearchStrategy[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(θ, σ, λ) of a posterior N(θ, diag σ²) and a prior N(0, diag λ²) in 1 to 5 dimensions."""

    def of(dim: int) -> SearchStrategy[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        def vec(lo: float, hi: float) -> SearchStrategy[np.ndarray]:
            return st.lists(st.floats(lo, hi), min_size=dim, max_size=dim).map(np.array)

        return st.tuples(vec(-100.0, 100.0), vec(1e-3, 100.0), vec(1e-3, 100.0))

    return st.integers(1, 5).flatmap(of)


def least_squares() -> SearchStrategy[tuple[np.ndarray, np.ndarray]]:
    """An underdetermined (X, y): n ≤ d/2 Gaussian rows (well conditioned) and a Gaussian target."""

    def build(seed: int, n: int, extra: int) -> tuple[np.ndarray, np.ndarray]:
        rng = np.random.default_rng(seed)
        d = 2 * n + extra
        return rng.standard_normal((n, d)), rng.standard_normal(n)

    return st.builds(build, st.integers(0, 2**32 - 1), st.integers(1, 6), st.integers(0, 6))
