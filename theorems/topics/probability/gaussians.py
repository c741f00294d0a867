"""Gaussians: the KL divergences between them, derived as expectations of log-density ratios."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy

from theorems.engine import Context, Formula, Outcome, Printed, symbolic
from theorems.topics.ddpm import GAUSS_KL
from theorems.topics.ddpm.formulas import gaussian_kl

from . import TOPIC


def expected_log_ratio(means_q: Sequence[Any], means_p: Sequence[Any], sd_q: Any, sd_p: Any) -> Any:
    """E_{x∼q}[ln q(x) - ln p(x)] for product Gaussians q, p, computed by sympy.stats (no formula assumed)."""
    from sympy.stats import E, Normal

    x = [sympy.Symbol(f"x_{i}", real=True) for i in range(len(means_q))]

    def log_density(xs: Sequence[Any], means: Sequence[Any], sd: Any) -> Any:
        return sum(-(xi - m) ** 2 / (2 * sd**2) - sympy.log(sd) - sympy.log(2 * sympy.pi) / 2
                   for xi, m in zip(xs, means, strict=True))

    ratio = sympy.expand(log_density(x, means_q, sd_q) - log_density(x, means_p, sd_p))
    draws = {xi: Normal(f"X_{i}", m, sd_q) for i, (xi, m) in enumerate(zip(x, means_q, strict=True))}
    return E(ratio.subs(draws))


mu0, mu1 = sympy.symbols(r"\mu_0 \mu_1", real=True)
s0, s1 = sympy.symbols(r"\sigma_0 \sigma_1", positive=True)


@TOPIC.claim(
    "probability.kl_univariate_gaussians",
    method="sympy",
    canonical=Formula(r"\ln\frac{\sigma_1}{\sigma_0}+\frac{\sigma_0^2+(\mu_0-\mu_1)^2}{2\sigma_1^2}-\frac12",
                      lambda: gaussian_kl(mu0, s0**2, mu1, s1**2)),
    printed={"003": Printed(
        Formula(r"\frac12\left(\frac{\sigma_1^2}{\sigma_0^2}+\frac{(\mu_0-\mu_1)^2}{\sigma_0^2}-1"
                r"+\log\frac{\sigma_1^2}{\sigma_0^2}\right)",
                lambda: (s1**2 / s0**2 + (mu0 - mu1) ** 2 / s0**2 - 1 + sympy.log(s1**2 / s0**2)) / 2),
        reading="σ_o read as σ_0 (OCR). The ratios are inverted: σ₁²/σ₀² and /σ₀² where the divergence from "
                "N(μ₀, σ₀²) to N(μ₁, σ₁²) has σ₀²/σ₁² and /σ₁².",
    )},
    references=(GAUSS_KL,),
    uses_impl=False,
)
def kl_univariate_gaussians(ctx: Context, divergence: Formula) -> Outcome:
    """The KL divergence between two univariate Gaussians.

    KL(N(μ₀, σ₀²) ‖ N(μ₁, σ₁²)) = ln(σ₁/σ₀) + (σ₀² + (μ₀-μ₁)²)/(2σ₁²) - ½, derived as the expectation
    under N(μ₀, σ₀²) of the log-density ratio (sympy.stats), with no formula assumed.
    """
    return symbolic(ctx, ("E_{x∼N(μ₀,σ₀²)}[ln p₀(x) - ln p₁(x)]", expected_log_ratio([mu0], [mu1], s0, s1)),
                    ("stated divergence", divergence()))


mu_q = sympy.symbols("mu_q1:4", real=True)
mu_p = sympy.symbols("mu_p1:4", real=True)
sigma = sympy.Symbol(r"\sigma", positive=True)


def squared_distance() -> Any:
    """‖μ_q - μ_p‖² in R³."""
    return sum((a - b) ** 2 for a, b in zip(mu_q, mu_p, strict=True))


@TOPIC.claim(
    "probability.kl_gaussians_same_variance",
    method="sympy",
    canonical=Formula(r"\frac{\|\mu_q-\mu_p\|^2}{2\sigma^2}", lambda: squared_distance() / (2 * sigma**2)),
    printed={"003": Printed(
        Formula(r"\frac{1}{2\sigma^2}\|\mu_q-\mu_p\|^2", lambda: squared_distance() / (2 * sigma**2)),
        reading="Read with σ_q = σ_p = σ, as the right-hand side requires.",
    )},
    references=(GAUSS_KL,),
    uses_impl=False,
)
def kl_gaussians_same_variance(ctx: Context, divergence: Formula) -> Outcome:
    """The KL divergence between isotropic Gaussians of equal variance.

    KL(N(μ_q, σ²I) ‖ N(μ_p, σ²I)) = ‖μ_q - μ_p‖²/(2σ²), derived in R³ as the expectation under
    N(μ_q, σ²I) of the log-density ratio (sympy.stats).
    """
    return symbolic(ctx, ("E_{x∼N(μ_q,σ²I)}[ln q(x) - ln p(x)]", expected_log_ratio(mu_q, mu_p, sigma, sigma)),
                    ("stated divergence", divergence()))
