"""Denoising diffusion probabilistic models: the forward chain, its posterior, the ε-parameterization.

Standard results: Ho, Jain & Abbeel (2020), "Denoising diffusion probabilistic models", eqs. (2)-(12);
Song et al. (2021) for the SDE limit; Anderson (1982) for the reverse-time SDE.
Formulas are written with ᾱ_{t-1} and β_t as the two free quantities: α_t = 1 - β_t, ᾱ_t = ᾱ_{t-1} α_t.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
import sympy
from hypothesis import strategies as st

from impls.ddpm import DDPM, DDPMImpl, Variance, previous, step_coefficients
from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    Topic,
    Verdict,
    all_of,
    as_array,
    at_most,
    close,
    decide,
    for_all,
    prove_chain,
    show,
    that,
)
from theorems.engine.catalog import D000, D002, D003
from theorems.engine.stats import regression_detectable, residual_p_values, variance_detectable
from theorems.strategies.ddpm import GaussianDiffusion, gaussian_diffusions, schedules

TOPIC = Topic(
    "ddpm",
    "Denoising diffusion (DDPM)",
    summary="Forward marginal, posterior mean and variance, ε-parameterization, ELBO, SDE limit; "
            "checked symbolically, by Monte Carlo, and against diffusers' DDPMScheduler.",
    protocol=DDPMImpl,
    reference="impls.ddpm:DDPM",
)

HO = "Ho, Jain & Abbeel (2020), Denoising diffusion probabilistic models"
SONG = "Song et al. (2021), Score-based generative modeling through stochastic differential equations"
ANDERSON = "Anderson (1982), Reverse-time diffusion equation models"
GAUSS_KL = "KL(N(μ₀,σ₀²) ‖ N(μ₁,σ₁²)) = ln(σ₁/σ₀) + (σ₀² + (μ₀-μ₁)²)/(2σ₁²) - ½"


# --- formulas, usable with SymPy symbols and with numpy numbers alike ------------------------------

def root(x: Any) -> Any:
    return sympy.sqrt(x) if isinstance(x, sympy.Basic) else np.sqrt(x)


def log(x: Any) -> Any:
    return sympy.log(x) if isinstance(x, sympy.Basic) else np.log(x)


def abar_of(abar_prev: Any, beta: Any) -> Any:
    """ᾱ_t = ᾱ_{t-1} (1 - β_t)."""
    return abar_prev * (1 - beta)


def gaussian_kl(m0: Any, v0: Any, m1: Any, v1: Any) -> Any:
    """KL(N(m0, v0) ‖ N(m1, v1)) of scalar Gaussians."""
    return (log(v1 / v0) + (v0 + (m0 - m1) ** 2) / v1 - 1) / 2


POSTERIOR_MEAN = Formula(
    r"\frac{\sqrt{\bar\alpha_{t-1}}\beta_t}{1-\bar\alpha_t}x_0+\frac{\sqrt{\alpha_t}(1-\bar\alpha_{t-1})}{1-\bar\alpha_t}x_t",
    lambda x_t, x0, a, b: (root(a) * b * x0 + root(1 - b) * (1 - a) * x_t) / (1 - abar_of(a, b)),
)
POSTERIOR_VARIANCE = Formula(
    r"\tilde\beta_t=\frac{1-\bar\alpha_{t-1}}{1-\bar\alpha_t}\beta_t", lambda a, b: (1 - a) / (1 - abar_of(a, b)) * b
)
EPS_MEAN = Formula(
    r"\frac{1}{\sqrt{\alpha_t}}\Big(x_t-\frac{\beta_t}{\sqrt{1-\bar\alpha_t}}\varepsilon\Big)",
    lambda x_t, eps, a, b: (x_t - b / root(1 - abar_of(a, b)) * eps) / root(1 - b),
)
EPS_MEAN_003 = Formula(
    r"\frac{1}{\sqrt{\alpha_t}}\Big(x_t-\frac{1-\alpha_t}{\sqrt{1-\alpha_t}}\varepsilon\Big)",
    lambda x_t, eps, a, b: (x_t - b / root(b) * eps) / root(1 - b),
)
VARIANCE_003 = Formula(r"\sigma_t^2=\frac{1-\alpha_t}{1-\alpha_t}\beta_t", lambda a, b: b / b * b)


def noise_of(x_t: Any, x0: Any, a: Any, b: Any) -> Any:
    """The ε with x_t = √ᾱ_t x_0 + √(1-ᾱ_t) ε."""
    abar = abar_of(a, b)
    return (x_t - root(abar) * x0) / root(1 - abar)


# SymPy symbols: ᾱ_{t-1} and α_t in (0, 1), so that β_t = 1 - α_t.
abar_prev, alpha_t = sympy.symbols(r"\bar{\alpha}_{t-1} \alpha_t", positive=True)
beta_t = 1 - alpha_t
x_prev, x_t, x_0, eps, eps_theta, m, m_theta = sympy.symbols(
    r"x_{t-1} x_t x_0 \varepsilon \varepsilon_\theta m m_\theta", real=True
)
sigma2 = sympy.symbols(r"\sigma_t^2", positive=True)
UNIT = {abar_prev: (0.05, 0.95), alpha_t: (0.05, 0.95)}


def prove_all(ctx: Context, chains: Sequence[Sequence[tuple[str, Any]]], **options: Any) -> Outcome:
    """Every chain proved (on the unit domain of ᾱ and α); the first that is not decides the outcome."""
    return all_of({f"chain {i}": partial(prove_chain, ctx, chain, domain=UNIT, **options)
                   for i, chain in enumerate(chains, start=1)})


# --- calibrated residual tests ---------------------------------------------------------------------

@dataclass(frozen=True)
class ResidualCase:
    label: str
    residual: np.ndarray
    features: tuple[np.ndarray, ...]
    variance: float


def decide_residuals(ctx: Context, cases: Sequence[ResidualCase], what: str) -> Outcome:
    """One calibrated decision over all cases: Bonferroni over the 2 tests of every case."""
    tests = 2 * len(cases)
    level = ctx.alpha / tests
    rows, p_min, worst = [], 1.0, None
    for case in cases:
        p_reg, p_var = residual_p_values(case.residual, case.features, case.variance)
        r = np.ravel(case.residual)
        rows.append([case.label, r.size, case.variance, float(np.mean(r * r)), p_reg, p_var])
        if min(p_reg, p_var) < p_min:
            p_min, worst = min(p_reg, p_var), case
    ctx.table(f"{what}: residual tests per case", ["case", "samples", "claimed variance", "mean r²",
                                                   "p (mean, regression χ²)", "p (variance χ²)"], rows)
    n = min(np.size(c.residual) for c in cases)
    k = 1 + max(len(c.features) for c in cases)
    counterexample = None
    if worst is not None:
        r = np.ravel(worst.residual)
        counterexample = {"case": worst.label, "claimed variance": worst.variance, "mean residual": float(r.mean()),
                          "mean squared residual": float(np.mean(r * r))}
    return decide(
        ctx, min(1.0, tests * p_min),
        test=f"{what}: exact χ² regression and χ² variance tests of the residuals, Bonferroni over {tests} tests",
        detectable=(f"a mean error e with Σe²/σ² ≥ {regression_detectable(k, level):.1f}, or a variance off by "
                    f"{100 * variance_detectable(n, level):.1f} % (per case, n = {n})"),
        evidence={"cases": len(cases)}, counterexample=counterexample,
    )


def sample_array(value: Any, what: str, like: np.ndarray) -> np.ndarray:
    return as_array(value, what=what, shape=like.shape)


def run_chain(impl: Any, x: np.ndarray, start: int, stop: int, betas: np.ndarray,
              rng: np.random.Generator) -> np.ndarray:
    """x_stop from x_start through forward_step at t = start+1, …, stop."""
    for t in range(start + 1, stop + 1):
        x = sample_array(impl.forward_step(x, t, betas, rng), f"forward_step(t={t})", x)
    return x


LINEAR, COSINE = DDPM().betas("linear", 1000), DDPM().betas("cosine", 1000)
LEADING_50 = list(range(1, 1001, 20))
"""diffusers' "leading" grid of 50 steps out of 1000 (its timesteps 0, 20, …, 980), as documents' t."""
TRAILING_50 = list(range(20, 1001, 20))
"""diffusers' "trailing" grid (its timesteps 19, 39, …, 999): the last step goes from t = 20 to 0."""


# --- forward process -------------------------------------------------------------------------------

@dataclass(frozen=True)
class GaussianLaw:
    """x ~ N(mean(·), variance(·) I): a kernel or a marginal as a formula."""

    mean: Formula
    variance: Formula


TRANSITION = GaussianLaw(Formula(r"\sqrt{1-\beta_t}\,x_{t-1}", lambda x, b: root(1 - b) * x),
                         Formula(r"\beta_t", lambda b: b))


@TOPIC.claim(
    "ddpm.forward_transition",
    method="statistical",
    canonical=TRANSITION,
    printed=[
        Printed(D000, TRANSITION, r"x_t \mid x_{t-1} \sim N(\sqrt{1-\beta_t}x_{t-1}, \beta_t I)", line=1160),
        Printed(D000, TRANSITION, r"x_t = \sqrt{1-\beta_t}x_{t-1} + \sqrt{\beta_t}\varepsilon_t", line=1176),
        Printed(D002, TRANSITION, r"q(x_t|x_{t-1}) = \mathcal{N}(x_t; \sqrt{1-\beta_t}x_{t-1}, \beta_t I)"),
        Printed(D003, TRANSITION, r"q(x_t|x_{t-1}) = \mathcal{N}(x_t; \sqrt{1-\beta_t}x_{t-1}, \beta_t I)"),
    ],
    references=(HO,),
)
def forward_transition(ctx: Context, kernel: GaussianLaw) -> Outcome:
    """One forward step adds Gaussian noise.

    q(x_t | x_{t-1}) = N(√(1-β_t) x_{t-1}, β_t I), i.e. x_t = √(1-β_t) x_{t-1} + √β_t ε_t
    (Ho et al. 2020, eq. 2). Checked on the implementation's forward_step for small, mid and
    near-one β_t (linear and cosine schedules, T = 1000).
    """
    impl, rng = ctx.impl(), ctx.rng()
    n, d = ctx.scaled(2000), 4
    cases = []
    for name, betas, t in [("linear", LINEAR, 1), ("linear", LINEAR, 1000), ("cosine", COSINE, 500),
                           ("cosine", COSINE, 1000)]:
        x = 3 * rng.standard_normal((n, d))
        beta = float(betas[t - 1])
        sample = sample_array(impl.forward_step(x, t, betas, rng), f"forward_step(t={t})", x)
        cases.append(ResidualCase(f"{name} t={t} (β={beta:.4g})", sample - kernel.mean(x, beta), (x,),
                                  float(kernel.variance(beta))))
    return decide_residuals(ctx, cases, "x_t given x_{t-1}")


MARGINAL = GaussianLaw(Formula(r"\sqrt{\bar\alpha_t}\,x_0", lambda x, abar: root(abar) * x),
                       Formula(r"1-\bar\alpha_t", lambda abar: 1 - abar))


@TOPIC.claim(
    "ddpm.forward_marginal",
    method="statistical",
    canonical=MARGINAL,
    printed=[
        Printed(D000, MARGINAL, r"x_t \approx N(\sqrt{\bar\alpha_t}x_0, \bar\beta_t I) "
                r"\xrightarrow{t\to\infty} N(0, I),\ \bar\beta_t = 1-\bar\alpha_t",
                reading="'|(α)_t|' is the OCR of ᾱ_t and '|(β)_t|' of β̄_t = 1 - ᾱ_t (defined on line 1196); "
                        "the closing '√|(α)_t' lost its bar's right edge. Read as the canonical marginal."),
        Printed(D002, MARGINAL, r"x_t = \sqrt{\bar\alpha_t}x_0 + \sqrt{1-\bar\alpha_t}\epsilon"),
        Printed(D003, MARGINAL, r"q(x_t|x_0) = \mathcal{N}(x_t; \sqrt{\bar\alpha_t}x_0, (1-\bar\alpha_t)I)", line=707),
        Printed(D003, MARGINAL, r"x_t = \sqrt{\bar\alpha_t}x_0 + \sqrt{1-\bar\alpha_t}\varepsilon", line=732),
    ],
    depends=("ddpm.forward_transition",),
    references=(HO,),
)
def forward_marginal(ctx: Context, law: GaussianLaw) -> Outcome:
    """The forward marginal in closed form, and its limit N(0, I).

    With ᾱ_t = ∏_{τ≤t}(1-β_τ): x_t | x_0 ~ N(√ᾱ_t x_0, (1-ᾱ_t) I) (Ho et al. 2020, eq. 4); as
    ᾱ_t → 0 this tends to N(0, I). Proved by induction on t (SymPy), then checked by Monte Carlo on
    the implementation: its chain of forward_steps and its one-shot marginal_sample both match the law.
    """
    a, b = abar_prev, beta_t
    proof = prove_all(ctx, [
        [("base case t = 0: mean coefficient at ᾱ_0 = 1", law.mean(x_0, sympy.Integer(1))), ("x_0", x_0)],
        [("base case t = 0: variance at ᾱ_0 = 1", law.variance(sympy.Integer(1))), ("0", sympy.Integer(0))],
        [("mean of √(1-β_t) x_{t-1} + √β_t ε given the law at t-1", root(1 - b) * law.mean(x_0, a)),
         ("the law's mean at t", law.mean(x_0, abar_of(a, b)))],
        [("variance (1-β_t) Var(x_{t-1}) + β_t given the law at t-1", (1 - b) * law.variance(a) + b),
         ("the law's variance at t", law.variance(abar_of(a, b)))],
        [("mean as ᾱ_t → 0", sympy.limit(law.mean(x_0, a), a, 0)), ("0", sympy.Integer(0))],
        [("variance as ᾱ_t → 0", sympy.limit(law.variance(a), a, 0)), ("1", sympy.Integer(1))],
    ])
    if proof.verdict is not Verdict.PROVED:
        return proof
    impl, rng = ctx.impl(), ctx.rng()
    limit_rows = []
    for name in ("linear", "cosine"):
        betas = as_array(impl.betas(name, 1000), what=f"betas('{name}', 1000)", shape=(1000,))
        abar_T = float(as_array(impl.alpha_bar(betas), what="alpha_bar", shape=(1000,))[-1])
        limit_rows.append([name, abar_T, float(gaussian_kl(math.sqrt(abar_T), 1 - abar_T, 0.0, 1.0))])
    ctx.table("ᾱ_T → 0: the implementation's schedules at T = 1000",
              ["schedule", "ᾱ_T", "KL(q(x_T | x_0 = 1) ‖ N(0,1))"], limit_rows)
    n, d = ctx.scaled(1000), 4
    cases = []
    for name, betas, t in [("linear", LINEAR, 10), ("linear", LINEAR, 1000), ("cosine", COSINE, 500)]:
        abar = float(np.prod(1 - betas[:t]))
        x0 = 2 * rng.standard_normal((n, d))
        for how, sample in [("forward_step chain", run_chain(impl, x0, 0, t, betas, rng)),
                            ("marginal_sample", sample_array(impl.marginal_sample(x0, t, betas, rng),
                                                             f"marginal_sample(t={t})", x0))]:
            cases.append(ResidualCase(f"{name} t={t} {how}", sample - law.mean(x0, abar), (x0,),
                                      float(law.variance(abar))))
    outcome = decide_residuals(ctx, cases, "x_t given x_0")
    outcome.evidence["induction"] = "proved (SymPy)"
    return outcome


@TOPIC.claim(
    "ddpm.alpha_bar_definition",
    method="property",
    canonical=Formula(r"\bar\alpha_t=\prod_{i=1}^t(1-\beta_i)", lambda betas: np.cumprod(1 - betas)),
    printed=[Printed(D003, Formula(r"\bar\alpha_t=\prod_{i=1}^t\alpha_i", lambda betas: np.cumprod(1 - betas)),
                     r"\alpha_t = 1-\beta_t,\ \bar\alpha_t = \prod_{i=1}^t \alpha_i")],
    references=(HO,),
)
def alpha_bar_definition(ctx: Context, definition: Formula) -> Outcome:
    """ᾱ_t is the running product of α_t = 1 - β_t.

    ᾱ_t = ∏_{i=1}^t α_i with α_i = 1 - β_i (Ho et al. 2020, §2): the implementation's alpha_bar
    matches the product on every generated schedule.
    """
    impl = ctx.impl()

    def prop(betas: np.ndarray) -> Comparison:
        got = as_array(impl.alpha_bar(betas), what="alpha_bar", shape=betas.shape)
        return close(got, definition(betas), label="ᾱ", rtol=1e-12, atol=1e-300)

    return for_all(ctx, schedules(), prop, max_examples=50)


# --- the posterior q(x_{t-1} | x_t, x_0) -----------------------------------------------------------

def complete_the_square(ctx: Context, mean: Any, variance: Any) -> Outcome:
    """q(x_{t-1} | x_t, x_0) ∝ q(x_{t-1} | x_0) q(x_t | x_{t-1}) is N(mean, variance) iff the x_{t-1}-derivative
    of the log joint is -(x_{t-1} - mean)/variance (the log joint is quadratic in x_{t-1})."""
    a, b = abar_prev, beta_t
    log_joint = (-(x_prev - root(a) * x_0) ** 2 / (2 * (1 - a))
                 - (x_t - root(1 - b) * x_prev) ** 2 / (2 * b))
    show(ctx, "log q(x_{t-1}|x_0) + log q(x_t|x_{t-1}) up to terms free of x_{t-1}", log_joint)
    precision = 1 / (1 - a) + (1 - b) / b
    linear = root(a) * x_0 / (1 - a) + root(1 - b) * x_t / b
    tabulate_posterior(ctx, derived=(linear / precision, 1 / precision), stated=(mean, variance))
    return prove_chain(ctx, [
        ("∂/∂x_{t-1} of the log joint", sympy.diff(log_joint, x_prev)),
        ("collected: -(1/(1-ᾱ_{t-1}) + α_t/β_t) x_{t-1} + √ᾱ_{t-1} x_0/(1-ᾱ_{t-1}) + √α_t x_t/β_t",
         -precision * x_prev + linear),
        ("-(x_{t-1} - μ̃)/β̃ with the stated μ̃ and β̃", -(x_prev - mean) / variance),
    ], domain=UNIT)


def tabulate_posterior(ctx: Context, derived: tuple[Any, Any], stated: tuple[Any, Any]) -> None:
    """The derived and the stated coefficients of x_0 and x_t and variance, on Ho et al.'s linear schedule."""

    def numbers(mean: Any, variance: Any) -> Callable[[float, float], list[float]]:
        parts = [sympy.diff(mean, x_0), sympy.diff(mean, x_t), variance]
        return sympy.lambdify((abar_prev, alpha_t), parts, "math")

    derived_at, stated_at = numbers(*derived), numbers(*stated)
    rows = []
    for t in (2, 10, 100, 500, 1000):
        a, b = step_coefficients(t, LINEAR)
        rows.append([t, *(v for pair in zip(derived_at(a, 1 - b), stated_at(a, 1 - b), strict=True) for v in pair)])
    ctx.table("Completing the square vs the stated formula, linear schedule (T = 1000)",
              ["t", "x_0 coef. (derived)", "x_0 coef. (stated)", "x_t coef. (derived)", "x_t coef. (stated)",
               "variance (derived)", "variance (stated)"], rows)


@TOPIC.claim(
    "ddpm.posterior_mean",
    method="sympy",
    canonical=POSTERIOR_MEAN,
    printed=[Printed(
        D000,
        Formula(r"\frac{\sqrt{\bar\alpha_{t-1}\beta_t}}{1-\bar\alpha_t}x_0+\frac{(1-\bar\alpha_{t-1})\sqrt{1-\beta_t}}"
                r"{1-\bar\alpha_t}x_t",
                lambda x_t, x0, a, b: root(a * b) / (1 - abar_of(a, b)) * x0
                + (1 - a) * root(1 - b) / (1 - abar_of(a, b)) * x_t),
        r"m(x_t,x_0,t) = \frac{\sqrt{\bar\alpha_{t-1}\beta_t}}{1-\bar\alpha_t}x_0 + "
        r"\frac{(1-\bar\alpha_{t-1})\sqrt{1-\beta_t}}{1-\bar\alpha_t}x_t",
        reading="'|(α)_{t-1}|' is ᾱ_{t-1}. As printed the square root closes after β_t, so β_t is inside it: "
                "√(ᾱ_{t-1}β_t) where Ho et al. have √ᾱ_{t-1} β_t. The x_t coefficient √(1-β_t) = √α_t is right.",
    )],
    depends=("ddpm.posterior_variance",),
    references=(HO,),
    uses_impl=False,
)
def posterior_mean(ctx: Context, mean: Formula) -> Outcome:
    """The forward posterior's mean, by completing the square.

    q(x_{t-1} | x_t, x_0) = N(μ̃_t, β̃_t I) with μ̃_t = √ᾱ_{t-1} β_t/(1-ᾱ_t) x_0 + √α_t (1-ᾱ_{t-1})/(1-ᾱ_t) x_t
    (Ho et al. 2020, eqs. 6-7), derived from q(x_{t-1}|x_0) q(x_t|x_{t-1}) for ᾱ_{t-1}, α_t ∈ (0, 1).
    """
    return complete_the_square(ctx, mean(x_t, x_0, abar_prev, beta_t), POSTERIOR_VARIANCE(abar_prev, beta_t))


@TOPIC.claim(
    "ddpm.posterior_variance",
    method="sympy",
    canonical=POSTERIOR_VARIANCE,
    printed=[
        Printed(D000, Formula(r"\frac{1-\bar\alpha_{t-1}\beta_t}{1-\bar\alpha_t}",
                              lambda a, b: (1 - a * b) / (1 - abar_of(a, b))),
                r"\tilde\beta_t = \frac{1-\bar\alpha_{t-1}\beta_t}{1-\bar\alpha_t}",
                reading="As printed, without brackets: (1 - ᾱ_{t-1}β_t)/(1-ᾱ_t), where Ho et al. have "
                        "(1-ᾱ_{t-1}) β_t/(1-ᾱ_t). Checked as printed."),
        Printed(D003, VARIANCE_003, r"\sigma_t^2 = \frac{1-\alpha_t}{1-\alpha_t}\beta_t",
                reading="As printed both α's lack their bar, so the fraction is 1 and σ_t² = β_t; the intended "
                        "(1-ᾱ_{t-1})/(1-ᾱ_t) β_t lost both bars and an index. Checked as printed."),
    ],
    depends=("ddpm.posterior_mean",),
    references=(HO,),
    uses_impl=False,
)
def posterior_variance(ctx: Context, variance: Formula) -> Outcome:
    """The forward posterior's variance, by completing the square.

    β̃_t = (1-ᾱ_{t-1})/(1-ᾱ_t) β_t (Ho et al. 2020, eq. 7): the reciprocal of the x_{t-1}² coefficient
    1/(1-ᾱ_{t-1}) + α_t/β_t of the log joint, for ᾱ_{t-1}, α_t ∈ (0, 1).
    """
    return complete_the_square(ctx, POSTERIOR_MEAN(x_t, x_0, abar_prev, beta_t), variance(abar_prev, beta_t))


@dataclass(frozen=True)
class PosteriorLaw:
    """Where the posterior's mean and variance come from: the implementation, or a printed formula."""

    mean: Formula | None = None
    variance: Formula | None = None

    def predict(self, impl: Any, x_t: np.ndarray, x0: np.ndarray, t: int, betas: np.ndarray,
                grid: Sequence[int] | None) -> tuple[np.ndarray, float]:
        if self.mean is None or self.variance is None:
            mean = as_array(impl.posterior_mean(x_t, x0, t, betas, grid), what=f"posterior_mean(t={t})",
                            shape=x_t.shape)
            return mean, float(as_array(impl.posterior_variance(t, betas, grid), what="posterior_variance"))
        a, b = step_coefficients(t, betas, grid)
        return self.mean(x_t, x0, a, b), float(self.variance(a, b))


POSTERIOR_CASES = [("linear", LINEAR, None, 2), ("linear", LINEAR, None, 50), ("linear", LINEAR, None, 500),
                   ("cosine", COSINE, None, 2), ("cosine", COSINE, None, 900),
                   ("linear, leading 50-step grid", LINEAR, LEADING_50, 21),
                   ("linear, leading 50-step grid", LINEAR, LEADING_50, 501)]


@TOPIC.claim(
    "ddpm.posterior_gaussian_form",
    method="statistical",
    canonical=PosteriorLaw(),
    printed=[Printed(
        D003,
        PosteriorLaw(Formula(EPS_MEAN_003.latex
                             + r",\ \varepsilon_0=\frac{x_t-\sqrt{\bar\alpha_t}x_0}{\sqrt{1-\bar\alpha_t}}",
                             lambda x_t, x0, a, b: EPS_MEAN_003(x_t, noise_of(x_t, x0, a, b), a, b)),
                     VARIANCE_003),
        r"q(x_{t-1}|x_t,x_0) = \mathcal{N}(x_{t-1}; \mu_{q,t}(x_t,x_0), \sigma_t^2 I)",
        reading="μ_{q,t} and σ_t² as 003 prints them on line 725: μ_q = (x_t - (1-α_t)/√(1-α_t) ε_0)/√α_t with "
                "ε_0 the noise of x_t, and σ_t² = (1-α_t)/(1-α_t) β_t = β_t.",
    )],
    depends=("ddpm.posterior_mean", "ddpm.posterior_variance", "ddpm.forward_marginal"),
    references=(HO,),
)
def posterior_gaussian_form(ctx: Context, law: PosteriorLaw) -> Outcome:
    """Monte-Carlo regression of x_{t-1} on (x_t, x_0) recovers the posterior.

    Simulating x_{t-1} ~ q(·|x_0) and x_t ~ q(·|x_{t-1}) with the implementation, the residual
    x_{t-1} - μ̃_t(x_t, x_0) is N(0, β̃_t I) and independent of (x_t, x_0) (Ho et al. 2020, eq. 6), on the
    full grid and on a skipped grid (step t → s with ᾱ_{t-1} read as ᾱ_s, β_t as 1 - ᾱ_t/ᾱ_s). The mean and
    variance under test are the implementation's (canonical) or the printed formulas.
    """
    impl, rng = ctx.impl(), ctx.rng()
    n, d = ctx.scaled(2000), 4
    cases = []
    for name, betas, grid, t in POSTERIOR_CASES:
        s = previous(t, grid)
        x0 = 2 * rng.standard_normal((n, d))
        x_s = sample_array(impl.marginal_sample(x0, s, betas, rng), f"marginal_sample(t={s})", x0)
        noisy = run_chain(impl, x_s, s, t, betas, rng)
        mean, variance = law.predict(impl, noisy, x0, t, betas, grid)
        cases.append(ResidualCase(f"{name}: t={t} → {s}", x_s - mean, (noisy, x0), variance))
    plot_posterior_coefficients(ctx, impl, law)
    return decide_residuals(ctx, cases, "x_{t-1} given (x_t, x_0)")


def probe(law: PosteriorLaw, impl: Any, t: int, betas: np.ndarray) -> list[float]:
    """The x_0 and x_t coefficients of the posterior mean (fed x_0 = (1, 0), x_t = (0, 1)) and its variance."""
    mean, variance = law.predict(impl, np.array([[0.0, 1.0]]), np.array([[1.0, 0.0]]), t, betas, None)
    return [float(mean[0, 0]), float(mean[0, 1]), variance]


def plot_posterior_coefficients(ctx: Context, impl: Any, law: PosteriorLaw) -> None:
    """Coefficients of x_0 and x_t in the posterior mean, and its variance, against t: tested vs Ho et al."""
    ts = np.unique(np.r_[np.arange(2, 1001, 10), 1000])
    disagreement = []
    with ctx.figure("Posterior coefficients against t: under test (markers) vs Ho et al. (lines)",
                    ncols=3, figsize=(10.0, 3.4)) as (_, axes):
        for name, betas, colour in (("linear", LINEAR, "C0"), ("cosine", COSINE, "C1")):
            tested = np.array([probe(law, impl, int(t), betas) for t in ts])
            exact = np.array([[POSTERIOR_MEAN(0.0, 1.0, *step_coefficients(int(t), betas)),
                               POSTERIOR_MEAN(1.0, 0.0, *step_coefficients(int(t), betas)),
                               POSTERIOR_VARIANCE(*step_coefficients(int(t), betas))] for t in ts])
            for column, (ax, title) in enumerate(zip(axes, ("x_0 coefficient", "x_t coefficient", "variance β̃_t"),
                                                     strict=True)):
                ax.plot(ts, exact[:, column], color=colour, label=f"{name} (Ho et al.)")
                ax.plot(ts[::5], tested[::5, column], "x", color=colour, label=f"{name} (under test)")
                ax.set_title(title)
                ax.set_xlabel("t")
            disagreement.append([name, *np.max(np.abs(tested - exact) / np.abs(exact), axis=0)])
        axes[0].legend(fontsize=7)
    ctx.table("Largest relative disagreement with Ho et al. over t = 2…1000",
              ["schedule", "x_0 coefficient", "x_t coefficient", "variance"], disagreement)


# --- the ε-parameterization ------------------------------------------------------------------------

def x_t_of_noise() -> Any:
    abar = abar_of(abar_prev, beta_t)
    return root(abar) * x_0 + root(1 - abar) * eps


@TOPIC.claim(
    "ddpm.eps_parameterized_mean",
    method="sympy",
    canonical=EPS_MEAN,
    printed=[
        Printed(D000, EPS_MEAN, r"m(x_t,x_0,t) = \frac{1}{\sqrt{\alpha_t}}\Big[x_t(x_0,\varepsilon) - "
                r"\frac{\beta_t}{\sqrt{1-\bar\alpha_t}}\varepsilon\Big]",
                reading="'|(α)_t|' is ᾱ_t; 'x_{t(x_0, ε)}' is x_t(x_0, ε)."),
        Printed(D003, EPS_MEAN_003, r"\mu_{q,t}(x_t,x_0) = \frac{1}{\sqrt{\alpha_t}}\Big(x_t - "
                r"\frac{1-\alpha_t}{\sqrt{1-\alpha_t}}\varepsilon_0\Big)", line=725,
                reading="As printed the denominator is √(1-α_t) without a bar, so the noise coefficient is "
                        "√β_t instead of β_t/√(1-ᾱ_t)."),
        Printed(D003, EPS_MEAN_003, r"\mu_\theta(x_t,t) = \frac{1}{\sqrt{\alpha_t}}\Big(x_t - "
                r"\frac{1-\alpha_t}{\sqrt{1-\alpha_t}}\varepsilon_\theta(x_t,t)\Big)", line=729,
                reading="The same formula with ε_θ for ε_0; it mirrors μ_q exactly when ε_θ is the true noise."),
    ],
    depends=("ddpm.posterior_mean", "ddpm.x0_from_eps"),
    references=(HO,),
    uses_impl=False,
)
def eps_parameterized_mean(ctx: Context, mean: Formula) -> Outcome:
    """The posterior mean in terms of the noise.

    With x_t = √ᾱ_t x_0 + √(1-ᾱ_t) ε: μ̃_t(x_t, x_0) = (x_t - β_t/√(1-ᾱ_t) ε)/√α_t (Ho et al. 2020, eq. 10).
    """
    return prove_chain(ctx, [
        ("μ̃_t(x_t, x_0) at x_t = √ᾱ_t x_0 + √(1-ᾱ_t) ε", POSTERIOR_MEAN(x_t_of_noise(), x_0, abar_prev, beta_t)),
        ("the stated mean at the same x_t", mean(x_t_of_noise(), eps, abar_prev, beta_t)),
    ], domain=UNIT)


X0_FROM_EPS = Formula(r"\frac{1}{\sqrt{\bar\alpha_t}}x_t"
                      r"-\frac{\sqrt{1-\bar\alpha_t}\,\varepsilon}{\sqrt{\bar\alpha_t}}",
                      lambda x_t, eps, a, b: x_t / root(abar_of(a, b)) - root(1 - abar_of(a, b)) * eps
                      / root(abar_of(a, b)))


@TOPIC.claim(
    "ddpm.x0_from_eps",
    method="sympy",
    canonical=X0_FROM_EPS,
    printed=[Printed(D000, X0_FROM_EPS, r"x_0 = \frac{1}{\sqrt{\bar\alpha_t}}x_t - "
                     r"\frac{\sqrt{1-\bar\alpha_t}\varepsilon}{\sqrt{\bar\alpha_t}}",
                     reading="'√|(α)_t' is √ᾱ_t with the bar's closing edge lost.")],
    references=(HO,),
    uses_impl=False,
)
def x0_from_eps(ctx: Context, inverse: Formula) -> Outcome:
    """x_0 recovered from x_t and the noise.

    x_t = √ᾱ_t x_0 + √(1-ᾱ_t) ε ⇒ x_0 = (x_t - √(1-ᾱ_t) ε)/√ᾱ_t (Ho et al. 2020, eq. 15).
    """
    return prove_chain(ctx, [
        ("stated x_0 at x_t = √ᾱ_t x_0 + √(1-ᾱ_t) ε", inverse(x_t_of_noise(), eps, abar_prev, beta_t)),
        ("x_0", x_0),
    ], domain=UNIT)


LOSS_WEIGHT = Formula(r"\rho_t=\frac{\beta_t^2}{2\sigma_t^2\alpha_t(1-\bar\alpha_t)}",
                      lambda a, b, s2: b**2 / (2 * s2 * (1 - b) * (1 - abar_of(a, b))))


@TOPIC.claim(
    "ddpm.eps_loss_weight",
    method="sympy",
    canonical=LOSS_WEIGHT,
    printed=[
        Printed(D000, LOSS_WEIGHT, r"\rho_t = \frac{\beta_t^2}{2\sigma_t^2\alpha_t(1-\bar\alpha_t)}",
                reading="The weight is read as printed on its own; the document writes ε ~ ρ_t as if ρ_t were the "
                        "noise's distribution and puts ε inside the square root of the argument of ε_θ."),
        Printed(D003, Formula(r"\frac{(1-\alpha_t)}{2\alpha_t(1-\alpha_t)\sigma_t^2}",
                              lambda a, b, s2: b / (2 * (1 - b) * b * s2)),
                r"\frac{(1-\alpha_t)}{2\alpha_t(1-\alpha_t)\sigma_t^2}",
                reading="As printed: (1-α_t)/(2α_t(1-α_t)σ_t²) = 1/(2α_tσ_t²); Ho et al.'s weight has (1-α_t)² "
                        "on top and ᾱ_t in the denominator, both lost here."),
    ],
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
    return prove_chain(ctx, [
        ("(μ̃_t - μ_θ)²/(2σ_t²), both in ε-form", (EPS_MEAN(x_t, eps, a, b) - EPS_MEAN(x_t, eps_theta, a, b)) ** 2
         / (2 * sigma2)),
        ("ρ_t (ε - ε_θ)²", weight(a, b, sigma2) * (eps - eps_theta) ** 2),
    ], domain=UNIT)


MEAN_MATCHING = Formula(r"L_t=-\frac{\|m-m_\theta\|^2}{2\sigma_t^2}+\text{const}",
                        lambda m, m_theta, s2: -((m - m_theta) ** 2) / (2 * s2))


@TOPIC.claim(
    "ddpm.simplified_elbo_mean_matching",
    method="sympy",
    canonical=MEAN_MATCHING,
    printed=[
        Printed(D000, MEAN_MATCHING, r"L_t = -\frac{\|m(x_t,x_0,t) - m_\theta(x_t,t)\|^2}{2\sigma_t^2} + \text{const.}",
                line=934, reading="Misplaced under 'VC learning theory'; the same formula as line 1208."),
        Printed(D000, MEAN_MATCHING, r"L_t = -\frac{\|m(x_t,x_0,t) - m_\theta(x_t,t)\|^2}{2\sigma_t^2} + \text{const.}",
                line=1208, reading="'m_{θ(x_t, t)}' is m_θ(x_t, t)."),
    ],
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
        [(f"∂/∂{v} of -KL", sympy.diff(minus_kl, v)), (f"∂/∂{v} of the stated L_t", sympy.diff(stated(m, m_theta,
                                                                                                      sigma2), v))]
        for v in (m, m_theta)
    ])


# --- sampling --------------------------------------------------------------------------------------

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
            out = impl.sampling_step(x_t, eps, t, betas, rng, variance=self.variance, grid=grid)
            return as_array(out, what=f"sampling_step(t={t}, variance={self.variance})", shape=x_t.shape)
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
    printed=[Printed(
        D003,
        (Sampler("003", "large", EPS_MEAN_003, VARIANCE_003),),
        r"x_{t-1} = \frac{1}{\sqrt{\alpha_t}}\Big(x_t - \frac{1-\alpha_t}{\sqrt{1-\alpha_t}}"
        r"\varepsilon_\theta(x_t,t)\Big) + \sigma_t z",
        reading="σ_t² as 003 prints it on line 725, (1-α_t)/(1-α_t) β_t = β_t (an admissible choice).",
    )],
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
    printed=[Printed(D000, Formula(r"\sigma_t^2\in\{\beta_t,\tilde\beta_t\}",
                                   lambda a, b: (POSTERIOR_VARIANCE(a, b), b)),
                     r"\Sigma(x_t,t) = \sigma_t^2 I,\ \sigma_t^2 \in \{\beta_t, \tilde\beta_t\}")],
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


# --- entropy, ELBO -------------------------------------------------------------------------------

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
    printed=[Printed(D000, ENTROPY_IMPLICATION,
                     r"H(x_t) \geq H(x_{t-1}) \Rightarrow H(x_t \mid x_{t-1}) \geq H(x_{t-1} \mid x_t)")],
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
    printed=[
        Printed(D000, ELBO_000, r"\sum_{t=0}^T L_t,\ L_t = \begin{cases} E[\ln p_\theta(x_0|x_1)] & t=0\\ "
                r"-D(q(x_T|x_0)\|\pi) & t=T\\ -D(q(x_{t-1}|x_t,x_0)\|p_\theta(x_{t-1}|x_t)) & \text{else}\end{cases}",
                reading="Taken literally (with the expectation over x_t that the KL terms need): the middle terms "
                        "run over 0 < t < T with q(x_{t-1}|x_t,x_0), so t = 1 brings q(x_0|x_1,x_0), a point mass "
                        "(KL = +∞), and the term t = T is missing. Shifting the index (L_t := -D(q(x_t|x_{t+1},x_0) "
                        "‖ p_θ(x_t|x_{t+1}))) gives the canonical decomposition."),
        Printed(D003, ELBO_HO, r"\mathcal{L}_{VLB} = L_T + \sum_{t=2}^T E_{q(x_t|x_0)}[D_{KL}(q(x_{t-1}|x_t,x_0)\|"
                r"p(x_{t-1}|x_t))] + L_0",
                reading="The L_0 term is named in the bullet list (reconstruction term), not printed on the line; "
                        "L_VLB is the negative ELBO."),
    ],
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
class Bound:
    """``lhs(ln p_θ(x_0), ELBO) ≤ rhs(ln p_θ(x_0), ELBO)``."""

    latex: str
    sides: Callable[[float, float], tuple[float, float]]


@TOPIC.claim(
    "ddpm.vlb_bound",
    method="property",
    canonical=Bound(r"E_q[\ln p_\theta(x_{0:T})/q(x_{1:T}|x_0)] \le \ln p_\theta(x_0)", lambda ll, elbo: (elbo, ll)),
    printed=[
        Printed(D000, Bound(r"\ln p_\theta(x_0) \ge E[\ln(p_\theta(x_{0:T})/q(x_{1:T}|x_0))|x_0]",
                            lambda ll, elbo: (elbo, ll)),
                r"\ln p_\theta(x_0) = \ln\int q(x_{1:T}|x_0)\frac{p_\theta(x_{0:T})}{q(x_{1:T}|x_0)}dx_{1:T} \ge "
                r"E\Big[\ln\frac{p_\theta(x_{0:T})}{q(x_{1:T}|x_0)}\Big|x_0\Big]",
                reading="'p_{θ(x_0)}' is p_θ(x_0); the inequality is printed on the next line (1180)."),
        Printed(D003, Bound(r"-\log p_\theta(x_0) \le E_q[\log q(x_{1:T}|x_0)/p_\theta(x_{1:T}|x_0)]",
                            lambda ll, elbo: (-ll, ll - elbo)),
                r"-\log p_\theta(x_0) \le \mathcal{L}_{VLB} = E_q\Big[\log\frac{q(x_{1:T}|x_0)}{p_\theta(x_{1:T}|x_0)}"
                r"\Big]",
                reading="Checked as printed (line 715 gives L_VLB): with p_θ(x_{1:T}|x_0) in the denominator, "
                        "L_VLB = KL(q(x_{1:T}|x_0) ‖ p_θ(x_{1:T}|x_0)) = -ELBO + ln p_θ(x_0), the gap of the bound "
                        "rather than the bound. With p_θ(x_{0:T}) there (Ho et al., eq. 3) it is the negative ELBO "
                        "and the inequality holds (the canonical variant)."),
    ],
    references=(HO,),
    uses_impl=False,
)
def vlb_bound(ctx: Context, bound: Bound) -> Outcome:
    """The ELBO bounds the log-likelihood from below (Jensen).

    ln p_θ(x_0) = ln E_q[p_θ(x_{0:T})/q(x_{1:T}|x_0)] ≥ E_q[ln p_θ(x_{0:T})/q(x_{1:T}|x_0)]
    (Ho et al. 2020, eq. 3), checked exactly on scalar linear-Gaussian diffusions.
    """

    def prop(model: GaussianDiffusion) -> Comparison:
        lhs, rhs = bound.sides(log_likelihood(model), elbo_definition(model))
        return at_most(lhs, rhs, label="bound", rtol=1e-9, atol=1e-9)

    return for_all(ctx, gaussian_diffusions(), prop, max_examples=50, describe=GaussianDiffusion.describe)


# --- continuous time -------------------------------------------------------------------------------

@dataclass(frozen=True)
class SDE:
    """dx = drift dt + diffusion dw, as formulas of (x, β) (and of the data's mean μ and variance v)."""

    latex: str
    drift: Callable[..., Any]
    diffusion: Callable[[Any], Any]


x_sym, mu_sym = sympy.symbols("x mu", real=True)
beta_sym, v_sym, T_sym = sympy.symbols(r"\beta v T", positive=True)


@TOPIC.claim(
    "ddpm.forward_sde",
    method="sympy",
    canonical=SDE(r"dx=-\tfrac12\beta(t)x\,dt+\sqrt{\beta(t)}\,dw", lambda x, b: -b * x / 2, sympy.sqrt),
    printed=[Printed(D000, SDE(r"dx_t=-\tfrac12\beta_t x_t\,dt+\sqrt{\beta_t}\,dw_t", lambda x, b: -b * x / 2,
                               sympy.sqrt),
                     r"dx_t = -\frac{1}{2}\beta_t x_t dt + \sqrt{\beta_t} dw_t")],
    depends=("ddpm.forward_transition",),
    references=(SONG,),
    uses_impl=False,
)
def forward_sde(ctx: Context, sde: SDE) -> Outcome:
    """The forward chain is the discretisation of the variance-preserving SDE.

    With β_t = β(t/T)/T and step dt = 1/T, x_{t+1} = √(1-β_t) x_t + √β_t ε has drift
    E[x_{t+1} - x_t]/dt → -½β x and variance Var[x_{t+1} - x_t]/dt → β as T → ∞: the SDE
    dx = -½β(t) x dt + √β(t) dw (Song et al. 2021, eq. 11).
    """
    return prove_all(ctx, [
        [("lim T (√(1 - β/T) - 1) x", sympy.limit(T_sym * (sympy.sqrt(1 - beta_sym / T_sym) - 1) * x_sym, T_sym,
                                                 sympy.oo)),
         ("stated drift", sde.drift(x_sym, beta_sym))],
        [("lim T · β/T (variance per unit time)", sympy.limit(T_sym * beta_sym / T_sym, T_sym, sympy.oo)),
         ("stated diffusion squared", sde.diffusion(beta_sym) ** 2)],
    ])


def reverse_drift(x: Any, mu: Any, v: Any, b: Any) -> Any:
    """-½βx - β ∇ log q_t(x) for q_t = N(μ, v)."""
    return -b * x / 2 - b * (-(x - mu) / v)


@TOPIC.claim(
    "ddpm.reverse_sde",
    method="sympy",
    canonical=SDE(r"dx=[-\tfrac12\beta x-\beta\nabla_x\log q_t(x)]dt+\sqrt\beta\,d\bar w", reverse_drift, sympy.sqrt),
    printed=[Printed(D000, SDE(r"dx_t=[-\tfrac12\beta_t x_t-\beta_t\nabla\log q_t(x_t)]dt+\sqrt{\beta_t}d\bar w_t",
                               reverse_drift, sympy.sqrt),
                     r"dx_t = -\frac{1}{2}\beta_t x_t - \beta_t \nabla_{x_t}\log q_t(x_t) dt"
                     r" + \sqrt{\beta_t} d\bar w_t",
                     reading="Split over lines 1168-1170 with the brackets lost; read with the dt multiplying the "
                             "whole drift [-½β x - β ∇log q] (literally only the score term has a dt, which is not "
                             "an SDE).")],
    depends=("ddpm.forward_sde",),
    references=(ANDERSON, SONG),
    uses_impl=False,
)
def reverse_sde(ctx: Context, sde: SDE) -> Outcome:
    """The reverse-time SDE retraces the forward marginals.

    Run backwards in time (x_{t-dt} = x_t - b dt + g √dt ξ) from q_t, the SDE dx = b dt + g dw̄ with
    b = -½βx - β∇log q_t and g² = β keeps the marginals of the forward SDE (Anderson 1982). Shown for
    Gaussian marginals q_t = N(μ, v), whose forward moments obey μ' = -½βμ and v' = β(1 - v): the reverse step
    gives E: μ - E[b] dt, Var: v - (2v ∂b/∂x - g²) dt, which must be μ - μ' dt and v - v' dt.
    """
    drift = sde.drift(x_sym, mu_sym, v_sym, beta_sym)
    return prove_all(ctx, [
        [("E[b] under N(μ, v) (b is linear in x)", drift.subs(x_sym, mu_sym)), ("μ' = -½βμ", -beta_sym * mu_sym / 2)],
        [("2v ∂b/∂x - g²", 2 * v_sym * sympy.diff(drift, x_sym) - sde.diffusion(beta_sym) ** 2),
         ("v' = β(1 - v)", beta_sym * (1 - v_sym))],
    ])


# --- not checkable ---------------------------------------------------------------------------------

TOPIC.not_checkable(
    "ddpm.simple_loss",
    title="The simplified training objective",
    statement="L_simple = E_{t, x_0, ε} ‖ε - ε_θ(√ᾱ_t x_0 + √(1-ᾱ_t) ε, t)‖² (Ho et al. 2020, eq. 14).",
    reason="A definition of the training loss (it drops the weights ρ_t of the ELBO); nothing to verify. "
           "Document 000 prints ε inside the square root, √(1-ᾱ_t ε).",
    printed=[Printed(D000, None, r"h(\theta)(x) = \frac1T\sum_{t=1}^T E\|\varepsilon - "
                     r"\varepsilon_\theta(\sqrt{\bar\alpha_t}x + \sqrt{1-\bar\alpha_t\varepsilon}, t)\|^2"),
             Printed(D002, None, r"L_{simple} = E_{t,x_0,\epsilon}\|\epsilon - "
                     r"\epsilon_\theta(\sqrt{\bar\alpha_t}x_0 + \sqrt{1-\bar\alpha_t}\epsilon, t)\|^2"),
             Printed(D003, None, r"\mathcal{L}_{simple} = E_{t\sim[1,T],x_0,\varepsilon_0}\|\varepsilon_0 - "
                     r"\varepsilon_\theta(x_t,t)\|^2")],
)
TOPIC.not_checkable(
    "ddpm.training_grad_step",
    title="The training step",
    statement="Take a gradient step on ∇_θ ‖ε - ε_θ(x_t, t)‖² (Ho et al. 2020, Algorithm 1).",
    reason="A step of an algorithm (and garbled in print: '∇_θ L - ε_θ(x_t, t)²'); it states nothing to verify.",
    printed=[Printed(D003, None, r"\text{Grad step on } \nabla_\theta\|\varepsilon - \varepsilon_\theta(x_t,t)\|^2")],
)
TOPIC.not_checkable(
    "ddpm.reverse_gaussian_small_beta",
    title="The reverse kernel is nearly Gaussian for small β_t",
    statement="For small β_t, q(x_{t-1} | x_t) is approximately Gaussian (Sohl-Dickstein et al. 2015; Feller 1949).",
    reason="A qualitative limit statement with no rate or measure of closeness to check against.",
    printed=[Printed(D003, None, r"\text{For small } \beta_t \text{, the reverse } q(x_{t-1}|x_t) "
                     r"\text{ is also Gaussian.}")],
)



# --- Gaussian KL divergences, on which the ELBO terms rest ---------------------------------------

mu0, mu1 = sympy.symbols(r"\mu_0 \mu_1", real=True)
s0, s1 = sympy.symbols(r"\sigma_0 \sigma_1", positive=True)


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


@TOPIC.claim(
    "probability.kl_univariate_gaussians",
    method="sympy",
    canonical=Formula(r"\ln\frac{\sigma_1}{\sigma_0}+\frac{\sigma_0^2+(\mu_0-\mu_1)^2}{2\sigma_1^2}-\frac12",
                      lambda: gaussian_kl(mu0, s0**2, mu1, s1**2)),
    printed=[Printed(D003, Formula(r"\frac12\left(\frac{\sigma_1^2}{\sigma_0^2}+\frac{(\mu_0-\mu_1)^2}{\sigma_0^2}-1"
                                   r"+\log\frac{\sigma_1^2}{\sigma_0^2}\right)",
                                   lambda: (s1**2 / s0**2 + (mu0 - mu1) ** 2 / s0**2 - 1
                                            + sympy.log(s1**2 / s0**2)) / 2),
                     r"\frac{1}{2} \left(\frac{\sigma_1^2}{\sigma_o^2} + \frac{(\mu_0 - \mu_1)^2}{\sigma_o^2} - 1 + "
                     r"\log \frac{\sigma_1^2}{\sigma_o^2} \right)",
                     reading="σ_o read as σ_0 (OCR). The ratios are inverted: σ₁²/σ₀² and /σ₀² where the "
                             "divergence from N(μ₀, σ₀²) to N(μ₁, σ₁²) has σ₀²/σ₁² and /σ₁².")],
    references=(GAUSS_KL,),
    uses_impl=False,
)
def kl_univariate_gaussians(ctx: Context, divergence: Formula) -> Outcome:
    """The KL divergence between two univariate Gaussians.

    KL(N(μ₀, σ₀²) ‖ N(μ₁, σ₁²)) = ln(σ₁/σ₀) + (σ₀² + (μ₀-μ₁)²)/(2σ₁²) - ½, derived as the expectation
    under N(μ₀, σ₀²) of the log-density ratio (sympy.stats), with no formula assumed.
    """
    return prove_chain(ctx, [("E_{x∼N(μ₀,σ₀²)}[ln p₀(x) - ln p₁(x)]", expected_log_ratio([mu0], [mu1], s0, s1)),
                             ("stated divergence", divergence())])


mu_q = sympy.symbols("mu_q1:4", real=True)
mu_p = sympy.symbols("mu_p1:4", real=True)
sigma = sympy.Symbol(r"\sigma", positive=True)


@TOPIC.claim(
    "probability.kl_gaussians_same_variance",
    method="sympy",
    canonical=Formula(r"\frac{\|\mu_q-\mu_p\|^2}{2\sigma^2}",
                      lambda: sum((a - b) ** 2 for a, b in zip(mu_q, mu_p, strict=True)) / (2 * sigma**2)),
    printed=[Printed(D003, Formula(r"\frac{1}{2\sigma^2}\|\mu_q-\mu_p\|^2",
                                   lambda: sum((a - b) ** 2 for a, b in zip(mu_q, mu_p, strict=True)) / (2 * sigma**2)),
                     r"D_{KL}(\mathcal{N}(\mu_q, \sigma_q^2 I) \parallel \mathcal{N}(\mu_p, \sigma_p^2 I)) = "
                     r"\frac{1}{2\sigma^2} \|\mu_q - \mu_p\|^2",
                     reading="Read with σ_q = σ_p = σ, as the right-hand side requires.")],
    references=(GAUSS_KL,),
    uses_impl=False,
)
def kl_gaussians_same_variance(ctx: Context, divergence: Formula) -> Outcome:
    """The KL divergence between isotropic Gaussians of equal variance.

    KL(N(μ_q, σ²I) ‖ N(μ_p, σ²I)) = ‖μ_q - μ_p‖²/(2σ²), derived in R³ as the expectation under
    N(μ_q, σ²I) of the log-density ratio (sympy.stats).
    """
    return prove_chain(ctx, [("E_{x∼N(μ_q,σ²I)}[ln q(x) - ln p(x)]", expected_log_ratio(mu_q, mu_p, sigma, sigma)),
                             ("stated divergence", divergence())])
