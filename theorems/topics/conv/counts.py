"""Counting a convolution layer: its output shape, its parameters (and those of the fully and locally
connected layers with the same outputs or connections), and the multiplications it costs.

Every count is measured on the implementation: output shapes from ``conv2d``, weights from
``num_parameters``, connections and multiplications as the non-zero entries of the layer's matrix
(its Jacobian, read off by applying it to every basis input with a kernel of ones).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np

from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    at_most,
    close,
    equal,
    exact_count,
    for_each,
)

from . import DUMOULIN, GOODFELLOW, TOPIC
from .signals import layer_matrix

KERNELS = list(itertools.product(range(1, 5), repeat=4))
"""(C_in, C_out, k_h, k_w), each 1..4."""


@TOPIC.claim(
    "conv.param_count",
    method="exhaustive",
    canonical=Formula(r"|r||u|\cdot|\Delta s||\Delta t|", lambda c_in, c_out, k_h, k_w: c_out * c_in * k_h * k_w),
    faithful=("000", "003"),
    references=(GOODFELLOW,),
)
def param_count(ctx: Context, weights: Formula) -> Outcome:
    """The weights of a convolution layer.

    D = (|r| · |u|) · (|Δs| · |Δt|): C_out · C_in · k_h · k_w weights (biases not counted), equal to the
    implementation's count of a layer without bias for every C_in, C_out, k_h, k_w ≤ 4.
    """
    impl = ctx.impl()
    return exact_count(ctx, KERNELS, lambda c: impl.num_parameters(*c, False), lambda c: weights(*c),
                       label="weights", complete=False, domain_name="C_in, C_out, k_h, k_w ≤ 4",
                       describe=lambda c: dict(zip(("C_in", "C_out", "k_h", "k_w"), c, strict=True)))


@TOPIC.claim(
    "conv.param_count_cnn",
    method="exhaustive",
    canonical=Formula(r"K(pqc+1)", lambda c, k, p, q: k * (p * q * c + 1)),
    faithful=("002", "004"),
    references=(GOODFELLOW,),
)
def param_count_cnn(ctx: Context, parameters: Formula) -> Outcome:
    """The parameters of a convolution layer with biases.

    K kernels of size p × q × c, one bias each: K(pqc + 1) parameters, equal to the implementation's count
    of a layer with bias for every c, K, p, q ≤ 4.
    """
    impl = ctx.impl()
    return exact_count(ctx, KERNELS, lambda c: impl.num_parameters(*c, True), lambda c: parameters(*c),
                       label="parameters", complete=False, domain_name="c, K, p, q ≤ 4",
                       describe=lambda c: dict(zip(("c", "K", "p", "q"), c, strict=True)))


IMAGES = [(m, n, p, q, c, k) for m, n in itertools.product(range(1, 5), repeat=2)
          for p, q in itertools.product(range(1, m + 1), range(1, n + 1))
          for c, k in itertools.product((1, 2), repeat=2)]
"""(m, n, p, q, c, K): an m × n × c input, K kernels p × q; m, n ≤ 4, c, K ≤ 2."""


def describe_image(case: tuple[int, ...]) -> dict[str, int]:
    return dict(zip(("m", "n", "p", "q", "c", "K"), case, strict=True))


def layer_output(impl: Any, case: tuple[int, ...]) -> np.ndarray:
    m, n, p, q, c, k = case
    return np.asarray(impl.conv2d(np.zeros((1, c, m, n)), np.ones((k, c, p, q))))


@TOPIC.claim(
    "conv.valid_conv_output_size",
    method="exhaustive",
    canonical=Formula(r"(m-p+1)\times(n-q+1)\times K", lambda m, n, p, q, c, k: (m - p + 1, n - q + 1, k)),
    faithful=("002", "004"),
    references=(DUMOULIN,),
)
def valid_conv_output_size(ctx: Context, shape: Formula) -> Outcome:
    """The output of a valid convolution.

    An m × n × c input and K kernels p × q (valid padding, stride 1) give an (m - p + 1) × (n - q + 1) × K
    output: the shape of the implementation's output, for every m, n ≤ 4, p ≤ m, q ≤ n, c, K ≤ 2.
    """
    impl = ctx.impl()

    def measured(case: tuple[int, ...]) -> tuple[int, ...]:
        _, k, rows, cols = layer_output(impl, case).shape
        return rows, cols, k

    return exact_count(ctx, IMAGES, measured, lambda c: shape(*c), label="output shape", complete=False,
                       domain_name="m, n ≤ 4, p ≤ m, q ≤ n, c, K ≤ 2", describe=describe_image)


def outputs(impl: Any, case: tuple[int, ...]) -> int:
    return int(layer_output(impl, case).size)


FC_PRINTED = "Read as printed; the correct count is (mnc + 1)(m - p + 1)(n - q + 1)K: every output of the CNN gets "


@TOPIC.claim(
    "conv.param_count_fully_connected",
    method="exhaustive",
    canonical=Formula(r"(mnc+1)(m-p+1)(n-q+1)K",
                      lambda m, n, p, q, c, k: (m * n * c + 1) * (m - p + 1) * (n - q + 1) * k),
    printed={
        "002": Printed(Formula(r"mnc(m-p+1)(n-q+1+1)K",
                               lambda m, n, p, q, c, k: m * n * c * (m - p + 1) * (n - q + 2) * k),
                       reading=FC_PRINTED + "mnc weights and one bias. The printed '(n - q + 1 + 1)' has lost the "
                                            "parentheses of document 004's '((m-p+1)(n-q+1) + 1)'."),
        "004": Printed(Formula(r"mnc((m-p+1)(n-q+1)+1)K",
                               lambda m, n, p, q, c, k: m * n * c * ((m - p + 1) * (n - q + 1) + 1) * k),
                       reading=FC_PRINTED + "mnc weights and one bias; the printed +1 adds mncK instead of one bias "
                                            "per output."),
    },
    depends=("conv.valid_conv_output_size",),
    references=(GOODFELLOW,),
)
def param_count_fully_connected(ctx: Context, parameters: Formula) -> Outcome:
    """The parameters of a fully connected layer with the CNN's outputs.

    A dense layer from the m·n·c inputs to the (m - p + 1)(n - q + 1)K outputs of the CNN, with a bias per
    output, has (mnc + 1)(m - p + 1)(n - q + 1)K parameters: inputs × outputs + outputs, the outputs
    counted on the implementation's ``conv2d``.
    """
    impl = ctx.impl()

    def dense(case: tuple[int, ...]) -> int:
        m, n, _, _, c, _ = case
        return (m * n * c) * outputs(impl, case) + outputs(impl, case)

    return exact_count(ctx, IMAGES, dense, lambda c: parameters(*c), label="parameters", complete=False,
                       domain_name="m, n ≤ 4, p ≤ m, q ≤ n, c, K ≤ 2", describe=describe_image)


LC_PRINTED = "Read as printed; a locally connected layer has a weight per connection of the CNN (pqc per output) " \
             "and a bias per output: (pqc + 1)(m - p + 1)(n - q + 1)K."


@TOPIC.claim(
    "conv.param_count_locally_connected",
    method="exhaustive",
    canonical=Formula(r"(pqc+1)(m-p+1)(n-q+1)K",
                      lambda m, n, p, q, c, k: (p * q * c + 1) * (m - p + 1) * (n - q + 1) * k),
    printed={
        "002": Printed(Formula(r"pqc(m-p+1)(n-q+1+1)K",
                               lambda m, n, p, q, c, k: p * q * c * (m - p + 1) * (n - q + 2) * k),
                       reading=LC_PRINTED),
        "004": Printed(Formula(r"pqc((m-p+1)(n-q+1)+1)K",
                               lambda m, n, p, q, c, k: p * q * c * ((m - p + 1) * (n - q + 1) + 1) * k),
                       reading=LC_PRINTED),
    },
    depends=("conv.valid_conv_output_size",),
    references=(GOODFELLOW,),
)
def param_count_locally_connected(ctx: Context, parameters: Formula) -> Outcome:
    """The parameters of a locally connected layer with the CNN's connections.

    Untied weights, one per connection of the CNN, and a bias per output: (pqc + 1)(m - p + 1)(n - q + 1)K,
    the connections counted as the non-zero entries of the matrix of the implementation's ``conv2d``.
    """
    impl = ctx.impl()

    def untied(case: tuple[int, ...]) -> int:
        m, n, p, q, c, k = case
        connections = np.count_nonzero(layer_matrix(impl.conv2d, np.ones((k, c, p, q)), (c, m, n)))
        return int(connections) + outputs(impl, case)

    return exact_count(ctx, IMAGES, untied, lambda c: parameters(*c), label="parameters", complete=False,
                       domain_name="m, n ≤ 4, p ≤ m, q ≤ n, c, K ≤ 2", describe=describe_image)


STRIDE_2 = "The stride is not stated; read as 2 (the CS231n demonstration this example comes from: 7 × 7 is a 5 × 5 " \
           "input padded by 1). With stride 1 the output would be 5 × 5 × 2."


@TOPIC.claim(
    "conv.multichannel_output_shape",
    method="exhaustive",
    canonical=2,
    printed={"002": Printed(2, reading=STRIDE_2), "004": Printed(2, reading=STRIDE_2)},
    references=(GOODFELLOW,),
)
def multichannel_output_shape(ctx: Context, stride: int) -> Outcome:
    """Two 3 × 3 × 3 filters on a 7 × 7 × 3 input give 3 × 3 × 2.

    Each filter sums its three channel correlations into one output channel, so the output depth is the
    number of filters; with stride 2 and no padding the output is 3 × 3 × 2: the shape of the
    implementation's ``conv2d`` output.
    """
    impl = ctx.impl()
    shape = np.shape(impl.conv2d(np.zeros((1, 3, 7, 7)), np.ones((2, 3, 3, 3)), stride=stride))
    return for_each(ctx, [shape], lambda s: equal(s, (1, 2, 3, 3), label="output shape (N, K, H, W)"),
                    domain_name=f"the example, stride {stride}", complete=True)


@dataclass(frozen=True)
class Cost:
    """A stated cost: exact (the count equals the formula) or an O(·) read with its constant (count ≤ it, d > q)."""

    formula: Formula
    constant: int | None = None


def multiplications(impl: Any, kernel: np.ndarray, side: tuple[int, int]) -> int:
    """Multiplications of a direct evaluation: the non-zero entries of the layer's matrix (kernel of ones)."""
    return int(np.count_nonzero(layer_matrix(impl.conv2d, kernel, (1, *side))))


def cost_holds(ctx: Context, cost: Cost, measured: Any, label: str) -> Outcome:
    cases = [(d, q) for d in range(1, 9) for q in range(1, d + 1) if cost.constant is None or d > q]
    if cost.constant is None:
        return exact_count(ctx, cases, measured, lambda c: cost.formula(*c), label=label, complete=False,
                           domain_name="d ≤ 8, q ≤ d", describe=lambda c: {"d": c[0], "q": c[1]})

    def bounded(c: tuple[int, int]) -> Comparison:
        return at_most(measured(c), cost.constant * cost.formula(*c), label=f"{label} ≤ {cost.constant}·O(·)")

    return for_each(ctx, cases, bounded, domain_name="d ≤ 8, q < d", complete=False,
                    describe=lambda c: {"d": c[0], "q": c[1]})


@TOPIC.claim(
    "conv.direct_conv_cost",
    method="exhaustive",
    canonical=Cost(Formula(r"(d-q+1)^2q^2", lambda d, q: (d - q + 1) ** 2 * q * q)),
    printed={"003": Printed(Cost(Formula(r"(d-q)^2q^2", lambda d, q: (d - q) ** 2 * q * q), constant=4),
                            reading="O((d - q)²q²) read as ≤ 4(d - q)²q² for d > q (the exact count is "
                                    "(d - q + 1)²q², and (d - q + 1) ≤ 2(d - q)); at d = q the printed bound is 0 "
                                    "while one output still costs q², so d = q is left out.")},
    references=(GOODFELLOW,),
)
def direct_conv_cost(ctx: Context, cost: Cost) -> Outcome:
    """The cost of a direct 2-D convolution.

    A valid convolution of a d × d image with a q × q kernel takes (d - q + 1)² q² multiplications (q² per
    output): the non-zero entries of the matrix of the implementation's ``conv2d``, for d ≤ 8, q ≤ d.
    """
    impl = ctx.impl()
    return cost_holds(ctx, cost, lambda c: multiplications(impl, np.ones((1, 1, c[1], c[1])), (c[0], c[0])),
                      "multiplications")


@TOPIC.claim(
    "conv.separable_conv_cost",
    method="exhaustive",
    canonical=Cost(Formula(r"dq(d-q+1) + q(d-q+1)^2", lambda d, q: d * q * (d - q + 1) + q * (d - q + 1) ** 2)),
    printed={"003": Printed(Cost(Formula(r"dq(d-q)", lambda d, q: d * q * (d - q)), constant=4),
                            reading="v ∈ ℝ^p read as v ∈ ℝ^q (a square kernel w = uvᵀ); O(dq(d - q)) read as "
                                    "≤ 4dq(d - q) for d > q, the exact count being q(d - q + 1)(2d - q + 1).")},
    depends=("conv.direct_conv_cost",),
    references=(GOODFELLOW,),
)
def separable_conv_cost(ctx: Context, cost: Cost) -> Outcome:
    """The cost of a separable 2-D convolution.

    For w = u vᵀ (u, v ∈ ℝ^q), convolving the rows with v and then the columns with u gives the same output
    as w, with d q (d - q + 1) + q (d - q + 1)² multiplications: both passes run by the implementation's
    ``conv2d``, their outputs compared with the one-pass output on integer images, their multiplications
    counted as the non-zero entries of their matrices.
    """
    impl = ctx.impl()
    rng = ctx.rng()

    def two_passes(c: tuple[int, int]) -> int:
        d, q = c
        return (multiplications(impl, np.ones((1, 1, 1, q)), (d, d))
                + multiplications(impl, np.ones((1, 1, q, 1)), (d, d - q + 1)))

    def same_output(c: tuple[int, int]) -> Comparison:
        d, q = c
        u, v, image = rng.integers(-5, 6, q), rng.integers(-5, 6, q), rng.integers(-5, 6, (1, 1, d, d))
        rows = impl.conv2d(image, v.reshape(1, 1, 1, q).astype(float))
        return close(impl.conv2d(rows, u.reshape(1, 1, q, 1).astype(float)),
                     impl.conv2d(image, np.outer(u, v).reshape(1, 1, q, q).astype(float)),
                     label="rows then columns = w")

    return all_of({
        "same output": lambda: for_each(ctx, [(d, q) for d in range(1, 9) for q in range(1, d + 1)], same_output,
                                        domain_name="d ≤ 8, q ≤ d, one integer image each", complete=False),
        "cost": lambda: cost_holds(ctx, cost, two_passes, "multiplications"),
    })
