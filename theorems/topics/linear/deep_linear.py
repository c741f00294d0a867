"""Gradients of two-layer linear networks Θ = DC (document 001, after Saxe et al. 2014): the reduction of whitened
least squares to ½‖Θ - Γ‖², the gradients in C and D, the rotation into the singular basis of Γ, and the
decoupled loss. Gradients are proved through directional derivatives (:mod:`.matrices`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy
from hypothesis import strategies as st

from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    close,
    for_all,
    symbolic,
    within_tolerance,
)
from theorems.topics.regularization.strategies import coordinates, orthogonal

from . import SAXE, TOPIC
from .matrices import frobenius_squared, gradient_proved, matrix, pairing
from .strategies import EXAMPLES, RCOND


@dataclass(frozen=True)
class Whitened:
    """X ∈ R^{n×s} with (1/s)XXᵀ = I, targets Y ∈ R^{n×s} and two points Θ₁, Θ₂ ∈ R^{n×n}."""

    X: np.ndarray
    Y: np.ndarray
    thetas: tuple[np.ndarray, np.ndarray]

    def describe(self) -> dict[str, object]:
        return {"X": self.X.tolist(), "Y": self.Y.tolist(), "Θ₁": self.thetas[0].tolist(),
                "Θ₂": self.thetas[1].tolist()}


def _whitened(seed: int, n: int, extra: int, values: list[float]) -> Whitened:
    s = n + extra
    X = np.sqrt(s) * orthogonal(seed, s)[:n]
    entries = np.array(values)
    return Whitened(X, entries[: n * s].reshape(n, s),
                    (entries[n * s : n * s + n * n].reshape(n, n), entries[-n * n :].reshape(n, n)))


def whitened() -> st.SearchStrategy[Whitened]:
    """n ≤ 3 inputs and outputs, s ≤ n + 3 samples."""
    return st.integers(1, 3).flatmap(lambda n: st.integers(0, 3).flatmap(lambda extra: st.builds(
        _whitened, st.integers(0, 2**31), st.just(n), st.just(extra),
        st.lists(coordinates(), min_size=n * (n + extra) + 2 * n * n, max_size=n * (n + extra) + 2 * n * n))))


@TOPIC.claim(
    "linear.whitened_ls_reduction",
    method="property",
    canonical=Formula(r"\Gamma = \frac1s YX^\top", lambda X, Y: Y @ X.T / X.shape[1]),
    printed={"001": Printed(Formula(r"\Gamma = \frac1{2s} XY^\top", lambda X, Y: X @ Y.T / (2 * X.shape[1])),
                            reading="As printed, Γ := XYᵀ/(2s); checked with as many outputs as inputs, so that "
                                    "XYᵀ has the shape of Θ.")},
    references=(SAXE,),
)
def whitened_ls_reduction(ctx: Context, gamma: Formula) -> Outcome:
    """Whitened least squares is a distance to Γ.

    If (1/s)XXᵀ = I, then (1/s)‖Y - ΘX‖²_F = ‖Θ - Γ‖²_F + const with Γ = (1/s)YXᵀ: minimizing one is minimizing
    ½‖Θ - Γ‖²_F, and the least-squares Θ is Γ. Checked: the difference of the two objectives is the same at
    two random Θ and at Γ, and the implementation's least squares (one output at a time) is Γ.
    """
    impl = ctx.impl()

    def prop(w: Whitened) -> list[Comparison]:
        G = gamma(w.X, w.Y)
        s = w.X.shape[1]
        gaps = [np.sum((w.Y - T @ w.X) ** 2) / s - np.sum((T - G) ** 2) for T in (*w.thetas, G)]
        tol = within_tolerance(np.sum(w.Y**2), *(np.sum(T**2) for T in w.thetas), operations=64 * s)
        fitted = impl.least_squares(w.X.T, w.Y.T, RCOND).T
        return [close(gaps[1], gaps[0], label="(1/s)‖Y - ΘX‖² - ‖Θ - Γ‖² at Θ₂ vs at Θ₁", rtol=0.0, atol=tol),
                close(gaps[2], gaps[0], label="(1/s)‖Y - ΘX‖² - ‖Θ - Γ‖² at Γ vs at Θ₁", rtol=0.0, atol=tol),
                close(fitted, G, label="least-squares Θ vs Γ", rtol=0.0,
                      atol=within_tolerance(w.Y, operations=16 * s))]

    return for_all(ctx, whitened(), prop, describe=Whitened.describe, max_examples=ctx.scaled(EXAMPLES))


P, Q, K = 3, 2, 2
"""Γ ∈ R^{3×2}, D ∈ R^{3×2}, C ∈ R^{2×2} for the gradients in C and D."""


@dataclass(frozen=True)
class LayerGradients:
    in_c: Formula
    in_d: Formula


@TOPIC.claim(
    "linear.deep_linear_grads",
    method="sympy",
    canonical=LayerGradients(Formula(r"D^\top(DC - \Gamma)", lambda C, D, G: D.T @ (D @ C - G)),
                             Formula(r"(DC - \Gamma)C^\top", lambda C, D, G: (D @ C - G) @ C.T)),
    faithful=("001",),
    uses_impl=False,
    references=(SAXE,),
)
def deep_linear_grads(ctx: Context, stated: LayerGradients) -> Outcome:
    """The gradients of a two-layer linear network.

    For l = ½‖DC - Γ‖²_F: ∂l/∂C = Dᵀ(DC - Γ) and ∂l/∂D = (DC - Γ)Cᵀ. Proved for Γ ∈ R^{3×2}, a code of size 2.
    """
    G, C, D = matrix(r"\Gamma", P, Q), matrix("C", K, Q), matrix("D", P, K)

    def loss(c: sympy.Matrix, d: sympy.Matrix) -> sympy.Expr:
        return frobenius_squared(d @ c - G) / 2

    return all_of({
        "∂l/∂C": lambda: gradient_proved(ctx, lambda c: loss(c, D), C, stated.in_c(C, D, G), "C"),
        "∂l/∂D": lambda: gradient_proved(ctx, lambda d: loss(C, d), D, stated.in_d(C, D, G), "D"),
    })


def rotation(t: sympy.Symbol) -> sympy.Matrix:
    """A rotation of R² with rational entries in t (every rotation but the half-turn)."""
    return sympy.Matrix([[1 - t**2, -2 * t], [2 * t, 1 - t**2]]) / (1 + t**2)


@TOPIC.claim(
    "linear.svd_rotation",
    method="sympy",
    canonical=Formula(r"U(\tilde D\tilde C - \Sigma)V^\top",
                      lambda U, S, V, D, C: U @ ((U.T @ D) @ (C @ V) - S) @ V.T),
    faithful=("001",),
    uses_impl=False,
    references=(SAXE,),
)
def svd_rotation(ctx: Context, stated: Formula) -> Outcome:
    """The loss in the singular basis of Γ.

    With Γ = UΣVᵀ (U, V orthogonal), D̃ = UᵀD and C̃ = CV: DC - Γ = U(D̃C̃ - Σ)Vᵀ, so ‖DC - Γ‖ = ‖D̃C̃ - Σ‖.
    Proved for 2 × 2 matrices, U and V rotations parametrised rationally, every other entry symbolic.
    """
    a, b = sympy.symbols("a b", real=True)
    U, V, C, D, E = rotation(a), rotation(b), matrix("C", 2, 2), matrix("D", 2, 2), matrix("E", 2, 2)
    S = sympy.diag(*sympy.symbols(r"\sigma_1 \sigma_2", real=True))
    return symbolic(ctx, (r"\langle DC - U\Sigma V^\top, E\rangle", pairing(D @ C - U @ S @ V.T, E)),
                    (r"\langle\text{stated}, E\rangle", pairing(stated(U, S, V, D, C), E)),
                    simplify=lambda e: sympy.expand(sympy.cancel(sympy.together(e))))


ROTATED = 2
"""D̃, C̃ and Σ are 2 × 2 for the rotated gradients: the printed forms are then defined."""


def rotated_gradient(ctx: Context, stated: Formula, variable: str) -> Outcome:
    """``stated(Dt, Ct, Σ)`` is the gradient of ½‖D̃C̃ - Σ‖²_F in ``variable`` (C̃ or D̃)."""
    Dt, Ct = matrix(r"\tilde D", ROTATED, ROTATED), matrix(r"\tilde C", ROTATED, ROTATED)
    S = sympy.diag(*sympy.symbols(r"\sigma_1:3", real=True))
    given = stated(Dt, Ct, S)
    if variable == "C̃":
        return gradient_proved(ctx, lambda c: frobenius_squared(Dt @ c - S) / 2, Ct, given, r"\tilde C")
    return gradient_proved(ctx, lambda d: frobenius_squared(d @ Ct - S) / 2, Dt, given, r"\tilde D")


CTILDE_PRINTED = Formula(r"(\tilde D\tilde C - \Sigma)^\top\tilde D", lambda Dt, Ct, S: (Dt @ Ct - S).T @ Dt)
DTILDE_PRINTED = Formula(r"\tilde C(\tilde D\tilde C - \Sigma)\tilde C^\top",
                         lambda Dt, Ct, S: Ct @ (Dt @ Ct - S) @ Ct.T)


@TOPIC.claim(
    "linear.rotated_grad_ctilde",
    method="sympy",
    canonical=Formula(r"\tilde D^\top(\tilde D\tilde C - \Sigma)", lambda Dt, Ct, S: Dt.T @ (Dt @ Ct - S)),
    printed={"001": Printed(CTILDE_PRINTED,
                            reading="As printed: (D̃C̃ - Σ)ᵀD̃, the transpose of the gradient (the document's other "
                                    "gradients have the shape of their variable, ∂l/∂C ∈ R^{m×n}).")},
    uses_impl=False,
    references=(SAXE,),
)
def rotated_grad_ctilde(ctx: Context, stated: Formula) -> Outcome:
    """The gradient in the rotated encoder.

    For l = ½‖D̃C̃ - Σ‖²_F: ∂l/∂C̃ = D̃ᵀ(D̃C̃ - Σ). Proved for 2 × 2 matrices.
    """
    return rotated_gradient(ctx, stated, "C̃")


@TOPIC.claim(
    "linear.rotated_grad_dtilde",
    method="sympy",
    canonical=Formula(r"(\tilde D\tilde C - \Sigma)\tilde C^\top", lambda Dt, Ct, S: (Dt @ Ct - S) @ Ct.T),
    printed={"001": Printed(DTILDE_PRINTED,
                            reading="As printed, C̃(D̃C̃ - Σ)Cᵀ, with Cᵀ read as C̃ᵀ (the rotated variables "
                                    "throughout); defined for square matrices.")},
    uses_impl=False,
    references=(SAXE,),
)
def rotated_grad_dtilde(ctx: Context, stated: Formula) -> Outcome:
    """The gradient in the rotated decoder.

    For l = ½‖D̃C̃ - Σ‖²_F: ∂l/∂D̃ = (D̃C̃ - Σ)C̃ᵀ. Proved for 2 × 2 matrices.
    """
    return rotated_gradient(ctx, stated, "D̃")


def _decoupled(Dt: sympy.Matrix, Ct: sympy.Matrix, sigma: list[sympy.Symbol]) -> sympy.Expr:
    cooperative = sum(((Dt.row(r) @ Ct.col(r))[0] - sigma[r]) ** 2 for r in range(len(sigma)))
    competitive = sum((Dt.row(r) @ Ct.col(q))[0] ** 2 for r in range(len(sigma)) for q in range(len(sigma)) if r != q)
    return cooperative / 2 + competitive / 2


@TOPIC.claim(
    "linear.decoupled_loss",
    method="sympy",
    canonical=Formula(r"\frac12\sum_r (d_r\cdot c_r - \sigma_r)^2 + \frac12\sum_{r\ne q}(d_r\cdot c_q)^2",
                      _decoupled),
    faithful=("001",),
    uses_impl=False,
    references=(SAXE,),
)
def decoupled_loss(ctx: Context, stated: Formula) -> Outcome:
    """The loss splits into cooperative and competitive terms.

    With d_r the rows of D̃ and c_q the columns of C̃ (Σ diagonal): ½‖D̃C̃ - Σ‖²_F = ½Σ_r (d_r·c_r - σ_r)² +
    ½Σ_{r≠q} (d_r·c_q)². Proved for Σ ∈ R^{3×3} and a code of size 2.
    """
    Dt, Ct = matrix(r"\tilde D", 3, 2), matrix(r"\tilde C", 2, 3)
    sigma = list(sympy.symbols(r"\sigma_1:4", real=True))
    loss = frobenius_squared(Dt @ Ct - sympy.diag(*sigma)) / 2
    return symbolic(ctx, (r"\frac12\|\tilde D\tilde C - \Sigma\|_F^2", loss),
                    ("stated", stated(Dt, Ct, sigma)), simplify=sympy.expand)
