"""Perceptron: the update rule, its geometry, and Novikoff's mistake bound (docs 000, 001, 003).

Standard result: Novikoff (1962), Block (1962): if a unit vector w* has y (w*·x) ≥ γ > 0 on every
sample and ‖x‖ ≤ R, the perceptron started at 0 makes at most R²/γ² updates.
"""

from __future__ import annotations

import math

import numpy as np
import sympy
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from impls.perceptron import Perceptron, PerceptronImpl, Trace
from theorems.engine import (
    Comparison,
    Context,
    Formula,
    ImplementationError,
    Outcome,
    Printed,
    Topic,
    as_array,
    at_least,
    at_most,
    close,
    for_all,
    prove_chain,
    that,
)
from theorems.strategies.perceptron import Dataset, separable_datasets

TOPIC = Topic(
    "perceptron",
    "Perceptron",
    summary="Mistake-driven linear classifier; Novikoff's bound R²/γ² on the number of updates.",
    protocol=PerceptronImpl,
    reference="impls.perceptron:Perceptron",
)

D000, D001, D003 = "000_b86ebc3dc5bf1905.txt", "001_12f976d491bf7278.txt", "003_62801081b7e370fe.txt"
NOVIKOFF = "Novikoff (1962), On convergence proofs on perceptrons"


def train(ctx: Context, data: Dataset, *, w0: np.ndarray | None = None, impl: object | None = None) -> Trace:
    """Fit the implementation under test on ``data`` and validate the trace it returns."""
    perceptron = impl if impl is not None else ctx.impl()
    dim = data.X.shape[1]
    trace = perceptron.fit(data.X, data.y, bias=data.bias, w0=w0, max_epochs=10_000)
    for attr in ("weights", "biases", "updated_on"):
        if not hasattr(trace, attr):
            raise ImplementationError(f"fit() returned {type(trace).__name__} without .{attr}: a Trace is required")
    k = len(trace.updated_on)
    as_array(trace.weights, what="trace.weights", shape=(k + 1, dim))
    as_array(trace.biases, what="trace.biases", shape=(k + 1,))
    if any(not 0 <= int(i) < len(data.y) for i in trace.updated_on):
        raise ImplementationError(f"trace.updated_on names samples outside 0..{len(data.y) - 1}")
    return trace


def iterates(trace: Trace, data: Dataset) -> np.ndarray:
    """The iterates as homogeneous vectors (w_t, b_t) when the data has a bias, w_t otherwise."""
    W = np.asarray(trace.weights, dtype=float)
    return np.hstack([W, np.asarray(trace.biases, dtype=float)[:, None]]) if data.bias else W


def separates(w: np.ndarray, b: float, data: Dataset) -> Comparison:
    margins = data.y * (data.X @ w + b)
    worst = int(np.argmin(margins))
    return that(
        margins[worst] > 0, label="final iterate separates S",
        message=f"sample {worst} has y(x·w+b) = {margins[worst]:.6g} after fit() returned",
    )


datasets = separable_datasets(bias=None)


# --- geometry of the threshold unit ----------------------------------------------------------

x1, x2, w1, w2, b = sympy.symbols("x_1 x_2 w_1 w_2 b", real=True)
norm_w = sympy.sqrt(w1**2 + w2**2)


@TOPIC.claim(
    "perceptron.decision_boundary_normalized",
    method="sympy",
    canonical=Formula(r"\frac{x\cdot w}{\|w\|}+\frac{b}{\|w\|}", lambda: (x1 * w1 + x2 * w2) / norm_w + b / norm_w),
    printed=[Printed(D000, Formula(r"\frac{x\cdot w}{\|w\|}+\frac{b}{\|w\|}",
                                   lambda: (x1 * w1 + x2 * w2) / norm_w + b / norm_w),
                     r"x \cdot w + b = 0 \Leftrightarrow \frac{x \cdot w}{\|w\|} + \frac{b}{\|w\|} = 0")],
    uses_impl=False,
)
def decision_boundary_normalized(ctx: Context, normalized: Formula) -> Outcome:
    """The decision boundary written with a unit normal.

    For w ≠ 0, x·w + b = 0 ⇔ x·w/‖w‖ + b/‖w‖ = 0: the normalised form equals (x·w + b)/‖w‖,
    a non-zero multiple of x·w + b, so both have the same zero set (proved in R², coordinates free).
    """
    return prove_chain(ctx, [
        ("normalised form", normalized()),
        ("over a common denominator", (x1 * w1 + x2 * w2 + b) / norm_w),
    ])


@TOPIC.claim(
    "perceptron.hyperplane_signed_distance",
    method="sympy",
    canonical=Formula(r"-\frac{b}{\|w\|}", lambda: -b / norm_w),
    printed=[Printed(D003, Formula(r"-\frac{b}{\|w\|}", lambda: -b / norm_w),
                     r"-\frac{b}{\|w\|} \text{ is the signed distance of the hyperplane from } 0")],
    uses_impl=False,
)
def hyperplane_signed_distance(ctx: Context, distance: Formula) -> Outcome:
    """Signed distance of the hyperplane from the origin.

    The point of {x : x·w + b = 0} closest to 0 is p = -b w/‖w‖²; its coordinate along the unit
    normal w/‖w‖ is -b/‖w‖ (proved in R² with symbolic w, b).
    """
    p = (-b * w1 / norm_w**2, -b * w2 / norm_w**2)
    return prove_chain(ctx, [
        ("signed distance p·w/‖w‖ of the foot point p = -b w/‖w‖²", (p[0] * w1 + p[1] * w2) / norm_w),
        ("stated distance", distance()),
    ])


margin_inputs = st.tuples(
    hnp.arrays(np.float64, 3, elements=st.floats(-100, 100, allow_nan=False)),
    hnp.arrays(np.float64, 3, elements=st.floats(-100, 100, allow_nan=False)),
    st.floats(-100, 100), st.sampled_from([-1, 1]), st.floats(1e-3, 1e3),
).filter(lambda t: np.linalg.norm(t[1]) > 1e-3)


@TOPIC.claim(
    "perceptron.geometric_margin",
    method="property",
    canonical=Formula(r"\gamma[w,b](x,y)=\frac{y(x\cdot w+b)}{\|w\|}",
                      lambda w, b, x, y: y * (x @ w + b) / np.linalg.norm(w)),
    printed=[
        Printed(D000, Formula(r"\frac{y(x\cdot w+b)}{\|w\|}", lambda w, b, x, y: y * (x @ w + b) / np.linalg.norm(w)),
                r"\gamma[w, b](x, y) = \frac{y(x \cdot w + b)}{\|w\|}"),
        Printed(D003, Formula(r"\frac{y(x\cdot w+b)}{\|w\|}", lambda w, b, x, y: y * (x @ w + b) / np.linalg.norm(w)),
                r"\gamma[w, b](x, y) = \frac{y(x \cdot w + b)}{\|w\|}"),
    ],
    uses_impl=False,
)
def geometric_margin(ctx: Context, margin: Formula) -> Outcome:
    """The geometric margin is the signed distance of x to the decision boundary.

    γ[w,b](x,y) = y (x·w + b)/‖w‖ equals ± the Euclidean distance from x to its orthogonal
    projection on {z : z·w + b = 0}, positive iff sign(x·w + b) = y, and is unchanged when (w, b)
    is scaled by any c > 0.
    """

    def prop(t: tuple) -> list[Comparison]:
        x, w, bias, y, c = t
        foot = x - (x @ w + bias) / (w @ w) * w
        distance = np.linalg.norm(x - foot)
        side = 1.0 if x @ w + bias >= 0 else -1.0
        return [
            close(margin(w, bias, x, y), y * side * distance, label="margin vs distance", rtol=1e-7, atol=1e-9),
            close(margin(c * w, c * bias, x, y), margin(w, bias, x, y), label="scale invariance", rtol=1e-7,
                  atol=1e-9),
        ]

    return for_all(ctx, margin_inputs, prop)
