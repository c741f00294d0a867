"""Point sets in general position and degenerate ones, and ReLU hyperplane arrangements (these are
also the ``approximation`` topic's).

Every set is reproducible from the drawn example: Gaussian sets are drawn from a seed that
Hypothesis draws (and shrinks), lattice sets coordinate by coordinate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st

from impls.cover import in_general_position


def gaussian_points(rng: np.random.Generator, s: int, n: int, *, affine: bool = False) -> np.ndarray:
    """``s`` standard Gaussian points in ``R^n``, redrawn until in general position (almost surely at once)."""
    while True:
        X = rng.standard_normal((s, n))
        if in_general_position(X, affine=affine):
            return X


def lattice_points(rng: np.random.Generator, s: int, n: int, *, affine: bool = False, side: int | None = None
                   ) -> np.ndarray:
    """``s`` integer points of ``[-side, side]^n`` in general position, by rejection.

    The default side is 6 up to 10 points and 3s beyond, so that rejection ends quickly: a side of 6 holds no
    14 distinct points of a line, and rarely 14 points of the plane with no three collinear."""
    side = side if side is not None else (6 if s <= 10 else 3 * s)
    while True:
        X = rng.integers(-side, side + 1, size=(s, n)).astype(float)
        if in_general_position(X, affine=affine):
            return X


GENERATORS: dict[str, Callable[..., np.ndarray]] = {"gaussian": gaussian_points, "lattice": lattice_points}


@st.composite
def general_position_sets(
    draw: st.DrawFn, s: st.SearchStrategy[int], n: st.SearchStrategy[int], *, affine: bool = False
) -> np.ndarray:
    """One point set in general position: Gaussian or on an integer lattice (rejection)."""
    kind = draw(st.sampled_from(sorted(GENERATORS)))
    seed = draw(st.integers(0, 2**32 - 1))
    return GENERATORS[kind](np.random.default_rng(seed), draw(s), draw(n), affine=affine)


@dataclass(frozen=True)
class Degenerate:
    """A general-position set made degenerate in one named way."""

    points: np.ndarray
    how: str


def degenerate(X: np.ndarray, how: str, rng: np.random.Generator) -> Degenerate:
    """``X`` (integer points, for exactness) with one degeneracy: a repeated point, a point on
    another's ray or its opposite ray, a point in the span of fewer than ``n`` others, or the origin."""
    X = X.copy()
    s, n = X.shape
    i, j = rng.choice(s, size=2, replace=False)
    if how == "repeated":
        X[i] = X[j]
    elif how == "same ray":
        X[i] = 2.0 * X[j]
    elif how == "opposite ray":
        X[i] = -X[j]
    elif how == "low-dimensional span":
        others = rng.choice([k for k in range(s) if k != i], size=min(n - 1, s - 1), replace=False)
        X[i] = rng.integers(-3, 4, size=len(others)) @ X[others]
    elif how == "origin":
        X[i] = 0.0
    else:
        raise ValueError(f"unknown degeneracy {how!r}")
    return Degenerate(X, how)


DEGENERACIES = ("repeated", "same ray", "opposite ray", "low-dimensional span", "origin")


@st.composite
def degenerate_sets(draw: st.DrawFn, s: st.SearchStrategy[int], n: st.SearchStrategy[int]) -> Degenerate:
    """A set of at least two points with one of the :data:`DEGENERACIES`.

    It starts from lattice points, so that the degeneracy is exact (a float combination of
    Gaussian points would be rounded back into general position)."""
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    X = lattice_points(rng, draw(s.filter(lambda k: k >= 2)), draw(n))
    return degenerate(X, draw(st.sampled_from(DEGENERACIES)), rng)


def shattering_instances(vc_dimension: Callable[[int], int]) -> st.SearchStrategy[tuple[int, np.ndarray, np.ndarray]]:
    """(n, a general-position set of VC(n) points, any set of VC(n)+1 points, degenerate or not)."""

    def for_dimension(n: int) -> st.SearchStrategy[tuple[int, np.ndarray, np.ndarray]]:
        d = vc_dimension(n)
        larger = general_position_sets(st.just(d + 1), st.just(n))
        if d + 1 >= 2:
            larger = st.one_of(larger, degenerate_sets(st.just(d + 1), st.just(n)).map(lambda g: g.points))
        return st.tuples(st.just(n), general_position_sets(st.just(d), st.just(n)), larger)

    return st.integers(1, 5).flatmap(for_dimension)


def same_shape_sets() -> st.SearchStrategy[tuple[np.ndarray, np.ndarray, np.ndarray | None]]:
    """Two general-position sets of the same (s, n) and a degenerate set of that (s, n) when s ≥ 2."""

    def for_shape(shape: tuple[int, int]) -> st.SearchStrategy[tuple[np.ndarray, np.ndarray, np.ndarray | None]]:
        s, n = st.just(shape[0]), st.just(shape[1])
        broken = degenerate_sets(s, n).map(lambda g: g.points) if shape[0] >= 2 else st.none()
        return st.tuples(general_position_sets(s, n), general_position_sets(s, n), broken)

    return st.tuples(st.integers(1, 10), st.integers(1, 4)).flatmap(for_shape)


@dataclass(frozen=True)
class Arrangement:
    """``m`` ReLU units ``x ↦ max(0, W[i]·x + b[i])`` in ``R^n``; ``kind`` says how it was drawn."""

    W: np.ndarray
    b: np.ndarray
    kind: str

    @property
    def m(self) -> int:
        return self.W.shape[0]

    @property
    def n(self) -> int:
        return self.W.shape[1]

    def in_general_position(self) -> bool:
        """Any ``k ≤ n`` hyperplanes meet in an ``(n-k)``-flat and no ``n+1`` share a point."""
        return in_general_position(self.W) and in_general_position(np.hstack([self.W, self.b[:, None]]))


@st.composite
def arrangements(
    draw: st.DrawFn, m: st.SearchStrategy[int], n: st.SearchStrategy[int], *, biases: bool = True
) -> Arrangement:
    """Random ReLU arrangements: Gaussian with biases, through the origin, or with parallel or
    concurrent hyperplanes (degenerate, exactly)."""
    kinds = ["gaussian", "parallel", "concurrent", "through the origin"] if biases else ["through the origin"]
    kind = draw(st.sampled_from(kinds))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    units, dim = draw(m), draw(n)
    W = rng.standard_normal((units, dim))
    b = rng.standard_normal(units) if kind != "through the origin" else np.zeros(units)
    if kind == "parallel" and units >= 2:
        W[1] = W[0]
    if kind == "concurrent" and units > dim:
        # n+1 hyperplanes through one point, in integers so that they meet exactly.
        W = lattice_points(rng, units, dim)
        b[: dim + 1] = -W[: dim + 1] @ rng.integers(-3, 4, size=dim)
    return Arrangement(W, b, kind)
