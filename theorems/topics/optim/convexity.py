"""Convex functions: second-order condition, operations that preserve convexity, minimizers; definitions."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import sympy
from hypothesis import assume
from hypothesis import strategies as st

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, at_most, close, for_all, for_each, that

from . import CONVEX, NESTEROV, TOPIC
from .inequalities import tol
from .strategies import Problem, points, problems, strongly_convex_problems
from .trajectories import describe_pair, gap0


@dataclass(frozen=True)
class Fn1D:
    name: str
    f: Callable[[float], float]
    df: Callable[[float], float]
    d2f: Callable[[float], float]
    nondecreasing: bool

    def __repr__(self) -> str:
        return self.name


def softplus(z: float) -> float:
    return float(np.logaddexp(0.0, z))


def sigmoid(z: float) -> float:
    return float(0.5 * (1 + np.tanh(z / 2)))


@st.composite
def convex_1d(draw: st.DrawFn, *, nondecreasing: bool = False) -> Fn1D:
    """A twice-differentiable convex function of one variable (non-decreasing ones only, if asked)."""
    a = draw(st.floats(0.1, 2.0))
    c = draw(st.floats(-2.0, 2.0))
    k = draw(st.floats(-3.0, 3.0))
    families = ["exp", "softplus", "linear"] if nondecreasing else ["quadratic", "exp", "softplus", "linear",
                                                                     "logcosh", "quartic"]
    kind = draw(st.sampled_from(families))
    sign = 1.0 if nondecreasing else draw(st.sampled_from([-1.0, 1.0]))
    if kind == "quadratic":
        return Fn1D(f"{a:g}(x-{c:g})²+{k:g}", lambda x: a * (x - c) ** 2 + k, lambda x: 2 * a * (x - c),
                    lambda x: 2 * a, False)
    if kind == "exp":
        s = sign * a / 2
        return Fn1D(f"exp({s:g}x)+{k:g}", lambda x: math.exp(s * x) + k, lambda x: s * math.exp(s * x),
                    lambda x: s * s * math.exp(s * x), s > 0)
    if kind == "softplus":
        s = sign * a
        return Fn1D(f"softplus({s:g}x)", lambda x: softplus(s * x), lambda x: s * sigmoid(s * x),
                    lambda x: s * s * sigmoid(s * x) * (1 - sigmoid(s * x)), s > 0)
    if kind == "linear":
        s = sign * a
        return Fn1D(f"{s:g}x+{k:g}", lambda x: s * x + k, lambda x: s, lambda x: 0.0, s > 0)
    if kind == "logcosh":
        return Fn1D(f"logcosh({a:g}(x-{c:g}))", lambda x: float(np.logaddexp(a * (x - c), -a * (x - c)) - math.log(2)),
                    lambda x: a * math.tanh(a * (x - c)), lambda x: a * a / math.cosh(a * (x - c)) ** 2, False)
    return Fn1D(f"{a:g}(x-{c:g})⁴", lambda x: a * (x - c) ** 4, lambda x: 4 * a * (x - c) ** 3,
                lambda x: 12 * a * (x - c) ** 2, False)


reals = st.floats(-3.0, 3.0)


@TOPIC.claim(
    "optim.convex_second_order_condition",
    method="property",
    canonical=Formula(r"f''(x)\ge 0", lambda fn, x: fn.d2f(x) >= 0),
    printed={
        "000": Printed(Formula(r"\ell''(x)\ge 0", lambda fn, x: fn.d2f(x) >= 0)),
        "002": Printed(Formula(r"f'(x)\ge 0", lambda fn, x: fn.df(x) >= 0),
                       reading="printed as a property of every convex function, with one prime"),
        "004": Printed(Formula(r"f'(x)\ge 0", lambda fn, x: fn.df(x) >= 0),
                       reading="printed as a property of every convex function, with one prime"),
    },
    references=(CONVEX,),
    uses_impl=False,
)
def convex_second_order_condition(ctx: Context, condition: Formula) -> Outcome:
    """A twice-differentiable convex f: R → R has f''(x) ≥ 0 everywhere (and conversely).

    Checked on convex functions of one variable (shifted quadratics and quartics, exponentials,
    softplus, log-cosh, linear functions) at points of [-3, 3].
    """

    def prop(case: tuple[Fn1D, float]) -> Comparison:
        fn, x = case
        return that(bool(condition(fn, x)), label="stated condition at x",
                    message=f"{fn.name} at x = {x:.6g}: f' = {fn.df(x):.6g}, f'' = {fn.d2f(x):.6g}")

    return for_all(ctx, st.tuples(convex_1d(), reals), prop, describe=lambda c: {"f": c[0].name, "x": c[1]})


def jensen(h: Callable[[float], float], a: float, b: float, lam: float) -> Comparison | None:
    """Jensen's inequality for ``h`` on the segment [a, b] at λ (None where h overflows the floats)."""
    try:
        left, right = h(lam * a + (1 - lam) * b), lam * h(a) + (1 - lam) * h(b)
    except OverflowError:
        return None
    if not (math.isfinite(left) and math.isfinite(right)):
        return None
    found = at_most(left, right, label="h(λa + (1-λ)b) ≤ λh(a) + (1-λ)h(b)", atol=tol(left, right))
    return replace(found, message=f"{found.message} at a = {a:.6g}, b = {b:.6g}, λ = {lam:.6g}")


segments = st.tuples(reals, reals, st.floats(0.0, 1.0))
GRID_SEGMENTS = tuple((a, b) for a in range(-3, 4) for b in range(a + 1, 4))
"""Segments of [-3, 3] between integers, whose midpoints are checked for every drawn function besides the
drawn segment: a function that breaks Jensen's inequality on [-3, 3] seldom keeps it on all of them."""


def stays_convex(ctx: Context, parts: st.SearchStrategy, build: Callable[..., Callable[[float], float]]) -> Outcome:
    """The function ``build(*parts)`` satisfies Jensen's inequality on every generated segment (and at the
    midpoints of ``GRID_SEGMENTS``)."""

    def prop(case: tuple) -> list[Comparison]:
        drawn, (a, b, lam) = case
        h = build(*drawn)
        found = [jensen(h, a, b, lam)] + [jensen(h, a, b, 0.5) for a, b in GRID_SEGMENTS]
        return [c for c in found if c is not None]

    return for_all(ctx, st.tuples(parts, segments), prop, describe=lambda c: {"parts": [str(p) for p in c[0]],
                                                                                "a, b, λ": list(c[1])})


NONNEG = Formula(r"\alpha f+\beta g,\ \alpha,\beta\ge0",
                 lambda f, g, alpha, beta: lambda x: alpha * f.f(x) + beta * g.f(x))
weights = st.floats(0.0, 5.0)


@TOPIC.claim(
    "optim.convex_nonneg_combination",
    method="property",
    canonical=NONNEG,
    faithful=("002", "004"),
    references=(CONVEX,),
    uses_impl=False,
)
def convex_nonneg_combination(ctx: Context, combination: Formula) -> Outcome:
    """f, g convex and α, β ≥ 0 ⇒ αf + βg convex (checked by Jensen's inequality on segments)."""
    return stays_convex(ctx, st.tuples(convex_1d(), convex_1d(), weights, weights), combination)


POINTWISE_MAX = Formula(r"\max(f,g)", lambda f, g: lambda x: max(f.f(x), g.f(x)))


@TOPIC.claim(
    "optim.convex_pointwise_max",
    method="property",
    canonical=POINTWISE_MAX,
    faithful=("002", "004"),
    references=(CONVEX,),
    uses_impl=False,
)
def convex_pointwise_max(ctx: Context, combination: Formula) -> Outcome:
    """f, g convex ⇒ max(f, g) convex (checked by Jensen's inequality on segments)."""
    return stays_convex(ctx, st.tuples(convex_1d(), convex_1d()), combination)


@dataclass(frozen=True)
class Composition:
    """g ∘ f for convex f and an outer g from the stated class."""

    outer: st.SearchStrategy[Fn1D]
    latex: str

    def __repr__(self) -> str:
        return self.latex


COMPOSITION_LATEX = r"f \text{ convex}, g \text{ convex and non-decreasing} \Rightarrow g \circ f \text{ convex}"
COMPOSITION = Composition(convex_1d(nondecreasing=True), r"g\circ f,\ g \text{ convex non-decreasing}")


@TOPIC.claim(
    "optim.convex_composition_nondecreasing",
    method="property",
    canonical=COMPOSITION,
    faithful=("002", "004"),
    references=(CONVEX,),
    uses_impl=False,
)
def convex_composition_nondecreasing(ctx: Context, composition: Composition) -> Outcome:
    """f convex, g convex and non-decreasing ⇒ g ∘ f convex (checked by Jensen's inequality)."""
    return stays_convex(ctx, st.tuples(convex_1d(), composition.outer), lambda f, g: lambda x: g.f(f.f(x)))


# --- minimizers ------------------------------------------------------------------------------------

z = sympy.Symbol("x", real=True)
STRICTLY_CONVEX = (z**2, z**4, sympy.exp(z), sympy.log(1 + sympy.exp(z)), sympy.cosh(z),
                   sympy.exp(z) + sympy.exp(-2 * z), (z - 1) ** 2 + 3 * z, sympy.sqrt(1 + z**2))


def count_minimizers(f: sympy.Expr) -> tuple[int, bool]:
    """Number of global minimizers of a convex f on R (its stationary points) and whether f'' > 0
    except at finitely many points (strict convexity), both decided by SymPy."""
    stationary = sympy.solveset(sympy.diff(f, z), z, sympy.S.Reals)
    flat = sympy.solveset(sympy.diff(f, z, 2) <= 0, z, sympy.S.Reals)
    return len(stationary), flat.is_finite_set is True or flat is sympy.S.EmptySet


@TOPIC.claim(
    "optim.strict_convexity_unique_minimum",
    method="exhaustive",
    canonical=Formula(r"\#\arg\min f\le 1", lambda count: count <= 1),
    printed={
        "002:44": Printed(Formula(r"\#\arg\min f=1", lambda count: count == 1),
                          reading="'guarantees that there is a unique global minimum': existence and uniqueness"),
        "002:46": Printed(Formula(r"\#\arg\min f=1", lambda count: count == 1)),
        "004:99": Printed(Formula(r"\#\arg\min f=1", lambda count: count == 1),
                          reading="'guarantees that there is a unique global minimum': existence and uniqueness"),
        "004:105": Printed(Formula(r"\#\arg\min f=1", lambda count: count == 1)),
    },
    references=(CONVEX,),
    uses_impl=False,
)
def strict_convexity_unique_minimum(ctx: Context, stated: Formula) -> Outcome:
    """A strictly convex function has at most one global minimizer.

    Two minimizers a ≠ b would give f((a+b)/2) < min f. Existence needs more (e.g. coercivity):
    exp(x) is strictly convex with no minimizer. Checked on strictly convex functions of one variable,
    their minimizers (the real roots of f') and strictness (f'' ≤ 0 only on a finite set) decided by SymPy.
    """

    def prop(f: sympy.Expr) -> list[Comparison]:
        count, strict = count_minimizers(f)
        return [that(strict, label="f is strictly convex", message=f"{f}: f'' ≤ 0 on an infinite set"),
                that(bool(stated(count)), label="number of minimizers as stated",
                     message=f"{f} has {count} global minimizer(s)")]

    return for_each(ctx, STRICTLY_CONVEX, prop, domain_name="8 strictly convex functions on R", complete=False,
                    describe=str)


@dataclass(frozen=True)
class FunctionClass:
    """A class of objectives, as the hypothesis of a statement."""

    latex: str
    members: st.SearchStrategy[Problem]

    def __repr__(self) -> str:
        return self.latex


UNIQUE_LATEX = r"\mu\text{-strongly convex} \Rightarrow \text{a unique global minimum exists}"
STRONGLY_CONVEX_CLASS = FunctionClass(r"\mu\text{-strongly convex},\ \mu>0", strongly_convex_problems())


@TOPIC.claim(
    "optim.strong_convexity_unique_minimizer",
    method="property",
    canonical=STRONGLY_CONVEX_CLASS,
    faithful=("002", "004"),
    references=(NESTEROV,),
    uses_impl=False,
)
def strong_convexity_unique_minimizer(ctx: Context, hypothesis: FunctionClass) -> Outcome:
    """A differentiable μ-strongly convex function on R^d has exactly one global minimizer.

    Checked on each objective's exact minimizer set: the minimizer nearest to x_0 and the one nearest
    to another point coincide, and it is a minimizer (∇f = 0, f = f*).
    """

    def prop(case: tuple[Problem, np.ndarray]) -> list[Comparison]:
        problem, other = case
        first = problem.nearest_minimizer(problem.x0)
        second = problem.nearest_minimizer(other[: problem.dim])
        scale = 1 + float(np.abs(first).max())
        return [close(second, first, label="minimizers nearest to two points", rtol=1e-7, atol=1e-7 * scale),
                close(problem.grad(first), np.zeros(problem.dim), label="∇f at the minimizer",
                      atol=1e-7 * scale * problem.L),
                close(problem.f(first), problem.f_star, label="f at the minimizer", rtol=1e-7, atol=1e-9)]

    return for_all(ctx, st.tuples(hypothesis.members, points), prop, describe=describe_pair)


CONVEX_CLASS = FunctionClass("convex", problems("quadratic", "least_squares", "logcosh", max_dim=3,
                                                strongly_convex=True))


def local_minimum(problem: Problem, max_steps: int = 3000) -> np.ndarray | None:
    """Where GD with η = 1/L from x_0 comes to rest (‖∇f‖ ≤ 1e-10 (1 + ‖∇f(x_0)‖)), if it does."""
    x = problem.x0.copy()
    tolerance = 1e-10 * (1 + float(np.linalg.norm(problem.grad(x))))
    for _ in range(max_steps):
        g = problem.grad(x)
        if np.linalg.norm(g) <= tolerance:
            return x
        x = x - g / problem.L
    return None


@TOPIC.claim(
    "optim.convex_local_min_is_global",
    method="property",
    canonical=CONVEX_CLASS,
    faithful=("002", "004"),
    references=(CONVEX,),
    uses_impl=False,
)
def convex_local_min_is_global(ctx: Context, hypothesis: FunctionClass) -> Outcome:
    """For a convex function every local minimizer is a global minimizer.

    A local minimizer is found by running GD from x_0 until it comes to rest at a point with a
    positive semi-definite Hessian; its value must be f*.
    """

    def prop(problem: Problem) -> Comparison:
        x = local_minimum(problem)
        assume(x is not None and np.linalg.eigvalsh(problem.hess(x)).min() >= -1e-9 * problem.L)
        return at_most(problem.f(x) - problem.f_star, 1e-6 * (1 + gap0(problem)), label="f(local min) - f*")

    return for_all(ctx, hypothesis.members, prop, max_examples=40, describe=Problem.describe)


# --- definitions -----------------------------------------------------------------------------------

DEFINITION = "a definition: it fixes what the word means and is the premise of the claims that use it"

TOPIC.not_checkable(
    "optim.l_smooth_definition", title="L-smoothness",
    statement="f is L-smooth if ‖∇f(x) - ∇f(y)‖ ≤ L‖x - y‖ for all x, y.",
    reason=DEFINITION + " (every family here states its L, computed from the Hessian's spectrum)",
)
TOPIC.not_checkable(
    "optim.pl_condition_definition", title="Polyak–Łojasiewicz condition",
    statement="f satisfies μ-PL if ½‖∇f(x)‖² ≥ μ (f(x) - f*) for all x.",
    reason=DEFINITION + " (checked as a consequence of strong convexity in optim.strong_convexity_implies_pl)",
)
TOPIC.not_checkable(
    "optim.convexity_definition", title="Convexity",
    statement="f is convex if f(λw + (1-λ)w') ≤ λf(w) + (1-λ)f(w') for all w, w' and λ ∈ [0, 1].",
    reason=DEFINITION + " (Jensen's inequality is what the convexity checks test)",
)
TOPIC.not_checkable(
    "optim.condition_number_l_over_mu", title="Condition number κ = L/μ",
    statement="κ = L/μ for an L-smooth μ-strongly convex f; GD's rate 1 - 1/κ degrades as κ grows.",
    reason=DEFINITION + "; the rates that depend on κ are checked in the GD and Nesterov claims",
)
