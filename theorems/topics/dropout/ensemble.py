"""Dropout as an ensemble: the law of the masks, the keep probability and inverted scaling of the
implementation, weight scaling at inference, and the geometric-mean ensemble of softmax regression."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
from scipy.special import expit, logsumexp, softmax

from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    close,
    equal,
    for_all,
    for_each,
    within_tolerance,
)
from theorems.stats import binomial_detectable, binomial_p_value
from theorems.topics.init.samples import Test, combined, hoeffding_test

from . import GOODFELLOW, SRIVASTAVA, TOPIC
from .strategies import SoftmaxRegression, keep_vectors, regressions

DROP = 0.3
"""The drop probability p of the Monte-Carlo checks: p ≠ ½, so that keeping with probability p instead of
1 - p changes every mean."""


def masks(units: int) -> list[tuple[int, ...]]:
    """Every mask b ∈ {0, 1}^R."""
    return list(itertools.product((0, 1), repeat=units))


MASK_LAW = Formula(r"p(b) = \prod_i \varphi_i^{b_i}(1-\varphi_i)^{1-b_i}",
                   lambda b, phi: math.prod(f if bit else 1 - f for bit, f in zip(b, phi, strict=True)))


def seeded(ctx: Context) -> int:
    return int(ctx.rng().integers(2**31))


@TOPIC.claim(
    "dropout.ensemble_mixture",
    method="statistical",
    canonical=MASK_LAW,
    printed={
        "000": Printed(MASK_LAW, reading="As printed, with φᵢ the probability of keeping unit i (line 664)."),
        "001": Printed(MASK_LAW, reading="Prints the mixture over zeroing masks Z without p(Z); the keep "
                                         "probabilities π_i^l of the next line give it the product form of 000."),
    },
    references=(SRIVASTAVA,),
)
def ensemble_mixture(ctx: Context, law: Formula) -> Outcome:
    """Dropout realises the ensemble p(y|x) = Σ_b p(b) p(y|x; b) of its 2^R masked networks.

    The masks are independent Bernoulli keeps, p(b) = ∏ φᵢ^bᵢ (1 - φᵢ)^(1-bᵢ): a distribution on
    {0, 1}^R whose unit i is kept with probability φᵢ (checked in exact arithmetic). The
    implementation's masks keep each unit with probability φ = 1 - p and two units together with
    probability φ² (exact binomial tests), and the average prediction of a network over its masks is
    the exact mixture (Hoeffding test).
    """

    def mask_law(phi: tuple[Fraction, ...]) -> list[Comparison]:
        probabilities = {b: Fraction(law(b, phi)) for b in masks(len(phi))}
        checks = [equal(sum(probabilities.values()), 1, label="Σ_b p(b) = 1")]
        checks += [equal(sum(q for b, q in probabilities.items() if b[i]), phi[i],
                         label=f"P(b_{i + 1} = 1) = φ_{i + 1}") for i in range(len(phi))]
        return checks

    def implementation() -> Outcome:
        draws, weights, bias = ctx.scaled(20_000), np.array([2.0, -1.5, 1.0]), -0.5
        kept = ctx.impl().dropout(np.ones((draws, weights.size)), DROP, seeded(ctx)) != 0
        phi = (1 - DROP,) * weights.size
        exact = sum(law(b, phi) * expit(bias + weights @ np.array(b)) for b in masks(weights.size))
        average = float(np.mean(expit(bias + kept @ weights)))
        count, trials, both = int(kept.sum()), kept.size, int(np.count_nonzero(kept[:, 0] & kept[:, 1]))
        tests = {
            "exact binomial test of the kept fraction": Test(
                binomial_p_value(count, trials, 1 - DROP),
                f"P(keep) off {1 - DROP:g} by {binomial_detectable(trials, 1 - DROP, ctx.alpha / 3):.3g} "
                f"({count}/{trials} kept)"),
            "exact binomial test of independence, P(b₁ = b₂ = 1) = φ²": Test(
                binomial_p_value(both, draws, (1 - DROP) ** 2),
                f"P(b₁ = b₂ = 1) off φ² by {binomial_detectable(draws, (1 - DROP) ** 2, ctx.alpha / 3):.3g} "
                f"({both}/{draws})"),
            "Hoeffding test of the mean prediction": hoeffding_test(average, draws, exact, 1.0, ctx.alpha / 3,
                                                                    what="mean prediction against the mixture"),
        }
        return combined(ctx, tests, evidence={"p": DROP, "draws": draws, "network": "σ(-0.5 + (2, -1.5, 1)·b)"})

    return all_of({
        "mask law": lambda: for_each(ctx, keep_vectors(), mask_law, domain_name="φ ∈ {1/10, 1/3, 1/2, 3/4, 1}^R, "
                                     "R ≤ 3", complete=False, describe=lambda phi: [str(f) for f in phi]),
        "implementation": implementation,
    })


INFERENCE = Formula(r"\tilde w_{ij} = \varphi_j w_{ij}", lambda w, phi: phi * w)


@TOPIC.claim(
    "dropout.weight_scaling_inference",
    method="statistical",
    canonical=INFERENCE,
    faithful=("000", "001"),
    printed={"003": Printed(INFERENCE, reading="'Scale weights by π to approximate the ensemble average': the "
                                               "linear unit checked here is the case where the scaled network's "
                                               "output is the ensemble mean exactly; with hidden nonlinearities "
                                               "the approximation has no stated error.")},
    references=(SRIVASTAVA,),
)
def weight_scaling_inference(ctx: Context, scaled: Formula) -> Outcome:
    """Weight scaling: a unit's weights times the keep probability give the ensemble's mean input.

    A linear unit y = Σⱼ wᵢⱼ bⱼ xⱼ with bⱼ ~ Bernoulli(φⱼ) has E[y] = Σⱼ φⱼ wᵢⱼ xⱼ: the weights φⱼwᵢⱼ give
    the mask-expectation exactly. Inverted dropout moves the factor to training: every output of the
    implementation is 0 or xⱼ/(1 - p) (checked exactly), and E[(1 - p) w·dropout(x)] = (φw)·x with
    φ = 1 - p (Hoeffding test).
    """
    rng = ctx.rng(1)
    units, draws = 8, ctx.scaled(20_000)
    x, w = rng.uniform(0.5, 1.5, units), rng.uniform(0.5, 1.5, units)
    out = ctx.impl().dropout(np.tile(x, (draws, 1)), DROP, seeded(ctx))
    inverted = x / (1 - DROP)

    def outputs(sample: np.ndarray) -> Comparison:
        return close(np.where(sample != 0, sample, inverted), np.broadcast_to(inverted, sample.shape),
                     label="every output is 0 or x/(1 - p)", rtol=0, atol=within_tolerance(inverted))

    def mean() -> Outcome:
        unit = (1 - DROP) * out @ w  # the classical (unscaled) dropout unit Σⱼ wⱼ bⱼ xⱼ ∈ [0, Σⱼ wⱼxⱼ]
        stated = float(scaled(w, 1 - DROP) @ x)
        average, width = float(unit.mean()), float(w @ x)
        test = hoeffding_test(average, draws, stated, width, ctx.alpha, what="the unit's mean")
        return combined(ctx, {"Hoeffding test of the unit's mean": test},
                        evidence={"p": DROP, "draws": draws, "units": units, "w·x (no scaling)": width})

    return all_of({
        "inverted scaling": lambda: for_each(ctx, [out], outputs, domain_name=f"{draws} draws of {units} units",
                                             complete=False, describe=lambda sample: sample[:4].tolist()),
        "mean": mean,
    })


def log_softmax(z: np.ndarray) -> np.ndarray:
    return z - logsumexp(z)


GEOMETRIC = Formula(r"\mathrm{softmax}(W(\varphi\circ x) + c)", lambda r: softmax(r.W @ (r.phi * r.x) + r.c))


@TOPIC.claim(
    "dropout.weight_scaling_geometric_mean",
    method="property",
    canonical=GEOMETRIC,
    printed={"001": Printed(GEOMETRIC, reading="'a (sometimes exact) approximation to a geometrically averaged "
                                               "ensemble': checked where it is exact, softmax regression without "
                                               "hidden units (Srivastava et al. 2014; Goodfellow et al. §7.12). "
                                               "With hidden nonlinearities no error is stated: nothing to check.")},
    references=(SRIVASTAVA, GOODFELLOW),
    uses_impl=False,
)
def weight_scaling_geometric_mean(ctx: Context, scaled: Formula) -> Outcome:
    """Weight scaling is the normalised geometric mean of the ensemble, exactly for softmax regression.

    For p(y|x; b) = softmax(W(b∘x) + c), the p(b)-weighted geometric mean ∏_b p(y|x; b)^p(b), normalised
    over y, is softmax(W(φ∘x) + c): log-softmax is linear in the logits up to a term that does not
    depend on y. Checked by enumerating all 2^R masks on generated instances, to the rounding of the
    2^R-term sums.
    """

    def prop(r: SoftmaxRegression) -> Comparison:
        units = r.x.size
        log_mean = sum(MASK_LAW(b, r.phi) * log_softmax(r.W @ (np.array(b) * r.x) + r.c) for b in masks(units))
        ensemble, stated = softmax(log_mean), scaled(r)
        logits = np.abs(r.W) @ np.abs(r.x) + np.abs(r.c)
        return close(ensemble, stated, label="normalised geometric mean = weight-scaled softmax", rtol=0,
                     atol=within_tolerance(logits, operations=64 * 2**units))

    return for_all(ctx, regressions(), prop, describe=SoftmaxRegression.describe)
