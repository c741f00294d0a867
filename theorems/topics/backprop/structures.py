"""Residual blocks and the tensor chain rule (documents 001-003), proved in SymPy for generic maps;
the scaled-output rule; and the cost statements of automatic differentiation, which have no constant.

A generic map ``f: R^d → R^d`` is ``d`` undefined SymPy functions; its derivatives at a point are
opaque symbols (:func:`.chain.opaque`), so a false identity gets a numeric counterexample.
"""

from __future__ import annotations

import sympy

from theorems.engine import Context, Formula, Outcome, Printed, Unreadable

from . import TOPIC
from .chain import opaque, proved, weighted

DIM = 2
"""The residual proofs run in R²: matrices, so the order of every product matters."""
alpha = sympy.Symbol("alpha", real=True)
Y = sympy.symbols(f"Y_1:{DIM + 1}", real=True)
F = [sympy.Function(f"f_{i + 1}") for i in range(DIM)]


def generic(y: list[sympy.Expr], *params: sympy.Expr) -> sympy.Matrix:
    """The generic map ``f(y, Θ)`` (a column)."""
    return sympy.Matrix([fi(*y, *params) for fi in F])


def at(m: sympy.Matrix, point: list[sympy.Expr]) -> sympy.Matrix:
    """``m`` (a function of the free point ``Y``) at ``point``."""
    return m.subs(dict(zip(Y, point, strict=True)), simultaneous=True)


RESIDUAL = (alpha, Formula(r"\alpha J_f + I_d", lambda a, jf, eye: a * jf + eye))


@TOPIC.claim(
    "backprop.residual_jacobian",
    method="sympy",
    canonical=RESIDUAL,
    faithful=("003",),
    printed={"001": Printed((sympy.Integer(1), Formula(r"I + J_f", lambda a, jf, eye: eye + jf)),
                            reading="The block g(x) = x + f(x), i.e. α = 1 (the '≈ I' at initialization, f ≈ 0, "
                                    "follows as J_f → 0).")},
    uses_impl=False,
)
def residual_jacobian(ctx: Context, stated: tuple[sympy.Expr, Formula]) -> Outcome:
    """The Jacobian of a residual block is the identity plus the branch's Jacobian.

    For ``y_k = α f(y_{k-1}, Θ_k) + y_{k-1}``: ``∂y_k/∂y_{k-1} = α ∂f/∂y_{k-1} + I_d`` (``J_g = I + J_f``
    for ``g(x) = x + f(x)``, α = 1). ``stated`` is the block's α and the formula in ``(α, J_f, I)``.
    Proved in R² for a generic f, every entry at once (weighted by arbitrary ``c_ij``).
    """
    a, formula = stated
    block = a * generic(list(Y)) + sympy.Matrix(Y)
    jf = generic(list(Y)).jacobian(Y)
    lhs, rhs = opaque(weighted(block.jacobian(Y)), weighted(formula(a, jf, sympy.eye(DIM))))
    return proved(ctx, (r"\sum_{ij} c_{ij}\,(\partial y_k/\partial y_{k-1})_{ij}", lhs), ("stated", rhs))


@TOPIC.claim(
    "backprop.projection_shortcut_jacobian",
    method="sympy",
    canonical=Formula(r"W + J_f", lambda w, jf: w + jf),
    faithful=("001",),
    uses_impl=False,
)
def projection_shortcut_jacobian(ctx: Context, stated: Formula) -> Outcome:
    """The Jacobian of a residual block with a projection shortcut.

    For ``g(x) = Wx + f(x)`` with ``W`` of size m × n (when the block changes the dimension):
    ``J_g = W + J_f``, ≈ W at initialization (f ≈ 0). Proved for m = 2, n = 3 and a generic f.
    """
    x = sympy.symbols("x_1:4", real=True)
    w = sympy.Matrix(2, 3, lambda i, j: sympy.Symbol(f"W_{{{i + 1}{j + 1}}}", real=True))
    f = generic(list(x))
    lhs, rhs = opaque(weighted((w * sympy.Matrix(x) + f).jacobian(x)), weighted(stated(w, f.jacobian(x))))
    return proved(ctx, (r"\sum_{ij} c_{ij}\,(J_g)_{ij}", lhs), ("stated", rhs))


THETA = [sympy.symbols(rf"\Theta^{{({k})}}_1:{DIM * DIM + 1}", real=True) for k in (1, 2)]
"""The parameters Θ_k of two blocks, each a d × d matrix (flattened)."""


def residual_block(y: list[sympy.Expr], theta: tuple[sympy.Symbol, ...]) -> sympy.Matrix:
    return alpha * generic(y, *theta) + sympy.Matrix(y)


@TOPIC.claim(
    "backprop.residual_param_jacobian",
    method="sympy",
    canonical=Formula(r"\alpha\,\partial f/\partial\Theta_k", lambda a, df: a * df),
    faithful=("003",),
    uses_impl=False,
)
def residual_param_jacobian(ctx: Context, stated: Formula) -> Outcome:
    """The parameter Jacobian of a residual block.

    For ``y_k = α f(y_{k-1}, Θ_k) + y_{k-1}``: ``∂y_k/∂Θ_k = α ∂f(y_{k-1}, Θ_k)/∂Θ_k`` (the skip does not
    depend on Θ_k). Proved in R² (Θ_k of size 2 × 2) for a generic f, every entry at once.
    """
    theta = THETA[0]
    lhs = residual_block(list(Y), theta).jacobian(theta)
    lhs, rhs = opaque(weighted(lhs), weighted(stated(alpha, generic(list(Y), *theta).jacobian(theta))))
    return proved(ctx, (r"\sum c\,\partial y_k/\partial\Theta_k", lhs), ("stated", rhs))


@TOPIC.claim(
    "backprop.residual_chain_rule",
    method="sympy",
    canonical=Formula(r"\alpha\,\partial f(y_{k-1},\Theta_k)/\partial\Theta_k", lambda a, df: a * df),
    printed={"003": Printed(Formula(r"\partial f(y_{k-1},\Theta_k)/\partial\Theta_k", lambda a, df: df),
                            reading="As printed: the last factor of the chain is ∂f(y_{k-1}, Θ_k)/∂Θ_k, without the "
                                    "α that the same line puts in ∂y_k/∂Θ_k = α ∂f/∂Θ_k.")},
    uses_impl=False,
)
def residual_chain_rule(ctx: Context, last: Formula) -> Outcome:
    """The chain rule through a stack of residual blocks.

    For ``y_1 = α f(x, Θ_1) + x``, ``y_k = α f(y_{k-1}, Θ_k) + y_{k-1}`` and ``l = L(y_n)``:
    ``∂l/∂Θ_k = ∂L/∂y_n · ∂y_n/∂y_{n-1} ⋯ ∂y_{k+1}/∂y_k · ∂y_k/∂Θ_k`` with ``∂y_k/∂Θ_k = α ∂f/∂Θ_k``;
    ``last(α, ∂f/∂Θ_k)`` is the stated last factor. Proved for n = 2 blocks in R² with generic f and L,
    every k and every entry of Θ_k at once (weighted by arbitrary coefficients).
    """
    x = sympy.symbols(f"x_1:{DIM + 1}", real=True)
    loss = sympy.Function("L")
    ys = [list(x)]
    for theta in THETA:
        ys.append(list(residual_block(ys[-1], theta)))
    lhs, rhs = [], []
    for k, theta in enumerate(THETA, start=1):
        lhs += [sympy.diff(loss(*ys[-1]), t) for t in theta]
        product = at(sympy.Matrix([[sympy.diff(loss(*Y), v) for v in Y]]), ys[-1])
        for j in range(len(THETA), k, -1):
            product = product * at(residual_block(list(Y), THETA[j - 1]).jacobian(Y), ys[j - 1])
        rhs += list(product * last(alpha, at(generic(list(Y), *theta).jacobian(theta), ys[k - 1])))
    lhs_sum, rhs_sum = opaque(weighted(lhs), weighted(rhs))
    return proved(ctx, (r"\sum c\,\partial l/\partial\Theta_k", lhs_sum), ("stated", rhs_sum), simplify=sympy.expand)


@TOPIC.claim(
    "backprop.tensor_chain_rule",
    method="sympy",
    canonical=Formula(r"\frac{\partial L}{\partial y}\times_{d_3,d_4}\frac{\partial y}{\partial W}",
                      lambda dl_dy, dl_dw, t: _contract(dl_dy, t)),
    printed={"002": Printed(Formula(r"\frac{\partial L}{\partial W}\times_{d_3,d_4}\frac{\partial y}{\partial W}",
                                    lambda dl_dy, dl_dw, t: _contract(dl_dw, t)),
                            reading="As printed, ∂L/∂W on both sides: the contraction of ∂L/∂W (d1 × d2) with the "
                                    "first two modes (d3 × d4) of ∂y/∂W, evaluated where d1 × d2 = d3 × d4 so that it "
                                    "is defined; the first factor should be ∂L/∂y.")},
    uses_impl=False,
)
def tensor_chain_rule(ctx: Context, stated: Formula) -> Outcome:
    """The chain rule for a matrix-valued map of a matrix.

    For ``y(W): R^{d1×d2} → R^{d3×d4}`` and ``L(y): R^{d3×d4} → R``: ``∂L/∂W = ∂L/∂y ×_{d3,d4} ∂y/∂W``, i.e.
    ``∂L/∂W_kl = Σ_ij ∂L/∂y_ij T_ijkl`` with ``T_ijkl = ∂y_ij/∂W_kl``. Proved for ``y = A W B`` (A, B
    and W 2 × 2, symbolic, so that d1 × d2 = d3 × d4 and the printed contraction is defined) and
    ``L(y) = Σ_ij y_ij³/3``, every entry at once.
    """
    a = sympy.Matrix(2, 2, lambda i, j: sympy.Symbol(f"A_{{{i + 1}{j + 1}}}", real=True))
    b = sympy.Matrix(2, 2, lambda i, j: sympy.Symbol(f"B_{{{i + 1}{j + 1}}}", real=True))
    w = sympy.Matrix(2, 2, lambda i, j: sympy.Symbol(f"W_{{{i + 1}{j + 1}}}", real=True))
    y = a * w * b
    cube = lambda m: sum(e**3 for e in m) / 3  # noqa: E731 - L(y)
    free = sympy.Matrix(2, 2, lambda i, j: sympy.Symbol(f"y_{{{i + 1}{j + 1}}}", real=True))
    dl_dy = free.applyfunc(lambda e: sympy.diff(cube(free), e)).subs(dict(zip(free, y, strict=True)), simultaneous=True)
    dl_dw = w.applyfunc(lambda e: sympy.diff(cube(y), e))
    t = [[y.applyfunc(lambda e, k=k, l=l: sympy.diff(e, w[k, l])) for l in range(2)] for k in range(2)]
    return proved(ctx, (r"\sum_{kl} c_{kl}\,\partial L/\partial W_{kl}", weighted(dl_dw)),
                    ("stated", weighted(stated(dl_dy, dl_dw, t))), simplify=sympy.expand)


def _contract(factor: sympy.Matrix, t: list[list[sympy.Matrix]]) -> sympy.Matrix:
    """``(factor ×_{d3,d4} T)_kl = Σ_ij factor_ij T_ijkl`` (``t[k][l]`` is the d3 × d4 matrix ``T_··kl``)."""
    return sympy.Matrix(len(t), len(t[0]), lambda k, l: sum(f * e for f, e in zip(factor, t[k][l], strict=True)))


TOPIC.not_checkable(
    "backprop.tensor_jacobian_entries",
    title="The entries of the Jacobian tensor of a matrix-valued map",
    statement="For y(W): R^{d1×d2} → R^{d3×d4}, T_ijkl = ∂y_ij/∂W_kl is an order-4 tensor of size d3 × d4 × d1 × d2 "
              "(the print's ∂y_{i,j,l} carries a spurious third index).",
    reason="A definition: it names the tensor that backprop.tensor_chain_rule contracts (and is checked there); "
           "it asserts nothing of its own.",
)


@TOPIC.claim(
    "backprop.scaled_output_gradient",
    method="sympy",
    canonical=Formula(r"h\cdot\frac{\partial L}{\partial\hat y}", lambda scale, dl: scale * dl),
    printed={"003": Unreadable(
        "∂L/∂ŷ = h · ∂L/∂y names no h and no relation between ŷ and y on its line: with ŷ = h y the print is the "
        "reverse of the chain rule (∂L/∂y = h ∂L/∂ŷ, the canonical form), with y = h ŷ it is right; the two "
        "readings give opposite verdicts and the document decides between neither.")},
    uses_impl=False,
)
def scaled_output_gradient(ctx: Context, stated: Formula) -> Outcome:
    """The gradient through a scaling of the output.

    If ``ŷ = h y`` for a scalar h, then for any differentiable L: ``∂L(ŷ)/∂y = h ∂L/∂ŷ``. Proved for a
    generic L.
    """
    h, y, s = sympy.Symbol("h", real=True), sympy.Symbol("y", real=True), sympy.Symbol("s", real=True)
    loss = sympy.Function("L")
    dl = sympy.diff(loss(s), s).subs(s, h * y)
    lhs, rhs = opaque(sympy.diff(loss(h * y), y), stated(h, dl))
    return proved(ctx, (r"\partial L(h y)/\partial y", lhs), ("stated", rhs))


COST_REASON = ("An O(·) statement about automatic differentiation on an abstract computational graph, with no "
               "constant and no cost model: no finite computation decides it (the number of passes, M reverse "
               "or N forward, is the definition of the two modes rather than a claim about them).")

TOPIC.not_checkable(
    "backprop.reverse_mode_cost",
    title="The cost of reverse-mode automatic differentiation",
    statement="For f: R^N → R^M on a graph with V nodes and E edges, reverse mode computes the full Jacobian in "
              "O(M(V + E)), so it is preferable when M < N.",
    reason=COST_REASON,
)
TOPIC.not_checkable(
    "backprop.forward_mode_cost",
    title="The cost of forward-mode automatic differentiation",
    statement="Forward mode computes the full Jacobian of f: R^N → R^M in O(N(V + E)), preferable when N < M.",
    reason=COST_REASON,
)
TOPIC.not_checkable(
    "backprop.forward_vs_reverse_mode_cost",
    title="Forward against reverse mode",
    statement="The full Jacobian of a map with p inputs and d_out outputs takes O(p) forward-mode passes and "
              "O(d_out) reverse-mode passes; reverse mode needs the forward pass's intermediates (more memory).",
    reason=COST_REASON,
)
