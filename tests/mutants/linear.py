"""Wrong linear models and wrong formulas that the linear claims must reject."""

from __future__ import annotations

import numpy as np
import sympy

from impls.linear import Linear
from tests.mutants import Mutant
from theorems.engine import Formula
from theorems.topics.linear.autoencoders import SWAPPED
from theorems.topics.linear.deep_linear import CTILDE_PRINTED, DTILDE_PRINTED, LayerGradients
from theorems.topics.linear.least_squares import GAUSSIAN, NoiseModel
from theorems.topics.linear.units import AFFINE_PRINTED


class GradientWithoutMean(Linear):
    """The MSE gradient without the 1/n: XᵀXw - Xᵀy."""

    def mse_gradient(self, X: np.ndarray, y: np.ndarray, w: np.ndarray) -> np.ndarray:
        return X.T @ (X @ w - y)


class InverseForPseudoInverse(Linear):
    """Least squares as inv(XᵀX)Xᵀy on every design: garbage where XᵀX is singular."""

    def least_squares(self, X: np.ndarray, Y: np.ndarray, rcond: float) -> np.ndarray:
        return np.linalg.inv(X.T @ X) @ (X.T @ Y)


class RidgeWrongSide(Linear):
    """λ moved to the wrong side of the normal equations: (XᵀX - λI)w = Xᵀy."""

    def ridge(self, X: np.ndarray, Y: np.ndarray, lam: float) -> np.ndarray:
        return np.linalg.solve(X.T @ X - lam * np.eye(X.shape[1]), X.T @ Y)


class LmsAscent(Linear):
    """The LMS step with its sign flipped: gradient ascent on the squared error."""

    def lms_step(self, w: np.ndarray, x: np.ndarray, y: float, eta: float) -> np.ndarray:
        return w - eta * (y - w @ x) * x


class TrailingSubspace(Linear):
    """The k trailing (smallest) left singular vectors instead of the leading ones."""

    def principal_subspace(self, X: np.ndarray, k: int) -> np.ndarray:
        return np.linalg.svd(X, full_matrices=False)[0][:, -k:]


class NoisyLeastSquares(Linear):
    """Least squares that adds 10 % to every coefficient: biased, and 1.21 times the covariance."""

    def least_squares(self, X: np.ndarray, Y: np.ndarray, rcond: float) -> np.ndarray:
        return 1.1 * super().least_squares(X, Y, rcond)


def _impl(name: str) -> str:
    return f"tests.mutants.linear:{name}"


MUTANTS: list[Mutant] = [
    Mutant("linear.mse_gradient", "gradient without 1/n", impl=_impl("GradientWithoutMean")),
    Mutant("linear.mse_gradient", "formula without 1/n",
           form=Formula(r"X^\top Xw - X^\top y", lambda X, y, w: X.T @ X @ w - X.T @ y)),
    Mutant("linear.pseudoinverse_least_squares", "inv(XᵀX)Xᵀy on singular designs",
           impl=_impl("InverseForPseudoInverse")),
    Mutant("linear.ols_closed_form", "transpose on the wrong side: Xᵀ(XXᵀ)⁻¹y",
           form=Formula(r"X^\top(XX^\top)^{-1}y", lambda X, y: X.T @ np.linalg.solve(X @ X.T, y))),
    Mutant("linear.ols_closed_form", "estimate scaled by 1.1", impl=_impl("NoisyLeastSquares")),
    Mutant("linear.ridge_closed_form", "λ on the wrong side", impl=_impl("RidgeWrongSide")),
    Mutant("linear.ridge_closed_form", "λ/2 in the closed form",
           form=Formula(r"(X^\top X + \tfrac\lambda2 I)^{-1}X^\top y",
                        lambda X, y, lam: np.linalg.solve(X.T @ X + lam / 2 * np.eye(X.shape[1]), X.T @ y))),
    Mutant("linear.sgd_lms_update", "gradient ascent", impl=_impl("LmsAscent")),
    Mutant("linear.sgd_lms_update", "the step with a minus sign",
           form=Formula(r"w - \eta(y - w^\top x)x", lambda w, x, y, eta: w - eta * (y - (w.T @ x)[0]) * x)),
    Mutant("linear.gaussian_nll_equals_lsq", "covariance without σ²",
           form=NoiseModel(GAUSSIAN.nll, Formula(r"(X^\top X)^{-1}", lambda X, sigma: np.linalg.inv(X.T @ X)))),
    Mutant("linear.gaussian_nll_equals_lsq", "NLL without 1/σ²",
           form=NoiseModel(Formula(r"\frac12\sum_i r_i^2", lambda rss, n, sigma: rss / 2), None)),
    Mutant("linear.gaussian_nll_equals_lsq", "biased estimate", impl=_impl("NoisyLeastSquares")),
    Mutant("linear.level_sets_orthogonal", "change ‖Δx‖²",
           form=Formula(r"\|\Delta x\|^2", lambda dx, theta: (dx.T @ dx)[0])),
    Mutant("linear.gradient_direction_rate", "gradient 2θ", form=Formula(r"2\theta", lambda theta: 2 * theta)),
    Mutant("linear.composition_linear", "composition plus an offset",
           form=Formula(r"f\circ g + 1", lambda f, g, v: f(g(v)) + sympy.ones(*v.shape))),
    Mutant("linear.affine_combination", "the printed f(x + βy)", form=AFFINE_PRINTED),
    Mutant("linear.autoencoder_grad_c", "sign error Dᵀ(x - y)xᵀ",
           form=Formula(r"D^\top(x - y)x^\top", lambda C, D, x: D.T @ (x - D @ C @ x) @ x.T)),
    Mutant("linear.autoencoder_grad_d", "sign error (x - y)xᵀCᵀ",
           form=Formula(r"(x - y)x^\top C^\top", lambda C, D, x: (x - D @ C @ x) @ x.T @ C.T)),
    Mutant("linear.autoencoder_rank_bound", "Sylvester's lower bound as an upper bound",
           form=Formula(r"\operatorname{rank}C + \operatorname{rank}D - m",
                        lambda rank_c, rank_d, m: rank_c + rank_d - m)),
    Mutant("linear.autoencoder_pca_solution", "trailing singular vectors", impl=_impl("TrailingSubspace")),
    Mutant("linear.autoencoder_reparameterization", "the printed C = U_kᵀA, D = A⁻¹U_k",
           form=SWAPPED),
    Mutant("linear.autoencoder_reparameterization", "trailing singular vectors", impl=_impl("TrailingSubspace")),
    Mutant("linear.whitened_ls_reduction", "Γ = YXᵀ/(2s)",
           form=Formula(r"\frac1{2s}YX^\top", lambda X, Y: Y @ X.T / (2 * X.shape[1]))),
    Mutant("linear.deep_linear_grads", "sign error in ∂l/∂C",
           form=LayerGradients(Formula(r"D^\top(\Gamma - DC)", lambda C, D, G: D.T @ (G - D @ C)),
                               Formula(r"(DC - \Gamma)C^\top", lambda C, D, G: (D @ C - G) @ C.T))),
    Mutant("linear.svd_rotation", "V instead of Vᵀ",
           form=Formula(r"U(\tilde D\tilde C - \Sigma)V", lambda U, S, V, D, C: U @ ((U.T @ D) @ (C @ V) - S) @ V)),
    Mutant("linear.rotated_grad_ctilde", "the printed (D̃C̃ - Σ)ᵀD̃", form=CTILDE_PRINTED),
    Mutant("linear.rotated_grad_dtilde", "the printed C̃(D̃C̃ - Σ)C̃ᵀ", form=DTILDE_PRINTED),
    Mutant("linear.decoupled_loss", "competitive terms dropped",
           form=Formula(r"\frac12\sum_r (d_r\cdot c_r - \sigma_r)^2",
                        lambda Dt, Ct, sigma: sum(((Dt.row(r) @ Ct.col(r))[0] - s) ** 2
                                                  for r, s in enumerate(sigma)) / 2)),
]
