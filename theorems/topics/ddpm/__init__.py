"""Denoising diffusion probabilistic models: the forward chain, its posterior, the ε-parameterization.

Standard results: Ho, Jain & Abbeel (2020), "Denoising diffusion probabilistic models", eqs. (2)-(12);
Song et al. (2021) for the SDE limit; Anderson (1982) for the reverse-time SDE.
Formulas are written with ᾱ_{t-1} and β_t as the two free quantities: α_t = 1 - β_t, ᾱ_t = ᾱ_{t-1} α_t.

The boundary checks what a :class:`~impls.ddpm.DDPMImpl` returns: a schedule of ``T`` finite betas,
an ᾱ per beta, samples and posterior means of the shape of the input they were drawn from, and a
scalar posterior variance.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.ddpm import DDPMImpl
from theorems.engine import Boundary, Topic, as_array


def checked_betas(betas: Any, schedule: str, T: int) -> np.ndarray:
    return as_array(betas, what=f"betas('{schedule}', {T})", shape=(T,))


def checked_alpha_bar(abar: Any, betas: np.ndarray) -> np.ndarray:
    return as_array(abar, what="alpha_bar", shape=np.shape(betas))


def checked_forward_step(x_t: Any, x_prev: np.ndarray, t: int, *_: Any) -> np.ndarray:
    return as_array(x_t, what=f"forward_step(t={t})", shape=np.shape(x_prev))


def checked_marginal_sample(x_t: Any, x0: np.ndarray, t: int, *_: Any) -> np.ndarray:
    return as_array(x_t, what=f"marginal_sample(t={t})", shape=np.shape(x0))


def checked_posterior_mean(mean: Any, x_t: np.ndarray, x0: np.ndarray, t: int, *_: Any) -> np.ndarray:
    return as_array(mean, what=f"posterior_mean(t={t})", shape=np.shape(x_t))


def checked_posterior_variance(variance: Any, t: int, *_: Any) -> float:
    return float(as_array(variance, what=f"posterior_variance(t={t})", shape=()))


def checked_sampling_step(x_prev: Any, x_t: np.ndarray, eps: np.ndarray, t: int, *_: Any,
                          variance: str = "small", **__: Any) -> np.ndarray:
    return as_array(x_prev, what=f"sampling_step(t={t}, variance={variance})", shape=np.shape(x_t))


TOPIC = Topic(
    "ddpm",
    "Denoising diffusion (DDPM)",
    summary="Forward marginal, posterior mean and variance, ε-parameterization, ELBO, SDE limit; "
            "checked symbolically, by Monte Carlo, and against diffusers' DDPMScheduler.",
    sections=("forward", "posterior", "noise", "sampling", "elbo", "continuous"),
    boundary=Boundary(
        DDPMImpl,
        "impls.ddpm:DDPM",
        outputs={
            "betas": checked_betas,
            "alpha_bar": checked_alpha_bar,
            "forward_step": checked_forward_step,
            "marginal_sample": checked_marginal_sample,
            "posterior_mean": checked_posterior_mean,
            "posterior_variance": checked_posterior_variance,
            "sampling_step": checked_sampling_step,
        },
    ),
    libraries=("diffusers", "torch"),
)

HO = "Ho, Jain & Abbeel (2020), Denoising diffusion probabilistic models"
SONG = "Song et al. (2021), Score-based generative modeling through stochastic differential equations"
ANDERSON = "Anderson (1982), Reverse-time diffusion equation models"
GAUSS_KL = "KL(N(μ₀,σ₀²) ‖ N(μ₁,σ₁²)) = ln(σ₁/σ₀) + (σ₀² + (μ₀-μ₁)²)/(2σ₁²) - ½"
