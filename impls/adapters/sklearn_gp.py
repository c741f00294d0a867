"""``sklearn.gaussian_process`` behind the :class:`~impls.gp.GaussianProcessImpl` protocol.

``GaussianProcessRegressor`` is used as a pure implementation of the closed forms: fixed kernels
(``RBF(length_scale=1/√(2γ))`` for exp(-γ‖x - x'‖²), ``DotProduct(sigma_0=0)`` for x·x', bounds "fixed"),
``optimizer=None`` (no marginal-likelihood fit), ``normalize_y=False`` (prior mean 0, no rescaling of y), and
``alpha`` = the noise variance σ² (sklearn adds ``alpha`` to the diagonal of K; ``predict`` returns the
latent f's mean and standard deviation, without the noise). The Gram matrices are the kernels' ``__call__``.
sklearn has no arc-cosine/erf kernel and no weight-space posterior: those methods are the NumPy
reference's. Select with ``--impl impls.adapters.sklearn_gp:SklearnGP``.
"""

from __future__ import annotations

import warnings

import numpy as np
from scipy.linalg import cholesky
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import RBF, DotProduct, Kernel

from impls.gp import KERNELS, GaussianProcess


def _rbf(gamma: float) -> Kernel:
    return RBF(length_scale=1.0 / np.sqrt(2.0 * gamma), length_scale_bounds="fixed")


def _linear() -> Kernel:
    return DotProduct(sigma_0=0.0, sigma_0_bounds="fixed")


class SklearnGP(GaussianProcess):
    """Kernels and the function-space posterior by scikit-learn; the NNGP expectations and the weight
    posterior inherited from the reference."""

    def linear_kernel(self, X: np.ndarray, Z: np.ndarray, prior_cov: np.ndarray) -> np.ndarray:
        L = cholesky(np.asarray(prior_cov, dtype=float), lower=True)  # xᵀΣz = (Lᵀx)·(Lᵀz)
        return _linear()(np.asarray(X, dtype=float) @ L, np.asarray(Z, dtype=float) @ L)

    def rbf_kernel(self, X: np.ndarray, Z: np.ndarray, gamma: float) -> np.ndarray:
        return _rbf(gamma)(np.asarray(X, dtype=float), np.asarray(Z, dtype=float))

    def gp_posterior(self, X: np.ndarray, y: np.ndarray, X_star: np.ndarray, noise: float,
                     kernel: str = "rbf", gamma: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
        if kernel not in KERNELS:
            raise ValueError(f"kernel must be one of {KERNELS}, got {kernel!r}")
        regressor = GaussianProcessRegressor(kernel=_rbf(gamma) if kernel == "rbf" else _linear(), alpha=noise,
                                             optimizer=None, normalize_y=False)
        regressor.fit(np.asarray(X, dtype=float), np.asarray(y, dtype=float))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Predicted variances smaller than 0": sklearn sets them to 0
            mean, std = regressor.predict(np.asarray(X_star, dtype=float), return_std=True)
        return mean, std**2
