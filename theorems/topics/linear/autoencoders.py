"""Linear autoencoders x ↦ DCx (documents 001, 003): the gradients of the reconstruction loss, the rank bound,
the PCA solution (Eckart–Young) and its reparameterisations, and (non-)convexity of the loss.
"""

from __future__ import annotations

from collections.abc import Callable
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
    at_least,
    close,
    for_all,
    for_each,
    symbolic,
    that,
)
from theorems.topics.regularization.strategies import orthogonal

from . import BALDI, ECKART, TOPIC
from .matrices import frobenius_squared, gradient_proved, matrix
from .strategies import EXAMPLES, Data, data

N, M = 3, 2
"""The gradients are proved for x ∈ R³ and a code of size 2 (every entry symbolic)."""

TOPIC.not_checkable(
    "linear.autoencoder_def",
    title="The linear autoencoder",
    statement="x ↦ z = Cx ↦ y = Dz with C ∈ R^{m×n}, D ∈ R^{n×m}, m < n, and the loss l(x) = ½‖x - y‖².",
    reason="A definition: it names the model and its loss. Its gradients, rank bound and optimal solution are "
           "checked (linear.autoencoder_grad_c, _grad_d, _rank_bound, _pca_solution).",
)


def reconstruction_loss(x: sympy.Matrix) -> Callable[[sympy.Matrix, sympy.Matrix], sympy.Expr]:
    """l(C, D) = ½‖x - DCx‖²."""
    return lambda C, D: frobenius_squared(x - D @ C @ x) / 2


X_SYM, C_SYM, D_SYM = matrix("x", N, 1), matrix("C", M, N), matrix("D", N, M)


@TOPIC.claim(
    "linear.autoencoder_grad_c",
    method="sympy",
    canonical=Formula(r"D^\top(y - x)x^\top", lambda C, D, x: D.T @ (D @ C @ x - x) @ x.T),
    faithful=("001",),
    uses_impl=False,
)
def autoencoder_grad_c(ctx: Context, stated: Formula) -> Outcome:
    """The encoder gradient of a linear autoencoder.

    For l = ½‖x - y‖² with y = DCx: ∂l/∂C = Dᵀ(y - x)xᵀ ∈ R^{m×n}. Proved for n = 3, m = 2.
    """
    loss = reconstruction_loss(X_SYM)
    return gradient_proved(ctx, lambda C: loss(C, D_SYM), C_SYM, stated(C_SYM, D_SYM, X_SYM), "C")


@TOPIC.claim(
    "linear.autoencoder_grad_d",
    method="sympy",
    canonical=Formula(r"(y - x)x^\top C^\top", lambda C, D, x: (D @ C @ x - x) @ x.T @ C.T),
    faithful=("001",),
    uses_impl=False,
)
def autoencoder_grad_d(ctx: Context, stated: Formula) -> Outcome:
    """The decoder gradient of a linear autoencoder.

    For l = ½‖x - y‖² with y = DCx: ∂l/∂D = (y - x)xᵀCᵀ ∈ R^{n×m}. Proved for n = 3, m = 2.
    """
    loss = reconstruction_loss(X_SYM)
    return gradient_proved(ctx, lambda D: loss(C_SYM, D), D_SYM, stated(C_SYM, D_SYM, X_SYM), "D")


@dataclass(frozen=True)
class Factors:
    """Integer D (n × m) and C (m × n), m < n: ranks are computed exactly."""

    D: sympy.Matrix
    C: sympy.Matrix

    def describe(self) -> dict[str, object]:
        return {"D": self.D.tolist(), "C": self.C.tolist()}


def _factors(n: int, m: int, entries: list[int]) -> Factors:
    return Factors(sympy.Matrix(n, m, entries[: n * m]), sympy.Matrix(m, n, entries[n * m : 2 * n * m]))


def factors() -> st.SearchStrategy[Factors]:
    """n ≤ 4, m < n, entries in {-2, …, 2} (rank deficiency is frequent)."""
    return st.integers(2, 4).flatmap(lambda n: st.integers(1, n - 1).flatmap(lambda m: st.builds(
        _factors, st.just(n), st.just(m), st.lists(st.integers(-2, 2), min_size=2 * n * m, max_size=2 * n * m))))


@TOPIC.claim(
    "linear.autoencoder_rank_bound",
    method="property",
    canonical=Formula(r"\min\{\operatorname{rank} C, \operatorname{rank} D\}", lambda rank_c, rank_d, m: min(rank_c,
                                                                                                            rank_d)),
    faithful=("001",),
    uses_impl=False,
)
def autoencoder_rank_bound(ctx: Context, stated: Formula) -> Outcome:
    """A linear autoencoder reconstructs through a rank-m bottleneck.

    rank(DC) ≤ min(rank C, rank D) ≤ m < n, so every reconstruction Y = DCX has rank ≤ m. Checked with exact
    ranks of integer matrices, the tightness (rank(DC) = the bound) reported.
    """

    def ranks(f: Factors) -> list[Comparison]:
        rank_dc, rank_c, rank_d = (f.D @ f.C).rank(), f.C.rank(), f.D.rank()
        m = f.C.rows
        limit = stated(rank_c, rank_d, m)
        return [at_least(limit, rank_dc, label="stated bound ≥ rank(DC)", rtol=0.0),
                at_least(m, min(rank_c, rank_d), label="m ≥ min(rank C, rank D)", rtol=0.0)]

    return for_all(ctx, factors(), ranks, describe=Factors.describe)


@dataclass(frozen=True)
class PCA:
    """The PCA claim as a printing states it: the optimal reconstruction, and (003:121) the convexity facts."""

    convexity: bool


def reconstruction_error(X: np.ndarray, D: np.ndarray, C: np.ndarray) -> float:
    return float(np.sum((X - D @ C @ X) ** 2))


def _optimal(ctx: Context) -> Outcome:
    """The implementation's U_k gives U_kU_kᵀX = X_k, and ‖X - U_kU_kᵀX‖² = Σ_{i>k} sᵢ²; no other rank-k DC
    (drawn at random) does better."""
    impl = ctx.impl()

    def prop(case: tuple[Data, int]) -> list[Comparison]:
        d, seed = case
        U = impl.principal_subspace(d.X, d.k)
        tol = d.tolerance()
        rng = np.random.default_rng(seed)
        D, C = rng.standard_normal((len(d.U), d.k)), rng.standard_normal((d.k, len(d.U)))
        return [close(U @ (U.T @ d.X), d.best, label="U_kU_kᵀX vs X_k", rtol=0.0, atol=d.s[0] * tol),
                close(reconstruction_error(d.X, U, U.T), d.optimum, label="‖X - U_kU_kᵀX‖² vs Σ_{i>k} sᵢ²",
                      rtol=0.0, atol=d.s[0] ** 2 * tol),
                at_least(reconstruction_error(d.X, D, C), d.optimum, label="‖X - DCX‖² ≥ Σ_{i>k} sᵢ²",
                         atol=d.s[0] ** 2 * tol)]

    return for_all(ctx, st.tuples(data(), st.integers(0, 2**31)), prop, describe=lambda c: c[0].describe(),
                   max_examples=ctx.scaled(EXAMPLES))


def _convexity(ctx: Context) -> Outcome:
    """f(D, E) = ‖X - DEX‖²_F is convex in each factor: its second derivative along any direction Δ is 2‖ΔEX‖²
    (in D) or 2‖DΔX‖² (in E), proved for 2 × 2 X and k = 1. It is not jointly convex: for X = [1], f = (1 - DE)²
    is 0 at (1, 1) and at (-1, -1) and 1 at their midpoint (0, 0)."""
    X, D, E, t = matrix("X", 2, 2), matrix("D", 2, 1), matrix("E", 1, 2), sympy.Symbol("t", real=True)
    along_d, along_e = matrix(r"\Delta", 2, 1), matrix(r"\Delta", 1, 2)

    def f(x: sympy.Matrix, d: sympy.Matrix, e: sympy.Matrix) -> sympy.Expr:
        return frobenius_squared(x - d @ e @ x)

    def second(path: Callable[[sympy.Expr], sympy.Expr]) -> sympy.Expr:
        return sympy.diff(path(t), t, 2).subs(t, 0)

    def midpoint_above(points: tuple[int, int]) -> Comparison:
        one = sympy.Matrix([[1]])
        value = [f(one, one * p, one * p) for p in (*points, sum(points) / sympy.Integer(2))]
        return that(value[2] > (value[0] + value[1]) / 2, label="f(midpoint) > mean of the ends",
                    message=f"f at D = E = {points[0]}, {points[1]} and their midpoint: {value}")

    return all_of({
        "convex in D": lambda: symbolic(ctx, (r"\frac{d^2}{dt^2} f(D + t\Delta, E)",
                                              second(lambda s: f(X, D + s * along_d, E))),
                                        (r"2\|\Delta E X\|^2", 2 * frobenius_squared(along_d @ E @ X)),
                                        simplify=sympy.expand),
        "convex in E": lambda: symbolic(ctx, (r"\frac{d^2}{dt^2} f(D, E + t\Delta)",
                                              second(lambda s: f(X, D, E + s * along_e))),
                                        (r"2\|D\Delta X\|^2", 2 * frobenius_squared(D @ along_e @ X)),
                                        simplify=sympy.expand),
        "not jointly convex": lambda: for_each(ctx, [(1, -1)], midpoint_above, domain_name="the pair (1, 1), (-1, -1)",
                                               complete=True),
    })


PCA_SOLUTION = PCA(convexity=True)
SOLUTION_ONLY = "prints the optimal reconstruction only (no convexity statement): checked as such"


@TOPIC.claim(
    "linear.autoencoder_pca_solution",
    method="property",
    canonical=PCA_SOLUTION,
    faithful=("003:121",),
    printed={"001": Printed(PCA(convexity=False), reading="C = U_mᵀ, D = U_m ⇒ DCX = X_m, with U_m the top-m left "
                                                          "singular vectors of X: " + SOLUTION_ONLY),
             "003:529": Printed(PCA(convexity=False), reading="X̂ = U_kU_kᵀX with U_k the top-k eigenvectors of XXᵀ "
                                                              "(X centred): " + SOLUTION_ONLY)},
    depends=("linear.autoencoder_rank_bound",),
    references=(ECKART, BALDI),
)
def autoencoder_pca_solution(ctx: Context, stated: PCA) -> Outcome:
    """The optimal linear autoencoder is PCA.

    For data X ∈ R^{d×n} and a code of size k, min over C ∈ R^{k×d}, D ∈ R^{d×k} of ‖X - DCX‖²_F is Σ_{i>k} sᵢ²,
    attained by D = U_k, C = U_kᵀ (top-k left singular vectors, = top-k eigenvectors of XXᵀ), which
    reconstruct X_k, the rank-k truncated SVD (Eckart & Young 1936; Baldi & Hornik 1989). The loss is not jointly
    convex in (C, D) but convex in each. Checked on centred data with a gap s_k > s_{k+1} (the subspace is then
    unique), against the implementation's principal subspace and random rank-k competitors; convexity proved.
    """
    parts = {"optimal reconstruction": lambda: _optimal(ctx)}
    if stated.convexity:
        parts["convexity"] = lambda: _convexity(ctx)
    return all_of(parts)


def _invertible(seed: int, k: int) -> np.ndarray:
    """A k × k matrix with singular values in [1, 10]."""
    rng = np.random.default_rng(seed)
    return orthogonal(seed, k) @ np.diag(rng.uniform(1.0, 10.0, k)) @ orthogonal(seed + 1, k)


def _swapped(U: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    A = _invertible(seed, len(U))
    return U.T @ A, np.linalg.inv(A) @ U


def _canonical(U: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    A = _invertible(seed, U.shape[1])
    return A @ U.T, U @ np.linalg.inv(A)


SWAPPED = Formula(r"C = U_k^\top A,\ D = A^{-1}U_k", _swapped)


@TOPIC.claim(
    "linear.autoencoder_reparameterization",
    method="property",
    canonical=Formula(r"C = AU_k^\top,\ D = U_kA^{-1}", _canonical),
    printed={"003": Printed(SWAPPED,
                            reading="C = U_kᵀA, D = A⁻¹(U_k)ᵀ: only A ∈ R^{d×d} makes U_kᵀA defined, and then "
                                    "(U_k)ᵀ must be read U_k for D to be d × k: checked with A d × d invertible.")},
    depends=("linear.autoencoder_pca_solution",),
    references=(BALDI,),
)
def autoencoder_reparameterization(ctx: Context, stated: Formula) -> Outcome:
    """The optimal linear autoencoder is unique only up to an invertible map of the code.

    For every invertible A ∈ R^{k×k}, C = AU_kᵀ and D = U_kA⁻¹ give DC = U_kU_kᵀ, so they are optimal too
    (Baldi & Hornik 1989). Checked on the implementation's U_k with A of condition number ≤ 10.
    """
    impl = ctx.impl()

    def prop(case: tuple[Data, int]) -> Comparison:
        d, seed = case
        C, D = stated(impl.principal_subspace(d.X, d.k), seed)
        return close(reconstruction_error(d.X, D, C), d.optimum, label="‖X - DCX‖² vs Σ_{i>k} sᵢ²", rtol=0.0,
                     atol=100 * d.s[0] ** 2 * d.tolerance())

    return for_all(ctx, st.tuples(data(), st.integers(0, 2**31)), prop, describe=lambda c: c[0].describe(),
                   max_examples=ctx.scaled(EXAMPLES))
