"""Softmax sₖ(z) = e^{zₖ}/Σⱼ e^{zⱼ} and the Jacobians of softmax and of the element-wise sigmoid.

In float64 e^{zₖ} overflows for zₖ > 709.8: an implementation must subtract max(z) first (which the
shift invariance below allows); one that does not returns NaN on large logits, and the checks
below, which draw logits up to ±1e300, refute it at the input where it does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import numpy as np
import sympy

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

from . import TOPIC
from .forms import DEFINITIONS, chain_holds, float_examples, formula
from .strategies import logits, shifted_logits

K = 3
"""Symbolic proofs use three logits, so that every sum has a term other than i and j. Softmax and the
element-wise sigmoid commute with permutations of their inputs, so entry i = 1 (and (1, 1), (1, 2) of a
Jacobian) stands for every other after relabelling the logits: only those are proved."""
ENTRIES = ((0, 0), (0, 1))
LOGITS = sympy.symbols(f"z_1:{K + 1}", real=True)


@TOPIC.claim(
    "activations.softmax_shift_invariance",
    method="sympy",
    canonical=Formula(r"z_i + c", lambda logit, c: logit + c),
    faithful=("001",),
)
def softmax_shift_invariance(ctx: Context, shift: Formula) -> Outcome:
    """Softmax is over-parameterized: adding one constant to every logit changes nothing.

    softmax(z + c𝟙) = softmax(z) for every real c; with logits zᵢ = x·θᵢ, adding one vector c to
    every θᵢ adds the constant x·c to every logit. Checked on logits in [-1e4, 1e4] shifted by integers
    up to ±1e6 (the shifted logits round by up to ε|z + c|, hence a tolerance of 64ε(|z| + |c|)),
    then proved for the first of three logits.
    """
    impl = ctx.impl()
    c = sympy.Symbol("c", real=True)

    def unchanged(case: tuple[np.ndarray, float]) -> Comparison:
        logit, constant = case
        with np.errstate(all="ignore"):
            moved, original = impl.softmax(shift(logit, constant)), impl.softmax(logit)
        return close(moved, original, label="softmax(z + c) = softmax(z)", rtol=0.0,
                     atol=within_tolerance(moved, original, logit, constant))

    def proof(i: int) -> Outcome:
        return symbolic(ctx, (f"softmax(z + c)_{i + 1}", DEFINITIONS.softmax([shift(zj, c) for zj in LOGITS])[i]),
                        (f"softmax(z)_{i + 1}", DEFINITIONS.softmax(LOGITS)[i]))

    return all_of({
        "float64": lambda: for_all(ctx, shifted_logits(), unchanged, max_examples=float_examples(ctx),
                                   describe=lambda case: {"z": case[0].tolist(), "c": case[1]}),
        "entry 1": partial(proof, 0),
    })


@TOPIC.claim(
    "activations.softmax_k2_sigmoid",
    method="sympy",
    canonical=formula(r"\sigma(z_1 - z_2)", lambda f, x: f.sigmoid(x[0] - x[1])),
    faithful=("001",),
)
def softmax_k2_sigmoid(ctx: Context, stated: Formula) -> Outcome:
    """Two-class softmax is the logistic unit.

    For k = 2, softmax(z)₁ = e^{z₁}/(e^{z₁} + e^{z₂}) = σ(z₁ - z₂); with zᵢ = x·θᵢ this is σ(x·θ) for
    θ = θ₁ - θ₂.
    """
    first = formula(r"\mathrm{softmax}(z_1, z_2)_1", lambda f, x: f.softmax(x)[0])
    return chain_holds(ctx, (first, stated), logits(sizes=(2, 2)), at=LOGITS[:2])


Entry = Callable[[Any, Sequence[Any], int, int], Any]
"""The (i, j) entry of a Jacobian as a formula in the activation library f and the input x."""


def jacobian_holds(ctx: Context, stated: Formula, method: str, definition: Callable[[Sequence[Any]], list[Any]]
                   ) -> Outcome:
    """The implementation's Jacobian (``method``) equals the stated entries computed from its values
    (to 64 roundings of 1: a 1 - s that cancels is only that exact), on logit vectors of length 2 to 4
    up to ±1e300; then the entries (1, 1) and (1, 2) of the Jacobian of the definition (three inputs)
    proved equal to the stated ones."""
    impl = ctx.impl()

    def agree(x: np.ndarray) -> Comparison:
        with np.errstate(all="ignore"):
            computed = getattr(impl, method)(x)
            expected = np.array([[stated(impl, x, i, j) for j in range(len(x))] for i in range(len(x))], dtype=float)
        return close(computed, expected, label=f"J = {stated.latex}", rtol=1e-9,
                     atol=within_tolerance(computed, expected, 1.0))

    outputs = definition(LOGITS)

    def entry(i: int, j: int) -> Outcome:
        return symbolic(ctx, (rf"\partial_{{{j + 1}}} f_{{{i + 1}}}", sympy.diff(outputs[i], LOGITS[j])),
                        (f"stated entry ({i + 1}, {j + 1})", stated(DEFINITIONS, LOGITS, i, j)))

    return all_of({
        "float64": lambda: for_all(ctx, logits(), agree, describe=lambda x: x.tolist(),
                                   max_examples=float_examples(ctx)),
        **{f"entry ({i + 1}, {j + 1})": partial(entry, i, j) for i, j in ENTRIES},
    })


SOFTMAX_JACOBIAN = Formula(r"s_i(\delta_{ij} - s_j)",
                           lambda f, x, i, j: f.softmax(x)[i] * (int(i == j) - f.softmax(x)[j]))
SOFTMAX_JACOBIAN_CASES = Formula(
    r"\begin{cases} s_i(1-s_i) & i=j \\ -s_i s_j & i\neq j\end{cases}",
    lambda f, x, i, j: f.softmax(x)[i] * (1 - f.softmax(x)[i]) if i == j else -f.softmax(x)[i] * f.softmax(x)[j],
)


@TOPIC.claim(
    "activations.softmax_jacobian",
    method="sympy",
    canonical=SOFTMAX_JACOBIAN,
    faithful=("003",),
    printed={"001": Printed(SOFTMAX_JACOBIAN_CASES,
                            reading="∇_{x_j} σ_i^max is read as the derivative with respect to the j-th logit "
                                    "x·θ_j (the line writes x_j for it); the two cases are s_i(δ_ij - s_j).")},
)
def softmax_jacobian(ctx: Context, stated: Formula) -> Outcome:
    """The softmax Jacobian.

    ∂ softmax(z)ᵢ / ∂zⱼ = sᵢ(δᵢⱼ - sⱼ), s = softmax(z): sᵢ(1 - sᵢ) on the diagonal, -sᵢsⱼ off it.
    """
    return jacobian_holds(ctx, stated, "softmax_jacobian", DEFINITIONS.softmax)


@TOPIC.claim(
    "activations.sigmoid_jacobian_diag",
    method="sympy",
    canonical=Formula(r"\mathrm{diag}(\sigma(x)\odot(1-\sigma(x)))",
                      lambda f, x, i, j: int(i == j) * f.sigmoid(x[i]) * (1 - f.sigmoid(x[i]))),
    faithful=("002",),
)
def sigmoid_jacobian_diag(ctx: Context, stated: Formula) -> Outcome:
    """The Jacobian of the element-wise sigmoid is diagonal.

    J_σ(x) = diag(σ(x) ⊙ (1 - σ(x))): ∂σ(xᵢ)/∂xⱼ = 0 for i ≠ j and σ(xᵢ)(1 - σ(xᵢ)) for i = j.
    """
    return jacobian_holds(ctx, stated, "sigmoid_jacobian", lambda x: [DEFINITIONS.sigmoid(xi) for xi in x])
