"""Covariance functions: positive semi-definite kernels, the linear kernel of a random linear unit, and
the NNGP recursion through ReLU and erf layers (document 000 §1.9.3, 002 and 004 §17.3, 003 §6.3)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from hypothesis import strategies as st

from theorems.engine import (
    Comparison,
    Context,
    Outcome,
    Printed,
    all_of,
    at_least,
    for_all,
    identity,
    within_tolerance,
)
from theorems.topics.init.samples import combined

from . import CHO_SAUL, LEE, RASMUSSEN, TOPIC, WILLIAMS
from .common import covariance_parts, examples, kernel_parts, pairs
from .strategies import points

TOPIC.not_checkable(
    "gp.linear_functional_characterization",
    title="A Gaussian process: every finite marginal, equivalently every linear functional, is Gaussian",
    statement="(f(x₁), …, f(x_s)) ~ N for all finite sets of inputs, equivalently Σ αᵢ f(xᵢ) is normal for "
              "every α ∈ R^s (Cramér–Wold). Document 000, line 878.",
    reason="the definition of a Gaussian process (and of a Gaussian vector through its linear functionals): it "
           "fixes a name, no quantity that a check could compute; the Gaussian laws it defines are tested in "
           "gp.linear_kernel and gp.neal_infinite_width",
    references=(RASMUSSEN,),
)

TOPIC.not_checkable(
    "gp.covariance_function",
    title="Mean and covariance functions of a random function",
    statement="μ(x) = E[f(x)] and k(x, ξ) = E[f(x)f(ξ)] - μ(x)μ(ξ); K_{μν} = k(x_μ, x_ν). Document 000, line 886.",
    reason="a definition (of μ, k and the Gram matrix K): the kernels it defines are checked in "
           "gp.example_kernels_psd, gp.linear_kernel and gp.nngp_kernel_recursion",
    references=(RASMUSSEN,),
)

GRAM_ROUNDINGS = 64
"""An eigenvalue of a symmetric n×n matrix computed in float64 is off by about n ε ‖K‖ (backward stability
of the symmetric eigensolver); 64 n roundings of ‖K‖ is the allowance below 0."""


def grams(impl: Any, X: np.ndarray, gamma: float) -> dict[str, np.ndarray]:
    """The Gram matrices of the kernels under test on the points X, and their sum and product."""
    linear = impl.linear_kernel(X, X, np.eye(X.shape[1]))
    rbf = impl.rbf_kernel(X, X, gamma)
    return {"linear xᵀξ": linear, f"RBF γ = {gamma:g}": rbf,
            "ReLU NNGP (arc-cosine)": impl.relu_expectation(linear), "erf NNGP": impl.erf_expectation(linear),
            "sum linear + RBF": linear + rbf, "product linear ⊙ RBF (Schur)": linear * rbf}


@TOPIC.claim("gp.example_kernels_psd", method="property", faithful=("000",), references=(RASMUSSEN, CHO_SAUL))
def example_kernels_psd(ctx: Context, _: None) -> Outcome:
    """The linear and RBF kernels are covariance functions: every Gram matrix is positive semi-definite.

    For any points x₁ … x_n: the Gram matrices of k(x, ξ) = xᵀξ and k(x, ξ) = e^{-γ‖x - ξ‖²} (γ > 0) have no
    negative eigenvalue; so have those of the ReLU (arc-cosine) and erf NNGP kernels (limits of the
    empirical kernels of wide layers), of a sum of kernels, and of a product (Schur's product theorem).
    Checked on 2-6 points of R^1-R^3 (repeats included, where the Gram matrix is singular), γ in [0.05, 20]:
    the smallest eigenvalue is at least -64 n ε ‖K‖.
    """
    impl = ctx.impl()

    def psd(case: tuple[np.ndarray, float]) -> list[Comparison]:
        X, gamma = case
        checks = []
        for name, K in grams(impl, X, gamma).items():
            smallest = float(np.linalg.eigvalsh((K + K.T) / 2)[0])
            slack = within_tolerance(K, operations=GRAM_ROUNDINGS * len(K))
            checks.append(at_least(smallest, 0.0, label=f"λ_min({name}) ≥ 0", atol=slack))
        return checks

    return for_all(ctx, st.tuples(points(), st.floats(0.05, 20.0)), psd,
                   describe=lambda case: {"X": case[0].tolist(), "γ": case[1]}, max_examples=examples(ctx))


@dataclass(frozen=True)
class LinearKernel:
    """A statement of the kernel of f(x) = xᵀw: the prior of w (from the dimension) and the kernel."""

    latex: str
    prior: Callable[[int], np.ndarray]
    kernel: Callable[[np.ndarray, np.ndarray], np.ndarray]


SIGMA2 = 2.0
"""σ² of document 000's prior w ~ N(0, σ²/n I) in the check (σ² = 1 would hide a forgotten factor)."""

CANONICAL_PRIOR = np.array([[2.0, 0.5, 0.0], [0.5, 1.0, 0.3], [0.0, 0.3, 0.5]])
LINEAR = LinearKernel(r"k(x, x') = x^\top \Sigma x'", lambda d: CANONICAL_PRIOR[:d, :d], lambda X, S: X @ S @ X.T)
INPUTS = np.array([[1.0, 0.5, -1.0], [-0.5, 1.0, 0.5], [0.3, -0.8, 1.2]])
"""Three inputs of R³, pairwise non-parallel (each pair's 2×2 kernel block is non-singular)."""


@TOPIC.claim(
    "gp.linear_kernel",
    method="statistical",
    canonical=LINEAR,
    printed={
        "000": Printed(LinearKernel(r"E[y_i y_j] = \frac{\sigma^2}{n} x_i^\top x_j",
                                    lambda d: SIGMA2 / d * np.eye(d), lambda X, S: SIGMA2 / X.shape[1] * X @ X.T),
                       reading="the prior w ~ N(0, (σ²/n) I_n) of the line above (n the input dimension), "
                               "checked with σ² = 2"),
        "003": Printed(LINEAR, reading="x_*ᵀΣx' read as xᵀΣx' (the subscript * of the test input is a typo)"),
    },
    references=(RASMUSSEN,),
)
def linear_kernel(ctx: Context, stated: LinearKernel) -> Outcome:
    """The linear unit is a GP with the linear kernel.

    For f(x) = xᵀw with w ~ N(0, Σ): (f(x₁), …, f(x_s)) ~ N(0, K) with K_{ij} = xᵢᵀΣxⱼ. Checked (1) the
    implementation's linear kernel equals the stated one on generated points; (2) exactly: N draws of w,
    the vector f(X) tested against N(0, K_stated) by χ² tests of every entry (Bonferroni).
    """
    impl = ctx.impl()
    prior = stated.prior(INPUTS.shape[1])

    def monte_carlo() -> Outcome:
        w = ctx.rng(1).multivariate_normal(np.zeros(len(prior)), prior, size=ctx.scaled(4000))
        K = stated.kernel(INPUTS, prior)
        parts = covariance_parts(w @ INPUTS.T, K, ctx.alpha / len(pairs(len(K))))
        return combined(ctx, parts, evidence={"draws of w": len(w), "stated K": K.tolist()})

    def implementation() -> Outcome:
        return identity(ctx, points(), lambda X: impl.linear_kernel(X, X, stated.prior(X.shape[1])),
                        lambda X: stated.kernel(X, stated.prior(X.shape[1])), label="linear_kernel(X, X) = K",
                        describe=lambda X: X.tolist(), max_examples=examples(ctx))

    return all_of({"implementation": implementation, "Monte-Carlo": monte_carlo})


@dataclass(frozen=True)
class Recursion:
    """A statement of K^l from K^(l-1): the weight variance σ² of the network and the factor of E[φφ]."""

    latex: str
    sigma2: float
    factor: Callable[[float], float]


RECURSION = Recursion(r"K^l = \sigma^2 E_{f \sim GP(0, K^{l-1})}[\varphi(f_\mu)\varphi(f_\nu)]", 2.0, lambda s2: s2)
UNIT_RECURSION = Recursion(r"K_l = E[\varphi(f_{l-1}(x))\varphi(f_{l-1}(x'))]", 1.0, lambda s2: 1.0)
UNIT_READING = "weights of variance 1 (the document gives no weight variance, and no bias): checked with σ² = 1"


@TOPIC.claim(
    "gp.nngp_kernel_recursion",
    method="statistical",
    canonical=RECURSION,
    printed={
        "000": Printed(Recursion(r"K^l_{\mu\nu} = E[\varphi(x^{l-1}_{i\mu})\varphi(x^{l-1}_{i\nu})]", 2.0,
                                 lambda s2: 1.0),
                       reading="the line equates E[φ(x^{l-1})φ(x^{l-1})] and σ²E[φ(f_μ)φ(f_ν)] with x^{l-1} ~ "
                               "f ~ GP(0, K^{l-1}): the two differ by σ². The last is the canonical form; the "
                               "first, without σ², is checked as printed, with σ² = 2 (He initialisation)"),
        "002": Printed(UNIT_RECURSION, reading=UNIT_READING),
        "004": Printed(UNIT_RECURSION, reading=UNIT_READING),
    },
    references=(LEE, CHO_SAUL, WILLIAMS),
)
def nngp_kernel_recursion(ctx: Context, stated: Recursion) -> Outcome:
    """The NNGP kernel recursion.

    With weights of variance σ²/n_{l-1} (no bias), the pre-activations of layer l of an infinitely wide
    network have the kernel K^l(x, x') = σ² E_{f ~ GP(0, K^{l-1})}[φ(f(x))φ(f(x'))], K¹ = (σ²/d) XXᵀ.
    Given the layer below, the pre-activation z = Σⱼ Wⱼ φ(fⱼ) has E[z_μ z_ν | f] = σ² (1/m) Σⱼ φ(f_{jμ})φ(f_{jν})
    exactly (W integrated), so the m units of a random layer are m i.i.d. draws whose mean is K^l.
    Checked with m units (Hoeffding, every entry, Bonferroni) against the stated factor times the
    implementation's closed forms (arc-cosine for ReLU, arcsin for erf): layer 2 from a random first
    layer (ReLU and erf), and layer 3 from f ~ GP(0, K²) (ReLU).
    """
    impl = ctx.impl()
    s2, c = stated.sigma2, stated.factor(stated.sigma2)
    m = ctx.scaled(20000)
    rng = ctx.rng(2)
    d = INPUTS.shape[1]
    K1 = impl.linear_kernel(INPUTS, INPUTS, s2 / d * np.eye(d))
    first = rng.normal(scale=np.sqrt(s2 / d), size=(m, d)) @ INPUTS.T  # the m units of a random first layer
    K2 = s2 * impl.relu_expectation(K1)  # the law of layer 2, whatever the statement says
    second = rng.multivariate_normal(np.zeros(len(K2)), K2, size=m)
    tests = 3 * len(pairs(len(K1)))
    at = ctx.alpha / tests
    parts = {**kernel_parts(first, K1, "relu", c * impl.relu_expectation(K1), at, scale=s2, name="K² ReLU"),
             **kernel_parts(first, K1, "erf", c * impl.erf_expectation(K1), at, scale=s2, name="K² erf"),
             **kernel_parts(second, K2, "relu", c * impl.relu_expectation(K2), at, scale=s2,
                            name="K³ ReLU")}
    return combined(ctx, parts, evidence={"units per layer": m, "σ²": s2, "stated factor": c, "K¹": K1.tolist(),
                                          "K² (ReLU)": K2.tolist()})
