"""SciPy behind the GAN protocol: ``--impl gan=impls.adapters.scipy_gan:ScipyGame``.

SciPy's divergences (:mod:`impls.adapters.scipy_infotheory`) and ``scipy.stats.wasserstein_distance``
for W₁; the discriminator game (mixture, D*, ℓ, V) is the reference's: SciPy has none.
"""

from __future__ import annotations

from scipy.stats import wasserstein_distance

from impls.adapters.scipy_infotheory import ScipyDivergences
from impls.gan import GanGame
from impls.infotheory import Array


class ScipyGame(ScipyDivergences, GanGame):
    def wasserstein(self, x: Array, p: Array, q: Array) -> float:
        return float(wasserstein_distance(x, x, p, q))
