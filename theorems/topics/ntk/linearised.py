"""The linearised network h(β) = f(θ₀) + β·∇f(θ₀), the NTK as the Gram matrix of its features, the dual
representation β = Σᵢ αᵢ∇f(xᵢ), its squared loss, and the gradient of the kernel.

Every check measures derivatives of the implementation's own output exactly: on a segment θ ± s·v on
which no ReLU changes its state, f is a polynomial of degree ≤ 3 in s (at most two hidden layers, three
weight matrices, each entering linearly), so the central difference D(s) = a₁ + a₃s² and Richardson's
(4D(s/2) − D(s))/3 is the derivative a₁ up to rounding. The Jacobian and the NTK of the
implementation are compared with these derivatives.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import sympy
from hypothesis.strategies import SearchStrategy

from impls.ntk import MLP, preactivations
from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    bound,
    close,
    for_all,
    identity,
    symbolic,
    within_tolerance,
)
from theorems.engine.boundary import Guarded

from . import JACOT, LEE, TOPIC
from .strategies import Instance, instances, safe_step

QUICK_EXAMPLES = 40
"""Instances per check in the quick profile (each costs a few dozen network evaluations)."""


def derivative(impl: Guarded, case: Instance, direction: np.ndarray, points: np.ndarray) -> tuple[np.ndarray, float]:
    """The exact directional derivative d/ds f(θ + s·direction)(x) at s = 0 for each row of ``points``
    (Richardson on a segment without a ReLU change), and its rounding allowance."""
    h = safe_step(case, direction, points)

    def central(s: float) -> tuple[np.ndarray, float]:
        up = impl.output(case.theta + s * direction, case.widths, points)
        down = impl.output(case.theta - s * direction, case.widths, points)
        return (up - down) / (2 * s), float(max(np.max(np.abs(up)), np.max(np.abs(down))))

    (wide, m1), (narrow, m2) = central(h), central(h / 2)
    return (4 * narrow - wide) / 3, 4 * within_tolerance(m1, m2) / h


def describe(case: Instance) -> dict:
    return case.describe()


@TOPIC.claim("ntk.linearization", method="property", faithful=("000", "002", "003", "004"), references=(JACOT, LEE))
def linearization(ctx: Context) -> Outcome:
    """The linearised model h(β) = f(θ₀) + β·∇f(θ₀) is the first-order Taylor model of the network.

    h(β)(x) = f(θ₀)(x) + β·∇_θ f(θ₀)(x) with β = θ − θ₀ satisfies f(θ₀ + sβ)(x) − h(sβ)(x) = o(s): the
    implementation's Jacobian row ∇f(θ₀)(x) applied to β equals the exact derivative of its output along
    β. Also checked: the output is the network of the protocol (bias-free ReLU MLP, NTK parameterisation).
    """

    def taylor(case: Instance) -> tuple[np.ndarray, np.ndarray, float]:
        impl = ctx.impl()
        exact, allowance = derivative(impl, case, case.v, case.x)
        return exact, impl.jacobian(case.theta, case.widths, case.x) @ case.v, allowance

    return all_of({
        "the network of the protocol": lambda: identity(
            ctx, instances(), lambda c: ctx.impl().output(c.theta, c.widths, c.x),
            lambda c: preactivations(c.theta, c.widths, c.x)[-1][:, 0], label="f(θ)(x)", describe=describe,
            max_examples=QUICK_EXAMPLES * ctx.profile.scale),
        "first-order term": lambda: agree(ctx, taylor, label="d/ds f(θ₀ + sβ)(x) at 0 = β·∇f(θ₀)(x)"),
    })


def agree(ctx: Context, pair: Callable[[Instance], tuple[np.ndarray, np.ndarray, float]], *, label: str,
          strategy: SearchStrategy[Instance] | None = None, max_examples: int | None = None) -> Outcome:
    """``pair(case)`` = (exact, claimed, allowance): equal, up to the allowance of the exact side."""

    def prop(case: Instance) -> Comparison:
        exact, claimed, allowance = pair(case)
        return close(claimed, exact, label=label, rtol=1e-7, atol=allowance + within_tolerance(claimed, exact))

    return for_all(ctx, strategy if strategy is not None else instances(), prop, describe=describe,
                   max_examples=(max_examples or QUICK_EXAMPLES) * ctx.profile.scale)


@TOPIC.claim("ntk.kernel_definition", method="property", faithful=("000", "002", "003", "004"), references=(JACOT,))
def kernel_definition(ctx: Context) -> Outcome:
    """The NTK is the inner product of parameter gradients: k_θ(x, ξ) = ∇_θ f(θ)(x) · ∇_θ f(θ)(ξ).

    Checked without trusting the implementation's gradients: ∇f(x)·g is the exact derivative of f(θ)(x)
    along g, so with g = the implementation's gradient at ξ, k(x, ξ) must equal d/ds f(θ + s g)(x) at 0.
    A wrong Jacobian or a wrongly scaled kernel fails this for generic x, ξ.
    """

    def pair(case: Instance) -> tuple[np.ndarray, np.ndarray, float]:
        impl = ctx.impl()
        gradients = impl.jacobian(case.theta, case.widths, case.x_test)
        columns = [derivative(impl, case, g, case.x) for g in gradients]
        exact = np.stack([c[0] for c in columns], axis=1)
        return exact, impl.ntk(case.theta, case.widths, case.x, case.x_test), max(c[1] for c in columns)

    return agree(ctx, pair, label="k(x, ξ) = d/ds f(θ + s∇f(ξ))(x)")


@TOPIC.claim("ntk.dual_representation", method="property", faithful=("000", "003"), depends=("ntk.kernel_definition",),
             references=(JACOT,))
def dual_representation(ctx: Context) -> Outcome:
    """Dual representation: for β = Σᵢ αᵢ∇f(xᵢ), h(β)(x) = f(x) + Σᵢ αᵢ k(xᵢ, x).

    With β in the span of the training features, the linearised model at any x (training and test
    inputs) is f(θ₀)(x) plus the exact derivative of f(x) along β, which must equal f(θ₀)(x) +
    Σᵢ αᵢ k_{θ₀}(xᵢ, x) computed from the implementation's NTK.
    """

    def pair(case: Instance) -> tuple[np.ndarray, np.ndarray, float]:
        impl = ctx.impl()
        points = np.vstack([case.x, case.x_test])
        beta = impl.jacobian(case.theta, case.widths, case.x).T @ case.alpha
        f0 = impl.output(case.theta, case.widths, points)
        step, allowance = derivative(impl, case, beta, points)
        dual = f0 + impl.ntk(case.theta, case.widths, case.x, points).T @ case.alpha
        return f0 + step, dual, allowance

    return agree(ctx, pair, label="h(Σ αᵢ∇f(xᵢ))(x) = f(x) + Σ αᵢ k(xᵢ, x)")


@dataclass(frozen=True)
class Objective:
    """A stated training loss of the dual model: ``value(K, α, f₀, y)``, meant to be ``scale(s)`` times
    the sum of squared residuals Σᵢ (h(α)(xᵢ) − yᵢ)² over the s training points."""

    latex: str
    scale: Callable[[int], float]
    value: Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray], float]


@TOPIC.claim(
    "ntk.dual_objective",
    method="property",
    canonical=Objective(r"\tfrac12\|K\alpha - \tilde y\|^2", lambda s: 0.5,
                        lambda K, a, f0, y: 0.5 * float(np.sum((K @ a + f0 - y) ** 2))),
    faithful=("003",),
    printed={"000": Printed(
        Objective(r"\frac{1}{2s}\sum_i \Big(\sum_j \alpha_j k(x_j, x_i) + f(x_i) - y_i\Big)", lambda s: 0.5 / s,
                  lambda K, a, f0, y: float(np.sum(K @ a + f0 - y)) / (2 * len(y))),
        reading="The 'squared loss' is printed without the square: 1/(2s) Σᵢ (Σⱼ αⱼ k(xⱼ, xᵢ) + f(xᵢ) − yᵢ). Read as "
                "printed (with its own normalisation 1/(2s)) it is a signed sum of residuals, unbounded below, "
                "not the squared loss 1/(2s) Σᵢ rᵢ² of the dual model.")},
    depends=("ntk.dual_representation",),
)
def dual_objective(ctx: Context, objective: Objective) -> Outcome:
    """The squared loss of the dual model on the training set is ½‖Kα − ỹ‖², ỹ = y − f(θ₀).

    On the training inputs h(α)(xᵢ) = f(θ₀)(xᵢ) + (Kα)ᵢ, so ½ Σᵢ (h(α)(xᵢ) − yᵢ)² = ½‖Kα − ỹ‖²: a
    quadratic in α. The loss is computed from the linearised model itself (exact derivatives along
    β = Σ αᵢ∇f(xᵢ)) and compared with the stated formula evaluated on the implementation's NTK.
    """

    def pair(case: Instance) -> tuple[np.ndarray, np.ndarray, float]:
        impl = ctx.impl()
        beta = impl.jacobian(case.theta, case.widths, case.x).T @ case.alpha
        f0 = impl.output(case.theta, case.widths, case.x)
        step, allowance = derivative(impl, case, beta, case.x)
        residual = f0 + step - case.y
        loss = objective.scale(len(case.y)) * float(np.sum(residual**2))
        stated = objective.value(impl.ntk(case.theta, case.widths, case.x, case.x), case.alpha, f0, case.y)
        slack = 2 * allowance * float(np.sum(np.abs(residual))) + within_tolerance(residual**2)
        return np.float64(loss), np.float64(stated), slack

    return agree(ctx, pair, label="loss of the dual model = E(α)")


@dataclass(frozen=True)
class Model:
    """What is trained as a function of the displacement β: ``outputs(impl, case, β)`` on the training inputs."""

    name: str
    outputs: Callable[[Guarded, Instance, np.ndarray], np.ndarray]


LINEARISED = Model("the linearised model f(θ₀) + J(θ₀)β",
                   lambda impl, c, b: impl.output(c.theta, c.widths, c.x) + impl.jacobian(c.theta, c.widths, c.x) @ b)


@TOPIC.claim("ntk.linearized_training_convex", method="property", canonical=LINEARISED, faithful=("002", "004"),
             references=(LEE,))
def linearized_training_convex(ctx: Context, model: Model) -> Outcome:
    """Training the linearised model under the squared loss is a convex problem in β.

    h(β) is affine in β, so L(β) = ½ Σᵢ (h(β)(xᵢ) − yᵢ)² is a convex quadratic: L((β₁ + β₂)/2) ≤
    (L(β₁) + L(β₂))/2 for all β₁, β₂ (midpoint convexity, with the tightness pushed by the search). The
    network itself, f(θ₀ + β), is not convex in β: that is what the linearisation buys.
    """

    def loss(case: Instance, beta: np.ndarray) -> float:
        return 0.5 * float(np.sum((model.outputs(ctx.impl(), case, beta) - case.y) ** 2))

    return bound(ctx, instances(), lambda c: loss(c, (c.u + c.v) / 2), lambda c: (loss(c, c.u) + loss(c, c.v)) / 2,
                 label="L((β₁ + β₂)/2) ≤ (L(β₁) + L(β₂))/2", rtol=1e-9, describe=describe,
                 max_examples=QUICK_EXAMPLES * ctx.profile.scale)


@TOPIC.claim("ntk.linearized_squared_loss", method="property", faithful=("003",),
             depends=("ntk.kernel_regression_coefficients",), references=(LEE,))
def linearized_squared_loss(ctx: Context) -> Outcome:
    """The linearised model under the squared loss is least squares with the features ∇f(θ₀)(xᵢ).

    ½ Σᵢ (h(β)(xᵢ) − yᵢ)² = ½‖ỹ − Jβ‖² with ỹ = y − f(θ₀)(X) and J the Jacobian: linear least squares,
    whose minimum-norm solution lies in the span of the features, β* = Jᵀα* with α* = K⁺ỹ, K = JJᵀ (the
    representer form). Checked: the minimum-norm least-squares solution (SVD) equals Jᵀ times the
    implementation's coefficients on its NTK Gram matrix, on well-conditioned instances.
    """

    def pair(case: Instance) -> tuple[np.ndarray, np.ndarray, float]:
        impl = ctx.impl()
        J = impl.jacobian(case.theta, case.widths, case.x)
        target = case.y - impl.output(case.theta, case.widths, case.x)
        beta = minimum_norm_solution(J, target)
        alpha = impl.coefficients(impl.ntk(case.theta, case.widths, case.x, case.x), target)
        return beta, J.T @ alpha, 1e-7 * float(np.max(np.abs(beta)))

    return agree(ctx, pair, label="argmin-norm ½‖ỹ − Jβ‖² = Jᵀ K⁺ ỹ", strategy=conditioned())


def minimum_norm_solution(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The minimum-norm minimiser of ‖Ax − b‖, from the SVD (singular values below 1e-9 σ_max dropped)."""
    U, sv, Vt = np.linalg.svd(A, full_matrices=False)
    kept = sv > 1e-9 * sv.max() if sv.size and sv.max() > 0 else np.zeros(sv.shape, bool)
    return Vt[kept].T @ ((U[:, kept].T @ b) / sv[kept])


def empirical_gram(case: Instance) -> np.ndarray:
    """The reference NTK Gram matrix of the training inputs (to select instances, never to judge them)."""
    return MLP().ntk(case.theta, case.widths, case.x, case.x)


def conditioned(gram: Callable[[Instance], np.ndarray] = empirical_gram, *, singular: bool = False,
                spread: float = 1e6) -> SearchStrategy[Instance]:
    """Instances whose Gram matrix has eigenvalues either 0 (below 10⁻¹² of the largest, rounding) or within
    ``spread`` of the largest, so that K⁺ is determined to 10⁻⁷ whatever cut-off an implementation uses."""

    def clean(case: Instance) -> bool:
        eigenvalues = np.abs(np.linalg.eigvalsh(gram(case)))
        top = float(eigenvalues.max())
        return top > 0 and bool(np.all((eigenvalues < 1e-12 * top) | (eigenvalues > top / spread)))

    return instances(singular=singular).filter(clean)


# --- the gradient of the kernel (SymPy) -----------------------------------------------------------

t1, t2, v1, v2 = sympy.symbols("theta_1 theta_2 v_1 v_2", real=True)


def generic_quadratic(name: str) -> sympy.Expr:
    """A quadratic in (θ₁, θ₂) with free coefficients: it takes every value, gradient and Hessian at a point,
    so an identity in derivatives of order ≤ 2 proved for it holds for every twice differentiable f."""
    c = sympy.symbols(f"{name}_0:6", real=True)
    return c[0] + c[1] * t1 + c[2] * t2 + c[3] * t1**2 + c[4] * t1 * t2 + c[5] * t2**2


fx, fz = generic_quadratic("a"), generic_quadratic("b")
"""f(x) and f(z) as functions of two parameters, v a direction: v·∇K for K = ∇f(x)·∇f(z)."""


def gradient(g: sympy.Expr) -> sympy.Matrix:
    return sympy.Matrix([g.diff(t1), g.diff(t2)])


def hessian(g: sympy.Expr) -> sympy.Matrix:
    return sympy.hessian(g, (t1, t2))


@TOPIC.claim(
    "ntk.kernel_gradient",
    method="sympy",
    canonical=Formula(r"\nabla^2 f(x)\nabla f(z) + \nabla^2 f(z)\nabla f(x)",
                      lambda: hessian(fx) * gradient(fz) + hessian(fz) * gradient(fx)),
    faithful=("003",),
    uses_impl=False,
)
def kernel_gradient(ctx: Context, form: Formula) -> Outcome:
    """The gradient of the NTK in θ: ∇_θ K(x, z) = ∇²f(x)∇f(z) + ∇²f(z)∇f(x).

    Product rule for K = ∇f(x)·∇f(z) = Σₖ ∂ₖf(x) ∂ₖf(z); proved for two parameters along an arbitrary
    direction v, with f(x), f(z) quadratics with free coefficients: the identity involves derivatives of
    order ≤ 2 at one point, all of which such quadratics take, so it holds for every C² model (every
    parameter enters the same way).
    """
    v = sympy.Matrix([v1, v2])
    K = (gradient(fx).T * gradient(fz))[0]
    return symbolic(ctx, (r"v\cdot\nabla_\theta\,[\nabla f(x)\cdot\nabla f(z)]", (v.T * gradient(K))[0]),
                    (r"v\cdot(\text{stated }\nabla K)", (v.T * form())[0]))


TOPIC.not_checkable(
    "ntk.lazy_curvature_ratio",
    title="Lazy regime when the curvature is small relative to the squared gradient",
    statement="The linearisation is accurate when ‖∇²f(θ₀)‖₂ / ‖∇f(θ₀)‖₂² ≪ 1 (document 000, line 788).",
    reason="'≪ 1' names no threshold and no conclusion with a constant: a heuristic condition (Chizat, Oyallon & "
           "Bach 2019) that no finite computation can confirm or refute. Its quantitative content, the first-order "
           "accuracy of the linearisation, is checked by ntk.linearization.",
)

TOPIC.not_checkable(
    "ntk.hessian_vanishes_infinite_width",
    title="The parameter Hessian vanishes as the width grows, freezing the kernel",
    statement="At m = ∞, ∇²f → 0, hence ∇K → 0 (document 003, line 445).",
    reason="A limit without a rate or constant (Liu, Zhu & Belkin 2020 give ‖∇²f‖ = Õ(1/√m) for smooth "
           "activations; for ReLU the Hessian is a distribution at the kinks): at any finite width a measured "
           "Hessian norm is consistent with it. The identity it rests on, ∇K = ∇²f(x)∇f(z) + ∇²f(z)∇f(x), is "
           "proved in ntk.kernel_gradient.",
)
