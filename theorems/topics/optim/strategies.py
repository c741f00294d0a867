"""Objectives with known constants: smoothness L, strong convexity μ, PL constant, minimum and minimizers.

Every constant is exact (eigenvalues of the Hessian's extreme values) or certified (see each
family); none is guessed. The families:

* ``quadratic``: ½ (x-c)ᵀQ(x-c), Q positive semi-definite, possibly rank-deficient (then PL with the
  smallest positive eigenvalue but not strongly convex);
* ``least_squares``: ½‖Ax - b‖², over- or under-determined, with a non-zero residual;
* ``kns``: Σ a_i h(u_iᵀ(x - c)), h(z) = z² + 3 sin² z, in rotated coordinates: PL, not convex
  (Karimi, Nutini & Schmidt 2016);
* ``logcosh``: ½ (x-c)ᵀQ(x-c) + γ Σ log cosh(x_i - c_i): strongly convex when Q ≻ 0, otherwise
  convex but neither strongly convex nor PL, not quadratic;
* ``rippled``: Σ c_i x_i² + b_i (1 - cos ω_i x_i): smooth, not convex, with spurious local minima.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

KNS_L = 8.0
"""h''(z) = 2 + 6 cos 2z ∈ [-4, 8]."""
KNS_PL = 0.175
"""min_z h'(z)²/(2 h(z)) ≈ 0.17553 (at z ≈ ±2.2017, on a grid of step 1e-5 over [-20, 20]; beyond,
the ratio tends to 2), rounded down; Karimi et al. state the valid but looser 1/32."""


@dataclass(frozen=True)
class Problem:
    """An objective, a starting point and a step fraction s ∈ (0, 1] (for claims with η = s/L)."""

    kind: str
    f: Callable[[np.ndarray], float] = field(repr=False)
    grad: Callable[[np.ndarray], np.ndarray] = field(repr=False)
    hess: Callable[[np.ndarray], np.ndarray] = field(repr=False)
    nearest_minimizer: Callable[[np.ndarray], np.ndarray] = field(repr=False)
    L: float
    mu: float
    """Strong-convexity constant (0 when not strongly convex)."""
    pl: float
    """PL constant (0 when the function is not PL)."""
    convex: bool
    f_star: float
    x0: np.ndarray
    step_fraction: float = 1.0
    params: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def dim(self) -> int:
        return self.x0.size

    def describe(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "L": self.L, "mu": self.mu, "PL": self.pl, "convex": self.convex,
            "f*": self.f_star, "x0": self.x0.tolist(), "step fraction": self.step_fraction,
            **{k: np.asarray(v).tolist() for k, v in self.params.items()},
        }


def quadratic(eigs: np.ndarray, U: np.ndarray, c: np.ndarray, x0: np.ndarray) -> Problem:
    Q = (U * eigs) @ U.T
    null = U[:, eigs == 0]
    positive = eigs[eigs > 0]
    return Problem(
        "quadratic", lambda x: 0.5 * (x - c) @ Q @ (x - c), lambda x: Q @ (x - c), lambda x: Q,
        lambda x: c + null @ (null.T @ (x - c)),
        L=float(eigs.max()), mu=float(eigs.min()), pl=float(positive.min()), convex=True, f_star=0.0, x0=x0,
        params={"eigenvalues": eigs, "U": U, "c": c},
    )


def least_squares(A: np.ndarray, b: np.ndarray, x0: np.ndarray) -> Problem:
    sigma = np.linalg.svd(A, compute_uv=False)
    rank = int(np.sum(sigma > 1e-8 * sigma.max()))
    pinv = np.linalg.pinv(A, rcond=1e-8)
    residual = b - A @ (pinv @ b)
    Q = A.T @ A
    return Problem(
        "least_squares", lambda x: 0.5 * np.sum((A @ x - b) ** 2), lambda x: A.T @ (A @ x - b), lambda x: Q,
        lambda x: x - pinv @ (A @ x - b),
        L=float(sigma[0] ** 2), mu=float(sigma[-1] ** 2) if rank == A.shape[1] else 0.0,
        pl=float(sigma[rank - 1] ** 2), convex=True, f_star=float(0.5 * residual @ residual), x0=x0,
        params={"A": A, "b": b},
    )


def kns(scales: np.ndarray, U: np.ndarray, c: np.ndarray, x0: np.ndarray) -> Problem:
    def f(x: np.ndarray) -> float:
        z = U.T @ (x - c)
        return float(scales @ (z**2 + 3 * np.sin(z) ** 2))

    def grad(x: np.ndarray) -> np.ndarray:
        z = U.T @ (x - c)
        return U @ (scales * (2 * z + 3 * np.sin(2 * z)))

    def hess(x: np.ndarray) -> np.ndarray:
        z = U.T @ (x - c)
        return (U * (scales * (2 + 6 * np.cos(2 * z)))) @ U.T

    return Problem(
        "kns", f, grad, hess, lambda x: c,
        L=KNS_L * float(scales.max()), mu=0.0, pl=KNS_PL * float(scales.min()), convex=False, f_star=0.0, x0=x0,
        params={"scales": scales, "U": U, "c": c},
    )


def logcosh(eigs: np.ndarray, U: np.ndarray, c: np.ndarray, gamma: float, x0: np.ndarray) -> Problem:
    # ∇² = Q + γ diag(sech²(x - c)): its spectrum lies in [λ_min(Q), λ_max(Q) + γ], both ends attained
    # (at x = c for the top, as |x| → ∞ along the bottom eigenvector for the bottom).
    Q = (U * eigs) @ U.T

    def f(x: np.ndarray) -> float:
        z = x - c
        return float(0.5 * z @ Q @ z + gamma * np.sum(np.logaddexp(z, -z) - np.log(2)))

    return Problem(
        "logcosh", f, lambda x: Q @ (x - c) + gamma * np.tanh(x - c),
        lambda x: Q + gamma * np.diag(1 / np.cosh(x - c) ** 2), lambda x: c,
        L=float(eigs.max() + gamma), mu=float(eigs.min()), pl=float(eigs.min()), convex=True, f_star=0.0, x0=x0,
        params={"eigenvalues": eigs, "U": U, "c": c, "gamma": gamma},
    )


def rippled(curvatures: np.ndarray, ripples: np.ndarray, omegas: np.ndarray, x0: np.ndarray) -> Problem:
    # Both terms are ≥ 0 and vanish at 0, so f* = 0 at x* = 0; f'' = 2c + b ω² cos ωx.
    def f(x: np.ndarray) -> float:
        return float(np.sum(curvatures * x**2 + ripples * (1 - np.cos(omegas * x))))

    second = ripples * omegas**2
    return Problem(
        "rippled", f, lambda x: 2 * curvatures * x + ripples * omegas * np.sin(omegas * x),
        lambda x: np.diag(2 * curvatures + second * np.cos(omegas * x)), lambda x: np.zeros_like(x),
        L=float(np.max(2 * curvatures + second)), mu=0.0, pl=0.0, convex=bool(np.all(second <= 2 * curvatures)),
        f_star=0.0, x0=x0, params={"c": curvatures, "b": ripples, "omega": omegas},
    )


# --- strategies -------------------------------------------------------------------------------

def _eigenvalues(draw: st.DrawFn, dim: int, *, singular: bool) -> np.ndarray:
    scale = 10.0 ** draw(st.integers(-2, 2))
    eigs = np.array(draw(st.lists(st.floats(1e-2, 1.0), min_size=dim, max_size=dim))) * scale
    if singular and dim > 1:
        zeros = draw(st.integers(1, dim - 1))
        eigs[:zeros] = 0.0
    return eigs


def _orthogonal(rng: np.random.Generator, dim: int) -> np.ndarray:
    return np.linalg.qr(rng.normal(size=(dim, dim)))[0]


@st.composite
def problems(draw: st.DrawFn, *kinds: str, max_dim: int = 4, strongly_convex: bool = False) -> Problem:
    """One objective of the named families (strongly convex members only, if asked), a start and a step fraction.

    The spectrum, scales and step fraction are drawn by Hypothesis (so that the search can push them to
    extremes); rotations, centres and the start come from a drawn seed, which keeps generation fast.
    """
    kind = draw(st.sampled_from(kinds))
    dim = draw(st.integers(1, max_dim))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    x0 = rng.normal(size=dim) * 10.0 ** draw(st.integers(-1, 1))
    singular = not strongly_convex and draw(st.booleans())
    if kind == "quadratic":
        problem = quadratic(_eigenvalues(draw, dim, singular=singular), _orthogonal(rng, dim), rng.normal(size=dim), x0)
    elif kind == "least_squares":
        rows = dim + draw(st.integers(0, 3)) if strongly_convex else draw(st.integers(1, dim + 3))
        A = rng.normal(size=(rows, dim)) * 10.0 ** draw(st.integers(-1, 1))
        problem = least_squares(A, rng.normal(size=rows) * 3, x0)
    elif kind == "kns":
        scales = np.array(draw(st.lists(st.floats(0.1, 10.0), min_size=dim, max_size=dim)))
        problem = kns(scales, _orthogonal(rng, dim), rng.normal(size=dim), x0)
    elif kind == "logcosh":
        problem = logcosh(_eigenvalues(draw, dim, singular=singular), _orthogonal(rng, dim), rng.normal(size=dim),
                          draw(st.floats(0.01, 10.0)), x0)
    else:
        size = st.lists(st.floats(0.05, 5.0), min_size=dim, max_size=dim)
        problem = rippled(np.array(draw(size)), np.array(draw(size)), np.array(draw(size)), x0)
    fraction = draw(st.one_of(st.just(1.0), st.floats(0.05, 1.0)))
    return replace(problem, step_fraction=fraction)


PL_KINDS = ("quadratic", "least_squares", "kns", "logcosh")
CONVEX_KINDS = ("quadratic", "least_squares", "logcosh")
ALL_KINDS = ("quadratic", "least_squares", "kns", "logcosh", "rippled")


def pl_problems(max_dim: int = 4) -> st.SearchStrategy[Problem]:
    """L-smooth μ-PL objectives with μ > 0 (log-cosh members strongly convex)."""
    return problems(*PL_KINDS, max_dim=max_dim).filter(lambda p: p.pl > 0)


def strongly_convex_problems(max_dim: int = 4) -> st.SearchStrategy[Problem]:
    return problems(*CONVEX_KINDS, max_dim=max_dim, strongly_convex=True).filter(lambda p: p.mu > 0)


def convex_problems(max_dim: int = 4) -> st.SearchStrategy[Problem]:
    return problems(*CONVEX_KINDS, max_dim=max_dim)


def smooth_problems(max_dim: int = 4) -> st.SearchStrategy[Problem]:
    return problems(*ALL_KINDS, max_dim=max_dim)


def quadratics(max_dim: int = 4, *, strongly_convex: bool = False) -> st.SearchStrategy[Problem]:
    return problems("quadratic", max_dim=max_dim, strongly_convex=strongly_convex)



points = hnp.arrays(np.float64, 4, elements=st.floats(-10, 10, allow_nan=False, width=32))
"""A second point (its first d coordinates) for the pointwise inequalities in dimension d ≤ 4."""


# --- adaptive optimizers: quadratic objectives, hyperparameters, matrices for Muon ------------------------

unit_floats = st.floats(-1, 1, allow_nan=False, allow_infinity=False)


@dataclass(frozen=True)
class Quadratic:
    """f(x) = ½ (x - x*)ᵀ A (x - x*), A positive definite, x a vector or a matrix (A acts on its entries)."""

    A: np.ndarray
    minimizer: np.ndarray

    def gradient(self, x: np.ndarray) -> np.ndarray:
        return (self.A @ (x - self.minimizer).ravel()).reshape(x.shape)


@dataclass(frozen=True)
class Run:
    """One optimizer run to compare step by step: objective, start, steps and hyperparameters."""

    objective: Quadratic
    x0: np.ndarray
    steps: int
    hyper: Mapping[str, float]

    def describe(self) -> dict[str, object]:
        return {"A": self.objective.A.tolist(), "x*": self.objective.minimizer.tolist(), "x0": self.x0.tolist(),
                "steps": self.steps, "hyper": dict(self.hyper)}


def log_uniform(lo: int, hi: int) -> st.SearchStrategy[float]:
    """10**u for u uniform in [lo, hi]: scales over several decades."""
    return st.floats(lo, hi).map(lambda u: float(10.0**u))


decay_rates = st.floats(0.0, 0.999)
HYPERPARAMETERS: Mapping[str, Mapping[str, st.SearchStrategy[float]]] = {
    "adagrad": {"lr": log_uniform(-3, 0), "eps": log_uniform(-10, -1)},
    "rmsprop": {"lr": log_uniform(-3, 0), "alpha": decay_rates, "eps": log_uniform(-10, -1)},
    "adam": {"lr": log_uniform(-3, 0), "beta1": decay_rates, "beta2": decay_rates, "eps": log_uniform(-10, -1)},
    "signsgd": {"lr": log_uniform(-3, 0)},
    "muon": {"lr": log_uniform(-3, 0), "momentum": decay_rates},
}
HYPERPARAMETERS = {**HYPERPARAMETERS, "amsgrad": HYPERPARAMETERS["adam"]}


@st.composite
def runs(draw: st.DrawFn, method: str, *, max_dim: int = 4, max_steps: int = 12) -> Run:
    """A quadratic with gradients over six decades of scale (so that ε matters), a start and hyperparameters."""
    if method == "muon":
        d_out, d_in = draw(st.integers(1, 4)), draw(st.integers(1, 4))
        shape: tuple[int, ...] = (d_out, d_in)
        size = d_out * d_in
    else:
        size = draw(st.integers(1, max_dim))
        shape = (size,)
    B = draw(hnp.arrays(np.float64, (size, size), elements=unit_floats))
    scale = 10.0 ** draw(st.integers(-5, 1))
    minimizer = draw(hnp.arrays(np.float64, shape, elements=st.floats(-10, 10, allow_nan=False)))
    x0 = draw(hnp.arrays(np.float64, shape, elements=st.floats(-10, 10, allow_nan=False)))
    hyper = {name: draw(strategy) for name, strategy in HYPERPARAMETERS[method].items()}
    objective = Quadratic(scale * (B @ B.T + 1e-2 * np.eye(size)), minimizer)
    return Run(objective, x0, draw(st.integers(1, max_steps)), hyper)


matrices = st.tuples(st.integers(1, 5), st.integers(1, 5)).flatmap(
    lambda shape: hnp.arrays(np.float64, shape, elements=st.floats(-10, 10, allow_nan=False))
).filter(lambda G: np.linalg.norm(G) > 1e-3)
