"""Wrong regularizers and wrong formulas that the regularization claims must reject."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import sympy

from impls.regularization import Gradient, Regularization
from tests.mutants import Mutant
from theorems.engine import Formula
from theorems.topics.regularization.shrinkage import Eigenform, _columns, _rows


class DecayWithWrongSign(Regularization):
    """Weight decay applied with the wrong sign: θ ← θ - η∇R + ημθ (the weights grow)."""

    def weight_decay_gd(
        self, grad: Gradient, x0: np.ndarray, lr: float, weight_decay: float, steps: int
    ) -> np.ndarray:
        return super().weight_decay_gd(grad, x0, lr, -weight_decay, steps)


class PenaltyGradientWithoutHalf(Regularization):
    """The gradient of Σ μ_l‖W^l‖² (no ½): 2μ_l W^l."""

    def penalty_gradient(self, layers: list[np.ndarray], mus: list[float]) -> list[np.ndarray]:
        return [2 * g for g in super().penalty_gradient(layers, mus)]


class AdamWAsCoupledL2(Regularization):
    """AdamW implemented as Adam with the L2 penalty in the gradient (the coupled form)."""

    def adam(self, grad: Gradient, x0: np.ndarray, hyper: Mapping[str, float], weight_decay: float,
             decoupled: bool, steps: int) -> np.ndarray:
        return super().adam(grad, x0, hyper, weight_decay, False, steps)


class ShrinkageWithMuInNumerator(Regularization):
    """Ridge scaling each eigen-component by μ/(λ_i + μ) instead of λ_i/(λ_i + μ)."""

    def ridge(self, H: np.ndarray, theta_star: np.ndarray, mu: float) -> np.ndarray:
        return np.linalg.solve(H + mu * np.eye(len(H)), mu * theta_star)


class RidgeRegressionOnMeanLoss(Regularization):
    """Ridge regression of the mean loss ½‖Xθ - y‖²/n + (μ/2)‖θ‖²: the penalty is n times too strong."""

    def ridge_regression(self, X: np.ndarray, y: np.ndarray, mu: float) -> np.ndarray:
        return super().ridge_regression(X, y, mu * X.shape[0])


class RidgeRegressionWithHalfMu(Regularization):
    """Ridge regression solving (XᵀX + (μ/2)I)θ = Xᵀy: the ½ of the penalty (μ/2)‖θ‖² differentiated away twice."""

    def ridge_regression(self, X: np.ndarray, y: np.ndarray, mu: float) -> np.ndarray:
        return super().ridge_regression(X, y, mu / 2)


class HeavyBallDescent(Regularization):
    """'GD' with a momentum term 0.5(θ_t - θ_{t-1}) left in."""

    def weight_decay_gd(
        self, grad: Gradient, x0: np.ndarray, lr: float, weight_decay: float, steps: int
    ) -> np.ndarray:
        previous = theta = np.array(x0, dtype=float)
        path = [theta]
        for _ in range(steps):
            previous, theta = theta, theta - lr * (grad(theta) + weight_decay * theta) + 0.5 * (theta - previous)
            path.append(theta)
        return np.array(path)


class HardThreshold(Regularization):
    """Hard-thresholding b·1[|b| > β] in place of soft-thresholding."""

    def soft_threshold(self, b: np.ndarray, beta: np.ndarray | float) -> np.ndarray:
        b = np.asarray(b, dtype=float)
        return np.where(np.abs(b) > beta, b, 0.0)


class ProjectOntoSphere(Regularization):
    """Rescales every v to norm r, also those already inside the ball."""

    def project_ball(self, v: np.ndarray, r: float) -> np.ndarray:
        norm = float(np.linalg.norm(v))
        return np.asarray(v, dtype=float) * (r / norm if norm > 0 else 1.0)


M = "tests.mutants.regularization"

MUTANTS: list[Mutant] = [
    Mutant("regularization.weight_decay_update", "decay applied with the wrong sign", impl=f"{M}:DecayWithWrongSign"),
    Mutant("regularization.weight_decay_update", "the step θ - η∇R + ημθ",
           form=Formula("+", lambda theta, g, eta, mu: (1 + eta * mu) * theta - eta * g)),
    Mutant("regularization.l2_gradient", "∇ of Σμ‖W‖² (no ½)", impl=f"{M}:PenaltyGradientWithoutHalf"),
    Mutant("regularization.l2_gradient", "∂Ω/∂θ = μθ/2", form=Formula("half", lambda w, mu: mu * w / 2)),
    Mutant("regularization.layerwise_weight_decay", "Σ μ_l‖W^l‖² without the ½",
           form=Formula("no half", lambda layers, mus: sum(mu * sum(e**2 for e in w)
                                                           for w, mu in zip(layers, mus, strict=True)))),
    Mutant("regularization.weight_decay_shrink_condition", "|1 - ημ| < 1 lets the sign flip",
           form=Formula("ημ<2", lambda eta, mu: 0 < eta * mu < 2)),
    Mutant("regularization.weight_decay_shrink_condition", "decay with the wrong sign grows θ",
           impl=f"{M}:DecayWithWrongSign"),
    Mutant("regularization.decoupled_weight_decay", "AdamW implemented as coupled L2", impl=f"{M}:AdamWAsCoupledL2"),
    Mutant("regularization.quadratic_shrinkage_solution", "shrinkage μ/(λ+μ) (μ in the numerator)",
           impl=f"{M}:ShrinkageWithMuInNumerator"),
    Mutant("regularization.quadratic_shrinkage_solution", "(H + μI)^{-1}θ*",
           form=Formula("no H", lambda H, theta_star, mu: np.linalg.solve(H + mu * np.eye(len(H)), theta_star))),
    Mutant("regularization.shrinkage_eigenbasis", "shrinkage μ/(λ+μ) (μ in the numerator)",
           impl=f"{M}:ShrinkageWithMuInNumerator"),
    Mutant("regularization.shrinkage_eigenbasis", "Q diag Qᵀ for H = QᵀΛQ",
           form=Eigenform("mixed", _rows, lambda Q, lam, mu: _columns(Q, lam / (lam + mu)))),
    Mutant("regularization.shrinkage_small_eigen", "shrinkage μ/(λ+μ) (μ in the numerator)",
           impl=f"{M}:ShrinkageWithMuInNumerator"),
    Mutant("regularization.l2_large_eigen_no_effect", "shrinkage μ/(λ+μ) (μ in the numerator)",
           impl=f"{M}:ShrinkageWithMuInNumerator"),
    Mutant("regularization.l2_diagonal_solution", "shrinkage μ/(λ+μ) (μ in the numerator)",
           impl=f"{M}:ShrinkageWithMuInNumerator"),
    Mutant("regularization.l2_diagonal_solution", "λ/(h + λ)",
           form=Formula("swapped", lambda h, theta_star, lam: lam / (h + lam) * theta_star)),
    Mutant("regularization.optimal_weight_decay_snr", "μ = σ/u", form=Formula("sqrt", lambda noise, signal:
                                                                              sympy.sqrt(noise / signal))),
    Mutant("regularization.optimal_weight_decay_snr", "ridge regression of the mean loss (μ n times too strong)",
           impl=f"{M}:RidgeRegressionOnMeanLoss"),
    Mutant("regularization.optimal_weight_decay_snr", "ridge regression with μ/2",
           impl=f"{M}:RidgeRegressionWithHalfMu"),
    Mutant("regularization.gd_error_recursion", "momentum left in GD", impl=f"{M}:HeavyBallDescent"),
    Mutant("regularization.gd_error_recursion", "(I + ηH)",
           form=Formula("+", lambda H, eta, error: error + eta * H @ error)),
    Mutant("regularization.early_stopping_trajectory", "momentum left in GD", impl=f"{M}:HeavyBallDescent"),
    Mutant("regularization.early_stopping_trajectory", "(I - ηΛ)^k without I -",
           form=Formula("error", lambda lam, eta, k: (1 - eta * lam) ** k)),
    Mutant("regularization.early_stopping_equivalence", "k = 2/(ημ)",
           form=Formula("2", lambda eta, mu: 2 / (eta * mu))),
    Mutant("regularization.soft_threshold", "hard thresholding", impl=f"{M}:HardThreshold"),
    Mutant("regularization.soft_threshold", "sgn(b)|b| - β",
           form=Formula("shift", lambda b, beta: b - beta * np.sign(b))),
    Mutant("regularization.l1_diagonal_solution", "threshold λh_i", form=Formula(
        "λh", lambda star, h, lam: np.sign(star) * np.maximum(0.0, np.abs(star) - lam * h))),
    Mutant("regularization.l1_diagonal_solution", "hard thresholding", impl=f"{M}:HardThreshold"),
    Mutant("regularization.l1_quadratic_approx", "the quadratic term without ½",
           form=Formula("no half", lambda r_star, H, theta, star, lam: r_star + (theta - star) @ H @ (theta - star)
                        + lam * np.sum(np.abs(theta)))),
    Mutant("regularization.l2_ball_projection", "projection onto the sphere", impl=f"{M}:ProjectOntoSphere"),
    Mutant("regularization.l2_ball_projection", "min{1, ‖v‖/r} v", form=Formula(
        "inverted", lambda v, r: min(1.0, np.linalg.norm(v) / r) * v)),
    Mutant("regularization.bootstrap_distinct_fraction", "(1 - 1/n)^n: the fraction missed",
           form=Formula("missed", lambda n: (1 - sympy.Integer(1) / n) ** n)),
]
