"""Matrices with a known factorization: A = U diag(s) Vᴴ (or S diag(λ) S⁻¹) built from its factors.

U, V are Haar-random orthogonal (unitary when complex), the singular values are chosen: spread over up to
``MAX_DECADES`` decades (ill-conditioned), exact zeros (singular, rank-deficient) and exact repeats (a
degenerate singular subspace). Every exact quantity a claim speaks of (σ₁, ‖A‖_F, the rank-k error, A⁺) is
then computed from the factors, not from A, and each tolerance from s_max, the size and the condition number.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from theorems.engine import within_tolerance
from theorems.topics.regularization.strategies import coordinates

MAX_DECADES = 8.0
"""Non-zero singular values lie in [s_max·1e-8, s_max]: κ up to 1e8."""

EXAMPLES = 30
"""Instances per Hypothesis search in the quick profile."""


def unitary(seed: int, d: int, complex_: bool = False) -> np.ndarray:
    """A Haar-random d × d orthogonal (or unitary) matrix: QR of a Gaussian matrix, phases fixed."""
    rng = np.random.default_rng(seed)
    g = rng.standard_normal((d, d)) + (1j * rng.standard_normal((d, d)) if complex_ else 0.0)
    q, r = np.linalg.qr(g)
    d_r = np.diag(r)
    return q * (d_r / np.abs(d_r))


@dataclass(frozen=True)
class Factored:
    """A = U[:, :p] diag(s) Vh[:p] with p = min(m, n), s non-increasing and non-negative."""

    U: np.ndarray
    s: np.ndarray
    Vh: np.ndarray

    @property
    def A(self) -> np.ndarray:
        p = len(self.s)
        return (self.U[:, :p] * self.s) @ self.Vh[:p]

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.U), len(self.Vh)

    @property
    def s_max(self) -> float:
        return float(self.s[0]) if self.s.size else 0.0

    @property
    def rank(self) -> int:
        return int(np.count_nonzero(self.s))

    @property
    def condition(self) -> float:
        """κ over the non-zero singular values (1 for A = 0)."""
        return self.s_max / float(self.s[self.s > 0].min()) if self.rank else 1.0

    @property
    def is_complex(self) -> bool:
        return bool(np.iscomplexobj(self.U))

    def rounding(self, operations_per_size: int = 16) -> float:
        """The absolute rounding of a backward-stable factorization of A: about (m + n)² ε s_max."""
        m, n = self.shape
        return within_tolerance(self.s_max, operations=operations_per_size * (m + n) ** 2)

    def describe(self) -> dict[str, object]:
        return {"shape": list(self.shape), "singular values": self.s.tolist(), "complex": self.is_complex,
                "A": _show(self.A)}


def _show(a: np.ndarray) -> object:
    return [[str(x) for x in row] for row in a.tolist()] if np.iscomplexobj(a) else a.tolist()


def _factored(seeds: tuple[int, int], m: int, n: int, scale: float, decades: list[float], complex_: bool,
              repeat: bool) -> Factored:
    p = min(m, n)
    s = np.sort(np.array([0.0 if e is None else scale * 10.0 ** (-e) for e in (decades + [0.0] * p)[:p]]))[::-1]
    if repeat and p >= 2 and s[1] > 0:
        s[1] = s[0]  # a degenerate top singular subspace
    return Factored(unitary(seeds[0], m, complex_), s, unitary(seeds[1], n, complex_).conj().T)


def factored(*, max_dim: int = 5, complex_: bool | None = False, square: bool = False,
             singular: bool = True, decades: float = MAX_DECADES) -> SearchStrategy[Factored]:
    """A = U diag(s) Vᴴ with m, n in 1 … ``max_dim``, s_max in [1e-3, 1e3], the other singular values up to
    ``decades`` decades below it (or exactly 0 when ``singular``), the top one repeated half the time.
    ``complex_=None`` draws real and complex matrices."""
    exponent = st.floats(0.0, decades)
    decade = st.one_of(exponent, st.none()) if singular else exponent
    dims = st.integers(1, max_dim)
    shape = dims.map(lambda k: (k, k)) if square else st.tuples(dims, dims)
    kinds = st.booleans() if complex_ is None else st.just(complex_)
    return st.builds(
        lambda seeds, mn, scale, decades, c, repeat: _factored(seeds, *mn, scale, [0.0, *decades], c, repeat),
        st.tuples(st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1)), shape, st.floats(1e-3, 1e3),
        st.lists(decade, min_size=max_dim, max_size=max_dim), kinds, st.booleans(),
    )


def symmetric(*, max_dim: int = 5, psd: bool = True, singular: bool = True) -> SearchStrategy[Factored]:
    """A real symmetric A = Q diag(λ) Qᵀ given as a :class:`Factored` with U = Q, Vh = Qᵀ and s = λ (sorted
    non-increasing): PSD (λ ≥ 0, zeros included when ``singular``) or with eigenvalues of both signs."""
    def build(f: Factored, signs: list[bool]) -> Factored:
        lam = f.s if psd else np.sort(f.s * np.where(signs[: len(f.s)], 1.0, -1.0))[::-1]
        return Factored(f.U, lam, f.U.T)

    return st.builds(build, factored(max_dim=max_dim, square=True, singular=singular),
                     st.lists(st.booleans(), min_size=max_dim, max_size=max_dim))


def vectors(*, max_dim: int = 6, complex_: bool = False) -> SearchStrategy[np.ndarray]:
    """A vector of length 1 … ``max_dim``, entries 0 or 1e-3 ≤ |x| ≤ 10 (complex: real and imaginary parts)."""
    def build(re: list[float], im: list[float]) -> np.ndarray:
        return np.array(re) + (1j * np.array(im[: len(re)]) if complex_ else 0.0)

    entries = st.lists(coordinates(), min_size=1, max_size=max_dim)
    return st.builds(build, entries, st.lists(coordinates(), min_size=max_dim, max_size=max_dim))


def vector_pairs(*, max_dim: int = 6, complex_: bool = False) -> SearchStrategy[tuple[np.ndarray, np.ndarray]]:
    """(u, v) of one length, v = c u + a perturbation half the time: the near-parallel pairs where
    Cauchy–Schwarz is tight (c = 0 or 1e-3 ≤ |c| ≤ 10, so that no ‖v‖² underflows)."""
    def build(u: np.ndarray, w: np.ndarray, c: float, t: float, parallel: bool) -> tuple[np.ndarray, np.ndarray]:
        w = np.resize(w, u.shape)
        return (u, c * u + t * w) if parallel else (u, w)

    return st.builds(build, vectors(max_dim=max_dim, complex_=complex_), vectors(max_dim=max_dim, complex_=complex_),
                     coordinates(), st.one_of(st.just(0.0), st.floats(1e-6, 1.0)), st.booleans())


def seeds() -> SearchStrategy[int]:
    return st.integers(0, 2**32 - 1)
