"""Divergences the PAC-Bayes bounds use: the KL divergence of diagonal Gaussians, the Donsker–Varadhan
variational inequality, and the reparameterised gradient of E_Q[Ê] that PAC-Bayes training follows."""

from __future__ import annotations

import math
from functools import cache
from typing import Any

import numpy as np
import sympy

from theorems import stats
from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    at_most,
    close,
    decide,
    for_all,
    identity,
    symbolic,
    within_tolerance,
)
from theorems.topics.ddpm.formulas import gaussian_kl, log
from theorems.topics.probability.gaussians import expected_log_ratio

from . import DONSKER, MAURER, TOPIC
from .strategies import diag_gaussians, dv_cases

theta = sympy.Symbol(r"\theta", real=True)
sigma, lam = sympy.symbols(r"\sigma \lambda", positive=True)


def coordinate_sum(term: Formula) -> Formula:
    """Σᵢ term(θᵢ, σᵢ, λᵢ) over the coordinates of array arguments."""
    return Formula(rf"\sum_i {term.latex}", lambda t, s, la: float(np.sum(term(t, s, la))))


@cache
def one_coordinate_divergence() -> Any:
    """E_{x∼N(θ, σ²)}[ln q(x) - ln p(x)] for q = N(θ, σ²), p = N(0, λ²), by sympy.stats (computed once)."""
    return expected_log_ratio([theta], [0], sigma, lam)


KL_TERM = Formula(r"\log\frac{\lambda_i}{\sigma_i}+\frac{\sigma_i^2+\theta_i^2}{2\lambda_i^2}-\frac12",
                  lambda t, s, la: log(la / s) + (s**2 + t**2) / (2 * la**2) - sympy.Rational(1, 2))


@TOPIC.claim(
    "slt.kl_diag_gaussians",
    method="sympy",
    canonical=KL_TERM,
    printed={
        "000": Printed(Formula(r"\log\left(\frac{\lambda_i}{\sigma_i}+\frac{\sigma_i^2+\theta_i^2}{2\lambda_i^2}"
                               r"-\frac12\right)",
                               lambda t, s, la: log(la / s + (s**2 + t**2) / (2 * la**2) - sympy.Rational(1, 2))),
                       reading="As printed: the logarithm covers the whole bracket, where only λᵢ/σᵢ is logged."),
        "003": Printed(Formula(r"\log\frac{\lambda}{\sigma_i}+\frac{\sigma_i^2+\theta_i^2-1}{2\lambda^2}-\frac12",
                               lambda t, s, la: log(la / s) + (s**2 + t**2 - 1) / (2 * la**2) - sympy.Rational(1, 2)),
                       reading="P = N(0, λI) is read with λ the prior's standard deviation (λ² in the denominator, "
                               "log λ/σᵢ), as the other terms require; the -1 in the numerator is as printed."),
    },
    references=(MAURER,),
)
def kl_diag_gaussians(ctx: Context, term: Formula) -> Outcome:
    """The KL divergence of a diagonal Gaussian posterior from a diagonal Gaussian prior.

    KL(N(θ, diag σᵢ²) ‖ N(0, diag λᵢ²)) = Σᵢ [log(λᵢ/σᵢ) + (σᵢ² + θᵢ²)/(2λᵢ²) - ½]: the divergence of
    product measures is the sum over coordinates, and each term is derived as E_{x∼N(θ, σ²)}[ln q(x) -
    ln p(x)] (sympy.stats, no formula assumed). The canonical variant first compares the implementation
    with the sum of scalar Gaussian KLs on 1 to 5 coordinates, θ up to ±100, σ and λ in [1e-3, 100].
    """
    proof = {"one coordinate": lambda: symbolic(
        ctx, ("E_{x∼N(θ,σ²)}[ln q(x) - ln p(x)]", one_coordinate_divergence()),
        ("stated term", term(theta, sigma, lam)))}
    if not ctx.is_canonical:
        return all_of(proof)
    impl = ctx.impl()
    exact = coordinate_sum(Formula("KL(N(θᵢ, σᵢ²) ‖ N(0, λᵢ²))", lambda t, s, la: gaussian_kl(t, s**2, 0.0, la**2)))
    return all_of({
        "float64": lambda: identity(ctx, diag_gaussians(), lambda c: impl.kl_diag_gaussians(*c), lambda c: exact(*c),
                                    label="implementation = Σ scalar Gaussian KLs",
                                    describe=lambda c: {"θ": c[0].tolist(), "σ": c[1].tolist(), "λ": c[2].tolist()}),
        **proof,
    })


ATOMS = 3
q_mass = sympy.symbols("q_1:4", positive=True)
p_mass = sympy.symbols("p_1:4", positive=True)
phi = sympy.symbols(r"\varphi_1:4", real=True)


def expectation(weights: Any, values: Any) -> Any:
    return sum(w * v for w, v in zip(weights, values, strict=True))


def kl(q: Any, p: Any) -> Any:
    return sum(qi * sympy.log(qi / pi) for qi, pi in zip(q, p, strict=True))


def expand_logs(expression: Any) -> Any:
    """Logarithms of products and of exponentials split into sums, then everything multiplied out: enough to
    bring the Donsker–Varadhan gap to 0 (Σᵢ qᵢ = 1 is built into the symbols)."""
    return sympy.expand(sympy.expand_log(expression, force=True))


@TOPIC.claim(
    "slt.donsker_varadhan",
    method="sympy",
    canonical=Formula(r"\mathrm{KL}(Q\|P)+\log\mathbb E_P[e^\varphi]",
                      lambda divergence, log_mgf: divergence + log_mgf),
    faithful=("001",),
    references=(DONSKER,),
)
def donsker_varadhan(ctx: Context, upper: Formula) -> Outcome:
    """The Donsker–Varadhan variational inequality.

    For Q ≪ P and φ: E_Q[φ] ≤ KL(Q‖P) + log E_P[e^φ], with equality at the Gibbs measure G ∝ P e^φ; so
    log E_P[e^φ] = sup_Q (E_Q[φ] - KL(Q‖P)). Proved on three atoms by the identity
    (stated bound) - E_Q[φ] = KL(Q‖G) ≥ 0 (Gibbs' inequality), with Q, P normalised. The canonical variant
    first checks the implementation on 2 to 6 atoms, φ in [-30, 30]: its functional E_Q φ - KL(Q‖P) is at
    most its log E_P[e^φ] for every Q (zero masses included) and equals it at its Gibbs measure.
    """
    q = (*q_mass[:2], 1 - q_mass[0] - q_mass[1])
    p = (*p_mass[:2], 1 - p_mass[0] - p_mass[1])
    log_z = sympy.log(expectation(p, [sympy.exp(v) for v in phi]))
    g = [pi * sympy.exp(v - log_z) for pi, v in zip(p, phi, strict=True)]
    proof = {"gap = KL(Q‖G)": lambda: symbolic(
        ctx, ("stated bound - E_Q[φ]", upper(kl(q, p), log_z) - expectation(q, phi)), ("KL(Q‖G)", kl(q, g)),
        simplify=expand_logs, domain=dict.fromkeys((*q_mass[:2], *p_mass[:2]), (0.0, 0.45)))}
    if not ctx.is_canonical:
        return all_of(proof)
    impl = ctx.impl()

    def case(c: tuple[np.ndarray, np.ndarray, np.ndarray]) -> list[Comparison]:
        values, prior, posterior = c
        functional, log_mgf = impl.dv_lower_bound(values, prior, posterior), impl.log_mgf(values, prior)
        at_gibbs = impl.dv_lower_bound(values, prior, impl.gibbs(values, prior))
        slack = within_tolerance(values, functional, log_mgf, np.log(prior))
        return [at_most(functional, log_mgf, label="E_Q φ - KL(Q‖P) ≤ log E_P e^φ", atol=slack),
                close(at_gibbs, log_mgf, label="E_G φ - KL(G‖P) = log E_P e^φ at the Gibbs measure",
                      rtol=0.0, atol=slack)]

    return all_of({
        "float64": lambda: for_all(ctx, dv_cases(), case,
                                   describe=lambda c: {"φ": c[0].tolist(), "P": c[1].tolist(), "Q": c[2].tolist()}),
        **proof,
    })


POSTERIOR_MEAN = np.array([0.3, 1.0, -2.0, 2.5])
POSTERIOR_SD = np.array([0.5, 1.5, 0.2, 1.0])


@TOPIC.claim(
    "slt.pac_bayes_gradient_estimator",
    method="statistical",
    faithful=("000",),
    references=(MAURER,),
)
def pac_bayes_gradient_estimator(ctx: Context, _: None) -> Outcome:
    """The gradient at one perturbed parameter is an unbiased estimate of ∇_θ E_Q[Ê].

    For Q = N(θ, diag σ²), θ̂ = θ + σ ⊙ ε with ε ∼ N(0, I): ∇_θ E_Q[Ê] = E_ε[∇Ê(θ̂)], so
    θ_{t+1} = θ_t - η ∇Ê(θ̂) is stochastic gradient descent on E_Q[Ê]. Checked with Ê(w) = Σᵢ cos wᵢ,
    whose expectation under Q is Σᵢ cos θᵢ e^{-σᵢ²/2} and gradient -sin θᵢ e^{-σᵢ²/2}: the mean of
    -sin θ̂ᵢ over draws θ̂ from the implementation's ``perturb`` is compared with it coordinate by
    coordinate (two-sided Hoeffding tests, values in [-1, 1], Bonferroni over the 4 coordinates).
    """
    draws = ctx.scaled(20_000)
    noise = ctx.rng().standard_normal((draws, len(POSTERIOR_MEAN)))
    sampled = -np.sin(ctx.impl().perturb(POSTERIOR_MEAN, POSTERIOR_SD, noise))
    exact = -np.sin(POSTERIOR_MEAN) * np.exp(-POSTERIOR_SD**2 / 2)
    means = sampled.mean(axis=0)
    p_values = [stats.hoeffding_mean_p_value(m, draws, e, 2.0) for m, e in zip(means, exact, strict=True)]
    level = ctx.alpha / len(exact)
    return decide(
        ctx, min(1.0, len(exact) * min(p_values)),
        test="Hoeffding tests that the mean of ∇Ê(θ̂) is ∇_θ E_Q[Ê] in each coordinate (Bonferroni)",
        detectable=f"a bias of {math.sqrt(2 * math.log(2 / level) / draws):.3g} in one coordinate (with certainty)",
        evidence={"draws": draws, "θ": POSTERIOR_MEAN.tolist(), "σ": POSTERIOR_SD.tolist(),
                  "mean of ∇Ê(θ̂)": means.tolist(), "∇_θ E_Q[Ê]": exact.tolist(), "p-values": p_values},
    )
