"""Maximum likelihood for probabilistic PCA (Tipping & Bishop 1999): the closed-form loadings
W = U_q (Λ_q - σ²I)^{1/2} R with σ² the mean of the discarded eigenvalues, and its zero-noise limit, PCA."""

from __future__ import annotations

from itertools import combinations

import numpy as np

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
    within_tolerance,
)

from . import TIPPING_BISHOP, TOPIC
from .strategies import data_sets


def spectrum(X: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ML sample covariance S = (1/N) Σ (x_i - x̄)(x_i - x̄)ᵀ, its eigenvalues (decreasing) and eigenvectors."""
    centred = X - X.mean(axis=0)
    S = centred.T @ centred / len(X)
    eigenvalues, vectors = np.linalg.eigh(S)
    return S, eigenvalues[::-1], vectors[:, ::-1]


def mean_log_likelihood(S: np.ndarray, C: np.ndarray) -> float:
    """(1/N) Σ log N(x_i; x̄, C) = -½(n log 2π + log det C + tr(C⁻¹S))."""
    return -0.5 * (len(S) * np.log(2 * np.pi) + np.linalg.slogdet(C)[1] + np.trace(np.linalg.solve(C, S)))


def ppca_solution(rho: Formula, eigenvalues: np.ndarray, vectors: np.ndarray,
                  kept: tuple[int, ...]) -> tuple[np.ndarray, float]:
    """Loadings w_i = ρ_i u_i over the eigenpairs ``kept`` and σ² the mean of the others."""
    rest = [i for i in range(len(eigenvalues)) if i not in kept]
    sigma2 = float(eigenvalues[rest].mean())
    return vectors[:, kept] * rho(eigenvalues[list(kept)], sigma2), sigma2


def root_of_max(eigenvalues: np.ndarray, sigma2: float) -> np.ndarray:
    return np.sqrt(np.maximum(eigenvalues - sigma2, 0.0))


def max_of_root(eigenvalues: np.ndarray, sigma2: float) -> np.ndarray:
    """max{0, √(λ - σ²)}, with the root of a negative number (not real) counting as no candidate: 0."""
    with np.errstate(invalid="ignore"):
        return np.fmax(0.0, np.sqrt(eigenvalues - sigma2))


RHO = Formula(r"\rho_i=\sqrt{\max\{0,\lambda_i-\sigma^2\}}", root_of_max)
RHO_PRINTED = Formula(r"\rho_i=\max\{0,\sqrt{\lambda_i-\sigma^2}\}", max_of_root)
ROOT_READING = ("max{0, √(λ_i - σ²)}: the same as √max{0, λ_i - σ²} wherever the root is real; where λ_i < σ² "
                "the root is not real and the maximum is read as 0 (at the ML σ², the mean of the discarded "
                "eigenvalues, no retained λ_i is below σ²).")


@TOPIC.claim(
    "factor.ppca_mle_columns",
    method="property",
    canonical=RHO,
    faithful=("003",),
    printed={"000": Printed(RHO_PRINTED, reading=ROOT_READING), "002": Printed(RHO_PRINTED, reading=ROOT_READING)},
    depends=("factor.mean_mle",),
    references=(TIPPING_BISHOP,),
)
def ppca_mle_columns(ctx: Context, rho: Formula) -> Outcome:
    """The maximum-likelihood loadings of PPCA: w_i = ρ_i u_i, ρ_i² = max{0, λ_i - σ²}, σ² = mean of the rest.

    For Σ = σ²I the log-likelihood is maximised by W = U_q (Λ_q - σ²I)^{1/2} R (R any rotation), with (λ_i, u_i)
    the top q eigenpairs of the sample covariance S and σ² = (1/(n - q)) Σ_{i>q} λ_i (Tipping & Bishop 1999,
    eqs. 7-8); the maximum is -(N/2)(n log 2π + Σ_{i≤q} log λ_i + (n - q) log σ² + n). Checked on data sets with
    principal variances over three decades: the stated loadings are a stationary point of the likelihood (its
    gradients in W and σ² vanish), they beat every other stationary point (any other choice of q eigenpairs), and
    the implementation's fit has the same covariance WWᵀ + σ²I (rotation-invariant) and the maximal likelihood.
    """

    def prop(case: tuple[np.ndarray, int]) -> list[Comparison]:
        X, q = case
        n = X.shape[1]
        S, eigenvalues, vectors = spectrum(X)
        W, sigma2 = ppca_solution(rho, eigenvalues, vectors, tuple(range(q)))
        C = W @ W.T + sigma2 * np.eye(n)
        inverse = np.linalg.inv(C)
        cond = float(np.linalg.cond(C))
        scale = within_tolerance(S @ inverse @ inverse, 1.0) * cond**2
        best = mean_log_likelihood(S, C)
        others = max(mean_log_likelihood(S, V @ V.T + s2 * np.eye(n))
                     for V, s2 in (ppca_solution(RHO, eigenvalues, vectors, kept)
                                   for kept in combinations(range(n), q) if kept != tuple(range(q))))
        mu, W_fit, psi = ctx.impl().fit(X, q, True)
        fitted = W_fit @ W_fit.T + np.diag(psi)
        maximum = -0.5 * (n * np.log(2 * np.pi) + np.sum(np.log(eigenvalues[:q])) + (n - q) * np.log(sigma2) + n)
        reached = float(np.mean(ctx.impl().log_likelihood(X, mu, W_fit, psi)))
        gap = eigenvalues[q - 1] - eigenvalues[q]  # the principal subspace is as well determined as this gap
        agreement = within_tolerance(S, operations=256) * eigenvalues[0] / gap
        return [close(inverse @ S @ inverse @ W - inverse @ W, np.zeros_like(W), label="∂ℓ/∂W at the stated loadings",
                      rtol=0.0, atol=scale * np.abs(W).max()),
                close(np.trace(inverse @ S @ inverse - inverse), 0.0, label="∂ℓ/∂σ² at the stated loadings", rtol=0.0,
                      atol=scale * n),
                at_most(others, best, label="ℓ at any other stationary point ≤ ℓ at the stated loadings",
                        atol=within_tolerance(best, n) * cond),
                close(fitted, C, label="fitted WWᵀ + Ψ against the stated U_q(Λ_q - σ²I)U_qᵀ + σ²I", rtol=0.0,
                      atol=agreement),
                close(reached, maximum, label="mean log-likelihood of the fit against the maximum", rtol=0.0,
                      atol=within_tolerance(maximum, n) * cond)]

    return for_all(ctx, data_sets(), prop, max_examples=ctx.scaled(20))


PCA_LOADINGS = Formula(r"W=U_q\Lambda_q^{1/2}", lambda eigenvalues, vectors: vectors * np.sqrt(eigenvalues))


@TOPIC.claim(
    "factor.ppca_zero_noise_pca",
    method="property",
    canonical=PCA_LOADINGS,
    faithful=("000", "002"),
    depends=("factor.ppca_mle_columns", "factor.ppca_zero_noise_posterior"),
    references=(TIPPING_BISHOP,),
)
def ppca_zero_noise_pca(ctx: Context, stated: Formula) -> Outcome:
    """With σ² → 0, probabilistic PCA is PCA: W = U_q Λ_q^{1/2} R and W μ_{z|x} → U_q U_qᵀ (x - x̄).

    When the centred data span q dimensions, the discarded eigenvalues and so σ² are 0, and the ML loadings are
    W = U_q Λ_q^{1/2} R: WWᵀ = U_q Λ_q U_qᵀ = S. For any data, the PPCA reconstruction W μ_{z|x} =
    U_q diag((λ_i - σ²)/λ_i) U_qᵀ(x - x̄) differs from the PCA projection U_q U_qᵀ(x - x̄) by at most
    (σ²/λ_q)‖x - x̄‖, which vanishes with σ². Checked on the implementation's fit: at exactly rank-q data against the
    stated loadings (WWᵀ, rotation-invariant) with σ² = 0, and on general data against the PCA projection
    within the rate.
    """

    def at_rank_q(case: tuple[np.ndarray, int]) -> list[Comparison]:
        X, q = case
        _, eigenvalues, vectors = spectrum(X)
        _, W, psi = ctx.impl().fit(X, q, True)
        loadings = stated(eigenvalues[:q], vectors[:, :q])
        allowance = within_tolerance(eigenvalues[0], operations=256) * eigenvalues[0] / eigenvalues[q - 1]
        return [close(W @ W.T, loadings @ loadings.T, label="fitted WWᵀ against the stated loadings", rtol=0.0,
                      atol=allowance),
                at_most(float(np.max(psi)), 0.0, label="fitted σ² on rank-q data", atol=allowance)]

    def projection(case: tuple[np.ndarray, int]) -> Comparison:
        X, q = case
        _, eigenvalues, vectors = spectrum(X)
        impl = ctx.impl()
        mu, W, psi = impl.fit(X, q, True)
        means, _ = impl.posterior(X, mu, W, psi)
        centred = X - X.mean(axis=0)
        pca = centred @ vectors[:, :q] @ vectors[:, :q].T
        distance = float(np.max(np.linalg.norm(means @ W.T - pca, axis=1)))
        rate = float(psi.max()) / eigenvalues[q - 1] * float(np.max(np.linalg.norm(centred, axis=1)))
        return at_most(distance, rate, label="‖W μ_{z|x} - U_qU_qᵀ(x - x̄)‖ ≤ (σ²/λ_q)‖x - x̄‖",
                       atol=within_tolerance(centred, operations=256) * eigenvalues[0] / eigenvalues[q - 1])

    return all_of({
        "zero noise (rank-q data)": lambda: for_all(ctx, data_sets(rank=True), at_rank_q, max_examples=ctx.scaled(15)),
        "rate to the PCA projection": lambda: for_all(ctx, data_sets(), projection, max_examples=ctx.scaled(15)),
    })
