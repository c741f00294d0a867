"""The evidence lower bound on the linear-Gaussian model, where every term is exact.

z ~ N(0, I_m), x | z ~ N(Wz + c, sI_n): the marginal is N(c, WWᵀ + sI) and the posterior N(μ_post, Σ_post)
with Σ_post = (I + WᵀW/s)⁻¹ and μ_post = Σ_post Wᵀ(x - c)/s. For a Gaussian q the ELBO
E_q log p(x|z) - KL(q ‖ p(z)) is exact too, so the bound and its gap are compared in float64 without
Monte-Carlo error (the implementation supplies the reconstruction term and the KL divergences).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy
from hypothesis import strategies as st
from scipy import stats as sps

from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    at_most,
    close,
    for_all,
    symbolic,
    within_tolerance,
)
from theorems.topics.ddpm.formulas import gaussian_kl, log

from . import KINGMA, TOPIC
from .expectations import log_normal, standard_normal_expectation
from .strategies import Gaussian, LinearGaussian, linear_gaussians, vectors


def log_evidence(model: LinearGaussian) -> float:
    """log p(x) = log N(x; c, WWᵀ + sI), from SciPy."""
    cov = model.W @ model.W.T + model.noise_var * np.eye(len(model.x))
    return float(sps.multivariate_normal.logpdf(model.x, model.c, cov))


def posterior(model: LinearGaussian) -> tuple[Gaussian, float]:
    """The exact posterior p(z|x), and the condition number of its precision (the rounding it amplifies)."""
    precision = np.eye(model.W.shape[1]) + model.W.T @ model.W / model.noise_var
    cov = np.linalg.inv(precision)
    mean = cov @ model.W.T @ (model.x - model.c) / model.noise_var
    return Gaussian(mean, np.linalg.cholesky((cov + cov.T) / 2)), float(np.linalg.cond(precision))


def elbo_terms(ctx: Context, model: LinearGaussian, q: Gaussian) -> tuple[float, float]:
    """The implementation's E_q log p(x|z) and KL(q ‖ N(0, I))."""
    impl, m = ctx.impl(), len(q.mu)
    recon = impl.expected_log_likelihood(model.x, model.W, model.c, model.noise_var, q.mu, q.scale)
    return recon, impl.kl_divergence(q.mu, q.scale, np.zeros(m), np.eye(m))


ELBO = Formula(r"\mathbb{E}_q[\log p(x|z)]-\mathrm{KL}(q\,\|\,p(z))", lambda recon, kl: recon - kl)


@TOPIC.claim(
    "vae.elbo_bound",
    method="property",
    canonical=ELBO,
    faithful=("000", "001", "003"),
    printed={"002": Printed(ELBO, reading="The underbrace labels only the reconstruction term ℒ; read, as the text "
                                          "says, as ln p(x) ≥ ℒ = reconstruction - KL.")},
    references=(KINGMA,),
)
def elbo_bound(ctx: Context, elbo: Formula) -> Outcome:
    """The evidence lower bound, tight at the posterior.

    For every density q: log p(x) ≥ E_q[log p(x|z)] - KL(q(z) ‖ p(z)) (Jensen's inequality), with equality
    when q is the posterior p(z|x). Checked on linear-Gaussian models for Gaussian q, with the implementation's
    reconstruction term and KL and the exact log p(x); the equality at the posterior allows the rounding of
    the terms times the condition number of the posterior precision.
    """

    def prop(model: LinearGaussian) -> list[Comparison]:
        evidence = log_evidence(model)
        recon, kl = elbo_terms(ctx, model, model.q)
        post, cond = posterior(model)
        recon_post, kl_post = elbo_terms(ctx, model, post)
        return [at_most(elbo(recon, kl), evidence, label="ELBO(q) ≤ log p(x)",
                        atol=within_tolerance(recon, kl, evidence)),
                close(elbo(recon_post, kl_post), evidence, label="ELBO(posterior) = log p(x)", rtol=0.0,
                      atol=cond * within_tolerance(recon_post, kl_post, evidence))]

    return for_all(ctx, linear_gaussians(), prop, max_examples=20)


GAP = Formula(r"\mathrm{KL}(q\,\|\,p(z|x))", lambda kl, q, post: kl(q, post))

# The scalar model of the derivation: z ~ N(0, 1), x | z ~ N(wz + c, s), q = N(m, v).
x, w, c, m = sympy.symbols("x w c m", real=True)
s, v = sympy.symbols("s v", positive=True)
e1, e2 = sympy.symbols("epsilon_1 epsilon_2", real=True)


@TOPIC.claim(
    "vae.elbo_gap",
    method="sympy",
    canonical=GAP,
    faithful=("003",),
    depends=("vae.elbo_bound", "probability.kl_univariate_gaussians"),
    references=(KINGMA,),
)
def elbo_gap(ctx: Context, gap: Formula) -> Outcome:
    """The gap of the ELBO is the KL divergence from q to the posterior.

    log p(x) - ELBO(q) = KL(q(z) ‖ p(z|x)) for every q, so the bound is tight exactly when q is the posterior.
    Proved in SymPy on the scalar model z ~ N(0, 1), x|z ~ N(wz + c, s), q = N(m, v) (the ELBO as an expectation
    of log-densities under q, the posterior by Bayes' rule), then checked on linear-Gaussian models in up to
    3 latent and 4 data dimensions with the implementation's terms and KL divergences.
    """
    z = m + sympy.sqrt(v) * e1
    elbo_scalar = standard_normal_expectation(log_normal(x, w * z + c, s) + log_normal(z, 0, 1) - log_normal(z, m, v),
                                              [e1])
    post = (w * (x - c) / (w**2 + s), s / (w**2 + s))

    def scalar_kl(q: tuple[Any, Any], p: tuple[Any, Any]) -> Any:
        return gaussian_kl(q[0], q[1], p[0], p[1])

    def prop(model: LinearGaussian) -> Comparison:
        impl = ctx.impl()

        def kl(q: Gaussian, p: Gaussian) -> float:
            return impl.kl_divergence(q.mu, q.scale, p.mu, p.scale)

        evidence = log_evidence(model)
        recon, prior_kl = elbo_terms(ctx, model, model.q)
        post_n, cond = posterior(model)
        stated = gap(kl, model.q, post_n)
        return close(evidence - (recon - prior_kl), stated, label="log p(x) - ELBO(q) = stated gap", rtol=0.0,
                     atol=cond * within_tolerance(recon, prior_kl, evidence, stated))

    return all_of({
        "scalar model": lambda: symbolic(
            ctx, ("log p(x) - ELBO(q)", log_normal(x, c, w**2 + s) - elbo_scalar),
            ("stated gap", gap(scalar_kl, (m, v), post)), simplify=lambda d: sympy.simplify(sympy.expand_log(d))),
        "linear-Gaussian models": lambda: for_all(ctx, linear_gaussians(), prop, max_examples=15),
    })


def two_pi(s2: Any) -> Any:
    return 2 * sympy.pi if isinstance(s2, sympy.Basic) else 2 * np.pi


def reconstruction_estimate(x_obs: Any, means: Any, s2: Any) -> Any:
    """-(1/(2σ²K)) Σ_k ‖x - μ(z_k)‖² - (d/2) log(2πσ²)."""
    squares = sum(sum((xi - mi) ** 2 for xi, mi in zip(x_obs, mk, strict=True)) for mk in means)
    return -squares / (2 * s2 * len(means)) - len(x_obs) * log(two_pi(s2) * s2) / 2


ESTIMATE = Formula(r"-\frac{1}{2\sigma^2K}\sum_k\|x-\mu_\theta(z_k)\|^2-\frac d2\log(2\pi\sigma^2)",
                   reconstruction_estimate)

xs = sympy.symbols("x_1:3", real=True)
ws = sympy.symbols("w_1:3", real=True)
cs = sympy.symbols("c_1:3", real=True)


@TOPIC.claim(
    "vae.mc_reconstruction_estimate",
    method="sympy",
    canonical=ESTIMATE,
    faithful=("003",),
    references=(KINGMA,),
    uses_impl=False,
)
def mc_reconstruction_estimate(ctx: Context, estimate: Formula) -> Outcome:
    """The Monte-Carlo estimate of the reconstruction term of a Gaussian decoder.

    For z_k ~ q(z|x) i.i.d. and p(x|z) = N(μ(z), σ²I_d): -(1/(2σ²K)) Σ_k ‖x - μ(z_k)‖² - (d/2) log(2πσ²) is the
    average of log p(x|z_k) over the K draws, hence an unbiased estimate of E_q log p(x|z). The average is
    checked on generated draws against SciPy's log-density; the unbiasedness is proved in SymPy for d = 2,
    K = 2, a linear decoder μ(z) = wz + c and q = N(m, v).
    """
    zs = [m + sympy.sqrt(v) * e for e in (e1, e2)]
    decoded = [[wi * zk + ci for wi, ci in zip(ws, cs, strict=True)] for zk in zs]
    exact = standard_normal_expectation(sum(log_normal(xi, wi * zs[0] + ci, s) for xi, wi, ci in zip(xs, ws, cs,
                                                                                                       strict=True)),
                                        [e1])

    def prop(case: tuple[np.ndarray, np.ndarray, float]) -> Comparison:
        x_obs, means, s2 = case
        average = float(np.mean(sps.norm.logpdf(x_obs, means, np.sqrt(s2)).sum(axis=1)))
        got = estimate(x_obs, means, s2)
        return close(got, average, label="estimate = mean of log p(x|z_k)", rtol=1e-9,
                     atol=within_tolerance(got, average, (x_obs - means) ** 2 / s2))

    cases = st.tuples(st.integers(1, 4), st.integers(1, 5)).flatmap(
        lambda dk: st.tuples(vectors(dk[0]), st.lists(vectors(dk[0]), min_size=dk[1], max_size=dk[1]).map(np.array),
                             st.floats(1e-3, 1e3)))
    return all_of({
        "unbiased (d = 2, K = 2)": lambda: symbolic(
            ctx, ("E[estimate]", standard_normal_expectation(estimate(xs, decoded, s), [e1, e2])),
            ("E_q log p(x|z)", exact), simplify=lambda d: sympy.simplify(sympy.expand_log(d))),
        "average of log-densities": lambda: for_all(ctx, cases, prop, max_examples=30),
    })
