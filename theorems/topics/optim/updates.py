"""The update rules of gradient descent, heavy ball and Nesterov, step by step on the optimizer under test."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from hypothesis import strategies as st

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, close, for_all

from . import NESTEROV, POLYAK, TOPIC
from .strategies import Problem, smooth_problems
from .trajectories import iterate

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
    faithful=("004",),
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
    faithful=("000", "001", "002", "004"),
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
    faithful=("000", "001"),
    printed={
        "002": Printed(Formula(NAG_LATEX, nesterov_update),
                       reading="θ^{t+1} names both the look-ahead point and the new iterate; read as two "
                               "successive assignments, which is Nesterov's update"),
        "004": Printed(Formula(NAG_LATEX, nesterov_update),
                       reading="θ^{t+1} names both the look-ahead point and the new iterate; read as two "
                               "successive assignments, which is Nesterov's update"),
    },
    references=(NESTEROV,),
)
def nesterov_update_rule(ctx: Context, update: Formula) -> Outcome:
    """Nesterov's method: y_t = θ_t + β_t(θ_t - θ_{t-1}), θ_{t+1} = y_t - η ∇h(y_t), θ_{-1} = θ_0.

    The method under test follows the printed update step by step. torch.optim.SGD(nesterov=True)
    stores the look-ahead point y_t as its parameter; its adapter maps it back to θ_t.
    """
    return follows_update(ctx, "nesterov", update)
