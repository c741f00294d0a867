"""Ranges of the logistic function, softplus and ELU, and the definition of GELU.

A range (lo, hi) is proved from four facts: the limits at -∞ and +∞ are lo and hi, every value lies
strictly between them, and the function is continuous (so, by the intermediate value theorem, it
takes every value in between). In float64 the open ends are reached: σ(z) rounds to 1 for
z > 36.7 and to 0 below -745, softplus underflows to 0 below -745, ELU rounds to -1 below -37.4.
So the implementation is required to stay in the closed range everywhere, and strictly inside it
on the window where float64 can represent the gap (named in each claim).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

import numpy as np
import sympy

from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    at_least,
    at_most,
    close,
    for_all,
    for_each,
    show,
    that,
    within_tolerance,
)

from . import CLEVERT, HENDRYCKS, TOPIC
from .forms import DEFINITIONS, chain_holds, float_examples, formula, probability_above, probability_below
from .strategies import reals

oo = sympy.oo
Range = tuple[sympy.Expr, sympy.Expr]
Fact = tuple[str, Callable[[], bool]]


def range_holds(ctx: Context, stated: Range, method: str, branches: Sequence[tuple[sympy.Expr, sympy.Symbol]],
                strict: tuple[float, float]) -> Outcome:
    """The implementation's ``method`` stays in [lo, hi] on all float64 inputs up to ±1e300 and in
    (lo, hi) on the window ``strict``; then the range proved from the ``branches`` (the definition on
    z < 0 … z ≥ 0, each in a symbol carrying its sign; one branch for the whole line)."""
    impl = ctx.impl()
    lo, hi = stated

    def inside(x: np.ndarray) -> list[Comparison]:
        value, z0 = float(getattr(impl, method)(x)[0]), float(x[0])
        checks = [at_least(value, float(lo), label="value ≥ lo", rtol=0.0),
                  at_most(value, float(hi), label="value ≤ hi", rtol=0.0) if hi.is_finite
                  else that(np.isfinite(value), label="value is a real number",
                            message=f"{method}({z0!r}) = {value!r}")]
        if strict[0] <= z0 <= strict[1]:
            checks.append(that(float(lo) < value < float(hi), label=f"lo < value < hi for z in {list(strict)}",
                               message=f"{method}({z0!r}) = {value!r}"))
        return checks

    first, last = branches[0], branches[-1]
    facts: list[Fact] = [
        (r"\lim_{z\to-\infty} f(z) = lo", lambda: sympy.limit(first[0], first[1], -oo) == lo),
        (r"\lim_{z\to+\infty} f(z) = hi", lambda: sympy.limit(last[0], last[1], oo) == hi),
        *((f"f(z) - lo > 0 on branch {k + 1}", lambda e=e: sympy.simplify(e - lo).is_positive is True)
          for k, (e, _) in enumerate(branches)),
        *((f"hi - f(z) > 0 on branch {k + 1}", lambda e=e: sympy.simplify(hi - e).is_positive is True)
          for k, (e, _) in enumerate(branches) if hi.is_finite),
        *((f"branches {k + 1} and {k + 2} meet at 0", lambda a=a, b=b: sympy.simplify(a[0].subs(a[1], 0)
                                                                                       - b[0].subs(b[1], 0)) == 0)
          for k, (a, b) in enumerate(itertools.pairwise(branches))),
    ]

    def proved(fact: Fact) -> Comparison:
        return that(fact[1](), label=fact[0], message="SymPy does not establish it")

    def algebra() -> Outcome:
        for k, (e, s) in enumerate(branches):
            where = "u < 0" if s.is_negative else "u ≥ 0" if s.is_nonnegative else "u real"
            show(ctx, f"branch {k + 1}: f(u) for {where}", e)
        show(ctx, "stated range (lo, hi)", sympy.Interval.open(lo, hi))
        return for_each(ctx, facts, proved, domain_name="the facts that make the range (lo, hi)", complete=True,
                        describe=lambda fact: fact[0])

    return all_of({
        "float64": lambda: for_all(ctx, reals(), inside, describe=lambda x: float(x[0]),
                                   max_examples=float_examples(ctx)),
        "algebra": algebra,
    })


u = sympy.Symbol("u", real=True)
negative, nonnegative = sympy.Symbol("u", negative=True), sympy.Symbol("u", nonnegative=True)


@TOPIC.claim("activations.sigmoid_range", method="sympy", canonical=(sympy.Integer(0), sympy.Integer(1)),
             faithful=("002",))
def sigmoid_range(ctx: Context, stated: Range) -> Outcome:
    """The logistic function takes exactly the values in (0, 1).

    σ(z) = 1/(1 + e⁻ᶻ) ∈ (0, 1) for every real z, and every value in (0, 1) is taken. In float64
    the implementation is required strictly inside for -700 ≤ z ≤ 36.
    """
    return range_holds(ctx, stated, "sigmoid", [(DEFINITIONS.sigmoid(u), u)], strict=(-700.0, 36.0))


@TOPIC.claim("activations.softplus_range", method="sympy", canonical=(sympy.Integer(0), oo), faithful=("001",))
def softplus_range(ctx: Context, stated: Range) -> Outcome:
    """Softplus takes exactly the positive values.

    log(1 + eᵘ) ∈ (0, ∞) for every real u (here u = x·θ), and every positive value is taken. In
    float64 the implementation is required positive for u ≥ -700 (e⁻⁷⁴⁵ underflows to 0), and first to be
    softplus: equal, to 64 roundings of its value, to log(1 + eᵘ) evaluated without overflow as
    max(u, 0) + log1p(e^{-|u|}).
    """
    impl = ctx.impl()

    def definition(x: np.ndarray) -> Comparison:
        with np.errstate(all="ignore"):
            value = np.asarray(impl.softplus(x), dtype=float)
        expected = np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))
        return close(value, expected, label="softplus(u) = log(1 + eᵘ)", rtol=1e-9, atol=within_tolerance(expected))

    return all_of({
        "the implementation's softplus": lambda: for_all(ctx, reals(), definition, describe=lambda x: float(x[0]),
                                                         max_examples=float_examples(ctx)),
        "the range": lambda: range_holds(ctx, stated, "softplus", [(DEFINITIONS.softplus(u), u)],
                                         strict=(-700.0, np.inf)),
    })


@TOPIC.claim("activations.elu_range", method="sympy", canonical=(sympy.Integer(-1), oo), faithful=("001",),
             references=(CLEVERT,))
def elu_range(ctx: Context, stated: Range) -> Outcome:
    """The exponential linear unit takes exactly the values in (-1, ∞).

    ELU(u) = u for u ≥ 0 and eᵘ - 1 otherwise lies in (-1, ∞) and takes every value there. In
    float64 the implementation is required above -1 for u ≥ -36 (eᵘ - 1 rounds to -1 below -37.4).
    """
    branches = [(sympy.exp(negative) - 1, negative), (nonnegative, nonnegative)]
    return range_holds(ctx, stated, "elu", branches, strict=(-36.0, np.inf))


GELU_DEFINITION = formula(r"\mathrm{GELU}(z) = z\,\Phi(z)", lambda f, x: f.gelu(x))


@TOPIC.claim(
    "activations.gelu",
    method="sympy",
    canonical=formula(r"z\,P(Z \le z)", lambda _, x: x * probability_below(x)),
    printed={"000": Printed(formula(r"z\,P(z \le Z)", lambda _, x: x * probability_above(x)),
                            reading="As printed: the event is z ≤ Z, so the weight is P(Z ≥ z) = Φ(-z), the "
                                    "upper tail, where GELU uses the lower tail P(Z ≤ z) = Φ(z).")},
    references=(HENDRYCKS,),
)
def gelu(ctx: Context, stated: Formula) -> Outcome:
    """GELU weights its input by the probability that a standard normal lies below it.

    GELU(z) = z P(Z ≤ z) = z Φ(z), Z ~ N(0, 1) (Hendrycks & Gimpel 2016). Checked against the
    implementation's GELU on float64 z (to ε|z| in absolute terms: 1 + erf(z/√2) cancels for
    z < -8, so a float64 GELU, PyTorch's included, is only that exact in its negative tail), then
    proved with Φ as the integral of the normal density.
    """
    return chain_holds(ctx, (GELU_DEFINITION, stated), reals(), input_scaled=True,
                       simplify=lambda e: sympy.simplify(e.rewrite(sympy.erf)))

