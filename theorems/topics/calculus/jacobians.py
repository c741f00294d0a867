"""Jacobians of vector functions in numerator layout (documents 001-004): ``(J_f)_ij = ∂f_i/∂x_j``, an
m × n matrix for f: Rⁿ → Rᵐ; the layout definitions, the elementary rules of document 002 §4.3 and the
chain rule. Each rule is checked on the implementation under test (:func:`.derivatives.derivative_holds`).
"""

from __future__ import annotations

import numpy as np

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, close, equal, for_all

from . import TOPIC
from .derivatives import Rule, default_examples, derivative_holds, f_map, g_map, h_map, rule, u_map
from .strategies import Case, cases


def _layout(ctx: Context, stated: Formula, convention: str) -> Outcome:
    """The implementation's Jacobian of x ↦ Ax (∂f_i/∂x_j = A_ij) put in ``convention`` has the shape and
    the entries ``stated`` gives for it from (n, m, A)."""
    impl = ctx.impl()

    def compare(case: Case) -> list[Comparison]:
        got = impl.jacobian(lambda x, xp: xp.asarray(case.A) @ x, case.x)
        shape, entries = stated(case.n, case.m, case.A)
        arranged = got if convention == "numerator" else got.T
        return [equal(arranged.shape, shape, label=f"shape of the {convention}-layout Jacobian of f: Rⁿ → Rᵐ"),
                close(arranged, entries, label=f"entries of the {convention}-layout Jacobian", rtol=0.0,
                      atol=64 * np.finfo(float).eps * float(np.abs(case.A).max()))]

    return for_all(ctx, cases(), compare, describe=Case.describe, max_examples=default_examples(ctx))


NUMERATOR = Formula(r"(J)_{ij} = \partial f_i/\partial x_j \in \mathbb{R}^{m\times n}", lambda n, m, A: ((m, n), A))


@TOPIC.claim(
    "calculus.jacobian_numerator_layout_shape", method="property", canonical=NUMERATOR,
    faithful=("002:215", "003"),
    printed={"002:121": Printed(Formula(r"\frac{\partial f}{\partial x} \in \mathbb{R}^{n\times m}",
                                        lambda n, m, A: ((n, m), A)),
                                reading="The entries are defined as ∂f_i/∂x_j (numerator layout), but the shape is "
                                        "printed n × m: the shape is checked as printed.")},
)
def jacobian_numerator_layout_shape(ctx: Context, stated: Formula) -> Outcome:
    """The numerator-layout Jacobian of f: Rⁿ → Rᵐ is the m × n matrix (∂f_i/∂x_j).

    Definition (documents 002, 003). Checked on f(x) = Ax, whose Jacobian has entries A_ij: the
    implementation's Jacobian must be m × n with those entries.
    """
    return _layout(ctx, stated, "numerator")


@TOPIC.claim("calculus.denominator_layout_shape", method="property", faithful=("002",),
             canonical=Formula(r"(J_f)_{ij} = \partial f_j/\partial x_i \in \mathbb{R}^{n\times m}",
                               lambda n, m, A: ((n, m), A.T)))
def denominator_layout_shape(ctx: Context, stated: Formula) -> Outcome:
    """The denominator-layout Jacobian is the transpose of the numerator-layout one.

    (J_f)_ij = ∂f_j/∂x_i ∈ R^{n×m} (document 002, remark of §4.1). Checked on f(x) = Ax: the transpose of
    the implementation's Jacobian is n × m with entries ∂f_j/∂x_i = A_ji.
    """
    return _layout(ctx, stated, "denominator")


@TOPIC.claim("calculus.jac_constant_zero", method="property", faithful=("002",),
             canonical=rule((r"e", lambda k: lambda x, xp: xp.asarray(k.e) + 0 * x[0]),
                            (r"0_{m\times n}", lambda t: np.zeros((t.e.size, t.x.size)))))
def jac_constant_zero(ctx: Context, stated: Rule) -> Outcome:
    """The Jacobian of a constant is zero.

    ∂a/∂x = 0 ∈ R^{m×n} for a constant a ∈ Rᵐ (document 002, §4.3).
    """
    return derivative_holds(ctx, stated)


@TOPIC.claim("calculus.jac_identity", method="property", faithful=("002",),
             canonical=rule((r"x", lambda _: lambda x, xp: x), (r"I_n", lambda t: np.eye(t.x.size))))
def jac_identity(ctx: Context, stated: Rule) -> Outcome:
    """The Jacobian of the identity map is the identity matrix.

    ∂x/∂x = I_n (document 002, §4.3).
    """
    return derivative_holds(ctx, stated)


@TOPIC.claim("calculus.jac_hadamard_const", method="property", faithful=("002",),
             canonical=rule((r"x \circ a", lambda k: lambda x, xp: x * xp.asarray(k.a)),
                            (r"\operatorname{diag}(a)", lambda t: np.diag(t.a))))
def jac_hadamard_const(ctx: Context, stated: Rule) -> Outcome:
    """The Jacobian of an element-wise product with a constant vector.

    ∂(x ∘ a)/∂x = diag(a) (document 002, §4.3).
    """
    return derivative_holds(ctx, stated)


LINEAR = rule((r"A x", lambda k: lambda x, xp: xp.asarray(k.A) @ x), (r"A", lambda t: t.A))


@TOPIC.claim("calculus.jac_linear_map", method="property", canonical=LINEAR, faithful=("002", "003"))
def jac_linear_map(ctx: Context, stated: Rule) -> Outcome:
    """The Jacobian of a linear map is its matrix.

    ∂(Ax)/∂x = A for A ∈ R^{m×n} (numerator layout; documents 002 §4.3, 003 §3.1 with W).
    """
    return derivative_holds(ctx, stated)


@TOPIC.claim("calculus.jac_row_linear", method="property", faithful=("002",),
             canonical=rule((r"x^\top B", lambda k: lambda x, xp: x @ xp.asarray(k.B)), (r"B^\top", lambda t: t.B.T)))
def jac_row_linear(ctx: Context, stated: Rule) -> Outcome:
    """The Jacobian of x ↦ xᵀB.

    ∂(xᵀB)/∂x = Bᵀ ∈ R^{m×n} for B ∈ R^{n×m}: xᵀB is the vector Bᵀx (document 002, §4.3).
    """
    return derivative_holds(ctx, stated)


@TOPIC.claim("calculus.jac_scalar_times_function", method="property", faithful=("002",),
             canonical=rule((r"c f(x)", lambda k: lambda x, xp: k.c * f_map(k)(x, xp)),
                            (r"c J_f", lambda t: t.c * t.Jf)))
def jac_scalar_times_function(ctx: Context, stated: Rule) -> Outcome:
    """A constant factor comes out of the Jacobian.

    ∂(c f(x))/∂x = c J_f for a constant scalar c (document 002, §4.3).
    """
    return derivative_holds(ctx, stated)


@TOPIC.claim("calculus.jac_matrix_times_function", method="property", faithful=("002",),
             canonical=rule((r"C f(x)", lambda k: lambda x, xp: xp.asarray(k.C) @ f_map(k)(x, xp)),
                            (r"C J_f", lambda t: t.C @ t.Jf)))
def jac_matrix_times_function(ctx: Context, stated: Rule) -> Outcome:
    """A constant matrix factor comes out of the Jacobian on the left.

    ∂(C f(x))/∂x = C J_f for a constant C ∈ R^{m×m} (document 002, §4.3).
    """
    return derivative_holds(ctx, stated)


U_F = (r"u(x) f(x)", lambda k: lambda x, xp: u_map(k)(x, xp) * f_map(k)(x, xp))
SCALED = rule(U_F, (r"u J_f + f \nabla u^\top", lambda t: t.u * t.Jf + np.outer(t.f, t.du)))


@TOPIC.claim(
    "calculus.product_rule_scalar_times_vector", method="property", canonical=SCALED,
    faithful=("002", "004:139", "004:155"),
    printed={"004:141": Printed(rule(U_F, (r"\frac{\partial v}{\partial x} g + g \frac{\partial v}{\partial x}",
                                           lambda t: 2 * np.outer(t.f, t.du))),
                                reading="Printed for v g as (∂v/∂x) g + g (∂v/∂x): the row ∂v/∂x times the column g "
                                        "is only defined as the outer product g ∂v/∂x, so both terms are g ∂v/∂x "
                                        "and the term v ∂g/∂x is missing (with v, g := u, f).")},
)
def product_rule_scalar_times_vector(ctx: Context, stated: Rule) -> Outcome:
    """The product rule for a scalar function times a vector function.

    ∂(u(x) f(x))/∂x = u J_f + f (∂u/∂x), the last term the outer product of f with the row ∂u/∂x
    (numerator layout; documents 002, 004).
    """
    return derivative_holds(ctx, stated)


COMPOSED = rule((r"h(g(x))", lambda k: lambda x, xp: h_map(k)(g_map(k)(x, xp), xp)),
                (r"J_h(g(x))\, J_g(x)", lambda t: t.Jh @ t.Jg))


@TOPIC.claim("calculus.chain_rule_jacobian", method="property", canonical=COMPOSED,
             faithful=("002:125", "002:138", "003"),
             printed={"001": Printed(COMPOSED, reading="The line is cut after (∂G ∘ F), typed as the pair "
                                                      "(R^{m×k}, R^{k×n}): read as ∂(G ∘ F) = (∂G ∘ F) · ∂F.")})
def chain_rule_jacobian(ctx: Context, stated: Rule) -> Outcome:
    """The chain rule: the Jacobian of a composition is the product of the Jacobians, outer first.

    J_{h∘g}(x) = J_h(g(x)) J_g(x) for g: Rⁿ → Rᵐ, h: Rᵐ → Rᵐ (numerator layout; documents 001 §∂(G∘F),
    002 §4.1/4.3, 003 §3.1 for a scalar L). The order matters: J_g J_h is not even defined when n ≠ m.
    """
    return derivative_holds(ctx, stated)


THREE = (r"h(h(g(x)))", lambda k: lambda x, xp: h_map(k)(h_map(k)(g_map(k)(x, xp), xp), xp))


@TOPIC.claim(
    "calculus.chain_rule_three_functions", method="property",
    canonical=rule(THREE, (r"J_h(h(g(x)))\, J_h(g(x))\, J_g(x)", lambda t: t.Jhh @ t.Jh @ t.Jg)),
    printed={"002": Printed(rule(THREE, (r"\frac{\partial f}{\partial g}(g(h(x)))\, \frac{\partial h}{\partial x}",
                                         lambda t: t.Jhh @ t.Jg)),
                            reading="Printed ∂f(g(h(x)))/∂x = ∂f/∂g (g(h(x))) ∂h/∂x: the middle factor ∂g/∂h is "
                                    "missing. Checked with f, g, h := h, h, g of the instance.")},
)
def chain_rule_three_functions(ctx: Context, stated: Rule) -> Outcome:
    """The chain rule for three maps.

    ∂f(g(h(x)))/∂x = J_f(g(h(x))) J_g(h(x)) J_h(x) (document 002, §4.3), checked for the composition
    h ∘ h ∘ g of the instance's maps.
    """
    return derivative_holds(ctx, stated)
