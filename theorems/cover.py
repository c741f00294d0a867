"""Cover's function counting theorem and Zaslavsky's region count (documents 000, 001, 003).

Standard results: Cover (1965): s points in general position in R^n admit
C(s,n) = 2 Σ_{k=0}^{n-1} binom(s-1,k) homogeneous linear dichotomies; C(s+1,n) = C(s,n) + C(s,n-1);
C(2n,n) = 2^{2n-1}; affine separators give C(s,n+1). Zaslavsky (1975): m affine hyperplanes in
general position cut R^n into Σ_{i=0}^{n} binom(m,i) regions.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from math import comb, sqrt
from typing import Any

import numpy as np
import sympy
from hypothesis import strategies as st

from impls.cover import DichotomyCounter
from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    Topic,
    Verdict,
    all_of,
    as_int,
    at_least,
    at_most,
    equal,
    for_all,
    for_each,
    prove_chain,
    that,
)
from theorems.engine.catalog import D000, D001, D003
from theorems.strategies.cover import (
    DEGENERACIES,
    GENERATORS,
    Arrangement,
    arrangements,
    degenerate,
    degenerate_sets,
    general_position_sets,
    lattice_points,
)

TOPIC = Topic(
    "cover",
    "Cover's function counting theorem",
    summary="Exact counts of linear dichotomies C(s,n), the phase transition at s = 2n, VC dimension, "
    "and Zaslavsky's count of the regions of ReLU hyperplanes.",
    protocol=DichotomyCounter,
    reference="impls.cover:ArrangementCounter",
)

COVER = "Cover (1965), Geometrical and statistical properties of systems of linear inequalities"
ZASLAVSKY = "Zaslavsky (1975), Facing up to arrangements"


def binomial(a: int, k: int) -> int:
    """binom(a, k) for any integer a (binom(-m, k) = (-1)^k binom(m+k-1, k), as SymPy has it)."""
    return comb(a, k) if a >= 0 else (-1) ** k * comb(k - a - 1, k)


def cover_count(s: int, n: int) -> int:
    """C(s, n) = 2 Σ_{k=0}^{n-1} binom(s-1, k): the count for s ≥ 1 points (0 for n = 0, the empty sum)."""
    return 2 * sum(binomial(s - 1, k) for k in range(n))


COUNTING = Formula(r"C(s,n)=2\sum_{k=0}^{n-1}\binom{s-1}{k}", cover_count)


def homogeneous_count(counter: Any, X: np.ndarray) -> int:
    return as_int(counter.homogeneous_dichotomies(X), what=f"homogeneous_dichotomies of {len(X)} points")


def affine_count(counter: Any, X: np.ndarray) -> int:
    return as_int(counter.affine_dichotomies(X), what=f"affine_dichotomies of {len(X)} points")


@dataclass(frozen=True)
class PointSet:
    """A point set with the (s, n) it was drawn for and how it was drawn, for the report."""

    s: int
    n: int
    kind: str
    X: np.ndarray


def general_position_grid(
    ctx: Context, pairs: Sequence[tuple[int, int]], *, affine: bool = False
) -> Iterator[PointSet]:
    """One Gaussian and one lattice set in general position for each (s, n), from the check's seed."""
    rng = ctx.rng(stream=1)
    for s, n in pairs:
        for kind, generate in sorted(GENERATORS.items()):
            yield PointSet(s, n, kind, generate(rng, s, n, affine=affine))


def describe_set(p: PointSet) -> dict[str, Any]:
    return {"s": p.s, "n": p.n, "drawn as": p.kind, "X": p.X.tolist()}


# --- the counting function ---------------------------------------------------------------------


def as_printed_for_s_plus_1(sum_for_s_plus_1: Callable[[int, int], int]) -> Callable[[int, int], int]:
    """A formula printed for C(s+1, n), as a function of the number of points s+1."""
    return lambda points, n: sum_for_s_plus_1(points - 1, n)


PRINTED_000 = Formula(r"C(s+1,n)=2\sum_{i=0}^{n-1}\binom{s}{i}",
                      as_printed_for_s_plus_1(lambda s, n: 2 * sum(comb(s, i) for i in range(n))))
PRINTED_001 = Formula(r"C(s,n)=2\sum_{i=1}^{n-1}\binom{s-1}{i}",
                      lambda s, n: 2 * sum(comb(s - 1, i) for i in range(1, n)))


@TOPIC.claim(
    "cover.counting_function",
    method="exhaustive",
    canonical=COUNTING,
    printed=[
        Printed(D000, PRINTED_000, r"C(s+1, n) = 2 \sum_{i=0}^{n-1} \binom{s}{i}",
                reading="Printed for s+1 points: substituting s+1 → s gives the canonical C(s,n)."),
        Printed(D001, PRINTED_001, r"C(s, n) = 2 \sum_{i=1}^{n-1} \binom{s-1}{i}",
                reading="As printed, the sum starts at i = 1 (it drops the term binom(s-1,0) = 1)."),
        Printed(D003, PRINTED_000, r"C(s+1, n) = 2 \sum_{i=0}^{n-1} \binom{s}{i}",
                reading="OCR damaged the binomial: '2 \\sum_{i=0}^{n-1} s_i' is read as binom(s, i), as "
                        "document 000 prints the same line; the literal s_i (s·i or s^i) is no count of "
                        "dichotomies (it is 0 for n = 1)."),
    ],
    references=(COVER,),
)
def counting_function(ctx: Context, count: Formula) -> Outcome:
    """Cover's function counting theorem.

    s points in general position in R^n have exactly C(s,n) = 2 Σ_{k=0}^{n-1} binom(s-1,k)
    dichotomies y ∈ {±1}^s realised by sign(w·x) (Cover 1965, Theorem 1). Checked against the exact
    counter on a Gaussian and an integer-lattice set in general position for every s ≤ 12, n ≤ 5
    (s ≤ 16 in the full profile).
    """
    counter = ctx.impl()
    pairs = [(s, n) for n in range(1, 6) for s in range(1, min(ctx.scaled(12), 16) + 1)]
    rows: list[list[Any]] = []

    def prop(p: PointSet) -> Comparison:
        exact = homogeneous_count(counter, p.X)
        rows.append([p.s, p.n, p.kind, exact, count(p.s, p.n), cover_count(p.s, p.n), 2**p.s])
        return equal(exact, count(p.s, p.n), label=f"dichotomies of {p.s} points in R^{p.n}")

    outcome = for_each(ctx, general_position_grid(ctx, pairs), prop, domain_name=f"(s, n) in {pairs[0]}..{pairs[-1]}",
                       complete=False, describe=describe_set)
    ctx.table("Exact counts against the formula", ["s", "n", "set", "exact count", "formula checked",
                                                    "C(s,n)", "2^s"], rows)
    return outcome


# --- the recurrence, proved --------------------------------------------------------------------

s_, n_, k_ = sympy.symbols("s n k", integer=True)


def symbolic_count(s: Any, n: Any) -> sympy.Expr:
    return 2 * sympy.Sum(sympy.binomial(s - 1, k_), (k_, 0, n - 1))


def align_upper_limits(expr: sympy.Expr) -> sympy.Expr:
    """Rewrite every sum Σ_{k=a}^{b} f(k) as Σ_{k=a}^{b₀} f(k) + f(b₀+1) + ... + f(b), where b₀ is the
    lowest upper limit in ``expr`` (all upper limits must differ by integers); same-range sums
    then combine and cancel."""
    sums = list(expr.atoms(sympy.Sum))
    if not sums:
        return expr
    lowest = min((s.limits[0][2] for s in sums), key=lambda b: (b - sums[0].limits[0][2]))
    replacements = {}
    for total in sums:
        (k, a, b), = total.limits
        extra = int(b - lowest)
        replacements[total] = sympy.Sum(total.function, (k, a, lowest)) + sum(
            total.function.subs(k, lowest + j) for j in range(1, extra + 1))
    return expr.xreplace(replacements)


def integer_counterexample(
    left: Callable[[int, int], int], right: Callable[[int, int], int], s_range: range, n_range: range
) -> dict[str, Any] | None:
    """The first integer (s, n) where the two sides differ (the engine's rational witnesses do not
    apply to identities between sums with symbolic integer bounds)."""
    for n, s in itertools.product(n_range, s_range):
        if left(s, n) != right(s, n):
            return {"s": s, "n": n, "left": left(s, n), "right": right(s, n)}
    return None


RECURRENCE = Formula(r"C(s+1,n)=C(s,n)+C(s,n-1)", lambda C, s, n: C(s, n) + C(s, n - 1))


@TOPIC.claim(
    "cover.recurrence",
    method="sympy",
    canonical=RECURRENCE,
    printed=[Printed(D001, RECURRENCE, r"C(s+1, n) = C(s, n) + C(s, n-1)")],
    depends=("cover.counting_function",),
    references=(COVER,),
    uses_impl=False,
)
def recurrence(ctx: Context, rhs: Formula) -> Outcome:
    """Cover's recurrence, from Pascal's rule.

    For every n ≥ 1 and every s, C(s+1,n) = C(s,n) + C(s,n-1) with C(s,n) = 2 Σ_{k<n} binom(s-1,k)
    (Cover 1965). Proved by induction on n with symbolic s: D(n) = C(s+1,n) - C(s,n) - C(s,n-1) has
    D(1) = 0, and D(n+1) - D(n) reduces to Pascal's rule binom(s,n) = binom(s-1,n) + binom(s-1,n-1).
    """
    witness = integer_counterexample(lambda s, n: cover_count(s + 1, n), lambda s, n: rhs(cover_count, s, n),
                                     range(1, 13), range(1, 9))
    if witness is not None:
        return Outcome(Verdict.REFUTED, {"searched": "integers 1 ≤ s ≤ 12, 1 ≤ n ≤ 8"}, witness,
                       reason=f"C({witness['s'] + 1},{witness['n']}) = {witness['left']} but the right side "
                              f"is {witness['right']}")

    def gap(n: Any) -> sympy.Expr:
        return symbolic_count(s_ + 1, n) - rhs(symbolic_count, s_, n)

    base = prove_chain(ctx, [("D(1)", gap(1)), ("sums evaluated", gap(1).doit()), ("zero", sympy.Integer(0))],
                       simplify=lambda e: sympy.simplify(e.doit()))
    step = gap(n_ + 1) - gap(n_)
    induction = prove_chain(
        ctx,
        [("D(n+1) - D(n)", step), ("upper limits aligned: only the top terms remain", align_upper_limits(step)),
         ("Pascal's rule", sympy.Integer(0))],
        simplify=lambda e: sympy.simplify(align_upper_limits(e)),
    )
    return all_of({"base case": base, "induction step": induction})


# --- all dichotomies for s ≤ n, and the VC dimension ---------------------------------------------


@TOPIC.claim(
    "cover.all_dichotomies_when_s_le_n",
    method="exhaustive",
    canonical=Formula(r"C(s,n)=2^s \text{ for } s\le n", lambda s, n: s <= n),
    printed=[
        Printed(D000, Formula(r"s\le n", lambda s, n: s <= n), r"C(s, n) = 2^s \text{ for } s \leq n"),
        Printed(D001, Formula(r"s=n", lambda s, n: s == n),
                r"n \text{ points can be shattered by linear functions in } n \text{ dimensions}"),
        Printed(D003, Formula(r"s\le n", lambda s, n: s <= n), r"C(s, n) = 2^s \text{ for } s \leq n"),
    ],
    references=(COVER,),
)
def all_dichotomies_when_s_le_n(ctx: Context, shattered: Formula) -> Outcome:
    """Few points are shattered.

    s ≤ n points in general position in R^n (linearly independent) admit all 2^s homogeneous
    dichotomies: C(s,n) = 2^s (Cover 1965). Checked for every (s, n) the statement covers with
    n ≤ 6 (9 in the full profile), on the exact counter and on the closed form.
    """
    counter = ctx.impl()
    top = min(ctx.scaled(6), 9)
    pairs = [(s, n) for n in range(1, top + 1) for s in range(1, n + 3) if shattered(s, n)]

    def prop(p: PointSet) -> list[Comparison]:
        return [equal(homogeneous_count(counter, p.X), 2**p.s, label=f"dichotomies of {p.s} points in R^{p.n}"),
                equal(cover_count(p.s, p.n), 2**p.s, label=f"C({p.s},{p.n})")]

    return for_each(ctx, general_position_grid(ctx, pairs), prop, domain_name=f"{len(pairs)} pairs (s, n), n ≤ {top}",
                    complete=False, describe=describe_set)


def shattering_instances(vc_dimension: Formula) -> st.SearchStrategy[tuple[int, np.ndarray, np.ndarray]]:
    """(n, a general-position set of VC(n) points, any set of VC(n)+1 points, degenerate or not)."""

    def for_dimension(n: int) -> st.SearchStrategy[tuple[int, np.ndarray, np.ndarray]]:
        d = vc_dimension(n)
        larger = general_position_sets(st.just(d + 1), st.just(n))
        if d + 1 >= 2:
            larger = st.one_of(larger, degenerate_sets(st.just(d + 1), st.just(n)).map(lambda g: g.points))
        return st.tuples(st.just(n), general_position_sets(st.just(d), st.just(n)), larger)

    return st.integers(1, 5).flatmap(for_dimension)


@TOPIC.claim(
    "cover.vc_dim_homogeneous_halfspaces",
    method="property",
    canonical=Formula(r"\mathrm{VC}=n", lambda n: n),
    printed=[Printed(D001, Formula(r"\mathrm{VC}=n", lambda n: n),
                     r"n \text{ points can be shattered in } n \text{ dimensions}; m > n \text{ can not}")],
    depends=("cover.all_dichotomies_when_s_le_n", "cover.counting_function"),
    references=(COVER,),
)
def vc_dim_homogeneous_halfspaces(ctx: Context, vc_dimension: Formula) -> Outcome:
    """VC dimension of homogeneous half-spaces.

    The classifiers sign(w·x) on R^n have VC dimension n: some n points (any n in general position)
    are shattered, and no set of n+1 points is, in general position (C(n+1,n) = 2^{n+1} - 2) or not.
    """
    counter = ctx.impl()

    def prop(example: tuple[int, np.ndarray, np.ndarray]) -> list[Comparison]:
        n, small, large = example
        d = len(small)
        small_count, large_count = homogeneous_count(counter, small), homogeneous_count(counter, large)
        return [
            equal(small_count, 2**d, label=f"{d} points in general position in R^{n} are shattered"),
            that(large_count < 2 ** (d + 1), label=f"no {d + 1} points in R^{n} are shattered",
                 message=f"{large_count} of {2 ** (d + 1)} dichotomies realised"),
        ]

    return for_all(ctx, shattering_instances(vc_dimension), prop, max_examples=60,
                   describe=lambda e: {"n": e[0], "shattered set": e[1].tolist(), "larger set": e[2].tolist()})


@TOPIC.claim(
    "cover.affine_dichotomies",
    method="exhaustive",
    canonical=Formula(r"C(s,n+1)", lambda s, n: cover_count(s, n + 1)),
    depends=("cover.counting_function",),
    references=(COVER,),
)
def affine_dichotomies(ctx: Context, count: Formula) -> Outcome:
    """Affine separators count like homogeneous ones one dimension up.

    s points in R^n, no n+1 of them on a common affine hyperplane, have exactly C(s, n+1) dichotomies
    realised by sign(w·x + b) (Cover 1965): the lifted points (x, 1) are in general position in R^{n+1}.
    Checked for every s ≤ 10, n ≤ 4.
    """
    counter = ctx.impl()
    pairs = [(s, n) for n in range(1, 5) for s in range(1, min(ctx.scaled(10), 14) + 1)]

    def prop(p: PointSet) -> Comparison:
        return equal(affine_count(counter, p.X), count(p.s, p.n),
                     label=f"affine dichotomies of {p.s} points in R^{p.n}")

    return for_each(ctx, general_position_grid(ctx, pairs, affine=True), prop,
                    domain_name=f"(s, n) in {pairs[0]}..{pairs[-1]}", complete=False, describe=describe_set)


# --- position independence -----------------------------------------------------------------------


def same_shape_sets() -> st.SearchStrategy[tuple[np.ndarray, np.ndarray, np.ndarray | None]]:
    """Two general-position sets of the same (s, n) and a degenerate set of that (s, n) when s ≥ 2."""

    def for_shape(shape: tuple[int, int]) -> st.SearchStrategy[tuple[np.ndarray, np.ndarray, np.ndarray | None]]:
        s, n = st.just(shape[0]), st.just(shape[1])
        broken = degenerate_sets(s, n).map(lambda g: g.points) if shape[0] >= 2 else st.none()
        return st.tuples(general_position_sets(s, n), general_position_sets(s, n), broken)

    return st.tuples(st.integers(1, 10), st.integers(1, 4)).flatmap(for_shape)


@TOPIC.claim(
    "cover.count_independent_of_position",
    method="property",
    printed=[
        Printed(D000, None, r"\text{Position of pts does not matter (general position).}"),
        Printed(D003, None, r"\text{Position of pts does not matter (as long as they are in general position)}"),
    ],
    references=(COVER,),
)
def count_independent_of_position(ctx: Context, _: None) -> Outcome:
    """Only s and n matter.

    Any two sets of s points in general position in R^n have the same number of homogeneous linear
    dichotomies; a degenerate set (repeated points, points on one line through 0, on a common
    lower-dimensional subspace, or at the origin) has at most as many, often fewer (Cover 1965).
    """
    counter = ctx.impl()

    def prop(sets: tuple[np.ndarray, np.ndarray, np.ndarray | None]) -> list[Comparison]:
        first, second, broken = sets
        count = homogeneous_count(counter, first)
        checks = [equal(homogeneous_count(counter, second), count,
                        label=f"two sets of {len(first)} points in R^{first.shape[1]}")]
        if broken is not None:
            checks.append(at_most(homogeneous_count(counter, broken), count, label="degenerate set"))
        return checks

    outcome = for_all(ctx, same_shape_sets(), prop, max_examples=100,
                      describe=lambda t: {"first": t[0].tolist(), "second": t[1].tolist(),
                                          "degenerate": None if t[2] is None else t[2].tolist()})
    rng = ctx.rng(stream=2)
    base = lattice_points(rng, 6, 3)
    rows = [["general position", homogeneous_count(counter, base), cover_count(6, 3)]]
    rows += [[how, homogeneous_count(counter, degenerate(base, how, rng).points), cover_count(6, 3)]
             for how in DEGENERACIES]
    ctx.table("Six points in R³: general position against degenerate", ["set", "exact count", "C(6,3)"], rows)
    return outcome


# --- the phase transition ------------------------------------------------------------------------


def cover_counts(n: int, s_max: int) -> list[int]:
    """C(s, n) for s = 1..s_max, walking row s-1 of Pascal's triangle (exact integers)."""
    row = [1] + [0] * (n - 1)  # binom(0, k) for k < n
    counts = []
    for _ in range(s_max):
        counts.append(2 * sum(row))
        row = [row[0]] + [row[k] + row[k - 1] for k in range(1, n)]
    return counts


def transition_width(n: int) -> float:
    """(s where the separable fraction falls to 0.1) - (s where it leaves 0.9), divided by n."""
    counts = cover_counts(n, 4 * n + 8)
    fraction = [(s, c / 2**s) for s, c in enumerate(counts, start=1)]
    leaves = max(s for s, f in fraction if f >= 0.9)
    falls = min(s for s, f in fraction if f <= 0.1)
    return (falls - leaves) / n


PHASE_TRANSITION = Formula(r"s^\ast=2n", lambda n: 2 * n)


@TOPIC.claim(
    "cover.phase_transition_2n",
    method="exhaustive",
    canonical=PHASE_TRANSITION,
    printed=[
        Printed(D000, PHASE_TRANSITION, r"\text{Phase transition at } s = 2n"),
        Printed(D003, PHASE_TRANSITION, r"\text{Phase transition at } s = 2n"),
    ],
    depends=("cover.counting_function",),
    references=(COVER,),
    uses_impl=False,
)
def phase_transition_2n(ctx: Context, transition: Formula) -> Outcome:
    """The separable fraction crosses ½ at s = 2n, ever more sharply.

    The fraction C(s,n)/2^s of dichotomies of s points in general position in R^n that are
    separable is > ½ for s < 2n, exactly ½ at s = 2n (C(2n,n) = 2^{2n-1}), and < ½ for s > 2n
    (Cover 1965). The width of the transition (fraction from 0.9 to 0.1) shrinks like 1/√n in s/n.
    Checked exactly for every n ≤ 30 (240 in the full profile) and s ≤ 4n; widths for n = 4 ... 256.
    """
    top = ctx.scaled(30)

    def crosses_at_transition(n: int) -> Comparison:
        at = transition(n)
        for s, count in enumerate(cover_counts(n, 4 * n), start=1):
            side = (2 * count > 2**s) - (2 * count < 2**s)  # sign of C(s,n)/2^s - 1/2
            if side != (s < at) - (s > at):
                return that(False, label=f"n = {n}", message=f"C({s},{n})/2^{s} = {count}/{2**s} "
                            f"is {'above' if side > 0 else 'below' if side < 0 else 'at'} 1/2, "
                            f"against a transition at s = {at}")
        return that(True, label=f"n = {n}", message=f"crosses 1/2 at s = {at}")

    crossing = for_each(ctx, range(1, top + 1), crosses_at_transition, domain_name=f"n = 1..{top}, s = 1..4n",
                        complete=False, describe=lambda n: {"n": n})
    dims = [4, 16, 64, 256] + ([1024] if ctx.profile.scale > 1 else [])
    widths = [transition_width(n) for n in dims]
    sharpening = for_each(
        ctx, range(1, len(dims)),
        lambda i: at_most(widths[i], widths[i - 1], label=f"width at n = {dims[i]} vs n = {dims[i - 1]}"),
        domain_name=f"n in {dims}", complete=False, describe=lambda i: {"n": dims[i], "width": widths[i]},
    )
    ctx.table("Width of the transition (separable fraction from 0.9 to 0.1), in units of s/n",
              ["n", "width", "width · √n"], [[n, w, w * sqrt(n)] for n, w in zip(dims, widths, strict=True)])
    with ctx.figure("Separable fraction C(s,n)/2^s against s/n") as (_, ax):
        for n in (2, 5, 10, 25, 100):
            counts = cover_counts(n, 4 * n)
            ax.plot([s / n for s in range(1, 4 * n + 1)], [c / 2**s for s, c in enumerate(counts, start=1)],
                    label=f"n = {n}")
        ax.axvline(transition(100) / 100, color="grey", linestyle="--", label="stated transition (n = 100)")
        ax.axhline(0.5, color="grey", linewidth=0.5)
        ax.set_xlabel("s / n")
        ax.set_ylabel("fraction of separable dichotomies")
        ax.legend(fontsize=8)
    return all_of({"crossing": crossing, "sharpening": sharpening})


# --- Zaslavsky: regions of ReLU hyperplanes -------------------------------------------------------


def zaslavsky_bound(m: int, n: int) -> int:
    return sum(comb(m, i) for i in range(min(n, m) + 1))


@dataclass(frozen=True)
class RegionBound:
    """A bound on the regions of m hyperplanes in R^n, and whether the hyperplanes carry biases."""

    bound: Formula
    biases: bool


ZASLAVSKY_BOUND = Formula(r"R(m)\le\sum_{i=0}^{\min(n,m)}\binom{m}{i}", zaslavsky_bound)


@TOPIC.claim(
    "approximation.zaslavsky_region_bound",
    method="property",
    canonical=RegionBound(ZASLAVSKY_BOUND, biases=True),
    printed=[
        Printed(doc, RegionBound(ZASLAVSKY_BOUND, biases=False),
                r"R(m) \leq \sum_{i=0}^{\min(n, m)} \binom{m}{i} \ll 2^m",
                reading="The hyperplanes are printed through the origin, {w_i^T x = 0} (ReLU units without "
                        "bias), so the variant is checked on central arrangements, where the exact count is "
                        "C(m,n) = bound - binom(m-1,n). 'Zalavsky' is Zaslavsky.")
        for doc in (D000, D003)
    ],
    references=(ZASLAVSKY,),
)
def zaslavsky_region_bound(ctx: Context, claim: RegionBound) -> Outcome:
    """Zaslavsky's bound on the regions of ReLU hyperplanes.

    m hyperplanes {x : w_i·x + b_i = 0} cut R^n into at most Σ_{i=0}^{min(n,m)} binom(m,i) connected
    regions (of constant ReLU activation pattern), with equality when they are in general position
    (Zaslavsky 1975). Counted exactly on random arrangements of m ≤ 9 units in R^n, n ≤ 4: Gaussian,
    through the origin, with parallel or with concurrent hyperplanes.
    """
    counter = ctx.impl()

    def prop(arrangement: Arrangement) -> list[Comparison]:
        m, n = arrangement.m, arrangement.n
        regions = as_int(counter.regions(arrangement.W, arrangement.b), what=f"regions of {m} hyperplanes")
        checks = [at_most(regions, claim.bound(m, n), label=f"regions / bound ({arrangement.kind})")]
        if arrangement.kind == "gaussian" and arrangement.in_general_position():
            checks.append(equal(regions, claim.bound(m, n), label=f"{m} hyperplanes in general position in R^{n}"))
        return checks

    outcome = for_all(ctx, arrangements(st.integers(1, 9), st.integers(1, 4), biases=claim.biases), prop,
                      describe=lambda a: {"kind": a.kind, "W": a.W.tolist(), "b": a.b.tolist()})
    ctx.table("The bound against 2^m (n = 2)", ["m", "bound", "2^m", "bound / 2^m"],
              [[m, claim.bound(m, 2), 2**m, claim.bound(m, 2) / 2**m] for m in (2, 4, 8, 16, 32, 64)])
    return outcome


# --- Montúfar: regions of deep ReLU networks ------------------------------------------------------

MONTUFAR = "Montúfar, Pascanu, Cho & Bengio (2014), On the number of linear regions of deep neural networks"


def folding_network_regions(m: int, depth: int) -> int:
    """Activation regions, on [-1/2, 3/2], of Montúfar et al.'s network with one input and ``depth``
    hidden layers of width ``m``: each of the first depth-1 layers folds [0,1] onto itself m times
    (units relu(m z - j), j < m, summed as z ↦ h_1 - 2h_2 + 2h_3 - ...), the last layer cuts
    every fold at z = j/(m+1), j = 1..m.

    Exact: inputs are x = k/D and every pre-activation is scaled by D to an integer. Grid points
    on a kink are skipped; each run of equal patterns is then a distinct open region (a pattern's
    region is an interval), so the count is a lower bound that is reached once the grid is fine.
    """
    D = 8 * (m + 1) * m**depth
    z = np.arange(-D // 2, 3 * D // 2, dtype=np.int64)  # D·x
    fold = np.array([1] + [2 * (-1) ** j for j in range(1, m)], dtype=np.int64)
    patterns, on_a_kink = [], np.zeros(len(z), dtype=bool)
    for layer in range(depth):
        if layer == depth - 1:
            pre = (m + 1) * z[:, None] - D * np.arange(1, m + 1)[None, :]
        else:
            pre = m * z[:, None] - D * np.arange(m)[None, :]
        patterns.append(pre > 0)
        on_a_kink |= (pre == 0).any(axis=1)
        z = np.maximum(pre, 0) @ fold
    pattern = np.hstack(patterns)[~on_a_kink]
    return 1 + int(np.count_nonzero((pattern[1:] != pattern[:-1]).any(axis=1)))


MONTUFAR_BOUND = Formula(r"R(m,L)\ge R(m)\lfloor m/n\rfloor^{n(L-1)}",
                         lambda m, n, L: zaslavsky_bound(m, n) * (m // n) ** (n * (L - 1)))


@TOPIC.claim(
    "approximation.montufar_deep_regions",
    method="exhaustive",
    canonical=MONTUFAR_BOUND,
    printed=[
        Printed(D000, MONTUFAR_BOUND, r"R(m, L) \geq R(m) \left[ \frac{m}{n} \right]^{n(L-1)}",
                reading="The brackets [m/n] are read as the floor that document 003 prints; for the one-input "
                        "networks checked here (n = 1) the two readings coincide."),
        Printed(D003, MONTUFAR_BOUND, r"R(m, L) \geq R(m) \lfloor \frac{m}{n} \rfloor^{n(L-1)}"),
    ],
    depends=("approximation.zaslavsky_region_bound",),
    references=(MONTUFAR,),
    uses_impl=False,
)
def montufar_deep_regions(ctx: Context, lower_bound: Formula) -> Outcome:
    """Deep ReLU networks can have exponentially many linear regions.

    Some ReLU network with n inputs and L hidden layers of width m ≥ n has at least
    R(m) ⌊m/n⌋^{n(L-1)} activation regions, R(m) = Σ_{i≤n} binom(m,i) (Montúfar et al. 2014,
    Theorem 4 with equal widths). Checked for one input (n = 1), m ≤ 5, L ≤ 4, by counting the
    regions of their folding construction exactly; a stated bound above (m+1)^L, the most regions
    any such network has (each layer cuts each interval into at most m+1 pieces), is refuted.
    """
    cases = [(m, depth) for m in range(1, 6) for depth in range(1, 5)]
    rows: list[list[Any]] = []

    def possible(case: tuple[int, int]) -> Comparison:
        m, depth = case
        return at_most(lower_bound(m, 1, depth), (m + 1) ** depth, label="stated bound / most regions possible")

    def reached(case: tuple[int, int]) -> Comparison:
        m, depth = case
        regions = folding_network_regions(m, depth)
        rows.append([m, depth, regions, lower_bound(m, 1, depth), (m + 1) ** depth])
        return at_least(regions, lower_bound(m, 1, depth), label="regions of the construction / stated bound")

    def describe(case: tuple[int, int]) -> dict[str, int]:
        return {"m": case[0], "n": 1, "L": case[1]}

    upper = for_each(ctx, cases, possible, domain_name="n = 1, m ≤ 5, L ≤ 4", complete=False, describe=describe)
    construction = for_each(ctx, cases, reached, domain_name="n = 1, m ≤ 5, L ≤ 4", complete=False, describe=describe)
    ctx.table("Regions of the folding network (one input)", ["m", "L", "regions", "stated bound", "(m+1)^L"], rows)
    if construction.verdict is Verdict.REFUTED and upper.verdict.is_pass:
        # Falling short of a lower bound by one construction refutes nothing.
        construction = Outcome(Verdict.INCONCLUSIVE, construction.evidence, reason="the folding construction has "
                               f"fewer regions than stated ({construction.reason}); no network is known to reach it")
    return all_of({"upper limit": upper, "construction": construction})
