"""Gaussians of the encoder: the reparameterisation z = μ + Lε (its law and its gradients) and the closed-form
KL divergence of a diagonal Gaussian from the standard normal prior."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy
from scipy import stats as sps
from scipy.linalg import solve_triangular

from theorems import stats
from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    close,
    decide,
    for_all,
    symbolic,
    within_tolerance,
)
from theorems.topics.ddpm.formulas import gaussian_kl, log

from . import KINGMA, REZENDE, TOPIC
from .strategies import Gaussian, random_gaussian, random_symmetric, vectors


@dataclass(frozen=True)
class Reparameterization:
    """A stated map from standard normal noise to a draw of N(μ, LLᵀ); ``diagonal``: stated for diagonal L only."""

    map: Formula
    diagonal: bool = False


FULL = Reparameterization(Formula(r"z=\mu+\Sigma^{1/2}\varepsilon", lambda mu, scale, eps: mu + eps @ scale.T))
DIAGONAL = Reparameterization(
    Formula(r"z=\mu+\mathrm{diag}(\sigma_i)\varepsilon", lambda mu, scale, eps: mu + eps * np.diag(scale)),
    diagonal=True,
)


def whitened(g: Gaussian, z: np.ndarray) -> np.ndarray:
    """L⁻¹(z - μ) for each draw (one column per draw): i.i.d. N(0, 1) entries exactly when z ~ N(μ, LLᵀ)."""
    return solve_triangular(g.scale, (z - g.mu).T, lower=True)


def normality_p_values(w: np.ndarray) -> list[float]:
    """Exact tests that the entries of the whitened draws ``w`` (d × n) are i.i.d. N(0, 1): their mean and variance
    (χ²), and the regression of each coordinate on the previous one (a wrong correlation)."""
    p_mean, p_var = stats.residual_p_values(w.ravel(), [], 1.0)
    tests = [p_mean, p_var]
    if len(w) > 1:
        tests.append(stats.residual_p_values(w[1:].ravel(), [w[:-1].ravel()], 1.0)[0])
    return tests


def law_of_draws(ctx: Context, draw: Callable[[Gaussian, int, int], np.ndarray], *, diagonal: bool,
                 source: str, stream: int) -> Outcome:
    """Draws of N(μ, LLᵀ) from ``draw(g, n, seed)`` whitened and tested exactly (Bonferroni over the Gaussians)."""
    rng, n, count = ctx.rng(stream), ctx.scaled(2000), 4
    p_values = []
    for _ in range(count):
        g = random_gaussian(rng, 3)
        g = Gaussian(g.mu, np.diag(np.diag(g.scale))) if diagonal else g
        p_values += normality_p_values(whitened(g, draw(g, n, int(rng.integers(2**32)))))
    level = ctx.alpha / len(p_values)
    return decide(ctx, min(1.0, len(p_values) * min(p_values)),
                  test=f"{source}: L⁻¹(z - μ) i.i.d. N(0, 1) (χ² mean/variance/correlation tests, {count} Gaussians "
                       f"on R³, {n} draws each)",
                  detectable=f"variance off by {stats.variance_detectable(3 * n, level):.3g} (relative)",
                  evidence={"p-values": p_values})


def reparameterisation_gradients(ctx: Context) -> Outcome:
    """The implementation's gradient of the mean of f(z_k) = ½z_kᵀAz_k + bᵀz_k through its reparameterised draws,
    against the analytic ∇_μ E f = Aμ + b and ∇_L E f = A L, by exact tests.

    Per draw ∇_μ f = A z + b, so the mean over n draws is N(Aμ + b, AΣA/n) exactly: whitened, i.i.d. N(0, 1).
    With b = -Aμ the gradient in L is A L S with S = Σ_k ε_k ε_kᵀ / n, so n tr(L⁻¹A⁻¹ g_L) ~ χ²_{nd} exactly.
    """
    rng, n, repeats, d = ctx.rng(stream=3), 50, ctx.scaled(20), 3
    impl = ctx.impl()
    w_mu, trace = [], 0.0
    for _ in range(repeats):
        g, A = random_gaussian(rng, d), random_symmetric(rng, d)
        b = rng.uniform(-2.0, 2.0, d)
        grad_mu, _ = impl.rsample_gradient(g.mu, g.scale, A, b, n, int(rng.integers(2**32)))
        w_mu.append(np.sqrt(n) * np.linalg.solve(A @ g.scale, grad_mu - (A @ g.mu + b)))
        _, grad_scale = impl.rsample_gradient(g.mu, g.scale, A, -A @ g.mu, n, int(rng.integers(2**32)))
        trace += n * float(np.trace(np.linalg.solve(A @ g.scale, grad_scale)))
    p_mean, p_var = stats.residual_p_values(np.ravel(w_mu), [], 1.0)
    dof = repeats * n * d
    p_scale = min(1.0, 2 * min(sps.chi2.cdf(trace, dof), sps.chi2.sf(trace, dof)))
    return decide(ctx, min(1.0, 3 * min(p_mean, p_var, p_scale)),
                  test=f"∇_μ: whitened mean gradient i.i.d. N(0, 1); ∇_L: n tr(L⁻¹A⁻¹g_L) ~ χ²_{dof} "
                       f"({repeats} quadratics on R³, {n} draws each)",
                  detectable=f"∇_L scaled by 1 ± {stats.variance_detectable(dof, ctx.alpha / 3):.3g}",
                  evidence={"p (mean of ∇_μ)": p_mean, "p (variance of ∇_μ)": p_var, "p (∇_L)": p_scale,
                            "n tr(L⁻¹A⁻¹g_L)": trace, "degrees of freedom": dof})


@TOPIC.claim(
    "vae.gaussian_reparameterization",
    method="statistical",
    canonical=FULL,
    faithful=("000:1060", "001"),
    printed={
        "000:986": Printed(DIAGONAL, reading="diag(σ_i)ε: the diagonal case, checked on diagonal Gaussians."),
        "003:397": Printed(DIAGONAL, reading="θ + diag(σ_i)η: the diagonal case, checked on diagonal Gaussians."),
        "003:592": Printed(DIAGONAL, reading="μ + σ ⊙ ε: the diagonal case, checked on diagonal Gaussians."),
        "002": Printed(DIAGONAL, reading="Σ^{1/2} ⊙ ε is ill-typed for a matrix Σ^{1/2}; read as the vector of "
                                         "standard deviations σ (diagonal Σ, as for the VAE encoder) times ε."),
    },
    references=(KINGMA, REZENDE),
)
def gaussian_reparameterization(ctx: Context, stated: Reparameterization) -> Outcome:
    """The reparameterisation trick: z = μ + Σ^{1/2}ε, ε ~ N(0, I), has law N(μ, Σ), and its gradients are unbiased.

    For any L with LLᵀ = Σ, z = μ + Lε ~ N(μ, Σ) (an affine image of a standard Gaussian). Checked by exact
    tests on whitened draws: of the stated map applied to NumPy noise, and of the implementation's ``rsample``;
    and the implementation's pathwise gradients (backpropagation through the draws) are unbiased, with the
    exact law, for the expectation of a quadratic (Kingma & Welling 2014, §2.4).
    """

    def stated_draws(g: Gaussian, n: int, seed: int) -> np.ndarray:
        return stated.map(g.mu, g.scale, np.random.default_rng(seed).standard_normal((n, len(g.mu))))

    impl = ctx.impl()
    return all_of({
        "stated map": lambda: law_of_draws(ctx, stated_draws, diagonal=stated.diagonal, source=stated.map.latex,
                                           stream=1),
        "rsample": lambda: law_of_draws(ctx, lambda g, n, seed: impl.rsample(g.mu, g.scale, n, seed),
                                        diagonal=stated.diagonal, source="the implementation's rsample", stream=2),
        "pathwise gradients": lambda: reparameterisation_gradients(ctx),
    })


def diagonal_kl_formula(mu: Any, var: Any) -> Any:
    """½ Σ_j (σ_j² + μ_j² - 1 - log σ_j²)."""
    return sum((v + m**2 - 1 - log(v)) / 2 for m, v in zip(mu, var, strict=True))


DIAGONAL_KL = Formula(r"\frac12\sum_j(\sigma_j^2+\mu_j^2-1-\log\sigma_j^2)", diagonal_kl_formula)

mus = sympy.symbols("mu_1:4", real=True)
variances = sympy.symbols("sigma_1:4", positive=True)


@TOPIC.claim(
    "vae.gaussian_kl_closed_form",
    method="sympy",
    canonical=DIAGONAL_KL,
    faithful=("003",),
    depends=("probability.kl_univariate_gaussians",),
    references=(KINGMA,),
)
def gaussian_kl_closed_form(ctx: Context, stated: Formula) -> Outcome:
    """The KL divergence of a diagonal Gaussian encoder from the standard normal prior.

    KL(N(μ, diag σ²) ‖ N(0, I)) = ½ Σ_j (σ_j² + μ_j² - 1 - log σ_j²) (Kingma & Welling 2014, appendix B): the
    divergence of product measures is the sum of the coordinates' divergences, each the univariate Gaussian KL
    (``probability.kl_univariate_gaussians``). Proved in SymPy on R³ (σ_j² written as the symbol σ_j), then the
    implementation's ``diagonal_kl(μ, log σ²)`` is checked against the formula.
    """
    def prop(case: tuple[np.ndarray, np.ndarray]) -> Comparison:
        mu, log_var = case
        got, expected = ctx.impl().diagonal_kl(mu, log_var), stated(mu, np.exp(log_var))
        # σ² - 1 - log σ² cancels near σ² = 1: the rounding allowance is set by the terms, not by the sum
        return close(got, expected, label="diagonal_kl(μ, log σ²)", rtol=1e-9,
                     atol=within_tolerance(np.exp(log_var), mu**2, log_var, 1.0))

    cases = vectors(3, 6.0).flatmap(lambda mu: vectors(len(mu), 15.0).map(lambda lv: (mu, lv)))
    return all_of({
        "derivation": lambda: symbolic(
            ctx, ("Σ_j KL(N(μ_j, σ_j) ‖ N(0, 1))",
                  sum(gaussian_kl(m, v, 0, 1) for m, v in zip(mus, variances, strict=True))),
            ("stated closed form", stated(mus, variances))),
        "implementation": lambda: for_all(ctx, cases, prop, max_examples=20),
    })
