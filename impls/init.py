"""Weight initialisations: the protocol a library's initialisers are checked through, and a NumPy reference.

Every method returns a float64 weight matrix of shape ``(fan_out, fan_in)`` (PyTorch's layout for a
linear layer ``z = W x``), drawn from a generator seeded with ``seed``, so that a check can draw the
same weights again:

* ``lecun_uniform``: U[-a, a] with a = √(3/fan_in), Var = 1/fan_in (LeCun et al. 1998);
* ``xavier_normal`` / ``xavier_uniform``: Var = 2/(fan_in + fan_out) (Glorot & Bengio 2010);
* ``kaiming_normal`` / ``kaiming_uniform``: Var = 2/fan_in, the ReLU gain √2 (He et al. 2015);
* ``orthogonal``: a Haar-distributed orthogonal m × m matrix (Saxe et al. 2014).
"""

from __future__ import annotations

from typing import Protocol

import numpy as np


class InitImpl(Protocol):
    """Random initialisers of a ``(fan_out, fan_in)`` weight matrix, reproducible from ``seed``."""

    def lecun_uniform(self, fan_in: int, fan_out: int, seed: int) -> np.ndarray: ...

    def xavier_normal(self, fan_in: int, fan_out: int, seed: int) -> np.ndarray: ...

    def xavier_uniform(self, fan_in: int, fan_out: int, seed: int) -> np.ndarray: ...

    def kaiming_normal(self, fan_in: int, fan_out: int, seed: int) -> np.ndarray: ...

    def kaiming_uniform(self, fan_in: int, fan_out: int, seed: int) -> np.ndarray: ...

    def orthogonal(self, m: int, seed: int) -> np.ndarray: ...


class Init:
    """The reference: each initialiser from its variance, in float64."""

    def lecun_uniform(self, fan_in: int, fan_out: int, seed: int) -> np.ndarray:
        return _uniform(1 / fan_in, fan_in, fan_out, seed)

    def xavier_normal(self, fan_in: int, fan_out: int, seed: int) -> np.ndarray:
        return _normal(2 / (fan_in + fan_out), fan_in, fan_out, seed)

    def xavier_uniform(self, fan_in: int, fan_out: int, seed: int) -> np.ndarray:
        return _uniform(2 / (fan_in + fan_out), fan_in, fan_out, seed)

    def kaiming_normal(self, fan_in: int, fan_out: int, seed: int) -> np.ndarray:
        return _normal(2 / fan_in, fan_in, fan_out, seed)

    def kaiming_uniform(self, fan_in: int, fan_out: int, seed: int) -> np.ndarray:
        return _uniform(2 / fan_in, fan_in, fan_out, seed)

    def orthogonal(self, m: int, seed: int) -> np.ndarray:
        """Q of the QR factorisation of a Gaussian matrix, its columns' signs fixed so that diag(R) > 0:
        without that fix Q is not Haar distributed (Mezzadri 2007)."""
        q, r = np.linalg.qr(np.random.default_rng(seed).standard_normal((m, m)))
        return q * np.sign(np.diag(r))


def _normal(variance: float, fan_in: int, fan_out: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).normal(0.0, np.sqrt(variance), (fan_out, fan_in))


def _uniform(variance: float, fan_in: int, fan_out: int, seed: int) -> np.ndarray:
    """U[-a, a] with a = √(3 Var): the uniform law of the given variance."""
    a = np.sqrt(3 * variance)
    return np.random.default_rng(seed).uniform(-a, a, (fan_out, fan_in))
