"""Denoising diffusion (Ho, Jain & Abbeel 2020): schedules, the forward chain, its posterior, the sampler.

Timesteps are the documents' ``t = 1, …, T``; ``betas[t - 1]`` is ``β_t`` and ``ᾱ_0 = 1``.
A sampler may skip timesteps: ``grid`` lists the retained timesteps in increasing order, and the
step from ``t`` goes to its predecessor ``s`` in the grid (``s = 0`` before the first). Over such a
step the chain is again a DDPM step, with ``ᾱ_{t-1}`` read as ``ᾱ_s`` and ``β_t`` as ``1 - ᾱ_t/ᾱ_s``.

Any implementation with the :class:`DDPMImpl` protocol can be checked::

    theorems check ddpm --impl impls.adapters.diffusers_ddpm:DiffusersDDPM
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal, Protocol, runtime_checkable

import numpy as np

Variance = Literal["small", "large"]
"""The reverse variance σ_t² of the sampler: ``small`` is β̃_t, ``large`` is β_t (Ho et al. §3.2)."""


@runtime_checkable
class DDPMImpl(Protocol):
    """What a DDPM implementation under test provides. Arrays are float64, samples have shape (n, d).

    ``betas(schedule, T)``: β_1..β_T of the ``"linear"`` (10⁻⁴ to 0.02, Ho et al.) or ``"cosine"``
    (Nichol & Dhariwal 2021, s = 0.008, β ≤ 0.999) schedule.
    ``alpha_bar(betas)``: ᾱ_1..ᾱ_T.
    ``forward_step(x_prev, t, betas, rng)``: a draw of x_t ~ q(x_t | x_{t-1} = x_prev).
    ``marginal_sample(x0, t, betas, rng)``: a draw of x_t ~ q(x_t | x_0) in one step.
    ``posterior_mean(x_t, x0, t, betas, grid)`` and ``posterior_variance(t, betas, grid)``: the mean
    and the variance of q(x_s | x_t, x_0), s the grid predecessor of t.
    ``sampling_step(x_t, eps, t, betas, rng, variance=..., grid=...)``: one ancestral sampling step
    x_s = μ_θ(x_t, t) + σ_t z with the noise prediction ``eps`` (z = 0 when s = 0).
    """

    def betas(self, schedule: str, T: int) -> np.ndarray: ...

    def alpha_bar(self, betas: np.ndarray) -> np.ndarray: ...

    def forward_step(self, x_prev: np.ndarray, t: int, betas: np.ndarray, rng: np.random.Generator) -> np.ndarray: ...

    def marginal_sample(self, x0: np.ndarray, t: int, betas: np.ndarray, rng: np.random.Generator) -> np.ndarray: ...

    def posterior_mean(
        self, x_t: np.ndarray, x0: np.ndarray, t: int, betas: np.ndarray, grid: Sequence[int] | None = None
    ) -> np.ndarray: ...

    def posterior_variance(self, t: int, betas: np.ndarray, grid: Sequence[int] | None = None) -> float: ...

    def sampling_step(
        self, x_t: np.ndarray, eps: np.ndarray, t: int, betas: np.ndarray, rng: np.random.Generator, *,
        variance: Variance = "small", grid: Sequence[int] | None = None,
    ) -> np.ndarray: ...


def linear_betas(T: int, start: float = 1e-4, end: float = 0.02) -> np.ndarray:
    return np.linspace(start, end, T, dtype=np.float64)


def cosine_betas(T: int, s: float = 0.008, max_beta: float = 0.999) -> np.ndarray:
    """β_t = 1 - f(t)/f(t-1) with f(t) = cos²((t/T + s)/(1 + s) · π/2), capped at ``max_beta``."""
    f = np.cos((np.arange(T + 1) / T + s) / (1 + s) * math.pi / 2) ** 2
    return np.minimum(1 - f[1:] / f[:-1], max_beta)


SCHEDULES = {"linear": linear_betas, "cosine": cosine_betas}


def previous(t: int, grid: Sequence[int] | None) -> int:
    """The timestep a sampling step from ``t`` goes to: ``t - 1``, or t's predecessor in ``grid``."""
    if grid is None:
        return t - 1
    steps = list(grid)
    index = steps.index(t)
    return steps[index - 1] if index > 0 else 0


def step_coefficients(t: int, betas: np.ndarray, grid: Sequence[int] | None = None) -> tuple[float, float]:
    """``(ᾱ_s, β)`` of the step from ``t`` to its predecessor ``s``: β = 1 - ᾱ_t/ᾱ_s."""
    abar = np.concatenate([[1.0], np.cumprod(1.0 - np.asarray(betas, dtype=np.float64))])
    s = previous(t, grid)
    return float(abar[s]), float(1.0 - abar[t] / abar[s])


class DDPM:
    """The reference implementation: the closed forms of Ho et al. (2020), eqs. (2), (4), (6), (7), (11)."""

    def betas(self, schedule: str, T: int) -> np.ndarray:
        return SCHEDULES[schedule](T)

    def alpha_bar(self, betas: np.ndarray) -> np.ndarray:
        return np.cumprod(1.0 - np.asarray(betas, dtype=np.float64))

    def forward_step(self, x_prev: np.ndarray, t: int, betas: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        beta = float(betas[t - 1])
        return math.sqrt(1 - beta) * x_prev + math.sqrt(beta) * rng.standard_normal(np.shape(x_prev))

    def marginal_sample(self, x0: np.ndarray, t: int, betas: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        abar = float(self.alpha_bar(betas)[t - 1]) if t > 0 else 1.0
        return math.sqrt(abar) * x0 + math.sqrt(1 - abar) * rng.standard_normal(np.shape(x0))

    def posterior_mean(
        self, x_t: np.ndarray, x0: np.ndarray, t: int, betas: np.ndarray, grid: Sequence[int] | None = None
    ) -> np.ndarray:
        abar_prev, beta = step_coefficients(t, betas, grid)
        abar_t = abar_prev * (1 - beta)
        return (math.sqrt(abar_prev) * beta * x0 + math.sqrt(1 - beta) * (1 - abar_prev) * x_t) / (1 - abar_t)

    def posterior_variance(self, t: int, betas: np.ndarray, grid: Sequence[int] | None = None) -> float:
        abar_prev, beta = step_coefficients(t, betas, grid)
        return (1 - abar_prev) / (1 - abar_prev * (1 - beta)) * beta

    def sampling_step(
        self, x_t: np.ndarray, eps: np.ndarray, t: int, betas: np.ndarray, rng: np.random.Generator, *,
        variance: Variance = "small", grid: Sequence[int] | None = None,
    ) -> np.ndarray:
        abar_prev, beta = step_coefficients(t, betas, grid)
        abar_t = abar_prev * (1 - beta)
        mean = (x_t - beta / math.sqrt(1 - abar_t) * eps) / math.sqrt(1 - beta)
        if previous(t, grid) == 0:
            return mean
        sigma2 = self.posterior_variance(t, betas, grid) if variance == "small" else beta
        return mean + math.sqrt(sigma2) * rng.standard_normal(np.shape(x_t))
