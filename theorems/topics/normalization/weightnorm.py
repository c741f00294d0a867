"""Weight normalisation w = γ v/‖v‖: the gradients with respect to γ and v, by the chain rule in SymPy.

For any loss E of w, ∂E/∂γ = Σᵢ (∂E/∂wᵢ)(∂wᵢ/∂γ) and ∂E/∂v_k = Σᵢ (∂E/∂wᵢ)(∂wᵢ/∂v_k). The gradient
g = ∇_w E is a vector of free symbols, so the proof holds for every loss; it is carried out for
v ∈ ℝ³ (the general case differs only in the number of coordinates), and a vector identity a = b is
proved as u·a = u·b for a vector u of free symbols.
"""

from __future__ import annotations

import sympy

from theorems.engine import Context, Formula, Outcome, symbolic

from . import SALIMANS, TOPIC

DIM = 3
v = sympy.Matrix(sympy.symbols(f"v1:{DIM + 1}", real=True))
g = sympy.Matrix(sympy.symbols(f"g1:{DIM + 1}", real=True))
u = sympy.Matrix(sympy.symbols(f"u1:{DIM + 1}", real=True))
gamma = sympy.Symbol("gamma", positive=True)


def norm(x: sympy.Matrix) -> sympy.Expr:
    return sympy.sqrt((x.T * x)[0])


def weights(v: sympy.Matrix, gamma: sympy.Expr) -> sympy.Matrix:
    """w = γ v/‖v‖₂."""
    return gamma * v / norm(v)


def dot(a: sympy.Matrix, b: sympy.Matrix) -> sympy.Expr:
    return (a.T * b)[0]


@TOPIC.claim(
    "normalization.weightnorm_gamma_gradient",
    method="sympy",
    canonical=Formula(r"\nabla_w E \cdot \frac{v}{\|v\|_2}", lambda v, gamma, g: dot(g, v) / norm(v)),
    faithful=("000",),
    references=(SALIMANS,),
)
def weightnorm_gamma_gradient(ctx: Context, stated: Formula) -> Outcome:
    """Weight normalisation: the gradient with respect to the gain.

    For w = γ v/‖v‖₂, ∂E/∂γ = ∇_w E · v/‖v‖₂ (the '*' of the line is the dot product): the chain rule,
    proved in SymPy for v ∈ ℝ³ and an arbitrary gradient ∇_w E.
    """
    w = weights(v, gamma)
    return symbolic(ctx, (r"\sum_i \frac{\partial E}{\partial w_i}\frac{\partial w_i}{\partial\gamma}",
                          dot(g, w.diff(gamma))), (stated.latex, stated(v, gamma, g)))


def projected(v: sympy.Matrix, gamma: sympy.Expr, g: sympy.Matrix) -> sympy.Matrix:
    """(γ/‖v‖)(I - wwᵀ/‖w‖²) ∇_w E."""
    w = weights(v, gamma)
    return gamma / norm(v) * (sympy.eye(len(v)) - w * w.T / dot(w, w)) * g


@TOPIC.claim(
    "normalization.weightnorm_v_gradient",
    method="sympy",
    canonical=Formula(r"\frac{\gamma}{\|v\|}\left(I - \frac{ww^\top}{\|w\|^2}\right)\nabla_w E", projected),
    faithful=("000",),
    references=(SALIMANS,),
)
def weightnorm_v_gradient(ctx: Context, stated: Formula) -> Outcome:
    """Weight normalisation: the gradient with respect to the direction.

    For w = γ v/‖v‖₂, ∇_v E = (γ/‖v‖)(I - wwᵀ/‖w‖²) ∇_w E: the gradient is scaled by γ/‖v‖ and
    projected away from w, so it is orthogonal to v. The chain rule, proved in SymPy for v ∈ ℝ³ and an
    arbitrary gradient ∇_w E, as u·∇_v E = u·(stated) for an arbitrary vector u.
    """
    jacobian = weights(v, gamma).jacobian(v)
    return symbolic(ctx, (r"u\cdot\nabla_v E = u\cdot J_v(w)^\top \nabla_w E", dot(u, jacobian.T * g)),
                    (r"u\cdot" + stated.latex, dot(u, stated(v, gamma, g))))
