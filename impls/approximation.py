"""Explicit ReLU and maxout constructions of continuous piecewise-linear (CPWL) functions of one variable.

A CPWL function is given by its knots ``x_0 < x_1 < … < x_m`` and its values ``y_0 … y_m`` there: it
is the linear interpolant on ``[x_0, x_m]``, extended beyond by its first and last pieces, so it has
``m`` pieces and the ``m - 1`` breakpoints ``x_1 … x_{m-1}``. An implementation of
:class:`ReluApproximator` builds the classical representations of such a function::

    theorems check approximation --impl mypackage.module:MyConstructions

The protocol extends the ``cover`` topic's :class:`~impls.cover.DichotomyCounter` (the region
counter the ``approximation`` topic's region claims use), so one implementation answers both; the
reference :class:`ReluConstructions` is the exact counter plus the constructions below.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np

from impls.cover import ArrangementCounter, DichotomyCounter


@runtime_checkable
class ReluApproximator(DichotomyCounter, Protocol):
    """Dichotomy counts (from :class:`DichotomyCounter`), region counts, and representations of the CPWL
    function with knots ``knots`` (shape (m+1,), increasing) and values ``values`` (shape (m+1,)):

    ``regions(W, b)``: the number of connected regions of ``R^n`` minus the hyperplanes
    ``{x : W[i]·x + b[i] = 0}`` (``W`` of shape (m, n), ``b`` of shape (m,)), i.e. the number of
    activation patterns of ``m`` ReLU units that some input realises with no unit at its kink.

    ``relu_expansion(knots, values) -> (a, b, c)``: the coefficients of
    ``g(x) = a x + b + Σ_{i=1}^{m-1} c_i (x - x_i)_+`` (``c`` of shape (m-1,)), one ReLU unit per breakpoint.

    ``hinge_sum(knots, values) -> (signs, slopes, intercepts)``: ``g(x) = Σ_j signs[j] max_k (slopes[j, k] x
    + intercepts[j, k])``, a signed sum of k-hinges (``slopes``, ``intercepts`` of shape (J, k), signs ±1).

    ``maxout_pair(knots, values) -> (P, Q)``: two maxout units, ``g(x) = max_i (P[i,0] x + P[i,1]) -
    max_j (Q[j,0] x + Q[j,1])`` (``P``, ``Q`` of shape (p, 2), (q, 2)).
    """

    def regions(self, W: np.ndarray, b: np.ndarray) -> int: ...

    def relu_expansion(self, knots: np.ndarray, values: np.ndarray) -> tuple[float, float, np.ndarray]: ...

    def hinge_sum(self, knots: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]: ...

    def maxout_pair(self, knots: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]: ...


def slopes(knots: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The slopes of the m pieces."""
    return np.diff(np.asarray(values, dtype=float)) / np.diff(np.asarray(knots, dtype=float))


def convex_pieces(slope: float, intercept: float, breakpoints: np.ndarray, jumps: np.ndarray) -> np.ndarray:
    """The affine pieces ``[slope, intercept]`` of ``slope x + intercept + Σ jumps_i (x - breakpoints_i)_+``
    with every jump ≥ 0: a convex function, the maximum of these pieces."""
    pieces = [(slope, intercept)]
    for x_i, c_i in zip(breakpoints, jumps, strict=True):
        slope, intercept = slope + c_i, intercept - c_i * x_i
        pieces.append((slope, intercept))
    return np.array(pieces, dtype=float)


class ReluConstructions(ArrangementCounter):
    """The exact region counter and the textbook constructions, in float64."""

    def relu_expansion(self, knots: np.ndarray, values: np.ndarray) -> tuple[float, float, np.ndarray]:
        s = slopes(knots, values)
        a = float(s[0])
        return a, float(values[0] - a * knots[0]), np.diff(s)

    def hinge_sum(self, knots: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The affine part as the 2-hinge max(ax+b, ax+b); each ReLU unit c_i (x - x_i)_+ as
        sign(c_i) max(0, |c_i| x - |c_i| x_i)."""
        a, b, c = self.relu_expansion(knots, values)
        breakpoints = np.asarray(knots, dtype=float)[1:-1]
        signs = np.concatenate([[1.0], np.where(c < 0, -1.0, 1.0)])
        hinge_slopes = np.vstack([[a, a], np.column_stack([np.zeros_like(c), np.abs(c)])])
        hinge_intercepts = np.vstack([[b, b], np.column_stack([np.zeros_like(c), -np.abs(c) * breakpoints])])
        return signs, hinge_slopes, hinge_intercepts

    def maxout_pair(self, knots: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """g = u - v with u = ax + b + Σ_{c_i>0} c_i (x - x_i)_+ and v = Σ_{c_i<0} |c_i| (x - x_i)_+,
        both convex, so each is the maximum of its affine pieces."""
        a, b, c = self.relu_expansion(knots, values)
        breakpoints = np.asarray(knots, dtype=float)[1:-1]
        return (convex_pieces(a, b, breakpoints, np.maximum(c, 0.0)),
                convex_pieces(0.0, 0.0, breakpoints, np.maximum(-c, 0.0)))
