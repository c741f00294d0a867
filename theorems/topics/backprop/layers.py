"""The chain rule in index notation (document 000) and with deltas (document 003).

A layer is ``x^l = φ(u^l)``, ``u^l = W^l x^{l-1} + b^l``; the loss of an example is ``ℓ = ‖x^L - y‖²``
and that of a batch the mean. Every formula is evaluated on the implementation's own forward pass
(``x^l``, hence ``u^l`` and ``φ'(u^l)``) and on its own errors ``∂ℓ/∂x^l`` or deltas, and compared
with the gradient the implementation returns, to the rounding of the sums involved.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import sympy

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, all_of

from . import TOPIC
from .chain import agree, evaluated, for_problems, magnitude, opaque, proved, slopes, weighted
from .strategies import Problem, problems

N = 3
"""The ridge-unit proofs run with three inputs: every coordinate is generic."""

phi = sympy.Function("varphi")
xs = sympy.symbols(f"x_1:{N + 1}", real=True)
ws = sympy.symbols(f"w_1:{N + 1}", real=True)
b = sympy.Symbol("b", real=True)
UNIT = phi(sum(w * x for w, x in zip(ws, xs, strict=True)) + b)
"""One ridge unit ``x_i^l = φ(w_iᵀ x^{l-1} + b_i)`` with generic φ."""
SLOPE = opaque(sympy.diff(UNIT, b))[0]
"""``φ̇_i``: the derivative of φ at the unit's pre-activation, a symbol the proof cannot look into."""


@TOPIC.claim(
    "backprop.ridge_unit_weight_derivative",
    method="sympy",
    canonical=Formula(r"\dot\varphi_i^l x_j^{l-1}", lambda slope, x_j: slope * x_j),
    faithful=("000",),
    uses_impl=False,
)
def ridge_unit_weight_derivative(ctx: Context, stated: Formula) -> Outcome:
    """The derivative of a ridge unit with respect to one of its weights.

    For ``x_i^l = φ((w_i^l)ᵀ x^{l-1} + b_i^l)`` with differentiable φ: ``∂x_i^l/∂w_ij^l = φ̇_i^l x_j^{l-1}``,
    ``φ̇_i^l`` the derivative of φ at the pre-activation. Proved for a generic φ and three inputs, all
    ``j`` at once (each equation weighted by an arbitrary ``c_j``).
    """
    derivatives = opaque(*(sympy.diff(UNIT, w) for w in ws))
    return proved(ctx, (r"\sum_j c_j\,\partial x_i^l/\partial w_{ij}^l", weighted(derivatives)),
                    (r"\sum_j c_j\,\mathrm{stated}_j", weighted(stated(SLOPE, x) for x in xs)))


@TOPIC.claim(
    "backprop.ridge_unit_bias_derivative",
    method="sympy",
    canonical=Formula(r"\dot\varphi_i^l", lambda slope: slope),
    faithful=("000",),
    uses_impl=False,
)
def ridge_unit_bias_derivative(ctx: Context, stated: Formula) -> Outcome:
    """The derivative of a ridge unit with respect to its bias.

    ``∂x_i^l/∂b_i^l = φ̇_i^l`` for ``x_i^l = φ((w_i^l)ᵀ x^{l-1} + b_i^l)``, proved for a generic φ.
    """
    return proved(ctx, (r"\partial x_i^l/\partial b_i^l", opaque(sympy.diff(UNIT, b))[0]),
                    ("stated", stated(SLOPE)))


def _layers(p: Problem, impl: object) -> Iterator[tuple[int, np.ndarray, np.ndarray, np.ndarray]]:
    """For each layer ``l``: its index, ``∂ℓ/∂x^l``, ``φ'(u^l)`` and ``x^{l-1}`` (one row per example)."""
    activations = impl.forward(p.net, p.x)
    errors = impl.errors(p.net, p.x, p.y)
    for l, (error, slope) in enumerate(zip(errors[1:], slopes(p.net, activations), strict=True), start=1):
        yield l, error, slope, activations[l - 1]


def _weight_scale(error: np.ndarray, slope: np.ndarray, previous: np.ndarray) -> np.ndarray:
    """The batch mean of ``|∂h/∂x_i| (|φ'_i| + 1) |x_j|``: the magnitudes that enter a weight gradient."""
    return np.einsum("bi,bj->ij", np.abs(error) * magnitude(slope), np.abs(previous)) / len(error)


WEIGHT_GRADIENT = Formula(r"\frac{\partial h}{\partial x_i^l}\,\dot\varphi_i^l\,x_j^{l-1}",
                          lambda error, slope, previous: np.einsum("bi,bj->bij", error * slope, previous))
BIAS_GRADIENT = Formula(r"\frac{\partial h}{\partial x_i^l}\,\dot\varphi_i^l", lambda error, slope: error * slope)


@TOPIC.claim(
    "backprop.loss_weight_gradient",
    method="property",
    canonical=WEIGHT_GRADIENT,
    faithful=("000",),
)
def loss_weight_gradient(ctx: Context, stated: Formula) -> Outcome:
    """The gradient of the loss with respect to a weight, in index notation.

    ``∂h/∂w_ij^l = (∂h/∂x_i^l)(∂x_i^l/∂w_ij^l) = δ_i^l φ̇_i^l x_j^{l-1}`` with ``δ_i^l := ∂h/∂x_i^l``
    (document 000 line 149; its own line 153 redefines δ, see ``backprop.delta_definition``). For a batch
    the loss is the mean of the examples' losses, so is its gradient. Checked on random networks (depth
    1-4, widths 1-4, every activation) and batches of 1-4: the implementation's ``∂/∂W^l`` equals the
    batch mean of the formula evaluated on its own ``∂ℓ/∂x^l``, ``φ'(u^l)`` and ``x^{l-1}``.
    """

    def compare(impl: object, p: Problem) -> Iterator[Comparison]:
        gradients = impl.weight_gradients(p.net, p.x, p.y)
        for l, error, slope, previous in _layers(p, impl):
            terms = evaluated(stated, error, slope, previous, label=f"∂h/∂W^{l}")
            if isinstance(terms, Comparison):
                yield terms
                continue
            yield agree(gradients[l - 1], terms.mean(axis=0), _weight_scale(error, slope, previous), label=f"∂h/∂W^{l}")

    return for_problems(ctx, problems(), compare)


@TOPIC.claim(
    "backprop.loss_bias_gradient",
    method="property",
    canonical=BIAS_GRADIENT,
    faithful=("000",),
)
def loss_bias_gradient(ctx: Context, stated: Formula) -> Outcome:
    """The gradient of the loss with respect to a bias, in index notation.

    ``∂h/∂b_i^l = (∂h/∂x_i^l)(∂x_i^l/∂b_i^l) = δ_i^l φ̇_i^l`` with ``δ_i^l := ∂h/∂x_i^l``; for a batch,
    the mean over its examples. Checked as ``backprop.loss_weight_gradient``.
    """

    def compare(impl: object, p: Problem) -> Iterator[Comparison]:
        gradients = impl.bias_gradients(p.net, p.x, p.y)
        for l, error, slope, _ in _layers(p, impl):
            terms = np.asarray(stated(error, slope), dtype=float)
            yield agree(gradients[l - 1], terms.mean(axis=0), (np.abs(error) * magnitude(slope)).mean(axis=0),
                        label=f"∂h/∂b^{l}")

    return for_problems(ctx, problems(), compare)


DELTA = Formula(r"\delta^\ell = \frac{\partial\mathcal L}{\partial x^\ell}\odot\varphi'(u^\ell)",
                lambda error, slope: error * slope)


@TOPIC.claim(
    "backprop.delta_definition",
    method="property",
    canonical=(DELTA, Formula(r"\frac{\partial\mathcal L}{\partial W^\ell} = \delta^\ell (x^{\ell-1})^\top",
                              lambda delta, slope, previous: np.einsum("bi,bj->bij", delta, previous))),
    faithful=("003",),
    printed={"000": Printed(
        (DELTA, Formula(r"\frac{\partial h}{\partial w_{ij}^l} = \delta_i^l\dot\varphi_i^l x_j^{l-1}",
                        lambda delta, slope, previous: np.einsum("bi,bj->bij", delta * slope, previous))),
        reading="Line 153 defines δ_i^l = (∂h/∂x_i^l) φ̇_i^l, the canonical delta, but as the δ of lines "
                "149/151 just above it, which multiply δ by φ̇ once more: together they give ∂h/∂w_ij^l = "
                "(∂h/∂x_i^l) φ̇² x_j^{l-1}, φ' counted twice (line 149 read alone, with δ := ∂h/∂x_i^l, is "
                "right: backprop.loss_weight_gradient).")},
)
def delta_definition(ctx: Context, stated: tuple[Formula, Formula]) -> Outcome:
    """The delta of a layer is the gradient with respect to its pre-activation.

    ``δ^ℓ = ∂L/∂x^ℓ ⊙ φ'(W^ℓ x^{ℓ-1} + b^ℓ) = ∂L/∂u^ℓ``, and in terms of it ``∂L/∂W^ℓ = δ^ℓ (x^{ℓ-1})ᵀ``
    (per example; the batch mean for a batch). Checked on random networks and batches: the
    implementation's deltas equal the formula on its own errors and ``φ'(u^ℓ)``, and its weight
    gradients equal the batch mean of the second formula applied to those deltas.
    """
    delta, gradient = stated

    def compare(impl: object, p: Problem) -> Iterator[Comparison]:
        deltas, gradients = impl.deltas(p.net, p.x, p.y), impl.weight_gradients(p.net, p.x, p.y)
        for l, error, slope, previous in _layers(p, impl):
            expected = np.asarray(delta(error, slope), dtype=float)
            yield agree(deltas[l - 1], expected, np.abs(error) * magnitude(slope), label=f"δ^{l}")
            terms = np.asarray(gradient(expected, slope, previous), dtype=float)
            yield agree(gradients[l - 1], terms.mean(axis=0), _weight_scale(error, slope, previous), label=f"∂L/∂W^{l}")

    return for_problems(ctx, problems(), compare)


@TOPIC.claim(
    "backprop.bias_gradient_delta",
    method="property",
    canonical=Formula(r"\delta^\ell", lambda delta: delta),
    printed={"003": Printed(Formula(r"\delta^\ell", lambda delta: delta),
                            reading="The print differentiates by a dotted x^ℓ, which the line never defines; read "
                                    "as the bias b^ℓ, the only parameter whose gradient is δ^ℓ itself.")},
)
def bias_gradient_delta(ctx: Context, stated: Formula) -> Outcome:
    """The gradient with respect to a bias is the layer's delta.

    ``∂L/∂b^ℓ = δ^ℓ`` per example (``∂u^ℓ/∂b^ℓ = I``), the batch mean of the deltas for a batch.
    Checked: the implementation's bias gradients equal the batch mean of its deltas.
    """

    def compare(impl: object, p: Problem) -> Iterator[Comparison]:
        deltas, gradients = impl.deltas(p.net, p.x, p.y), impl.bias_gradients(p.net, p.x, p.y)
        for l, (delta, gradient) in enumerate(zip(deltas, gradients, strict=True), start=1):
            terms = np.asarray(stated(delta), dtype=float)
            yield agree(gradient, terms.mean(axis=0), np.abs(terms).mean(axis=0), label=f"∂L/∂b^{l}")

    return for_problems(ctx, problems(), compare)


@TOPIC.claim(
    "backprop.input_gradient_recursion",
    method="property",
    canonical=Formula(r"\frac{\partial\mathcal L}{\partial x^{\ell}}", lambda l: l),
    printed={"003": Printed(Formula(r"\frac{\partial\mathcal L}{\partial x^{\ell+1}}", lambda l: l + 1),
                            reading="As printed: ∂L/∂x^{ℓ+1} = (W^{ℓ+1})ᵀ δ^{ℓ+1}, the layer index of the left "
                                    "side one too high (W^{ℓ+1} maps x^ℓ, so (W^{ℓ+1})ᵀ δ^{ℓ+1} has the shape "
                                    "of x^ℓ).")},
)
def input_gradient_recursion(ctx: Context, left: Formula) -> Outcome:
    """The backward recursion from the deltas of one layer to the errors of the layer below.

    ``∂L/∂x^ℓ = (W^{ℓ+1})ᵀ δ^{ℓ+1}`` for ``ℓ = 0 … L-1`` (per example, ``δ^{ℓ+1} W^{ℓ+1}`` as a row).
    ``left`` says which error the product is compared with: ``left(ℓ)`` is its layer.
    Checked on random networks and batches with the implementation's own deltas and errors.
    """

    def compare(impl: object, p: Problem) -> Iterator[Comparison]:
        deltas, errors = impl.deltas(p.net, p.x, p.y), impl.errors(p.net, p.x, p.y)
        for l in range(p.net.depth):
            delta, w = deltas[l], p.net.weights[l]
            yield agree(errors[left(l)], delta @ w, np.abs(delta) @ np.abs(w),
                        label=f"∂L/∂x^{l} = (W^{l + 1})ᵀδ^{l + 1}")

    return for_problems(ctx, problems(), compare)


yhat = sympy.symbols(rf"\hat{{y}}_1:{N + 1}", real=True)
ys = sympy.symbols(f"y_1:{N + 1}", real=True)


@TOPIC.claim(
    "backprop.squared_loss_gradient",
    method="sympy",
    canonical=Formula(r"2(\hat y - y)^\top", lambda predicted, target: 2 * (predicted - target)),
    printed={"003": Printed(Formula(r"2(\hat y - y)^\top", lambda predicted, target: 2 * (predicted - target)),
                            reading="Printed ∂(ŷ - y)/∂y = 2(ŷ - y)ᵀ: literally ∂(ŷ - y)/∂y = -I, not this; read "
                                    "as the gradient of the squared loss ‖ŷ - y‖² with respect to ŷ, the only "
                                    "derivative that gives 2(ŷ - y)ᵀ (the norm and the hat dropped in the print).")},
)
def squared_loss_gradient(ctx: Context, stated: Formula) -> Outcome:
    """The gradient of the squared loss.

    ``∂‖ŷ - y‖²/∂ŷ = 2(ŷ - y)ᵀ``: proved in R³ (each component weighted by an arbitrary ``c_i``), and
    checked on the implementation, whose loss is ``‖x^L - y‖²``: its ``∂ℓ/∂x^L`` equals the formula at
    ``ŷ = x^L`` on random networks and batches.
    """
    loss = sum((p - t) ** 2 for p, t in zip(yhat, ys, strict=True))

    def compare(impl: object, p: Problem) -> list[Comparison]:
        output = impl.forward(p.net, p.x)[-1]
        expected = np.asarray(stated(output, p.y), dtype=float)
        return [agree(impl.errors(p.net, p.x, p.y)[-1], expected, np.abs(output) + np.abs(p.y), label="∂ℓ/∂x^L")]

    return all_of({
        "algebra": lambda: proved(ctx, (r"\sum_i c_i\,\partial\|\hat y-y\|^2/\partial\hat y_i",
                                          weighted(sympy.diff(loss, v) for v in yhat)),
                                    ("stated", weighted(stated(sympy.Matrix(yhat), sympy.Matrix(ys))))),
        "implementation": lambda: for_problems(ctx, problems(), compare),
    })
