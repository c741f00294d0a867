"""Adaptive optimizers as moment recursions: AdaGrad, RMSprop, signSGD, compared step by step."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

import numpy as np

from impls.optim import polar_factor
from theorems.engine import Context, Outcome, Printed, same_steps, steer

from . import DUCHI, KINGMA_BA, TIELEMAN, TOPIC
from .strategies import Run, runs
from .trajectories import horizon_evidence

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


def simulate(rule: Rule, run: Run, along: Array | None = None) -> Array:
    """The iterates x_0 … x_T of ``rule`` on ``run``'s objective.

    With ``along`` (a trajectory x_0 … x_T of some optimizer), the rule is replayed on that trajectory
    instead: entry t + 1 is x_t - step(m_t, v_t, t), the moments accumulated from the gradients at
    ``along``'s own iterates. Compared with ``along[t + 1]``, it tests each step against the rule
    applied to the trajectory's own past, so rounding never accumulates along a long run.
    """
    x = np.array(run.x0 if along is None else along[0], dtype=float)
    m, v, v_max = np.zeros_like(x), np.zeros_like(x), np.zeros_like(x)
    g_star = run.objective.gradient(run.objective.minimizer.reshape(x.shape))
    out = [x.copy()]
    for t in range(1, (run.steps if along is None else len(along) - 1) + 1):
        if along is not None:
            x = np.array(along[t - 1], dtype=float)
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


HORIZON = 300
"""The longest run compared step by step in the quick profile (``ctx.scaled`` lengthens it in the full one)."""


def same_iterates(ctx: Context, rule: Rule, method: str, *, max_examples: int = 25) -> Outcome:
    """The implementation's ``method`` takes the steps of ``rule`` on every generated run: each iterate is the
    rule applied to the run's own past (its moments accumulated from the gradients at the run's own iterates),
    over horizons Hypothesis draws up to ``ctx.scaled(HORIZON)`` steps and pushes towards the longest, so that
    a rule that goes wrong only late (a frozen step counter, a reset accumulator) is named by its first wrong step."""
    horizons: list[int] = []
    replayed: dict[str, Array] = {}

    def trajectory(run: Run) -> Array:
        horizons.append(run.steps)
        steer(float(run.steps), label="horizon (steps)")
        return ctx.impl().trajectory(method, run.x0, run.objective.gradient, run.steps, dict(run.hyper))

    def step(run: Run, path: Array, t: int) -> Array:
        if replayed.get("path") is not path:  # same_steps asks for t = 0, 1, … of one path in turn
            replayed["path"], replayed["rule"] = path, simulate(rule, run, along=path)
        return replayed["rule"][t + 1]

    outcome = same_steps(ctx, runs(method, max_steps=ctx.scaled(HORIZON)), trajectory, step,
                         label=f"iterates of {method} vs the stated update", max_examples=max_examples,
                         describe=Run.describe)
    outcome.evidence.update(horizon_evidence(horizons))
    return outcome


@TOPIC.claim(
    "optim.adagrad_update",
    method="property",
    canonical=ADAGRAD,
    printed={
        "000": Printed(replace(ADAGRAD, step=eps_inside_root, latex=r"\eta_i^t=\frac{\eta}{\sqrt{\gamma_i^t+\delta}}"),
                       reading="δ sits inside the square root (lines 203-207)."),
        "001": Printed(replace(ADAGRAD, moment_of_minimizer=True, latex=r"x^{k+1}=x^k-\eta\Lambda^k\nabla f(x^*)"),
                       reading="Read as printed: the gradient is taken at the minimizer x* (∇f(x*) = 0), surely a typo "
                       "for ∇f(x^k); the accumulator and preconditioner (lines 444, 450) are checked separately."),
    },
    references=(DUCHI, "torch.optim.Adagrad"),
)
def adagrad_update(ctx: Context, rule: Rule) -> Outcome:
    """AdaGrad update

    γ_t = γ_{t-1} + g_t ⊙ g_t, x_{t+1} = x_t - η g_t/(√γ_t + δ), coordinatewise, g_t = ∇f(x_t) (Duchi et al.
    2011; torch.optim.Adagrad).
    """
    return same_iterates(ctx, rule, "adagrad")


@TOPIC.claim(
    "optim.adagrad_accumulator",
    method="property",
    canonical=ADAGRAD,
    printed={
        "001": Printed(ADAGRAD, reading="Checked inside the full AdaGrad step with the standard step x - ηg/(√γ + δ)."),
    },
    references=(DUCHI,),
)
def adagrad_accumulator(ctx: Context, rule: Rule) -> Outcome:
    """AdaGrad accumulates squared gradients

    γ_k = γ_{k-1} + ∇f(x_k) ⊙ ∇f(x_k), γ_0 = 0, inside AdaGrad.
    """
    return same_iterates(ctx, rule, "adagrad")


@TOPIC.claim(
    "optim.adagrad_preconditioner",
    method="property",
    canonical=ADAGRAD,
    printed={
        "001": Printed(ADAGRAD, reading="Checked inside the full AdaGrad step x^{k+1} = x^k - ηΛ^k∇f(x^k)."),
    },
    references=(DUCHI, "torch.optim.Adagrad"),
)
def adagrad_preconditioner(ctx: Context, rule: Rule) -> Outcome:
    """AdaGrad preconditioner

    Λ_k = diag(1/(√γ_{k,i} + δ)): δ is added to the root, as in torch.optim.Adagrad.
    """
    return same_iterates(ctx, rule, "adagrad")


@TOPIC.claim(
    "optim.rmsprop_update",
    method="property",
    canonical=RMSPROP,
    printed={
        "002": Printed(RMSPROP, reading="β is the decay (torch's alpha)."),
        "004": Printed(replace(RMSPROP, step=eps_inside_root), reading="ε inside the root (line 231)."),
    },
    references=(TIELEMAN, "torch.optim.RMSprop"),
)
def rmsprop_update(ctx: Context, rule: Rule) -> Outcome:
    """RMSprop update

    v_t = αv_{t-1} + (1-α)g_t², x_{t+1} = x_t - η g_t/(√v_t + ε) (torch.optim.RMSprop).
    """
    return same_iterates(ctx, rule, "rmsprop")


@TOPIC.claim(
    "optim.rmsprop_is_adam_without_momentum",
    method="property",
    canonical=with_beta1_zero(replace(ADAM, step=eps_outside_root),
                              r"\text{Adam}_{\beta_1=0}\text{ without bias correction}"),
    printed={
        "000": Printed(with_beta1_zero(ADAM_000, r"\text{Adam of 000 with }\beta=0"),
                       reading="'Adam' is 000's own Adam (lines 211-215): no bias correction, δ inside "
    "the root."),
        "003": Printed(with_beta1_zero(ADAM, r"\text{Kingma--Ba Adam with }\beta_1=0"),
                       reading="003 prints no Adam; read as Kingma & Ba's Adam (bias-corrected) with β₁ = 0."),
    },
    references=(KINGMA_BA, TIELEMAN),
)
def rmsprop_is_adam_without_momentum(ctx: Context, rule: Rule) -> Outcome:
    """RMSprop is Adam without momentum

    RMSprop equals Adam with β₁ = 0, β₂ = α, once Adam's bias correction of the second moment is removed (with
    it, the steps differ by √(1-α^t)).
    """
    return same_iterates(ctx, rule, "rmsprop")


@TOPIC.claim(
    "optim.signsgd_update",
    method="property",
    canonical=SIGNSGD,
    printed={
        "003": Printed(SIGNSGD, reading="Checked with the full gradient as the (one-element) minibatch."),
    },
    references=("Bernstein, Wang, Azizzadenesheli & Anandkumar (2018), signSGD"),
)
def signsgd_update(ctx: Context, rule: Rule) -> Outcome:
    """signSGD update

    x_{t+1} = x_t - η sign(g_t), coordinatewise.
    """
    return same_iterates(ctx, rule, "signsgd")
