"""Small Hopfield networks (symmetric weights, thresholds, a start state, a sweep order), and the
random patterns and sweep orders of the statistical checks."""

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


def random_patterns(rng: np.random.Generator, *shape: int) -> np.ndarray:
    """Independent uniform ``±1`` entries (``int8``)."""
    return rng.choice(np.array([-1, 1], dtype=np.int8), size=shape)


def random_orders(rng: np.random.Generator, *shape: int) -> np.ndarray:
    """Independent uniform permutations of ``range(shape[-1])``."""
    return np.argsort(rng.random(shape), axis=-1)
