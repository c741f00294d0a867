"""Wrong losses and wrong formulas that the loss claims must reject."""

from __future__ import annotations

import numpy as np
import sympy
from scipy.special import logsumexp, softmax

from impls.losses import Losses
from tests.mutants import Mutant
from theorems.engine import Formula
from theorems.topics.losses.forms import dot
from theorems.topics.losses.gaussian import QUADRATIC, NegativeLogLikelihood
from theorems.topics.losses.softmax import LOGITS_FORM


class NaiveLogistic(Losses):
    """log(1 + e^{-t}) as written: inf once -t > 709.8."""

    def binary_cross_entropy(self, z: np.ndarray, y: np.ndarray) -> np.ndarray:
        return self.logistic_loss(z, 2 * np.asarray(y, dtype=float) - 1)

    def logistic_loss(self, z: np.ndarray, y: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore"):
            return np.log(1 + np.exp(-np.asarray(y, dtype=float) * np.asarray(z, dtype=float)))


class ResidualSignFlipped(Losses):
    """Gradients with the residual y - p for p - y: a step along them climbs the loss."""

    def binary_cross_entropy_gradient(self, theta: np.ndarray, x: np.ndarray, y: int) -> np.ndarray:
        return -super().binary_cross_entropy_gradient(theta, x, y)

    def softmax_regression_gradient(self, theta: np.ndarray, x: np.ndarray, y: int) -> np.ndarray:
        return -super().softmax_regression_gradient(theta, x, y)

    def distillation_gradient(self, teacher: np.ndarray, student: np.ndarray, temperature: float) -> np.ndarray:
        return -super().distillation_gradient(teacher, student, temperature)


class LogisticGradientWithoutLabel(Losses):
    """∇l = -σ(-x·θ) x: the label's sign dropped."""

    def logistic_loss_gradient(self, theta: np.ndarray, x: np.ndarray, y: int) -> np.ndarray:
        return super().logistic_loss_gradient(theta, x, 1)


class UnshiftedCrossEntropy(Losses):
    """-z_y + log Σ e^{zⱼ} as written: inf - inf = NaN once a logit passes 709.8."""

    def cross_entropy(self, z: np.ndarray, y: int) -> float:
        z = np.asarray(z, dtype=float)
        with np.errstate(all="ignore"):
            return float(-z[y] + np.log(np.sum(np.exp(z))))


class Float32CrossEntropy(Losses):
    """The cross-entropy computed in float32 (7 significant digits)."""

    def cross_entropy(self, z: np.ndarray, y: int) -> float:
        return float(np.float32(super().cross_entropy(np.asarray(z, dtype=np.float32), y)))


class SwappedSoftCrossEntropy(Losses):
    """-Σ vⱼ log pⱼ: the target and the prediction swapped."""

    def soft_cross_entropy(self, z: np.ndarray, p: np.ndarray) -> float:
        return float(-np.sum(softmax(np.asarray(z, dtype=float)) * np.log(p)))


class TeacherLogSumExp(Losses):
    """The printed distillation loss: Σ p_y [G_y/T - ln Σ e^{F_μ/T}]."""

    def distillation_loss(self, teacher: np.ndarray, student: np.ndarray, temperature: float) -> float:
        p = softmax(np.asarray(teacher, dtype=float) / temperature)
        return float(np.sum(p * (np.asarray(student) / temperature - logsumexp(np.asarray(teacher) / temperature))))


class GradientWithoutTemperature(Losses):
    """∂ℓ/∂G without the 1/T of the chain rule."""

    def distillation_gradient(self, teacher: np.ndarray, student: np.ndarray, temperature: float) -> np.ndarray:
        return temperature * super().distillation_gradient(teacher, student, temperature)


class NoGaussianConstant(Losses):
    """-log p without (d/2) log(2πσ²): right up to a constant, wrong as a likelihood."""

    def gaussian_nll(self, y: np.ndarray, mean: np.ndarray, variance: float) -> float:
        return super().squared_loss(y, mean) / variance


class MeanSquaredError(Losses):
    """The squared loss as ‖y - v‖², without the ½ of the Gaussian log-likelihood."""

    def squared_loss(self, y: np.ndarray, v: np.ndarray) -> float:
        return 2 * super().squared_loss(y, v)


HERE = "tests.mutants.losses"
CID = "losses."

MUTANTS = [
    Mutant(CID + "binary_ce_sign_form", "-log σ((1 - 2y)z): the sign of the label's map",
           form=Formula(r"-\log\sigma((1-2y)z)", lambda m, z, y: -m.log_sigmoid((1 - 2 * y) * z))),
    Mutant(CID + "binary_ce_sign_form", "log(1 + e^{-t}) overflows", impl=f"{HERE}:NaiveLogistic"),
    Mutant(CID + "logistic_regression_gradient", "[y - σ(wᵀx)] x",
           form=Formula(r"[y-\sigma(w^\top x)]x", lambda m, w, x, y: [(y - m.sigmoid(dot(w, x))) * xi for xi in x])),
    Mutant(CID + "logistic_regression_gradient", "gradient with the residual's sign flipped",
           impl=f"{HERE}:ResidualSignFlipped"),
    Mutant(CID + "logistic_pm1_gradient", "-σ(y x·θ) y x",
           form=Formula(r"-\sigma(yx\cdot\theta)yx",
                        lambda m, w, x, y: [-m.sigmoid(y * dot(w, x)) * y * xi for xi in x])),
    Mutant(CID + "logistic_pm1_gradient", "log(1 + e^{-yz}) overflows", impl=f"{HERE}:NaiveLogistic"),
    Mutant(CID + "logistic_pm1_gradient", "the label's sign dropped from the gradient",
           impl=f"{HERE}:LogisticGradientWithoutLabel"),
    Mutant(CID + "softmax_ce_logits", "+z_y: the label's logit added",
           form=(sympy.E, Formula(r"z_y+\log\sum_j e^{z_j}", lambda m, z, y: z[y] + m.logsumexp(z)))),
    Mutant(CID + "softmax_ce_logits", "in bits without the 1/ln 2", form=(sympy.Integer(2), LOGITS_FORM)),
    Mutant(CID + "softmax_ce_logits", "log Σ e^{zⱼ} as written overflows", impl=f"{HERE}:UnshiftedCrossEntropy"),
    Mutant(CID + "softmax_ce_logits", "cross-entropy in float32", impl=f"{HERE}:Float32CrossEntropy"),
    Mutant(CID + "word2vec_nll", "the log-sum-exp replaced by the sum of the logits",
           form=Formula(r"-x_w^\top y_\mu+\sum_\nu x_w^\top y_\nu",
                        lambda m, x, Y, mu: -dot(x, Y[mu]) + sum(dot(x, row) for row in Y))),
    Mutant(CID + "word2vec_nll", "log Σ e^{zⱼ} as written overflows", impl=f"{HERE}:UnshiftedCrossEntropy"),
    Mutant(CID + "softmax_regression_gradient", "(yᵢ - σᵢ) x", impl=f"{HERE}:ResidualSignFlipped"),
    Mutant(CID + "softmax_regression_gradient", "σᵢ x: the label forgotten",
           form=Formula(r"\sigma_i^{\max}x", lambda m, theta, x, y: [[s * xj for xj in x] for s in
                                                                     m.softmax([dot(row, x) for row in theta])])),
    Mutant(CID + "cross_entropy_ge_entropy", "H(y) = 0: a bound, never attained",
           form=Formula("0", lambda m, y, v: 0.0)),
    Mutant(CID + "cross_entropy_ge_entropy", "-Σ vⱼ log yⱼ", impl=f"{HERE}:SwappedSoftCrossEntropy"),
    Mutant(CID + "distillation_tempered_ce", "the teacher's log-sum-exp, as printed", impl=f"{HERE}:TeacherLogSumExp"),
    Mutant(CID + "distillation_tempered_ce", "-Σ p_y [G_y - ln Σ e^{G_μ}]: the temperature dropped from G",
           form=Formula(r"-\sum_y p_y[G_y-\ln\sum_\mu e^{G_\mu}]",
                        lambda m, F, G, T: -sum(p * (g - m.logsumexp(G))
                                                for p, g in zip(m.softmax([f / T for f in F]), G, strict=True)))),
    Mutant(CID + "distillation_gradient", "∂ℓ/∂G with the sign flipped", impl=f"{HERE}:ResidualSignFlipped"),
    Mutant(CID + "distillation_gradient", "∂ℓ/∂G without the 1/T", impl=f"{HERE}:GradientWithoutTemperature"),
    Mutant(CID + "gaussian_nll_squared", "the constant (d/2) log(2πσ²) left out", impl=f"{HERE}:NoGaussianConstant"),
    Mutant(CID + "gaussian_nll_squared", "the squared loss without its ½", impl=f"{HERE}:MeanSquaredError"),
    Mutant(CID + "gaussian_nll_squared", "‖y - v‖²/σ²: the ½ lost from the quadratic term",
           form=NegativeLogLikelihood(
               Formula(r"\frac{1}{\sigma^2}\|y-v\|^2", lambda y, v, var: 2 * QUADRATIC(y, v, var)), None)),
]

