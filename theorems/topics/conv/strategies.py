"""Inputs for the convolution checks: short integer-valued signals (every sum is then exact in float64,
so that a wrong index shows as a whole-number error) and small layer configurations."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

ENTRY = st.integers(-9, 9).map(float)


def signals(max_len: int = 6) -> SearchStrategy[np.ndarray]:
    """A 1-D signal of length 1..``max_len`` with integer entries in [-9, 9]."""
    return st.lists(ENTRY, min_size=1, max_size=max_len).map(np.array)


def nonzero_signals(max_len: int = 6) -> SearchStrategy[np.ndarray]:
    """A signal whose entries are all non-zero (so that every tap shows in a Jacobian)."""
    return st.lists(st.integers(1, 9).map(float), min_size=1, max_size=max_len).map(np.array)


def arrays(ndim: int, max_side: int = 3) -> SearchStrategy[np.ndarray]:
    """An ``ndim``-dimensional integer-valued array with sides 1..``max_side``."""
    shape = st.tuples(*[st.integers(1, max_side)] * ndim)
    return shape.flatmap(lambda s: st.lists(ENTRY, min_size=int(np.prod(s)), max_size=int(np.prod(s)))
                         .map(lambda v: np.array(v).reshape(s)))


def arrays_of_rank(max_ndim: int = 3, max_side: int = 3) -> SearchStrategy[tuple[np.ndarray, np.ndarray]]:
    """Two arrays of the same number of dimensions (1..``max_ndim``)."""
    return st.integers(1, max_ndim).flatmap(lambda d: st.tuples(arrays(d, max_side), arrays(d, max_side)))


@dataclass(frozen=True)
class Layer:
    """A 1-D convolution layer applied to one input: ``x`` (N, C_in, n), ``w`` (C_out, C_in, k)."""

    x: np.ndarray
    w: np.ndarray
    stride: int
    padding: int
    dilation: int

    @property
    def options(self) -> dict[str, int]:
        return {"stride": self.stride, "padding": self.padding, "dilation": self.dilation}


@st.composite
def layers(draw: st.DrawFn, *, nonzero: bool = False) -> Layer:
    """A layer with k ≤ 4, stride ≤ 3, padding ≤ 2, dilation ≤ 3 and an input long enough for one output."""
    k, stride, padding, dilation = draw(st.integers(1, 4)), draw(st.integers(1, 3)), draw(st.integers(0, 2)), \
        draw(st.integers(1, 3))
    n = draw(st.integers(max(1, dilation * (k - 1) + 1 - 2 * padding), 12))
    c_in, c_out, batch = draw(st.integers(1, 2)), draw(st.integers(1, 2)), draw(st.integers(1, 2))
    entry = st.integers(1, 9).map(float) if nonzero else ENTRY
    x = np.array(draw(st.lists(ENTRY, min_size=batch * c_in * n, max_size=batch * c_in * n))).reshape(batch, c_in, n)
    w = np.array(draw(st.lists(entry, min_size=c_out * c_in * k, max_size=c_out * c_in * k))).reshape(c_out, c_in, k)
    return Layer(x, w, stride, padding, dilation)


def describe_layer(layer: Layer) -> dict[str, object]:
    return {"x": layer.x.tolist(), "w": layer.w.tolist(), **layer.options}
