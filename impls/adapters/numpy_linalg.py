"""``numpy.linalg`` behind the :class:`~impls.linalg.LinalgImpl` protocol.

``theorems check linalg --impl impls.adapters.numpy_linalg:NumpyLinalg``

Every method is the one ``numpy.linalg`` call: ``svd(A, full_matrices=True)`` (LAPACK ``gesdd``), ``eigh``
(``syevd``/``heevd``), ``eigvals`` (``geev``), ``det`` (LU, ``getrf``), ``inv``, ``pinv(A, rcond=rcond)``,
``cholesky`` (``potrf``), ``norm(A, 2)`` and ``norm(A, "fro")``; ``low_rank`` truncates ``svd``.
``numpy.linalg.cholesky`` requires a positive *definite* matrix: on a singular PSD matrix it raises
``LinAlgError``, which ``linalg.psd_cholesky`` reports.
"""

from __future__ import annotations

import numpy as np


class NumpyLinalg:
    """``numpy.linalg``, one call per method."""

    def svd(self, A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        U, s, Vh = np.linalg.svd(A, full_matrices=True)
        return U, s, Vh

    def eigh(self, A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        w, V = np.linalg.eigh(A)
        return w, V

    def eigvals(self, A: np.ndarray) -> np.ndarray:
        return np.linalg.eigvals(A)

    def det(self, A: np.ndarray) -> float:
        return float(np.linalg.det(A))

    def inv(self, A: np.ndarray) -> np.ndarray:
        return np.linalg.inv(A)

    def pinv(self, A: np.ndarray, rcond: float) -> np.ndarray:
        return np.linalg.pinv(A, rcond=rcond)

    def cholesky(self, A: np.ndarray) -> np.ndarray:
        return np.linalg.cholesky(A)

    def norm(self, A: np.ndarray, ord: int | str) -> float:
        return float(np.linalg.norm(A, ord))

    def low_rank(self, A: np.ndarray, k: int) -> np.ndarray:
        U, s, Vh = np.linalg.svd(A, full_matrices=False)
        return (U[:, :k] * s[:k]) @ Vh[:k]
