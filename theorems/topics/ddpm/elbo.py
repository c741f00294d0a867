"""The ELBO of a diffusion, exactly: on scalar chains with a linear-Gaussian reverse model every term
(entropies, KL divergences, the log-likelihood itself) has a closed form."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, bound, close, for_all, that

from . import GAUSS_KL, HO, TOPIC
from .formulas import POSTERIOR_MEAN, POSTERIOR_VARIANCE, gaussian_kl
from .strategies import GaussianDiffusion, gaussian_diffusions, schedules


@dataclass(frozen=True)
class Entropies:
    marginal: float
    marginal_prev: float
    forward: float
    backward: float


def gaussian_entropies(betas: np.ndarray, t: int, s2: float) -> Entropies:
    """H(x_t), H(x_{t-1}), H(x_t|x_{t-1}), H(x_{t-1}|x_t) for scalar x_0 ~ N(0, s²), by Gaussian conditioning."""
    abar = np.concatenate([[1.0], np.cumprod(1 - betas)])
    v = abar * s2 + 1 - abar
    beta = float(betas[t - 1])

    def h(var: float) -> float:
        return 0.5 * math.log(2 * math.pi * math.e * var)

    return Entropies(h(v[t]), h(v[t - 1]), h(beta), h(v[t - 1] * beta / v[t]))


ENTROPY_IMPLICATION = Formula(
    r"H(x_t)\ge H(x_{t-1})\Rightarrow H(x_t|x_{t-1})\ge H(x_{t-1}|x_t)",
    lambda e, tol: e.marginal < e.marginal_prev + tol or e.forward >= e.backward - tol,
)


@TOPIC.claim(
    "ddpm.entropy_conditional_inequality",
    method="property",
    canonical=ENTROPY_IMPLICATION,
    faithful=("000",),
    uses_impl=False,
)
def entropy_conditional_inequality(ctx: Context, implication: Formula) -> Outcome:
    """More marginal entropy forward means more conditional entropy forward.

    H(x_t) ≥ H(x_{t-1}) ⇒ H(x_t|x_{t-1}) ≥ H(x_{t-1}|x_t); indeed by the chain rule for H(x_{t-1}, x_t) the two
    differences are equal. Checked for scalar Gaussian data x_0 ~ N(0, s²), where every entropy is exact.
    """

    def prop(case: tuple[np.ndarray, int, float]) -> list[Comparison]:
        betas, t, s2 = case
        e = gaussian_entropies(betas, min(t, len(betas)), s2)
        return [that(implication(e, 1e-12), label="implication",
                     message=f"H(x_t) - H(x_t-1) = {e.marginal - e.marginal_prev:.6g}, "
                             f"H(x_t|x_t-1) - H(x_t-1|x_t) = {e.forward - e.backward:.6g}"),
                close(e.marginal - e.marginal_prev, e.forward - e.backward, label="chain rule", rtol=1e-9, atol=1e-9)]

    return for_all(ctx, st.tuples(schedules(1, 20, 0.99), st.integers(1, 20), st.floats(1e-3, 10.0)), prop,
                   max_examples=50)


def forward_covariance(model: GaussianDiffusion) -> tuple[np.ndarray, np.ndarray]:
    """Means m_0..m_T and covariance C[s, t] of x_0..x_T given x_0 (row and column 0 are zero)."""
    abar = model.abar
    means = np.sqrt(abar) * model.x0
    idx = np.arange(model.T + 1)
    s, t = np.minimum.outer(idx, idx), np.maximum.outer(idx, idx)
    return means, np.sqrt(abar[t] / abar[s]) * (1 - abar[s])


def expected_square(model: GaussianDiffusion, t: int, coef_t: float, coef_prev: float, const: float) -> float:
    """E_q[(coef_prev x_{t-1} + coef_t x_t + const)²] under the forward chain from x_0."""
    means, cov = forward_covariance(model)
    mean = coef_prev * means[t - 1] + coef_t * means[t] + const
    var = coef_prev**2 * cov[t - 1, t - 1] + coef_t**2 * cov[t, t] + 2 * coef_prev * coef_t * cov[t - 1, t]
    return mean**2 + var


def elbo_definition(model: GaussianDiffusion) -> float:
    """E_q[ln p_θ(x_{0:T}) - ln q(x_{1:T} | x_0)], in closed form."""
    means, cov = forward_covariance(model)
    T = model.T
    value = -0.5 * math.log(2 * math.pi) - 0.5 * (cov[T, T] + means[T] ** 2)
    for t in range(1, T + 1):
        a, c, s2 = model.a[t - 1], model.c[t - 1], model.s2[t - 1]
        value += -0.5 * math.log(2 * math.pi * s2) - expected_square(model, t, -a, 1.0, -c) / (2 * s2)
        value -= -0.5 * math.log(2 * math.pi * model.betas[t - 1]) - 0.5
    return value


def log_likelihood(model: GaussianDiffusion) -> float:
    """ln p_θ(x_0): the model's marginal of x_0 is Gaussian (a linear chain from N(0, 1))."""
    mean, var = 0.0, 1.0
    for t in range(model.T, 0, -1):
        mean, var = model.a[t - 1] * mean + model.c[t - 1], model.a[t - 1] ** 2 * var + model.s2[t - 1]
    return -0.5 * math.log(2 * math.pi * var) - (model.x0 - mean) ** 2 / (2 * var)


def prior_kl(model: GaussianDiffusion) -> float:
    """KL(q(x_T | x_0) ‖ N(0, 1))."""
    means, cov = forward_covariance(model)
    return float(gaussian_kl(means[-1], cov[-1, -1], 0.0, 1.0))


def reconstruction(model: GaussianDiffusion) -> float:
    """E_q[ln p_θ(x_0 | x_1)]."""
    a, c, s2 = model.a[0], model.c[0], model.s2[0]
    return -0.5 * math.log(2 * math.pi * s2) - expected_square(model, 1, -a, 0.0, model.x0 - c) / (2 * s2)


def posterior_kl(model: GaussianDiffusion, t: int) -> float:
    """E_{q(x_t|x_0)}[KL(q(x_{t-1} | x_t, x_0) ‖ p_θ(x_{t-1} | x_t))]; +∞ at t = 1, where q is the point mass at x_0."""
    a_prev, beta = model.abar[t - 1], model.betas[t - 1]
    variance = float(POSTERIOR_VARIANCE(a_prev, beta))
    if variance == 0.0:
        return math.inf
    k_t, k_0 = POSTERIOR_MEAN(1.0, 0.0, a_prev, beta), POSTERIOR_MEAN(0.0, 1.0, a_prev, beta)
    a, c, s2 = model.a[t - 1], model.c[t - 1], model.s2[t - 1]
    gap = expected_square(model, t, k_t - a, 0.0, k_0 * model.x0 - c)
    return 0.5 * math.log(s2 / variance) + (variance + gap) / (2 * s2) - 0.5


ELBO_HO = Formula(r"-\Big(L_T+\sum_{t=2}^T L_{t-1}+L_0\Big)",
                  lambda model: reconstruction(model) - prior_kl(model)
                  - sum(posterior_kl(model, t) for t in range(2, model.T + 1)))
ELBO_000 = Formula(r"\sum_{t=0}^T L_t,\ L_t=-E\,D(q(x_{t-1}|x_t,x_0)\|p_\theta(x_{t-1}|x_t)),\ 0<t<T",
                   lambda model: reconstruction(model) - prior_kl(model)
                   - sum(posterior_kl(model, t) for t in range(1, model.T)))


@TOPIC.claim(
    "ddpm.elbo_decomposition",
    method="property",
    canonical=ELBO_HO,
    printed={
        "000": Printed(ELBO_000, reading="Taken literally (with the expectation over x_t that the KL terms need): "
                                         "the middle terms run over 0 < t < T with q(x_{t-1}|x_t,x_0), so t = 1 "
                                         "brings q(x_0|x_1,x_0), a point mass (KL = +∞), and the term t = T is "
                                         "missing. Shifting the index (L_t := -D(q(x_t|x_{t+1},x_0) ‖ "
                                         "p_θ(x_t|x_{t+1}))) gives the canonical decomposition."),
        "003": Printed(ELBO_HO, reading="The L_0 term is named in the bullet list (reconstruction term), not "
                                        "printed on the line; L_VLB is the negative ELBO."),
    },
    depends=("ddpm.posterior_mean", "ddpm.posterior_variance", "ddpm.forward_marginal"),
    references=(HO, GAUSS_KL),
    uses_impl=False,
)
def elbo_decomposition(ctx: Context, decomposition: Formula) -> Outcome:
    """The ELBO splits into a reconstruction term, a prior term and posterior KL terms.

    E_q[ln p_θ(x_{0:T})/q(x_{1:T}|x_0)] = E_q[ln p_θ(x_0|x_1)] - KL(q(x_T|x_0) ‖ p(x_T))
    - Σ_{t=2}^T E_q KL(q(x_{t-1}|x_t,x_0) ‖ p_θ(x_{t-1}|x_t)) (Ho et al. 2020, eq. 5). Checked exactly on scalar
    diffusions with a linear-Gaussian reverse model, where both sides have closed forms.
    """

    def prop(model: GaussianDiffusion) -> Comparison:
        return close(decomposition(model), elbo_definition(model), label="decomposition vs definition",
                     rtol=1e-9, atol=1e-9)

    return for_all(ctx, gaussian_diffusions(), prop, max_examples=50, describe=GaussianDiffusion.describe)


@dataclass(frozen=True)
class LikelihoodBound:
    """``lhs(ln p_θ(x_0), ELBO) ≤ rhs(ln p_θ(x_0), ELBO)``."""

    latex: str
    sides: Callable[[float, float], tuple[float, float]]


@TOPIC.claim(
    "ddpm.vlb_bound",
    method="property",
    canonical=LikelihoodBound(r"E_q[\ln p_\theta(x_{0:T})/q(x_{1:T}|x_0)] \le \ln p_\theta(x_0)",
                              lambda ll, elbo: (elbo, ll)),
    printed={
        "000": Printed(LikelihoodBound(r"\ln p_\theta(x_0) \ge E[\ln(p_\theta(x_{0:T})/q(x_{1:T}|x_0))|x_0]",
                                       lambda ll, elbo: (elbo, ll)),
                       reading="'p_{θ(x_0)}' is p_θ(x_0); the inequality is printed on the next line (1180)."),
        "003": Printed(LikelihoodBound(r"-\log p_\theta(x_0) \le E_q[\log q(x_{1:T}|x_0)/p_\theta(x_{1:T}|x_0)]",
                                       lambda ll, elbo: (-ll, ll - elbo)),
                       reading="Checked as printed (line 715 gives L_VLB): with p_θ(x_{1:T}|x_0) in the denominator, "
                               "L_VLB = KL(q(x_{1:T}|x_0) ‖ p_θ(x_{1:T}|x_0)) = -ELBO + ln p_θ(x_0), the gap of the "
                               "bound rather than the bound. With p_θ(x_{0:T}) there (Ho et al., eq. 3) it is the "
                               "negative ELBO and the inequality holds (the canonical variant)."),
    },
    references=(HO,),
    uses_impl=False,
)
def vlb_bound(ctx: Context, inequality: LikelihoodBound) -> Outcome:
    """The ELBO bounds the log-likelihood from below (Jensen).

    ln p_θ(x_0) = ln E_q[p_θ(x_{0:T})/q(x_{1:T}|x_0)] ≥ E_q[ln p_θ(x_{0:T})/q(x_{1:T}|x_0)]
    (Ho et al. 2020, eq. 3), checked exactly on scalar linear-Gaussian diffusions.
    """


    def sides(model: GaussianDiffusion) -> tuple[float, float]:
        return inequality.sides(log_likelihood(model), elbo_definition(model))

    return bound(ctx, gaussian_diffusions(), lambda model: sides(model)[0], lambda model: sides(model)[1],
                 label="bound", rtol=1e-9, max_examples=50, describe=GaussianDiffusion.describe)
