"""The 1/√d_k scaling of the scores: the scale an implementation uses, read off its attention weights,
and the unit variance of q·k/√d_k for Gaussian q and k, by an exact χ² test.

An implementation exposes its scores only through the softmax. With one extra key equal to 0 (score 0),
log a_{s,t} - log a_{s,0} = β q_s·k_t exactly: the score of every other key is recovered from the
weights, and β with it.
"""

from __future__ import annotations

import numpy as np
import sympy
from hypothesis import strategies as st

from theorems import stats
from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    close,
    decide,
    for_all,
    symbolic,
    within_tolerance,
)

from . import TOPIC, VASWANI
from .strategies import matrices

BETA = Formula(r"\beta = 1/\sqrt{d_k}", lambda d: 1 / np.sqrt(d))


def scores(impl: object, q: np.ndarray, k: np.ndarray) -> np.ndarray:
    """The implementation's scores β q_s·k_t (T_q×T_k), recovered from its weights with a zero key appended."""
    a = impl.attention_weights(q, np.vstack([k, np.zeros(k.shape[1])]))  # type: ignore[attr-defined]
    with np.errstate(divide="ignore"):
        return np.log(a[:, :-1]) - np.log(a[:, -1:])


@st.composite
def query_key(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    """One query and one key (1×d each, d in 1..16)."""
    d = draw(st.integers(1, 16))
    q, k = draw(matrices(1, d)), draw(matrices(1, d))
    return q, k


@TOPIC.claim(
    "attention.scaling_factor",
    method="property",
    canonical=BETA,
    faithful=("000", "003"),
    printed={"001": Printed(BETA, reading="φ(ξ, x) = ξ·x/√m with ξ, x ∈ ℝⁿ: the line above requires m = n for "
                                          "the dot product, so √m is the square root of the key dimension")},
    references=(VASWANI,),
)
def scaling_factor(ctx: Context, stated: Formula) -> Outcome:
    """The scores are scaled by 1/√d_k.

    Scaled dot-product attention uses the scores β q·k with β = 1/√d_k, d_k the dimension of queries
    and keys (usually written β = 1/√q or 1/√n). The implementation's β is recovered from its weights
    (the module docstring) on queries and keys with |q·k| ≥ 1 and compared with the stated β.
    """
    impl = ctx.impl()

    def scale(case: tuple[np.ndarray, np.ndarray]) -> Comparison:
        q, k = case
        dot = float((q @ k.T)[0, 0])
        score = float(scores(impl, q, k)[0, 0])
        return close(score / dot, stated(q.shape[1]), label=stated.latex, rtol=0.0,
                     atol=within_tolerance(score, 1.0) / abs(dot))

    strategy = query_key().filter(lambda case: abs(float((case[0] @ case[1].T)[0, 0])) >= 1)
    return for_all(ctx, strategy, scale, describe=lambda c: {"q": c[0].tolist(), "k": c[1].tolist()})


DIM = 16
"""The query/key dimension of the variance test (the conditional test below is exact for every d)."""


@TOPIC.claim("attention.unit_variance_scaling", method="statistical", faithful=("001",), references=(VASWANI,))
def unit_variance_scaling(ctx: Context) -> Outcome:
    """The scaled score has unit variance.

    For q, k ∈ ℝ^d with i.i.d. N(0, 1) entries, Var(q·k) = Σᵢ E[qᵢ²]E[kᵢ²] = d, so q·k/√d has variance 1
    (Vaswani et al. 2017, footnote 4). Two parts: (1) given k, the score s = q·k/√d is exactly
    N(0, ‖k‖²/d), so z = s√d/‖k‖ is i.i.d. N(0, 1): an exact two-sided χ²_N test of Var z = 1 on the
    implementation's scores (recovered from its weights) at this check's level, with its power stated;
    (2) SymPy: Var s = E[Var(s | k)] = E‖k‖²/d = 1.
    """
    n = ctx.scaled(2000)
    rng = ctx.rng()
    q, k = rng.standard_normal((2, n, DIM))
    s = np.diag(scores(ctx.impl(), q, k))
    z = s * np.sqrt(DIM) / np.linalg.norm(k, axis=1)

    i, d = sympy.symbols("i d", integer=True, positive=True)
    expectation = sympy.Sum(sympy.Integer(1) * sympy.Integer(1), (i, 1, d)) / d  # E[q_i²] E[k_i²] = 1 · 1
    return all_of({
        "χ² test of the scores": decide(
            ctx, stats.chi2_variance_p_value(z, 0.0, 1.0),
            test=f"exact two-sided χ²_{n} test that s√d/‖k‖ ~ N(0, 1), i.e. Var(q·k/√d | k) = ‖k‖²/d (d = {DIM})",
            detectable=f"Var(s)/1 off by a relative {stats.variance_detectable(n, ctx.alpha):.3g}",
            evidence={"samples": n, "d": DIM, "sample variance of s": float(np.mean(s**2)),
                      "sample variance of z": float(np.mean(z**2))},
        ),
        "expectation": lambda: symbolic(ctx, ("Var(q·k/√d) = Σᵢ E[qᵢ²] E[kᵢ²] / d", expectation),
                                        ("1", sympy.Integer(1))),
    })
