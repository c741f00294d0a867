"""Unit tests of the DDPM reference implementation, the diffusers adapter and the exact ELBO helpers."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings

from impls.ddpm import DDPM, cosine_betas, linear_betas, previous, step_coefficients
from theorems.topics.ddpm.elbo import elbo_definition, log_likelihood
from theorems.topics.ddpm.strategies import GaussianDiffusion, gaussian_diffusions

LINEAR = linear_betas(1000)


def test_previous_follows_the_grid() -> None:
    grid = [5, 10, 20]
    assert [previous(t, grid) for t in grid] == [0, 5, 10]
    assert previous(7, None) == 6


def test_skipped_step_is_a_ddpm_step_with_effective_beta() -> None:
    abar = np.cumprod(1 - LINEAR)
    abar_prev, beta = step_coefficients(40, LINEAR, [20, 40])
    assert abar_prev == pytest.approx(abar[19], rel=1e-14)
    assert abar_prev * (1 - beta) == pytest.approx(abar[39], rel=1e-12)


def test_cosine_schedule_follows_its_alpha_bar() -> None:
    T, s = 100, 0.008
    f = np.cos((np.arange(T + 1) / T + s) / (1 + s) * math.pi / 2) ** 2
    betas = cosine_betas(T)
    uncapped = betas < 0.999
    np.testing.assert_allclose(np.cumprod(1 - betas)[uncapped], (f[1:] / f[0])[uncapped], rtol=1e-10)


def test_noise_form_of_the_sampler_is_the_posterior_mean() -> None:
    """With the true noise, the sampler's draw minus its own noise σ z is μ̃(x_t, x_0) (eq. 11 = eq. 7)."""
    ref, rng = DDPM(), np.random.default_rng(0)
    x0, noise = rng.standard_normal((3, 5)), rng.standard_normal((3, 5))
    for grid, t in [(None, 2), (None, 700), ([1, 21, 41], 41)]:
        abar_t = float(np.prod(1 - LINEAR[:t]))
        x_t = math.sqrt(abar_t) * x0 + math.sqrt(1 - abar_t) * noise
        drawn = ref.sampling_step(x_t, noise, t, LINEAR, np.random.default_rng(7), grid=grid)
        own_noise = math.sqrt(ref.posterior_variance(t, LINEAR, grid)) * np.random.default_rng(7).standard_normal(
            x_t.shape)
        np.testing.assert_allclose(drawn - own_noise, ref.posterior_mean(x_t, x0, t, LINEAR, grid),
                                   rtol=1e-9, atol=1e-12)


@settings(max_examples=20, deadline=None)
@given(gaussian_diffusions())
def test_exact_elbo_matches_monte_carlo(model: GaussianDiffusion) -> None:
    """elbo_definition against a plain Monte-Carlo average of ln p_θ(x_{0:T}) - ln q(x_{1:T}|x_0)."""
    rng, n = np.random.default_rng(0), 20_000
    x = [np.full(n, model.x0)]
    for beta in model.betas:
        x.append(math.sqrt(1 - beta) * x[-1] + math.sqrt(beta) * rng.standard_normal(n))

    def log_normal(y: np.ndarray, mean: np.ndarray | float, var: float) -> np.ndarray:
        return -0.5 * np.log(2 * math.pi * var) - (y - mean) ** 2 / (2 * var)

    ratio = log_normal(x[-1], 0.0, 1.0)
    for t in range(1, model.T + 1):
        ratio += log_normal(x[t - 1], model.a[t - 1] * x[t] + model.c[t - 1], model.s2[t - 1])
        ratio -= log_normal(x[t], math.sqrt(1 - model.betas[t - 1]) * x[t - 1], model.betas[t - 1])
    assert abs(ratio.mean() - elbo_definition(model)) <= 6 * ratio.std() / math.sqrt(n) + 1e-9
    assert elbo_definition(model) <= log_likelihood(model) + 1e-9


diffusers = pytest.importorskip("diffusers")


@pytest.fixture(scope="module")
def adapter() -> Any:
    from impls.adapters.diffusers_ddpm import DiffusersDDPM

    return DiffusersDDPM()


@pytest.mark.parametrize("spacing", ["leading", "trailing", "linspace"])
def test_diffusers_skipped_grids_match_the_reference(adapter: Any, spacing: str) -> None:
    """diffusers' own set_timesteps(50) grids, read as documents' t, give the reference posterior."""
    scheduler = diffusers.DDPMScheduler(num_train_timesteps=1000, timestep_spacing=spacing)
    scheduler.set_timesteps(50)
    grid = sorted(int(t) + 1 for t in scheduler.timesteps)
    ref, rng = DDPM(), np.random.default_rng(0)
    x0, x_t = rng.standard_normal((2, 3)), rng.standard_normal((2, 3))
    for t in grid[1:]:
        np.testing.assert_allclose(adapter.posterior_mean(x_t, x0, t, LINEAR, grid),
                                   ref.posterior_mean(x_t, x0, t, LINEAR, grid), rtol=1e-10, atol=1e-13)
        assert adapter.posterior_variance(t, LINEAR, grid) == pytest.approx(ref.posterior_variance(t, LINEAR, grid),
                                                                             rel=1e-10)


def test_diffusers_schedules_agree_to_float32(adapter: Any) -> None:
    ref = DDPM()
    for name in ("linear", "cosine"):
        np.testing.assert_allclose(adapter.betas(name, 1000), ref.betas(name, 1000), rtol=1e-6)
