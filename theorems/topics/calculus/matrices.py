"""Derivatives with respect to a matrix (document 002 §4.4-4.5, 003 §3): the gradient of a scalar f(X)
has X's shape, ``(∇f)_ij = ∂f/∂X_ij``. Variables: X ∈ R^{n×m}, Y ∈ R^{m×n}, Q ∈ R^{n×n}; each rule is
checked on the implementation under test (:func:`.derivatives.derivative_holds`).
"""

from __future__ import annotations

import numpy as np

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, close, equal, for_all, within_tolerance

from . import TOPIC
from .derivatives import Rule, default_examples, derivative_holds, rule
from .strategies import Case, cases


@TOPIC.claim("calculus.matrix_gradient_shape", method="property", faithful=("003",),
             canonical=Formula(r"\nabla f(X) \in \mathbb{R}^{n_1\times n_2}", lambda shape: shape))
def matrix_gradient_shape(ctx: Context, stated: Formula) -> Outcome:
    """The gradient of a scalar function of a matrix has the matrix's shape.

    For f: R^{n₁×n₂} → R, ∇f(X)_ij = ∂f/∂X_ij ∈ R^{n₁×n₂} (definition, document 003). Checked on
    f(X) = aᵀXb (∂f/∂X_ij = a_i b_j) with X ∈ R^{n×m}: the implementation's gradient has the stated shape
    and those entries.
    """
    impl = ctx.impl()

    def compare(case: Case) -> list[Comparison]:
        got = impl.jacobian(lambda X, xp: xp.asarray(case.a) @ X @ xp.asarray(case.bm), case.X)
        entries = np.outer(case.a, case.bm)
        return [equal(got.shape, stated(case.X.shape), label="shape of ∇f(X)"),
                close(got, entries, label="∇f(X)_ij = ∂f/∂X_ij = a_i b_j", rtol=0.0, atol=within_tolerance(entries))]

    return for_all(ctx, cases(), compare, describe=Case.describe, max_examples=default_examples(ctx))


@TOPIC.claim("calculus.grad_aT_X_b", method="property", faithful=("002",),
             canonical=rule((r"a^\top X b", lambda k: lambda X, xp: xp.asarray(k.a) @ X @ xp.asarray(k.bm)),
                            (r"a b^\top", lambda t: np.outer(t.a, t.bm)), variable="X"))
def grad_aT_X_b(ctx: Context, stated: Rule) -> Outcome:
    """The gradient of a bilinear form with respect to its matrix.

    ∂(aᵀXb)/∂X = abᵀ for X ∈ R^{n×m}, a ∈ Rⁿ, b ∈ Rᵐ (document 002, §4.4).
    """
    return derivative_holds(ctx, stated)


A_YT_B = (r"a^\top X^\top b", lambda k: lambda Y, xp: xp.asarray(k.a) @ Y.T @ xp.asarray(k.bm))


@TOPIC.claim(
    "calculus.grad_aT_XT_b", method="property",
    canonical=rule(A_YT_B, (r"b a^\top", lambda t: np.outer(t.bm, t.a)), variable="Y"),
    printed={"002": Printed(rule(A_YT_B, (r"a b^\top", lambda t: np.outer(t.a, t.bm)), variable="Y"),
                            reading="Printed abᵀ, the gradient of aᵀXb; since aᵀXᵀb = bᵀXa the gradient is baᵀ "
                                    "(of X's shape m × n). Checked as printed.")},
)
def grad_aT_XT_b(ctx: Context, stated: Rule) -> Outcome:
    """The gradient of a bilinear form in the transposed matrix.

    ∂(aᵀXᵀb)/∂X = baᵀ for X ∈ R^{m×n}, a ∈ Rⁿ, b ∈ Rᵐ, since aᵀXᵀb = bᵀXa (document 002, §4.4).
    """
    return derivative_holds(ctx, stated)


@TOPIC.claim("calculus.grad_aT_XT_X_b", method="property", faithful=("002",),
             canonical=rule((r"a^\top X^\top X b", lambda k: lambda Y, xp: xp.asarray(k.a) @ Y.T @ Y @ xp.asarray(k.b)),
                            (r"X(a b^\top + b a^\top)", lambda t: t.Y @ (np.outer(t.a, t.b) + np.outer(t.b, t.a))),
                            variable="Y"))
def grad_aT_XT_X_b(ctx: Context, stated: Rule) -> Outcome:
    """The gradient of a Gram bilinear form.

    ∂(aᵀXᵀXb)/∂X = X(abᵀ + baᵀ) for X ∈ R^{m×n}, a, b ∈ Rⁿ (document 002, §4.4).
    """
    return derivative_holds(ctx, stated)


@TOPIC.claim("calculus.grad_trace_X", method="property", faithful=("002",),
             canonical=rule((r"\operatorname{Tr} X", lambda _: lambda Q, xp: xp.trace(Q)),
                            (r"I", lambda t: np.eye(t.Q.shape[0])), variable="Q"))
def grad_trace_X(ctx: Context, stated: Rule) -> Outcome:
    """The gradient of the trace.

    ∂Tr(X)/∂X = I for square X (document 002, §4.4).
    """
    return derivative_holds(ctx, stated)


@TOPIC.claim("calculus.grad_trace_AXB", method="property", faithful=("002",),
             canonical=rule((r"\operatorname{Tr}(A X B)", lambda k: lambda X, xp: xp.trace(xp.asarray(k.Q) @ X
                                                                                           @ xp.asarray(k.D))),
                            (r"A^\top B^\top", lambda t: t.Q.T @ t.D.T), variable="X"))
def grad_trace_AXB(ctx: Context, stated: Rule) -> Outcome:
    """The gradient of the trace of a product with the variable in the middle.

    ∂Tr(AXB)/∂X = AᵀBᵀ (document 002, §4.4); checked with X ∈ R^{n×m}, A = Q ∈ R^{n×n}, B = D ∈ R^{m×n}.
    """
    return derivative_holds(ctx, stated)


@TOPIC.claim("calculus.grad_trace_AXTB", method="property", faithful=("002",),
             canonical=rule((r"\operatorname{Tr}(A X^\top B)", lambda k: lambda X, xp: xp.trace(
                 xp.asarray(k.C) @ X.T @ xp.asarray(k.D.T))), (r"B A", lambda t: t.D.T @ t.C), variable="X"))
def grad_trace_AXTB(ctx: Context, stated: Rule) -> Outcome:
    """The gradient of the trace of a product with the transposed variable in the middle.

    ∂Tr(AXᵀB)/∂X = BA (document 002, §4.4); checked with X ∈ R^{n×m}, A = C ∈ R^{m×m}, B = Dᵀ ∈ R^{n×m}.
    """
    return derivative_holds(ctx, stated)


X_B = (r"X b", lambda k: lambda X, xp: X @ xp.asarray(k.bm))
TENSOR = rule(X_B, (r"\delta_{ij} b_k", lambda t: np.einsum("ij,k->ijk", np.eye(t.X.shape[0]), t.bm)), variable="X")


@TOPIC.claim(
    "calculus.vector_by_matrix_Xa", method="property", canonical=TENSOR,
    printed={"002": Printed(TENSOR, reading="Printed ∂(Xa)/∂x = xᵀ: x is the OCR of X and xᵀ of aᵀ, the usual "
                                            "abbreviation of ∂(Xa)_i/∂X_{i·} = aᵀ with ∂(Xa)_i/∂X_{j·} = 0 for "
                                            "j ≠ i; checked as the full tensor δ_ij a_k.")},
)
def vector_by_matrix_Xa(ctx: Context, stated: Rule) -> Outcome:
    """The generalized gradient of a matrix-vector product with respect to the matrix.

    ∂(Xb)_i/∂X_jk = δ_ij b_k: the n × n × m tensor whose slice i is the matrix with row i equal to bᵀ
    (document 002, §4.5; X ∈ R^{n×m}, b ∈ Rᵐ).
    """
    return derivative_holds(ctx, stated)
