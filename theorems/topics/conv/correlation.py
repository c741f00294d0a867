"""Cross-correlation, the operation deep-learning layers call convolution: as a convolution with the
flipped kernel, its (non-)commutativity and reflections, and the layer's sums and Toeplitz matrix.

``(h ⋆ f)[u] = Σ_t h[t] f[u + t]``; the documents print it with ``*`` as well (003:221, 002:347), and
each claim says how its ``*`` were read.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
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
    for_all,
    for_each,
    that,
)

from . import GOODFELLOW, OPPENHEIM, TOPIC
from .signals import Seq, convolve, correlate, layer_matrix, sums_match, window
from .strategies import ENTRY, nonzero_signals, signals


@dataclass(frozen=True)
class Ops:
    """The two operations on signals, by the implementation under test."""

    impl: Any

    def conv(self, f: Seq, h: Seq) -> Seq:
        return convolve(self.impl, f, h)

    def corr(self, h: Seq, f: Seq) -> Seq:
        return correlate(self.impl, h, f)


Side = Formula
"""One side of a correlation identity: ``(ops, h, f) ↦ Seq``."""

AS_CONVOLUTION = Side(r"\tilde h * f", lambda ops, h, f: ops.conv(h.flipped(), f))
F_CONV_FLIPPED = Side(r"f * \tilde h", lambda ops, h, f: ops.conv(f, h.flipped()))


def pairs() -> st.SearchStrategy[tuple[Seq, Seq]]:
    return st.tuples(signals(), signals()).map(lambda p: (Seq(p[0]), Seq(p[1])))


def describe_pair(pair: tuple[Seq, Seq]) -> dict[str, list[float]]:
    return {"h": pair[0].values.tolist(), "f": pair[1].values.tolist()}


def agree(left: Seq, right: Seq, us: range, *, label: str) -> Comparison:
    return close([left(v) for v in us], [right(v) for v in us], label=label)


@TOPIC.claim(
    "conv.cross_correlation_as_convolution",
    method="property",
    canonical=AS_CONVOLUTION,
    printed={
        "001": Printed(AS_CONVOLUTION, reading="The left '*' read as the cross-correlation f ⋆ h (the line "
                       "defines f̄[t] := f[-t], which only makes sense so): (f ⋆ h) = f̄ * h, the kernel being f."),
        "002": Printed(F_CONV_FLIPPED, reading="With line 347's '*' (a sum h[t] f[u + t]) the cross-correlation: "
                       "(h ⋆ f) = h̃ * f = f * h̃, h̃(t) = h(-t); the printed '(h̃ * f) = (f * h̃)' is the second "
                       "equality, the first is the line before it."),
        "003": Printed(AS_CONVOLUTION, reading="The left '*' read as the cross-correlation of line 221, the right "
                       "one as the convolution: (f ⋆ g)(y) = (f(-·) * g)(y)."),
        "004": Printed(F_CONV_FLIPPED, reading="The left '*' is the cross-correlation of line 307: "
                       "(h ⋆ f)[u] = (f * h̄)[u], h̄(t) = h(-t)."),
    },
    references=(GOODFELLOW,),
)
def cross_correlation_as_convolution(ctx: Context, side: Side) -> Outcome:
    """Cross-correlation is convolution with the flipped kernel.

    (h ⋆ f)[u] = Σ_t h[t] f[u + t] = (h̃ * f)[u] = (f * h̃)[u] with h̃[t] = h[-t]: the implementation's
    correlation equals the definition's sum and its convolution with the flipped kernel at every u.
    """
    ops = Ops(ctx.impl())
    definition = Formula(r"h[t]f[u+t]", lambda h, f, u, t: h(t) * f(u + t))

    def prop(pair: tuple[Seq, Seq]) -> list[Comparison]:
        h, f = pair
        corr = ops.corr(h, f)
        return [*sums_match([definition], h, f, corr, label="Σ_t = h ⋆ f"),
                agree(corr, side(ops, h, f), window(h, f), label=f"h ⋆ f = {side.latex}")]

    return for_all(ctx, pairs(), prop, describe=describe_pair, max_examples=30)


FLIP_FORMS = (Formula(r"h[t]f[u+t]", lambda h, f, u, t: h(t) * f(u + t)),
              Formula(r"h[-t]f[u-t]", lambda h, f, u, t: h(-t) * f(u - t)))


@TOPIC.claim(
    "conv.cross_correlation_flip",
    method="property",
    canonical=FLIP_FORMS,
    printed={doc: Printed(FLIP_FORMS, reading="The '*' on the left is the cross-correlation the line defines "
                                               "(a sum with u + t), not a convolution.") for doc in ("002", "004")},
    references=(GOODFELLOW,),
)
def cross_correlation_flip(ctx: Context, forms: tuple[Formula, Formula]) -> Outcome:
    """The two sums of the cross-correlation.

    (h ⋆ f)[u] = Σ_t h[t] f[u + t] = Σ_t h[-t] f[u - t]: both sums, term by term on ℤ, equal the
    implementation's correlation at every u.
    """
    ops = Ops(ctx.impl())
    return for_all(ctx, pairs(), lambda p: sums_match(forms, p[0], p[1], ops.corr(*p), label="Σ_t = h ⋆ f"),
                   describe=describe_pair, max_examples=30)


WITNESS = (Seq(np.array([1.0, 2.0])), Seq(np.array([1.0])))


@TOPIC.claim(
    "conv.cross_correlation_not_commutative",
    method="property",
    printed={"002": Printed(None, reading="'non-commutative' read as: not commutative in general (it commutes "
                                          "for some pairs, e.g. f = h); with the exact relation "
                                          "(f ⋆ h)[u] = (h ⋆ f)[-u] in its place.")},
    references=(GOODFELLOW,),
)
def cross_correlation_not_commutative(ctx: Context) -> Outcome:
    """Cross-correlation is not commutative; swapping its arguments reflects it.

    (f ⋆ h)[u] = (h ⋆ f)[-u] for all f, h; and h ⋆ f ≠ f ⋆ h for h = (1, 2), f = (1) on {0, 1}:
    (h ⋆ f)[-1] = 2 while (f ⋆ h)[-1] = 0.
    """
    ops = Ops(ctx.impl())

    def prop(pair: tuple[Seq, Seq]) -> Comparison:
        h, f = pair
        swapped, corr = ops.corr(f, h), ops.corr(h, f)
        us = window(h, f)
        return close([swapped(v) for v in us], [corr(-v) for v in us], label="(f ⋆ h)[u] = (h ⋆ f)[-u]")

    def differs(pair: tuple[Seq, Seq]) -> Comparison:
        h, f = pair
        us = window(h, f)
        left, right = [ops.corr(h, f)(v) for v in us], [ops.corr(f, h)(v) for v in us]
        return that(left != right, label="h ⋆ f ≠ f ⋆ h",
                    message=f"h ⋆ f = {left}, f ⋆ h = {right} on u = {us.start}..{us.stop - 1}")

    return all_of({
        "reflection": lambda: for_all(ctx, pairs(), prop, describe=describe_pair, max_examples=30),
        "witness": lambda: for_each(ctx, [WITNESS], differs, domain_name="h = (1, 2), f = (1)", complete=True,
                                    describe=describe_pair),
    })


SYMMETRISED = Formula(r"h = \tilde h", lambda h: (h + h[::-1]) / 2)


@TOPIC.claim(
    "conv.cross_correlation_symmetric_kernel",
    method="property",
    canonical=SYMMETRISED,
    faithful=("002",),
    references=(GOODFELLOW,),
)
def cross_correlation_symmetric_kernel(ctx: Context, kernel: Formula) -> Outcome:
    """For a symmetric kernel, cross-correlation is convolution.

    If h[-t] = h[t] (an array equal to its reverse, centred on 0), then h ⋆ f = f * h: the
    implementation's correlation and convolution agree entry by entry on symmetrised integer kernels.
    """
    impl = ctx.impl()

    def prop(pair: tuple[np.ndarray, np.ndarray]) -> Comparison:
        h, f = kernel(pair[0]), pair[1]
        return close(impl.correlate(h, f), impl.convolve(f, h), label="h ⋆ f = f * h")

    return for_all(ctx, st.tuples(signals(), signals()), prop, max_examples=30)


Chain = tuple[Formula, ...]
"""Sides of a chain of equalities, each ``(ops, f, g, y) ↦ value``."""

REFLECTION: Chain = (Formula(r"(f\star g)(-y)", lambda ops, f, g, y: ops.corr(f, g)(-y)),
                     Formula(r"(g\star f)(y)", lambda ops, f, g, y: ops.corr(g, f)(y)),
                     Formula(r"(f*\bar g)(y)", lambda ops, f, g, y: ops.conv(f, g.flipped())(y)))


@TOPIC.claim(
    "conv.cross_correlation_reflection",
    method="property",
    canonical=REFLECTION,
    printed={"003": Printed(
        (REFLECTION[0], Formula(r"(\bar f*g)(y)", lambda ops, f, g, y: ops.conv(f.flipped(), g)(y)), REFLECTION[2]),
        reading="As line 223 (conv.cross_correlation_as_convolution), the first '*' read as the cross-correlation "
                "of line 221 and the others as convolutions. The middle side (f(-t) * g)(y) is then (f ⋆ g)(y), "
                "not (f ⋆ g)(-y); read with every '*' as the correlation the first equality fails too.")},
    depends=("conv.cross_correlation_not_commutative",),
    references=(GOODFELLOW,),
)
def cross_correlation_reflection(ctx: Context, chain: Chain) -> Outcome:
    """Reflecting a cross-correlation.

    (f ⋆ g)(-y) = (g ⋆ f)(y) = (f * ḡ)(y) with ḡ(t) = g(-t): every side evaluated at every y by the
    implementation's correlation and convolution.
    """
    ops = Ops(ctx.impl())

    def prop(pair: tuple[Seq, Seq]) -> list[Comparison]:
        f, g = pair
        ys = window(f, g)
        values = [[side(ops, f, g, y) for y in ys] for side in chain]
        return [close(b, a, label=f"{first.latex} = {second.latex}")
                for (first, a), (second, b) in itertools.pairwise(zip(chain, values, strict=True))]

    return for_all(ctx, pairs(), prop, describe=lambda p: {"f": p[0].values.tolist(), "g": p[1].values.tolist()},
                   max_examples=30)


def sides(max_side: int, min_side: int = 1) -> st.SearchStrategy[tuple[int, int]]:
    """The two sides (H, W) of an image or kernel, each in [min_side, max_side]."""
    return st.tuples(st.integers(min_side, max_side), st.integers(min_side, max_side))


def integer_array(shape: tuple[int, ...]) -> st.SearchStrategy[np.ndarray]:
    size = int(np.prod(shape))
    return st.lists(ENTRY, min_size=size, max_size=size).map(lambda v: np.array(v).reshape(shape))


K4_SUM = Formula(r"\sum_{k,l=0}^{3} I(i+k,j+l)K(k,l)",
                 lambda image, kernel, i, j: sum(image[i + k, j + m] * kernel[k, m]
                                                 for k in range(4) for m in range(4)))


@TOPIC.claim(
    "conv.cross_correlation_2d_k4",
    method="property",
    canonical=K4_SUM,
    faithful=("002",),
    references=(GOODFELLOW,),
)
def cross_correlation_2d_k4(ctx: Context, form: Formula) -> Outcome:
    """A 4 × 4 convolution layer is a cross-correlation.

    o(i, j) = Σ_{k,l=0}^{3} I(i + k, j + l) K(k, l) for a 4 × 4 kernel, stride 1, no padding: the
    implementation's ``conv2d`` equals this sum at every output position.
    """
    impl = ctx.impl()

    def prop(case: tuple[np.ndarray, np.ndarray]) -> Comparison:
        image, kernel = case
        out = impl.conv2d(image[None, None], kernel[None, None])[0, 0]
        rows, cols = image.shape[0] - 3, image.shape[1] - 3
        expected = np.array([[form(image, kernel, i, j) for j in range(cols)] for i in range(rows)])
        return close(out, expected, label="conv2d = Σ I(i+k, j+l) K(k, l)")

    cases = st.tuples(sides(7, 4).flatmap(integer_array), integer_array((4, 4)))
    return for_all(ctx, cases, prop, max_examples=20, describe=lambda c: {"I": c[0].tolist(), "K": c[1].tolist()})


LAYER_SUM = Formula(r"\sum_u\sum_{i,j} w[r,u][i,j]\,x[u][s+i,t+j]",
                    lambda x, w, r, s, t: float(np.sum(w[r] * x[:, s: s + w.shape[2], t: t + w.shape[3]])))


@st.composite
def multichannel(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    c_in, c_out = draw(st.integers(1, 3)), draw(st.integers(1, 2))
    k_h, k_w = draw(sides(3))
    height, width = draw(st.integers(k_h, 5)), draw(st.integers(k_w, 5))
    return draw(integer_array((c_in, height, width))), draw(integer_array((c_out, c_in, k_h, k_w)))


@TOPIC.claim(
    "conv.multichannel_conv_def",
    method="property",
    canonical=LAYER_SUM,
    printed={doc: Printed(LAYER_SUM, reading="The '*' between w and x is a product; the sum over i, j (Δs, Δt) "
                                              "runs over the kernel, u over the input channels: the layer a "
                                              "library computes is checked to be this sum.") for doc in ("000", "003")},
    references=(GOODFELLOW,),
)
def multichannel_conv_def(ctx: Context, form: Formula) -> Outcome:
    """The multi-channel convolution layer.

    y[r][s, t] = Σ_u Σ_{i,j} w[r, u][i, j] x[u][s + i, t + j] (a cross-correlation, summed over input
    channels u, one output channel r per filter): the implementation's ``conv2d`` (stride 1, no padding)
    equals this sum at every r, s, t.
    """
    impl = ctx.impl()

    def prop(case: tuple[np.ndarray, np.ndarray]) -> Comparison:
        x, w = case
        out = impl.conv2d(x[None], w)[0]
        shape = (w.shape[0], x.shape[1] - w.shape[2] + 1, x.shape[2] - w.shape[3] + 1)
        expected = np.array([form(x, w, *index) for index in np.ndindex(shape)]).reshape(shape)
        return close(out, expected, label="conv2d = Σ_u Σ_ij w[r,u][i,j] x[u][s+i,t+j]")

    return for_all(ctx, multichannel(), prop, max_examples=20,
                   describe=lambda c: {"x": c[0].tolist(), "w": c[1].tolist()})


def valid_matrix(impl: Any, h: np.ndarray, size: int) -> np.ndarray:
    """The matrix of the implementation's valid 1-D layer (one channel, stride 1) with kernel h on ℝ^size."""
    return layer_matrix(impl.conv1d, h[None, None], (1, size))


def signal_and_kernel() -> st.SearchStrategy[tuple[np.ndarray, np.ndarray]]:
    return st.tuples(signals(8), nonzero_signals(4)).filter(lambda p: len(p[1]) <= len(p[0]))


@TOPIC.claim(
    "conv.toeplitz_valid_shape",
    method="property",
    canonical=Formula(r"(D-K+1)\times D", lambda d, k: (d - k + 1, d)),
    faithful=("003",),
    references=(GOODFELLOW,),
)
def toeplitz_valid_shape(ctx: Context, shape: Formula) -> Outcome:
    """A valid 1-D convolution is a (D - K + 1) × D matrix.

    For x ∈ ℝ^D and h ∈ ℝ^K, the valid (unpadded, stride 1) layer output x * h = W_h x with
    W_h ∈ ℝ^{(D-K+1) × D} constant along its diagonals; W_h is read off the implementation's ``conv1d``
    column by column, and W_h x compared with its output.
    """
    impl = ctx.impl()

    def prop(pair: tuple[np.ndarray, np.ndarray]) -> list[Comparison]:
        x, h = pair
        matrix = valid_matrix(impl, h, len(x))
        toeplitz = all(len(set(np.diagonal(matrix, k))) <= 1 for k in range(-len(matrix), len(x)))
        return [equal(matrix.shape, shape(len(x), len(h)), label="shape of W_h"),
                equal(toeplitz, True, label="W_h constant along its diagonals"),
                close(matrix @ x, impl.conv1d(x[None, None], h[None, None])[0, 0], label="W_h x = x * h")]

    return for_all(ctx, signal_and_kernel(), prop, max_examples=30,
                   describe=lambda p: {"x": p[0].tolist(), "h": p[1].tolist()})


def one_based(h: np.ndarray) -> Callable[[int], float]:
    """h_i for i = 1..K, and 0 for an index outside (h extended by zeros, as a signal on ℤ)."""
    return lambda i: float(h[i - 1]) if 1 <= i <= len(h) else 0.0


@TOPIC.claim(
    "conv.toeplitz_entries",
    method="property",
    canonical=Formula(r"h_{j-k+1}\ (k\le j\le k+K-1)",
                      lambda h, k, j, size: h(j - k + 1) if k <= j <= k + size - 1 else 0.0),
    printed={"003": Printed(
        Formula(r"h_{k-j+k-1}\ (k\le j\le k+K-1)",
                lambda h, k, j, size: h(k - j + k - 1) if k <= j <= k + size - 1 else 0.0),
        reading="Read as printed, with 1-based indices and h_i = 0 outside 1..K; the band k ≤ j ≤ k + K - 1 is "
                "right, the index k - j + k - 1 = 2k - j - 1 is not (it leaves 1..K: at k = j = 1 it is 0).")},
    depends=("conv.toeplitz_valid_shape",),
    references=(GOODFELLOW,),
)
def toeplitz_entries(ctx: Context, entry: Formula) -> Outcome:
    """The entries of the valid-convolution Toeplitz matrix.

    (W_h)_{k,j} = h_{j-k+1} for k ≤ j ≤ k + K - 1 and 0 otherwise (1-based; the cross-correlation of
    deep-learning layers, the band holding h unflipped): compared entry by entry with the matrix of the
    implementation's ``conv1d``.
    """
    impl = ctx.impl()

    def prop(pair: tuple[np.ndarray, np.ndarray]) -> Comparison:
        x, h = pair
        matrix = valid_matrix(impl, h, len(x))
        stated = np.array([[entry(one_based(h), k, j, len(h)) for j in range(1, len(x) + 1)]
                           for k in range(1, len(x) - len(h) + 2)])
        return close(matrix, stated, label="(W_h)_{kj}")

    return for_all(ctx, signal_and_kernel(), prop, max_examples=30,
                   describe=lambda p: {"D": len(p[0]), "h": p[1].tolist()})


TOPIC.not_checkable(
    "conv.cross_correlation_def",
    title="Discrete cross-correlation",
    statement="(g ⋆ f)[u] := Σ_t g[t] f[u + t] (document 003 prints the star as '*').",
    reason="A definition: it names an operation and asserts nothing. The implementation's correlation is checked "
           "against it in conv.cross_correlation_as_convolution and conv.cross_correlation_flip.",
    references=(OPPENHEIM,),
)

TOPIC.not_checkable(
    "conv.rot180_definition",
    title="Rotation by 180°",
    statement="rot180(x)_i = x_{-i} (the reflection of a signal through its origin).",
    reason="A definition of the reflection used to turn a correlation into a convolution; that identity is "
           "conv.cross_correlation_as_convolution.",
)
