"""The geometry of a threshold unit: its decision boundary, distances to it, and margins."""

from __future__ import annotations

import numpy as np
import sympy
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from theorems.engine import Comparison, Context, Formula, Outcome, at_most, close, for_all, symbolic

from . import TOPIC
from .strategies import Dataset, separable_datasets

x1, x2, w1, w2, b = sympy.symbols("x_1 x_2 w_1 w_2 b", real=True)
norm_w = sympy.sqrt(w1**2 + w2**2)


@TOPIC.claim(
    "perceptron.decision_boundary_normalized",
    method="sympy",
    canonical=Formula(r"\frac{x\cdot w}{\|w\|}+\frac{b}{\|w\|}", lambda: (x1 * w1 + x2 * w2) / norm_w + b / norm_w),
    faithful=("000",),
    uses_impl=False,
)
def decision_boundary_normalized(ctx: Context, normalized: Formula) -> Outcome:
    """The decision boundary written with a unit normal.

    For w ≠ 0, x·w + b = 0 ⇔ x·w/‖w‖ + b/‖w‖ = 0: the normalised form equals (x·w + b)/‖w‖,
    a non-zero multiple of x·w + b, so both have the same zero set (proved in R², coordinates free).
    """
    return symbolic(ctx, ("normalised form", normalized()),
                    ("over a common denominator", (x1 * w1 + x2 * w2 + b) / norm_w))


@TOPIC.claim(
    "perceptron.hyperplane_signed_distance",
    method="sympy",
    canonical=Formula(r"-\frac{b}{\|w\|}", lambda: -b / norm_w),
    faithful=("003",),
    uses_impl=False,
)
def hyperplane_signed_distance(ctx: Context, distance: Formula) -> Outcome:
    """Signed distance of the hyperplane from the origin.

    The point of {x : x·w + b = 0} closest to 0 is p = -b w/‖w‖²; its coordinate along the unit
    normal w/‖w‖ is -b/‖w‖ (proved in R² with symbolic w, b).
    """
    p = (-b * w1 / norm_w**2, -b * w2 / norm_w**2)
    return symbolic(ctx, ("signed distance p·w/‖w‖ of the foot point p = -b w/‖w‖²", (p[0] * w1 + p[1] * w2) / norm_w),
                    ("stated distance", distance()))


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
    faithful=("000", "003"),
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


@TOPIC.claim(
    "perceptron.dataset_margin",
    method="property",
    canonical=Formula(r"\gamma[w](\mathcal S)=\min_{(x,y)\in\mathcal S} y\,x\cdot w/\|w\|",
                      lambda w, X, y: float(np.min(y * (X @ w)) / np.linalg.norm(w))),
    faithful=("000", "003"),
    uses_impl=False,
)
def dataset_margin(ctx: Context, margin: Formula) -> Outcome:
    """The maximum-margin separator maximises the sample margin.

    γ[w](S) = min over S of y x·w/‖w‖. The maximum-margin direction (hard-margin SVM) attains a
    margin at least that of every other direction w, including the generating separator.
    """
    probes = st.tuples(separable_datasets(bias=False), hnp.arrays(np.float64, 4, elements=st.floats(-10, 10)))

    def prop(t: tuple[Dataset, np.ndarray]) -> list[Comparison]:
        data, raw = t
        w = raw[: data.X.shape[1]]
        best, w_best = data.max_margin
        comparisons = [close(margin(w_best, data.X, data.y), best, label="margin of the maximiser", rtol=1e-9)]
        if np.linalg.norm(w) > 1e-9:
            comparisons.append(at_most(margin(w, data.X, data.y), best, label="γ[w](S) / max_w γ[w](S)", rtol=1e-6))
        return comparisons

    return for_all(ctx, probes, prop, describe=lambda t: {"data": t[0].describe(), "w": t[1]})


TOPIC.not_checkable(
    "perceptron.margin_separability_def",
    title="Linear separability with margin γ (a definition)",
    statement="S is linearly separable with margin γ > 0 iff some unit θ* has y x·θ* ≥ γ for all (x, y) in S.",
    reason="A definition: it names a property and asserts nothing. The claims that use it "
           "(inner_product_growth, novikoff_mistake_bound) are checked with it.",
)
