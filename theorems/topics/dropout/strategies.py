"""Keep probabilities and softmax-regression instances for the dropout checks."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

KEEP = (Fraction(1, 10), Fraction(1, 3), Fraction(1, 2), Fraction(3, 4), Fraction(1))
"""Keep probabilities φ of the exact checks: 1 (a unit never dropped) included."""


def keep_vectors(max_units: int = 3) -> Iterator[tuple[Fraction, ...]]:
    """Every vector (φ₁, …, φ_R) of values from :data:`KEEP`, for R = 1 … ``max_units``."""
    for units in range(1, max_units + 1):
        yield from itertools.product(KEEP, repeat=units)


@dataclass(frozen=True)
class SoftmaxRegression:
    """p(y | x) = softmax(W x + c) with K classes and R inputs, each input kept with probability φⱼ."""

    W: np.ndarray
    c: np.ndarray
    x: np.ndarray
    phi: np.ndarray

    def describe(self) -> dict[str, Any]:
        return {"W": self.W.tolist(), "c": self.c.tolist(), "x": self.x.tolist(), "phi": self.phi.tolist()}


def _regression(units: int, classes: int, seed: int, scale: float) -> SoftmaxRegression:
    rng = np.random.default_rng(seed)
    return SoftmaxRegression(scale * rng.standard_normal((classes, units)), rng.standard_normal(classes),
                             rng.standard_normal(units), rng.uniform(0.05, 1.0, units))


def regressions() -> SearchStrategy[SoftmaxRegression]:
    """1 to 6 inputs, 2 to 4 classes, weights of scale 10⁻² to 30 (near-uniform to saturated softmax)."""
    return st.builds(_regression, st.integers(1, 6), st.integers(2, 4), st.integers(0, 2**32 - 1),
                     st.floats(1e-2, 30.0))
