"""Jacobians of ReLU layers (document 001): ``H`` is the Heaviside step, ``H(u) = max(0, sign(u))``;
at ``u = 0`` ReLU has no derivative, so the inputs avoid exact kinks where the statement needs it.
Each Jacobian is the implementation's (autograd, for an adapter) and each parameter derivative its
weight gradient at a target that makes ``∂ℓ/∂output`` a unit vector."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import sympy
from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, all_of, equal, for_all

from . import TOPIC
from .chain import agree, evaluated, examples, for_problems, one_layer, pre_activations, proved
from .strategies import DATUM, WEIGHT, Problem, single, vectors


def heaviside(u: np.ndarray) -> np.ndarray:
    return np.maximum(0.0, np.sign(u))


@st.composite
def relu_layers(draw: st.DrawFn, bias: bool = False) -> Problem:
    """A ReLU layer ``max(0, Wx + b)`` (``b = 0`` unless ``bias``) at one input, no unit at its kink."""
    m, n = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    w = draw(hnp.arrays(np.float64, (m, n), elements=WEIGHT))
    b = draw(hnp.arrays(np.float64, m, elements=WEIGHT)) if bias else np.zeros(m)
    x = draw(hnp.arrays(np.float64, (1, n), elements=DATUM))
    assume(np.all(x @ w.T + b != 0))
    return Problem(one_layer(w, "relu", b), x, np.zeros((1, m)))


@TOPIC.claim(
    "backprop.relu_jacobian_preact",
    method="property",
    canonical=Formula(r"\mathrm{diag}(H(x))", lambda v: np.diag(heaviside(v))),
    faithful=("001",),
)
def relu_jacobian_preact(ctx: Context, stated: Formula) -> Outcome:
    """The Jacobian of element-wise ReLU is the diagonal of Heaviside steps.

    ``∂ max(0, x)/∂x = diag(H(x))`` at every x with no zero entry (ReLU is not differentiable at a zero
    entry). Checked: SymPy's derivative of ``max(0, x)`` is ``H(x)``; the implementation's Jacobian of the
    layer ``max(0, I x)`` equals the formula at random inputs without zero entries.
    """
    v = sympy.Symbol("x", real=True)

    impl = ctx.impl()

    def compare(v: np.ndarray) -> Comparison:
        return agree(impl.jacobian(one_layer(np.eye(len(v)), "relu"), v), stated(v), 1.0, label="∂max(0,x)/∂x")

    return all_of({
        "implementation": lambda: for_all(ctx, vectors((1, 4)).filter(lambda v: bool(np.all(v != 0))), compare,
                                          describe=lambda v: v.tolist(), max_examples=examples(ctx)),
        "SymPy": lambda: proved(ctx, (r"\frac{d}{dx}\max(0,x)", sympy.diff(sympy.Max(0, v), v)),
                                  ("H(x)", sympy.Heaviside(v))),
    })


def _unit_targets(p: Problem) -> Iterator[tuple[int, np.ndarray]]:
    """Output ``k`` and the target ``y = max(0, Wx) - e_k/2``, where ``∂ℓ/∂ max(0, Wx) = e_kᵀ``."""
    output = np.maximum(pre_activations(p.net, [p.x])[0], 0.0)
    for k in range(output.shape[1]):
        yield k, output - np.eye(output.shape[1])[k] / 2


@TOPIC.claim(
    "backprop.relu_param_derivative",
    method="property",
    canonical=Formula(r"\max(0,\mathrm{sign}(W_i^\top x))\,x_j\,\delta_{ik}",
                      lambda w, v: np.einsum("i,j,ik->kij", heaviside(w @ v), v, np.eye(len(w)))),
    faithful=("001",),
)
def relu_param_derivative(ctx: Context, stated: Formula) -> Outcome:
    """The derivative of a ReLU layer's output with respect to its weights.

    ``∂ max(0, Wx)_k/∂W_ij = H(W_iᵀx) x_j δ_ik`` wherever no ``W_iᵀx`` is 0. ``stated(W, x)[k, i, j]`` is
    the formula. Checked on random layers: the implementation's weight gradient at the target that
    makes ``∂ℓ/∂ max(0, Wx) = e_kᵀ`` equals ``stated[k]``, for every output k.
    """

    def compare(impl: object, p: Problem) -> Iterator[Comparison]:
        w, v = p.net.weights[0], p.x[0]
        expected = stated(w, v)
        for k, target in _unit_targets(p):
            gradient = impl.weight_gradients(p.net, p.x, target)[0]
            yield agree(gradient, expected[k], np.abs(v), label=f"∂max(0,Wx)_{k + 1}/∂W")

    return for_problems(ctx, relu_layers(), compare)


@TOPIC.claim(
    "backprop.relu_input_derivative",
    method="property",
    canonical=Formula(r"\max(0,\mathrm{sign}(W_i^\top x))\,W_{ij}", lambda w, v: heaviside(w @ v)[:, None] * w),
    faithful=("001",),
)
def relu_input_derivative(ctx: Context, stated: Formula) -> Outcome:
    """The derivative of a ReLU layer's output with respect to its input.

    ``∂ max(0, Wx)_i/∂x_j = H(W_iᵀx) W_ij`` wherever no ``W_iᵀx`` is 0. Checked: the implementation's
    Jacobian of ``max(0, Wx)`` equals the formula on random layers and inputs.
    """

    def compare(impl: object, p: Problem) -> list[Comparison]:
        w = p.net.weights[0]
        return [agree(impl.jacobian(p.net, p.x[0]), stated(w, p.x[0]), np.abs(w), label="∂max(0,Wx)/∂x")]

    return for_problems(ctx, relu_layers(), compare)


@TOPIC.claim(
    "backprop.inactive_relu_zero_grad",
    method="property",
    canonical=0.0,
    faithful=("001",),
)
def inactive_relu_zero_grad(ctx: Context, zero: float) -> Outcome:
    """An inactive ReLU unit passes no gradient.

    If unit j of layer l is inactive (``u_{lj} < 0``, so ``z_{lj} = 0`` on a neighbourhood), then
    ``∇_{θ_{lj}} z_{lj} = ∇_{z_{l-1}} z_{lj} = 0``: its row of the weight and bias gradients of any loss,
    and its row of the layer's Jacobian, are exactly ``zero``. Checked on random ReLU networks at one
    input: every inactive unit's rows in the implementation's gradients and one-layer Jacobians.
    """

    def compare(impl: object, p: Problem) -> Iterator[Comparison]:
        z = impl.forward(p.net, p.x)
        weights, biases = impl.weight_gradients(p.net, p.x, p.y), impl.bias_gradients(p.net, p.x, p.y)
        for l, u in enumerate(pre_activations(p.net, z), start=1):
            inactive = u[0] < 0
            jac = impl.jacobian(p.net.layers(l, l), z[l - 1][0])
            for what, rows in (("∇_θ z", weights[l - 1]), ("∂z/∂b", biases[l - 1]), ("∇_{z_{l-1}} z", jac)):
                yield equal(rows[inactive], np.full_like(rows[inactive], zero),
                            label=f"{what} of the inactive units of layer {l}")

    return for_problems(ctx, single(("relu",)), compare)


@TOPIC.claim(
    "backprop.relu_layer_jacobian_rows",
    method="property",
    canonical=Formula(r"\theta_{lj}^\top", lambda w, j: w[j]),
    printed={"001": Printed(Formula(r"\theta_{l1}^\top", lambda w, j: w[0]),
                            reading="As printed: the row of every active unit is θ_{l1}ᵀ, the first unit's weights "
                                    "(the index 1 where j belongs).")},
)
def relu_layer_jacobian_rows(ctx: Context, row: Formula) -> Outcome:
    """The Jacobian of a ReLU layer keeps the weight rows of the active units and zeroes the others.

    For ``z_l = max(0, Θ_l z_{l-1} + b_l)``: row j of ``∂F_l`` is 0 if unit j is inactive (``z_{lj} = 0``)
    and ``θ_{lj}ᵀ`` otherwise; ``row(Θ, j)`` is the stated row of an active unit. Checked on the
    implementation's Jacobians of random ReLU layers with biases.
    """

    def compare(impl: object, p: Problem) -> Iterator[Comparison]:
        w = p.net.weights[0]
        jac = impl.jacobian(p.net, p.x[0])
        active = pre_activations(p.net, [p.x])[0][0] > 0
        for j in range(len(w)):
            expected = evaluated(row, w, j, label=f"row {j + 1}") if active[j] else np.zeros(w.shape[1])
            yield expected if isinstance(expected, Comparison) else agree(
                jac[j], expected, np.abs(w[j]), label=f"row {j + 1} ({'active' if active[j] else 'inactive'})")

    return for_problems(ctx, relu_layers(bias=True), compare)
