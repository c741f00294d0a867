"""Dense linear algebra of the documents (000-004): SVD, symmetric eigenproblems, determinants, inverses,
the pseudo-inverse, Cholesky, norms and the best rank-k approximation, in float64 (complex128 where the
input is complex).

Any implementation of :class:`LinalgImpl` can be checked by the ``linalg`` topic, e.g. ``numpy.linalg`` or
``scipy.linalg`` through their adapters::

    theorems check linalg --impl impls.adapters.numpy_linalg:NumpyLinalg
    theorems check linalg --impl impls.adapters.scipy_linalg:ScipyLinalg
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class LinalgImpl(Protocol):
    """What a dense linear-algebra implementation under test provides.

    ``svd(A)``: the full SVD ``(U, s, Vh)`` of an m × n real or complex ``A``: U (m × m) and Vh (n × n) unitary,
    s the min(m, n) singular values in non-increasing order, A = U Σ Vh with Σ the m × n diagonal of s.

    ``eigh(A)``: ``(w, V)`` for a real symmetric (complex Hermitian) ``A``: eigenvalues in ascending order and
    the orthonormal eigenvectors as the columns of V, A = V diag(w) Vᴴ.

    ``eigvals(A)``: the n (complex) eigenvalues of a general square ``A``, with multiplicity, in any order.

    ``det(A)``, ``inv(A)``: determinant and inverse of a real square ``A``.

    ``pinv(A, rcond)``: the Moore–Penrose inverse, singular values at most ``rcond`` times the largest treated
    as zero (the rank decision is the caller's).

    ``cholesky(A)``: a lower-triangular L with A = L Lᵀ for a real symmetric positive semi-definite ``A``
    (singular ones included).

    ``norm(A, ord)``: the operator 2-norm (``ord=2``) or the Frobenius norm (``ord="fro"``) of a matrix.

    ``low_rank(A, k)``: a best approximation of ``A`` of rank at most k in Frobenius norm (m × n).
    """

    def svd(self, A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]: ...

    def eigh(self, A: np.ndarray) -> tuple[np.ndarray, np.ndarray]: ...

    def eigvals(self, A: np.ndarray) -> np.ndarray: ...

    def det(self, A: np.ndarray) -> float: ...

    def inv(self, A: np.ndarray) -> np.ndarray: ...

    def pinv(self, A: np.ndarray, rcond: float) -> np.ndarray: ...

    def cholesky(self, A: np.ndarray) -> np.ndarray: ...

    def norm(self, A: np.ndarray, ord: int | str) -> float: ...

    def low_rank(self, A: np.ndarray, k: int) -> np.ndarray: ...


class Linalg:
    """The reference. The SVD and the eigenvalue solvers are LAPACK's (through NumPy); every other routine is
    built from them or written out, so that it is a different route from the library call it is compared with:
    the determinant by Gaussian elimination with partial pivoting, Cholesky from the eigendecomposition and a
    QR factorization (which also covers singular PSD matrices), the pseudo-inverse and the rank-k
    approximation from the SVD, the norms from the singular values and a scaled sum of squares."""

    def svd(self, A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        U, s, Vh = np.linalg.svd(np.asarray(A), full_matrices=True)
        return U, s, Vh

    def eigh(self, A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        w, V = np.linalg.eigh(np.asarray(A))
        return w, V

    def eigvals(self, A: np.ndarray) -> np.ndarray:
        return np.linalg.eigvals(np.asarray(A, dtype=float))

    def det(self, A: np.ndarray) -> float:
        """Gaussian elimination with partial pivoting: the product of the pivots, the sign of the row swaps."""
        U = np.array(A, dtype=float)
        n, sign = len(U), 1.0
        for k in range(n):
            p = k + int(np.argmax(np.abs(U[k:, k])))
            if U[p, k] == 0.0:
                return 0.0
            if p != k:
                U[[k, p]] = U[[p, k]]
                sign = -sign
            U[k + 1:, k:] -= np.outer(U[k + 1:, k] / U[k, k], U[k, k:])
        return sign * float(np.prod(np.diag(U)))

    def inv(self, A: np.ndarray) -> np.ndarray:
        A = np.asarray(A, dtype=float)
        return np.linalg.solve(A, np.eye(len(A)))

    def pinv(self, A: np.ndarray, rcond: float) -> np.ndarray:
        U, s, Vh = np.linalg.svd(np.asarray(A, dtype=float), full_matrices=False)
        kept = s > rcond * s.max() if s.size else s > 0
        inverse = np.divide(1.0, s, out=np.zeros_like(s), where=kept)
        return (Vh.T * inverse) @ U.T

    def cholesky(self, A: np.ndarray) -> np.ndarray:
        """A = Q Λ Qᵀ = Bᵀ B with B = Λ^½ Qᵀ (negative rounding of zero eigenvalues clipped); B = Q' R, so
        A = Rᵀ R and L = Rᵀ, its diagonal made non-negative."""
        w, Q = np.linalg.eigh(np.asarray(A, dtype=float))
        R = np.linalg.qr(np.sqrt(np.clip(w, 0.0, None))[:, None] * Q.T, mode="r")
        signs = np.where(np.diag(R) < 0, -1.0, 1.0)
        return (signs[:, None] * R).T

    def norm(self, A: np.ndarray, ord: int | str) -> float:
        A = np.asarray(A)
        if ord == 2:
            return float(np.linalg.svd(A, compute_uv=False)[0]) if A.size else 0.0
        if ord == "fro":
            scale = float(np.abs(A).max()) if A.size else 0.0
            return scale * float(np.sqrt(np.sum(np.abs(A / scale) ** 2))) if scale > 0 else 0.0
        raise ValueError(f"norm order {ord!r}: only 2 and 'fro'")

    def low_rank(self, A: np.ndarray, k: int) -> np.ndarray:
        U, s, Vh = np.linalg.svd(np.asarray(A, dtype=float), full_matrices=False)
        return (U[:, :k] * s[:k]) @ Vh[:k]
