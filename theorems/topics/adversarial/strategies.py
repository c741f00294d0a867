"""Affine classifiers, vectors, ℓp orders and budgets for the adversarial checks.

Entries are in [-10, 10] away from 0 by at least 1e-3 in the differences that matter (distinct rows, a
unique label), so that a boundary is a hyperplane and the label of x is not a tie.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

ORDERS = (2.0, np.inf, 1.5, 3.0)
"""ℓp orders: the two that attacks use, and two others where |z|^{q-1} is not a sign or a rescaling."""


def entries(limit: float = 10.0) -> SearchStrategy[float]:
    return st.floats(-limit, limit, allow_subnormal=False)


def vectors(min_dim: int = 1, max_dim: int = 5, limit: float = 10.0) -> SearchStrategy[np.ndarray]:
    return st.lists(entries(limit), min_size=min_dim, max_size=max_dim).map(np.array)


def nonzero_vectors(min_dim: int = 1, max_dim: int = 5) -> SearchStrategy[np.ndarray]:
    return vectors(min_dim, max_dim).filter(lambda z: np.max(np.abs(z)) > 1e-3)


def orders(*choices: float) -> SearchStrategy[float]:
    return st.sampled_from(choices or ORDERS)


def budgets() -> SearchStrategy[float]:
    return st.floats(1e-3, 10.0)


@dataclass(frozen=True)
class Affine:
    """An affine classifier (scores W x + b) and an input x with a unique label."""

    weights: np.ndarray
    biases: np.ndarray
    x: np.ndarray

    @property
    def scores(self) -> np.ndarray:
        return self.weights @ self.x + self.biases

    @property
    def label(self) -> int:
        return int(np.argmax(self.scores))

    def label_of(self, point: np.ndarray) -> int:
        return int(np.argmax(self.weights @ point + self.biases))

    def others(self) -> list[int]:
        return [j for j in range(len(self.biases)) if j != self.label]

    def describe(self) -> dict[str, list[float] | list[list[float]]]:
        return {"W": self.weights.tolist(), "b": self.biases.tolist(), "x": self.x.tolist()}


def _well_posed(model: Affine) -> bool:
    top = np.sort(model.scores)
    rows = model.weights
    distinct = all(np.linalg.norm(rows[i] - rows[j]) > 1e-3 for i in range(len(rows)) for j in range(i))
    return distinct and top[-1] - top[-2] > 1e-6 * (1 + np.abs(top).max())


def affine(classes: tuple[int, int] = (2, 4), max_dim: int = 4) -> SearchStrategy[Affine]:
    """A k-class affine classifier on ℝ^d (k in ``classes``, d ≤ ``max_dim``) and an input x."""

    def build(k: int, d: int) -> SearchStrategy[Affine]:
        flat = st.lists(entries(), min_size=k * d + k + d, max_size=k * d + k + d).map(np.array)
        return flat.map(lambda v: Affine(v[: k * d].reshape(k, d), v[k * d: k * d + k], v[k * d + k:]))

    return st.tuples(st.integers(*classes), st.integers(1, max_dim)).flatmap(lambda kd: build(*kd)).filter(_well_posed)
