"""Unit tests of the GAN reference implementation (the discriminator game) and its SciPy adapter."""

from __future__ import annotations

import math

import numpy as np
import pytest

from impls.gan import GanGame

ref = GanGame()


def test_wasserstein_of_point_masses_is_their_distance() -> None:
    assert ref.wasserstein(np.array([2.0, -1.0]), np.array([1.0, 0.0]), np.array([0.0, 1.0])) == pytest.approx(3.0)


def test_optimal_discriminator_is_real_over_total() -> None:
    np.testing.assert_allclose(ref.optimal_discriminator(np.array([0.2, 0.8]), np.array([0.6, 0.2])), [0.25, 0.8])


def test_optimal_discriminator_keeps_the_fake_term_finite() -> None:
    d = ref.optimal_discriminator(np.array([1.0, 0.0]), np.array([1e-300, 1.0]))
    assert d[0] < 1.0 and math.isfinite(ref.log_likelihood(np.array([1.0, 0.0]), np.array([1e-300, 1.0]), d))


def test_scipy_game_checks_scipy_wasserstein() -> None:
    from theorems import check_impl
    from theorems.engine import Verdict

    [result] = check_impl("gan", "impls.adapters.scipy_gan:ScipyGame", claims=["gan.wasserstein_primal"])
    assert result.verdict is Verdict.HOLDS, result.reason
