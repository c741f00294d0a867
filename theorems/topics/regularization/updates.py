"""Weight decay as an update: the L2 penalty, its gradient, the GD step it gives, and AdamW against Adam's L2.

For plain gradient descent adding μθ to the gradient (``torch.optim.SGD(weight_decay=μ)``) and decaying
the weights by 1 - ημ are the same step; for Adam they are not: Adam(weight_decay=μ) divides μθ by the
adaptive denominator with the rest of the gradient, AdamW (Loshchilov & Hutter 2019) decays the weights
outside it. Each update is compared step by step with the rule as stated (:func:`same_steps`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy
from hypothesis import strategies as st

from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    for_all,
    for_each,
    identity,
    same_steps,
    symbolic,
    that,
    within_tolerance,
)
from theorems.topics.optim.adaptive import bias_corrected, ema_first, ema_second

from . import GOODFELLOW, LOSHCHILOV, TOPIC
from .strategies import AdamRun, Descent, Quadratic, adam_runs, descents, layer_stacks

TOPIC.not_checkable(
    "regularization.l2_penalty_def",
    title="The L2 penalty",
    statement="Ω_μ(θ) = (μ/2)‖θ‖², μ ≥ 0, added to the risk: R_Ω(θ) = R(θ) + Ω_μ(θ).",
    reason="A definition: it names the penalty whose gradient (regularization.l2_gradient), update "
           "(regularization.weight_decay_update) and minimizers (regularization.quadratic_shrinkage_solution) "
           "are checked.",
    references=(GOODFELLOW,),
)

WEIGHT_DECAY_STEP = Formula(r"\theta_{k+1}=(1-\eta\mu)\theta_k-\eta\nabla\mathcal R(\theta_k)",
                            lambda theta, g, eta, mu: (1 - eta * mu) * theta - eta * g)


@TOPIC.claim(
    "regularization.weight_decay_update",
    method="sympy",
    canonical=WEIGHT_DECAY_STEP,
    faithful=("000", "001", "003"),
    references=(GOODFELLOW, "torch.optim.SGD(weight_decay=μ)"),
)
def weight_decay_update(ctx: Context, step: Formula) -> Outcome:
    """Gradient descent on the L2-regularized risk decays the weights

    A GD step of size η on R(θ) + (μ/2)‖θ‖² is θ - η∇R(θ) - ημθ = (1 - ημ)θ - η∇R(θ) (the penalty is a sum
    over coordinates, so one coordinate proves it). The implementation's GD with weight decay μ
    (``torch.optim.SGD(weight_decay=μ)`` for the adapter) takes this step at every iterate.
    """
    theta, g, eta, mu = sympy.symbols("theta g eta mu", real=True)  # g = ∂R/∂θ at θ
    derivation = symbolic(
        ctx,
        ("θ - η (∂R/∂θ + ∂/∂θ μθ²/2)", theta - eta * (g + sympy.diff(mu * theta**2 / 2, theta))),
        ("the step as stated", step(theta, g, eta, mu)),
    )

    def run(x: Descent) -> np.ndarray:
        return ctx.impl().weight_decay_gd(x.model.gradient, x.x0, x.lr, x.model.mu, x.steps)

    def rule(x: Descent, path: np.ndarray, t: int) -> np.ndarray:
        return step(path[t], x.model.gradient(path[t]), x.lr, x.model.mu)

    return all_of({
        "the step of GD on R + (μ/2)‖θ‖²": derivation,
        "the implementation's weight-decay GD": lambda: same_steps(
            ctx, descents(), run, rule, label="GD with weight decay vs the stated step", describe=Descent.describe,
            max_examples=ctx.scaled(40)),
    })


PENALTY_GRADIENT = Formula(r"\partial\Omega/\partial\theta^l_{ij}=\mu^l\theta^l_{ij}", lambda w, mu: mu * w)


def _symbol_matrix(name: str, rows: int, cols: int) -> sympy.Matrix:
    return sympy.Matrix(rows, cols, lambda i, j: sympy.Symbol(f"{name}_{i}{j}", real=True))


@TOPIC.claim(
    "regularization.l2_gradient",
    method="sympy",
    canonical=PENALTY_GRADIENT,
    faithful=("001",),
    references=(GOODFELLOW,),
)
def l2_gradient(ctx: Context, gradient: Formula) -> Outcome:
    """The gradient of the layer-wise L2 penalty

    For Ω(θ) = ½ Σ_l μ^l ‖θ^l‖_F², ∂Ω/∂θ^l_ij = μ^l θ^l_ij: proved for an entry of a 2 × 2 layer (Ω is a sum
    of squares of entries), then the implementation's gradient (torch autograd for the adapter) is compared with it.
    """
    mu = sympy.Symbol("mu", nonnegative=True)
    w = _symbol_matrix("theta", 2, 2)
    penalty = mu / 2 * sum(entry**2 for entry in w)
    derivation = symbolic(ctx, ("∂Ω/∂θ_01", sympy.diff(penalty, w[0, 1])),
                          ("the gradient as stated, entry 01", gradient(w, mu)[0, 1]))

    def implemented(stack: tuple[list[np.ndarray], list[float]]) -> np.ndarray:
        return np.concatenate([g.ravel() for g in ctx.impl().penalty_gradient(*stack)])

    def stated(stack: tuple[list[np.ndarray], list[float]]) -> np.ndarray:
        return np.concatenate([gradient(w, mu).ravel() for w, mu in zip(*stack, strict=True)])

    return all_of({
        "the derivative": derivation,
        "the implementation's gradient": lambda: identity(ctx, layer_stacks(), implemented, stated,
                                                          label="∇Ω of the implementation vs μ^l θ^l",
                                                          max_examples=ctx.scaled(50)),
    })


def weighted_squares(layers: Sequence[Any], mus: Sequence[Any]) -> Any:
    """Σ_l μ_l ‖W^l‖_F² (SymPy or NumPy entries)."""
    return sum(mu * sum(entry**2 for entry in w) for w, mu in zip(layers, mus, strict=True))


HALF_PENALTY = Formula(r"\Omega=\tfrac12\sum_l\mu_l\|W^l\|_F^2", lambda layers, mus: weighted_squares(layers, mus) / 2)


@TOPIC.claim(
    "regularization.layerwise_weight_decay",
    method="sympy",
    canonical=HALF_PENALTY,
    printed={"000": Printed(
        Formula(r"\Omega=\sum_l\mu_l\|W^l\|_F^2", weighted_squares),
        reading="As printed, without the ½: with every μ_l = μ it is μ‖θ‖², twice the Ω_μ = (μ/2)‖θ‖² of line "
                "636 that this section generalizes (document 001, line 640, prints the ½).")},
    references=(GOODFELLOW,),
    uses_impl=False,
)
def layerwise_weight_decay(ctx: Context, penalty: Formula) -> Outcome:
    """The layer-wise penalty generalizes (μ/2)‖θ‖²

    With θ = (vec W^1, …, vec W^L), Ω = ½ Σ_l μ_l ‖W^l‖_F² equals Ω_μ(θ) = (μ/2)‖θ‖² when every μ_l = μ
    (proved for a 2 × 2 and a 1 × 2 layer; the Frobenius norm is the Euclidean norm of vec W).
    """
    mu = sympy.Symbol("mu", positive=True)
    layers = [_symbol_matrix("W1", 2, 2), _symbol_matrix("W2", 1, 2)]
    theta = [entry for w in layers for entry in w]
    return symbolic(ctx, ("Ω(W¹, W²) with μ_1 = μ_2 = μ", penalty(layers, [mu, mu])),
                    ("(μ/2)‖θ‖²", mu / 2 * sum(entry**2 for entry in theta)))


DECAY_KEEPS_SIGN = Formula(r"0<\eta\mu<1", lambda eta, mu: 0 < eta * mu < 1)


@TOPIC.claim(
    "regularization.weight_decay_shrink_condition",
    method="property",
    canonical=DECAY_KEEPS_SIGN,
    printed={"001": Printed(Formula(r"1-\eta>0", lambda eta, mu: 1 - eta > 0),
                            reading="Read as printed: 1 - η > 0, the decay μ left out of the factor 1 - ημ.")},
    references=(GOODFELLOW,),
)
def weight_decay_shrink_condition(ctx: Context, condition: Formula) -> Outcome:
    """When the decay factor shrinks the weights

    The weight-decay step multiplies θ by 1 - ημ (plus -η∇R). Under the condition 0 < ημ < 1 the factor lies in
    (0, 1): θ shrinks and keeps its sign. Checked on the implementation's factor (one step with ∇R = 0) for
    every (η, μ) that satisfies the condition: it must lie in [0, 1] up to rounding.
    """

    def prop(pair: tuple[float, float]) -> Comparison:
        eta, mu = pair
        factor = float(ctx.impl().weight_decay_gd(np.zeros_like, np.ones(1), eta, mu, 1)[1, 0])
        slack = within_tolerance(1.0, eta * mu, operations=4)
        shrinks = not condition(eta, mu) or -slack <= factor <= 1 + slack
        return that(shrinks, label="the decay factor lies in [0, 1]",
                    message=f"η = {eta:g}, μ = {mu:g}: condition {bool(condition(eta, mu))}, factor {factor:g}")

    return for_all(ctx, st.tuples(st.floats(1e-3, 2.0), st.floats(0.0, 10.0)), prop)


def adam_rule(run: AdamRun, path: np.ndarray, t: int, *, decoupled: bool) -> np.ndarray:
    """θ_{t+1} from θ_0 … θ_t: Adam on g_s = ∇R(θ_s) + μθ_s (coupled L2), or AdamW: Adam on ∇R(θ_s) and the
    decay θ_t ← (1 - ημ)θ_t (Loshchilov & Hutter 2019, Algorithm 2 with the schedule multiplier 1)."""
    mu, h = run.model.mu, run.hyper
    m = v = np.zeros_like(path[0])
    for theta in path[: t + 1]:
        g = run.model.gradient(theta) + (0.0 if decoupled else mu * theta)
        m, v = ema_first(m, g, h), ema_second(v, g, h)
    decay = 1 - h["lr"] * mu if decoupled else 1.0
    return decay * path[t] - bias_corrected(m, v, t + 1, h)


def _adam_path(ctx: Context, run: AdamRun, decoupled: bool) -> np.ndarray:
    return ctx.impl().adam(run.model.gradient, run.x0, run.hyper, run.model.mu, decoupled, run.steps)


@TOPIC.claim(
    "regularization.decoupled_weight_decay",
    method="property",
    references=(LOSHCHILOV, "torch.optim.Adam(weight_decay=μ)", "torch.optim.AdamW"),
)
def decoupled_weight_decay(ctx: Context) -> Outcome:
    """AdamW decays the weights outside Adam's step; Adam(weight_decay) is the L2 penalty

    Adam with weight decay μ coupled (``torch.optim.Adam(weight_decay=μ)``) runs Adam on g_t = ∇R(θ_t) + μθ_t: the
    L2 penalty, whose decay is divided by √v̂_t + ε. AdamW (``torch.optim.AdamW``) runs Adam on ∇R(θ_t) and
    decays θ_t ← (1 - ημ)θ_t separately (Loshchilov & Hutter 2019). Both are compared step by step with these
    rules, and the two differ: on the instance below they give different iterates.
    """
    return all_of({
        "Adam(weight_decay) is Adam on ∇R + μθ": lambda: same_steps(
            ctx, adam_runs(), lambda r: _adam_path(ctx, r, False),
            lambda r, p, t: adam_rule(r, p, t, decoupled=False), label="coupled Adam vs Adam on ∇R + μθ",
            describe=AdamRun.describe, max_examples=ctx.scaled(40)),
        "AdamW is Adam on ∇R with the decay (1 - ημ)θ": lambda: same_steps(
            ctx, adam_runs(), lambda r: _adam_path(ctx, r, True),
            lambda r, p, t: adam_rule(r, p, t, decoupled=True), label="AdamW vs decoupled decay",
            describe=AdamRun.describe, max_examples=ctx.scaled(40)),
        "the two differ": lambda: for_each(ctx, [ADAM_WITNESS], lambda r: _differ(ctx, r),
                                           domain_name="one instance", complete=False, describe=AdamRun.describe),
    })


ADAM_WITNESS = AdamRun(Quadratic(np.eye(2), np.array([1.0, 4.0]), np.array([1.0, 1.0]), 0.5), np.array([3.0, -1.0]),
                       3, {"lr": 0.1, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8})
"""An instance on which Adam(weight_decay) and AdamW part: μ = 0.5, a 2-d quadratic, 3 steps of size 0.1."""


def _differ(ctx: Context, run: AdamRun) -> Comparison:
    coupled, decoupled = _adam_path(ctx, run, False)[-1], _adam_path(ctx, run, True)[-1]
    gap = float(np.max(np.abs(coupled - decoupled)))
    return that(gap > 1e3 * within_tolerance(coupled, decoupled), label="Adam(weight_decay) ≠ AdamW",
                message=f"after {run.steps} steps: coupled {coupled.tolist()}, decoupled {decoupled.tolist()}, "
                        f"gap {gap:.3g}")
