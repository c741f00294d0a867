"""Small Hopfield networks (symmetric weights, thresholds, a start state, a sweep order) and
sparse pattern pairs for Willshaw memories."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st


@dataclass(frozen=True)
class Network:
    """Weights ``W`` (symmetric), thresholds ``b``, a start state ``x`` and a sweep ``order``."""

    W: np.ndarray
    b: np.ndarray
    x: np.ndarray
    order: np.ndarray

    @property
    def n(self) -> int:
        return len(self.x)

    def describe(self) -> dict[str, object]:
        return {"W": self.W.tolist(), "b": self.b.tolist(), "x": self.x.astype(int).tolist(),
                "order": self.order.tolist()}


weight = st.integers(-8, 8).map(lambda k: k / 4)


@st.composite
def networks(
    draw: st.DrawFn, *, max_n: int = 7, thresholds: bool = True, diagonal: str = "zero"
) -> Network:
    """Symmetric networks on ``1..max_n`` units with weights and thresholds in quarter steps of
    ``[-2, 2]`` (so that ties ``h = 0`` occur and are exercised). ``diagonal`` is ``"zero"`` (the
    Hopfield model) or ``"any"`` (self-couplings of either sign)."""
    n = draw(st.integers(1, max_n))
    upper = np.array(draw(st.lists(weight, min_size=n * n, max_size=n * n))).reshape(n, n)
    W = np.triu(upper, 1)
    W = W + W.T
    if diagonal == "any":
        W += np.diag(np.diag(upper))
    b = np.array(draw(st.lists(weight, min_size=n, max_size=n))) if thresholds else np.zeros(n)
    x = np.array(draw(st.lists(st.sampled_from([-1.0, 1.0]), min_size=n, max_size=n)))
    order = np.array(draw(st.permutations(range(n))), dtype=int)
    return Network(W, b, x, order)


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
