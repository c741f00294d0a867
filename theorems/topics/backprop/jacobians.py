"""The chain rule as a product of Jacobians (document 001): ``∂F = ∂F_k ⋯ ∂F_1``, the gradient of a
layer's parameters as downstream Jacobian times local Jacobian, and the backward recursion of the row
vectors ``ξ``. ``z_l = F_l(z_{l-1})`` is the output of layer ``l``, ``z_0 = x``; ``∂F_l(z_{l-1})`` is
the implementation's Jacobian of the one-layer network ``F_l`` at ``z_{l-1}``, and
``∂F_{k:l+1}(z_l)`` that of the network of layers ``l+1 … k``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import reduce

import numpy as np
import sympy
from hypothesis import strategies as st

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, all_of, at_least, for_all

from . import TOPIC
from .chain import (
    agree,
    evaluated,
    examples,
    for_problems,
    jacobian_magnitude,
    magnitude,
    one_layer,
    opaque,
    param_jacobian,
    proved,
    slopes,
    weighted,
)
from .strategies import Problem, problems, single, vectors


def layer_jacobians(impl: object, p: Problem, z: list[np.ndarray], example: int = 0) -> list[np.ndarray]:
    """``∂F_l(z_{l-1})`` for ``l = 1 … k`` at one example, from the implementation's one-layer Jacobians."""
    return [impl.jacobian(p.net.layers(l, l), z[l - 1][example]) for l in range(1, p.net.depth + 1)]


def upper_jacobian(impl: object, p: Problem, z: list[np.ndarray], l: int) -> np.ndarray:
    """``∂F_{k:l+1}(z_l)`` at the first example (the identity for ``l = k``)."""
    if l == p.net.depth:
        return np.eye(p.net.widths[-1])
    return impl.jacobian(p.net.layers(l + 1, p.net.depth), z[l][0])


def _product(jacobians: list[np.ndarray]) -> np.ndarray:
    return reduce(lambda acc, jac: jac @ acc, jacobians[1:], jacobians[0])


@TOPIC.claim(
    "backprop.jacobian_product",
    method="property",
    canonical=Formula(r"\prod_{l=k}^{1}\partial F_l(z_{l-1})", _product),
    faithful=("001",),
)
def jacobian_product(ctx: Context, product: Formula) -> Outcome:
    """The Jacobian of a composition is the product of the layers' Jacobians, last layer first.

    For ``F = F_k ∘ ⋯ ∘ F_1``: ``∂F(x) = ∂F_k(z_{k-1}) ⋯ ∂F_1(z_0)``. ``product`` receives
    ``[∂F_1(z_0), …, ∂F_k(z_{k-1})]``. Checked on random networks at one input: each one-layer Jacobian
    is ``diag(φ'(u^l)) W^l``, and the network's Jacobian is their product.
    """

    def compare(impl: object, p: Problem) -> Iterator[Comparison]:
        z = impl.forward(p.net, p.x)
        jacobians = layer_jacobians(impl, p, z)
        slope = slopes(p.net, z)
        for l, (jac, s, w) in enumerate(zip(jacobians, slope, p.net.weights, strict=True), start=1):
            yield agree(jac, s[0][:, None] * w, jacobian_magnitude(p.net, slope, l, l),
                        label=f"∂F_{l} = diag(φ'(u^{l}))W^{l}")
        stated = evaluated(product, jacobians, label="∂F(x)")
        if isinstance(stated, Comparison):
            yield stated
            return
        yield agree(impl.jacobian(p.net, p.x[0]), stated, jacobian_magnitude(p.net, slope, 1, p.net.depth),
                    label="∂F(x)")

    return for_problems(ctx, single(), compare)


directions = st.integers(1, 6).flatmap(lambda n: st.tuples(vectors((n, n)), vectors((n, n)))).filter(
    lambda gd: min(np.linalg.norm(gd[0]), np.linalg.norm(gd[1])) > 1e-100)
"""A gradient and a direction, both nonzero (and not so small that their squared norms underflow)."""


@TOPIC.claim(
    "backprop.steepest_descent_direction",
    method="property",
    canonical=Formula(r"-\frac{\nabla f}{\|\nabla f\|}", lambda g: -g / np.linalg.norm(g)),
    faithful=("001",),
    uses_impl=False,
)
def steepest_descent_direction(ctx: Context, stated: Formula) -> Outcome:
    """The negative normalized gradient is the direction of steepest descent.

    To first order ``f(θ + ηd) = f(θ) + η ∇f·d``, so as ``η → 0`` the unit direction that decreases f
    fastest minimizes ``∇f·d`` over ``‖d‖ = 1``: by Cauchy–Schwarz ``∇f·d ≥ -‖∇f‖``, with equality at
    ``d* = -∇f/‖∇f‖``. Checked on random nonzero gradients and directions: the stated direction is a
    unit vector and no unit direction has a smaller ``∇f·d`` (search pushed towards equality).
    """

    def compare(gd: tuple[np.ndarray, np.ndarray]) -> list[Comparison]:
        g, d = gd
        best = np.asarray(stated(g), dtype=float)
        slack = 64 * np.finfo(float).eps * float(np.linalg.norm(g))
        return [agree(np.linalg.norm(best), 1.0, 1.0, label="‖d*‖ = 1"),
                at_least(float(g @ d / np.linalg.norm(d)), float(g @ best), label="∇f·d ≥ ∇f·d*", atol=slack)]

    return for_all(ctx, directions, compare, describe=lambda gd: [v.tolist() for v in gd], max_examples=examples(ctx))


theta = sympy.Symbol("theta", real=True)
x = sympy.Symbol("x", real=True)
u = sympy.symbols("u_1:3", real=True)
h, g1, g2 = sympy.Function("h"), sympy.Function("g_1"), sympy.Function("g_2")


@TOPIC.claim(
    "backprop.param_derivative_previous_layer",
    method="sympy",
    canonical=Formula(r"(\partial h\circ g)\cdot g'", lambda dh_at_g, dg: (dh_at_g * dg)[0]),
    faithful=("001",),
    uses_impl=False,
)
def param_derivative_previous_layer(ctx: Context, stated: Formula) -> Outcome:
    """The derivative of a composition with respect to a parameter of its inner map.

    For ``F = h ∘ g`` with ``g: R → R²`` depending on θ and ``h: R² → R``: ``dF/dθ = (∂h ∘ g)·g'``, the
    row ``∂h`` at ``g(θ)`` times the column ``g'(θ)``; with the parameter in ``h`` instead,
    ``dF/dθ = h' ∘ g`` (``h'`` the derivative in θ). Proved for generic h, g₁, g₂.
    """
    inner = {u[0]: g1(theta), u[1]: g2(theta)}
    dh = sympy.Matrix([[sympy.diff(h(*u), v).subs(inner) for v in u]])
    dg = sympy.Matrix([g1(theta).diff(theta), g2(theta).diff(theta)])
    outer_lhs, outer_rhs = opaque(sympy.diff(h(g1(x), g2(x), theta), theta),
                                  sympy.diff(h(u[0], u[1], theta), theta).subs({u[0]: g1(x), u[1]: g2(x)}))
    lhs, rhs = opaque(sympy.diff(h(g1(theta), g2(theta)), theta), stated(dh, dg))
    return all_of({
        "parameter in the inner map": lambda: proved(ctx, (r"\frac{d}{d\theta}h(g(\theta))", lhs),
                                                        (r"(\partial h\circ g)\cdot g'", rhs)),
        "parameter in the outer map": lambda: proved(ctx, (r"\frac{d}{d\theta}h_\theta(g(x))", outer_lhs),
                                                        (r"h'\circ g", outer_rhs)),
    })


G, Ftheta, H = sympy.Function("G"), sympy.Function("F_theta"), sympy.Function("H")


@TOPIC.claim(
    "backprop.chain_rule_twice",
    method="sympy",
    canonical=Formula(r"(\partial G\circ F_\theta\circ H)\cdot(F'_\theta\circ H)",
                      lambda dG_at, dF_at, dH: dG_at * dF_at),
    faithful=("001",),
    uses_impl=False,
)
def chain_rule_twice(ctx: Context, stated: Formula) -> Outcome:
    """The parameter derivative through a map that does not depend on the parameter.

    For ``F = G ∘ F_θ ∘ H`` with H independent of θ: ``dF/dθ = (∂G ∘ F_θ ∘ H)·(F_θ ∘ H)' =
    (∂G ∘ F_θ ∘ H)·(F'_θ ∘ H)``: the inner map only moves the point where ``F'_θ`` is taken. Proved
    for generic scalar G, F_θ, H. ``stated`` receives ``∂G`` and ``F'_θ`` at their points, and ``H'``.
    """
    s, t = sympy.symbols("s t", real=True)
    point = Ftheta(H(x), theta)
    dG_at = sympy.diff(G(s), s).subs(s, point)
    dF_at = sympy.diff(Ftheta(t, theta), theta).subs(t, H(x))
    lhs, rhs = opaque(sympy.diff(G(point), theta), stated(dG_at, dF_at, sympy.diff(H(x), x)))
    return proved(ctx, (r"\frac{d}{d\theta}G(F_\theta(H(x)))", lhs), ("stated", rhs))


def _local_product(upper: np.ndarray, local: np.ndarray) -> np.ndarray:
    return np.tensordot(upper, local, axes=1)


def _unit_targets(impl: object, p: Problem) -> Iterator[tuple[int, np.ndarray]]:
    """For each output ``m``: the target ``y = F(x) - e_m/2``, at which ``∂ℓ/∂F = 2(F - y) = e_mᵀ``, so
    the implementation's loss gradient is the gradient of the output ``F_m`` itself."""
    output = impl.forward(p.net, p.x)[-1]
    for m in range(p.net.widths[-1]):
        yield m, output - np.eye(p.net.widths[-1])[m] / 2


@TOPIC.claim(
    "backprop.layer_param_gradient",
    method="property",
    canonical=Formula(r"\partial F_{k:l+1}(z_l)\cdot F'_l(z_{l-1})", _local_product),
    faithful=("001",),
)
def layer_param_gradient(ctx: Context, stated: Formula) -> Outcome:
    """A layer's parameter gradient is the downstream Jacobian times the local parameter Jacobian.

    ``∇_{θ_l} F(x) = ∂F_{k:l+1}(z_l) · F'_l(z_{l-1})`` with ``F'_l(z_{l-1})`` the Jacobian of the layer's
    output with respect to its weights, ``∂z_{l,i}/∂W_{ab} = φ'(u_i) δ_ia z_{l-1,b}``. Checked on random
    networks at one input for every output ``F_m``: the implementation's weight gradient of the loss at
    the target ``y = F(x) - e_m/2`` (where ``∂ℓ/∂F = e_mᵀ``) equals row ``m`` of the formula.
    """

    def compare(impl: object, p: Problem) -> Iterator[Comparison]:
        z = impl.forward(p.net, p.x)
        slope = slopes(p.net, z)
        shift = 1.0 + np.abs(z[-1]).max()  # 2(F - y) = e_m up to the rounding of y = F - e_m/2
        for m, target in _unit_targets(impl, p):
            gradients = impl.weight_gradients(p.net, p.x, target)
            for l, s in enumerate(slope, start=1):
                upper, local = upper_jacobian(impl, p, z, l), param_jacobian(s[0], z[l - 1][0])
                stated_value = evaluated(stated, upper, local, label=f"∇_{{W^{l}}} F_{m + 1}")
                if isinstance(stated_value, Comparison):
                    yield stated_value
                    continue
                scale = shift * _local_product(jacobian_magnitude(p.net, slope, l + 1, p.net.depth),
                                               param_jacobian(magnitude(s[0]), np.abs(z[l - 1][0])))[m]
                yield agree(gradients[l - 1], stated_value[m], scale, label=f"∇_{{W^{l}}} F_{m + 1}")

    return for_problems(ctx, single(depth=(1, 3)), compare)


@TOPIC.claim(
    "backprop.loss_gradient_xi",
    method="property",
    canonical=Formula(r"\xi_{l+1}\cdot F'_l(z_{l-1})", _local_product),
    printed={"001": Printed(Formula(r"\xi_{l+1}\cdot F'_l(z_{l-1})", _local_product),
                            reading="The print closes the parenthesis after F'_l(z_{l-1}), taking ∂ of the whole "
                                    "product; read as ∂(l ∘ F_{k:l+1})(z_l) · F'_l(z_{l-1}), the =: that follows "
                                    "and the line before (backprop.layer_param_gradient).")},
)
def loss_gradient_xi(ctx: Context, stated: Formula) -> Outcome:
    """The loss gradient of a layer's parameters through the row vector ξ.

    ``∇_{θ_l} f(x) = ∂(l ∘ F_{k:l+1})(z_l) · F'_l(z_{l-1}) =: ξ_{l+1} · F'_l(z_{l-1})`` for ``f = l ∘ F``.
    Checked on random networks at one input and target: ``ξ_{l+1} = 2(F(x) - y)ᵀ ∂F_{k:l+1}(z_l)``,
    from the implementation's forward pass and Jacobians, times the local parameter Jacobian equals the
    implementation's weight gradient.
    """

    def compare(impl: object, p: Problem) -> Iterator[Comparison]:
        z = impl.forward(p.net, p.x)
        gradients = impl.weight_gradients(p.net, p.x, p.y)
        output_error = 2 * (z[-1][0] - p.y[0])
        slope = slopes(p.net, z)
        for l, s in enumerate(slope, start=1):
            upper, local = upper_jacobian(impl, p, z, l), param_jacobian(s[0], z[l - 1][0])
            xi = output_error @ upper
            upper_scale = 2 * (np.abs(z[-1][0]) + np.abs(p.y[0])) @ jacobian_magnitude(p.net, slope, l + 1, p.net.depth)
            scale = _local_product(upper_scale, param_jacobian(magnitude(s[0]), np.abs(z[l - 1][0])))
            yield agree(gradients[l - 1], stated(xi, local), scale, label=f"∇_{{W^{l}}} f")

    return for_problems(ctx, single(), compare)


@TOPIC.claim(
    "backprop.xi_recursion",
    method="property",
    canonical=Formula(r"\xi_l = \xi_{l+1}\,\partial F_l(z_{l-1})", lambda xi, jac: xi @ jac),
    faithful=("001",),
)
def xi_recursion(ctx: Context, step: Formula) -> Outcome:
    """The backward recursion of the row vectors ξ.

    ``ξ_{k+1} = ∂l(z_k)`` and ``ξ_l = ξ_{l+1} ∂F_l(z_{l-1})``, where ``ξ_{l+1} = ∂(l ∘ F_{k:l+1})(z_l)`` is
    the implementation's error ``∂ℓ/∂z_l``. Checked on random networks and batches, every example:
    ``ξ_{k+1} = 2(z_k - y)ᵀ`` and each error is the stated step from the one above it, with the
    implementation's one-layer Jacobians.
    """

    def compare(impl: object, p: Problem) -> Iterator[Comparison]:
        z, errors = impl.forward(p.net, p.x), impl.errors(p.net, p.x, p.y)
        yield agree(errors[-1], 2 * (z[-1] - p.y), np.abs(z[-1]) + np.abs(p.y), label="ξ_{k+1} = ∂l(z_k)")
        slope = slopes(p.net, z)
        for b in range(len(p.x)):
            for l, jac in enumerate(layer_jacobians(impl, p, z, b), start=1):
                stated = evaluated(step, errors[l][b], jac, label=f"ξ_{l}")
                scale = np.abs(errors[l][b]) @ jacobian_magnitude(p.net, slope, l, l, b)
                yield stated if isinstance(stated, Comparison) else agree(
                    errors[l - 1][b], stated, scale, label=f"ξ_{l}")

    return for_problems(ctx, problems(), compare)


@TOPIC.claim(
    "backprop.elementwise_jacobian",
    method="sympy",
    canonical=Formula(r"\mathrm{diag}(f'(x))", lambda d: [[d[i] if i == j else 0 for j in range(len(d))]
                                                          for i in range(len(d))]),
    faithful=("001", "003"),
)
def elementwise_jacobian(ctx: Context, stated: Formula) -> Outcome:
    """The Jacobian of an element-wise map is diagonal.

    For ``f(x) = (f(x_1), …, f(x_n))``: ``∂f(x)/∂x = diag(f'(x))``. Proved in R³ for a generic f (each
    entry weighted by an arbitrary ``c_ij``), and checked on the implementation: the Jacobian of the
    one-layer network ``φ(I x)`` equals the formula with ``φ'`` for every activation at random inputs.
    """
    f = sympy.Function("f")
    v = sympy.symbols("x_1:4", real=True)
    jac = sympy.Matrix([f(a) for a in v]).jacobian(v)
    lhs, rhs = opaque(weighted(jac), weighted(sympy.Matrix(stated([sympy.diff(f(a), a) for a in v]))))

    def compare(impl: object, p: Problem) -> list[Comparison]:
        identity = one_layer(np.eye(len(p.x[0])), p.net.activation)
        slope = slopes(identity, [p.x])[0][0]
        stated_value = evaluated(stated, slope, label="∂f(x)/∂x")
        if isinstance(stated_value, Comparison):
            return [stated_value]
        return [agree(impl.jacobian(identity, p.x[0]), stated_value, magnitude(slope), label="∂f(x)/∂x")]

    return all_of({
        "algebra": lambda: proved(ctx, (r"\sum_{ij} c_{ij}\,\partial_j f(x_i)", lhs), ("stated", rhs)),
        "implementation": lambda: for_problems(ctx, single(depth=(1, 1)), compare),
    })
