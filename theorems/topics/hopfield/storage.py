"""Storage: Hebbian weights, the overlap of two states, and one stored pattern with its negation as
attractors."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st

from impls.hopfield import sign_keep
from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    close,
    equal,
    exact_count,
    for_all,
    for_each,
    that,
)

from . import HOPFIELD, TOPIC, run_async
from .strategies import Network, random_orders


@TOPIC.claim(
    "hopfield.hamming_overlap",
    method="exhaustive",
    canonical=Formula(r"x\cdot\hat x = n - 2k", lambda n, k: n - 2 * k),
    printed={"001": Printed(Formula(r"x\cdot\hat x - 1 = n - 2k - 1", lambda n, k: (n - 2 * k - 1) + 1),
                            reading="the identity minus 1 on both sides (the 1 is the self-term x_i x̂_i left out of "
                                    "the field of a unit where x and x̂ agree).")},
    uses_impl=False,
)
def hamming_overlap(ctx: Context, overlap: Formula) -> Outcome:
    """Overlap and Hamming distance.

    For x, x̂ ∈ {±1}^n at Hamming distance k: x·x̂ = (n - k) - k = n - 2k. Every pair, n ≤ 8.
    """

    def states(n: int) -> np.ndarray:
        return np.array(list(itertools.product((-1, 1), repeat=n)))

    def overlaps(n: int) -> np.ndarray:
        return states(n) @ states(n).T

    def stated(n: int) -> np.ndarray:
        distance = (states(n)[:, None, :] != states(n)[None, :, :]).sum(axis=2)
        return np.vectorize(lambda k: overlap(n, int(k)))(distance)

    return exact_count(ctx, range(1, 9), overlaps, stated, label="x·x̂ for all pairs in {±1}^n",
                       domain_name="all pairs, n ≤ 8", complete=False)


@TOPIC.claim(
    "hopfield.pattern_and_negation_attractors",
    method="exhaustive",
    canonical=Formula(r"k < \frac{n-1}{2}", lambda n, k: k < (n - 1) / 2),
    faithful=("001",),
    depends=("hopfield.hamming_overlap",),
    references=(HOPFIELD,),
)
def pattern_and_negation_attractors(ctx: Context, attracted: Formula) -> Outcome:
    """A stored pattern and its negation are attractors.

    With one stored pattern, Θ = x xᵀ - I: x and -x are fixed points, every x̂ within Hamming distance
    k of x with k inside the stated radius runs to x, and every x̂ as close to -x runs to -x.
    Every x and x̂ for 2 ≤ n ≤ 7, in a random sweep order.
    """
    impl = ctx.impl()
    rng = ctx.rng(stream=3)

    def prop(case: tuple[int, np.ndarray]) -> Comparison:
        n, x = case
        W = impl.hebbian(x[None, :], normalized=False)
        wrong = []
        for cue in itertools.product((-1.0, 1.0), repeat=n):
            cue = np.array(cue)
            k = int(np.sum(cue != x))
            target = x if attracted(n, k) else -x if attracted(n, n - k) else None
            if k in (0, n) or target is not None:
                final = run_async(impl, Network(W, np.zeros(n), cue, random_orders(rng, n))).final
                expected = x if k == 0 else -x if k == n else target
                if not np.array_equal(final, expected):
                    wrong.append({"cue": cue.tolist(), "k": k, "final": final.tolist()})
        return that(not wrong, label="attraction", message=f"{len(wrong)} cues did not end at ±x, e.g. {wrong[:1]}")

    cases = ((n, np.array(x)) for n in range(2, 8) for x in itertools.product((-1.0, 1.0), repeat=n))
    return for_each(ctx, cases, prop, domain_name="all x and cues, 2 ≤ n ≤ 7", complete=False,
                    describe=lambda c: {"n": c[0], "x": c[1].tolist()})


@dataclass(frozen=True)
class HebbRule:
    latex: str
    normalized: bool
    fn: Callable[[np.ndarray], np.ndarray]


def _hebb_1_over_n(X: np.ndarray) -> np.ndarray:
    return (X.T @ X - np.diag(np.diag(X.T @ X))) / X.shape[1]


def _hebb_minus_identity(X: np.ndarray) -> np.ndarray:
    return sum(np.outer(x, x) - np.eye(X.shape[1]) for x in X)


HEBB_1_OVER_N = HebbRule(r"w_{ij} = \frac1n \sum_t x_i^t x_j^t,\ w_{ii} = 0", True, _hebb_1_over_n)
HEBB_MINUS_I = HebbRule(r"\Theta = \sum_t (x^t (x^t)^T - I_n)", False, _hebb_minus_identity)

hebb_patterns = st.tuples(st.integers(1, 12), st.integers(1, 10)).flatmap(
    lambda sn: st.lists(st.lists(st.sampled_from([-1.0, 1.0]), min_size=sn[1], max_size=sn[1]),
                        min_size=sn[0], max_size=sn[0]).map(np.array))


@TOPIC.claim(
    "hopfield.hebbian_weights",
    method="property",
    canonical=HEBB_1_OVER_N,
    faithful=("000", "003"),
    printed={
        "001:123": Printed(HEBB_MINUS_I, reading="the unnormalised rule: n times the 1/n rule, the same dynamics "
                                                 "without thresholds."),
        "001:128": Printed(HEBB_MINUS_I,
                           reading="x^t x^t is read as the outer product x^t (x^t)ᵀ (the transpose lost in OCR)."),
    },
    references=(HOPFIELD,),
)
def hebbian_weights(ctx: Context, rule: HebbRule) -> Outcome:
    """Hebbian storage.

    The weights of s patterns x^t ∈ {±1}^n are w_ij = (1/n) Σ_t x_i^t x_j^t with w_ii = 0 (symmetric);
    a single stored pattern is then a fixed point of x ← sign(W x).
    """
    impl = ctx.impl()

    def prop(X: np.ndarray) -> list[Comparison]:
        W = impl.hebbian(X, normalized=rule.normalized)
        single = impl.hebbian(X[:1], normalized=rule.normalized)
        return [close(W, rule.fn(X), label="weights", rtol=1e-12, atol=1e-12),
                equal(sign_keep(single @ X[0], X[0]), X[0], label="one stored pattern is a fixed point")]

    return for_all(ctx, hebb_patterns, prop, describe=lambda X: X.tolist())
