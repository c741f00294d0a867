"""Gaussian building blocks of a variational autoencoder (VAE), as float64 NumPy functions.

A Gaussian ``N(mu, L Lᵀ)`` is given by its mean and a lower-triangular scale ``L`` with a positive
diagonal (a Cholesky factor of the covariance). The decoder of the ELBO is linear-Gaussian,
``x | z ~ N(W z + c, noise_var I)``, the one decoder for which every term of the ELBO is exact.

Any implementation with the :class:`VAEImpl` protocol can be checked::

    theorems check vae --impl mypackage.module:MyVAE
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np
from scipy.linalg import solve_triangular


@runtime_checkable
class VAEImpl(Protocol):
    """What a library of VAE building blocks under test provides (float64 in, float64 out)."""

    def diagonal_kl(self, mu: np.ndarray, log_var: np.ndarray) -> float:
        """KL(N(mu, diag(exp(log_var))) ‖ N(0, I)): the encoder's regulariser."""
        ...

    def kl_divergence(self, mu_q: np.ndarray, scale_q: np.ndarray, mu_p: np.ndarray, scale_p: np.ndarray) -> float:
        """KL(N(mu_q, L_q L_qᵀ) ‖ N(mu_p, L_p L_pᵀ))."""
        ...

    def expected_log_likelihood(self, x: np.ndarray, W: np.ndarray, c: np.ndarray, noise_var: float,
                                mu: np.ndarray, scale: np.ndarray) -> float:
        """E_{z ~ N(mu, L Lᵀ)} log N(x; W z + c, noise_var I): the reconstruction term of the ELBO."""
        ...

    def rsample(self, mu: np.ndarray, scale: np.ndarray, n: int, seed: int) -> np.ndarray:
        """``n`` reparameterised draws of N(mu, L Lᵀ), shape (n, d)."""
        ...

    def rsample_gradient(self, mu: np.ndarray, scale: np.ndarray, A: np.ndarray, b: np.ndarray, n: int,
                         seed: int) -> tuple[np.ndarray, np.ndarray]:
        """The reparameterisation gradient of the mean of f(z_k) = ½ z_kᵀ A z_k + bᵀ z_k over ``n`` draws
        z_k = mu + L ε_k, with respect to ``mu`` (shape (d,)) and to ``L`` (shape (d, d))."""
        ...


def _log_det(scale: np.ndarray) -> float:
    return 2.0 * float(np.sum(np.log(np.abs(np.diag(scale)))))


class VAE:
    """The reference implementation: closed forms in NumPy, draws from ``numpy.random.default_rng(seed)``."""

    def diagonal_kl(self, mu: np.ndarray, log_var: np.ndarray) -> float:
        return 0.5 * float(np.sum(np.exp(log_var) + mu**2 - 1.0 - log_var))

    def kl_divergence(self, mu_q: np.ndarray, scale_q: np.ndarray, mu_p: np.ndarray, scale_p: np.ndarray) -> float:
        m = solve_triangular(scale_p, scale_q, lower=True)
        diff = solve_triangular(scale_p, mu_q - mu_p, lower=True)
        return 0.5 * float(np.sum(m**2) + diff @ diff - len(mu_q) + _log_det(scale_p) - _log_det(scale_q))

    def expected_log_likelihood(self, x: np.ndarray, W: np.ndarray, c: np.ndarray, noise_var: float,
                                mu: np.ndarray, scale: np.ndarray) -> float:
        residual = x - W @ mu - c
        spread = float(np.sum((W @ scale) ** 2))  # tr(W Σ Wᵀ)
        return -(residual @ residual + spread) / (2 * noise_var) - len(x) / 2 * np.log(2 * np.pi * noise_var)

    def rsample(self, mu: np.ndarray, scale: np.ndarray, n: int, seed: int) -> np.ndarray:
        eps = np.random.default_rng(seed).standard_normal((n, len(mu)))
        return mu + eps @ scale.T

    def rsample_gradient(self, mu: np.ndarray, scale: np.ndarray, A: np.ndarray, b: np.ndarray, n: int,
                         seed: int) -> tuple[np.ndarray, np.ndarray]:
        eps = np.random.default_rng(seed).standard_normal((n, len(mu)))
        grad_z = (mu + eps @ scale.T) @ A + b  # ∇f(z_k) = A z_k + b (A symmetric), one row per draw
        return grad_z.mean(axis=0), grad_z.T @ eps / n  # chain rule through z = mu + L ε
