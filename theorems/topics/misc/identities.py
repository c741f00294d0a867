"""Two counting identities (document 001:36, 001:98) and the fairness criteria (document 003:967), the
latter made checkable through the equivalences and the implication the definitions entail, on every joint
distribution of (A, Y, Ŷ) ∈ {0, 1}³ with probabilities in multiples of 1/6 (exact fractions)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from fractions import Fraction

import numpy as np
import sympy

from theorems.engine import Comparison, Context, Formula, Outcome, all_of, equal, for_each, symbolic, that

from . import BAROCAS, GRAHAM, HARDT, TOPIC


def square_of_sum_expansion(terms: list[sympy.Symbol]) -> sympy.Expr:
    """Σ_i a_i² + 2 Σ_{i<j} a_i a_j."""
    return sum(a**2 for a in terms) + 2 * sum(a * b for a, b in itertools.combinations(terms, 2))


@TOPIC.claim(
    "misc.square_of_sum",
    method="exhaustive",
    canonical=Formula(r"\sum_i a_i^2 + 2\sum_{i<j}a_i a_j", square_of_sum_expansion),
    faithful=("001",),
    references=(GRAHAM,),
    uses_impl=False,
)
def square_of_sum(ctx: Context, expansion: Formula) -> Outcome:
    """The square of a sum.

    (Σ_i a_i)² = Σ_i a_i² + 2 Σ_{i<j} a_i a_j: expanded with SymPy for symbolic a_1..a_n, n = 1..12 (each n a
    polynomial identity, proved; the claim for every n is the slice).
    """
    def prop(n: int) -> Comparison:
        terms = list(sympy.symbols(f"a1:{n + 1}"))
        return equal(sympy.expand(sum(terms) ** 2 - expansion(terms)), sympy.Integer(0),
                     label="(Σ a_i)² - expansion")

    return for_each(ctx, range(1, 13), prop, domain_name="n = 1..12", complete=False, describe=lambda n: {"n": n})


def binomial(n: int, k: int) -> int:
    """C(n, k), zero outside 0 ≤ k ≤ n (the convention Pascal's rule needs at the edges)."""
    return math.comb(n, k) if 0 <= k <= n else 0


@TOPIC.claim(
    "misc.pascal_rule",
    method="sympy",
    canonical=Formula(r"\binom{n-1}{k}+\binom{n-1}{k-1}", lambda choose, n, k: choose(n - 1, k) + choose(n - 1, k - 1)),
    faithful=("001",),
    references=(GRAHAM,),
    uses_impl=False,
)
def pascal_rule(ctx: Context, left: Formula) -> Outcome:
    """Pascal's rule.

    C(n-1, k) + C(n-1, k-1) = C(n, k): proved with SymPy for symbolic n, k (through the Γ function), and in
    exact integers for every 1 ≤ n ≤ 60 and -1 ≤ k ≤ n + 1 (C = 0 outside 0 ≤ k ≤ n).
    """
    n, k = sympy.symbols("n k", integer=True)
    return all_of({
        "symbolic": lambda: symbolic(ctx, (left.latex, left(sympy.binomial, n, k)),
                                     (r"\binom{n}{k}", sympy.binomial(n, k))),
        "exact": lambda: for_each(ctx, [(m, j) for m in range(1, 61) for j in range(-1, m + 2)],
                                  lambda case: equal(left(binomial, *case), binomial(*case), label="C(n, k)"),
                                  domain_name="1 ≤ n ≤ 60, -1 ≤ k ≤ n + 1", complete=False,
                                  describe=lambda case: {"n": case[0], "k": case[1]}),
    })


def joint_distributions(denominator: int = 6) -> Iterator[np.ndarray]:
    """Every pmf p[a, y, ŷ] on {0, 1}³ with entries in multiples of 1/``denominator``, as Fractions."""
    for cuts in itertools.combinations(range(denominator + 7), 7):
        counts = np.diff([-1, *cuts, denominator + 7]) - 1
        yield np.array([Fraction(int(c), denominator) for c in counts], dtype=object).reshape(2, 2, 2)


def independent(table: np.ndarray) -> bool:
    """Whether a 2-D joint pmf (rows: A, columns: Ŷ) factorises, P(a, ŷ) = P(a) P(ŷ), exactly."""
    total = table.sum()
    if total == 0:
        return True
    rows, cols = table.sum(axis=1), table.sum(axis=0)
    return all(table[i, j] * total == rows[i] * cols[j] for i in range(2) for j in range(2))


def criteria(p: np.ndarray) -> dict[str, bool]:
    """The three definitions as printed: Ŷ ⊥ A, Ŷ ⊥ A | Y, Ŷ ⊥ A | Y = 1 (on p[a, y, ŷ])."""
    return {"demographic parity": independent(p.sum(axis=1)),
            "equalized odds": independent(p[:, 0, :]) and independent(p[:, 1, :]),
            "equality of opportunity": independent(p[:, 1, :])}


def equal_rates(p: np.ndarray, y: int | None) -> bool:
    """P(Ŷ = 1 | A = a[, Y = y]) the same for every group a that has mass (the rate form of the criteria)."""
    table = p.sum(axis=1) if y is None else p[:, y, :]
    rates = {table[a, 1] / table[a].sum() for a in range(2) if table[a].sum() > 0}
    return len(rates) <= 1


CRITERIA = Formula(r"\hat Y\perp A;\ \hat Y\perp A\mid Y;\ \hat Y\perp A\mid Y=1", criteria)


@TOPIC.claim(
    "misc.fairness_criteria",
    method="exhaustive",
    canonical=CRITERIA,
    faithful=("003",),
    references=(HARDT, BAROCAS),
    uses_impl=False,
)
def fairness_criteria(ctx: Context, definitions: Formula) -> Outcome:
    """Demographic parity, equalized odds and equality of opportunity.

    For a protected attribute A, target Y and prediction Ŷ (all binary): demographic parity Ŷ ⊥ A, equalized
    odds Ŷ ⊥ A | Y, equality of opportunity Ŷ ⊥ A | Y = 1. The definitions entail their rate forms (equal
    positive rates across groups; equal true- and false-positive rates; equal true-positive rates) and
    equalized odds ⇒ equality of opportunity; checked on all 1716 joint distributions of (A, Y, Ŷ) with
    probabilities in multiples of 1/6. Neither of demographic parity and equalized odds implies the other:
    a witness of each non-implication is found on the grid.
    """
    def prop(p: np.ndarray) -> list[Comparison]:
        held = definitions(p)
        return [equal(held["demographic parity"], equal_rates(p, None), label="Ŷ ⊥ A ⇔ equal P(Ŷ=1 | A)"),
                equal(held["equalized odds"], equal_rates(p, 0) and equal_rates(p, 1),
                      label="Ŷ ⊥ A | Y ⇔ equal TPR and FPR"),
                equal(held["equality of opportunity"], equal_rates(p, 1), label="Ŷ ⊥ A | Y=1 ⇔ equal TPR"),
                that(held["equality of opportunity"] or not held["equalized odds"], label="EO ⇒ EOpp",
                     message="equalized odds holds but equality of opportunity does not")]

    grid = list(joint_distributions())
    held = [definitions(p) for p in grid]

    def witness(premise: str, conclusion: str) -> Comparison:
        found = sum(h[premise] and not h[conclusion] for h in held)
        return that(found > 0, label=f"{premise} ⇏ {conclusion}",
                    message=f"{found} distributions on the grid satisfy {premise} but not {conclusion}")

    return all_of({
        "definitions": lambda: for_each(ctx, grid, prop, domain_name="pmfs on {0,1}³ in multiples of 1/6",
                                        complete=False, describe=lambda p: [[[str(v) for v in r] for r in m]
                                                                            for m in p]),
        "independence of the criteria": lambda: for_each(
            ctx, [("demographic parity", "equalized odds"), ("equalized odds", "demographic parity")],
            lambda pair: witness(*pair), domain_name="both directions", complete=True),
    })
