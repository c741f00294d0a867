"""Linear factor analysis and probabilistic PCA (PPCA), as float64 NumPy functions.

The model: z ~ N(0, I_m), x = μ + W z + η with η ~ N(0, Ψ), Ψ = diag(psi) independent of z, W ∈ R^{n×m}.
Its marginal is N(μ, WWᵀ + Ψ); the posterior of z given x is Gaussian with precision I + WᵀΨ⁻¹W. PPCA is the
case Ψ = σ²I, whose maximum-likelihood fit is closed-form (Tipping & Bishop 1999); factor analysis with a
general diagonal Ψ is fitted iteratively (EM, Rubin & Thayer 1982).

Any implementation with the :class:`FactorImpl` protocol can be checked::

    theorems check factor --impl mypackage.module:MyFactorModel
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np
from scipy.linalg import cho_factor, cho_solve


@runtime_checkable
class FactorImpl(Protocol):
    """What a factor-analysis library under test provides (float64 in, float64 out)."""

    def marginal_covariance(self, W: np.ndarray, psi: np.ndarray) -> np.ndarray:
        """The covariance WWᵀ + diag(psi) of the marginal of x, shape (n, n)."""
        ...

    def log_likelihood(self, X: np.ndarray, mu: np.ndarray, W: np.ndarray, psi: np.ndarray) -> np.ndarray:
        """log p(x_i) under the model, one value per row of X (shape (N,))."""
        ...

    def posterior(self, X: np.ndarray, mu: np.ndarray, W: np.ndarray,
                  psi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The posterior of z given each row of X: the means (N, m) and the common covariance (m, m)."""
        ...

    def fit(self, X: np.ndarray, q: int, isotropic: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Maximum-likelihood (μ, W (n, q), psi (n,)) for the rows of X: PPCA (psi all equal) when ``isotropic``,
        factor analysis otherwise. W is identifiable only up to a rotation W → WQ."""
        ...


def ppca_loadings(X: np.ndarray, q: int) -> tuple[np.ndarray, float]:
    """Tipping & Bishop's ML solution W = U_q (Λ_q - σ²I)^{1/2}, σ² the mean of the n - q discarded eigenvalues
    of the ML sample covariance S = (1/N) Σ (x_i - x̄)(x_i - x̄)ᵀ."""
    centred = X - X.mean(axis=0)
    eigenvalues, vectors = np.linalg.eigh(centred.T @ centred / len(X))
    eigenvalues, vectors = eigenvalues[::-1], vectors[:, ::-1]
    sigma2 = max(float(eigenvalues[q:].mean()), 0.0) if q < len(eigenvalues) else 0.0  # rounding may make it < 0
    return vectors[:, :q] * np.sqrt(np.maximum(eigenvalues[:q] - sigma2, 0.0)), sigma2


class FactorAnalysis:
    """The reference implementation: the Woodbury form of the posterior (an m × m solve), EM for factor analysis."""

    em_iterations = 500

    def marginal_covariance(self, W: np.ndarray, psi: np.ndarray) -> np.ndarray:
        return W @ W.T + np.diag(psi)

    def log_likelihood(self, X: np.ndarray, mu: np.ndarray, W: np.ndarray, psi: np.ndarray) -> np.ndarray:
        factor = cho_factor(self.marginal_covariance(W, psi), lower=True)
        centred = X - mu
        mahalanobis = np.sum(centred * cho_solve(factor, centred.T).T, axis=1)
        log_det = 2.0 * np.sum(np.log(np.diag(factor[0])))
        return -0.5 * (mahalanobis + log_det + len(mu) * np.log(2 * np.pi))

    def posterior(self, X: np.ndarray, mu: np.ndarray, W: np.ndarray,
                  psi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        scaled = W.T / psi  # WᵀΨ⁻¹
        cov = np.linalg.inv(np.eye(W.shape[1]) + scaled @ W)
        return (X - mu) @ (cov @ scaled).T, cov

    def fit(self, X: np.ndarray, q: int, isotropic: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        mu = X.mean(axis=0)
        W, sigma2 = ppca_loadings(X, q)
        psi = np.full(X.shape[1], sigma2)
        if isotropic:
            return mu, W, psi
        centred = X - mu
        S = centred.T @ centred / len(X)
        psi = np.maximum(np.diag(S) - np.sum(W**2, axis=1), 1e-6 * np.diag(S))  # start at the PPCA solution
        for _ in range(self.em_iterations):
            means, cov = self.posterior(centred, np.zeros_like(mu), W, psi)
            second_moment = cov + means.T @ means / len(X)  # (1/N) Σ E[z zᵀ | x_i]
            W = np.linalg.solve(second_moment, means.T @ centred / len(X)).T
            psi = np.maximum(np.diag(S - W @ (means.T @ centred) / len(X)), 1e-12 * np.diag(S))
        return mu, W, psi
