"""The update rules of gradient descent, heavy ball and Nesterov, step by step on the optimizer under test."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st

from theorems.engine import Context, Formula, Outcome, Printed, same_steps, steer

from . import NESTEROV, POLYAK, TOPIC
from .strategies import Problem, smooth_problems
from .trajectories import horizon_evidence, iterate

Update = Callable[[np.ndarray, np.ndarray, Callable, float, float], np.ndarray]

HORIZON = 300
"""The longest run compared step by step in the quick profile (``ctx.scaled`` lengthens it in the full one)."""


@dataclass(frozen=True)
class MomentumRun:
    """An objective and the momenta β_0 … β_{T-1} of a run of T steps."""

    problem: Problem
    betas: tuple[float, ...]
    schedule: str

    def describe(self) -> dict[str, object]:
        return {"problem": self.problem.describe(), "steps": len(self.betas), "schedule": self.schedule,
                "betas (first 12)": list(self.betas[:12])}


@st.composite
def momentum_runs(draw: st.DrawFn, max_steps: int) -> MomentumRun:
    """A smooth objective and a horizon of 1 … ``max_steps`` steps; the momenta are a drawn pattern of up to 12
    values in [0, 0.99] repeated along the run, or Nesterov's schedule β_t = t/(t+3)."""
    problem = draw(smooth_problems(max_dim=3))
    steps = draw(st.integers(1, max_steps))
    if draw(st.booleans()):
        pattern = draw(st.lists(st.floats(0.0, 0.99), min_size=1, max_size=12))
        return MomentumRun(problem, tuple(pattern[t % len(pattern)] for t in range(steps)), "drawn pattern, repeated")
    return MomentumRun(problem, tuple(t / (t + 3) for t in range(steps)), "t/(t+3)")


def follows_update(ctx: Context, method: str, update: Formula) -> Outcome:
    """Every step of ``method`` under test equals the printed update applied to its own last two iterates, over
    horizons Hypothesis draws up to ``ctx.scaled(HORIZON)`` steps and pushes towards the longest (a rule that
    goes wrong only late in a run is named by its first wrong step)."""
    horizons: list[int] = []

    def trajectory(run: MomentumRun) -> np.ndarray:
        horizons.append(len(run.betas))
        steer(float(len(run.betas)), label="horizon (steps)")
        problem = run.problem
        return iterate(ctx, problem, method, problem.step_fraction / problem.L, run.betas)

    def step(run: MomentumRun, path: np.ndarray, t: int) -> np.ndarray:
        problem = run.problem
        return update(path[t], path[max(t - 1, 0)], problem.grad, problem.step_fraction / problem.L, run.betas[t])

    outcome = same_steps(ctx, momentum_runs(ctx.scaled(HORIZON)), trajectory, step,
                         label=f"{method} steps vs printed update", max_examples=40, describe=MomentumRun.describe)
    outcome.evidence.update(horizon_evidence(horizons))
    return outcome


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
