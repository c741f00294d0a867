"""Determinants and traces, proved with SymPy on symbolic matrices, and the implementation's ``det``, ``inv``,
``eigvals`` and ``norm`` checked against them; permutation matrices and tensor contractions."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
import sympy
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    close,
    equal,
    for_all,
    for_each,
    identity,
    symbolic,
    within_tolerance,
)
from theorems.topics.linear.matrices import matrix

from . import GOLUB, HORN, TOPIC
from .spectral import near, over_matrices
from .strategies import EXAMPLES, Factored, factored, seeds, unitary


def chain(ctx: Context, forms: Sequence[Formula], *args: object, simplify: object = sympy.expand) -> Outcome:
    """``forms[0](*args) = forms[1](*args) = …`` proved in SymPy, every step shown."""
    return symbolic(ctx, *((f.latex, f(*args)) for f in forms), simplify=simplify)


def det_tolerance(f: Factored, factor: float = 1.0) -> float:
    """The error of a backward-stable det: |Δdet| ≲ n κ (backward error / ‖A‖) |det A|, times ``factor``."""
    n = len(f.s)
    return within_tolerance(float(np.prod(f.s)), operations=64 * n**3) * f.condition * factor


def invertible() -> object:
    """Square, non-singular matrices with κ ≤ 1e4 (a determinant is then known to 1e-10 relative)."""
    return factored(square=True, singular=False, decades=4.0)


DET_TRANSPOSE = (Formula(r"\det A", lambda A, B: A.det()), Formula(r"\det A^\top", lambda A, B: A.T.det()))
DET_PRODUCT = (Formula(r"\det(AB)", lambda A, B: (A @ B).det()),
               Formula(r"\det A \cdot \det B", lambda A, B: A.det() * B.det()))


@TOPIC.claim("linalg.det_transpose_product", method="sympy", canonical=(DET_TRANSPOSE, DET_PRODUCT),
             faithful=("001",), references=(HORN,))
def det_transpose_product(ctx: Context, identities: Sequence[Sequence[Formula]]) -> Outcome:
    """det Aᵀ = det A and det(AB) = det A · det B.

    For square A, B of one size. Proved for symbolic 3 × 3 A, B (polynomial identities in the 18 entries),
    and the implementation's ``det`` checked on both identities for κ(A), κ(B) ≤ 1e4 to n³ε κ |det|.
    """
    A, B = matrix("a", 3, 3), matrix("b", 3, 3)
    impl = ctx.impl()

    def numeric(pair: tuple[Factored, int]) -> list[Comparison]:
        f, seed = pair
        B = unitary(seed, len(f.s)) * np.linspace(1.0, 2.0, len(f.s))
        det_a, det_b = impl.det(f.A), impl.det(B)
        return [close(impl.det(f.A.T), det_a, label="det Aᵀ = det A", rtol=0.0, atol=2 * det_tolerance(f)),
                close(impl.det(f.A @ B), det_a * det_b, label="det(AB) = det A det B", rtol=0.0,
                      atol=4 * det_tolerance(f, 2.0 ** len(f.s) * 2))]

    return all_of({
        **{f"proof {i + 1}": (lambda forms=forms: chain(ctx, forms, A, B)) for i, forms in enumerate(identities)},
        "implementation": lambda: for_all(ctx, st.tuples(invertible(), seeds()), numeric,
                                          describe=lambda c: c[0].describe(), max_examples=ctx.scaled(EXAMPLES)),
    })


DET_INVERSE = (Formula(r"\det A^{-1}", lambda A: (A.adjugate() / A.det()).det()),
               Formula(r"\frac{1}{\det A}", lambda A: 1 / A.det()))


@TOPIC.claim("linalg.det_inverse", method="sympy", canonical=DET_INVERSE, faithful=("001",), references=(HORN,))
def det_inverse(ctx: Context, forms: Sequence[Formula]) -> Outcome:
    """det A⁻¹ = 1 / det A for invertible A.

    Proved for a symbolic 3 × 3 A with A⁻¹ = adj(A)/det A (a rational identity, cancelled), and the
    implementation's ``det`` of its ``inv`` compared with 1/``det`` for κ(A) ≤ 1e4, to n³ε κ |det A⁻¹| for each
    of the two routes.
    """
    impl = ctx.impl()

    def numeric(f: Factored) -> Comparison:
        inverse = 1.0 / float(np.prod(f.s))
        tol = within_tolerance(inverse, operations=64 * len(f.s) ** 3) * f.condition * 4
        return close(impl.det(impl.inv(f.A)), 1.0 / impl.det(f.A), label="det(inv(A)) = 1/det(A)", rtol=0.0, atol=tol)

    return all_of({"proof": lambda: chain(ctx, forms, matrix("a", 3, 3),
                                                         simplify=lambda e: sympy.cancel(sympy.together(e))),
                   "implementation": lambda: over_matrices(ctx, invertible(), numeric)})


TRIANGULAR = (Formula(r"\det A", lambda A: A.det()), Formula(r"\prod_i A_{ii}", lambda A: sympy.prod(A.diagonal())))


def _triangular(seed: int, n: int, lower: bool) -> np.ndarray:
    rng = np.random.default_rng(seed)
    a = np.triu(rng.uniform(-10, 10, (n, n)), 1) + np.diag(rng.uniform(0.1, 10, n) * rng.choice([-1, 1], n))
    return a.T if lower else a


@TOPIC.claim("linalg.triangular_determinant", method="sympy", canonical=TRIANGULAR, faithful=("001",),
             references=(HORN,))
def triangular_determinant(ctx: Context, forms: Sequence[Formula]) -> Outcome:
    """The determinant of a triangular matrix is the product of its diagonal.

    Proved for symbolic 4 × 4 upper and lower triangular matrices, and the implementation's ``det`` compared
    with Π A_ii on random upper and lower triangular matrices (diagonal entries 0.1 ≤ |A_ii| ≤ 10, off-diagonal
    in [-10, 10], so that elimination on a lower triangular matrix swaps rows), to n³ε κ(A) |det A|.
    """
    U = sympy.Matrix(4, 4, lambda i, j: matrix("a", 4, 4)[i, j] if j >= i else 0)
    impl = ctx.impl()

    def numeric(case: tuple[int, int, bool]) -> Comparison:
        a = _triangular(*case)
        product = float(np.prod(np.diag(a)))
        tol = within_tolerance(product, operations=64 * len(a) ** 3) * np.linalg.cond(a)
        return close(impl.det(a), product, label="det A = Π A_ii", rtol=0.0, atol=tol)

    return all_of({
        "proof, upper": lambda: chain(ctx, forms, U),
        "proof, lower": lambda: chain(ctx, forms, U.T),
        "implementation": lambda: for_all(ctx, st.tuples(seeds(), st.integers(1, 5), st.booleans()), numeric,
                                          describe=lambda c: {"A": _triangular(*c).tolist()},
                                          max_examples=ctx.scaled(EXAMPLES)),
    })


def _similar(seed: int, n: int, parts: list[tuple[float, float]]) -> tuple[np.ndarray, np.ndarray, float]:
    """A = S D S⁻¹ with D block-diagonal: a real eigenvalue a per 1 × 1 block, a ± ib per [[a, b], [-b, a]];
    returns A, its eigenvalues and κ(S) (S = Q₁ diag(1 … 10) Q₂, so κ(S) ≤ 10)."""
    D, eigenvalues, i = np.zeros((n, n)), [], 0
    for a, b in parts:
        if i == n:
            break
        if b != 0 and i + 1 < n:
            D[i:i + 2, i:i + 2] = [[a, b], [-b, a]]
            eigenvalues += [a + 1j * b, a - 1j * b]
            i += 2
        else:
            D[i, i] = a
            eigenvalues.append(complex(a))
            i += 1
    S = unitary(seed, n) * np.linspace(1.0, 10.0, n) @ unitary(seed + 1, n)
    return S @ D @ np.linalg.inv(S), np.array(eigenvalues), 10.0


@TOPIC.claim("linalg.trace_sum_eigenvalues", method="sympy", faithful=("002",), references=(HORN,))
def trace_sum_eigenvalues(ctx: Context) -> Outcome:
    """The trace is the sum of the eigenvalues (complex, with multiplicity).

    The characteristic polynomial det(λI - A) = λⁿ - (Tr A) λⁿ⁻¹ + …, so by Vieta Σλᵢ = Tr A. The coefficient is
    proved for a symbolic 3 × 3 A; the implementation's ``eigvals`` is matched (as a multiset) with the known
    spectrum of A = S D S⁻¹ (real and complex-conjugate eigenvalues, κ(S) ≤ 10) to the Bauer–Fike bound
    κ(S)·n²ε‖A‖, and Σ eigvals compared with Tr A.
    """
    A, lam = matrix("a", 3, 3), sympy.Symbol("lambda")
    impl = ctx.impl()

    def numeric(case: tuple[int, int, list[tuple[float, float]]]) -> list[Comparison]:
        a, exact, kappa = _similar(*case)
        got = np.asarray(impl.eigvals(a), dtype=complex)
        if got.shape != exact.shape:
            return [equal(got.shape, exact.shape, label="number of eigenvalues")]
        rows, cols = linear_sum_assignment(np.abs(got[:, None] - exact[None, :]))
        tol = within_tolerance(np.abs(a).max() * len(a), operations=64 * len(a) ** 2) * kappa
        return [near(got[rows], exact[cols], label="eigvals(A) vs the spectrum of D", atol=tol),
                close(np.sum(got).real, np.trace(a), label="Σ eigvals = Tr A", rtol=0.0, atol=len(a) * tol)]

    block = st.tuples(st.floats(-10, 10), st.one_of(st.just(0.0), st.floats(-10, 10)))
    cases = st.tuples(seeds(), st.integers(1, 5), st.lists(block, min_size=5, max_size=5))
    return all_of({
        "proof": lambda: symbolic(ctx, (r"-[\lambda^{2}]\,\det(\lambda I - A)",
                                        -sympy.Poly((lam * sympy.eye(3) - A).det(), lam).coeff_monomial(lam**2)),
                                  (r"\operatorname{Tr} A", A.trace())),
        "implementation": lambda: for_all(ctx, cases, numeric, describe=lambda c: {"A": _similar(*c)[0].tolist(),
                                                                                    "spectrum": str(_similar(*c)[1])},
                                          max_examples=ctx.scaled(EXAMPLES)),
    })


TRACE_CYCLIC = (Formula(r"\operatorname{Tr}(ABC)", lambda A, B, C: (A @ B @ C).trace()),
                Formula(r"\operatorname{Tr}(BCA)", lambda A, B, C: (B @ C @ A).trace()),
                Formula(r"\operatorname{Tr}(CAB)", lambda A, B, C: (C @ A @ B).trace()))


@TOPIC.claim("linalg.trace_cyclic", method="sympy", canonical=TRACE_CYCLIC, faithful=("002",), uses_impl=False,
             references=(HORN,))
def trace_cyclic(ctx: Context, forms: Sequence[Formula]) -> Outcome:
    """The trace is invariant under cyclic permutations.

    Tr(ABC) = Tr(BCA) = Tr(CAB) for A (2 × 3), B (3 × 2), C (2 × 2) with symbolic entries: the three products
    are 2 × 2, 3 × 3 and 2 × 2, so the identity is not one of equal matrices.
    """
    return chain(ctx, forms, matrix("a", 2, 3), matrix("b", 3, 2), matrix("c", 2, 2))


TRACE_LINEAR = (Formula(r"\operatorname{Tr}(A + cB)", lambda A, B, c: (A + c * B).trace()),
                Formula(r"\operatorname{Tr} A + c \operatorname{Tr} B", lambda A, B, c: A.trace() + c * B.trace()))


@TOPIC.claim("linalg.trace_linear", method="sympy", canonical=TRACE_LINEAR, faithful=("002",), uses_impl=False,
             references=(HORN,))
def trace_linear(ctx: Context, forms: Sequence[Formula]) -> Outcome:
    """The trace is linear: Tr(A + cB) = Tr A + c Tr B.

    Proved for symbolic 3 × 3 A, B and a symbolic scalar c (c = 1 gives Tr(A + B) = Tr A + Tr B as printed).
    """
    return chain(ctx, forms, matrix("a", 3, 3), matrix("b", 3, 3), sympy.Symbol("c", real=True))


TRACE_TRANSPOSE = (Formula(r"\operatorname{Tr} A", lambda A: A.trace()),
                   Formula(r"\operatorname{Tr} A^\top", lambda A: A.T.trace()))


@TOPIC.claim("linalg.trace_transpose", method="sympy", canonical=TRACE_TRANSPOSE, faithful=("002",),
             uses_impl=False, references=(HORN,))
def trace_transpose(ctx: Context, forms: Sequence[Formula]) -> Outcome:
    """Tr A = Tr Aᵀ, proved for a symbolic 4 × 4 A."""
    return chain(ctx, forms, matrix("a", 4, 4))


FROBENIUS_TRACE = (Formula(r"\sum_{ij} a_{ij}^2", lambda A: sum(x**2 for x in A)),
                   Formula(r"\operatorname{Tr}(A^\top A)", lambda A: (A.T @ A).trace()))


@TOPIC.claim("linalg.frobenius_trace", method="sympy", canonical=FROBENIUS_TRACE, faithful=("002",),
             references=(GOLUB,))
def frobenius_trace(ctx: Context, forms: Sequence[Formula]) -> Outcome:
    """‖A‖_F = (Tr AᵀA)^½.

    ‖A‖_F² = Σ_ij a_ij² = Tr(AᵀA): proved for a symbolic 2 × 3 A; the implementation's ``norm(A, "fro")`` is
    compared with (Tr AᴴA)^½ on real and complex, ill-conditioned and singular A.
    """
    impl = ctx.impl()

    def numeric(f: Factored) -> Comparison:
        exact = float(np.sqrt(np.trace(f.A.conj().T @ f.A).real))
        return close(impl.norm(f.A, "fro"), exact, label="norm(A, 'fro') = (Tr AᴴA)^½", rtol=0.0, atol=f.rounding())

    return all_of({"proof": lambda: chain(ctx, forms, matrix("a", 2, 3)),
                   "implementation": lambda: over_matrices(ctx, factored(complex_=None), numeric)})


def skew(params: Sequence[object]) -> sympy.Matrix:
    a, b, c = params
    return sympy.Matrix([[0, a, b], [-a, 0, c], [-b, -c, 0]])


CAYLEY = Formula(r"Q = (I - S)(I + S)^{-1},\ S^\top = -S", lambda S: (sympy.eye(3) - S) @ (sympy.eye(3) + S).inv())


@TOPIC.claim("linalg.frobenius_orthogonal_invariance", method="sympy", canonical=CAYLEY, faithful=("002",),
             references=(GOLUB,))
def frobenius_orthogonal_invariance(ctx: Context, rotation: Formula) -> Outcome:
    """The Frobenius norm is invariant under orthogonal (unitary) maps: ‖QA‖_F = ‖A‖_F.

    ‖QA‖_F² = Tr(AᵀQᵀQA) = Tr(AᵀA). Proved for Q the Cayley transform of a symbolic 3 × 3 skew-symmetric S
    (every orthogonal Q without eigenvalue -1) and a symbolic 3 × 2 A; the implementation's ``norm(·, "fro")``
    of QA and of A compared for Haar-random unitary Q and complex, ill-conditioned A.
    """
    Q, A = rotation(skew(sympy.symbols("s_1:4", real=True))), matrix("a", 3, 2)
    impl = ctx.impl()

    def numeric(case: tuple[Factored, int]) -> Comparison:
        f, seed = case
        Q = unitary(seed, f.shape[0], f.is_complex)
        return close(impl.norm(Q @ f.A, "fro"), impl.norm(f.A, "fro"), label="‖QA‖_F = ‖A‖_F", rtol=0.0,
                     atol=2 * f.rounding())

    return all_of({
        "proof": lambda: symbolic(ctx, (r"\|QA\|_F^2", sum(x**2 for x in Q @ A)), (r"\|A\|_F^2", sum(x**2 for x in A)),
                                  simplify=lambda e: sympy.cancel(sympy.together(e))),
        "implementation": lambda: for_all(ctx, st.tuples(factored(complex_=None), seeds()), numeric,
                                          describe=lambda c: c[0].describe(), max_examples=ctx.scaled(EXAMPLES)),
    })


PERMUTATION_INVERSE = Formula(r"P^{-1} = P^\top", lambda P: P.T)


@TOPIC.claim("linalg.permutation_matrix_orthogonal", method="exhaustive", canonical=PERMUTATION_INVERSE,
             faithful=("002", "004"), uses_impl=False, references=(HORN,))
def permutation_matrix_orthogonal(ctx: Context, inverse: Formula) -> Outcome:
    """A permutation matrix is orthogonal: P⁻¹ = Pᵀ, P Pᵀ = I.

    Checked exactly (integer arithmetic) for every permutation matrix of size 1 … 6 (873 matrices): the stated
    inverse is a two-sided inverse, P P⁻¹ = P⁻¹ P = I.
    """
    def matrices() -> object:
        for n in range(1, 7):
            for perm in itertools.permutations(range(n)):
                yield np.eye(n, dtype=int)[list(perm)]

    def prop(P: np.ndarray) -> list[Comparison]:
        eye = np.eye(len(P), dtype=int)
        return [equal(P @ inverse(P), eye, label="P P⁻¹ = I"), equal(inverse(P) @ P, eye, label="P⁻¹ P = I")]

    return for_each(ctx, matrices(), prop, domain_name="every permutation matrix of size 1 … 6", complete=False,
                    describe=lambda P: {"P": P.tolist()})


def _tensors(seed: int, a: int, b: int, c: int, sizes: list[int]) -> tuple[np.ndarray, np.ndarray, int]:
    rng = np.random.default_rng(seed)
    r, s, t = sizes[:a], sizes[a:a + b], sizes[a + b:a + b + c]
    return rng.standard_normal((*r, *s)), rng.standard_normal((*s, *t)), b


def _einsum(P: np.ndarray, Q: np.ndarray, b: int) -> np.ndarray:
    """The contraction as defined: Σ over the b shared indices, written out index by index."""
    letters = "abcdefghij"
    a, c = P.ndim - b, Q.ndim - b
    i, j, k = letters[:a], letters[a:a + b], letters[a + b:a + b + c]
    return np.einsum(f"{i}{j},{j}{k}->{i}{k}", P, Q)


AS_MATMUL = Formula(r"\mathrm{reshape}(P)\,\mathrm{reshape}(Q)", lambda P, Q, b: (
    P.reshape(int(np.prod(P.shape[:P.ndim - b])), -1) @ Q.reshape(int(np.prod(Q.shape[:b])), -1)
).reshape((*P.shape[:P.ndim - b], *Q.shape[b:])))


@TOPIC.claim(
    "linalg.tensor_contraction_as_matmul",
    method="property",
    canonical=AS_MATMUL,
    printed={"002": Printed(AS_MATMUL, reading="the printed display is OCR-damaged: its right side repeats the sum; "
                                               "read, as the sentence before it says, as 'isomorphic to a "
                                               "matrix-matrix product' of the reshaped tensors")},
    uses_impl=False,
    references=(GOLUB,),
)
def tensor_contraction_as_matmul(ctx: Context, product: Formula) -> Outcome:
    """A tensor contraction is a matrix product of reshaped tensors.

    For P of shape r₁…r_a × s₁…s_b and Q of shape s₁…s_b × t₁…t_c, Σ_j P_{i,j} Q_{j,k} equals
    (P reshaped to Πr × Πs)(Q reshaped to Πs × Πt), reshaped to r × t (row-major on both sides). Checked on
    random tensors with a, b, c ∈ {0, 1, 2} modes of sizes 1 … 3, against the contraction written index by index.
    """
    cases = st.tuples(seeds(), st.integers(0, 2), st.integers(0, 2), st.integers(0, 2),
                      st.lists(st.integers(1, 3), min_size=6, max_size=6))
    return identity(ctx, cases.map(lambda c: _tensors(*c)), lambda x: _einsum(*x), lambda x: product(*x),
                    label="Σ_j P_ij Q_jk = reshape(P) reshape(Q)",
                    describe=lambda x: {"P shape": x[0].shape, "Q shape": x[1].shape, "b": x[2]},
                    max_examples=ctx.scaled(EXAMPLES))
