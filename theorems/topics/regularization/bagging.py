"""Bagging: how many distinct examples a bootstrap sample holds."""

from __future__ import annotations

import itertools

import sympy

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, all_of, for_each, symbolic, that

from . import TOPIC

DISTINCT_FRACTION = Formula(r"1-(1-\tfrac1n)^n", lambda n: 1 - (1 - sympy.Integer(1) / n) ** n)


@TOPIC.claim(
    "regularization.bootstrap_distinct_fraction",
    method="exhaustive",
    canonical=DISTINCT_FRACTION,
    printed={"001": Printed(Formula(r"\tfrac23", lambda n: sympy.Rational(2, 3)),
                            reading="'On average 2/3 distinct examples' read as the fraction 2/3 "
                                    "(for large samples).")},
    references=("Efron & Tibshirani (1993), An introduction to the bootstrap",
                "Breiman (1996), Bagging predictors"),
    uses_impl=False,
)
def bootstrap_distinct_fraction(ctx: Context, fraction: Formula) -> Outcome:
    """The expected fraction of distinct examples in a bootstrap sample

    Drawing n times with replacement from n examples, example j is missed with probability (1 - 1/n)^n, so the
    expected fraction of distinct examples is 1 - (1 - 1/n)^n: 3/4 for n = 2, decreasing to 1 - 1/e ≈ 0.632.
    Proved: the limit in SymPy, and the exact mean over all n^n samples for n = 1 … 6 (exact rationals).
    """
    n = sympy.Symbol("n", positive=True, integer=True)

    def mean_over_all_samples(size: int) -> Comparison:
        total = sum(len(set(draw)) for draw in itertools.product(range(size), repeat=size))
        exact, stated = sympy.Rational(total, size ** (size + 1)), sympy.nsimplify(fraction(sympy.Integer(size)))
        return that(exact == stated, label="mean distinct fraction over all n^n samples",
                    message=f"n = {size}: exact {exact} ≈ {float(exact):.4f}, stated {stated} ≈ {float(stated):.4f}")

    return all_of({
        "the limit n → ∞": symbolic(ctx, ("lim 1 - (1-1/n)^n", sympy.limit(fraction(n), n, sympy.oo)),
                                    ("1 - 1/e", 1 - sympy.exp(-1))),
        "every n ≤ 6": lambda: for_each(ctx, range(1, 7), mean_over_all_samples, domain_name="n = 1 … 6",
                                        complete=False),
    })
