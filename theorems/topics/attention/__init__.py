"""Attention: the mixing-matrix form, softmax attention weights, the 1/√d_k scaling, rank bounds,
multi-head self-attention, sinusoidal positional encodings and parameter counts (documents 000-004).

The implementation under test (``impls.attention``, or PyTorch's ``scaled_dot_product_attention``
and ``MultiheadAttention`` through ``--impl``) is checked against the formulas of Vaswani et al.
(2017) on float64 inputs; the variance claim behind the 1/√d_k scaling is an exact χ² test of the
implementation's scores.

The boundary checks only the shape of what a method returns and that it is finite.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.attention import AttentionImpl
from theorems.engine import Boundary, Topic, as_array, as_int


def attended(result: Any, q: np.ndarray, k: np.ndarray, v: np.ndarray) -> np.ndarray:
    """The attention output: one row per query, one column per value dimension."""
    return as_array(result, what="the attention output", shape=(np.shape(q)[0], np.shape(v)[1]))


def weights(result: Any, q: np.ndarray, k: np.ndarray) -> np.ndarray:
    """The attention matrix: one row per query, one column per key."""
    return as_array(result, what="the attention matrix", shape=(np.shape(q)[0], np.shape(k)[0]))


def sequence(result: Any, x: np.ndarray, *_: Any) -> np.ndarray:
    """Self-attention maps a sequence to a sequence of the same shape."""
    return as_array(result, what="the self-attention output", shape=np.shape(x))


def count(result: Any, *_: Any) -> int:
    return as_int(result, what="the parameter count")


def encoding(result: Any, positions: np.ndarray, d: int) -> np.ndarray:
    """One encoding of width ``d`` per position."""
    return as_array(result, what="the positional encoding", shape=(len(positions), d))


TOPIC = Topic(
    "attention",
    "Attention and transformers",
    summary="Attention as a mixing matrix Ξ = WXAᵀ with row-stochastic softmax weights (a convex combination of "
            "the values), rank bounds of QᵀK and of the output, the 1/√d_k scaling and its unit-variance "
            "motivation, multi-head self-attention and its permutation equivariance, sinusoidal positional "
            "encodings, parameter counts (BERT-Large) and ViT patch shapes; checked in float64 against NumPy and "
            "PyTorch.",
    sections=("mixing", "scaling", "layers", "positions", "definitions"),
    boundary=Boundary(
        AttentionImpl,
        reference="impls.attention:Attention",
        outputs={"attention": attended, "attention_weights": weights, "self_attention": sequence,
                 "parameter_count": count, "positional_encoding": encoding},
    ),
    libraries=("torch",),
)

VASWANI = "Vaswani et al. (2017), Attention is all you need, §3.2-3.5"
