"""Only s and n matter: the count is the same for every set in general position, and no larger
for a degenerate one (Cover 1965), where it is compared exactly with the reference's count."""

from __future__ import annotations

import numpy as np

from impls.cover import ArrangementCounter
from theorems.engine import Comparison, Context, Outcome, at_most, equal, for_all

from . import COVER, TOPIC
from .counting import cover_count
from .strategies import DEGENERACIES, degenerate, lattice_points, same_shape_sets


@TOPIC.claim(
    "cover.count_independent_of_position",
    method="property",
    faithful=("000", "003"),
    references=(COVER,),
)
def count_independent_of_position(ctx: Context, _: None) -> Outcome:
    """Only s and n matter.

    Any two sets of s points in general position in R^n have the same number of homogeneous linear
    dichotomies; a degenerate set (repeated points, points on one line through 0, on a common
    lower-dimensional subspace, or at the origin) has at most as many, often fewer (Cover 1965).
    The degenerate count is compared for equality with the exact arrangement count of the reference,
    so a counter that answers C(s, n) whatever the positions is caught.
    """
    counter = ctx.impl()
    exact = ArrangementCounter()

    def prop(sets: tuple[np.ndarray, np.ndarray, np.ndarray | None]) -> list[Comparison]:
        first, second, broken = sets
        count = counter.homogeneous_dichotomies(first)
        checks = [equal(counter.homogeneous_dichotomies(second), count,
                        label=f"two sets of {len(first)} points in R^{first.shape[1]}")]
        if broken is not None:
            degenerate_count = counter.homogeneous_dichotomies(broken)
            checks += [at_most(degenerate_count, count, label="degenerate set"),
                       equal(degenerate_count, exact.homogeneous_dichotomies(broken),
                             label="degenerate set, exact arrangement count")]
        return checks

    outcome = for_all(ctx, same_shape_sets(), prop, max_examples=100,
                      describe=lambda t: {"first": t[0].tolist(), "second": t[1].tolist(),
                                          "degenerate": None if t[2] is None else t[2].tolist()})
    rng = ctx.rng(stream=2)
    base = lattice_points(rng, 6, 3)
    rows = [["general position", counter.homogeneous_dichotomies(base), cover_count(6, 3)]]
    rows += [[how, counter.homogeneous_dichotomies(degenerate(base, how, rng).points), cover_count(6, 3)]
             for how in DEGENERACIES]
    ctx.table("Six points in R³: general position against degenerate", ["set", "exact count", "C(6,3)"], rows)
    return outcome
