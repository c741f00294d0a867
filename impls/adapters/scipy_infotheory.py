"""SciPy's divergences behind the information-theory protocol:
``--impl infotheory=impls.adapters.scipy_infotheory:ScipyDivergences``.

``scipy.stats.entropy`` gives H(p) and KL(p‖q) (it normalises its inputs), ``scipy.spatial.distance
.jensenshannon`` gives √JS (nats by default). Inputs are passed through unchanged (float32 stays
float32), so SciPy's own numerics are what is checked.
"""

from __future__ import annotations

import numpy as np
from scipy.spatial.distance import jensenshannon
from scipy.stats import entropy

from impls.infotheory import Array


def _masses(p: Array, dx: Array | None) -> Array:
    return p if dx is None else np.asarray(p) * dx


class ScipyDivergences:
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
