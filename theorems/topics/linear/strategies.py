"""Designs with a known singular value decomposition: well-conditioned, ill-conditioned and rank-deficient.

A design is X = U diag(s) Vᵀ built from its factors (U, V Haar-random orthogonal, s chosen), so every exact
quantity the claims speak of (the pseudo-inverse, the least-squares and ridge solutions, the filter factors
s²/(s² + λ)) is computed from the factors, not from X, and the tolerance of a comparison is derived from the
condition number κ = s_max / s_min (over the non-zero singular values).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from theorems.engine import within_tolerance
from theorems.topics.regularization.strategies import coordinates, orthogonal

EXAMPLES = 40
"""Instances per Hypothesis search in the quick profile (most claims make two or three searches)."""

MAX_CONDITION = 1e6
"""The largest κ drawn: non-zero singular values lie in [s_max/1e6, s_max]."""

RCOND = 1e-10
"""The rank decision passed to ``least_squares``: far above the rounding of a zero singular value of the
float64 X (about 1e-16 s_max) and far below the smallest non-zero one (1e-6 s_max)."""


@dataclass(frozen=True)
class Design:
    """X = U[:, :p] diag(s) V[:, :p]ᵀ (p = min(n, d)), a target y, and a ridge strength λ = lam_ratio · s_max²."""

    U: np.ndarray
    s: np.ndarray
    V: np.ndarray
    y: np.ndarray
    lam_ratio: float

    @property
    def X(self) -> np.ndarray:
        p = len(self.s)
        return (self.U[:, :p] * self.s) @ self.V[:, :p].T

    @property
    def n(self) -> int:
        return len(self.U)

    @property
    def d(self) -> int:
        return len(self.V)

    @property
    def rank(self) -> int:
        return int(np.count_nonzero(self.s))

    @property
    def lam(self) -> float:
        return self.lam_ratio * self.s_max**2

    @property
    def s_max(self) -> float:
        return float(self.s.max()) if self.rank else 1.0

    @property
    def condition(self) -> float:
        """κ over the non-zero singular values (1 for X = 0)."""
        return self.s_max / float(self.s[self.s > 0].min()) if self.rank else 1.0

    def filtered(self, factors: np.ndarray) -> np.ndarray:
        """V diag(factors) Uᵀ y, exactly from the factors."""
        p = len(self.s)
        return self.V[:, :p] @ (factors * (self.U[:, :p].T @ self.y))

    @property
    def pseudo_inverse(self) -> np.ndarray:
        """X⁺ = V diag(1/s, 0 where s = 0) Uᵀ."""
        p = len(self.s)
        inverse = np.divide(1.0, self.s, out=np.zeros_like(self.s), where=self.s > 0)
        return (self.V[:, :p] * inverse) @ self.U[:, :p].T

    @property
    def least_squares(self) -> np.ndarray:
        return self.pseudo_inverse @ self.y

    @property
    def ridge(self) -> np.ndarray:
        return self.filtered(self.s / (self.s**2 + self.lam))

    def ls_tolerance(self) -> float:
        """Perturbation bound of least squares under rounding of X and y (Golub & Van Loan, Thm 5.3.1):
        ‖Δw‖ ≲ cε (κ‖w‖ + κ²‖r‖/s_max + κ‖y‖/s_max), with c from the dimensions."""
        w, k = self.least_squares, self.condition
        r = float(np.linalg.norm(self.y - self.X @ w))
        magnitude = k * np.linalg.norm(w) + (k**2 * r + k * np.linalg.norm(self.y)) / self.s_max
        return (self.n + self.d) * within_tolerance(magnitude)

    def normal_tolerance(self) -> float:
        """The rounding of a solution through the normal equations XᵀXw = Xᵀy, whose condition number is κ²."""
        w, k = self.least_squares, self.condition
        return (self.n + self.d) * within_tolerance(k**2 * (np.linalg.norm(w) + np.linalg.norm(self.y) / self.s_max))

    def ridge_tolerance(self) -> float:
        """The same bound for the ridge system, whose condition number is (s_max² + λ)/(s_min² + λ), s_min the
        smallest eigenvalue of XᵀX (0 when d > n)."""
        w = self.ridge
        smallest = float(self.s.min()) if self.d <= self.n else 0.0
        k = (self.s_max**2 + self.lam) / (smallest**2 + self.lam)
        magnitude = k * (np.linalg.norm(w) + self.s_max * np.linalg.norm(self.y) / (self.s_max**2 + self.lam))
        return (self.n + self.d) * within_tolerance(magnitude)

    def describe(self) -> dict[str, Any]:
        return {"X": self.X.tolist(), "y": self.y.tolist(), "singular values": self.s.tolist(), "rank": self.rank,
                "κ": self.condition, "λ": self.lam}


def _design(seed: int, n: int, d: int, exponents: list[float], zeros: list[bool], scale: float,
            y: list[float], lam_ratio: float) -> Design:
    p = min(n, d)
    s = scale * 10.0 ** np.array(exponents[:p])
    s[np.array(zeros[:p])] = 0.0
    return Design(orthogonal(seed, n), np.sort(s)[::-1], orthogonal(seed + 1, d), np.array(y[:n]), lam_ratio)


def designs(*, full_rank: bool = False, max_n: int = 6, max_d: int = 4,
            max_log_condition: float = np.log10(MAX_CONDITION)) -> SearchStrategy[Design]:
    """n × d designs, n ≤ ``max_n``, d ≤ ``max_d`` (``full_rank``: n ≥ d and every singular value non-zero),
    κ up to 10^``max_log_condition``, ‖X‖ from 1e-3 to 1e3, λ/s_max² from 1e-8 to 1e2."""
    dims = st.integers(1, max_d).flatmap(lambda d: st.tuples(st.integers(d if full_rank else 1, max_n), st.just(d)))
    return dims.flatmap(lambda nd: st.builds(
        _design,
        st.integers(0, 2**31),
        st.just(nd[0]),
        st.just(nd[1]),
        st.lists(st.one_of(st.just(-max_log_condition), st.floats(-max_log_condition, 0.0)), min_size=4,
                 max_size=4).map(lambda e: [0.0, *e]),
        st.lists(st.just(False) if full_rank else st.booleans(), min_size=5, max_size=5).map(lambda z: [False, *z]),
        st.floats(1e-3, 1e3),
        st.lists(coordinates(), min_size=max_n, max_size=max_n),
        st.floats(1e-8, 1e2),
    ))


@dataclass(frozen=True)
class Data:
    """A centred data matrix X (d × n, one sample per column) with singular values s (a gap after the k-th)."""

    U: np.ndarray
    s: np.ndarray
    V: np.ndarray
    k: int

    @property
    def X(self) -> np.ndarray:
        return (self.U[:, : len(self.s)] * self.s) @ self.V[:, : len(self.s)].T

    @property
    def best(self) -> np.ndarray:
        """X_k = U_k U_kᵀ X, the rank-k truncated SVD."""
        return (self.U[:, : self.k] * self.s[: self.k]) @ self.V[:, : self.k].T

    @property
    def optimum(self) -> float:
        """min over rank-k reconstructions of ‖X - X̂‖_F² = Σ_{i>k} s_i² (Eckart–Young)."""
        return float(np.sum(self.s[self.k :] ** 2))

    def tolerance(self) -> float:
        return (len(self.U) + len(self.V)) * within_tolerance(self.s[0] ** 2) / self.gap

    @property
    def gap(self) -> float:
        """(s_k - s_{k+1})/s_1: the principal subspace is unique, and computed to about ε/gap."""
        following = self.s[self.k] if self.k < len(self.s) else 0.0
        return float((self.s[self.k - 1] - following) / self.s[0])

    def describe(self) -> dict[str, Any]:
        return {"X": self.X.tolist(), "k": self.k, "singular values": self.s.tolist()}


def _data(seed: int, d: int, k: int, values: list[float]) -> Data:
    n = d + 2
    p = d  # centring removes one direction: the samples span at most n - 1 = d + 1 ≥ d of them
    s = np.sort(np.array(values[:p]))[::-1]
    s[:k] = np.maximum(s[:k], 1.5 * s[k] + 0.1)  # a gap after the k-th (k < p)
    ones = np.ones((n, 1)) / np.sqrt(n)
    basis = orthogonal(seed + 1, n)
    basis = basis - ones @ (ones.T @ basis)  # columns orthogonal to 1: every row of X sums to 0
    V, _ = np.linalg.qr(basis[:, :p])
    return Data(orthogonal(seed, d), s, V, k)


def data(max_d: int = 4) -> SearchStrategy[Data]:
    """Centred d × (d + 2) data, d ≤ ``max_d``, k < d, singular values in [0, 10] with a gap after the k-th."""
    return st.integers(2, max_d).flatmap(lambda d: st.builds(
        _data, st.integers(0, 2**31), st.just(d), st.integers(1, d - 1),
        st.lists(st.floats(0.0, 10.0), min_size=d, max_size=d)))
