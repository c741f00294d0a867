"""Ancestral sampling: the step x_{t-1} = μ_θ(x_t, t) + σ_t z, and the two extreme choices of σ_t²."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from hypothesis import strategies as st

from impls.ddpm import Variance, previous, step_coefficients
from theorems.engine import Comparison, Context, Formula, Outcome, Printed, at_most, close, for_all

from . import HO, TOPIC
from .formulas import EPS_MEAN_003, POSTERIOR_VARIANCE, VARIANCE_003, abar_of
from .residuals import COSINE, LEADING_50, LINEAR, TRAILING_50, ResidualCase, decide_residuals


@dataclass(frozen=True)
class Sampler:
    """One ancestral step x_{t-1} = μ_θ(x_t, t) + σ_t z: the implementation's, or a printed formula."""

    label: str
    variance: Variance
    mean: Formula | None = None
    sigma2: Formula | None = None

    def claimed_variance(self, t: int, betas: np.ndarray, grid: Sequence[int] | None) -> float:
        if previous(t, grid) == 0:
            return 0.0  # Algorithm 2: z = 0 on the last step
        a, b = step_coefficients(t, betas, grid)
        if self.sigma2 is not None:
            return float(self.sigma2(a, b))
        return float(POSTERIOR_VARIANCE(a, b) if self.variance == "small" else b)

    def step(self, impl: Any, x_t: np.ndarray, eps: np.ndarray, t: int, betas: np.ndarray,
             rng: np.random.Generator, grid: Sequence[int] | None) -> np.ndarray:
        if self.mean is None:
            return impl.sampling_step(x_t, eps, t, betas, rng, variance=self.variance, grid=grid)
        a, b = step_coefficients(t, betas, grid)
        return self.mean(x_t, eps, a, b) + math.sqrt(self.claimed_variance(t, betas, grid)) * rng.standard_normal(
            x_t.shape)


SAMPLING_CASES = [("linear", LINEAR, None, 1), ("linear", LINEAR, None, 2), ("linear", LINEAR, None, 100),
                  ("linear", LINEAR, None, 700), ("cosine", COSINE, None, 900),
                  ("linear, leading 50-step grid", LINEAR, LEADING_50, 501),
                  ("linear, trailing 50-step grid", LINEAR, TRAILING_50, 20)]
DATA_MEAN, DATA_VARIANCE = 0.5, 0.49


@TOPIC.claim(
    "ddpm.sampling_step",
    method="statistical",
    canonical=(Sampler("σ_t² = β̃_t", "small"), Sampler("σ_t² = β_t", "large")),
    printed={"003": Printed(
        (Sampler("003", "large", EPS_MEAN_003, VARIANCE_003),),
        reading="σ_t² as 003 prints it on line 725, (1-α_t)/(1-α_t) β_t = β_t (an admissible choice).",
    )},
    depends=("ddpm.eps_parameterized_mean", "ddpm.posterior_variance"),
    references=(HO,),
)
def sampling_step(ctx: Context, samplers: tuple[Sampler, ...]) -> Outcome:
    """The ancestral sampling step with the Bayes-optimal noise predictor draws from the true reverse mean.

    For Gaussian data x_0 ~ N(m, s² I), ε_θ(x_t) = E[ε | x_t] and x_{t-1} = (x_t - β_t/√(1-ᾱ_t) ε_θ)/√α_t + σ_t z
    has mean E[x_{t-1} | x_t] (the μ̃ of eq. 7 is linear in x_0) and variance σ_t² ∈ {β̃_t, β_t}, except on
    the last step, to t = 0, where z = 0 (Ho et al. 2020, Algorithm 2). Checked on full and skipped grids;
    E[x_{t-1} | x_t] comes from Gaussian conditioning of the forward chain, independently of the DDPM formulas.
    """
    impl, rng = ctx.impl(), ctx.rng()
    n, d = ctx.scaled(2000), 4
    cases = []
    for sampler in samplers:
        for name, betas, grid, t in SAMPLING_CASES:
            s = previous(t, grid)
            abar_t, abar_s = float(np.prod(1 - betas[:t])), float(np.prod(1 - betas[:s]))
            var_t, var_s = (abar * DATA_VARIANCE + 1 - abar for abar in (abar_t, abar_s))
            x0 = DATA_MEAN + math.sqrt(DATA_VARIANCE) * rng.standard_normal(d)
            point = math.sqrt(abar_t) * x0 + math.sqrt(1 - abar_t) * rng.standard_normal(d)
            optimal_eps = math.sqrt(1 - abar_t) * (point - math.sqrt(abar_t) * DATA_MEAN) / var_t
            reverse_mean = (math.sqrt(abar_s) * DATA_MEAN
                            + math.sqrt(abar_t / abar_s) * var_s / var_t * (point - math.sqrt(abar_t) * DATA_MEAN))
            draws = sampler.step(impl, np.tile(point, (n, 1)), np.tile(optimal_eps, (n, 1)), t, betas, rng, grid)
            cases.append(ResidualCase(f"{sampler.label}, {name}: t={t} → {s}", draws - reverse_mean, (),
                                      sampler.claimed_variance(t, betas, grid)))
    return decide_residuals(ctx, cases, "x_{t-1} drawn by the sampler given x_t")


@TOPIC.claim(
    "ddpm.variance_choices",
    method="property",
    canonical=Formula(r"\sigma_t^2\in\{\tilde\beta_t,\beta_t\}", lambda a, b: (POSTERIOR_VARIANCE(a, b), b)),
    printed={"000": Printed(Formula(r"\sigma_t^2\in\{\beta_t,\tilde\beta_t\}",
                                    lambda a, b: (POSTERIOR_VARIANCE(a, b), b)))},
    depends=("ddpm.posterior_variance",),
    references=(HO,),
    uses_impl=False,
)
def variance_choices(ctx: Context, extremes: Formula) -> Outcome:
    """β̃_t and β_t are the two extreme reverse variances.

    For data with coordinate variance s² ∈ [0, 1], Var(x_{t-1} | x_t) lies between β̃_t (attained for a
    deterministic x_0, s² = 0) and β_t (attained for x_0 ~ N(0, I), s² = 1) (Ho et al. 2020, §3.2), shown for
    Gaussian data, where Var(x_{t-1} | x_t) = v_{t-1} β_t / v_t with v_t = ᾱ_t s² + 1 - ᾱ_t.
    """

    def reverse_variance(a: float, b: float, s2: float) -> float:
        v_prev = a * s2 + 1 - a
        return v_prev * b / (abar_of(a, b) * s2 + 1 - abar_of(a, b))

    def prop(case: tuple[float, float, float]) -> list[Comparison]:
        a, b, s2 = case
        low, high = extremes(a, b)
        return [at_most(low, reverse_variance(a, b, s2), label="lower extreme ≤ Var(x_{t-1}|x_t)", rtol=1e-9),
                at_most(reverse_variance(a, b, s2), high, label="Var(x_{t-1}|x_t) ≤ upper extreme", rtol=1e-9),
                close(low, reverse_variance(a, b, 0.0), label="lower extreme attained at s² = 0", rtol=1e-9),
                close(high, reverse_variance(a, b, 1.0), label="upper extreme attained at s² = 1", rtol=1e-9)]

    unit = st.floats(1e-4, 1 - 1e-4)
    return for_all(ctx, st.tuples(unit, unit, st.floats(0.0, 1.0)), prop, max_examples=50)


TOPIC.not_checkable(
    "ddpm.reverse_gaussian_small_beta",
    title="The reverse kernel is nearly Gaussian for small β_t",
    statement="For small β_t, q(x_{t-1} | x_t) is approximately Gaussian (Sohl-Dickstein et al. 2015; Feller 1949).",
    reason="A qualitative limit statement with no rate or measure of closeness to check against.",
)
