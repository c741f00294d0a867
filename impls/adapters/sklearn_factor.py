"""scikit-learn's ``FactorAnalysis`` and ``PCA`` behind the :class:`~impls.factor.FactorImpl` protocol.

``theorems check factor --impl impls.adapters.sklearn_factor:SklearnFactor``

The model's quantities are sklearn's own, from a ``FactorAnalysis`` whose fitted attributes are set to the
model (``components_ = Wᵀ``, ``noise_variance_ = psi``, ``mean_ = μ``):

* ``marginal_covariance`` is ``get_covariance()``; ``log_likelihood`` is ``score_samples`` (through
  ``get_precision``, sklearn's Woodbury form of (WWᵀ + Ψ)⁻¹);
* the posterior means are ``transform`` (sklearn documents it as the expected latent, Bishop 12.66). sklearn
  does not expose the posterior covariance; it is derived from sklearn's outputs alone by the law of total
  covariance, I = Cov(z) = E[Cov(z | x)] + Cov(E[z | x]) = Σ_{z|x} + G C Gᵀ, with the gain G read off
  ``transform`` at x = μ + e_j and C = ``get_covariance()``.

``fit`` is ``PCA(n_components=q).fit`` for PPCA (Tipping & Bishop's closed form: ``noise_variance_`` is the mean
of the discarded eigenvalues and ``components_``, ``explained_variance_`` give W) and
``FactorAnalysis(n_components=q).fit`` otherwise. sklearn's PCA uses the unbiased sample covariance
(divisor N - 1) where the maximum-likelihood estimate divides by N: the whole fitted covariance WWᵀ + σ²I
scales by (N - 1)/N, so the adapter converts with that factor (documented in sklearn's ``explained_variance_``:
"the n_samples - 1 degrees of freedom"). ``FactorAnalysis.fit`` is the ML estimate with divisor N already.
"""

from __future__ import annotations

import numpy as np
from sklearn.decomposition import PCA
from sklearn.decomposition import FactorAnalysis as _FactorAnalysis


def _model(mu: np.ndarray, W: np.ndarray, psi: np.ndarray) -> _FactorAnalysis:
    """A FactorAnalysis whose fitted state is the model (μ, W, psi)."""
    model = _FactorAnalysis(n_components=W.shape[1])
    model.components_ = np.array(W.T, dtype=float)
    model.noise_variance_ = np.array(psi, dtype=float)
    model.mean_ = np.array(mu, dtype=float)
    model.n_features_in_ = len(mu)
    return model


class SklearnFactor:
    """sklearn's FactorAnalysis (the model, its posterior, the FA fit) and PCA (the PPCA fit)."""

    def marginal_covariance(self, W: np.ndarray, psi: np.ndarray) -> np.ndarray:
        return _model(np.zeros(len(W)), W, psi).get_covariance()

    def log_likelihood(self, X: np.ndarray, mu: np.ndarray, W: np.ndarray, psi: np.ndarray) -> np.ndarray:
        return _model(mu, W, psi).score_samples(X)

    def posterior(self, X: np.ndarray, mu: np.ndarray, W: np.ndarray,
                  psi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        model = _model(mu, W, psi)
        G = model.transform(mu + np.eye(len(mu))).T  # the gain: E[z | x] is linear in x - μ
        return model.transform(X), np.eye(W.shape[1]) - G @ model.get_covariance() @ G.T

    def fit(self, X: np.ndarray, q: int, isotropic: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if not isotropic:
            fa = _FactorAnalysis(n_components=q, tol=1e-10, max_iter=10_000, svd_method="lapack").fit(X)
            return fa.mean_, fa.components_.T, fa.noise_variance_
        pca = PCA(n_components=q, svd_solver="full").fit(X)
        to_ml = (len(X) - 1) / len(X)
        W = pca.components_.T * np.sqrt(np.maximum(pca.explained_variance_ - pca.noise_variance_, 0.0) * to_ml)
        return pca.mean_, W, np.full(X.shape[1], pca.noise_variance_ * to_ml)
