"""Linear algebra: SVD and eigendecompositions, norms and their inequalities, PSD matrices, determinants,
traces and the pseudo-inverse (documents 000-004).

Matrices are built from their factors (:mod:`.strategies`): Haar-random orthogonal or unitary U, V and chosen
singular values or eigenvalues (ill-conditioned up to κ = 1e8, singular, repeated, complex where the claim
allows), so the exact answer is known and each tolerance follows from s_max, the size and κ. The
implementation under test (``impls.linalg``, ``numpy.linalg`` or ``scipy.linalg`` through ``--impl``) is
compared with the factors; identities of traces and determinants are proved with SymPy on symbolic matrices;
the Sylvester criteria and permutation matrices are enumerated exhaustively over small integer matrices.

The boundary checks only that each method returns finite numbers (shapes and values are the claims' business).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.linalg import LinalgImpl
from theorems.engine import Boundary, ImplementationError, Topic


def numbers(result: Any, *_: Any) -> Any:
    """A finite real or complex array (or a tuple of them, for ``svd`` and ``eigh``)."""
    if isinstance(result, tuple):
        return tuple(numbers(part) for part in result)
    try:
        arr = np.asarray(result)
    except (TypeError, ValueError) as exc:
        raise ImplementationError(f"the result is not numeric: {result!r:.200}") from exc
    if arr.dtype.kind not in "biufc" or not np.all(np.isfinite(arr)):
        raise ImplementationError(f"the result is not a finite numeric array: {arr!r:.200}")
    return arr.astype(complex if arr.dtype.kind == "c" else float)


def scalar(result: Any, *_: Any) -> float:
    """A finite real number (``det``, ``norm``)."""
    value = numbers(result)
    if value.shape != () or value.dtype.kind == "c":
        raise ImplementationError(f"expected a real number, got {result!r:.200}")
    return float(value)


TOPIC = Topic(
    "linalg",
    "Linear algebra: SVD, eigenvalues, norms, PSD matrices, determinants",
    summary="The spectral norm and Frobenius norm through the singular values, the full SVD and the "
            "non-uniqueness of singular vectors, Eckart–Young, the pseudo-inverse (Penrose conditions), "
            "whitening, PSD characterisations (Gram and kernel matrices, eigenvalues, Cholesky, trace and "
            "determinant, Sylvester), determinants and traces (SymPy), Cauchy–Schwarz and Hölder with their "
            "tightest instances; against numpy.linalg and scipy.linalg on ill-conditioned, singular and "
            "complex matrices.",
    sections=("spectral", "psd", "identities", "inequalities"),
    boundary=Boundary(
        LinalgImpl,
        reference="impls.linalg:Linalg",
        outputs={"svd": numbers, "eigh": numbers, "eigvals": numbers, "inv": numbers, "pinv": numbers,
                 "cholesky": numbers, "low_rank": numbers, "det": scalar, "norm": scalar},
    ),
    libraries=("scipy",),
)

GOLUB = "Golub & Van Loan (2013), Matrix Computations, 4th ed., §2.3 (norms), §2.4 (SVD), §4.2 (Cholesky)"
HORN = "Horn & Johnson (2013), Matrix Analysis, 2nd ed., §5.1 (inner products), §7.1-7.2 (PSD matrices)"
ECKART = "Eckart & Young (1936), The approximation of one matrix by another of lower rank"
PENROSE = "Penrose (1955), A generalized inverse for matrices"
HARDY = "Hardy, Littlewood & Pólya (1952), Inequalities, 2nd ed., §2.7-2.8 (Cauchy, Hölder)"
