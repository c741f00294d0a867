"""The forward chain: its Gaussian step, its closed-form marginal, and ᾱ_t as a running product."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import sympy

from theorems.engine import Context, Formula, Outcome, Printed, Verdict, identity

from . import HO, TOPIC
from .formulas import abar_of, abar_prev, beta_t, gaussian_kl, prove_all, root, x_0
from .residuals import COSINE, LINEAR, ResidualCase, decide_residuals, run_chain
from .strategies import schedules


@dataclass(frozen=True)
class GaussianLaw:
    """x ~ N(mean(·), variance(·) I): a kernel or a marginal as a formula."""

    mean: Formula
    variance: Formula


TRANSITION = GaussianLaw(Formula(r"\sqrt{1-\beta_t}\,x_{t-1}", lambda x, b: root(1 - b) * x),
                         Formula(r"\beta_t", lambda b: b))


@TOPIC.claim(
    "ddpm.forward_transition",
    method="statistical",
    canonical=TRANSITION,
    faithful=("000:1160", "000:1176", "002", "003"),
    references=(HO,),
)
def forward_transition(ctx: Context, kernel: GaussianLaw) -> Outcome:
    """One forward step adds Gaussian noise.

    q(x_t | x_{t-1}) = N(√(1-β_t) x_{t-1}, β_t I), i.e. x_t = √(1-β_t) x_{t-1} + √β_t ε_t
    (Ho et al. 2020, eq. 2). Checked on the implementation's forward_step for small, mid and
    near-one β_t (linear and cosine schedules, T = 1000).
    """
    impl, rng = ctx.impl(), ctx.rng()
    n, d = ctx.scaled(2000), 4
    cases = []
    for name, betas, t in [("linear", LINEAR, 1), ("linear", LINEAR, 1000), ("cosine", COSINE, 500),
                           ("cosine", COSINE, 1000)]:
        x = 3 * rng.standard_normal((n, d))
        beta = float(betas[t - 1])
        sample = impl.forward_step(x, t, betas, rng)
        cases.append(ResidualCase(f"{name} t={t} (β={beta:.4g})", sample - kernel.mean(x, beta), (x,),
                                  float(kernel.variance(beta))))
    return decide_residuals(ctx, cases, "x_t given x_{t-1}")


MARGINAL = GaussianLaw(Formula(r"\sqrt{\bar\alpha_t}\,x_0", lambda x, abar: root(abar) * x),
                       Formula(r"1-\bar\alpha_t", lambda abar: 1 - abar))


@TOPIC.claim(
    "ddpm.forward_marginal",
    method="statistical",
    canonical=MARGINAL,
    faithful=("002", "003:707", "003:732"),
    printed={"000": Printed(MARGINAL, reading="'|(α)_t|' is the OCR of ᾱ_t and '|(β)_t|' of β̄_t = 1 - ᾱ_t "
                                              "(defined on line 1196); the closing '√|(α)_t' lost its bar's right "
                                              "edge. Read as the canonical marginal.")},
    depends=("ddpm.forward_transition",),
    references=(HO,),
)
def forward_marginal(ctx: Context, law: GaussianLaw) -> Outcome:
    """The forward marginal in closed form, and its limit N(0, I).

    With ᾱ_t = ∏_{τ≤t}(1-β_τ): x_t | x_0 ~ N(√ᾱ_t x_0, (1-ᾱ_t) I) (Ho et al. 2020, eq. 4); as
    ᾱ_t → 0 this tends to N(0, I). Proved by induction on t (SymPy), then checked by Monte Carlo on
    the implementation: its chain of forward_steps and its one-shot marginal_sample both match the law.
    """
    a, b = abar_prev, beta_t
    proof = prove_all(ctx, [
        [("base case t = 0: mean coefficient at ᾱ_0 = 1", law.mean(x_0, sympy.Integer(1))), ("x_0", x_0)],
        [("base case t = 0: variance at ᾱ_0 = 1", law.variance(sympy.Integer(1))), ("0", sympy.Integer(0))],
        [("mean of √(1-β_t) x_{t-1} + √β_t ε given the law at t-1", root(1 - b) * law.mean(x_0, a)),
         ("the law's mean at t", law.mean(x_0, abar_of(a, b)))],
        [("variance (1-β_t) Var(x_{t-1}) + β_t given the law at t-1", (1 - b) * law.variance(a) + b),
         ("the law's variance at t", law.variance(abar_of(a, b)))],
        [("mean as ᾱ_t → 0", sympy.limit(law.mean(x_0, a), a, 0)), ("0", sympy.Integer(0))],
        [("variance as ᾱ_t → 0", sympy.limit(law.variance(a), a, 0)), ("1", sympy.Integer(1))],
    ])
    if proof.verdict is not Verdict.PROVED:
        return proof
    impl, rng = ctx.impl(), ctx.rng()
    limit_rows = []
    for name in ("linear", "cosine"):
        abar_T = float(impl.alpha_bar(impl.betas(name, 1000))[-1])
        limit_rows.append([name, abar_T, float(gaussian_kl(math.sqrt(abar_T), 1 - abar_T, 0.0, 1.0))])
    ctx.table("ᾱ_T → 0: the implementation's schedules at T = 1000",
              ["schedule", "ᾱ_T", "KL(q(x_T | x_0 = 1) ‖ N(0,1))"], limit_rows)
    n, d = ctx.scaled(1000), 4
    cases = []
    for name, betas, t in [("linear", LINEAR, 10), ("linear", LINEAR, 1000), ("cosine", COSINE, 500)]:
        abar = float(np.prod(1 - betas[:t]))
        x0 = 2 * rng.standard_normal((n, d))
        for how, sample in [("forward_step chain", run_chain(impl, x0, 0, t, betas, rng)),
                            ("marginal_sample", impl.marginal_sample(x0, t, betas, rng))]:
            cases.append(ResidualCase(f"{name} t={t} {how}", sample - law.mean(x0, abar), (x0,),
                                      float(law.variance(abar))))
    outcome = decide_residuals(ctx, cases, "x_t given x_0")
    outcome.evidence["induction"] = "proved (SymPy)"
    return outcome


@TOPIC.claim(
    "ddpm.alpha_bar_definition",
    method="property",
    canonical=Formula(r"\bar\alpha_t=\prod_{i=1}^t(1-\beta_i)", lambda betas: np.cumprod(1 - betas)),
    printed={"003": Printed(Formula(r"\bar\alpha_t=\prod_{i=1}^t\alpha_i", lambda betas: np.cumprod(1 - betas)))},
    references=(HO,),
)
def alpha_bar_definition(ctx: Context, definition: Formula) -> Outcome:
    """ᾱ_t is the running product of α_t = 1 - β_t.

    ᾱ_t = ∏_{i=1}^t α_i with α_i = 1 - β_i (Ho et al. 2020, §2): the implementation's alpha_bar
    matches the product on every generated schedule.
    """
    impl = ctx.impl()
    return identity(ctx, schedules(), impl.alpha_bar, definition, label="ᾱ", rtol=1e-12, max_examples=50)
