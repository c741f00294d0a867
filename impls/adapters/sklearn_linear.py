"""scikit-learn's linear models behind the :class:`~impls.linear.LinearImpl` protocol.

``theorems check linear --impl impls.adapters.sklearn_linear:SklearnLinear``

* ``least_squares``: ``LinearRegression(fit_intercept=False, tol=rcond)``. On dense data sklearn (≥ 1.9) passes
  ``tol`` as the ``cond`` of ``scipy.linalg.lstsq``: singular values below ``tol``·s_max are treated as zero, so
  ``tol`` is the protocol's rank decision ``rcond``. Its default, ``tol=1e-6``, truncates every design with
  κ ≥ 1e6 to a lower rank and returns a solution that is not least squares: :func:`default_tolerance` keeps that
  default, and ``theorems check linear --impl impls.adapters.sklearn_linear:default_tolerance`` refutes
  ``linear.ols_closed_form`` on it (for a 3 × 2 design with κ = 1e6 it returns (0.717, 0.686) where
  X⁺y = (74346, -77753)).
* ``ridge``: ``Ridge(alpha=λ, fit_intercept=False)``. sklearn minimizes ‖y - Xw‖² + α‖w‖², twice the documents'
  ½‖Xw - y‖² + λ/2 ‖w‖², so the minimizer is the same with α = λ (no rescaling).
* ``lms_step``: one epoch of ``SGDRegressor`` (squared loss ½(y - wᵀx)², no penalty, constant rate η) on the one
  sample, started from ``coef_init=w``.
* ``principal_subspace``: ``PCA(n_components=k).components_`` of the samples (columns of X).
* ``mse_gradient``: scikit-learn exposes no gradient; the reference's is used.

Conventions that differ from the documents' (and are switched off here): ``fit_intercept=True`` (the default of
all three estimators) centres X and y and fits an unpenalized intercept, so ``Ridge`` then shrinks only the
centred coefficients; ``PCA`` always centres the samples, so its subspace is the top singular subspace of the
centred X, not of X (the topic's checks use centred data, where the two agree).
"""

from __future__ import annotations

import warnings

import numpy as np
from sklearn.decomposition import PCA
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LinearRegression, Ridge, SGDRegressor

from impls.linear import Linear


class SklearnLinear(Linear):
    """Least squares, ridge, LMS and PCA from scikit-learn; the MSE gradient from the reference."""

    def __init__(self, *, default_tol: bool = False) -> None:
        self.default_tol = default_tol

    def least_squares(self, X: np.ndarray, Y: np.ndarray, rcond: float) -> np.ndarray:
        tol = {} if self.default_tol else {"tol": rcond}
        return LinearRegression(fit_intercept=False, **tol).fit(X, Y).coef_.T

    def ridge(self, X: np.ndarray, Y: np.ndarray, lam: float) -> np.ndarray:
        return Ridge(alpha=lam, fit_intercept=False).fit(X, Y).coef_.T

    def lms_step(self, w: np.ndarray, x: np.ndarray, y: float, eta: float) -> np.ndarray:
        sgd = SGDRegressor(loss="squared_error", penalty=None, learning_rate="constant", eta0=eta,
                           fit_intercept=False, max_iter=1, tol=None, shuffle=False)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            sgd.fit(np.asarray(x, dtype=float)[None, :], [float(y)], coef_init=np.asarray(w, dtype=float).copy())
        return sgd.coef_.copy()

    def principal_subspace(self, X: np.ndarray, k: int) -> np.ndarray:
        return PCA(n_components=k, svd_solver="full").fit(np.asarray(X, dtype=float).T).components_.T


def default_tolerance() -> SklearnLinear:
    """``LinearRegression`` with its default ``tol=1e-6``: the rank decision at 1e-6 s_max, not the caller's."""
    return SklearnLinear(default_tol=True)
