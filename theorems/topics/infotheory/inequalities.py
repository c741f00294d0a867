"""Signs and shapes of the divergences: non-negativity, Gibbs and Pinsker, (a)symmetry, absolute continuity."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from hypothesis import strategies as st

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, at_least, close, for_each, that

from . import TOPIC
from .definitions import kl_of
from .strategies import ALL_REGIMES, Pair, discrete_pairs, for_all_pairs


@dataclass(frozen=True)
class LowerBound:
    """A stated lower bound of a quantity the implementation computes on discrete pairs."""

    latex: str
    quantity: Callable[[Any, Pair], float]
    bound: Callable[[Any, Pair], float]

    def __repr__(self) -> str:
        return f"LowerBound({self.latex!r})"


def lower_bound_check(ctx: Context, stated: LowerBound, regimes: tuple[str, ...] = ALL_REGIMES) -> Outcome:
    impl = ctx.impl()

    def prop(pair: Pair) -> list[Comparison]:
        return [at_least(stated.quantity(impl, pair), stated.bound(impl, pair), label=stated.latex,
                         rtol=pair.tolerance, atol=pair.tolerance)]

    # half the pairs generic with full support: there a bound is finite on both sides and can be tight
    return for_all_pairs(ctx, prop, st.one_of(discrete_pairs(full_support=True, regimes=("generic",)),
                                              discrete_pairs(regimes=regimes)))


def entropy_of(impl: Any, pair: Pair) -> float:
    return impl.entropy(pair.p)


def cross_entropy_of(impl: Any, pair: Pair) -> float:
    return impl.cross_entropy(pair.p, pair.q)


ENTROPY_NONNEG = LowerBound(r"H(X) \ge 0", entropy_of, lambda impl, pair: 0.0)
CROSS_ENTROPY_NONNEG = LowerBound(r"H(p,q) \ge 0", cross_entropy_of, lambda impl, pair: 0.0)
KL_NONNEG = LowerBound(r"KL(p\|q) \ge 0", kl_of, lambda impl, pair: 0.0)
GIBBS = LowerBound(r"H(p,q) \ge H(p,p)", cross_entropy_of, entropy_of)


@TOPIC.claim("infotheory.entropy_nonneg", method="property", canonical=ENTROPY_NONNEG, faithful=("002",))
def entropy_nonneg(ctx: Context, stated: LowerBound) -> Outcome:
    """Discrete entropy is non-negative.

    H(p) = −Σ p ln p ≥ 0 for a probability vector (each −p ln p ≥ 0 on [0, 1]).
    """
    return lower_bound_check(ctx, stated)


@TOPIC.claim("infotheory.cross_entropy_nonneg", method="property", canonical=CROSS_ENTROPY_NONNEG,
             faithful=("002",))
def cross_entropy_nonneg(ctx: Context, stated: LowerBound) -> Outcome:
    """Discrete cross-entropy is non-negative.

    H(p, q) = −Σ p ln q ≥ 0 for probability vectors (ln q ≤ 0).
    """
    return lower_bound_check(ctx, stated)


@TOPIC.claim("infotheory.kl_nonneg", method="property", canonical=KL_NONNEG, faithful=("002:164", "002:183"),
             references=("Gibbs' inequality",))
def kl_nonneg(ctx: Context, stated: LowerBound) -> Outcome:
    """Gibbs' inequality.

    KL(p‖q) ≥ 0 for any two distributions (by Jensen's inequality on the concave ln).
    """
    return lower_bound_check(ctx, stated)


def sharpened(p: np.ndarray, k: float) -> np.ndarray:
    powered = np.asarray(p, dtype=float) ** k
    return powered / powered.sum()


@TOPIC.claim("infotheory.cross_entropy_minimizer", method="property", canonical=GIBBS, faithful=("002",))
def cross_entropy_minimizer(ctx: Context, stated: LowerBound) -> Outcome:
    """The cross-entropy is minimised by the true distribution.

    H(p, q) ≥ H(p, p) = H(p) for every q, i.e. argmin_q H(p, q) = p (Gibbs' inequality). Besides the
    drawn q, each p is compared with its own sharpened and flattened versions p^k/Σp^k (k = 2, ½),
    the directions in which a minimiser other than p would show.
    """
    impl = ctx.impl()

    def prop(pair: Pair) -> list[Comparison]:
        rivals = [pair] + [Pair(pair.p, sharpened(pair.p, k), pair.dx, f"p^{k}") for k in (2.0, 0.5)]
        return [at_least(stated.quantity(impl, rival), stated.bound(impl, rival), label=stated.latex,
                         rtol=pair.tolerance, atol=pair.tolerance) for rival in rivals]

    return for_all_pairs(ctx, prop, st.one_of(discrete_pairs(full_support=True, regimes=("generic",)),
                                              discrete_pairs()))


PINSKER = LowerBound(r"KL(p\|q) \ge \tfrac12\|p-q\|_1^2", kl_of,
                     lambda impl, pair: 0.5 * float(np.sum(np.abs(np.asarray(pair.p, float) - pair.q))) ** 2)


@TOPIC.claim("infotheory.kl_zero_iff_equal", method="property", canonical=PINSKER,
             printed={"002:169": Printed(PINSKER, reading="OCR wrote y for q. Checked quantitatively: KL(p, p) = 0 "
                                                          "and, by Pinsker's inequality, KL(p‖q) ≥ ½‖p − q‖₁² > 0 "
                                                          "whenever p ≠ q."),
                      "002:189": Printed(PINSKER, reading="Repetition of line 169.")},
             references=("Pinsker's inequality",))
def kl_zero_iff_equal(ctx: Context, stated: LowerBound) -> Outcome:
    """KL vanishes exactly when the distributions agree.

    KL(p‖q) = 0 iff p = q: KL(p‖p) = 0 and Pinsker's inequality KL(p‖q) ≥ ½‖p − q‖₁² separates p ≠ q.
    """
    return lower_bound_check(ctx, stated)


@TOPIC.claim("infotheory.jsd_symmetric", method="property",
             canonical=Formula(r"JSD(P,Q) = JSD(Q,P)", lambda impl, pair: impl.js(pair.q, pair.p)), faithful=("002",))
def jsd_symmetric(ctx: Context, swapped: Formula) -> Outcome:
    """The Jensen–Shannon divergence is symmetric.

    JS(p, q) = JS(q, p) (m = ½(p + q) is symmetric and the two KL terms swap).
    """
    impl = ctx.impl()

    def prop(pair: Pair) -> list[Comparison]:
        return [close(impl.js(pair.p, pair.q), swapped(impl, pair), label="JS(p, q) = JS(q, p)", rtol=pair.tolerance,
                      atol=1e-15)]

    return for_all_pairs(ctx, prop, discrete_pairs())


def asymmetry_search(impl: Any) -> list[Comparison]:
    grid = np.linspace(0.05, 0.95, 19)
    gaps = [(abs(impl.kl(p, q) - impl.kl(q, p)), s, t)
            for s in grid for t in grid for p, q in [(np.array([s, 1 - s]), np.array([t, 1 - t]))]]
    gap, s, t = max(gaps)
    return [that(gap > 1e-6, label="some pair has KL(p‖q) ≠ KL(q‖p)",
                 message=f"largest |KL(p‖q) − KL(q‖p)| = {gap:.6g} at p = ({s:.2f}, {1 - s:.2f}), "
                         f"q = ({t:.2f}, {1 - t:.2f})")]


@TOPIC.claim("infotheory.kl_asymmetric", method="exhaustive", faithful=("002",))
def kl_asymmetric(ctx: Context, _: None) -> Outcome:
    """KL is not symmetric.

    There are p, q with KL(p‖q) ≠ KL(q‖p); a witness is searched among two-point distributions
    with masses on a grid of step 0.05 (one witness proves the claim).
    """
    impl = ctx.impl()
    return for_each(ctx, [impl], asymmetry_search, domain_name="2-point distributions, masses 0.05..0.95",
                    complete=True, describe=lambda _: "grid search")


def support_check(ctx: Context) -> Outcome:
    """KL(p‖q) < ∞ exactly when q(x) = 0 ⇒ p(x) = 0, in both directions."""
    impl = ctx.impl()

    def prop(pair: Pair) -> list[Comparison]:
        checks = []
        for name, (u, v) in {"KL(p‖q)": (pair.p, pair.q), "KL(q‖p)": (pair.q, pair.p)}.items():
            finite = math.isfinite(impl.kl(u, v))
            continuous = not np.any((np.asarray(v) == 0) & (np.asarray(u) > 0))
            checks.append(that(finite == continuous, label=f"{name} finite ⇔ absolute continuity",
                               message=f"{name} finite: {finite}; absolutely continuous: {continuous}"))
        return checks

    return for_all_pairs(ctx, prop, discrete_pairs(regimes=("generic", "disjoint", "subnormal")))


@TOPIC.claim("infotheory.kl_absolute_continuity", method="property", faithful=("002",))
def kl_absolute_continuity(ctx: Context, _: None) -> Outcome:
    """KL is finite exactly under absolute continuity.

    KL(p‖q) < ∞ iff q(x) = 0 ⇒ p(x) = 0 for every x (on a finite space).
    """
    return support_check(ctx)


@TOPIC.claim("infotheory.reverse_kl_mode_seeking", method="property", faithful=("001", "003"),
             depends=("infotheory.kl_absolute_continuity",))
def reverse_kl_mode_seeking(ctx: Context, _: None) -> Outcome:
    """Reverse KL is zero-forcing, forward KL zero-avoiding.

    KL(q‖p) < ∞ iff (p = 0 ⇒ q = 0): a reverse-KL fit may drop modes of p (q = 0 where p > 0 costs
    nothing) but never puts mass where p has none; KL(p‖q) < ∞ iff (p ≠ 0 ⇒ q ≠ 0): a forward-KL fit
    must cover all of p. Checked as the finiteness pattern of both directions.
    """
    return support_check(ctx)
