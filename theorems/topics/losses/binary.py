"""Two-class losses: the binary cross-entropy (labels 0/1) and the logistic loss (labels ±1), and their
gradients for a linear logit θ·x.

In float64 log(1 + e^{-t}) computed as written is inf for t < -709.8, and 1 + e^{-t} rounds to 1 for
t > 36.7: the losses are compared with the stable -log σ(t) = logaddexp(0, -t), to 64ε absolute (the
rounding of 1 + e^{-|t|}) plus 64 roundings of the result.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy

from theorems.engine import Context, Formula, Outcome, Printed, all_of

from . import TOPIC
from .forms import FLOAT64, SYMBOLIC, agrees, dot, proved_entries
from .strategies import labelled_logits, linear_cases

N = 2
"""Gradient proofs run in R²; the loss depends on w only through w·x, which is symmetric in the
coordinates, so the first entry stands for every other after relabelling them: only it is proved."""
W = sympy.symbols(f"w_1:{N + 1}", real=True)
X = sympy.symbols(f"x_1:{N + 1}", real=True)
z = sympy.Symbol("z", real=True)
y = sympy.Symbol("y", real=True)


def binary_cross_entropy(m: Any, logit: Any, label: Any) -> Any:
    """The definition: -y log σ(z) - (1 - y) log(1 - σ(z))."""
    return -label * m.log(m.sigmoid(logit)) - (1 - label) * m.log(1 - m.sigmoid(logit))


def gradient_entries(ctx: Context, loss: Any, stated: Formula) -> dict[str, Any]:
    """∂ loss(w)/∂w₁ equals the first entry of the stated gradient, proved."""
    return proved_entries(ctx, {"entry 1": ((r"\partial_{w_1}\ell", sympy.diff(loss, W[0])),
                                            (stated.latex, stated(SYMBOLIC, W, X, y)[0]))})


SIGN_FORM = Formula(r"-\log\sigma((2y-1)z)", lambda m, logit, label: -m.log_sigmoid((2 * label - 1) * logit))


@TOPIC.claim(
    "losses.binary_ce_sign_form",
    method="sympy",
    canonical=SIGN_FORM,
    faithful=("000",),
    printed={"003": Printed(SIGN_FORM, reading="-log σ(2y-1)z is read as -log σ((2y-1)z): the argument's "
                                               "parentheses are lost (document 000 prints them); read "
                                               "literally as -z log σ(2y - 1) it is false (y = 1, z = 0: "
                                               "log 2 against 0).")},
)
def binary_ce_sign_form(ctx: Context, stated: Formula) -> Outcome:
    """The binary cross-entropy is the logistic loss of the signed logit.

    For y ∈ {0, 1}: ℓ(y, z) = -y log σ(z) - (1 - y) log(1 - σ(z)) = -log σ((2y - 1)z) = log(1 + e^{-(2y-1)z}),
    i.e. softplus(-(2y - 1)z). Checked: the implementation's binary cross-entropy from logits equals the
    stated form on float64 logits up to ±1e300 (where log(1 - σ(z)) computed as written is -inf); then
    proved for y = 0 and y = 1.
    """
    impl = ctx.impl()
    return all_of({
        "float64": lambda: agrees(
            ctx, labelled_logits((0, 1)), lambda c: impl.binary_cross_entropy(c["z"], c["y"]),
            lambda c: stated(FLOAT64, c["z"], c["y"]), label=f"ℓ(y, z) = {stated.latex}", scale=lambda _: (1.0,)),
        **proved_entries(ctx, {
            f"y = {label}": ((r"-y\log\sigma(z)-(1-y)\log(1-\sigma(z))", binary_cross_entropy(SYMBOLIC, z, label)),
                             (stated.latex, stated(SYMBOLIC, z, label)))
            for label in (0, 1)}),
    })


@TOPIC.claim(
    "losses.logistic_regression_gradient",
    method="sympy",
    canonical=Formula(r"[\sigma(w^\top x)-y]\,x", lambda m, w, x, label: [(m.sigmoid(dot(w, x)) - label) * xi
                                                                          for xi in x]),
    faithful=("000", "003"),
)
def logistic_regression_gradient(ctx: Context, stated: Formula) -> Outcome:
    """The gradient of logistic regression's cross-entropy.

    For ℓᵢ(w) = ℓ(yᵢ, wᵀxᵢ), the binary cross-entropy of the logit wᵀxᵢ against yᵢ ∈ {0, 1}:
    ∇_w ℓᵢ = [σ(wᵀxᵢ) - yᵢ] xᵢ. Checked: the implementation's gradient (autograd through the loss, for
    an adapter) equals the formula on w, x in dimension 1 to 3 with entries up to ±1e100 (to 64ε|x|
    absolute: σ - y is computed to ε); then its first entry proved in R² for every real y.
    """
    impl = ctx.impl()
    return all_of({
        "float64": lambda: agrees(
            ctx, linear_cases((0, 1)), lambda c: impl.binary_cross_entropy_gradient(c["theta"], c["x"], c["y"]),
            lambda c: stated(FLOAT64, c["theta"], c["x"], c["y"]), label=f"∇ℓ = {stated.latex}",
            scale=lambda c: (c["x"],)),
        **gradient_entries(ctx, binary_cross_entropy(SYMBOLIC, dot(W, X), y), stated),
    })


@TOPIC.claim(
    "losses.logistic_pm1_gradient",
    method="sympy",
    canonical=Formula(r"-\sigma(-y\,x\cdot\theta)\,y\,x",
                      lambda m, w, x, label: [-m.sigmoid(-label * dot(w, x)) * label * xi for xi in x]),
    faithful=("001",),
)
def logistic_pm1_gradient(ctx: Context, stated: Formula) -> Outcome:
    """The logistic loss for labels ±1 and its gradient.

    For y ∈ {-1, +1}: l(x, y; θ) = -log σ(y x·θ) = log(1 + e^{-y x·θ}) = softplus(-y x·θ), and
    ∇_θ l = -σ(-y x·θ) y x. Checked: the implementation's loss equals softplus(-yz) on logits up to
    ±1e300; its gradient (autograd, for an adapter) equals the formula on θ, x in dimension 1 to 3 with
    entries up to ±1e100 (to 64ε|x| absolute); then the gradient's first entry proved in R² for every
    real y.
    """
    impl = ctx.impl()
    return all_of({
        "loss, float64": lambda: agrees(
            ctx, labelled_logits((-1, 1)), lambda c: impl.logistic_loss(c["z"], c["y"]),
            lambda c: np.logaddexp(0.0, -c["y"] * c["z"]), label="l(z, y) = softplus(-yz)", scale=lambda _: (1.0,)),
        "gradient, float64": lambda: agrees(
            ctx, linear_cases((-1, 1)), lambda c: impl.logistic_loss_gradient(c["theta"], c["x"], c["y"]),
            lambda c: stated(FLOAT64, c["theta"], c["x"], c["y"]), label=f"∇l = {stated.latex}",
            scale=lambda c: (c["x"],)),
        **gradient_entries(ctx, -SYMBOLIC.log_sigmoid(y * dot(W, X)), stated),
    })

