"""Derivatives of functions of vectors and matrices: the protocol the calculus claims check, and a NumPy reference.

A function under differentiation is written once for every library, as ``f(x, xp)``: ``x`` is the
variable (a vector or a matrix) and ``xp`` the array namespace to compute in (``numpy``, or
``torch`` for an autograd implementation). It uses only operators (``+ - * / @``), ``.sum()`` and
functions that both namespaces name alike (``xp.asarray``, ``xp.sin``, ``xp.tanh``, ``xp.exp``,
``xp.log``, ``xp.trace``, ``xp.outer``, ``xp.diag``), so that an implementation can trace it.

The reference differentiates by the complex step: for f real-analytic and written without
conjugation, ``f(x + ih e_k) = f(x) + ih ∂_k f(x) - h²/2 ∂_k²f(x) + O(h³)``, so
``∂_k f(x) = Im f(x + ih e_k)/h`` with truncation error ``h²/6 |∂_k³ f|``: zero in float64 for
``h = 1e-200``, and no subtraction, hence no cancellation. The Hessian is the central difference of
complex-step gradients with step ``δ = ε^{1/3} max(1, |x|_∞)``: its error per entry is at most
``δ²/6 max|∂³g| + ε max|g|/δ`` (truncation plus rounding), exactly 0 + rounding for a quadratic f.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import numpy as np

Function = Callable[[Any, Any], Any]
"""``f(x, xp)``: a function of the array ``x`` computed in the array namespace ``xp``."""

COMPLEX_STEP = 1e-200
"""The imaginary step of the complex-step derivative: its truncation error h²/6 |f'''| underflows."""


class CalculusImpl(Protocol):
    """Derivatives of a function ``f(x, xp)`` (see :data:`Function`) at a float64 point ``x``."""

    def jacobian(self, f: Function, x: np.ndarray) -> np.ndarray:
        """The generalized Jacobian in numerator layout: ``J[i…, k…] = ∂f(x)[i…] / ∂x[k…]``, of shape
        ``f(x).shape + x.shape``. For f: Rⁿ → Rᵐ it is the m × n matrix ``(∂f_i/∂x_j)``; for a scalar f
        it is the gradient, of the shape of ``x`` (a vector, or a matrix for f of a matrix)."""
        ...

    def hessian(self, f: Function, x: np.ndarray) -> np.ndarray:
        """The n × n matrix ``H_ij = ∂²f/∂x_i∂x_j`` of a scalar f of a vector ``x`` of length n."""
        ...


class Calculus:
    """NumPy float64 reference: complex-step Jacobians, Hessians by central differences of them."""

    def jacobian(self, f: Function, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        shape = np.shape(f(x, np))
        columns = np.empty((int(np.prod(shape, dtype=int)), x.size))
        for k in range(x.size):
            step = np.zeros(x.size, dtype=complex)
            step[k] = 1j * COMPLEX_STEP
            columns[:, k] = np.imag(np.asarray(f(x + step.reshape(x.shape), np))).ravel() / COMPLEX_STEP
        return columns.reshape(shape + x.shape)

    def hessian(self, f: Function, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        delta = np.cbrt(np.finfo(float).eps) * max(1.0, float(np.max(np.abs(x), initial=0.0)))
        hessian = np.empty((x.size, x.size))
        for k in range(x.size):
            ahead, behind = x.copy(), x.copy()
            ahead[k] += delta
            behind[k] -= delta
            hessian[:, k] = (self.jacobian(f, ahead) - self.jacobian(f, behind)) / (ahead[k] - behind[k])
        return (hessian + hessian.T) / 2


HESSIAN_RTOL = 1e-6
"""The relative accuracy a Hessian is checked to (of the reference's central difference, whose error
is about ε^{2/3} ≈ 4e-11 relative for the smooth functions of the checks; an autograd Hessian is exact)."""
