"""Wrong NTK implementations and wrong formulas that the ntk claims must reject."""

from __future__ import annotations

import numpy as np
import sympy

from impls.ntk import MLP, Widths, layers, preactivations
from tests.mutants import Mutant
from theorems.engine import Formula
from theorems.topics.ntk.linearised import Model, Objective, fx, fz, gradient, hessian
from theorems.topics.ntk.regression import Dynamics, fs, grad, ys


class MissingDerivative(MLP):
    """Backpropagates through the hidden layers without the factor relu'(z): the Jacobian (and with it the
    NTK) of a network whose hidden units are linear on the backward pass."""

    def jacobian(self, theta: np.ndarray, widths: Widths, x: np.ndarray) -> np.ndarray:
        Ws = layers(theta, widths)
        zs = preactivations(theta, widths, x)
        inputs = [np.asarray(x, dtype=np.float64)] + [np.maximum(z, 0.0) for z in zs[:-1]]
        delta, blocks = np.ones((len(inputs[0]), 1)), []
        for layer in reversed(range(len(Ws))):
            scale = 1.0 / np.sqrt(Ws[layer].shape[1])
            blocks.append((delta[:, :, None] * inputs[layer][:, None, :] * scale).reshape(len(delta), -1))
            delta = delta @ Ws[layer] * scale
        return np.concatenate(blocks[::-1], axis=1)


class ScaledByWidth(MLP):
    """The NTK multiplied by m² (the last hidden width): a kernel scaled by the width instead of 1/width."""

    def ntk(self, theta: np.ndarray, widths: Widths, x1: np.ndarray, x2: np.ndarray) -> np.ndarray:
        return super().ntk(theta, widths, x1, x2) * widths[-1] ** 2


class NoInverse(MLP):
    """Kernel regression without the inverse: α = y − f instead of K⁺(y − f)."""

    def coefficients(self, gram: np.ndarray, residual: np.ndarray) -> np.ndarray:
        return np.asarray(residual, dtype=float)


class GrowingDynamics(MLP):
    """f_t = y + e^{+ηKt}(f₀ − y): the sign of the exponent flipped, the residual grows."""

    def dynamics(self, gram: np.ndarray, f0: np.ndarray, y: np.ndarray, eta: float, t: float) -> np.ndarray:
        return super().dynamics(gram, f0, y, -eta, t)


class ShiftedOutput(MLP):
    """The output of another network: f(θ)(x) + ½ (a bias the protocol's network does not have)."""

    def output(self, theta: np.ndarray, widths: Widths, x: np.ndarray) -> np.ndarray:
        return super().output(theta, widths, x) + 0.5


HERE = "tests.mutants.ntk"
CID = "ntk."

NETWORK = Model("the network f(θ₀ + β) itself", lambda impl, c, b: impl.output(c.theta + b, c.widths, c.x))

MUTANTS = [
    Mutant(CID + "linearization", "Jacobian without relu'", impl=f"{HERE}:MissingDerivative"),
    Mutant(CID + "linearization", "output shifted by 0.5", impl=f"{HERE}:ShiftedOutput"),
    Mutant(CID + "kernel_definition", "Jacobian without relu'", impl=f"{HERE}:MissingDerivative"),
    Mutant(CID + "kernel_definition", "NTK scaled by width²", impl=f"{HERE}:ScaledByWidth"),
    Mutant(CID + "dual_representation", "NTK scaled by width²", impl=f"{HERE}:ScaledByWidth"),
    Mutant(CID + "dual_objective", "ỹ = y instead of y − f(θ₀)",
           form=Objective(r"\tfrac12\|K\alpha - y\|^2", lambda s: 0.5,
                          lambda K, a, f0, y: 0.5 * float(np.sum((K @ a - y) ** 2)))),
    Mutant(CID + "dual_objective", "NTK scaled by width²", impl=f"{HERE}:ScaledByWidth"),
    Mutant(CID + "linearized_training_convex", "the network instead of its linearisation", form=NETWORK),
    Mutant(CID + "linearized_squared_loss", "coefficients without K⁺", impl=f"{HERE}:NoInverse"),
    Mutant(CID + "kernel_gradient", "only ∇²f(x)∇f(z), counted twice",
           form=Formula(r"2\nabla^2 f(x)\nabla f(z)", lambda: 2 * hessian(fx) * gradient(fz))),
    Mutant(CID + "kernel_regression_coefficients", "coefficients without K⁺", impl=f"{HERE}:NoInverse"),
    Mutant(CID + "kernel_regression_predictor", "predictor without K⁺", impl=f"{HERE}:NoInverse"),
    Mutant(CID + "param_gradient_flow", "θ̇ = +∇E (ascent)",
           form=Formula(r"\sum_i (f_i - y_i)\nabla f_i",
                        lambda: sum(((f - y) * grad(f) for f, y in zip(fs, ys, strict=True)), sympy.zeros(2, 1)))),
    Mutant(CID + "function_space_dynamics", "ḟ = K(f − y)", form=Dynamics("df/dt", lambda K, f, y: K @ (f - y))),
    Mutant(CID + "function_space_dynamics", "e^{+ηKt} in the closed form", impl=f"{HERE}:GrowingDynamics"),
    Mutant(CID + "function_space_dynamics", "NTK scaled by width²", impl=f"{HERE}:ScaledByWidth"),
    Mutant(CID + "kernel_regression_equivalence", "predictor without K⁺", impl=f"{HERE}:NoInverse"),
    Mutant(CID + "infinite_width_predictor", "predictor without K⁺", impl=f"{HERE}:NoInverse"),
    Mutant(CID + "infinite_width_deterministic", "Jacobian without relu'", impl=f"{HERE}:MissingDerivative"),
    Mutant(CID + "infinite_width_deterministic", "NTK scaled by width²", impl=f"{HERE}:ScaledByWidth"),
]
