"""The update rule: which samples it updates on, where it keeps the iterates, and its SGD reading."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from impls.perceptron import Perceptron
from theorems.engine import Comparison, Context, Formula, Outcome, Printed, close, for_all, steer, that

from . import NOVIKOFF, TOPIC
from .runs import final_margin, iterates, orders_evidence, separates, train
from .strategies import Dataset, Presentations, any_datasets, presentations, separable_datasets


@dataclass(frozen=True)
class Rule:
    """A perceptron rule as written: update when y(x·w + b) ≤ 0 (ties update) or only when < 0."""

    latex: str
    update_on_tie: bool

    def is_mistake(self, margin: np.ndarray) -> np.ndarray:
        """Which of the margins y(x·w + b) the rule calls mistakes (element-wise)."""
        return margin <= 0 if self.update_on_tie else margin < 0


def learner(ctx: Context, rule: Rule) -> Any:
    """The canonical variant checks the implementation under test; a printed one, the rule as printed."""
    return ctx.impl() if ctx.is_canonical else Perceptron(update_on_tie=rule.update_on_tie)


SIGN_RULE = Printed(
    Rule(r"f[w,b](x) \ne y \Rightarrow w \mathrel{+}= yx,\ b \mathrel{+}= y \quad (\mathrm{sign}(0)=0)", True),
    reading="f = sign, and sign(0) = 0 ≠ y: a point on the boundary counts as a mistake.",
)


@TOPIC.claim(
    "perceptron.update_rule",
    method="property",
    canonical=Rule(r"y(x\cdot w+b)\le 0 \Rightarrow w \leftarrow w+yx,\ b \leftarrow b+y", True),
    printed={
        "000": SIGN_RULE,
        "001": Printed(Rule(r"\Delta\theta = yx \text{ iff } y(x\cdot\theta) < 0", False),
                       reading="As printed, a tie y(x·θ) = 0 counts as correct; from θ = 0 every point is a tie."),
        "003": SIGN_RULE,
    },
    references=(NOVIKOFF,),
)
def update_rule(ctx: Context, rule: Rule) -> Outcome:
    """The perceptron rule learns a separator of separable data.

    On a mistake y(x·w + b) ≤ 0 set w ← w + y x and b ← b + y. Cycling through a linearly separable
    sample from w₀ = 0, every update is made on the first mistake in cyclic order, is exactly
    (y x, y), and the run stops at a separator: y(x·w + b) > 0 on every sample.
    """

    def follows_rule(data: Dataset) -> tuple[list[Comparison], Any]:
        trace = train(learner(ctx, rule), data)
        W, B = np.asarray(trace.weights), np.asarray(trace.biases)
        on = np.asarray(trace.updated_on, dtype=int)
        n, updates = len(data.y), len(on)
        # before update k the perceptron stands at (W[k], B[k]) and presents the samples cyclically from
        # the one after the last update: the first of them that the rule calls a mistake is the one to update on
        start = np.concatenate([[0], on[:-1] + 1])[:updates] % n
        mistake = rule.is_mistake(data.y[:, None] * (data.X @ W[:updates].T + B[:updates]))
        place = (np.arange(n)[:, None] - start[None, :]) % n
        first = np.argmin(np.where(mistake, place, n), axis=0)
        expected = np.where(mistake[first, np.arange(updates)], first, -1)
        steps = np.hstack([np.diff(W, axis=0), np.diff(B)[:, None]])
        wants = np.hstack([data.y[on, None] * data.X[on], (data.y[on] if data.bias else np.zeros(updates))[:, None]])
        wrong_step = np.any(np.abs(steps - wants) > 1e-12 * (1 + np.abs(wants)), axis=1)
        bad = np.flatnonzero((expected != on) | wrong_step)
        if bad.size:
            k, i = int(bad[0]), int(on[bad[0]])
            first_mistake = int(expected[k]) if expected[k] >= 0 else None
            return [that(first_mistake == i, label="update on the first mistake",
                         message=f"update {k + 1} was on sample {i}, the rule's first mistake is {first_mistake}"),
                    close(steps[k], wants[k], label=f"update {k + 1} equals (y x, y)", rtol=1e-12, atol=1e-12)], trace
        return [separates(trace, data)], trace

    tried: dict[str, int] = {}

    def prop(case: Presentations) -> list[Comparison]:
        margins: list[float] = []
        for order, data in case.orders():
            tried[order] = tried.get(order, 0) + 1
            found, trace = follows_rule(data)
            margins.append(final_margin(trace, data))
            if not all(c.ok for c in found):
                return [replace(c, message=f"{c.message} (samples presented {order})") for c in found]
        # push towards runs that end barely separating: a rule that stops too early ends just past the boundary
        steer(-min(margins), label="minus the final minimum margin")
        return []

    outcome = for_all(ctx, presentations(any_datasets()), prop, describe=Presentations.describe,
                      max_examples=2 * ctx.profile.max_examples)
    outcome.evidence.update(orders_evidence(tried))
    return outcome


@dataclass(frozen=True)
class SpanHypothesis:
    """Which iterate the hypothesis of the span invariance is about."""

    latex: str
    on_start: bool


@TOPIC.claim(
    "perceptron.span_invariance",
    method="property",
    canonical=SpanHypothesis(r"w_0 \in \mathrm{span}(x_i) \Rightarrow w_t \in \mathrm{span}(x_i)\ \forall t", True),
    faithful=("003",),
    printed={"000": Printed(SpanHypothesis(r"w_t \in \mathrm{span} \Rightarrow w_t \in \mathrm{span}", False),
                            reading="As printed the hypothesis is the conclusion: a tautology that cannot fail. "
                                    "Surely meant with w_0, the canonical statement (and document 003).")},
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
        W = np.asarray(train(ctx.impl(), data, w0=w0).weights)

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


@dataclass(frozen=True)
class ZigZag:
    latex: str
    strict: bool
    rule: Rule


@TOPIC.claim(
    "perceptron.update_opposes_weight",
    method="property",
    canonical=ZigZag(r"\Delta\theta\cdot\theta \le 0", False, Rule("ties update", True)),
    printed={"001": Printed(ZigZag(r"\Delta\theta\cdot\theta < 0", True, Rule("ties keep (001)", False)),
                            reading="Read with document 001's own rule (no update on a tie), under which the "
                                    "inequality is strict.")},
)
def update_opposes_weight(ctx: Context, zigzag: ZigZag) -> Outcome:
    """Updates zig-zag: each update points against the current weights.

    An update happens only when y x·θ ≤ 0, and Δθ = y x, so Δθ·θ = y x·θ ≤ 0 (strictly negative
    when ties do not trigger updates). Checked along runs from arbitrary starts θ₀.
    """
    starts = st.tuples(any_datasets(), hnp.arrays(np.float64, 5, elements=st.floats(-1, 1)))

    def prop(t: tuple[Dataset, np.ndarray]) -> list[Comparison]:
        data, raw = t
        w0 = raw[: data.X.shape[1]] * data.R  # a start on the data's scale
        trace = train(learner(ctx, zigzag.rule), data, w0=w0)
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
    faithful=("001",),
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
        return close(w - theta, -grad, label="update vs -gradient", rtol=1e-6, atol=1e-6 * (1 + np.abs(x).max()))

    return for_all(ctx, single_samples, prop)
