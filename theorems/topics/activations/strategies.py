"""Float64 inputs for the activation checks: where the functions curve, where they saturate, and where a
naive formula overflows or cancels."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

HUGE = 1e300
"""Large enough that exp overflows far before it (at 709.8), small enough that 2z and z + |z| stay finite."""


def _one(x: float) -> np.ndarray:
    return np.array([x])


def reals(limit: float = HUGE) -> SearchStrategy[np.ndarray]:
    """One float64 ``z`` (as a 1-element array): in [-40, 40], where the functions curve, or anywhere
    in [-limit, limit] (subnormals, ±0, saturation, overflow of a naive exp)."""
    return st.one_of(st.floats(-40, 40), st.floats(-limit, limit)).map(_one)


def positives() -> SearchStrategy[np.ndarray]:
    """One float64 ``z > 0``, from the smallest subnormal to 1e300."""
    return st.floats(0.0, HUGE, exclude_min=True).map(_one)


def probabilities() -> SearchStrategy[np.ndarray]:
    """One float64 ``t`` in the open interval (0, 1), subnormals and 1 - 2⁻⁵³ included."""
    return st.floats(0.0, 1.0, exclude_min=True, exclude_max=True).map(_one)


def logits(limit: float = HUGE, sizes: tuple[int, int] = (2, 4)) -> SearchStrategy[np.ndarray]:
    """A logit vector with a length in ``sizes``, its entries as in :func:`reals`."""
    entry = st.one_of(st.floats(-40, 40), st.floats(-limit, limit))
    return st.lists(entry, min_size=sizes[0], max_size=sizes[1]).map(np.array)


def shifted_logits() -> SearchStrategy[tuple[np.ndarray, float]]:
    """Logits in [-1e4, 1e4] and an integer shift up to ±1e6: large enough that exp of the shifted
    logits overflows, small enough that the rounding of the shift is a 1e-10 relative effect."""
    return st.tuples(logits(1e4), st.integers(-10**6, 10**6).map(float))


def kink_pairs() -> SearchStrategy[tuple[float, float]]:
    """A point ``z₀`` (0 itself half the time) and a second point ``z`` anywhere."""
    point = st.floats(-1e6, 1e6)
    return st.tuples(st.one_of(st.just(0.0), point), point)
