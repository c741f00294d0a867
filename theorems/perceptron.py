"""Perceptron: the update rule, its geometry, and Novikoff's mistake bound (docs 000, 001, 003).

Standard result: Novikoff (1962), Block (1962): if a unit vector w* has y (w*·x) ≥ γ > 0 on every
sample and ‖x‖ ≤ R, the perceptron started at 0 makes at most R²/γ² updates.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import sympy
from hypothesis import strategies as st
from hypothesis import target
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
    at_most,
    close,
    for_all,
    prove_chain,
    that,
)
from theorems.engine.catalog import D000, D001, D003
from theorems.strategies.perceptron import Dataset, separable_datasets, slab_datasets

TOPIC = Topic(
    "perceptron",
    "Perceptron",
    summary="Mistake-driven linear classifier; Novikoff's bound R²/γ² on the number of updates.",
    protocol=PerceptronImpl,
    reference="impls.perceptron:Perceptron",
)

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


datasets = st.one_of(separable_datasets(bias=None), slab_datasets())


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


@TOPIC.claim(
    "perceptron.dataset_margin",
    method="property",
    canonical=Formula(r"\gamma[w](\mathcal S)=\min_{(x,y)\in\mathcal S} y\,x\cdot w/\|w\|",
                      lambda w, X, y: float(np.min(y * (X @ w)) / np.linalg.norm(w))),
    printed=[
        Printed(D000, Formula(r"\min_{(x, y)} \gamma[w, b](x, y)", lambda w, X, y: float(np.min(y * (X @ w)))
                              / np.linalg.norm(w)), r"\gamma[w, b](\mathcal{S}) := \min_{(x, y) \in \mathcal{S}} "
                r"\gamma[w, b](x, y),\ (w^*, b^*) \in \arg\max_{w,b} \gamma[w, b](\mathcal{S})"),
        Printed(D003, Formula(r"\min_{(x, y)} \gamma[w, b](x, y)", lambda w, X, y: float(np.min(y * (X @ w)))
                              / np.linalg.norm(w)), r"\gamma[w, b](\mathcal{S}) := \min_{(x, y) \in \mathcal{S}} "
                r"\gamma[w, b](x, y),\ (w^*, b^*) \in \arg\max_{w,b} \gamma[w, b](\mathcal{S})"),
    ],
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


# --- the update rule ------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """A perceptron rule as written: update when y(x·w + b) ≤ 0 (ties update) or only when < 0."""

    latex: str
    update_on_tie: bool


def mistake(rule: Rule, margin: float) -> bool:
    return margin <= 0 if rule.update_on_tie else margin < 0


def learner(ctx: Context, rule: Rule) -> object:
    """The canonical variant checks the implementation under test; a printed one, the rule as printed."""
    return ctx.impl() if ctx.is_canonical else Perceptron(update_on_tie=rule.update_on_tie)


RULE_000 = Rule(r"f[w,b](x) \ne y \Rightarrow w \mathrel{+}= yx,\ b \mathrel{+}= y \quad (\mathrm{sign}(0)=0)", True)


@TOPIC.claim(
    "perceptron.update_rule",
    method="property",
    canonical=Rule(r"y(x\cdot w+b)\le 0 \Rightarrow w \leftarrow w+yx,\ b \leftarrow b+y", True),
    printed=[
        Printed(D000, RULE_000, r"\text{If } f[w, b](x) \neq y: w \mathrel{+}= yx,\ b \mathrel{+}= y",
                reading="f = sign, and sign(0) = 0 ≠ y: a point on the boundary counts as a mistake."),
        Printed(D001, Rule(r"\Delta\theta = yx \text{ iff } y(x\cdot\theta) < 0", False),
                r"\Delta \theta = 0 \text{ if } y(x \cdot \theta) \geq 0,\ yx \text{ otherwise}",
                reading="As printed, a tie y(x·θ) = 0 counts as correct; from θ = 0 every point is a tie."),
        Printed(D003, RULE_000, r"\text{if } f[w, b](x) \neq y: w \leftarrow w + yx, b \leftarrow b + y",
                reading="f = sign, and sign(0) = 0 ≠ y: a point on the boundary counts as a mistake."),
    ],
    references=(NOVIKOFF,),
)
def update_rule(ctx: Context, rule: Rule) -> Outcome:
    """The perceptron rule learns a separator of separable data.

    On a mistake y(x·w + b) ≤ 0 set w ← w + y x and b ← b + y. Cycling through a linearly separable
    sample from w₀ = 0, every update is made on the first mistake in cyclic order, is exactly
    (y x, y), and the run stops at a separator: y(x·w + b) > 0 on every sample.
    """

    def prop(data: Dataset) -> list[Comparison]:
        trace = train(ctx, data, impl=learner(ctx, rule))
        W, B = np.asarray(trace.weights), np.asarray(trace.biases)
        found: list[Comparison] = []
        position = 0
        for k, i in enumerate(trace.updated_on):
            w, b = W[k], B[k]
            # the sample presented first that the rule calls a mistake must be the one updated on
            order = [(position + j) % len(data.y) for j in range(len(data.y))]
            expected = next((j for j in order if mistake(rule, data.y[j] * (data.X[j] @ w + b))), None)
            found.append(that(expected == i, label="update on the first mistake",
                              message=f"update {k + 1} was on sample {i}, the rule's first mistake is {expected}"))
            step = np.append(W[k + 1] - w, B[k + 1] - b)
            want = np.append(data.y[i] * data.X[i], data.y[i] if data.bias else 0.0)
            found.append(close(step, want, label=f"update {k + 1} equals (y x, y)", rtol=1e-12, atol=1e-12))
            position = int(i) + 1
            if not all(c.ok for c in found):
                return found
        return [*found, separates(trace.w, trace.b, data)]

    return for_all(ctx, datasets, prop, describe=Dataset.describe)


@dataclass(frozen=True)
class SpanHypothesis:
    """Which iterate the hypothesis of the span invariance is about."""

    latex: str
    on_start: bool


@TOPIC.claim(
    "perceptron.span_invariance",
    method="property",
    canonical=SpanHypothesis(r"w_0 \in \mathrm{span}(x_i) \Rightarrow w_t \in \mathrm{span}(x_i)\ \forall t", True),
    printed=[
        Printed(D000, SpanHypothesis(r"w_t \in \mathrm{span} \Rightarrow w_t \in \mathrm{span}", False),
                r"w_t \in \text{span}(x_1, \dots, x_s) \Rightarrow w_t \in \text{span}(x_1, \dots, x_s) \forall t",
                reading="As printed the hypothesis is the conclusion: a tautology that cannot fail. "
                        "Surely meant with w_0, the canonical statement (and document 003)."),
        Printed(D003, SpanHypothesis(r"w_0 \in \mathrm{span} \Rightarrow w_t \in \mathrm{span}", True),
                r"w_0 \in \text{span}(x_1, \dots, x_s) \Rightarrow w_t \in \text{span}(x_1, \dots, x_s) \forall t"),
    ],
)
def span_invariance(ctx: Context, hypothesis: SpanHypothesis) -> Outcome:
    """The perceptron's iterates stay in the span of the data.

    If w₀ ∈ span(x₁, …, x_s) then every iterate w_t ∈ span(x₁, …, x_s), since each update adds
    ±x_i. Checked with starts inside the span and outside it, in dimensions above the sample size.
    """
    starts = st.tuples(separable_datasets(bias=False, max_samples=4, min_dim=3, max_dim=6), st.booleans(),
                       hnp.arrays(np.float64, 6, elements=st.floats(-1, 1)))

    def prop(t: tuple[Dataset, bool, np.ndarray]) -> list[Comparison]:
        data, inside, coeffs = t
        basis = data.X
        w0 = coeffs[: len(basis)] @ basis if inside else coeffs[: basis.shape[1]] * data.R
        trace = train(ctx, data, w0=w0)
        W = np.asarray(trace.weights)

        def in_span(w: np.ndarray) -> bool:
            residual = w - basis.T @ np.linalg.lstsq(basis.T, w, rcond=None)[0]
            return bool(np.linalg.norm(residual) <= 1e-9 * (1 + np.linalg.norm(w)))

        return [
            that(not in_span(W[0 if hypothesis.on_start else t]) or in_span(W[t]), label="w_t in span",
                 message=f"w_{t} = {W[t].tolist()} left the span of the data")
            for t in range(len(W))
        ]

    return for_all(ctx, starts, prop, describe=lambda t: {"data": t[0].describe(), "w0 in span": t[1],
                                                          "coefficients": t[2]})


# --- Novikoff's theorem and the two growth lemmas it rests on --------------------------------


@dataclass(frozen=True)
class Growth:
    """Quantities along a run, on the homogeneous problem: t, w_t·w*, ‖w_t‖ and Σ_{k≤t} ‖z_k‖²."""

    t: np.ndarray
    along: np.ndarray
    norm: np.ndarray
    energy: np.ndarray
    R: float
    gamma: float

    @classmethod
    def of(cls, trace: Trace, data: Dataset) -> Growth:
        Z, w_star = data.homogeneous()
        W = iterates(trace, data)
        updated = Z[np.asarray(trace.updated_on, dtype=int)] if trace.updated_on else np.zeros((0, Z.shape[1]))
        energy = np.concatenate([[0.0], np.cumsum(np.sum(updated**2, axis=1))])
        return cls(np.arange(len(W), dtype=float), W @ w_star, np.linalg.norm(W, axis=1), energy, data.R, data.gamma)


@dataclass(frozen=True)
class Chain:
    """Inequalities ``small ≤ big`` along a run, as a claim states them."""

    latex: str
    fn: object
    """Growth → list of (label, small, big) arrays, compared element-wise."""
    unit_inputs: bool = False


def worst_at_most(label: str, small: np.ndarray, big: np.ndarray) -> Comparison | None:
    """The t at which ``small_t ≤ big_t`` fails most or, if it never fails, comes closest (largest
    small_t / big_t); NaN entries are skipped."""
    small = np.atleast_1d(np.asarray(small, float))
    big = np.broadcast_to(np.asarray(big, float), small.shape)
    known = np.isfinite(small) & np.isfinite(big)
    if not np.any(known):
        return None
    gap = np.where(known, small - big, -np.inf)
    ratio = np.where(known & (big > 0), small / np.where(big > 0, big, 1.0), -np.inf)
    t = int(np.argmax(gap)) if np.max(gap) > 0 or not np.any(np.isfinite(ratio)) else int(np.argmax(ratio))
    found = at_most(small[t], big[t], label=label, rtol=1e-9, atol=1e-12 * float(np.max(np.abs(big[known])) + 1))
    return replace(found, message=f"{found.message} at t = {t}")


def check_chain(ctx: Context, chain: Chain) -> Outcome:
    data_strategy = separable_datasets(bias=False, unit_ball=True) if chain.unit_inputs else datasets

    def prop(data: Dataset) -> list[Comparison]:
        growth = Growth.of(train(ctx, data), data)
        found = [worst_at_most(label, small, big) for label, small, big in chain.fn(growth)]  # type: ignore[operator]
        return [c for c in found if c is not None]

    return for_all(ctx, data_strategy, prop, describe=Dataset.describe)


def after_updates(values: np.ndarray) -> np.ndarray:
    """``values`` for t ≥ 1 (NaN at t = 0, where the statement says nothing)."""
    out = np.array(values, dtype=float)
    out[0] = np.nan
    return out


def per_update(values: np.ndarray) -> np.ndarray:
    """The gain of update t, values_t - values_{t-1} (NaN at t = 0)."""
    return np.concatenate([[np.nan], np.diff(values)])


@TOPIC.claim(
    "perceptron.inner_product_growth",
    method="property",
    canonical=Chain(r"w_t\cdot w^* \ge t\gamma", lambda g: [("tγ ≤ w_t·w*", g.t * g.gamma, g.along)]),
    printed=[
        Printed(D000, Chain(r"w_t\cdot w^* \ge t\gamma", lambda g: [("tγ ≤ w_t·w*", g.t * g.gamma, g.along)]),
                r"\gamma[w^*](\mathcal{S}) = \gamma > 0 \Rightarrow w_t \cdot w^* \geq t\gamma"),
        Printed(D001, Chain(r"\Delta\theta^t\cdot\theta^* \ge \gamma",
                            lambda g: [("γ ≤ Δθ_t·θ*", g.gamma + 0 * g.t, per_update(g.along))]),
                r"\Delta \theta^t \theta^* = y^t x^t \theta^* \geq \gamma"),
        Printed(D003, Chain(r"w_t\cdot w^* \ge \gamma",
                            lambda g: [("γ ≤ w_t·w* (t ≥ 1)", g.gamma + 0 * g.t,
                                        after_updates(g.along))]),
                r"\gamma[w^*](\mathcal{S}) = \gamma > 0 \Rightarrow w_t \cdot w^* \geq \gamma",
                reading="True for t ≥ 1 but much weaker than t γ, which the proof of the bound needs: the t was "
                        "probably lost (document 000 prints t γ)."),
    ],
    references=(NOVIKOFF,),
)
def inner_product_growth(ctx: Context, chain: Chain) -> Outcome:
    """Each update gains at least γ along the separator.

    If a unit vector w* has y (x·w*) ≥ γ > 0 on S (with a bias: on (x, 1), jointly normalised) and
    w₀ = 0, then after t updates w_t·w* ≥ t γ, because every update adds y x·w* ≥ γ.
    """
    return check_chain(ctx, chain)


@TOPIC.claim(
    "perceptron.norm_growth",
    method="property",
    canonical=Chain(r"\|w_t\| \le R\sqrt t", lambda g: [("‖w_t‖ ≤ R√t", g.norm, g.R * np.sqrt(g.t))]),
    printed=[
        Printed(D000, Chain(r"\|w_t\| \le R\sqrt t", lambda g: [("‖w_t‖ ≤ R√t", g.norm, g.R * np.sqrt(g.t))]),
                r"R = \max_{x \in \mathcal{S}} \|x\| \Rightarrow \|w_t\| \leq R\sqrt{t}"),
        Printed(D001, Chain(r"\|\theta^s\|^2 \le \sum_t \|x^t\|^2",
                            lambda g: [("‖θ_s‖² ≤ Σ‖x^t‖²", g.norm**2, g.energy)]),
                r"\|\theta^s\|^2 \leq \sum_{t=1}^s \|x^t\|^2"),
        Printed(D003, Chain(r"\|w_t\| \le R\sqrt\gamma", lambda g: [("‖w_t‖ ≤ R√γ", g.norm, g.R * np.sqrt(g.gamma))]),
                r"\|w_t\| \leq R\sqrt{\gamma}", reading="√γ where document 000 has √t."),
    ],
    references=(NOVIKOFF,),
)
def norm_growth(ctx: Context, chain: Chain) -> Outcome:
    """The iterates grow at most like √t.

    With R = max ‖x‖ over S and w₀ = 0, after t updates ‖w_t‖ ≤ R √t: an update happens only when
    y x·w ≤ 0, so ‖w + y x‖² = ‖w‖² + 2 y x·w + ‖x‖² ≤ ‖w‖² + ‖x‖², hence ‖w_t‖² ≤ Σ ‖x_k‖² ≤ t R².
    """
    return check_chain(ctx, chain)


@TOPIC.claim(
    "perceptron.norm_growth_unit_inputs",
    method="property",
    canonical=Chain(r"\|x\|\le 1 \Rightarrow \|\theta^s\| \le \sqrt s",
                    lambda g: [("‖θ_s‖ ≤ √s", g.norm, np.sqrt(g.t))], unit_inputs=True),
    printed=[Printed(D001, Chain(r"\|x\|\le 1 \Rightarrow \|\theta^s\| \le \sqrt s",
                                 lambda g: [("‖θ_s‖ ≤ √s", g.norm, np.sqrt(g.t))], unit_inputs=True),
                     r"\|x^t\| \leq 1 \Rightarrow \|\theta^s\| \leq \sqrt{s}")],
    depends=("perceptron.norm_growth",),
)
def norm_growth_unit_inputs(ctx: Context, chain: Chain) -> Outcome:
    """Norm growth for inputs in the unit ball.

    If every ‖x‖ ≤ 1 then after s updates from θ₀ = 0, ‖θ_s‖ ≤ √s (norm growth with R = 1).
    """
    return check_chain(ctx, chain)


@TOPIC.claim(
    "perceptron.cosine_bound",
    method="property",
    canonical=Chain(r"\cos\angle(w^*,w_t) \ge \frac{t\gamma}{\sqrt t R}",
                    lambda g: [("√t γ/R ≤ cos∠(w*, w_t)", after_updates(np.sqrt(g.t) * g.gamma / g.R),
                                after_updates(g.along) / after_updates(g.norm))]),
    printed=[Printed(D003, Chain(r"\cos\angle(w^*,w_t) \ge \sqrt{\gamma/R}",
                                 lambda g: [("√(γ/R) ≤ cos∠(w*, w_t)", np.sqrt(g.gamma / g.R) + 0 * g.t,
                                             after_updates(g.along) / after_updates(g.norm))]),
                     r"\cos \angle(w^*, w_t) \geq \frac{\gamma}{\sqrt{\gamma}R} = \sqrt{\frac{\gamma}{R}} \leq 1",
                     reading="The printed chain uses the printed lemmas (w_t·w* ≥ γ, ‖w_t‖ ≤ R√γ) and then "
                             "simplifies γ/(√γ R) to √(γ/R), which is a second error (it is √γ/R).")],
    depends=("perceptron.inner_product_growth", "perceptron.norm_growth"),
    references=(NOVIKOFF,),
)
def cosine_bound(ctx: Context, chain: Chain) -> Outcome:
    """The angle to the separator closes like √t.

    From the two growth lemmas, cos∠(w*, w_t) = w*·w_t/‖w_t‖ ≥ t γ/(√t R) = √t γ/R after t ≥ 1 updates.
    """
    return check_chain(ctx, chain)


@TOPIC.claim(
    "perceptron.margin_growth_vs_norm",
    method="property",
    canonical=Chain(r"\gamma s \le \theta^s\cdot\theta^* \le \|\theta^s\| \le \sqrt s",
                    lambda g: [("γs ≤ θ_s·θ*", g.t * g.gamma, g.along), ("θ_s·θ* ≤ ‖θ_s‖", g.along, g.norm),
                               ("‖θ_s‖ ≤ √s", g.norm, np.sqrt(g.t))], unit_inputs=True),
    printed=[Printed(D001, Chain(r"\gamma s \le s", lambda g: [("γs ≤ s", g.t * g.gamma, g.t)], unit_inputs=True),
                     r"\text{Show } \gamma s \leq s",
                     reading="As printed, γs ≤ s is true (γ ≤ ‖x‖ ≤ 1) but gives no bound on s; the proof "
                             "needs γs ≤ √s (a lost square root), the canonical chain.")],
    depends=("perceptron.inner_product_growth", "perceptron.norm_growth_unit_inputs"),
    references=(NOVIKOFF,),
)
def margin_growth_vs_norm(ctx: Context, chain: Chain) -> Outcome:
    """The proof step of Novikoff's bound for unit inputs.

    With ‖x‖ ≤ 1 and a unit separator of margin γ: γ s ≤ θ_s·θ* ≤ ‖θ_s‖ ≤ √s after s updates,
    so s ≤ 1/γ².
    """
    return check_chain(ctx, chain)


@dataclass(frozen=True)
class MistakeBound:
    latex: str
    fn: object
    """(R, γ) → the bound on the number of updates."""
    unit_inputs: bool = False


@TOPIC.claim(
    "perceptron.novikoff_mistake_bound",
    method="property",
    canonical=MistakeBound(r"t \le R^2/\gamma^2", lambda R, g: R**2 / g**2),
    printed=[
        Printed(D000, MistakeBound(r"t \le R^2/\gamma^2", lambda R, g: R**2 / g**2),
                r"\sqrt{t} \frac{\gamma}{R} \leq 1 \Rightarrow t \leq \frac{R^2}{\gamma^2}"),
        Printed(D001, MistakeBound(r"\|x\|\le 1 \Rightarrow t \le \gamma^{-2}", lambda R, g: g**-2, unit_inputs=True),
                r"\text{Converges in at most } \gamma^{-2} \text{ steps (if } \|x^t\| \leq 1)"),
        Printed(D003, MistakeBound(r"t \le R^2/\gamma", lambda R, g: R**2 / g), r"t \leq \frac{R^2}{\gamma}",
                reading="γ where document 000 has γ²; the bound is then not scale invariant."),
    ],
    depends=("perceptron.inner_product_growth", "perceptron.norm_growth", "perceptron.cosine_bound"),
    references=(NOVIKOFF, "Block (1962)"),
)
def novikoff_mistake_bound(ctx: Context, bound: MistakeBound) -> Outcome:
    """Novikoff's theorem: the perceptron makes at most R²/γ² mistakes.

    If a unit vector w* separates S with margin γ > 0 and R = max ‖x‖ (with a bias, apply this to
    (x, 1) and (w*, b*) normalised jointly), the perceptron started at 0 stops at a separator of S
    after at most R²/γ² updates. Checked with γ the exact maximum margin, the tightest form.
    """
    data_strategy = separable_datasets(bias=False, unit_ball=True) if bound.unit_inputs else datasets
    seen: list[tuple[float, int]] = []

    def prop(data: Dataset) -> list[Comparison]:
        trace = train(ctx, data)
        gamma = data.max_margin[0]
        limit = float(bound.fn(data.R, gamma))  # type: ignore[operator]
        seen.append((limit, trace.mistakes))
        target(float(trace.mistakes), label="mistakes")  # also search for hard instances, not only tight ones
        return [at_most(trace.mistakes, limit, label="mistakes / bound"), separates(trace.w, trace.b, data)]

    outcome = for_all(ctx, data_strategy, prop, describe=Dataset.describe)
    plot_mistakes(ctx, seen, bound.latex)
    return outcome


def plot_mistakes(ctx: Context, seen: list[tuple[float, int]], latex: str) -> None:
    if not seen:
        return
    limits, mistakes = np.array(seen, dtype=float).T
    keep = (limits > 0) & np.isfinite(limits)
    with ctx.figure(f"Mistakes against the bound ${latex}$ over {len(seen)} generated data sets") as (_, ax):
        ax.loglog(limits[keep], np.maximum(mistakes[keep], 0.5), ".", alpha=0.5, label="data set")
        lo, hi = max(0.5, float(limits[keep].min())), float(limits[keep].max())
        ax.loglog([lo, hi], [lo, hi], "k--", lw=1, label="mistakes = bound")
        ax.set_xlabel("bound")
        ax.set_ylabel("mistakes (0 drawn at 0.5)")
        ax.legend()


@dataclass(frozen=True)
class ZigZag:
    latex: str
    strict: bool
    rule: Rule


@TOPIC.claim(
    "perceptron.update_opposes_weight",
    method="property",
    canonical=ZigZag(r"\Delta\theta\cdot\theta \le 0", False, Rule("ties update", True)),
    printed=[Printed(D001, ZigZag(r"\Delta\theta\cdot\theta < 0", True, Rule("ties keep (001)", False)),
                     r"\Delta \theta \cdot \theta < 0 \text{ for updates}",
                     reading="Read with document 001's own rule (no update on a tie), under which the "
                             "inequality is strict.")],
)
def update_opposes_weight(ctx: Context, zigzag: ZigZag) -> Outcome:
    """Updates zig-zag: each update points against the current weights.

    An update happens only when y x·θ ≤ 0, and Δθ = y x, so Δθ·θ = y x·θ ≤ 0 (strictly negative
    when ties do not trigger updates). Checked along runs from arbitrary starts θ₀.
    """
    starts = st.tuples(datasets, hnp.arrays(np.float64, 5, elements=st.floats(-1, 1)))

    def prop(t: tuple[Dataset, np.ndarray]) -> list[Comparison]:
        data, raw = t
        w0 = raw[: data.X.shape[1]] * data.R  # a start on the data's scale
        trace = train(ctx, data, w0=w0, impl=learner(ctx, zigzag.rule))
        Z, _ = data.homogeneous()
        W = iterates(trace, data)
        on = np.asarray(trace.updated_on, dtype=int)
        updates = data.y[on, None] * Z[on]  # Δθ = y x of each update
        inner = np.sum(updates * W[:-1], axis=1)
        if inner.size == 0:
            return []
        k = int(np.argmax(inner))
        ok = inner[k] < 0 if zigzag.strict else inner[k] <= 1e-9 * (1 + np.linalg.norm(W[k]) ** 2)
        return [that(ok, label="Δθ·θ", message=f"update {k + 1} has Δθ·θ = {inner[k]:.6g}")]

    return for_all(ctx, starts, prop, describe=lambda t: {"data": t[0].describe(), "w0": t[1] * t[0].R})


def perceptron_loss(theta: np.ndarray, x: np.ndarray, y: int) -> float:
    return max(0.0, float(-y * (x @ theta)))


single_samples = st.tuples(
    hnp.arrays(np.float64, 3, elements=st.floats(-10, 10)), hnp.arrays(np.float64, 3, elements=st.floats(-10, 10)),
    st.sampled_from([-1, 1]),
).filter(lambda t: abs(t[0] @ t[1]) > 1e-3)


@TOPIC.claim(
    "perceptron.sgd_on_perceptron_loss",
    method="property",
    canonical=Formula(r"l(x; y, \theta) = \max\{0, -y x\cdot\theta\}", perceptron_loss),
    printed=[Printed(D001, Formula(r"l(x; y, \theta) = \max\{0, -y x\cdot\theta\}", perceptron_loss),
                     r"l(x; y, \theta) = \max\{0, -yx \cdot \theta\}")],
)
def sgd_on_perceptron_loss(ctx: Context, loss: Formula) -> Outcome:
    """The perceptron update is SGD with unit step on the perceptron loss.

    Away from the kink y x·θ = 0, one presentation of (x, y) moves θ by exactly -∇_θ l(x; y, θ)
    for l = max{0, -y x·θ}: by y x on a mistake, not at all on a correct point.
    """

    def prop(t: tuple[np.ndarray, np.ndarray, int]) -> Comparison:
        theta, x, y = t
        h = 1e-3 * abs(x @ theta) / (np.abs(x).sum() + 1)  # small enough not to cross the kink
        grad = np.array([(loss(theta + h * e, x, y) - loss(theta - h * e, x, y)) / (2 * h) for e in np.eye(3)])
        w, _ = ctx.impl().step(theta, 0.0, x, y)
        step = as_array(w, what="step() weights", shape=(3,)) - theta
        return close(step, -grad, label="update vs -gradient", rtol=1e-6, atol=1e-6 * (1 + np.abs(x).max()))

    return for_all(ctx, single_samples, prop)


TOPIC.not_checkable(
    "perceptron.margin_separability_def",
    title="Linear separability with margin γ (a definition)",
    statement="S is linearly separable with margin γ > 0 iff some unit θ* has y x·θ* ≥ γ for all (x, y) in S.",
    reason="A definition: it names a property and asserts nothing. The claims that use it "
           "(inner_product_growth, novikoff_mistake_bound) are checked with it.",
    printed=[Printed(D001, None, r"\exists \theta^*, \|\theta^*\| = 1 : yx \cdot \theta^* \geq \gamma > 0")],
)
