"""The ε-parameterization: the posterior mean and x_0 in terms of the noise, and the training objective
that matches the noise instead of the mean."""

from __future__ import annotations

from typing import Any

import sympy

from theorems.engine import Context, Formula, Outcome, Printed, show, symbolic

from . import GAUSS_KL, HO, TOPIC
from .formulas import (
    EPS_MEAN,
    EPS_MEAN_003,
    POSTERIOR_MEAN,
    POSTERIOR_VARIANCE,
    UNIT,
    abar_of,
    abar_prev,
    beta_t,
    gaussian_kl,
    prove_all,
    root,
    x_0,
    x_t,
)

eps, eps_theta, m, m_theta = sympy.symbols(r"\varepsilon \varepsilon_\theta m m_\theta", real=True)
sigma2 = sympy.symbols(r"\sigma_t^2", positive=True)


def x_t_of_noise() -> Any:
    abar = abar_of(abar_prev, beta_t)
    return root(abar) * x_0 + root(1 - abar) * eps


@TOPIC.claim(
    "ddpm.eps_parameterized_mean",
    method="sympy",
    canonical=EPS_MEAN,
    printed={
        "000": Printed(EPS_MEAN, reading="'|(α)_t|' is ᾱ_t; 'x_{t(x_0, ε)}' is x_t(x_0, ε)."),
        "003:725": Printed(EPS_MEAN_003, reading="As printed the denominator is √(1-α_t) without a bar, so the noise "
                                                 "coefficient is √β_t instead of β_t/√(1-ᾱ_t)."),
        "003:729": Printed(EPS_MEAN_003, reading="The same formula with ε_θ for ε_0; it mirrors μ_q exactly when ε_θ "
                                                 "is the true noise."),
    },
    depends=("ddpm.posterior_mean", "ddpm.x0_from_eps"),
    references=(HO,),
    uses_impl=False,
)
def eps_parameterized_mean(ctx: Context, mean: Formula) -> Outcome:
    """The posterior mean in terms of the noise.

    With x_t = √ᾱ_t x_0 + √(1-ᾱ_t) ε: μ̃_t(x_t, x_0) = (x_t - β_t/√(1-ᾱ_t) ε)/√α_t (Ho et al. 2020, eq. 10).
    """
    return symbolic(
        ctx,
        ("μ̃_t(x_t, x_0) at x_t = √ᾱ_t x_0 + √(1-ᾱ_t) ε", POSTERIOR_MEAN(x_t_of_noise(), x_0, abar_prev, beta_t)),
        ("the stated mean at the same x_t", mean(x_t_of_noise(), eps, abar_prev, beta_t)),
        domain=UNIT,
    )


X0_FROM_EPS = Formula(r"\frac{1}{\sqrt{\bar\alpha_t}}x_t"
                      r"-\frac{\sqrt{1-\bar\alpha_t}\,\varepsilon}{\sqrt{\bar\alpha_t}}",
                      lambda x_t, eps, a, b: x_t / root(abar_of(a, b)) - root(1 - abar_of(a, b)) * eps
                      / root(abar_of(a, b)))


@TOPIC.claim(
    "ddpm.x0_from_eps",
    method="sympy",
    canonical=X0_FROM_EPS,
    printed={"000": Printed(X0_FROM_EPS, reading="'√|(α)_t' is √ᾱ_t with the bar's closing edge lost.")},
    references=(HO,),
    uses_impl=False,
)
def x0_from_eps(ctx: Context, inverse: Formula) -> Outcome:
    """x_0 recovered from x_t and the noise.

    x_t = √ᾱ_t x_0 + √(1-ᾱ_t) ε ⇒ x_0 = (x_t - √(1-ᾱ_t) ε)/√ᾱ_t (Ho et al. 2020, eq. 15).
    """
    return symbolic(
        ctx,
        ("stated x_0 at x_t = √ᾱ_t x_0 + √(1-ᾱ_t) ε", inverse(x_t_of_noise(), eps, abar_prev, beta_t)),
        ("x_0", x_0),
        domain=UNIT,
    )


LOSS_WEIGHT = Formula(r"\rho_t=\frac{\beta_t^2}{2\sigma_t^2\alpha_t(1-\bar\alpha_t)}",
                      lambda a, b, s2: b**2 / (2 * s2 * (1 - b) * (1 - abar_of(a, b))))


@TOPIC.claim(
    "ddpm.eps_loss_weight",
    method="sympy",
    canonical=LOSS_WEIGHT,
    printed={
        "000": Printed(LOSS_WEIGHT, reading="The weight is read as printed on its own; the document writes ε ~ ρ_t "
                                            "as if ρ_t were the noise's distribution and puts ε inside the square "
                                            "root of the argument of ε_θ."),
        "003": Printed(Formula(r"\frac{(1-\alpha_t)}{2\alpha_t(1-\alpha_t)\sigma_t^2}",
                               lambda a, b, s2: b / (2 * (1 - b) * b * s2)),
                       reading="As printed: (1-α_t)/(2α_t(1-α_t)σ_t²) = 1/(2α_tσ_t²); Ho et al.'s weight has "
                               "(1-α_t)² on top and ᾱ_t in the denominator, both lost here."),
    },
    depends=("ddpm.eps_parameterized_mean", "ddpm.simplified_elbo_mean_matching"),
    references=(HO,),
    uses_impl=False,
)
def eps_loss_weight(ctx: Context, weight: Formula) -> Outcome:
    """The weight of the noise-matching loss.

    With μ̃_t and μ_θ both in ε-form (ε and ε_θ), ‖μ̃_t - μ_θ‖²/(2σ_t²) = ρ_t ‖ε - ε_θ‖² with
    ρ_t = β_t²/(2σ_t² α_t (1-ᾱ_t)) (Ho et al. 2020, eq. 12), per coordinate.
    """
    a, b = abar_prev, beta_t
    return symbolic(
        ctx,
        ("(μ̃_t - μ_θ)²/(2σ_t²), both in ε-form", (EPS_MEAN(x_t, eps, a, b) - EPS_MEAN(x_t, eps_theta, a, b)) ** 2
         / (2 * sigma2)),
        ("ρ_t (ε - ε_θ)²", weight(a, b, sigma2) * (eps - eps_theta) ** 2),
        domain=UNIT,
    )


MEAN_MATCHING = Formula(r"L_t=-\frac{\|m-m_\theta\|^2}{2\sigma_t^2}+\text{const}",
                        lambda m, m_theta, s2: -((m - m_theta) ** 2) / (2 * s2))


@TOPIC.claim(
    "ddpm.simplified_elbo_mean_matching",
    method="sympy",
    canonical=MEAN_MATCHING,
    printed={
        "000:934": Printed(MEAN_MATCHING, reading="Misplaced under 'VC learning theory'; the same formula as line "
                                                  "1208."),
        "000:1208": Printed(MEAN_MATCHING, reading="'m_{θ(x_t, t)}' is m_θ(x_t, t)."),
    },
    references=(HO, GAUSS_KL),
    uses_impl=False,
)
def simplified_elbo_mean_matching(ctx: Context, stated: Formula) -> Outcome:
    """The KL term of the ELBO is a squared mean error up to a constant.

    With q(x_{t-1}|x_t,x_0) = N(m, β̃_t I) and p_θ(x_{t-1}|x_t) = N(m_θ, σ_t² I):
    L_t = -KL(q ‖ p_θ) = -‖m - m_θ‖²/(2σ_t²) + C, C free of m and m_θ (Ho et al. 2020, eq. 8); per coordinate,
    from the Gaussian KL formula: the difference of the two sides has zero derivative in m and in m_θ.
    """
    minus_kl = -gaussian_kl(m, POSTERIOR_VARIANCE(abar_prev, beta_t), m_theta, sigma2)
    show(ctx, "-KL(N(m, β̃_t) ‖ N(m_θ, σ_t²))", minus_kl)
    return prove_all(ctx, [
        [(f"∂/∂{v} of -KL", sympy.diff(minus_kl, v)),
         (f"∂/∂{v} of the stated L_t", sympy.diff(stated(m, m_theta, sigma2), v))]
        for v in (m, m_theta)
    ])


TOPIC.not_checkable(
    "ddpm.simple_loss",
    title="The simplified training objective",
    statement="L_simple = E_{t, x_0, ε} ‖ε - ε_θ(√ᾱ_t x_0 + √(1-ᾱ_t) ε, t)‖² (Ho et al. 2020, eq. 14).",
    reason="A definition of the training loss (it drops the weights ρ_t of the ELBO); nothing to verify. "
           "Document 000 prints ε inside the square root, √(1-ᾱ_t ε).",
)
TOPIC.not_checkable(
    "ddpm.training_grad_step",
    title="The training step",
    statement="Take a gradient step on ∇_θ ‖ε - ε_θ(x_t, t)‖² (Ho et al. 2020, Algorithm 1).",
    reason="A step of an algorithm (and garbled in print: '∇_θ L - ε_θ(x_t, t)²'); it states nothing to verify.",
)
