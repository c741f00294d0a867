"""Running the optimizer under test: trajectories, exact line search, and rate statements checked on them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from hypothesis import strategies as st
from scipy.optimize import minimize_scalar

from theorems.engine import Comparison, Context, Outcome, at_most, for_all

from .strategies import Problem


def describe_pair(pair: tuple) -> dict:
    """A generated (objective, second point) pair, as the report shows a counterexample."""
    return {"problem": pair[0].describe(), "other": np.asarray(pair[1]).tolist()}


# --- running the optimizer under test ------------------------------------------------------------


def iterate(ctx: Context, problem: Problem, method: str, lr: float, betas: Sequence[float]) -> np.ndarray:
    """The trajectory θ_0 … θ_T (T = len(betas)) of ``method`` on ``problem`` (the boundary validates it)."""
    x0, steps = problem.x0.copy(), len(betas)
    if method == "exact_line_search":
        return exact_line_search(problem, steps)
    optimizer = ctx.impl()
    if method == "gd":
        return optimizer.gd(problem.grad, x0, lr, steps)
    if method == "heavy_ball":
        return optimizer.heavy_ball(problem.grad, x0, lr, list(betas))
    return optimizer.nesterov(problem.grad, x0, lr, list(betas))


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


def horizon_evidence(horizons: list[int]) -> dict[str, object]:
    """How long the runs compared were: their number, the longest, and the steps compared in all."""
    if not horizons:
        return {}
    return {"runs compared": len(horizons), "longest run (steps)": max(horizons),
            "runs of ≥ 100 steps": sum(h >= 100 for h in horizons), "steps compared": sum(horizons)}


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
            usable = (t >= 1) & np.isfinite(bound)  # at t = 0 most bounds are the quantity itself
            positive = usable & (bound > 0)
            safe_bound = np.where(positive, bound, 1.0)
            # a bound ≤ 0 has no ratio: it is violated outright by any measured value above it
            violated = usable & ~positive & (measured - rounding > bound)
            ratios = np.where(positive, (measured - rounding) / safe_bound, np.where(violated, np.inf, -np.inf))
        tightness = exponent_tightness(measured, safe_bound, positive, rounding) if rate.linear else ratios
        worst = int(np.argmax(ratios)) if np.max(ratios) > 1 else int(np.argmax(tightness))
        comparison = at_most(measured[worst], bound[worst], label=f"{rate.quantity} ≤ bound (worst t ≥ 1)",
                             atol=rounding)
        if rate.linear and comparison.ok:
            comparison = replace(comparison, ratio=float(tightness[worst]))
        if comparison.ratio is not None and (not tightest or comparison.ratio > tightest["ratio"][0]):
            tightest["ratio"] = (comparison.ratio, problem, t, measured, bound)
        return comparison

    outcome = for_all(ctx, strategy, prop, max_examples=max_examples, describe=Problem.describe)
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
