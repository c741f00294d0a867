"""Linear models: least squares, the pseudo-inverse, ridge, LMS, linear units and linear autoencoders
(documents 000, 001, 003).

Closed forms are checked against designs built from their singular value decomposition (well-conditioned,
ill-conditioned up to κ = 1e6, and rank-deficient), so the exact answer is known and each tolerance is
derived from κ; the implementation under test (``impls.linear``, scikit-learn or ``numpy.linalg`` through
``--impl``) is compared with it. Gradients of matrix losses are proved with SymPy through the directional
derivative ⟨∇l, E⟩ = d/dt l(θ + tE) at t = 0, for a symbolic direction E; the sampling distribution of the
least-squares estimate under Gaussian noise is tested by Monte-Carlo with an exact χ² test.

The boundary checks only the shapes and finiteness of what a method returns.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.linear import LinearImpl
from theorems.engine import Boundary, Topic, as_array


def coefficients(result: Any, X: np.ndarray, Y: np.ndarray, *_: Any) -> np.ndarray:
    """``least_squares`` or ``ridge``: one coefficient per column of X for each column of Y."""
    return as_array(result, what="the coefficients", shape=(np.shape(X)[1], *np.shape(Y)[1:]))


def like_weights(result: Any, first: np.ndarray, *_: Any) -> np.ndarray:
    """``mse_gradient(X, y, w)`` or ``lms_step(w, x, y, eta)``: a vector of the weights' length."""
    d = np.shape(first)[1] if np.ndim(first) == 2 else len(first)
    return as_array(result, what="the result", shape=(d,))


def subspace(result: Any, X: np.ndarray, k: int) -> np.ndarray:
    """``principal_subspace(X, k)``: a d × k basis."""
    return as_array(result, what="the principal subspace", shape=(np.shape(X)[0], k))


TOPIC = Topic(
    "linear",
    "Linear models: least squares, pseudo-inverse, ridge, linear autoencoders",
    summary="The MSE gradient, the minimum-norm least-squares solution X⁺y as the limit of ridge, the normal "
            "equations, ridge and its shrinkage s²/(s²+λ) along singular directions, on ill-conditioned and "
            "rank-deficient designs; Gaussian noise and the estimate's covariance σ²(XᵀX)⁻¹ (Monte-Carlo, exact "
            "χ²); LMS; linear units; linear autoencoders, PCA and the gradients of deep linear networks; against "
            "scikit-learn and numpy.linalg.lstsq.",
    sections=("least_squares", "units", "autoencoders", "deep_linear"),
    boundary=Boundary(
        LinearImpl,
        reference="impls.linear:Linear",
        outputs={"least_squares": coefficients, "ridge": coefficients, "mse_gradient": like_weights,
                 "lms_step": like_weights, "principal_subspace": subspace},
    ),
    libraries=("scikit-learn",),
)

GOLUB = "Golub & Van Loan (2013), Matrix Computations, 4th ed., §5.3 (least squares) and §5.5 (rank deficiency)"
PENROSE = "Penrose (1955), A generalized inverse for matrices"
HOERL = "Hoerl & Kennard (1970), Ridge regression"
ECKART = "Eckart & Young (1936), The approximation of one matrix by another of lower rank"
BALDI = "Baldi & Hornik (1989), Neural networks and principal component analysis"
SAXE = ("Saxe, McClelland & Ganguli (2014), Exact solutions to the nonlinear dynamics of learning in deep linear "
        "networks")
