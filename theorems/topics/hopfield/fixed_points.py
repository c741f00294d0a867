"""A given stored pattern as a fixed point: McEliece, Posner, Rodemich & Venkatesh's sharp threshold
s = n/(2 ln n), decided on the exact law of the crosstalk and in simulated networks."""

from __future__ import annotations

import itertools
import math

import numpy as np
from scipy import stats as sps

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, Verdict, decide, for_each, that
from theorems.engine.typed import TypedForm, numeric, quantity
from theorems.stats import binomial_one_sided_detectable, binomial_p_value

from . import MAX_SWEEPS, TOPIC
from .strategies import random_orders, random_patterns

MCELIECE = "McEliece, Posner, Rodemich & Venkatesh (1987), The capacity of the Hopfield associative memory"


def unit_instability(n: int, s: int) -> float:
    """Exact P(unit i of stored pattern 1 is unstable) under Hebbian weights with zero diagonal.

    x_i^1 h_i = (n - 1) + S with S a sum of (s - 1)(n - 1) independent ±1 terms; unstable iff
    S < -(n - 1) (h_i = 0 keeps the unit). With S = 2B - N, B ~ Bin(N, ½): B < (N - n + 1)/2.
    """
    N = (s - 1) * (n - 1)
    return float(sps.binom.cdf(math.ceil((N - n + 1) / 2) - 1, N, 0.5)) if N else 0.0


def expected_unstable(n: int, s: int) -> float:
    return n * unit_instability(n, s)


UNITS = quantity("n", "n", "the number of units", "N", integer=True, positive=True)
TYPED_RETRIEVAL = TypedForm(
    quantity("s", "s", "the number of stored random patterns", "P", "p"), r"\le", r"\frac{n}{2 \ln n}", (UNITS,),
    lambda rhs, latex: Formula(latex, numeric(rhs, UNITS.symbol)),
)


@TOPIC.claim(
    "hopfield.high_prob_retrieval",
    method="statistical",
    canonical=Formula(r"s \le \frac{n}{2 \ln n}", lambda n: n / (2 * math.log(n))),
    printed={"003": Printed(Formula(r"s \le \frac{n}{2 \log_2 n}", lambda n: n / (2 * math.log2(n))),
                            reading="the sharp threshold for a given pattern to be retrieved (be a fixed point) "
                                    "w.h.p.")},
    depends=("hopfield.hebbian_weights",),
    references=(MCELIECE,),
    typed=TYPED_RETRIEVAL,
)
def high_prob_retrieval(ctx: Context, threshold: Formula) -> Outcome:
    """A given stored pattern is a fixed point w.h.p. iff s ≤ n/(2 ln n).

    McEliece et al. (1987): with s = c n/ln n, the expected number of unstable units of a stored
    pattern → 0 for c < ½ and → ∞ for c > ½. Decided on the exact single-unit law (sums of ±1
    crosstalk terms) for n = 10³ … 10⁹ at 0.8 and 1.25 times the stated load; the stated load is then
    checked to give a fixed point w.p. ≥ ½ in simulated networks (exact binomial test).
    """
    impl = ctx.impl()
    sizes = [10**k for k in range(3, 10)]

    def trend(kappa: float) -> Comparison:
        expected = [expected_unstable(n, max(1, round(kappa * threshold(n)))) for n in sizes]
        rises = all(b > a for a, b in itertools.pairwise(expected))
        falls = all(b < a for a, b in itertools.pairwise(expected))
        ok = falls if kappa < 1 else rises
        return that(ok, label=f"E[unstable units] at {kappa} × the stated load",
                    message=f"for n = 1e3 … 1e9: {[f'{e:.3g}' for e in expected]} "
                            f"(should {'fall to 0' if kappa < 1 else 'grow'})")

    sharp = for_each(ctx, (0.8, 1.25), trend, domain_name="κ ∈ {0.8, 1.25}, n = 10³ … 10⁹", complete=False)
    if sharp.verdict is not Verdict.HOLDS:
        return sharp
    rng = ctx.rng(stream=5)
    n, count = 1024, ctx.scaled(60)
    s = max(1, round(threshold(n)))
    patterns = random_patterns(rng, count, s, n)
    final = impl.retrieve(patterns, patterns[:, :1], random_orders(rng, count, 1, n), max_sweeps=MAX_SWEEPS)
    fixed = int(np.sum(np.all(final[:, 0] == patterns[:, 0], axis=1)))
    if ctx.is_canonical:
        plot_fixed_point_probability(ctx, rng)
    return decide(
        ctx, binomial_p_value(fixed, count, 0.5, "less"),
        test=f"exact one-sided binomial test, H0: P(pattern 1 is a fixed point at n = {n}, s = {s}) ≥ ½",
        detectable=f"P(fixed point) ≤ ½ - {binomial_one_sided_detectable(count, ctx.alpha):.2f}",
        evidence={**sharp.evidence, "fixed points": f"{fixed}/{count}", "n": n, "s": s,
                  "exact E[unstable units] at (n, s)": expected_unstable(n, s)},
        counterexample={"n": n, "s": s, "fixed points": [fixed, count]},
    )


def plot_fixed_point_probability(ctx: Context, rng: np.random.Generator, count: int = 40) -> None:
    """P(pattern 1 stable) against c = s/(n/ln n), simulated (fields of pattern 1 only) and exact-law."""
    loads = np.array([0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0])
    rows = []
    with ctx.figure("P(a stored pattern is a fixed point) against s/(n/ln n)") as (_, ax):
        for n in (128, 512, 2048):
            fractions = []
            for c in loads:
                s = max(1, round(c * n / math.log(n)))
                X = random_patterns(rng, count, s, n).astype(np.float32)
                x1 = X[:, 0]
                field = np.einsum("gs,gsn->gn", np.einsum("gsn,gn->gs", X, x1), X) - s * x1
                stable = int(np.sum(np.all(x1 * field >= 0, axis=1)))
                fractions.append(stable / count)
                rows.append([n, c, s, f"{stable}/{count}", f"{expected_unstable(n, s):.3g}"])
            ax.plot(loads, fractions, marker="o", label=f"n = {n}")
        ax.axvline(0.5, color="grey", linestyle="--", label="s = n/(2 ln n)")
        ax.axvline(0.5 * math.log(2), color="grey", linestyle=":", label="s = n/(2 log₂ n)")
        ax.set_xlabel("s / (n / ln n)")
        ax.set_ylabel("P(fixed point)")
        ax.legend(fontsize=7)
    ctx.table("A stored pattern as a fixed point", ["n", "s/(n/ln n)", "s", "fixed points", "exact E[unstable units]"],
              rows)
