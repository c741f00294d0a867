"""Wrong derivatives and wrong rules that the calculus claims must reject."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import sympy

from impls.calculus import Calculus, Function
from tests.mutants import Mutant
from theorems.engine import Formula
from theorems.engine.registry import topics
from theorems.topics.calculus.derivatives import Rule


class DenominatorLayout(Calculus):
    """Jacobians returned in denominator layout: the transpose of (∂f_i/∂x_j) for vector f and x."""

    def jacobian(self, f: Function, x: np.ndarray) -> np.ndarray:
        jacobian = super().jacobian(f, x)
        return jacobian.T if jacobian.ndim == 2 and np.ndim(x) == 1 else jacobian


class ForwardDifference(Calculus):
    """Jacobians by forward differences with h = 1e-7: an error of about 1e-7 relative."""

    def jacobian(self, f: Function, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        value = np.asarray(f(x, np))
        columns = []
        for k in range(x.size):
            moved = x.copy().ravel()
            moved[k] += 1e-7 * max(1.0, abs(moved[k]))
            columns.append((np.asarray(f(moved.reshape(x.shape), np)) - value) / (moved[k] - x.ravel()[k]))
        return np.stack(columns, axis=-1).reshape(value.shape + x.shape)


class TransposedMatrixGradient(Calculus):
    """The gradient with respect to a matrix X returned as its transpose."""

    def jacobian(self, f: Function, x: np.ndarray) -> np.ndarray:
        jacobian = super().jacobian(f, x)
        return jacobian.T if np.ndim(x) == 2 and np.ndim(f(np.asarray(x, dtype=float), np)) == 0 else jacobian


class HalfHessian(Calculus):
    """The Hessian halved (the ½ of the Taylor term folded into it)."""

    def hessian(self, f: Function, x: np.ndarray) -> np.ndarray:
        return super().hessian(f, x) / 2


def wrong(cid: str, latex: str, derivative: object) -> Rule:
    """The canonical rule of ``cid`` with a wrong stated derivative."""
    canonical = topics()["calculus"].claims[cid].canonical
    return replace(canonical, derivative=Formula(latex, derivative))


def _m(cid: str, why: str, *, impl: str | None = None, **kwargs: object) -> Mutant:
    return Mutant(f"calculus.{cid}", why, impl=f"tests.mutants.calculus:{impl}" if impl else None, **kwargs)


x, t = sympy.symbols("x t", real=True)

MUTANTS: list[Mutant] = [
    _m("grad_quadratic_form", "∇ xᵀQx = 2Qx for a non-symmetric Q", form=wrong(
        "calculus.grad_quadratic_form", "2Qx", lambda t: 2 * t.Q @ t.x)),
    _m("grad_quadratic_form", "Jacobians by forward differences", impl="ForwardDifference"),
    _m("grad_linear", "Jacobians by forward differences", impl="ForwardDifference"),
    _m("grad_squared_norm_x", "∇ xᵀx = x", form=wrong("calculus.grad_squared_norm_x", "x", lambda t: t.x)),
    _m("derivative_bT_A_x", "∇ bᵀAx = Ab (untransposed)", form=wrong(
        "calculus.derivative_bT_A_x", "A b", lambda t: t.A @ t.bm)),
    _m("grad_bilinear_form_functions", "C where Cᵀ belongs", form=wrong(
        "calculus.grad_bilinear_form_functions", "J_fᵀCg + J_gᵀCf", lambda t: t.Jf.T @ t.C @ t.g + t.Jg.T @ t.C @ t.f)),
    _m("product_rule_dot_product", "the second term forgotten", form=wrong(
        "calculus.product_rule_dot_product", "J_fᵀ g", lambda t: t.Jf.T @ t.g)),
    _m("product_rule_scalar", "u∇u + v∇v", form=wrong(
        "calculus.product_rule_scalar", "u∇u + v∇v", lambda t: t.u * t.du + t.v * t.dv)),
    _m("grad_scalar_chain", "u'(x) in place of u'(v(x))", form=wrong(
        "calculus.grad_scalar_chain", "∇v", lambda t: t.dv)),
    _m("grad_squared_norm_function", "the factor 2 forgotten", form=wrong(
        "calculus.grad_squared_norm_function", "J_fᵀ f", lambda t: t.Jf.T @ t.f)),
    _m("grad_affine_bilinear", "C and Cᵀ swapped", form=wrong(
        "calculus.grad_affine_bilinear", "DᵀC(Ax+b) + AᵀCᵀ(Dx+e)",
        lambda t: t.D.T @ t.C @ (t.A @ t.x + t.bm) + t.A.T @ t.C.T @ (t.D @ t.x + t.e))),
    _m("derivative_aT_A_g", "J_g C a (untransposed)", form=wrong(
        "calculus.derivative_aT_A_g", "J_gᵀ C a", lambda t: t.Jg.T @ t.C @ t.am)),
    _m("hessian_quadratic_form", "∇²(xᵀQx) = 2Q for a non-symmetric Q", form=wrong(
        "calculus.hessian_quadratic_form", "2Q", lambda t: 2 * t.Q)),
    _m("hessian_quadratic_form", "a halved Hessian", impl="HalfHessian"),
    _m("second_order_taylor", "a halved Hessian", impl="HalfHessian"),
    _m("second_order_taylor", "the ½ of the quadratic term forgotten", form=Formula(
        r"f + \nabla f^\top d + d^\top H d", lambda f, g, H, d: f + g @ d + d @ H @ d)),
    _m("jacobian_numerator_layout_shape", "Jacobians in denominator layout", impl="DenominatorLayout"),
    _m("denominator_layout_shape", "the denominator layout taken as the numerator one", form=Formula(
        "n × m, entries A", lambda n, m, A: ((m, n), A))),
    _m("jac_constant_zero", "∂a/∂x = I", form=wrong("calculus.jac_constant_zero", "I", lambda t: np.eye(t.x.size))),
    _m("jac_identity", "∂x/∂x = 1 1ᵀ", form=wrong(
        "calculus.jac_identity", "1 1ᵀ", lambda t: np.ones((t.x.size, t.x.size)))),
    _m("jac_hadamard_const", "∂(x∘a)/∂x = a aᵀ", form=wrong(
        "calculus.jac_hadamard_const", "a aᵀ", lambda t: np.outer(t.a, t.a))),
    _m("jac_linear_map", "Jacobians in denominator layout", impl="DenominatorLayout"),
    _m("jac_row_linear", "∂(xᵀB)/∂x = B", form=wrong("calculus.jac_row_linear", "B", lambda t: t.B)),
    _m("jac_scalar_times_function", "c² J_f", form=wrong(
        "calculus.jac_scalar_times_function", "c² J_f", lambda t: t.c**2 * t.Jf)),
    _m("jac_matrix_times_function", "Cᵀ J_f", form=wrong(
        "calculus.jac_matrix_times_function", "Cᵀ J_f", lambda t: t.C.T @ t.Jf)),
    _m("product_rule_scalar_times_vector", "the term f ∇uᵀ forgotten", form=wrong(
        "calculus.product_rule_scalar_times_vector", "u J_f", lambda t: t.u * t.Jf)),
    _m("chain_rule_jacobian", "the factors in the wrong order", form=wrong(
        "calculus.chain_rule_jacobian", "J_g J_h", lambda t: t.Jg.T @ t.Jh.T)),
    _m("chain_rule_jacobian", "Jacobians in denominator layout", impl="DenominatorLayout"),
    _m("chain_rule_three_functions", "the outer two factors swapped", form=wrong(
        "calculus.chain_rule_three_functions", "J_h(g) J_h(h(g)) J_g", lambda t: t.Jh @ t.Jhh @ t.Jg)),
    _m("matrix_gradient_shape", "the gradient of a matrix variable transposed", impl="TransposedMatrixGradient"),
    _m("grad_aT_X_b", "∇_X aᵀXb = baᵀ", form=wrong("calculus.grad_aT_X_b", "b aᵀ", lambda t: np.outer(t.bm, t.a))),
    _m("grad_aT_XT_b", "the gradient of a matrix variable transposed", impl="TransposedMatrixGradient"),
    _m("grad_aT_XT_X_b", "X abᵀ only", form=wrong(
        "calculus.grad_aT_XT_X_b", "X a bᵀ", lambda t: t.Y @ np.outer(t.a, t.b))),
    _m("grad_trace_X", "∇ Tr X = 1 1ᵀ", form=wrong(
        "calculus.grad_trace_X", "1 1ᵀ", lambda t: np.ones_like(t.Q))),
    _m("grad_trace_AXB", "∇ Tr(AXB) = ABᵀ", form=wrong("calculus.grad_trace_AXB", "A Bᵀ", lambda t: t.Q @ t.D.T)),
    _m("grad_trace_AXTB", "∇ Tr(AXᵀB) = AB", form=wrong(
        "calculus.grad_trace_AXTB", "Aᵀ Bᵀ", lambda t: t.C.T @ t.D)),
    _m("vector_by_matrix_Xa", "the tensor 1_ij b_k (not only row i)", form=wrong(
        "calculus.vector_by_matrix_Xa", "b_k in every row", lambda t: np.einsum(
            "ij,k->ijk", np.ones((t.X.shape[0], t.X.shape[0])), t.bm))),
    _m("log1p_first_order", "log(1 + x) ≈ x/2", form=Formula("x/2", lambda v: v / 2)),
    _m("integration_by_parts", "∫ f g' = f g + ∫ f' g", form=Formula(
        r"f g + \int f' g", lambda F, G: F * G + sympy.Integral(F.diff(x) * G, x))),
    _m("geometric_series", "a(1 - rⁿ)/(1 - r) (off by one)", form=Formula(
        r"a\frac{1-r^n}{1-r}", lambda a, r, n: a * (1 - r**n) / (1 - r))),
    _m("taylor_integral_remainder", "remainder with (n+1)! in place of n!", form=Formula(
        r"\int \frac{f^{(n+1)}}{(n+1)!}(x-t)^n", lambda k: sympy.Integral(
            sympy.Function("f")(t).diff(t, k + 1) / sympy.factorial(k + 1) * (x - t)**k,
            (t, sympy.Symbol("x_0", real=True), x)))),
    _m("xlogx_limit", "lim x log x = -1", form=Formula("-1", lambda: sympy.Integer(-1))),
    _m("log_derivative_trick", "∇p = ∇ log p (the factor p dropped)", form=Formula(
        r"\nabla p = \nabla \log p", lambda density: (density, sympy.Integer(1)))),
]
