"""Uniform deviations of threshold classifiers: the VC inequality and the VC generalisation bound, exactly.

For the classifiers f_t(x) = 1[x ≤ t] with x ∼ U(0, 1) and label 0, the risk of f_t is t and its
empirical risk on n draws is the empirical distribution function Fₙ(t). The worst deviation over the
class is a Kolmogorov–Smirnov statistic: sup_t |Fₙ(t) - t| = Dₙ (two-sided, law ``scipy.stats.kstwo``)
and sup_t (t - Fₙ(t)) = Dₙ⁻ (one-sided, the law of Dₙ⁺, ``scipy.stats.ksone``). So the probability on
the left of each bound is computed exactly, not estimated, and compared with the bound on every
generated (n, ε) or (n, δ). The class has VC dimension 1 and S_F(n) = n + 1, the Sauer–Shelah sum,
which the implementation under test provides.
"""

from __future__ import annotations

import math

from hypothesis import strategies as st
from scipy.stats import ksone, kstwo

from theorems.engine import Context, Formula, Outcome, Printed, all_of, bound, identity

from . import BOUSQUET, TOPIC, VAPNIK
from .strategies import confidences, deviations, sample_sizes, thresholds


def threshold_growth(ctx: Context, n: int) -> int:
    """S_F(n) of the thresholds: the Sauer–Shelah sum at their VC dimension (computed on 3 points), n + 1."""
    impl = ctx.impl()
    return impl.sauer_bound(impl.vc_dimension(thresholds(3)), n)


VC_INEQUALITY = Formula(r"8\,S_F(s)\,e^{-s\varepsilon^2/32}",
                        lambda growth, s, eps: 8 * growth * math.exp(-s * eps**2 / 32))


@TOPIC.claim(
    "slt.vc_inequality",
    method="property",
    canonical=VC_INEQUALITY,
    printed={"000": Printed(VC_INEQUALITY, reading="|F(s)| is read as the shatter coefficient S_F(s) (the number "
                                                   "of patterns F cuts out on s points), as the catalogue does.")},
    references=(VAPNIK,),
)
def vc_inequality(ctx: Context, stated: Formula) -> Outcome:
    """The VC inequality.

    P(sup_{f∈F} |Ê(f) - E(f)| > ε) ≤ 8 S_F(s) e^{-sε²/32} for s i.i.d. samples (Devroye, Györfi & Lugosi
    1996, Thm 12.5). For thresholds on U(0, 1) the left side is P(D_s > ε), computed exactly from the
    Kolmogorov–Smirnov law, for s up to 20 000 and ε in [0.001, 1].
    """
    return bound(ctx, st.tuples(sample_sizes(), deviations()),
                 lambda case: float(kstwo.sf(case[1], case[0])),
                 lambda case: stated(threshold_growth(ctx, case[0]), case[0], case[1]),
                 label="P(sup_f |Ê - E| > ε) ≤ bound", describe=lambda case: {"s": case[0], "ε": case[1]})


@TOPIC.claim(
    "slt.vc_generalization_bound",
    method="property",
    canonical=Formula(r"2\sqrt{2\,\frac{\log S_F(2n) + \log\frac{2}{\delta}}{n}}",
                      lambda growth_2n, n, delta: 2 * math.sqrt(2 * (math.log(growth_2n) + math.log(2 / delta)) / n)),
    faithful=("001",),
    references=(BOUSQUET,),
)
def vc_generalization_bound(ctx: Context, stated: Formula) -> Outcome:
    """The Vapnik–Chervonenkis generalisation bound.

    With probability ≥ 1 - δ, for all f ∈ F: R(f) ≤ Rₙ(f) + 2√(2 (log S_F(2n) + log(2/δ))/n) (Bousquet,
    Boucheron & Lugosi 2004, Thm 3). For thresholds the failure probability is P(Dₙ⁻ > radius), computed
    exactly (``ksone``), and compared with δ for n up to 20 000 and δ log-uniform in [1e-12, 1). The
    canonical variant takes the radius from the implementation under test, after checking that it is the
    stated radius: equal to the formula, evaluated here, for every growth S_F(2n) up to 10⁹, n and δ.
    """
    radius = ctx.impl().vc_radius if ctx.is_canonical else stated

    def coverage() -> Outcome:
        return bound(ctx, st.tuples(sample_sizes(), confidences()),
                     lambda case: float(ksone.sf(radius(threshold_growth(ctx, 2 * case[0]), case[0], case[1]),
                                                 case[0])),
                     lambda case: case[1],
                     label="P(∃f: R(f) > Rₙ(f) + radius) ≤ δ", describe=lambda case: {"n": case[0], "δ": case[1]})

    if not ctx.is_canonical:
        return coverage()
    return all_of({
        "the implementation's radius is the stated one": lambda: identity(
            ctx, st.tuples(st.integers(1, 10**9), sample_sizes(), confidences()),
            lambda case: radius(*case), lambda case: stated(*case), label=f"vc_radius(S_F(2n), n, δ) = {stated.latex}",
            describe=lambda case: {"S_F(2n)": case[0], "n": case[1], "δ": case[2]}),
        "the bound": coverage,
    })


