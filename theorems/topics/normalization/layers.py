"""Standardisation, batch and layer normalisation, and the scale invariance of BN, LN and WN.

The implementation is compared with the definitions on every generated batch. Its rounding is
amplified by the centring: x - μ loses the digits that x and μ share, and division by σ scales what
is left, so the tolerance is 64 roundings per summed entry of max|x|/√(σ² + ε) (times |γ|, plus |β|).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import sympy

from impls.normalization import standardized
from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    close,
    for_all,
    symbolic,
    within_tolerance,
)

from . import BA, IOFFE, SALIMANS, TOPIC
from .strategies import Batch, batches, scaled_batches


def slack(batch: Batch, axis: int) -> float:
    """The rounding allowance of a normalisation of ``batch`` along ``axis`` (see the module's docstring)."""
    x = batch.x
    spread = np.sqrt(np.var(x, axis=axis) + batch.eps)
    amplified = float(np.max(np.abs(x)) / np.min(spread))
    return within_tolerance(amplified * (1 + np.max(np.abs(batch.gamma))) + np.max(np.abs(batch.beta)),
                            operations=64 * x.shape[axis])


AXES = {"batch_norm": 0, "layer_norm": 1}
"""The axis each method normalises along: batch norm over the samples of a feature, layer norm over the
features of a sample."""


def standardizes(ctx: Context, method: str) -> Outcome:
    """With γ = 1, β = 0 the output has mean 0 and biased variance V/(V + ε) along the method's axis, and
    with γ, β it is β + γ times that output."""
    impl, axis = ctx.impl(), AXES[method]
    normalise = getattr(impl, method)

    def prop(batch: Batch) -> list[Comparison]:
        ones, zeros = np.ones_like(batch.gamma), np.zeros_like(batch.beta)
        y = normalise(batch.x, ones, zeros, batch.eps)
        variance = np.var(batch.x, axis=axis)
        atol = slack(batch, axis)
        return [
            close(np.mean(y, axis=axis), np.zeros_like(variance), label=f"{method}: E[x̃] = 0", rtol=0, atol=atol),
            close(np.mean((y - y.mean(axis=axis, keepdims=True)) ** 2, axis=axis), variance / (variance + batch.eps),
                  label=f"{method}: V[x̃] = V/(V + ε)", rtol=0, atol=atol),
            close(normalise(batch.x, batch.gamma, batch.beta, batch.eps), batch.beta + batch.gamma * y,
                  label=f"{method}: x̃[β, γ] = β + γ x̃", rtol=0, atol=atol),
        ]

    return for_all(ctx, batches(), prop, describe=Batch.describe)


def sample_moments() -> tuple[list[sympy.Symbol], sympy.Expr, sympy.Expr]:
    """A symbolic sample f₁…f₄, its mean E[f] and its (biased) variance V[f]."""
    f = list(sympy.symbols("f1:5", real=True))
    mean = sum(f) / len(f)
    return f, mean, sum((fi - mean) ** 2 for fi in f) / len(f)


@TOPIC.claim(
    "normalization.standardization",
    method="property",
    faithful=("000",),
    references=(IOFFE,),
)
def standardization(ctx: Context) -> Outcome:
    """The standardised feature has mean 0 and variance 1.

    For any sample with mean E[f] and variance V[f] > 0, ⫿(f) = (f - E[f])/√V[f] has E[⫿(f)] = 0 and
    V[⫿(f)] = 1 under the same (empirical) distribution: proved in SymPy on a symbolic sample of 4.
    Batch norm (over the batch) and layer norm (over the units) of the implementation have mean 0 and
    variance V/(V + ε) (the ε > 0 under the root, → 1 as ε → 0), and their affine version is β + γ⫿(f)
    (line 684).
    """
    f, mean, variance = sample_moments()
    s = [(fi - mean) / sympy.sqrt(variance) for fi in f]
    s_mean = sum(s) / len(s)
    return all_of({
        "E[⫿(f)] = 0": lambda: symbolic(ctx, (r"E[⫿(f)]", s_mean), ("0", sympy.Integer(0))),
        "V[⫿(f)] = 1": lambda: symbolic(ctx, (r"V[⫿(f)]", sum((si - s_mean) ** 2 for si in s) / len(s)),
                                        ("1", sympy.Integer(1))),
        "batch norm": lambda: standardizes(ctx, "batch_norm"),
        "layer norm": lambda: standardizes(ctx, "layer_norm"),
    })


def matches_definition(ctx: Context, method: str, stated: Formula) -> Outcome:
    """The implementation's ``method`` is γ·stated(x, ε) + β on every generated batch."""
    impl, axis = ctx.impl(), AXES[method]

    def prop(batch: Batch) -> Comparison:
        return close(getattr(impl, method)(batch.x, batch.gamma, batch.beta, batch.eps),
                     batch.gamma * stated(batch.x, batch.eps) + batch.beta,
                     label=f"{method} = γ·{stated.latex} + β", rtol=0, atol=slack(batch, axis))

    return for_all(ctx, batches(), prop, describe=Batch.describe)


BATCH_NORM = Formula(r"\frac{z-\mu_B}{\sqrt{\sigma_B^2+\varepsilon}},\ \sigma_B^2 = \frac1b\sum_i (z_i-\mu_B)^2",
                     lambda x, eps: standardized(x, 0, eps))
LAYER_NORM = Formula(r"\frac{f_i-E[f]}{\sqrt{V[f]+\varepsilon}},\ V[f] = \frac1m\sum_i (f_i-E[f])^2",
                     lambda x, eps: standardized(x, 1, eps))


@TOPIC.claim(
    "normalization.batchnorm_def",
    method="property",
    canonical=BATCH_NORM,
    faithful=("003",),
    references=(IOFFE,),
)
def batchnorm_def(ctx: Context, stated: Formula) -> Outcome:
    """Batch normalisation standardises each feature with its batch statistics.

    z̃ = (z - μ_B)/σ_B, ẑ = α z̃ + β, with the batch mean μ_B and the biased batch standard deviation
    σ_B = √((1/b) Σ (z_i - μ_B)²) (Ioffe & Szegedy add ε under the root; the printed form is its limit
    ε → 0, generated down to ε = 10⁻⁸). Checked on the implementation's batch norm in training mode.
    """
    return matches_definition(ctx, "batch_norm", stated)


@TOPIC.claim(
    "normalization.layernorm_def",
    method="property",
    canonical=LAYER_NORM,
    faithful=("000",),
    references=(BA,),
)
def layernorm_def(ctx: Context, stated: Formula) -> Outcome:
    """Layer normalisation standardises each sample over the units of its layer.

    f̃_i = (f_i - E[f])/√V[f] with E[f] = (1/m) Σ f_i and the biased V[f] = (1/m) Σ (f_i - E[f])² over
    the m units (lines 698-704; ε added under the root as in Ba et al.). Checked on the implementation.
    """
    return matches_definition(ctx, "layer_norm", stated)


def weight_normalized(v: np.ndarray, g: np.ndarray) -> np.ndarray:
    """w_i = g_i v_i/‖v_i‖ for each row v_i, the norm taken after scaling by the largest |v_ij| (no overflow)."""
    top = np.max(np.abs(v), axis=1, keepdims=True)
    return g[:, None] * (v / top) / np.sqrt(np.sum((v / top) ** 2, axis=1, keepdims=True))


RESCALED_EPS = Formula(r"N_\varepsilon(cz) = N_{\varepsilon/c^2}(z)",
                       lambda normalise, batch, c: normalise(batch.x, batch.gamma, batch.beta, batch.eps / c**2))


@TOPIC.claim(
    "normalization.scale_invariance",
    method="property",
    canonical=RESCALED_EPS,
    printed={"001": Printed(RESCALED_EPS,
                            reading="'BN, LN and WN are scale-invariant', with the δ under the root of the layer "
                                    "norm printed just above (line 627): exact at δ = 0; for δ > 0 read as "
                                    "N_δ(cz) = N_{δ/c²}(z), which tends to N(z) as δ/c² → 0 (N_δ(cz) = N_δ(z) "
                                    "itself is false for δ > 0).")},
    references=(IOFFE, BA, SALIMANS),
)
def scale_invariance(ctx: Context, stated: Formula) -> Outcome:
    """Batch, layer and weight normalisation are invariant to rescaling.

    Scaling the incoming weights of a layer by c > 0 scales its pre-activations z = Wx by c. Batch and
    layer norm with ε under the root satisfy N_ε(cz) = N_{ε/c²}(z) exactly, so they are invariant at
    ε = 0 and up to the change ε → ε/c² otherwise (PyTorch's batch norm refuses ε = 0 in training, so
    the identity is checked at ε > 0); weight normalisation w = g v/‖v‖ gives the same w for cv as for v,
    the implementation's w being first compared with g_i v_i/‖v_i‖ computed here.
    """
    impl = ctx.impl()

    def prop(case: tuple[Batch, float]) -> list[Comparison]:
        batch, c = case
        checks = []
        for method, axis in AXES.items():
            normalise = getattr(impl, method)
            scaled = normalise(c * batch.x, batch.gamma, batch.beta, batch.eps)
            checks.append(close(scaled, stated(normalise, batch, c), label=f"{method}: {stated.latex}", rtol=0,
                                atol=slack(replace(batch, eps=batch.eps / c**2), axis)))
        w, expected = impl.weight_norm(c * batch.x.T, batch.x[0]), impl.weight_norm(batch.x.T, batch.x[0])
        checks.append(close(expected, weight_normalized(batch.x.T, batch.x[0]), label="weight_norm: w = g v/‖v‖",
                            rtol=0, atol=within_tolerance(expected, operations=64 * batch.x.shape[0])))
        checks.append(close(w, expected, label="weight_norm: w(cv) = w(v)", rtol=0,
                            atol=within_tolerance(w, expected, operations=64 * batch.x.shape[0])))
        return checks

    return for_all(ctx, scaled_batches(), prop, describe=lambda case: {**case[0].describe(), "c": case[1]})
