"""Functions of sets: permutation invariance of sums, Deep Sets and max pooling, the equivariant Deep Sets
layer, permutation matrices, and the sum decomposition of invariant functions."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

import numpy as np

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
    that,
    within_tolerance,
)

from . import TOPIC, ZAHEER
from .strategies import SMALL, GraphCase, exhaustive_cases, graph_cases, permutation_matrix

Sides = Callable[[GraphCase], tuple[np.ndarray, np.ndarray]]

DEFINITION = ("a definition: it names the property (f is {0} when ...) and asserts nothing; the claims below check "
              "that sums, Deep Sets, max pooling and the graph layers have the property")


Relation = Callable[[np.ndarray, np.ndarray, float], Comparison]


def under_relabelling(ctx: Context, sides: Sides, *, label: str, max_nodes: int = 12,
                      relation: Relation | None = None) -> Outcome:
    """``left = right`` (or ``relation(left, right, atol)``) for the two sides of a (graph, permutation)
    case: on one random graph of each size M ≤ 5 under every permutation of S_M, then on random graphs of
    6…``max_nodes`` nodes under random permutations. The tolerance is the rounding of a sum of M terms
    taken in another order."""

    def agree(case: GraphCase) -> Comparison:
        left, right = sides(case)
        atol = within_tolerance(left, right, case.X, case.A)
        if relation is not None:
            return relation(left, right, atol)
        return close(left, right, label=label, rtol=0.0, atol=atol)

    return all_of({
        f"every π ∈ S_M, M ≤ {SMALL}": lambda: for_each(ctx, exhaustive_cases(ctx.rng(1)), agree,
                                                          domain_name=f"S_M for M ≤ {SMALL}", complete=False,
                                                          describe=GraphCase.describe),
        "random graphs and permutations": lambda: for_all(ctx, graph_cases(SMALL + 1, max_nodes), agree,
                                                          describe=GraphCase.describe,
                                                          max_examples=ctx.scaled(40)),
    })


def weights(ctx: Context, *shape: int) -> np.ndarray:
    return ctx.rng(2 + len(shape)).normal(size=shape)


for cid, kind in (("geometric.set_invariance_def", "permutation invariant"),
                  ("geometric.set_equivariance_def", "permutation equivariant")):
    TOPIC.not_checkable(
        cid,
        title=f"Definition: f is {kind}",
        statement=f"f is {kind} when its output is unchanged (invariant) or permuted the same way (equivariant) "
                  "under every permutation π ∈ S_M of its M inputs; 004 writes the equivariant case as f(PX) = P f(X).",
        reason=DEFINITION.format(kind),
        references=(ZAHEER,),
    )


@TOPIC.claim("geometric.sum_permutation_invariance", method="exhaustive", faithful=("000",), references=(ZAHEER,))
def sum_permutation_invariance(ctx: Context) -> Outcome:
    """Summation is permutation invariant.

    Σ_m x_m = Σ_m x_{π(m)} for every M and every π ∈ S_M: the implementation's sum pooling of the rows
    of X equals that of P X, up to the rounding of a sum taken in another order.
    """
    impl = ctx.impl()
    return under_relabelling(ctx, lambda c: (np.r_[impl.sum_pool(c.P @ c.X), impl.sum_pool(c.X)],
                                             np.r_[impl.sum_pool(c.X), c.X.sum(axis=0)]),
                             label="Σ x_π(m) = Σ x_m = the sum")


@TOPIC.claim("geometric.deepsets_invariance", method="property", faithful=("000", "003"), references=(ZAHEER,))
def deepsets_invariance(ctx: Context) -> Outcome:
    """Deep Sets are permutation invariant.

    f(x_1, …, x_M) = ρ(Σ_m φ(x_m)) takes the same value on every ordering of its inputs, because the sum
    does; checked with φ(x) = tanh(x W_φ), ρ(s) = tanh(s W_ρ) and random weights (and the implementation's
    f(X) against that formula).
    """
    impl, W_phi, W_rho = ctx.impl(), weights(ctx, 3, 5), weights(ctx, 5, 2)
    return under_relabelling(ctx, lambda c: (np.r_[impl.deep_sets(c.P @ c.X, W_phi, W_rho),
                                                   impl.deep_sets(c.X, W_phi, W_rho)],
                                             np.r_[impl.deep_sets(c.X, W_phi, W_rho),
                                                   np.tanh(np.tanh(c.X @ W_phi).sum(axis=0) @ W_rho)]),
                             label="f(PX) = f(X) = ρ(Σ φ(x_m))")


@TOPIC.claim("geometric.maxpool_invariance", method="property", faithful=("000",), references=(ZAHEER,))
def maxpool_invariance(ctx: Context) -> Outcome:
    """Max pooling is permutation invariant.

    f(x_1, …, x_M) = ρ(max_m φ(x_m)), the maximum taken per coordinate (PointNet), is unchanged by every
    reordering of its inputs (and the implementation's max pooling is the coordinate-wise maximum).
    """
    impl, W_phi, W_rho = ctx.impl(), weights(ctx, 3, 5), weights(ctx, 5, 2)
    return under_relabelling(ctx, lambda c: (np.r_[impl.deep_sets(c.P @ c.X, W_phi, W_rho, "max"),
                                                   impl.max_pool(c.X)],
                                             np.r_[impl.deep_sets(c.X, W_phi, W_rho, "max"), c.X.max(axis=0)]),
                             label="f(PX) = f(X), max pooling = the maximum")


@TOPIC.claim("geometric.equivariant_map_construction", method="property", faithful=("000", "003"),
             references=(ZAHEER,))
def equivariant_map_construction(ctx: Context) -> Outcome:
    """A shared map of (x_m, Σ_k φ(x_k)) is permutation equivariant.

    y_m = ρ(x_m, Σ_k φ(x_k)) with one ρ for every m permutes its outputs as its inputs are permuted:
    f(PX) = P f(X). Checked on the Deep Sets layer y_m = x_m Λ + (Σ_k x_k) Γ, i.e. X Λ + 11ᵀ X Γ
    (Zaheer et al. 2017, λI + γ11ᵀ per feature), with random Λ, Γ.
    """
    impl, Lam, Gam = ctx.impl(), weights(ctx, 3, 4), weights(ctx, 3, 4) / 3
    def sides(c: GraphCase) -> tuple[np.ndarray, np.ndarray]:
        layer = impl.equivariant_layer(c.X, Lam, Gam)
        return (np.r_[impl.equivariant_layer(c.P @ c.X, Lam, Gam), layer],
                np.r_[c.P @ layer, c.X @ Lam + np.ones((len(c.X), 1)) @ c.X.sum(axis=0, keepdims=True) @ Gam])

    return under_relabelling(ctx, sides, label="f(PX) = P f(X), f(X) = XΛ + 11ᵀXΓ")


def zero_one_matrices(m: int) -> np.ndarray:
    """All 2^{m²} matrices in {0, 1}^{m × m}, stacked."""
    return np.array(list(itertools.product((0.0, 1.0), repeat=m * m))).reshape(-1, m, m)


@TOPIC.claim(
    "geometric.permutation_matrix_def",
    method="exhaustive",
    canonical=Formula("M!", lambda m: math.factorial(m)),
    faithful=("000",),
    uses_impl=False,
)
def permutation_matrix_def(ctx: Context, count: Formula) -> Outcome:
    """The doubly stochastic 0/1 matrices are exactly the M! permutation matrices, and they are orthogonal.

    P ∈ {0, 1}^{M×M} with Σ_n p_nm = Σ_n p_mn = 1 for every m has a single 1 in each row and column, so
    P = (δ_{π(i) j}) for one π ∈ S_M: there are M! of them and PᵀP = PPᵀ = I (P⁻¹ = Pᵀ, document 002:665).
    Checked on all 2^{M²} 0/1 matrices for M ≤ 4.
    """

    def exactly_permutations(m: int) -> list[Comparison]:
        every = zero_one_matrices(m)
        stochastic = every[np.all(every.sum(axis=1) == 1, axis=1) & np.all(every.sum(axis=2) == 1, axis=1)]
        perms = {tuple(np.argmax(P, axis=1)) for P in stochastic}
        orthogonal = all(np.array_equal(P.T @ P, np.eye(m)) and np.array_equal(P @ P.T, np.eye(m))
                         for P in stochastic)
        return [equal(len(stochastic), count(m), label="number of 0/1 matrices with unit row and column sums"),
                equal(len(perms), math.factorial(m), label="distinct permutations they represent"),
                that(orthogonal, label="PᵀP = PPᵀ = I", message=f"checked on all {len(stochastic)} for M = {m}")]

    return for_each(ctx, range(1, 5), exactly_permutations, domain_name="{0,1}^{M×M}, M ≤ 4", complete=False)


def generic_square(m: int) -> np.ndarray:
    """An M × M matrix with distinct entries, so that every rearrangement of it is visible."""
    return np.arange(m * m, dtype=float).reshape(m, m)


def rearranges(ctx: Context, product: Formula, expected: Callable[[np.ndarray, tuple[int, ...]], np.ndarray],
               label: str) -> Outcome:
    """``product(P, X)`` equals ``expected(X, π)`` for every π ∈ S_M, M ≤ 5 (X with distinct entries)."""
    cases = [perm for m in range(1, SMALL + 1) for perm in itertools.permutations(range(m))]

    def same(perm: tuple[int, ...]) -> Comparison:
        X = generic_square(len(perm))
        return equal(product(permutation_matrix(perm), X), expected(X, perm), label=label)

    return for_each(ctx, cases, same, domain_name=f"S_M, M ≤ {SMALL}", complete=False,
                    describe=lambda perm: {"π": list(perm), "X": generic_square(len(perm)).tolist()})


@TOPIC.claim(
    "geometric.permutation_left_rows",
    method="exhaustive",
    canonical=Formula("PX", lambda P, X: P @ X),
    faithful=("002", "004"),
    uses_impl=False,
)
def permutation_left_rows(ctx: Context, product: Formula) -> Outcome:
    """PX permutes the rows (samples) of X.

    With P[i, π(i)] = 1, row i of PX is row π(i) of X: (PX)_{i•} = x_{π(i)}.
    """
    return rearranges(ctx, product, lambda X, perm: X[list(perm), :], "PX = X with rows permuted by π")


@TOPIC.claim(
    "geometric.permutation_right_columns",
    method="exhaustive",
    canonical=Formula("XP^T", lambda P, X: X @ P.T),
    faithful=("002",),
    printed={"004": Printed(Formula("X^TP", lambda P, X: X.T @ P),
                            reading="read as printed: XᵀP (the transpose of X times P) permutes the columns "
                                    "(features) of X. XᵀP is F × M, the transpose of PᵀX: it permutes the samples "
                                    "of X by π⁻¹ and transposes them; the columns of X are permuted by XPᵀ (002:667)")},
    uses_impl=False,
)
def permutation_right_columns(ctx: Context, product: Formula) -> Outcome:
    """XPᵀ permutes the columns (features) of X.

    With P[j, π(j)] = 1, column j of XPᵀ is Σ_k X_{•k} P_{jk} = column π(j) of X.
    """
    return rearranges(ctx, product, lambda X, perm: X[:, list(perm)], "XPᵀ = X with columns permuted by π")


@TOPIC.claim(
    "geometric.deep_sets_decomposition",
    method="exhaustive",
    canonical=Formula(r"\varphi(x) = (M+1)^{x}", lambda x, m: (m + 1) ** x),
    printed={
        "002": Printed(Formula(r"\varphi(x) = (M+1)^{x}", lambda x, m: (m + 1) ** x),
                       reading="002 says 'any invariant function' without the countable domain; the check is the "
                               "constructive proof on a countable (here finite) universe, which is what is true"),
        "004": Printed(Formula(r"\varphi(x) = (M+1)^{x}", lambda x, m: (m + 1) ** x),
                       reading="004 states the countable-domain case (and the continuous case with latent "
                               "dimension ≥ M, not checked here); the check is the countable-domain proof"),
    },
    uses_impl=False,
    references=(ZAHEER, "Wagstaff et al. (2019), On the limitations of representing functions on sets"),
)
def deep_sets_decomposition(ctx: Context, encoding: Formula) -> Outcome:
    """On a countable universe every invariant f is ρ(Σ_m φ(x_m)).

    Zaheer et al. (2017, Thm 2): number the universe x ∈ {0, 1, 2, …}; for sets of at most M elements
    (multisets: multiplicity ≤ M) φ(x) = (M+1)^x makes s = Σ_m φ(x_m) the base-(M+1) numeral of the
    multiplicities, so s determines the multiset and ρ = f ∘ s⁻¹ exists for every invariant f. Checked
    exhaustively: s is injective on all multisets of size ≤ M over a universe of 5 elements, M ≤ 4.
    """
    universe = range(5)

    def injective(m: int) -> Comparison:
        seen: dict[float, tuple[int, ...]] = {}
        for size in range(m + 1):
            for multiset in itertools.combinations_with_replacement(universe, size):
                s = sum(encoding(x, m) for x in multiset)
                if s in seen:
                    return that(False, label="Σ φ(x_m) is injective on multisets",
                                message=f"{seen[s]} and {multiset} both give Σ φ = {s}")
                seen[s] = multiset
        return that(True, label="Σ φ(x_m) is injective on multisets", message=f"{len(seen)} multisets, M = {m}")

    return for_each(ctx, range(1, 5), injective, domain_name="multisets of ≤ M elements of {0,…,4}, M ≤ 4",
                    complete=False)
