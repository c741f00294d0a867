"""Capacity: the information of a sparse pattern, half of the synapses set at the optimum, ln 2 bits
per synapse, and the counting bound on the number of stored pairs."""

from __future__ import annotations

import math

import numpy as np
import sympy
from hypothesis import strategies as st

from theorems.engine import (
    Context,
    Formula,
    Outcome,
    Printed,
    Verdict,
    bound,
    proportion,
    show,
    symbolic,
)

from . import TOPIC, WILLSHAW


@TOPIC.claim(
    "willshaw.pattern_information",
    method="property",
    canonical=Formula(r"\log \binom{n}{r} \approx r \log n", lambda n, r: r * math.log(n)),
    faithful=("001",),
    uses_impl=False,
)
def pattern_information(ctx: Context, approximation: Formula) -> Outcome:
    """The information of an r-sparse pattern is about r log n.

    r log(n/r) ≤ log C(n, r) ≤ r log n, so for r ≤ log₂ n the relative error of r log n is at most
    log r / (log n - log r) → 0 (any log base). Checked for 16 ≤ n ≤ 10^12, 1 ≤ r ≤ log₂ n.
    """
    cases = st.integers(4, 40).flatmap(lambda e: st.tuples(st.integers(2**e, 2 ** (e + 1)), st.integers(1, e)))

    def relative_error(case: tuple[int, int]) -> float:
        n, r = case
        exact = math.fsum(math.log((n - i) / (i + 1)) for i in range(r))
        return abs(approximation(n, r) / exact - 1)

    def tolerance(case: tuple[int, int]) -> float:
        n, r = case
        return math.log(r) / (math.log(n) - math.log(r)) + 1e-12

    return bound(ctx, cases, relative_error, tolerance, label="relative error vs log r/(log n - log r)")


@TOPIC.claim(
    "willshaw.half_synapses_set",
    method="statistical",
    canonical=Formula(r"P(\Theta_{ji} = 1) \to \tfrac12", lambda: 0.5),
    printed={"001": Printed(Formula(r"\tfrac12", lambda: 0.5),
                            reading="at the capacity optimum: s = ln 2 · n²/r² pairs with r = log₂ n ones each.")},
    depends=("willshaw.max_capacity_ln2",),
    references=(WILLSHAW,),
)
def half_synapses_set(ctx: Context, fraction: Formula) -> Outcome:
    """At the capacity optimum half of the synapses are set.

    With s = ln 2 · n²/r² random pairs of r-sparse patterns, P(Θ_ji = 1) = 1 - (1 - r²/n²)^s
    → 1 - e^{-ln 2} = ½. Exact binomial test on one synapse of each of many independent memories.
    """
    impl = ctx.impl()
    rng = ctx.rng(stream=7)
    n, count = 64, ctx.scaled(1500)
    r = int(math.log2(n))
    s = round(math.log(2) * n * n / r**2)

    def sparse(k: int) -> np.ndarray:
        return (np.argsort(rng.random((k, n)), axis=1) < r).astype(int)

    ones = sum(int(impl.store(sparse(s), sparse(s))[0, 0]) for _ in range(count))
    outcome = proportion(ctx, ones, count, fraction(), event=f"Θ_00 = 1 (n = {n}, r = {r}, s = {s})")
    outcome.evidence["exact P(Θ_ji = 1) at this n"] = round(1 - (1 - r * r / n**2) ** s, 5)
    return outcome


q = sympy.symbols("q", positive=True)


@TOPIC.claim(
    "willshaw.max_capacity_ln2",
    method="sympy",
    canonical=Formula(r"\max_q I / n^2 = \ln 2", lambda: sympy.log(2)),
    printed={"001": Printed(Formula(r"(\log 2) n^2 \approx 0.693 n^2", lambda: sympy.log(2)),
                            reading="I in bits; log 2 is the natural logarithm (0.693).")},
    uses_impl=False,
    references=(WILLSHAW,),
)
def max_capacity_ln2(ctx: Context, maximum: Formula) -> Outcome:
    """The Willshaw memory stores at most ln 2 bits per synapse.

    With a fraction q of synapses set, s r²/n² = -ln(1 - q); a spurious one has probability q^r,
    kept at 1/n by r = log n / log(1/q); the stored information s r log₂ n per n² synapses is then
    I(q) = ln(1/(1-q)) log₂(1/q), maximal at q = ½ (the unique stationary point), where it is ln 2.
    """
    information = sympy.log(1 / (1 - q)) * sympy.log(1 / q) / sympy.log(2)
    half = sympy.Rational(1, 2)
    slope_at_half = sympy.simplify(sympy.diff(information, q).subs(q, half))
    show(ctx, "I(q)", information)
    show(ctx, "I'(1/2)", slope_at_half)
    grid = np.linspace(0.001, 0.999, 999)
    argmax = float(grid[np.argmax(sympy.lambdify(q, information, "numpy")(grid))])
    if slope_at_half != 0 or abs(argmax - 0.5) > 1e-3:
        return Outcome(Verdict.REFUTED, {"argmax of I on a grid of (0, 1)": argmax},
                       reason="I(q) is not maximal at q = ½")
    return symbolic(ctx,
                    ("I(q) = ln(1/(1-q)) log₂(1/q) at its maximum q = ½", information.subs(q, half)),
                    ("stated maximum per synapse", maximum()))


TOPIC.not_checkable(
    "willshaw.capacity_upper_bound",
    title="Upper bound on the number of stored pairs",
    statement="s ≲ n²/(r log n): n² binary synapses cannot hold more than n² bits, and each pattern "
              "carries about r log n bits.",
    reason="an order-of-magnitude counting argument: '≤' here hides unstated constants and error "
           "tolerances (how many wrong bits retrieval may have), so no instance can contradict it; the "
           "exact version is willshaw.max_capacity_ln2 (ln 2 bits per synapse).",
)
