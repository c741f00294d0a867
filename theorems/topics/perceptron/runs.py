"""A training run on a generated data set: the fit, its iterates, and whether it ends at a separator."""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.perceptron import Trace
from theorems.engine import Comparison, that

from .strategies import Dataset


def train(perceptron: Any, data: Dataset, *, w0: np.ndarray | None = None) -> Trace:
    """Fit ``perceptron`` on ``data`` (from ``w0``, zero by default), cycling until it separates."""
    return perceptron.fit(data.X, data.y, bias=data.bias, w0=w0, max_epochs=10_000)


def iterates(trace: Trace, data: Dataset) -> np.ndarray:
    """The iterates as homogeneous vectors (w_t, b_t) when the data has a bias, w_t otherwise."""
    W = np.asarray(trace.weights, dtype=float)
    return np.hstack([W, np.asarray(trace.biases, dtype=float)[:, None]]) if data.bias else W


def separates(trace: Trace, data: Dataset) -> Comparison:
    """The run's last iterate classifies every sample correctly: y(x·w + b) > 0."""
    margins = data.y * (data.X @ trace.w + trace.b)
    worst = int(np.argmin(margins))
    return that(
        margins[worst] > 0, label="final iterate separates S",
        message=f"sample {worst} has y(x·w+b) = {margins[worst]:.6g} after fit() returned",
    )
