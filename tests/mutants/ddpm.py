"""Wrong DDPM implementations and formulas, each refuted by the claim it names."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from impls.ddpm import DDPM, Variance, step_coefficients
from tests.mutants import Mutant
from theorems.engine import Formula
from theorems.topics.ddpm.continuous import SDE
from theorems.topics.ddpm.elbo import ELBO_HO, LikelihoodBound, posterior_kl, prior_kl, reconstruction
from theorems.topics.ddpm.formulas import abar_of, root
from theorems.topics.ddpm.forward import MARGINAL, GaussianLaw


class AlphaForAlphaBar(DDPM):
    """α_t where ᾱ_t belongs: in ᾱ itself, in the one-shot marginal and in the sampler's noise coefficient."""

    def alpha_bar(self, betas: np.ndarray) -> np.ndarray:
        return 1.0 - np.asarray(betas, dtype=np.float64)

    def marginal_sample(self, x0: np.ndarray, t: int, betas: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        alpha = 1.0 - float(betas[t - 1]) if t > 0 else 1.0
        return math.sqrt(alpha) * x0 + math.sqrt(1 - alpha) * rng.standard_normal(np.shape(x0))

    def sampling_step(
        self, x_t: np.ndarray, eps: np.ndarray, t: int, betas: np.ndarray, rng: np.random.Generator, *,
        variance: Variance = "small", grid: Sequence[int] | None = None,
    ) -> np.ndarray:
        _, beta = step_coefficients(t, betas, grid)
        mean = (x_t - beta / math.sqrt(beta) * eps) / math.sqrt(1 - beta)
        sigma2 = self.posterior_variance(t, betas, grid) if variance == "small" else beta
        return mean + math.sqrt(sigma2) * rng.standard_normal(np.shape(x_t))


class BetaInsideSqrt(DDPM):
    """The x_0 coefficient of μ̃ with β_t inside the square root: √(ᾱ_{t-1} β_t)/(1-ᾱ_t)."""

    def posterior_mean(
        self, x_t: np.ndarray, x0: np.ndarray, t: int, betas: np.ndarray, grid: Sequence[int] | None = None
    ) -> np.ndarray:
        abar_prev, beta = step_coefficients(t, betas, grid)
        abar_t = abar_of(abar_prev, beta)
        return (math.sqrt(abar_prev * beta) * x0 + math.sqrt(1 - beta) * (1 - abar_prev) * x_t) / (1 - abar_t)


class AbarTForAbarPrev(DDPM):
    """μ̃ with ᾱ_t written where ᾱ_{t-1} belongs."""

    def posterior_mean(
        self, x_t: np.ndarray, x0: np.ndarray, t: int, betas: np.ndarray, grid: Sequence[int] | None = None
    ) -> np.ndarray:
        abar_prev, beta = step_coefficients(t, betas, grid)
        abar_t = abar_of(abar_prev, beta)
        return (math.sqrt(abar_t) * beta * x0 + math.sqrt(1 - beta) * (1 - abar_t) * x_t) / (1 - abar_t)


class BetaSoldAsBetaTilde(DDPM):
    """The posterior variance β_t reported (and sampled) as β̃_t."""

    def posterior_variance(self, t: int, betas: np.ndarray, grid: Sequence[int] | None = None) -> float:
        return step_coefficients(t, betas, grid)[1]


class ForwardStepWithoutShrink(DDPM):
    """x_t = x_{t-1} + √β_t ε: the variance-exploding step instead of the variance-preserving one."""

    def forward_step(self, x_prev: np.ndarray, t: int, betas: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        return x_prev + math.sqrt(float(betas[t - 1])) * rng.standard_normal(np.shape(x_prev))


def _impl(name: str) -> str:
    return f"tests.mutants.ddpm:{name}"


MUTANTS: list[Mutant] = [
    Mutant("ddpm.alpha_bar_definition", "α_t for ᾱ_t", impl=_impl("AlphaForAlphaBar")),
    Mutant("ddpm.forward_marginal", "α_t for ᾱ_t in the one-shot marginal", impl=_impl("AlphaForAlphaBar")),
    Mutant("ddpm.forward_marginal", "variance ᾱ_t for 1-ᾱ_t",
           form=GaussianLaw(MARGINAL.mean, Formula("mutant", lambda abar: abar))),
    Mutant("ddpm.sampling_step", "α_t for ᾱ_t in the noise coefficient", impl=_impl("AlphaForAlphaBar")),
    Mutant("ddpm.sampling_step", "variance β_t sold as β̃_t", impl=_impl("BetaSoldAsBetaTilde")),
    Mutant("ddpm.forward_transition", "no √(1-β_t) shrink", impl=_impl("ForwardStepWithoutShrink")),
    Mutant("ddpm.posterior_gaussian_form", "β_t inside the square root", impl=_impl("BetaInsideSqrt")),
    Mutant("ddpm.posterior_gaussian_form", "ᾱ_t for ᾱ_{t-1}", impl=_impl("AbarTForAbarPrev")),
    Mutant("ddpm.posterior_gaussian_form", "variance β_t sold as β̃_t", impl=_impl("BetaSoldAsBetaTilde")),
    Mutant("ddpm.posterior_mean", "ᾱ_t for ᾱ_{t-1} in the x_0 coefficient",
           form=Formula("mutant", lambda x_t, x0, a, b: (root(abar_of(a, b)) * b * x0 + root(1 - b) * (1 - a) * x_t)
                        / (1 - abar_of(a, b)))),
    Mutant("ddpm.posterior_variance", "β_t sold as β̃_t", form=Formula("mutant", lambda a, b: b)),
    Mutant("ddpm.eps_parameterized_mean", "β_t inside the square root",
           form=Formula("mutant",
                        lambda x_t, eps, a, b: (x_t - root(b) / root(1 - abar_of(a, b)) * eps) / root(1 - b))),
    Mutant("ddpm.x0_from_eps", "α_t for ᾱ_t",
           form=Formula("mutant", lambda x_t, eps, a, b: (x_t - root(b) * eps) / root(1 - b))),
    Mutant("ddpm.eps_loss_weight", "β_t instead of β_t²",
           form=Formula("mutant", lambda a, b, s2: b / (2 * s2 * (1 - b) * (1 - abar_of(a, b))))),
    Mutant("ddpm.simplified_elbo_mean_matching", "no factor ½",
           form=Formula("mutant", lambda m, m_theta, s2: -((m - m_theta) ** 2) / s2)),
    Mutant("ddpm.variance_choices", "ᾱ_t and ᾱ_{t-1} swapped in β̃_t",
           form=Formula("mutant", lambda a, b: ((1 - abar_of(a, b)) / (1 - a) * b, b))),
    Mutant("ddpm.entropy_conditional_inequality", "consequent reversed",
           form=Formula("mutant", lambda e, tol: e.marginal < e.marginal_prev + tol or e.backward >= e.forward - tol)),
    Mutant("ddpm.elbo_decomposition", "prior term dropped",
           form=Formula("mutant", lambda model: reconstruction(model)
                        - sum(posterior_kl(model, t) for t in range(2, model.T + 1)))),
    Mutant("ddpm.elbo_decomposition", "prior term counted twice",
           form=Formula("mutant", lambda model: ELBO_HO(model) - prior_kl(model))),
    Mutant("ddpm.vlb_bound", "bound reversed", form=LikelihoodBound("mutant", lambda ll, elbo: (ll, elbo))),
    Mutant("ddpm.forward_sde", "drift -β x", form=SDE("mutant", lambda x, b: -b * x, root)),
    Mutant("ddpm.reverse_sde", "score with the wrong sign",
           form=SDE("mutant", lambda x, mu, v, b: -b * x / 2 - b * (x - mu) / v, root)),
]
