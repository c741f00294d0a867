"""Attention as a mixing matrix: Ξ = WXAᵀ, row-stochastic softmax weights, convex combinations of the
values, Attention(Q, K, V) = softmax(QKᵀ/√d_k)V, and the rank of QᵀK and of the output.

Documents 000 and 004 write tokens as the columns of X ∈ ℝ^{n×T}; the implementations (PyTorch's
convention) take them as rows, so the output rows ξ_s of an implementation are the columns of Ξ.
"""

from __future__ import annotations

from typing import Any

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
    at_least,
    at_most,
    close,
    for_all,
    that,
    within_tolerance,
)

from . import TOPIC, VASWANI
from .strategies import gaussian_shapes, matrices, queries_keys_values, seeds

QKV = tuple[np.ndarray, np.ndarray, np.ndarray]


def describe_qkv(case: QKV) -> dict[str, Any]:
    return {name: m.tolist() for name, m in zip("qkv", case, strict=True)}


def score_tolerance(q: np.ndarray, k: np.ndarray, *values: Any) -> float:
    """The rounding allowance of a softmax of the scores q kᵀ/√d_k: exp(s) is relatively accurate to
    about ε|s|, so the allowance grows with the largest score."""
    return within_tolerance(np.abs(q) @ np.abs(k).T, *values, 1.0)


@st.composite
def mixing_cases(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """W (m×n), X (n×T) and queries and keys (T×d_k) from which the attention matrix A is computed."""
    m, n, t, d_k = (draw(st.integers(1, 4)) for _ in range(4))
    return draw(matrices(m, n, 3.0)), draw(matrices(n, t, 3.0)), draw(matrices(t, d_k)), draw(matrices(t, d_k))


MIXING = Formula(r"\Xi = W X A^\top", lambda w, x, a: w @ x @ a.T)


@TOPIC.claim(
    "attention.mixing_matrix_form",
    method="property",
    canonical=MIXING,
    faithful=("000",),
    printed={"004": Printed(Formula(r"\Xi = W A^\top", lambda w, x, a: w @ a.T),
                            reading="Ξ = WAᵀ as printed: X is missing between W (m×n) and Aᵀ (T×T), so the "
                                    "product is undefined unless n = T, and wrong where it is defined.")},
    references=(VASWANI,),
)
def mixing_matrix_form(ctx: Context, stated: Formula) -> Outcome:
    """Attention output as a matrix product.

    With tokens X = [x₁, ..., x_T] ∈ ℝ^{n×T}, value map W ∈ ℝ^{m×n} and attention matrix A = (a_st),
    the outputs ξ_s = Σ_t a_st W x_t form Ξ = [ξ₁, ..., ξ_T] = W X Aᵀ. Checked against the sum as
    defined and against the implementation's attention of the values W x_t (its rows are the ξ_s).
    """
    impl = ctx.impl()

    def agree(case: tuple[np.ndarray, ...]) -> list[Comparison]:
        w, x, q, k = case
        a = impl.attention_weights(q, k)
        by_sum = np.stack([sum(a[s, t] * (w @ x[:, t]) for t in range(x.shape[1])) for s in range(x.shape[1])], 1)
        by_impl = impl.attention(q, k, (w @ x).T).T
        try:
            product = np.asarray(stated(w, x, a), dtype=float)
        except ValueError as exc:
            return [that(False, label=stated.latex, message=f"undefined for W {w.shape}, A {a.shape}: {exc}")]
        tolerance = within_tolerance(np.abs(w) @ np.abs(x), operations=64 * x.shape[1])
        return [close(product, by_sum, label=f"Σ_t a_st W x_t = {stated.latex}", rtol=0.0, atol=tolerance),
                close(product, by_impl, label=f"attention(W x_t) = {stated.latex}", rtol=1e-9,
                      atol=tolerance + score_tolerance(q, k, w @ x))]

    return for_all(ctx, mixing_cases(), agree,
                   describe=lambda c: {name: m.tolist() for name, m in zip(("W", "X", "Q", "K"), c, strict=True)})


def scaled_weights(q: np.ndarray, k: np.ndarray) -> np.ndarray:
    """softmax(QKᵀ/√d_k), row by row."""
    return softmax_rows(q @ k.T / np.sqrt(q.shape[1]))


SOFTMAX_WEIGHTS = Formula(
    r"a_{st} = \frac{e^{\beta[QK^\top]_{st}}}{\sum_r e^{\beta[QK^\top]_{sr}}},\ \beta = 1/\sqrt{d_k}", scaled_weights)


@TOPIC.claim(
    "attention.softmax_attention_weights",
    method="property",
    canonical=SOFTMAX_WEIGHTS,
    printed={
        "000": Printed(SOFTMAX_WEIGHTS, reading="the extraction moved the denominator's e^{β[QᵀK]_sr} out of the "
                                                "fraction (\\frac{…}{\\sum_r} e^{…}); read as the row-wise softmax "
                                                "of βQᵀK with β = 1/√q from the next line"),
        "001": Printed(SOFTMAX_WEIGHTS, reading="the column vector (exp φ(ξ,x¹), …, exp φ(ξ,xˢ))ᵀ/Σ_j exp φ(ξ,xʲ) "
                                                "with its middle entries lost: one row of the attention matrix, φ "
                                                "the scaled dot product of line 802"),
    },
    references=(VASWANI,),
)
def softmax_attention_weights(ctx: Context, stated: Formula) -> Outcome:
    """Softmax attention weights are probability vectors.

    A = softmax(βQKᵀ) row by row: a_st = e^{β q_s·k_t}/Σ_r e^{β q_s·k_r} with β = 1/√d_k, so every
    a_st > 0 and every row sums to 1 (the weights of one query over the keys). The implementation's
    attention matrix is compared with the formula and its rows with the simplex.
    """
    impl = ctx.impl()

    def agree(case: QKV) -> list[Comparison]:
        q, k, _ = case
        a, tolerance = impl.attention_weights(q, k), score_tolerance(q, k)
        return [close(a, stated(q, k), label=stated.latex, rtol=1e-9, atol=tolerance),
                at_least(float(a.min()), 0.0, label="a_st ≥ 0", atol=tolerance),
                close(a.sum(axis=1), np.ones(len(q)), label="Σ_t a_st = 1", rtol=0.0,
                      atol=tolerance * k.shape[0])]

    return for_all(ctx, queries_keys_values(), agree, describe=describe_qkv)


@TOPIC.claim("attention.convex_combination", method="property", faithful=("001",), references=(VASWANI,))
def convex_combination(ctx: Context) -> Outcome:
    """Softmax attention outputs convex combinations of the values.

    Attention(Q, K, V)_s = Σ_t a_st v_t with a_st ≥ 0 and Σ_t a_st = 1, so every output lies in the
    convex hull of the values: each coordinate between the smallest and the largest value in it.
    Checked on the implementation's outputs and attention matrices.
    """
    impl = ctx.impl()

    def convex(case: QKV) -> list[Comparison]:
        q, k, v = case
        out, a = impl.attention(q, k, v), impl.attention_weights(q, k)
        tolerance = score_tolerance(q, k, v) * k.shape[0]
        low, high = v.min(axis=0), v.max(axis=0)
        return [close(out, a @ v, label="output = A V", rtol=1e-9, atol=tolerance),
                close(a.sum(axis=1), np.ones(len(q)), label="Σ_t a_st = 1", rtol=0.0, atol=tolerance),
                at_least(float(a.min()), 0.0, label="a_st ≥ 0", atol=tolerance),
                at_least(float((out - low).min()), 0.0, label="output ≥ min_t v_t", atol=tolerance),
                at_most(float((out - high).max()), 0.0, label="output ≤ max_t v_t", atol=tolerance)]

    return for_all(ctx, queries_keys_values(), convex, describe=describe_qkv)


SCALED = Formula(r"\mathrm{softmax}(QK^\top/\sqrt{d_k})V", lambda q, k, v: scaled_weights(q, k) @ v)


@TOPIC.claim(
    "attention.scaled_dot_product",
    method="property",
    canonical=SCALED,
    faithful=("003",),
    printed={"001": Printed(Formula(r"\mathrm{softmax}(XW_qW_k^\top X^\top)XW_v",
                                    lambda q, k, v: softmax_rows(q @ k.T) @ v),
                            reading="Q = XW_q, K = XW_k, V = XW_v of one head; the line drops the 1/√m of the "
                                    "similarity function two lines above (and with W ∈ ℝ^{d×hd} its Y would be "
                                    "L×hd, not L×d, without an output projection). Checked as printed, without "
                                    "the scaling.")},
    references=(VASWANI,),
)
def scaled_dot_product(ctx: Context, stated: Formula) -> Outcome:
    """Scaled dot-product attention.

    Attention(Q, K, V) = softmax(QKᵀ/√d_k) V, the softmax taken over the keys (row-wise), for
    Q ∈ ℝ^{T_q×d_k}, K ∈ ℝ^{T_k×d_k}, V ∈ ℝ^{T_k×d_v} (Vaswani et al. 2017, eq. 1).
    """
    impl = ctx.impl()

    def agree(case: QKV) -> Comparison:
        q, k, v = case
        return close(impl.attention(q, k, v), stated(q, k, v), label=stated.latex, rtol=1e-9,
                     atol=score_tolerance(q, k, v) * k.shape[0])

    return for_all(ctx, queries_keys_values(), agree, describe=describe_qkv)


def singular_value(matrix: np.ndarray, rank: int) -> Comparison:
    """σ_{rank+1}(matrix) = 0 up to the rounding of a matrix of its size and norm: rank(matrix) ≤ ``rank``."""
    sigma = np.linalg.svd(matrix, compute_uv=False)
    tail = float(sigma[rank]) if rank < len(sigma) else 0.0
    return at_most(tail, 0.0, label=f"σ_{{{rank + 1}}} = 0 (rank ≤ {rank})",
                   atol=within_tolerance(sigma, operations=64 * max(matrix.shape)))


@TOPIC.claim(
    "attention.qk_rank_bound",
    method="property",
    canonical=Formula("q", lambda q, n, t: q),
    faithful=("000", "004"),
    references=(VASWANI,),
)
def qk_rank_bound(ctx: Context, stated: Formula) -> Outcome:
    """The matching matrix has rank at most q; the attention output at most the rank of the values.

    With U_Q, U_K ∈ ℝ^{q×n} and X ∈ ℝ^{n×T}, QᵀK = XᵀU_QᵀU_K X ∈ ℝ^{T×T} has rank ≤ q (it factors
    through ℝ^q), whatever T; the bound is attained by Gaussian matrices when q ≤ min(n, T). And
    Attention(Q, K, V) = AV has rank ≤ rank V ≤ min(T, d_v): checked on the implementation with
    values V = BC of rank r.
    """
    impl = ctx.impl()

    def matching(case: tuple[dict[str, int], int]) -> Comparison:
        dims, seed = case
        rng = np.random.default_rng(seed)
        u_q, u_k = rng.standard_normal((2, dims["q"], dims["n"]))
        x = rng.standard_normal((dims["n"], dims["T"]))
        return singular_value((u_q @ x).T @ (u_k @ x), int(stated(dims["q"], dims["n"], dims["T"])))

    def output(case: tuple[dict[str, int], int]) -> Comparison:
        dims, seed = case
        rng = np.random.default_rng(seed)
        q, k = rng.standard_normal((dims["T"], dims["d"])), rng.standard_normal((dims["T"], dims["d"]))
        v = rng.standard_normal((dims["T"], dims["r"])) @ rng.standard_normal((dims["r"], dims["v"]))
        return singular_value(impl.attention(q, k, v), dims["r"])

    return all_of({
        "rank QᵀK": lambda: for_all(ctx, st.tuples(gaussian_shapes("qnT"), seeds()), matching),
        "rank AV ≤ rank V": lambda: for_all(ctx, st.tuples(gaussian_shapes("Tdrv"), seeds()), output),
    })
