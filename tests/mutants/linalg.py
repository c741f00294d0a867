"""Wrong linear algebra and wrong formulas that the linalg claims must reject."""

from __future__ import annotations

import numpy as np
import sympy

from impls.linalg import Linalg
from tests.mutants import Mutant
from theorems.engine import Formula
from theorems.topics.linalg.inequalities import ABS_INNER, NORMS, RE_INNER, ZERO
from theorems.topics.linalg.psd import PSD_PRINCIPAL, criterion, leading_minors


class FrobeniusAsSpectral(Linalg):
    """``norm(A, 2)`` returns the Frobenius norm."""

    def norm(self, A: np.ndarray, ord: int | str) -> float:
        return super().norm(A, "fro")


class SpectralAsFrobenius(Linalg):
    """``norm(A, "fro")`` returns the spectral norm."""

    def norm(self, A: np.ndarray, ord: int | str) -> float:
        return super().norm(A, 2)


class EntrywiseMaxNorm(Linalg):
    """``norm(A, "fro")`` as √(mn)·max|a_ij|: an upper bound, equal only for a constant-modulus A."""

    def norm(self, A: np.ndarray, ord: int | str) -> float:
        return float(np.sqrt(np.size(A)) * np.abs(A).max()) if ord == "fro" else super().norm(A, ord)


class UnsortedSingularValues(Linalg):
    """The SVD with its singular triplets in ascending order of σ."""

    def svd(self, A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        U, s, Vh = super().svd(A)
        p = len(s)
        order = np.arange(p)[::-1]
        U, Vh = U.copy(), Vh.copy()
        U[:, :p], Vh[:p] = U[:, order], Vh[order]
        return U, s[order], Vh


class ThinSvd(Linalg):
    """The thin SVD (U m × p, Vh p × n) where the full one is asked for."""

    def svd(self, A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        U, s, Vh = np.linalg.svd(A, full_matrices=False)
        return U, s, Vh


class SquaredSingularValues(Linalg):
    """The eigenvalues of AᴴA returned as singular values (the square root forgotten)."""

    def svd(self, A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        U, s, Vh = super().svd(A)
        return U, s**2, Vh


class LoneSignFlip(Linalg):
    """u₁ negated without v₁: no longer a pair of singular vectors of A."""

    def svd(self, A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        U, s, Vh = super().svd(A)
        U = U.copy()
        U[:, 0] = -U[:, 0]
        return U, s, Vh


class MismatchedSingularVectors(Linalg):
    """Eckart–Young with the wrong right singular vectors: U_k Σ_k times the last k rows of Vᵀ."""

    def low_rank(self, A: np.ndarray, k: int) -> np.ndarray:
        U, s, Vh = np.linalg.svd(A, full_matrices=False)
        return (U[:, :k] * s[:k]) @ Vh[len(s) - k:] if k else np.zeros_like(A)


class SmallestSingularValues(Linalg):
    """The rank-k approximation that keeps the k smallest singular values."""

    def low_rank(self, A: np.ndarray, k: int) -> np.ndarray:
        U, s, Vh = np.linalg.svd(A, full_matrices=False)
        keep = np.arange(len(s) - k, len(s))
        return (U[:, keep] * s[keep]) @ Vh[keep]


class TransposeOverNormPinv(Linalg):
    """The pseudo-inverse as Aᵀ/‖A‖₂²: right for orthonormal columns, wrong for any other A."""

    def pinv(self, A: np.ndarray, rcond: float) -> np.ndarray:
        return A.T / self.norm(A, 2) ** 2


class EighOfNonSymmetric(Linalg):
    """The eigenvalues of a general matrix through ``eigh`` (which reads only its lower triangle)."""

    def eigvals(self, A: np.ndarray) -> np.ndarray:
        return np.linalg.eigh(A)[0]


class Float32Eigh(Linalg):
    """``eigh`` in float32: a zero eigenvalue comes out as ±1e-7‖A‖."""

    def eigh(self, A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        w, V = np.linalg.eigh(np.asarray(A, dtype=np.float32))
        return w.astype(float), V.astype(float)


class DescendingEigh(Linalg):
    """``eigh`` with the eigenvalues in descending order (λ_min taken from the end)."""

    def eigh(self, A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        w, V = super().eigh(A)
        return w[::-1], V[:, ::-1]


class EigenvectorRows(Linalg):
    """``eigh`` returning the eigenvectors as rows."""

    def eigh(self, A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        w, V = super().eigh(A)
        return w, V.T


class UpperCholesky(Linalg):
    """The upper factor R = Lᵀ returned for L."""

    def cholesky(self, A: np.ndarray) -> np.ndarray:
        return super().cholesky(A).T


class UnsignedDet(Linalg):
    """The product of the LU pivots without the sign of the row swaps."""

    def det(self, A: np.ndarray) -> float:
        return float(np.prod(np.diag(_eliminated(A))))


def _eliminated(A: np.ndarray) -> np.ndarray:
    """The U of Gaussian elimination with partial pivoting (row swaps not counted)."""
    U = np.array(A, dtype=float)
    for k in range(len(U)):
        p = k + int(np.argmax(np.abs(U[k:, k])))
        U[[k, p]] = U[[p, k]]
        if U[k, k] != 0:
            U[k + 1:, k:] -= np.outer(U[k + 1:, k] / U[k, k], U[k, k:])
    return U


class LogAbsDet(Linalg):
    """``det`` returning log|det A| (the ``slogdet`` result misread)."""

    def det(self, A: np.ndarray) -> float:
        return float(np.linalg.slogdet(A)[1])


class TransposeInverse(Linalg):
    """``inv`` returning Aᵀ (right only for orthogonal A)."""

    def inv(self, A: np.ndarray) -> np.ndarray:
        return np.asarray(A, dtype=float).T


def _neg_distance(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return -np.sum((x[:, None, :] - y[None, :, :]) ** 2, axis=-1)


M = "tests.mutants.linalg"

MUTANTS: list[Mutant] = [
    Mutant("linalg.spectral_norm", "norm(A, 2) is the Frobenius norm", impl=f"{M}:FrobeniusAsSpectral"),
    Mutant("linalg.eckart_young", "wrong right singular vectors", impl=f"{M}:MismatchedSingularVectors"),
    Mutant("linalg.eckart_young", "the k smallest singular values kept", impl=f"{M}:SmallestSingularValues"),
    Mutant("linalg.svd_shapes", "singular values returned unsorted", impl=f"{M}:UnsortedSingularValues"),
    Mutant("linalg.svd_shapes", "the thin SVD", impl=f"{M}:ThinSvd"),
    Mutant("linalg.singular_vectors_nonunique", "u₁ negated without v₁", impl=f"{M}:LoneSignFlip"),
    Mutant("linalg.frobenius_singular_values", "σ² returned for σ", impl=f"{M}:SquaredSingularValues"),
    Mutant("linalg.frobenius_trace", "norm(A, 'fro') is the spectral norm", impl=f"{M}:SpectralAsFrobenius"),
    Mutant("linalg.frobenius_orthogonal_invariance", "norm(A, 'fro') = √(mn) max|a_ij|",
           impl=f"{M}:EntrywiseMaxNorm"),
    Mutant("linalg.frobenius_orthogonal_invariance", "Q = I + S (not orthogonal)",
           form=Formula(r"Q = I + S", lambda S: sympy.eye(3) + S)),
    Mutant("linalg.pinv_orthonormal_columns", "pinv(A) = Aᵀ/‖A‖₂²", impl=f"{M}:TransposeOverNormPinv"),
    Mutant("linalg.whitening", "eigenvectors returned as rows", impl=f"{M}:EigenvectorRows"),
    Mutant("linalg.whitening", "eigh in float32", impl=f"{M}:Float32Eigh"),
    Mutant("linalg.gram_xxt_psd", "X X for X Xᵀ", form=Formula("XX", lambda X: X @ X)),
    Mutant("linalg.gram_xxt_psd", "eigh in float32", impl=f"{M}:Float32Eigh"),
    Mutant("linalg.kernel_gram_psd", "k(x, y) = -‖x - y‖² (not positive definite)",
           form=(Formula(r"-\|x-y\|^2", _neg_distance),)),
    Mutant("linalg.kernel_gram_psd", "eigh in float32", impl=f"{M}:Float32Eigh"),
    Mutant("linalg.psd_cholesky", "the upper factor returned", impl=f"{M}:UpperCholesky"),
    Mutant("linalg.psd_eigenvalues_nonneg", "eigh in float32", impl=f"{M}:Float32Eigh"),
    Mutant("linalg.psd_eigenvalues_nonneg", "eigenvalues in descending order", impl=f"{M}:DescendingEigh"),
    Mutant("linalg.psd_trace_det_nonneg", "det returns log|det|", impl=f"{M}:LogAbsDet"),
    Mutant("linalg.condition_number_ge_one", "eigenvalues in descending order", impl=f"{M}:DescendingEigh"),
    Mutant("linalg.sylvester_criterion", "positive definite iff leading minors ≥ 0",
           form=(criterion(r"A \succ 0 \iff \det A_{[k]} \ge 0", 0, lambda a: min(leading_minors(a)) >= 0),
                 PSD_PRINCIPAL)),
    Mutant("linalg.sylvester_negative_definite", "negative definite iff every leading minor < 0",
           form=(criterion(r"A \prec 0 \iff \det A_{[k]} < 0", 2, lambda a: max(leading_minors(a)) < 0),)),
    Mutant("linalg.det_transpose_product", "det without the sign of the row swaps", impl=f"{M}:UnsignedDet"),
    Mutant("linalg.det_transpose_product", "det(AB) = det A + det B",
           form=((Formula(r"\det A", lambda A, B: A.det()), Formula(r"\det A^\top", lambda A, B: A.T.det())),
                 (Formula(r"\det(AB)", lambda A, B: (A @ B).det()),
                  Formula(r"\det A + \det B", lambda A, B: A.det() + B.det())))),
    Mutant("linalg.det_inverse", "inv(A) = Aᵀ", impl=f"{M}:TransposeInverse"),
    Mutant("linalg.triangular_determinant", "det without the sign of the row swaps", impl=f"{M}:UnsignedDet"),
    Mutant("linalg.trace_sum_eigenvalues", "eigenvalues of a non-symmetric matrix via eigh",
           impl=f"{M}:EighOfNonSymmetric"),
    Mutant("linalg.trace_cyclic", "Tr(ABC) = Tr(CBᵀAᵀ)",
           form=(Formula(r"\operatorname{Tr}(ABC)", lambda A, B, C: (A @ B @ C).trace()),
                 Formula(r"\operatorname{Tr}(CB^\top A^\top)", lambda A, B, C: (C @ B.T @ A.T).trace()))),
    Mutant("linalg.trace_linear", "Tr(A + cB) = Tr A + c² Tr B",
           form=(Formula(r"\operatorname{Tr}(A + cB)", lambda A, B, c: (A + c * B).trace()),
                 Formula(r"\operatorname{Tr} A + c^2 \operatorname{Tr} B",
                         lambda A, B, c: A.trace() + c**2 * B.trace()))),
    Mutant("linalg.trace_transpose", "Tr A = the sum of the anti-diagonal",
           form=(Formula(r"\operatorname{Tr} A", lambda A: A.trace()),
                 Formula(r"\sum_i a_{i,n+1-i}", lambda A: A[:, ::-1].trace()))),
    Mutant("linalg.permutation_matrix_orthogonal", "P⁻¹ = P", form=Formula(r"P^{-1} = P", lambda P: P)),
    Mutant("linalg.tensor_contraction_as_matmul", "Q reshaped column-major",
           form=Formula("reshape_F(Q)", lambda P, Q, b: (
               P.reshape(int(np.prod(P.shape[:P.ndim - b])), -1)
               @ Q.reshape(int(np.prod(Q.shape[:b])), -1, order="F")).reshape((*P.shape[:P.ndim - b], *Q.shape[b:])))),
    Mutant("linalg.cauchy_schwarz", "|⟨u, v⟩| ≤ ‖u‖₂‖v‖_∞",
           form=(ABS_INNER, Formula(r"\|u\|_2\|v\|_\infty", lambda u, v: np.linalg.norm(u) * np.abs(v).max()))),
    Mutant("linalg.cauchy_schwarz_nonnegative", "0 ≤ ⟨u, v⟩ without the absolute value",
           form=(ZERO, RE_INNER, NORMS)),
    Mutant("linalg.cauchy_schwarz_sums", "(Σxᵢyᵢ)² ≤ Σxᵢ²yᵢ²",
           form=(Formula(r"(\sum x_i y_i)^2", lambda x, y: sum(a * b for a, b in zip(x, y, strict=True)) ** 2),
                 Formula(r"\sum x_i^2 y_i^2", lambda x, y: sum(a * a * b * b for a, b in zip(x, y, strict=True))))),
    Mutant("linalg.holder_inequality", "‖v‖_p‖u‖_p (the same exponent twice)",
           form=(Formula(r"v^\top u", lambda v, u, p: float(v @ u)),
                 Formula(r"\|v \circ u\|_1", lambda v, u, p: float(np.sum(np.abs(v * u)))),
                 Formula(r"\|v\|_p \|u\|_p", lambda v, u, p: np.linalg.norm(v, p) * np.linalg.norm(u, p)))),
    Mutant("linalg.holder_equality_condition", "|v| = γ|u| (proportional, for every p)",
           form=Formula(r"|v| = \gamma |u|", lambda u, p, gamma: gamma * np.abs(u))),
]
