"""Dropout: the protocol a library's dropout layer is checked through, and a NumPy reference.

``dropout(x, p, seed)`` is dropout in training mode with *inverted* scaling: each entry of ``x`` is
zeroed with probability p, independently, and the kept entries are multiplied by 1/(1 - p), so that
E[dropout(x)] = x and no weight scaling is needed at inference. The mask b with bᵢ = 1 for a kept
entry is the mask of the dropout ensemble, keeping each unit with probability φ = 1 - p.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np


class DropoutImpl(Protocol):
    """Inverted dropout in training mode, reproducible from ``seed``."""

    def dropout(self, x: np.ndarray, p: float, seed: int) -> np.ndarray: ...


class Dropout:
    """The reference: a Bernoulli(1 - p) keep mask, the kept entries scaled by 1/(1 - p)."""

    def dropout(self, x: np.ndarray, p: float, seed: int) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)
        kept = np.random.default_rng(seed).random(x.shape) >= p
        return np.where(kept, x / (1 - p), 0.0)
