"""Geometric deep learning (documents 000-004): set and graph layers, graph matrices and the 1-WL test,
as float64 NumPy functions.

Conventions. A set or a graph's node features are the rows of ``X`` (M × F: M elements or nodes,
F features). ``A`` is a symmetric M × M adjacency matrix with zero diagonal (entries 0/1, or non-negative
weights where a method says so). Degrees are row sums, ``d_m = Σ_n a_mn``; a node of degree 0 gets
``d^{-1/2} = 0`` (the convention of PyTorch Geometric) wherever a ``D^{-1/2}`` appears.

Any implementation with the :class:`GeometricImpl` protocol can be checked::

    theorems check geometric --impl mypackage.module:MyGeometric
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class GeometricImpl(Protocol):
    """What a library of set and graph layers under test provides (float64 in, float64 out)."""

    def sum_pool(self, X: np.ndarray) -> np.ndarray:
        """Σ_m x_m: the F-vector of column sums of the M × F set ``X``."""
        ...

    def max_pool(self, X: np.ndarray) -> np.ndarray:
        """max_m x_m, coordinate-wise: the F-vector of column maxima."""
        ...

    def deep_sets(self, X: np.ndarray, W_phi: np.ndarray, W_rho: np.ndarray, pool: str = "sum") -> np.ndarray:
        """ρ(pool_m φ(x_m)) with φ(x) = tanh(x W_phi), ρ(s) = tanh(s W_rho), pool "sum" or "max"."""
        ...

    def equivariant_layer(self, X: np.ndarray, Lam: np.ndarray, Gam: np.ndarray) -> np.ndarray:
        """The Deep Sets equivariant layer y_m = ρ(x_m, Σ_k x_k) = x_m Λ + (Σ_k x_k) Γ, i.e. X Λ + 11ᵀ X Γ."""
        ...

    def gcn_norm(self, A: np.ndarray) -> np.ndarray:
        """Ā = D̃^{-1/2}(A + I)D̃^{-1/2} with d̃_m = 1 + Σ_n a_nm (Kipf & Welling 2017)."""
        ...

    def gcn_layer(self, X: np.ndarray, A: np.ndarray, W: np.ndarray) -> np.ndarray:
        """X⁺ = ReLU(Ā X W), W ∈ R^{F × N}."""
        ...

    def gin_layer(self, X: np.ndarray, A: np.ndarray, W: np.ndarray, eps: float) -> np.ndarray:
        """GIN (Xu et al. 2019): x_m⁺ = ReLU(((1 + ε) x_m + Σ_{n ∈ N(m)} x_n) W)."""
        ...

    def message_passing(self, X: np.ndarray, A: np.ndarray, W_self: np.ndarray, W_msg: np.ndarray) -> np.ndarray:
        """x_m⁺ = ReLU(x_m W_self + Σ_n a_mn ψ(x_n)) with the message ψ(x) = tanh(x W_msg)."""
        ...

    def laplacian(self, A: np.ndarray) -> np.ndarray:
        """L = D - A (A symmetric with non-negative weights)."""
        ...

    def normalized_laplacian(self, A: np.ndarray) -> np.ndarray:
        """L̃ = I - D^{-1/2} A D^{-1/2}."""
        ...

    def chebyshev_filter(self, L: np.ndarray, theta: np.ndarray) -> np.ndarray:
        """Σ_k θ_k T_k(L) by the recursion T_0 = I, T_1 = L, T_{k+1} = 2 L T_k - T_{k-1} (no eigendecomposition)."""
        ...

    def gat_attention(self, X: np.ndarray, A: np.ndarray, W: np.ndarray, a: np.ndarray) -> np.ndarray:
        """GAT (Veličković et al. 2018): α_ij = softmax_{j ∈ N_i ∪ {i}} LeakyReLU_{0.2}(aᵀ[W x_i ‖ W x_j]),
        0 for j outside N_i ∪ {i}; here W x_i is the row x_i W (W ∈ R^{F × F'}, a ∈ R^{2F'})."""
        ...

    def wl_same(self, A1: np.ndarray, A2: np.ndarray) -> bool:
        """Whether 1-WL colour refinement gives the two graphs the same colour histogram."""
        ...


def _inverse_sqrt(d: np.ndarray) -> np.ndarray:
    """d^{-1/2}, with 0 for d = 0 (an isolated node)."""
    out = np.zeros_like(d, dtype=float)
    out[d > 0] = d[d > 0] ** -0.5
    return out


def _relu(z: np.ndarray) -> np.ndarray:
    return np.maximum(z, 0.0)


class Geometric:
    """The reference: each layer written as its formula, in float64."""

    def sum_pool(self, X: np.ndarray) -> np.ndarray:
        return np.sum(np.asarray(X, dtype=float), axis=0)

    def max_pool(self, X: np.ndarray) -> np.ndarray:
        return np.max(np.asarray(X, dtype=float), axis=0)

    def deep_sets(self, X: np.ndarray, W_phi: np.ndarray, W_rho: np.ndarray, pool: str = "sum") -> np.ndarray:
        pooled = {"sum": self.sum_pool, "max": self.max_pool}[pool](np.tanh(np.asarray(X, dtype=float) @ W_phi))
        return np.tanh(pooled @ W_rho)

    def equivariant_layer(self, X: np.ndarray, Lam: np.ndarray, Gam: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype=float)
        return X @ Lam + self.sum_pool(X)[None, :] @ Gam

    def gcn_norm(self, A: np.ndarray) -> np.ndarray:
        A = np.asarray(A, dtype=float)
        looped = A + np.eye(len(A))
        scale = _inverse_sqrt(looped.sum(axis=0))
        return scale[:, None] * looped * scale[None, :]

    def gcn_layer(self, X: np.ndarray, A: np.ndarray, W: np.ndarray) -> np.ndarray:
        return _relu(self.gcn_norm(A) @ np.asarray(X, dtype=float) @ W)

    def gin_layer(self, X: np.ndarray, A: np.ndarray, W: np.ndarray, eps: float) -> np.ndarray:
        X = np.asarray(X, dtype=float)
        return _relu(((1.0 + eps) * X + np.asarray(A, dtype=float) @ X) @ W)

    def message_passing(self, X: np.ndarray, A: np.ndarray, W_self: np.ndarray, W_msg: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype=float)
        return _relu(X @ W_self + np.asarray(A, dtype=float) @ np.tanh(X @ W_msg))

    def laplacian(self, A: np.ndarray) -> np.ndarray:
        A = np.asarray(A, dtype=float)
        return np.diag(A.sum(axis=1)) - A

    def normalized_laplacian(self, A: np.ndarray) -> np.ndarray:
        A = np.asarray(A, dtype=float)
        scale = _inverse_sqrt(A.sum(axis=1))
        return np.eye(len(A)) - scale[:, None] * A * scale[None, :]

    def chebyshev_filter(self, L: np.ndarray, theta: np.ndarray) -> np.ndarray:
        L = np.asarray(L, dtype=float)
        previous, current = np.eye(len(L)), L
        total = theta[0] * previous
        for coefficient in theta[1:]:
            total = total + coefficient * current
            previous, current = current, 2 * L @ current - previous
        return total

    def gat_attention(self, X: np.ndarray, A: np.ndarray, W: np.ndarray, a: np.ndarray) -> np.ndarray:
        H = np.asarray(X, dtype=float) @ W
        width = H.shape[1]
        scores = (H @ a[:width])[:, None] + (H @ a[width:])[None, :]
        scores = np.where(scores > 0, scores, 0.2 * scores)
        allowed = (np.asarray(A) != 0) | np.eye(len(H), dtype=bool)
        scores = np.where(allowed, scores, -np.inf)
        weights = np.exp(scores - scores.max(axis=1, keepdims=True))
        return weights / weights.sum(axis=1, keepdims=True)

    def wl_same(self, A1: np.ndarray, A2: np.ndarray) -> bool:
        n1 = len(A1)
        union = np.zeros((n1 + len(A2),) * 2)
        union[:n1, :n1], union[n1:, n1:] = A1, A2
        neighbours = [np.flatnonzero(row) for row in union]
        colours = [0] * len(union)
        for _ in range(len(union)):
            signatures = [(colours[v], tuple(sorted(colours[u] for u in neighbours[v]))) for v in range(len(union))]
            palette = {s: c for c, s in enumerate(sorted(set(signatures)))}
            refined = [palette[s] for s in signatures]
            if len(set(refined)) == len(set(colours)):
                break
            colours = refined
        return sorted(colours[:n1]) == sorted(colours[n1:])
