"""Matrix calculus in SymPy: a gradient is proved through the directional derivative it must give.

For a loss l of a matrix variable Θ, G is its gradient (of Θ's shape, the documents' convention) iff
d/dt l(Θ + tE) at t = 0 equals ⟨G, E⟩ = Σ_ij G_ij E_ij for every direction E: one scalar polynomial identity
in the entries of Θ, E and the data, which SymPy decides by expansion, and which a wrong G violates at
rational points (the counterexample).
"""

from __future__ import annotations

from collections.abc import Callable

import sympy

from theorems.engine import Context, Outcome, Verdict, symbolic


def matrix(name: str, rows: int, cols: int) -> sympy.Matrix:
    """A matrix of real symbols ``name_ij``."""
    return sympy.Matrix(rows, cols, lambda i, j: sympy.Symbol(f"{name}_{{{i + 1}{j + 1}}}", real=True))


def pairing(a: sympy.Matrix, b: sympy.Matrix) -> sympy.Expr:
    """The Frobenius inner product ⟨A, B⟩ = Σ_ij A_ij B_ij."""
    return sum((x * y for x, y in zip(a, b, strict=True)), sympy.Integer(0))


def gradient_proved(ctx: Context, loss: Callable[[sympy.Matrix], sympy.Expr], at: sympy.Matrix,
                    stated: sympy.Matrix, name: str) -> Outcome:
    """``stated`` is the gradient of ``loss`` at ``at`` (the variable ``name``): proved for every direction E."""
    if stated.shape != at.shape:
        return Outcome(Verdict.REFUTED,
                       {"shape of the variable": at.shape, "shape of the stated gradient": stated.shape},
                       {"variable": name, "stated gradient": str(stated)},
                       reason=f"the stated gradient is {stated.shape[0]} × {stated.shape[1]}, the variable {name} "
                              f"is {at.shape[0]} × {at.shape[1]}")
    direction, t = matrix("E", *at.shape), sympy.Symbol("t", real=True)
    derivative = sympy.diff(loss(at + t * direction), t).subs(t, 0)
    return symbolic(ctx, (rf"\frac{{d}}{{dt}}\, l({name} + tE)\Big|_{{t=0}}", derivative),
                    (r"\langle \text{stated gradient}, E\rangle", pairing(stated, direction)),
                    simplify=sympy.expand)


def frobenius_squared(a: sympy.Matrix) -> sympy.Expr:
    """‖A‖_F² = ⟨A, A⟩."""
    return pairing(a, a)
