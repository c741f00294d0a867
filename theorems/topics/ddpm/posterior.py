"""The forward posterior q(x_{t-1} | x_t, x_0): its mean and variance by completing the square, and a
Monte-Carlo regression of the implementation's chain that recovers it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from impls.ddpm import previous, step_coefficients
from theorems.engine import Context, Formula, Outcome, Printed, show, symbolic
from theorems.engine.typed import TypedForm, quantity

from . import HO, TOPIC
from .formulas import (
    EPS_MEAN_003,
    POSTERIOR_MEAN,
    POSTERIOR_VARIANCE,
    UNIT,
    VARIANCE_003,
    abar_of,
    abar_prev,
    alpha_t,
    beta_t,
    root,
    x_0,
    x_t,
)
from .residuals import COSINE, LEADING_50, LINEAR, ResidualCase, decide_residuals, run_chain

x_prev = sympy.Symbol(r"x_{t-1}", real=True)


def noise_of(x_t: Any, x0: Any, a: Any, b: Any) -> Any:
    """The ε with x_t = √ᾱ_t x_0 + √(1-ᾱ_t) ε."""
    abar = abar_of(a, b)
    return (x_t - root(abar) * x0) / root(1 - abar)


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
    return symbolic(
        ctx,
        ("∂/∂x_{t-1} of the log joint", sympy.diff(log_joint, x_prev)),
        ("collected: -(1/(1-ᾱ_{t-1}) + α_t/β_t) x_{t-1} + √ᾱ_{t-1} x_0/(1-ᾱ_{t-1}) + √α_t x_t/β_t",
         -precision * x_prev + linear),
        ("-(x_{t-1} - μ̃)/β̃ with the stated μ̃ and β̃", -(x_prev - mean) / variance),
        domain=UNIT,
    )


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


ABAR_PREV = quantity(r"\bar\alpha_{t-1}", "abar_prev", "the cumulative product ∏_{s<t} α_s", r"\bar{\alpha}_{t-1}")
BETA = quantity(r"\beta_t", "beta_t", "the noise variance of step t, in (0, 1)", r"\beta_{t}")
DERIVED = (
    quantity(r"\alpha_t", "alpha_t", "1 - β_t", r"\alpha_{t}", equals=1 - BETA.symbol),
    quantity(r"\bar\alpha_t", "abar_t", "ᾱ_{t-1} α_t", r"\bar{\alpha}_t", r"\bar\alpha_{t}", r"\bar{\alpha}_{t}",
             equals=ABAR_PREV.symbol * (1 - BETA.symbol)),
)
X_T = quantity("x_t", "x_t", "the noisy sample at step t", "x_{t}", real=True)
X_0 = quantity("x_0", "x_0", "the clean sample", "x_{0}", real=True)


def substituted(rhs: sympy.Expr, *symbols: sympy.Symbol) -> Callable[..., sympy.Expr]:
    """``rhs`` as a function of ``symbols`` that substitutes SymPy expressions (the checks derive symbolically)."""
    return lambda *values: rhs.xreplace(dict(zip(symbols, values, strict=True)))


TYPED_MEAN = TypedForm(
    quantity(r"\tilde\mu_t", "mu_tilde", "the mean of q(x_{t-1} | x_t, x_0)",
             r"\tilde{\mu}_t", r"\tilde\mu_t(x_t,x_0)"),
    "=", POSTERIOR_MEAN.latex, (X_T, X_0, ABAR_PREV, BETA, *DERIVED),
    lambda rhs, latex: Formula(latex, substituted(rhs, X_T.symbol, X_0.symbol, ABAR_PREV.symbol, BETA.symbol)),
)
TYPED_VARIANCE = TypedForm(
    quantity(r"\tilde\beta_t", "beta_tilde", "the variance of q(x_{t-1} | x_t, x_0)",
             r"\tilde{\beta}_t", r"\sigma_t^2"),
    "=", POSTERIOR_VARIANCE.latex.partition("=")[2], (ABAR_PREV, BETA, *DERIVED),
    lambda rhs, latex: Formula(latex, substituted(rhs, ABAR_PREV.symbol, BETA.symbol)),
)


@TOPIC.claim(
    "ddpm.posterior_mean",
    method="sympy",
    canonical=POSTERIOR_MEAN,
    printed={"000": Printed(
        Formula(r"\frac{\sqrt{\bar\alpha_{t-1}\beta_t}}{1-\bar\alpha_t}x_0+\frac{(1-\bar\alpha_{t-1})\sqrt{1-\beta_t}}"
                r"{1-\bar\alpha_t}x_t",
                lambda x_t, x0, a, b: root(a * b) / (1 - abar_of(a, b)) * x0
                + (1 - a) * root(1 - b) / (1 - abar_of(a, b)) * x_t),
        reading="'|(α)_{t-1}|' is ᾱ_{t-1}. As printed the square root closes after β_t, so β_t is inside it: "
                "√(ᾱ_{t-1}β_t) where Ho et al. have √ᾱ_{t-1} β_t. The x_t coefficient √(1-β_t) = √α_t is right.",
    )},
    depends=("ddpm.posterior_variance",),
    references=(HO,),
    uses_impl=False,
    typed=TYPED_MEAN,
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
    printed={
        "000": Printed(Formula(r"\frac{1-\bar\alpha_{t-1}\beta_t}{1-\bar\alpha_t}",
                               lambda a, b: (1 - a * b) / (1 - abar_of(a, b))),
                       reading="As printed, without brackets: (1 - ᾱ_{t-1}β_t)/(1-ᾱ_t), where Ho et al. have "
                               "(1-ᾱ_{t-1}) β_t/(1-ᾱ_t). Checked as printed."),
        "003": Printed(VARIANCE_003,
                       reading="As printed both α's lack their bar, so the fraction is 1 and σ_t² = β_t; the "
                               "intended (1-ᾱ_{t-1})/(1-ᾱ_t) β_t lost both bars and an index. Checked as printed."),
    },
    references=(HO,),
    uses_impl=False,
    typed=TYPED_VARIANCE,
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
            return impl.posterior_mean(x_t, x0, t, betas, grid), impl.posterior_variance(t, betas, grid)
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
    printed={"003": Printed(
        PosteriorLaw(Formula(EPS_MEAN_003.latex
                             + r",\ \varepsilon_0=\frac{x_t-\sqrt{\bar\alpha_t}x_0}{\sqrt{1-\bar\alpha_t}}",
                             lambda x_t, x0, a, b: EPS_MEAN_003(x_t, noise_of(x_t, x0, a, b), a, b)),
                     VARIANCE_003),
        reading="μ_{q,t} and σ_t² as 003 prints them on line 725: μ_q = (x_t - (1-α_t)/√(1-α_t) ε_0)/√α_t with "
                "ε_0 the noise of x_t, and σ_t² = (1-α_t)/(1-α_t) β_t = β_t.",
    )},
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
        x_s = impl.marginal_sample(x0, s, betas, rng)
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
