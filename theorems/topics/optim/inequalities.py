"""Smoothness, convexity and PL as pointwise inequalities, and the Hessian spectra they bound."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, at_least, at_most, for_all

from . import CONVEX, DESCENT, KNS, NESTEROV, TOPIC
from .strategies import Problem, convex_problems, points, smooth_problems, strongly_convex_problems
from .trajectories import describe_pair


def bregman(p: Problem, x: np.ndarray, y: np.ndarray) -> float:
    """f(y) - f(x) - ∇f(x)ᵀ(y - x)."""
    return p.f(y) - p.f(x) - float(p.grad(x) @ (y - x))


def pointwise(ctx: Context, strategy: st.SearchStrategy[Problem], inequality: Formula) -> Outcome:
    """``inequality(problem, x, y)`` (a Comparison) at every generated x = x_0 and y."""

    def prop(case: tuple[Problem, np.ndarray]) -> Comparison:
        problem, other = case
        return inequality(problem, problem.x0, other[: problem.dim])

    return for_all(ctx, st.tuples(strategy, points), prop, max_examples=80, describe=describe_pair)


def tol(*values: float) -> float:
    """Float rounding in evaluating f at points of the size of ``values``."""
    return 1e-9 * sum(abs(v) for v in values) + 1e-12


def _descent(p: Problem, x: np.ndarray, y: np.ndarray, coefficient: float = 0.5) -> Comparison:
    d2 = float((y - x) @ (y - x))
    return at_most(bregman(p, x, y), coefficient * p.L * d2, label="f(y) - f(x) - ∇f(x)ᵀ(y-x) ≤ L/2‖y-x‖²",
                   atol=tol(p.f(x), p.f(y)))


DESCENT_FORM = Formula(r"f(y)\le f(x)+\nabla f(x)^\top(y-x)+\frac L2\|y-x\|^2", _descent)


@TOPIC.claim(
    "optim.descent_lemma",
    method="property",
    canonical=DESCENT_FORM,
    faithful=("000", "003"),
    references=(DESCENT,),
    uses_impl=False,
)
def descent_lemma(ctx: Context, inequality: Formula) -> Outcome:
    """Descent lemma: an L-smooth function lies below its tangent plus L/2‖y-x‖².

    For L-smooth f (convex or not), f(y) ≤ f(x) + ∇f(x)ᵀ(y - x) + L/2 ‖y - x‖² for all x, y.
    """
    return pointwise(ctx, smooth_problems(), inequality)


def _convex_foc(p: Problem, x: np.ndarray, y: np.ndarray) -> Comparison:
    return at_least(bregman(p, x, y), 0.0, label="f(y) - f(x) - ∇f(x)ᵀ(y-x) ≥ 0", atol=tol(p.f(x), p.f(y)))


CONVEX_FOC = Formula(r"f(y)\ge f(x)+\nabla f(x)^\top(y-x)", _convex_foc)


@TOPIC.claim(
    "optim.convex_first_order_condition",
    method="property",
    canonical=CONVEX_FOC,
    faithful=("000", "001", "002", "004"),
    references=(CONVEX,),
    uses_impl=False,
)
def convex_first_order_condition(ctx: Context, inequality: Formula) -> Outcome:
    """A differentiable convex function lies above its tangents.

    f convex and differentiable ⇒ f(y) ≥ f(x) + ∇f(x)ᵀ(y - x) for all x, y (and conversely).
    """
    return pointwise(ctx, convex_problems(), inequality)


def _strong_foc(p: Problem, x: np.ndarray, y: np.ndarray, coefficient: float = 0.5) -> Comparison:
    d2 = float((y - x) @ (y - x))
    return at_least(bregman(p, x, y), coefficient * p.mu * d2, label="f(y) - f(x) - ∇f(x)ᵀ(y-x) ≥ μ/2‖y-x‖²",
                    atol=tol(p.f(x), p.f(y)))


STRONG_FOC = Formula(r"f(y)\ge f(x)+\nabla f(x)^\top(y-x)+\frac\mu2\|y-x\|^2", _strong_foc)


@TOPIC.claim(
    "optim.strong_convexity_first_order",
    method="property",
    canonical=STRONG_FOC,
    faithful=("000", "001", "002", "003", "004"),
    references=(NESTEROV,),
    uses_impl=False,
)
def strong_convexity_first_order(ctx: Context, inequality: Formula) -> Outcome:
    """μ-strong convexity in first-order form.

    A differentiable f with ∇²f ⪰ μI (μ certified from the Hessian's spectrum) satisfies
    f(y) ≥ f(x) + ∇f(x)ᵀ(y - x) + μ/2 ‖y - x‖² for all x, y.
    """
    return pointwise(ctx, strongly_convex_problems(), inequality)


def _suboptimality(p: Problem, x: np.ndarray, y: np.ndarray, denominator: float = 2.0) -> Comparison:
    g = p.grad(x)
    return at_least(p.f(x) - p.f_star, float(g @ g) / (denominator * p.L), label="f(x) - f* ≥ ‖∇f(x)‖²/(2L)",
                    atol=tol(p.f(x), p.f_star))


SUBOPTIMALITY = Formula(r"f(x)-f^*\ge\frac{1}{2L}\|\nabla f(x)\|^2", _suboptimality)


@TOPIC.claim(
    "optim.smooth_suboptimality_gradient_bound",
    method="property",
    canonical=SUBOPTIMALITY,
    faithful=("003",),
    depends=("optim.descent_lemma",),
    references=(DESCENT,),
    uses_impl=False,
)
def smooth_suboptimality_gradient_bound(ctx: Context, inequality: Formula) -> Outcome:
    """L-smooth with a global minimum: the suboptimality bounds the squared gradient.

    f* ≤ f(x - ∇f(x)/L) ≤ f(x) - ‖∇f(x)‖²/(2L) by the descent lemma, so f(x) - f* ≥ ‖∇f(x)‖²/(2L).
    """
    return pointwise(ctx, smooth_problems(), inequality)


def _pl(p: Problem, x: np.ndarray, y: np.ndarray, factor: float = 1.0) -> Comparison:
    g = p.grad(x)
    return at_least(0.5 * float(g @ g), factor * p.mu * (p.f(x) - p.f_star), label="½‖∇f‖² ≥ μ(f - f*)",
                    atol=tol(p.f(x), p.f_star) * max(p.mu, 1.0))


STRONG_PL = Formula(r"\tfrac12\|\nabla f(x)\|^2\ge\mu(f(x)-f^*)", _pl)


@TOPIC.claim(
    "optim.strong_convexity_implies_pl",
    method="property",
    canonical=STRONG_PL,
    faithful=("001", "002", "003"),
    depends=("optim.strong_convexity_first_order",),
    references=(KNS,),
    uses_impl=False,
)
def strong_convexity_implies_pl(ctx: Context, inequality: Formula) -> Outcome:
    """μ-strong convexity implies the μ-PL inequality.

    Minimise the strong-convexity lower bound over y: f* ≥ f(x) - ‖∇f(x)‖²/(2μ), i.e.
    ½‖∇f(x)‖² ≥ μ (f(x) - f*). (PL does not need convexity: x² + 3 sin² x is PL, not convex.)
    """
    return pointwise(ctx, strongly_convex_problems(), inequality)


# --- Hessian spectra -------------------------------------------------------------------------------


def spectrum_within(ctx: Context, strategy: st.SearchStrategy[Problem], interval: Formula) -> Outcome:
    """Every eigenvalue of ∇²f(x), at generated points x, lies in ``interval(problem)``."""

    def prop(problem: Problem) -> list[Comparison]:
        eigs = np.linalg.eigvalsh(problem.hess(problem.x0))
        lo, hi = interval(problem)
        slack = 1e-9 * (problem.L + 1e-12)
        return [at_most(eigs.max(), hi, label="λ_max(∇²f(x)) vs upper end", atol=slack),
                at_least(eigs.min(), lo, label="λ_min(∇²f(x)) vs lower end", atol=slack)]

    return for_all(ctx, strategy, prop, describe=Problem.describe)


TWO_SIDED = Formula(r"-L\preceq\nabla^2 f\preceq L", lambda p: (-p.L, p.L))
UPPER = Formula(r"\lambda_{\max}(\nabla^2 f)\le L", lambda p: (-math.inf, p.L))


@TOPIC.claim(
    "optim.l_smooth_hessian_bound",
    method="property",
    canonical=TWO_SIDED,
    printed={
        "000:169": Printed(UPPER),
        "000:173": Printed(UPPER, reading="the one-dimensional case of λ_max(∇²h) ≤ L"),
        "003": Printed(UPPER),
    },
    references=(NESTEROV,),
    uses_impl=False,
)
def l_smooth_hessian_bound(ctx: Context, interval: Formula) -> Outcome:
    """A twice-differentiable L-smooth function has ‖∇²f(x)‖₂ ≤ L.

    Every eigenvalue of ∇²f(x) lies in [-L, L] (the documents print the upper half); checked on
    non-convex objectives too, whose Hessians have negative eigenvalues.
    """
    return spectrum_within(ctx, smooth_problems(), interval)


SANDWICH = Formula(r"\mu I\preceq\nabla^2 f\preceq L I", lambda p: (p.mu, p.L))


@TOPIC.claim(
    "optim.hessian_bounds",
    method="property",
    canonical=SANDWICH,
    faithful=("001", "003"),
    references=(NESTEROV,),
    uses_impl=False,
)
def hessian_bounds(ctx: Context, interval: Formula) -> Outcome:
    """L-smooth and μ-strongly convex: μI ⪯ ∇²f(x) ⪯ LI at every x."""
    return spectrum_within(ctx, strongly_convex_problems(), interval)


LOWER_MU = Formula(r"\nabla^2 f\succeq\mu I", lambda p: (p.mu, math.inf))


@TOPIC.claim(
    "optim.strong_convexity_hessian_bound",
    method="property",
    canonical=LOWER_MU,
    faithful=("000", "003"),
    references=(NESTEROV,),
    uses_impl=False,
)
def strong_convexity_hessian_bound(ctx: Context, interval: Formula) -> Outcome:
    """A twice-differentiable μ-strongly convex function has ∇²f(x) ⪰ μI."""
    return spectrum_within(ctx, strongly_convex_problems(), interval)


@dataclass(frozen=True)
class Equivalence:
    """'L-smooth ⇔ quadratic upper bound', with or without the hypothesis that f is convex."""

    needs_convexity: bool

    def __repr__(self) -> str:
        return "for convex f" if self.needs_convexity else "for any twice-differentiable f"


symmetric_spectra = st.tuples(st.lists(st.floats(-10, 10), min_size=1, max_size=4), st.integers(0, 2**32 - 1))


@TOPIC.claim(
    "optim.smoothness_quadratic_upper_bound",
    method="property",
    canonical=Equivalence(needs_convexity=True),
    printed={
        "001": Printed(Equivalence(needs_convexity=False)),
        "003": Printed(Equivalence(needs_convexity=False),
                       reading="'(for L = 0 ⇒)' is garbled; read as the equivalence for twice-differentiable f, "
                               "with no convexity assumed"),
    },
    references=(NESTEROV,),
    uses_impl=False,
)
def smoothness_quadratic_upper_bound(ctx: Context, equivalence: Equivalence) -> Outcome:
    """For convex f: ∇f is L-Lipschitz ⇔ f(y) ≤ f(x) + ∇f(x)ᵀ(y-x) + L/2‖y-x‖².

    ⇒ holds for every L-smooth f; ⇐ needs convexity (Nesterov 2004, Thm 2.1.5): a concave quadratic
    satisfies the upper bound with L = 0. Checked exactly on quadratics ½xᵀQx: the upper bound holds
    iff L ≥ λ_max(Q), the gradient is L-Lipschitz iff L ≥ max|λ_i(Q)|.
    """

    def prop(case: tuple[list[float], int]) -> list[Comparison]:
        eigs, seed = np.array(case[0]), case[1]
        if equivalence.needs_convexity:
            eigs = np.abs(eigs)
        U = np.linalg.qr(np.random.default_rng(seed).normal(size=(eigs.size, eigs.size)))[0]
        Q = (U * eigs) @ U.T
        spectrum = np.linalg.eigvalsh(Q)
        upper_bound_constant = max(float(spectrum.max()), 0.0)  # least L with the quadratic upper bound
        lipschitz_constant = float(np.abs(spectrum).max())  # least L with ‖Q(x-y)‖ ≤ L‖x-y‖
        return [
            at_most(lipschitz_constant, upper_bound_constant, label="⇐: Lipschitz constant of ∇f vs upper-bound L",
                    atol=1e-9 * (1 + lipschitz_constant)),
            at_most(upper_bound_constant, lipschitz_constant, label="⇒: upper-bound L vs Lipschitz constant",
                    atol=1e-9 * (1 + lipschitz_constant)),
        ]

    return for_all(ctx, symmetric_spectra, prop, max_examples=60)
