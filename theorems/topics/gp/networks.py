"""Neal's theorem: a one-hidden-layer network with 1/√m output scaling becomes a Gaussian process as its
width m grows; its mean is 0 and its kernel σ₀² + σ_v² E[φ(θᵀx)φ(θᵀx')]; a Monte-Carlo kernel from B random
functions (documents 002 and 004 §17.3, 003 §6.3.2)."""

from __future__ import annotations

import numpy as np

from impls.gp import arccos_relu
from theorems.engine import Context, Formula, Outcome, Printed, all_of, decide
from theorems.stats import binomial_detectable, binomial_p_value
from theorems.topics.init.samples import combined

from . import NEAL, RASMUSSEN, TOPIC
from .common import covariance_parts, kernel_parts, pairs
from .kernels import INPUTS

SIGMA0_2, SIGMAV_2 = 0.5, 1.5
"""Variances of the output bias v₀ and of the output weights v_j in the checks."""
THETA_COV = np.eye(INPUTS.shape[1]) / INPUTS.shape[1]
"""Cov(θ_j) = I/d: the hidden pre-activations θᵀx have the kernel xᵀx'/d."""

NEAL_KERNEL = Formula(r"k(x, x') = \sigma_0^2 + \sigma_v^2 E[\varphi(\theta^\top x)\varphi(\theta^\top x')]",
                      lambda s0, sv, E: s0 + sv * E)


def hidden(rng: np.random.Generator, m: int) -> np.ndarray:
    """The m hidden pre-activations θⱼᵀx of a random layer on the check's inputs: ``(m, s)``."""
    return rng.multivariate_normal(np.zeros(len(THETA_COV)), THETA_COV, size=m) @ INPUTS.T


def outputs(rng: np.random.Generator, pre: np.ndarray, draws: int) -> np.ndarray:
    """``draws`` outputs f(x) = v₀ + m^{-1/2} Σⱼ vⱼ relu(θⱼᵀx) of networks sharing the hidden layer ``pre``."""
    m = len(pre)
    v = rng.normal(scale=np.sqrt(SIGMAV_2), size=(draws, m))
    v0 = rng.normal(scale=np.sqrt(SIGMA0_2), size=(draws, 1))
    return v0 + v @ np.maximum(pre, 0.0) / np.sqrt(m)


@TOPIC.claim(
    "gp.neal_infinite_width",
    method="statistical",
    canonical=NEAL_KERNEL,
    faithful=("002", "004"),
    printed={"003": Printed(NEAL_KERNEL, reading="the printed σ² is the variance σ₀² of the output bias v₀ "
                                                 "(v₀ ~ N(0, σ₀²) in the setup above)")},
    references=(NEAL,),
)
def neal_infinite_width(ctx: Context, stated: Formula) -> Outcome:
    """Neal's theorem: a wide one-hidden-layer network is a Gaussian process.

    f(x) = v₀ + m^{-1/2} Σⱼ vⱼ φ(θⱼᵀx), with i.i.d. v₀ ~ N(0, σ₀²), vⱼ of variance σ_v², θⱼ of covariance Σ_θ,
    converges as m → ∞ to GP(0, k), k(x, x') = σ₀² + σ_v² E[φ(θᵀx)φ(θᵀx')]. Given the hidden layer, f is
    N(0, σ₀² + σ_v² K̂_m) with K̂_m = (1/m) Σⱼ φ(θⱼᵀx)φ(θⱼᵀx') the layer's empirical kernel, and K̂_m → E[φφ]
    (law of large numbers). Checked for φ = ReLU, σ₀² = 0.5, σ_v² = 1.5, Σ_θ = I/3, three inputs:
    (1) the outputs of 2000 networks sharing one hidden layer of width 1000 against N(0, σ₀² + σ_v² K̂_m)
    (exact χ² tests of every covariance entry); (2) the units of a layer of width m = 20000 against the
    stated k with the implementation's E[φφ] (Hoeffding, every entry). The table shows max |σ₀² + σ_v² K̂_m - k|
    shrinking like m^{-1/2}.
    """
    impl = ctx.impl()
    rng = ctx.rng(3)
    K_theta = impl.linear_kernel(INPUTS, INPUTS, THETA_COV)
    k = stated(SIGMA0_2, SIGMAV_2, impl.relu_expectation(K_theta))
    entries = len(pairs(len(k)))
    at = ctx.alpha / (2 * entries)

    def given_hidden_layer() -> Outcome:
        pre = hidden(rng, 1000)
        empirical = np.maximum(pre, 0).T @ np.maximum(pre, 0) / len(pre)
        return combined(ctx, covariance_parts(outputs(rng, pre, ctx.scaled(2000)),
                                              SIGMA0_2 + SIGMAV_2 * empirical, at))

    def kernel_limit() -> Outcome:
        pre = hidden(rng, ctx.scaled(20000))
        parts = kernel_parts(pre, K_theta, "relu", k, at, scale=SIGMAV_2, offset=SIGMA0_2, name="k")
        rows = []
        for m in (10, 100, 1000, 10000):
            h = np.maximum(hidden(rng, m), 0)
            rows.append([m, float(np.max(np.abs(SIGMA0_2 + SIGMAV_2 * h.T @ h / m - k)))])
        ctx.table("max |σ₀² + σ_v² K̂_m - k| against the width m", ["m", "max error"], rows)
        return combined(ctx, parts, evidence={"stated k": k.tolist()})

    return all_of({"outputs given the hidden layer": given_hidden_layer, "kernel limit": kernel_limit})


ZERO_MEAN = Formula(r"\mu(x) = 0", lambda x: 0.0)


@TOPIC.claim("gp.nngp_zero_mean", method="statistical", canonical=ZERO_MEAN, faithful=("002", "004"),
             uses_impl=False, references=(NEAL,))
def nngp_zero_mean(ctx: Context, stated: Formula) -> Outcome:
    """The NNGP has mean zero.

    With zero-mean priors on the output weights and bias, E[f(x)] = 0 for every width, hence in the limit.
    Given its hidden layer, the output of a network with Gaussian output weights is N(0, s²), symmetric about 0,
    so the number of B networks with f(x) > μ(x) is Binomial(B, ½) exactly when μ(x) is the mean; checked
    at each of three inputs (widths m = 200, ReLU; Bonferroni over the inputs).
    """
    rng = ctx.rng(4)
    B, m = ctx.scaled(3000), 200
    theta = rng.normal(scale=np.sqrt(THETA_COV[0, 0]), size=(B, m, INPUTS.shape[1]))  # Σ_θ = I/d
    v = rng.normal(scale=np.sqrt(SIGMAV_2), size=(B, m, 1))
    v0 = rng.normal(scale=np.sqrt(SIGMA0_2), size=(B, 1))
    values = v0 + np.sum(v * np.maximum(theta @ INPUTS.T, 0.0), axis=1) / np.sqrt(m)  # B networks, (B, s)
    counts = [int(np.count_nonzero(values[:, i] > stated(x))) for i, x in enumerate(INPUTS)]
    p = min(1.0, len(counts) * min(binomial_p_value(c, B, 0.5) for c in counts))
    return decide(ctx, p, test=f"exact binomial tests of P(f(x) > μ(x)) = ½ at {len(counts)} inputs (Bonferroni)",
                  detectable=f"|P(f(x) > μ(x)) - ½| ≥ {binomial_detectable(B, 0.5, ctx.alpha / len(counts)):.3g}",
                  evidence={"networks": B, "width": m, "counts above μ(x)": counts,
                            "mean of f(x)": values.mean(axis=0).tolist()})


MC_KERNEL = Formula(r"\tilde K = \frac{1}{B}\Phi\Phi^\top", lambda B: 1.0 / B)


@TOPIC.claim(
    "gp.mc_feature_kernel",
    method="statistical",
    canonical=MC_KERNEL,
    printed={"003": Printed(Formula(r"\tilde K = \Phi\Phi^\top", lambda B: 1.0),
                            reading="Φ = [f₁ … f_B] as printed (columns f_b = (f_b(x₁), …, f_b(x_n))), K̃ = ΦΦᵀ with "
                                    "no 1/B; the features φ(x) = B^{-1/2}(f_b(x))_b of the line above would give "
                                    "ΦΦᵀ/B")},
    uses_impl=False,
    references=(RASMUSSEN,),
)
def mc_feature_kernel(ctx: Context, stated: Formula) -> Outcome:
    """The Monte-Carlo kernel of B random functions.

    For B i.i.d. random functions f_b with E[f(x)f(x')] = k(x, x') and Φ = [f₁ … f_B] ∈ R^{n×B},
    K̃ = (1/B) ΦΦᵀ = Σ_b φ(xᵢ)φ(xⱼ) with φ(x) = B^{-1/2}(f₁(x), …, f_B(x)) is an unbiased estimate of K.
    Checked with B draws of the NNGP of gp.neal_infinite_width (Gaussian, so B·uᵀK̃u/uᵀKu ~ χ²_B for each
    u = eᵢ, eᵢ + eⱼ when K̃ is the stated multiple c(B)ΦΦᵀ with c = 1/B: exact χ² tests, Bonferroni).
    """
    K = SIGMA0_2 + SIGMAV_2 * arccos_relu(INPUTS @ THETA_COV @ INPUTS.T)
    B = ctx.scaled(200)
    f = ctx.rng(5).multivariate_normal(np.zeros(len(K)), K, size=B)
    scaled = np.sqrt(B * stated(B)) * f  # rows whose mean outer product is the stated K̃
    return combined(ctx, covariance_parts(scaled, K, ctx.alpha / len(pairs(len(K)))),
                    evidence={"B": B, "K": K.tolist(), "K̃": (scaled.T @ scaled / B).tolist()})


TOPIC.not_checkable(
    "gp.feature_space_complexity",
    title="Feature-space regression inverts a B×B matrix instead of an n×n one",
    statement="The feature-space posterior needs (ΦᵀΦ + σ²I_B)⁻¹, O(B³ + nB²) operations, instead of "
              "(K + σ²I_n)⁻¹, O(n³). Document 003, line 521.",
    reason="an operation count of two algorithms, stated without constants or a machine model: no quantity "
           "of the formulas decides it; that the two give the same posterior is checked in "
           "gp.feature_posterior_mean and gp.feature_posterior_variance",
)
