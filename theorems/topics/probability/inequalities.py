"""Inequalities of probability: Hoeffding, the union bound, Jensen, Markov, Chebyshev and Cauchy–Schwarz.

Each is checked as a bound over generated finite distributions with rational atoms and probabilities: the
expectations and tail probabilities are then exact (Hoeffding's tail by convolving the exact laws), so a verdict
never rests on Monte-Carlo error, and ``hypothesis.target`` pushes each search towards the instance where the
bound is tightest (its worst ratio is in the evidence).
"""

from __future__ import annotations

import math
from fractions import Fraction

from hypothesis.strategies import SearchStrategy

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, bound, for_all

from . import TOPIC
from .instances import (
    BoundedSample,
    Events,
    FiniteLaw,
    LawAndFunction,
    LawAndLevel,
    event_families,
    exactly_at_most,
    examples,
    finite_laws,
    iid_unit_samples,
    independent_bounded_samples,
    joint_laws,
    laws_with_functions,
    laws_with_levels,
    positive_laws,
    rationals,
)

HOEFFDING = "W. Hoeffding, Probability inequalities for sums of bounded random variables, JASA 58 (1963), Thm 2"

# --- Hoeffding -------------------------------------------------------------------------------------------------


def hoeffding_check(ctx: Context, samples: SearchStrategy[BoundedSample], tail_bound: Formula) -> Outcome:
    """The exact tail P(mean - E mean ≥ t) of generated samples stays under ``tail_bound`` (twice the examples
    of the other checks: the space of samples is larger, and each tail costs only one convolution)."""
    return bound(ctx, samples, BoundedSample.tail, tail_bound, label="P(mean(Z) - E mean(Z) ≥ t) ≤ bound",
                 describe=BoundedSample.describe, max_examples=2 * examples(ctx))


@TOPIC.claim(
    "probability.hoeffding",
    method="property",
    canonical=Formula(r"e^{-2nt^2}", lambda s: math.exp(-2 * s.n * s.t**2)),
    faithful=("001",),
    references=(HOEFFDING,),
    uses_impl=False,
)
def hoeffding(ctx: Context, tail_bound: Formula) -> Outcome:
    """Hoeffding's inequality for i.i.d. variables in [0, 1].

    For Z_1 … Z_n i.i.d. in [0, 1] and t > 0: P((1/n)ΣZ_i - E[Z] ≥ t) ≤ exp(-2nt²). Checked on i.i.d. laws on
    the grids {0, 1/q, …, 1}, q ≤ 4 (q = 1: Bernoulli, the binomial tail), n ≤ 200, with the tail computed
    exactly by convolution.
    """
    return hoeffding_check(ctx, iid_unit_samples(), tail_bound)


def _sum_of_squared_widths(s: BoundedSample) -> float:
    return float(sum(w**2 for w in s.widths))


@TOPIC.claim(
    "probability.hoeffding_general_ranges",
    method="property",
    canonical=Formula(r"\exp\Big(-\frac{2n^2t^2}{\sum_i (b_i-a_i)^2}\Big)",
                      lambda s: math.exp(-2 * s.n**2 * s.t**2 / _sum_of_squared_widths(s))),
    printed={"001": Printed(
        Formula(r"\exp\Big(-\frac{2nt^2}{\sum_i (b_i-a_i)^2}\Big)",
                lambda s: math.exp(-2 * s.n * s.t**2 / _sum_of_squared_widths(s))),
        reading="The bound on P(mean - E mean ≥ t) as printed, with n where Hoeffding has n². It is true (n ≤ n², "
                "so it is weaker than the canonical bound, equal to it only at n = 1) but loose, and it does not "
                "reduce to the line above it: for [a_i, b_i] = [0, 1] it gives exp(-2t²), not exp(-2nt²).",
    )},
    references=(HOEFFDING,),
    uses_impl=False,
)
def hoeffding_general_ranges(ctx: Context, tail_bound: Formula) -> Outcome:
    """Hoeffding's inequality for independent variables with ranges [a_i, b_i].

    For independent Z_i ∈ [a_i, b_i] and t > 0: P((1/n)ΣZ_i - E[(1/n)ΣZ_i] ≥ t) ≤ exp(-2n²t²/Σ_i(b_i - a_i)²).
    Checked on independent, non-identical laws on grids of step 1/q in their own ranges (n ≤ 12), the tail
    computed exactly by convolution.
    """
    return hoeffding_check(ctx, independent_bounded_samples(), tail_bound)


# --- union bound -----------------------------------------------------------------------------------------------


@TOPIC.claim(
    "probability.union_bound",
    method="property",
    canonical=Formula(r"\sum_i \mathbb{P}(A_i)", lambda probabilities: sum(probabilities)),
    faithful=("001",),
    uses_impl=False,
)
def union_bound(ctx: Context, stated: Formula) -> Outcome:
    """Boole's inequality (the union bound).

    For events A_1, A_2, …: P(∪_i A_i) ≤ Σ_i P(A_i). Checked exactly (rational probabilities) on up to six
    events of finite spaces of up to eight outcomes, disjoint events (where it is an equality) included, and
    first on two disjoint halves of a fair coin.
    """
    def prop(family: Events) -> Comparison:
        union = family.probability(frozenset().union(*family.events))
        return exactly_at_most(union, stated([family.probability(a) for a in family.events]),
                               label="P(∪ A_i) ≤ bound")

    halves = Events(FiniteLaw((0, 1), (Fraction(1, 2), Fraction(1, 2))), (frozenset({0}), frozenset({1})))
    return for_all(ctx, event_families(), prop, describe=Events.describe, max_examples=examples(ctx),
                   explicit=(halves,))


# --- Jensen ----------------------------------------------------------------------------------------------------

JENSEN = Formula(r"f(\mathbb{E}[X]) \le \mathbb{E}[f(X)]", lambda f_of_mean, mean_of_f: (f_of_mean, mean_of_f))
"""A Jensen inequality as the pair (smaller, larger) of f(E X) and E f(X)."""


def jensen_check(ctx: Context, stated: Formula, signs: tuple[int, ...]) -> Outcome:
    """``stated`` ranks f(E X) and E f(X) correctly for generated laws and convex (or concave: sign -1) f.

    For a concave f the pair is ranked for the convex -f (the same statement with the inequality reversed).
    """
    def prop(case: LawAndFunction) -> Comparison:
        sign = case.f.sign
        f_of_mean = case.f(case.law.mean) * sign
        mean_of_f = case.law.expect(case.f) * sign
        smaller, larger = stated(f_of_mean, mean_of_f)
        kind = "convex" if sign == 1 else "concave (checked as the convex -f)"
        return exactly_at_most(smaller, larger, label=f"Jensen, f {kind}")

    return for_all(ctx, laws_with_functions(signs=signs), prop, describe=LawAndFunction.describe,
                   max_examples=examples(ctx))


@TOPIC.claim(
    "probability.jensen_expectation",
    method="property",
    canonical=JENSEN,
    faithful=("001", "002", "003"),
    uses_impl=False,
)
def jensen_expectation(ctx: Context, stated: Formula) -> Outcome:
    """Jensen's inequality for expectations.

    For convex f and X with E|X|, E|f(X)| finite: f(E[X]) ≤ E[f(X)] (for concave f, ≥). Checked exactly on finite
    laws on Q^d (d ≤ 3) with f = max(0, max_j a_j·x + b_j), the general convex function on a finite support
    (a supremum of affine functions); equality when X is constant or f affine on its support.
    """
    return jensen_check(ctx, stated, signs=(1,))


@TOPIC.claim(
    "probability.jensen_inequality",
    method="property",
    canonical=JENSEN,
    faithful=("002",),
    uses_impl=False,
)
def jensen_inequality(ctx: Context, stated: Formula) -> Outcome:
    """Jensen's inequality for convex combinations.

    For λ_i ≥ 0 with Σλ_i = 1: f(Σλ_i x_i) ≤ Σλ_i f(x_i) when f is convex, ≥ when f is concave. Checked exactly
    with rational weights λ_i and points x_i ∈ Q^d, for convex max-affine f and concave min-affine f.
    """
    return jensen_check(ctx, stated, signs=(1, -1))


@TOPIC.claim(
    "probability.jensen_log",
    method="property",
    canonical=Formula(r"\log\mathbb{E}[X] \ge \mathbb{E}[\log X]", lambda log_mean, mean_log: (mean_log, log_mean)),
    faithful=("001",),
    uses_impl=False,
)
def jensen_log(ctx: Context, stated: Formula) -> Outcome:
    """Jensen's inequality for the logarithm.

    For X > 0 with finite mean: log E[X] ≥ E[log X] (log is concave). Checked on finite laws on the positive
    rationals; the two sides are compared after exp (increasing), so the tightness is the ratio of the
    geometric to the arithmetic mean of X.
    """
    def sides(law: FiniteLaw) -> tuple[float, float]:
        log_mean = math.log(law.mean)
        mean_log = sum(float(p) * math.log(x) for x, p in zip(law.atoms, law.probabilities, strict=True))
        smaller, larger = stated(log_mean, mean_log)
        return math.exp(smaller), math.exp(larger)

    return bound(ctx, positive_laws(), lambda law: sides(law)[0], lambda law: sides(law)[1],
                 label="exp(smaller side) ≤ exp(larger side)", describe=FiniteLaw.describe,
                 max_examples=examples(ctx))


# --- Markov, Chebyshev -----------------------------------------------------------------------------------------


@TOPIC.claim(
    "probability.markov",
    method="property",
    canonical=Formula(r"\frac{\mathbb{E}[X]}{a}", lambda mean, a: mean / a),
    faithful=("001",),
    uses_impl=False,
)
def markov(ctx: Context, stated: Formula) -> Outcome:
    """Markov's inequality.

    For X ≥ 0 and a > 0: P(X ≥ a) ≤ E[X]/a. Checked exactly on finite laws on [0, 8] ∩ Q, with a at an atom half
    the time (the two-point laws on {0, a} make it an equality).
    """
    def prop(case: LawAndLevel) -> Comparison:
        tail = case.law.probability(lambda x: x >= case.level)
        return exactly_at_most(tail, stated(case.law.mean, case.level), label="P(X ≥ a) ≤ bound")

    cases = laws_with_levels(finite_laws(rationals(0, 8)), lambda law: list(law.atoms))
    return for_all(ctx, cases, prop, describe=LawAndLevel.describe, max_examples=examples(ctx))


def _deviations_from_mean(law: FiniteLaw) -> list[Fraction]:
    return [abs(x - law.mean) for x in law.atoms]


@TOPIC.claim(
    "probability.chebyshev_inequality",
    method="property",
    canonical=Formula(r"\frac{\sigma^2}{\epsilon^2}", lambda variance, eps: variance / eps**2),
    faithful=("002", "004"),
    uses_impl=False,
)
def chebyshev_inequality(ctx: Context, stated: Formula) -> Outcome:
    """Chebyshev's inequality.

    For X with mean μ and variance σ² < ∞, and ε > 0: P(|X - μ| ≥ ε) ≤ σ²/ε². Checked exactly on finite laws,
    with ε = |x - μ| for an atom x half the time (the law on {μ - ε, μ, μ + ε} makes it an equality).
    """
    def prop(case: LawAndLevel) -> Comparison:
        law, eps = case.law, case.level
        mu = law.mean
        variance = law.expect(lambda x: (x - mu) ** 2)
        tail = law.probability(lambda x: abs(x - mu) >= eps)
        return exactly_at_most(tail, stated(variance, eps), label="P(|X - μ| ≥ ε) ≤ bound")

    cases = laws_with_levels(finite_laws(), _deviations_from_mean)
    return for_all(ctx, cases, prop, describe=LawAndLevel.describe, max_examples=examples(ctx))


# --- Cauchy–Schwarz --------------------------------------------------------------------------------------------


def moments(law: FiniteLaw) -> dict[str, Fraction]:
    """The exact moments of a joint law of (X, Y) that the Cauchy–Schwarz bounds speak of."""
    return {
        "E[X]": law.expect(lambda a: a[0]), "E[Y]": law.expect(lambda a: a[1]),
        "E[X^2]": law.expect(lambda a: a[0] ** 2), "E[Y^2]": law.expect(lambda a: a[1] ** 2),
        "E[XY]": law.expect(lambda a: a[0] * a[1]),
    }


@TOPIC.claim(
    "probability.cauchy_schwarz_expectation",
    method="property",
    canonical=Formula(r"\mathbb{E}[XY]^2 \le \mathbb{E}[X^2]\,\mathbb{E}[Y^2]", lambda m: m["E[X^2]"] * m["E[Y^2]"]),
    faithful=("004",),
    printed={"002": Printed(
        Formula(r"\mathbb{E}[XY]^2 \le \mathbb{E}[X]^2\,\mathbb{E}[Y^2]", lambda m: m["E[X]"] ** 2 * m["E[Y^2]"]),
        reading="Read as printed: E[X]² is (E[X])², the squared mean, where Cauchy–Schwarz has E[X²] (as document "
                "004 prints it). False whenever E[X] = 0 and E[XY] ≠ 0, e.g. X = Y = ±1 with probability ½ each.",
    )},
    uses_impl=False,
)
def cauchy_schwarz_expectation(ctx: Context, stated: Formula) -> Outcome:
    """The Cauchy–Schwarz inequality for expectations.

    For square-integrable X, Y: E[XY]² ≤ E[X²] E[Y²], with equality when Y = cX. Checked exactly on finite
    joint laws of (X, Y) with rational atoms, Y = cX half the time.
    """
    def prop(law: FiniteLaw) -> Comparison:
        m = moments(law)
        return exactly_at_most(m["E[XY]"] ** 2, stated(m), label="E[XY]² ≤ bound")

    return for_all(ctx, joint_laws(), prop, describe=FiniteLaw.describe, max_examples=examples(ctx))

