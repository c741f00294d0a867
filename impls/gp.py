"""Gaussian processes: kernels, the NNGP kernels of ReLU and erf units, and Bayesian regression.

The protocol :class:`GaussianProcessImpl` is what the ``gp`` claims check; :class:`GaussianProcess`
is the NumPy float64 reference. Conventions:

* inputs are rows: ``X`` is ``(n, d)``, ``Z`` is ``(m, d)``; a Gram matrix is ``(n, m)``;
* ``relu_expectation(K)`` and ``erf_expectation(K)`` map the covariance ``K`` of a Gaussian vector f
  to the matrix E[φ(fᵢ) φ(fⱼ)] (one step of the NNGP recursion, weight variance 1);
* ``gp_posterior`` is the posterior of the latent f at ``X_star`` given y = f(X) + ε, ε ~ N(0, σ² I),
  under the prior f ~ GP(0, k): mean k*ᵀ(K + σ²I)⁺y and variance k** - k*ᵀ(K + σ²I)⁺k* (σ² = 0 is
  noise-free regression, with the pseudo-inverse);
* ``blr_posterior`` is the posterior N(μ, Σ_post) of w in y = Xw + ε, w ~ N(0, Σ), ε ~ N(0, σ² I).
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

KERNELS = ("rbf", "linear")
"""Kernels of ``gp_posterior``: exp(-γ‖x - x'‖²), and x·x' (the prior w ~ N(0, I) of f = x·w)."""


class GaussianProcessImpl(Protocol):
    def linear_kernel(self, X: np.ndarray, Z: np.ndarray, prior_cov: np.ndarray) -> np.ndarray:
        """Gram matrix of k(x, z) = xᵀ Σ z, the covariance of f(x) = xᵀw for w ~ N(0, Σ): ``(n, m)``."""
        ...

    def rbf_kernel(self, X: np.ndarray, Z: np.ndarray, gamma: float) -> np.ndarray:
        """Gram matrix of k(x, z) = exp(-γ ‖x - z‖²): ``(n, m)``."""
        ...

    def relu_expectation(self, K: np.ndarray) -> np.ndarray:
        """E[relu(fᵢ) relu(fⱼ)] for f ~ N(0, K) (the arc-cosine kernel of degree 1): ``(n, n)``."""
        ...

    def erf_expectation(self, K: np.ndarray) -> np.ndarray:
        """E[erf(fᵢ) erf(fⱼ)] for f ~ N(0, K): ``(n, n)``."""
        ...

    def gp_posterior(self, X: np.ndarray, y: np.ndarray, X_star: np.ndarray, noise: float,
                     kernel: str = "rbf", gamma: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
        """Posterior mean and variance of the latent f at the rows of ``X_star``: two ``(m,)`` vectors."""
        ...

    def blr_posterior(self, X: np.ndarray, y: np.ndarray, noise: float,
                      prior_cov: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Posterior mean ``(d,)`` and covariance ``(d, d)`` of the weights of Bayesian linear regression."""
        ...


def arccos_relu(K: np.ndarray) -> np.ndarray:
    """Cho & Saul's arc-cosine kernel of degree 1 in terms of the input covariance:
    √(KᵢᵢKⱼⱼ)(sin θ + (π - θ) cos θ)/(2π), cos θ = Kᵢⱼ/√(KᵢᵢKⱼⱼ)."""
    K = np.asarray(K, dtype=float)
    norms = np.sqrt(np.outer(np.diag(K), np.diag(K)))
    with np.errstate(invalid="ignore", divide="ignore"):
        cos = np.clip(np.where(norms > 0, K / norms, 1.0), -1.0, 1.0)
    theta = np.arccos(cos)
    return norms * (np.sin(theta) + (np.pi - theta) * cos) / (2 * np.pi)


def arcsin_erf(K: np.ndarray) -> np.ndarray:
    """Williams' (1997) erf kernel: (2/π) arcsin(2Kᵢⱼ/√((1 + 2Kᵢᵢ)(1 + 2Kⱼⱼ)))."""
    K = np.asarray(K, dtype=float)
    scale = np.sqrt(np.outer(1 + 2 * np.diag(K), 1 + 2 * np.diag(K)))
    return 2 / np.pi * np.arcsin(np.clip(2 * K / scale, -1.0, 1.0))


class GaussianProcess:
    """NumPy float64 reference."""

    def linear_kernel(self, X: np.ndarray, Z: np.ndarray, prior_cov: np.ndarray) -> np.ndarray:
        return np.asarray(X, dtype=float) @ np.asarray(prior_cov, dtype=float) @ np.asarray(Z, dtype=float).T

    def rbf_kernel(self, X: np.ndarray, Z: np.ndarray, gamma: float) -> np.ndarray:
        X, Z = np.asarray(X, dtype=float), np.asarray(Z, dtype=float)
        squared = np.sum((X[:, None, :] - Z[None, :, :]) ** 2, axis=-1)
        return np.exp(-gamma * squared)

    def relu_expectation(self, K: np.ndarray) -> np.ndarray:
        return arccos_relu(K)

    def erf_expectation(self, K: np.ndarray) -> np.ndarray:
        return arcsin_erf(K)

    def _gram(self, X: np.ndarray, Z: np.ndarray, kernel: str, gamma: float) -> np.ndarray:
        if kernel == "rbf":
            return self.rbf_kernel(X, Z, gamma)
        if kernel == "linear":
            return self.linear_kernel(X, Z, np.eye(np.shape(X)[1]))
        raise ValueError(f"kernel must be one of {KERNELS}, got {kernel!r}")

    def gp_posterior(self, X: np.ndarray, y: np.ndarray, X_star: np.ndarray, noise: float,
                     kernel: str = "rbf", gamma: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
        K = self._gram(X, X, kernel, gamma)
        k_star = self._gram(X, X_star, kernel, gamma)
        k_starstar = np.diag(self._gram(X_star, X_star, kernel, gamma))
        inverse = np.linalg.pinv(K + noise * np.eye(len(K)), hermitian=True)
        weights = inverse @ k_star
        return weights.T @ np.asarray(y, dtype=float), k_starstar - np.sum(k_star * weights, axis=0)

    def blr_posterior(self, X: np.ndarray, y: np.ndarray, noise: float,
                      prior_cov: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        X, prior_cov = np.asarray(X, dtype=float), np.asarray(prior_cov, dtype=float)
        precision = np.linalg.inv(prior_cov) + X.T @ X / noise
        cov = np.linalg.inv(precision)
        cov = (cov + cov.T) / 2
        return cov @ X.T @ np.asarray(y, dtype=float) / noise, cov
