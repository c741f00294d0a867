"""SciPy's divergences behind the GAN protocol: ``--impl gan=impls.adapters.scipy_gan:ScipyDivergences``.

``scipy.stats.entropy`` gives H(p) and KL(p‖q) (it normalises its inputs), ``scipy.spatial.distance
.jensenshannon`` gives √JS (nats by default), ``scipy.stats.wasserstein_distance`` gives W₁. Inputs are
passed through unchanged (float32 stays float32), so SciPy's own numerics are what is checked.
The discriminator game (mixture, D*, ℓ, V) is the reference's: SciPy has none.
"""

from __future__ import annotations

import numpy as np
from scipy.spatial.distance import jensenshannon
from scipy.stats import entropy, wasserstein_distance

from impls.gan import Array, Divergences


def _masses(p: Array, dx: Array | None) -> Array:
    return p if dx is None else np.asarray(p) * dx


class ScipyDivergences(Divergences):
    def entropy(self, p: Array, dx: Array | None = None) -> float:
        masses = _masses(p, dx)
        # differential entropy: −Σ w p ln p = H(masses) + Σ masses ln w
        correction = 0.0 if dx is None else float(np.sum(masses * np.log(dx)))
        return float(entropy(masses)) + correction

    def cross_entropy(self, p: Array, q: Array, dx: Array | None = None) -> float:
        return self.entropy(p, dx) + self.kl(p, q, dx)

    def kl(self, p: Array, q: Array, dx: Array | None = None) -> float:
        return float(entropy(_masses(p, dx), _masses(q, dx)))

    def js(self, p: Array, q: Array, dx: Array | None = None) -> float:
        return float(jensenshannon(_masses(p, dx), _masses(q, dx))) ** 2

    def wasserstein(self, x: Array, p: Array, q: Array) -> float:
        return float(wasserstein_distance(x, x, p, q))
