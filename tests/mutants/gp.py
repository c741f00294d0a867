"""Wrong Gaussian-process implementations and wrong formulas that the gp claims must reject."""

from __future__ import annotations

import numpy as np

from impls.gp import GaussianProcess
from tests.mutants import Mutant
from theorems.engine import Formula
from theorems.topics.gp.kernels import LINEAR, LinearKernel, Recursion
from theorems.topics.gp.networks import NEAL_KERNEL
from theorems.topics.gp.regression import VARIANCE, Posterior, solve
from theorems.topics.gp.weights import JOINT, PREDICTIVE, WeightMean, precision


class AntiRBF(GaussianProcess):
    """A "kernel" exp(+γ‖x - ξ‖²): symmetric, 1 on the diagonal, not positive semi-definite."""

    def rbf_kernel(self, X: np.ndarray, Z: np.ndarray, gamma: float) -> np.ndarray:
        return 1.0 / super().rbf_kernel(X, Z, gamma)


class ReluWithoutTwoPi(GaussianProcess):
    """The arc-cosine kernel without its 1/(2π) normalisation."""

    def relu_expectation(self, K: np.ndarray) -> np.ndarray:
        return 2 * np.pi * super().relu_expectation(K)


class ErfWithoutTwoOverPi(GaussianProcess):
    """The erf kernel arcsin(2Kᵢⱼ/√((1 + 2Kᵢᵢ)(1 + 2Kⱼⱼ))) without its factor 2/π."""

    def erf_expectation(self, K: np.ndarray) -> np.ndarray:
        return np.pi / 2 * super().erf_expectation(K)


class IdentityPriorLinearKernel(GaussianProcess):
    """xᵀz whatever the prior covariance Σ."""

    def linear_kernel(self, X: np.ndarray, Z: np.ndarray, prior_cov: np.ndarray) -> np.ndarray:
        return super().linear_kernel(X, Z, np.eye(len(prior_cov)))


class PlusVariance(GaussianProcess):
    """Posterior variance k** + k*ᵀ(K + σ²I)⁻¹k*: the sign of the explained variance flipped."""

    def gp_posterior(self, X, y, X_star, noise, kernel="rbf", gamma=1.0):
        mean, var = super().gp_posterior(X, y, X_star, noise, kernel, gamma)
        prior = np.diag(self._gram(X_star, X_star, kernel, gamma))
        return mean, 2 * prior - var


class NoisyLatentVariance(GaussianProcess):
    """The noise σ² added to k**: the predictive variance of y* returned for the latent f*."""

    def gp_posterior(self, X, y, X_star, noise, kernel="rbf", gamma=1.0):
        mean, var = super().gp_posterior(X, y, X_star, noise, kernel, gamma)
        return mean, var + noise


class NoiselessMean(GaussianProcess):
    """The posterior mean with the noise left out of K + σ²I (interpolation of noisy data)."""

    def gp_posterior(self, X, y, X_star, noise, kernel="rbf", gamma=1.0):
        mean, _ = super().gp_posterior(X, y, X_star, 0.0, kernel, gamma)
        return mean, super().gp_posterior(X, y, X_star, noise, kernel, gamma)[1]


class UnitNoiseWeights(GaussianProcess):
    """The weight posterior with σ² = 1 whatever the noise."""

    def blr_posterior(self, X, y, noise, prior_cov):
        return super().blr_posterior(X, y, 1.0, prior_cov)


class PriorIgnoredWeights(GaussianProcess):
    """The weight posterior with the prior N(0, I) whatever Σ."""

    def blr_posterior(self, X, y, noise, prior_cov):
        return super().blr_posterior(X, y, noise, np.eye(len(prior_cov)))


class PrecisionAsCovariance(GaussianProcess):
    """The posterior precision Σ⁻¹ + XᵀX/σ² returned as the covariance."""

    def blr_posterior(self, X, y, noise, prior_cov):
        mean, cov = super().blr_posterior(X, y, noise, prior_cov)
        return mean, np.linalg.inv(cov)


HERE = "tests.mutants.gp"

MUTANTS: list[Mutant] = [
    Mutant("gp.example_kernels_psd", "a non-PSD kernel exp(+γ‖x - ξ‖²) accepted as the RBF", impl=f"{HERE}:AntiRBF"),
    Mutant("gp.linear_kernel", "the prior covariance ignored (xᵀz)", impl=f"{HERE}:IdentityPriorLinearKernel"),
    Mutant("gp.linear_kernel", "k = xᵀΣ⁻¹x'", form=LinearKernel("x^T Σ^{-1} x'", LINEAR.prior,
                                                                lambda X, S: X @ np.linalg.inv(S) @ X.T)),
    Mutant("gp.nngp_kernel_recursion", "arc-cosine kernel without 1/(2π)", impl=f"{HERE}:ReluWithoutTwoPi"),
    Mutant("gp.nngp_kernel_recursion", "erf kernel without 2/π", impl=f"{HERE}:ErfWithoutTwoOverPi"),
    Mutant("gp.nngp_kernel_recursion", "the weight variance σ² left out",
           form=Recursion("E[φφ]", 2.0, lambda s2: 1.0)),
    Mutant("gp.neal_infinite_width", "NNGP kernel without 1/(2π)", impl=f"{HERE}:ReluWithoutTwoPi"),
    Mutant("gp.neal_infinite_width", "k without the bias variance σ₀²",
           form=Formula("σ_v² E[φφ]", lambda s0, sv, E: NEAL_KERNEL(0.0, sv, E))),
    Mutant("gp.nngp_zero_mean", "μ(x) = E[relu(θᵀx)] (the hidden units' mean)",
           form=Formula("E[relu(θᵀx)]", lambda x: float(np.linalg.norm(x)) / np.sqrt(2 * np.pi * len(x)))),
    Mutant("gp.mc_feature_kernel", "K̃ = ΦΦᵀ/√B", form=Formula("ΦΦᵀ/√B", lambda B: 1.0 / np.sqrt(B))),
    Mutant("gp.posterior_mean", "noise left out of the mean", impl=f"{HERE}:NoiselessMean"),
    Mutant("gp.posterior_mean", "stated mean k*ᵀK⁺y whatever the noise",
           form=Posterior("k*ᵀ K⁻¹ y", lambda K, ks, kss, y, s2: ks.T @ solve(K, 0.0, y))),
    Mutant("gp.posterior_variance", "posterior variance with + instead of -", impl=f"{HERE}:PlusVariance"),
    Mutant("gp.posterior_variance", "noise added to k**", impl=f"{HERE}:NoisyLatentVariance"),
    Mutant("gp.posterior_variance", "stated variance with + instead of -",
           form=Posterior("k** + …", lambda K, ks, kss, y, s2: 2 * kss - VARIANCE.value(K, ks, kss, y, s2))),
    Mutant("gp.feature_posterior_mean", "σ² left out of (ΦᵀΦ + σ²I)",
           form=Formula("φᵀ(ΦᵀΦ)⁺Φᵀy", lambda Phi, phi, y, s2: phi @ np.linalg.pinv(Phi.T @ Phi) @ Phi.T @ y)),
    Mutant("gp.feature_posterior_mean", "noise left out of the mean", impl=f"{HERE}:NoiselessMean"),
    Mutant("gp.feature_posterior_variance", "variance without the factor σ²",
           form=Formula("φᵀ(ΦᵀΦ + σ²I)⁻¹φ",
                        lambda Phi, phi, y, s2: np.sum(phi.T * np.linalg.solve(Phi.T @ Phi + s2 * np.eye(Phi.shape[1]),
                                                                              phi.T), axis=0))),
    Mutant("gp.feature_posterior_variance", "noise added to k**", impl=f"{HERE}:NoisyLatentVariance"),
    Mutant("gp.blr_joint_covariance", "Σ_yy without the noise",
           form=Formula("XXᵀ", lambda X, s2: (JOINT(X, s2)[0], X @ X.T))),
    Mutant("gp.blr_posterior_mean", "σ² = 1 whatever the noise", impl=f"{HERE}:UnitNoiseWeights"),
    Mutant("gp.blr_posterior_covariance", "precision returned as covariance", impl=f"{HERE}:PrecisionAsCovariance"),
    Mutant("gp.blr_equals_ridge", "σ² = 1 whatever the noise", impl=f"{HERE}:UnitNoiseWeights"),
    Mutant("gp.blr_equals_ridge", "λ = 1/σ²", form=Formula("1/σ²", lambda s2: 1.0 / s2)),
    Mutant("gp.blr_posterior_precision", "prior ignored", impl=f"{HERE}:PriorIgnoredWeights"),
    Mutant("gp.blr_posterior_precision", "Σ_post⁻¹ = Σ⁻¹ + XXᵀ (σ² forgotten)",
           form=Formula("Σ⁻¹ + XXᵀ", lambda Xc, S, s2: precision(Xc, S, 1.0))),
    Mutant("gp.blr_posterior_rasmussen", "prior ignored", impl=f"{HERE}:PriorIgnoredWeights"),
    Mutant("gp.blr_posterior_rasmussen", "mean Σ_post X y (σ⁻² forgotten)",
           form=WeightMean("Σ_post X y", lambda Xc, y, s2, S: np.linalg.solve(precision(Xc, S, s2), Xc @ y))),
    Mutant("gp.blr_predictive", "precision returned as covariance", impl=f"{HERE}:PrecisionAsCovariance"),
    Mutant("gp.blr_predictive", "y* without the added σ²",
           form=Formula("no σ²", lambda x, mu, cov, s2: PREDICTIVE(x, mu, cov, 0.0))),
    Mutant("gp.map_equals_ridge", "penalty ½wᵀΣw (Σ for Σ⁻¹)",
           form=Formula("½wᵀΣw", lambda w, S: (w.T * S * w)[0] / 2)),
]
