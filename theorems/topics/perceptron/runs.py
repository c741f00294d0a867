"""A training run on a generated data set: the fit, its iterates, and whether it ends at a separator."""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.perceptron import Trace
from theorems.engine import Comparison, that

from .strategies import ORDERS, Dataset


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


def final_margin(trace: Trace, data: Dataset) -> float:
    """min_i y_i (z_i·θ)/(‖θ‖ R) of the last iterate θ = (w, b) on the homogeneous problem: scale-free, negative
    when the run ended at a non-separator, near 0 when it ended barely separating (0 for θ = 0)."""
    Z, _ = data.homogeneous()
    theta = iterates(trace, data)[-1]
    norm = float(np.linalg.norm(theta))
    if norm == 0:
        return 0.0
    return float(np.min(data.y * (Z @ theta)) / (norm * data.R))


MARGIN_TARGET = "the final minimum margin min_i y_i z_i·θ/(‖θ‖R) (down, towards barely separating runs)"


def orders_evidence(tried: dict[str, int], targeted: str = MARGIN_TARGET) -> dict[str, object]:
    """How many (data set, order) instances were run, in all and per order of presentation, and what the
    search was pushed towards."""
    return {"instances tried (data set, order)": sum(tried.values()),
            "instances per order": {order: tried.get(order, 0) for order in ORDERS}, "targeted": targeted}
