"""Adam and AMSGrad: the update, its moments, the bias correction and the default decay rates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import sympy

from theorems.engine import Context, Formula, Outcome, Printed, close, for_each, symbolic

from . import KINGMA_BA, REDDI, TOPIC
from .adaptive import ADAM, ADAM_000, AMSGRAD, Rule, bias_corrected_as_in_001, same_iterates


@TOPIC.claim(
    "optim.adam_update",
    method="property",
    canonical=ADAM,
    printed={
        "000": Printed(ADAM_000, reading="No bias correction and δ inside the root (lines 211-215)."),
        "001": Printed(replace(ADAM, step=bias_corrected_as_in_001), reading="β is β₁, α is β₂ (lines 456-466)."),
        "002": Printed(ADAM, reading="m̂, v̂ are named bias corrections but not written out; read as Kingma & Ba's."),
        "004": Printed(ADAM, reading="m̂, v̂ are named bias corrections but not written out; read as Kingma & Ba's."),
    },
    references=(KINGMA_BA, "torch.optim.Adam"),
)
def adam_update(ctx: Context, rule: Rule) -> Outcome:
    """Adam update

    m_t = β₁m_{t-1} + (1-β₁)g_t, v_t = β₂v_{t-1} + (1-β₂)g_t², m̂ = m_t/(1-β₁^t), v̂ = v_t/(1-β₂^t), x_{t+1} =
    x_t - η m̂/(√v̂ + ε) (Kingma & Ba 2015; torch.optim.Adam).
    """
    return same_iterates(ctx, rule, "adam")


@TOPIC.claim(
    "optim.adam_first_moment",
    method="property",
    canonical=ADAM,
    printed={"001": Printed(ADAM, reading="Checked inside the full Adam step of line 464.")},
    references=(KINGMA_BA,),
)
def adam_first_moment(ctx: Context, rule: Rule) -> Outcome:
    """Adam's first moment

    m_k = β m_{k-1} + (1-β) ∇f(x_k), m_0 = 0, inside Adam.
    """
    return same_iterates(ctx, rule, "adam")


@TOPIC.claim(
    "optim.adam_second_moment",
    method="property",
    canonical=ADAM,
    printed={"001": Printed(ADAM, reading="Checked inside the full Adam step of line 464.")},
    references=(KINGMA_BA,),
)
def adam_second_moment(ctx: Context, rule: Rule) -> Outcome:
    """Adam's second moment

    γ_k = α γ_{k-1} + (1-α) ∇f(x_k)⊙∇f(x_k), γ_0 = 0, inside Adam.
    """
    return same_iterates(ctx, rule, "adam")


@TOPIC.claim(
    "optim.adam_second_moment_bias_correction",
    method="property",
    canonical=ADAM,
    printed={
        "001": Printed(replace(ADAM, step=bias_corrected_as_in_001),
                       reading="Checked inside the full Adam step of line 464."),
    },
    references=(KINGMA_BA, "torch.optim.Adam"),
)
def adam_second_moment_bias_correction(ctx: Context, rule: Rule) -> Outcome:
    """Adam's second-moment bias correction

    v̂_k = v_k/(1-β₂^k), and ε is added to √v̂_k (outside the root).
    """
    return same_iterates(ctx, rule, "adam")


@TOPIC.claim(
    "optim.amsgrad_max",
    method="property",
    canonical=AMSGRAD,
    printed={
        "001": Printed(AMSGRAD,
                       reading="The running maximum of the raw γ, then Adam's correction √(γ/(1-α^k)) + δ "
                               "of line 466."),
    },
    references=(REDDI, "torch.optim.Adam(amsgrad=True)"),
)
def amsgrad_max(ctx: Context, rule: Rule) -> Outcome:
    """AMSGrad keeps the running maximum of the second moment

    v^max_t = max(v^max_{t-1}, v_t), step η m̂_t/(√(v^max_t/(1-β₂^t)) + ε), as torch.optim.Adam(amsgrad=True).
    """
    return same_iterates(ctx, rule, "amsgrad")


BIAS_CORRECTION = Formula(r"\frac{1}{1-\beta^k}", lambda beta, k: 1 / (1 - beta**k))


@TOPIC.claim(
    "optim.adam_bias_correction",
    method="sympy",
    canonical=BIAS_CORRECTION,
    faithful=("001",),
    references=[KINGMA_BA],
    uses_impl=False,
)
def adam_bias_correction(ctx: Context, correction: Formula) -> Outcome:
    """The factor 1/(1-β^k) removes the bias of m_k

    With m_0 = 0 and gradients of constant mean g, E m_k = (1-β^k) g (induction: the base case k = 0 and the step
    β(1-β^k)g + (1-β)g = (1-β^{k+1})g), so E[m_k]/(1-β^k) = g.
    """
    beta, g = sympy.symbols("beta g", positive=True)
    k = sympy.Symbol("k", integer=True, positive=True)
    mean_m = (1 - beta**k) * g
    induction = symbolic(
        ctx,
        ("β E[m_k] + (1-β) g with E[m_k] = (1-β^k) g", beta * mean_m + (1 - beta) * g),
        ("(1-β^{k+1}) g", (1 - beta ** (k + 1)) * g),
    )
    if not induction.verdict.is_pass:
        return induction
    return symbolic(ctx, ("corrected mean E[m_k] · factor", mean_m * correction(beta, k)), ("g", g),
                    domain={beta: (0.05, 0.95), k: (1, 8)})


@TOPIC.claim(
    "optim.adam_default_hyperparameters",
    method="exhaustive",
    canonical={"beta1": 0.9, "beta2": 0.999},
    printed={
        "001": Printed({"beta1": 0.9, "beta2": 0.99}, reading="β is β₁ (first moment), α is β₂ (second moment)."),
    },
    references=[KINGMA_BA, "torch.optim.Adam defaults"],
)
def adam_default_hyperparameters(ctx: Context, typical: Mapping[str, float]) -> Outcome:
    """Adam's default decay rates

    β₁ = 0.9, β₂ = 0.999 (Kingma & Ba 2015, Algorithm 1; torch.optim.Adam's defaults).
    """
    defaults = ctx.impl().defaults("adam")
    return for_each(
        ctx, sorted(typical),
        lambda name: close(float(defaults[name]), typical[name], label=f"default {name}", rtol=0, atol=0),
        domain_name="the decay rates β₁, β₂", complete=True,
    )
