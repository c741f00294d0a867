"""Finite signals on ℤ and the discrete sums of the documents, evaluated exactly.

A :class:`Seq` is an array with the integer index of its first entry, so that convolving,
correlating, flipping and shifting keep track of where on ℤ each value sits, and a printed sum
``Σ_t f[t] h[u - t]`` can be evaluated term by term at every ``u`` and compared with what the
implementation returns there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from theorems.engine import Comparison, Formula, close, within_tolerance


@dataclass(frozen=True)
class Seq:
    """``values[i]`` is the signal at ``t = origin + i``; it is 0 elsewhere on ℤ."""

    values: np.ndarray
    origin: int = 0

    def __call__(self, t: int) -> float:
        i = t - self.origin
        return float(self.values[i]) if 0 <= i < len(self.values) else 0.0

    @property
    def support(self) -> range:
        return range(self.origin, self.origin + len(self.values))

    def flipped(self) -> Seq:
        """``t ↦ f(-t)``."""
        return Seq(self.values[::-1], -(self.origin + len(self.values) - 1))


def convolve(impl: Any, f: Seq, h: Seq) -> Seq:
    """``f * h`` by the implementation under test."""
    return Seq(impl.convolve(f.values, h.values), f.origin + h.origin)


def correlate(impl: Any, h: Seq, f: Seq) -> Seq:
    """``h ⋆ f`` by the implementation under test (its output starts at ``u = -(len h - 1)``)."""
    return Seq(impl.correlate(h.values, f.values), f.origin - h.origin - (len(h.values) - 1))


def window(*signals: Seq, margin: int = 1) -> range:
    """Every ``u`` (and every summation index ``t``) where the signals' sums can be non-zero, with a margin."""
    lo = sum(min(s.support.start, -s.support.stop) for s in signals) - margin
    return range(lo, -lo + 1)


Summand = Callable[[Seq, Seq, int, int], float]
"""The term of a printed sum at ``u`` and summation index ``t``: ``(f, h, u, t) ↦ f(t) h(u - t)``."""


def total(term: Summand, f: Seq, h: Seq, u: int) -> float:
    return sum(term(f, h, u, t) for t in window(f, h))


def sums_match(terms: Iterable[Formula], f: Seq, h: Seq, reference: Seq, *, label: str) -> list[Comparison]:
    """Each printed sum, evaluated term by term at every ``u``, equals ``reference`` (the implementation) there."""
    us = list(window(f, h, reference))
    expected = np.array([reference(u) for u in us])
    return [close(np.array([total(term, f, h, u) for u in us]), expected, label=f"{label}: {term.latex}",
                  atol=within_tolerance(expected)) for term in terms]


def layer_matrix(layer: Callable[..., np.ndarray], w: np.ndarray, input_shape: tuple[int, ...],
                 **options: int) -> np.ndarray:
    """The matrix of the linear map ``x ↦ layer(x, w, **options)`` on inputs of ``input_shape`` (C_in, *spatial):
    its columns are the layer applied to the basis inputs, all in one batch (the map is linear: no bias)."""
    size = int(np.prod(input_shape))
    out = np.asarray(layer(np.eye(size).reshape(size, *input_shape), w, **options))
    return out.reshape(size, -1).T
