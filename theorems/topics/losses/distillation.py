"""Knowledge distillation: the tempered cross-entropy of a student's logits G against a teacher's F,
and its gradient.

With p = softmax(F/T) and q = softmax(G/T), the loss that distillation minimises is the cross-entropy
ℓ = -Σ_y p_y log q_y = -Σ_y p_y [G_y/T - ln Σ_μ e^{G_μ/T}], and ∂ℓ/∂G_y = (q_y - p_y)/T (Hinton,
Vinyals & Dean 2015, §2, where the loss is also multiplied by T², which changes neither statement's
form). Logits up to ±1e100 and temperatures from 0.01 to 100 push G/T far past the overflow of e^{G/T}.
"""

from __future__ import annotations

from typing import Any

import sympy

from theorems.engine import Context, Formula, Outcome, Printed, all_of

from . import HINTON, TOPIC
from .forms import FLOAT64, SYMBOLIC, agrees, proved_entries
from .softmax import K
from .strategies import distillations

F = sympy.symbols(f"F_1:{K + 1}", real=True)
G = sympy.symbols(f"G_1:{K + 1}", real=True)
T = sympy.Symbol("T", positive=True)


def scaled(logits: Any, temperature: Any) -> list[Any]:
    return [value / temperature for value in logits]


def tempered_cross_entropy(m: Any, teacher: Any, student: Any, temperature: Any) -> Any:
    """The definition: -Σ_y softmax(F/T)_y log softmax(G/T)_y."""
    return -sum(p * m.log(q) for p, q in zip(m.softmax(scaled(teacher, temperature)),
                                             m.softmax(scaled(student, temperature)), strict=True))


def logit_scale(case: dict[str, Any]) -> tuple[Any, ...]:
    """The magnitudes a tempered loss is computed from: the scaled logits F/T and G/T."""
    return case["F"] / case["T"], case["G"] / case["T"]


@TOPIC.claim(
    "losses.distillation_tempered_ce",
    method="sympy",
    canonical=Formula(r"-\sum_y p_y(F/T)\,[G_y/T-\ln\sum_\mu e^{G_\mu/T}]",
                      lambda m, teacher, student, t: -sum(p * (g / t - m.logsumexp(scaled(student, t))) for p, g in
                                                          zip(m.softmax(scaled(teacher, t)), student, strict=True))),
    printed={"000": Printed(
        Formula(r"\sum_y p_y(F/T)\,[G_y/T-\ln\sum_\mu e^{F_\mu/T}]",
                lambda m, teacher, student, t: sum(p * (g / t - m.logsumexp(scaled(teacher, t))) for p, g in
                                                   zip(m.softmax(scaled(teacher, t)), student, strict=True))),
        reading="G_{y(x)} is read as G_y(x), the student's logit of the summed class y. As printed the bracket's "
                "log-sum-exp runs over the teacher's logits F and the sum is not negated: this is not the "
                "cross-entropy of the student's softmax(G/T) (its gradient in G is p(F/T)/T, never zero), and it "
                "is checked against the tempered cross-entropy that distillation minimises.")},
    references=(HINTON,),
)
def distillation_tempered_ce(ctx: Context, stated: Formula) -> Outcome:
    """The tempered cross-entropy of distillation, in logits.

    For teacher logits F, student logits G and a temperature T > 0: ℓ = -Σ_y p_y log q_y with
    p = softmax(F/T), q = softmax(G/T), equal to -Σ_y p_y [G_y/T - ln Σ_μ e^{G_μ/T}]. Checked: the
    implementation's loss (cross-entropy with probability targets, for an adapter) equals the formula
    for K = 2..4 classes, logits up to ±1e100, T in [0.01, 100]; then proved for three classes.
    """
    impl = ctx.impl()
    return all_of({
        "float64": lambda: agrees(
            ctx, distillations(), lambda c: impl.distillation_loss(c["F"], c["G"], c["T"]),
            lambda c: stated(FLOAT64, c["F"], c["G"], c["T"]), label=f"ℓ = {stated.latex}", scale=logit_scale),
        **proved_entries(ctx, {"algebra": ((r"-\sum_y p_y\log q_y", tempered_cross_entropy(SYMBOLIC, F, G, T)),
                                           (stated.latex, stated(SYMBOLIC, F, G, T)))}),
    })


@TOPIC.claim(
    "losses.distillation_gradient",
    method="sympy",
    canonical=Formula(r"\frac1T\,[q_y(G/T)-p_y(F/T)]",
                      lambda m, teacher, student, t: [(q - p) / t for q, p in zip(
                          m.softmax(scaled(student, t)), m.softmax(scaled(teacher, t)), strict=True)]),
    printed={"000": Printed(
        Formula(r"\frac1T\,[p_y(F/T)-q_y(G/T)]",
                lambda m, teacher, student, t: [(p - q) / t for q, p in zip(
                    m.softmax(scaled(student, t)), m.softmax(scaled(teacher, t)), strict=True)]),
        reading="Read as printed: (1/T)[e^{F_y/T}/Σ e^{F_μ/T} - e^{G_y/T}/Σ e^{G_μ/T}] = (p_y - q_y)/T. This is the "
                "gradient of -ℓ, the log-likelihood Σ_y p_y ln q_y (line 710's bracket with its log-sum-exp "
                "over G, not negated); of the loss distillation minimises it has the opposite sign (Hinton et "
                "al. 2015: ∂C/∂z_i = (q_i - p_i)/T), so a gradient step along it increases the loss.")},
    references=(HINTON,),
)
def distillation_gradient(ctx: Context, stated: Formula) -> Outcome:
    """The gradient of the tempered cross-entropy with respect to the student's logits.

    ∂ℓ/∂G_y = (1/T)[softmax(G/T)_y - softmax(F/T)_y] for ℓ = -Σ_y softmax(F/T)_y log softmax(G/T)_y: zero
    exactly when the student's tempered softmax matches the teacher's. Checked: the implementation's
    gradient (autograd, for an adapter) equals the formula for K = 2..4 classes, logits up to ±1e100,
    T in [0.01, 100] (to 64ε/T absolute: a difference of two probabilities, scaled by 1/T); then the
    derivative in G₁ proved for three classes (the loss is symmetric under relabelling the classes, so
    G₁ stands for every other).
    """
    impl = ctx.impl()
    loss, gradient = tempered_cross_entropy(SYMBOLIC, F, G, T), stated(SYMBOLIC, F, G, T)
    return all_of({
        "float64": lambda: agrees(
            ctx, distillations(), lambda c: impl.distillation_gradient(c["F"], c["G"], c["T"]),
            lambda c: stated(FLOAT64, c["F"], c["G"], c["T"]), label=f"∂ℓ/∂G = {stated.latex}",
            scale=lambda c: (1 / c["T"],)),
        **proved_entries(ctx, {"G_1": ((r"\partial\ell/\partial G_1", sympy.diff(loss, G[0])),
                                       ("entry 1", gradient[0]))}),
    })
