"""Layers: multi-head self-attention with its projections and its permutation equivariance, the
parameter count of multi-head attention and of BERT-Large, and the shape of a ViT patch embedding."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import strategies as st

from impls.attention import softmax_rows
from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    close,
    equal,
    exact_count,
    for_all,
    for_each,
    within_tolerance,
)

from . import TOPIC, VASWANI
from .strategies import multi_head

Case = tuple[np.ndarray, list[np.ndarray], int]


def multi_head_formula(x: np.ndarray, w_q: np.ndarray, w_k: np.ndarray, w_v: np.ndarray, w_o: np.ndarray,
                       heads: int) -> np.ndarray:
    """Concat_j softmax(Q_j K_jᵀ/√d_h) V_j · W_O with Q = XW_Q, K = XW_K, V = XW_V split into heads."""
    d_h = w_q.shape[1] // heads
    parts = []
    for cols in (slice(j * d_h, (j + 1) * d_h) for j in range(heads)):
        q, k, v = x @ w_q[:, cols], x @ w_k[:, cols], x @ w_v[:, cols]
        parts.append(softmax_rows(q @ k.T / np.sqrt(d_h)) @ v)
    return np.concatenate(parts, axis=1) @ w_o


PROJECTED = Formula(r"\mathrm{Concat}_j\,\mathrm{softmax}\big(XW_Q^j(XW_K^j)^\top/\sqrt{d_k}\big)XW_V^j\;W_O",
                    multi_head_formula)


def describe_case(case: Case) -> dict[str, object]:
    x, (w_q, w_k, w_v, w_o), heads = case
    return {"X": x.tolist(), "W_Q": w_q.tolist(), "W_K": w_k.tolist(), "W_V": w_v.tolist(), "W_O": w_o.tolist(),
            "heads": heads}


@TOPIC.claim(
    "attention.query_key_projection",
    method="property",
    canonical=PROJECTED,
    faithful=("003",),
    printed={"004": Printed(PROJECTED, reading="column convention: U_Q = W_Qᵀ ∈ ℝ^{q×n} acts on the tokens as "
                                               "columns of X ∈ ℝ^{n×T}, so Q = U_Q X is the transpose of XW_Q: the "
                                               "same projection")},
    references=(VASWANI,),
)
def query_key_projection(ctx: Context, stated: Formula) -> Outcome:
    """Self-attention projects one sequence into queries, keys and values, and is permutation equivariant.

    For X ∈ ℝ^{T×d_model}: Q = XW_Q, K = XW_K ∈ ℝ^{T×d_k}, V = XW_V ∈ ℝ^{T×d_v}, and multi-head
    self-attention is Concat_j softmax(Q_jK_jᵀ/√d_k)V_j · W_O with head j using its own d_k = d_model/h
    columns of each projection. Without positional encodings it is permutation equivariant:
    SA(PX) = P·SA(X) for every permutation matrix P. Both checked on the implementation.
    """
    impl = ctx.impl()

    def tolerance(x: np.ndarray, weights: list[np.ndarray]) -> float:
        projected = [np.abs(x) @ np.abs(w) for w in weights[:3]]
        score = projected[0] @ projected[1].T
        return within_tolerance(score, projected[2] @ np.abs(weights[3]), operations=64 * x.size)

    def agree(case: Case) -> Comparison:
        x, weights, heads = case
        return close(impl.self_attention(x, *weights, heads), stated(x, *weights, heads), label=stated.latex,
                     rtol=1e-9, atol=tolerance(x, weights))

    def equivariant(case: tuple[Case, list[int]]) -> Comparison:
        (x, weights, heads), order = case
        permuted = impl.self_attention(x[order], *weights, heads)
        return close(permuted, impl.self_attention(x, *weights, heads)[order], label="SA(PX) = P SA(X)",
                     rtol=1e-9, atol=tolerance(x, weights))

    examples = ctx.profile.max_examples // 2  # two parts share one claim's budget
    permutations = multi_head().flatmap(lambda c: st.tuples(st.just(c), st.permutations(range(len(c[0])))))
    return all_of({
        "projections": lambda: for_all(ctx, multi_head(), agree, describe=describe_case, max_examples=examples),
        "permutation equivariance": lambda: for_all(ctx, permutations, equivariant,
                                                    describe=lambda c: {**describe_case(c[0]), "order": c[1]},
                                                    max_examples=examples),
    })


BERT_LARGE = {"layers": 24, "heads": 16, "width": 1024, "feed-forward": 4096, "vocabulary": 30522,
              "positions": 512, "segments": 2}
"""Devlin et al. (2019), §3 and the released configuration of BERT-Large (uncased)."""


def bert_parameters(impl: object, c: dict[str, int]) -> dict[str, int]:
    """Parameters of BERT by part; the attention layers' count is the implementation's."""
    h = c["width"]
    layer = (impl.parameter_count(h, c["heads"])  # type: ignore[attr-defined]
             + 2 * h * c["feed-forward"] + c["feed-forward"] + h  # two linear maps with biases
             + 2 * 2 * h)  # two LayerNorms (scale and shift)
    return {"embeddings": (c["vocabulary"] + c["positions"] + c["segments"]) * h + 2 * h,
            "encoder": c["layers"] * layer, "pooler": h * h + h}


@TOPIC.claim(
    "attention.bert_large_config",
    method="exhaustive",
    canonical=340_000_000,
    faithful=("002", "004"),
    references=("Devlin et al. (2019), BERT, §3", VASWANI),
)
def bert_large_config(ctx: Context, printed: int) -> Outcome:
    """BERT-Large has about 340M parameters.

    24 blocks of 16-head attention of width 1024 (feed-forward 4096, vocabulary 30522, 512 positions, 2
    segments) count 335,141,888 parameters, which is 340M to the two significant digits printed. The
    count of one multi-head attention layer, 4d² + 4d (W_Q, W_K, W_V, W_O and biases; independent of
    the number of heads h), is checked on the implementation for every d ≤ 32 and h dividing d.
    """
    impl = ctx.impl()
    layers = [(d, h) for d in range(1, 33) for h in range(1, d + 1) if d % h == 0]
    parts = bert_parameters(impl, BERT_LARGE)
    total = sum(parts.values())
    ctx.table("BERT-Large parameters by part", ["part", "parameters"], [*parts.items(), ("total", total)])
    rounded = int(float(f"{total:.2g}"))
    return all_of({
        "multi-head layer": exact_count(ctx, layers, lambda c: impl.parameter_count(*c),
                                        lambda c: 4 * c[0] ** 2 + 4 * c[0], label="parameters = 4d² + 4d",
                                        domain_name="d ≤ 32, h | d", complete=False,
                                        describe=lambda c: {"d": c[0], "h": c[1]}),
        "BERT-Large": lambda: for_each(ctx, [total], lambda n: equal(rounded, printed,
                                                                     label=f"{n:,} to 2 significant digits"),
                                       domain_name="BERT-Large", complete=True),
    })


PATCH = Formula("qp^2", lambda p, q: q * p * p)


@TOPIC.claim(
    "attention.vit_patch_embedding_shape",
    method="exhaustive",
    canonical=PATCH,
    faithful=("000",),
    printed={"002": Printed(Formula("pq^2", lambda p, q: p * q * q), reading="pq² as printed: the square on the "
                                                                             "channel count q instead of the side p"),
             "004": Printed(Formula("qp", lambda p, q: q * p), reading="qp as printed: the square of p lost")},
    references=("Dosovitskiy et al. (2021), An image is worth 16x16 words, §3.1",),
    uses_impl=False,
)
def vit_patch_embedding_shape(ctx: Context, stated: Formula) -> Outcome:
    """A flattened p×p×q patch has qp² entries.

    vec: ℝ^{p×p×q} → ℝ^{qp²}, so the patch embedding V ∈ ℝ^{n×(qp²)}: counted by flattening arrays of
    every side p ≤ 16 and q ≤ 4 channels (ViT uses p = 16, q = 3).
    """
    return exact_count(ctx, itertools.product(range(1, 17), range(1, 5)),
                       lambda c: np.zeros((c[0], c[0], c[1])).reshape(-1).size, lambda c: int(stated(*c)),
                       label=f"entries of vec(patch) = {stated.latex}", domain_name="p ≤ 16, q ≤ 4",
                       complete=False, describe=lambda c: {"p": c[0], "q": c[1]})
