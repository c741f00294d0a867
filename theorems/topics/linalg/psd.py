"""Positive semi-definite matrices: Gram and kernel matrices, eigenvalues, Cholesky, trace and determinant,
the condition number, and Sylvester's criteria (exhaustively over small integer matrices)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

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
    equal,
    for_all,
    for_each,
    symbolic,
    within_tolerance,
)
from theorems.topics.linear.matrices import matrix as symbolic_matrix
from theorems.topics.linear.matrices import pairing

from . import GOLUB, HORN, TOPIC
from .spectral import near, over_matrices
from .strategies import EXAMPLES, Factored, factored, symmetric


def eigenvalue_rounding(f: Factored) -> float:
    """The rounding of a backward-stable symmetric eigensolver: about n² ε ‖A‖ on every eigenvalue."""
    return f.rounding()


GRAM = Formula(r"XX^\top", lambda X: X @ X.T)


@TOPIC.claim("linalg.gram_xxt_psd", method="sympy", canonical=GRAM, faithful=("002", "004"), references=(HORN,))
def gram_xxt_psd(ctx: Context, gram: Formula) -> Outcome:
    """X Xᵀ is symmetric positive semi-definite.

    For every real X: (XXᵀ)ᵀ = XXᵀ (as ⟨G, E⟩ = ⟨Gᵀ, E⟩ for a symbolic E) and vᵀXXᵀv = ‖Xᵀv‖² ≥ 0. Proved
    with SymPy for a symbolic 3 × 3 X and v (the identity is the same entry-wise for every shape), and the
    implementation's ``eigh`` of XXᵀ checked to have no eigenvalue below -n²ε‖X‖² on ill-conditioned and
    singular X.
    """
    X, E = symbolic_matrix("x", 3, 3), symbolic_matrix("e", 3, 3)
    v = sympy.Matrix(3, 1, lambda i, _: sympy.Symbol(f"v_{i + 1}", real=True))
    G = gram(X)
    impl = ctx.impl()

    def numeric(f: Factored) -> list[Comparison]:
        G = gram(f.A)
        w = impl.eigh(G)[0]
        tol = within_tolerance(f.s_max**2, operations=16 * (2 * len(G)) ** 2)
        return [close(G, G.T, label="G = Gᵀ", rtol=0.0, atol=tol),
                at_least(float(w.min()), 0.0, label="λ_min(XXᵀ) ≥ 0", atol=tol)]

    return all_of({
        "proof": lambda: all_of({
            "symmetric": lambda: symbolic(ctx, (r"\langle G, E\rangle", pairing(G, E)),
                                          (r"\langle G^\top, E\rangle", pairing(G.T, E)), simplify=sympy.expand),
            "quadratic form": lambda: symbolic(ctx, (r"v^\top G v", (v.T @ G @ v)[0]),
                                               (r"\|X^\top v\|^2", (X.T @ v).dot(X.T @ v)), simplify=sympy.expand),
        }),
        "implementation": lambda: over_matrices(ctx, factored(square=True), numeric),
    })


def _points(seed: int, n: int, d: int, duplicate: bool) -> np.ndarray:
    x = np.random.default_rng(seed).uniform(-3, 3, size=(n, d))
    if duplicate and n > 1:
        x[-1] = x[0]  # a repeated point: a singular Gram matrix
    return x


def _sq_distances(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.sum((x[:, None, :] - y[None, :, :]) ** 2, axis=-1)


KERNELS = (
    Formula(r"e^{-\|x-y\|^2/2}", lambda x, y: np.exp(-_sq_distances(x, y) / 2)),
    Formula(r"e^{-\|x-y\|_1}", lambda x, y: np.exp(-np.sum(np.abs(x[:, None, :] - y[None, :, :]), axis=-1))),
    Formula(r"(x^\top y + 1)^3", lambda x, y: (x @ y.T + 1) ** 3),
    Formula(r"x^\top y", lambda x, y: x @ y.T),
)


@TOPIC.claim("linalg.kernel_gram_psd", method="property", canonical=KERNELS, faithful=("002",), references=(HORN,))
def kernel_gram_psd(ctx: Context, kernels: Sequence[Formula]) -> Outcome:
    """The Gram matrix of a positive-definite kernel is PSD.

    For a Mercer kernel k and any points x₁ … x_n, K_ij = k(xᵢ, xⱼ) is symmetric PSD. Checked for the Gaussian,
    Laplacian, cubic polynomial and linear kernels on 1 … 8 points in R¹ … R³ (a repeated point half the time,
    so K is singular): the implementation's ``eigh`` gives no eigenvalue below -n²ε‖K‖_max.
    """
    impl = ctx.impl()

    def prop(case: tuple[int, int, int, bool]) -> list[Comparison]:
        x = _points(*case)
        out = []
        for k in kernels:
            K = k(x, x)
            tol = within_tolerance(K, operations=16 * len(K) ** 2)
            out.append(at_least(float(impl.eigh(K)[0].min()), 0.0, label=f"λ_min(K) ≥ 0 for k = {k.latex}", atol=tol))
        return out

    cases = st.tuples(st.integers(0, 2**32 - 1), st.integers(1, 8), st.integers(1, 3), st.booleans())
    return for_all(ctx, cases, prop, describe=lambda c: {"points": _points(*c).tolist()},
                   max_examples=ctx.scaled(EXAMPLES))


@TOPIC.claim("linalg.psd_cholesky", method="property", faithful=("002",), references=(GOLUB, HORN))
def psd_cholesky(ctx: Context) -> Outcome:
    """Every symmetric PSD matrix has a Cholesky factorization A = L Lᵀ.

    L is lower triangular with a non-negative diagonal; for a singular PSD A it exists but is not unique
    (Horn & Johnson, Cor. 7.2.9). The implementation's ``cholesky`` is checked on PSD matrices with κ up to 1e8
    and exact zero eigenvalues: L lower triangular and ‖LLᵀ - A‖_max ≤ n²ε‖A‖.
    """
    impl = ctx.impl()

    def prop(f: Factored) -> list[Comparison]:
        L = impl.cholesky(f.A)
        tol = eigenvalue_rounding(f)
        return [near(np.triu(L, 1), 0.0, label="L lower triangular", atol=0.0),
                close(L @ L.T, f.A, label="L Lᵀ = A", rtol=0.0, atol=tol)]

    return over_matrices(ctx, symmetric(), prop)


@TOPIC.claim("linalg.psd_eigenvalues_nonneg", method="property", faithful=("002",), references=(HORN,))
def psd_eigenvalues_nonneg(ctx: Context) -> Outcome:
    """A symmetric PSD matrix has only non-negative eigenvalues.

    xᵀAx ≥ 0 for all x gives λ = vᵀAv ≥ 0 at a unit eigenvector v. The implementation's ``eigh`` is compared
    with the eigenvalues the matrix was built from (≥ 0, zeros included) to n²ε‖A‖, in ascending order.
    """
    impl = ctx.impl()

    def prop(f: Factored) -> list[Comparison]:
        w, tol = impl.eigh(f.A)[0], eigenvalue_rounding(f)
        return [at_least(float(w.min()), 0.0, label="λ_min ≥ 0", atol=tol),
                close(w, f.s[::-1], label="eigh(A) vs the eigenvalues of the factors", rtol=0.0, atol=tol)]

    return over_matrices(ctx, symmetric(), prop)


@TOPIC.claim("linalg.psd_trace_det_nonneg", method="property", faithful=("002",), references=(HORN,))
def psd_trace_det_nonneg(ctx: Context) -> Outcome:
    """A symmetric PSD matrix has Tr A ≥ 0 and det A ≥ 0.

    Tr A = Σλᵢ ≥ 0 and det A = Πλᵢ ≥ 0. The trace is summed from the diagonal; the implementation's ``det`` is
    compared with Πλᵢ of the factors to the first-order effect of a backward error n²ε‖A‖ on each entry:
    n³ε‖A‖ⁿ (so a singular A may give a det of either sign within it).
    """
    impl = ctx.impl()

    def prop(f: Factored) -> list[Comparison]:
        n = len(f.s)
        det, product = impl.det(f.A), float(np.prod(f.s))
        tol = within_tolerance(f.s_max**n, operations=16 * n * (2 * n) ** 2)
        return [at_least(float(np.trace(f.A)), 0.0, label="Tr A ≥ 0", atol=eigenvalue_rounding(f)),
                at_least(det, 0.0, label="det A ≥ 0", atol=tol),
                close(det, product, label="det A = Π λᵢ", rtol=0.0, atol=tol)]

    return over_matrices(ctx, symmetric(), prop)


@TOPIC.claim("linalg.condition_number_ge_one", method="property", faithful=("002", "004"), references=(GOLUB,))
def condition_number_ge_one(ctx: Context) -> Outcome:
    """The condition number of a symmetric PSD matrix is at least 1.

    κ(H) = |λ_max| / |λ_min| ≥ 1 (∞ when λ_min = 0), since |λ_max| ≥ |λ_min| by definition. κ is taken from the
    implementation's ``eigh`` (ascending: λ_min first, λ_max last); the search is pushed towards κ = 1.
    """
    impl = ctx.impl()

    def prop(f: Factored) -> Comparison:
        w = impl.eigh(f.A)[0]
        with np.errstate(divide="ignore"):
            kappa = float(np.abs(w[-1]) / np.abs(w[0]))
        return at_least(kappa, 1.0, label="κ = |λ_max| / |λ_min| ≥ 1", atol=0.0)

    return over_matrices(ctx, symmetric(), prop)


# --- Sylvester's criteria, exhaustively ---------------------------------------------------------------------

ROOT_SEPARATION = 1e-9
"""An eigenvalue of a symmetric integer matrix with |a_ij| ≤ 2 and n ≤ 3 is 0 or has |λ| ≥ 1/36 (the product of
its non-zero eigenvalues is a non-zero integer, each |λ| ≤ 6): below 1e-9 in float64 it is exactly 0."""


def int_det(a: tuple[tuple[int, ...], ...]) -> int:
    """The determinant of a small integer matrix, exactly (Laplace expansion)."""
    if not a:
        return 1
    return sum((-1) ** j * a[0][j] * int_det(tuple(row[:j] + row[j + 1:] for row in a[1:])) for j in range(len(a)))


def small_symmetric() -> Iterator[np.ndarray]:
    """Every symmetric 1 × 1 and 2 × 2 matrix with entries in {-2, …, 2}, every 3 × 3 one in {-1, 0, 1}."""
    for n, entries in ((1, range(-2, 3)), (2, range(-2, 3)), (3, range(-1, 2))):
        upper = [(i, j) for i in range(n) for j in range(i, n)]
        for values in itertools.product(entries, repeat=len(upper)):
            a = np.zeros((n, n), dtype=int)
            for (i, j), value in zip(upper, values, strict=True):
                a[i, j] = a[j, i] = value
            yield a


def spectrum_signs(a: np.ndarray) -> tuple[bool, bool, bool]:
    """(positive definite, positive semi-definite, negative definite), exactly (see :data:`ROOT_SEPARATION`)."""
    w = np.linalg.eigvalsh(a.astype(float))
    return bool(np.all(w > ROOT_SEPARATION)), bool(np.all(w > -ROOT_SEPARATION)), bool(np.all(w < -ROOT_SEPARATION))


def leading_minors(a: np.ndarray) -> list[int]:
    return [int_det(tuple(map(tuple, a[:k, :k].tolist()))) for k in range(1, len(a) + 1)]


def principal_minors(a: np.ndarray) -> list[int]:
    n = len(a)
    return [int_det(tuple(map(tuple, a[np.ix_(s, s)].tolist())))
            for r in range(1, n + 1) for s in itertools.combinations(range(n), r)]


def criterion(latex: str, definiteness: int, test: object) -> Formula:
    """``spectrum_signs(A)[definiteness] ⟺ test(A)``: one biconditional of a criterion."""
    return Formula(latex, lambda a: (spectrum_signs(a)[definiteness], bool(test(a))))  # type: ignore[operator]


PD_LEADING = criterion(r"A \succ 0 \iff \det A_{[k]} > 0\ \forall k", 0, lambda a: min(leading_minors(a)) > 0)
PSD_PRINCIPAL = criterion(r"A \succeq 0 \iff \det A_{S} \ge 0\ \forall S", 1, lambda a: min(principal_minors(a)) >= 0)
PSD_LEADING_POSITIVE = criterion(r"A \succeq 0 \iff \det A_{[k]} > 0\ \forall k", 1,
                                 lambda a: min(leading_minors(a)) > 0)
ND_ALTERNATING = criterion(r"A \prec 0 \iff (-1)^k \det A_{[k]} > 0\ \forall k", 2,
                           lambda a: all((-1) ** k * m > 0 for k, m in enumerate(leading_minors(a), 1)))


def biconditionals(ctx: Context, forms: Sequence[Formula]) -> Outcome:
    """Each ``definiteness ⟺ minors`` of ``forms`` on every small symmetric integer matrix."""
    def prop(a: np.ndarray) -> list[Comparison]:
        return [equal(f(a)[1], f(a)[0], label=f.latex) for f in forms]

    return for_each(ctx, small_symmetric(), prop, complete=False, describe=lambda a: {"A": a.tolist()},
                    domain_name="every symmetric integer matrix of size 1, 2 (entries -2…2) and 3 (entries -1…1): "
                                "859 matrices; the minors exact, definiteness from the spectrum (root separation)")


@TOPIC.claim(
    "linalg.sylvester_criterion",
    method="exhaustive",
    canonical=(PD_LEADING, PSD_PRINCIPAL),
    printed={"002": Printed((PSD_LEADING_POSITIVE,),
                            reading="as printed: positive semi-definite iff every leading (upper-left k × k) minor is "
                                    "positive; that is Sylvester's criterion for positive *definite*")},
    references=(HORN,),
)
def sylvester_criterion(ctx: Context, forms: Sequence[Formula]) -> Outcome:
    """Sylvester's criterion.

    A symmetric A is positive definite iff all its leading principal minors det A_[k] (k = 1 … d) are > 0; it is
    positive semi-definite iff all its principal minors det A_S (every index subset S) are ≥ 0 — non-negative
    leading minors do not suffice (Horn & Johnson, Thm. 7.2.5). Checked on every symmetric integer matrix of a
    finite family, minors in exact integers.
    """
    return biconditionals(ctx, forms)


@TOPIC.claim("linalg.sylvester_negative_definite", method="exhaustive", canonical=(ND_ALTERNATING,),
             faithful=("002",), references=(HORN,))
def sylvester_negative_definite(ctx: Context, forms: Sequence[Formula]) -> Outcome:
    """Sylvester's criterion for negative definiteness.

    A symmetric A is negative definite iff its leading principal minors alternate in sign: det A_[k] < 0 for odd
    k and > 0 for even k (apply the positive-definite criterion to -A: det(-A_[k]) = (-1)^k det A_[k]).
    """
    return biconditionals(ctx, forms)
