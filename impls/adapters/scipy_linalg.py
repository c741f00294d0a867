"""``scipy.linalg`` behind the :class:`~impls.linalg.LinalgImpl` protocol.

``theorems check linalg --impl impls.adapters.scipy_linalg:ScipyLinalg``

``svd(A, lapack_driver="gesvd")`` (the QR-iteration driver, not NumPy's divide-and-conquer ``gesdd``),
``eigh``, ``eigvals``, ``det``, ``inv``, ``pinv(A, atol=0, rtol=rcond)``, ``cholesky(A, lower=True)`` and
``norm``; ``low_rank`` truncates ``svd``. ``scipy.linalg.cholesky`` requires a positive *definite* matrix: on a
singular PSD matrix it raises ``LinAlgError``, which ``linalg.psd_cholesky`` reports. ``scipy.linalg.eigvals``
(SciPy 1.17.1) returns ≈ 6.7e-139 as the eigenvalue of a matrix whose entries are all below about 1e-138
(``eigvals([[1e-150]])`` gives 6.72e-139, NumPy gives 1e-150), which ``linalg.trace_sum_eigenvalues`` refutes.
SciPy is an optional
extra: without it, instantiating the adapter raises ``ImportError`` with that reason.
"""

from __future__ import annotations

import numpy as np


class ScipyLinalg:
    """``scipy.linalg``, one call per method."""

    def __init__(self) -> None:
        try:
            import scipy.linalg
        except ImportError as exc:  # an optional extra: say so, never skip silently
            raise ImportError(f"scipy is not installed (pip install scipy): {exc}") from exc
        self.la = scipy.linalg

    def svd(self, A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        U, s, Vh = self.la.svd(A, full_matrices=True, lapack_driver="gesvd")
        return U, s, Vh

    def eigh(self, A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        w, V = self.la.eigh(A)
        return w, V

    def eigvals(self, A: np.ndarray) -> np.ndarray:
        return self.la.eigvals(A)

    def det(self, A: np.ndarray) -> float:
        return float(self.la.det(A))

    def inv(self, A: np.ndarray) -> np.ndarray:
        return self.la.inv(A)

    def pinv(self, A: np.ndarray, rcond: float) -> np.ndarray:
        return self.la.pinv(A, atol=0.0, rtol=rcond)

    def cholesky(self, A: np.ndarray) -> np.ndarray:
        return self.la.cholesky(A, lower=True)

    def norm(self, A: np.ndarray, ord: int | str) -> float:
        return float(self.la.norm(A, ord))

    def low_rank(self, A: np.ndarray, k: int) -> np.ndarray:
        U, s, Vh = self.la.svd(A, full_matrices=False, lapack_driver="gesvd")
        return (U[:, :k] * s[:k]) @ Vh[:k]
