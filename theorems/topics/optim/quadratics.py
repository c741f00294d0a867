"""Gradient descent on quadratics: stability, the optimal step, gradient flow, level sets."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.integrate import solve_ivp

from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    at_least,
    at_most,
    for_all,
    that,
    within_tolerance,
)

from . import NESTEROV, TOPIC
from .strategies import Problem, problems, quadratics
from .trajectories import describe_pair, iterate, kappa

stability_inputs = st.tuples(quadratics(strongly_convex=True),
                             st.one_of(st.just(1.0), st.floats(0.2, 0.999), st.floats(1.001, 1.5)))


@TOPIC.claim(
    "optim.quadratic_gd_stability",
    method="property",
    canonical=Formula(r"\eta\le\frac{2}{\lambda_{\max}(Q)}", lambda eta, lam_max: eta <= 2 / lam_max * (1 + 1e-12)),
    faithful=("003",),
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
    faithful=("003",),
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
            at_most(spectral_radius(eta, eigs), best_on_grid, label="spectral radius at η* vs best on grid",
                    atol=within_tolerance(1.0, eta * eigs.max())),  # |1 - ηλ| rounds at the scale of 1
            at_most(distances[t], bounds[t], label="‖x_t - c‖ vs ((κ-1)/(κ+1))^t ‖x_0 - c‖ (worst t)",
                    atol=1e-12 * (1 + distances[0])),
        ]

    return for_all(ctx, quadratics(strongly_convex=True), prop, max_examples=60, describe=Problem.describe)


euler_inputs = st.tuples(quadratics(max_dim=3), st.integers(1, 60))


@TOPIC.claim(
    "optim.gd_euler_discretization_gradient_flow",
    method="property",
    canonical=Formula(r"\dot x=-\nabla f(x)", lambda g: -g),
    faithful=("002", "004"),
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
    printed={
        "003": Printed(Formula(r"\nabla f(x)", lambda problem, x: problem.grad(x)),
                       reading="each GD step x_{t+1} - x_t is normal to the level set {f = f(x_t)} it leaves"),
    },
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
