"""A full ancestral sampling pass (T = 1000 and a 50-step grid): the numpy reference against diffusers.

    python benchmarks/ddpm_sampler.py

Both samplers use the Bayes-optimal noise prediction for Gaussian data x_0 ~ N(0.5, 0.49 I) and
σ_t² = β̃_t; the script prints both times and the mean and variance of the samples each one draws.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from impls.adapters.diffusers_ddpm import DiffusersDDPM
from impls.ddpm import DDPM, linear_betas

DATA_MEAN, DATA_VARIANCE = 0.5, 0.49


def optimal_eps(x_t: np.ndarray, abar_t: float) -> np.ndarray:
    """E[ε | x_t] for x_0 ~ N(DATA_MEAN, DATA_VARIANCE I)."""
    return math.sqrt(1 - abar_t) * (x_t - math.sqrt(abar_t) * DATA_MEAN) / (abar_t * DATA_VARIANCE + 1 - abar_t)


def sample(impl: Any, betas: np.ndarray, grid: Sequence[int], n: int, d: int, seed: int) -> tuple[np.ndarray, float]:
    rng = np.random.default_rng(seed)
    abar = np.concatenate([[1.0], np.cumprod(1 - betas)])
    x = rng.standard_normal((n, d))
    start = time.perf_counter()
    for t in reversed(grid):
        x = impl.sampling_step(x, optimal_eps(x, abar[t]), t, betas, rng, variance="small",
                               grid=None if len(grid) == len(betas) else grid)
    return x, time.perf_counter() - start


def main(n: int = 1024, d: int = 16) -> None:
    betas = linear_betas(1000)
    for name, grid in (("T = 1000", list(range(1, 1001))), ("50-step leading grid", list(range(1, 1001, 20)))):
        ours, ours_s = sample(DDPM(), betas, grid, n, d, seed=0)
        theirs, theirs_s = sample(DiffusersDDPM(), betas, grid, n, d, seed=0)
        print(f"{name}, {n} x {d} samples: numpy reference {ours_s:.3f} s, diffusers {theirs_s:.3f} s; "
              f"sample mean {ours.mean():.4f} vs {theirs.mean():.4f} (data mean {DATA_MEAN}), "
              f"variance {ours.var():.4f} vs {theirs.var():.4f} (data {DATA_VARIANCE})")


if __name__ == "__main__":
    main()
