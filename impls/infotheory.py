"""Entropy, cross-entropy and the KL and Jensen–Shannon divergences of discrete and 1-D continuous distributions.

A distribution is an array of non-negative values ``p`` with quadrature weights ``dx``: with
``dx=None`` it is a probability vector (masses, counting measure); with ``dx`` given, ``p`` holds
density values at quadrature nodes and every integral ``∫ f(p(x)) dx`` is ``Σ dx·f(p)``.
All logarithms are natural (nats); ``0 ln 0 = 0``.

Any implementation with the :class:`InfoTheoryImpl` protocol can be checked::

    theorems check infotheory --impl infotheory=impls.adapters.scipy_infotheory:ScipyDivergences
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np
from scipy.special import xlogy

Array = np.ndarray
LN2 = float(np.log(2.0))


@runtime_checkable
class InfoTheoryImpl(Protocol):
    """What an implementation of the information-theory topic provides (all values in nats).

    ``entropy(p, dx)``: ``H(p) = -Σ dx·p ln p`` (differential entropy for densities).
    ``cross_entropy(p, q, dx)``: ``H(p, q) = -Σ dx·p ln q`` (``inf`` where ``q = 0 < p``).
    ``kl(p, q, dx)``: ``KL(p‖q) = Σ dx·p ln(p/q)`` (``inf`` unless ``p ≪ q``).
    ``js(p, q, dx)``: ``JS(p, q) = ½ KL(p‖m) + ½ KL(q‖m)``, ``m = ½(p + q)``.
    """

    def entropy(self, p: Array, dx: Array | None = None) -> float: ...
    def cross_entropy(self, p: Array, q: Array, dx: Array | None = None) -> float: ...
    def kl(self, p: Array, q: Array, dx: Array | None = None) -> float: ...
    def js(self, p: Array, q: Array, dx: Array | None = None) -> float: ...


def weights(p: Array, dx: Array | None) -> Array:
    """The quadrature weights of ``p``: ones for masses, ``dx`` for densities."""
    return np.ones_like(p) if dx is None else np.asarray(dx, dtype=float)


class Divergences:
    """The reference implementation, written for accuracy rather than speed.

    ``p ln(p/q)`` is evaluated as ``p (ln p - ln q)`` so that subnormal ``q`` cannot overflow the ratio.
    """

    def entropy(self, p: Array, dx: Array | None = None) -> float:
        p = np.asarray(p, dtype=float)
        return float(-np.sum(weights(p, dx) * xlogy(p, p)))

    def cross_entropy(self, p: Array, q: Array, dx: Array | None = None) -> float:
        p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
        return float(-np.sum(weights(p, dx) * xlogy(p, q)))

    def kl(self, p: Array, q: Array, dx: Array | None = None) -> float:
        p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
        if np.any((q == 0) & (p > 0)):
            return float("inf")
        return float(np.sum(weights(p, dx) * (xlogy(p, p) - xlogy(p, q))))

    def js(self, p: Array, q: Array, dx: Array | None = None) -> float:
        p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
        # ½KL(p‖m) + ½KL(q‖m) with ln m = ln(p + q) − ln 2, so that m = ½(p + q) never underflows to 0.
        s = p + q
        w = weights(p, dx)
        return float(0.5 * np.sum(w * (xlogy(p, p) + xlogy(q, q) - xlogy(s, s))) + LN2 * 0.5 * np.sum(w * s))
