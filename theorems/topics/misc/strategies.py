"""Inputs for the miscellaneous checks: small layers, word embeddings with large scores, integer images and
kernels whose spectrum has no zero (so that the inverse filter exists and its conditioning is bounded)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

REAL = st.floats(-5, 5, allow_nan=False, allow_infinity=False)
DIGIT = st.integers(-3, 3).map(float)


def matrices(rows: int, cols: int, elements: SearchStrategy[float] = REAL) -> SearchStrategy[np.ndarray]:
    return st.lists(elements, min_size=rows * cols, max_size=rows * cols).map(
        lambda v: np.array(v, dtype=float).reshape(rows, cols))


@dataclass(frozen=True)
class Layer:
    """A dense layer ``σ(W x + b)`` with its input: ``W`` (m, n), ``b`` (m,), ``x`` (n,)."""

    weight: np.ndarray
    bias: np.ndarray
    x: np.ndarray


def layers(*, square: bool = False, max_width: int = 5) -> SearchStrategy[Layer]:
    """A dense layer of widths 1..``max_width`` (``m = n`` when ``square``) and one input."""
    widths = st.integers(1, max_width).map(lambda n: (n, n)) if square else st.tuples(
        st.integers(1, max_width), st.integers(1, max_width))
    return widths.flatmap(lambda mn: st.builds(
        Layer, matrices(mn[0], mn[1]), matrices(1, mn[0]).map(np.ravel), matrices(1, mn[1]).map(np.ravel)))


def embeddings() -> SearchStrategy[tuple[np.ndarray, np.ndarray]]:
    """A centre embedding x_ω (d,) and output embeddings y_ν (V, d): scores x_ωᵀ y_ν up to about ±4000."""
    large = st.floats(-30, 30, allow_nan=False, allow_infinity=False)
    return st.tuples(st.integers(1, 6), st.integers(1, 4)).flatmap(
        lambda vd: st.tuples(matrices(1, vd[1], large).map(np.ravel), matrices(vd[0], vd[1], large)))


def images(max_side: int = 5, min_side: int = 1) -> SearchStrategy[np.ndarray]:
    """An integer-valued image with sides ``min_side``..``max_side`` and entries in [-3, 3]."""
    sides = st.tuples(st.integers(min_side, max_side), st.integers(min_side, max_side))
    return sides.flatmap(lambda s: matrices(s[0], s[1], DIGIT))


@dataclass(frozen=True)
class Restoration:
    """A blur kernel ``h`` (its entry [0, 0] larger than the sum of the others' magnitudes, so that
    |F[h]| ≥ h[0, 0] - Σ|others| ≥ 1 everywhere) and an image of ``shape`` to restore."""

    kernel: np.ndarray
    image: np.ndarray

    @property
    def shape(self) -> tuple[int, int]:
        return self.image.shape


def dominant(kernel: np.ndarray) -> np.ndarray:
    """``kernel`` with its origin raised to 1 + the sum of the other entries' magnitudes."""
    out = kernel.copy()
    out[0, 0] = 1 + np.abs(kernel).sum() - abs(kernel[0, 0])
    return out


def restorations(*, invertible: bool = True) -> SearchStrategy[Restoration]:
    """A kernel of sides 1..3 and an image of sides 1..4 at least as large (the kernel fits on the torus);
    with ``invertible`` the kernel's spectrum is bounded away from zero."""
    def build(shape: tuple[int, int]) -> SearchStrategy[Restoration]:
        kernel_sides = st.tuples(st.integers(1, min(3, shape[0])), st.integers(1, min(3, shape[1])))
        kernels = kernel_sides.flatmap(lambda k: matrices(k[0], k[1], DIGIT))
        return st.builds(Restoration, kernels.map(dominant) if invertible else kernels,
                         matrices(shape[0], shape[1], DIGIT))

    return st.tuples(st.integers(1, 4), st.integers(1, 4)).flatmap(build)
