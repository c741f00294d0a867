"""Graph Laplacians and spectral filters: L = D - A and its quadratic form, the normalised Laplacian,
the graph Fourier basis, polynomial and Chebyshev filters, and shift-invariant filters."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np
import sympy
from hypothesis import strategies as st
from numpy.polynomial import chebyshev

from impls.geometric import GeometricImpl
from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    at_least,
    at_most,
    close,
    for_all,
    for_each,
    symbolic,
    that,
    within_tolerance,
)

from . import CHUNG, TOPIC
from .graphs import inverse_sqrt, on_graphs
from .strategies import features, graphs, small_graphs

N = 3
"""Symbolic proofs use three nodes with generic weights; entry 1 stands for every other after relabelling."""

DEFFERRARD = ("Defferrard, Bresson & Vandergheynst (2016), Convolutional neural networks on graphs with fast "
              "localized spectral filtering")


def symmetric_weights() -> sympy.Matrix:
    """A generic symmetric 3 × 3 weight matrix with zero diagonal."""
    a = {(i, j): sympy.Symbol(f"a_{min(i, j) + 1}{max(i, j) + 1}", real=True) for i in range(N) for j in range(N)}
    return sympy.Matrix(N, N, lambda i, j: 0 if i == j else a[i, j])


def weighted_vectors(max_nodes: int = 7) -> st.SearchStrategy[tuple[np.ndarray, np.ndarray]]:
    """A weighted graph (weights in [0, 5]) and a signal x on its nodes (entries in [-10, 10])."""
    return graphs(1, max_nodes, weighted=True).flatmap(lambda A: st.tuples(st.just(A), features(len(A), 1)))


def describe_pair(case: tuple[np.ndarray, np.ndarray]) -> dict[str, list]:
    return {"A": case[0].tolist(), "x": case[1].ravel().tolist()}


@TOPIC.claim(
    "geometric.graph_laplacian_action",
    method="sympy",
    canonical=Formula(r"\sum_m a_{nm}(x_n - x_m)", lambda A, x: (A * (x[:, None] - x[None, :])).sum(axis=1)),
    faithful=("000", "003"),
    references=(CHUNG,),
)
def graph_laplacian_action(ctx: Context, stated: Formula) -> Outcome:
    """The Laplacian compares each node with its neighbours: (Lx)_n = Σ_m a_nm (x_n - x_m).

    With D = diag(Σ_m a_nm) and L = D - A: (Lx)_n = d_n x_n - Σ_m a_nm x_m = Σ_m a_nm (x_n - x_m). Proved for
    entry 1 of a generic 3-node weighted graph, and checked on the implementation's L for weighted graphs.
    """
    impl = ctx.impl()
    A, x = symmetric_weights(), sympy.Matrix(sympy.symbols(f"x_1:{N + 1}", real=True))
    L = sympy.diag(*[sum(A.row(i)) for i in range(N)]) - A
    entries = np.array(list(x), dtype=object)

    def numeric(case: tuple[np.ndarray, np.ndarray]) -> Comparison:
        W, signal = case[0], case[1].ravel()
        left, right = impl.laplacian(W) @ signal, stated(W, signal)
        return close(left, right, label="(Lx)_n = Σ a_nm (x_n - x_m)", rtol=0.0,
                     atol=within_tolerance(left, right, W.sum(axis=1) * np.abs(signal).max()))

    return all_of({
        "entry 1": lambda: symbolic(ctx, ("(Lx)_1", (L * x)[0]),
                                    ("stated", stated(np.array(A.tolist(), dtype=object), entries)[0])),
        "implementation": lambda: for_all(ctx, weighted_vectors(), numeric, describe=describe_pair),
    })


@TOPIC.claim(
    "geometric.laplacian_quadratic_form",
    method="sympy",
    canonical=Formula(r"\frac{1}{2}\sum_u\sum_v A_{uv}(x_u - x_v)^2",
                      lambda A, x: (A * (x[:, None] - x[None, :]) ** 2).sum() / 2),
    faithful=("003",),
    references=(CHUNG,),
)
def laplacian_quadratic_form(ctx: Context, stated: Formula) -> Outcome:
    """The Laplacian's quadratic form is a sum of squared differences, so L is positive semi-definite.

    For symmetric A with non-negative weights: xᵀLx = ½ Σ_u Σ_v A_uv (x_u - x_v)² ≥ 0. Proved for a generic
    symmetric 3-node graph, and checked on the implementation's L for weighted graphs.
    """
    impl = ctx.impl()
    A, x = symmetric_weights(), sympy.Matrix(sympy.symbols(f"x_1:{N + 1}", real=True))
    L = sympy.diag(*[sum(A.row(i)) for i in range(N)]) - A

    def numeric(case: tuple[np.ndarray, np.ndarray]) -> list[Comparison]:
        W, signal = case[0], case[1].ravel()
        quadratic, squares = signal @ impl.laplacian(W) @ signal, stated(W, signal)
        atol = within_tolerance(W.sum() * np.abs(signal).max() ** 2)
        return [close(quadratic, squares, label="xᵀLx = ½ Σ A_uv (x_u - x_v)²", rtol=0.0, atol=atol),
                at_least(quadratic, 0.0, label="xᵀLx ≥ 0", atol=atol)]

    return all_of({
        "proof": lambda: symbolic(ctx, ("x^T L x", sympy.expand((x.T * L * x)[0])),
                                  ("stated", stated(np.array(A.tolist(), dtype=object),
                                                    np.array(list(x), dtype=object)))),
        "implementation": lambda: for_all(ctx, weighted_vectors(), numeric, describe=describe_pair),
    })


@TOPIC.claim(
    "geometric.normalized_laplacian_identity",
    method="sympy",
    canonical=Formula(r"D^{-1/2}(D - A)D^{-1/2}", lambda S, D, A: S @ (D - A) @ S),
    faithful=("000", "003"),
    references=(CHUNG,),
)
def normalized_laplacian_identity(ctx: Context, stated: Formula) -> Outcome:
    """I - D^{-1/2}AD^{-1/2} = D^{-1/2}(D - A)D^{-1/2} when no node is isolated.

    D^{-1/2} D D^{-1/2} = I for a positive diagonal D, so D^{-1/2}(D - A)D^{-1/2} = I - D^{-1/2}AD^{-1/2}.
    Proved entry-wise ((1,1) and (1,2), the others by relabelling) for a generic 3-node graph with positive
    degrees, and checked on the implementation's normalised Laplacian for graphs without isolated nodes.
    """
    impl = ctx.impl()
    A = symmetric_weights()
    d = sympy.symbols(f"d_1:{N + 1}", positive=True)
    D, S = sympy.diag(*d), sympy.diag(*[1 / sympy.sqrt(di) for di in d])
    left, right = sympy.eye(N) - S * A * S, stated(S, D, A)

    def numeric(W: np.ndarray) -> Comparison:
        degrees = W.sum(axis=1)
        L, expected = impl.normalized_laplacian(W), stated(inverse_sqrt(degrees), np.diag(degrees), W)
        return close(L, expected, label="I - D^{-1/2}AD^{-1/2} = D^{-1/2}(D - A)D^{-1/2}", rtol=0.0,
                     atol=within_tolerance(L, expected))

    def entry(i: int, j: int) -> Callable[[], Outcome]:
        return lambda: symbolic(ctx, (f"(I - D^{{-1/2}}AD^{{-1/2}})_{{{i + 1}{j + 1}}}", left[i, j]),
                                (f"stated_{{{i + 1}{j + 1}}}", right[i, j]))

    return all_of({"entry (1,1)": entry(0, 0), "entry (1,2)": entry(0, 1),
                   "implementation": lambda: on_graphs(ctx, numeric, no_isolated=True)})


@TOPIC.claim(
    "geometric.graph_laplacian",
    method="property",
    canonical=Formula(r"I - D^{-1/2} A D^{-1/2}", lambda impl, A: impl.normalized_laplacian(A)),
    faithful=("004",),
    printed={"002": Printed(
        Formula(r"I - \tilde D^{-1/2} A \tilde D^{-1/2}",
                lambda impl, A: np.eye(len(A)) - inverse_sqrt(A.sum(0) + 1) @ A @ inverse_sqrt(A.sum(0) + 1)),
        reading="read as printed: the self-loop degrees D̃ = D + I (defined at 002:698) around the plain A; "
                "D̃^{-1/2}(A + I)D̃^{-1/2} belongs to the GCN, the normalised Laplacian has the plain D")},
    references=(CHUNG,),
)
def graph_laplacian(ctx: Context, normalised: Formula) -> Outcome:
    """The normalised Laplacian L̃ = I - D^{-1/2}AD^{-1/2} = D^{-1/2}LD^{-1/2} has spectrum in [0, 2] and
    eigenvalue 0.

    With L = D - A and no isolated node, L̃ = D^{-1/2}LD^{-1/2} is positive semi-definite with L̃ D^{1/2}𝟙 = 0
    (the constant signal has zero "curvature") and eigenvalues ≤ 2 (Chung 1997, Lemma 1.7). Checked on the
    implementation's L̃ and L for graphs without isolated nodes.
    """
    impl = ctx.impl()

    def check(A: np.ndarray) -> list[Comparison]:
        L, d = normalised(impl, A), A.sum(axis=1)
        spectrum, tol = np.linalg.eigvalsh((L + L.T) / 2), within_tolerance(L, operations=64 * len(A))
        similar = inverse_sqrt(d) @ impl.laplacian(A) @ inverse_sqrt(d)
        return [at_most(np.abs(L @ np.sqrt(d)).max(), tol, label="L̃ D^{1/2}𝟙 = 0", rtol=0.0),
                at_least(spectrum[0], 0.0, label="λ_min(L̃) ≥ 0", atol=tol),
                at_most(spectrum[-1], 2.0, label="λ_max(L̃) ≤ 2", atol=tol),
                close(L, similar, label="L̃ = D^{-1/2}LD^{-1/2}", rtol=0.0, atol=tol)]

    return on_graphs(ctx, check, no_isolated=True)


@TOPIC.claim("geometric.laplacian_eigendecomposition", method="property", faithful=("000", "003"),
             references=(CHUNG,))
def laplacian_eigendecomposition(ctx: Context) -> Outcome:
    """L = D - A = UΛUᵀ with U orthogonal and λ_1 ≥ … ≥ λ_M ≥ 0; the graph Fourier transform f̂ = Uᵀf is
    inverted by f = Uf̂.

    L is symmetric (A is), so it has an orthonormal eigenbasis U; it is positive semi-definite (xᵀLx is a sum
    of squares), and L𝟙 = 0 makes λ_M = 0. Checked on the implementation's L for weighted graphs.
    """
    impl = ctx.impl()

    def check(case: tuple[np.ndarray, np.ndarray]) -> list[Comparison]:
        L, f = impl.laplacian(case[0]), case[1].ravel()
        lam, U = np.linalg.eigh(L)
        lam, U = lam[::-1], U[:, ::-1]
        tol = within_tolerance(L, operations=64 * len(L))
        return [close(L, L.T, label="L = Lᵀ", rtol=0.0, atol=tol),
                close(U @ np.diag(lam) @ U.T, L, label="UΛUᵀ = L", rtol=0.0, atol=tol),
                close(U.T @ U, np.eye(len(L)), label="UᵀU = I", rtol=0.0,
                      atol=within_tolerance(1.0, operations=64 * len(L))),
                at_least(lam[-1], 0.0, label="λ_M ≥ 0", atol=tol),
                close(lam[-1], 0.0, label="λ_M = 0 (L𝟙 = 0)", rtol=0.0, atol=tol),
                close(U @ (U.T @ f), f, label="U(Uᵀf) = f", rtol=0.0, atol=within_tolerance(f, operations=64 * len(L)))]

    return for_all(ctx, weighted_vectors(), check, describe=describe_pair)


TOPIC.not_checkable(
    "geometric.spectral_graph_convolution",
    title="Definition: spectral graph convolution",
    statement="x * y = U((Uᵀx) ⊙ (Uᵀy)), U the eigenvectors of the graph Laplacian: convolution defined by the "
              "convolution theorem in the graph Fourier basis.",
    reason="a definition of the operation *: it asserts nothing; what makes it computable without U (a polynomial "
           "in Λ is the same polynomial in L) is checked in polynomial_filter_identity and chebnet_filter",
    references=(CHUNG, DEFFERRARD),
)


@TOPIC.claim(
    "geometric.polynomial_filter_identity",
    method="property",
    canonical=Formula(r"U\left(\sum_k \alpha_k \Lambda^k\right)U^\top",
                      lambda U, lam, alpha: U @ np.diag(np.polynomial.polynomial.polyval(lam, alpha)) @ U.T),
    faithful=("000", "003"),
    references=(DEFFERRARD,),
)
def polynomial_filter_identity(ctx: Context, spectral: Formula) -> Outcome:
    """A polynomial of Λ in the Fourier basis is the same polynomial of L.

    L = UΛUᵀ with UᵀU = I gives L^k = UΛ^kUᵀ (the inner UᵀU cancel), so U(Σ_k α_k Λ^k)Uᵀ = Σ_k α_k L^k: a
    polynomial filter needs no eigendecomposition. Checked for K ≤ 3 on the implementation's L.
    """
    impl = ctx.impl()
    cases = st.tuples(graphs(1, 6, weighted=True), st.lists(st.floats(-2, 2), min_size=1, max_size=4).map(np.array))

    def check(case: tuple[np.ndarray, np.ndarray]) -> Comparison:
        L, alpha = impl.laplacian(case[0]), case[1]
        lam, U = np.linalg.eigh(L)
        left = spectral(U, lam, alpha)
        right = sum(a * np.linalg.matrix_power(L, k) for k, a in enumerate(alpha))
        scale = np.abs(alpha).sum() * max(1.0, np.abs(lam).max()) ** (len(alpha) - 1)
        return close(left, right, label="U(Σ α_k Λ^k)Uᵀ = Σ α_k L^k", rtol=0.0,
                     atol=within_tolerance(scale, operations=64 * len(alpha) * len(L)))

    return for_all(ctx, cases, check, describe=lambda c: {"A": c[0].tolist(), "α": c[1].tolist()})


def derogatory_counts(A: np.ndarray) -> tuple[int, int]:
    """(dimension of the polynomials in A, dimension of the matrices commuting with A), exactly in integers."""
    n = len(A)
    powers = sympy.Matrix([list(np.linalg.matrix_power(A.astype(int), k).ravel()) for k in range(n)])
    adjacency, identity = A.astype(int), np.eye(n, dtype=int)
    commutator = sympy.Matrix(np.kron(identity, adjacency) - np.kron(adjacency.T, identity))
    return powers.rank(), n * n - commutator.rank()


@TOPIC.claim(
    "geometric.shift_invariant_filters_polynomial",
    method="exhaustive",
    canonical=Formula(r"\deg m_A = M", lambda A, commutant: commutant == len(A)),
    printed={"001": Printed(Formula(r"\text{every graph}", lambda A, commutant: True),
                            reading="read as printed: 'H is A-shift invariant iff H is a polynomial in A' for any "
                                    "graph, with no condition on A")},
    uses_impl=False,
    references=("Sandryhaila & Moura (2013), Discrete signal processing on graphs, Thm 1",),
)
def shift_invariant_filters_polynomial(ctx: Context, condition: Formula) -> Outcome:
    """Every polynomial in A commutes with A; the converse holds exactly when A's minimal polynomial has degree M.

    H = Σ θ_k A^k satisfies H A = A H always. The matrices commuting with A form a space of dimension ≥ M, and
    the polynomials in A one of dimension deg m_A ≤ M; they coincide iff the commutant has dimension M
    (A non-derogatory: characteristic and minimal polynomials coincide), the condition of Sandryhaila &
    Moura. Checked exactly (integer ranks) on every graph with ≤ 4 nodes.
    """

    def check(A: np.ndarray) -> list[Comparison]:
        polynomials, commutant = derogatory_counts(A)
        return [at_most(polynomials, commutant, label="polynomials in A ⊆ commutant of A", rtol=0.0),
                that(bool(condition(A, commutant)) == (polynomials == commutant),
                     label="commuting H are polynomials in A exactly under the stated condition",
                     message=f"{commutant}-dimensional commutant, {polynomials}-dimensional polynomials in A, "
                             f"condition {'holds' if condition(A, commutant) else 'fails'}")]

    return for_each(ctx, small_graphs(4), check, domain_name="graphs on ≤ 4 nodes", complete=False,
                    describe=lambda A: A.tolist())


def hop_distances(A: np.ndarray) -> np.ndarray:
    """Shortest-path lengths (∞ between components), by Floyd–Warshall."""
    dist = np.where(A != 0, 1.0, np.inf)
    np.fill_diagonal(dist, 0.0)
    for k in range(len(A)):
        dist = np.minimum(dist, dist[:, [k]] + dist[[k], :])
    return dist


def rescaled(impl: GeometricImpl, A: np.ndarray) -> np.ndarray:
    """L̃ = 2L/λ_max - I for the normalised Laplacian with its bound λ_max = 2: L̃ = L - I."""
    return impl.normalized_laplacian(A) - np.eye(len(A))


def paths(n: int) -> np.ndarray:
    return np.eye(n, k=1) + np.eye(n, k=-1)


@TOPIC.claim("geometric.chebnet_k_localized", method="exhaustive", faithful=("002", "004"),
             references=(DEFFERRARD,))
def chebnet_k_localized(ctx: Context) -> Outcome:
    """A Chebyshev filter of order K is exactly K-localized.

    Σ_{k≤K} θ_k T_k(L̃) is a polynomial of degree K in L̃, whose (i, j) entry is 0 when i and j are more than
    K hops apart (L̃^k connects only walks of length k), and, for θ_K ≠ 0, non-zero when they are exactly K
    hops apart. Computed by the recursion, without the O(N³) eigendecomposition (the cost is not checked).
    Checked for K ≤ 3 on every graph with ≤ 4 nodes and on the paths P_5 … P_8.
    """
    impl, rng = ctx.impl(), ctx.rng(4)
    cases = list(itertools.product([*small_graphs(4), *map(paths, range(5, 9))], range(4)))

    def check(case: tuple[np.ndarray, int]) -> list[Comparison]:
        A, K = case
        theta = rng.uniform(0.5, 1.5, K + 1) * rng.choice((-1, 1), K + 1)
        F, dist = impl.chebyshev_filter(rescaled(impl, A), theta), hop_distances(A)
        tol = within_tolerance(np.abs(theta).sum() * 2.0 ** K)
        beyond, at = np.abs(F[dist > K]), np.abs(F[dist == K])
        return [at_most(beyond.max(initial=0.0), tol, label="|F_ij| = 0 beyond K hops", rtol=0.0),
                at_least(at.min(initial=np.inf), 2 * tol, label="|F_ij| > 0 at exactly K hops", rtol=0.0)]

    return for_each(ctx, cases, check, domain_name="graphs on ≤ 4 nodes and P_5 … P_8, K ≤ 3", complete=False,
                    describe=lambda c: {"A": c[0].tolist(), "K": c[1]})


@TOPIC.claim("geometric.chebnet_filter", method="property", faithful=("004",), references=(DEFFERRARD,))
def chebnet_filter(ctx: Context) -> Outcome:
    """ChebNet's filter Σ_k θ_k T_k(L̃) is the spectral filter g_θ(λ) = Σ_k θ_k T_k(λ̃) applied in the Fourier basis.

    With L̃ = 2L/λ_max - I (spectrum in [-1, 1], where |T_k| ≤ 1), Σ_k θ_k T_k(L̃) = U diag(Σ_k θ_k T_k(λ̃_i)) Uᵀ:
    the recursion computes the spectral filter without U. Checked on the implementation's recursion, with
    L the normalised Laplacian and its largest eigenvalue computed, for K ≤ 4.
    """
    impl = ctx.impl()
    cases = st.tuples(graphs(2, 7, no_isolated=True), st.lists(st.floats(-2, 2), min_size=1, max_size=5).map(np.array))

    def check(case: tuple[np.ndarray, np.ndarray]) -> list[Comparison]:
        A, theta = case
        L = impl.normalized_laplacian(A)
        lam, U = np.linalg.eigh(L)
        scaled = 2 * L / lam[-1] - np.eye(len(A))
        mu = 2 * lam / lam[-1] - 1
        F, expected = impl.chebyshev_filter(scaled, theta), U @ np.diag(chebyshev.chebval(mu, theta)) @ U.T
        tol = within_tolerance(np.abs(theta).sum(), operations=64 * len(A) * len(theta) ** 2)
        return [at_most(np.abs(mu).max(), 1.0, label="spectrum of L̃ in [-1, 1]", atol=tol),
                close(F, expected, label="Σ θ_k T_k(L̃) = U g_θ(Λ̃) Uᵀ", rtol=0.0, atol=tol)]

    return for_all(ctx, cases, check, describe=lambda c: {"A": c[0].tolist(), "θ": c[1].tolist()})
