"""Formulas that run both ways: on SymPy expressions (to be proved) and on float64 arrays (to check an
implementation), and the check of a printed chain of equalities ``e₀ = e₁ = … = e_k``.

A formula here is a :class:`~theorems.engine.Formula` whose function takes ``(f, z)``: ``f`` is the
library of activations it is written in (:data:`DEFINITIONS` for the proof, the implementation under
test for the numbers) and ``z`` a SymPy symbol or a float64 array.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import sympy
import sympy.printing.mathml
from hypothesis.strategies import SearchStrategy
from scipy.special import erfc

from theorems.engine import Comparison, Context, Formula, Outcome, all_of, close, for_all, symbolic, within_tolerance


def is_symbolic(x: Any) -> bool:
    return isinstance(x, sympy.Basic)


def log(x: Any) -> Any:
    return sympy.log(x) if is_symbolic(x) else np.log(x)


def probability_below(z: Any) -> Any:
    """P(Z ≤ z) for Z ~ N(0, 1): the integral of the density (SymPy), ``erfc(-z/√2)/2`` (float64)."""
    if is_symbolic(z):
        t = sympy.Dummy("t", real=True)
        return sympy.integrate(sympy.exp(-t**2 / 2) / sympy.sqrt(2 * sympy.pi), (t, -sympy.oo, z))
    return erfc(-np.asarray(z) / np.sqrt(2)) / 2


def probability_above(z: Any) -> Any:
    """P(z ≤ Z) for Z ~ N(0, 1)."""
    if is_symbolic(z):
        t = sympy.Dummy("t", real=True)
        return sympy.integrate(sympy.exp(-t**2 / 2) / sympy.sqrt(2 * sympy.pi), (t, z, sympy.oo))
    return erfc(np.asarray(z) / np.sqrt(2)) / 2


def _derivative(fn: Callable[[Any], Any], z: Any, order: int = 1) -> Any:
    w = sympy.Dummy("w", real=True)
    return sympy.diff(fn(w), w, order).subs(w, z)


class Definitions:
    """The activations as they are defined, in SymPy: what every identity is proved from."""

    def sigmoid(self, z: Any) -> Any:
        return 1 / (1 + sympy.exp(-z))

    def sigmoid_derivative(self, z: Any) -> Any:
        return _derivative(self.sigmoid, z)

    def sigmoid_second_derivative(self, z: Any) -> Any:
        return _derivative(self.sigmoid, z, order=2)

    def tanh(self, z: Any) -> Any:
        return (sympy.exp(z) - sympy.exp(-z)) / (sympy.exp(z) + sympy.exp(-z))

    def tanh_derivative(self, z: Any) -> Any:
        return _derivative(self.tanh, z)

    def softmax(self, z: Sequence[Any]) -> list[Any]:
        total = sum(sympy.exp(zj) for zj in z)
        return [sympy.exp(zi) / total for zi in z]

    def relu(self, z: Any) -> Any:
        return sympy.Max(0, z)

    def softplus(self, z: Any) -> Any:
        return sympy.log(1 + sympy.exp(z))

    def elu(self, z: Any) -> Any:
        return sympy.Piecewise((z, z >= 0), (sympy.exp(z) - 1, True))

    def gelu(self, z: Any) -> Any:
        """z Φ(z) with Φ(z) = (1 + erf(z/√2))/2 (Hendrycks & Gimpel 2016)."""
        return z * (1 + sympy.erf(z / sympy.sqrt(2))) / 2


DEFINITIONS = Definitions()
z = sympy.Symbol("z", real=True)


def formula(latex: str, fn: Callable[[Any, Any], Any]) -> Formula:
    """A formula in an activation library ``f`` and the variable ``z``."""
    return Formula(latex, fn)


def float_examples(ctx: Context) -> int:
    """Hypothesis examples for a float64 comparison with a formula that is also proved: half the profile's."""
    return max(1, ctx.profile.max_examples // 2)


def chain_agrees(
    ctx: Context,
    chain: Sequence[Formula],
    strategy: SearchStrategy[np.ndarray],
    *,
    input_scaled: bool = False,
) -> Outcome:
    """``e₀ = e₁ = … = e_k`` on the implementation under test: each ``e_i`` computed from its float64
    values equals ``e₀`` on every generated input, to 64 roundings of the magnitudes involved: the
    values, the constant 1 (as in 1 - σ(z), which cancels to a tiny result) and, when
    ``input_scaled``, the input itself (as in z(1 + erf(z/√2)) for z ≪ 0).
    """
    impl = ctx.impl()

    def agree(x: np.ndarray) -> list[Comparison]:
        with np.errstate(all="ignore"):
            values = [np.asarray(e(impl, x), dtype=float) for e in chain]
        slack = within_tolerance(*values, 1.0, *([x] if input_scaled else []))
        return [close(v, values[0], label=f"{chain[0].latex} = {e.latex}", rtol=1e-9, atol=slack)
                for e, v in zip(chain[1:], values[1:], strict=True)]

    return for_all(ctx, strategy, agree, describe=lambda x: np.asarray(x).tolist(), max_examples=float_examples(ctx))


def chain_proved(ctx: Context, chain: Sequence[Formula], *, at: Any = z, **proof_options: Any) -> Outcome:
    """``e₀ = e₁ = … = e_k`` at the symbolic input ``at``, proved in SymPy from the :data:`DEFINITIONS`,
    every step shown."""
    return symbolic(ctx, *((e.latex, e(DEFINITIONS, at)) for e in chain), **proof_options)


def chain_holds(
    ctx: Context, chain: Sequence[Formula], strategy: SearchStrategy[np.ndarray], *, input_scaled: bool = False,
    at: Any = z, **proof_options: Any,
) -> Outcome:
    """The chain checked on the implementation's float64 values first (a failure there is shrunk to a
    minimal input), then proved."""
    return all_of({
        "float64": lambda: chain_agrees(ctx, chain, strategy, input_scaled=input_scaled),
        "algebra": lambda: chain_proved(ctx, chain, at=at, **proof_options),
    })
