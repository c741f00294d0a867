"""Early stopping on the quadratic model: the GD error recursion, the closed-form trajectory from θ(0) = 0, and
its match with ridge when k = 1/(ημ).

GD on ½(w - w*)ᵀH(w - w*) with H = QΛQᵀ runs independently along each eigenvector: the component of the
error is multiplied by 1 - ηλ_i per step. The iterates are the implementation's GD (its weight-decay GD
with μ = 0: ``torch.optim.SGD`` for the adapter).
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    at_most,
    close,
    for_all,
    same_steps,
    within_tolerance,
)

from . import GOODFELLOW, TOPIC
from .shrinkage import solve_tolerance
from .strategies import Descent, Quadratic, descents, relative_quadratics


def _gd(ctx: Context, run: Descent) -> np.ndarray:
    return ctx.impl().weight_decay_gd(run.model.gradient, run.x0, run.lr, 0.0, run.steps)


ERROR_STEP = Formula(r"w^t-w^*=(I-\eta H)(w^{t-1}-w^*)", lambda H, eta, error: error - eta * H @ error)


@TOPIC.claim(
    "regularization.gd_error_recursion",
    method="property",
    canonical=ERROR_STEP,
    faithful=("003",),
    references=(GOODFELLOW,),
)
def gd_error_recursion(ctx: Context, recursion: Formula) -> Outcome:
    """GD's error on a quadratic obeys a linear recursion

    On R(w) = R(w*) + ½(w - w*)ᵀH(w - w*), ∇R(w) = H(w - w*), so the GD step w^t = w^{t-1} - ηH(w^{t-1} - w*)
    gives w^t - w* = (I - ηH)(w^{t-1} - w*). Compared step by step with the implementation's GD: each step's
    iterate w^t and error w^t - w* side by side.
    """

    # Both the iterate and the error are compared: (I - ηH)e rounds by ε‖e‖ and w* + e by ε‖w*‖, so the
    # rounding allowance must count ‖w^t - w*‖ as well as ‖w^t‖ (w^t ≈ 0 while w* = 1 is a legitimate instance).
    def iterates_and_errors(run: Descent) -> np.ndarray:
        path = _gd(ctx, run)
        return np.hstack([path, path - run.model.theta_star])

    def rule(run: Descent, path: np.ndarray, t: int) -> np.ndarray:
        error = recursion(run.model.H, run.lr, path[t, len(run.x0):])
        return np.concatenate([run.model.theta_star + error, error])

    return same_steps(ctx, descents((0.0, 0.0)), iterates_and_errors, rule,
                      label="GD iterate and error vs w* + (I - ηH)(previous error)", describe=Descent.describe)


GD_FACTOR = Formula(r"\theta(k)=[I-(I-\eta\Lambda)^k]\theta^*", lambda lam, eta, k: 1 - (1 - eta * lam) ** k)


@TOPIC.claim(
    "regularization.early_stopping_trajectory",
    method="property",
    canonical=GD_FACTOR,
    printed={
        "003:766": Printed(GD_FACTOR, reading="θ and θ* in the eigenbasis of H (Qᵀθ), as the derivation of line 768 "
                                              "makes explicit; on the quadratic model the formula is exact."),
        "003:768": Printed(GD_FACTOR, reading="Qᵀw^t = [I - (I - ηΛ)^t]Qᵀw* with H = QΛQᵀ, as printed."),
    },
    references=(GOODFELLOW,),
)
def early_stopping_trajectory(ctx: Context, factor: Formula) -> Outcome:
    """GD from zero fills in each eigen-component geometrically

    With H = QΛQᵀ and w^0 = 0, GD with step η on ½(w - w*)ᵀH(w - w*) gives Qᵀw^k = [I - (I - ηΛ)^k]Qᵀw*: the
    recursion of regularization.gd_error_recursion started from the error -w*. Every iterate of the
    implementation's GD is compared with the formula.
    """

    def from_zero(run: Descent) -> Descent:
        return Descent(run.model, np.zeros_like(run.x0), run.lr, run.steps)

    def stated(run: Descent) -> np.ndarray:
        k = np.arange(run.steps + 1)[:, None]
        return (factor(run.model.lam[None, :], run.lr, k) * (run.model.Q.T @ run.model.theta_star)) @ run.model.Q.T

    def prop(run: Descent) -> Comparison:
        # 1 - (1 - ηλ)^k cancels for small ηλ: both sides are only accurate to (k + 1)·ε·‖θ*‖ absolutely
        return close(_gd(ctx, run), stated(run), label="GD iterates from 0 vs Q[I - (I - ηΛ)^k]Qᵀθ*", rtol=0.0,
                     atol=(run.steps + 1) * within_tolerance(run.model.theta_star))

    return for_all(ctx, descents((0.0, 0.0)).map(from_zero), prop, describe=Descent.describe)


STOPPING_TIME = Formula(r"k=\frac{1}{\eta\mu}", lambda eta, mu: 1 / (eta * mu))


@TOPIC.claim(
    "regularization.early_stopping_equivalence",
    method="property",
    canonical=STOPPING_TIME,
    faithful=("001", "003:766"),
    printed={"003:768": Printed(Formula(r"t=\frac{1}{\lambda}", lambda eta, mu: 1 / mu),
                                reading="Read as printed: t ≈ 1/λ with λ the penalty strength; the step η of the GD "
                                        "update two sentences before is dropped (it is right only for η = 1).")},
    depends=("regularization.early_stopping_trajectory", "regularization.shrinkage_eigenbasis"),
    references=(GOODFELLOW, "Bishop (1995), Regularization and complexity control in feed-forward networks"),
)
def early_stopping_equivalence(ctx: Context, stopping_time: Formula) -> Outcome:
    """Early stopping after k = 1/(ημ) steps acts like weight decay μ

    Along an eigendirection with x = λ_i/μ ≤ 1/10 and a = ηλ_i, GD from 0 stopped after k = 1/(ημ) steps keeps
    the fraction 1 - (1 - a)^{x/a} of qᵢᵀθ*, and ridge keeps λ_i/(λ_i + μ) = x/(1 + x); both are x - O(x² + ax),
    and |difference| ≤ x² + ax (the constant 1 has a margin of 2 over a grid of x ∈ (0, 0.1], k ≤ 1000). Checked
    on the implementation: its GD stopped at k (rounded to an integer, at least 1) against its ridge minimizer,
    with η = 1/(k₀μ) for an integer k₀ ∈ [10, 200].
    """

    def prop(case: tuple[Quadratic, int]) -> list[Comparison]:
        model, k0 = case
        eta = 1 / (k0 * model.mu)
        k = max(1, round(stopping_time(eta, model.mu)))
        impl = ctx.impl()
        stopped = impl.weight_decay_gd(model.gradient, np.zeros_like(model.theta_star), eta, 0.0, k)[-1]
        ridge = impl.ridge(model.H, model.theta_star, model.mu)
        star = model.Q.T @ model.theta_star
        x, a = model.lam / model.mu, eta * model.lam
        gap = np.abs(model.Q.T @ (stopped - ridge))
        slack = solve_tolerance(model, stopped, ridge) * k
        return [at_most(g, (xi**2 + xi * ai) * abs(s), label="|qᵢᵀ(θ(k) - θ*_μ)| ≤ (x² + ax)|qᵢᵀθ*|",
                        atol=slack) for g, xi, ai, s in zip(gap, x, a, star, strict=True)]

    cases = st.tuples(relative_quadratics((0.0, 0.1)), st.integers(10, 200))
    return for_all(ctx, cases, prop, describe=lambda c: {**c[0].describe(), "k₀": c[1]}, max_examples=ctx.scaled(50))
