"""Dense and residual layers, the paths through composed residual blocks, and the word2vec softmax.

The layer's activation is the logistic σ (the protocol's convention), so that the ``- φ(0)`` of the
residual layer is 1/2 and not silently zero as for tanh or ReLU.
"""

from __future__ import annotations

import itertools

import numpy as np
import sympy

from impls.misc import sigmoid
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
    identity,
    symbolic,
    within_tolerance,
)

from . import GOODFELLOW, HE, MIKOLOV, TOPIC, VEIT
from .strategies import Layer, embeddings, layers

WIDTHS = range(1, 9)


def describe_layer(layer: Layer) -> dict[str, list]:
    return {"W": layer.weight.tolist(), "b": layer.bias.tolist(), "x": layer.x.tolist()}


@TOPIC.claim(
    "misc.dense_layer_param_count",
    method="exhaustive",
    canonical=Formula("m(n+1)", lambda n, m: m * (n + 1)),
    faithful=("000", "003"),
    references=(GOODFELLOW,),
)
def dense_layer_param_count(ctx: Context, parameters: Formula) -> Outcome:
    """A dense layer ℝⁿ → ℝᵐ has m(n + 1) parameters.

    F[θ](x) = φ(Wx + b) with W ∈ ℝ^{m×n} and b ∈ ℝᵐ: θ ∈ ℝ^{m(n+1)}. The implementation's parameter count is
    compared with m(n + 1) for every 1 ≤ n, m ≤ 8, and its forward pass with σ(Wx + b) on generated layers.
    """
    impl = ctx.impl()
    return all_of({
        "count": lambda: exact_count(ctx, itertools.product(WIDTHS, WIDTHS),
                                     lambda nm: impl.dense_num_parameters(*nm), lambda nm: parameters(*nm),
                                     label="parameters of a dense layer", domain_name="1 ≤ n, m ≤ 8",
                                     complete=False, describe=lambda nm: {"n": nm[0], "m": nm[1]}),
        "forward": lambda: identity(ctx, layers(), lambda layer: impl.dense(layer.x, layer.weight, layer.bias),
                                    lambda layer: sigmoid(layer.weight @ layer.x + layer.bias),
                                    label="F[θ](x) = σ(Wx + b)", describe=describe_layer, max_examples=40),
    })


@TOPIC.claim(
    "misc.residual_identity_at_zero",
    method="sympy",
    faithful=("000", "003"),
    references=(HE,),
)
def residual_identity_at_zero(ctx: Context) -> Outcome:
    """The residual layer is the identity at zero parameters.

    F[W, b](x) = x + (φ(Wx + b) - φ(0)), hence F[0, 0](x) = x + φ(0) - φ(0) = x for every activation φ:
    proved with SymPy for an undefined φ; the implementation's residual layer returns x at W = 0, b = 0 and
    x + σ(Wx + b) - σ(0) elsewhere.
    """
    impl = ctx.impl()
    x, w, b = sympy.symbols("x w b", real=True)
    phi = sympy.Function("varphi")
    layer = x + (phi(w * x + b) - phi(0))

    def at_zero(layer_: Layer) -> Comparison:
        zero_w, zero_b = np.zeros_like(layer_.weight), np.zeros_like(layer_.bias)
        return close(impl.residual(layer_.x, zero_w, zero_b), layer_.x, label="F[0, 0](x)", rtol=0.0,
                     atol=within_tolerance(layer_.x, 1.0, operations=4))

    return all_of({
        "any φ": lambda: symbolic(ctx, ("F[0,0](x)", layer.subs({w: 0, b: 0})), ("x", x)),
        "at zero": lambda: for_all(ctx, layers(square=True), at_zero, describe=describe_layer, max_examples=30),
        "elsewhere": lambda: identity(ctx, layers(square=True),
                                      lambda layer_: impl.residual(layer_.x, layer_.weight, layer_.bias),
                                      lambda layer_: layer_.x + sigmoid(layer_.weight @ layer_.x + layer_.bias) - 0.5,
                                      label="x + σ(Wx + b) - σ(0)", atol=within_tolerance(1.0, operations=4),
                                      describe=describe_layer, max_examples=30),
    })


def residual_jacobian_terms(blocks: int) -> sympy.Expr:
    """The Jacobian Π_l (I + A_l) of ``blocks`` composed linear residual blocks x ↦ x + A_l x, expanded
    with non-commuting A_l: each monomial is one path (a choice of skipped and traversed blocks)."""
    factors = sympy.symbols(f"A1:{blocks + 1}", commutative=False)
    return sympy.expand(sympy.Mul(*[1 + a for a in reversed(factors)]))


@TOPIC.claim(
    "misc.residual_paths_exponential",
    method="exhaustive",
    canonical=Formula("2^L", lambda blocks: 2**blocks),
    printed={"003": Printed(Formula("2^L", lambda blocks: 2**blocks),
                            reading="'Number of paths grows exponentially' given its constant: L composed blocks "
                                    "x ↦ x + F_l(x) have 2^L input-output paths (each block skipped or traversed), "
                                    "the unravelled view of Veit et al.")},
    references=(VEIT,),
    uses_impl=False,
)
def residual_paths_exponential(ctx: Context, paths: Formula) -> Outcome:
    """Composed residual blocks have exponentially many paths.

    The composition of L blocks x ↦ x + A_l x (linear, so that the Jacobian is the network) is Π_l (I + A_l);
    expanded with non-commuting A_l it has one monomial per subset of traversed blocks: 2^L paths, C(L, k) of
    them through k blocks. Counted for L = 1..8.
    """
    def by_length(blocks: int) -> list[Comparison]:
        terms = sympy.Add.make_args(residual_jacobian_terms(blocks))
        lengths = [len(sympy.Mul.make_args(term)) if term != 1 else 0 for term in terms]
        return [equal(len(terms), paths(blocks), label="paths"),
                equal([lengths.count(k) for k in range(blocks + 1)],
                      [sympy.binomial(blocks, k) for k in range(blocks + 1)], label="paths through k blocks")]

    return for_each(ctx, range(1, 9), by_length, domain_name="L = 1..8", complete=False,
                    describe=lambda blocks: {"L": blocks})


SOFTMAX = Formula(r"\frac{\exp(x_\omega^\top y_\nu)}{\sum_u \exp(x_\omega^\top y_u)}",
                  lambda scores: np.exp(scores - np.logaddexp.reduce(scores)))


@TOPIC.claim(
    "misc.word2vec_softmax",
    method="property",
    canonical=SOFTMAX,
    faithful=("003",),
    printed={"000": Printed(SOFTMAX, reading="The OCR left the summand outside the fraction ('\\frac{exp(x_w^T "
                                             "y_μ)}{\\sum_μ} exp(x_w^T y_μ)'): a sum with no summand is no formula; "
                                             "read as the softmax over output words μ, as document 003:256 prints "
                                             "it.")},
    references=(MIKOLOV,),
)
def word2vec_softmax(ctx: Context, probability: Formula) -> Outcome:
    """The skip-gram softmax.

    P(ν | ω) = exp(x_ωᵀ y_ν) / Σ_u exp(x_ωᵀ y_u): compared (with the log-sum-exp) with the implementation's
    probabilities for embeddings whose scores reach ±4000, where an unshifted exponential overflows (a NaN
    or infinite probability is a wrong value here, not a broken implementation).
    """
    impl = ctx.impl()

    def prop(pair: tuple[np.ndarray, np.ndarray]) -> Comparison:
        center, outputs = pair
        expected = probability(outputs @ center)
        return close(impl.word2vec_probabilities(center, outputs), expected, label="P(ν | ω)", rtol=1e-9,
                     atol=within_tolerance(1.0, operations=8 * len(expected)))

    return for_all(ctx, embeddings(), prop, max_examples=40,
                   describe=lambda p: {"x_ω": p[0].tolist(), "y": p[1].tolist()})
