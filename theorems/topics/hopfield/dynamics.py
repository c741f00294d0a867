"""Dynamics: the energy never increases, the update is the sign of the local field, asynchronous
runs converge, synchronous runs can cycle, and self-connections alone reconstruct nothing."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from impls.hopfield import sign_keep
from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    Verdict,
    at_most,
    equal,
    for_all,
    for_each,
    that,
)

from . import HOPFIELD, MAX_SWEEPS, TOPIC, run_async
from .strategies import Network, networks, random_orders, random_patterns

GOLES = ("Goles, Fogelman-Soulié & Pellegrin (1985), Decreasing energy functions as a tool for studying "
         "threshold networks")


def off_diagonal_quadratic(W: np.ndarray, x: np.ndarray) -> float:
    return float(x @ W @ x - np.diag(W) @ (x * x))


HOPFIELD_ENERGY = Formula(
    r"E(X) = -\tfrac12 \sum_{i\neq j} w_{ij} X_i X_j - \sum_i b_i X_i",
    lambda W, b, x: -0.5 * off_diagonal_quadratic(W, x) - float(b @ x),
)
ENERGY_THRESHOLD_PLUS = Formula(r"E(X) = -\tfrac12 \sum_{i\neq j} w_{ij} X_i X_j + \sum_i b_i X_i",
                                lambda W, b, x: -0.5 * off_diagonal_quadratic(W, x) + float(b @ x))


@TOPIC.claim(
    "hopfield.energy",
    method="property",
    canonical=HOPFIELD_ENERGY,
    printed={
        "000": Printed(ENERGY_THRESHOLD_PLUS,
                       reading="energy of line 43 with the update of line 47: the threshold enters the energy with "
                               "the sign opposite to the update's."),
        "001": Printed(Formula(r"-\sum_{i,j} \theta_{ij} x_i x_j - \sum_i \theta_{i0} x_i",
                               lambda W, b, x: -float(x @ W @ x) - float(b @ x)),
                       reading="Lyapunov function of line 126 for the update of line 124 (θ_{i0} the threshold, "
                               "θ_ii = 0): the quadratic term lacks the ½."),
        "003": Printed(ENERGY_THRESHOLD_PLUS,
                       reading="energy of line 32 with the update of line 36, as in document 000."),
    },
    references=(HOPFIELD,),
)
def energy(ctx: Context, energy_of: Formula) -> Outcome:
    """The energy never increases under asynchronous updates.

    For symmetric w with zero diagonal and any thresholds b, every flip of the asynchronous dynamics
    x_i ← sign(Σ_j w_ij x_j + b_i) changes E(x) = -½ Σ_{i≠j} w_ij x_i x_j - Σ_i b_i x_i by
    -|Δx_i| |h_i| ≤ 0 (Hopfield 1982). Checked on the stated energy and on the implementation's own.
    """
    impl = ctx.impl()

    def prop(net: Network) -> list[Comparison]:
        states = run_async(impl, net).states(net.x)
        stated = np.array([energy_of(net.W, net.b, x) for x in states])
        own = np.array([impl.energy(net.W, net.b, x) for x in states])
        scale = 1e-9 * (1 + np.abs(net.W).sum() + np.abs(net.b).sum())
        rises = [np.max(np.diff(e), initial=0.0) for e in (stated, own)]
        return [at_most(rises[0], 0.0, label="largest rise of the stated energy over one flip", atol=scale),
                at_most(rises[1], 0.0, label="largest rise of impl.energy over one flip", atol=scale)]

    outcome = for_all(ctx, networks(thresholds=True), prop, describe=Network.describe, max_examples=100)
    if ctx.is_canonical and outcome.verdict is Verdict.HOLDS:
        plot_energy_descent(ctx, impl)
    return outcome


def plot_energy_descent(ctx: Context, impl: Any, n: int = 200, s: int = 20) -> None:
    """Energy along asynchronous runs from corrupted copies of a stored pattern."""
    rng = ctx.rng(stream=1)
    patterns = random_patterns(rng, s, n).astype(float)
    W = impl.hebbian(patterns)
    b = np.zeros(n)
    with ctx.figure("Energy along asynchronous runs (n = 200, s = 20, Hebbian weights)") as (_, ax):
        for noise in (0.1, 0.25, 0.4):
            cue = np.where(rng.random(n) < noise, -patterns[0], patterns[0])
            net = Network(W, b, cue, random_orders(rng, n))
            energies = [HOPFIELD_ENERGY(W, b, x) for x in run_async(impl, net).states(cue)]
            ax.plot(energies, label=f"{noise:.0%} of the bits flipped in the cue")
        ax.set_xlabel("flips")
        ax.set_ylabel("E(x)")
        ax.legend()


@TOPIC.claim(
    "hopfield.update_rule",
    method="property",
    canonical=Formula(r"X_i \leftarrow \mathrm{sign}\big(\sum_j w_{ij} X_j + b_i\big)", lambda W, b, x: W @ x + b),
    printed={"003": Printed(Formula(r"\mathrm{sign}\big(\sum_j w_{ij} X_j^t + b_i\big)", lambda W, b, x: W @ x + b),
                            reading="sign(0) is read as 'keep X_i' (the documents leave it open).")},
    references=(HOPFIELD,),
)
def update_rule(ctx: Context, field: Formula) -> Outcome:
    """The implementation updates by the sign of the local field.

    One synchronous step maps x to sign(h) with h = W x + b (x_i kept where h_i = 0), and every
    asynchronous flip is of a unit with x_i h_i < 0 at that moment.
    """
    impl = ctx.impl()

    def prop(net: Network) -> list[Comparison]:
        step = impl.run_sync(net.W, net.b, net.x, steps=1)
        traj = run_async(impl, net)
        states = traj.states(net.x)
        illegal = [k for k, unit in enumerate(traj.flips)
                   if states[k][unit] * field(net.W, net.b, states[k])[unit] >= 0]
        return [equal(step[1], sign_keep(field(net.W, net.b, net.x), net.x), label="synchronous step"),
                that(not illegal, label="asynchronous flips", message=f"flips {illegal} were of stable units")]

    return for_all(ctx, networks(thresholds=True), prop, describe=Network.describe)


@dataclass(frozen=True)
class WeightClass:
    """Which weight matrices a convergence statement covers."""

    latex: str
    diagonal: str
    """``"zero"``: w_ii = 0; ``"any"``: self-couplings of either sign."""


@TOPIC.claim(
    "hopfield.async_convergence",
    method="property",
    canonical=WeightClass(r"w_{ij} = w_{ji},\ w_{ii} = 0", "zero"),
    faithful=("001", "003"),
    depends=("hopfield.energy",),
    references=(HOPFIELD,),
)
def async_convergence(ctx: Context, weights: WeightClass) -> Outcome:
    """Asynchronous dynamics reach a fixed point.

    For symmetric w with zero diagonal and any thresholds, the asynchronous dynamics stop after
    finitely many flips at a state with x_i h_i ≥ 0 for every i (each flip lowers the energy or,
    at h_i = 0, does not happen; Hopfield 1982).
    """
    impl = ctx.impl()

    def prop(net: Network) -> list[Comparison]:
        traj = run_async(impl, net)
        states = traj.states(net.x)
        illegal = [k for k, unit in enumerate(traj.flips) if states[k][unit] * (net.W @ states[k] + net.b)[unit] >= 0]
        unstable = np.flatnonzero(traj.final * (net.W @ traj.final + net.b) < 0)
        return [that(traj.converged, label="converged", message=f"no fixed point after {MAX_SWEEPS} sweeps"),
                that(not unstable.size, label="final state is fixed", message=f"units {unstable.tolist()} unstable"),
                that(not illegal, label="flips are asynchronous updates",
                     message=f"flips {illegal} were of units already aligned with their field")]

    return for_all(ctx, networks(thresholds=True, diagonal=weights.diagonal), prop, describe=Network.describe)


@dataclass(frozen=True)
class Periods:
    """The eventual periods a statement allows for synchronous dynamics."""

    latex: str
    allowed: frozenset[int]


def small_symmetric_networks(max_n: int = 3) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Every symmetric zero-diagonal W with entries in {-1, 0, 1} on n ≤ max_n units, every start."""
    for n in range(1, max_n + 1):
        pairs = list(itertools.combinations(range(n), 2))
        for values in itertools.product((-1.0, 0.0, 1.0), repeat=len(pairs)):
            W = np.zeros((n, n))
            for (i, j), v in zip(pairs, values, strict=True):
                W[i, j] = W[j, i] = v
            for x in itertools.product((-1.0, 1.0), repeat=n):
                yield W, np.array(x)


def eventual_period(states: np.ndarray) -> int | None:
    """The period of the cycle a deterministic trajectory ends in (None if it has not closed yet)."""
    seen: dict[bytes, int] = {}
    for t, x in enumerate(states):
        key = x.tobytes()
        if key in seen:
            return t - seen[key]
        seen[key] = t
    return None


@TOPIC.claim(
    "hopfield.sync_limit_cycles",
    method="exhaustive",
    canonical=Periods(r"\text{period } 1 \text{ or } 2, \text{ and } 2 \text{ occurs}", frozenset({1, 2})),
    faithful=("001",),
    references=(GOLES,),
)
def sync_limit_cycles(ctx: Context, periods: Periods) -> Outcome:
    """Synchronous updates can end in a cycle of period 2.

    For symmetric W, the synchronous dynamics x ← sign(W x) end in a fixed point or a cycle of period
    2 (Goles et al. 1985), and period 2 occurs (W = [[0, 1], [1, 0]], x = (1, -1)). Every symmetric
    zero-diagonal W with entries in {-1, 0, 1} on up to 3 units and every start is run.
    """
    impl = ctx.impl()
    witnesses: list[dict[str, Any]] = []

    def prop(case: tuple[np.ndarray, np.ndarray]) -> Comparison:
        W, x = case
        n = len(x)
        states = impl.run_sync(W, np.zeros(n), x, steps=2**n + 1)
        period = eventual_period(states)
        if period == 2:
            witnesses.append({"W": W.tolist(), "x": x.tolist(), "states": states[:4].tolist()})
        return that(period in periods.allowed, label="eventual period",
                    message=f"period {period}, allowed {sorted(periods.allowed)}")

    outcome = for_each(ctx, small_symmetric_networks(), prop, domain_name="symmetric W ∈ {-1,0,1}, n ≤ 3, all starts",
                       complete=False, describe=lambda c: {"W": c[0].tolist(), "x": c[1].tolist()})
    if outcome.verdict is not Verdict.HOLDS:
        return outcome
    if not witnesses:
        return Outcome(Verdict.REFUTED, outcome.evidence, {"searched": outcome.evidence["domain"]},
                       reason="no start of any network in the domain ends in a cycle of period 2")
    outcome.evidence["period-2 starts"] = len(witnesses)
    first = witnesses[0]
    ctx.table("A period-2 cycle of the synchronous dynamics", ["t", "state"],
              [[t, x] for t, x in enumerate(first["states"])])
    outcome.evidence["witness"] = {"W": first["W"], "x": first["x"]}
    return outcome


@TOPIC.claim(
    "hopfield.identity_weights_no_retrieval",
    method="exhaustive",
    canonical=Formula(r"W = \mathrm{diag}(1, \dots, 1)", np.eye),
    faithful=("003",),
)
def identity_weights_no_retrieval(ctx: Context, weights: Formula) -> Outcome:
    """With W = I (self-connections only) no reconstruction happens.

    For W = I and b = 0, h = x, so every state is a fixed point: the dynamics return every cue
    unchanged. All 2^n states for n ≤ 8, asynchronous and synchronous.
    """
    impl = ctx.impl()
    rng = ctx.rng(stream=2)

    def prop(x: np.ndarray) -> list[Comparison]:
        n = len(x)
        W = np.asarray(weights(n), dtype=float)
        traj = run_async(impl, Network(W, np.zeros(n), x, random_orders(rng, n)))
        step = impl.run_sync(W, np.zeros(n), x, steps=1)
        return [that(len(traj.flips) == 0, label="asynchronous run", message=f"flipped units {traj.flips.tolist()}"),
                equal(step[1], x, label="synchronous step")]

    states = (np.array(x) for n in range(1, 9) for x in itertools.product((-1.0, 1.0), repeat=n))
    return for_each(ctx, states, prop, domain_name="every state, n ≤ 8", complete=False)
