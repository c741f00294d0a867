"""Flows for the checks: 1-3 layers of affine (either orientation), planar (wᵀu ≥ -0.9, so that the
slope 1 + h'wᵀu stays ≥ 0.1) and coupling layers on ℝ¹…ℝ³, with points where they curve.

Parameters lie on the grid of eighths in [-2, 2] (scales in ±[1/4, 4]): a counterexample reads as
"scale -1, u = (1/2, 0)", and generation is cheaper than for arbitrary floats; the points are floats."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from impls.flows import Affine, Coupling, Flow, Planar

coefficient = st.integers(-16, 16).map(lambda k: k / 8)


def vectors(n: int) -> SearchStrategy[np.ndarray]:
    return st.lists(coefficient, min_size=n, max_size=n).map(np.array)


def matrices(rows: int, cols: int) -> SearchStrategy[np.ndarray]:
    return vectors(rows * cols).map(lambda v: v.reshape(rows, cols))


def points(D: int) -> SearchStrategy[np.ndarray]:
    return st.lists(st.floats(-3, 3), min_size=D, max_size=D).map(np.array)


magnitudes = st.one_of(st.integers(8, 32), st.integers(2, 7)).map(lambda k: k / 8)
"""In [1/4, 4], shrinking towards 1."""
scales = st.tuples(magnitudes, st.booleans()).map(lambda p: p[0] if p[1] else -p[0])


def affine(D: int) -> SearchStrategy[Affine]:
    return st.builds(Affine, vectors(D), st.lists(scales, min_size=D, max_size=D).map(np.array))


def _invertible_planar(u: np.ndarray, w: np.ndarray, b: float) -> Planar:
    """``w`` kept away from 0 and ``u`` moved along ``w`` until ``wᵀu ≥ -0.9``."""
    if w @ w < 0.01:
        w = w + np.eye(len(w))[0]
    if w @ u < -0.9:
        u = u + (-0.9 - w @ u) * w / (w @ w)
    return Planar(u, w, b)


def planar(D: int) -> SearchStrategy[Planar]:
    return st.builds(_invertible_planar, vectors(D), vectors(D), coefficient)


def coupling(D: int) -> SearchStrategy[Coupling]:
    return st.integers(1, D - 1).flatmap(lambda d: st.builds(
        Coupling, st.just(d), matrices(D - d, d), vectors(D - d), matrices(D - d, d), vectors(D - d)))


def layers(D: int) -> SearchStrategy[Affine | Planar | Coupling]:
    return st.one_of(affine(D), planar(D), *([coupling(D)] if D > 1 else []))


def flows(D: int, length: tuple[int, int] = (1, 3)) -> SearchStrategy[Flow]:
    return st.lists(layers(D), min_size=length[0], max_size=length[1]).map(tuple)


def flow_points(
    dims: tuple[int, int] = (1, 3), length: tuple[int, int] = (1, 3)
) -> SearchStrategy[tuple[Flow, np.ndarray]]:
    """A flow on ℝ^D and a point of ℝ^D."""
    return st.integers(*dims).flatmap(lambda D: st.tuples(flows(D, length), points(D)))


def layer_points(kind: str) -> SearchStrategy[tuple[Affine | Planar | Coupling, np.ndarray]]:
    """One planar or coupling layer on ℝ^D (D ≥ 2 for coupling) and a point."""
    make = {"planar": planar, "coupling": coupling}[kind]
    return st.integers(1 if kind == "planar" else 2, 4).flatmap(lambda D: st.tuples(make(D), points(D)))


def intervals_1d() -> SearchStrategy[tuple[Flow, tuple[float, float]]]:
    """A flow on ℝ and an interval [a, b] of the latent line (b - a ≥ 0.05, up to the whole [-8, 8])."""
    ends = st.tuples(st.floats(-8, 8), st.floats(0.05, 16)).map(lambda p: (p[0], p[0] + p[1]))
    return st.tuples(flows(1), ends)
