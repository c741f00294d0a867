"""What the gp checks share: float comparisons of linear-algebra results, and the calibrated tests of a
covariance (exact χ²) and of a kernel expectation over the units of a random layer (Hoeffding)."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from theorems.engine import Comparison, Context, close, within_tolerance
from theorems.topics.init.samples import Test, hoeffding_test, variance_test


def examples(ctx: Context) -> int:
    """Hypothesis examples for a linear-algebra identity: a third of the profile's (each example solves and
    decomposes several small matrices; the identities hold for every instance, not only near edges)."""
    return max(1, ctx.profile.max_examples // 3)


def agree(actual: Any, expected: Any, *, label: str, matrix: np.ndarray, scale: Any = 1.0) -> Comparison:
    """``actual = expected`` up to the rounding of a solve with ``matrix``: 64 n roundings of the
    magnitudes involved, amplified by the condition number of ``matrix``."""
    cond = float(np.linalg.cond(matrix)) if np.size(matrix) else 1.0
    n = max(np.shape(matrix)[0] if np.ndim(matrix) else 1, 1)
    return close(actual, expected, label=label, rtol=0.0,
                 atol=cond * within_tolerance(actual, expected, scale, operations=64 * n))


def pairs(size: int) -> list[tuple[int, int]]:
    """The entries (i, j), i ≤ j, of a symmetric ``size × size`` matrix."""
    return list(itertools.combinations_with_replacement(range(size), 2))


def covariance_parts(samples: np.ndarray, covariance: np.ndarray, at: float) -> dict[str, Test]:
    """Exact tests that i.i.d. rows of ``samples`` are N(0, ``covariance``): for each entry (i, j), the
    projection zᵢ (i = j) or zᵢ + zⱼ is N(0, uᵀΣu), so Σ (uᵀz)²/uᵀΣu ~ χ²_N. Together they pin every
    entry of Σ (the off-diagonal ones through Σᵢᵢ + Σⱼⱼ + 2Σᵢⱼ)."""
    parts = {}
    for i, j in pairs(len(covariance)):
        u = np.zeros(len(covariance))
        u[[i, j]] = 1.0  # eᵢ on the diagonal, eᵢ + eⱼ off it
        name = f"Var(z{i + 1})" if i == j else f"Var(z{i + 1} + z{j + 1})"
        parts[f"χ² test of {name}"] = variance_test(samples @ u, float(u @ covariance @ u), at)
    return parts


def unit_statistic(f: np.ndarray, covariance: np.ndarray, i: int, j: int, activation: str
                   ) -> tuple[np.ndarray, float, float]:
    """A bounded statistic of each unit whose mean, times a factor, is E[φ(fᵢ)φ(fⱼ)], f ~ N(0, K):
    ``(statistic, factor, range)``.

    erf: the product itself, in [-1, 1]. ReLU (unbounded): relu(fᵢ)relu(fⱼ) = r² g(angle), where
    (fᵢ, fⱼ) = L u (L the Cholesky factor of the 2×2 block, u ~ N(0, I₂)) and r = ‖u‖; the radius is
    independent of the angle with E r² = 2, so E[relu relu] = 2 E[g] and g ∈ [0, √(KᵢᵢKⱼⱼ)]. On the
    diagonal u is one-dimensional: E[relu(fᵢ)²] = E[Kᵢᵢ 1{fᵢ > 0}].
    """
    if activation == "erf":
        from scipy.special import erf

        return erf(f[:, i]) * erf(f[:, j]), 1.0, 2.0
    if i == j:
        return covariance[i, i] * (f[:, i] > 0), 1.0, float(covariance[i, i])
    block = covariance[np.ix_([i, j], [i, j])]
    u = np.linalg.solve(np.linalg.cholesky(block), f[:, [i, j]].T)
    g = np.maximum(f[:, i], 0) * np.maximum(f[:, j], 0) / np.sum(u * u, axis=0)
    return g, 2.0, float(np.sqrt(block[0, 0] * block[1, 1]))


def kernel_parts(f: np.ndarray, covariance: np.ndarray, activation: str, stated: np.ndarray, at: float, *,
                 scale: float = 1.0, offset: float = 0.0, name: str) -> dict[str, Test]:
    """Hoeffding tests that offset + scale·E[φ(fᵢ)φ(fⱼ)] over the rows f ~ N(0, ``covariance``) (the units of
    a random layer) equals ``stated[i, j]``, for every entry (i, j)."""
    parts = {}
    for i, j in pairs(len(covariance)):
        g, factor, span = unit_statistic(f, covariance, i, j, activation)
        values = offset + scale * factor * g
        parts[f"{name} ({i + 1}, {j + 1})"] = hoeffding_test(
            float(values.mean()), len(values), float(stated[i, j]), scale * factor * span, at,
            what=f"{name} entry ({i + 1}, {j + 1})")
    return parts
