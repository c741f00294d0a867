"""The memory: sparse patterns, the clipped Hebbian matrix, recall by threshold r, and why a stored
cue recalls at least what was stored with it."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, bound, equal, for_all, for_each, that

from . import TOPIC, WILLSHAW
from .strategies import PatternPairs, pattern_pairs

EXAMPLES = 60


@TOPIC.claim(
    "willshaw.sparse_patterns_def",
    method="exhaustive",
    canonical=Formula(r"\sum_i x_i = r", lambda ones, r: ones == r),
    printed={"001": Printed(Formula(r"\sum_i x_i \le r", lambda ones, r: ones <= r),
                            reading="the pattern class the retrieval rule of line 112 (threshold r) is used with.")},
    depends=("willshaw.retrieval_rule_def",),
    references=(WILLSHAW,),
)
def sparse_patterns_def(ctx: Context, in_class: Formula) -> Outcome:
    """Sparse patterns have exactly r ones.

    The threshold-r retrieval y_j = [(Θ x)_j ≥ r] recalls a stored pair (x, y) only if x has r ones:
    with fewer, (Θ x)_j ≤ |x| < r. Every x, y of the class for 2 ≤ n ≤ 5, 1 ≤ r < n, stored alone.
    """
    impl = ctx.impl()

    def prop(case: tuple[int, np.ndarray, np.ndarray]) -> Comparison:
        r, x, y = case
        theta = impl.store(x[None, :], y[None, :])
        return equal(impl.recall(theta, x, r), y, label="recall of the only stored pair")

    def cases() -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
        for n in range(2, 6):
            vectors = [np.array(v) for v in itertools.product((0, 1), repeat=n)]
            for r in range(1, n):
                members = [v for v in vectors if in_class(int(v.sum()), r)]
                yield from ((r, x, y) for x in members for y in members if y.sum() == r)

    return for_each(ctx, cases(), prop, domain_name="every stored pair, 2 ≤ n ≤ 5", complete=False,
                    describe=lambda c: {"r": c[0], "x": c[1].tolist(), "y": c[2].tolist()})


def agrees_with_definition(
    ctx: Context, compute: Callable[[Any, PatternPairs], np.ndarray], definition: Formula, label: str
) -> Outcome:
    """What the implementation computes on random pattern pairs equals the definition, exactly."""
    impl = ctx.impl()

    def prop(pairs: PatternPairs) -> Comparison:
        return equal(compute(impl, pairs), definition(pairs), label=label)

    return for_all(ctx, pattern_pairs(), prop, describe=PatternPairs.describe, max_examples=EXAMPLES)


@TOPIC.claim(
    "willshaw.memory_matrix_def",
    method="property",
    canonical=Formula(r"\Theta = \min(1, \sum_t y^t (x^t)^T)", lambda p: np.minimum(1, p.ys.T @ p.xs)),
    printed={"001": Printed(Formula(r"\Theta_{ji} = \min\{1, \sum_t y_j^t x_i^t\}",
                                    lambda p: np.minimum(1, p.ys.T @ p.xs)))},
    references=(WILLSHAW,),
)
def memory_matrix_def(ctx: Context, definition: Formula) -> Outcome:
    """The binary memory matrix is the clipped Hebbian sum.

    Θ_ji = min(1, Σ_t y_j^t x_i^t) ∈ {0, 1}: the implementation's store agrees entrywise.
    """
    return agrees_with_definition(ctx, lambda impl, p: impl.store(p.xs, p.ys), definition, "Θ")


@TOPIC.claim(
    "willshaw.retrieval_rule_def",
    method="property",
    canonical=Formula(r"y_j = [(\Theta x)_j \ge r]",
                      lambda p: (np.minimum(1, p.ys.T @ p.xs) @ p.xs[0] >= p.r).astype(int)),
    faithful=("001",),
    references=(WILLSHAW,),
)
def retrieval_rule_def(ctx: Context, definition: Formula) -> Outcome:
    """Retrieval thresholds the dendritic sums at r.

    z = Θ x and y_j = 1 iff z_j ≥ r: the implementation's recall of x^1 from Θ = min(1, Σ y xᵀ) agrees.
    """
    return agrees_with_definition(
        ctx, lambda impl, p: impl.recall(np.minimum(1, p.ys.T @ p.xs), p.xs[0], p.r), definition, "recalled y")


@TOPIC.claim(
    "willshaw.monotonicity",
    method="property",
    faithful=("001",),
    depends=("willshaw.retrieval_lower_bound",),
    references=(WILLSHAW,),
)
def monotonicity(ctx: Context, _form: None) -> Outcome:
    """Recall gives at least what was stored.

    Θ = min(1, Σ_τ Θ^τ) ≥ Θ^t = y^t (x^t)ᵀ entrywise, so recalling a stored x^t (r ones) returns
    y ≥ y^t: every 1 of y^t is recalled, possibly with spurious extra ones.
    """
    impl = ctx.impl()

    def prop(pairs: PatternPairs) -> list[Comparison]:
        theta = impl.store(pairs.xs, pairs.ys)
        stored = list(enumerate(zip(pairs.xs, pairs.ys, strict=True)))
        below = [t for t, (x, y) in stored if np.any(theta < np.outer(y, x))]
        missed = [t for t, (x, y) in stored if np.any(impl.recall(theta, x, pairs.r) < y)]
        return [that(not below, label="Θ ≥ Θ^t", message=f"fails for pairs {below}"),
                that(not missed, label="recall ≥ y^t", message=f"ones of y^t lost for pairs {missed}")]

    return for_all(ctx, pattern_pairs(), prop, describe=PatternPairs.describe, max_examples=EXAMPLES)


@TOPIC.claim(
    "willshaw.retrieval_lower_bound",
    method="property",
    faithful=("001",),
    references=(WILLSHAW,),
)
def retrieval_lower_bound(ctx: Context, _form: None) -> Outcome:
    """The dendritic sum of a stored cue reaches r where y^t is 1.

    z^t = Θ x^t ≥ Θ^t x^t = y^t ‖x^t‖² = r y^t for every stored pair with r ones.
    """
    impl = ctx.impl()

    def shortfall(pairs: PatternPairs) -> float:
        theta = impl.store(pairs.xs, pairs.ys)
        return max(float(np.max(pairs.r * y - theta @ x)) for x, y in zip(pairs.xs, pairs.ys, strict=True))

    return bound(ctx, pattern_pairs(), shortfall, lambda _: 0.0, label="max_t max_j (r y^t - Θ x^t)_j",
                 describe=PatternPairs.describe, max_examples=EXAMPLES)
