"""Hopfield networks and Willshaw memories (documents 000, 001, 003).

Standard results: Hopfield (1982), the energy -½ Σ_{i≠j} w_ij x_i x_j - Σ_i b_i x_i never increases
under x_i ← sign(Σ_j w_ij x_j + b_i) (symmetric w, zero diagonal); Amit, Gutfreund & Sompolinsky
(1985, 1987), Hebbian capacity α_c ≈ 0.138 with retrieval overlap ≈ 0.967 there; McEliece, Posner,
Rodemich & Venkatesh (1987), a given pattern is a fixed point w.h.p. iff s ≤ n/(2 ln n); Gardner
(1988), optimal weights store up to α = 2; Willshaw, Buneman & Longuet-Higgins (1969) and Palm
(1980), the clipped Hebbian memory stores ln 2 bits per synapse with half of the synapses set.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy
from hypothesis import strategies as st
from scipy import stats as sps

from impls.hopfield import HopfieldImpl, Trajectory, sign_keep
from theorems.engine import (
    Comparison,
    Context,
    Formula,
    ImplementationError,
    Outcome,
    Printed,
    Topic,
    Verdict,
    as_array,
    at_most,
    close,
    decide,
    equal,
    for_all,
    for_each,
    prove_chain,
    show,
    that,
)
from theorems.engine.catalog import D000, D001, D003
from theorems.engine.stats import binomial_detectable, binomial_one_sided_detectable, binomial_p_value, clopper_pearson
from theorems.strategies.hopfield import Network, PatternPairs, networks, pattern_pairs

TOPIC = Topic(
    "hopfield",
    "Hopfield networks and Willshaw memories",
    summary="Energy descent and convergence, limit cycles, Hebbian capacity 0.138 n, McEliece's "
    "n/(2 ln n), Gardner's α = 2, and the clipped Hebbian (Willshaw) memory.",
    protocol=HopfieldImpl,
    reference="impls.hopfield:Hopfield",
)

HOPFIELD = "Hopfield (1982), Neural networks and physical systems with emergent collective computational abilities"
AGS = "Amit, Gutfreund & Sompolinsky (1985, 1987), Storing infinite numbers of patterns in a spin-glass model"
MCELIECE = "McEliece, Posner, Rodemich & Venkatesh (1987), The capacity of the Hopfield associative memory"
GARDNER = "Gardner (1988), The space of interactions in neural network models"
COVER = "Cover (1965), Geometrical and statistical properties of systems of linear inequalities"
GOLES = ("Goles, Fogelman-Soulié & Pellegrin (1985), Decreasing energy functions as a tool for studying "
         "threshold networks")
WILLSHAW = "Willshaw, Buneman & Longuet-Higgins (1969), Non-holographic associative memory; Palm (1980)"

MAX_SWEEPS = 1000
WILLSHAW_EXAMPLES = 60


# --- running the implementation under test ---------------------------------------------------


def run_async(impl: Any, net: Network, W: np.ndarray | None = None) -> Trajectory:
    """The implementation's asynchronous run on ``net``, its trajectory validated."""
    W = net.W if W is None else W
    traj = impl.run_async(W, net.b, net.x, order=net.order, max_sweeps=MAX_SWEEPS)
    for attr in ("flips", "final", "converged"):
        if not hasattr(traj, attr):
            raise ImplementationError(f"run_async() returned {type(traj).__name__} without .{attr}")
    flips = np.asarray(traj.flips, dtype=int).reshape(-1)
    if np.any((flips < 0) | (flips >= net.n)):
        raise ImplementationError(f"run_async() flipped units outside 0..{net.n - 1}: {flips.tolist()}")
    final = as_array(traj.final, what="run_async().final", shape=(net.n,))
    replayed = Trajectory(flips, final, bool(traj.converged), int(getattr(traj, "sweeps", 0)))
    if not np.array_equal(replayed.states(net.x)[-1], final):
        raise ImplementationError("run_async(): applying the reported flips to x does not give .final")
    return replayed


def spins(value: Any, *, what: str, shape: tuple[int, ...]) -> np.ndarray:
    """``value`` as an array of ``±1`` of the given shape, or ImplementationError."""
    arr = as_array(value, what=what, shape=shape)
    if not np.all(np.abs(arr) == 1):
        raise ImplementationError(f"{what} has entries other than ±1")
    return arr


def random_patterns(rng: np.random.Generator, *shape: int) -> np.ndarray:
    return rng.choice(np.array([-1, 1], dtype=np.int8), size=shape)


def random_orders(rng: np.random.Generator, *shape: int) -> np.ndarray:
    """Independent uniform permutations of ``range(shape[-1])``."""
    return np.argsort(rng.random(shape), axis=-1)


# --- energy, update rule, convergence -------------------------------------------------------


def off_diagonal_quadratic(W: np.ndarray, x: np.ndarray) -> float:
    return float(x @ W @ x - np.diag(W) @ (x * x))


HOPFIELD_ENERGY = Formula(
    r"E(X) = -\tfrac12 \sum_{i\neq j} w_{ij} X_i X_j - \sum_i b_i X_i",
    lambda W, b, x: -0.5 * off_diagonal_quadratic(W, x) - float(b @ x),
)


@TOPIC.claim(
    "hopfield.energy",
    method="property",
    canonical=HOPFIELD_ENERGY,
    printed=[
        Printed(D000, Formula(r"E(X) = -\tfrac12 \sum_{i\neq j} w_{ij} X_i X_j + \sum_i b_i X_i",
                              lambda W, b, x: -0.5 * off_diagonal_quadratic(W, x) + float(b @ x)),
                r"E(X) = -\frac{1}{2} \sum_{i \neq j} w_{ij} X_i X_j + \sum_i b_i X_i \text{ with } "
                r"X_i \leftarrow \mathrm{sign}(\sum_j w_{ij} X_j + b_i)",
                reading="energy of line 43 with the update of line 47: the threshold enters the energy with "
                        "the sign opposite to the update's."),
        Printed(D001, Formula(r"-\sum_{i,j} \theta_{ij} x_i x_j - \sum_i \theta_{i0} x_i",
                              lambda W, b, x: -float(x @ W @ x) - float(b @ x)),
                r"-\sum_{i,j=1}^n \theta_{ij} x_i x_j - \sum_{i=1}^n \theta_{i0} x_i \text{ with } "
                r"\hat x_i \leftarrow \mathrm{sign}(\sum_{j\neq i} \theta_{ij} \hat x_j + \theta_{i0})",
                reading="Lyapunov function of line 126 for the update of line 124 (θ_{i0} the threshold, θ_ii = 0): "
                        "the quadratic term lacks the ½."),
        Printed(D003, Formula(r"E(X) = -\tfrac12 \sum_{i\neq j} w_{ij} X_i X_j + \sum_i b_i X_i",
                              lambda W, b, x: -0.5 * off_diagonal_quadratic(W, x) + float(b @ x)),
                r"E(X) = -\frac{1}{2} \sum_{i \neq j} w_{ij} X_i X_j + \sum_i b_i X_i \text{ with } "
                r"X_i \leftarrow \mathrm{sign}(\sum_j w_{ij} X_j + b_i)",
                reading="energy of line 32 with the update of line 36, as in document 000."),
    ],
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
        own = np.array([float(impl.energy(net.W, net.b, x)) for x in states])
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
    W = as_array(impl.hebbian(patterns), what="hebbian()", shape=(n, n))
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
    printed=[Printed(D003, Formula(r"\mathrm{sign}\big(\sum_j w_{ij} X_j^t + b_i\big)", lambda W, b, x: W @ x + b),
                     r"X_i^{t+1} = \text{sign}\left(\sum_j w_{ij} X_j^t + b_i\right)",
                     reading="sign(0) is read as 'keep X_i' (the documents leave it open).")],
    references=(HOPFIELD,),
)
def update_rule(ctx: Context, field: Formula) -> Outcome:
    """The implementation updates by the sign of the local field.

    One synchronous step maps x to sign(h) with h = W x + b (x_i kept where h_i = 0), and every
    asynchronous flip is of a unit with x_i h_i < 0 at that moment.
    """
    impl = ctx.impl()

    def prop(net: Network) -> list[Comparison]:
        step = spins(impl.run_sync(net.W, net.b, net.x, steps=1), what="run_sync()", shape=(2, net.n))
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


SYMMETRIC_ZERO_DIAGONAL = WeightClass(r"w_{ij} = w_{ji},\ w_{ii} = 0", "zero")


@TOPIC.claim(
    "hopfield.async_convergence",
    method="property",
    canonical=SYMMETRIC_ZERO_DIAGONAL,
    printed=[
        Printed(D001, SYMMETRIC_ZERO_DIAGONAL,
                r"\hat{x}_i \leftarrow \text{sign}(\sum_{j \neq i} \theta_{ij} \hat{x}_j + \theta_{i0})"
                r" \text{ converges (Hopfield dynamics)}",
                reading="Θ of line 123 is symmetric and the update skips j = i, i.e. a zero diagonal."),
        Printed(D003, SYMMETRIC_ZERO_DIAGONAL,
                r"\text{Under async update step, any Hopfield network is guaranteed to converge.}",
                reading="'any Hopfield network' is the model of line 32: w_ij = w_ji, w_ii = 0, any thresholds."),
    ],
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


LIMIT_CYCLES = Periods(r"\text{period } 1 \text{ or } 2, \text{ and } 2 \text{ occurs}", frozenset({1, 2}))


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
    canonical=LIMIT_CYCLES,
    printed=[Printed(D001, LIMIT_CYCLES, r"\text{Synchronous updates can lead to limit cycles}",
                     reading="'limit cycles' of symmetric networks are cycles of period 2 (Goles et al. 1985).")],
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
        states = spins(impl.run_sync(W, np.zeros(n), x, steps=2**n + 1), what="run_sync()", shape=(2**n + 2, n))
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
    printed=[Printed(D003, Formula(r"W = \mathrm{diag}(1, \dots, 1)", np.eye),
                     r"\text{If } W = \mathrm{diag}(1, \dots, 1) \text{, no reconstruction happens.}",
                     reading="X is read as the weight matrix (a state cannot be diag(1,…,1)): with W = I every "
                             "unit only sees itself, so every state is a fixed point and a corrupted cue stays "
                             "as it is. Note W = I breaks the w_ii = 0 of line 32.")],
    uses_impl=True,
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
        net = Network(W, np.zeros(n), x, random_orders(rng, n))
        traj = run_async(impl, net)
        step = spins(impl.run_sync(W, np.zeros(n), x, steps=1), what="run_sync()", shape=(2, n))
        return [that(len(traj.flips) == 0, label="asynchronous run", message=f"flipped units {traj.flips.tolist()}"),
                equal(step[1], x, label="synchronous step")]

    states = (np.array(x) for n in range(1, 9) for x in itertools.product((-1.0, 1.0), repeat=n))
    return for_each(ctx, states, prop, domain_name="every state, n ≤ 8", complete=False)


# --- single pattern: overlap and attractors --------------------------------------------------


@TOPIC.claim(
    "hopfield.hamming_overlap",
    method="exhaustive",
    canonical=Formula(r"x\cdot\hat x = n - 2k", lambda n, k: n - 2 * k),
    printed=[Printed(D001, Formula(r"x\cdot\hat x - 1 = n - 2k - 1", lambda n, k: (n - 2 * k - 1) + 1),
                     r"x \cdot \hat{x} - 1 = (n - 2k - 1)",
                     reading="the identity minus 1 on both sides (the 1 is the self-term x_i x̂_i left out of "
                             "the field of a unit where x and x̂ agree).")],
    uses_impl=False,
)
def hamming_overlap(ctx: Context, overlap: Formula) -> Outcome:
    """Overlap and Hamming distance.

    For x, x̂ ∈ {±1}^n at Hamming distance k: x·x̂ = (n - k) - k = n - 2k. Every pair, n ≤ 8.
    """

    def prop(n: int) -> Comparison:
        states = np.array(list(itertools.product((-1, 1), repeat=n)))
        dots = states @ states.T
        distance = (states[:, None, :] != states[None, :, :]).sum(axis=2)
        predicted = np.vectorize(lambda k: overlap(n, int(k)))(distance)
        return equal(dots, predicted, label=f"x·x̂ for all pairs in {{±1}}^{n}")

    return for_each(ctx, range(1, 9), prop, domain_name="all pairs, n ≤ 8", complete=False)


@TOPIC.claim(
    "hopfield.pattern_and_negation_attractors",
    method="exhaustive",
    canonical=Formula(r"k < \frac{n-1}{2}", lambda n, k: k < (n - 1) / 2),
    printed=[Printed(D001, Formula(r"k < \frac{n-1}{2}", lambda n, k: k < (n - 1) / 2),
                     r"\Theta = x x^T - I:\ x \text{ and } -x \text{ are attractors}",
                     reading="the radius is what the printed fact x·x̂ - 1 = n - 2k - 1 gives: the field of a "
                             "unit where x̂ agrees with x is x_i (n - 2k - 1), of the right sign iff k < (n-1)/2.")],
    depends=("hopfield.hamming_overlap",),
    references=(HOPFIELD,),
)
def pattern_and_negation_attractors(ctx: Context, attracted: Formula) -> Outcome:
    """A stored pattern and its negation are attractors.

    With one stored pattern, Θ = x xᵀ - I: x and -x are fixed points, every x̂ within Hamming distance
    k of x with k inside the stated radius runs to x, and every x̂ as close to -x runs to -x.
    Every x and x̂ for 2 ≤ n ≤ 7, in a random sweep order.
    """
    impl = ctx.impl()
    rng = ctx.rng(stream=3)

    def prop(case: tuple[int, np.ndarray]) -> list[Comparison]:
        n, x = case
        W = as_array(impl.hebbian(x[None, :], normalized=False), what="hebbian()", shape=(n, n))
        wrong = []
        for cue in itertools.product((-1.0, 1.0), repeat=n):
            cue = np.array(cue)
            k = int(np.sum(cue != x))
            target = x if attracted(n, k) else -x if attracted(n, n - k) else None
            if k in (0, n) or target is not None:
                final = run_async(impl, Network(W, np.zeros(n), cue, random_orders(rng, n)), W).final
                expected = x if k == 0 else -x if k == n else target
                if not np.array_equal(final, expected):
                    wrong.append({"cue": cue.tolist(), "k": k, "final": final.tolist()})
        return that(not wrong, label="attraction", message=f"{len(wrong)} cues did not end at ±x, e.g. {wrong[:1]}")

    cases = ((n, np.array(x)) for n in range(2, 8) for x in itertools.product((-1.0, 1.0), repeat=n))
    return for_each(ctx, cases, prop, domain_name="all x and cues, 2 ≤ n ≤ 7", complete=False,
                    describe=lambda c: {"n": c[0], "x": c[1].tolist()})


# --- Hebbian storage -------------------------------------------------------------------------


@dataclass(frozen=True)
class HebbRule:
    latex: str
    normalized: bool
    fn: Callable[[np.ndarray], np.ndarray]


def _hebb_1_over_n(X: np.ndarray) -> np.ndarray:
    return (X.T @ X - np.diag(np.diag(X.T @ X))) / X.shape[1]


def _hebb_minus_identity(X: np.ndarray) -> np.ndarray:
    return sum(np.outer(x, x) - np.eye(X.shape[1]) for x in X)


HEBB_1_OVER_N = HebbRule(r"w_{ij} = \frac1n \sum_t x_i^t x_j^t,\ w_{ii} = 0", True, _hebb_1_over_n)
HEBB_MINUS_I = HebbRule(r"\Theta = \sum_t (x^t (x^t)^T - I_n)", False, _hebb_minus_identity)

hebb_patterns = st.tuples(st.integers(1, 12), st.integers(1, 10)).flatmap(
    lambda sn: st.lists(st.lists(st.sampled_from([-1.0, 1.0]), min_size=sn[1], max_size=sn[1]),
                        min_size=sn[0], max_size=sn[0]).map(np.array))


@TOPIC.claim(
    "hopfield.hebbian_weights",
    method="property",
    canonical=HEBB_1_OVER_N,
    printed=[
        Printed(D000, HEBB_1_OVER_N, r"w_{ij} = \frac{1}{n} \sum_{t=1}^s x_i^t x_j^t,\ w_{ii} = 0"),
        Printed(D001, HEBB_MINUS_I, r"\Theta = \sum_{t=1}^s [x_t x_t^T - I_n] \in \mathbb{Z}^{n \times n}", line=123,
                reading="the unnormalised rule: n times the 1/n rule, the same dynamics without thresholds."),
        Printed(D001, HEBB_MINUS_I, r"\Theta \approx \sum_{t=1}^s [x^t x^t - I] \in \mathbb{R}^{n \times n}",
                line=128, reading="x^t x^t is read as the outer product x^t (x^t)ᵀ (the transpose lost in OCR)."),
        Printed(D003, HEBB_1_OVER_N, r"w_{ij} = \frac{1}{n} \sum_{t=1}^s x_i^t x_j^t;\ w_{ii} = 0"),
    ],
    references=(HOPFIELD,),
)
def hebbian_weights(ctx: Context, rule: HebbRule) -> Outcome:
    """Hebbian storage.

    The weights of s patterns x^t ∈ {±1}^n are w_ij = (1/n) Σ_t x_i^t x_j^t with w_ii = 0 (symmetric);
    a single stored pattern is then a fixed point of x ← sign(W x).
    """
    impl = ctx.impl()

    def prop(X: np.ndarray) -> list[Comparison]:
        n = X.shape[1]
        W = as_array(impl.hebbian(X, normalized=rule.normalized), what="hebbian()", shape=(n, n))
        single = as_array(impl.hebbian(X[:1], normalized=rule.normalized), what="hebbian()", shape=(n, n))
        return [close(W, rule.fn(X), label="weights", rtol=1e-12, atol=1e-12),
                equal(sign_keep(single @ X[0], X[0]), X[0], label="one stored pattern is a fixed point")]

    return for_all(ctx, hebb_patterns, prop, describe=lambda X: X.tolist())


# --- loads: transitions measured with exact binomial tests ----------------------------------


@dataclass(frozen=True)
class Load:
    """A critical load α* = s/n as a document states it."""

    latex: str
    alpha: float


BELOW, ABOVE = 0.75, 1.25
"""'α* ≈ a' is read as: at the largest size run, a load of 0.75 a succeeds and 1.25 a fails, each
with probability above ½."""


def decide_transition(
    ctx: Context, load: Load, successes: Callable[[float], tuple[int, int]], *, what: str,
    evidence: dict[str, Any],
) -> Outcome:
    """Exact one-sided binomial tests that ``what`` succeeds w.p. ≥ ½ at 0.75 α* and ≤ ½ at 1.25 α*."""
    below, above = BELOW * load.alpha, ABOVE * load.alpha
    k_below, n_below = successes(below)
    k_above, n_above = successes(above)
    p_below = binomial_p_value(k_below, n_below, 0.5, "less")
    p_above = binomial_p_value(k_above, n_above, 0.5, "greater")
    p = min(1.0, 2 * min(p_below, p_above))
    delta = binomial_one_sided_detectable(min(n_below, n_above), ctx.alpha / 2)
    return decide(
        ctx, p,
        test=f"exact one-sided binomial tests (Bonferroni over 2): H0 P({what} at α = {below:.4g}) ≥ ½ and "
             f"P({what} at α = {above:.4g}) ≤ ½",
        detectable=f"a success probability {delta:.2f} away from ½ on the wrong side at 0.75 α* or 1.25 α*",
        evidence={**evidence, f"successes at α = {below:.4g}": f"{k_below}/{n_below}",
                  f"successes at α = {above:.4g}": f"{k_above}/{n_above}",
                  "p below": p_below, "p above": p_above},
        counterexample={"α below": below, "successes below": [k_below, n_below],
                        "α above": above, "successes above": [k_above, n_above]},
    )


RETRIEVED = 0.9
"""A retrieval succeeds when the final overlap m = x·x^1/n is at least 0.9: far above the overlaps
≲ 0.5 left past the transition, below the 0.967 of the retrieval phase at α_c (AGS)."""


def final_overlaps(impl: Any, rng: np.random.Generator, n: int, alpha: float, networks: int) -> np.ndarray:
    """Final overlap m of the run started at pattern 1, in each of ``networks`` independent networks."""
    s = max(1, round(alpha * n))
    patterns = random_patterns(rng, networks, s, n)
    final = spins(impl.retrieve(patterns, patterns[:, :1], random_orders(rng, networks, 1, n), max_sweeps=MAX_SWEEPS),
                  what="retrieve()", shape=(networks, 1, n))
    return (final[:, 0] * patterns[:, 0]).mean(axis=1)


@TOPIC.claim(
    "hopfield.capacity_0138",
    method="statistical",
    canonical=Load(r"\alpha_c \approx 0.138", 0.138),
    printed=[
        Printed(D000, Load(r"s_{\max} \approx 0.138 n", 0.138), r"s_{\max} \approx 0.138n"),
        Printed(D001, Load(r"\frac{s}{n} \le \alpha^* \approx 0.138", 0.138),
                r"\frac{n}{n} \leq \alpha^* \approx 0.138", reading="'n/n' is OCR for s/n."),
        Printed(D003, Load(r"s_{\max} \approx 0.138 n", 0.138), r"s_{\max} \approx 0.138n"),
    ],
    depends=("hopfield.hebbian_weights", "hopfield.async_convergence"),
    references=(AGS,),
)
def capacity_0138(ctx: Context, load: Load) -> Outcome:
    """Hebbian capacity α_c ≈ 0.138.

    s random patterns in {±1}^n stored with Hebbian weights; start at pattern 1, run the asynchronous
    dynamics to a fixed point, and call it retrieved when the final overlap m ≥ 0.9. Retrieval
    succeeds with probability → 1 for α = s/n < α_c ≈ 0.138 and fails beyond (AGS 1985, 1987).
    Decided at the largest n by exact binomial tests at 0.75 α* and 1.25 α*, on independent networks.
    """
    impl = ctx.impl()
    rng = ctx.rng(stream=4)
    sizes = [200 * 2**k * (1 if ctx.profile.scale == 1 else 4) for k in range(3)]
    count = ctx.scaled(40)
    evidence: dict[str, Any] = {"sizes n": sizes, "networks per point": count, "retrieved iff m ≥": RETRIEVED}
    if ctx.is_canonical:
        evidence.update(capacity_sweep(ctx, impl, rng, sizes, count))

    def successes(alpha: float) -> tuple[int, int]:
        return int(np.sum(final_overlaps(impl, rng, sizes[-1], alpha, count) >= RETRIEVED)), count

    return decide_transition(ctx, load, successes, what="retrieval", evidence=evidence)


def capacity_sweep(ctx: Context, impl: Any, rng: np.random.Generator, sizes: list[int], count: int) -> dict[str, Any]:
    """Overlap and retrieval probability against α for each n, the crossing of ½ and its extrapolation."""
    grid = np.round(np.arange(0.10, 0.201, 0.02), 3)
    rows, crossings = [], {}
    fig_data = {}
    for n in sizes:
        m = np.array([final_overlaps(impl, rng, n, a, count) for a in grid])
        k = (m >= RETRIEVED).sum(axis=1)
        bands = np.array([clopper_pearson(int(ki), count, 0.05) for ki in k])
        fraction = k / count
        crossings[n] = (crossing(grid, fraction), crossing(grid, bands[:, 0]), crossing(grid, bands[:, 1]))
        fig_data[n] = (m.mean(axis=1), fraction, bands)
        rows += [[n, a, f"{mi.mean():.4f}", f"{ki}/{count}", f"[{lo:.2f}, {hi:.2f}]"]
                 for a, mi, ki, (lo, hi) in zip(grid, m, k, bands, strict=True)]
    ctx.table("Retrieval from a stored pattern against the load α = s/n",
              ["n", "α", "mean final overlap m", "retrieved (m ≥ 0.9)", "95% Clopper–Pearson"], rows)
    with ctx.figure("Final overlap and retrieval probability against α", ncols=2, figsize=(9.0, 3.6)) as (_, axes):
        for n, (mean_m, fraction, bands) in fig_data.items():
            axes[0].plot(grid, mean_m, marker="o", label=f"n = {n}")
            axes[1].errorbar(grid, fraction, yerr=[fraction - bands[:, 0], bands[:, 1] - fraction], marker="o",
                             capsize=2, label=f"n = {n}")
        for ax, label in zip(axes, ("mean final overlap m", "P(m ≥ 0.9), 95% CP"), strict=True):
            ax.axvline(0.138, color="grey", linestyle="--", label="α_c = 0.138")
            ax.set_xlabel("α = s/n")
            ax.set_ylabel(label)
        axes[1].legend(fontsize=7)
    valid = [(n, c[0]) for n, c in crossings.items() if c[0] is not None]
    ctx.table("Apparent transition α_c(n): P(retrieved) = ½ (linear interpolation; bracket from the 95% bands)",
              ["n", "α_c(n)", "bracket"],
              [[n, _fmt(c[0]), f"[{_fmt(c[1])}, {_fmt(c[2])}]"] for n, c in crossings.items()])
    out: dict[str, Any] = {"α_c(n) estimates": {str(n): c for n, c in valid}}
    if len(valid) >= 2:
        # finite-size extrapolation α_c(n) = α_∞ + A n^{-1/2} (least squares; an assumption on the exponent)
        design = np.array([[1.0, n**-0.5] for n, _ in valid])
        (alpha_inf, slope), *_ = np.linalg.lstsq(design, np.array([c for _, c in valid]), rcond=None)
        out["α_c extrapolated (α_∞ + A/√n fit)"] = round(float(alpha_inf), 4)
        out["finite-size slope A"] = round(float(slope), 4)
    below = [(a, mm) for a, mm, f in zip(grid, *fig_data[sizes[-1]][:2], strict=True) if f >= 0.9]
    if below:
        out["mean overlap at the largest α still retrieved w.p. ≥ 0.9 (n max)"] = {
            "α": float(below[-1][0]), "m": round(float(below[-1][1]), 4), "AGS at α_c": 0.967}
    return out


def crossing(grid: np.ndarray, values: np.ndarray, level: float = 0.5) -> float | None:
    """The first α where ``values`` falls through ``level``, linearly interpolated."""
    for (a0, v0), (a1, v1) in itertools.pairwise(zip(grid, values, strict=True)):
        if v0 >= level > v1:
            return float(a0 + (v0 - level) / (v0 - v1) * (a1 - a0))
    return None


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.4f}"


# --- McEliece et al.: a given pattern as a fixed point ---------------------------------------


def unit_instability(n: int, s: int) -> float:
    """Exact P(unit i of stored pattern 1 is unstable) under Hebbian weights with zero diagonal.

    x_i^1 h_i = (n - 1) + S with S a sum of (s - 1)(n - 1) independent ±1 terms; unstable iff
    S < -(n - 1) (h_i = 0 keeps the unit). With S = 2B - N, B ~ Bin(N, ½): B < (N - n + 1)/2.
    """
    N = (s - 1) * (n - 1)
    return float(sps.binom.cdf(math.ceil((N - n + 1) / 2) - 1, N, 0.5)) if N else 0.0


def expected_unstable(n: int, s: int) -> float:
    return n * unit_instability(n, s)


@TOPIC.claim(
    "hopfield.high_prob_retrieval",
    method="statistical",
    canonical=Formula(r"s \le \frac{n}{2 \ln n}", lambda n: n / (2 * math.log(n))),
    printed=[Printed(D003, Formula(r"s \le \frac{n}{2 \log_2 n}", lambda n: n / (2 * math.log2(n))),
                     r"s \leq \frac{n}{2 \log_2 n}",
                     reading="the sharp threshold for a given pattern to be retrieved (be a fixed point) w.h.p.")],
    depends=("hopfield.hebbian_weights",),
    references=(MCELIECE,),
)
def high_prob_retrieval(ctx: Context, threshold: Formula) -> Outcome:
    """A given stored pattern is a fixed point w.h.p. iff s ≤ n/(2 ln n).

    McEliece et al. (1987): with s = c n/ln n, the expected number of unstable units of a stored
    pattern → 0 for c < ½ and → ∞ for c > ½. Decided on the exact single-unit law (sums of ±1
    crosstalk terms) for n = 10³ … 10⁹ at 0.8 and 1.25 times the stated load; the stated load is then
    checked to give a fixed point w.p. ≥ ½ in simulated networks (exact binomial test).
    """
    impl = ctx.impl()
    sizes = [10**k for k in range(3, 10)]

    def trend(kappa: float) -> Comparison:
        expected = [expected_unstable(n, max(1, round(kappa * threshold(n)))) for n in sizes]
        rises = all(b > a for a, b in itertools.pairwise(expected))
        falls = all(b < a for a, b in itertools.pairwise(expected))
        ok = falls if kappa < 1 else rises
        return that(ok, label=f"E[unstable units] at {kappa} × the stated load",
                    message=f"for n = 1e3 … 1e9: {[f'{e:.3g}' for e in expected]} "
                            f"(should {'fall to 0' if kappa < 1 else 'grow'})")

    sharp = for_each(ctx, (0.8, 1.25), trend, domain_name="κ ∈ {0.8, 1.25}, n = 10³ … 10⁹", complete=False)
    if sharp.verdict is not Verdict.HOLDS:
        return sharp
    rng = ctx.rng(stream=5)
    n, count = 1024, ctx.scaled(60)
    s = max(1, round(threshold(n)))
    patterns = random_patterns(rng, count, s, n)
    final = spins(impl.retrieve(patterns, patterns[:, :1], random_orders(rng, count, 1, n), max_sweeps=MAX_SWEEPS),
                  what="retrieve()", shape=(count, 1, n))
    fixed = int(np.sum(np.all(final[:, 0] == patterns[:, 0], axis=1)))
    if ctx.is_canonical:
        plot_fixed_point_probability(ctx, rng)
    return decide(
        ctx, binomial_p_value(fixed, count, 0.5, "less"),
        test=f"exact one-sided binomial test, H0: P(pattern 1 is a fixed point at n = {n}, s = {s}) ≥ ½",
        detectable=f"P(fixed point) ≤ ½ - {binomial_one_sided_detectable(count, ctx.alpha):.2f}",
        evidence={**sharp.evidence, "fixed points": f"{fixed}/{count}", "n": n, "s": s,
                  "exact E[unstable units] at (n, s)": expected_unstable(n, s)},
        counterexample={"n": n, "s": s, "fixed points": [fixed, count]},
    )


def plot_fixed_point_probability(ctx: Context, rng: np.random.Generator, count: int = 40) -> None:
    """P(pattern 1 stable) against c = s/(n/ln n), simulated (fields of pattern 1 only) and exact-law."""
    loads = np.array([0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0])
    rows = []
    with ctx.figure("P(a stored pattern is a fixed point) against s/(n/ln n)") as (_, ax):
        for n in (128, 512, 2048):
            fractions = []
            for c in loads:
                s = max(1, round(c * n / math.log(n)))
                X = random_patterns(rng, count, s, n).astype(np.float32)
                x1 = X[:, 0]
                field = np.einsum("gs,gsn->gn", np.einsum("gsn,gn->gs", X, x1), X) - s * x1
                stable = int(np.sum(np.all(x1 * field >= 0, axis=1)))
                fractions.append(stable / count)
                rows.append([n, c, s, f"{stable}/{count}", f"{expected_unstable(n, s):.3g}"])
            ax.plot(loads, fractions, marker="o", label=f"n = {n}")
        ax.axvline(0.5, color="grey", linestyle="--", label="s = n/(2 ln n)")
        ax.axvline(0.5 * math.log(2), color="grey", linestyle=":", label="s = n/(2 log₂ n)")
        ax.set_xlabel("s / (n / ln n)")
        ax.set_ylabel("P(fixed point)")
        ax.legend(fontsize=7)
    ctx.table("A stored pattern as a fixed point", ["n", "s/(n/ln n)", "s", "fixed points", "exact E[unstable units]"],
              rows)


# --- Gardner: optimal weights ----------------------------------------------------------------

OPTIMAL_EPOCHS = 200


@TOPIC.claim(
    "hopfield.optimal_weights_capacity_2",
    method="statistical",
    canonical=Load(r"\alpha^* = 2", 2.0),
    printed=[Printed(D001, Load(r"\alpha^* = 2", 2.0), r"\text{(with optimal weights) } \alpha^* = 2")],
    references=(GARDNER, COVER),
)
def optimal_weights_capacity_2(ctx: Context, load: Load) -> Outcome:
    """Optimal weights store up to α = 2.

    With weights chosen per neuron (not Hebbian), unit i is stable on all s random patterns iff the
    s points x^t_{-i} with labels x^t_i are linearly separable; by Cover's count this has probability
    C(s, n-1)/2^s → 1 for α = s/n < 2 and → 0 beyond (Gardner 1988). Weights are learned by the
    perceptron rule (≤ 200 epochs); success = unit 1 of an independent network stable on every pattern.
    """
    impl = ctx.impl()
    rng = ctx.rng(stream=6)
    n, count = 24, ctx.scaled(40)
    cache: dict[float, np.ndarray] = {}

    def stable_fraction(alpha: float) -> np.ndarray:
        if alpha not in cache:
            s = max(1, round(alpha * n))
            X = random_patterns(rng, count, s, n).astype(float)
            W = as_array(impl.optimal_weights(X, max_epochs=OPTIMAL_EPOCHS), what="optimal_weights()",
                         shape=(count, n, n))
            if np.any(np.diagonal(W, axis1=1, axis2=2) != 0):
                raise ImplementationError("optimal_weights() returned self-couplings w_ii ≠ 0")
            cache[alpha] = np.all(X * np.einsum("gij,gtj->gti", W, X) > 0, axis=1)  # (networks, units)
        return cache[alpha]

    def successes(alpha: float) -> tuple[int, int]:
        return int(stable_fraction(alpha)[:, 0].sum()), count

    outcome = decide_transition(ctx, load, successes, what="unit 1 stable",
                                evidence={"n": n, "networks per point": count, "perceptron epochs": OPTIMAL_EPOCHS})
    if ctx.is_canonical:
        grid = [1.0, BELOW * load.alpha, 2.0, ABOVE * load.alpha]
        cover = [cover_probability(round(a * n), n - 1) for a in grid]
        with ctx.figure(f"Fraction of units made stable by perceptron-learned weights (n = {n})") as (_, ax):
            ax.plot(grid, [stable_fraction(a).mean() for a in grid], marker="o", label="units stable (learned)")
            ax.plot(grid, [stable_fraction(a).all(axis=1).mean() for a in grid], marker="s",
                    label="whole pattern set stored")
            ax.plot(grid, cover, linestyle="--", label="Cover: C(s, n-1)/2^s")
            ax.axvline(2.0, color="grey", linestyle=":", label="α* = 2")
            ax.set_xlabel("α = s/n")
            ax.legend(fontsize=7)
    return outcome


def cover_probability(s: int, dim: int) -> float:
    """Cover's fraction of the 2^s dichotomies of s points in general position in R^dim that are linear."""
    return float(sps.binom.cdf(dim - 1, s - 1, 0.5))


# --- Willshaw memory -------------------------------------------------------------------------


def recall(impl: Any, theta: np.ndarray, x: np.ndarray, r: int) -> np.ndarray:
    y = as_array(impl.willshaw_recall(theta, x, r), what="willshaw_recall()", shape=(theta.shape[0],))
    if not np.all((y == 0) | (y == 1)):
        raise ImplementationError("willshaw_recall() returned entries other than 0/1")
    return y


def store(impl: Any, pairs: PatternPairs) -> np.ndarray:
    n = pairs.xs.shape[1]
    return as_array(impl.willshaw_store(pairs.xs, pairs.ys), what="willshaw_store()", shape=(n, n))


@TOPIC.claim(
    "willshaw.sparse_patterns_def",
    method="exhaustive",
    canonical=Formula(r"\sum_i x_i = r", lambda ones, r: ones == r),
    printed=[Printed(D001, Formula(r"\sum_i x_i \le r", lambda ones, r: ones <= r),
                     r"\mathbb{B}_r^n = \{x \in \{0, 1\}^n | \sum x_i \leq r\}",
                     reading="the pattern class the retrieval rule of line 112 (threshold r) is used with.")],
    depends=("willshaw.retrieval_rule_def",),
    references=(WILLSHAW,),
)
def sparse_patterns_def(ctx: Context, in_class: Formula) -> Outcome:
    """Sparse patterns have exactly r ones.

    The threshold-r retrieval y_j = [(Θ x)_j ≥ r] recalls a stored pair (x, y) only if x has r ones:
    with fewer, (Θ x)_j ≤ |x| < r. Every x, y of the class for 2 ≤ n ≤ 5, 1 ≤ r < n, stored alone.
    """
    impl = ctx.impl()

    def prop(case: tuple[int, np.ndarray, np.ndarray]) -> Comparison:
        r, x, y = case
        pairs = PatternPairs(x[None, :], y[None, :], r)
        return equal(recall(impl, store(impl, pairs), x, r), y, label="recall of the only stored pair")

    def cases() -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
        for n in range(2, 6):
            vectors = [np.array(v) for v in itertools.product((0, 1), repeat=n)]
            for r in range(1, n):
                members = [v for v in vectors if in_class(int(v.sum()), r)]
                yield from ((r, x, y) for x in members for y in members if y.sum() == r)

    return for_each(ctx, cases(), prop, domain_name="every stored pair, 2 ≤ n ≤ 5", complete=False,
                    describe=lambda c: {"r": c[0], "x": c[1].tolist(), "y": c[2].tolist()})


def agrees_with_definition(
    ctx: Context, compute: Callable[[Any, PatternPairs], np.ndarray], definition: Formula, label: str
) -> Outcome:
    impl = ctx.impl()

    def prop(pairs: PatternPairs) -> Comparison:
        return equal(compute(impl, pairs), definition(pairs), label=label)

    return for_all(ctx, pattern_pairs(), prop, describe=PatternPairs.describe, max_examples=WILLSHAW_EXAMPLES)


CLIPPED_HEBB = Formula(r"\Theta = \min(1, \sum_t y^t (x^t)^T)", lambda p: np.minimum(1, p.ys.T @ p.xs))


@TOPIC.claim(
    "willshaw.memory_matrix_def",
    method="property",
    canonical=CLIPPED_HEBB,
    printed=[Printed(D001, Formula(r"\Theta_{ji} = \min\{1, \sum_t y_j^t x_i^t\}",
                                   lambda p: np.minimum(1, p.ys.T @ p.xs)),
                     r"\Theta_{ji} = \min\{1, \sum_{t=1}^s y_j^t x_i^t\}")],
    references=(WILLSHAW,),
)
def memory_matrix_def(ctx: Context, definition: Formula) -> Outcome:
    """The binary memory matrix is the clipped Hebbian sum.

    Θ_ji = min(1, Σ_t y_j^t x_i^t) ∈ {0, 1}: the implementation's store agrees entrywise.
    """
    return agrees_with_definition(ctx, store, definition, "Θ")


THRESHOLD_R = Formula(r"y_j = [(\Theta x)_j \ge r]",
                      lambda p: (np.minimum(1, p.ys.T @ p.xs) @ p.xs[0] >= p.r).astype(int))


@TOPIC.claim(
    "willshaw.retrieval_rule_def",
    method="property",
    canonical=THRESHOLD_R,
    printed=[Printed(D001, THRESHOLD_R, r"z = \Theta x,\ y_j = 0 \text{ if } z_j < r,\ 1 \text{ else}")],
    references=(WILLSHAW,),
)
def retrieval_rule_def(ctx: Context, definition: Formula) -> Outcome:
    """Retrieval thresholds the dendritic sums at r.

    z = Θ x and y_j = 1 iff z_j ≥ r: the implementation's recall of x^1 from Θ = min(1, Σ y xᵀ) agrees.
    """
    return agrees_with_definition(
        ctx, lambda impl, p: recall(impl, np.minimum(1, p.ys.T @ p.xs), p.xs[0], p.r), definition, "recalled y")


@TOPIC.claim(
    "willshaw.monotonicity",
    method="property",
    printed=[Printed(D001, None, r"\Theta = \min(1, \sum_{\tau} \Theta^{\tau}) \geq \min(1, \Theta^t) = \Theta^t"
                                 r" \Rightarrow x^t \mapsto y \ge y^t")],
    depends=("willshaw.retrieval_lower_bound",),
    references=(WILLSHAW,),
)
def monotonicity(ctx: Context, _form: None) -> Outcome:
    """Recall gives at least what was stored.

    Θ = min(1, Σ_τ Θ^τ) ≥ Θ^t = y^t (x^t)ᵀ entrywise, so recalling a stored x^t (r ones) returns
    y ≥ y^t: every 1 of y^t is recalled, possibly with spurious extra ones.
    """
    impl = ctx.impl()

    def prop(pairs: PatternPairs) -> list[Comparison]:
        theta = store(impl, pairs)
        below = [t for t, (x, y) in enumerate(zip(pairs.xs, pairs.ys, strict=True)) if np.any(theta < np.outer(y, x))]
        missed = [t for t, (x, y) in enumerate(zip(pairs.xs, pairs.ys, strict=True))
                  if np.any(recall(impl, theta, x, pairs.r) < y)]
        return [that(not below, label="Θ ≥ Θ^t", message=f"fails for pairs {below}"),
                that(not missed, label="recall ≥ y^t", message=f"ones of y^t lost for pairs {missed}")]

    return for_all(ctx, pattern_pairs(), prop, describe=PatternPairs.describe, max_examples=WILLSHAW_EXAMPLES)


@TOPIC.claim(
    "willshaw.retrieval_lower_bound",
    method="property",
    printed=[Printed(D001, None, r"z^t = \Theta x^t \geq \Theta^t x^t = y^t (x^t)^T x^t = r y^t")],
    references=(WILLSHAW,),
)
def retrieval_lower_bound(ctx: Context, _form: None) -> Outcome:
    """The dendritic sum of a stored cue reaches r where y^t is 1.

    z^t = Θ x^t ≥ Θ^t x^t = y^t ‖x^t‖² = r y^t for every stored pair with r ones.
    """
    impl = ctx.impl()

    def prop(pairs: PatternPairs) -> Comparison:
        theta = store(impl, pairs)
        shortfall = max(float(np.max(pairs.r * y - theta @ x)) for x, y in zip(pairs.xs, pairs.ys, strict=True))
        return at_most(shortfall, 0.0, label="max_t max_j (r y^t - Θ x^t)_j")

    return for_all(ctx, pattern_pairs(), prop, describe=PatternPairs.describe, max_examples=WILLSHAW_EXAMPLES)


@TOPIC.claim(
    "willshaw.pattern_information",
    method="property",
    canonical=Formula(r"\log \binom{n}{r} \approx r \log n", lambda n, r: r * math.log(n)),
    printed=[Printed(D001, Formula(r"\log \binom{n}{r} \approx r \log n", lambda n, r: r * math.log(n)),
                     r"\log \binom{n}{r} \approx r \log n")],
    uses_impl=False,
)
def pattern_information(ctx: Context, approximation: Formula) -> Outcome:
    """The information of an r-sparse pattern is about r log n.

    r log(n/r) ≤ log C(n, r) ≤ r log n, so for r ≤ log₂ n the relative error of r log n is at most
    log r / (log n - log r) → 0 (any log base). Checked for 16 ≤ n ≤ 10^12, 1 ≤ r ≤ log₂ n.
    """
    cases = st.integers(4, 40).flatmap(lambda e: st.tuples(st.integers(2**e, 2 ** (e + 1)), st.integers(1, e)))

    def prop(case: tuple[int, int]) -> Comparison:
        n, r = case
        exact = math.fsum(math.log((n - i) / (i + 1)) for i in range(r))
        tolerance = math.log(r) / (math.log(n) - math.log(r)) + 1e-12
        return at_most(abs(approximation(n, r) / exact - 1), tolerance,
                       label="relative error vs log r/(log n - log r)")

    return for_all(ctx, cases, prop)


@TOPIC.claim(
    "willshaw.half_synapses_set",
    method="statistical",
    canonical=Formula(r"P(\Theta_{ji} = 1) \to \tfrac12", lambda: 0.5),
    printed=[Printed(D001, Formula(r"\tfrac12", lambda: 0.5),
                     r"\text{Half of } \theta_{ji} \text{ will be 0 and half will be 1 as } n \to \infty",
                     reading="at the capacity optimum: s = ln 2 · n²/r² pairs with r = log₂ n ones each.")],
    depends=("willshaw.max_capacity_ln2",),
    references=(WILLSHAW,),
)
def half_synapses_set(ctx: Context, fraction: Formula) -> Outcome:
    """At the capacity optimum half of the synapses are set.

    With s = ln 2 · n²/r² random pairs of r-sparse patterns, P(Θ_ji = 1) = 1 - (1 - r²/n²)^s
    → 1 - e^{-ln 2} = ½. Exact binomial test on one synapse of each of many independent memories.
    """
    impl = ctx.impl()
    rng = ctx.rng(stream=7)
    n, count = 64, ctx.scaled(1500)
    r = int(math.log2(n))
    s = round(math.log(2) * n * n / r**2)

    def sparse(k: int) -> np.ndarray:
        return (np.argsort(rng.random((k, n)), axis=1) < r).astype(int)

    ones = 0
    for _ in range(count):
        theta = store(impl, PatternPairs(sparse(s), sparse(s), r))
        ones += int(theta[0, 0])
    p = binomial_p_value(ones, count, fraction())
    exact = 1 - (1 - r * r / n**2) ** s
    return decide(
        ctx, p, test=f"exact two-sided binomial test, H0: P(Θ_00 = 1) = {fraction()} (n = {n}, r = {r}, s = {s})",
        detectable=f"|P - {fraction()}| ≥ {binomial_detectable(count, fraction(), ctx.alpha):.3f}",
        evidence={"synapses set": f"{ones}/{count}", "exact P(Θ_ji = 1) at this n": round(exact, 5)},
        counterexample={"ones": ones, "memories": count},
    )


q = sympy.symbols("q", positive=True)


@TOPIC.claim(
    "willshaw.max_capacity_ln2",
    method="sympy",
    canonical=Formula(r"\max_q I / n^2 = \ln 2", lambda: sympy.log(2)),
    printed=[Printed(D001, Formula(r"(\log 2) n^2 \approx 0.693 n^2", lambda: sympy.log(2)),
                     r"\max_q I(\text{patterns}) = (\log 2)n^2 \approx 0.693n^2",
                     reading="I in bits; log 2 is the natural logarithm (0.693).")],
    uses_impl=False,
    references=(WILLSHAW,),
)
def max_capacity_ln2(ctx: Context, maximum: Formula) -> Outcome:
    """The Willshaw memory stores at most ln 2 bits per synapse.

    With a fraction q of synapses set, s r²/n² = -ln(1 - q); a spurious one has probability q^r,
    kept at 1/n by r = log n / log(1/q); the stored information s r log₂ n per n² synapses is then
    I(q) = ln(1/(1-q)) log₂(1/q), maximal at q = ½ (the unique stationary point), where it is ln 2.
    """
    information = sympy.log(1 / (1 - q)) * sympy.log(1 / q) / sympy.log(2)
    half = sympy.Rational(1, 2)
    show(ctx, "I(q)", information)
    show(ctx, "I'(1/2)", sympy.simplify(sympy.diff(information, q).subs(q, half)))
    grid = np.linspace(0.001, 0.999, 999)
    values = sympy.lambdify(q, information, "numpy")(grid)
    if sympy.simplify(sympy.diff(information, q).subs(q, half)) != 0 or abs(grid[np.argmax(values)] - 0.5) > 1e-3:
        return Outcome(Verdict.REFUTED, {"argmax of I on a grid of (0, 1)": float(grid[np.argmax(values)])},
                       reason="I(q) is not maximal at q = ½")
    return prove_chain(ctx, [
        ("I(q) = ln(1/(1-q)) log₂(1/q) at its maximum q = ½", information.subs(q, half)),
        ("stated maximum per synapse", maximum()),
    ])


TOPIC.not_checkable(
    "willshaw.capacity_upper_bound",
    title="Upper bound on the number of stored pairs",
    statement="s ≲ n²/(r log n): n² binary synapses cannot hold more than n² bits, and each pattern "
              "carries about r log n bits.",
    reason="an order-of-magnitude counting argument: '≤' here hides unstated constants and error "
           "tolerances (how many wrong bits retrieval may have), so no instance can contradict it; the "
           "exact version is willshaw.max_capacity_ln2 (ln 2 bits per synapse).",
    printed=[Printed(D001, None, r"s \leq \frac{n^2}{r \log n}")],
)
