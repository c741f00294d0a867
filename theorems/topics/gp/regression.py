"""GP regression in function space: the posterior mean and variance of the latent f given noisy (or
noise-free) observations, and the same posterior computed from B features (document 000 §1.9.3,
003 §6.3).

The closed forms are checked against the definition they solve: the posterior of a Gaussian vector is
its best linear predictor, whose residual f* - Wᵀy is uncorrelated with y (Cov(f*, y) = Wᵀ Cov(y), the
normal equations (K + σ²I)W = k*), and the posterior variance is the variance of that residual,
k** - 2Wᵀk* + Wᵀ(K + σ²I)W.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st

from impls.gp import GaussianProcess
from theorems.engine import Comparison, Context, Formula, Outcome, Printed, for_all

from . import RASMUSSEN, TOPIC
from .common import agree, examples
from .strategies import VALUE, Problem, matrices, problems

Closed = Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray, float], np.ndarray]
"""A closed form at the test inputs from (K, k*, diag k**, y, σ²)."""


@dataclass(frozen=True)
class Posterior:
    """A stated posterior formula and where the document states it."""

    latex: str
    value: Closed
    noise_free: bool = False
    """The document states it for noise-free observations: checked with σ² = 0."""
    at_training: bool = False
    """The document states it at the training inputs (k* = K): checked there."""


def solve(K: np.ndarray, noise: float, rhs: np.ndarray) -> np.ndarray:
    """(K + σ²I)⁺ rhs."""
    return np.linalg.pinv(K + noise * np.eye(len(K)), hermitian=True) @ rhs


MEAN = Posterior(r"\bar f_* = k_*^\top (K + \sigma^2 I)^{-1} y", lambda K, ks, kss, y, s2: ks.T @ solve(K, s2, y))
VARIANCE = Posterior(r"\mathbb{V}[f_*] = k_{**} - k_*^\top (K + \sigma^2 I)^{-1} k_*",
                     lambda K, ks, kss, y, s2: kss - np.sum(ks * solve(K, s2, ks), axis=0))
REFERENCE = GaussianProcess()


def instance(case: Problem, form: Posterior) -> tuple[Problem, np.ndarray, np.ndarray, np.ndarray]:
    """The problem as the form states it (noise-free, at the training inputs) and its K, k*, diag k**."""
    if form.at_training:
        case = Problem(case.X, case.y, case.X, case.gamma, case.noise)
    K = REFERENCE.rbf_kernel(case.X, case.X, case.gamma)
    ks = REFERENCE.rbf_kernel(case.X, case.X_star, case.gamma)
    return case, K, ks, np.ones(len(case.X_star))


def regression(ctx: Context, form: Posterior, compare: Callable[..., list[Comparison]]) -> Outcome:
    impl = ctx.impl()

    def prop(case: Problem) -> list[Comparison]:
        case, K, ks, kss = instance(case, form)
        mean, var = impl.gp_posterior(case.X, case.y, case.X_star, case.noise, "rbf", case.gamma)
        return compare(case, K, ks, kss, mean, var)

    return for_all(ctx, problems(noise_free=form.noise_free), prop, describe=Problem.describe,
                   max_examples=examples(ctx))


@TOPIC.claim(
    "gp.posterior_mean",
    method="property",
    canonical=MEAN,
    printed={
        "000": Printed(Posterior(r"f^*(x) = k(x)^\top K^+ y", lambda K, ks, kss, y, s2: ks.T @ solve(K, 0.0, y),
                                 noise_free=True),
                       reading="noise-free observations (no σ² in the section): checked with σ² = 0"),
        "003": Printed(Posterior(r"\mu_{f|y} = K(K + \sigma^2 I_n)^{-1} y",
                                 lambda K, ks, kss, y, s2: K @ solve(K, s2, y), at_training=True),
                       reading="the posterior mean of f at the training inputs (k* = K)"),
    },
    references=(RASMUSSEN,),
)
def posterior_mean(ctx: Context, stated: Posterior) -> Outcome:
    """The GP regression posterior mean.

    For f ~ GP(0, k) and y = f(X) + ε, ε ~ N(0, σ²I): E[f(x*) | y] = k*ᵀ(K + σ²I)⁻¹y (K⁺ when σ² = 0).
    Checked with the RBF kernel on 1-5 training points: (1) the stated formula is the best linear predictor,
    its weights W (the formula at y = eᵢ) solving the normal equations (K + σ²I)W = k*; (2) the
    implementation's mean equals the stated formula. Tolerance: 64 n roundings times cond(K + σ²I).
    """

    def compare(case: Problem, K: np.ndarray, ks: np.ndarray, kss: np.ndarray, mean: np.ndarray,
                var: np.ndarray) -> list[Comparison]:
        A = K + case.noise * np.eye(len(K))
        W = stated.value(K, ks, kss, np.eye(len(K)), case.noise).T  # the weights of y: (n, m)
        return [agree(A @ W, ks, label="(K + σ²I)W = k* (residual uncorrelated with y)", matrix=A),
                agree(mean, stated.value(K, ks, kss, case.y, case.noise), label="implementation = stated mean",
                      matrix=A, scale=case.y)]

    return regression(ctx, stated, compare)


@TOPIC.claim(
    "gp.posterior_variance",
    method="property",
    canonical=VARIANCE,
    printed={"000": Printed(Posterior(r"K(x, x) - k(x)^\top K^+ k(x)",
                                      lambda K, ks, kss, y, s2: kss - np.sum(ks * solve(K, 0.0, ks), axis=0),
                                      noise_free=True),
                            reading="E[(f(x) - f*(x))²] for noise-free observations: checked with σ² = 0")},
    references=(RASMUSSEN,),
)
def posterior_variance(ctx: Context, stated: Posterior) -> Outcome:
    """The GP regression posterior variance.

    Var[f(x*) | y] = k** - k*ᵀ(K + σ²I)⁻¹k* (K⁺ when σ² = 0): the variance of the latent f, without the noise.
    Checked with the RBF kernel: (1) the stated formula equals the variance of the residual of the best
    linear predictor, k** - 2Wᵀk* + Wᵀ(K + σ²I)W with W = (K + σ²I)⁺k*; (2) the implementation's variance
    equals the stated formula.
    """

    def compare(case: Problem, K: np.ndarray, ks: np.ndarray, kss: np.ndarray, mean: np.ndarray,
                var: np.ndarray) -> list[Comparison]:
        A = K + case.noise * np.eye(len(K))
        W = solve(K, case.noise, ks)
        residual = kss - 2 * np.sum(W * ks, axis=0) + np.sum(W * (A @ W), axis=0)
        formula = stated.value(K, ks, kss, case.y, case.noise)
        return [agree(formula, residual, label="stated = Var(f* - Wᵀy)", matrix=A),
                agree(var, formula, label="implementation = stated variance", matrix=A)]

    return regression(ctx, stated, compare)


def features() -> st.SearchStrategy[tuple[np.ndarray, np.ndarray, np.ndarray, float]]:
    """Φ ∈ [-3, 3]^{n×B} (n ≤ 6, B ≤ 4), 1-3 test feature vectors, targets y, noise σ² ∈ [0.05, 2]."""
    return st.tuples(st.integers(1, 6), st.integers(1, 4)).flatmap(lambda nb: st.tuples(
        matrices(st.just(nb[0]), st.just(nb[1])), matrices(st.integers(1, 3), st.just(nb[1])),
        st.lists(VALUE, min_size=nb[0], max_size=nb[0]).map(np.array), st.floats(0.05, 2.0)))


def describe_features(case: tuple[np.ndarray, np.ndarray, np.ndarray, float]) -> dict[str, object]:
    Phi, phi, y, noise = case
    return {"Φ": Phi.tolist(), "φ(x*)": phi.tolist(), "y": y.tolist(), "σ²": noise}


def feature_space(ctx: Context, stated: Formula, output: int, label: str) -> Outcome:
    """The stated feature-space formula equals the implementation's function-space posterior (output 0: mean,
    1: variance) with the linear kernel φ(x)ᵀφ(x') on the features."""
    impl = ctx.impl()

    def prop(case: tuple[np.ndarray, np.ndarray, np.ndarray, float]) -> Comparison:
        Phi, phi, y, noise = case
        posterior = impl.gp_posterior(Phi, y, phi, noise, "linear")[output]
        norm = np.linalg.norm
        size = norm(phi) ** 2 + norm(phi) * norm(Phi) * norm(y) / noise
        return agree(posterior, stated(Phi, phi, y, noise), label=label,
                     matrix=Phi @ Phi.T + noise * np.eye(len(Phi)), scale=size)

    return for_all(ctx, features(), prop, describe=describe_features, max_examples=examples(ctx))


def _ridge(Phi: np.ndarray, noise: float, rhs: np.ndarray) -> np.ndarray:
    return np.linalg.solve(Phi.T @ Phi + noise * np.eye(Phi.shape[1]), rhs)


@TOPIC.claim(
    "gp.feature_posterior_mean",
    method="property",
    canonical=Formula(r"\varphi(x)^\top (\Phi^\top \Phi + \sigma^2 I_B)^{-1} \Phi^\top y",
                      lambda Phi, phi, y, s2: phi @ _ridge(Phi, s2, Phi.T @ y)),
    faithful=("003",),
    references=(RASMUSSEN,),
)
def feature_posterior_mean(ctx: Context, stated: Formula) -> Outcome:
    """The posterior mean from B features.

    With features φ(x) ∈ R^B (the rows of Φ ∈ R^{n×B}), f = φᵀw, w ~ N(0, I_B), noise σ²: E[f(x) | y] =
    φ(x)ᵀ(ΦᵀΦ + σ²I_B)⁻¹Φᵀy, the GP posterior mean k*ᵀ(K̃ + σ²I_n)⁻¹y with K̃ = ΦΦᵀ (push-through identity).
    Checked against the implementation's function-space posterior with the linear kernel on the features.
    """
    return feature_space(ctx, stated, 0, "function-space mean = stated feature-space mean")


@TOPIC.claim(
    "gp.feature_posterior_variance",
    method="property",
    canonical=Formula(r"\sigma^2 \varphi(x)^\top (\Phi^\top \Phi + \sigma^2 I_B)^{-1} \varphi(x)",
                      lambda Phi, phi, y, s2: s2 * np.sum(phi.T * _ridge(Phi, s2, phi.T), axis=0)),
    faithful=("003",),
    references=(RASMUSSEN,),
)
def feature_posterior_variance(ctx: Context, stated: Formula) -> Outcome:
    """The posterior variance from B features.

    Var[f(x) | y] = σ²φ(x)ᵀ(ΦᵀΦ + σ²I_B)⁻¹φ(x) = k** - k*ᵀ(K̃ + σ²I_n)⁻¹k* with K̃ = ΦΦᵀ. Checked against
    the implementation's function-space posterior variance with the linear kernel on the features.
    """
    return feature_space(ctx, stated, 1, "function-space variance = stated feature-space variance")
