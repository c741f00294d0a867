"""Regions of ReLU hyperplanes (Zaslavsky 1975) and of deep ReLU networks (Montúfar et al. 2014)."""

from __future__ import annotations

from dataclasses import dataclass
from math import comb
from typing import Any

import numpy as np
from hypothesis import strategies as st

from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    Verdict,
    all_of,
    at_least,
    at_most,
    equal,
    for_all,
    for_each,
)
from theorems.topics.cover.strategies import Arrangement, arrangements

from . import TOPIC

ZASLAVSKY = "Zaslavsky (1975), Facing up to arrangements"
MONTUFAR = "Montúfar, Pascanu, Cho & Bengio (2014), On the number of linear regions of deep neural networks"


def zaslavsky_bound(m: int, n: int) -> int:
    """Σ_{i=0}^{min(n,m)} binom(m, i): the regions of m affine hyperplanes in general position in R^n."""
    return sum(comb(m, i) for i in range(min(n, m) + 1))


@dataclass(frozen=True)
class RegionBound:
    """A bound on the regions of m hyperplanes in R^n, and whether the hyperplanes carry biases."""

    bound: Formula
    biases: bool


ZASLAVSKY_BOUND = Formula(r"R(m)\le\sum_{i=0}^{\min(n,m)}\binom{m}{i}", zaslavsky_bound)

THROUGH_THE_ORIGIN = Printed(
    RegionBound(ZASLAVSKY_BOUND, biases=False),
    reading="The hyperplanes are printed through the origin, {w_i^T x = 0} (ReLU units without bias), so the "
            "variant is checked on central arrangements, where the exact count is C(m,n) = bound - binom(m-1,n). "
            "'Zalavsky' is Zaslavsky.",
)


@TOPIC.claim(
    "approximation.zaslavsky_region_bound",
    method="property",
    canonical=RegionBound(ZASLAVSKY_BOUND, biases=True),
    printed={"000": THROUGH_THE_ORIGIN, "003": THROUGH_THE_ORIGIN},
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
        regions = counter.regions(arrangement.W, arrangement.b)
        checks = [at_most(regions, claim.bound(m, n), label=f"regions / bound ({arrangement.kind})")]
        if arrangement.kind == "gaussian" and arrangement.in_general_position():
            checks.append(equal(regions, claim.bound(m, n), label=f"{m} hyperplanes in general position in R^{n}"))
        return checks

    outcome = for_all(ctx, arrangements(st.integers(1, 9), st.integers(1, 4), biases=claim.biases), prop,
                      describe=lambda a: {"kind": a.kind, "W": a.W.tolist(), "b": a.b.tolist()})
    ctx.table("The bound against 2^m (n = 2)", ["m", "bound", "2^m", "bound / 2^m"],
              [[m, claim.bound(m, 2), 2**m, claim.bound(m, 2) / 2**m] for m in (2, 4, 8, 16, 32, 64)])
    return outcome


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
    faithful=("003",),
    printed={"000": Printed(MONTUFAR_BOUND, reading="The brackets [m/n] are read as the floor that document 003 "
                                                    "prints; for the one-input networks checked here (n = 1) the "
                                                    "two readings coincide.")},
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
