"""``numpy.linalg`` behind the :class:`~impls.linear.LinearImpl` protocol.

``theorems check linear --impl impls.adapters.numpy_linear:NumpyLinear``

* ``least_squares``: ``numpy.linalg.lstsq(X, Y, rcond=rcond)`` (SVD-based, LAPACK ``gelsd``): the minimum-norm
  solution, singular values at most ``rcond``·s_max treated as zero.
* ``ridge``: ``lstsq`` of the augmented system [X; √λ I] w = [y; 0], whose normal equations are
  (XᵀX + λI)w = Xᵀy: the usual way to solve ridge without forming XᵀX.
* ``principal_subspace``: the left singular vectors of ``numpy.linalg.svd``; ``mse_gradient`` and ``lms_step``
  are NumPy expressions (the reference's).
"""

from __future__ import annotations

import numpy as np

from impls.linear import Linear


class NumpyLinear(Linear):
    """Least squares and ridge through ``numpy.linalg.lstsq``."""

    def least_squares(self, X: np.ndarray, Y: np.ndarray, rcond: float) -> np.ndarray:
        return np.linalg.lstsq(X, Y, rcond=rcond)[0]

    def ridge(self, X: np.ndarray, Y: np.ndarray, lam: float) -> np.ndarray:
        d = X.shape[1]
        zeros = np.zeros((d, *np.shape(Y)[1:]))
        return np.linalg.lstsq(np.vstack([X, np.sqrt(lam) * np.eye(d)]), np.concatenate([Y, zeros]), rcond=None)[0]
