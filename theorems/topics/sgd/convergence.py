"""The SGD theorem of Needell, Srebro & Ward, and the O(·) rates that no experiment can decide."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from impls.optim import FiniteSum
from theorems.engine import Context, Outcome, Printed, decide
from theorems.stats import empirical_bernstein_p_value, empirical_bernstein_radius

from . import NSW, TOPIC
from .strategies import random_finite_sum


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


def exact_second_moments(problem: FiniteSum, eta: float, e0: np.ndarray, steps: int) -> np.ndarray:
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


def iterate_radii(problem: FiniteSum, eta: float, e0: np.ndarray, steps: int) -> np.ndarray:
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
    e0: np.ndarray
    exact: np.ndarray
    bound: np.ndarray
    span: np.ndarray
    k: int

    def describe(self) -> dict[str, Any]:
        p = self.problem
        return {"H": p.H.tolist(), "c": p.c.tolist(), "mu": p.mu, "L": p.L, "sigma2": p.sigma2, "eta": self.eta,
                "x0 - x*": self.e0.tolist(), "k": self.k, "exact E|x_k - x*|^2": float(self.exact[self.k]),
                "bound": float(self.bound[self.k])}


def detection_radius(exact: np.ndarray, span: np.ndarray, chains: int, alpha: float) -> np.ndarray:
    """The expected radius of the Monte-Carlo test at each k, from the Bhatia–Davis variance bound (span − E X)·E X."""
    with np.errstate(over="ignore", invalid="ignore"):
        variance = np.maximum((span - exact) * exact, 0.0)
        return np.array([empirical_bernstein_radius(v, s, chains, alpha) if np.isfinite(v * s) else np.inf
                         for v, s in zip(variance, span, strict=True)])


def margin_to_detection(
    exact: np.ndarray, bound: np.ndarray, span: np.ndarray, chains: int, alpha: float,
    radius: np.ndarray | None = None,
) -> np.ndarray:
    """(exact − bound − expected test radius)/|bound| per k: positive where the Monte-Carlo test is expected
    to refute the bound (radius: :func:`detection_radius`); a negative bound on ‖x_k − x*‖² ≥ 0 is refuted by
    any positive sample (+∞)."""
    radius = detection_radius(exact, span, chains, alpha) if radius is None else radius
    with np.errstate(over="ignore", invalid="ignore"):
        margin = (exact - bound - radius) / np.abs(bound)
        margin = np.where((bound <= 0) & (exact > 0), np.inf, margin)
    margin = np.where(np.isnan(margin), -np.inf, margin)
    margin[0] = -np.inf  # k = 0 is the start, not a claim about SGD
    return margin


STEPS = (1, 5, 20)
"""The numbers of SGD steps k at which the theorem is tested: a bug that leaves the first step right (a wrong
step-size schedule, a step dropped) shows only at k > 1."""
CANDIDATES = 200
"""Random instances searched (in the quick profile) for the tightest ones at each k."""
MOVES = 4.0
"""A 'moving' instance at k is one whose k-th step changes E‖x − x*‖² by at least this many test radii."""


@dataclass(frozen=True)
class Selection:
    """Which instance a Monte-Carlo test is run at: the tightest at ``k``, or (``moving``) the tightest among
    those whose k-th step changes E‖x − x*‖² by ≥ MOVES test radii (where the bound is tightest the last
    steps often barely move E, and a wrong late step would go unseen there)."""

    k: int
    moving: bool = False

    @property
    def name(self) -> str:
        return f"k = {self.k}" + (", k-th step moves E measurably" if self.moving else "")


SELECTIONS = (Selection(1), Selection(5), Selection(5, moving=True), Selection(20), Selection(20, moving=True))


def tightest_instances(ctx: Context, theorem: SGDTheorem, chains: int,
                       alpha: float) -> dict[Selection, SGDInstance]:
    """For each selection of :data:`SELECTIONS`, among random instances inside the theorem's hypotheses, the one
    where the Monte-Carlo test at its k (level ``alpha``) comes closest to refuting the bound (or refutes it by
    the widest margin). Every instance is followed for at least max(STEPS) steps."""
    rng = ctx.rng(stream=1)
    best: dict[Selection, tuple[float, SGDInstance]] = {}
    for _ in range(ctx.scaled(CANDIDATES)):
        problem = random_finite_sum(rng)
        mu, L, sigma2 = problem.mu, problem.L, problem.sigma2
        # log-uniform fractions of the limit: at k = 20 the tightest instances have ηL of order 1/k or less
        eta = theorem.step_limit(mu, L) * float(rng.choice([10 ** rng.uniform(-3, 0), 1 - 1e-3]))
        direction = rng.normal(size=problem.dim)
        e0 = direction / np.linalg.norm(direction) * float(rng.choice([0.0, 1.0, 10.0])) * math.sqrt(sigma2 + 1) / mu
        horizon = max(max(STEPS), int(min(200, math.ceil(4 / max(eta * mu, 1e-3)))))
        exact = exact_second_moments(problem, eta, e0, horizon)
        with np.errstate(over="ignore", invalid="ignore"):
            bound = theorem.A(eta, mu, L) ** np.arange(horizon + 1) * float(e0 @ e0) + theorem.B(eta, mu, L, sigma2)
        span = iterate_radii(problem, eta, e0, horizon) ** 2
        radius = detection_radius(exact, span, chains, alpha)
        margin = margin_to_detection(exact, bound, span, chains, alpha, radius)
        with np.errstate(invalid="ignore"):
            moves = np.abs(np.diff(exact, prepend=exact[0])) >= MOVES * radius
        for selection in SELECTIONS:
            k = selection.k
            if selection.moving and not (moves[k] or np.isinf(margin[k])):
                continue
            if selection not in best or margin[k] > best[selection][0]:
                best[selection] = (float(margin[k]), SGDInstance(problem, eta, e0, exact, bound, span, k))
    return {selection: instance for selection, (_, instance) in best.items()}


def monte_carlo_at(ctx: Context, theorem: SGDTheorem, inst: SGDInstance, chains: int, alpha: float,
                   stream: int) -> tuple[float, str, dict[str, Any], np.ndarray]:
    """The implementation's SGD run ``inst.k`` steps on ``chains`` chains: the p-value of H0 E‖x_k − x*‖² ≤ bound,
    the test's name, its evidence and the sampled ‖x_k − x*‖²."""
    problem, x_star, k = inst.problem, inst.problem.minimizer, inst.k
    final = ctx.impl().sgd(problem, np.tile(x_star + inst.e0, (chains, 1)), inst.eta, k, 1, ctx.rng(stream=stream))
    distances = np.sum((final - x_star) ** 2, axis=1)
    bound, span = float(inst.bound[k]), float(inst.span[k])
    evidence = {"eta": inst.eta, "eta L": inst.eta * problem.L, "mu": problem.mu, "L": problem.L,
                "sigma2": problem.sigma2, "|x0 - x*|^2": float(inst.e0 @ inst.e0), "bound A^k|x0-x*|^2 + B": bound,
                "exact E|x_k - x*|^2 (second-moment recursion)": float(inst.exact[k]),
                "Monte-Carlo mean": float(distances.mean()), "sure range of |x_k - x*|^2": span}
    if distances.max() > span * (1 + 1e-9):
        return 0.0, "sure range of SGD iterates (any iterate outside it)", evidence, distances
    if bound <= 0:
        return (0.0 if distances.max() > 0 else 1.0), "nonnegative ‖x_k − x*‖² vs a negative bound", evidence, distances
    sd = float(distances.std(ddof=1))
    # power 0.9: the sample mean must clear bound + radius; it falls short with probability ≤ 0.1 once the
    # excess exceeds the radius by z_0.9 standard errors (CLT)
    detectable = empirical_bernstein_radius(sd**2, span, chains, alpha) + 1.2816 * sd / math.sqrt(chains)
    evidence["detectable excess (power 0.9)"] = f"{detectable:.3g} ({detectable / bound:.1%} of the bound)"
    return (empirical_bernstein_p_value(distances, bound, span),
            "one-sided empirical Bernstein (Maurer & Pontil 2009), H0: E‖x_k − x*‖² ≤ bound", evidence, distances)


def sgd_theorem_check(ctx: Context, theorem: SGDTheorem) -> Outcome:
    """Monte-Carlo tests of the implementation's SGD against the theorem after k = 1, 5 and 20 steps, each at the
    tightest instance for its k (and, for k > 1, at the tightest whose k-th step moves E measurably); the check's
    level is split evenly between the tests (Bonferroni)."""
    chains = ctx.scaled(20_000)
    alpha = ctx.alpha / len(SELECTIONS)
    instances = tightest_instances(ctx, theorem, chains, alpha)
    tests = [selection for selection in SELECTIONS if selection in instances]
    p_values: dict[Selection, float] = {}
    evidence: dict[str, Any] = {"chains per test": chains, "k": list(STEPS), "tests": [t.name for t in tests],
                                "candidate instances": ctx.scaled(CANDIDATES),
                                "level per test (Bonferroni share of this check's level)": alpha}
    samples: dict[Selection, np.ndarray] = {}
    detectable: list[str] = []
    for stream, selection in enumerate(tests, start=2):
        p, test, found, samples[selection] = monte_carlo_at(ctx, theorem, instances[selection], chains, alpha, stream)
        p_values[selection] = p
        evidence[selection.name] = {"test": test, "p-value": p, **found}
        detectable.append(f"{selection.name}: an excess of {found.get('detectable excess (power 0.9)', 'any')}")
    worst = min(tests, key=lambda selection: p_values[selection])
    plot_instance(ctx, theorem, instances[worst], samples[worst], chains)
    return decide(
        ctx, min(1.0, len(SELECTIONS) * p_values[worst]),
        test=f"Bonferroni over {len(SELECTIONS)} Monte-Carlo tests (k ∈ {{{', '.join(map(str, STEPS))}}}) of "
             "H0: E‖x_k − x*‖² ≤ A^k‖x_0 − x*‖² + B",
        detectable="; ".join(detectable),
        evidence={**evidence, "smallest p-value at": worst.name}, counterexample=instances[worst].describe(),
    )


def plot_instance(ctx: Context, theorem: SGDTheorem, inst: SGDInstance, distances: np.ndarray, chains: int) -> None:
    """The exact E‖x_k − x*‖², the bound and the Monte-Carlo mean of the instance with the smallest p-value."""
    problem, k = inst.problem, inst.k
    with ctx.figure(f"E‖x_k − x*‖² at the tightest instance for k = {k}: exact, bound, Monte-Carlo") as (_, ax):
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


NSW_READING = ("001 writes f = Σ_i f_i; read as the average (as its unbiasedness line requires) and with each f_i "
               "convex (NSW's hypothesis, not printed).")


@TOPIC.claim(
    "sgd.nsw_step_size_condition",
    method="statistical",
    canonical=NSW_THEOREM,
    printed={"001": Printed(replace(NSW_THEOREM, step_limit=lambda mu, L: 1 / mu, latex=r"\eta\le 1/\mu"),
                            reading=NSW_READING + " Only the printed step-size condition η ≤ 1/μ replaces η < 1/L.")},
    references=(NSW,),
)
def nsw_step_size_condition(ctx: Context, theorem: SGDTheorem) -> Outcome:
    """The SGD theorem's step-size condition

    For SGD on f = (1/n)Σf_i, f_i convex L_i-smooth, sup L_i ≤ L, f μ-strongly convex, the bound
    E‖x_k − x*‖² ≤ A^k‖x_0 − x*‖² + B (A = 1 − 2ημ(1 − ηL), B = ησ²/(μ(1 − ηL)), σ² = (1/n)Σ‖∇f_i(x*)‖²)
    holds for every step η < 1/L (Needell, Srebro & Ward 2014, Thm 2.1). Exact second moments locate the
    tightest instance; a calibrated Monte-Carlo test of the implementation's SGD decides.
    """
    return sgd_theorem_check(ctx, theorem)


@TOPIC.claim(
    "sgd.nsw_contraction_factor",
    method="statistical",
    canonical=NSW_THEOREM,
    printed={"001": Printed(NSW_THEOREM, reading=NSW_READING)},
    references=(NSW,),
)
def nsw_contraction_factor(ctx: Context, theorem: SGDTheorem) -> Outcome:
    """The SGD theorem's contraction factor

    For SGD with η < 1/L on f = (1/n)Σf_i as in Needell, Srebro & Ward (2014, Thm 2.1), the initial
    distance decays by A = 1 − 2ημ(1 − ηL) per step: E‖x_k − x*‖² ≤ A^k‖x_0 − x*‖² + ησ²/(μ(1 − ηL)).
    Exact second moments locate the tightest instance; a Monte-Carlo test of the implementation decides.
    """
    return sgd_theorem_check(ctx, theorem)


@TOPIC.claim(
    "sgd.nsw_noise_floor",
    method="statistical",
    canonical=NSW_THEOREM,
    printed={"001": Printed(replace(NSW_THEOREM, B=printed_B, latex=r"B=\frac{\eta\sigma^2}{\mu-\eta L}"),
                            reading=NSW_READING + " Only the printed B replaces NSW's ησ²/(μ(1−ηL)).")},
    references=(NSW,),
)
def nsw_noise_floor(ctx: Context, theorem: SGDTheorem) -> Outcome:
    """The SGD theorem's noise floor

    For SGD with η < 1/L on f = (1/n)Σf_i as in Needell, Srebro & Ward (2014, Thm 2.1), the distance to
    x* settles below B = ησ²/(μ(1 − ηL)), σ² = (1/n)Σ‖∇f_i(x*)‖²: E‖x_k − x*‖² ≤ A^k‖x_0 − x*‖² + B.
    Exact second moments locate the tightest instance; a Monte-Carlo test of the implementation decides.
    """
    return sgd_theorem_check(ctx, theorem)


ASYMPTOTIC = ("An O(·) rate with no constant, no step-size schedule and (in the printed form) an undefined quantity: "
              "no finite experiment can confirm or refute it. A constant-explicit version (e.g. DG/√T for averaged "
              "projected SGD) would be checkable; left for later.")

TOPIC.not_checkable(
    "sgd.rate_convex", title="SGD rate, convex",
    statement="E[h(θ̄_t)] − min h = O(1/√t) for convex Lipschitz h with averaged iterates (Nemirovski et al. 2009).",
    reason=ASYMPTOTIC,
)
TOPIC.not_checkable(
    "sgd.rate_strongly_convex", title="SGD rate, strongly convex",
    statement="E[h(θ̄_t)] − min h = O(log t / t) for strongly convex h, η_t = 1/(μt) (Hazan et al. 2007).",
    reason=ASYMPTOTIC + " As printed, O(log(t/δ)): δ is undefined and log(t/δ) grows with t, so the bound is vacuous.",
)
TOPIC.not_checkable(
    "sgd.rate_strongly_convex_smooth", title="SGD rate, strongly convex and smooth",
    statement="E[h(θ̄_t)] − min h = O(1/t) for strongly convex smooth h with η_t ∝ 1/t.",
    reason=ASYMPTOTIC,
)
TOPIC.not_checkable(
    "sgd.polyak_averaging_rate", title="Polyak averaging rate",
    statement="Averaged SGD attains O(1/√t) for general convex Lipschitz problems (optimal, Nemirovski–Yudin) and "
    "O(1/t) under strong convexity or for least squares with constant steps (Bach & Moulines 2013).",
    reason="'Often achieves O(1/t)' is hedged and constant-free; for general convex problems the minimax rate is "
    "Ω(1/√t), so the unhedged reading is false, but 'often' cannot be refuted by an experiment.",
)
