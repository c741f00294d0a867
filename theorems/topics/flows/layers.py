"""The two layers whose determinants are cheap: the planar flow (a rank-one update of the identity) and
RealNVP's affine coupling (a triangular Jacobian), and the coupling layer's closed-form inverse."""

from __future__ import annotations

import numpy as np
import sympy

from impls.flows import Coupling, Planar
from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    close,
    for_all,
    symbolic,
    within_tolerance,
)

from . import DINH, REZENDE, TOPIC
from .jacobians import float_examples, inverse_tolerance
from .strategies import layer_points


def _determinant_agrees(ctx: Context, kind: str, stated: Formula) -> Outcome:
    """|det| of the implementation's Jacobian of one layer, and exp of its log|det|, equal the stated value."""
    impl = ctx.impl()

    def prop(case: tuple[Planar | Coupling, np.ndarray]) -> list[Comparison]:
        layer, z = case
        expected = float(stated(layer, z))
        jacobian = abs(float(np.linalg.det(impl.jacobian((layer,), z))))
        logdet = float(impl.log_abs_det_jacobians((layer,), z)[0])
        return [
            close(jacobian, expected, label="|det J| (implementation's Jacobian) = stated", rtol=1e-9,
                  atol=within_tolerance(jacobian, expected)),
            close(logdet, np.log(abs(expected)), label="implementation's log|det| = log of stated", rtol=1e-9,
                  atol=within_tolerance(logdet, 1.0)),
        ]

    return for_all(ctx, layer_points(kind), prop, max_examples=float_examples(ctx))


def _planar_determinant(layer: Planar, z: np.ndarray) -> float:
    return abs(1 + layer.h_prime(layer.w @ z + layer.b) * (layer.u @ layer.w))


@TOPIC.claim(
    "flows.planar_flow_determinant",
    method="property",
    canonical=Formula(r"|1 + h'(w^\top z + b)\,u^\top w|", _planar_determinant),
    faithful=("001",),
    references=(REZENDE,),
)
def planar_flow_determinant(ctx: Context, stated: Formula) -> Outcome:
    """The Jacobian determinant of a planar flow.

    For F(z) = z + u h(wᵀz + b): |det ∂F(z)| = |1 + h'(wᵀz + b) uᵀw| (∂F = I + h' u wᵀ and the matrix
    determinant lemma det(I + u vᵀ) = 1 + vᵀu). The line prints σ' without its argument, read at
    wᵀz + b. Checked with h = tanh against the implementation's Jacobian and log|det| on ℝ¹…ℝ⁴; the
    lemma proved in SymPy for 3 × 3.
    """
    u, w = sympy.symbols("u1:4", real=True), sympy.symbols("w1:4", real=True)
    c = sympy.Symbol("c", real=True)
    lemma = (sympy.eye(3) + c * sympy.Matrix(u) * sympy.Matrix(w).T).det()
    return all_of({
        "float64": lambda: _determinant_agrees(ctx, "planar", stated),
        "determinant lemma": lambda: symbolic(ctx, ("det(I + c u wᵀ)", lemma),
                                              ("1 + c uᵀw", 1 + c * sum(a * b for a, b in zip(u, w, strict=True)))),
    })


TOPIC.not_checkable(
    "flows.realnvp_coupling",
    title="The affine coupling layer of RealNVP",
    statement="y_{1:d} = x_{1:d}, y_{d+1:D} = x_{d+1:D} ⊙ exp(s(x_{1:d})) + t(x_{1:d}).",
    reason="A definition: it names the layer and asserts nothing. impls.flows.Coupling is this layer; its "
           "determinant and inverse are checked in flows.realnvp_logdet and flows.coupling_layers.",
    references=(DINH,),
)


@TOPIC.claim(
    "flows.realnvp_logdet",
    method="property",
    canonical=Formula(r"\prod_j \exp(s_j(x_{1:d}))", lambda layer, x: float(np.prod(np.exp(layer.s(x[: layer.d]))))),
    faithful=("002",),
    depends=("flows.realnvp_coupling",),
    references=(DINH,),
)
def realnvp_logdet(ctx: Context, stated: Formula) -> Outcome:
    """The Jacobian of an affine coupling layer is triangular, its determinant the product of the scales.

    ∂y/∂x = [[I, 0], [∂y_{d+1:D}/∂x_{1:d}, diag(exp(s(x_{1:d})))]], so det J = ∏_j exp(s_j(x_{1:d})) and
    log|det J| = Σ_j s_j(x_{1:d}). Checked: the implementation's Jacobian has the blocks I and 0, and its
    determinant and log|det| equal the stated product (s(a) = tanh(Sa + s0), t(a) = sin(Ta) + t0).
    """
    impl = ctx.impl()

    def triangular(case: tuple[Coupling, np.ndarray]) -> list[Comparison]:
        layer, x = case
        J, d = impl.jacobian((layer,), x), layer.d
        return [close(J[:d, :d], np.eye(d), label="∂y_{1:d}/∂x_{1:d} = I", atol=within_tolerance(J)),
                close(J[:d, d:], np.zeros((d, len(x) - d)), label="∂y_{1:d}/∂x_{d+1:D} = 0", atol=within_tolerance(J))]

    return all_of({
        "triangular": lambda: for_all(ctx, layer_points("coupling"), triangular,
                                      max_examples=float_examples(ctx)),
        "determinant": lambda: _determinant_agrees(ctx, "coupling", stated),
    })


COUPLING_INVERSE = Formula(
    r"x_{1:d} = y_{1:d},\ x_{d+1:D} = (y_{d+1:D} - t(y_{1:d})) \odot \exp(-s(y_{1:d}))",
    lambda layer, y: np.concatenate([y[: layer.d],
                                     (y[layer.d:] - layer.t(y[: layer.d])) * np.exp(-layer.s(y[: layer.d]))]))


@TOPIC.claim(
    "flows.coupling_layers",
    method="property",
    canonical=COUPLING_INVERSE,
    printed={"003": Printed(COUPLING_INVERSE,
                            reading="'Both directions fast' read as: the inverse is the closed form above, one "
                                    "evaluation of s and t (no iteration), as is the forward map; the lost "
                                    "expressiveness per layer has no executable content.")},
    depends=("flows.realnvp_coupling",),
    references=(DINH,),
)
def coupling_layers(ctx: Context, stated: Formula) -> Outcome:
    """A coupling layer is inverted in closed form, in one pass.

    y_{1:d} = x_{1:d} fixes the inputs of s and t, so x_{d+1:D} = (y_{d+1:D} - t(y_{1:d})) ⊙ exp(-s(y_{1:d})):
    both directions cost one evaluation of s and t. Checked: the stated inverse maps the implementation's
    y = F(x) back to x and equals the implementation's inverse.
    """
    impl = ctx.impl()

    def prop(case: tuple[Coupling, np.ndarray]) -> list[Comparison]:
        layer, x = case
        y = impl.forward((layer,), x)
        inverse = stated(layer, y)
        slack = inverse_tolerance(impl, (layer,), x, y, inverse)
        return [close(inverse, x, label="stated inverse of F(x) = x", atol=slack),
                close(impl.inverse((layer,), y), inverse, label="implementation's inverse = stated", atol=slack)]

    return for_all(ctx, layer_points("coupling"), prop, max_examples=float_examples(ctx))
