"""The Jacobian of a network: its linearisation, and the operator-norm bounds of its sensitivity.

Networks are drawn as seeds of NumPy's generator (the instance is rebuilt from the seed shown); the
Taylor remainder of a tanh layer is bounded by max|tanh''| = 4/(3√3), so the linearisation is checked
against a bound, not an approximation.
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from scipy.linalg import eigvalsh

from theorems.engine import Comparison, Context, Formula, Outcome, at_most, bound, close, for_all
from theorems.engine import within_tolerance as tol

from . import TOPIC

TANH_CURVATURE = 4 / (3 * np.sqrt(3))
"""max_u |tanh''(u)|, at tanh(u) = ±1/√3."""


def tanh_jacobian(v: np.ndarray, w: np.ndarray, c: np.ndarray, x: np.ndarray) -> np.ndarray:
    return v @ np.diag(1 - np.tanh(w @ x + c) ** 2) @ w


JACOBIAN = Formula(r"J_f(x) = V\,\mathrm{diag}(\tanh'(Wx + c))\,W", tanh_jacobian)

seeds = st.integers(0, 2**32 - 1)


@TOPIC.claim("adversarial.linearization", method="property", canonical=JACOBIAN, faithful=("001", "003"),
             uses_impl=False)
def linearization(ctx: Context, stated: Formula) -> Outcome:
    """First-order linearisation of a network.

    f(x + Δx) = f(x) + J_f(x)Δx + O(‖Δx‖²): for f(x) = V tanh(Wx + c), each unit's Taylor remainder is at
    most ½ max|tanh''| u_j² with u = WΔx, so ‖f(x + Δx) - f(x) - J_f(x)Δx‖₂ ≤ (2/(3√3)) ‖|V| u²‖₂. Checked for
    ‖Δx‖ from 1e-4 to 1 (document 003 states the one-output case, ∇f(x)ᵀδ).
    """

    def remainder(case: tuple[int, int, int, float]) -> Comparison:
        seed, d, k, t = case
        rng = np.random.default_rng(seed)
        v, w, c, x = rng.normal(size=(k, 8)), rng.normal(size=(8, d)), rng.normal(size=8), rng.normal(size=d)
        dx = t * rng.normal(size=d)
        f = v @ np.tanh(w @ x + c)
        moved = v @ np.tanh(w @ (x + dx) + c)
        rest = np.linalg.norm(moved - f - np.asarray(stated(v, w, c, x)) @ dx)
        limit = TANH_CURVATURE * np.linalg.norm(np.abs(v) @ (w @ dx) ** 2)
        return at_most(rest, limit, label="Taylor remainder ≤ (2/(3√3))‖|V|(WΔx)²‖", atol=tol(f, moved, v))

    cases = st.tuples(seeds, st.integers(1, 4), st.integers(1, 3), st.floats(1e-4, 1.0))
    return for_all(ctx, cases, remainder, max_examples=50,
                   describe=lambda c: {"seed": c[0], "d": c[1], "outputs": c[2], "|Δx| scale": c[3]})


def _matrix(seed: int, rows: int, cols: int, scale: float) -> np.ndarray:
    return scale * np.random.default_rng(seed).normal(size=(rows, cols))


@TOPIC.claim("adversarial.operator_norm_bound", method="property",
             canonical=Formula(r"\sigma(J) = \|J\|_{2\to 2}", lambda j: np.linalg.norm(j, 2)), faithful=("001",),
             uses_impl=False)
def operator_norm_bound(ctx: Context, stated: Formula) -> Outcome:
    """The spectral norm bounds the gain of a linear map, and is attained.

    ‖JΔx‖₂/‖Δx‖₂ ≤ σ(J) = max_{‖v‖₂ ≤ 1} ‖Jv‖₂: checked for Δx drawn at random (the worst ratio pushed up),
    and σ(J) compared with √λ_max(JᵀJ) from SciPy's symmetric eigensolver, which the top eigenvector attains.
    """

    def gain(case: tuple[int, int, int, float]) -> list[Comparison]:
        seed, m, n, scale = case
        j = _matrix(seed, m, n, scale)
        dx = np.random.default_rng(seed + 1).normal(size=n)
        sigma = float(stated(j))
        top = float(np.sqrt(max(eigvalsh(j.T @ j)[-1], 0.0)))
        return [at_most(np.linalg.norm(j @ dx) / np.linalg.norm(dx), sigma, label="‖JΔx‖/‖Δx‖ ≤ σ(J)",
                        atol=tol(sigma)),
                close(sigma, top, label="σ(J) = √λ_max(JᵀJ)", rtol=1e-9, atol=tol(j.T @ j))]

    cases = st.tuples(seeds, st.integers(1, 4), st.integers(1, 4), st.floats(0.1, 10.0))
    return for_all(ctx, cases, gain, describe=lambda c: {"seed": c[0], "shape": [c[1], c[2]], "scale": c[3]})


def _relu_jacobian(weights: list[np.ndarray], x: np.ndarray) -> np.ndarray:
    jac, h = np.eye(len(x)), x
    for w in weights[:-1]:
        pre = w @ h
        jac = np.diag((pre > 0).astype(float)) @ w @ jac
        h = np.maximum(pre, 0.0)
    return weights[-1] @ jac


@TOPIC.claim("adversarial.spectral_norm_product_bound", method="property",
             canonical=Formula(r"\prod_{i=1}^L \sigma(W^i)", lambda ws: np.prod([np.linalg.norm(w, 2) for w in ws])),
             faithful=("001",), depends=("adversarial.operator_norm_bound",), uses_impl=False)
def spectral_norm_product_bound(ctx: Context, stated: Formula) -> Outcome:
    """The spectral norm of a ReLU network's Jacobian is at most the product of its layers'.

    For f(x) = W^L φ(W^{L-1} ⋯ φ(W¹x)) with φ = ReLU, J_f(x) = W^L D_{L-1} W^{L-1} ⋯ D₁ W¹ with 0/1 diagonal D_i
    (σ(D_i) ≤ 1), so σ(J_f(x)) ≤ ∏ σ(W^i) by submultiplicativity. Checked on 2- to 4-layer networks of
    widths 1 to 4, pushed towards equality.
    """

    def network(case: tuple[int, int, int, float]) -> tuple[list[np.ndarray], np.ndarray]:
        seed, depth, width, scale = case
        rng = np.random.default_rng(seed)
        sizes = [width] + [int(s) for s in rng.integers(1, 5, size=depth)]
        weights = [scale * rng.normal(size=(sizes[i + 1], sizes[i])) for i in range(depth)]
        return weights, rng.normal(size=width)

    def jac_norm(case: tuple[int, int, int, float]) -> float:
        weights, x = network(case)
        return float(np.linalg.norm(_relu_jacobian(weights, x), 2))

    cases = st.tuples(seeds, st.integers(2, 4), st.integers(1, 4), st.floats(0.2, 3.0))
    return bound(ctx, cases, jac_norm, lambda c: float(stated(network(c)[0])), label="σ(J_f(x)) ≤ ∏σ(W^i)",
                 describe=lambda c: {"seed": c[0], "depth": c[1], "width": c[2], "scale": c[3]})


TOPIC.not_checkable(
    "adversarial.pgd_operator_norm_equivalence",
    title="Adversarial training as operator-norm regularisation",
    statement="ℓp-constrained PGA adversarial training with an ℓq loss on the logits of clean and perturbed inputs "
              "is equivalent to data-dependent (p, q) operator-norm regularisation (Roth et al. 2020).",
    reason="an equivalence of two training procedures stated without its regime, constant or error term on the "
           "line; its linear core (the gain of the ε-ball through J is ε times an operator norm) is "
           "adversarial.operator_norm_bound for p = q = 2",
)
