"""Wrong set and graph layers and wrong formulas that the geometric claims must reject."""

from __future__ import annotations

import numpy as np

from impls.geometric import Geometric
from tests.mutants import Mutant
from theorems.engine import Formula


class PositionWeightedSum(Geometric):
    """A "sum" that weights the m-th element by 1 + m/10: it depends on the order of the set."""

    def sum_pool(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype=float)
        return (1 + np.arange(len(X)) / 10) @ X


class LastElementMax(Geometric):
    """Max pooling that returns the last element instead of the maximum."""

    def max_pool(self, X: np.ndarray) -> np.ndarray:
        return np.asarray(X, dtype=float)[-1]


class FixedOrderEquivariant(Geometric):
    """The Deep Sets layer with a positional term 0.1·m added to row m (a fixed node order)."""

    def equivariant_layer(self, X: np.ndarray, Lam: np.ndarray, Gam: np.ndarray) -> np.ndarray:
        return super().equivariant_layer(X, Lam, Gam) + 0.1 * np.arange(len(X))[:, None]


class FixedOrderGin(Geometric):
    """GIN that adds each node's index to its pre-activation (a fixed node order)."""

    def gin_layer(self, X: np.ndarray, A: np.ndarray, W: np.ndarray, eps: float) -> np.ndarray:
        X = np.asarray(X, dtype=float)
        return np.maximum(((1 + eps) * X + A @ X) @ W + np.arange(len(X))[:, None], 0.0)


class MeanGin(Geometric):
    """GIN with mean instead of sum aggregation: not injective on multisets (isolated nodes get mean 0)."""

    def gin_layer(self, X: np.ndarray, A: np.ndarray, W: np.ndarray, eps: float) -> np.ndarray:
        X, A = np.asarray(X, dtype=float), np.asarray(A, dtype=float)
        mean = A @ X / np.maximum(A.sum(axis=1, keepdims=True), 1.0)
        return np.maximum(((1 + eps) * X + mean) @ W, 0.0)


class NoSelfLoopsGcn(Geometric):
    """The GCN normalisation without self-loops, D^{-1/2}AD^{-1/2}."""

    def gcn_norm(self, A: np.ndarray) -> np.ndarray:
        return np.eye(len(A)) - self.normalized_laplacian(A)


class RandomWalkGcn(Geometric):
    """D̃^{-1}(A + I), the random-walk normalisation, used where the symmetric one is claimed."""

    def gcn_norm(self, A: np.ndarray) -> np.ndarray:
        looped = np.asarray(A, dtype=float) + np.eye(len(A))
        return looped / looped.sum(axis=1, keepdims=True)


class DenseGcn(Geometric):
    """Ā plus 10⁻³ everywhere: every node mixes with every other, not only its neighbours."""

    def gcn_norm(self, A: np.ndarray) -> np.ndarray:
        return super().gcn_norm(A) + 1e-3


class ActivationBeforeWeights(Geometric):
    """The GCN layer as ReLU(ĀX)W instead of ReLU(ĀXW)."""

    def gcn_layer(self, X: np.ndarray, A: np.ndarray, W: np.ndarray) -> np.ndarray:
        return np.maximum(self.gcn_norm(A) @ np.asarray(X, dtype=float), 0.0) @ W


class SelfLoopLaplacian(Geometric):
    """L = D + I - A: the degree of A + I with the adjacency of A."""

    def laplacian(self, A: np.ndarray) -> np.ndarray:
        return super().laplacian(A) + np.eye(len(A))


class SelfLoopNormalizedLaplacian(Geometric):
    """I - D̃^{-1/2}AD̃^{-1/2}, with the self-loop degrees d + 1."""

    def normalized_laplacian(self, A: np.ndarray) -> np.ndarray:
        A = np.asarray(A, dtype=float)
        scale = (A.sum(axis=1) + 1) ** -0.5
        return np.eye(len(A)) - scale[:, None] * A * scale[None, :]


class ExtraChebyshevTerm(Geometric):
    """Σ θ_k T_{k+1}(L): every Chebyshev polynomial one degree too high."""

    def chebyshev_filter(self, L: np.ndarray, theta: np.ndarray) -> np.ndarray:
        return super().chebyshev_filter(L, np.r_[0.0, theta])


class ColumnSoftmaxGat(Geometric):
    """GAT attention normalised over the sending nodes (columns) instead of the receiving node's neighbours."""

    def gat_attention(self, X: np.ndarray, A: np.ndarray, W: np.ndarray, a: np.ndarray) -> np.ndarray:
        return super().gat_attention(X, A, W, a[np.r_[len(a) // 2:len(a), 0:len(a) // 2]]).T


class LabelledWl(Geometric):
    """"1-WL" that compares the labelled adjacency matrices: it tells a graph from its own relabelling."""

    def wl_same(self, A1: np.ndarray, A2: np.ndarray) -> bool:
        return bool(np.array_equal(A1, A2))


M = "tests.mutants.geometric"

MUTANTS: list[Mutant] = [
    Mutant("geometric.sum_permutation_invariance", "a position-weighted sum", impl=f"{M}:PositionWeightedSum"),
    Mutant("geometric.deepsets_invariance", "Deep Sets with a position-weighted sum", impl=f"{M}:PositionWeightedSum"),
    Mutant("geometric.graph_invariance_def", "a position-weighted readout", impl=f"{M}:PositionWeightedSum"),
    Mutant("geometric.maxpool_invariance", "max pooling returns the last element", impl=f"{M}:LastElementMax"),
    Mutant("geometric.equivariant_map_construction", "a positional term (fixed node order)",
           impl=f"{M}:FixedOrderEquivariant"),
    Mutant("geometric.graph_equivariance_def", "GIN with a fixed node order", impl=f"{M}:FixedOrderGin"),
    Mutant("geometric.mpgnn_at_most_1wl", "GIN with a fixed node order", impl=f"{M}:FixedOrderGin"),
    Mutant("geometric.gin_matches_1wl", "GIN with mean aggregation", impl=f"{M}:MeanGin"),
    Mutant("geometric.gcn_normalized_adjacency", "no self-loops", impl=f"{M}:NoSelfLoopsGcn"),
    Mutant("geometric.gcn_normalized_adjacency", "D̃^{-1}(A + I) claimed symmetric", impl=f"{M}:RandomWalkGcn"),
    Mutant("geometric.gcn_normalized_adjacency", "the formula D^{-1}A",
           form=Formula(r"D^{-1}A", lambda A: A / np.maximum(A.sum(axis=1, keepdims=True), 1.0))),
    Mutant("geometric.self_loop_degree", "GCN without self-loops", impl=f"{M}:NoSelfLoopsGcn"),
    Mutant("geometric.self_loop_degree", "d̃ = d", form=Formula("d_m", lambda d: d)),
    Mutant("geometric.renormalized_adjacency_max_eigenvalue", "no self-loops", impl=f"{M}:NoSelfLoopsGcn"),
    Mutant("geometric.cyclic_chain_toeplitz", "no self-loops", impl=f"{M}:NoSelfLoopsGcn"),
    Mutant("geometric.cyclic_chain_toeplitz", "kernel (1/2, 1/4, …, 1/4)",
           form=Formula("c", lambda n: np.r_[1 / 2, 1 / 4, np.zeros(n - 3), 1 / 4])),
    Mutant("geometric.gcn_layer", "ReLU(ĀX)W", impl=f"{M}:ActivationBeforeWeights"),
    Mutant("geometric.gcn_layer", "no self-loops", impl=f"{M}:NoSelfLoopsGcn"),
    Mutant("geometric.gcn_column_mixing", "Q dense", impl=f"{M}:DenseGcn"),
    Mutant("geometric.gcn_column_mixing", "Σ_k q_kj x[j]",
           form=Formula("", lambda X, Q, j: Q[:, j].sum() * X[:, j])),
    Mutant("geometric.gcn_weight_shape", "W ∈ R^{M×N}", form=Formula("", lambda m, f, n: (m, n))),
    Mutant("geometric.first_order_filter_max_eigenvalue", "Ã inside the plain D",
           form=Formula("", lambda A: np.eye(len(A)) + (A + np.eye(len(A))) / np.sqrt(np.outer(A.sum(0), A.sum(0))))),
    Mutant("geometric.first_order_filter_max_eigenvalue", "normalised Laplacian with d + 1",
           impl=f"{M}:SelfLoopNormalizedLaplacian"),
    Mutant("geometric.gat_attention_normalization", "softmax over the senders", impl=f"{M}:ColumnSoftmaxGat"),
    Mutant("geometric.graph_laplacian_action", "L = D + I - A", impl=f"{M}:SelfLoopLaplacian"),
    Mutant("geometric.graph_laplacian_action", "Σ a_nm (x_m - x_n)",
           form=Formula("", lambda A, x: (A * (x[None, :] - x[:, None])).sum(axis=1))),
    Mutant("geometric.laplacian_quadratic_form", "L = D + I - A", impl=f"{M}:SelfLoopLaplacian"),
    Mutant("geometric.laplacian_quadratic_form", "without ½",
           form=Formula("", lambda A, x: (A * (x[:, None] - x[None, :]) ** 2).sum())),
    Mutant("geometric.laplacian_eigendecomposition", "L = D + I - A", impl=f"{M}:SelfLoopLaplacian"),
    Mutant("geometric.normalized_laplacian_identity", "self-loop degrees", impl=f"{M}:SelfLoopNormalizedLaplacian"),
    Mutant("geometric.normalized_laplacian_identity", "(D - A)D^{-1}",
           form=Formula("", lambda S, D, A: (D - A) @ S @ S)),
    Mutant("geometric.graph_laplacian", "self-loop degrees", impl=f"{M}:SelfLoopNormalizedLaplacian"),
    Mutant("geometric.polynomial_filter_identity", "Uᵀ(Σ α_k Λ^k)U",
           form=Formula("", lambda U, lam, alpha: U.T @ np.diag(np.polynomial.polynomial.polyval(lam, alpha)) @ U)),
    Mutant("geometric.chebnet_k_localized", "T_{k+1} for T_k", impl=f"{M}:ExtraChebyshevTerm"),
    Mutant("geometric.chebnet_filter", "T_{k+1} for T_k", impl=f"{M}:ExtraChebyshevTerm"),
    Mutant("geometric.shift_invariant_filters_polynomial", "the converse for every graph",
           form=Formula("", lambda A, commutant: True)),
    Mutant("geometric.wl_incomplete", "WL comparing labelled adjacency matrices", impl=f"{M}:LabelledWl"),
    Mutant("geometric.permutation_matrix_def", "2^M permutation matrices", form=Formula("2^M", lambda m: 2**m)),
    Mutant("geometric.permutation_left_rows", "XP", form=Formula("XP", lambda P, X: X @ P)),
    Mutant("geometric.permutation_right_columns", "XᵀP", form=Formula("X^TP", lambda P, X: X.T @ P)),
    Mutant("geometric.deep_sets_decomposition", "φ(x) = x", form=Formula("x", lambda x, m: x)),
]
