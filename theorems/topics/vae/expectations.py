"""Exact Gaussian expectations of polynomials in SymPy, and the Gaussian log-density, for the derivations."""

from __future__ import annotations

from collections.abc import Sequence
from math import prod
from typing import Any

import sympy


def standard_normal_expectation(expr: Any, eps: Sequence[sympy.Symbol]) -> Any:
    """E over independent ε_i ~ N(0, 1) of ``expr``, a polynomial in ``eps`` (any coefficients):
    each monomial ∏ ε_i^{k_i} is replaced by its moment ∏ (k_i - 1)!! (0 for an odd k_i)."""

    def moment(k: int) -> int:
        return 0 if k % 2 else int(sympy.factorial2(k - 1))

    poly = sympy.Poly(sympy.expand(expr), *eps)
    return sympy.expand(sum(coeff * prod(moment(k) for k in powers) for powers, coeff in poly.terms()))


def gaussian_moments(mu: Sequence[Any], cov: sympy.Matrix, degree: int) -> dict[tuple[int, ...], Any]:
    """Every moment E ∏ z_i^{k_i} of z ~ N(mu, cov) with Σ k_i ≤ ``degree``, from the moment generating function
    M(t) = exp(u), u = tᵀmu + ½ tᵀ cov t: the moment is ∏ k_i! × [t^k] M(t). As u has no constant term, the
    coefficients of total degree ≤ n are those of Σ_{j≤n} u^j/j!, so no factorisation of ``cov`` is needed."""
    t = sympy.symbols(f"t_1:{len(mu) + 1}")
    tv = sympy.Matrix(t)
    u = (tv.T * sympy.Matrix(mu))[0] + (tv.T * cov * tv)[0] / 2
    mgf = sympy.Poly(sum(u**j / sympy.factorial(j) for j in range(degree + 1)), *t)
    return {powers: sympy.expand(coeff * prod(sympy.factorial(k) for k in powers)) for powers, coeff in mgf.terms()}


def gaussian_expectation(expr: Any, z: Sequence[sympy.Symbol], moments: dict[tuple[int, ...], Any]) -> Any:
    """E of ``expr``, a polynomial in ``z``, from a table of the moments of z (:func:`gaussian_moments`)."""
    return sympy.expand(sum(coeff * moments[powers] for powers, coeff in sympy.Poly(sympy.expand(expr), *z).terms()))


def log_normal(y: Any, mean: Any, var: Any) -> Any:
    """ln N(y; mean, var) of a scalar, symbolically."""
    return -(y - mean) ** 2 / (2 * var) - sympy.log(2 * sympy.pi * var) / 2
