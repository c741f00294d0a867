"""Cover's recurrence C(s+1,n) = C(s,n) + C(s,n-1), proved symbolically from Pascal's rule."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import sympy

from theorems.engine import Context, Formula, Outcome, Verdict, all_of, symbolic

from . import COVER, TOPIC
from .counting import cover_count

s_, n_, k_ = sympy.symbols("s n k", integer=True)


def symbolic_count(s: Any, n: Any) -> sympy.Expr:
    """C(s, n) as an unevaluated SymPy sum, for symbolic s and n."""
    return 2 * sympy.Sum(sympy.binomial(s - 1, k_), (k_, 0, n - 1))


def align_upper_limits(expr: sympy.Expr) -> sympy.Expr:
    """Rewrite every sum Σ_{k=a}^{b} f(k) as Σ_{k=a}^{b₀} f(k) + f(b₀+1) + ... + f(b), where b₀ is the
    lowest upper limit in ``expr`` (all upper limits must differ by integers); same-range sums
    then combine and cancel."""
    sums = list(expr.atoms(sympy.Sum))
    if not sums:
        return expr
    lowest = min((s.limits[0][2] for s in sums), key=lambda b: (b - sums[0].limits[0][2]))
    replacements = {}
    for total in sums:
        (k, a, b), = total.limits
        extra = int(b - lowest)
        replacements[total] = sympy.Sum(total.function, (k, a, lowest)) + sum(
            total.function.subs(k, lowest + j) for j in range(1, extra + 1))
    return expr.xreplace(replacements)


def integer_counterexample(
    left: Callable[[int, int], int], right: Callable[[int, int], int], s_range: range, n_range: range
) -> dict[str, Any] | None:
    """The first integer (s, n) where the two sides differ (the engine's rational witnesses do not
    apply to identities between sums with symbolic integer bounds)."""
    for n, s in itertools.product(n_range, s_range):
        if left(s, n) != right(s, n):
            return {"s": s, "n": n, "left": left(s, n), "right": right(s, n)}
    return None


RECURRENCE = Formula(r"C(s+1,n)=C(s,n)+C(s,n-1)", lambda C, s, n: C(s, n) + C(s, n - 1))


@TOPIC.claim(
    "cover.recurrence",
    method="sympy",
    canonical=RECURRENCE,
    faithful=("001",),
    depends=("cover.counting_function",),
    references=(COVER,),
    uses_impl=False,
)
def recurrence(ctx: Context, rhs: Formula) -> Outcome:
    """Cover's recurrence, from Pascal's rule.

    For every n ≥ 1 and every s, C(s+1,n) = C(s,n) + C(s,n-1) with C(s,n) = 2 Σ_{k<n} binom(s-1,k)
    (Cover 1965). Proved by induction on n with symbolic s: D(n) = C(s+1,n) - C(s,n) - C(s,n-1) has
    D(1) = 0, and D(n+1) - D(n) reduces to Pascal's rule binom(s,n) = binom(s-1,n) + binom(s-1,n-1).
    """
    witness = integer_counterexample(lambda s, n: cover_count(s + 1, n), lambda s, n: rhs(cover_count, s, n),
                                     range(1, 13), range(1, 9))
    if witness is not None:
        return Outcome(Verdict.REFUTED, {"searched": "integers 1 ≤ s ≤ 12, 1 ≤ n ≤ 8"}, witness,
                       reason=f"C({witness['s'] + 1},{witness['n']}) = {witness['left']} but the right side "
                              f"is {witness['right']}")

    def gap(n: Any) -> sympy.Expr:
        return symbolic_count(s_ + 1, n) - rhs(symbolic_count, s_, n)

    base = symbolic(ctx, ("D(1)", gap(1)), ("sums evaluated", gap(1).doit()), ("zero", sympy.Integer(0)),
                    simplify=lambda e: sympy.simplify(e.doit()))
    step = gap(n_ + 1) - gap(n_)
    induction = symbolic(
        ctx,
        ("D(n+1) - D(n)", step), ("upper limits aligned: only the top terms remain", align_upper_limits(step)),
        ("Pascal's rule", sympy.Integer(0)),
        simplify=lambda e: sympy.simplify(align_upper_limits(e)),
    )
    return all_of({"base case": base, "induction step": induction})
