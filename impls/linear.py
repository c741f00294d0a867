"""Linear models of the documents (000, 001, 003), one protocol for all of them, in float64 NumPy.

* least squares ``argmin_w ‖Xw - y‖²`` with its minimum-norm solution ``X⁺y`` (rank-deficient ``X`` included);
* ridge regression ``argmin_w ½‖Xw - y‖² + λ/2 ‖w‖²`` (no intercept, the penalty on every coefficient);
* the gradient of the mean squared error ``‖Xw - y‖²/(2n)`` and one LMS (delta rule) step;
* the principal subspace of a data matrix: the optimal linear autoencoder.

Any implementation of :class:`LinearImpl` can be checked by the ``linear`` topic, e.g. scikit-learn or
``numpy.linalg.lstsq`` through their adapters::

    theorems check linear --impl impls.adapters.sklearn_linear:SklearnLinear
    theorems check linear --impl impls.adapters.numpy_linear:NumpyLinear
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class LinearImpl(Protocol):
    """What a linear-model implementation under test provides (float64 in, float64 out).

    ``least_squares(X, Y, rcond)``: the minimum-norm minimizer of ‖Xw - y‖² for each column y of ``Y``
    (``X`` is n × d, ``Y`` is (n,) or (n, k); the result is (d,) or (d, k)). Singular values of ``X`` at
    most ``rcond`` times the largest are treated as zero: the rank decision is the caller's.

    ``ridge(X, Y, lam)``: the minimizer of ½‖Xw - y‖² + λ/2 ‖w‖² for each column y of ``Y``, ``lam > 0``.

    ``mse_gradient(X, y, w)``: the gradient of ‖Xw - y‖²/(2n) at ``w``; shape (d,).

    ``lms_step(w, x, y, eta)``: one stochastic gradient step on ½(y - wᵀx)² from ``w``; shape (d,).

    ``principal_subspace(X, k)``: a d × k matrix with orthonormal columns spanning the top-k left singular
    subspace of the data matrix ``X`` (d × n, one sample per column).
    """

    def least_squares(self, X: np.ndarray, Y: np.ndarray, rcond: float) -> np.ndarray: ...

    def ridge(self, X: np.ndarray, Y: np.ndarray, lam: float) -> np.ndarray: ...

    def mse_gradient(self, X: np.ndarray, y: np.ndarray, w: np.ndarray) -> np.ndarray: ...

    def lms_step(self, w: np.ndarray, x: np.ndarray, y: float, eta: float) -> np.ndarray: ...

    def principal_subspace(self, X: np.ndarray, k: int) -> np.ndarray: ...


def _filtered(U: np.ndarray, factors: np.ndarray, Vt: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """V diag(factors) Uᵀ Y, for Y of shape (n,) or (n, k)."""
    Y = np.asarray(Y, dtype=float)
    columns = Y.reshape(len(U), -1)
    return (Vt.T @ (factors[:, None] * (U.T @ columns))).reshape((Vt.shape[1], *Y.shape[1:]))


class Linear:
    """The reference: every solution from the SVD X = U diag(s) Vᵀ, so that no normal equations square κ."""

    def least_squares(self, X: np.ndarray, Y: np.ndarray, rcond: float) -> np.ndarray:
        U, s, Vt = np.linalg.svd(np.asarray(X, dtype=float), full_matrices=False)
        kept = s > rcond * s.max() if s.size else s > 0
        return _filtered(U, np.divide(1.0, s, out=np.zeros_like(s), where=kept), Vt, Y)

    def ridge(self, X: np.ndarray, Y: np.ndarray, lam: float) -> np.ndarray:
        U, s, Vt = np.linalg.svd(np.asarray(X, dtype=float), full_matrices=False)
        return _filtered(U, s / (s**2 + lam), Vt, Y)  # the filter factors s²/(s² + λ), divided by s

    def mse_gradient(self, X: np.ndarray, y: np.ndarray, w: np.ndarray) -> np.ndarray:
        return X.T @ (X @ w - y) / len(X)

    def lms_step(self, w: np.ndarray, x: np.ndarray, y: float, eta: float) -> np.ndarray:
        return w + eta * (y - w @ x) * x

    def principal_subspace(self, X: np.ndarray, k: int) -> np.ndarray:
        return np.linalg.svd(np.asarray(X, dtype=float), full_matrices=False)[0][:, :k]
