"""Cauchy–Schwarz and Hölder: each printed chain a ≤ b ≤ c checked on real and complex vectors with the
search pushed to its tightest instance (``hypothesis.target``), the sum form of Cauchy–Schwarz proved through
Lagrange's identity, and Hölder's equality condition checked on the vectors that satisfy it."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
import sympy
from hypothesis import strategies as st

from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    at_most,
    close,
    for_all,
    symbolic,
    within_tolerance,
)

from . import HARDY, TOPIC
from .strategies import EXAMPLES, vector_pairs, vectors


def ordered(ctx: Context, strategy: object, chain: Sequence[Formula], describe: object) -> Outcome:
    """``e₀(x) ≤ e₁(x) ≤ …`` on every generated ``x``, each step to the rounding of its two sides."""
    def prop(x: tuple[object, ...]) -> list[Comparison]:
        values = [float(e(*x)) for e in chain]
        return [at_most(a, b, label=f"{ea.latex} ≤ {eb.latex}", atol=within_tolerance(a, b, operations=256))
                for (ea, a), (eb, b) in itertools.pairwise(zip(chain, values, strict=True))]

    return for_all(ctx, strategy, prop, describe=describe, max_examples=ctx.scaled(2 * EXAMPLES))  # type: ignore[arg-type]


def pairs() -> object:
    """Real and complex (u, v), near-parallel half the time."""
    return st.one_of(vector_pairs(), vector_pairs(complex_=True))


def _show(u: np.ndarray) -> object:
    return [str(x) for x in u] if np.iscomplexobj(u) else u.tolist()


def describe_pair(x: tuple[np.ndarray, np.ndarray]) -> dict[str, object]:
    return {"u": _show(x[0]), "v": _show(x[1])}


ZERO = Formula("0", lambda u, v: 0.0)
ABS_INNER = Formula(r"|\langle u, v\rangle|", lambda u, v: abs(np.vdot(u, v)))
RE_INNER = Formula(r"\langle u, v\rangle", lambda u, v: np.vdot(u, v).real)
NORMS = Formula(r"\|u\|\|v\|", lambda u, v: np.linalg.norm(u) * np.linalg.norm(v))
REAL_READING = "a real inner product space; on complex vectors ⟨u, v⟩ is read as Re⟨u, v⟩ (a real number)"


@TOPIC.claim(
    "linalg.cauchy_schwarz",
    method="property",
    canonical=(ABS_INNER, NORMS),
    printed={
        "001": Printed((RE_INNER, NORMS), reading="vᵀu ≤ ‖v‖₂‖u‖₂ without the absolute value: weaker than the "
                                                  "canonical form, " + REAL_READING),
        "002": Printed((RE_INNER, ABS_INNER, NORMS),
                       reading="the OCR dropped the bars: '⟨u,v⟩ ≤ ⟨u,v⟩ ≤ ‖u‖‖v‖' read as ⟨u,v⟩ ≤ |⟨u,v⟩| ≤ ‖u‖‖v‖"),
        "004": Printed((RE_INNER, NORMS), reading="⟨u,v⟩ ≤ ‖u‖‖v‖ without the absolute value: " + REAL_READING),
    },
    uses_impl=False,
    references=(HARDY,),
)
def cauchy_schwarz(ctx: Context, chain: Sequence[Formula]) -> Outcome:
    """The Cauchy–Schwarz inequality.

    |⟨u, v⟩| ≤ ‖u‖ ‖v‖ for all u, v in a real or complex inner-product space (⟨u, v⟩ = Σ ūᵢvᵢ), with equality
    iff u, v are parallel. Checked on real and complex vectors, near-parallel ones half the time, the search
    pushed towards equality.
    """
    return ordered(ctx, pairs(), chain, describe_pair)


@TOPIC.claim(
    "linalg.cauchy_schwarz_nonnegative",
    method="property",
    canonical=(ZERO, ABS_INNER, NORMS),
    printed={"004": Printed((ZERO, RE_INNER, NORMS),
                            reading="as printed, 0 ≤ ⟨u,v⟩ without the absolute value (document 002 prints the same "
                                    "line, where the bars were evidently lost by OCR)")},
    uses_impl=False,
    references=(HARDY,),
)
def cauchy_schwarz_nonnegative(ctx: Context, chain: Sequence[Formula]) -> Outcome:
    """0 ≤ |⟨u, v⟩| ≤ ‖u‖ ‖v‖.

    The absolute value of the inner product lies between 0 and the product of the norms; the inner product
    itself can be negative (u = -v). Checked on real and complex vectors.
    """
    return ordered(ctx, pairs(), chain, describe_pair)


SUMS = (Formula(r"\left(\sum_i x_i y_i\right)^2", lambda x, y: sum(a * b for a, b in zip(x, y, strict=True)) ** 2),
        Formula(r"\sum_i x_i^2 \sum_i y_i^2", lambda x, y: sum(a * a for a in x) * sum(b * b for b in y)))


@TOPIC.claim("linalg.cauchy_schwarz_sums", method="sympy", canonical=SUMS, faithful=("002", "004"),
             uses_impl=False, references=(HARDY,))
def cauchy_schwarz_sums(ctx: Context, sides: Sequence[Formula]) -> Outcome:
    """(Σ xᵢyᵢ)² ≤ (Σ xᵢ²)(Σ yᵢ²).

    Lagrange's identity (Σxᵢ²)(Σyᵢ²) - (Σxᵢyᵢ)² = Σ_{i<j} (xᵢyⱼ - xⱼyᵢ)² ≥ 0, proved with SymPy for n = 4, and
    the inequality checked in float64 on real vectors of length 1 … 6 (near-parallel ones half the time).
    """
    x, y = sympy.symbols("x_1:5", real=True), sympy.symbols("y_1:5", real=True)
    lagrange = sum((x[i] * y[j] - x[j] * y[i]) ** 2 for i, j in itertools.combinations(range(4), 2))
    lhs, rhs = sides
    return all_of({
        "Lagrange identity": lambda: symbolic(ctx, (f"{rhs.latex} - {lhs.latex}", rhs(x, y) - lhs(x, y)),
                                              (r"\sum_{i<j}(x_i y_j - x_j y_i)^2", lagrange), simplify=sympy.expand),
        "float64": lambda: ordered(ctx, vector_pairs(), sides, describe_pair),
    })


def dual(p: float) -> float:
    """p* with 1/p + 1/p* = 1 (1* = ∞, ∞* = 1)."""
    return np.inf if p == 1 else 1.0 if np.isinf(p) else p / (p - 1)


HOLDER = (Formula(r"v^\top u", lambda v, u, p: float(v @ u)),
          Formula(r"\|v \circ u\|_1", lambda v, u, p: float(np.sum(np.abs(v * u)))),
          Formula(r"\|v\|_p \|u\|_{p^*}", lambda v, u, p: np.linalg.norm(v, p) * np.linalg.norm(u, dual(p))))


@TOPIC.claim("linalg.holder_inequality", method="property", canonical=HOLDER, faithful=("001",), uses_impl=False,
             references=(HARDY,))
def holder_inequality(ctx: Context, chain: Sequence[Formula]) -> Outcome:
    """Hölder's inequality.

    vᵀu ≤ Σᵢ|vᵢuᵢ| ≤ ‖v‖_p ‖u‖_{p*} for 1 ≤ p ≤ ∞ and 1/p + 1/p* = 1 (the printed middle term ‖vᵀu‖₁ read as the
    1-norm of the element-wise product v ∘ u). Checked for p = 1, p = ∞ and p ∈ [1.01, 10] on real vectors.
    """
    exponents = st.one_of(st.just(1.0), st.just(np.inf), st.floats(1.01, 10.0))
    cases = st.tuples(vector_pairs(), exponents).map(lambda c: (c[0][1], c[0][0], c[1]))
    return ordered(ctx, cases, chain, lambda c: {"v": c[0].tolist(), "u": c[1].tolist(), "p": c[2]})


EQUALITY_CASE = Formula(r"|v|^p = \gamma |u|^{p^*}", lambda u, p, gamma: (gamma * np.abs(u) ** dual(p)) ** (1 / p))


@TOPIC.claim(
    "linalg.holder_equality_condition",
    method="property",
    canonical=EQUALITY_CASE,
    printed={"001": Printed(Formula(r"|v|^p = \gamma |u|^p", lambda u, p, gamma: (gamma * np.abs(u) ** p) ** (1 / p)),
                            reading="as printed: |vᵢ|^p = γ|uᵢ|^p, the exponent of |u| being p instead of p*")},
    uses_impl=False,
    references=(HARDY,),
)
def holder_equality_condition(ctx: Context, condition: Formula) -> Outcome:
    """Equality in Hölder's inequality.

    For 1 < p < ∞: if |vᵢ|^p = γ|uᵢ|^{p*} for all i (some γ ≥ 0), then Σ|vᵢuᵢ| = ‖v‖_p ‖u‖_{p*}
    (Hardy, Littlewood & Pólya, Thm. 13). Checked on v built from u by the stated condition, for p ∈ [1.1, 8]
    and γ ∈ [0.1, 10], to 64 n roundings of the two sides.
    """
    def prop(case: tuple[np.ndarray, float, float]) -> Comparison:
        u, p, gamma = case
        v = condition(u, p, gamma) * np.sign(u)
        left, right = float(np.sum(np.abs(v * u))), np.linalg.norm(v, p) * np.linalg.norm(u, dual(p))
        return close(left, right, label="‖v ∘ u‖₁ = ‖v‖_p ‖u‖_{p*}", rtol=0.0,
                     atol=within_tolerance(left, right, operations=64 * len(u)))

    cases = st.tuples(vectors(), st.floats(1.1, 8.0), st.floats(0.1, 10.0))
    return for_all(ctx, cases, prop, describe=lambda c: {"u": c[0].tolist(), "p": c[1], "γ": c[2],
                                                          "v": (condition(*c) * np.sign(c[0])).tolist()},
                   max_examples=ctx.scaled(EXAMPLES))
