"""Perceptron: the update rule, its geometry, and Novikoff's mistake bound (docs 000, 001, 003).

Standard result: Novikoff (1962), Block (1962): if a unit vector w* has y (w*·x) ≥ γ > 0 on every
sample and ‖x‖ ≤ R, the perceptron started at 0 makes at most R²/γ² updates.

The boundary checks what a perceptron under test returns: ``fit`` a :class:`~impls.perceptron.Trace`
whose iterates have the data's dimension and whose updates name samples of the data, ``step`` a
finite iterate of the shape it was given.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.perceptron import PerceptronImpl, Trace
from theorems.engine import Boundary, ImplementationError, Topic, as_array, as_int


def checked_trace(trace: Any, X: np.ndarray, y: np.ndarray, **_: Any) -> Trace:
    """The run ``fit(X, y, ...)`` returned, as a :class:`Trace` of float iterates and sample indices."""
    for attr in ("weights", "biases", "updated_on"):
        if not hasattr(trace, attr):
            raise ImplementationError(f"returned {type(trace).__name__} without .{attr}: a Trace is required")
    updates = len(trace.updated_on)
    samples, dim = np.shape(X)
    updated_on = [as_int(i, what="trace.updated_on entry") for i in trace.updated_on]
    if any(not 0 <= i < samples for i in updated_on):
        raise ImplementationError(f"trace.updated_on names samples outside 0..{samples - 1}")
    return Trace(
        as_array(trace.weights, what="trace.weights", shape=(updates + 1, dim)),
        as_array(trace.biases, what="trace.biases", shape=(updates + 1,)),
        updated_on,
        getattr(trace, "epochs", 0),
    )


def checked_step(result: Any, w: np.ndarray, b: float, x: np.ndarray, y: int) -> tuple[np.ndarray, float]:
    """The iterate ``(w', b')`` that ``step(w, b, x, y)`` returned, with ``w'`` of the shape of ``w``."""
    try:
        new_w, new_b = result
    except (TypeError, ValueError) as exc:
        raise ImplementationError(f"returned {result!r:.200}, expected a pair (w, b)") from exc
    return (as_array(new_w, what="step() weights", shape=np.shape(w)),
            float(as_array(new_b, what="step() bias", shape=())))


TOPIC = Topic(
    "perceptron",
    "Perceptron",
    summary="Mistake-driven linear classifier; Novikoff's bound R²/γ² on the number of updates.",
    sections=("geometry", "updates", "novikoff"),
    boundary=Boundary(
        PerceptronImpl, "impls.perceptron:Perceptron", outputs={"fit": checked_trace, "step": checked_step}
    ),
    libraries=("scikit-learn",),
)

NOVIKOFF = "Novikoff (1962), On convergence proofs on perceptrons"
