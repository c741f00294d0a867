"""Scaled dot-product attention, multi-head self-attention and sinusoidal positional encodings
(documents 000-004), as float64 NumPy functions.

Conventions are PyTorch's (rows are tokens): queries ``q`` of shape (T_q, d_k), keys ``k`` of shape
(T_k, d_k), values ``v`` of shape (T_k, d_v); a sequence ``x`` of shape (T, d_model). A projection
matrix acts on the right (``x @ w_q``); head ``j`` of ``heads`` uses the columns
``j·d_h, ..., (j+1)·d_h - 1`` of each projection, d_h = d_model / heads.

Any implementation with the :class:`AttentionImpl` protocol can be checked::

    theorems check attention --impl mypackage.module:MyAttention
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class AttentionImpl(Protocol):
    """What an attention library under test provides (float64 in, float64 out)."""

    def attention(self, q: np.ndarray, k: np.ndarray, v: np.ndarray) -> np.ndarray:
        """softmax(q kᵀ/√d_k) v, the softmax over the keys (each row of the weights sums to 1): (T_q, d_v)."""
        ...

    def attention_weights(self, q: np.ndarray, k: np.ndarray) -> np.ndarray:
        """The attention matrix softmax(q kᵀ/√d_k): (T_q, T_k), row s the weights of query s."""
        ...

    def self_attention(self, x: np.ndarray, w_q: np.ndarray, w_k: np.ndarray, w_v: np.ndarray,
                       w_o: np.ndarray, heads: int) -> np.ndarray:
        """Multi-head self-attention of ``x`` (T, d) without biases or mask: the heads' outputs
        concatenated, then multiplied by ``w_o``. Every ``w_*`` is (d, d)."""
        ...

    def parameter_count(self, d_model: int, heads: int) -> int:
        """Trainable parameters of one multi-head attention layer of width ``d_model`` with biases."""
        ...

    def positional_encoding(self, positions: np.ndarray, d: int) -> np.ndarray:
        """Sinusoidal encodings of integer ``positions`` (length T): (T, d), d even."""
        ...


def softmax_rows(scores: np.ndarray) -> np.ndarray:
    """Row-wise softmax, shifted by each row's maximum so that no exponential overflows."""
    e = np.exp(scores - np.max(scores, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def frequencies(d: int) -> np.ndarray:
    """ω_i = 10000^(-2i/d) for the pair of dimensions (2i, 2i + 1), i = 0, ..., d/2 - 1 (Vaswani et al. 2017)."""
    return 10000.0 ** (-np.arange(0, d, 2) / d)


class Attention:
    """The reference: the formulas of Vaswani et al. (2017), §3.2 and §3.5, in float64."""

    def attention_weights(self, q: np.ndarray, k: np.ndarray) -> np.ndarray:
        q, k = np.asarray(q, dtype=float), np.asarray(k, dtype=float)
        return softmax_rows(q @ k.T / np.sqrt(q.shape[-1]))

    def attention(self, q: np.ndarray, k: np.ndarray, v: np.ndarray) -> np.ndarray:
        return self.attention_weights(q, k) @ np.asarray(v, dtype=float)

    def self_attention(self, x: np.ndarray, w_q: np.ndarray, w_k: np.ndarray, w_v: np.ndarray,
                       w_o: np.ndarray, heads: int) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        q, k, v = x @ w_q, x @ w_k, x @ w_v
        head = q.shape[1] // heads
        parts = [self.attention(q[:, j * head:(j + 1) * head], k[:, j * head:(j + 1) * head],
                                v[:, j * head:(j + 1) * head]) for j in range(heads)]
        return np.concatenate(parts, axis=1) @ w_o

    def parameter_count(self, d_model: int, heads: int) -> int:
        return 4 * d_model * d_model + 4 * d_model  # W_Q, W_K, W_V, W_O and their biases; independent of heads

    def positional_encoding(self, positions: np.ndarray, d: int) -> np.ndarray:
        angles = np.outer(np.asarray(positions, dtype=float), frequencies(d))
        encoding = np.empty((angles.shape[0], d))
        encoding[:, 0::2], encoding[:, 1::2] = np.sin(angles), np.cos(angles)
        return encoding
