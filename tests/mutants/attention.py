"""Wrong attention implementations and wrong attention formulas that the attention claims must reject."""

from __future__ import annotations

import numpy as np

from impls.attention import Attention, softmax_rows
from tests.mutants import Mutant
from theorems.engine import Formula
from theorems.topics.attention.positions import per_dimension


class InverseDimensionScale(Attention):
    """Scores scaled by 1/d_k instead of 1/√d_k."""

    def attention_weights(self, q: np.ndarray, k: np.ndarray) -> np.ndarray:
        q = np.asarray(q, dtype=float)
        return softmax_rows(q @ np.asarray(k, dtype=float).T / q.shape[-1])


class SoftmaxOverQueries(Attention):
    """The softmax taken over the queries (columns of the score matrix sum to 1), not over the keys."""

    def attention_weights(self, q: np.ndarray, k: np.ndarray) -> np.ndarray:
        q, k = np.asarray(q, dtype=float), np.asarray(k, dtype=float)
        return softmax_rows((q @ k.T / np.sqrt(q.shape[-1])).T).T


class MissingValueProjection(Attention):
    """Self-attention that mixes the tokens themselves: V = X, W_V never applied."""

    def self_attention(self, x: np.ndarray, w_q: np.ndarray, w_k: np.ndarray, w_v: np.ndarray,
                       w_o: np.ndarray, heads: int) -> np.ndarray:
        return super().self_attention(x, w_q, w_k, np.eye(len(w_v)), w_o, heads)


class PerHeadFullProjections(Attention):
    """Each head counted with its own d×d projections: 4hd² + 4d."""

    def parameter_count(self, d_model: int, heads: int) -> int:
        return 4 * heads * d_model * d_model + 4 * d_model


class SwappedSinCos(Attention):
    """Cosine on the even dimensions and sine on the odd ones."""

    def positional_encoding(self, positions: np.ndarray, d: int) -> np.ndarray:
        encoding = super().positional_encoding(positions, d)
        return encoding.reshape(len(encoding), -1, 2)[:, :, ::-1].reshape(len(encoding), d)


HERE = "tests.mutants.attention"
CID = "attention."

MUTANTS = [
    Mutant(CID + "mixing_matrix_form", "Ξ = WXA: A not transposed", form=Formula("WXA", lambda w, x, a: w @ x @ a)),
    Mutant(CID + "softmax_attention_weights", "softmax over the queries", impl=f"{HERE}:SoftmaxOverQueries"),
    Mutant(CID + "softmax_attention_weights", "scores scaled by 1/d_k", impl=f"{HERE}:InverseDimensionScale"),
    Mutant(CID + "convex_combination", "softmax over the queries: rows do not sum to 1",
           impl=f"{HERE}:SoftmaxOverQueries"),
    Mutant(CID + "scaled_dot_product", "scores scaled by 1/d_k", impl=f"{HERE}:InverseDimensionScale"),
    Mutant(CID + "scaled_dot_product", "softmax over the queries", impl=f"{HERE}:SoftmaxOverQueries"),
    Mutant(CID + "qk_rank_bound", "rank(QᵀK) ≤ q - 1", form=Formula("q-1", lambda q, n, t: q - 1)),
    Mutant(CID + "scaling_factor", "β = 1/d_k stated", form=Formula("1/d_k", lambda d: 1 / d)),
    Mutant(CID + "scaling_factor", "scores scaled by 1/d_k", impl=f"{HERE}:InverseDimensionScale"),
    Mutant(CID + "unit_variance_scaling", "scores scaled by 1/d_k: variance 1/d_k",
           impl=f"{HERE}:InverseDimensionScale"),
    Mutant(CID + "query_key_projection", "W_V never applied", impl=f"{HERE}:MissingValueProjection"),
    Mutant(CID + "bert_large_config", "110M stated (BERT-Base)", form=110_000_000),
    Mutant(CID + "bert_large_config", "every head with full d×d projections", impl=f"{HERE}:PerHeadFullProjections"),
    Mutant(CID + "vit_patch_embedding_shape", "pq entries", form=Formula("pq", lambda p, q: p * q)),
    Mutant(CID + "sinusoidal_positional_encoding", "sin and cos swapped between even and odd dimensions",
           impl=f"{HERE}:SwappedSinCos"),
    Mutant(CID + "sinusoidal_positional_encoding", "a frequency per dimension, ω_k = 10000^(-k/d)",
           form=per_dimension(1e-4)),
]
