"""Explicit representations of continuous piecewise-linear (CPWL) functions by ReLU, hinge and maxout units.

Each construction is built by the implementation under test (``impls.approximation``) and checked
against the CPWL function it represents, on its knots, the midpoints between them and points beyond
both ends (both sides are linear between these points, so agreement there is agreement on all of R).
"""

from __future__ import annotations

import numpy as np
import sympy

from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    close,
    equal,
    for_all,
    symbolic,
    within_tolerance,
)

from . import TOPIC
from .density import INTERPOLATION_BOUND, SHEKHTMAN, interpolation_error
from .strategies import CPWL, Interpolation, convex_cpwl_functions, cpwl_functions

LEBESGUE = "Lebesgue (1898); Shekhtman (1982), Why piecewise linear functions are dense in C[0,1]"
WANG_SUN = "Wang & Sun (2005), Generalization of hinging hyperplanes, IEEE Trans. Inf. Theory 51(12)"
GOODFELLOW = "Goodfellow, Warde-Farley, Mirza, Courville & Bengio (2013), Maxout networks"


def relu(z: np.ndarray) -> np.ndarray:
    return np.maximum(z, 0.0)


def expansion_value(a: float, b: float, c: np.ndarray, breakpoints: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``a x + b + Σ_i c_i (x - x_i)_+``."""
    return a * x + b + relu(x[:, None] - breakpoints[None, :]) @ c


def max_affine(pieces: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``max_i (pieces[i,0] x + pieces[i,1])``: a maxout (k-hinge) unit of one input."""
    return np.max(pieces[:, :1] * x[None, :] + pieces[:, 1:], axis=0)


def agrees(f: CPWL, values: np.ndarray, x: np.ndarray, label: str) -> Comparison:
    expected = f(x)
    return close(values, expected, label=label, rtol=0.0, atol=within_tolerance(values, expected, x))


@TOPIC.claim(
    "approximation.pwl_relu_representation",
    method="property",
    faithful=("001", "003"),
    references=(LEBESGUE,),
)
def pwl_relu_representation(ctx: Context, _: None) -> Outcome:
    """A piecewise-linear function with m pieces is a sum of m - 1 ReLU units.

    A CPWL g on R with m pieces and breakpoints x_1 < … < x_{m-1} equals
    g(x) = a x + b + Σ_{i=1}^{m-1} c_i (x - x_i)_+, where a is the first slope and c_i the change of
    slope at x_i: m + 1 coefficients once the breakpoints are given. The units' kinks cut R into
    m regions, one per piece (counted on the exact region counter). Checked on generated CPWL
    functions (half-integer knots, integer values, up to 8 pieces), on all of R.
    """
    impl = ctx.impl()

    def prop(f: CPWL) -> list[Comparison]:
        a, b, c = impl.relu_expansion(f.knots, f.values)
        breakpoints, x = f.knots[1:-1], f.sample_points()
        checks = [agrees(f, expansion_value(a, b, c, breakpoints, x), x, "a x + b + Σ c_i (x - x_i)_+ / g(x)"),
                  equal(2 + len(c), f.pieces + 1, label="coefficients (a, b, c_1..c_{m-1}) / m + 1")]
        if f.pieces > 1:
            regions = impl.regions(np.ones((f.pieces - 1, 1)), -breakpoints)
            checks.append(equal(regions, f.pieces, label="regions of the m - 1 units / pieces"))
        return checks

    return for_all(ctx, cpwl_functions(), prop, describe=CPWL.describe)


def relu_network(impl: object, case: Interpolation) -> np.ndarray:
    """The one-hidden-layer ReLU network x ↦ β + Σ_j v_j (w_j x + t_j)_+ built from the implementation's
    expansion of the interpolant (a x = a x₊ - a (-x)₊), evaluated at the target's knots."""
    a, b, c = impl.relu_expansion(case.knots, case.values)
    w = np.concatenate([[1.0, -1.0], np.ones(len(c))])
    t = np.concatenate([[0.0, 0.0], -case.knots[1:-1]])
    v = np.concatenate([[a, -a], c])
    x = case.target.knots
    return relu(np.outer(x, w) + t) @ v + b


def maxout_network(impl: object, case: Interpolation) -> np.ndarray:
    """The difference of the implementation's two maxout units for the interpolant, at the target's knots."""
    P, Q = impl.maxout_pair(case.knots, case.values)
    return max_affine(P, case.target.knots) - max_affine(Q, case.target.knots)


@TOPIC.claim(
    "approximation.one_hidden_relu_universal",
    method="property",
    canonical=INTERPOLATION_BOUND,
    faithful=("000", "003"),
    printed={"001": Printed(INTERPOLATION_BOUND, reading="'ReLU or AbsU': an AbsU unit |z| is z₊ + (-z)₊, two "
                                                         "ReLU units, so the ReLU network checked covers both.")},
    depends=("approximation.pwl_relu_representation", "approximation.pwl_dense"),
    references=(LEBESGUE, SHEKHTMAN),
)
def one_hidden_relu_universal(ctx: Context, error_bound: Formula) -> Outcome:
    """Networks with one hidden layer of ReLU units are universal approximators.

    One-hidden-layer ReLU networks are dense in C(K) for every compact K. In one dimension, with a
    rate: an L-Lipschitz f on [0, 1] is within L h / 2 (h = 1/m) in sup norm of the network with
    m + 1 ReLU units that interpolates f at the m + 1 points j/m (the network is the interpolant,
    written as a sum of ReLUs); every continuous f is a uniform limit of Lipschitz ones. Checked on
    generated Lipschitz targets, error computed exactly, the worst ratio pushed towards 1 (reached
    by a tent peaked at a midpoint). In R^n density follows by dimension lifting (not checkable).
    """
    impl = ctx.impl()
    return interpolation_error(ctx, error_bound, lambda case: relu_network(impl, case),
                               "sup error of the ReLU network / L h / 2")


TWICE_THE_MAX = Formula(r"2\max\{f,g\} = f + g + |f - g|", lambda f, g: f + g + sympy.Abs(f - g))


@TOPIC.claim(
    "approximation.max_abs_identity",
    method="sympy",
    canonical=TWICE_THE_MAX,
    faithful=("001",),
    references=(GOODFELLOW,),
    uses_impl=False,
)
def max_abs_identity(ctx: Context, identity: Formula) -> Outcome:
    """The maximum of two functions from the absolute value, and both from two ReLU units.

    2 max{f, g} = f + g + |f - g| for real f, g; with |z| = z₊ + (-z)₊ the maximum of two inputs
    is a one-hidden-layer ReLU network, 2 max{f, g} = f + g + (f - g)₊ + (g - f)₊. Proved in SymPy
    by cases (each side rewritten as a piecewise function).
    """
    f, g = sympy.symbols("f g", real=True)
    ramp = sympy.Function("relu")

    def as_cases(expr: sympy.Expr) -> sympy.Expr:
        return sympy.simplify(expr.replace(ramp, lambda z: sympy.Max(z, 0)).rewrite(sympy.Piecewise))

    return symbolic(ctx, ("2 max{f, g}", 2 * sympy.Max(f, g)), ("as stated", identity(f, g)),
                    ("|f - g| = (f - g)₊ + (g - f)₊", f + g + ramp(f - g) + ramp(g - f)), simplify=as_cases)


@TOPIC.claim(
    "approximation.cpwl_signed_hinge_sum",
    method="property",
    faithful=("001", "003"),
    depends=("approximation.pwl_relu_representation",),
    references=(WANG_SUN,),
)
def cpwl_signed_hinge_sum(ctx: Context, _: None) -> Outcome:
    """Every CPWL function is a signed sum of k-hinges with k ≤ n + 1.

    Every continuous piecewise-linear g: R^n → R is Σ_j s_j max_{l ≤ k_j} (w_{jl}·x + b_{jl}) with
    s_j = ±1 and every k_j ≤ n + 1 (Wang & Sun 2005). Checked for n = 1 (k ≤ 2): the implementation's
    hinge sum of generated CPWL functions equals the function on all of R and uses 2-hinges at most.
    The general-n construction is not checked.
    """
    impl = ctx.impl()

    def prop(f: CPWL) -> list[Comparison]:
        signs, slopes, intercepts = impl.hinge_sum(f.knots, f.values)
        x = f.sample_points()
        hinges = np.max(slopes[:, :, None] * x[None, None, :] + intercepts[:, :, None], axis=1)
        return [agrees(f, signs @ hinges, x, "Σ_j s_j max_l (w_jl x + b_jl) / g(x)"),
                equal(slopes.shape[1] <= 2, True, label=f"k = {slopes.shape[1]} ≤ n + 1 = 2")]

    return for_all(ctx, cpwl_functions(), prop, describe=CPWL.describe)


def affine_extensions(f: CPWL) -> np.ndarray:
    """The pieces of f extended to all of R, as rows [slope, intercept]."""
    s = np.diff(f.values) / np.diff(f.knots)
    return np.column_stack([s, f.values[:-1] - s * f.knots[:-1]])


MAX_OF_PIECES = Formula(r"f(x)=\max_{(\theta,b)\in A}\{\theta x+b\}", lambda affine_values: affine_values.max(axis=0))


@TOPIC.claim(
    "approximation.polyhedral_max_affine",
    method="property",
    canonical=MAX_OF_PIECES,
    faithful=("001",),
    references=("Rockafellar (1970), Convex Analysis, Corollary 19.1.2",),
    uses_impl=False,
)
def polyhedral_max_affine(ctx: Context, combine: Formula) -> Outcome:
    """A polyhedral convex function is the maximum of finitely many affine functions.

    If f: R^n → R is convex with a polyhedral epigraph, f(x) = max_{(θ,b) ∈ A} {θ·x + b} for a finite
    A ⊂ R^{n+1}. Checked for n = 1 on generated convex CPWL functions (integer slopes, increasing),
    with A the affine extensions of the m pieces (|A| = m), on all of R.
    """

    def prop(f: CPWL) -> Comparison:
        x = f.sample_points()
        A = affine_extensions(f)
        return agrees(f, combine(A[:, :1] * x[None, :] + A[:, 1:]), x, "max over A of θ x + b / f(x)")

    return for_all(ctx, convex_cpwl_functions(), prop, describe=CPWL.describe)


@TOPIC.claim(
    "approximation.cpwl_difference_polyhedral",
    method="property",
    faithful=("001",),
    depends=("approximation.polyhedral_max_affine", "approximation.pwl_relu_representation"),
    references=(WANG_SUN,),
)
def cpwl_difference_polyhedral(ctx: Context, _: None) -> Outcome:
    """Every CPWL function is the difference of two polyhedral convex functions.

    g = u - v with u, v convex and polyhedral, hence (previous claim) each the maximum of finitely
    many affine functions. Checked for n = 1: the implementation's two maxout units max_i(P_i x + p_i)
    and max_j(Q_j x + q_j) (convex and polyhedral by construction) have difference g on all of R.
    """
    impl = ctx.impl()

    def prop(f: CPWL) -> Comparison:
        P, Q = impl.maxout_pair(f.knots, f.values)
        x = f.sample_points()
        return agrees(f, max_affine(P, x) - max_affine(Q, x), x, "max(P) - max(Q) / g(x)")

    return for_all(ctx, cpwl_functions(), prop, describe=CPWL.describe)


@TOPIC.claim(
    "approximation.maxout_two_units_universal",
    method="property",
    canonical=INTERPOLATION_BOUND,
    faithful=("001",),
    depends=("approximation.cpwl_difference_polyhedral", "approximation.pwl_dense"),
    references=(GOODFELLOW,),
)
def maxout_two_units_universal(ctx: Context, error_bound: Formula) -> Outcome:
    """Maxout networks with two maxout units are universal approximators.

    Differences of two maxout units (k-hinges, k unbounded) are dense in C(K). In one dimension with
    a rate: the difference of two maxout units that represents the interpolant of an L-Lipschitz f at
    j/m, j = 0..m, is within L h / 2 (h = 1/m) of f on [0, 1]. Checked on generated Lipschitz
    targets, the error computed exactly and pushed towards the bound.
    """
    impl = ctx.impl()
    return interpolation_error(ctx, error_bound, lambda case: maxout_network(impl, case),
                               "sup error of max(P) - max(Q) / L h / 2")
