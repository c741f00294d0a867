"""Hypothesis strategies of the inequality and Gaussian-block claims: exact finite laws and partitioned covariances.

The inequalities are checked on finite discrete distributions whose atoms and probabilities are rationals, so
every expectation and every tail probability is exact (no Monte-Carlo error, no rounding at the boundary of an
event such as X ≥ a). Small integers shrink to counterexamples anyone can recompute by hand.

The Gaussian claims are checked on covariances Σ = D(AAᵀ + δI)D built from a small integer matrix A, a ridge
δ ≥ 0 and a diagonal D of powers of ten: δ = 0 gives singular Σ, a spread D gives ill-conditioned Σ.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from theorems.engine import Comparison, Context

Atom = Fraction | tuple[Fraction, ...]


def examples(ctx: Context) -> int:
    """Hypothesis examples per search: 30 % of the profile's (exact checks of small instances converge fast)."""
    return ctx.profile.max_examples * 3 // 10


def exactly_at_most(value: Fraction, limit: Fraction, *, label: str) -> Comparison:
    """``value ≤ limit`` decided in exact rational arithmetic, shown in floats, with tightness value/limit."""
    ok = value <= limit
    ratio = float(value / limit) if limit > 0 else None
    return Comparison(ok, label, f"{label}: {float(value):.6g} {'≤' if ok else '≰'} {float(limit):.6g}", ratio,
                      {"value": str(value), "bound": str(limit)})


# --- finite laws -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FiniteLaw:
    """A random variable (or vector) taking the value ``atoms[k]`` with probability ``probabilities[k]``."""

    atoms: tuple[Atom, ...]
    probabilities: tuple[Fraction, ...]

    def expect(self, g: Callable[[Atom], Any]) -> Any:
        """E[g(X)], exact when g is rational."""
        return sum((p * g(x) for x, p in zip(self.atoms, self.probabilities, strict=True)), Fraction(0))

    def probability(self, event: Callable[[Atom], bool]) -> Fraction:
        return sum((p for x, p in zip(self.atoms, self.probabilities, strict=True) if event(x)), Fraction(0))

    @property
    def mean(self) -> Any:
        first = self.atoms[0]
        if isinstance(first, tuple):
            return tuple(self.expect(lambda x, i=i: x[i]) for i in range(len(first)))
        return self.expect(lambda x: x)

    def describe(self) -> dict[str, Any]:
        return {"atoms": [_show(x) for x in self.atoms], "probabilities": [str(p) for p in self.probabilities]}


def _show(x: Atom) -> Any:
    return [str(c) for c in x] if isinstance(x, tuple) else str(x)


def _law(atoms: Sequence[Atom], weights: Sequence[int]) -> FiniteLaw:
    total = sum(weights)
    return FiniteLaw(tuple(atoms), tuple(Fraction(w, total) for w in weights))


def rationals(low: int = -6, high: int = 6, max_denominator: int = 4) -> SearchStrategy[Fraction]:
    """Rationals k/q with k in [low·q, high·q] and q ≤ ``max_denominator``: they shrink to small integers."""
    return st.integers(1, max_denominator).flatmap(
        lambda q: st.integers(low * q, high * q).map(lambda k: Fraction(k, q)))


def finite_laws(atom: SearchStrategy[Atom] | None = None, *, max_atoms: int = 5) -> SearchStrategy[FiniteLaw]:
    """A law with 1 … ``max_atoms`` atoms drawn from ``atom`` (default: rationals) and integer weights 1 … 9."""
    atom = atom if atom is not None else rationals()
    return st.integers(1, max_atoms).flatmap(lambda k: st.builds(
        _law, st.lists(atom, min_size=k, max_size=k), st.lists(st.integers(1, 9), min_size=k, max_size=k)))


def vector_laws(*, max_dim: int = 3) -> SearchStrategy[FiniteLaw]:
    """A finite law on Q^d, d = 1 … ``max_dim``."""
    return st.integers(1, max_dim).flatmap(
        lambda d: finite_laws(st.tuples(*[rationals()] * d), max_atoms=6))


@dataclass(frozen=True)
class MaxAffine:
    """The convex function f(x) = max(0, max_j a_j·x + b_j) (``sign`` = 1), or its negative, a concave one.

    Every convex function is a supremum of affine ones, so these are the general case on a finite support.
    """

    slopes: tuple[tuple[Fraction, ...], ...]
    offsets: tuple[Fraction, ...]
    sign: int = 1

    def __call__(self, x: Atom) -> Fraction:
        point = x if isinstance(x, tuple) else (x,)
        pieces = [sum((a * c for a, c in zip(slope, point, strict=True)), b)
                  for slope, b in zip(self.slopes, self.offsets, strict=True)]
        return self.sign * max(Fraction(0), *pieces)

    def describe(self) -> dict[str, Any]:
        return {"f": ("" if self.sign == 1 else "-") + "max(0, a_j·x + b_j)",
                "a": [[str(c) for c in s] for s in self.slopes], "b": [str(b) for b in self.offsets]}


def max_affine(d: int, sign: int = 1) -> SearchStrategy[MaxAffine]:
    """A convex (``sign`` 1) or concave (``sign`` -1) piecewise-linear function on Q^d with 1 … 4 pieces."""
    return st.integers(1, 4).flatmap(lambda k: st.builds(
        MaxAffine, st.lists(st.tuples(*[rationals(-3, 3)] * d), min_size=k, max_size=k).map(tuple),
        st.lists(rationals(-3, 3), min_size=k, max_size=k).map(tuple), st.just(sign)))


@dataclass(frozen=True)
class LawAndFunction:
    """A finite law and a convex or concave function on its space."""

    law: FiniteLaw
    f: MaxAffine

    def describe(self) -> dict[str, Any]:
        return {"X": self.law.describe(), **self.f.describe()}


def laws_with_functions(*, signs: Sequence[int] = (1,)) -> SearchStrategy[LawAndFunction]:
    """A finite law on Q^d with a convex (sign 1) or concave (sign -1) max-affine function on Q^d."""
    def pair(law: FiniteLaw) -> SearchStrategy[LawAndFunction]:
        d = len(law.atoms[0]) if isinstance(law.atoms[0], tuple) else 1
        return st.sampled_from(signs).flatmap(lambda s: max_affine(d, s)).map(lambda f: LawAndFunction(law, f))

    return vector_laws().flatmap(pair)


def positive_laws() -> SearchStrategy[FiniteLaw]:
    """A law on the positive rationals (atoms in (0, 24])."""
    return finite_laws(rationals(0, 6).filter(lambda x: x > 0))


@dataclass(frozen=True)
class LawAndLevel:
    """A law and a positive level (a for Markov, ε for Chebyshev)."""

    law: FiniteLaw
    level: Fraction

    def describe(self) -> dict[str, Any]:
        return {"X": self.law.describe(), "level": str(self.level)}


def laws_with_levels(law: SearchStrategy[FiniteLaw], candidates: Callable[[FiniteLaw], list[Fraction]]) \
        -> SearchStrategy[LawAndLevel]:
    """A law and a positive level: half the time one of ``candidates(law)`` (where the bound can be tight)."""
    def level(x: FiniteLaw) -> SearchStrategy[LawAndLevel]:
        hits = [c for c in candidates(x) if c > 0]
        free = rationals(0, 8).filter(lambda a: a > 0)
        return (st.one_of(st.sampled_from(hits), free) if hits else free).map(lambda a: LawAndLevel(x, a))

    return law.flatmap(level)


def joint_laws() -> SearchStrategy[FiniteLaw]:
    """A finite joint law of (X, Y), Y = cX half the time (where Cauchy–Schwarz is tight)."""
    def proportional(law: FiniteLaw, c: Fraction) -> FiniteLaw:
        return FiniteLaw(tuple((x[0], c * x[0]) for x in law.atoms), law.probabilities)

    pairs = finite_laws(st.tuples(rationals(), rationals()), max_atoms=6)
    return st.one_of(pairs, st.builds(proportional, pairs, rationals(-3, 3)))


# --- probability spaces with events (the union bound) ------------------------------------------------------------


@dataclass(frozen=True)
class Events:
    """Events A_1 … A_k (sets of outcomes) of a finite probability space."""

    space: FiniteLaw
    events: tuple[frozenset[int], ...]

    def probability(self, outcomes: frozenset[int]) -> Fraction:
        return self.space.probability(lambda w: w in outcomes)

    def describe(self) -> dict[str, Any]:
        return {"P(ω)": [str(p) for p in self.space.probabilities], "events": [sorted(a) for a in self.events]}


def event_families(*, max_outcomes: int = 8, max_events: int = 6) -> SearchStrategy[Events]:
    """Up to ``max_events`` events of a space of up to ``max_outcomes`` outcomes with rational probabilities."""
    def family(m: int) -> SearchStrategy[Events]:
        space = st.lists(st.integers(1, 9), min_size=m, max_size=m).map(lambda w: _law(range(m), w))
        event = st.frozensets(st.integers(0, m - 1))
        return st.builds(Events, space, st.lists(event, min_size=1, max_size=max_events).map(tuple))

    return st.integers(1, max_outcomes).flatmap(family)


# --- bounded independent variables (Hoeffding) ---------------------------------------------------------------


@dataclass(frozen=True)
class GridVariable:
    """A variable on the grid {lo/q, …, hi/q} ⊂ [a, b] = [lo/q, hi/q], P(Z = k/q) = weights[k - lo] / Σ weights."""

    lo: int
    hi: int
    weights: tuple[int, ...]

    @property
    def width_steps(self) -> int:
        return self.hi - self.lo

    def mean_steps(self) -> Fraction:
        """E[qZ], exact."""
        return Fraction(sum((self.lo + k) * w for k, w in enumerate(self.weights)), sum(self.weights))

    def pmf(self) -> np.ndarray:
        w = np.asarray(self.weights, dtype=float)
        return w / w.sum()


@dataclass(frozen=True)
class BoundedSample:
    """Independent Z_1 … Z_n on a common grid of step 1/q, and a deviation t > 0 of their mean."""

    variables: tuple[GridVariable, ...]
    q: int
    t: Fraction

    @property
    def n(self) -> int:
        return len(self.variables)

    @property
    def widths(self) -> list[Fraction]:
        """b_i - a_i for each variable."""
        return [Fraction(v.width_steps, self.q) for v in self.variables]

    def tail(self) -> float:
        """P(mean(Z) - E mean(Z) ≥ t), exact up to float rounding of positive sums.

        The law of q·ΣZ_i is the convolution of the variables' laws; the event is q·ΣZ_i ≥ q(nt + Σ E Z_i), a
        threshold computed in rationals, so that an atom lying exactly on it is counted.
        """
        pmf = np.ones(1)
        for v in self.variables:
            pmf = np.convolve(pmf, v.pmf())
        threshold = self.q * self.n * self.t + sum(v.mean_steps() for v in self.variables)
        first = math.ceil(threshold) - sum(v.lo for v in self.variables)
        return float(pmf[max(first, 0):].sum())

    def describe(self) -> dict[str, Any]:
        return {"n": self.n, "t": str(self.t), "grid step": f"1/{self.q}",
                "Z_i": [{"range": [str(Fraction(v.lo, self.q)), str(Fraction(v.hi, self.q))],
                         "P(Z_i = a_i + k/q)": [str(Fraction(w, sum(v.weights))) for w in v.weights]}
                        for v in self.variables]}


def _grid_variable(lo: int, hi: int) -> SearchStrategy[GridVariable]:
    """A law on {lo, …, hi} with integer weights (zero allowed, never all zero); half the time on the two
    endpoints only, the laws for which Hoeffding's bound is nearly tight."""
    inner = hi - lo - 1
    spread = st.lists(st.integers(0, 9), min_size=hi - lo + 1, max_size=hi - lo + 1).filter(any)
    endpoints = st.tuples(st.integers(1, 9), st.integers(1, 9)).map(lambda w: [w[0], *[0] * inner, w[1]])
    return st.one_of(endpoints, spread).map(lambda w: GridVariable(lo, hi, tuple(w)))


def _deviations() -> SearchStrategy[Fraction]:
    return st.integers(1, 60).flatmap(lambda m: st.integers(1, m).map(lambda j: Fraction(j, m)))


def iid_unit_samples(*, max_n: int = 200) -> SearchStrategy[BoundedSample]:
    """n i.i.d. copies of one law on {0, 1/q, …, 1} (q ≤ 4; q = 1 is Bernoulli), and t in (0, 1]."""
    return st.integers(1, 4).flatmap(lambda q: st.builds(
        lambda n, v, t: BoundedSample((v,) * n, q, t), st.integers(1, max_n), _grid_variable(0, q), _deviations()))


def independent_bounded_samples(*, max_n: int = 12) -> SearchStrategy[BoundedSample]:
    """n independent variables, each on its own range [a_i, b_i] (a_i < b_i, on a grid of step 1/q), and t a
    fraction in (0, 1] of the mean width (b_i - a_i), where the tail is not trivially zero."""
    def variable(q: int) -> SearchStrategy[GridVariable]:
        return st.tuples(st.integers(-3 * q, 3 * q), st.integers(1, 3 * q)).flatmap(
            lambda lw: _grid_variable(lw[0], lw[0] + lw[1]))

    def sample(q: int, variables: list[GridVariable], fraction: Fraction) -> BoundedSample:
        mean_width = Fraction(sum(v.width_steps for v in variables), q * len(variables))
        return BoundedSample(tuple(variables), q, fraction * mean_width)

    return st.integers(1, 3).flatmap(lambda q: st.builds(
        sample, st.just(q), st.lists(variable(q), min_size=1, max_size=max_n), _deviations()))


# --- partitioned covariances -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Partitioned:
    """A Gaussian N(u, Σ) on R^(e+f), Σ = D(AAᵀ + δI)D, split as a = (a_1 ∈ R^e, a_2 ∈ R^f), and a point z ∈ R^e."""

    A: np.ndarray
    ridge: float
    decades: tuple[int, ...]
    e: int
    u: np.ndarray
    z: np.ndarray

    @property
    def Sigma(self) -> np.ndarray:
        scale = 10.0 ** np.asarray(self.decades, dtype=float)
        m = scale[:, None] * (self.A @ self.A.T + self.ridge * np.eye(len(self.A))) * scale[None, :]
        return (m + m.T) / 2  # exactly symmetric, whatever the order of the roundings

    def blocks(self, matrix: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(M_11, M_12, M_21, M_22) of ``matrix`` (default Σ)."""
        m = self.Sigma if matrix is None else matrix
        return m[: self.e, : self.e], m[: self.e, self.e:], m[self.e:, : self.e], m[self.e:, self.e:]

    @property
    def condition(self) -> float:
        """κ(Σ) (infinite when Σ is singular)."""
        eig = np.linalg.eigvalsh(self.Sigma)
        return float(eig[-1] / eig[0]) if eig[0] > 0 else math.inf

    def describe(self) -> dict[str, Any]:
        return {"e": self.e, "f": len(self.A) - self.e, "Σ": self.Sigma.tolist(), "u": self.u.tolist(),
                "z": self.z.tolist(), "A": self.A.tolist(), "δ": self.ridge, "D = diag(10^k), k": list(self.decades)}


def partitioned(*, definite: bool, square: bool = False, max_block: int = 3,
                max_decades: int = 3) -> SearchStrategy[Partitioned]:
    """e, f in 1 … ``max_block`` (e = f when ``square``); A integer (e+f) × r with entries in [-3, 3]; δ = 0
    (singular Σ possible) unless ``definite``, where δ ∈ {1, 1/10}; row scales 10^k with |k| ≤ ``max_decades``
    (ill-conditioned Σ)."""
    def build(e: int, f: int) -> SearchStrategy[Partitioned]:
        d = e + f
        matrix = st.integers(1, d + 1).flatmap(lambda r: st.lists(
            st.lists(st.integers(-3, 3), min_size=r, max_size=r), min_size=d, max_size=d).map(np.array))
        ridge = st.sampled_from((1.0, 0.1)) if definite else st.just(0.0)
        vector = st.lists(st.integers(-5, 5), min_size=d, max_size=d).map(lambda v: np.asarray(v, dtype=float))
        return st.builds(Partitioned, matrix.map(lambda a: a.astype(float)), ridge,
                         st.lists(st.integers(-max_decades, max_decades), min_size=d, max_size=d).map(tuple),
                         st.just(e), vector, vector.map(lambda v: v[:e]))

    block = st.integers(1, max_block)
    sizes = block.map(lambda e: (e, e)) if square else st.tuples(block, block)
    return sizes.flatmap(lambda ef: build(*ef))


@dataclass(frozen=True)
class GaussianSample:
    """Observations x_1 … x_n ∈ R^d (the rows of X): small integers times per-coordinate powers of ten."""

    X: np.ndarray

    @property
    def n(self) -> int:
        return len(self.X)

    def describe(self) -> dict[str, Any]:
        return {"X (rows x_i)": self.X.tolist()}


def gaussian_samples(*, max_dim: int = 3, max_extra: int = 8) -> SearchStrategy[GaussianSample]:
    """n ∈ d+1 … d+``max_extra`` points in R^d in general position (the centred data have rank d)."""
    def build(d: int, extra: int) -> SearchStrategy[GaussianSample]:
        rows = st.lists(st.lists(st.integers(-5, 5), min_size=d, max_size=d), min_size=d + extra,
                        max_size=d + extra)
        scales = st.lists(st.integers(-1, 1), min_size=d, max_size=d)
        return st.builds(lambda x, k: GaussianSample(np.asarray(x, dtype=float) * 10.0 ** np.asarray(k)), rows,
                         scales).filter(lambda s: np.linalg.matrix_rank(s.X - s.X.mean(axis=0)) == d)

    return st.tuples(st.integers(1, max_dim), st.integers(1, max_extra)).flatmap(lambda de: build(*de))
