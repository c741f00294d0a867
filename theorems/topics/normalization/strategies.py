"""Float64 batches for the normalisation checks: a mean up to 10⁴ times the spread (where the centring
cancels), spreads from 10⁻³ to 10³, and ε from 10⁻⁸ to 1 (ε > 0: PyTorch's batch norm refuses ε = 0 in
training mode)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy


@dataclass(frozen=True)
class Batch:
    """A (batch × features) array ``x``, affine parameters γ, β of its width, and ε."""

    x: np.ndarray
    gamma: np.ndarray
    beta: np.ndarray
    eps: float

    def describe(self) -> dict[str, Any]:
        return {"x": self.x.tolist(), "gamma": self.gamma.tolist(), "beta": self.beta.tolist(), "eps": self.eps}


def _batch(rows: int, cols: int, seed: int, spread: float, offset: float, eps: float) -> Batch:
    rng = np.random.default_rng(seed)
    x = spread * (offset + rng.uniform(0.5, 2.0, cols) * rng.standard_normal((rows, cols)))
    return Batch(x, rng.standard_normal(cols), rng.standard_normal(cols), eps)


def batches() -> SearchStrategy[Batch]:
    """2 to 32 samples of 2 to 8 features: offset/spread in [-10⁴, 10⁴], ε ∈ {10⁻⁸, 10⁻⁵, 10⁻³, 1}."""
    return st.builds(_batch, st.integers(2, 32), st.integers(2, 8), st.integers(0, 2**32 - 1),
                     st.floats(1e-3, 1e3), st.floats(-1e4, 1e4), st.sampled_from([1e-8, 1e-5, 1e-3, 1.0]))


def scaled_batches() -> SearchStrategy[tuple[Batch, float]]:
    """A batch and a positive scale c in [10⁻³, 10³]."""
    return st.tuples(batches(), st.floats(1e-3, 1e3))
