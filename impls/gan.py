"""The GAN discriminator game on discrete and 1-D continuous distributions: the balanced mixture,
the Bayes-optimal discriminator, the logistic likelihood, the GAN value and the Wasserstein distance.

Distributions are given as in :mod:`impls.infotheory` (masses, or densities with quadrature weights
``dx``); all logarithms are natural. The GAN claims compare the game with the Jensen–Shannon
divergence and the entropies *of the same implementation*, so the GAN protocol extends the
information-theory one.

Any implementation with the :class:`GanImpl` protocol can be checked::

    theorems check gan --impl gan=impls.gan:GanGame
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

import numpy as np
from scipy.special import expit, xlogy

from impls.infotheory import Array, Divergences, InfoTheoryImpl, weights


@runtime_checkable
class GanImpl(InfoTheoryImpl, Protocol):
    """What an implementation of the GAN topic provides besides the divergences (all values in nats).

    ``balanced_mixture(p, q)``: the joint ``p̃(x, y) = ½(y p(x) + (1 - y) q(x))`` as an ``(n, 2)``
    array whose column ``y`` is the label (1 = real sample from ``p``, 0 = fake sample from ``q``).
    ``optimal_discriminator(p, q)``: the Bayes-optimal ``P(y = 1 | x)`` at every point.
    ``log_likelihood(p, q, d, dx)``: ``ℓ = E_p̃[y ln d(x) + (1 - y) ln(1 - d(x))]`` of a discriminator ``d``.
    ``gan_value(p, q, d, dx)``: ``V(D, G) = E_p[ln D(x)] + E_q[ln(1 - D(x))]`` with ``q = p_g``.
    ``wasserstein(x, p, q)``: ``W₁`` between the distributions with masses ``p`` and ``q`` at the real points ``x``.
    """

    def balanced_mixture(self, p: Array, q: Array) -> Array: ...
    def optimal_discriminator(self, p: Array, q: Array) -> Array: ...
    def log_likelihood(self, p: Array, q: Array, d: Array, dx: Array | None = None) -> float: ...
    def gan_value(self, p: Array, q: Array, d: Array, dx: Array | None = None) -> float: ...
    def wasserstein(self, x: Array, p: Array, q: Array) -> float: ...


class GanGame(Divergences):
    """The reference implementation: the reference divergences and the discriminator game."""

    def balanced_mixture(self, p: Array, q: Array) -> Array:
        p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
        return 0.5 * np.stack([q, p], axis=1)

    def optimal_discriminator(self, p: Array, q: Array) -> Array:
        p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
        total = p + q
        # where neither distribution has mass the discriminator is arbitrary; ½ is the natural choice.
        d = np.divide(p, total, out=np.full_like(total, 0.5), where=total > 0)
        # where 0 < q < 2⁻⁵³ p the ratio rounds to 1 and ln(1 − D*) to −inf; the largest double below 1
        # keeps the fake term q ln(1 − D*) finite, off by at most q·ln(p/q) < 4e-15 p.
        return np.where(q > 0, np.minimum(d, np.nextafter(1.0, 0.0)), d)

    def log_likelihood(self, p: Array, q: Array, d: Array, dx: Array | None = None) -> float:
        return 0.5 * self.gan_value(p, q, d, dx)

    def gan_value(self, p: Array, q: Array, d: Array, dx: Array | None = None) -> float:
        p, q, d = (np.asarray(a, dtype=float) for a in (p, q, d))
        return float(np.sum(weights(p, dx) * (xlogy(p, d) + xlogy(q, 1.0 - d))))

    def wasserstein(self, x: Array, p: Array, q: Array) -> float:
        order = np.argsort(np.asarray(x, dtype=float))
        x = np.asarray(x, dtype=float)[order]
        cdf_gap = np.cumsum(np.asarray(p, dtype=float)[order] - np.asarray(q, dtype=float)[order])
        return float(np.sum(np.abs(cdf_gap[:-1]) * np.diff(x)))


def train_logistic_discriminator(
    real: Array, fake: Array, *, steps: int, lr: float, seed: int, features: Callable[[Array], Array]
) -> list[Callable[[Array], Array]]:
    """Logistic regression ``q_φ(x) = σ(φ·features(x))`` trained by full-batch Adam (torch) on samples.

    Minimises the empirical logistic loss of real (y = 1) against fake (y = 0) samples, i.e.
    maximises the sample version of ``ℓ(θ, φ)``. Returns the discriminator after every step.
    """
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # a 3-parameter model: thread start-up would cost more than the arithmetic
    try:
        return _adam_snapshots(real, fake, steps=steps, lr=lr, seed=seed, features=features)
    finally:
        torch.set_num_threads(threads)


def _adam_snapshots(
    real: Array, fake: Array, *, steps: int, lr: float, seed: int, features: Callable[[Array], Array]
) -> list[Callable[[Array], Array]]:
    import torch

    torch.manual_seed(seed)
    X = torch.tensor(np.concatenate([features(real), features(fake)]), dtype=torch.float64)
    y = torch.cat([torch.ones(len(real), dtype=torch.float64), torch.zeros(len(fake), dtype=torch.float64)])
    phi = torch.zeros(X.shape[1], dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.Adam([phi], lr=lr)
    snapshots: list[Callable[[Array], Array]] = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(X @ phi, y)
        loss.backward()
        optimizer.step()
        weights = phi.detach().numpy().copy()
        snapshots.append(lambda x, w=weights: expit(features(x) @ w))
    return snapshots
