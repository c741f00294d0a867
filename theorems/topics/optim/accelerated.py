"""Nesterov's accelerated rates and exact line search."""

from __future__ import annotations

import math

from theorems.engine import Context, Outcome, Printed

from . import KNS, NESTEROV, SBC, TOPIC
from .strategies import Problem, convex_problems, pl_problems, strongly_convex_problems
from .trajectories import Rate, constant, dist0, gap0, kappa, one_over_l, rate_holds


def nesterov_beta(p: Problem) -> float:
    return (math.sqrt(kappa(p)) - 1) / (math.sqrt(kappa(p)) + 1)


NESTEROV_SC = Rate(r"\frac{L+\mu}{2}\|x_0-x^*\|^2(1-1/\sqrt{\kappa})^t", "f(x_t) - f*", one_over_l,
                   lambda p, eta, t: (p.L + p.mu) / 2 * dist0(p) * (1 - 1 / math.sqrt(kappa(p))) ** t,
                   method="nesterov", betas=constant(nesterov_beta), linear=True)


@TOPIC.claim(
    "optim.nesterov_strongly_convex_rate",
    method="property",
    canonical=NESTEROV_SC,
    printed={
        "001": Printed(Rate(r"L\left(\frac{\sqrt{\kappa}-1}{\sqrt{\kappa}}\right)^k\|x^0-x^*\|^2", "f(x_t) - f*",
                          one_over_l,
                          lambda p, eta, t: p.L * dist0(p) * ((math.sqrt(kappa(p)) - 1) / math.sqrt(kappa(p))) ** t,
                          method="nesterov", betas=constant(nesterov_beta), linear=True),
                       reading="η = 1/L is not printed; the theorem is Nesterov's, which uses it"),
    },
    references=(NESTEROV,),
)
def nesterov_strongly_convex_rate(ctx: Context, rate: Rate) -> Outcome:
    """Nesterov's method on L-smooth μ-strongly convex f converges at rate 1 - 1/√κ.

    With η = 1/L and β = (√κ - 1)/(√κ + 1), κ = L/μ:
    f(x_t) - f* ≤ (L + μ)/2 ‖x_0 - x*‖² (1 - 1/√κ)^t (Nesterov 2004, Thm 2.2.3; REFERENCES.md).
    The method under test runs; its θ_t (not its look-ahead points) are measured.
    """
    return rate_holds(ctx, strongly_convex_problems(), rate, steps=80)


def sbc_betas(p: Problem, steps: int) -> list[float]:
    return [max(0.0, (t - 1) / (t + 2)) for t in range(steps)]


NESTEROV_CONVEX = Rate(r"\frac{2L\|x_0-x^*\|^2}{(t+1)^2}", "f(x_t) - f*", one_over_l,
                       lambda p, eta, t: 2 * dist0(p) / (eta * (t + 1) ** 2), method="nesterov", betas=sbc_betas)


@TOPIC.claim(
    "optim.nesterov_accelerated_rate",
    method="property",
    canonical=NESTEROV_CONVEX,
    printed={
        "004": Printed(NESTEROV_CONVEX,
                       reading="the O(t^{-2}) rate read with its standard constant 2L‖x_0 - x*‖²/(t+1)² "
                               "for η = 1/L and β_t = (t-1)/(t+2)"),
    },
    references=(SBC, NESTEROV),
)
def nesterov_accelerated_rate(ctx: Context, rate: Rate) -> Outcome:
    """Nesterov's method on convex L-smooth f: f(x_t) - f* = O(1/t²).

    With η = 1/L and β_t = (t-1)/(t+2): f(x_t) - f* ≤ 2L ‖x_0 - x*‖²/(t+1)² (Su, Boyd & Candès 2016,
    Thm 6), for every minimizer x*.
    """
    return rate_holds(ctx, convex_problems(), rate, steps=80)


EXACT_LS_RATE = Rate(r"(1-\mu/L)^t\,(f(x_0)-f^*)", "f(x_t) - f*", one_over_l,
                     lambda p, eta, t: (1 - p.pl / p.L) ** t * gap0(p), method="exact_line_search", linear=True)


@TOPIC.claim(
    "optim.pl_exact_line_search_linear",
    method="property",
    canonical=EXACT_LS_RATE,
    printed={
        "003": Printed(EXACT_LS_RATE, reading="linear rate read with the constant of the η = 1/L proof, (1 - μ/L)^t"),
    },
    references=(KNS,),
    uses_impl=False,
)
def pl_exact_line_search_linear(ctx: Context, rate: Rate) -> Outcome:
    """PL + L-smooth: GD with exact line search converges linearly.

    Exact line search does at least as well as η = 1/L at every step, so
    f(x_t) - f* ≤ (1 - μ/L)^t (f(x_0) - f*) (Karimi et al. 2016). The line search is ours (grid +
    Brent), with 1/L always among its candidates.
    """
    return rate_holds(ctx, pl_problems(max_dim=3), rate, steps=15, max_examples=25)
