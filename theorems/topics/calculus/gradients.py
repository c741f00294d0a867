"""Gradients of scalar functions of a vector (document 002 §4.2 and 004 §4.3-4.4, denominator layout:
the gradient is a column of the shape of x), the Hessian of a quadratic (003) and the second-order
Taylor expansion (001, 003).

Each rule is checked on the implementation under test (:func:`.derivatives.derivative_holds`): its
gradient of the whole function equals the stated formula evaluated on its Jacobians of the parts. In
this layout ``∂f/∂x`` of a vector function is the n × m matrix ``J_fᵀ``, so the documents' ``(∂f/∂x) g``
is ``J_fᵀ g`` with the numerator-layout Jacobian ``J_f`` of the terms.
"""

from __future__ import annotations

import numpy as np

from impls.calculus import HESSIAN_RTOL
from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    Unreadable,
    at_most,
    for_all,
    within_tolerance,
)

from . import TOPIC
from .derivatives import Rule, default_examples, derivative_holds, f_map, g_map, rule, u_map, v_map
from .strategies import Expansion, expansions


@TOPIC.claim("calculus.grad_linear", method="property", faithful=("002",),
             canonical=rule((r"a^\top x", lambda k: lambda x, xp: xp.asarray(k.a) @ x), ("a", lambda t: t.a)))
def grad_linear(ctx: Context, stated: Rule) -> Outcome:
    """The gradient of a linear form.

    ∂(aᵀx)/∂x = ∂(xᵀa)/∂x = a for constant a ∈ Rⁿ (document 002, §4.2).
    """
    return derivative_holds(ctx, stated)


@TOPIC.claim("calculus.grad_squared_norm_x", method="property", faithful=("002",),
             canonical=rule((r"x^\top x", lambda _: lambda x, xp: x @ x), ("2x", lambda t: 2 * t.x)))
def grad_squared_norm_x(ctx: Context, stated: Rule) -> Outcome:
    """The gradient of the squared norm.

    ∂(xᵀx)/∂x = 2x (document 002, §4.2).
    """
    return derivative_holds(ctx, stated)


QUADRATIC = (r"x^\top Q x", lambda k: lambda x, xp: x @ xp.asarray(k.Q) @ x)


@TOPIC.claim(
    "calculus.grad_quadratic_form", method="property", faithful=("002",),
    canonical=rule(QUADRATIC, (r"(Q + Q^\top)x", lambda t: (t.Q + t.Q.T) @ t.x)),
    printed={"004": Printed(rule((r"a^\top Q x", lambda k: lambda x, xp: xp.asarray(k.a) @ xp.asarray(k.Q) @ x),
                                 (r"(Q + Q^\top)x", lambda t: (t.Q + t.Q.T) @ t.x)),
                            reading="Printed with aᵀAx on the left (a constant), whose gradient is Aᵀa; the right "
                                    "side (A + Aᵀ)x is that of xᵀAx. Checked as printed.")},
)
def grad_quadratic_form(ctx: Context, stated: Rule) -> Outcome:
    """The gradient of a quadratic form.

    ∂(xᵀQx)/∂x = (Q + Qᵀ)x for every square Q, symmetric or not (= 2Qx only when Q = Qᵀ); document 002,
    §4.2. The matrices Q range from well conditioned to singular.
    """
    return derivative_holds(ctx, stated)


@TOPIC.claim("calculus.derivative_bT_A_x", method="property", faithful=("002", "004"),
             canonical=rule((r"b^\top A x", lambda k: lambda x, xp: xp.asarray(k.bm) @ xp.asarray(k.A) @ x),
                            (r"A^\top b", lambda t: t.A.T @ t.bm)))
def derivative_bT_A_x(ctx: Context, stated: Rule) -> Outcome:
    """The gradient of a bilinear form in its second argument.

    ∂(bᵀAx)/∂x = Aᵀb for A ∈ R^{m×n}, b ∈ Rᵐ constant (documents 002 §4.2, 004 §4.3).
    """
    return derivative_holds(ctx, stated)


@TOPIC.claim("calculus.grad_bilinear_form_functions", method="property", faithful=("002",),
             canonical=rule((r"f^\top C g",
                             lambda k: lambda x, xp: f_map(k)(x, xp) @ xp.asarray(k.C) @ g_map(k)(x, xp)),
                            (r"J_f^\top C g + J_g^\top C^\top f", lambda t: t.Jf.T @ t.C @ t.g + t.Jg.T @ t.C.T @ t.f)))
def grad_bilinear_form_functions(ctx: Context, stated: Rule) -> Outcome:
    """The gradient of a bilinear form of two vector functions.

    ∂(f(x)ᵀC g(x))/∂x = (∂f/∂x) C g + (∂g/∂x) Cᵀ f in denominator layout, i.e. J_fᵀCg + J_gᵀCᵀf with the
    numerator Jacobians J (document 002, §4.2).
    """
    return derivative_holds(ctx, stated)


DOT = rule((r"f^\top g", lambda k: lambda x, xp: f_map(k)(x, xp) @ g_map(k)(x, xp)),
           (r"J_f^\top g + J_g^\top f", lambda t: t.Jf.T @ t.g + t.Jg.T @ t.f))


@TOPIC.claim(
    "calculus.product_rule_dot_product", method="property", canonical=DOT,
    printed={"002": Printed(DOT, reading="Denominator layout: ∂f/∂x (written J_f) is the n × m transpose of the "
                                         "numerator Jacobian, so (∂f/∂x)g + (∂g/∂x)f is J_fᵀg + J_gᵀf."),
             "004:157": Printed(DOT, reading="Under 'Denominator convention' but printed f ∂g/∂x + g ∂f/∂x: read as "
                                             "fᵀJ_g + gᵀJ_f (numerator layout), the transpose of the gradient; "
                                             "checked as the gradient J_gᵀf + J_fᵀg."),
             "004:159": Unreadable("An OCR repetition (lines 159-185) of line 157 with the derivative operator "
                                   "moved to the end, f g ∂/∂x: no derivative is taken, so the line states nothing "
                                   "executable; line 157 is its reading.")},
)
def product_rule_dot_product(ctx: Context, stated: Rule) -> Outcome:
    """The product rule for a dot product of vector functions.

    ∂(f(x)ᵀg(x))/∂x = J_fᵀ g + J_gᵀ f (documents 002 §4.2, 004 §4.4).
    """
    return derivative_holds(ctx, stated)


@TOPIC.claim("calculus.product_rule_scalar", method="property", faithful=("002", "004"),
             canonical=rule((r"u v", lambda k: lambda x, xp: u_map(k)(x, xp) * v_map(k)(x, xp)),
                            (r"u \nabla v + v \nabla u", lambda t: t.u * t.dv + t.v * t.du)))
def product_rule_scalar(ctx: Context, stated: Rule) -> Outcome:
    """The product rule for scalar functions.

    ∂(u(x)v(x))/∂x = u ∂v/∂x + v ∂u/∂x (documents 002 §4.2, 004 §4.4).
    """
    return derivative_holds(ctx, stated)


@TOPIC.claim("calculus.grad_scalar_chain", method="property", faithful=("002",),
             canonical=rule((r"\tanh(v(x))", lambda k: lambda x, xp: xp.tanh(v_map(k)(x, xp))),
                            (r"\tanh'(v)\,\nabla v", lambda t: t.slope * t.dv)))
def grad_scalar_chain(ctx: Context, stated: Rule) -> Outcome:
    """The chain rule for a scalar function of a scalar function.

    ∂u(v(x))/∂x = u'(v) ∂v/∂x (document 002, §4.2), with u = tanh and u'(v) the implementation's
    derivative of tanh at v.
    """
    return derivative_holds(ctx, stated)


@TOPIC.claim("calculus.grad_squared_norm_function", method="property", faithful=("002",),
             canonical=rule((r"\|f\|^2", lambda k: lambda x, xp: f_map(k)(x, xp) @ f_map(k)(x, xp)),
                            (r"2 J_f^\top f", lambda t: 2 * t.Jf.T @ t.f)))
def grad_squared_norm_function(ctx: Context, stated: Rule) -> Outcome:
    """The gradient of a squared norm of a vector function.

    ∂‖f(x)‖²/∂x = 2 (∂f/∂x) f (denominator layout) = 2 J_fᵀ f with the numerator Jacobian; the document's
    last form 2 J_f f writes J_f for the denominator-layout Jacobian of its §4.2 (document 002).
    """
    return derivative_holds(ctx, stated)


@TOPIC.claim(
    "calculus.grad_affine_bilinear", method="property", faithful=("002",),
    canonical=rule((r"(Ax + b)^\top C (Dx + e)", lambda k: lambda x, xp: (xp.asarray(k.A) @ x + xp.asarray(k.bm))
                    @ xp.asarray(k.C) @ (xp.asarray(k.D) @ x + xp.asarray(k.e))),
                   (r"D^\top C^\top (Ax + b) + A^\top C (Dx + e)",
                    lambda t: t.D.T @ t.C.T @ (t.A @ t.x + t.bm) + t.A.T @ t.C @ (t.D @ t.x + t.e))),
)
def grad_affine_bilinear(ctx: Context, stated: Rule) -> Outcome:
    """The gradient of a bilinear form of two affine maps.

    ∂[(Ax + b)ᵀC(Dx + e)]/∂x = DᵀCᵀ(Ax + b) + AᵀC(Dx + e), A, D ∈ R^{m×n}, C ∈ R^{m×m} (document 002).
    """
    return derivative_holds(ctx, stated)


A_C_G = (r"a^\top C g(x)", lambda k: lambda x, xp: xp.asarray(k.am) @ xp.asarray(k.C) @ g_map(k)(x, xp))


@TOPIC.claim(
    "calculus.derivative_aT_A_g", method="property",
    canonical=rule(A_C_G, (r"J_g^\top C^\top a", lambda t: t.Jg.T @ t.C.T @ t.am)),
    printed={"004": Printed(rule(A_C_G, (r"\frac{\partial a^\top}{\partial x} C g"
                                          r" + a^\top \frac{\partial C}{\partial x} g",
                                         lambda t: np.zeros_like(t.x))),
                            reading="a and A are constants (line 135), so ∂aᵀ/∂x = 0 and ∂A/∂x = 0 and the printed "
                                    "right side is the zero vector; the derivative of g is missing.")},
)
def derivative_aT_A_g(ctx: Context, stated: Rule) -> Outcome:
    """The gradient of a linear form of a vector function.

    ∂(aᵀC g(x))/∂x = J_gᵀCᵀa for constant a ∈ Rᵐ, C ∈ R^{m×m} (the chain rule; document 004, §4.3).
    """
    return derivative_holds(ctx, stated)


LINEAR_POLYNOMIAL = (r"c^\top Q x + a^\top x + c",
                     lambda k: lambda x, xp: xp.asarray(k.b) @ xp.asarray(k.Q) @ x + xp.asarray(k.a) @ x + k.c)
QUADRATIC_POLYNOMIAL = (r"x^\top Q x + a^\top x + c",
                        lambda k: lambda x, xp: x @ xp.asarray(k.Q) @ x + xp.asarray(k.a) @ x + k.c)


@TOPIC.claim(
    "calculus.hessian_quadratic_form", method="property",
    canonical=rule(QUADRATIC_POLYNOMIAL, (r"Q + Q^\top", lambda t: t.Q + t.Q.T), order=2),
    printed={"003": Printed(rule(LINEAR_POLYNOMIAL, (r"Q + Q^\top", lambda t: t.Q + t.Q.T), order=2),
                            reading="Printed ∇²ₓ[cᵀAx + bᵀx + c]: a function linear in x, whose Hessian is 0 (the "
                                    "intended xᵀAx is the canonical form). Checked as printed, with a vector c.")},
)
def hessian_quadratic_form(ctx: Context, stated: Rule) -> Outcome:
    """The Hessian of a quadratic function.

    ∇²ₓ[xᵀQx + aᵀx + c] = Q + Qᵀ for every square Q (document 003, §3.2, with xᵀQx for the printed cᵀAx).
    The implementation's Hessian is compared to its documented accuracy
    (:data:`impls.calculus.HESSIAN_RTOL`).
    """
    return derivative_holds(ctx, stated)


def sines(e: Expansion, x: np.ndarray) -> float:
    """φ(x) = Σ_k c_k sin(w_kᵀx + β_k)."""
    return float(e.c @ np.sin(e.W @ x + e.beta))


def sines_function(e: Expansion) -> object:
    return lambda x, xp: xp.asarray(e.c) @ xp.sin(xp.asarray(e.W) @ x + xp.asarray(e.beta))


TAYLOR = Formula(r"f(x) + \nabla f(x)^\top \Delta x + \tfrac12 \Delta x^\top \nabla^2 f(x) \Delta x",
                 lambda f, g, H, d: f + g @ d + d @ H @ d / 2)


@TOPIC.claim("calculus.second_order_taylor", method="property", canonical=TAYLOR, faithful=("001", "003"))
def second_order_taylor(ctx: Context, model: Formula) -> Outcome:
    """The second-order Taylor expansion, with Lagrange's remainder bound.

    For f ∈ C³: f(x + Δx) = f(x) + ∇f(x)ᵀΔx + ½ΔxᵀHΔx + R with |R| ≤ M₃‖Δx‖³/6, M₃ bounding the third
    directional derivatives on the segment (so R = O(‖Δx‖³) = o(‖Δx‖²)); documents 001 (∇f·Δx) and 003.
    Checked for f = Σ_k c_k sin(w_kᵀx + β_k) (M₃ = Σ|c_k|‖w_k‖³), with the implementation's gradient and
    Hessian, ‖Δx‖ from 1e-3 to 1, the search pushed towards the tightest instance. The allowance adds the
    rounding of the values and the Hessian's documented accuracy.
    """
    impl = ctx.impl()

    def compare(e: Expansion) -> Comparison:
        f = sines_function(e)
        g, H = impl.jacobian(f, e.x), impl.hessian(f, e.x)
        fx, moved = sines(e, e.x), sines(e, e.x + e.d)
        quadratic = abs(e.d @ H @ e.d)
        remainder = abs(moved - model(fx, g, H, e.d))
        slack = within_tolerance(fx, moved, g * e.d, quadratic, np.sum(np.abs(e.c))) + \
            HESSIAN_RTOL * float(np.abs(H).max()) * float(e.d @ e.d)
        limit = e.third_derivative_bound * float(np.linalg.norm(e.d)) ** 3 / 6
        return at_most(remainder, limit, label="|f(x + Δx) - model| ≤ M₃‖Δx‖³/6", atol=slack)

    return for_all(ctx, expansions(), compare, describe=Expansion.describe, max_examples=default_examples(ctx))
