"""Hypothesis strategies for the approximation topic: continuous piecewise-linear (CPWL) functions of one
variable, given exactly (dyadic knots, integer values), and Lipschitz targets on [0, 1] on a grid that
contains the approximations' knots and the midpoints between them. Arrangements of ReLU hyperplanes
come from the ``cover`` topic's strategies."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st


@dataclass(frozen=True)
class CPWL:
    """The CPWL function through ``(knots[i], values[i])``, extended by its end pieces beyond them."""

    knots: np.ndarray
    values: np.ndarray

    @property
    def pieces(self) -> int:
        return len(self.knots) - 1

    @property
    def lipschitz(self) -> float:
        """The largest |slope|: the Lipschitz constant (exact for dyadic knots and integer values)."""
        return float(np.max(np.abs(np.diff(self.values) / np.diff(self.knots))))

    def __call__(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        s = np.diff(self.values) / np.diff(self.knots)
        inside = np.interp(x, self.knots, self.values)
        left = self.values[0] + s[0] * (x - self.knots[0])
        right = self.values[-1] + s[-1] * (x - self.knots[-1])
        return np.where(x < self.knots[0], left, np.where(x > self.knots[-1], right, inside))

    def sample_points(self) -> np.ndarray:
        """The knots, the midpoints between them, and points beyond both ends."""
        mid = (self.knots[1:] + self.knots[:-1]) / 2
        span = self.knots[-1] - self.knots[0]
        return np.sort(np.concatenate([self.knots, mid, self.knots[[0, -1]] + np.array([-span, span]) - 1]))

    def describe(self) -> dict[str, list[float]]:
        return {"knots": self.knots.tolist(), "values": self.values.tolist()}


@st.composite
def cpwl_functions(draw: st.DrawFn, max_pieces: int = 8) -> CPWL:
    """A CPWL function with 1..max_pieces pieces: half-integer knots, integer values."""
    m = draw(st.integers(1, max_pieces))
    start = draw(st.integers(-6, 6))
    steps = draw(st.lists(st.integers(1, 4), min_size=m, max_size=m))
    values = draw(st.lists(st.integers(-6, 6), min_size=m + 1, max_size=m + 1))
    knots = (start + np.concatenate([[0], np.cumsum(steps)])) / 2
    return CPWL(knots.astype(float), np.array(values, dtype=float))


@st.composite
def convex_cpwl_functions(draw: st.DrawFn, max_pieces: int = 8) -> CPWL:
    """A convex CPWL function: integer slopes that increase from piece to piece."""
    base = draw(cpwl_functions(max_pieces))
    rises = np.cumsum(draw(st.lists(st.integers(0, 3), min_size=base.pieces, max_size=base.pieces)))
    slopes = rises - draw(st.integers(0, 6))
    values = base.values[0] + np.concatenate([[0.0], np.cumsum(slopes * np.diff(base.knots))])
    return CPWL(base.knots, values)


@dataclass(frozen=True)
class Interpolation:
    """A Lipschitz target on [0, 1] (CPWL on the grid j/(q m)) to approximate with m pieces of width 1/m."""

    target: CPWL
    m: int

    @property
    def knots(self) -> np.ndarray:
        return np.linspace(0.0, 1.0, self.m + 1)

    @property
    def values(self) -> np.ndarray:
        return self.target(self.knots)

    def sup_error(self, approximation: np.ndarray) -> float:
        """max over [0, 1] of |target - approximation| for an approximation given at the target's knots: exact
        when the approximation is CPWL with knots among the target's (both are linear between them)."""
        return float(np.max(np.abs(self.target.values - approximation)))

    def describe(self) -> dict[str, object]:
        return {"m": self.m, **self.target.describe()}


@st.composite
def interpolations(draw: st.DrawFn, max_pieces: int = 8) -> Interpolation:
    """m pieces and a target with q ∈ {1..4} pieces per piece, integer values: q even puts target
    kinks at the midpoints of the approximation's pieces, where interpolation errs most."""
    m, q = draw(st.integers(1, max_pieces)), draw(st.integers(1, 4))
    values = draw(st.lists(st.integers(-4, 4), min_size=q * m + 1, max_size=q * m + 1))
    return Interpolation(CPWL(np.linspace(0.0, 1.0, q * m + 1), np.array(values, dtype=float)), m)


@st.composite
def bernstein_cases(draw: st.DrawFn, max_degree: int = 48) -> tuple[CPWL, int]:
    """A Lipschitz target on [0, 1] (CPWL, 1..8 pieces, integer values) and a degree n."""
    pieces = draw(st.integers(1, 8))
    values = draw(st.lists(st.integers(-4, 4), min_size=pieces + 1, max_size=pieces + 1))
    return CPWL(np.linspace(0.0, 1.0, pieces + 1), np.array(values, dtype=float)), draw(st.integers(1, max_degree))
