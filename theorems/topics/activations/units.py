"""Units x ↦ φ(x·θ): the gradient of a ridge function, and the activation patterns of a layer of ReLUs."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator

import numpy as np
import sympy

from theorems.engine import Comparison, Context, Formula, Outcome, at_most, for_each, show, symbolic, that

from . import TOPIC

N = 3
"""The ridge proof runs in R³: every coordinate is generic, so nothing depends on n."""


@TOPIC.claim(
    "activations.ridge_gradient_norm",
    method="sympy",
    canonical=Formula(r"|\phi'(x\cdot\theta)|\,\|\theta\|", lambda slope, norm: abs(slope) * norm),
    faithful=("001",),
    uses_impl=False,
)
def ridge_gradient_norm(ctx: Context, stated: Formula) -> Outcome:
    """A ridge function changes at the rate |φ'| ‖θ‖.

    For f(x) = φ(x·θ) with differentiable φ: ∇ₓf = φ'(x·θ) θ, so ‖∇ₓf‖ = |φ'(x·θ)| ‖θ‖. Proved in
    R³ for an arbitrary φ (its derivative at x·θ named p).
    """
    xs, thetas = sympy.symbols(f"x_1:{N + 1}", real=True), sympy.symbols(rf"\theta_1:{N + 1}", real=True)
    slope = sympy.Symbol(r"\phi'(x\cdot\theta)", real=True)
    phi = sympy.Function("phi")
    ridge = phi(sum(x * t for x, t in zip(xs, thetas, strict=True)))
    gradient = [sympy.diff(ridge, x).replace(lambda e: isinstance(e, sympy.Subs | sympy.Derivative), lambda _: slope)
                for x in xs]
    show(ctx, r"\nabla_x \phi(x\cdot\theta)", sympy.Matrix(gradient))
    return symbolic(ctx, (r"\|\nabla_x \phi(x\cdot\theta)\|", sympy.sqrt(sum(g**2 for g in gradient))),
                    ("stated", stated(slope, sympy.sqrt(sum(t**2 for t in thetas)))))


ENTRIES = (-1, 0, 1)
SHAPES = [(m, n) for n in (1, 2) for m in (1, 2, 3)]


def weight_matrices() -> Iterator[np.ndarray]:
    """Every m × n matrix with entries in {-1, 0, 1}, n ≤ 2, m ≤ 3 (858 of them)."""
    for m, n in SHAPES:
        for entries in itertools.product(ENTRIES, repeat=m * n):
            yield np.array(entries, dtype=float).reshape(m, n)


def _primitive(a: int, b: int) -> tuple[int, int]:
    g = math.gcd(a, b)
    return a // g, b // g


def witnesses(theta: np.ndarray) -> np.ndarray:
    """Inputs x (columns) that meet every cell of the arrangement of the hyperplanes θᵢ·x = 0 (n ≤ 2).

    On R the cells are x < 0, x = 0, x > 0. On R² they are the origin, the rays of the lines θᵢ·x = 0,
    and the open sectors between consecutive rays, met by the sum of the two rays (a sector of angle
    π, left by a single line, by the line's normal); Θx has one sign pattern on each cell.
    """
    if theta.shape[1] == 1:
        return np.array([[-1.0, 0.0, 1.0]])
    rays = {_primitive(s * int(t[1]), -s * int(t[0])) for t in theta if np.any(t) for s in (1, -1)}
    ordered = sorted(rays, key=lambda r: math.atan2(r[1], r[0]))
    points = [(0, 0), *ordered]
    if len(ordered) == 0:
        points.append((1, 0))
    elif len(ordered) == 2:
        points += [(-ordered[0][1], ordered[0][0]), (ordered[0][1], -ordered[0][0])]
    else:
        points += [(a[0] + b[0], a[1] + b[1]) for a, b in zip(ordered, ordered[1:] + ordered[:1], strict=True)]
    return np.array(points, dtype=float).T


@TOPIC.claim(
    "activations.relu_activation_patterns_bound",
    method="exhaustive",
    canonical=Formula("2^m", lambda m, n: 2**m),
    faithful=("001",),
)
def relu_activation_patterns_bound(ctx: Context, bound: Formula) -> Outcome:
    """A layer of m ReLUs has at most 2^m activation patterns, fewer when Θ has rank < m.

    |{H(Θx) : x ∈ Rⁿ}| ≤ 2^m, with equality exactly when the m rows of Θ are linearly independent:
    a dependence Σ aᵢθᵢ = 0 forbids the pattern with the units aᵢ > 0 active and aᵢ < 0 inactive.
    H(Θx) is the implementation's ReLU derivative at Θx (1 for an active unit, 0 otherwise); the
    patterns are counted exactly on witnesses of every cell of the hyperplane arrangement, for every
    Θ with entries in {-1, 0, 1}, n ≤ 2, m ≤ 3.
    """
    impl = ctx.impl()
    rows = []

    def count(theta: np.ndarray) -> list[Comparison]:
        m, n = theta.shape
        patterns = {tuple(column) for column in impl.relu_derivative(theta @ witnesses(theta)).T}
        full_rank = int(np.linalg.matrix_rank(theta)) == m
        limit = bound(m, n)
        if len(rows) < 12 and (m, n) not in [(r[0], r[1]) for r in rows]:
            rows.append([m, n, theta.tolist(), len(patterns), limit])
        return [at_most(len(patterns), limit, label="number of activation patterns ≤ bound", rtol=0.0),
                that((len(patterns) == limit) == full_rank, label="all patterns occur iff rank Θ = m",
                     message=f"{len(patterns)} patterns, bound {limit}, rank {'=' if full_rank else '<'} m")]

    outcome = for_each(ctx, weight_matrices(), count, domain_name="Θ ∈ {-1,0,1}^{m×n}, n ≤ 2, m ≤ 3",
                       complete=False, describe=lambda theta: theta.tolist())
    ctx.table("First matrix of each shape", ["m", "n", "Θ", "patterns", "bound"], rows)
    return outcome
