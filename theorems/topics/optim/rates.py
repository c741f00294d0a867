"""Rates of gradient descent: PL, strongly convex, convex and nonconvex (stationarity)."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from hypothesis import strategies as st

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, at_most, for_all
from theorems.engine.typed import TypedForm, numeric, quantity

from . import DESCENT, KNS, NESTEROV, POLYAK, TOPIC
from .strategies import Problem, convex_problems, pl_problems, smooth_problems, strongly_convex_problems
from .trajectories import (
    Rate,
    describe_pair,
    dist0,
    fraction_of_one_over_l,
    gap0,
    iterate,
    min_gradient2,
    one_over_l,
    rate_holds,
)

PL_RATE = Rate(r"(1-\mu/L)^t\,(f(x_0)-f^*)", "f(x_t) - f*", one_over_l,
               lambda p, eta, t: (1 - p.pl / p.L) ** t * gap0(p), linear=True)


PL_QUANTITIES = (
    quantity(r"\mu", "mu", "the PL constant: ½‖∇f‖² ≥ μ (f - f*)"),
    quantity("L", "L", "the smoothness constant"),
    quantity(r"\eta", "eta", "the step size the claim prescribes (1/L)"),
    quantity("t", "t", "the iteration", integer=True, nonnegative=True),
    quantity("f(x_0)-f^*", "gap0", "the initial gap", "f(x_0) - f^*", "f(x_0)-f^{*}", "f(x_0) - f^{*}"),
)
TYPED_PL_RATE = TypedForm(
    quantity("f(x_t)-f^*", "gap_t", "the gap after t steps", "f(x_t) - f^*", "f(x_t)-f^{*}", "f(x_t) - f^{*}"),
    r"\le", r"(1-\mu/L)^t\,(f(x_0)-f^*)", PL_QUANTITIES,
    lambda rhs, latex: Rate(latex, "f(x_t) - f*", one_over_l,
                            bound_of(numeric(rhs, *(q.symbol for q in PL_QUANTITIES))), linear=True),
)


def bound_of(rate: Callable[..., np.ndarray]) -> Callable[[Problem, float, np.ndarray], np.ndarray]:
    """A typed rate of (μ, L, η, t, f(x_0) - f*) as a bound of (problem, η, t), broadcast over t."""
    return lambda p, eta, t: np.broadcast_to(rate(p.pl, p.L, eta, t, gap0(p)), np.shape(t))


@TOPIC.claim(
    "optim.pl_gd_linear_rate",
    method="property",
    canonical=PL_RATE,
    faithful=("002",),
    printed={
        "000": Printed(PL_RATE, reading="the leading Δ is OCR noise; η = 1/L is printed two lines above"),
        "003": Printed(Rate(r"(1-\mu/L)^t\,(f(x_0)-f^*),\ \eta=\frac{2}{L+\mu}", "f(x_t) - f*",
                          lambda p: 2 / (p.L + p.pl), lambda p, eta, t: (1 - p.pl / p.L) ** t * gap0(p),
                          linear=True),
                       reading="the step 2/(L+μ) (optimal for strongly convex quadratics) combined with the PL rate "
                               "proved for η = 1/L; checked as printed, with the search pushed to the bound"),
    },
    references=(POLYAK, KNS),
    typed=TYPED_PL_RATE,
)
def pl_gd_linear_rate(ctx: Context, rate: Rate) -> Outcome:
    """PL + L-smooth: GD converges linearly in function value.

    If f is L-smooth and ½‖∇f(x)‖² ≥ μ (f(x) - f*) for all x, GD with η = 1/L gives
    f(x_t) - f* ≤ (1 - μ/L)^t (f(x_0) - f*) (Polyak 1963; Karimi, Nutini & Schmidt 2016). Checked on
    rank-deficient quadratics and least squares (PL, not strongly convex), x² + 3 sin² x sums
    (PL, not convex) and strongly convex log-cosh objectives.
    """
    return rate_holds(ctx, pl_problems(), rate, steps=60, max_examples=100)


SC_RATE = Rate(r"(1-\eta\mu)^t\,\|x_0-x^*\|^2", "‖x_t - x*‖²", fraction_of_one_over_l,
               lambda p, eta, t: (1 - eta * p.mu) ** t * dist0(p), linear=True)
SC_GAP_RATE = Rate(r"(1-\mu/L)^k\,(f(x_0)-f^*)", "f(x_t) - f*", one_over_l,
                   lambda p, eta, t: (1 - p.mu / p.L) ** t * gap0(p), linear=True)
LINEAR_READING = ("'linear convergence rate O(c^k) for some c < 1' read with the constant that goes with it: "
                  "GD with η = 1/L, f(x_k) - f* ≤ (1 - μ/L)^k (f(x_0) - f*)")


@TOPIC.claim(
    "optim.strongly_convex_smooth_gd_linear_rate",
    method="property",
    canonical=SC_RATE,
    printed={
        "002": Printed(SC_GAP_RATE, reading=LINEAR_READING),
        "003": Printed(SC_RATE, reading="the exponent k is the iteration count t"),
        "004": Printed(SC_GAP_RATE, reading=LINEAR_READING),
    },
    references=(NESTEROV,),
)
def strongly_convex_smooth_gd_linear_rate(ctx: Context, rate: Rate) -> Outcome:
    """μ-strongly convex + L-smooth: GD contracts the distance to x* linearly.

    For 0 < η ≤ 1/L, ‖x_t - x*‖² ≤ (1 - ημ)^t ‖x_0 - x*‖² (Nesterov 2004, Thm 2.1.14 gives the
    sharper (1 - 2ημL/(μ+L))^t). Steps η = s/L with s drawn in (0, 1].
    """
    return rate_holds(ctx, strongly_convex_problems(), rate, steps=60)


CONVEX_RATE = Rate(r"\frac{\|x_0-x^*\|^2}{2\eta t}", "f(x_t) - f*", fraction_of_one_over_l,
                   lambda p, eta, t: dist0(p) / (2 * eta * t))


@TOPIC.claim(
    "optim.convex_smooth_gd_rate",
    method="property",
    canonical=CONVEX_RATE,
    faithful=("003",),
    references=(NESTEROV,),
)
def convex_smooth_gd_rate(ctx: Context, rate: Rate) -> Outcome:
    """Convex + L-smooth: GD's suboptimality decays as 1/t.

    For convex L-smooth f and η ≤ 1/L, f(x_t) - f* ≤ ‖x_0 - x*‖²/(2ηt) for every minimizer x*
    (Nesterov 2004, Cor. 2.1.2 with η = 1/L). Checked on convex objectives that are not strongly
    convex (rank-deficient quadratics, under-determined least squares, log-cosh) and strongly convex ones.
    """
    return rate_holds(ctx, convex_problems(), rate, steps=60)


MIN_GRAD_RATE = Rate(r"\frac{2(f(x_0)-f^*)}{\eta(t+1)}", "min_{i≤t} ‖∇f(x_i)‖²", fraction_of_one_over_l,
                     lambda p, eta, t: 2 * gap0(p) / (eta * (t + 1)))


@TOPIC.claim(
    "optim.nonconvex_gd_min_grad",
    method="property",
    canonical=MIN_GRAD_RATE,
    faithful=("003",),
    references=(DESCENT,),
)
def nonconvex_gd_min_grad(ctx: Context, rate: Rate) -> Outcome:
    """L-smooth, possibly non-convex: the smallest gradient seen decays as 1/t.

    For L-smooth f with minimum f* and η ≤ 1/L, min_{0≤i≤t} ‖∇f(x_i)‖² ≤ 2(f(x_0) - f*)/(η(t+1)):
    sum the descent lemma f(x_{i+1}) ≤ f(x_i) - (η/2)‖∇f(x_i)‖² over i ≤ t. Checked also on rippled
    quadratics with spurious local minima and on x² + 3 sin² x sums.
    """
    return rate_holds(ctx, smooth_problems(), rate, steps=60)


STEPS_FORMULA = Formula(r"\frac{2L}{\varepsilon^2}(f(x_0)-\min f)", lambda L, gap, eps: 2 * L * gap / eps**2)
stationary_inputs = st.tuples(smooth_problems(), st.floats(0.05, 1.0))


@TOPIC.claim(
    "optim.smooth_gd_stationary_steps",
    method="property",
    canonical=STEPS_FORMULA,
    faithful=("000", "003"),
    printed={
        "002": Printed(STEPS_FORMULA,
                       reading="convergence of L-smooth GD means convergence to stationarity; checked with the "
                               "quantitative form the other documents print"),
    },
    references=(DESCENT,),
)
def smooth_gd_stationary_steps(ctx: Context, steps_needed: Formula) -> Outcome:
    """L-smooth: GD with η = 1/L finds an ε-stationary point within 2L(f(x_0) - min f)/ε² steps.

    Some iterate x_i, i ≤ ⌊2L(f(x_0) - f*)/ε²⌋, has ‖∇f(x_i)‖ ≤ ε (from the min-gradient bound with
    η = 1/L). ε is drawn as a fraction of ‖∇f(x_0)‖, kept large enough that at most 2000 steps are needed.
    """

    def prop(case: tuple[Problem, float]) -> Comparison:
        problem, fraction = case
        gradient0 = float(np.linalg.norm(problem.grad(problem.x0)))
        eps = max(fraction * gradient0, math.sqrt(2 * problem.L * gap0(problem) / 2000), 1e-12)
        budget = min(math.floor(steps_needed(problem.L, gap0(problem), eps)), 20_000)
        path = iterate(ctx, problem, "gd", 1 / problem.L, [0.0] * budget)
        smallest = math.sqrt(min_gradient2(problem, path)[-1])
        return at_most(smallest, eps, label="min_{i ≤ T} ‖∇f(x_i)‖ vs ε", rtol=1e-7)

    return for_all(ctx, stationary_inputs, prop, max_examples=60, describe=describe_pair)
