"""Matrix formulas written once for NumPy arrays and SymPy matrices, and their exact evaluation.

A stated form is a function of matrices built from :func:`inv`, :func:`eye`, ``@`` and ``.T``; :func:`exact`
evaluates it on float64 inputs in rational arithmetic (every float is a rational), so that the only rounding
in a comparison with an implementation is the implementation's own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import sympy


def inv(A: Any) -> Any:
    return A.inv() if isinstance(A, sympy.MatrixBase) else np.linalg.inv(A)


def eye(k: int, like: Any) -> Any:
    return sympy.eye(k) if isinstance(like, sympy.MatrixBase) else np.eye(k)


def pinv(A: Any) -> Any:
    return A.pinv() if isinstance(A, sympy.MatrixBase) else np.linalg.pinv(A)


def rational(a: np.ndarray) -> sympy.Matrix:
    """A float array (a vector becomes a column) as an exact rational matrix."""
    a = np.atleast_2d(np.asarray(a, dtype=float).T).T if np.ndim(a) == 1 else np.asarray(a, dtype=float)
    return sympy.Matrix(a.shape[0], a.shape[1], [sympy.Rational(float(v)) for v in a.ravel()])


def exact(form: Callable[..., Any], *arrays: np.ndarray) -> np.ndarray:
    """``form`` evaluated exactly on the rational values of ``arrays``, rounded once to float64."""
    result = form(*(rational(a) for a in arrays))
    return np.array(result.evalf(20).tolist(), dtype=float) if isinstance(result, sympy.MatrixBase) else float(result)


def symbolic_matrix(name: str, rows: int, cols: int) -> sympy.Matrix:
    return sympy.Matrix(rows, cols, lambda i, j: sympy.Symbol(f"{name}_{{{i + 1}{j + 1}}}", real=True))


def symbolic_vector(name: str, k: int, **assumptions: bool) -> sympy.Matrix:
    return sympy.Matrix(sympy.symbols(f"{name}_1:{k + 1}", real=True, **assumptions))


def amplification(W: np.ndarray, psi: np.ndarray) -> float:
    """cond(WWᵀ + Ψ) · cond(I + WᵀΨ⁻¹W): the factor by which an implementation may amplify the rounding of its
    inputs, whether it solves with the marginal covariance or with the posterior precision (the Woodbury form,
    which cancels in 1/ψ - ... when WᵀΨ⁻¹W is large)."""
    precision = np.eye(W.shape[1]) + W.T @ (W / psi[:, None])
    return float(np.linalg.cond(W @ W.T + np.diag(psi)) * np.linalg.cond(precision))
