"""Pairs of distributions for the information-theory and GAN claims.

Discrete pairs cover the regimes where divergences are delicate (zeros, disjoint supports,
identical and near-identical inputs, float32 inputs, subnormal masses); continuous pairs are
1-D Gaussian mixtures evaluated on a trapezoid quadrature grid.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from theorems.engine import Comparison, Context, Outcome, for_all


@dataclass(frozen=True)
class Pair:
    """Two distributions on a common support: masses (``dx is None``) or densities at quadrature nodes."""

    p: np.ndarray
    q: np.ndarray
    dx: np.ndarray | None = None
    regime: str = "generic"
    x: np.ndarray | None = None
    """The quadrature nodes of a continuous pair."""

    @property
    def m(self) -> np.ndarray:
        return 0.5 * (np.asarray(self.p, dtype=float) + np.asarray(self.q, dtype=float))

    @property
    def size(self) -> int:
        return len(self.p)

    @property
    def tolerance(self) -> float:
        """Relative accuracy the inputs carry (float32 masses sum to 1 only to about 1e-7)."""
        return 1e-6 if self.p.dtype == np.float32 else 1e-9

    def describe(self) -> dict[str, object]:
        if self.dx is not None:
            return {"regime": self.regime, "grid points": self.size}
        return {"regime": self.regime, "dtype": str(self.p.dtype), "p": self.p.tolist(), "q": self.q.tolist()}


@dataclass(frozen=True)
class GaussianMixture:
    weights: tuple[float, ...]
    means: tuple[float, ...]
    sds: tuple[float, ...]

    def pdf(self, x: np.ndarray) -> np.ndarray:
        w, mu, sd = (np.asarray(a)[:, None] for a in (self.weights, self.means, self.sds))
        return np.sum(w * np.exp(-0.5 * ((x - mu) / sd) ** 2) / (sd * np.sqrt(2 * np.pi)), axis=0)

    def span(self, width: float = 12.0) -> tuple[float, float]:
        return (min(m - width * s for m, s in zip(self.means, self.sds, strict=True)),
                max(m + width * s for m, s in zip(self.means, self.sds, strict=True)))


def trapezoid_grid(lo: float, hi: float, points: int = 2001) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and trapezoid weights on [lo, hi]; spectrally accurate for smooth integrands with tails."""
    x = np.linspace(lo, hi, points)
    w = np.full(points, x[1] - x[0])
    w[[0, -1]] /= 2
    return x, w


def on_common_grid(p: GaussianMixture, q: GaussianMixture, regime: str) -> Pair:
    lo = min(p.span()[0], q.span()[0])
    hi = max(p.span()[1], q.span()[1])
    x, w = trapezoid_grid(lo, hi)
    return Pair(p.pdf(x), q.pdf(x), w, regime, x)


def _normalised(raw: np.ndarray) -> np.ndarray:
    return raw / raw.sum()


masses = st.one_of(st.just(0.0), st.floats(1e-6, 1.0))
positive_masses = st.floats(1e-4, 1.0)
ALL_REGIMES = ("generic", "identical", "disjoint", "near-identical float32", "subnormal", "point mass")
EXACT_REGIMES = ("generic", "identical", "disjoint")
"""Regimes in which a discriminator D* and 1 − D* are representable (subnormal masses make 1 − D* round
to 0) and the masses sum to 1 in float64 (float32 inputs do not)."""


@st.composite
def probability_vectors(draw: st.DrawFn, size: int, *, positive: bool = False) -> np.ndarray:
    # a list, not hnp.arrays: arrays fill most entries with one repeated value, which makes q nearly uniform
    raw = np.array(draw(st.lists(positive_masses if positive else masses, min_size=size, max_size=size)))
    if raw.sum() == 0:
        raw[draw(st.integers(0, size - 1))] = 1.0
    return _normalised(raw)


@st.composite
def discrete_pairs(draw: st.DrawFn, *, max_size: int = 8, full_support: bool = False,
                   regimes: tuple[str, ...] = ALL_REGIMES) -> Pair:
    """Pairs of probability vectors; ``full_support`` keeps every mass of both positive."""
    regime = draw(st.sampled_from(regimes))
    size = draw(st.integers(2 if regime == "disjoint" else 1, max_size))
    p = draw(probability_vectors(size, positive=full_support))
    if regime == "identical":
        return Pair(p, p.copy(), None, regime)
    if regime == "disjoint":
        cut = draw(st.integers(1, size - 1))
        p = np.concatenate([draw(probability_vectors(cut, positive=True)), np.zeros(size - cut)])
        q = np.concatenate([np.zeros(cut), draw(probability_vectors(size - cut, positive=True))])
        return Pair(p, q, None, regime)
    if regime == "point mass" and not full_support:  # one side deterministic: cross-entropy bounds tight or ∞
        point = np.zeros(size)
        point[draw(st.integers(0, size - 1))] = 1.0
        other = draw(probability_vectors(size, positive=True))
        return Pair(point, other, None, regime) if draw(st.booleans()) else Pair(other, point, None, regime)
    if regime == "near-identical float32":
        noise = draw(hnp.arrays(np.float64, size, elements=st.floats(-1.0, 1.0)))
        p32 = _normalised(np.asarray(draw(probability_vectors(size, positive=True)), dtype=np.float32))
        q32 = _normalised(p32 * (1 + np.float32(1e-6) * noise.astype(np.float32)))
        return Pair(p32, q32, None, regime)
    q = draw(probability_vectors(size, positive=full_support))
    if regime == "subnormal":
        tiny = draw(st.sampled_from([5e-324, 1e-320, 1e-310]))
        p[draw(st.integers(0, size - 1))] = tiny
        q[draw(st.integers(0, size - 1))] = tiny
        return Pair(_normalised(p), _normalised(q), None, regime)
    return Pair(p, q, None, regime)


@st.composite
def gaussian_mixtures(draw: st.DrawFn, max_components: int = 3) -> GaussianMixture:
    k = draw(st.integers(1, max_components))
    weights = _normalised(np.array(draw(st.lists(st.floats(0.1, 1.0), min_size=k, max_size=k))))
    means = draw(st.lists(st.floats(-4.0, 4.0), min_size=k, max_size=k))
    sds = draw(st.lists(st.floats(0.3, 2.0), min_size=k, max_size=k))
    return GaussianMixture(tuple(weights.tolist()), tuple(means), tuple(sds))


@st.composite
def continuous_pairs(draw: st.DrawFn) -> Pair:
    p = draw(gaussian_mixtures())
    q = p if draw(st.booleans()) and draw(st.booleans()) else draw(gaussian_mixtures())
    return on_common_grid(p, q, "identical mixtures" if q is p else "gaussian mixtures")


def pairs(*, full_support: bool = False, regimes: tuple[str, ...] = ALL_REGIMES) -> st.SearchStrategy[Pair]:
    """Discrete and continuous pairs, discrete ones four times as often (they are cheaper and sharper)."""
    return st.one_of(*[discrete_pairs(full_support=full_support, regimes=regimes)] * 4, continuous_pairs())


@st.composite
def gaussian_pairs(draw: st.DrawFn) -> tuple[float, float, float, float]:
    """Parameters ``(μ₀, σ₀, μ₁, σ₁)`` of two normal distributions."""
    return (draw(st.floats(-3, 3)), draw(st.floats(0.3, 2.0)), draw(st.floats(-3, 3)), draw(st.floats(0.3, 2.0)))


def example_count(ctx: Context, quick: int = 40) -> int:
    """Hypothesis examples of a property check: ``quick`` in the quick profile, scaled up in the full one.

    The pair strategies aim at the delicate regimes directly, so 40 examples reach each of them several times.
    """
    return ctx.scaled(quick)


def for_all_pairs(ctx: Context, prop: Callable[[Pair], Sequence[Comparison]],
                  strategy: st.SearchStrategy[Pair] | None = None, **options: Any) -> Outcome:
    """``prop`` on every generated pair (of ``strategy``, all regimes by default), each described by its regime."""
    options.setdefault("max_examples", example_count(ctx))
    return for_all(ctx, strategy if strategy is not None else pairs(), prop, describe=Pair.describe, **options)
