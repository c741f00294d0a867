"""L1 regularization and the norm-ball constraint: soft-thresholding, the L1 minimizer of a diagonal quadratic,
the second-order model of the L1-regularized risk, and the projection onto ‖θ‖ ≤ r.

A closed form is checked by its optimality condition, which characterizes the minimizer of a convex function:
0 ∈ h(θ - θ*) + λ∂|θ| coordinate by coordinate for L1, (v - p)ᵀ(z - p) ≤ 0 for every z of the ball for the
projection. Then the implementation is compared with the closed form.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import strategies as st

from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    at_most,
    bound,
    for_all,
    identity,
    within_tolerance,
)

from . import GOODFELLOW, TOPIC
from .strategies import coordinates, radii, vectors

SOFT_THRESHOLD = Formula(r"a^*=\mathrm{sgn}(b)\max\{0,|b|-\beta\}",
                         lambda b, beta: np.sign(b) * np.maximum(0.0, np.abs(b) - beta))


def l1_optimality_gap(theta: np.ndarray, theta_star: np.ndarray, h: np.ndarray, lam: float) -> float:
    """How far ``theta`` is from 0 ∈ h_i(θ_i - θ*_i) + λ∂|θ_i| (every i): the minimizer of Σ h_i/2 (θ_i - θ*_i)² +
    λ|θ_i| is the point where this is 0."""
    pull = h * (theta - theta_star)
    gap = np.where(theta != 0, np.abs(pull + lam * np.sign(theta)), np.maximum(0.0, np.abs(pull) - lam))
    return float(np.max(gap))


def _l1_cases() -> st.SearchStrategy[tuple[np.ndarray, np.ndarray, float]]:
    """(θ*, h, λ): an unregularized optimum, a positive diagonal Hessian of the same length, a penalty λ ≥ 0."""
    return vectors(4, 10.0).flatmap(lambda star: st.tuples(
        st.just(star), st.lists(st.floats(0.1, 10.0), min_size=len(star), max_size=len(star)).map(np.array),
        st.floats(0.0, 20.0)))


def _l1_check(ctx: Context, minimizer: Formula, implemented: object, cases: object, label: str) -> Outcome:
    """The closed form ``minimizer(θ*, h, λ)`` satisfies the L1 optimality condition; the implementation equals it."""

    def optimal(case: tuple[np.ndarray, np.ndarray, float]) -> Comparison:
        star, h, lam = case
        theta = minimizer(star, h, lam)
        return at_most(l1_optimality_gap(theta, star, h, lam), 0.0, label="violation of 0 ∈ h(θ - θ*) + λ∂|θ|",
                       atol=within_tolerance(h * star, lam, operations=8))

    return all_of({
        "the closed form is optimal": lambda: for_all(ctx, cases, optimal, max_examples=ctx.scaled(50)),  # type: ignore[arg-type]
        "the implementation": lambda: identity(ctx, cases, implemented, lambda c: minimizer(*c),  # type: ignore[arg-type]
                                               label=label, max_examples=ctx.scaled(50)),
    })


@TOPIC.claim(
    "regularization.soft_threshold",
    method="property",
    canonical=SOFT_THRESHOLD,
    faithful=("003",),
    references=(GOODFELLOW, "torch.nn.functional.softshrink"),
)
def soft_threshold(ctx: Context, shrink: Formula) -> Outcome:
    """The proximal map of β|·| is soft-thresholding

    For β ≥ 0, argmin_a ½(a - b)² + β|a| = sgn(b) max{0, |b| - β}: the unique point with 0 ∈ a - b + β∂|a|.
    Checked element-wise on vectors b, then against the implementation (``torch.nn.functional.softshrink``).
    """
    cases = vectors(4, 1e3).flatmap(lambda b: st.tuples(st.just(b), st.just(np.ones_like(b)), st.floats(0.0, 1e3)))
    return _l1_check(ctx, lambda b, _, beta: shrink(b, beta), lambda c: ctx.impl().soft_threshold(c[0], c[2]), cases,
                     label="soft_threshold(b, β) vs sgn(b) max{0, |b| - β}")


def _l1_diagonal(star: np.ndarray, h: np.ndarray, lam: float) -> np.ndarray:
    return np.sign(star) * np.maximum(0.0, np.abs(star) - lam / h)


@TOPIC.claim(
    "regularization.l1_diagonal_solution",
    method="property",
    canonical=Formula(r"\theta_i=\mathrm{sgn}(\theta^*_i)\max\{0,|\theta^*_i|-\lambda/h_i\}", _l1_diagonal),
    printed={"003": Printed(
        Formula(r"\theta^*_i=\mathrm{sgn}(\theta_i)\max\{0,|\theta_i|-\lambda/h_i\}", _l1_diagonal),
        reading="θ_i and θ_i* are swapped in print: the derivation (a* = sgn(b) max{0, |b| - β} with a = θ_i, "
                "b = θ_i*, β = λ/h_i) gives the regularized θ_i from the unregularized θ_i*; read that way.")},
    depends=("regularization.soft_threshold",),
    references=(GOODFELLOW,),
)
def l1_diagonal_solution(ctx: Context, minimizer: Formula) -> Outcome:
    """The L1 minimizer of a diagonal quadratic soft-thresholds each coordinate

    For H = diag(h_1, …, h_d), h_i > 0, and λ ≥ 0, the minimizer of Σ_i [h_i/2 (θ_i - θ*_i)² + λ|θ_i|] is
    θ_i = sgn(θ*_i) max{0, |θ*_i| - λ/h_i}. Checked by its optimality condition, then against the
    implementation's soft-threshold at β_i = λ/h_i.
    """
    return _l1_check(ctx, minimizer, lambda c: ctx.impl().soft_threshold(c[0], c[2] / c[1]), _l1_cases(),
                     label="soft_threshold(θ*, λ/h) vs the closed form")


LOGCOSH_THIRD = 4 / (3 * math.sqrt(3))
"""sup |d³/dx³ log cosh x| = sup 2 tanh x sech² x = 4/(3√3), at tanh x = 1/√3."""

L1_MODEL = Formula(r"R(\theta^*)+\tfrac12(\theta-\theta^*)^\top H(\theta-\theta^*)+\lambda\|\theta\|_1",
                   lambda r_star, H, theta, star, lam: r_star + (theta - star) @ H @ (theta - star) / 2
                   + lam * np.sum(np.abs(theta)))


@TOPIC.claim(
    "regularization.l1_quadratic_approx",
    method="property",
    canonical=L1_MODEL,
    faithful=("003",),
    references=(GOODFELLOW,),
    uses_impl=False,
)
def l1_quadratic_approx(ctx: Context, model: Formula) -> Outcome:
    """The second-order model of the L1-regularized risk

    Around a minimizer θ* of a C³ risk R (∇R(θ*) = 0, H = ∇²R(θ*)), R(θ) + λ‖θ‖₁ = R(θ*) + ½(θ-θ*)ᵀH(θ-θ*) +
    λ‖θ‖₁ + O(‖θ - θ*‖³): the L1 term is kept exactly, R by its Taylor polynomial. Checked on the non-quadratic
    R(θ) = Σ w_i log cosh(θ_i - θ*_i) (H = diag(w)), whose Lagrange remainder is at most
    (4/(3√3))/6 · Σ w_i |θ_i - θ*_i|³.
    """

    Case = tuple[np.ndarray, np.ndarray, np.ndarray, float]

    def offset(case: Case) -> np.ndarray:
        """θ - θ* as rounded where the model is evaluated (θ = θ* + δ): exact risk and bound use this one."""
        star, _, delta, _ = case
        return (star + delta) - star

    def exact(case: Case) -> float:
        # log cosh x = log1p(2 sinh²(x/2)): log(cosh x) rounds cosh x to 1 for |x| < 1e-8 and loses all of x²/2
        star, w, delta, lam = case
        return float(np.sum(w * np.log1p(2 * np.sinh(offset(case) / 2) ** 2)) + lam * np.sum(np.abs(star + delta)))

    def remainder(case: Case) -> float:
        star, w, delta, lam = case
        return abs(exact(case) - model(0.0, np.diag(w), star + delta, star, lam))

    def taylor_bound(case: Case) -> float:
        return LOGCOSH_THIRD / 6 * float(np.sum(case[1] * np.abs(offset(case)) ** 3)) + within_tolerance(exact(case))

    d = st.integers(1, 4)
    cases = d.flatmap(lambda n: st.tuples(
        st.lists(coordinates(), min_size=n, max_size=n).map(np.array),
        st.lists(st.floats(0.1, 10.0), min_size=n, max_size=n).map(np.array),
        st.lists(st.floats(-2.0, 2.0), min_size=n, max_size=n).map(np.array),
        st.floats(0.0, 10.0)))
    return bound(ctx, cases, remainder, taylor_bound, label="|R_L1(θ) - model| ≤ remainder bound",
                 max_examples=ctx.scaled(60))


BALL_PROJECTION = Formula(r"\Pi_r(v)=\min\{1,\tfrac{r}{\|v\|}\}v",
                          lambda v, r: min(1.0, r / np.linalg.norm(v)) * v if np.any(v) else v)


@TOPIC.claim(
    "regularization.l2_ball_projection",
    method="property",
    canonical=BALL_PROJECTION,
    faithful=("001",),
    references=("Boyd & Vandenberghe (2004), Convex Optimization, §8.1", "torch.renorm"),
)
def l2_ball_projection(ctx: Context, projection: Formula) -> Outcome:
    """Projection onto the Euclidean ball

    Π_r(v) = min{1, r/‖v‖} v is the nearest point of {θ : ‖θ‖ ≤ r} to v: it lies in the ball and
    (v - p)ᵀ(z - p) ≤ 0 for every z of the ball, i.e. r‖v - p‖ ≤ (v - p)ᵀp. Checked, then the implementation's
    projection (``torch.renorm`` for the adapter) is compared with the formula.
    """
    cases = st.tuples(vectors(4, 1e3), radii())

    def nearest(case: tuple[np.ndarray, float]) -> list[Comparison]:
        v, r = case
        p = projection(v, r)
        slack = within_tolerance(r * np.linalg.norm(v), v @ v)
        return [at_most(float(np.linalg.norm(p)), r, label="‖p‖ ≤ r", atol=within_tolerance(r)),
                at_most(r * float(np.linalg.norm(v - p)), float((v - p) @ p), label="r‖v - p‖ ≤ (v - p)ᵀp",
                        atol=slack)]

    return all_of({
        "the formula is the projection": lambda: for_all(ctx, cases, nearest, max_examples=ctx.scaled(50)),
        "the implementation": lambda: identity(ctx, cases, lambda c: ctx.impl().project_ball(*c),
                                               lambda c: projection(*c), label="project_ball(v, r) vs Π_r(v)",
                                               max_examples=ctx.scaled(50)),
    })
