"""Linearly separable data sets with a known unit separator and their exact maximum margin."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.optimize import minimize, nnls


@dataclass(frozen=True)
class Dataset:
    """Samples ``X`` (s × n) with labels ``y ∈ {±1}`` separated by the unit vector ``w_star``.

    With ``bias`` the separator is affine, ``sign(x·w + b)``; ``homogeneous()`` then gives the
    equivalent problem on ``(x, 1)`` (Novikoff's theorem applied with a bias).
    """

    X: np.ndarray
    y: np.ndarray
    w_star: np.ndarray
    bias: bool = False
    source: Dataset | None = field(default=None, repr=False, compare=False)
    """The data set this one reorders (it computes the maximum margin, which the order does not change, once)."""

    def homogeneous(self) -> tuple[np.ndarray, np.ndarray]:
        """Inputs and separator of the equivalent homogeneous problem (w_star already covers the 1)."""
        if not self.bias:
            return self.X, self.w_star
        return np.hstack([self.X, np.ones((len(self.X), 1))]), self.w_star

    @cached_property
    def R(self) -> float:
        Z, _ = self.homogeneous()
        return float(np.max(np.linalg.norm(Z, axis=1)))

    @cached_property
    def gamma(self) -> float:
        """Margin of the generating separator ``w_star`` (a unit vector)."""
        Z, w = self.homogeneous()
        return float(np.min(self.y * (Z @ w)))

    @cached_property
    def max_margin(self) -> tuple[float, np.ndarray]:
        """The largest margin of a unit separator and that separator (hard-margin SVM, verified).

        The returned margin is recomputed from the returned unit vector, so it is always a true
        margin, never an overestimate; it is at least ``gamma``.
        """
        if self.source is not None:
            return self.source.max_margin
        Z, w_star = self.homogeneous()
        A = self.y[:, None] * Z / self.R  # scale-free: the margin is computed on data of radius 1
        candidates = [w_star, _closest_hull_point(A)]
        res = minimize(
            lambda w: 0.5 * w @ w, w_star * self.R / self.gamma, jac=lambda w: w, method="SLSQP",
            constraints=[{"type": "ineq", "fun": lambda w: A @ w - 1.0, "jac": lambda w: A}],
            options={"maxiter": 500, "ftol": 1e-15},
        )
        candidates.append(res.x)
        best = (self.gamma, w_star)
        for w in candidates:
            norm = np.linalg.norm(w)
            if norm > 0 and np.isfinite(norm):
                margin = float(np.min(A @ (w / norm))) * self.R
                if margin > best[0]:
                    best = (margin, w / norm)
        return best

    def reordered(self, order: np.ndarray) -> Dataset:
        """The same samples presented in ``order`` (R, γ and the maximum margin do not depend on it)."""
        data = Dataset(self.X[order], self.y[order], self.w_star, self.bias, self.source or self)
        for known in ("R", "gamma"):
            if known in self.__dict__:  # computed already: carry the cached value over
                data.__dict__[known] = self.__dict__[known]
        return data

    def sample_margins(self) -> np.ndarray:
        """y (z·w*) of each sample: how close it lies to the generating separator (the smallest is the hardest)."""
        Z, w = self.homogeneous()
        return self.y * (Z @ w)

    def describe(self) -> dict[str, object]:
        return {
            "X": self.X.tolist(), "y": self.y.astype(int).tolist(), "w_star": self.w_star.tolist(),
            "bias": self.bias, "R": self.R, "gamma (w_star)": self.gamma, "gamma (max margin)": self.max_margin[0],
        }


def _closest_hull_point(A: np.ndarray) -> np.ndarray:
    """The point of conv{a_i} closest to 0: its direction is the maximum-margin separator.

    Solved as non-negative least squares with the constraint Σλ = 1 as a heavily weighted row.
    """
    weight = 1e4
    M = np.vstack([A.T, weight * np.ones(len(A))])
    target = np.append(np.zeros(A.shape[1]), weight)
    lam, _ = nnls(M, target, maxiter=50 * len(A) + 100)
    return A.T @ lam


def _unit(v: np.ndarray) -> np.ndarray:
    norm = np.linalg.norm(v)
    if norm == 0 or not np.isfinite(norm):
        v = np.zeros_like(v)
        v[0] = 1.0
        return v
    return v / norm


MAX_BOUND = 5000
"""Largest R²/γ² generated (γ of the generating separator), so that every run stays short."""


@st.composite
def separable_datasets(
    draw: st.DrawFn,
    *,
    max_dim: int = 4,
    max_samples: int = 12,
    bias: bool | None = False,
    unit_ball: bool = False,
    min_dim: int = 1,
) -> Dataset:
    """Separable data with margin > 0 by construction, over many orders of magnitude of scale.

    Points are drawn in [-1, 1]^n, labelled by a drawn unit separator, and any point closer to the
    boundary than the drawn margin (0.05 to 1) is pushed out to it. Then everything is scaled by
    10^k, k in -4..4 (-1..1 with a bias). Data sets with R²/γ² > MAX_BOUND are rejected, so that a
    run of a correct perceptron stays short. ``unit_ball`` rescales so that every ‖x‖ ≤ 1
    (with a bias, every ‖(x, 1)‖ ≤ 1 is impossible, so ``unit_ball`` implies ``bias=False``).
    """
    with_bias = draw(st.booleans()) if bias is None else bias
    dim = draw(st.integers(min_dim, max_dim))
    samples = draw(st.integers(1, max_samples))
    coords = st.floats(-1, 1, allow_nan=False, allow_subnormal=False, width=32)
    X = draw(hnp.arrays(np.float64, (samples, dim), elements=coords))
    direction = _unit(draw(hnp.arrays(np.float64, dim + int(with_bias), elements=coords)))
    margin = draw(st.floats(0.05, 1.0))
    # with a bias the augmented coordinate 1 fixes a scale, so R/γ grows as x is scaled: stay near 1
    scale = 10.0 ** draw(st.integers(-1, 1) if with_bias else st.integers(-4, 4))
    Z = np.hstack([X, np.ones((samples, 1))]) if with_bias else X
    scores = Z @ direction
    y = np.where(scores >= 0, 1.0, -1.0)
    shortfall = np.maximum(0.0, margin - y * scores)
    # push each point along the separator's normal; with a bias only the x part moves, so rescale.
    normal = direction[:dim]
    push = np.linalg.norm(normal)
    if push == 0:
        return Dataset(np.zeros((samples, dim)), np.ones(samples), direction, with_bias)
    X = X + (y * shortfall / push**2)[:, None] * normal[None, :]
    if unit_ball and not with_bias:
        X = X / max(1.0, float(np.max(np.linalg.norm(X, axis=1))))
        scale = 1.0 if draw(st.booleans()) else float(draw(st.floats(1e-3, 1.0)))
    if with_bias:
        # scaling x alone changes the affine separator; scale its bias coordinate along with x.
        w = direction.copy()
        w[-1] *= scale
        data = Dataset(X * scale, y, _unit(w), True)
    else:
        data = Dataset(X * scale, y, direction, False)
    assume((data.R / data.gamma) ** 2 <= MAX_BOUND)
    return data


@st.composite
def slab_datasets(draw: st.DrawFn, *, max_dim: int = 4, max_samples: int = 12) -> Dataset:
    """Hard instances: every point shares a large component c·u along a direction u ⟂ w*.

    The labels depend only on the small component along w* (margin γ), so the perceptron keeps
    adding and cancelling c·u and needs on the order of (c/γ)² updates, as Novikoff's bound allows.
    """
    dim = draw(st.integers(2, max_dim))
    samples = draw(st.integers(2, max_samples))
    basis, _ = np.linalg.qr(draw(hnp.arrays(np.float64, (dim, dim), elements=st.floats(-1, 1, allow_subnormal=False)))
                            + 3 * np.eye(dim))
    w_star, u = basis[:, 0], basis[:, 1]
    gamma = draw(st.floats(0.02, 0.5))
    offsets = draw(hnp.arrays(np.float64, samples, elements=st.floats(0.0, 1.0)))
    shared = draw(hnp.arrays(np.float64, samples, elements=st.floats(0.5, 1.0)))
    y = np.array(draw(st.lists(st.sampled_from([-1.0, 1.0]), min_size=samples, max_size=samples)))
    X = shared[:, None] * u[None, :] + (y * (gamma + gamma * offsets))[:, None] * w_star[None, :]
    data = Dataset(X * 10.0 ** draw(st.integers(-2, 2)), y, w_star, False)
    assume((data.R / data.gamma) ** 2 <= MAX_BOUND)
    return data


def any_datasets() -> st.SearchStrategy[Dataset]:
    """Separable data with or without a bias, and the slab-shaped hard instances."""
    return st.one_of(separable_datasets(bias=None), slab_datasets())


ORDERS = ("as drawn", "reversed", "hardest last", "hardest first", "drawn permutation")
"""Orders in which a data set's samples are presented: the perceptron cycles in this order, and a rule that
goes wrong at one position of an epoch (the last sample, say) shows when the hardest sample sits there."""


@dataclass(frozen=True)
class Presentations:
    """A data set and a permutation of its samples drawn by Hypothesis: the data set is presented in every
    order of :data:`ORDERS` (as drawn, reversed, by the samples' margins to the generating separator with
    the hardest last or first, and in the drawn permutation)."""

    data: Dataset
    permutation: tuple[int, ...]

    def orders(self) -> list[tuple[str, Dataset]]:
        margins = self.data.sample_margins()
        n = len(self.data.y)
        orders = {"as drawn": np.arange(n), "reversed": np.arange(n)[::-1],
                  "hardest last": np.argsort(-margins, kind="stable"),
                  "hardest first": np.argsort(margins, kind="stable"),
                  "drawn permutation": np.array(self.permutation, dtype=int)}
        return [(name, self.data.reordered(orders[name])) for name in ORDERS]

    def describe(self) -> dict[str, object]:
        return {**self.data.describe(), "drawn permutation": list(self.permutation)}


@st.composite
def presentations(draw: st.DrawFn, datasets: st.SearchStrategy[Dataset]) -> Presentations:
    """A data set of ``datasets`` with a permutation of its samples."""
    data = draw(datasets)
    return Presentations(data, tuple(draw(st.permutations(range(len(data.y))))))
