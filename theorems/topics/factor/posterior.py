"""The posterior of the latent: its mean and covariance (the stated forms, proved from Bayes' rule, and their
Woodbury forms), and the zero-noise limits of probabilistic PCA (the pseudo-inverse), with their exact rates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    close,
    for_all,
    symbolic,
    within_tolerance,
)

from . import BISHOP, TIPPING_BISHOP, TOPIC
from .algebra import amplification, exact, eye, inv, pinv, symbolic_matrix, symbolic_vector
from .strategies import FactorModel, factor_models

N, M = 2, 2
"""The dimensions of the symbolic proofs: general W ∈ R^{2×2}, diagonal Ψ ≻ 0."""


def joint() -> tuple[sympy.Matrix, sympy.Matrix, sympy.Matrix, sympy.Matrix, sympy.Expr]:
    """Symbolic W, Ψ, d = x - μ, z and log p(z, x) = -½zᵀz - ½(d - Wz)ᵀΨ⁻¹(d - Wz) + const."""
    W, d, z = symbolic_matrix("w", N, M), symbolic_vector("d", N), symbolic_vector("z", M)
    Psi = sympy.diag(*symbolic_vector("psi", N, positive=True))
    residual = d - W * z
    return W, Psi, d, z, -(z.T * z)[0] / 2 - (residual.T * Psi.inv() * residual)[0] / 2


def gain(W: Any, Psi: Any) -> Any:
    """The Woodbury form (I + WᵀΨ⁻¹W)⁻¹WᵀΨ⁻¹ of the posterior-mean gain."""
    return inv(eye(W.shape[1], W) + W.T @ inv(Psi) @ W) @ W.T @ inv(Psi)


POSTERIOR_MEAN = Formula(r"W^\top(WW^\top+\Sigma)^{-1}(x-\mu)", lambda W, Psi, D: W.T @ inv(W @ W.T + Psi) @ D)


@TOPIC.claim(
    "factor.posterior_mean",
    method="sympy",
    canonical=POSTERIOR_MEAN,
    faithful=("000", "001", "002", "003"),
    references=(BISHOP,),
)
def posterior_mean(ctx: Context, stated: Formula) -> Outcome:
    """The posterior mean of the latent: μ_{z|x} = Wᵀ(WWᵀ + Σ)⁻¹(x - μ).

    log p(z | x) = log p(z) + log p(x | z) + const is a concave quadratic in z, so the posterior is Gaussian and its
    mean is the maximiser, one Newton step from any point: μ_{z|x} = (-H)⁻¹∇_z log p(0, x) with the Hessian
    -H = I + WᵀΣ⁻¹W, i.e. the Woodbury form (I + WᵀΣ⁻¹W)⁻¹WᵀΣ⁻¹(x - μ); the stated form is the same matrix by the
    push-through identity. Proved in SymPy (uᵀ· both, for symbolic W ∈ R^{2×2}, diagonal Σ, x - μ and u, the
    derivatives taken of the log joint density), then the implementation's posterior means are compared with the
    stated form evaluated exactly, loadings and noise over four decades.
    """
    W, Psi, d, z, log_joint = joint()
    u = symbolic_vector("u", M)
    at_zero = {zi: 0 for zi in z}
    newton = (-sympy.hessian(log_joint, z)).inv() * sympy.Matrix([sympy.diff(log_joint, zi) for zi in z]).subs(at_zero)

    def prop(model: FactorModel) -> Comparison:
        got, _ = ctx.impl().posterior(model.X, model.mu, model.W, model.psi)
        centred = model.X - model.mu
        expected = exact(stated, model.W, np.diag(model.psi), centred.T).T
        scale = np.abs(centred) @ np.abs(exact(gain, model.W, np.diag(model.psi))).T
        return close(got, expected, label="posterior means", rtol=0.0,
                     atol=within_tolerance(expected, scale) * amplification(model.W, model.psi))

    return all_of({
        "Bayes' rule": lambda: symbolic(
            ctx, ("uᵀ · stated μ_{z|x}", (u.T * stated(W, Psi, d))[0]),
            ("uᵀ(-∇²_z log p(z, x))⁻¹∇_z log p(0, x)", (u.T * newton)[0]),
            ("uᵀ(I + WᵀΣ⁻¹W)⁻¹WᵀΣ⁻¹(x - μ)  (Woodbury form)", (u.T * gain(W, Psi) * d)[0]), simplify=sympy.cancel),
        "implementation": lambda: for_all(ctx, factor_models(), prop, max_examples=ctx.scaled(25)),
    })


POSTERIOR_COVARIANCE = Formula(r"I-W^\top(WW^\top+\Sigma)^{-1}W",
                               lambda W, Psi: eye(W.shape[1], W) - W.T @ inv(W @ W.T + Psi) @ W)


@TOPIC.claim(
    "factor.posterior_covariance",
    method="sympy",
    canonical=POSTERIOR_COVARIANCE,
    faithful=("000", "001", "002", "003"),
    references=(BISHOP,),
)
def posterior_covariance(ctx: Context, stated: Formula) -> Outcome:
    """The posterior covariance of the latent: Σ_{z|x} = I - Wᵀ(WWᵀ + Σ)⁻¹W = (I + WᵀΣ⁻¹W)⁻¹.

    The posterior precision is minus the Hessian of log p(z, x) in z, I + WᵀΣ⁻¹W; the stated form is its inverse by
    the Woodbury identity. Proved in SymPy (vᵀ· both ·u for symbolic W ∈ R^{2×2}, diagonal Σ, u, v, the Hessian
    taken of the log joint density), then the implementation's posterior covariance is compared with the stated
    form evaluated exactly, loadings and noise over four decades.
    """
    W, Psi, _, z, log_joint = joint()
    u, v = symbolic_vector("u", M), symbolic_vector("v", M)
    covariance = (-sympy.hessian(log_joint, z)).inv()

    def prop(model: FactorModel) -> Comparison:
        _, got = ctx.impl().posterior(model.X, model.mu, model.W, model.psi)
        expected = exact(stated, model.W, np.diag(model.psi))
        return close(got, expected, label="posterior covariance", rtol=0.0,
                     atol=within_tolerance(expected, 1.0) * amplification(model.W, model.psi))

    return all_of({
        "inverse of the precision (Bayes' rule)": lambda: symbolic(
            ctx, ("vᵀ · stated Σ_{z|x} · u", (v.T * stated(W, Psi) * u)[0]),
            ("vᵀ(-∇²_z log p(z, x))⁻¹u", (v.T * covariance * u)[0]), simplify=sympy.cancel),
        "implementation": lambda: for_all(ctx, factor_models(), prop, max_examples=ctx.scaled(25)),
    })


def isotropic_gain(ctx: Context, model: FactorModel, sigma2: float) -> np.ndarray:
    """The implementation's posterior-mean gain Wᵀ(WWᵀ + σ²I)⁻¹ (m × n): its means at x = μ + e_j."""
    n = len(model.mu)
    means, _ = ctx.impl().posterior(model.mu + np.eye(n), model.mu, model.W, np.full(n, sigma2))
    return means.T


def limit_gap(model: FactorModel, sigma2: float) -> tuple[float, float]:
    """The exact distances at noise σ², from the SVD W = U diag(s) Vᵀ: the gain Wᵀ(WWᵀ + σ²I)⁻¹ = V diag(s/(s² + σ²))
    Uᵀ is max σ²/(s(s² + σ²)) from W⁺, and the covariance V diag(σ²/(s² + σ²)) Vᵀ (on the non-null space) is
    max σ²/(s² + σ²) from I - W⁺W, both over the non-zero singular values s."""
    s = model.s[model.s > 0]
    return float(np.max(sigma2 / (s * (s**2 + sigma2)))), float(np.max(sigma2 / (s**2 + sigma2)))


RELATIVE_NOISE = 1e-4
"""σ² = 10⁻⁴ s_min²: small enough that a wrong limit is far outside the rate, large enough to keep the
posterior precision's condition number (≤ 1 + s_max²/σ²) within 10⁸."""

PSEUDOINVERSE = Formula(r"W^+", pinv)


@TOPIC.claim(
    "factor.ppca_pseudoinverse_limit",
    method="sympy",
    canonical=PSEUDOINVERSE,
    faithful=("000", "002"),
    depends=("factor.posterior_mean",),
    references=(TIPPING_BISHOP,),
)
def ppca_pseudoinverse_limit(ctx: Context, stated: Formula) -> Outcome:
    """As σ → 0, Wᵀ(WWᵀ + σ²I)⁻¹ → W⁺ (the Moore–Penrose pseudo-inverse, m × n), for every W ∈ R^{n×m}.

    With W = U diag(s) Vᵀ, Wᵀ(WWᵀ + σ²I)⁻¹ = V diag(s_i/(s_i² + σ²)) Uᵀ; each factor tends to 1/s_i for s_i > 0 and
    is 0 for s_i = 0, which is W⁺ = V diag(s_i⁺) Uᵀ, at the exact rate max σ²/(s_i(s_i² + σ²)). The limit of a
    factor is proved in SymPy; the implementation's posterior-mean gain at σ² = 10⁻⁴ s_min² is compared with the
    stated limit within that rate, on loadings of any rank (some singular values exactly 0).
    """
    s, sigma = sympy.symbols("s sigma", positive=True)

    def prop(model: FactorModel) -> Comparison:
        sigma2 = RELATIVE_NOISE * model.s_min**2
        got, expected = isotropic_gain(ctx, model, sigma2), stated(model.W)
        rate, _ = limit_gap(model, sigma2)
        return close(got, expected, label="Wᵀ(WWᵀ + σ²I)⁻¹ against the stated limit", rtol=0.0,
                     atol=rate + within_tolerance(1 / model.s_min) * (1 + model.s[0] ** 2 / sigma2))

    return all_of({
        "singular factor": lambda: symbolic(
            ctx, ("lim_{σ→0} s/(s² + σ²)", sympy.limit(s / (s**2 + sigma**2), sigma, 0)), ("1/s", 1 / s)),
        "implementation": lambda: for_all(ctx, factor_models(decades=1.0, deficient=True, isotropic=True), prop,
                                          max_examples=ctx.scaled(25)),
    })


@dataclass(frozen=True)
class ZeroNoiseLimit:
    """A stated limit of the PPCA posterior as σ → 0: of the mean (a function of W and x - μ) and, if stated, of
    the covariance (a function of W)."""

    mean: Formula
    covariance: Formula | None


PSEUDOINVERSE_MEAN = Formula(r"\mu_{z|x}\to W^+(x-\mu)", lambda W, D: pinv(W) @ D)
LIMITS = ZeroNoiseLimit(PSEUDOINVERSE_MEAN, Formula(r"\Sigma_{z|x}\to I-W^+W", lambda W: eye(W.shape[1], W)
                                                    - pinv(W) @ W))
VANISHING = ZeroNoiseLimit(PSEUDOINVERSE_MEAN, Formula(r"\Sigma_{z|x}\to 0", lambda W: 0 * eye(W.shape[1], W)))
RANK_CONDITION = ("Σ_{z|x} → 0 is printed without a condition on W; the limit is I - W⁺W, which is 0 exactly when W "
                  "has full column rank m (so m ≤ n). Checked on every W ∈ R^{n×m}, as printed.")


@TOPIC.claim(
    "factor.ppca_zero_noise_posterior",
    method="property",
    canonical=LIMITS,
    printed={"000": Printed(VANISHING, reading=RANK_CONDITION),
             "002": Printed(VANISHING, reading=RANK_CONDITION),
             "003": Printed(ZeroNoiseLimit(PSEUDOINVERSE_MEAN, None), reading="only the limit of the mean.")},
    depends=("factor.ppca_pseudoinverse_limit", "factor.posterior_covariance"),
    references=(TIPPING_BISHOP,),
)
def ppca_zero_noise_posterior(ctx: Context, stated: ZeroNoiseLimit) -> Outcome:
    """The PPCA posterior as σ → 0: μ_{z|x} → W⁺(x - μ) and Σ_{z|x} → I - W⁺W (= 0 iff W has full column rank).

    From the SVD (factor.ppca_pseudoinverse_limit), the gain tends to W⁺, and Σ_{z|x} = I - Wᵀ(WWᵀ + σ²I)⁻¹W =
    V diag(σ²/(s_i² + σ²)) Vᵀ tends to the projection onto the null space of W, I - W⁺W, at the rate
    max_{s_i>0} σ²/(s_i² + σ²). Checked on the implementation's posterior at σ² = 10⁻⁴ s_min², for W of any rank
    and any m, n, within the exact rates.
    """

    def prop(model: FactorModel) -> list[Comparison]:
        sigma2 = RELATIVE_NOISE * model.s_min**2
        n, centred = len(model.mu), model.X - model.mu
        means, cov = ctx.impl().posterior(model.X, model.mu, model.W, np.full(n, sigma2))
        gain_rate, cov_rate = limit_gap(model, sigma2)
        rounding = within_tolerance(1.0, np.abs(centred).max() / model.s_min) * (1 + model.s[0] ** 2 / sigma2)
        checks = [close(means, stated.mean(model.W, centred.T).T, label="posterior means against the stated limit",
                        rtol=0.0, atol=gain_rate * np.linalg.norm(centred, axis=1).max() + rounding)]
        if stated.covariance is not None:
            checks.append(close(cov, stated.covariance(model.W), label="posterior covariance against the stated "
                                "limit", rtol=0.0, atol=cov_rate + rounding))
        return checks

    return for_all(ctx, factor_models(decades=1.0, deficient=True, isotropic=True), prop,
                   max_examples=ctx.scaled(25))
