"""Singular values and vectors: the spectral and Frobenius norms, the full SVD and how far it is unique,
Eckart–Young, the pseudo-inverse of a matrix with orthonormal columns, whitening.

Every check compares the implementation under test with the factors the matrix was built from (see
:mod:`.strategies`), to a tolerance from the backward error of a stable factorization, about (m + n)² ε s_max,
divided by the spectral gap or the smallest singular value where the quantity is that sensitive.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from hypothesis import strategies as st

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, at_least, at_most, close, for_all, that

from . import ECKART, GOLUB, PENROSE, TOPIC
from .strategies import EXAMPLES, Factored, factored, seeds, unitary


def near(actual: Any, expected: Any, *, label: str, atol: float) -> Comparison:
    """``|actual - expected| ≤ atol`` element-wise, for real or complex arrays of one shape."""
    actual, expected = np.asarray(actual), np.broadcast_to(expected, np.shape(actual))
    error = np.abs(actual - expected)
    return close(error, np.zeros_like(error), label=f"{label} (|error|)", rtol=0.0, atol=atol)


def over_matrices(ctx: Context, strategy: Any, prop: Callable[[Any], Comparison | list[Comparison]]) -> Outcome:
    """``prop`` on every generated matrix, each failure reported with the matrix and its singular values."""
    return for_all(ctx, strategy, prop, describe=Factored.describe, max_examples=ctx.scaled(EXAMPLES))


@TOPIC.claim("linalg.spectral_norm", method="property", faithful=("000",), references=(GOLUB,))
def spectral_norm(ctx: Context) -> Outcome:
    """The operator 2-norm is the largest singular value.

    ‖A‖₂ = max_{‖x‖=1} ‖Ax‖₂ = σ₁(A) for every real or complex m × n matrix A (Golub & Van Loan, §2.3). The
    implementation's ``norm(A, 2)`` is compared with σ₁ of the factors, and ‖Ax‖ ≤ ‖A‖₂ ‖x‖ is checked at a
    random x and attained at x = v₁ (the maximizer), on ill-conditioned, singular and complex matrices.
    """
    impl = ctx.impl()

    def prop(f: Factored) -> list[Comparison]:
        norm, tol = impl.norm(f.A, 2), f.rounding()
        x = np.random.default_rng(f.shape).standard_normal(f.shape[1])
        v1 = f.Vh[0].conj()
        return [close(norm, f.s_max, label="norm(A, 2) vs σ₁", rtol=0.0, atol=tol),
                at_most(np.linalg.norm(f.A @ x), norm * np.linalg.norm(x), label="‖Ax‖ ≤ ‖A‖₂‖x‖",
                        atol=tol * np.linalg.norm(x)),
                close(np.linalg.norm(f.A @ v1), norm, label="‖Av₁‖ = ‖A‖₂", rtol=0.0, atol=2 * tol)]

    return over_matrices(ctx, factored(complex_=None), prop)


TRUNCATED_SVD = Formula(r"U\Sigma_k V^\top", lambda impl, A, k: impl.low_rank(A, k))


@TOPIC.claim(
    "linalg.eckart_young",
    method="property",
    canonical=TRUNCATED_SVD,
    faithful=("000", "001", "003:532"),
    printed={"003:121": Printed(TRUNCATED_SVD, reading="argmin over rank(X̂) = k read as rank ≤ k: when rank X < k "
                                                      "no matrix of rank exactly k attains the infimum 0, and "
                                                      "U Σ_k Vᵀ = X itself has rank < k")},
    references=(ECKART, GOLUB),
)
def eckart_young(ctx: Context, approximation: Formula) -> Outcome:
    """The truncated SVD is a best rank-k approximation in Frobenius norm (Eckart–Young).

    With X = U Σ Vᵀ and Σ_k = diag(σ₁, …, σ_k, 0, …): X_k = U Σ_k Vᵀ has rank ≤ k and
    ‖X - X_k‖_F = (Σ_{i>k} σᵢ²)^½ = min_{rank Y ≤ k} ‖X - Y‖_F. The implementation's ``low_rank(X, k)`` is
    checked for its rank, for its error against the singular values of the factors, and against rank-k
    competitors Y = (U_k + δ)Σ_k(V_k + δ)ᵀ pushed towards the optimum (the tightest instance).
    """
    impl = ctx.impl()

    def at_rank(f: Factored, k: int, delta: float) -> list[Comparison]:
        approx = np.asarray(approximation(impl, f.A, k), dtype=float)
        if approx.shape != f.shape:
            return [that(False, label="shape", message=f"low_rank(A, {k}) has shape {approx.shape}, A {f.shape}")]
        tol = f.rounding()
        error = np.linalg.norm(f.A - approx)
        optimum = float(np.sqrt(np.sum(f.s[k:] ** 2)))
        rng = np.random.default_rng(k)
        p = len(f.s)
        Y = ((f.U[:, :k] + delta * rng.standard_normal((f.shape[0], k))) * f.s[:k]) @ (
            f.Vh[:k] + delta * rng.standard_normal((k, f.shape[1])))
        tail = np.linalg.svd(approx, compute_uv=False)[k:p]
        return [at_most(float(tail.max(initial=0.0)), 0.0, label=f"σ_{k + 1}(low_rank(A, {k})) = 0 (rank ≤ k)",
                        atol=tol),
                close(error, optimum, label="‖A - A_k‖_F vs (Σ_{i>k} σᵢ²)^½", rtol=0.0, atol=tol),
                at_least(np.linalg.norm(f.A - Y), error, label="‖A - Y‖_F ≥ ‖A - A_k‖_F (rank Y ≤ k)", atol=tol)]

    def prop(case: tuple[Factored, int, float]) -> list[Comparison]:
        f, k, delta = case  # the drawn rank first, then every other rank of A
        return [c for rank in dict.fromkeys([min(k, len(f.s)), *range(len(f.s) + 1)])
                for c in at_rank(f, rank, delta)]

    cases = st.tuples(factored(), st.integers(0, 5), st.one_of(st.just(0.0), st.floats(1e-8, 1.0)))
    return for_all(ctx, cases, prop, describe=lambda c: {**c[0].describe(), "k": c[1], "δ": c[2]},
                   max_examples=ctx.scaled(EXAMPLES))


@TOPIC.claim("linalg.svd_shapes", method="property", faithful=("002",), references=(GOLUB,))
def svd_shapes(ctx: Context) -> Outcome:
    """The full SVD: U (m × m) and V (n × n) unitary, Σ (m × n) rectangular diagonal.

    Every m × n matrix M = U Σ Vᴴ with U ∈ C^{m×m}, V ∈ C^{n×n} unitary (orthogonal when M is real) and
    Σ ∈ R^{m×n} diagonal with σ₁ ≥ … ≥ σ_min(m,n) ≥ 0 (Golub & Van Loan, Thm. 2.4.1). The implementation's ``svd``
    is checked for the shapes, UᴴU = I, VVᴴ = I, the order and sign of σ, σ against the factors' singular
    values, and U Σ Vᴴ = M.
    """
    impl = ctx.impl()

    def prop(f: Factored) -> list[Comparison]:
        (m, n), p = f.shape, len(f.s)
        U, s, Vh = impl.svd(f.A)
        shapes = (U.shape, s.shape, Vh.shape)
        if shapes != ((m, m), (p,), (n, n)):
            return [that(False, label="shapes of U, s, Vh", message=f"{shapes}, expected {((m, m), (p,), (n, n))}")]
        tol = f.rounding()
        sigma = np.zeros((m, n))
        sigma[:p, :p] = np.diag(s)
        unit = tol / max(f.s_max, 1e-300)
        return [near(U.conj().T @ U, np.eye(m), label="UᴴU = I", atol=unit),
                near(Vh @ Vh.conj().T, np.eye(n), label="VᴴV = I", atol=unit),
                that(bool(np.all(np.diff(s) <= 0) and np.all(s >= 0)), label="σ₁ ≥ … ≥ σ_p ≥ 0",
                     message=f"s = {s.tolist()}"),
                close(s, f.s, label="σ vs the factors' singular values", rtol=0.0, atol=tol),
                near(U @ sigma @ Vh, f.A, label="U Σ Vᴴ = M", atol=tol)]

    return over_matrices(ctx, factored(complex_=None), prop)


def clusters(s: np.ndarray) -> list[np.ndarray]:
    """Indices of the distinct non-zero singular values (exact repeats, as the factors were built)."""
    return [np.flatnonzero(s == value) for value in np.unique(s[s > 0])]


@TOPIC.claim("linalg.singular_vectors_nonunique", method="property", faithful=("003",), references=(GOLUB,))
def singular_vectors_nonunique(ctx: Context) -> Outcome:
    """Singular vectors are unique only up to sign (phase) and rotations within a repeated singular value.

    If A = U Σ Vᴴ then so is A = (U D)Σ(V D)ᴴ for any unitary D that is block-diagonal over the groups of equal
    singular values (a sign or phase per simple σᵢ, a rotation for a repeated one), and every other SVD of A has
    this form on its non-zero singular values (Golub & Van Loan, §2.4). Checked: the implementation's SVD and
    the factors the matrix was built from give the same u vᴴ pairing Σ_{i∈G} uᵢvᵢᴴ on every group G (to
    rounding / gap), while the vectors themselves differ by a sign or rotation (counted as evidence).
    """
    impl = ctx.impl()
    differ = {"instances whose singular vectors differ from the factors' beyond rounding": 0}

    def prop(f: Factored) -> list[Comparison]:
        U, _, Vh = impl.svd(f.A)
        if U.shape[1] < len(f.s) or Vh.shape[0] < len(f.s):
            return [that(False, label="full SVD", message=f"U {U.shape}, Vh {Vh.shape}")]
        out, tol = [], f.rounding()
        values = np.concatenate([[np.inf], np.unique(f.s)[::-1], [0.0]])
        for group in clusters(f.s):
            sigma = f.s[group[0]]
            gap = float(np.min(np.abs(values - sigma)[values != sigma]))
            pairing, expected = U[:, group] @ Vh[group], f.U[:, group] @ f.Vh[group]
            out.append(near(pairing, expected, label=f"Σ_G uᵢvᵢᴴ for σ = {sigma:.6g} (×{len(group)})",
                            atol=min(2.0, 4 * tol / gap)))
            if not np.allclose(np.abs(U[:, group]), np.abs(f.U[:, group]), atol=1e-6):
                differ["instances whose singular vectors differ from the factors' beyond rounding"] += 1
        return out

    outcome = over_matrices(ctx, factored(complex_=None), prop)
    outcome.evidence.update(differ)
    return outcome


@TOPIC.claim("linalg.frobenius_singular_values", method="property", faithful=("002",), references=(GOLUB,))
def frobenius_singular_values(ctx: Context) -> Outcome:
    """The Frobenius norm is the 2-norm of the singular values.

    ‖A‖_F = (Σ_ij |a_ij|²)^½ = (Σᵢ σᵢ²)^½ for every real or complex A. The singular values of the
    implementation's ``svd`` and its ``norm(A, "fro")`` are compared with the entry-wise sum of squares.
    """
    impl = ctx.impl()

    def prop(f: Factored) -> list[Comparison]:
        entrywise, tol = float(np.sqrt(np.sum(np.abs(f.A) ** 2))), f.rounding()
        s = impl.svd(f.A)[1]
        return [close(np.sqrt(np.sum(s**2)), entrywise, label="(Σ σᵢ²)^½ = ‖A‖_F", rtol=0.0, atol=tol),
                close(impl.norm(f.A, "fro"), entrywise, label="norm(A, 'fro') = (Σ|a_ij|²)^½", rtol=0.0, atol=tol)]

    return over_matrices(ctx, factored(complex_=None), prop)


RCOND = 1e-11
"""The rank decision passed to ``pinv``: above the rounding of a zero singular value (≈ 1e-15 s_max), below the
smallest non-zero one drawn (1e-8 s_max)."""


def orthonormal_columns(seed: int, m: int, k: int, scales: list[float]) -> np.ndarray:
    """W = Q[:, :k], k ≤ m columns of a Haar orthogonal matrix (``scales`` unused: the columns are unit)."""
    return unitary(seed, m)[:, :k]


def orthogonal_columns(seed: int, m: int, k: int, scales: list[float]) -> np.ndarray:
    """W = Q[:, :k] diag(c): mutually orthogonal columns of lengths c."""
    return unitary(seed, m)[:, :k] * np.array(scales[:k])


ORTHONORMAL = Formula(r"W^\top W = I", orthonormal_columns)


@TOPIC.claim(
    "linalg.pinv_orthonormal_columns",
    method="property",
    canonical=ORTHONORMAL,
    printed={
        "002": Printed(Formula(r"W^\top W \text{ diagonal}", orthogonal_columns),
                       reading="'W has orthogonal columns' read literally: mutually orthogonal columns of any length "
                               "(WᵀW diagonal); the catalogue's reading (orthonormal columns) is the canonical claim"),
        "003": Printed(Formula(r"W^\top W \text{ diagonal}", orthogonal_columns),
                       reading="'W has orthogonal columns' read literally: WᵀW diagonal, not necessarily I"),
    },
    references=(PENROSE, GOLUB),
)
def pinv_orthonormal_columns(ctx: Context, columns: Formula) -> Outcome:
    """The pseudo-inverse of a matrix with orthonormal columns is its transpose.

    If WᵀW = I then W⁺ = Wᵀ: Wᵀ satisfies the four Penrose conditions (W Wᵀ W = W, Wᵀ W Wᵀ = Wᵀ, W Wᵀ and
    Wᵀ W symmetric). For columns that are only orthogonal, W⁺ = (WᵀW)⁻¹Wᵀ = diag(1/cᵢ²) Wᵀ ≠ Wᵀ. Checked: the
    implementation's ``pinv(W)`` against Wᵀ, and (canonical variant) its ``pinv`` of general ill-conditioned and
    rank-deficient A against A⁺ = V Σ⁺ Uᵀ from the factors, to the perturbation bound ‖ΔA⁺‖ ≲ ‖E‖/σ_min².
    """
    impl = ctx.impl()

    def of_columns(case: tuple[int, int, int, list[float]]) -> Comparison:
        seed, m, k, scales = case
        W = columns(seed, m, min(k, m), scales)
        return close(impl.pinv(W, RCOND), W.T, label="pinv(W) = Wᵀ", rtol=0.0, atol=64 * m * 2.2e-16 * np.abs(W).max())

    def of_general(f: Factored) -> Comparison:
        p = len(f.s)
        inverse = np.divide(1.0, f.s, out=np.zeros_like(f.s), where=f.s > 0)
        exact = (f.Vh[:p].T * inverse) @ f.U[:, :p].T
        sigma_min = float(f.s[f.s > 0].min()) if f.rank else 1.0
        return close(impl.pinv(f.A, RCOND), exact, label="pinv(A) = V Σ⁺ Uᵀ", rtol=0.0,
                     atol=4 * f.rounding() / sigma_min**2)

    cases = st.tuples(seeds(), st.integers(1, 5), st.integers(1, 5),
                      st.lists(st.floats(0.1, 10.0), min_size=5, max_size=5))
    outcome = for_all(ctx, cases, of_columns, max_examples=ctx.scaled(EXAMPLES),
                      describe=lambda c: {"W": columns(c[0], c[1], min(c[2], c[1]), c[3]).tolist()})
    if not ctx.is_canonical or not outcome.verdict.is_pass:
        return outcome
    general = over_matrices(ctx, factored(), of_general)
    general.evidence = {**{f"orthonormal columns: {k}": v for k, v in outcome.evidence.items()},
                        **{f"general A: {k}": v for k, v in general.evidence.items()}}
    return general


@TOPIC.claim("linalg.whitening", method="property", faithful=("001",), references=(GOLUB,))
def whitening(ctx: Context) -> Outcome:
    """Whitening by the eigendecomposition of the covariance.

    If (1/s) X Xᵀ = U Λ Uᵀ (X ∈ R^{d×s} of full row rank, so Λ ≻ 0) then X_w = Λ^{-½} Uᵀ X has (1/s) X_w X_wᵀ = I.
    U, Λ come from the implementation's ``eigh``; the residual is compared with I to ε κ((1/s)XXᵀ) (the
    rounding of the covariance relative to its smallest eigenvalue), on X with κ(X) ≤ 1e4.
    """
    impl = ctx.impl()

    def prop(f: Factored) -> Comparison:
        X = f.A if f.shape[0] <= f.shape[1] else f.A.T
        d, s = X.shape
        w, U = impl.eigh(X @ X.T / s)
        white = (U.T @ X) / np.sqrt(w)[:, None]
        return close(white @ white.T / s, np.eye(d), label="(1/s) X_w X_wᵀ = I", rtol=0.0,
                     atol=64 * (d + s) ** 2 * 2.2e-16 * f.condition**2)

    return over_matrices(ctx, factored(singular=False, decades=4.0), prop)
