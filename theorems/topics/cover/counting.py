"""The counting function C(s, n) itself, for homogeneous and for affine separators (Cover 1965)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from math import comb
from typing import Any

import numpy as np

from theorems.engine import Context, Formula, Outcome, Printed, exact_count
from theorems.engine.typed import TypedForm, exact_integer, quantity

from . import COVER, TOPIC
from .strategies import GENERATORS


def binomial(a: int, k: int) -> int:
    """binom(a, k) for any integer a (binom(-m, k) = (-1)^k binom(m+k-1, k), as SymPy has it)."""
    return comb(a, k) if a >= 0 else (-1) ** k * comb(k - a - 1, k)


def cover_count(s: int, n: int) -> int:
    """C(s, n) = 2 Σ_{k=0}^{n-1} binom(s-1, k): the count for s ≥ 1 points (0 for n = 0, the empty sum)."""
    return 2 * sum(binomial(s - 1, k) for k in range(n))


COUNTING = Formula(r"C(s,n)=2\sum_{k=0}^{n-1}\binom{s-1}{k}", cover_count)


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


def as_printed_for_s_plus_1(sum_for_s_plus_1: Callable[[int, int], int]) -> Callable[[int, int], int]:
    """A formula printed for C(s+1, n), as a function of the number of points s+1."""
    return lambda points, n: sum_for_s_plus_1(points - 1, n)


PRINTED_FOR_S_PLUS_1 = Formula(r"C(s+1,n)=2\sum_{i=0}^{n-1}\binom{s}{i}",
                               as_printed_for_s_plus_1(lambda s, n: 2 * sum(comb(s, i) for i in range(n))))


POINTS = quantity("s", "s", "the number of points, in general position", "P", integer=True, positive=True)
DIMENSION = quantity("n", "n", "the dimension of the input space (homogeneous separators w·x)", "N",
                     integer=True, positive=True)
TYPED_COUNT = TypedForm(
    quantity("C(s,n)", "C", "the number of dichotomies realised by sign(w·x)", "C(P,N)", "C(s, n)", "C(P, N)"),
    "=", r"2\sum_{k=0}^{n-1}\binom{s-1}{k}", (POINTS, DIMENSION),
    lambda rhs, latex: Formula(latex, exact_integer(rhs, POINTS.symbol, DIMENSION.symbol)),
)


@TOPIC.claim(
    "cover.counting_function",
    method="exhaustive",
    canonical=COUNTING,
    printed={
        "000": Printed(PRINTED_FOR_S_PLUS_1,
                       reading="Printed for s+1 points: substituting s+1 → s gives the canonical C(s,n)."),
        "001": Printed(Formula(r"C(s,n)=2\sum_{i=1}^{n-1}\binom{s-1}{i}",
                               lambda s, n: 2 * sum(comb(s - 1, i) for i in range(1, n))),
                       reading="As printed, the sum starts at i = 1 (it drops the term binom(s-1,0) = 1)."),
        "003": Printed(PRINTED_FOR_S_PLUS_1,
                       reading="OCR damaged the binomial: '2 \\sum_{i=0}^{n-1} s_i' is read as binom(s, i), as "
                               "document 000 prints the same line; the literal s_i (s·i or s^i) is no count of "
                               "dichotomies (it is 0 for n = 1)."),
    },
    references=(COVER,),
    typed=TYPED_COUNT,
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

    def counted(p: PointSet) -> int:
        exact = counter.homogeneous_dichotomies(p.X)
        rows.append([p.s, p.n, p.kind, exact, count(p.s, p.n), cover_count(p.s, p.n), 2**p.s])
        return exact

    outcome = exact_count(ctx, general_position_grid(ctx, pairs), counted, lambda p: count(p.s, p.n),
                          label="dichotomies of s points in R^n", domain_name=f"(s, n) in {pairs[0]}..{pairs[-1]}",
                          complete=False, describe=describe_set)
    ctx.table("Exact counts against the formula", ["s", "n", "set", "exact count", "formula checked",
                                                    "C(s,n)", "2^s"], rows)
    return outcome


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
    Checked for every s ≤ 10 (14 in the full profile), n ≤ 4.
    """
    counter = ctx.impl()
    pairs = [(s, n) for n in range(1, 5) for s in range(1, min(ctx.scaled(10), 14) + 1)]
    return exact_count(ctx, general_position_grid(ctx, pairs, affine=True),
                       lambda p: counter.affine_dichotomies(p.X), lambda p: count(p.s, p.n),
                       label="affine dichotomies of s points in R^n", domain_name=f"(s, n) in {pairs[0]}..{pairs[-1]}",
                       complete=False, describe=describe_set)
