"""``diffusers.DDPMScheduler`` behind the :class:`impls.ddpm.DDPMImpl` protocol.

* The schedule is float64: diffusers stores ``trained_betas`` as float32, so the adapter replaces
  ``betas``, ``alphas`` and ``alphas_cumprod`` by float64 tensors after construction.
* diffusers counts timesteps from 0: its ``timestep = t - 1`` for the documents' ``t``.
* ``clip_sample=False``; skipped timesteps go through ``set_timesteps(timesteps=...)``.
* ``step()`` adds its own seeded noise; the posterior mean μ and standard deviation σ are recovered
  from two calls with two seeds, replaying each seed's noise z: ``prev_i = μ + σ z_i``.

Variants, selectable with ``--impl ddpm=impls.adapters.diffusers_ddpm:<name>``:
``DiffusersDDPM`` (``fixed_small`` / ``fixed_large``), ``DiffusersDDPMLog`` (``fixed_small_log`` /
``fixed_large_log``), ``DiffusersDDPMLearnedRange`` (``learned_range`` fed v = -1 / +1) and
``DiffusersDDPMLearned`` (``learned`` fed the variance itself).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import numpy as np
import torch
from diffusers import DDPMScheduler

from impls.ddpm import Variance, step_coefficients

_SCHEDULE_NAMES = {"linear": "linear", "cosine": "squaredcos_cap_v2"}


class DiffusersDDPM:
    """``variance_types`` maps the sampler's σ_t² ∈ {β̃_t ("small"), β_t ("large")} to diffusers'."""

    variance_types: ClassVar[dict[str, str]] = {"small": "fixed_small", "large": "fixed_large"}

    def betas(self, schedule: str, T: int) -> np.ndarray:
        scheduler = DDPMScheduler(num_train_timesteps=T, beta_schedule=_SCHEDULE_NAMES[schedule])
        return scheduler.betas.double().numpy()

    def alpha_bar(self, betas: np.ndarray) -> np.ndarray:
        return self.scheduler(betas).alphas_cumprod.numpy()

    def forward_step(self, x_prev: np.ndarray, t: int, betas: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        one_step = self.scheduler(np.asarray(betas)[t - 1: t])
        return self._add_noise(one_step, x_prev, 0, rng)

    def marginal_sample(self, x0: np.ndarray, t: int, betas: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        if t == 0:
            return np.array(x0, dtype=np.float64)
        return self._add_noise(self.scheduler(betas), x0, t - 1, rng)

    def posterior_mean(
        self, x_t: np.ndarray, x0: np.ndarray, t: int, betas: np.ndarray, grid: Sequence[int] | None = None
    ) -> np.ndarray:
        scheduler = self.scheduler(betas, grid, prediction_type="sample")
        mean, _ = _mean_and_std(scheduler, x0, x_t, t, seed=t)
        return mean

    def posterior_variance(self, t: int, betas: np.ndarray, grid: Sequence[int] | None = None) -> float:
        scheduler = self.scheduler(betas, grid, prediction_type="sample")
        zeros = np.zeros((1, 256))
        _, std = _mean_and_std(scheduler, zeros, zeros, t, seed=t)
        return std**2

    def sampling_step(
        self, x_t: np.ndarray, eps: np.ndarray, t: int, betas: np.ndarray, rng: np.random.Generator, *,
        variance: Variance = "small", grid: Sequence[int] | None = None,
    ) -> np.ndarray:
        scheduler = self.scheduler(betas, grid, variance_type=self.variance_types[variance])
        model_output = self.model_output(np.asarray(eps, dtype=np.float64), t, betas, variance, grid)
        generator = torch.Generator().manual_seed(int(rng.integers(2**62)))
        out = scheduler.step(torch.from_numpy(model_output), t - 1, torch.from_numpy(np.asarray(x_t, np.float64)),
                             generator=generator)
        return out.prev_sample.numpy()

    def model_output(
        self, eps: np.ndarray, t: int, betas: np.ndarray, variance: Variance, grid: Sequence[int] | None
    ) -> np.ndarray:
        """What the network would output: the noise prediction (learned variants append a variance)."""
        return eps

    def scheduler(self, betas: np.ndarray, grid: Sequence[int] | None = None, **config: object) -> DDPMScheduler:
        betas64 = torch.tensor(np.asarray(betas, dtype=np.float64))
        scheduler = DDPMScheduler(
            num_train_timesteps=len(betas64), trained_betas=betas64.numpy(), clip_sample=False, **config
        )
        scheduler.betas = betas64
        scheduler.alphas = 1.0 - betas64
        scheduler.alphas_cumprod = torch.cumprod(scheduler.alphas, dim=0)
        scheduler.one = torch.tensor(1.0, dtype=torch.float64)
        if grid is not None:
            scheduler.set_timesteps(timesteps=[int(g) - 1 for g in reversed(list(grid))])
        return scheduler

    @staticmethod
    def _add_noise(scheduler: DDPMScheduler, x: np.ndarray, timestep: int, rng: np.random.Generator) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)
        noise = torch.from_numpy(rng.standard_normal(x.shape))
        return scheduler.add_noise(torch.from_numpy(x), noise, torch.tensor([timestep])).numpy()


def _mean_and_std(
    scheduler: DDPMScheduler, model_output: np.ndarray, x_t: np.ndarray, t: int, seed: int
) -> tuple[np.ndarray, float]:
    """μ and σ of ``step()`` from two seeded calls: prev_i = μ + σ z_i with each seed's noise z_i replayed."""
    output = torch.from_numpy(np.asarray(model_output, dtype=np.float64))
    sample = torch.from_numpy(np.asarray(x_t, dtype=np.float64))
    prev, noise = [], []
    for s in (2 * seed + 1, 2 * seed + 2):
        prev.append(scheduler.step(output, t - 1, sample, generator=torch.Generator().manual_seed(s)).prev_sample)
        noise.append(torch.randn(sample.shape, generator=torch.Generator().manual_seed(s), dtype=torch.float64))
    dz = (noise[0] - noise[1]).numpy()
    std = float(np.sum((prev[0] - prev[1]).numpy() * dz) / np.sum(dz * dz))
    return prev[0].numpy() - std * noise[0].numpy(), std


class DiffusersDDPMLog(DiffusersDDPM):
    variance_types: ClassVar[dict[str, str]] = {"small": "fixed_small_log", "large": "fixed_large_log"}


class DiffusersDDPMLearnedRange(DiffusersDDPM):
    """``learned_range`` interpolates log β̃_t (v = -1) and log β_t (v = +1); the network outputs v."""

    variance_types: ClassVar[dict[str, str]] = {"small": "learned_range", "large": "learned_range"}

    def model_output(
        self, eps: np.ndarray, t: int, betas: np.ndarray, variance: Variance, grid: Sequence[int] | None
    ) -> np.ndarray:
        v = np.full_like(eps, -1.0 if variance == "small" else 1.0)
        return np.concatenate([eps, v], axis=1)


class DiffusersDDPMLearned(DiffusersDDPM):
    """``learned`` takes the network's second output as the variance itself."""

    variance_types: ClassVar[dict[str, str]] = {"small": "learned", "large": "learned"}

    def model_output(
        self, eps: np.ndarray, t: int, betas: np.ndarray, variance: Variance, grid: Sequence[int] | None
    ) -> np.ndarray:
        abar_prev, beta = step_coefficients(t, betas, grid)
        small = (1 - abar_prev) / (1 - abar_prev * (1 - beta)) * beta
        sigma2 = small if variance == "small" else beta
        return np.concatenate([eps, np.full_like(eps, sigma2)], axis=1)
