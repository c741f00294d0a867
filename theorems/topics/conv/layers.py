"""Convolution layers as deep-learning libraries compute them (cross-correlations with stride s, zero
padding p and dilation d): output sizes, receptive fields, the gradients of shared weights, pooling.

Every size is measured, not computed: the length of what the implementation's ``conv1d`` returns,
and the receptive field as the support of a row of the Jacobian of the (stacked) layers, read off
by applying them to every basis input at once.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from fractions import Fraction
from math import floor, prod
from typing import Any

import numpy as np
from hypothesis import strategies as st

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
)

from . import ARAUJO, DUMOULIN, GOODFELLOW, TOPIC
from .signals import layer_matrix
from .strategies import ENTRY, Layer, describe_layer, layers


def output_length(impl: Any, n: int, k: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> int:
    """The length of the implementation's output on an input of length n with a kernel of length k."""
    out = impl.conv1d(np.zeros((1, 1, n)), np.ones((1, 1, k)), stride=stride, padding=padding, dilation=dilation)
    return int(np.shape(out)[-1])


GRID = [c for c in itertools.product(range(1, 9), range(1, 5), range(1, 4), range(3), range(1, 4))
        if c[0] + 2 * c[3] >= c[4] * (c[1] - 1) + 1]
"""(n, k, s, p, d): n ≤ 8, k ≤ 4, s ≤ 3, p ≤ 2, d ≤ 3, wherever the dilated kernel fits the padded input."""

OUTPUT_SIZE = Formula(r"\lfloor (n+2p-d(k-1)-1)/s\rfloor+1",
                      lambda n, k, s, p, d: (n + 2 * p - d * (k - 1) - 1) // s + 1)
UNDILATED = Formula(r"\lfloor (i+2p-k)/s\rfloor+1", lambda n, k, s, p, d: (n + 2 * p - k) // s + 1)
NO_DILATION = "The document has no dilation (its formula is the d = 1 case): checked on the grid's d = 1 part."


def describe_grid(c: tuple[int, ...]) -> dict[str, int]:
    return dict(zip(("n", "k", "s", "p", "d"), c, strict=True))


@TOPIC.claim(
    "conv.output_size_formula",
    method="exhaustive",
    canonical=(OUTPUT_SIZE, (1, 2, 3)),
    printed={
        "001": Printed((UNDILATED, (1,)), reading=NO_DILATION),
        "003": Printed((UNDILATED, (1,)), reading=NO_DILATION),
        "002": Printed((Formula(r"\lfloor (I+2P-d(K-1)-1)/S+1\rfloor",
                                lambda n, k, s, p, d: floor(Fraction(n + 2 * p - d * (k - 1) - 1, s) + 1)), (1, 2, 3)),
                       reading="The +1 inside the floor, as printed (equal to the canonical form: ⌊x + 1⌋ = ⌊x⌋ + 1)."),
    },
    references=(DUMOULIN,),
)
def output_size_formula(ctx: Context, stated: tuple[Formula, Sequence[int]]) -> Outcome:
    """The output size of a convolution layer.

    o = ⌊(n + 2p - d(k - 1) - 1)/s⌋ + 1 for input length n, kernel k, stride s, padding p, dilation d:
    equal to the length of the implementation's output at every (n, k, s, p, d) with n ≤ 8, k ≤ 4,
    s ≤ 3, p ≤ 2, d ≤ 3 where the dilated kernel fits the padded input.
    """
    impl = ctx.impl()
    formula, dilations = stated
    return exact_count(ctx, [c for c in GRID if c[4] in dilations], lambda c: output_length(impl, *c),
                       lambda c: formula(*c), label="output length", complete=False, describe=describe_grid,
                       domain_name=f"n ≤ 8, k ≤ 4, s ≤ 3, p ≤ 2, d ∈ {set(dilations)}, n + 2p ≥ d(k - 1) + 1")


SAME = [(i, k) for i in range(1, 11) for k in (1, 3, 5, 7, 9)]


@TOPIC.claim(
    "conv.same_padding_pad",
    method="exhaustive",
    canonical=Formula(r"p = \lfloor k/2\rfloor", lambda k: k // 2),
    faithful=("001",),
    references=(DUMOULIN,),
)
def same_padding_pad(ctx: Context, pad: Formula) -> Outcome:
    """Half ("same") padding.

    For odd k = 2n + 1 and stride 1, padding p = ⌊k/2⌋ = n keeps the size: the implementation's output
    has the input's length for every input length i ≤ 10 and odd k ≤ 9.
    """
    impl = ctx.impl()
    return exact_count(ctx, SAME, lambda c: output_length(impl, c[0], c[1], padding=pad(c[1])), lambda c: c[0],
                       label="output length with p = ⌊k/2⌋", complete=False, domain_name="i ≤ 10, odd k ≤ 9",
                       describe=lambda c: {"i": c[0], "k": c[1], "p": pad(c[1])})


@TOPIC.claim(
    "conv.same_padding_output_size",
    method="exhaustive",
    canonical=Formula(r"i + 2\lfloor k/2\rfloor - (k-1)", lambda i, k, s: i + 2 * (k // 2) - (k - 1)),
    printed={"001": Printed(Formula(r"i + 2\lfloor k/s\rfloor - (k-1)", lambda i, k, s: i + 2 * (k // s) - (k - 1)),
                            reading="Read as printed, with s = 1 as the line assumes: ⌊k/s⌋ = k, so the middle "
                                    "expression is i + k + 1, not i (⌊k/2⌋ was meant).")},
    depends=("conv.same_padding_pad",),
    references=(DUMOULIN,),
)
def same_padding_output_size(ctx: Context, size: Formula) -> Outcome:
    """The output size under same padding.

    For odd k, s = 1 and p = ⌊k/2⌋: o = i + 2⌊k/2⌋ - (k - 1) = i, equal to the implementation's output
    length for every i ≤ 10 and odd k ≤ 9.
    """
    impl = ctx.impl()
    return exact_count(ctx, SAME, lambda c: output_length(impl, c[0], c[1], padding=c[1] // 2),
                       lambda c: size(c[0], c[1], 1), label="output length", complete=False,
                       domain_name="i ≤ 10, odd k ≤ 9, s = 1", describe=lambda c: {"i": c[0], "k": c[1], "s": 1})


@TOPIC.claim(
    "conv.full_padding_output_size",
    method="exhaustive",
    canonical=Formula(r"o = i + k - 1", lambda i, k: i + k - 1),
    printed={"001": Printed(Formula(r"o = i + k - 1", lambda i, k: i + k - 1),
                            reading="The cited line gives the setting (s = 1, p = k - 1); the size o = i + k - 1 is "
                                    "on line 542, read together with it.")},
    references=(DUMOULIN,),
)
def full_padding_output_size(ctx: Context, size: Formula) -> Outcome:
    """The output size under full padding.

    For s = 1 and p = k - 1 (every overlap of kernel and input): o = i + k - 1, equal to the
    implementation's output length for i ≤ 10, k ≤ 6.
    """
    impl = ctx.impl()
    cases = list(itertools.product(range(1, 11), range(1, 7)))
    return exact_count(ctx, cases, lambda c: output_length(impl, c[0], c[1], padding=c[1] - 1),
                       lambda c: size(*c), label="output length", complete=False, domain_name="i ≤ 10, k ≤ 6",
                       describe=lambda c: {"i": c[0], "k": c[1]})


TAP = Formula(r"j = is - p + md", lambda i, m, s, p, d: i * s - p + m * d)


@TOPIC.claim(
    "conv.receptive_field_zero_gradient",
    method="property",
    canonical=TAP,
    faithful=("001",),
    printed={"002": Printed(TAP, reading="'∀ j ≠ I' read as j ∉ I (the receptive field), and ∂L/∂x read as the "
                                         "derivative of the unit x_i^l with respect to the input x_j^{l-1}.")},
    references=(GOODFELLOW,),
)
def receptive_field_zero_gradient(ctx: Context, tap: Formula) -> Outcome:
    """An output unit depends only on its receptive field.

    ∂y_i/∂x_j = 0 for j ∉ I_i = {is - p + md : 0 ≤ m < k}, and = w_m at j = is - p + md: the Jacobian of
    the implementation's layer (stride, padding and dilation drawn, weights non-zero) equals this matrix.
    """
    impl = ctx.impl()

    def prop(layer: Layer) -> Comparison:
        w, n = layer.w[:1, :1], layer.x.shape[-1]
        jacobian = layer_matrix(impl.conv1d, w, (1, n), **layer.options)
        expected = np.zeros_like(jacobian)
        for i, m in itertools.product(range(len(jacobian)), range(w.shape[-1])):
            j = tap(i, m, layer.stride, layer.padding, layer.dilation)
            if 0 <= j < n:
                expected[i, j] += w[0, 0, m]
        return close(jacobian, expected, label="∂y_i/∂x_j")

    return for_all(ctx, layers(nonzero=True), prop, describe=describe_layer, max_examples=30)


@TOPIC.claim(
    "conv.weight_sharing_gradient_sum",
    method="property",
    faithful=("002", "004"),
    printed={"001": Printed(None, reading="The trailing 'h_j^l kernel weight' names the variable; the formula is "
                                          "the chain rule summed over every unit that shares h_j.")},
    references=(GOODFELLOW,),
)
def weight_sharing_gradient_sum(ctx: Context) -> Outcome:
    """The gradient of a shared weight sums over the units that share it.

    ∂R/∂h_j = Σ_i (∂R/∂y_i)(∂y_i/∂h_j) for R = Σ g · y: the implementation's weight gradient equals the
    sum, with ∂y/∂h_j read off the implementation's layer applied to the basis kernel e_j.
    """
    impl = ctx.impl()

    @st.composite
    def cases(draw: st.DrawFn) -> tuple[Layer, np.ndarray]:
        layer = draw(layers())
        shape = np.shape(impl.conv1d(layer.x, layer.w, **layer.options))
        return layer, np.array(draw(st.lists(ENTRY, min_size=prod(shape), max_size=prod(shape)))).reshape(shape)

    def prop(case: tuple[Layer, np.ndarray]) -> Comparison:
        layer, g = case
        expected = np.zeros(layer.w.shape)
        for index in np.ndindex(layer.w.shape):
            basis = np.zeros(layer.w.shape)
            basis[index] = 1.0
            expected[index] = np.sum(g * impl.conv1d(layer.x, basis, **layer.options))
        return close(impl.conv1d_weight_grad(layer.x, layer.w, g, **layer.options), expected,
                     label="∂R/∂h_j = Σ_i ∂R/∂y_i ∂y_i/∂h_j")

    return for_all(ctx, cases(), prop, max_examples=20,
                   describe=lambda c: {**describe_layer(c[0]), "g": c[1].tolist()})


def receptive_field(impl: Any, stack: Iterable[tuple[int, int, int]], size: int) -> int:
    """The receptive field of the first output unit of stacked one-channel layers (k, stride, dilation):
    the span of the inputs its Jacobian row touches, all-ones kernels applied to every basis input."""
    x = np.eye(size).reshape(size, 1, size)
    for k, stride, dilation in stack:
        x = impl.conv1d(x, np.ones((1, 1, k)), stride=stride, dilation=dilation)
    touched = np.flatnonzero(np.asarray(x)[:, 0, 0])
    return int(touched.max() - touched.min() + 1)


CLOSED_FORM = Formula(r"1+\sum_l (k_l-1)\prod_{m<l}s_m",
                      lambda ks, ss: 1 + sum((k - 1) * prod(ss[:i]) for i, k in enumerate(ks)))


def top_down(ks: Sequence[int], ss: Sequence[int]) -> int:
    r = 1  # r_L = 1, then r_{l-1} = s_l r_l + (k_l - s_l) back to the input
    for k, s in zip(reversed(ks), reversed(ss), strict=True):
        r = s * r + (k - s)
    return r


def bottom_up(ks: Sequence[int], ss: Sequence[int]) -> int:
    r, jump = 1, 1  # r_0 = 1, j_0 = 1; r_l = r_{l-1} + (k_l - 1) j_{l-1}, j_l = j_{l-1} s_l
    for k, s in zip(ks, ss, strict=True):
        r, jump = r + (k - 1) * jump, jump * s
    return r


STACKS = [tuple(layers_) for depth in (1, 2, 3) for layers_ in itertools.product(
    itertools.product(range(1, 4), range(1, 4)), repeat=depth)]


@TOPIC.claim(
    "conv.receptive_field_recursion",
    method="exhaustive",
    canonical=CLOSED_FORM,
    printed={"001": Printed(Formula(r"r_{l-1} = s_l r_l + (k_l - s_l),\ r_L = 1", top_down),
                            reading="The top-down recursion, from one unit of the last layer L back to the input."),
             "002": Printed(Formula(r"r_l = r_{l-1} + (k_l-1) j_{l-1}", bottom_up),
                            reading="The bottom-up recursion with the jump j_{l-1} = s_1⋯s_{l-1} (the product of "
                                    "the earlier strides, defined on the lines after it) and r_0 = j_0 = 1.")},
    references=(ARAUJO,),
)
def receptive_field_recursion(ctx: Context, formula: Formula) -> Outcome:
    """The receptive field of stacked convolutions.

    r = 1 + Σ_l (k_l - 1) Π_{m<l} s_m for layers with kernels k_l and strides s_l (equivalently
    r_{l-1} = s_l r_l + k_l - s_l from r_L = 1): equal to the span of the inputs one output unit of the
    implementation's stacked layers depends on, for every stack of 1-3 layers with k, s ∈ {1, 2, 3}.
    """
    impl = ctx.impl()

    def measured(stack: tuple[tuple[int, int], ...]) -> int:
        return receptive_field(impl, [(k, s, 1) for k, s in stack], 32)

    return exact_count(ctx, STACKS, measured, lambda stack: formula([k for k, _ in stack], [s for _, s in stack]),
                       label="receptive field", complete=False, domain_name="1-3 layers, k, s ∈ {1, 2, 3}",
                       describe=lambda stack: {"k": [k for k, _ in stack], "s": [s for _, s in stack]})


@TOPIC.claim(
    "conv.dilated_receptive_field_exponential",
    method="exhaustive",
    canonical=Formula(r"1 + (k-1)(2^L-1)", lambda k, depth: 1 + (k - 1) * (2**depth - 1)),
    printed={"002": Printed(Formula(r"1 + (k-1)(2^L-1)", lambda k, depth: 1 + (k - 1) * (2**depth - 1)),
                            reading="'Grows exponentially with the dilation factor d (1, 2, 4, 8, ...)' read as: "
                                    "with dilations 1, 2, 4, ..., 2^{L-1} in layers 1..L the receptive field is "
                                    "1 + (k - 1)(2^L - 1), exponential in the depth L (2^L for k = 2).")},
    depends=("conv.receptive_field_recursion",),
    references=(ARAUJO,),
)
def dilated_receptive_field_exponential(ctx: Context, formula: Formula) -> Outcome:
    """Doubling dilations grow the receptive field exponentially.

    L layers of kernel k with dilations 1, 2, 4, ..., 2^{L-1} (stride 1) see 1 + (k - 1)(2^L - 1) inputs:
    measured on the implementation's stacked layers for k ∈ {2, 3}, L ≤ 6.
    """
    impl = ctx.impl()
    cases = list(itertools.product((2, 3), range(1, 7)))
    return exact_count(ctx, cases, lambda c: receptive_field(impl, [(c[0], 1, 2**m) for m in range(c[1])], 130),
                       lambda c: formula(*c), label="receptive field", complete=False,
                       domain_name="k ∈ {2, 3}, L ≤ 6", describe=lambda c: {"k": c[0], "L": c[1]})


@TOPIC.claim(
    "conv.stacked_3x3_receptive_field",
    method="exhaustive",
    canonical=5,
    faithful=("002", "004"),
    depends=("conv.receptive_field_recursion",),
    references=(GOODFELLOW,),
)
def stacked_3x3_receptive_field(ctx: Context, side: int) -> Outcome:
    """Two stacked 3 × 3 layers see 5 × 5 with fewer weights.

    One output unit of two stacked 3 × 3 layers (stride 1) depends on a side × side = 5 × 5 patch (the
    Jacobian of the implementation's stacked ``conv2d``), and 2 · 9C² = 18C² < 25C² weights of one 5 × 5
    layer, counted by the implementation for C = 1..16 channels in and out.
    """
    impl = ctx.impl()
    kernel = np.ones((1, 1, 3, 3))

    def stacked(x: np.ndarray, w: np.ndarray) -> np.ndarray:
        return impl.conv2d(impl.conv2d(x, w), w)

    touched = np.argwhere(layer_matrix(stacked, kernel, (1, 7, 7))[0].reshape(7, 7))
    span = tuple(int(v) for v in touched.max(axis=0) - touched.min(axis=0) + 1)

    def fewer(c: int) -> list[Comparison]:
        two, one = 2 * impl.num_parameters(c, c, 3, 3, False), impl.num_parameters(c, c, side, side, False)
        return [equal(two, 18 * c * c, label="weights of two 3 × 3 layers"),
                equal(one, side * side * c * c, label=f"weights of one {side} × {side} layer"),
                equal(two < one, True, label="two 3 × 3 layers have fewer weights")]

    return all_of({
        "receptive field": lambda: for_each(ctx, [span], lambda s: equal(s, (side, side), label="receptive field"),
                                            domain_name="two stacked 3 × 3 layers", complete=True),
        "weights": lambda: for_each(ctx, range(1, 17), fewer, domain_name="C = 1..16", complete=False),
    })


@st.composite
def pool_cases(draw: st.DrawFn) -> tuple[np.ndarray, int, int]:
    window, stride = draw(st.integers(1, 4)), draw(st.integers(1, 3))
    batch, channels, n = draw(st.integers(1, 2)), draw(st.integers(1, 2)), draw(st.integers(window, 10))
    size = batch * channels * n
    return np.array(draw(st.lists(ENTRY, min_size=size, max_size=size))).reshape(batch, channels, n), window, stride


@TOPIC.claim(
    "conv.max_pooling_1d",
    method="property",
    canonical=Formula(r"0\le k<r", lambda r: range(r)),
    faithful=("004",),
    references=(GOODFELLOW,),
)
def max_pooling_1d(ctx: Context, offsets: Formula) -> Outcome:
    """Max pooling, its invariance, and average pooling as a convolution.

    x^max_i = max{x_{is+k} : 0 ≤ k < r} (the document's sliding window is s = 1; strides 1-3 drawn):
    the implementation's ``max_pool1d`` equals it, commutes with the increasing map φ(z) = z³ + 2z
    (max φ(x) = φ(max x)), and its ``avg_pool1d`` is the convolution with the kernel (1/r, ..., 1/r).
    """
    impl = ctx.impl()

    def prop(case: tuple[np.ndarray, int, int]) -> list[Comparison]:
        x, r, s = case
        count = (x.shape[-1] - r) // s + 1
        expected = np.array([[[max(row[i * s + k] for k in offsets(r) if i * s + k < len(row)) for i in range(count)]
                              for row in item] for item in x])
        pooled = impl.max_pool1d(x, r, s)
        flat = x.reshape(-1, 1, x.shape[-1])
        averaged = impl.conv1d(flat, np.full((1, 1, r), 1 / r), stride=s).reshape(*x.shape[:2], -1)
        return [close(pooled, expected, label="max_pool1d = max over the window"),
                close(impl.max_pool1d(x**3 + 2 * x, r, s), pooled**3 + 2 * pooled, label="max φ(x) = φ(max x)"),
                close(impl.avg_pool1d(x, r, s), averaged, label="avg_pool1d = conv1d with 1/r")]

    return for_all(ctx, pool_cases(), prop, max_examples=30,
                   describe=lambda c: {"x": c[0].tolist(), "r": c[1], "stride": c[2]})
