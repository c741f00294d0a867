"""Few points are shattered: C(s,n) = 2^s for s ≤ n, and the VC dimension n of half-spaces (Cover 1965)."""

from __future__ import annotations

import numpy as np

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, equal, for_all, for_each, that

from . import COVER, TOPIC
from .counting import PointSet, cover_count, describe_set, general_position_grid
from .strategies import shattering_instances

FEW_POINTS = Formula(r"C(s,n)=2^s \text{ for } s\le n", lambda s, n: s <= n)


@TOPIC.claim(
    "cover.all_dichotomies_when_s_le_n",
    method="exhaustive",
    canonical=FEW_POINTS,
    faithful=("000", "003"),
    printed={"001": Printed(Formula(r"s=n", lambda s, n: s == n))},
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
        return [equal(counter.homogeneous_dichotomies(p.X), 2**p.s, label=f"dichotomies of {p.s} points in R^{p.n}"),
                equal(cover_count(p.s, p.n), 2**p.s, label=f"C({p.s},{p.n})")]

    return for_each(ctx, general_position_grid(ctx, pairs), prop, domain_name=f"{len(pairs)} pairs (s, n), n ≤ {top}",
                    complete=False, describe=describe_set)


@TOPIC.claim(
    "cover.vc_dim_homogeneous_halfspaces",
    method="property",
    canonical=Formula(r"\mathrm{VC}=n", lambda n: n),
    faithful=("001",),
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
        small_count, large_count = counter.homogeneous_dichotomies(small), counter.homogeneous_dichotomies(large)
        return [
            equal(small_count, 2**d, label=f"{d} points in general position in R^{n} are shattered"),
            that(large_count < 2 ** (d + 1), label=f"no {d + 1} points in R^{n} are shattered",
                 message=f"{large_count} of {2 ** (d + 1)} dichotomies realised"),
        ]

    return for_all(ctx, shattering_instances(vc_dimension), prop, max_examples=60,
                   describe=lambda e: {"n": e[0], "shattered set": e[1].tolist(), "larger set": e[2].tolist()})
