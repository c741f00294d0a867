"""Sizes and seeds for the initialisation checks."""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy


def orthogonal_draws() -> SearchStrategy[tuple[int, int]]:
    """A matrix size m (1 to 64) and a seed."""
    return st.tuples(st.integers(1, 64), st.integers(0, 2**32 - 1))
