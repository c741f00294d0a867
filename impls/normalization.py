"""Normalisation layers: the protocol a library's layers are checked through, and a NumPy reference.

* ``batch_norm``: batch normalisation in training mode: each feature (column) of the batch ``x`` (b × m)
  standardised by its batch mean and biased batch variance, (x - μ_B)/√(σ_B² + ε), then γ x̃ + β;
* ``layer_norm``: the same over the m units of each sample (row);
* ``weight_norm``: the weights w_i = g_i v_i/‖v_i‖ of each output unit (row) i (Salimans & Kingma 2016).
"""

from __future__ import annotations

from typing import Protocol

import numpy as np


class NormalizationImpl(Protocol):
    """Batch and layer normalisation of a (batch × features) array, and weight normalisation."""

    def batch_norm(self, x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray: ...

    def layer_norm(self, x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray: ...

    def weight_norm(self, v: np.ndarray, g: np.ndarray) -> np.ndarray: ...


def standardized(x: np.ndarray, axis: int, eps: float) -> np.ndarray:
    """(x - mean)/√(biased variance + ε) along ``axis``, in float64."""
    x = np.asarray(x, dtype=np.float64)
    centred = x - x.mean(axis=axis, keepdims=True)
    return centred / np.sqrt(np.mean(centred**2, axis=axis, keepdims=True) + eps)


class Normalization:
    """The reference, from the definitions."""

    def batch_norm(self, x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
        return gamma * standardized(x, 0, eps) + beta

    def layer_norm(self, x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
        return gamma * standardized(x, 1, eps) + beta

    def weight_norm(self, v: np.ndarray, g: np.ndarray) -> np.ndarray:
        v = np.asarray(v, dtype=np.float64)
        return np.asarray(g, dtype=np.float64)[:, None] * v / np.linalg.norm(v, axis=1, keepdims=True)
