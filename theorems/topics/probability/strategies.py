"""Hypothesis strategies for the probability checks: exact finite joint distributions, finite real
distributions, and parameters of the named families in ranges where their densities stay far from
float64 underflow."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from impls.probability import Params


def tables(shape: tuple[int, ...]) -> SearchStrategy[np.ndarray]:
    """A joint distribution of discrete variables, one axis each, as exact :class:`Fraction` entries
    (an object array of ``shape``) that are positive and sum to 1."""
    cells = int(np.prod(shape))

    def normalise(weights: list[int]) -> np.ndarray:
        total = sum(weights)
        return np.array([Fraction(w, total) for w in weights], dtype=object).reshape(shape)

    return st.lists(st.integers(1, 20), min_size=cells, max_size=cells).map(normalise)


def kernels(rows: int, columns: int) -> SearchStrategy[np.ndarray]:
    """A conditional distribution P(column | row): exact, positive, each row summing to 1."""
    return st.lists(tables((columns,)), min_size=rows, max_size=rows).map(lambda r: np.array(r, dtype=object))


def finite(
    values: SearchStrategy[float], sizes: tuple[int, int] = (1, 5)
) -> SearchStrategy[tuple[np.ndarray, np.ndarray]]:
    """A finite distribution: atoms (from ``values``) and their float64 probabilities (summing to 1)."""

    def build(pairs: list[tuple[float, int]]) -> tuple[np.ndarray, np.ndarray]:
        atoms = np.array([a for a, _ in pairs])
        weights = np.array([w for _, w in pairs], dtype=float)
        return atoms, weights / weights.sum()

    return st.lists(st.tuples(values, st.integers(1, 1000)), min_size=sizes[0], max_size=sizes[1]).map(build)


def finite_pairs(values: SearchStrategy[float]) -> SearchStrategy[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """A finite joint distribution of (X, Y): atoms x, y and their probabilities."""
    return finite(st.tuples(values, values), (1, 5)).map(lambda d: (d[0][:, 0], d[0][:, 1], d[1]))


POSITIVE = st.floats(0.2, 5.0)
PROBABILITY = st.floats(0.02, 0.98)

FAMILIES: dict[str, SearchStrategy[Params]] = {
    "normal": st.fixed_dictionaries({"mu": st.floats(-5, 5), "sigma": POSITIVE}),
    "exponential": st.fixed_dictionaries({"rate": POSITIVE}),
    "gamma": st.fixed_dictionaries({"shape": st.floats(0.5, 8.0), "scale": POSITIVE}),
    "bernoulli": st.fixed_dictionaries({"p": PROBABILITY}),
    "binomial": st.fixed_dictionaries({"n": st.integers(1, 40).map(float), "p": PROBABILITY}),
    "poisson": st.fixed_dictionaries({"rate": st.floats(0.1, 30.0)}),
}


def family(*names: str) -> SearchStrategy[tuple[str, Params]]:
    """One of the named families with its parameters."""
    return st.one_of([FAMILIES[name].map(lambda params, n=name: (n, params)) for name in names])


def covariances(dim: int) -> SearchStrategy[np.ndarray]:
    """A well-conditioned positive definite ``dim × dim`` covariance: L Lᵀ + I/2, L with entries in [-2, 2]."""
    entries = st.lists(st.floats(-2, 2), min_size=dim * dim, max_size=dim * dim)
    return entries.map(lambda e: (lambda m: m @ m.T + np.eye(dim) / 2)(np.array(e).reshape(dim, dim)))


def vectors(dim: int, limit: float = 3.0) -> SearchStrategy[np.ndarray]:
    return st.lists(st.floats(-limit, limit), min_size=dim, max_size=dim).map(np.array)
