"""Wrong backpropagations and wrong chain-rule formulas that the backprop claims must reject."""

from __future__ import annotations

from functools import reduce

import numpy as np

from impls.backprop import ACTIVATIONS, Backprop, Backward, Network
from tests.mutants import Mutant
from theorems.engine import Formula
from theorems.topics.backprop.convolution import FIRST, LAST, convolve, over_outputs
from theorems.topics.backprop.structures import alpha


class MissingActivationDerivative(Backprop):
    """The delta of every layer taken as ∂ℓ/∂x^l: the factor φ'(u^l) forgotten."""

    def _backward(self, net: Network, x: np.ndarray, y: np.ndarray) -> Backward:
        activations, _ = self._forward(net, x)
        errors = [2 * (activations[-1] - y)]
        deltas: list[np.ndarray] = []
        for w in reversed(net.weights):
            deltas.insert(0, errors[0])
            errors.insert(0, deltas[0] @ w)
        return Backward(activations, errors, deltas)


class TransposedBackward(Backprop):
    """∂ℓ/∂x^{l-1} = δ^l (W^l)ᵀ, the weight transposed, wherever the shapes let it run (square layers)."""

    def _backward(self, net: Network, x: np.ndarray, y: np.ndarray) -> Backward:
        run = super()._backward(net, x, y)
        errors = [d @ (w.T if w.shape[0] == w.shape[1] else w) for d, w in zip(run.deltas, net.weights, strict=True)]
        return Backward(run.activations, [*errors, run.errors[-1]], run.deltas)


class SummedGradients(Backprop):
    """Parameter gradients summed over the batch instead of averaged."""

    def weight_gradients(self, net: Network, x: np.ndarray, y: np.ndarray) -> list[np.ndarray]:
        return [g * len(x) for g in super().weight_gradients(net, x, y)]

    def bias_gradients(self, net: Network, x: np.ndarray, y: np.ndarray) -> list[np.ndarray]:
        return [g * len(x) for g in super().bias_gradients(net, x, y)]


class FirstLayerSkipped(Backprop):
    """An off-by-one layer index: the backward loop runs over l = L … 2 and leaves layer 1's delta
    (hence its gradients and the input's error) at their initial zeros."""

    def _backward(self, net: Network, x: np.ndarray, y: np.ndarray) -> Backward:
        activations, pre = self._forward(net, x)
        slope = ACTIVATIONS[net.activation][1]
        errors = [np.zeros_like(a) for a in activations]
        deltas = [np.zeros_like(u) for u in pre]
        errors[-1] = 2 * (activations[-1] - y)
        for l in range(net.depth - 1, 0, -1):  # 0-based: should run down to 0
            deltas[l] = errors[l + 1] * slope(pre[l])
            errors[l] = deltas[l] @ net.weights[l]
        return Backward(activations, errors, deltas)


class JacobianWithoutSlope(Backprop):
    """The network's Jacobian as W^L ⋯ W^1, the activation derivatives left out."""

    def jacobian(self, net: Network, x: np.ndarray) -> np.ndarray:
        return reduce(lambda acc, w: w @ acc, net.weights, np.eye(net.widths[0]))


M = "tests.mutants.backprop:"

MUTANTS: list[Mutant] = [
    Mutant("backprop.ridge_unit_weight_derivative", "∂x_i/∂w_ij = x_j (φ̇ forgotten)",
           form=Formula("x_j", lambda slope, x_j: x_j)),
    Mutant("backprop.ridge_unit_bias_derivative", "∂x_i/∂b_i = 1", form=Formula("1", lambda slope: 1)),
    Mutant("backprop.loss_weight_gradient", "gradient summed over the batch", impl=M + "SummedGradients"),
    Mutant("backprop.loss_weight_gradient", "the off-by-one backward loop", impl=M + "FirstLayerSkipped"),
    Mutant("backprop.loss_bias_gradient", "gradient summed over the batch", impl=M + "SummedGradients"),
    Mutant("backprop.delta_definition", "delta without φ'", impl=M + "MissingActivationDerivative"),
    Mutant("backprop.bias_gradient_delta", "gradient summed over the batch", impl=M + "SummedGradients"),
    Mutant("backprop.input_gradient_recursion", "transposed weight in the backward pass",
           impl=M + "TransposedBackward"),
    Mutant("backprop.squared_loss_gradient", "gradient of ½‖ŷ - y‖²", form=Formula(r"\hat y - y", lambda p, t: p - t)),
    Mutant("backprop.jacobian_product", "product in the order ∂F_1 ⋯ ∂F_k",
           form=Formula(r"\prod_{l=1}^{k}", lambda jacs: reduce(lambda acc, jac: acc @ jac, jacs[1:], jacs[0]))),
    Mutant("backprop.jacobian_product", "Jacobian without φ'", impl=M + "JacobianWithoutSlope"),
    Mutant("backprop.steepest_descent_direction", "ascent direction ∇f/‖∇f‖",
           form=Formula(r"\nabla f/\|\nabla f\|", lambda g: g / np.linalg.norm(g))),
    Mutant("backprop.steepest_descent_direction", "unnormalized -∇f", form=Formula(r"-\nabla f", lambda g: -g)),
    Mutant("backprop.param_derivative_previous_layer", "g' forgotten",
           form=Formula(r"\partial h\circ g", lambda dh, dg: sum(dh))),
    Mutant("backprop.chain_rule_twice", "an H' factor although H does not depend on θ",
           form=Formula(r"\cdot H'", lambda dg, df, dh: dg * df * dh)),
    Mutant("backprop.layer_param_gradient", "the off-by-one backward loop", impl=M + "FirstLayerSkipped"),
    Mutant("backprop.loss_gradient_xi", "delta without φ'", impl=M + "MissingActivationDerivative"),
    Mutant("backprop.xi_recursion", "column convention ∂F_l ξ_{l+1}",
           form=Formula(r"\partial F_l\,\xi_{l+1}", lambda xi, jac: jac @ xi)),
    Mutant("backprop.xi_recursion", "delta without φ'", impl=M + "MissingActivationDerivative"),
    Mutant("backprop.elementwise_jacobian", "every row f'(x)ᵀ",
           form=Formula("f'(x)^T", lambda d: [list(d) for _ in d])),
    Mutant("backprop.elementwise_jacobian", "Jacobian without φ'", impl=M + "JacobianWithoutSlope"),
    Mutant("backprop.relu_jacobian_preact", "diag(sign(x))",
           form=Formula(r"\mathrm{diag}(\mathrm{sign}(x))", lambda v: np.diag(np.sign(v)))),
    Mutant("backprop.relu_param_derivative", "delta without φ'", impl=M + "MissingActivationDerivative"),
    Mutant("backprop.relu_input_derivative", "Jacobian without φ'", impl=M + "JacobianWithoutSlope"),
    Mutant("backprop.inactive_relu_zero_grad", "delta without φ'", impl=M + "MissingActivationDerivative"),
    Mutant("backprop.relu_layer_jacobian_rows", "Jacobian without φ'", impl=M + "JacobianWithoutSlope"),
    Mutant("backprop.conv_filter_gradient_rot180", "x not rotated",
           form=Formula(r"x * G", lambda x, g: convolve(x, g))),
    Mutant("backprop.conv_filter_gradient_index_step", "rot180(y)_{k-i} for rot180(y)_{i-k}",
           form=(FIRST, Formula(r"\sum_k\delta_k\,\mathrm{rot180}(y)_{k-i}",
                                over_outputs(lambda s, k, i: s.rot(k - i))), LAST)),
    Mutant("backprop.conv_filter_gradient", "upstream gradient forgotten",
           form=Formula(r"\sum_k \partial y_k/\partial w_i", lambda upstream, local: sum(local))),
    Mutant("backprop.residual_jacobian", "identity of the skip forgotten",
           form=(alpha, Formula(r"\alpha J_f", lambda a, jf, eye: a * jf))),
    Mutant("backprop.projection_shortcut_jacobian", "W forgotten", form=Formula("J_f", lambda w, jf: jf)),
    Mutant("backprop.residual_param_jacobian", "α forgotten",
           form=Formula(r"\partial f/\partial\Theta", lambda a, df: df)),
    Mutant("backprop.residual_chain_rule", "α forgotten in the last factor",
           form=Formula(r"\partial f/\partial\Theta_k", lambda a, df: df)),
    Mutant("backprop.tensor_chain_rule", "∂L/∂W = ∂L/∂y: the contraction with ∂y/∂W forgotten",
           form=Formula(r"\partial L/\partial y", lambda dl_dy, dl_dw, t: dl_dy)),
    Mutant("backprop.scaled_output_gradient", "∂L/∂y = ∂L/∂ŷ / h",
           form=Formula(r"\frac1h\partial L/\partial\hat y", lambda h, dl: dl / h)),
]
