"""Dual norms: the ℓp steepest-ascent direction, FGSM and the optimal ℓ∞ perturbation of a linear classifier.

Hölder's inequality v·z ≤ ‖v‖_p‖z‖_q (1/p + 1/q = 1) bounds every linear gain over the unit ℓp ball by
‖z‖_q; a direction that attains it is a maximiser. The ℓ∞ maxima are also computed by SciPy's linear
program, independently of the closed forms.
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from scipy.optimize import linprog

from impls.adversarial import dual_order
from theorems.engine import Comparison, Context, Formula, Outcome, Printed, at_least, at_most, close, for_all
from theorems.engine import within_tolerance as tol

from . import GOODFELLOW, HOLDER, TOPIC
from .strategies import budgets, nonzero_vectors, orders, vectors

LP_TOLERANCE = 1e-7
"""HiGHS's default dual feasibility tolerance: a coefficient below it may be given the wrong sign."""


def linf_gain(z: np.ndarray, eps: float) -> float:
    """max z·v over ‖v‖_∞ ≤ ε, by SciPy's linear program (HiGHS), not by Hölder's formula ε‖z‖₁."""
    result = linprog(-z, bounds=[(-eps, eps)] * len(z), method="highs")
    return float(-result.fun)


def lp_slack(z: np.ndarray, eps: float) -> float:
    """What the LP's optimum may miss by: 2ε per coefficient below the feasibility tolerance, plus rounding."""
    return 2 * eps * LP_TOLERANCE * len(z) + tol(z * eps)


def steepest(z: np.ndarray, p: float) -> np.ndarray:
    """sign(z)|z|^{q-1}/‖z‖_q^{q-1}: the Hölder equality case."""
    q = dual_order(p)
    return np.sign(z) * np.abs(z) ** (q - 1) / np.linalg.norm(z, q) ** (q - 1)


STEEPEST = Formula(r"\frac{\mathrm{sign}(z)|z|^{q-1}}{\|z\|_q^{q-1}}", steepest)


@TOPIC.claim(
    "adversarial.lp_steepest_ascent_direction",
    method="property",
    canonical=STEEPEST,
    printed={"001": Printed(STEEPEST, reading="‖z*‖ in the denominator is read as ‖z‖ (the starred z is not "
                                              "defined on the line; with z it is the Hölder equality case)")},
    references=(HOLDER,),
)
def lp_steepest_ascent_direction(ctx: Context, stated: Formula) -> Outcome:
    """The ℓp steepest-ascent direction.

    argmax_{‖v‖_p ≤ 1} vᵀz = sign(z)|z|^{q-1}/‖z‖_q^{q-1} (1/p + 1/q = 1, p in (1, ∞]): the stated v has
    ‖v‖_p = 1 and v·z = ‖z‖_q, the Hölder bound of every v in the ball, so it is a maximiser. Checked for
    p = 2, ∞, 1.5, 3 on nonzero z, and the implementation's direction compared with it.
    """
    impl = ctx.impl()

    def optimal(case: tuple[np.ndarray, float]) -> list[Comparison]:
        z, p = case
        v = np.asarray(stated(z, p), dtype=float)
        dual = np.linalg.norm(z, dual_order(p))
        return [at_most(np.linalg.norm(v, p), 1.0, label="‖v‖_p ≤ 1", atol=tol(1.0)),
                at_least(v @ z, dual, label="v·z ≥ ‖z‖_q (the Hölder maximum)", atol=tol(v * z, dual)),
                close(impl.steepest_ascent(z, p), v, label="implementation = stated v", rtol=1e-9, atol=tol(v, 1.0))]

    return for_all(ctx, st.tuples(nonzero_vectors(), orders()), optimal,
                   describe=lambda c: {"z": c[0].tolist(), "p": c[1]})


FGSM = Formula(r"\varepsilon\,\mathrm{sign}(\nabla_x \ell)", lambda g, eps: eps * np.sign(g))


@TOPIC.claim("adversarial.fgsm", method="property", canonical=FGSM, faithful=("000", "003"),
             references=(GOODFELLOW, HOLDER))
def fgsm(ctx: Context, stated: Formula) -> Outcome:
    """FGSM maximises the linearised loss over the ℓ∞ ball.

    ν = ε sign(∇ₓℓ(f(x), y)) has ‖ν‖_∞ ≤ ε and ∇ℓ·ν = ε‖∇ℓ‖₁ = max_{‖ν‖_∞ ≤ ε} ∇ℓ·ν, the maximum of the
    first-order change of the loss (the maximum computed by SciPy's linear program). The
    implementation's FGSM is compared with the stated ν.
    """
    impl = ctx.impl()

    def optimal(case: tuple[np.ndarray, float]) -> list[Comparison]:
        g, eps = case
        nu = np.asarray(stated(g, eps), dtype=float)
        best = linf_gain(g, eps)
        return [at_most(np.max(np.abs(nu)), eps, label="‖ν‖_∞ ≤ ε", atol=tol(eps)),
                close(g @ nu, best, label="∇ℓ·ν = max over the ε-ball (LP)", rtol=1e-7, atol=lp_slack(g, eps)),
                close(impl.fgsm(g, eps), nu, label="implementation = stated ν", rtol=1e-12, atol=tol(eps))]

    return for_all(ctx, st.tuples(vectors(), budgets()), optimal, max_examples=50,
                   describe=lambda c: {"gradient": c[0].tolist(), "eps": c[1]})


LINF_OPTIMAL = Formula(r"-\varepsilon\,\mathrm{sign}(y w)", lambda w, y, eps: -eps * np.sign(y * w))


@TOPIC.claim(
    "adversarial.linear_linf_optimal",
    method="property",
    canonical=LINF_OPTIMAL,
    printed={"003": Printed(Formula(r"-\mathrm{sign}(y w)", lambda w, y, eps: -np.sign(y * w)),
                            reading="as printed, δ = -sign(yw) with no ε: a vertex of the unit ℓ∞ ball, the "
                                    "optimum only when ε = 1")},
    references=(HOLDER, GOODFELLOW),
)
def linear_linf_optimal(ctx: Context, stated: Formula) -> Outcome:
    """The optimal ℓ∞ perturbation of a linear classifier.

    For f(x) = wᵀx + b and a label y ∈ {-1, 1}, δ = -ε sign(yw) minimises the margin y(wᵀ(x + δ) + b) over
    ‖δ‖_∞ ≤ ε: it lowers the margin by ε‖w‖₁, the largest decrease (SciPy's linear program), and it is
    FGSM on the loss -y(wᵀx + b), whose gradient is -yw (compared with the implementation's FGSM).
    """
    impl = ctx.impl()

    def optimal(case: tuple[np.ndarray, int, float]) -> list[Comparison]:
        w, y, eps = case
        delta = np.asarray(stated(w, y, eps), dtype=float)
        best = linf_gain(-y * w, eps)
        return [at_most(np.max(np.abs(delta)), eps, label="‖δ‖_∞ ≤ ε", atol=tol(eps)),
                close(-y * w @ delta, best, label="margin decrease = max over the ε-ball (LP)", rtol=1e-7,
                      atol=lp_slack(w, eps)),
                close(impl.fgsm(-y * w, eps), delta, label="FGSM on -y(wᵀx + b) = stated δ", rtol=1e-12,
                      atol=tol(eps))]

    return for_all(ctx, st.tuples(vectors(), st.sampled_from((-1, 1)), budgets()), optimal, max_examples=50,
                   describe=lambda c: {"w": c[0].tolist(), "y": c[1], "eps": c[2]})


TOPIC.not_checkable(
    "adversarial.pnorm_definitions",
    title="ℓp norms",
    statement="‖x‖_p = (Σᵢ|xᵢ|^p)^{1/p}, ‖x‖_∞ = maxᵢ|xᵢ|, ‖x‖₀ = #{i : xᵢ ≠ 0}.",
    reason="definitions: they fix the notation that the dual-norm claims of this topic use (NumPy's "
           "numpy.linalg.norm(x, p) computes them) and assert nothing that could fail",
)

TOPIC.not_checkable(
    "adversarial.adversarial_training_objective",
    title="Adversarial training",
    statement="min_θ E_{(x,y)} max_{‖r‖_p ≤ ε} ℓ(f_θ(x + r), y) (the loss ℓ is missing from the printed line).",
    reason="a definition of a training objective; its inner maximisation is what FGSM and PGD approximate, "
           "checked in adversarial.fgsm and adversarial.pgd_step",
)

TOPIC.not_checkable(
    "adversarial.multiclass_margin",
    title="Multiclass margin",
    statement="m_j(x) = (w_y - w_j)ᵀx + (b_y - b_j) = f_y(x) - f_j(x); x is classified correctly iff m_j(x) > 0 "
              "for every j ≠ y. (Document 003 prints (w_j - w_j)ᵀx + (b_j - b_j): the subscript y was lost.)",
    reason="a definition (of m_j); the distance it gives is checked in adversarial.multiclass_boundary_distance",
)
