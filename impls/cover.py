"""Exact counters of linear dichotomies and of the regions of hyperplane arrangements.

A *homogeneous dichotomy* of points ``x_1..x_s ∈ R^n`` is a labelling ``y ∈ {±1}^s`` with some
``w`` such that ``y_i (w·x_i) > 0`` for every ``i`` (strictly: a point on the hyperplane is not
separated); an *affine* one allows ``sign(w·x + b)``. Any implementation with the
:class:`DichotomyCounter` protocol can be checked::

    theorems check cover --impl mypackage.module:MyCounter

Two are provided: :class:`ArrangementCounter` (the default, exact in rational arithmetic, fast)
and :class:`LinearProgramCounter` (one LP feasibility problem per labelling, the slow reference).
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from functools import reduce
from typing import Protocol, runtime_checkable

import numpy as np
from scipy.optimize import linprog

IntVector = tuple[int, ...]


@runtime_checkable
class DichotomyCounter(Protocol):
    """What a counter under test provides. Arrays are float; counts are Python ints.

    ``homogeneous_dichotomies(X)``: for ``X`` of shape (s, n), the number of ``y ∈ {±1}^s``
    realised by some ``sign(w·x)`` with no point on the hyperplane.

    ``affine_dichotomies(X)``: the same for ``sign(w·x + b)``.

    The reference counters also count the regions of a hyperplane arrangement (``regions``), which
    the ``approximation`` topic's protocol asks for.
    """

    def homogeneous_dichotomies(self, X: np.ndarray) -> int: ...

    def affine_dichotomies(self, X: np.ndarray) -> int: ...


def lift(X: np.ndarray) -> np.ndarray:
    """``(x, 1)`` for every row: affine separators of X are homogeneous separators of the lift."""
    X = np.asarray(X, dtype=float)
    return np.hstack([X, np.ones((len(X), 1))])


def cone(W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Normals ``(w_i, b_i)`` plus ``e_{n+1}``: the regions of the affine arrangement are the
    dichotomies of these vectors that label ``e_{n+1}`` positive, half of all of them."""
    W = np.asarray(W, dtype=float)
    normals = np.hstack([W, np.asarray(b, dtype=float).reshape(-1, 1)])
    apex = np.zeros((1, W.shape[1] + 1))
    apex[0, -1] = 1.0
    return np.vstack([normals, apex])


# --- the fast exact counter ----------------------------------------------------------------


def integer_direction(v: np.ndarray) -> IntVector:
    """The primitive integer vector on the line of the float vector ``v`` (exact), sign normalised.

    A positive rescaling of a point changes none of its dichotomies, and a hyperplane
    ``{w : w·x = 0}`` depends only on the line of ``x``; so this is the hyperplane's exact key.
    ``()`` for the zero vector.
    """
    fractions = [Fraction(float(c)) for c in v]
    denominator = reduce(math.lcm, (f.denominator for f in fractions), 1)
    return primitive(tuple(int(f * denominator) for f in fractions))


def primitive(v: IntVector) -> IntVector:
    """``v`` divided by the gcd of its entries, first non-zero entry positive; ``()`` for zero."""
    divisor = math.gcd(*v)
    if divisor == 0:
        return ()
    first = next(c for c in v if c != 0)
    divisor = divisor if first > 0 else -divisor
    return tuple(c // divisor for c in v)


def _restrict(normals: list[IntVector], h: IntVector) -> list[IntVector]:
    """The arrangement induced on the hyperplane ``h^⊥``: each normal projected onto it, exactly.

    ``(h·h) v - (v·h) h`` is the projection scaled by ``h·h > 0``; normals parallel to ``h`` vanish
    and coinciding ones merge.
    """
    hh = sum(c * c for c in h)
    projected = set()
    for v in normals:
        vh = sum(a * c for a, c in zip(v, h, strict=True))
        key = primitive(tuple(hh * a - vh * c for a, c in zip(v, h, strict=True)))
        if key:
            projected.add(key)
    return sorted(projected)


def _chambers(normals: list[IntVector], dim: int) -> int:
    """Regions of the central arrangement with these distinct normals, all in a ``dim``-space.

    Deletion-restriction (Zaslavsky 1975): r(A) = r(A \\ {H}) + r(A restricted to H), where the
    restriction lives in one dimension less. In a plane, m ≥ 1 distinct lines make 2m regions.
    """
    if not normals:
        return 1
    if dim <= 2:
        return 2 * len(normals)
    h, rest = normals[-1], normals[:-1]
    return _chambers(rest, dim) + _chambers(_restrict(rest, h), dim - 1)


class ArrangementCounter:
    """Exact counts from the dual arrangement, in integer arithmetic on the exact float values.

    The dichotomies of ``x_1..x_s`` are the regions of the arrangement of hyperplanes
    ``{w : w·x_i = 0}`` in weight space; they are counted by deletion-restriction. A zero point
    lies on every hyperplane, so no labelling separates it.
    """

    def homogeneous_dichotomies(self, X: np.ndarray) -> int:
        keys = [integer_direction(x) for x in np.asarray(X, dtype=float)]
        if any(not k for k in keys):
            return 0
        # Points on one line share one hyperplane and their labels are tied (same ray: equal,
        # opposite rays: opposite), so each region gives exactly one labelling of all points.
        return _chambers(sorted(set(keys)), np.shape(X)[1])

    def affine_dichotomies(self, X: np.ndarray) -> int:
        return self.homogeneous_dichotomies(lift(X))

    def regions(self, W: np.ndarray, b: np.ndarray) -> int:
        return self.homogeneous_dichotomies(cone(W, b)) // 2


# --- the per-labelling LP reference ----------------------------------------------------------


def linearly_separable(X: np.ndarray, y: np.ndarray, *, margin: float = 1.0) -> bool:
    """Whether ``y_i (w·x_i) ≥ margin`` for some ``w`` (with ``margin > 0``: strict separation)."""
    X = np.asarray(X, dtype=float)
    result = linprog(
        c=np.zeros(X.shape[1]), A_ub=-(y[:, None] * X), b_ub=-margin * np.ones(len(X)),
        bounds=[(None, None)] * X.shape[1], method="highs",
    )
    return result.status == 0


class LinearProgramCounter:
    """The slow reference: one LP feasibility problem per labelling.

    Strict separation ``y_i (w·x_i) > 0`` is scaled to ``y_i (w·x_i) ≥ 1``. Labellings come in
    pairs ``y, -y`` (separated by ``w`` and ``-w``), so only those with ``y_1 = +1`` are solved.
    """

    margin = 1.0

    def homogeneous_dichotomies(self, X: np.ndarray) -> int:
        X = np.asarray(X, dtype=float)
        if len(X) == 0:
            return 1
        return self.symmetric_pairs() * sum(
            linearly_separable(X, np.array((1.0, *rest)), margin=self.margin)
            for rest in itertools.product((1.0, -1.0), repeat=len(X) - 1)
        )

    def symmetric_pairs(self) -> int:
        """Each labelling solved stands for itself and its negation."""
        return 2

    def affine_dichotomies(self, X: np.ndarray) -> int:
        return self.homogeneous_dichotomies(lift(X))

    def regions(self, W: np.ndarray, b: np.ndarray) -> int:
        """Sign patterns ``σ`` with some ``x`` where ``σ_i (W[i]·x + b[i]) > 0`` for all ``i``."""
        W, b = np.asarray(W, dtype=float), np.asarray(b, dtype=float)
        lifted = np.hstack([W, b[:, None]])
        # x ↦ (x, 1): a region is a pattern realised by a lifted weight with last coordinate 1 > 0.
        count = 0
        for signs in itertools.product((1.0, -1.0), repeat=len(W)):
            A = np.vstack([np.array(signs)[:, None] * lifted, np.eye(1, W.shape[1] + 1, W.shape[1])])
            count += linearly_separable(A, np.ones(len(A)), margin=self.margin)
        return count


# --- general position --------------------------------------------------------------------------


def _full_rank(rows: list[IntVector]) -> bool:
    """Whether these integer vectors are linearly independent (fraction-free elimination)."""
    matrix = [list(r) for r in rows]
    for col in range(len(matrix[0]) if matrix else 0):
        pivot = next((r for r in matrix if r[col] != 0), None)
        if pivot is None:
            continue
        matrix.remove(pivot)
        matrix = [[pivot[col] * a - r[col] * p for a, p in zip(r, pivot, strict=True)] for r in matrix]
        if not matrix:
            return True
    return not matrix


def in_general_position(X: np.ndarray, *, affine: bool = False) -> bool:
    """Exactly: every ``min(s, n)`` of the points are linearly independent (homogeneous sense).

    With ``affine``, no ``n + 1`` points lie on a common affine hyperplane (every ``min(s, n+1)``
    lifted points ``(x, 1)`` independent). This is Cover's hypothesis for ``C(s, n)``.
    """
    X = lift(X) if affine else np.asarray(X, dtype=float)
    s, n = X.shape
    if s == 0:
        return True
    subsets = np.array(list(itertools.combinations(range(s), min(s, n))))
    # A computed singular value is within ~n·eps·σ_max of the true one, so a clearly non-zero
    # σ_min certifies independence; only the doubtful subsets are decided in exact arithmetic.
    singular = np.linalg.svd(X[subsets], compute_uv=False)
    doubtful = subsets[singular[:, -1] <= 1e-9 * singular[:, 0]]
    keys = [integer_direction(x) for x in X]
    if any(not key for key in keys):
        return False
    return all(_full_rank([keys[i] for i in subset]) for subset in doubtful)
