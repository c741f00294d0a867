"""Pairs of sparse binary patterns (exactly ``r`` ones each) for the Willshaw memory."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st


@dataclass(frozen=True)
class PatternPairs:
    """``s`` pairs ``(x^t, y^t)`` of ``0/1`` vectors of length ``n`` with exactly ``r`` ones each."""

    xs: np.ndarray
    ys: np.ndarray
    r: int

    def describe(self) -> dict[str, object]:
        return {"r": self.r, "xs": self.xs.tolist(), "ys": self.ys.tolist()}


def _sparse(n: int, r: int) -> st.SearchStrategy[np.ndarray]:
    def vector(ones: list[int]) -> np.ndarray:
        v = np.zeros(n, dtype=int)
        v[ones] = 1
        return v

    return st.lists(st.integers(0, n - 1), min_size=r, max_size=r, unique=True).map(vector)


@st.composite
def pattern_pairs(draw: st.DrawFn, *, max_n: int = 16, max_s: int = 16) -> PatternPairs:
    n = draw(st.integers(2, max_n))
    r = draw(st.integers(1, max(1, n // 3)))
    s = draw(st.integers(1, max_s))
    xs = np.array(draw(st.lists(_sparse(n, r), min_size=s, max_size=s)))
    ys = np.array(draw(st.lists(_sparse(n, r), min_size=s, max_size=s)))
    return PatternPairs(xs, ys, r)
