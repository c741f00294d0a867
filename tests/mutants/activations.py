"""Wrong activations and wrong formulas that the activation claims must reject."""

from __future__ import annotations

import numpy as np
import sympy

from impls.activations import Activations
from tests.mutants import Mutant
from theorems.engine import Formula
from theorems.topics.activations.forms import formula, log, probability_above
from theorems.topics.activations.piecewise_linear import Subgradients
from theorems.topics.activations.sigmoid import SIGMA_PRIME


class Float32Sigmoid(Activations):
    """σ computed in float32: it rounds to 1 for z > 17 and is only 6e-8 accurate."""

    def sigmoid(self, z: np.ndarray) -> np.ndarray:
        return super().sigmoid(np.asarray(z, dtype=np.float32)).astype(np.float32).astype(np.float64)


class ForwardDifferenceDerivatives(Activations):
    """σ' and ReLU' from a forward difference with h = 1e-6."""

    def sigmoid_derivative(self, z: np.ndarray) -> np.ndarray:
        return (self.sigmoid(z + 1e-6) - self.sigmoid(z)) / 1e-6

    def relu_derivative(self, z: np.ndarray) -> np.ndarray:
        return (self.relu(z + 1e-6) - self.relu(z)) / 1e-6


class SigmoidDerivativeOnePlus(Activations):
    """σ' = σ(1 + σ): a sign error."""

    def sigmoid_derivative(self, z: np.ndarray) -> np.ndarray:
        s = self.sigmoid(z)
        return s * (1 + s)


class NaiveTanh(Activations):
    """tanh as (eᶻ - e⁻ᶻ)/(eᶻ + e⁻ᶻ): inf/inf = NaN for |z| > 710."""

    def tanh(self, z: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            return (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z))


class UnshiftedSoftmax(Activations):
    """Softmax without subtracting max(z): e^z overflows for z > 709.8."""

    def softmax(self, z: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            e = np.exp(np.asarray(z, dtype=float))
            return e / np.sum(e)


class DiagonalSoftmaxJacobian(Activations):
    """The softmax Jacobian with its off-diagonal -sᵢsⱼ forgotten."""

    def softmax_jacobian(self, z: np.ndarray) -> np.ndarray:
        s = self.softmax(z)
        return np.diag(s * (1 - s))


class SignAsReluDerivative(Activations):
    """ReLU' taken as sign(z): -1 on inactive units."""

    def relu_derivative(self, z: np.ndarray) -> np.ndarray:
        return np.sign(np.asarray(z, dtype=float))


class HeavisideAsAbsDerivative(Activations):
    """|z|' taken as 1 for z > 0 and 0 otherwise (the ReLU's)."""

    def abs_derivative(self, z: np.ndarray) -> np.ndarray:
        return (np.asarray(z, dtype=float) > 0).astype(float)


class AlwaysActive(Activations):
    """Every ReLU reported active: H(Θx) = 1."""

    def relu_derivative(self, z: np.ndarray) -> np.ndarray:
        return np.ones_like(np.asarray(z, dtype=float))


class NaiveSoftplus(Activations):
    """softplus as log(1 + eᵘ): inf for u > 709.8."""

    def softplus(self, z: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            return np.log(1 + np.exp(np.asarray(z, dtype=float)))


class SoftplusLinearAboveFive(Activations):
    """softplus(u) = u above u = 5, a linearisation threshold set too low: log1p(e⁻ᵘ) ≥ 6.7e-3 is dropped there
    (PyTorch's threshold 20 drops at most 2e-9, below float64's relative precision at 20)."""

    def softplus(self, z: np.ndarray) -> np.ndarray:
        z = np.asarray(z, dtype=float)
        return np.where(z > 5.0, z, np.logaddexp(0.0, z))


class LeakyReluAsElu(Activations):
    """A leaky ReLU (slope 0.01) where an ELU was asked for: unbounded below."""

    def elu(self, z: np.ndarray) -> np.ndarray:
        z = np.asarray(z, dtype=float)
        return np.where(z >= 0, z, 0.01 * z)


class TanhApproximateGelu(Activations):
    """GELU by its tanh approximation ½z(1 + tanh(√(2/π)(z + 0.044715z³))): off by up to 5e-4."""

    def gelu(self, z: np.ndarray) -> np.ndarray:
        z = np.asarray(z, dtype=float)
        with np.errstate(all="ignore"):
            return z * (1 + np.tanh(np.sqrt(2 / np.pi) * (z + 0.044715 * z**3))) / 2


HERE = "tests.mutants.activations"
CID = "activations."


def _relu_kink(z0: object, at_zero: tuple[int, int]) -> tuple[int, int]:
    return (1, 1) if z0 > 0 else at_zero if z0 == 0 else (0, 0)  # type: ignore[operator]


MUTANTS = [
    Mutant(CID + "sigmoid_symmetry", "σ taken as even: σ(-z) = σ(z)",
           form=(formula(r"\sigma(-z)", lambda f, x: f.sigmoid(-x)),
                 formula(r"\sigma(z)", lambda f, x: f.sigmoid(x)))),
    Mutant(CID + "sigmoid_symmetry", "σ computed in float32", impl=f"{HERE}:Float32Sigmoid"),
    Mutant(CID + "sigmoid_derivative", "σ' = σ(1 + σ)",
           form=(SIGMA_PRIME, formula(r"\sigma(1+\sigma)", lambda f, x: f.sigmoid(x) * (1 + f.sigmoid(x))))),
    Mutant(CID + "sigmoid_derivative", "σ' by a forward difference", impl=f"{HERE}:ForwardDifferenceDerivatives"),
    Mutant(CID + "sigmoid_second_derivative", "σ'' with 2σ - 1 for 1 - 2σ",
           form=(formula(r"\sigma''", lambda f, x: f.sigmoid_second_derivative(x)),
                 formula(r"\sigma(1-\sigma)(2\sigma-1)",
                         lambda f, x: f.sigmoid(x) * (1 - f.sigmoid(x)) * (2 * f.sigmoid(x) - 1)))),
    Mutant(CID + "sigmoid_derivative_tanh", "tanh' at z instead of z/2",
           form=(SIGMA_PRIME, formula(r"\tfrac14\tanh'(z)", lambda f, x: f.tanh_derivative(x) / 4))),
    Mutant(CID + "tanh_sigmoid_relation", "tanh(z) = 2σ(z) - 1",
           form=(formula(r"\tanh", lambda f, x: f.tanh(x)),
                 formula(r"2\sigma(z)-1", lambda f, x: 2 * f.sigmoid(x) - 1))),
    Mutant(CID + "tanh_sigmoid_relation", "tanh from exponentials: NaN for |z| > 710", impl=f"{HERE}:NaiveTanh"),
    Mutant(CID + "tanh_derivative", "tanh' = 1 + tanh²",
           form=(formula(r"\tanh'", lambda f, x: f.tanh_derivative(x)),
                 formula(r"1+\tanh^2", lambda f, x: 1 + f.tanh(x) ** 2))),
    Mutant(CID + "sigmoid_inverse", "logit with the ratio upside down: log((1 - t)/t)",
           form=formula(r"\log\frac{1-t}{t}", lambda _, t: log((1 - t) / t))),
    Mutant(CID + "sigmoid_gradient_vanishes", "σ' tends to 1/4", form=sympy.Rational(1, 4)),
    Mutant(CID + "sigmoid_gradient_vanishes", "σ' = σ(1 + σ) tends to 2", impl=f"{HERE}:SigmoidDerivativeOnePlus"),
    Mutant(CID + "softmax_shift_invariance", "softmax without the max shift overflows",
           impl=f"{HERE}:UnshiftedSoftmax"),
    Mutant(CID + "softmax_shift_invariance", "invariance under scaling c·z claimed instead",
           form=Formula(r"c\,z_i", lambda logit, c: c * logit)),
    Mutant(CID + "softmax_k2_sigmoid", "σ(z₂ - z₁): the classes swapped",
           form=formula(r"\sigma(z_2-z_1)", lambda f, x: f.sigmoid(x[1] - x[0]))),
    Mutant(CID + "softmax_jacobian", "s_i(δ_ij + s_j): sign of the off-diagonal",
           form=Formula(r"s_i(\delta_{ij}+s_j)",
                        lambda f, x, i, j: f.softmax(x)[i] * (int(i == j) + f.softmax(x)[j]))),
    Mutant(CID + "softmax_jacobian", "Jacobian without its off-diagonal", impl=f"{HERE}:DiagonalSoftmaxJacobian"),
    Mutant(CID + "sigmoid_jacobian_diag", "a full matrix σ(x_i)(1 - σ(x_j))",
           form=Formula(r"\sigma(x_i)(1-\sigma(x_j))", lambda f, x, i, j: f.sigmoid(x[i]) * (1 - f.sigmoid(x[j])))),
    Mutant(CID + "relu_subdifferential", "∂(0)₊ = {0}: only the chosen subgradient",
           form=Subgradients(Formula(r"\{0\}\text{ at }0", lambda z0: _relu_kink(z0, (0, 0))))),
    Mutant(CID + "relu_subdifferential", "ReLU' = sign(z)", impl=f"{HERE}:SignAsReluDerivative"),
    Mutant(CID + "abs_subdifferential", "∂|0| = [0, 1], the ReLU's",
           form=Subgradients(Formula(r"[0,1]\text{ at }0",
                                     lambda z0: (1, 1) if z0 > 0 else (0, 1) if z0 == 0 else (-1, -1)))),
    Mutant(CID + "abs_subdifferential", "|z|' = 0 for z < 0", impl=f"{HERE}:HeavisideAsAbsDerivative"),
    Mutant(CID + "relu_unit_gradient", "slope 0 on active units", form=sympy.Integer(0)),
    Mutant(CID + "relu_unit_gradient", "ReLU' by a forward difference (wrong for z > 1e10)",
           impl=f"{HERE}:ForwardDifferenceDerivatives"),
    Mutant(CID + "relu_abs_relation", "(z)₊ = (z - |z|)/2",
           form=((formula(r"(z)_+", lambda f, x: f.relu(x)),
                  formula(r"\frac{z-|z|}{2}", lambda _, x: (x - abs(x)) / 2)),)),
    Mutant(CID + "sigmoid_range", "range (0, 2)", form=(sympy.Integer(0), sympy.Integer(2))),
    Mutant(CID + "sigmoid_range", "σ in float32 reaches 1 at z = 17", impl=f"{HERE}:Float32Sigmoid"),
    Mutant(CID + "softplus_range", "range (0, 1)", form=(sympy.Integer(0), sympy.Integer(1))),
    Mutant(CID + "softplus_range", "log(1 + eᵘ) overflows to inf", impl=f"{HERE}:NaiveSoftplus"),
    Mutant(CID + "softplus_range", "softplus linearised above u = 5", impl=f"{HERE}:SoftplusLinearAboveFive"),
    Mutant(CID + "elu_range", "range (0, ∞)", form=(sympy.Integer(0), sympy.oo)),
    Mutant(CID + "elu_range", "a leaky ReLU is unbounded below", impl=f"{HERE}:LeakyReluAsElu"),
    Mutant(CID + "gelu", "GELU as z Φ(-z)", form=formula(r"z\,P(z\le Z)", lambda _, x: x * probability_above(x))),
    Mutant(CID + "gelu", "the tanh approximation of GELU", impl=f"{HERE}:TanhApproximateGelu"),
    Mutant(CID + "ridge_gradient_norm", "‖∇f‖ = |φ'| without ‖θ‖",
           form=Formula(r"|\phi'|", lambda slope, norm: abs(slope))),
    Mutant(CID + "relu_activation_patterns_bound", "bound 2^n (input dimension)",
           form=Formula("2^n", lambda m, n: 2**n)),
    Mutant(CID + "relu_activation_patterns_bound", "every unit reported active", impl=f"{HERE}:AlwaysActive"),
]
