"""Stochastic gradient descent and adaptive optimizers (docs 000, 001, 002, 003, 004).

Standard results: Needell, Srebro & Ward (2014), Theorem 2.1: for f = (1/n) Σ f_i with convex
L_i-smooth f_i, sup L_i ≤ L, f μ-strongly convex and η < 1/L, SGD satisfies
E‖x_k - x*‖² ≤ (1 - 2ημ(1 - ηL))^k ‖x_0 - x*‖² + ησ²/(μ(1 - ηL)), σ² = (1/n) Σ ‖∇f_i(x*)‖².
AdaGrad: Duchi, Hazan & Singer (2011). RMSprop: Tieleman & Hinton (2012). Adam: Kingma & Ba (2015).
AMSGrad: Reddi, Kale & Kumar (2018). signSGD: Bernstein et al. (2018). Muon: Jordan et al. (2024),
Bernstein & Newhouse (2024, modular duality). Robbins & Monro (1951).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import product
from typing import Any

import numpy as np
import sympy
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from impls.sgd import FiniteSum, OptimizerImpl, polar_factor
from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    Topic,
    as_array,
    at_most,
    close,
    decide,
    for_all,
    for_each,
    prove_chain,
    that,
)
from theorems.engine.catalog import D000, D001, D002, D003, D004
from theorems.engine.stats import empirical_bernstein_p_value, empirical_bernstein_radius
from theorems.strategies.sgd import Run, finite_sums, matrices, random_finite_sum, runs

TOPIC = Topic(
    "sgd",
    "Stochastic gradient descent and adaptive optimizers",
    summary="Unbiased minibatch gradients, variance V/r, Polyak averaging, SVRG, Robbins–Monro, the SGD "
    "theorem of Needell–Srebro–Ward, and AdaGrad / RMSprop / Adam / AMSGrad / signSGD / Muon step by step.",
    protocol=OptimizerImpl,
    reference="impls.sgd:Optimizers",
)

NSW = ("Needell, Srebro & Ward (2014), Stochastic gradient descent, weighted sampling, and the randomized "
       "Kaczmarz algorithm, Theorem 2.1")
KINGMA_BA = "Kingma & Ba (2015), Adam: a method for stochastic optimization, Algorithm 1"
DUCHI = "Duchi, Hazan & Singer (2011), Adaptive subgradient methods, diagonal AdaGrad"
TIELEMAN = "Tieleman & Hinton (2012), Lecture 6.5, RMSprop"
REDDI = "Reddi, Kale & Kumar (2018), On the convergence of Adam and beyond (AMSGrad)"
ROBBINS_MONRO = "Robbins & Monro (1951), A stochastic approximation method"

Array = np.ndarray
Hyper = Mapping[str, float]


# --- adaptive optimizers as moment recursions ------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """An adaptive optimizer as printed: x_{t+1} = x_t - step(m_t, v_t, t), with moments
    m_t = first(m_{t-1}, g_t), v_t = second(v_{t-1}, g_t), m_0 = v_0 = 0, g_t = ∇f(x_t).

    ``keep_max`` feeds the running maximum of v to the step (AMSGrad); ``moment_of_minimizer`` feeds
    ∇f(x*) instead of ∇f(x_t) to the first moment (the AdaGrad step as document 001 prints it).
    """

    latex: str
    first: Callable[[Array, Array, Hyper], Array]
    second: Callable[[Array, Array, Hyper], Array]
    step: Callable[[Array, Array, int, Hyper], Array]
    keep_max: bool = False
    moment_of_minimizer: bool = False


def simulate(rule: Rule, run: Run) -> Array:
    """The iterates x_0 … x_T of ``rule`` on ``run``'s objective."""
    x = np.array(run.x0, dtype=float)
    m, v, v_max = np.zeros_like(x), np.zeros_like(x), np.zeros_like(x)
    g_star = run.objective.gradient(run.objective.minimizer.reshape(x.shape))
    out = [x.copy()]
    for t in range(1, run.steps + 1):
        g = run.objective.gradient(x)
        m = rule.first(m, g_star if rule.moment_of_minimizer else g, run.hyper)
        v = rule.second(v, g, run.hyper)
        v_max = np.maximum(v_max, v)
        x = x - rule.step(m, v_max if rule.keep_max else v, t, run.hyper)
        out.append(x.copy())
    return np.array(out)


def gradient_only(m: Array, g: Array, h: Hyper) -> Array:
    return g


def accumulate_squares(v: Array, g: Array, h: Hyper) -> Array:
    return v + g * g


def ema_first(m: Array, g: Array, h: Hyper) -> Array:
    return h["beta1"] * m + (1 - h["beta1"]) * g


def ema_second(v: Array, g: Array, h: Hyper) -> Array:
    return h["beta2"] * v + (1 - h["beta2"]) * g * g


def rmsprop_second(v: Array, g: Array, h: Hyper) -> Array:
    return h["alpha"] * v + (1 - h["alpha"]) * g * g


def eps_outside_root(m: Array, v: Array, t: int, h: Hyper) -> Array:
    return h["lr"] * m / (np.sqrt(v) + h["eps"])


def eps_inside_root(m: Array, v: Array, t: int, h: Hyper) -> Array:
    return h["lr"] * m / np.sqrt(v + h["eps"])


def bias_corrected(m: Array, v: Array, t: int, h: Hyper) -> Array:
    m_hat, v_hat = m / (1 - h["beta1"] ** t), v / (1 - h["beta2"] ** t)
    return h["lr"] * m_hat / (np.sqrt(v_hat) + h["eps"])


def bias_corrected_as_in_001(m: Array, v: Array, t: int, h: Hyper) -> Array:
    """x - η/(1-β^k) Λ m with 1/λ_i = √(γ_i/(1-α^k)) + δ: the order of operations 001 prints."""
    return h["lr"] / (1 - h["beta1"] ** t) * m / (np.sqrt(v / (1 - h["beta2"] ** t)) + h["eps"])


ADAGRAD = Rule(r"\gamma_t=\gamma_{t-1}+g_t^2,\ x_{t+1}=x_t-\frac{\eta\,g_t}{\sqrt{\gamma_t}+\delta}",
               gradient_only, accumulate_squares, eps_outside_root)
RMSPROP = Rule(r"v_t=\alpha v_{t-1}+(1-\alpha)g_t^2,\ x_{t+1}=x_t-\frac{\eta\,g_t}{\sqrt{v_t}+\epsilon}",
               gradient_only, rmsprop_second, eps_outside_root)
ADAM = Rule(r"\hat m_t=\frac{m_t}{1-\beta_1^t},\ \hat v_t=\frac{v_t}{1-\beta_2^t},\ "
            r"x_{t+1}=x_t-\frac{\eta\,\hat m_t}{\sqrt{\hat v_t}+\epsilon}", ema_first, ema_second, bias_corrected)
AMSGRAD = replace(ADAM, latex=r"\hat v^{\max}_t=\frac{\max_{s\le t}v_s}{1-\beta_2^t},\ "
                  r"x_{t+1}=x_t-\frac{\eta\,\hat m_t}{\sqrt{\hat v^{\max}_t}+\epsilon}", keep_max=True)
SIGNSGD = Rule(r"x_{t+1}=x_t-\eta\,\mathrm{sign}(g_t)", gradient_only, accumulate_squares,
               lambda m, v, t, h: h["lr"] * np.sign(m))


def muon_step(m: Array, v: Array, t: int, h: Hyper) -> Array:
    d_out, d_in = m.shape
    return h["lr"] * math.sqrt(d_out / d_in) * polar_factor(m)


MUON = Rule(r"M_t=\mu M_{t-1}+\nabla L(W_t),\ W_{t+1}=W_t-\eta\sqrt{d_{out}/d_{in}}\,UV^\top",
            lambda m, g, h: h["momentum"] * m + g, accumulate_squares, muon_step)

ADAM_000 = Rule(r"x_{t+1}=x_t-\frac{\eta\,g^t}{\sqrt{\gamma^t+\delta}}\ (\text{no bias correction})",
                ema_first, ema_second, eps_inside_root)


def with_beta1_zero(adam: Rule, latex: str) -> Rule:
    """``adam`` with β₁ = 0 and β₂ = α: the 'Adam without momentum' that is claimed to be RMSprop."""

    def adam_hyper(h: Hyper) -> Hyper:
        return {**h, "beta1": 0.0, "beta2": h["alpha"]}

    return Rule(latex, lambda m, g, h: adam.first(m, g, adam_hyper(h)),
                lambda v, g, h: adam.second(v, g, adam_hyper(h)),
                lambda m, v, t, h: adam.step(m, v, t, adam_hyper(h)))


def same_iterates(ctx: Context, rule: Rule, method: str, *, max_examples: int = 25) -> Outcome:
    """The implementation's ``method`` and ``rule`` take the same steps on every generated run."""

    def prop(run: Run) -> Comparison:
        impl = ctx.impl()
        expected = simulate(rule, run)
        got = as_array(impl.trajectory(method, run.x0, run.objective.gradient, run.steps, dict(run.hyper)),
                       what=f"trajectory({method!r})", shape=expected.shape)
        scale = float(np.max(np.abs(expected)))
        return close(got, expected, label=f"iterates of {method} vs the stated update", rtol=1e-9,
                     atol=1e-12 * scale)

    return for_all(ctx, runs(method), prop, max_examples=max_examples, describe=Run.describe)


def optimizer_claim(cid: str, method: str, canonical: Rule, printed: Sequence[Printed], *,
                    references: Sequence[str], doc: str) -> None:
    """Declare ``cid``: the implementation's ``method`` takes exactly the steps of the stated rule."""

    def check(ctx: Context, rule: Rule) -> Outcome:
        return same_iterates(ctx, rule, method)

    check.__doc__ = doc
    check.__name__ = cid.split(".")[1]
    TOPIC.claim(cid, method="property", canonical=canonical, printed=printed, references=references)(check)


optimizer_claim(
    "optim.adagrad_update", "adagrad", ADAGRAD,
    [
        Printed(D000, replace(ADAGRAD, step=eps_inside_root, latex=r"\eta_i^t=\frac{\eta}{\sqrt{\gamma_i^t+\delta}}"),
                r"\theta_{i,t+1}=\theta_{i,t}-\eta_i^t\,\partial_i h(\theta_t),\ "
                r"\gamma_i^t=\gamma_i^{t-1}+(\partial_i h)^2,\ \eta_i^t=\frac{\eta}{\sqrt{\gamma_i^t+\delta}}",
                reading="δ sits inside the square root (lines 203-207)."),
        Printed(D001, replace(ADAGRAD, moment_of_minimizer=True, latex=r"x^{k+1}=x^k-\eta\Lambda^k\nabla f(x^*)"),
                r"x^{k+1}=x^k-\eta\Lambda^k\nabla f(\mathbf{x}^*),\ \lambda_i^k=\frac{1}{\sqrt{\gamma_i^k}+\delta}",
                reading="Read as printed: the gradient is taken at the minimizer x* (∇f(x*) = 0), surely a typo "
                "for ∇f(x^k); the accumulator and preconditioner (lines 444, 450) are checked separately."),
    ],
    references=[DUCHI, "torch.optim.Adagrad"],
    doc="AdaGrad update\n\nγ_t = γ_{t-1} + g_t ⊙ g_t, x_{t+1} = x_t - η g_t/(√γ_t + δ), coordinatewise, g_t = ∇f(x_t) "
    "(Duchi et al. 2011; torch.optim.Adagrad).",
)

optimizer_claim(
    "optim.adagrad_accumulator", "adagrad", ADAGRAD,
    [Printed(D001, ADAGRAD, r"\gamma^k=\gamma^{k-1}+\nabla f(x^k)\odot\nabla f(x^k)",
             reading="Checked inside the full AdaGrad step with the standard step x - ηg/(√γ + δ).")],
    references=[DUCHI],
    doc="AdaGrad accumulates squared gradients\n\nγ_k = γ_{k-1} + ∇f(x_k) ⊙ ∇f(x_k), γ_0 = 0, inside AdaGrad.",
)

optimizer_claim(
    "optim.adagrad_preconditioner", "adagrad", ADAGRAD,
    [Printed(D001, ADAGRAD, r"\lambda_i^k=\frac{1}{\sqrt{\gamma_i^k}+\delta},\ \delta>0",
             reading="Checked inside the full AdaGrad step x^{k+1} = x^k - ηΛ^k∇f(x^k).")],
    references=[DUCHI, "torch.optim.Adagrad"],
    doc="AdaGrad preconditioner\n\nΛ_k = diag(1/(√γ_{k,i} + δ)): δ is added to the root, as in torch.optim.Adagrad.",
)

optimizer_claim(
    "optim.adam_update", "adam", ADAM,
    [
        Printed(D000, ADAM_000,
                r"g^t=\beta g^{t-1}+(1-\beta)\partial h,\ \gamma^t=\alpha\gamma^{t-1}+(1-\alpha)(\partial h)^2,\ "
                r"\theta_{t+1}=\theta_t-\frac{\eta}{\sqrt{\gamma^t+\delta}}g^t",
                reading="No bias correction and δ inside the root (lines 211-215)."),
        Printed(D001, replace(ADAM, step=bias_corrected_as_in_001),
                r"x^{k+1}=x^k-\frac{\eta}{1-\beta^k}\Lambda^k m^k,\ \frac{1}{\lambda_i^k}=\sqrt{\frac{\gamma_i^k}"
                r"{1-\alpha^k}}+\delta", reading="β is β₁, α is β₂ (lines 456-466)."),
        Printed(D002, ADAM, r"\theta_{t+1}=\theta_t-\frac{\alpha}{\sqrt{\hat v_t}+\epsilon}\hat m_t",
                reading="m̂, v̂ are named bias corrections but not written out; read as Kingma & Ba's."),
        Printed(D004, ADAM, r"\theta_{t+1}=\theta_t-\frac{\alpha}{\sqrt{\hat v_t}+\epsilon}\hat m_t",
                reading="m̂, v̂ are named bias corrections but not written out; read as Kingma & Ba's."),
    ],
    references=[KINGMA_BA, "torch.optim.Adam"],
    doc="Adam update\n\nm_t = β₁m_{t-1} + (1-β₁)g_t, v_t = β₂v_{t-1} + (1-β₂)g_t², m̂ = m_t/(1-β₁^t), "
    "v̂ = v_t/(1-β₂^t), x_{t+1} = x_t - η m̂/(√v̂ + ε) (Kingma & Ba 2015; torch.optim.Adam).",
)

optimizer_claim(
    "optim.adam_first_moment", "adam", ADAM,
    [Printed(D001, ADAM, r"m^k=\beta m^{k-1}+(1-\beta)\nabla f(x^k),\ m^0=0",
             reading="Checked inside the full Adam step of line 464.")],
    references=[KINGMA_BA],
    doc="Adam's first moment\n\nm_k = β m_{k-1} + (1-β) ∇f(x_k), m_0 = 0, inside Adam.",
)

optimizer_claim(
    "optim.adam_second_moment", "adam", ADAM,
    [Printed(D001, ADAM, r"\gamma^k=\alpha\gamma^{k-1}+(1-\alpha)\nabla f(x^k)\odot\nabla f(x^k)",
             reading="Checked inside the full Adam step of line 464.")],
    references=[KINGMA_BA],
    doc="Adam's second moment\n\nγ_k = α γ_{k-1} + (1-α) ∇f(x_k)⊙∇f(x_k), γ_0 = 0, inside Adam.",
)

optimizer_claim(
    "optim.adam_second_moment_bias_correction", "adam", ADAM,
    [Printed(D001, replace(ADAM, step=bias_corrected_as_in_001),
             r"\frac{1}{\lambda_i^k}=\sqrt{\frac{\gamma_i^k}{1-\alpha^k}}+\delta",
             reading="Checked inside the full Adam step of line 464.")],
    references=[KINGMA_BA, "torch.optim.Adam"],
    doc="Adam's second-moment bias correction\n\nv̂_k = v_k/(1-β₂^k), and ε is added to √v̂_k (outside the root).",
)

optimizer_claim(
    "optim.amsgrad_max", "amsgrad", AMSGRAD,
    [Printed(D001, AMSGRAD, r"\gamma^{k+1}=\max\{\gamma^k,\gamma^{k+1}\}",
             reading="The running maximum of the raw γ, then Adam's correction √(γ/(1-α^k)) + δ of line 466.")],
    references=[REDDI, "torch.optim.Adam(amsgrad=True)"],
    doc="AMSGrad keeps the running maximum of the second moment\n\nv^max_t = max(v^max_{t-1}, v_t), step "
    "η m̂_t/(√(v^max_t/(1-β₂^t)) + ε), as torch.optim.Adam(amsgrad=True).",
)

optimizer_claim(
    "optim.rmsprop_update", "rmsprop", RMSPROP,
    [
        Printed(D002, RMSPROP, r"E[g^2]_t=\beta E[g^2]_{t-1}+(1-\beta)g_t^2,\ \theta_{t+1}=\theta_t-"
                r"\frac{\alpha}{\sqrt{E[g^2]_t}+\epsilon}g_t", reading="β is the decay (torch's alpha)."),
        Printed(D004, replace(RMSPROP, step=eps_inside_root), r"\theta_{t+1}=\theta_t-\frac{\alpha}"
                r"{\sqrt{E[g^2]_t+\epsilon}}g_t", reading="ε inside the root (line 231)."),
    ],
    references=[TIELEMAN, "torch.optim.RMSprop"],
    doc="RMSprop update\n\nv_t = αv_{t-1} + (1-α)g_t², x_{t+1} = x_t - η g_t/(√v_t + ε) (torch.optim.RMSprop).",
)

optimizer_claim(
    "optim.rmsprop_is_adam_without_momentum", "rmsprop",
    with_beta1_zero(replace(ADAM, step=eps_outside_root), r"\text{Adam}_{\beta_1=0}\text{ without bias correction}"),
    [
        Printed(D000, with_beta1_zero(ADAM_000, r"\text{Adam of 000 with }\beta=0"), r"\text{RMSprop: Adam without "
                r"momentum term}", reading="'Adam' is 000's own Adam (lines 211-215): no bias correction, δ inside "
                "the root."),
        Printed(D003, with_beta1_zero(ADAM, r"\text{Kingma--Ba Adam with }\beta_1=0"),
                r"\text{RMSprop: Adam without momentum term}",
                reading="003 prints no Adam; read as Kingma & Ba's Adam (bias-corrected) with β₁ = 0."),
    ],
    references=[KINGMA_BA, TIELEMAN],
    doc="RMSprop is Adam without momentum\n\nRMSprop equals Adam with β₁ = 0, β₂ = α, once Adam's bias correction "
    "of the second moment is removed (with it, the steps differ by √(1-α^t)).",
)

optimizer_claim(
    "optim.signsgd_update", "signsgd", SIGNSGD,
    [Printed(D003, SIGNSGD, r"\theta_{t+1}=\theta_t-\eta\,\mathrm{sign}(\nabla f_{I_k}(\theta_t))",
             reading="Checked with the full gradient as the (one-element) minibatch.")],
    references=["Bernstein, Wang, Azizzadenesheli & Anandkumar (2018), signSGD"],
    doc="signSGD update\n\nx_{t+1} = x_t - η sign(g_t), coordinatewise.",
)

optimizer_claim(
    "optim.muon_update", "muon", MUON,
    [Printed(D002, MUON, r"M_t=\mu M_{t-1}+\nabla_W\mathcal L(W_t),\ P_t=\mathrm{orthogonalize}(M_t),\ "
             r"W_{t+1}=W_t-\eta\sqrt{d_{out}/d_{in}}\,P_t",
             reading="orthogonalize(M) read as the exact polar factor U Vᵀ of M = UΣVᵀ.")],
    references=["Jordan et al. (2024), Muon", "Bernstein & Newhouse (2024), Modular duality in deep learning"],
    doc="Muon update\n\nM_t = μM_{t-1} + ∇L(W_t), W_{t+1} = W_t - η √(d_out/d_in) U Vᵀ with M_t = UΣVᵀ: a step of "
    "RMS→RMS operator norm exactly η.",
)


BIAS_CORRECTION = Formula(r"\frac{1}{1-\beta^k}", lambda beta, k: 1 / (1 - beta**k))


@TOPIC.claim(
    "optim.adam_bias_correction",
    method="sympy",
    canonical=BIAS_CORRECTION,
    printed=[Printed(D001, BIAS_CORRECTION,
                     r"m^0=0\text{ biases the estimate; }\frac{1}{1-\beta^k}\text{ corrects for this}")],
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
    induction = prove_chain(ctx, [
        ("β E[m_k] + (1-β) g with E[m_k] = (1-β^k) g", beta * mean_m + (1 - beta) * g),
        ("(1-β^{k+1}) g", (1 - beta ** (k + 1)) * g),
    ])
    if not induction.verdict.is_pass:
        return induction
    return prove_chain(ctx, [("corrected mean E[m_k] · factor", mean_m * correction(beta, k)), ("g", g)],
                       domain={beta: (0.05, 0.95), k: (1, 8)})


@TOPIC.claim(
    "optim.adam_default_hyperparameters",
    method="exhaustive",
    canonical={"beta1": 0.9, "beta2": 0.999},
    printed=[Printed(D001, {"beta1": 0.9, "beta2": 0.99}, r"\beta=0.9,\ \alpha=0.99",
                     reading="β is β₁ (first moment), α is β₂ (second moment).")],
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


# --- Muon as spectral steepest descent -------------------------------------------------------


@dataclass(frozen=True)
class SteepestStep:
    """A step ΔW(G) claimed to minimize ⟨G, ΔW⟩ + ½ (d_in/d_out) ‖ΔW‖², in the norm ``norm`` ('op' or 'fro')."""

    latex: str
    delta: Callable[[Array], Array]
    norm: str


def nuclear(G: Array) -> float:
    return float(np.linalg.svd(G, compute_uv=False).sum())


def svd_step(G: Array, *, transposed_factors: bool, aspect: Callable[[int, int], float]) -> Array:
    U, _, Vt = np.linalg.svd(G, full_matrices=False)
    d_out, d_in = G.shape
    direction = U.T @ Vt.T if transposed_factors else U @ Vt
    return -nuclear(G) * aspect(d_out, d_in) * direction


MUON_STEEPEST = SteepestStep(r"\Delta W=-\|G\|_*\frac{d_{out}}{d_{in}}UV^\top",
                             lambda G: svd_step(G, transposed_factors=False, aspect=lambda o, i: o / i), "op")


@TOPIC.claim(
    "optim.muon_spectral_steepest_descent",
    method="property",
    canonical=MUON_STEEPEST,
    printed=[Printed(D003, SteepestStep(r"\Delta W=-\|G\|_*\frac{d_{out}}{d_{out}}U^\top V",
                                        lambda G: svd_step(G, transposed_factors=True, aspect=lambda o, i: 1.0), "fro"),
                     r"\Delta W=-\|\nabla L(W)\|_*\cdot\frac{d_{out}}{d_{out}}\cdot U^\top V \text{ minimizes } "
                     r"\langle\nabla L,\Delta W\rangle_F+\frac12\frac{d_{in}}{d_{out}}\|\Delta W\|_F^2",
                     reading="Read as printed: aspect d_out/d_out = 1, factors U^⊤V (conformable only when "
                     "d_out = d_in), Frobenius norm in the model. The catalogue's reading (d_out/d_in, UV^⊤, spectral "
                     "norm) is the canonical statement.")],
    references=["Bernstein & Newhouse (2024), Old optimizer, new norm"],
    uses_impl=False,
)
def muon_spectral_steepest_descent(ctx: Context, step: SteepestStep) -> Outcome:
    """Muon's step minimizes the spectral-norm model

    For G = ∇L(W) = UΣVᵀ (d_out × d_in) and c = d_in/d_out, ΔW = -‖G‖_* (d_out/d_in) UVᵀ minimizes
    ⟨G, ΔW⟩_F + (c/2)‖ΔW‖²_op: by duality ⟨G, Δ⟩ ≥ -‖G‖_*‖Δ‖_op, so the model is ≥ -‖G‖²_*/(2c), which this
    ΔW attains. (With the Frobenius norm the minimum is -‖G‖²_F/(2c), at ΔW = -G/c.)
    """

    def prop(G: Array) -> list[Comparison]:
        d_out, d_in = G.shape
        c = d_in / d_out
        try:
            delta = np.asarray(step.delta(G), dtype=float)
        except ValueError as exc:
            return [that(False, label="ΔW is defined", message=f"the formula is not defined for {G.shape}: {exc}")]
        if delta.shape != G.shape:
            return [that(False, label="ΔW has the shape of W", message=f"ΔW is {delta.shape}, W is {G.shape}")]
        size = np.linalg.norm(delta, 2) if step.norm == "op" else np.linalg.norm(delta)
        dual = nuclear(G) if step.norm == "op" else np.linalg.norm(G)
        model = float(np.sum(G * delta) + 0.5 * c * size**2)
        minimum = -(dual**2) / (2 * c)
        return [at_most(model, minimum, label="model value at ΔW vs its minimum", rtol=1e-9, atol=1e-9 * abs(minimum))]

    return for_all(ctx, matrices, prop, max_examples=100)


# --- finite sums: unbiasedness, variance, averaging, SVRG -------------------------------------


points = hnp.arrays(np.float64, 3, elements=st.floats(-10, 10, allow_nan=False))
sums_and_points = st.tuples(finite_sums(), points).map(lambda t: (t[0], t[1][: t[0].dim]))
sums_points_and_batches = st.tuples(sums_and_points, st.integers(1, 3)).map(lambda t: (*t[0], t[1]))


def describe_sum(t: tuple) -> dict[str, Any]:
    problem, *rest = t
    return {"H": problem.H.tolist(), "c": problem.c.tolist(), "rest": [np.asarray(r).tolist() for r in rest]}


def minibatch_distribution(ctx: Context, problem: FiniteSum, x: Array, r: int) -> Array:
    """The implementation's minibatch gradient for every one of the n^r equally likely index tuples."""
    tuples = np.array(list(product(range(problem.n), repeat=r)))
    grads = ctx.impl().minibatch_gradient(problem, np.tile(x, (len(tuples), 1)), tuples)
    return as_array(grads, what="minibatch_gradient", shape=(len(tuples), problem.dim))


MEAN = Formula(r"\nabla f=\frac1n\sum_i\nabla f_i", lambda grads: grads.mean(axis=0))


@TOPIC.claim(
    "sgd.minibatch_gradient_unbiased",
    method="property",
    canonical=MEAN,
    printed=[
        Printed(D001, Formula(r"\nabla f=\sum_i\nabla f_i", lambda grads: grads.sum(axis=0)),
                r"f=\sum_{i=1}^n f_i,\ \mathbb E[\nabla f_{I(k)}(x)]=\nabla f(x)",
                reading="As printed, f is the sum of the f_i (line 397); the uniform index then gives ∇f/n."),
        Printed(D002, MEAN, r"\text{the gradient is unbiased}", reading="f the average (empirical risk)."),
        Printed(D004, MEAN, r"\text{the gradient is unbiased}", reading="f the average (empirical risk)."),
    ],
    references=["Robbins & Monro (1951)"],
)
def minibatch_gradient_unbiased(ctx: Context, full_gradient: Formula) -> Outcome:
    """The minibatch gradient is unbiased

    For f = (1/n) Σ f_i and a minibatch of r indices drawn uniformly with replacement,
    E[(1/r) Σ_j ∇f_{I_j}(x)] = ∇f(x) (exact expectation over all n^r minibatches, r ≤ 3).
    """

    def prop(t: tuple) -> Comparison:
        problem, x, r = t
        mean = minibatch_distribution(ctx, problem, x, r).mean(axis=0)
        expected = full_gradient(problem.all_gradients(x))
        return close(mean, expected, label="E[minibatch gradient] vs ∇f", rtol=1e-9,
                     atol=1e-9 * (1 + float(np.abs(expected).max())))

    return for_all(ctx, sums_points_and_batches, prop, max_examples=60, describe=describe_sum)


VARIANCE = Formula(r"V=\frac1n\sum_i\|\nabla f_i-\nabla f\|^2",
                   lambda grads: float(np.mean(np.sum((grads - grads.mean(axis=0)) ** 2, axis=1))))


@TOPIC.claim(
    "sgd.gradient_variance_def",
    method="property",
    canonical=VARIANCE,
    printed=[
        Printed(D000, VARIANCE, r"V[\theta](S)=\frac1s\sum_{i=1}^s\|\nabla h[\theta](S)-\nabla h[\theta](x_i,y_i)\|^2",
                reading="∇h(S) is the gradient of the empirical risk, the mean of the per-sample gradients."),
        Printed(D001, VARIANCE, r"V(x)=\frac1n\sum_{i=1}^n\|\nabla f_i(x)-\nabla f(x)\|^2"),
    ],
)
def gradient_variance_def(ctx: Context, variance: Formula) -> Outcome:
    """V is the variance of the single-sample stochastic gradient

    V(x) = (1/n) Σ_i ‖∇f_i(x) - ∇f(x)‖² equals E‖g_I - E g_I‖² for g_I the stochastic gradient of one
    uniformly drawn sample (its total variance, exact over the n outcomes).
    """

    def prop(t: tuple) -> Comparison:
        problem, x = t
        grads = minibatch_distribution(ctx, problem, x, 1)
        total_variance = float(np.mean(np.sum((grads - grads.mean(axis=0)) ** 2, axis=1)))
        return close(variance(problem.all_gradients(x)), total_variance, label="V vs variance of g_I", rtol=1e-9,
                     atol=1e-12)

    return for_all(ctx, sums_and_points, prop, max_examples=60, describe=describe_sum)


@TOPIC.claim(
    "sgd.minibatch_variance_reduction",
    method="property",
    canonical=Formula(r"\frac{V}{r}", lambda V, r: V / r),
    printed=[Printed(D001, Formula(r"\frac{V}{r}", lambda V, r: V / r), r"\text{Unbiased and reduces variance ar}",
                     reading="OCR-damaged; read as 'reduces the variance by a factor r' (r the minibatch size).")],
)
def minibatch_variance_reduction(ctx: Context, variance_of_batch: Formula) -> Outcome:
    """A minibatch of r samples divides the gradient variance by r

    For r indices drawn uniformly with replacement, E‖g_B - ∇f(x)‖² = V(x)/r (exact over all n^r minibatches).
    """

    def prop(t: tuple) -> Comparison:
        problem, x, r = t
        grads = minibatch_distribution(ctx, problem, x, r)
        spread = float(np.mean(np.sum((grads - problem.gradient(x)) ** 2, axis=1)))
        return close(spread, variance_of_batch(problem.variance(x), r), label="E‖g_B - ∇f‖² vs V/r", rtol=1e-8,
                     atol=1e-12)

    return for_all(ctx, sums_points_and_batches, prop, max_examples=60, describe=describe_sum)


def running_recursion(weight: Callable[[int], float]) -> Callable[[Array], Array]:
    """x̄_1 = x_1, x̄_k = (1 - w_k) x̄_{k-1} + w_k x_k."""

    def averages(iterates: Array) -> Array:
        out = [iterates[0]]
        for k in range(2, len(iterates) + 1):
            out.append((1 - weight(k)) * out[-1] + weight(k) * iterates[k - 1])
        return np.array(out)

    return averages


@TOPIC.claim(
    "sgd.polyak_averaging",
    method="property",
    canonical=Formula(r"\bar x^{k+1}=\frac{k}{k+1}\bar x^k+\frac{1}{k+1}x^{k+1}", running_recursion(lambda k: 1 / k)),
    printed=[
        Printed(D001, Formula(r"\bar x^{k+1}=\frac{k}{k+1}\bar x^k+\frac{1}{k+1}x^{k+1}",
                              running_recursion(lambda k: 1 / k)),
                r"\bar x^{k+1}=\frac{k}{k+1}\bar x^k+\frac{1}{k+1}x^{k+1}",
                reading="x̄^k is the mean of x^1 … x^k."),
        Printed(D004, Formula(r"\bar\theta_t=\frac1t\sum_{i=1}^t\theta_i",
                              lambda it: np.cumsum(it, axis=0) / np.arange(1, len(it) + 1)[:, None]),
                r"\bar\theta_t=\frac1t\sum_{i=1}^t\theta_i",
                reading="The first formula; the 'or (1-β)θ̄_{t-1} + βθ_t' alternative is an exponential moving "
                "average, the arithmetic mean only for β = β_t = 1/t."),
    ],
)
def polyak_averaging(ctx: Context, averages: Formula) -> Outcome:
    """Polyak averaging by a running recursion

    x̄_k = (1/k) Σ_{i≤k} x_i, and x̄_{k+1} = k/(k+1) x̄_k + x_{k+1}/(k+1) computes it; checked against the
    implementation's running averages of generated iterate sequences.
    """

    def prop(iterates: Array) -> Comparison:
        got = as_array(ctx.impl().polyak_averages(iterates), what="polyak_averages", shape=iterates.shape)
        return close(averages(iterates), got, label="averages", rtol=1e-9, atol=1e-9)

    sequences = st.tuples(st.integers(1, 30), st.integers(1, 3)).flatmap(
        lambda s: hnp.arrays(np.float64, s, elements=st.floats(-100, 100, allow_nan=False)))
    return for_all(ctx, sequences, prop, max_examples=60)


SVRG = Formula(r"\nabla f_j(x)-\nabla f_j(\bar x)+\nabla f(\bar x)", lambda gx, ga, full: gx - ga + full)


@TOPIC.claim(
    "sgd.svrg_update",
    method="property",
    canonical=SVRG,
    printed=[Printed(D001, SVRG, r"x^{k+1}=x^k-\eta[\nabla f_j(x^k)-\nabla f_j(\bar x)+\nabla f(\bar x)]")],
    references=["Johnson & Zhang (2013), SVRG"],
)
def svrg_update(ctx: Context, direction: Formula) -> Outcome:
    """The SVRG direction is unbiased with variance vanishing at the anchor

    For j uniform, d_j = ∇f_j(x) - ∇f_j(x̄) + ∇f(x̄) has E d_j = ∇f(x) and E‖d_j - ∇f(x)‖² ≤ L²‖x - x̄‖²
    (L = sup L_i); the implementation's direction equals the formula for every j.
    """

    def prop(t: tuple) -> list[Comparison]:
        problem, x, anchor = t
        impl = ctx.impl()
        stated = np.array([direction(problem.all_gradients(x)[j], problem.all_gradients(anchor)[j],
                                     problem.gradient(anchor)) for j in range(problem.n)])
        got = np.array([as_array(impl.svrg_direction(problem, x, anchor, j), what="svrg_direction",
                                 shape=(problem.dim,)) for j in range(problem.n)])
        scale = 1 + float(np.abs(stated).max())
        spread = float(np.mean(np.sum((stated - problem.gradient(x)) ** 2, axis=1)))
        return [
            close(got, stated, label="implementation vs formula", rtol=1e-9, atol=1e-9 * scale),
            close(stated.mean(axis=0), problem.gradient(x), label="E d_j vs ∇f(x)", rtol=1e-9, atol=1e-9 * scale),
            at_most(spread, problem.L**2 * float(np.sum((x - anchor) ** 2)), label="variance vs L²‖x - x̄‖²",
                    rtol=1e-8, atol=1e-9 * scale**2),
        ]

    triples = st.tuples(finite_sums(), points, points).map(lambda t: (t[0], t[1][: t[0].dim], t[2][: t[0].dim]))
    return for_all(ctx, triples, prop, max_examples=60, describe=describe_sum)


# --- Robbins–Monro step sizes ------------------------------------------------------------------

t_sym = sympy.Symbol("t", integer=True, positive=True)


@dataclass(frozen=True)
class Schedule:
    """A step-size schedule α_t and what is claimed of it (None: nothing claimed)."""

    alpha: sympy.Expr
    sum_diverges: bool | None
    squares_summable: bool | None

    def __repr__(self) -> str:
        return f"α_t = {self.alpha}: Σα_t = ∞ {self.sum_diverges}, Σα_t² < ∞ {self.squares_summable}"


def schedules_as_claimed(ctx: Context, schedules: Sequence[Schedule]) -> Outcome:
    """Every claim about Σα_t and Σα_t² agrees with SymPy's convergence test of the series."""

    def prop(s: Schedule) -> list[Comparison]:
        out = []
        for claimed, series, what in ((s.sum_diverges, s.alpha, "Σα_t = ∞"),
                                      (s.squares_summable, s.alpha**2, "Σα_t² < ∞")):
            if claimed is None:
                continue
            converges = bool(sympy.Sum(series, (t_sym, 1, sympy.oo)).is_convergent())
            holds = not converges if what == "Σα_t = ∞" else converges
            out.append(that(holds == claimed, label=f"{what} for α_t = {s.alpha}",
                            message=f"claimed {claimed}, Σ_t {series} {'converges' if converges else 'diverges'}"))
        return out

    return for_each(ctx, schedules, prop, domain_name="the schedules the statement names", complete=True,
                    describe=repr)


HARMONIC = Schedule(1 / t_sym, True, True)


@TOPIC.claim(
    "sgd.robbins_monro_conditions",
    method="exhaustive",
    canonical=(HARMONIC,),
    printed=[
        Printed(D001, (HARMONIC,), r"\eta_k\propto\frac1k:\ \sum\frac1k=\infty,\ \sum\frac1{k^2}\le\infty",
                reading="'≤ ∞' read as '< ∞' (as printed it says nothing)."),
        Printed(D002, (Schedule(1 / t_sym, True, None),), r"\sum_{t=1}^\infty\alpha_t=\infty",
                reading="The first condition; checked on the standard schedule α_t = 1/t."),
        Printed(D004, (Schedule(1 / t_sym, True, None),), r"\sum_{t=1}^\infty\alpha_t=\infty",
                reading="The first condition; checked on the standard schedule α_t = 1/t."),
    ],
    references=[ROBBINS_MONRO],
    uses_impl=False,
)
def robbins_monro_conditions(ctx: Context, schedules: Sequence[Schedule]) -> Outcome:
    """η_k ∝ 1/k satisfies the Robbins–Monro conditions

    Σ_k 1/k = ∞ and Σ_k 1/k² = π²/6 < ∞ (SymPy's convergence test).
    """
    return schedules_as_claimed(ctx, schedules)


@TOPIC.claim(
    "sgd.robbins_monro_square_summable",
    method="exhaustive",
    canonical=(Schedule(1 / t_sym, None, True),),
    printed=[
        Printed(D002, (Schedule(1 / t_sym, None, True),), r"\sum_{t=1}^\infty\alpha_t^2<\infty",
                reading="The second condition; checked on the standard schedule α_t = 1/t."),
        Printed(D004, (Schedule(1 / t_sym, None, True),), r"\sum_{t=1}^\infty\alpha_t^2<\infty",
                reading="The second condition; checked on the standard schedule α_t = 1/t."),
    ],
    references=[ROBBINS_MONRO],
    uses_impl=False,
)
def robbins_monro_square_summable(ctx: Context, schedules: Sequence[Schedule]) -> Outcome:
    """The harmonic schedule is square-summable

    Σ_t (1/t)² < ∞, the second Robbins–Monro condition (SymPy's convergence test).
    """
    return schedules_as_claimed(ctx, schedules)


@TOPIC.claim(
    "sgd.robbins_monro_examples",
    method="exhaustive",
    canonical=(HARMONIC, Schedule(1 / sympy.sqrt(t_sym), True, False)),
    printed=[
        Printed(D002, (Schedule(1 / sympy.sqrt(t_sym), True, True),
                       Schedule(t_sym ** sympy.Rational(-1, 3), True, False)),
                r"\alpha_t=\frac1{\sqrt t}\text{ satisfies both, whereas }\alpha_t=\frac1{\sqrt[3]t}"
                r"\text{ satisfies the first but not the second}"),
        Printed(D004, (HARMONIC, Schedule(1 / sympy.sqrt(t_sym), True, False)),
                r"\alpha_t=\frac1t\text{ satisfies both, whereas }\alpha_t=\frac1{\sqrt t}"
                r"\text{ satisfies the first but not the second}"),
    ],
    references=[ROBBINS_MONRO],
    uses_impl=False,
)
def robbins_monro_examples(ctx: Context, schedules: Sequence[Schedule]) -> Outcome:
    """Which schedules satisfy the Robbins–Monro conditions

    α_t = 1/t satisfies both (Σ1/t = ∞, Σ1/t² < ∞); α_t = 1/√t only the first (Σ1/t = ∞).
    """
    return schedules_as_claimed(ctx, schedules)


# --- the SGD theorem of Needell, Srebro & Ward ---------------------------------------------------


@dataclass(frozen=True)
class SGDTheorem:
    """E‖x_k - x*‖² ≤ A^k ‖x_0 - x*‖² + B for every step size η < ``step_limit(μ, L)``."""

    latex: str
    step_limit: Callable[[float, float], float]
    A: Callable[[float, float, float], float]
    B: Callable[[float, float, float, float], float]


def nsw_A(eta: float, mu: float, L: float) -> float:
    return 1 - 2 * eta * mu * (1 - eta * L)


def nsw_B(eta: float, mu: float, L: float, sigma2: float) -> float:
    return eta * sigma2 / (mu * (1 - eta * L))


def printed_B(eta: float, mu: float, L: float, sigma2: float) -> float:
    return eta * sigma2 / (mu - eta * L)


NSW_THEOREM = SGDTheorem(r"\eta<\tfrac1L,\ A=1-2\eta\mu(1-\eta L),\ B=\frac{\eta\sigma^2}{\mu(1-\eta L)}",
                         lambda mu, L: 1 / L, nsw_A, nsw_B)


def exact_second_moments(problem: FiniteSum, eta: float, e0: Array, steps: int) -> Array:
    """E‖x_k - x*‖², k = 0 … steps, of single-sample SGD on a quadratic finite sum, exactly.

    With e = x - x* and g_i = ∇f_i(x*) (Σ g_i = 0), e' = (I - ηH_I) e - η g_I; the mean m and the second
    moment S = E[e eᵀ] obey m' = (I - ηH̄) m and S' = E_I[M_I S M_Iᵀ - η(M_I m g_Iᵀ + g_I mᵀ M_Iᵀ) + η² g_I g_Iᵀ].
    """
    M = np.eye(problem.dim)[None] - eta * problem.H
    g = problem.all_gradients(problem.minimizer)
    m, S = e0.copy(), np.outer(e0, e0)
    out = [np.trace(S)]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            Mm = np.einsum("nij,j->ni", M, m)
            cross = np.einsum("ni,nj->ij", Mm, g) / problem.n
            S = np.einsum("nij,jk,nlk->il", M, S, M) / problem.n - eta * (cross + cross.T)
            S = S + eta**2 * g.T @ g / problem.n
            m = Mm.mean(axis=0)
            out.append(np.trace(S))
    return np.array(out)


def iterate_radii(problem: FiniteSum, eta: float, e0: Array, steps: int) -> Array:
    """r_k ≥ ‖x_k − x*‖ surely, k = 0 … steps, for single-sample SGD: a step e ↦ (I − ηH_i)e − ηg_i gives
    ‖e'‖ ≤ ρ_i‖e‖ + η‖g_i‖ with ρ_i = ‖I − ηH_i‖, so r_{k+1} = max_i (ρ_i r_k + η‖g_i‖)."""
    rho = np.linalg.norm(np.eye(problem.dim)[None] - eta * problem.H, ord=2, axis=(1, 2))
    push = eta * np.linalg.norm(problem.all_gradients(problem.minimizer), axis=1)
    radii = [float(np.linalg.norm(e0))]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            radii.append(float(np.max(rho * radii[-1] + push)))
    return np.array(radii)


@dataclass(frozen=True)
class SGDInstance:
    """A finite sum, a step size and a start, with E‖x_k − x*‖² (exact), the bound and the sure range of
    ‖x_k − x*‖² for k = 0 … horizon, and the k at which the Monte-Carlo test is run."""

    problem: FiniteSum
    eta: float
    e0: Array
    exact: Array
    bound: Array
    span: Array
    k: int

    def describe(self) -> dict[str, Any]:
        p = self.problem
        return {"H": p.H.tolist(), "c": p.c.tolist(), "mu": p.mu, "L": p.L, "sigma2": p.sigma2, "eta": self.eta,
                "x0 - x*": self.e0.tolist(), "k": self.k, "exact E|x_k - x*|^2": float(self.exact[self.k]),
                "bound": float(self.bound[self.k])}


def margin_to_detection(exact: Array, bound: Array, span: Array, chains: int, alpha: float) -> Array:
    """(exact − bound − expected test radius)/|bound| per k: positive where the Monte-Carlo test is expected
    to refute the bound. The radius uses the Bhatia–Davis variance bound (span − E X)·E X; a negative bound
    on ‖x_k − x*‖² ≥ 0 is refuted by any positive sample (+∞)."""
    with np.errstate(over="ignore", invalid="ignore"):
        variance = np.maximum((span - exact) * exact, 0.0)
        radius = np.array([empirical_bernstein_radius(v, s, chains, alpha) if np.isfinite(v * s) else np.inf
                           for v, s in zip(variance, span, strict=True)])
        margin = (exact - bound - radius) / np.abs(bound)
        margin = np.where((bound <= 0) & (exact > 0), np.inf, margin)
    margin = np.where(np.isnan(margin), -np.inf, margin)
    margin[0] = -np.inf  # k = 0 is the start, not a claim about SGD
    return margin


def tightest_instance(ctx: Context, theorem: SGDTheorem, chains: int) -> SGDInstance:
    """Among random instances inside the theorem's hypotheses, the (instance, k) where the Monte-Carlo test
    comes closest to refuting the bound (or refutes it by the widest margin)."""
    rng = ctx.rng(stream=1)
    best: tuple[float, SGDInstance] | None = None
    for _ in range(ctx.scaled(60)):
        problem = random_finite_sum(rng)
        mu, L, sigma2 = problem.mu, problem.L, problem.sigma2
        eta = theorem.step_limit(mu, L) * float(rng.choice([rng.uniform(0.01, 1.0), 1 - 1e-3]))
        direction = rng.normal(size=problem.dim)
        e0 = direction / np.linalg.norm(direction) * float(rng.choice([0.0, 1.0, 10.0])) * math.sqrt(sigma2 + 1) / mu
        horizon = int(min(200, math.ceil(4 / max(eta * mu, 1e-3))))
        exact = exact_second_moments(problem, eta, e0, horizon)
        with np.errstate(over="ignore", invalid="ignore"):
            bound = theorem.A(eta, mu, L) ** np.arange(horizon + 1) * float(e0 @ e0) + theorem.B(eta, mu, L, sigma2)
        span = iterate_radii(problem, eta, e0, horizon) ** 2
        margin = margin_to_detection(exact, bound, span, chains, ctx.alpha)
        k = int(np.argmax(margin))
        if best is None or margin[k] > best[0]:
            best = (float(margin[k]), SGDInstance(problem, eta, e0, exact, bound, span, k))
    assert best is not None
    return best[1]


def sgd_theorem_check(ctx: Context, theorem: SGDTheorem) -> Outcome:
    """Monte-Carlo test of the implementation's SGD against the theorem at its tightest instance."""
    chains = ctx.scaled(20_000)
    inst = tightest_instance(ctx, theorem, chains)
    problem, x_star, k = inst.problem, inst.problem.minimizer, inst.k
    final = ctx.impl().sgd(problem, np.tile(x_star + inst.e0, (chains, 1)), inst.eta, k, 1, ctx.rng(stream=2))
    distances = np.sum((as_array(final, what="sgd()", shape=(chains, problem.dim)) - x_star) ** 2, axis=1)
    bound, span = float(inst.bound[k]), float(inst.span[k])
    evidence = {"chains": chains, "k": k, "eta": inst.eta, "eta L": inst.eta * problem.L, "mu": problem.mu,
                "L": problem.L, "sigma2": problem.sigma2, "|x0 - x*|^2": float(inst.e0 @ inst.e0),
                "bound A^k|x0-x*|^2 + B": bound, "exact E|x_k - x*|^2 (second-moment recursion)": float(inst.exact[k]),
                "Monte-Carlo mean": float(distances.mean()), "sure range of |x_k - x*|^2": span}
    with ctx.figure("E‖x_k − x*‖² at the tightest instance: exact, bound, Monte-Carlo") as (_, ax):
        steps = np.arange(inst.exact.size)
        ax.semilogy(steps, np.where(inst.exact > 0, inst.exact, np.nan), label="exact E‖x_k − x*‖²")
        ax.semilogy(steps, np.where(inst.bound > 0, inst.bound, np.nan), "--", label="bound A^k‖x_0 − x*‖² + B")
        ax.plot([k], [distances.mean()], "o", label=f"Monte-Carlo mean at k = {k}, {chains} chains")
        noise_floor = theorem.B(inst.eta, problem.mu, problem.L, problem.sigma2)
        if noise_floor > 0:
            ax.axhline(noise_floor, color="gray", linestyle=":", label="noise floor B")
        if np.any(inst.bound <= 0):
            ax.text(0.02, 0.04, f"bound ≤ 0 (not drawn) where k ≥ {int(np.argmax(inst.bound <= 0))}; B = "
                    f"{noise_floor:.3g}", transform=ax.transAxes)
        ax.set_xlabel("k")
        ax.legend()
    if distances.max() > span * (1 + 1e-9):
        return decide(ctx, 0.0, test="sure range of SGD iterates", detectable="any iterate outside the range",
                      evidence=evidence, counterexample=inst.describe())
    if bound <= 0:
        p = 0.0 if distances.max() > 0 else 1.0
        return decide(ctx, p, test="nonnegative ‖x_k − x*‖² vs a negative bound",
                      detectable="any positive ‖x_k − x*‖²", evidence=evidence, counterexample=inst.describe())
    sd = float(distances.std(ddof=1))
    # power 0.9: the sample mean must clear bound + radius; it falls short with probability ≤ 0.1 once the
    # excess exceeds the radius by z_0.9 standard errors (CLT)
    detectable = empirical_bernstein_radius(sd**2, span, chains, ctx.alpha) + 1.2816 * sd / math.sqrt(chains)
    return decide(
        ctx, empirical_bernstein_p_value(distances, bound, span),
        test="one-sided empirical Bernstein (Maurer & Pontil 2009), H0: E‖x_k − x*‖² ≤ bound",
        detectable=f"E‖x_k − x*‖² above the bound by {detectable:.3g} ({detectable / bound:.1%} of it)",
        evidence=evidence, counterexample=inst.describe(),
    )


def nsw_claim(cid: str, printed_form: SGDTheorem, statement: str, reading: str, doc: str) -> None:
    def check(ctx: Context, theorem: SGDTheorem) -> Outcome:
        return sgd_theorem_check(ctx, theorem)

    check.__doc__ = doc
    check.__name__ = cid.split(".")[1]
    TOPIC.claim(cid, method="statistical", canonical=NSW_THEOREM,
                printed=[Printed(D001, printed_form, statement, reading=reading)], references=[NSW])(check)


NSW_DOC = ("E‖x_k − x*‖² ≤ A^k‖x_0 − x*‖² + B for SGD on f = (1/n)Σf_i, f_i convex L_i-smooth, sup L_i ≤ L, f "
           "μ-strongly convex, η < 1/L, with A = 1 − 2ημ(1 − ηL), B = ησ²/(μ(1 − ηL)), σ² = (1/n)Σ‖∇f_i(x*)‖² "
           "(Needell, Srebro & Ward 2014, Thm 2.1). Exact second moments locate the tightest instance; a calibrated "
           "Monte-Carlo test of the implementation's SGD decides.")
READING_001 = ("001 writes f = Σ_i f_i; read as the average (as its unbiasedness line requires) and with each f_i "
               "convex (NSW's hypothesis, not printed).")

nsw_claim("sgd.nsw_step_size_condition",
          replace(NSW_THEOREM, step_limit=lambda mu, L: 1 / mu, latex=r"\eta\le 1/\mu"),
          r"x^k\text{ SGD iterate generated with }\eta\le1/\mu",
          READING_001 + " Only the printed step-size condition η ≤ 1/μ replaces η < 1/L.",
          "The SGD theorem's step-size condition\n\n" + NSW_DOC)
nsw_claim("sgd.nsw_contraction_factor", NSW_THEOREM, r"A=1-2\eta\mu(1-\eta L)", READING_001,
          "The SGD theorem's contraction factor\n\n" + NSW_DOC)
nsw_claim("sgd.nsw_noise_floor", replace(NSW_THEOREM, B=printed_B, latex=r"B=\frac{\eta\sigma^2}{\mu-\eta L}"),
          r"B=\frac{\eta\sigma^2}{\mu-\eta L}", READING_001 + " Only the printed B replaces NSW's ησ²/(μ(1−ηL)).",
          "The SGD theorem's noise floor\n\n" + NSW_DOC)


def asymptotic_rate(cid: str, title: str, statement: str, printed: Printed) -> None:
    TOPIC.not_checkable(
        cid, title=title, statement=statement, printed=[printed],
        reason="An O(·) rate with no constant, no step-size schedule and (in the printed form) an undefined quantity: "
        "no finite experiment can confirm or refute it. A constant-explicit version (e.g. DG/√T for averaged "
        "projected SGD) would be checkable; left for later.",
    )


asymptotic_rate("sgd.rate_convex", "SGD rate, convex",
                "E[h(θ̄_t)] − min h = O(1/√t) for convex Lipschitz h with averaged iterates (Nemirovski et al. 2009).",
                Printed(D000, None, r"E[h(\bar\theta_t)]-\min h\le O(1/\sqrt t)"))
asymptotic_rate("sgd.rate_strongly_convex", "SGD rate, strongly convex",
                "E[h(θ̄_t)] − min h = O(log t / t) for strongly convex h, η_t = 1/(μt) (Hazan et al. 2007).",
                Printed(D000, None, r"E[h(\bar\theta_t)]-\min h\le O(\log\frac t\delta)",
                        reading="δ is undefined and log(t/δ) grows with t: as printed the bound is vacuous."))
asymptotic_rate("sgd.rate_strongly_convex_smooth", "SGD rate, strongly convex and smooth",
                "E[h(θ̄_t)] − min h = O(1/t) for strongly convex smooth h with η_t ∝ 1/t.",
                Printed(D000, None, r"E[h(\bar\theta_t)]-\min h\le O(1/t)"))
TOPIC.not_checkable(
    "sgd.polyak_averaging_rate", title="Polyak averaging rate",
    statement="Averaged SGD attains O(1/√t) for general convex Lipschitz problems (optimal, Nemirovski–Yudin) and "
    "O(1/t) under strong convexity or for least squares with constant steps (Bach & Moulines 2013).",
    reason="'Often achieves O(1/t)' is hedged and constant-free; for general convex problems the minimax rate is "
    "Ω(1/√t), so the unhedged reading is false, but 'often' cannot be refuted by an experiment.",
    printed=[Printed(D002, None, r"\text{Often achieves the optimal rate }O(1/t)\text{ for convex problems}"),
             Printed(D004, None, r"\text{Often achieves the optimal rate }O(1/t)\text{ for convex problems}")],
)
