"""The Willshaw memory (document 001): a clipped Hebbian matrix of sparse binary pattern pairs.

Pairs ``(x^t, y^t)`` of ``0/1`` vectors with ``r`` ones each are stored in the binary matrix
``Θ = min(1, Σ_t y^t (x^t)ᵀ)``; a cue ``x`` recalls ``y_j = 1`` iff the dendritic sum
``(Θ x)_j`` reaches ``r`` (Willshaw, Buneman & Longuet-Higgins 1969; Palm 1980).

Any implementation with the :class:`WillshawImpl` protocol can be checked::

    theorems check willshaw --impl mypackage.module:MyWillshaw
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class WillshawImpl(Protocol):
    """What a Willshaw memory under test provides.

    ``store(xs, ys)``: the clipped Hebbian memory ``min(1, Σ_t y^t (x^t)ᵀ)`` of the ``s × n`` ``0/1``
    patterns ``xs`` (cues) and ``ys`` (contents), an ``n_y × n_x`` ``0/1`` matrix.

    ``recall(theta, x, r)``: ``y_j = 1`` iff ``(Θ x)_j ≥ r``.
    """

    def store(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray: ...

    def recall(self, theta: np.ndarray, x: np.ndarray, r: int) -> np.ndarray: ...


class Willshaw:
    """The reference: integer NumPy."""

    def store(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        return np.minimum(1, np.asarray(ys, dtype=int).T @ np.asarray(xs, dtype=int))

    def recall(self, theta: np.ndarray, x: np.ndarray, r: int) -> np.ndarray:
        return (np.asarray(theta) @ np.asarray(x) >= r).astype(int)
