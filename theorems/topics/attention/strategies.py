"""Float64 inputs for the attention checks: small sequences whose scores reach a few hundred, so that
the softmax saturates without overflowing (the reference shifts by the row maximum)."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from hypothesis.strategies import SearchStrategy


def matrices(rows: int, cols: int, limit: float = 10.0) -> SearchStrategy[np.ndarray]:
    """A float64 (rows, cols) matrix with entries in [-limit, limit]."""
    return arrays(np.float64, (rows, cols), elements=st.floats(-limit, limit))


@st.composite
def queries_keys_values(draw: st.DrawFn, max_len: int = 5, max_dim: int = 6
                        ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Queries (T_q, d_k), keys (T_k, d_k) and values (T_k, d_v)."""
    t_q, t_k = draw(st.integers(1, max_len)), draw(st.integers(1, max_len))
    d_k, d_v = draw(st.integers(1, max_dim)), draw(st.integers(1, max_dim))
    return draw(matrices(t_q, d_k)), draw(matrices(t_k, d_k)), draw(matrices(t_k, d_v))


@st.composite
def gaussian_shapes(draw: st.DrawFn, names: str, high: int = 6) -> dict[str, int]:
    """Dimensions named by the letters of ``names``, each in 1..high."""
    return {name: draw(st.integers(1, high)) for name in names}


@st.composite
def multi_head(draw: st.DrawFn) -> tuple[np.ndarray, list[np.ndarray], int]:
    """A sequence x (T, d), the four (d, d) projections W_Q, W_K, W_V, W_O, and heads dividing d."""
    heads, head_dim, length = draw(st.integers(1, 3)), draw(st.integers(1, 3)), draw(st.integers(1, 5))
    d = heads * head_dim
    projections = [draw(matrices(d, d, 2.0)) for _ in range(4)]
    return draw(matrices(length, d, 3.0)), projections, heads


def seeds() -> SearchStrategy[int]:
    """A seed for Gaussian matrices whose rank is generic (exactly min of their dimensions)."""
    return st.integers(0, 2**32 - 1)
