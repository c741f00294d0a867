"""Random networks, batches and targets: depth 1-4, widths 1-4, every activation of the reference."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from hypothesis.strategies import SearchStrategy

from impls.backprop import ACTIVATIONS, Network

WEIGHT = st.floats(-2.0, 2.0)
"""Weights large enough to saturate tanh and sigmoid, small enough that no layer overflows."""
DATUM = st.floats(-3.0, 3.0)
WIDTH = st.integers(1, 4)


@dataclass(frozen=True)
class Problem:
    """A network, a batch of inputs ``x`` (``B × n_0``) and targets ``y`` (``B × n_L``)."""

    net: Network
    x: np.ndarray
    y: np.ndarray

    def describe(self) -> dict[str, Any]:
        return {"activation": self.net.activation, "widths": list(self.net.widths),
                "weights": [w.tolist() for w in self.net.weights], "biases": [b.tolist() for b in self.net.biases],
                "x": self.x.tolist(), "y": self.y.tolist()}


def _matrix(rows: int, cols: int, elements: SearchStrategy[float] = WEIGHT) -> SearchStrategy[np.ndarray]:
    return hnp.arrays(np.float64, (rows, cols), elements=elements)


@st.composite
def networks(draw: st.DrawFn, activations: Sequence[str] = tuple(ACTIVATIONS), depth: tuple[int, int] = (1, 4),
             widths: SearchStrategy[int] = WIDTH) -> Network:
    """A network of ``depth`` layers (a range) with widths drawn from ``widths``."""
    n = draw(st.lists(widths, min_size=depth[0] + 1, max_size=depth[1] + 1))
    weights = tuple(draw(_matrix(n[i + 1], n[i])) for i in range(len(n) - 1))
    biases = tuple(draw(hnp.arrays(np.float64, n[i + 1], elements=WEIGHT)) for i in range(len(n) - 1))
    return Network(weights, biases, draw(st.sampled_from(activations)))


@st.composite
def problems(draw: st.DrawFn, activations: Sequence[str] = tuple(ACTIVATIONS), depth: tuple[int, int] = (1, 4),
             batch: tuple[int, int] = (1, 4)) -> Problem:
    """A network with a batch of inputs and targets."""
    net = draw(networks(activations, depth))
    size = draw(st.integers(*batch))
    return Problem(net, draw(_matrix(size, net.widths[0], DATUM)), draw(_matrix(size, net.widths[-1], DATUM)))


def single(activations: Sequence[str] = tuple(ACTIVATIONS), depth: tuple[int, int] = (1, 4)) -> SearchStrategy[Problem]:
    """A network with one input and its target (a batch of one)."""
    return problems(activations, depth, batch=(1, 1))


def vectors(size: tuple[int, int] = (1, 6)) -> SearchStrategy[np.ndarray]:
    """A vector of ``size`` (a range) entries in [-3, 3]."""
    return st.integers(*size).flatmap(lambda n: hnp.arrays(np.float64, n, elements=DATUM))
