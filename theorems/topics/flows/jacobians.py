"""Compositions of flows: the inverse of a composition, the determinant of its Jacobian as a product
over layers, and the determinant of the inverse map.

Jacobians are the implementation's (autograd for PyTorch, the chain rule for NumPy) and are computed
without any log-determinant formula. A quantity that went through an inverse is compared with a
tolerance of 64 roundings per layer amplified by the condition number of J_F: the forward error of a
backward-stable inverse.
"""

from __future__ import annotations

from functools import reduce

import numpy as np

from impls.flows import Flow, FlowsImpl
from theorems.engine import Comparison, Context, Formula, Outcome, close, for_all, within_tolerance

from . import PAPAMAKARIOS, TOPIC
from .strategies import flow_points


def float_examples(ctx: Context) -> int:
    """Hypothesis examples of a float64 comparison: a fifth of the profile's (each draws a whole flow)."""
    return max(1, ctx.profile.max_examples // 5)


def parameters(flow: Flow) -> list[np.ndarray]:
    """Every parameter of every layer: magnitudes that an inverse cancels against."""
    return [np.ravel(getattr(layer, name)) for layer in flow for name in layer.__dataclass_fields__]


def inverse_tolerance(impl: FlowsImpl, flow: Flow, z: np.ndarray, *values: np.ndarray) -> float:
    """The rounding allowance of a value computed through the flow's inverse near ``z``: 64 roundings per
    layer of the magnitudes involved (points, parameters), amplified by the condition number of J_F."""
    condition = float(np.linalg.cond(impl.jacobian(flow, z)))
    return within_tolerance(z, *values, *parameters(flow), operations=64 * len(flow)) * condition


def layer_by_layer(impl: FlowsImpl, flow: Flow, z: np.ndarray) -> list[np.ndarray]:
    """``z_0 = z, z_i = F_i(z_{i-1})``, each layer applied through the implementation on its own."""
    path = [np.asarray(z, dtype=float)]
    for layer in flow:
        path.append(impl.forward((layer,), path[-1]))
    return path


INVERSE_OF_COMPOSITION = Formula(
    r"F_1^{-1}\circ\dots\circ F_L^{-1}",
    lambda impl, flow, x: reduce(lambda p, layer: impl.inverse((layer,), p), reversed(flow), x))


@TOPIC.claim(
    "flows.inverse_composition",
    method="property",
    canonical=INVERSE_OF_COMPOSITION,
    faithful=("001",),
    references=(PAPAMAKARIOS,),
)
def inverse_composition(ctx: Context, inverse: Formula) -> Outcome:
    """The inverse of a composition reverses the order.

    (F_L ∘ … ∘ F_1)⁻¹ = F_1⁻¹ ∘ … ∘ F_L⁻¹. Checked: the implementation's F(z) is its layers applied
    first to last; the stated composition of single-layer inverses maps F(z) back to z; and it equals
    the implementation's inverse of the whole flow.
    """
    impl = ctx.impl()

    def prop(case: tuple[Flow, np.ndarray]) -> list[Comparison]:
        flow, z = case
        x = impl.forward(flow, z)
        stated = inverse(impl, flow, x)
        slack = inverse_tolerance(impl, flow, z, x, stated)
        return [
            close(x, layer_by_layer(impl, flow, z)[-1], label="F(z) = F_L(…F_1(z))", atol=within_tolerance(x)),
            close(stated, z, label="stated inverse of F(z) = z", atol=slack),
            close(impl.inverse(flow, x), stated, label="implementation's F⁻¹(x) = stated inverse", atol=slack),
        ]

    return for_all(ctx, flow_points(length=(2, 3)), prop, max_examples=float_examples(ctx))


@TOPIC.claim(
    "flows.jacobian_determinant_product",
    method="property",
    canonical=Formula(r"\prod_i \det \partial F_i(z_{i-1})", lambda dets: float(np.prod(dets))),
    faithful=("001",),
    references=(PAPAMAKARIOS,),
)
def jacobian_determinant_product(ctx: Context, product: Formula) -> Outcome:
    """The Jacobian determinant of a composition is the product of the layers' determinants.

    det ∂F(z) = ∏_i det ∂F_i(z_{i-1}) with z_0 = z, z_i = F_i(z_{i-1}) (chain rule and det(AB) = det A det B),
    and det ∂F⁻¹(x) = 1/det ∂F(F⁻¹(x)). Checked on the implementation's Jacobians of each layer and of the
    flow; its per-layer log|det| must sum to log|det ∂F(z)|.
    """
    impl = ctx.impl()

    def prop(case: tuple[Flow, np.ndarray]) -> list[Comparison]:
        flow, z = case
        path = layer_by_layer(impl, flow, z)
        dets = [np.linalg.det(impl.jacobian((layer,), p)) for layer, p in zip(flow, path, strict=False)]
        whole = float(np.linalg.det(impl.jacobian(flow, z)))
        inverse = float(np.linalg.det(impl.inverse_jacobian(flow, path[-1])))
        logs = float(np.sum(impl.log_abs_det_jacobians(flow, z)))
        stated = product(dets)
        return [
            close(whole, stated, label="det ∂F(z) = stated product", rtol=1e-9, atol=within_tolerance(whole, stated)),
            close(inverse, 1 / whole, label="det ∂F⁻¹(x) = 1/det ∂F(z)", rtol=1e-9,
                  atol=inverse_tolerance(impl, flow, z, inverse, 1 / whole)),
            close(logs, np.log(abs(whole)), label="Σ_i log|det ∂F_i| = log|det ∂F(z)|",
                  atol=within_tolerance(logs, np.log(abs(whole)), 1.0)),
        ]

    return for_all(ctx, flow_points(length=(2, 3)), prop, max_examples=float_examples(ctx))


@TOPIC.claim(
    "flows.inverse_jacobian_determinant",
    method="property",
    canonical=Formula(r"\frac{1}{|\det J_T(T^{-1}(x))|}", lambda det_forward: 1 / abs(det_forward)),
    faithful=("003",),
    depends=("flows.jacobian_determinant_product",),
)
def inverse_jacobian_determinant(ctx: Context, stated: Formula) -> Outcome:
    """The Jacobian determinant of the inverse map.

    |det J_{T⁻¹}(x)| = 1/|det J_T(T⁻¹(x))| (inverse function theorem: J_{T⁻¹}(x) = J_T(T⁻¹(x))⁻¹).
    Checked on the implementation's Jacobians of T⁻¹ at x and of T at its own T⁻¹(x).
    """
    impl = ctx.impl()

    def prop(case: tuple[Flow, np.ndarray]) -> Comparison:
        flow, z = case
        x = impl.forward(flow, z)
        inverse = abs(float(np.linalg.det(impl.inverse_jacobian(flow, x))))
        expected = stated(float(np.linalg.det(impl.jacobian(flow, impl.inverse(flow, x)))))
        return close(inverse, expected, label="|det J_{T⁻¹}(x)| = stated", rtol=1e-9,
                     atol=inverse_tolerance(impl, flow, z, inverse, expected))

    return for_all(ctx, flow_points(), prop, max_examples=float_examples(ctx))


@TOPIC.claim(
    "flows.diffeomorphism_nonzero_det",
    method="property",
    faithful=("003",),
    depends=("flows.inverse_jacobian_determinant",),
)
def diffeomorphism_nonzero_det(ctx: Context, _: None) -> Outcome:
    """A diffeomorphism has a non-vanishing Jacobian determinant.

    If T is a bijection and T and T⁻¹ are differentiable, the chain rule on T⁻¹ ∘ T = id gives
    J_{T⁻¹}(T(z)) J_T(z) = I, so det J_T(z) det J_{T⁻¹}(T(z)) = 1 and det J_T(z) ≠ 0. Checked: the
    implementation's Jacobians satisfy J_{T⁻¹}(T(z)) J_T(z) = I. (The differentiable inverse is needed:
    T(z) = z³ is a differentiable bijection of ℝ with T'(0) = 0.)
    """
    impl = ctx.impl()

    def prop(case: tuple[Flow, np.ndarray]) -> Comparison:
        flow, z = case
        product = impl.inverse_jacobian(flow, impl.forward(flow, z)) @ impl.jacobian(flow, z)
        return close(product, np.eye(len(z)), label="J_{T⁻¹}(T(z)) J_T(z) = I",
                     atol=inverse_tolerance(impl, flow, z, product))

    return for_all(ctx, flow_points(), prop, max_examples=float_examples(ctx))
