"""Gradient methods: smoothness, convexity, PL, the rates of GD and Nesterov, and the update rules.

Standard results (REFERENCES.md): Polyak (1963) and Karimi, Nutini & Schmidt (2016) for the PL
rate; the descent lemma; Nesterov, "Introductory lectures on convex optimization" (2004) for the
convex, strongly convex and accelerated rates; Su, Boyd & Candès (2016) for the O(1/t²) bound of
Nesterov's method with β_t = (t-1)/(t+2). The rates are checked on the optimizer under test
(``--impl optim=...``; ``impls.adapters.torch_sgd:TorchSGD`` drives torch.optim.SGD).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import sympy
from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.integrate import solve_ivp
from scipy.optimize import minimize_scalar
from sympy.calculus.util import minimum

from impls.optim import OptimizerImpl
from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    Topic,
    Verdict,
    as_array,
    at_least,
    at_most,
    close,
    for_all,
    for_each,
    prove_chain,
    show,
    that,
)
from theorems.engine.catalog import D000, D001, D002, D003, D004
from theorems.strategies.optim import (
    Problem,
    convex_problems,
    pl_problems,
    problems,
    quadratics,
    smooth_problems,
    strongly_convex_problems,
)

TOPIC = Topic(
    "optim",
    "Gradient methods: smoothness, convexity, PL and convergence rates",
    summary="GD, heavy ball and Nesterov on objectives with certified L, μ and PL constants; "
            "the rates as the documents print them, checked on our optimizers and torch.optim.SGD.",
    protocol=OptimizerImpl,
    reference="impls.optim:GradientDescent",
)

KNS = ("Karimi, Nutini & Schmidt (2016), Linear convergence of gradient and proximal-gradient methods "
       "under the PL condition")
POLYAK = "Polyak (1963), Gradient methods for minimizing functionals"
NESTEROV = "Nesterov (2004), Introductory lectures on convex optimization, Thms 2.1.5, 2.1.14, 2.1.15, 2.2.3"
DESCENT = "Descent lemma: f(y) ≤ f(x) + ∇f(x)ᵀ(y-x) + L/2 ‖y-x‖² for L-smooth f (Nesterov 2004, Lemma 1.2.3)"
SBC = "Su, Boyd & Candès (2016), A differential equation for modeling Nesterov's accelerated gradient method, Thm 6"
CONVEX = "Boyd & Vandenberghe (2004), Convex Optimization, §3.1–3.2"


def describe_problem(problem: Problem) -> dict:
    return problem.describe()


def describe_pair(pair: tuple) -> dict:
    return {"problem": pair[0].describe(), "other": np.asarray(pair[1]).tolist()}


# --- running the optimizer under test ------------------------------------------------------------


def iterate(ctx: Context, problem: Problem, method: str, lr: float, betas: Sequence[float]) -> np.ndarray:
    """The trajectory θ_0 … θ_T (T = len(betas)) of ``method`` on ``problem``, validated."""
    x0, steps = problem.x0.copy(), len(betas)
    if method == "exact_line_search":
        return exact_line_search(problem, steps)
    optimizer = ctx.impl()
    if method == "gd":
        path = optimizer.gd(problem.grad, x0, lr, steps)
    elif method == "heavy_ball":
        path = optimizer.heavy_ball(problem.grad, x0, lr, list(betas))
    else:
        path = optimizer.nesterov(problem.grad, x0, lr, list(betas))
    return as_array(path, what=f"{method}() trajectory", shape=(steps + 1, problem.dim))


def exact_line_search(problem: Problem, steps: int) -> np.ndarray:
    """GD with η_t = argmin_η f(x_t - η ∇f(x_t)): a grid over [0, 4/L + 4‖x_t - x*‖/‖∇f‖] refined
    by Brent's method; the step 1/L is always a candidate, which is all the rate needs."""
    x, path = problem.x0.copy(), [problem.x0.copy()]
    for _ in range(steps):
        g = problem.grad(x)
        norm = float(np.linalg.norm(g))
        if norm == 0:
            path.append(x)
            continue
        along = np.vectorize(lambda eta, x=x, g=g: problem.f(x - eta * g))
        reach = 4 / problem.L + 4 * float(np.linalg.norm(x - problem.nearest_minimizer(x))) / norm
        grid = np.append(np.linspace(0, reach, 201), 1 / problem.L)
        best = grid[int(np.argmin(along(grid)))]
        width = reach / 200
        refined = minimize_scalar(lambda eta, x=x, g=g: problem.f(x - eta * g),
                                  bounds=(max(0.0, best - width), best + width), method="bounded",
                                  options={"xatol": 1e-12 * (1 + best)})
        eta = refined.x if refined.fun <= problem.f(x - best * g) else best
        x = x - eta * g
        path.append(x)
    return np.array(path)


# --- rates ---------------------------------------------------------------------------------------


def gap(problem: Problem, path: np.ndarray) -> np.ndarray:
    return np.array([problem.f(x) for x in path]) - problem.f_star


def distance2(problem: Problem, path: np.ndarray) -> np.ndarray:
    x_star = problem.nearest_minimizer(problem.x0)
    return np.sum((path - x_star) ** 2, axis=1)


def min_gradient2(problem: Problem, path: np.ndarray) -> np.ndarray:
    return np.minimum.accumulate([float(problem.grad(x) @ problem.grad(x)) for x in path])


QUANTITIES = {
    "f(x_t) - f*": gap,
    "‖x_t - x*‖²": distance2,
    "min_{i≤t} ‖∇f(x_i)‖²": min_gradient2,
}


def gap0(p: Problem) -> float:
    return p.f(p.x0) - p.f_star


def dist0(p: Problem) -> float:
    return float(np.sum((p.x0 - p.nearest_minimizer(p.x0)) ** 2))


def constant(beta: Callable[[Problem], float]) -> Callable[[Problem, int], list[float]]:
    return lambda p, steps: [beta(p)] * steps


NO_MOMENTUM = constant(lambda p: 0.0)


@dataclass(frozen=True)
class Rate:
    """A convergence statement: run ``method`` with step ``step(problem)``; then ``quantity`` at
    iteration t is at most ``bound(problem, η, t)``."""

    latex: str
    quantity: str
    step: Callable[[Problem], float]
    bound: Callable[[Problem, float, np.ndarray], np.ndarray]
    method: str = "gd"
    betas: Callable[[Problem, int], list[float]] = NO_MOMENTUM
    linear: bool = False
    """A geometric bound: its tightness is then measured in exponents, log(bound_t/q_0) / log(q_t/q_0),
    which does not tend to 1 merely because the contraction factor does (as κ → ∞)."""

    def __repr__(self) -> str:
        return f"Rate({self.latex!r})"


def rate_holds(ctx: Context, strategy: st.SearchStrategy[Problem], rate: Rate, *, steps: int,
               max_examples: int = 40) -> Outcome:
    """The rate on every generated objective, at every t ≤ ``steps``; the gap and the bound of the
    tightest instance are plotted against t."""
    tightest: dict[str, tuple] = {}

    def prop(problem: Problem) -> Comparison:
        eta = rate.step(problem)
        path = iterate(ctx, problem, rate.method, eta, rate.betas(problem, steps))
        measured = QUANTITIES[rate.quantity](problem, path)
        t = np.arange(len(path))
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # t = 0, diverging runs
            bound = np.asarray(rate.bound(problem, eta, t), dtype=float)
            rounding = 1e-9 * (abs(measured[0]) + abs(problem.f_star)) + 1e-12
            usable = (t >= 1) & np.isfinite(bound) & (bound > 0)  # at t = 0 most bounds are the quantity itself
            safe_bound = np.where(usable, bound, 1.0)
            ratios = np.where(usable, (measured - rounding) / safe_bound, -np.inf)
        tightness = exponent_tightness(measured, safe_bound, usable, rounding) if rate.linear else ratios
        worst = int(np.argmax(ratios)) if np.max(ratios) > 1 else int(np.argmax(tightness))
        comparison = at_most(measured[worst], bound[worst], label=f"{rate.quantity} ≤ bound (worst t ≥ 1)",
                             atol=rounding)
        if rate.linear and comparison.ok:
            comparison = replace(comparison, ratio=float(tightness[worst]))
        if comparison.ratio is not None and (not tightest or comparison.ratio > tightest["ratio"][0]):
            tightest["ratio"] = (comparison.ratio, problem, t, measured, bound)
        return comparison

    outcome = for_all(ctx, strategy, prop, max_examples=max_examples, describe=describe_problem)
    if tightest:
        _, problem, t, measured, bound = tightest["ratio"]
        with ctx.figure(f"{rate.quantity} against t on the tightest instance ({problem.kind}, d = {problem.dim})") \
                as (_, ax):
            ax.semilogy(t, np.maximum(measured, 1e-300), "o-", ms=3, label=f"measured {rate.quantity}")
            ax.semilogy(t[np.isfinite(bound)], bound[np.isfinite(bound)], "--", label=f"bound ${rate.latex}$")
            ax.set_xlabel("iteration t")
            ax.legend(fontsize=7)
    return outcome


def exponent_tightness(measured: np.ndarray, bound: np.ndarray, usable: np.ndarray, rounding: float) -> np.ndarray:
    """log(bound_t/q_0) / log(q_t/q_0): ≤ 1 exactly when q_t ≤ bound_t, for q_t, bound_t < q_0 (and both
    well above float rounding, where the logarithms mean something)."""
    start = measured[0]
    decayed = usable & (measured < start) & (bound < start) & (np.minimum(measured, bound) > 1e3 * rounding)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(decayed, np.log(bound / start) / np.log(np.where(decayed, measured, 0.5 * start) / start),
                        -np.inf)


def one_over_l(p: Problem) -> float:
    return 1 / p.L


def fraction_of_one_over_l(p: Problem) -> float:
    return p.step_fraction / p.L


def kappa(p: Problem) -> float:
    return p.L / p.mu


# --- update rules --------------------------------------------------------------------------------

Update = Callable[[np.ndarray, np.ndarray, Callable, float, float], np.ndarray]

update_inputs = st.tuples(smooth_problems(max_dim=3), st.lists(st.floats(0.0, 0.99), min_size=2, max_size=12))


def follows_update(ctx: Context, method: str, update: Formula) -> Outcome:
    """Every step of ``method`` under test equals the printed update applied to its own last two iterates."""

    def prop(case: tuple[Problem, list[float]]) -> Comparison:
        problem, betas = case
        lr = problem.step_fraction / problem.L
        path = iterate(ctx, problem, method, lr, betas)
        expected = [update(path[t], path[max(t - 1, 0)], problem.grad, lr, betas[t]) for t in range(len(betas))]
        scale = 1 + float(np.max(np.abs(path)))
        return close(path[1:], np.array(expected), label=f"{method} steps vs printed update", rtol=1e-9,
                     atol=1e-11 * scale)

    return for_all(ctx, update_inputs, prop, max_examples=40, describe=lambda c: {
        "problem": c[0].describe(), "betas": c[1]})


def gd_update(theta, previous, grad, lr, beta):
    return theta - lr * grad(theta)


def heavy_ball_update(theta, previous, grad, lr, beta):
    return theta - lr * grad(theta) + beta * (theta - previous)


def nesterov_update(theta, previous, grad, lr, beta):
    look_ahead = theta + beta * (theta - previous)
    return look_ahead - lr * grad(look_ahead)


GD_LATEX = r"\theta_{t+1}=\theta_t-\eta\nabla J(\theta_t)"
HB_LATEX = r"\theta_{t+1}=\theta_t-\eta\nabla h(\theta_t)+\beta(\theta_t-\theta_{t-1})"
NAG_LATEX = r"y_{t}=\theta_t+\beta(\theta_t-\theta_{t-1}),\ \theta_{t+1}=y_{t}-\eta\nabla h(y_{t})"


@TOPIC.claim(
    "optim.gradient_descent_update",
    method="property",
    canonical=Formula(GD_LATEX, gd_update),
    printed=[Printed(D004, Formula(GD_LATEX, gd_update), r"\theta_{t+1} = \theta_t - \eta \nabla_\theta J(\theta_t)")],
    references=(NESTEROV,),
)
def gradient_descent_update(ctx: Context, update: Formula) -> Outcome:
    """Gradient descent takes the step θ_{t+1} = θ_t - η ∇J(θ_t).

    The optimizer under test, run with a fixed step η on smooth objectives, produces iterates each
    of which is the printed update of the previous one (float64, relative error ≤ 1e-9).
    """
    return follows_update(ctx, "gd", update)


@TOPIC.claim(
    "optim.heavy_ball_momentum",
    method="property",
    canonical=Formula(HB_LATEX, heavy_ball_update),
    printed=[
        Printed(D000, Formula(HB_LATEX, heavy_ball_update), HB_LATEX),
        Printed(D001, Formula(HB_LATEX, heavy_ball_update),
                r"x^{k+1} = x^k - \eta \nabla f(x^k) + \beta(x^k - x^{k-1})"),
        Printed(D002, Formula(HB_LATEX, heavy_ball_update),
                r"\theta^{t+1} = \theta^t - \eta \nabla J(\theta^t) + \beta(\theta^t - \theta^{t-1})"),
        Printed(D004, Formula(HB_LATEX, heavy_ball_update),
                r"\theta^{t+1} = \theta^t - \eta \nabla J(\theta^t) + \beta(\theta^t - \theta^{t-1})"),
    ],
    references=(POLYAK,),
)
def heavy_ball_momentum(ctx: Context, update: Formula) -> Outcome:
    """Polyak's heavy ball: θ_{t+1} = θ_t - η ∇h(θ_t) + β_t (θ_t - θ_{t-1}), θ_{-1} = θ_0.

    The heavy-ball method under test (torch.optim.SGD with momentum=β through its adapter, whose
    buffer recursion v ← βv + g, θ ← θ - ηv is this update) follows the printed update step by step.
    """
    return follows_update(ctx, "heavy_ball", update)


@TOPIC.claim(
    "optim.nesterov_update",
    method="property",
    canonical=Formula(NAG_LATEX, nesterov_update),
    printed=[
        Printed(D000, Formula(NAG_LATEX, nesterov_update),
                r"\tilde\theta_{t+1}=\theta_t+\beta(\theta_t-\theta_{t-1}),\ "
                r"\theta_{t+1}=\tilde\theta_{t+1}-\eta\nabla h(\tilde\theta_{t+1})"),
        Printed(D001, Formula(NAG_LATEX, nesterov_update),
                r"y_{k+1} = x_k + \beta(x_k - x_{k-1}),\ x_{k+1} = y_{k+1} - \eta \nabla f(y_{k+1})"),
        Printed(D002, Formula(NAG_LATEX, nesterov_update),
                r"\theta^{t+1} = \theta^t + \beta(\theta^t - \theta^{t-1}),\ "
                r"\theta^{t+1} = \theta^{t+1} - \eta \nabla f(\theta^{t+1})",
                reading="θ^{t+1} names both the look-ahead point and the new iterate; read as two "
                        "successive assignments, which is Nesterov's update"),
        Printed(D004, Formula(NAG_LATEX, nesterov_update),
                r"\theta^{t+1} = \theta^t + \beta(\theta^t - \theta^{t-1}),\ "
                r"\theta^{t+1} = \theta^{t+1} - \eta \nabla f(\theta^{t+1})",
                reading="θ^{t+1} names both the look-ahead point and the new iterate; read as two "
                        "successive assignments, which is Nesterov's update"),
    ],
    references=(NESTEROV,),
)
def nesterov_update_rule(ctx: Context, update: Formula) -> Outcome:
    """Nesterov's method: y_t = θ_t + β_t(θ_t - θ_{t-1}), θ_{t+1} = y_t - η ∇h(y_t), θ_{-1} = θ_0.

    The method under test follows the printed update step by step. torch.optim.SGD(nesterov=True)
    stores the look-ahead point y_t as its parameter; its adapter maps it back to θ_t.
    """
    return follows_update(ctx, "nesterov", update)


# --- GD rates ------------------------------------------------------------------------------------

PL_RATE = Rate(r"(1-\mu/L)^t\,(f(x_0)-f^*)", "f(x_t) - f*", one_over_l,
               lambda p, eta, t: (1 - p.pl / p.L) ** t * gap0(p), linear=True)


@TOPIC.claim(
    "optim.pl_gd_linear_rate",
    method="property",
    canonical=PL_RATE,
    printed=[
        Printed(D000, PL_RATE, r"h(\theta_t) - \min h \leq (1 - \frac{\mu}{L})^t (h(\theta_0) - \min h),\ \eta=\frac1L",
                reading="the leading Δ is OCR noise; η = 1/L is printed two lines above"),
        Printed(D002, PL_RATE, r"f(x_k) - f^* \leq \left(1 - \frac{\mu}{L}\right)^k (f(x_0) - f^*),\ \alpha = 1/L"),
        Printed(D003, Rate(r"(1-\mu/L)^t\,(f(x_0)-f^*),\ \eta=\frac{2}{L+\mu}", "f(x_t) - f*",
                         lambda p: 2 / (p.L + p.pl), lambda p, eta, t: (1 - p.pl / p.L) ** t * gap0(p),
                         linear=True),
                r"\eta^* = \frac{2}{L+\mu}:\ f(x_t) - f(x^*) \leq (1 - \frac{\mu}{L})^t (f(x_0) - f(x^*))",
                reading="the step 2/(L+μ) (optimal for strongly convex quadratics) combined with the PL rate "
                        "proved for η = 1/L; checked as printed, with the search pushed to the bound"),
    ],
    references=(POLYAK, KNS),
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
    printed=[
        Printed(D002, SC_GAP_RATE, r"\text{linear convergence rate } O(c^k),\ c<1", reading=LINEAR_READING),
        Printed(D003, SC_RATE, r"\|x_t - x^*\|^2 \leq (1-\eta\mu)^k \|x_0 - x^*\|^2,\ 0<\eta\le\frac1L",
                reading="the exponent k is the iteration count t"),
        Printed(D004, SC_GAP_RATE, r"\text{linear convergence rate } O(\epsilon^k),\ c<1", reading=LINEAR_READING),
    ],
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
    printed=[Printed(D003, CONVEX_RATE, r"f(x_t) - f(x^*) \leq \frac{1}{2\eta t} \|x_0 - x^*\|^2,\ \eta\le\frac1L")],
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
    printed=[Printed(D003, MIN_GRAD_RATE,
                     r"\min_{i=0}^t \|\nabla f(x_i)\|^2 \leq \frac{2(f(x_0) - f^*)}{\eta(t+1)},\ \eta\le\frac1L")],
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
    printed=[
        Printed(D000, STEPS_FORMULA, r"\Delta t = \frac{2L}{\varepsilon^2} (h(\theta_0) - \min h),\ \eta=\frac1L"),
        Printed(D002, STEPS_FORMULA, r"\eta = 1/L \text{ guarantees convergence}",
                reading="convergence of L-smooth GD means convergence to stationarity; checked with the "
                        "quantitative form the other documents print"),
        Printed(D003, STEPS_FORMULA, r"\text{at most } \frac{2L}{\varepsilon^2}(f(x_0) - \min f) \text{ steps}"),
    ],
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


def nesterov_beta(p: Problem) -> float:
    return (math.sqrt(kappa(p)) - 1) / (math.sqrt(kappa(p)) + 1)


NESTEROV_SC = Rate(r"\frac{L+\mu}{2}\|x_0-x^*\|^2(1-1/\sqrt{\kappa})^t", "f(x_t) - f*", one_over_l,
                   lambda p, eta, t: (p.L + p.mu) / 2 * dist0(p) * (1 - 1 / math.sqrt(kappa(p))) ** t,
                   method="nesterov", betas=constant(nesterov_beta), linear=True)


@TOPIC.claim(
    "optim.nesterov_strongly_convex_rate",
    method="property",
    canonical=NESTEROV_SC,
    printed=[Printed(D001, Rate(r"L\left(\frac{\sqrt{\kappa}-1}{\sqrt{\kappa}}\right)^k\|x^0-x^*\|^2", "f(x_t) - f*",
                              one_over_l,
                              lambda p, eta, t: p.L * dist0(p) * ((math.sqrt(kappa(p)) - 1) / math.sqrt(kappa(p))) ** t,
                              method="nesterov", betas=constant(nesterov_beta), linear=True),
                     r"f(x^k) - f(x^*) \leq L \left(\frac{\sqrt{\kappa} - 1}{\sqrt{\kappa}} \right)^k \|x^0 - x^*\|^2",
                     reading="η = 1/L is not printed; the theorem is Nesterov's, which uses it")],
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
    printed=[Printed(D004, NESTEROV_CONVEX, r"\mathcal{O}(t^{-2})",
                     reading="the O(t^{-2}) rate read with its standard constant 2L‖x_0 - x*‖²/(t+1)² "
                             "for η = 1/L and β_t = (t-1)/(t+2)")],
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
    printed=[Printed(D003, EXACT_LS_RATE,
                     r"\text{GD with } \arg\min_\eta f(\theta_t - \eta \nabla f(\theta_t))"
                     r"\text{ converges globally at "
                     r"linear rate}",
                     reading="linear rate read with the constant of the η = 1/L proof, (1 - μ/L)^t")],
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


# --- quadratics ----------------------------------------------------------------------------------

stability_inputs = st.tuples(quadratics(strongly_convex=True),
                             st.one_of(st.just(1.0), st.floats(0.2, 0.999), st.floats(1.001, 1.5)))


@TOPIC.claim(
    "optim.quadratic_gd_stability",
    method="property",
    canonical=Formula(r"\eta\le\frac{2}{\lambda_{\max}(Q)}", lambda eta, lam_max: eta <= 2 / lam_max * (1 + 1e-12)),
    printed=[Printed(D003, Formula(r"\eta\le\frac{2}{\lambda_{\max}(Q)}",
                                 lambda eta, lam_max: eta <= 2 / lam_max * (1 + 1e-12)),
                     r"\text{Stability requires } \eta \leq \frac{2}{\lambda_{\max}(Q)}")],
)
def quadratic_gd_stability(ctx: Context, stable_when: Formula) -> Outcome:
    """GD on a quadratic stays bounded exactly when η ≤ 2/λ_max(Q).

    For f(x) = ½ (x-c)ᵀQ(x-c), Q ≻ 0, each eigen-component of x_t - c is multiplied by 1 - ηλ_i per
    step, so the iterates stay bounded from every start iff η ≤ 2/λ_max (and converge iff η < 2/λ_max).
    Observed: the per-step growth of ‖x_t - c‖ over 200 steps from the worst start (along the top
    eigenvector), with η = r·2/λ_max, r drawn away from the boundary or exactly 1.
    """

    def prop(case: tuple[Problem, float]) -> Comparison:
        problem, r = case
        eigs, U, c = (np.asarray(problem.params[k]) for k in ("eigenvalues", "U", "c"))
        top = U[:, int(np.argmax(eigs))]
        start = replace(problem, x0=c + top * (1 + np.linalg.norm(problem.x0)))
        eta = r * 2 / problem.L
        path = iterate(ctx, start, "gd", eta, [0.0] * 200)
        growth = (np.linalg.norm(path[-1] - c) / np.linalg.norm(path[0] - c)) ** (1 / 200)
        observed = growth <= 1 + 1e-9
        predicted = bool(stable_when(eta, problem.L))
        return that(observed == predicted, label="bounded iterates ⇔ stated condition",
                    message=f"η = {eta:.6g}, 2/λ_max = {2 / problem.L:.6g}: per-step growth {growth:.9g} "
                            f"({'bounded' if observed else 'diverging'}), the condition says "
                            f"{'bounded' if predicted else 'diverging'}")

    return for_all(ctx, stability_inputs, prop, max_examples=80, describe=describe_pair)


def spectral_radius(eta: float, eigs: np.ndarray) -> float:
    return float(np.max(np.abs(1 - eta * eigs)))


OPTIMAL_LR = Formula(r"\eta^*=\frac{2}{\lambda_{\max}+\lambda_{\min}}",
                     lambda lam_max, lam_min: 2 / (lam_max + lam_min))


@TOPIC.claim(
    "optim.quadratic_optimal_lr",
    method="property",
    canonical=OPTIMAL_LR,
    printed=[Printed(D003, OPTIMAL_LR, r"\eta^* = \frac{2}{\lambda_{\max}(Q) + \lambda_{\min}(Q)}")],
    references=(NESTEROV,),
)
def quadratic_optimal_lr(ctx: Context, optimal: Formula) -> Outcome:
    """The best fixed step on a quadratic is 2/(λ_max + λ_min), with contraction (κ-1)/(κ+1).

    For f(x) = ½ (x-c)ᵀQ(x-c), Q ≻ 0, the step η* minimises the spectral radius max_i |1 - ηλ_i| of the
    GD map (compared with 2001 steps in (0, 2/λ_max]), and the iterates of the optimizer under test
    satisfy ‖x_t - c‖ ≤ ((κ-1)/(κ+1))^t ‖x_0 - c‖.
    """

    def prop(problem: Problem) -> list[Comparison]:
        eigs, c = np.asarray(problem.params["eigenvalues"]), np.asarray(problem.params["c"])
        eta = float(optimal(problem.L, problem.mu))
        grid = np.linspace(0, 2 / problem.L, 2001)[1:]
        best_on_grid = min(spectral_radius(e, eigs) for e in grid)
        factor = (kappa(problem) - 1) / (kappa(problem) + 1)
        path = iterate(ctx, problem, "gd", eta, [0.0] * 40)
        distances = np.linalg.norm(path - c, axis=1)
        bounds = factor ** np.arange(41) * distances[0]
        above_rounding = (np.arange(41) >= 1) & (bounds > 1e-9 * distances[0])
        t = int(np.argmax(np.where(above_rounding, distances / np.maximum(bounds, 1e-300), -np.inf)))
        return [
            at_most(spectral_radius(eta, eigs), best_on_grid, label="spectral radius at η* vs best on grid"),
            at_most(distances[t], bounds[t], label="‖x_t - c‖ vs ((κ-1)/(κ+1))^t ‖x_0 - c‖ (worst t)",
                    atol=1e-12 * (1 + distances[0])),
        ]

    return for_all(ctx, quadratics(strongly_convex=True), prop, max_examples=60, describe=describe_problem)


euler_inputs = st.tuples(quadratics(max_dim=3), st.integers(1, 60))


@TOPIC.claim(
    "optim.gd_euler_discretization_gradient_flow",
    method="property",
    canonical=Formula(r"\dot x=-\nabla f(x)", lambda g: -g),
    printed=[
        Printed(D002, Formula(r"\dot x=-\nabla f(x)", lambda g: -g), r"\dot{x} = -\nabla f(x)"),
        Printed(D004, Formula(r"\dot x=-\nabla f(x)", lambda g: -g), r"\dot{x} = -\nabla f(x)"),
    ],
)
def gd_euler_discretization_gradient_flow(ctx: Context, field: Formula) -> Outcome:
    """GD with step η is the forward-Euler discretisation of the gradient flow ẋ = -∇f(x).

    On f(x) = ½ (x-c)ᵀQ(x-c), Q ⪰ 0, after N steps with ηλ_max ≤ 1 the GD iterate is within
    T η λ_max²/2 ‖x_0 - c‖ of the flow at time T = Nη (per eigen-component |(1-ηλ)^N - e^{-λT}| ≤
    N (ηλ)²/2): first-order convergence as η → 0. The flow is integrated numerically (rtol 1e-11).
    """

    def prop(case: tuple[Problem, int]) -> Comparison:
        problem, steps = case
        eta = problem.step_fraction / problem.L
        path = iterate(ctx, problem, "gd", eta, [0.0] * steps)
        horizon = steps * eta
        flow = solve_ivp(lambda _, x: field(problem.grad(x)), (0, horizon), problem.x0, method="DOP853",
                         rtol=1e-11, atol=1e-13 * (1 + np.linalg.norm(problem.x0)))
        start = np.linalg.norm(problem.x0 - problem.params["c"])
        error = float(np.linalg.norm(path[-1] - flow.y[:, -1]))
        return at_most(error, horizon * eta * problem.L**2 / 2 * start, label="‖x_N - x(Nη)‖ vs Tηλ_max²/2 ‖x_0 - c‖",
                       atol=1e-8 * (1 + start))

    return for_all(ctx, euler_inputs, prop, max_examples=40, describe=describe_pair)


orthogonality_inputs = st.tuples(problems("quadratic", "least_squares", "kns", "logcosh", "rippled", max_dim=4)
                                 .filter(lambda p: p.dim >= 2),
                                 hnp.arrays(np.float64, 4, elements=st.floats(-1, 1, width=32)))


@TOPIC.claim(
    "optim.gradient_orthogonal_level_set",
    method="property",
    canonical=Formula(r"\nabla f(x)", lambda problem, x: problem.grad(x)),
    printed=[Printed(D003, Formula(r"\nabla f(x)", lambda problem, x: problem.grad(x)),
                     r"\text{GD trajectory always orthogonal to level set}",
                     reading="each GD step x_{t+1} - x_t is normal to the level set {f = f(x_t)} it leaves")],
)
def gradient_orthogonal_level_set(ctx: Context, normal: Formula) -> Outcome:
    """Each GD step leaves the level set through x_t orthogonally.

    The level set {y : f(y) = f(x)} has normal ∇f(x): along any unit v ⊥ ∇f(x), |f(x + sv) - f(x)| ≤
    L s²/2. The step of the optimizer under test is parallel to that normal.
    """

    def prop(case: tuple[Problem, np.ndarray]) -> list[Comparison]:
        problem, direction = case
        x = problem.x0
        n = np.asarray(normal(problem, x), dtype=float)
        assume(np.linalg.norm(n) > 1e-6 and np.linalg.norm(problem.grad(x)) > 1e-6)
        unit = n / np.linalg.norm(n)
        v = direction[: problem.dim] - (direction[: problem.dim] @ unit) * unit
        assume(np.linalg.norm(v) > 1e-3)
        v = v / np.linalg.norm(v)
        s = 1e-3 * (1 + np.linalg.norm(x))
        path = iterate(ctx, problem, "gd", 1 / problem.L, [0.0])
        step = path[1] - path[0]
        cosine = abs(step @ unit) / np.linalg.norm(step)
        return [
            at_most(abs(problem.f(x + s * v) - problem.f(x)), problem.L * s**2 / 2,
                    label="change of f along the level set's tangent", atol=1e-12 * (1 + abs(problem.f(x)))),
            at_least(cosine, 1.0, label="|cos(step, normal)|", rtol=1e-9),
        ]

    return for_all(ctx, orthogonality_inputs, prop, max_examples=60, describe=describe_pair)


# --- smoothness, convexity, PL: pointwise inequalities ---------------------------------------------

points = hnp.arrays(np.float64, 4, elements=st.floats(-10, 10, allow_nan=False, width=32))


def bregman(p: Problem, x: np.ndarray, y: np.ndarray) -> float:
    """f(y) - f(x) - ∇f(x)ᵀ(y - x)."""
    return p.f(y) - p.f(x) - float(p.grad(x) @ (y - x))


def pointwise(ctx: Context, strategy: st.SearchStrategy[Problem], inequality: Formula) -> Outcome:
    """``inequality(problem, x, y)`` (a Comparison) at every generated x = x_0 and y."""

    def prop(case: tuple[Problem, np.ndarray]) -> Comparison:
        problem, other = case
        return inequality(problem, problem.x0, other[: problem.dim])

    return for_all(ctx, st.tuples(strategy, points), prop, max_examples=80, describe=describe_pair)


def tol(*values: float) -> float:
    """Float rounding in evaluating f at points of the size of ``values``."""
    return 1e-9 * sum(abs(v) for v in values) + 1e-12


def _descent(p: Problem, x: np.ndarray, y: np.ndarray, coefficient: float = 0.5) -> Comparison:
    d2 = float((y - x) @ (y - x))
    return at_most(bregman(p, x, y), coefficient * p.L * d2, label="f(y) - f(x) - ∇f(x)ᵀ(y-x) ≤ L/2‖y-x‖²",
                   atol=tol(p.f(x), p.f(y)))


DESCENT_FORM = Formula(r"f(y)\le f(x)+\nabla f(x)^\top(y-x)+\frac L2\|y-x\|^2", _descent)


@TOPIC.claim(
    "optim.descent_lemma",
    method="property",
    canonical=DESCENT_FORM,
    printed=[
        Printed(D000, DESCENT_FORM,
                r"\ell(w) - \ell(w') \leq \nabla \ell(w')^\top (w - w') + \frac{L}{2} \|w - w'\|^2"),
        Printed(D003, DESCENT_FORM, r"f(y) \leq f(x) + \nabla f(x)^\top (y - x) + \frac{L}{2} \|y - x\|^2"),
    ],
    references=(DESCENT,),
    uses_impl=False,
)
def descent_lemma(ctx: Context, inequality: Formula) -> Outcome:
    """Descent lemma: an L-smooth function lies below its tangent plus L/2‖y-x‖².

    For L-smooth f (convex or not), f(y) ≤ f(x) + ∇f(x)ᵀ(y - x) + L/2 ‖y - x‖² for all x, y.
    """
    return pointwise(ctx, smooth_problems(), inequality)


def _convex_foc(p: Problem, x: np.ndarray, y: np.ndarray) -> Comparison:
    return at_least(bregman(p, x, y), 0.0, label="f(y) - f(x) - ∇f(x)ᵀ(y-x) ≥ 0", atol=tol(p.f(x), p.f(y)))


CONVEX_FOC = Formula(r"f(y)\ge f(x)+\nabla f(x)^\top(y-x)", _convex_foc)


@TOPIC.claim(
    "optim.convex_first_order_condition",
    method="property",
    canonical=CONVEX_FOC,
    printed=[
        Printed(D000, CONVEX_FOC, r"\ell(w) \geq \ell(w') + \nabla \ell(w')^\top (w - w')"),
        Printed(D001, CONVEX_FOC, r"f(x) \geq f(y) + \nabla f(y)^T (x - y)"),
        Printed(D002, CONVEX_FOC, r"f(y) \geq f(x) + \nabla f(x)^T (y - x)"),
        Printed(D004, CONVEX_FOC, r"f(y) \geq f(x) + \nabla f(x)^T (y - x)"),
    ],
    references=(CONVEX,),
    uses_impl=False,
)
def convex_first_order_condition(ctx: Context, inequality: Formula) -> Outcome:
    """A differentiable convex function lies above its tangents.

    f convex and differentiable ⇒ f(y) ≥ f(x) + ∇f(x)ᵀ(y - x) for all x, y (and conversely).
    """
    return pointwise(ctx, convex_problems(), inequality)


def _strong_foc(p: Problem, x: np.ndarray, y: np.ndarray, coefficient: float = 0.5) -> Comparison:
    d2 = float((y - x) @ (y - x))
    return at_least(bregman(p, x, y), coefficient * p.mu * d2, label="f(y) - f(x) - ∇f(x)ᵀ(y-x) ≥ μ/2‖y-x‖²",
                    atol=tol(p.f(x), p.f(y)))


STRONG_FOC = Formula(r"f(y)\ge f(x)+\nabla f(x)^\top(y-x)+\frac\mu2\|y-x\|^2", _strong_foc)


@TOPIC.claim(
    "optim.strong_convexity_first_order",
    method="property",
    canonical=STRONG_FOC,
    printed=[
        Printed(D000, STRONG_FOC,
                r"\ell(w) \geq \ell(w') + \nabla \ell(w')^\top (w - w') + \frac{\mu}{2} \|w - w'\|^2"),
        Printed(D001, STRONG_FOC, r"f(x) \geq f(y) + \nabla f(y)^T (x - y) + \frac{\mu}{2} \|x - y\|^2"),
        Printed(D002, STRONG_FOC, r"f(y) \geq f(x) + \nabla f(x)^T (y - x) + \frac{\mu}{2} \|y - x\|^2"),
        Printed(D003, STRONG_FOC, r"f(y) \geq f(x) + \nabla f(x)^\top (y - x) + \frac{\mu}{2} \|y - x\|^2"),
        Printed(D004, STRONG_FOC, r"f(y) \geq f(x) + \nabla f(x)^T (y - x) + \frac{\mu}{2} \|y - x\|^2"),
    ],
    references=(NESTEROV,),
    uses_impl=False,
)
def strong_convexity_first_order(ctx: Context, inequality: Formula) -> Outcome:
    """μ-strong convexity in first-order form.

    A differentiable f with ∇²f ⪰ μI (μ certified from the Hessian's spectrum) satisfies
    f(y) ≥ f(x) + ∇f(x)ᵀ(y - x) + μ/2 ‖y - x‖² for all x, y.
    """
    return pointwise(ctx, strongly_convex_problems(), inequality)


def _suboptimality(p: Problem, x: np.ndarray, y: np.ndarray, denominator: float = 2.0) -> Comparison:
    g = p.grad(x)
    return at_least(p.f(x) - p.f_star, float(g @ g) / (denominator * p.L), label="f(x) - f* ≥ ‖∇f(x)‖²/(2L)",
                    atol=tol(p.f(x), p.f_star))


SUBOPTIMALITY = Formula(r"f(x)-f^*\ge\frac{1}{2L}\|\nabla f(x)\|^2", _suboptimality)


@TOPIC.claim(
    "optim.smooth_suboptimality_gradient_bound",
    method="property",
    canonical=SUBOPTIMALITY,
    printed=[Printed(D003, SUBOPTIMALITY, r"f(x) - f(x^*) \geq \frac{1}{2L} \|\nabla f(x)\|^2")],
    depends=("optim.descent_lemma",),
    references=(DESCENT,),
    uses_impl=False,
)
def smooth_suboptimality_gradient_bound(ctx: Context, inequality: Formula) -> Outcome:
    """L-smooth with a global minimum: the suboptimality bounds the squared gradient.

    f* ≤ f(x - ∇f(x)/L) ≤ f(x) - ‖∇f(x)‖²/(2L) by the descent lemma, so f(x) - f* ≥ ‖∇f(x)‖²/(2L).
    """
    return pointwise(ctx, smooth_problems(), inequality)


def _pl(p: Problem, x: np.ndarray, y: np.ndarray, factor: float = 1.0) -> Comparison:
    g = p.grad(x)
    return at_least(0.5 * float(g @ g), factor * p.mu * (p.f(x) - p.f_star), label="½‖∇f‖² ≥ μ(f - f*)",
                    atol=tol(p.f(x), p.f_star) * max(p.mu, 1.0))


STRONG_PL = Formula(r"\tfrac12\|\nabla f(x)\|^2\ge\mu(f(x)-f^*)", _pl)


@TOPIC.claim(
    "optim.strong_convexity_implies_pl",
    method="property",
    canonical=STRONG_PL,
    printed=[
        Printed(D001, STRONG_PL, r"\text{PL condition (generalization of strong convexity without convexity)}"),
        Printed(D002, STRONG_PL, r"\text{The PL condition is weaker than strong convexity}"),
        Printed(D003, STRONG_PL, r"\mu\text{-strong convex} \Rightarrow \mu\text{-PL}"),
    ],
    depends=("optim.strong_convexity_first_order",),
    references=(KNS,),
    uses_impl=False,
)
def strong_convexity_implies_pl(ctx: Context, inequality: Formula) -> Outcome:
    """μ-strong convexity implies the μ-PL inequality.

    Minimise the strong-convexity lower bound over y: f* ≥ f(x) - ‖∇f(x)‖²/(2μ), i.e.
    ½‖∇f(x)‖² ≥ μ (f(x) - f*). (PL does not need convexity: x² + 3 sin² x is PL, not convex.)
    """
    return pointwise(ctx, strongly_convex_problems(), inequality)


# --- Hessian spectra -------------------------------------------------------------------------------


def spectrum_within(ctx: Context, strategy: st.SearchStrategy[Problem], interval: Formula) -> Outcome:
    """Every eigenvalue of ∇²f(x), at generated points x, lies in ``interval(problem)``."""

    def prop(problem: Problem) -> list[Comparison]:
        eigs = np.linalg.eigvalsh(problem.hess(problem.x0))
        lo, hi = interval(problem)
        slack = 1e-9 * (problem.L + 1e-12)
        return [at_most(eigs.max(), hi, label="λ_max(∇²f(x)) vs upper end", atol=slack),
                at_least(eigs.min(), lo, label="λ_min(∇²f(x)) vs lower end", atol=slack)]

    return for_all(ctx, strategy, prop, describe=describe_problem)


TWO_SIDED = Formula(r"-L\preceq\nabla^2 f\preceq L", lambda p: (-p.L, p.L))
UPPER = Formula(r"\lambda_{\max}(\nabla^2 f)\le L", lambda p: (-math.inf, p.L))


@TOPIC.claim(
    "optim.l_smooth_hessian_bound",
    method="property",
    canonical=TWO_SIDED,
    printed=[
        Printed(D000, UPPER, r"\lambda_{\max}(\nabla^2 h) \leq L", line=169),
        Printed(D000, UPPER, r"\ell''(x) \leq L", line=173, reading="the one-dimensional case of λ_max(∇²h) ≤ L"),
        Printed(D003, UPPER, r"\lambda_i(\nabla^2 f(x)) \leq L \text{ for all EVs}"),
    ],
    references=(NESTEROV,),
    uses_impl=False,
)
def l_smooth_hessian_bound(ctx: Context, interval: Formula) -> Outcome:
    """A twice-differentiable L-smooth function has ‖∇²f(x)‖₂ ≤ L.

    Every eigenvalue of ∇²f(x) lies in [-L, L] (the documents print the upper half); checked on
    non-convex objectives too, whose Hessians have negative eigenvalues.
    """
    return spectrum_within(ctx, smooth_problems(), interval)


SANDWICH = Formula(r"\mu I\preceq\nabla^2 f\preceq L I", lambda p: (p.mu, p.L))


@TOPIC.claim(
    "optim.hessian_bounds",
    method="property",
    canonical=SANDWICH,
    printed=[
        Printed(D001, SANDWICH, r"\mu \mathbf{I} \preceq \nabla^2 f \preceq L \mathbf{I}"),
        Printed(D003, SANDWICH, r"L \geq f''(x) \geq \mu \quad \forall x"),
    ],
    references=(NESTEROV,),
    uses_impl=False,
)
def hessian_bounds(ctx: Context, interval: Formula) -> Outcome:
    """L-smooth and μ-strongly convex: μI ⪯ ∇²f(x) ⪯ LI at every x."""
    return spectrum_within(ctx, strongly_convex_problems(), interval)


LOWER_MU = Formula(r"\nabla^2 f\succeq\mu I", lambda p: (p.mu, math.inf))


@TOPIC.claim(
    "optim.strong_convexity_hessian_bound",
    method="property",
    canonical=LOWER_MU,
    printed=[
        Printed(D000, LOWER_MU, r"\ell''(x) \geq \mu \text{ forall } x"),
        Printed(D003, LOWER_MU, r"\lambda_i(\nabla^2 f(x)) \geq \mu \text{ for all EVs}"),
    ],
    references=(NESTEROV,),
    uses_impl=False,
)
def strong_convexity_hessian_bound(ctx: Context, interval: Formula) -> Outcome:
    """A twice-differentiable μ-strongly convex function has ∇²f(x) ⪰ μI."""
    return spectrum_within(ctx, strongly_convex_problems(), interval)


@dataclass(frozen=True)
class Equivalence:
    """'L-smooth ⇔ quadratic upper bound', with or without the hypothesis that f is convex."""

    needs_convexity: bool

    def __repr__(self) -> str:
        return "for convex f" if self.needs_convexity else "for any twice-differentiable f"


symmetric_spectra = st.tuples(st.lists(st.floats(-10, 10), min_size=1, max_size=4), st.integers(0, 2**32 - 1))


@TOPIC.claim(
    "optim.smoothness_quadratic_upper_bound",
    method="property",
    canonical=Equivalence(needs_convexity=True),
    printed=[
        Printed(D001, Equivalence(needs_convexity=False),
                r"\|\nabla f(x) - \nabla f(y)\| \leq L \|x - y\| \Leftrightarrow "
                r"f(x) \leq f(y) + \nabla f(y)^T (x - y) + \frac{L}{2} \|x - y\|^2"),
        Printed(D003, Equivalence(needs_convexity=False),
                r"\text{L-smooth} \Leftrightarrow f(y) \leq f(x) + \nabla f(x)^\top (y - x) + \frac{L}{2}\|y - x\|^2 "
                r"\text{ (if f twice diff)}",
                reading="'(for L = 0 ⇒)' is garbled; read as the equivalence for twice-differentiable f, "
                        "with no convexity assumed"),
    ],
    references=(NESTEROV,),
    uses_impl=False,
)
def smoothness_quadratic_upper_bound(ctx: Context, equivalence: Equivalence) -> Outcome:
    """For convex f: ∇f is L-Lipschitz ⇔ f(y) ≤ f(x) + ∇f(x)ᵀ(y-x) + L/2‖y-x‖².

    ⇒ holds for every L-smooth f; ⇐ needs convexity (Nesterov 2004, Thm 2.1.5): a concave quadratic
    satisfies the upper bound with L = 0. Checked exactly on quadratics ½xᵀQx: the upper bound holds
    iff L ≥ λ_max(Q), the gradient is L-Lipschitz iff L ≥ max|λ_i(Q)|.
    """

    def prop(case: tuple[list[float], int]) -> list[Comparison]:
        eigs, seed = np.array(case[0]), case[1]
        if equivalence.needs_convexity:
            eigs = np.abs(eigs)
        U = np.linalg.qr(np.random.default_rng(seed).normal(size=(eigs.size, eigs.size)))[0]
        Q = (U * eigs) @ U.T
        spectrum = np.linalg.eigvalsh(Q)
        upper_bound_constant = max(float(spectrum.max()), 0.0)  # least L with the quadratic upper bound
        lipschitz_constant = float(np.abs(spectrum).max())  # least L with ‖Q(x-y)‖ ≤ L‖x-y‖
        return [
            at_most(lipschitz_constant, upper_bound_constant, label="⇐: Lipschitz constant of ∇f vs upper-bound L",
                    atol=1e-9 * (1 + lipschitz_constant)),
            at_most(upper_bound_constant, lipschitz_constant, label="⇒: upper-bound L vs Lipschitz constant",
                    atol=1e-9 * (1 + lipschitz_constant)),
        ]

    return for_all(ctx, symmetric_spectra, prop, max_examples=60)


# --- one-dimensional convex functions ---------------------------------------------------------------


@dataclass(frozen=True)
class Fn1D:
    name: str
    f: Callable[[float], float]
    df: Callable[[float], float]
    d2f: Callable[[float], float]
    nondecreasing: bool

    def __repr__(self) -> str:
        return self.name


def softplus(z: float) -> float:
    return float(np.logaddexp(0.0, z))


def sigmoid(z: float) -> float:
    return float(0.5 * (1 + np.tanh(z / 2)))


@st.composite
def convex_1d(draw: st.DrawFn, *, nondecreasing: bool = False) -> Fn1D:
    """A twice-differentiable convex function of one variable (non-decreasing ones only, if asked)."""
    a = draw(st.floats(0.1, 2.0))
    c = draw(st.floats(-2.0, 2.0))
    k = draw(st.floats(-3.0, 3.0))
    families = ["exp", "softplus", "linear"] if nondecreasing else ["quadratic", "exp", "softplus", "linear",
                                                                     "logcosh", "quartic"]
    kind = draw(st.sampled_from(families))
    sign = 1.0 if nondecreasing else draw(st.sampled_from([-1.0, 1.0]))
    if kind == "quadratic":
        return Fn1D(f"{a:g}(x-{c:g})²+{k:g}", lambda x: a * (x - c) ** 2 + k, lambda x: 2 * a * (x - c),
                    lambda x: 2 * a, False)
    if kind == "exp":
        s = sign * a / 2
        return Fn1D(f"exp({s:g}x)+{k:g}", lambda x: math.exp(s * x) + k, lambda x: s * math.exp(s * x),
                    lambda x: s * s * math.exp(s * x), s > 0)
    if kind == "softplus":
        s = sign * a
        return Fn1D(f"softplus({s:g}x)", lambda x: softplus(s * x), lambda x: s * sigmoid(s * x),
                    lambda x: s * s * sigmoid(s * x) * (1 - sigmoid(s * x)), s > 0)
    if kind == "linear":
        s = sign * a
        return Fn1D(f"{s:g}x+{k:g}", lambda x: s * x + k, lambda x: s, lambda x: 0.0, s > 0)
    if kind == "logcosh":
        return Fn1D(f"logcosh({a:g}(x-{c:g}))", lambda x: float(np.logaddexp(a * (x - c), -a * (x - c)) - math.log(2)),
                    lambda x: a * math.tanh(a * (x - c)), lambda x: a * a / math.cosh(a * (x - c)) ** 2, False)
    return Fn1D(f"{a:g}(x-{c:g})⁴", lambda x: a * (x - c) ** 4, lambda x: 4 * a * (x - c) ** 3,
                lambda x: 12 * a * (x - c) ** 2, False)


reals = st.floats(-3.0, 3.0)


@TOPIC.claim(
    "optim.convex_second_order_condition",
    method="property",
    canonical=Formula(r"f''(x)\ge 0", lambda fn, x: fn.d2f(x) >= 0),
    printed=[
        Printed(D000, Formula(r"\ell''(x)\ge 0", lambda fn, x: fn.d2f(x) >= 0), r"\ell''(x) \geq 0 \text{ forall } x"),
        Printed(D002, Formula(r"f'(x)\ge 0", lambda fn, x: fn.df(x) >= 0), r"f'(x) \geq 0",
                reading="printed as a property of every convex function, with one prime"),
        Printed(D004, Formula(r"f'(x)\ge 0", lambda fn, x: fn.df(x) >= 0), r"f'(x) \geq 0",
                reading="printed as a property of every convex function, with one prime"),
    ],
    references=(CONVEX,),
    uses_impl=False,
)
def convex_second_order_condition(ctx: Context, condition: Formula) -> Outcome:
    """A twice-differentiable convex f: R → R has f''(x) ≥ 0 everywhere (and conversely).

    Checked on convex functions of one variable (shifted quadratics and quartics, exponentials,
    softplus, log-cosh, linear functions) at points of [-3, 3].
    """

    def prop(case: tuple[Fn1D, float]) -> Comparison:
        fn, x = case
        return that(bool(condition(fn, x)), label="stated condition at x",
                    message=f"{fn.name} at x = {x:.6g}: f' = {fn.df(x):.6g}, f'' = {fn.d2f(x):.6g}")

    return for_all(ctx, st.tuples(convex_1d(), reals), prop, describe=lambda c: {"f": c[0].name, "x": c[1]})


def jensen(h: Callable[[float], float], a: float, b: float, lam: float) -> Comparison:
    left, right = h(lam * a + (1 - lam) * b), lam * h(a) + (1 - lam) * h(b)
    return at_most(left, right, label="h(λa + (1-λ)b) ≤ λh(a) + (1-λ)h(b)", atol=tol(left, right))


segments = st.tuples(reals, reals, st.floats(0.0, 1.0))


def stays_convex(ctx: Context, parts: st.SearchStrategy, build: Callable[..., Callable[[float], float]]) -> Outcome:
    """The function ``build(*parts)`` satisfies Jensen's inequality on every generated segment."""

    def prop(case: tuple) -> Comparison:
        drawn, (a, b, lam) = case
        return jensen(build(*drawn), a, b, lam)

    return for_all(ctx, st.tuples(parts, segments), prop, describe=lambda c: {"parts": [str(p) for p in c[0]],
                                                                                "a, b, λ": list(c[1])})


NONNEG = Formula(r"\alpha f+\beta g,\ \alpha,\beta\ge0",
                 lambda f, g, alpha, beta: lambda x: alpha * f.f(x) + beta * g.f(x))
weights = st.floats(0.0, 5.0)


@TOPIC.claim(
    "optim.convex_nonneg_combination",
    method="property",
    canonical=NONNEG,
    printed=[
        Printed(D002, NONNEG, r"\alpha f + \beta g \text{ convex for } \alpha, \beta \geq 0"),
        Printed(D004, NONNEG, r"\alpha f + \beta g \text{ convex for } \alpha, \beta \geq 0"),
    ],
    references=(CONVEX,),
    uses_impl=False,
)
def convex_nonneg_combination(ctx: Context, combination: Formula) -> Outcome:
    """f, g convex and α, β ≥ 0 ⇒ αf + βg convex (checked by Jensen's inequality on segments)."""
    return stays_convex(ctx, st.tuples(convex_1d(), convex_1d(), weights, weights), combination)


POINTWISE_MAX = Formula(r"\max(f,g)", lambda f, g: lambda x: max(f.f(x), g.f(x)))


@TOPIC.claim(
    "optim.convex_pointwise_max",
    method="property",
    canonical=POINTWISE_MAX,
    printed=[
        Printed(D002, POINTWISE_MAX, r"\max(f, g) \text{ is convex}"),
        Printed(D004, POINTWISE_MAX, r"\max(f, g) \text{ is convex}"),
    ],
    references=(CONVEX,),
    uses_impl=False,
)
def convex_pointwise_max(ctx: Context, combination: Formula) -> Outcome:
    """f, g convex ⇒ max(f, g) convex (checked by Jensen's inequality on segments)."""
    return stays_convex(ctx, st.tuples(convex_1d(), convex_1d()), combination)


@dataclass(frozen=True)
class Composition:
    """g ∘ f for convex f and an outer g from the stated class."""

    outer: st.SearchStrategy[Fn1D]
    latex: str

    def __repr__(self) -> str:
        return self.latex


COMPOSITION_LATEX = r"f \text{ convex}, g \text{ convex and non-decreasing} \Rightarrow g \circ f \text{ convex}"
COMPOSITION = Composition(convex_1d(nondecreasing=True), r"g\circ f,\ g \text{ convex non-decreasing}")


@TOPIC.claim(
    "optim.convex_composition_nondecreasing",
    method="property",
    canonical=COMPOSITION,
    printed=[
        Printed(D002, COMPOSITION, COMPOSITION_LATEX),
        Printed(D004, COMPOSITION, COMPOSITION_LATEX),
    ],
    references=(CONVEX,),
    uses_impl=False,
)
def convex_composition_nondecreasing(ctx: Context, composition: Composition) -> Outcome:
    """f convex, g convex and non-decreasing ⇒ g ∘ f convex (checked by Jensen's inequality)."""
    return stays_convex(ctx, st.tuples(convex_1d(), composition.outer), lambda f, g: lambda x: g.f(f.f(x)))


# --- minimizers ------------------------------------------------------------------------------------

z = sympy.Symbol("x", real=True)
STRICTLY_CONVEX = (z**2, z**4, sympy.exp(z), sympy.log(1 + sympy.exp(z)), sympy.cosh(z),
                   sympy.exp(z) + sympy.exp(-2 * z), (z - 1) ** 2 + 3 * z, sympy.sqrt(1 + z**2))


def count_minimizers(f: sympy.Expr) -> tuple[int, bool]:
    """Number of global minimizers of a convex f on R (its stationary points) and whether f'' > 0
    except at finitely many points (strict convexity), both decided by SymPy."""
    stationary = sympy.solveset(sympy.diff(f, z), z, sympy.S.Reals)
    flat = sympy.solveset(sympy.diff(f, z, 2) <= 0, z, sympy.S.Reals)
    return len(stationary), flat.is_finite_set is True or flat is sympy.S.EmptySet


@TOPIC.claim(
    "optim.strict_convexity_unique_minimum",
    method="exhaustive",
    canonical=Formula(r"\#\arg\min f\le 1", lambda count: count <= 1),
    printed=[
        Printed(D002, Formula(r"\#\arg\min f=1", lambda count: count == 1),
                r"\text{strictly convex} \Rightarrow \text{there is a unique global minimum}", line=44,
                reading="'guarantees that there is a unique global minimum': existence and uniqueness"),
        Printed(D002, Formula(r"\#\arg\min f=1", lambda count: count == 1),
                r"\text{strictly convex functions have a unique global minimum}", line=46),
        Printed(D004, Formula(r"\#\arg\min f=1", lambda count: count == 1),
                r"\text{strictly convex} \Rightarrow \text{there is a unique global minimum}", line=99,
                reading="'guarantees that there is a unique global minimum': existence and uniqueness"),
        Printed(D004, Formula(r"\#\arg\min f=1", lambda count: count == 1),
                r"\text{strictly convex functions have a unique global minimum}", line=105),
    ],
    references=(CONVEX,),
    uses_impl=False,
)
def strict_convexity_unique_minimum(ctx: Context, stated: Formula) -> Outcome:
    """A strictly convex function has at most one global minimizer.

    Two minimizers a ≠ b would give f((a+b)/2) < min f. Existence needs more (e.g. coercivity):
    exp(x) is strictly convex with no minimizer. Checked on strictly convex functions of one variable,
    their minimizers (the real roots of f') and strictness (f'' ≤ 0 only on a finite set) decided by SymPy.
    """

    def prop(f: sympy.Expr) -> list[Comparison]:
        count, strict = count_minimizers(f)
        return [that(strict, label="f is strictly convex", message=f"{f}: f'' ≤ 0 on an infinite set"),
                that(bool(stated(count)), label="number of minimizers as stated",
                     message=f"{f} has {count} global minimizer(s)")]

    return for_each(ctx, STRICTLY_CONVEX, prop, domain_name="8 strictly convex functions on R", complete=False,
                    describe=str)


@dataclass(frozen=True)
class FunctionClass:
    """A class of objectives, as the hypothesis of a statement."""

    latex: str
    members: st.SearchStrategy[Problem]

    def __repr__(self) -> str:
        return self.latex


UNIQUE_LATEX = r"\mu\text{-strongly convex} \Rightarrow \text{a unique global minimum exists}"
STRONGLY_CONVEX_CLASS = FunctionClass(r"\mu\text{-strongly convex},\ \mu>0", strongly_convex_problems())


@TOPIC.claim(
    "optim.strong_convexity_unique_minimizer",
    method="property",
    canonical=STRONGLY_CONVEX_CLASS,
    printed=[
        Printed(D002, STRONGLY_CONVEX_CLASS, UNIQUE_LATEX),
        Printed(D004, STRONGLY_CONVEX_CLASS, UNIQUE_LATEX),
    ],
    references=(NESTEROV,),
    uses_impl=False,
)
def strong_convexity_unique_minimizer(ctx: Context, hypothesis: FunctionClass) -> Outcome:
    """A differentiable μ-strongly convex function on R^d has exactly one global minimizer.

    Checked on each objective's exact minimizer set: the minimizer nearest to x_0 and the one nearest
    to another point coincide, and it is a minimizer (∇f = 0, f = f*).
    """

    def prop(case: tuple[Problem, np.ndarray]) -> list[Comparison]:
        problem, other = case
        first = problem.nearest_minimizer(problem.x0)
        second = problem.nearest_minimizer(other[: problem.dim])
        scale = 1 + float(np.abs(first).max())
        return [close(second, first, label="minimizers nearest to two points", rtol=1e-7, atol=1e-7 * scale),
                close(problem.grad(first), np.zeros(problem.dim), label="∇f at the minimizer",
                      atol=1e-7 * scale * problem.L),
                close(problem.f(first), problem.f_star, label="f at the minimizer", rtol=1e-7, atol=1e-9)]

    return for_all(ctx, st.tuples(hypothesis.members, points), prop, describe=describe_pair)


CONVEX_CLASS = FunctionClass("convex", problems("quadratic", "least_squares", "logcosh", max_dim=3,
                                                strongly_convex=True))


def local_minimum(problem: Problem, max_steps: int = 3000) -> np.ndarray | None:
    """Where GD with η = 1/L from x_0 comes to rest (‖∇f‖ ≤ 1e-10 (1 + ‖∇f(x_0)‖)), if it does."""
    x = problem.x0.copy()
    tolerance = 1e-10 * (1 + float(np.linalg.norm(problem.grad(x))))
    for _ in range(max_steps):
        g = problem.grad(x)
        if np.linalg.norm(g) <= tolerance:
            return x
        x = x - g / problem.L
    return None


@TOPIC.claim(
    "optim.convex_local_min_is_global",
    method="property",
    canonical=CONVEX_CLASS,
    printed=[
        Printed(D002, CONVEX_CLASS, r"\text{Local minima are global minima}"),
        Printed(D004, CONVEX_CLASS, r"\text{Local minima are global minima}"),
    ],
    references=(CONVEX,),
    uses_impl=False,
)
def convex_local_min_is_global(ctx: Context, hypothesis: FunctionClass) -> Outcome:
    """For a convex function every local minimizer is a global minimizer.

    A local minimizer is found by running GD from x_0 until it comes to rest at a point with a
    positive semi-definite Hessian; its value must be f*.
    """

    def prop(problem: Problem) -> Comparison:
        x = local_minimum(problem)
        assume(x is not None and np.linalg.eigvalsh(problem.hess(x)).min() >= -1e-9 * problem.L)
        return at_most(problem.f(x) - problem.f_star, 1e-6 * (1 + gap0(problem)), label="f(local min) - f*")

    return for_all(ctx, hypothesis.members, prop, max_examples=40, describe=describe_problem)


# --- step sizes, sympy ----------------------------------------------------------------------------

guarantees = st.tuples(st.floats(1e-2, 1e2), st.floats(0.01, 1.0))


def guaranteed_decrease(eta: float, L: float) -> float:
    """The descent lemma's guarantee f(x) - f(x - η∇f) ≥ η(1 - Lη/2) ‖∇f‖², per unit ‖∇f‖²."""
    return eta * (1 - L * eta / 2)


@TOPIC.claim(
    "optim.smooth_gd_fixed_step_optimal",
    method="property",
    canonical=Formula(r"\eta=\frac1L", lambda L, s: 1 / L),
    printed=[Printed(D002, Formula(r"\eta\le\frac1L", lambda L, s: s / L),
                     r"\text{GD with a fixed step size } \eta \leq \frac{1}{L} \text{ is optimal}",
                     reading="'optimal' read as maximising the guaranteed decrease η(1 - Lη/2)‖∇f‖² of the "
                             "descent lemma (the sense of 003's η* = 1/L); every η ≤ 1/L is claimed optimal")],
    depends=("optim.descent_lemma",),
    references=(DESCENT,),
    uses_impl=False,
)
def smooth_gd_fixed_step_optimal(ctx: Context, step: Formula) -> Outcome:
    """For L-smooth f the fixed step η = 1/L maximises the guaranteed decrease of a GD step.

    The descent lemma gives f(x - η∇f(x)) ≤ f(x) - η(1 - Lη/2)‖∇f(x)‖², maximal at η = 1/L (value
    1/(2L)); compared with 4001 steps in (0, 2/L).
    """

    def prop(case: tuple[float, float]) -> Comparison:
        L, s = case
        grid = np.linspace(0, 2 / L, 4002)[1:]
        best = float(max(guaranteed_decrease(e, L) for e in grid))
        return at_least(guaranteed_decrease(step(L, s), L), best, label="guaranteed decrease at the stated step",
                        rtol=1e-9)

    return for_all(ctx, guarantees, prop, max_examples=60)


a, b, c = sympy.symbols("a b c", positive=True)
g1, g2, v1, v2, eta_s = sympy.symbols("g_1 g_2 v_1 v_2 eta", real=True)
H = sympy.Matrix([[a, b], [b, c]])
g = sympy.Matrix([g1, g2])
v = sympy.Matrix([v1, v2])
NEWTON = Formula(r"\Delta x=-[\nabla^2 f]^{-1}\nabla f", lambda hessian, gradient: -hessian.inv() * gradient)


@TOPIC.claim(
    "optim.newton_step",
    method="sympy",
    canonical=NEWTON,
    printed=[
        Printed(D001, NEWTON, r"\Delta x = -[\nabla^2 f(x)]^{-1} \nabla f(x)"),
        Printed(D003, NEWTON, r"\Delta x = -[\nabla^2 f(x)]^{-1} \nabla f(x)"),
    ],
    uses_impl=False,
)
def newton_step(ctx: Context, step: Formula) -> Outcome:
    """The quadratic model f + ∇fᵀΔ + ½ΔᵀHΔ, H ≻ 0, is minimised by Δ = -H⁻¹∇f.

    The model is strictly convex in Δ, so its minimiser is its only stationary point: its gradient
    g + HΔ vanishes at the printed Δ (proved for a symbolic 2×2 H and g, tested along any v).
    """
    delta = step(H, g)
    return prove_chain(ctx, [
        ("vᵀ∇_Δ model at the stated Δ", sympy.simplify((v.T * (g + H * delta))[0])),
        ("0", sympy.Integer(0)),
    ])


@TOPIC.claim(
    "optim.gd_as_isotropic_newton",
    method="sympy",
    canonical=Formula(r"\nabla^2 f=\frac1\eta I", lambda eta: sympy.eye(2) / eta),
    printed=[Printed(D001, Formula(r"\nabla^2 f=\frac1\eta I", lambda eta: sympy.eye(2) / eta),
                     r"\text{Setting } \nabla^2 f(x) = \frac{1}{\eta} I \text{ yields gradient descent}")],
    depends=("optim.newton_step",),
    uses_impl=False,
)
def gd_as_isotropic_newton(ctx: Context, hessian: Formula) -> Outcome:
    """Newton's step with the Hessian replaced by I/η is the GD step -η∇f.

    -(I/η)⁻¹ g = -η g (proved for symbolic η and g, along any direction v).
    """
    newton = -hessian(eta_s).inv() * g
    return prove_chain(ctx, [
        ("vᵀ(Newton step with the stated Hessian)", (v.T * newton)[0]),
        ("vᵀ(-η∇f)", (v.T * (-eta_s * g))[0]),
    ], domain={eta_s: (0.1, 3.0)})


w1, w2, y1, y2 = sympy.symbols("w_1 w_2 y_1 y_2", real=True)
lam = sympy.Symbol("lambda", nonnegative=True)
RIDGE = Formula(r"\frac{\|w-y\|^2}{2}+\lambda\|w\|^2,\ \mu=1+2\lambda",
                lambda: (((w1 - y1) ** 2 + (w2 - y2) ** 2) / 2 + lam * (w1**2 + w2**2), 1 + 2 * lam))


@TOPIC.claim(
    "optim.ridge_objective_pl",
    method="sympy",
    canonical=RIDGE,
    printed=[Printed(D003, RIDGE, r"f(w) = \frac{\|w-y\|^2}{2} + \lambda \|w\|^2 \text{ satisfies PL-condition}",
                     reading="PL with the constant μ = 1 + 2λ (the objective's curvature); λ ≥ 0")],
    depends=("optim.strong_convexity_implies_pl",),
    references=(KNS,),
    uses_impl=False,
)
def ridge_objective_pl(ctx: Context, objective: Formula) -> Outcome:
    """The ridge objective ‖w - y‖²/2 + λ‖w‖² satisfies PL with μ = 1 + 2λ, with equality.

    Its minimiser is w* = y/(1 + 2λ) and ½‖∇f(w)‖² = (1 + 2λ)(f(w) - f(w*)) identically (proved in R²).
    """
    f, mu = objective()
    gradient = [sympy.diff(f, w) for w in (w1, w2)]
    minimizer = sympy.solve(gradient, [w1, w2], dict=True)[0]
    show(ctx, "minimiser w*", sympy.Matrix([minimizer[w1], minimizer[w2]]))
    f_star = f.subs(minimizer)
    return prove_chain(ctx, [
        ("½‖∇f(w)‖²", sum(d**2 for d in gradient) / 2),
        ("μ (f(w) - f*)", mu * (f - f_star)),
    ], domain={lam: (0.0, 3.0)})


@TOPIC.claim(
    "optim.x4_strictly_not_strongly_convex",
    method="sympy",
    canonical=Formula("x^4", lambda: z**4),
    printed=[Printed(D003, Formula("x^4", lambda: z**4), r"x^4 \text{ is strictly convex but not strongly convex}")],
    uses_impl=False,
)
def x4_strictly_not_strongly_convex(ctx: Context, function: Formula) -> Outcome:
    """x⁴ is strictly convex but not μ-strongly convex for any μ > 0.

    f'' = 12x² ≥ 0 vanishes only at 0 (strictly convex), and inf f'' = 0 (no μ > 0 with f'' ≥ μ).
    Decided by SymPy.
    """
    f = function()
    second = sympy.diff(f, z, 2)
    show(ctx, "f''(x)", second)
    negative = sympy.solveset(second < 0, z, sympy.S.Reals)
    zeros = sympy.solveset(sympy.Eq(second, 0), z, sympy.S.Reals)
    infimum = minimum(second, z, sympy.S.Reals)
    show(ctx, "inf f''", infimum)
    strictly = negative is sympy.S.EmptySet and zeros.is_finite_set is True
    evidence = {"f''": str(second), "{f'' < 0}": str(negative), "{f'' = 0}": str(zeros), "inf f''": str(infimum)}
    if strictly and infimum == 0:
        return Outcome(Verdict.PROVED, evidence)
    failed = "not strictly convex" if not strictly else f"strongly convex with μ = {infimum}"
    return Outcome(Verdict.REFUTED, evidence, {"f": str(f), **evidence}, reason=f"{f} is {failed}")


# --- definitions -----------------------------------------------------------------------------------

DEFINITION = "a definition: it fixes what the word means and is the premise of the claims that use it"

TOPIC.not_checkable(
    "optim.l_smooth_definition", title="L-smoothness",
    statement="f is L-smooth if ‖∇f(x) - ∇f(y)‖ ≤ L‖x - y‖ for all x, y.",
    reason=DEFINITION + " (every family here states its L, computed from the Hessian's spectrum)",
    printed=[Printed(D000, None, r"\|\nabla h(\theta_1) - \nabla h(\theta_2)\| \leq L \|\theta_1 - \theta_2\|"),
             Printed(D003, None, r"\|\nabla f(x) - \nabla f(y)\| \leq L \|x - y\|")],
)
TOPIC.not_checkable(
    "optim.pl_condition_definition", title="Polyak–Łojasiewicz condition",
    statement="f satisfies μ-PL if ½‖∇f(x)‖² ≥ μ (f(x) - f*) for all x.",
    reason=DEFINITION + " (checked as a consequence of strong convexity in optim.strong_convexity_implies_pl)",
    printed=[Printed(D, None, r"\frac{1}{2} \|\nabla f(x)\|^2 \geq \mu(f(x) - f^*)") for D in (D000, D001, D002, D003)],
)
TOPIC.not_checkable(
    "optim.convexity_definition", title="Convexity",
    statement="f is convex if f(λw + (1-λ)w') ≤ λf(w) + (1-λ)f(w') for all w, w' and λ ∈ [0, 1].",
    reason=DEFINITION + " (Jensen's inequality is what the convexity checks test)",
    printed=[Printed(D, None, r"f(\lambda x + (1 - \lambda) x') \leq \lambda f(x) + (1 - \lambda) f(x')")
             for D in (D000, D002, D003, D004)],
)
TOPIC.not_checkable(
    "optim.condition_number_l_over_mu", title="Condition number κ = L/μ",
    statement="κ = L/μ for an L-smooth μ-strongly convex f; GD's rate 1 - 1/κ degrades as κ grows.",
    reason=DEFINITION + "; the rates that depend on κ are checked in the GD and Nesterov claims",
    printed=[Printed(D004, None, r"\kappa = L/\mu")],
)
