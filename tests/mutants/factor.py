"""Wrong factor-analysis implementations and wrong formulas that the factor claims must reject."""

from __future__ import annotations

import numpy as np

from impls.factor import FactorAnalysis
from tests.mutants import Mutant
from theorems.engine import Formula
from theorems.topics.factor.algebra import eye, inv
from theorems.topics.factor.posterior import PSEUDOINVERSE_MEAN, ZeroNoiseLimit
from theorems.topics.factor.ppca import spectrum


class CovarianceWithoutNoise(FactorAnalysis):
    """The marginal covariance WWᵀ, Ψ left out (also in the log-likelihood, which uses it)."""

    def marginal_covariance(self, W: np.ndarray, psi: np.ndarray) -> np.ndarray:
        return W @ W.T + 1e-300 * np.diag(psi)


class PosteriorMeanWithoutNoise(FactorAnalysis):
    """The posterior mean (I + WᵀΨ⁻¹W)⁻¹Wᵀ(x - μ): the Ψ⁻¹ of the Woodbury form dropped on the right."""

    def posterior(self, X: np.ndarray, mu: np.ndarray, W: np.ndarray,
                  psi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        _, cov = super().posterior(X, mu, W, psi)
        return (X - mu) @ (cov @ W.T).T, cov


class PosteriorCovarianceWithoutIdentity(FactorAnalysis):
    """The posterior covariance (WᵀΨ⁻¹W)⁺: the prior's I left out of the precision."""

    def posterior(self, X: np.ndarray, mu: np.ndarray, W: np.ndarray,
                  psi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        means, _ = super().posterior(X, mu, W, psi)
        return means, np.linalg.pinv(W.T @ (W / psi[:, None]))


class NoiseFromAllEigenvalues(FactorAnalysis):
    """PPCA with σ² the mean of all the eigenvalues of S, not of the discarded ones."""

    def fit(self, X: np.ndarray, q: int, isotropic: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        _, eigenvalues, vectors = spectrum(X)
        sigma2 = float(eigenvalues.mean())
        W = vectors[:, :q] * np.sqrt(np.maximum(eigenvalues[:q] - sigma2, 0.0))
        return X.mean(axis=0), W, np.full(X.shape[1], sigma2)


class LoadingsWithoutRoot(FactorAnalysis):
    """PPCA loadings U_q(Λ_q - σ²I): the square root of ρ_i² left out."""

    def fit(self, X: np.ndarray, q: int, isotropic: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        mu, W, psi = super().fit(X, q, isotropic)
        return mu, W * np.linalg.norm(W, axis=0), psi


class MedianMean(FactorAnalysis):
    """The fitted mean is the coordinate-wise median of the data."""

    def fit(self, X: np.ndarray, q: int, isotropic: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        _, W, psi = super().fit(X, q, isotropic)
        return np.median(X, axis=0), W, psi


MUTANTS = [
    Mutant("factor.marginal_likelihood_integral", "the prior p_Z(z) left out of the integrand",
           form=Formula(r"\int p_{X|Z}(x\mid z)\,dz", lambda prior, likelihood: likelihood)),
    Mutant("factor.marginal_likelihood_integral", "the log-likelihood without Ψ in the covariance",
           impl="tests.mutants.factor:CovarianceWithoutNoise"),
    Mutant("factor.marginal_distribution", "marginal covariance missing Ψ",
           impl="tests.mutants.factor:CovarianceWithoutNoise"),
    Mutant("factor.marginal_distribution", "stated covariance WWᵀ (Σ missing)",
           form=Formula(r"WW^\top", lambda W, Psi: W @ W.T + 0 * Psi)),
    Mutant("factor.rotation_nonidentifiability", "stated for every invertible Q, not only orthogonal ones",
           form=Formula(r"Q\ \mathrm{invertible}", lambda A: A)),
    Mutant("factor.mean_mle", "the fitted mean is the median", impl="tests.mutants.factor:MedianMean"),
    Mutant("factor.mean_mle", "μ̂ the coordinate-wise median",
           form=Formula(r"\hat\mu=\mathrm{median}(x_i)", lambda X: np.median(X, axis=0))),
    Mutant("factor.posterior_mean", "the Ψ⁻¹ of the Woodbury gain dropped",
           impl="tests.mutants.factor:PosteriorMeanWithoutNoise"),
    Mutant("factor.posterior_mean", "stated mean WᵀΣ⁻¹(x - μ): Σ⁻¹ for (WWᵀ + Σ)⁻¹",
           form=Formula(r"W^\top\Sigma^{-1}(x-\mu)", lambda W, Psi, D: W.T @ inv(Psi) @ D)),
    Mutant("factor.posterior_covariance", "posterior covariance without the I (WᵀΨ⁻¹W)⁺",
           impl="tests.mutants.factor:PosteriorCovarianceWithoutIdentity"),
    Mutant("factor.posterior_covariance", "stated covariance -Wᵀ(WWᵀ + Σ)⁻¹W (the I dropped)",
           form=Formula(r"-W^\top(WW^\top+\Sigma)^{-1}W", lambda W, Psi: -W.T @ inv(W @ W.T + Psi) @ W)),
    Mutant("factor.ppca_pseudoinverse_limit", "the limit stated as Wᵀ (true only for orthonormal columns)",
           form=Formula(r"W^\top", lambda W: W.T)),
    Mutant("factor.ppca_pseudoinverse_limit", "the posterior mean without Ψ⁻¹",
           impl="tests.mutants.factor:PosteriorMeanWithoutNoise"),
    Mutant("factor.ppca_zero_noise_posterior", "the mean's limit stated as Wᵀ(x - μ)",
           form=ZeroNoiseLimit(Formula(r"\mu_{z|x}\to W^\top(x-\mu)", lambda W, D: W.T @ D), None)),
    Mutant("factor.ppca_zero_noise_posterior", "the covariance's limit stated as I",
           form=ZeroNoiseLimit(PSEUDOINVERSE_MEAN, Formula(r"\Sigma_{z|x}\to I", lambda W: eye(W.shape[1], W)))),
    Mutant("factor.ppca_mle_columns", "PPCA σ² the mean of all eigenvalues",
           impl="tests.mutants.factor:NoiseFromAllEigenvalues"),
    Mutant("factor.ppca_mle_columns", "PPCA loadings without the square root",
           impl="tests.mutants.factor:LoadingsWithoutRoot"),
    Mutant("factor.ppca_mle_columns", "stated ρ_i = max{0, λ_i - σ²} (no square root)",
           form=Formula(r"\rho_i=\max\{0,\lambda_i-\sigma^2\}", lambda lam, s2: np.maximum(lam - s2, 0.0))),
    Mutant("factor.ppca_zero_noise_pca", "PPCA loadings without the square root",
           impl="tests.mutants.factor:LoadingsWithoutRoot"),
    Mutant("factor.ppca_zero_noise_pca", "stated loadings U_qΛ_q (no square root)",
           form=Formula(r"W=U_q\Lambda_q", lambda eigenvalues, vectors: vectors * eigenvalues)),
]
