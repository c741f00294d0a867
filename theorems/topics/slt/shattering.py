"""Shattering: the growth function, the VC dimension of finite classes and the Sauer–Shelah lemma.

Every claim here is checked on every non-empty class of functions on a three-point domain (255 classes),
for sample sizes n = 0 … 4, with the counts of the implementation under test compared exactly (in
integers) with the definitions.
"""

from __future__ import annotations

import itertools

import numpy as np

from theorems.engine import Comparison, Context, Formula, Outcome, at_most, equal, for_each, that

from . import SAUER, TOPIC, VAPNIK
from .strategies import DOMAIN, every_class

SIZES = range(DOMAIN + 2)


def shattered(table: np.ndarray, points: tuple[int, ...]) -> bool:
    """Whether the rows of ``table`` realise all 2^|points| patterns on ``points``."""
    return len({tuple(row) for row in table[:, list(points)]}) == 2 ** len(points)


def largest_shattered(table: np.ndarray) -> int:
    """The definition, by brute force: the largest n such that some n-point set is shattered."""
    return max(len(points) for size in range(DOMAIN + 1) for points in itertools.combinations(range(DOMAIN), size)
               if shattered(table, points))


def describe(table: np.ndarray) -> list[list[int]]:
    return table.tolist()


TOPIC.not_checkable(
    "slt.vc_dimension_def",
    title="The VC dimension",
    statement="VC-dim(F) is the size of the largest set shattered by F: F realises all 2ⁿ labellings of some "
              "n points and of no n + 1 points.",
    reason="A definition. The implementation's VC dimension is compared with it, by brute force over every "
           "class on a three-point domain, in slt.vc_dim_finite_class. Document 000 prints it garbled "
           "(max_s sup_{|S|=s} 1‖F(S)‖ = 2^s, an indicator inside the max); document 001's 'some n-set shattered "
           "and no (n+1)-set' is the same definition because every subset of a shattered set is shattered.",
    references=(VAPNIK,),
)


@TOPIC.claim(
    "slt.shattering_coefficient_bound",
    method="exhaustive",
    canonical=Formula("2^n", lambda n: 2**n),
    faithful=("001",),
    references=(VAPNIK, SAUER),
)
def shattering_coefficient_bound(ctx: Context, cap: Formula) -> Outcome:
    """The growth function is at most 2ⁿ, and at most the Sauer–Shelah sum.

    S_F(n) = sup_{x₁…xₙ} |{(f(x₁), …, f(xₙ)) : f ∈ F}| ≤ Σ_{i=0}^{d} C(n, i) ≤ 2ⁿ with d = VC-dim F, the
    last with equality exactly when d ≥ n (Sauer 1972, Shelah 1972). Checked exactly, in integers, for
    every class on a three-point domain and n = 0 … 4 (beyond the domain's size, S_F(n) is the number of
    patterns on the whole domain).
    """
    impl = ctx.impl()

    def case(item: tuple[np.ndarray, int]) -> list[Comparison]:
        table, n = item
        growth, d = impl.growth_function(table, n), largest_shattered(table)
        sauer = impl.sauer_bound(d, n)
        return [at_most(growth, sauer, label="S_F(n) ≤ Σ_{i≤d} C(n, i)", rtol=0.0),
                at_most(sauer, cap(n), label="Σ_{i≤d} C(n, i) ≤ stated cap", rtol=0.0),
                at_most(growth, cap(n), label="S_F(n) ≤ stated cap", rtol=0.0),
                equal(sauer == 2**n, d >= n, label="Σ_{i≤d} C(n, i) = 2ⁿ exactly when d ≥ n")]

    return for_each(ctx, itertools.product(every_class(), SIZES), case,
                    domain_name="every class on a 3-point domain × n = 0…4", complete=False,
                    describe=lambda item: {"class": describe(item[0]), "n": item[1]})


@TOPIC.claim(
    "slt.vc_dim_finite_class",
    method="exhaustive",
    canonical=Formula(r"\log_2|\mathcal F|", lambda size: size.bit_length() - 1),
    faithful=("001",),
    references=(VAPNIK,),
)
def vc_dim_finite_class(ctx: Context, cap: Formula) -> Outcome:
    """A finite class has VC dimension at most log₂ |F|.

    Shattering n points takes 2ⁿ distinct functions, so 2^{VC-dim F} ≤ |F|. Checked on every class on a
    three-point domain: the implementation's VC dimension equals the definition (the largest shattered set,
    by brute force) and is at most ⌊log₂ |F|⌋ (the stated cap, compared in integers).
    """
    impl = ctx.impl()

    def case(table: np.ndarray) -> list[Comparison]:
        d = impl.vc_dimension(table)
        return [equal(d, largest_shattered(table), label="VC-dim = size of the largest shattered set"),
                that(d <= cap(len(table)), label="VC-dim ≤ log₂|F|",
                     message=f"VC-dim {d}, |F| = {len(table)}, cap {cap(len(table))}")]

    return for_each(ctx, every_class(), case, domain_name="every class on a 3-point domain", complete=False,
                    describe=describe)

