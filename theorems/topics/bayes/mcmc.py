"""Markov chain Monte Carlo on discrete targets: detailed balance, the Metropolis–Hastings acceptance and
a calibrated test of the implementation's sampler.

Notation of document 000: Π(θ₁|θ₂) is the probability of the transition θ₂ → θ₁. In the code a kernel
``P[i, j]`` is the probability of i → j, so Π(θ₁|θ₂) = P[θ₂, θ₁].
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import numpy as np
from hypothesis import strategies as st

from impls.bayes import mh_stream
from theorems import stats
from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    close,
    decide,
    for_all,
    for_each,
    that,
    within_tolerance,
)

from . import HASTINGS, TOPIC
from .strategies import Chain, discrete_chains

GRID = 4
"""Kernels are enumerated with entries in {0, 1/4, ..., 1}; targets with positive entries in sixths."""


def _compositions(total: int, parts: int, smallest: int) -> list[tuple[int, ...]]:
    return [c for c in itertools.product(range(smallest, total + 1), repeat=parts) if sum(c) == total]


def _kernels(k: int) -> np.ndarray:
    rows = _compositions(GRID, k, 0)
    return np.array(list(itertools.product(rows, repeat=k)), dtype=np.int64)


@TOPIC.claim(
    "bayes.detailed_balance",
    method="exhaustive",
    canonical=Formula(r"p(\theta_1|S)\Pi(\theta_2|\theta_1)", lambda pi, P: pi[:, None] * P),
    printed={"000": Printed(Formula(r"p(\theta_1|S)\Pi(\theta_2|\theta_1)", lambda pi, P: pi[:, None] * P),
                            reading="p(θ_t|S) read as p(θ₁|S): the subscript t is an OCR slip for 1 (both sides "
                                    "then name the flows θ₁ → θ₂ and θ₂ → θ₁)")},
    references=(HASTINGS,),
)
def detailed_balance(ctx: Context, flow: Formula) -> Outcome:
    """Detailed balance makes the target stationary.

    If p(θ₁|S)Π(θ₂|θ₁) = p(θ₂|S)Π(θ₁|θ₂) for all θ₁, θ₂ (the flow θ₁ → θ₂ equals the flow back), then
    Σ_θ₁ p(θ₁|S)Π(θ₂|θ₁) = p(θ₂|S) Σ_θ₁ Π(θ₁|θ₂) = p(θ₂|S): the chain leaves the posterior invariant.
    Checked exactly (integers) on every kernel on 2 and 3 states with entries in quarters and every target
    with positive entries in sixths: each pair whose flow matrix is symmetric has πP = π.
    """
    domain = [(k, np.array(pi, dtype=np.int64)) for k in (2, 3) for pi in _compositions(6, k, 1)]

    def stationary(case: tuple[int, np.ndarray]) -> Comparison:
        k, pi = case
        kernels = _kernels(k)
        flows = np.stack([flow(pi, P) for P in kernels])
        balanced = np.all(flows == np.swapaxes(flows, 1, 2), axis=(1, 2))
        moved = np.einsum("i,nij->nj", pi, kernels) != GRID * pi
        bad = np.flatnonzero(balanced & np.any(moved, axis=1))
        if bad.size:
            P = kernels[bad[0]] / GRID
            return that(False, label="πP = π", message=f"π = {(pi / 6).round(4).tolist()}, P = {P.tolist()} satisfies "
                        f"the stated balance but πP = {((pi / 6) @ P).round(4).tolist()}")
        return that(True, label="πP = π", message=f"{int(balanced.sum())} balanced kernels, all stationary")

    return for_each(ctx, domain, stationary, domain_name="kernels on 2-3 states in quarters, targets in sixths",
                    complete=False, describe=lambda c: {"states": c[0], "target": (c[1] / 6).tolist()})


def _acceptance(p_new: Fraction, p_old: Fraction, q_back: Fraction, q_forward: Fraction) -> Fraction:
    return min(Fraction(1), p_new * q_back / (p_old * q_forward))


def mh_kernel(chain: Chain, accept: Formula) -> list[list[Fraction]]:
    """P[i][j] = Π̃(j|i) A(j|i) for j ≠ i, the rejected mass on the diagonal (exact)."""
    target, q = chain
    k = len(target)
    P = [[q[i][j] * accept(target[j], target[i], q[j][i], q[i][j]) if j != i else Fraction(0) for j in range(k)]
         for i in range(k)]
    for i in range(k):
        P[i][i] = 1 - sum(P[i])
    return P


@TOPIC.claim(
    "bayes.metropolis_hastings_acceptance",
    method="property",
    canonical=Formula(r"\min\{1, \frac{p(\theta_1|S)\tilde\Pi(\theta_2|\theta_1)}"
                      r"{p(\theta_2|S)\tilde\Pi(\theta_1|\theta_2)}\}", _acceptance),
    faithful=("000",),
    depends=("bayes.detailed_balance",),
    references=(HASTINGS,),
)
def metropolis_hastings_acceptance(ctx: Context, accept: Formula) -> Outcome:
    """The Metropolis–Hastings kernel satisfies detailed balance with respect to the target.

    Π(θ₁|θ₂) = Π̃(θ₁|θ₂)A(θ₁|θ₂) (θ₁ ≠ θ₂) with A(θ₁|θ₂) = min{1, p(θ₁|S)Π̃(θ₂|θ₁)/(p(θ₂|S)Π̃(θ₁|θ₂))}
    satisfies p(θ₂|S)Π(θ₁|θ₂) = p(θ₁|S)Π(θ₂|θ₁) for any proposal Π̃, symmetric or not, and so leaves p(·|S)
    invariant. Checked exactly (rationals) on random targets and asymmetric proposals on 2-4 states; then the
    implementation's kernel (float64) is compared with the exact one.
    """
    impl = ctx.impl()

    def balanced(chain: Chain) -> list[Comparison]:
        target, _ = chain
        P = mh_kernel(chain, accept)
        k = len(target)
        flows = [target[i] * P[i][j] - target[j] * P[j][i] for i in range(k) for j in range(k)]
        worst = max(flows, key=abs)
        return [that(worst == 0, label="detailed balance", message=f"largest π_i P_ij - π_j P_ji = {worst}"),
                that(all(sum(target[i] * P[i][j] for i in range(k)) == target[j] for j in range(k)),
                     label="πP = π", message="exact")]

    def implemented(chain: Chain) -> Comparison:
        target, q = chain
        want = np.array(mh_kernel(chain, accept), dtype=float)
        got = impl.mh_kernel(np.array(target, dtype=float), np.array(q, dtype=float))
        return close(got, want, label="P[i, j]", rtol=0.0, atol=within_tolerance(1.0))

    def describe(c: Chain) -> dict[str, list]:
        return {"target": [str(p) for p in c[0]], "proposal": [[str(p) for p in r] for r in c[1]]}

    return all_of({
        "exact": lambda: for_all(ctx, discrete_chains(), balanced, describe=describe),
        "implementation": lambda: for_all(ctx, discrete_chains(), implemented, describe=describe),
    })


TARGET = np.array([0.1, 0.2, 0.3, 0.4])
PROPOSAL = np.tile(np.array([1.0, 2.0, 4.0, 8.0]) / 15, (4, 1))
"""An independence proposal that favours the last state far more than the target does: without the
proposal ratio the chain drifts to (0.02, 0.08, 0.24, 0.65)."""
STEPS = 10


MARGIN = 1e-9
"""A uniform closer than this to a threshold it is compared with (a cumulative proposal probability, the acceptance
probability) is moved 2 × MARGIN away from it, so that float64 rounding cannot decide a step."""


def away_from(u: float, thresholds: list[Fraction]) -> float:
    """``u`` moved 2 × MARGIN off any of the exact ``thresholds`` it is within MARGIN of (staying inside [0, 1))."""
    for threshold in map(float, thresholds):
        if abs(u - threshold) < MARGIN:
            u = threshold - 2 * MARGIN if u < threshold or threshold + 2 * MARGIN >= 1 else threshold + 2 * MARGIN
    return u


def exact_mh_path(chain: Chain, start: int, uniforms: np.ndarray) -> tuple[list[int], np.ndarray]:
    """The chain's states in exact arithmetic, driven by ``uniforms`` as :meth:`impls.bayes.BayesImpl.mh_chain`
    documents (inverse-CDF proposal, then u < A), with each uniform kept MARGIN away from its thresholds."""
    target, q = chain
    states, stream = [start], np.array(uniforms, dtype=float)
    for t in range(len(stream)):
        state = states[-1]
        cumulative = list(itertools.accumulate(q[state]))
        stream[t, 0] = away_from(stream[t, 0], cumulative)
        new = next((j for j, c in enumerate(cumulative) if Fraction(stream[t, 0]) < c), len(target) - 1)
        accept = _acceptance(target[new], target[state], q[new][state], q[state][new])
        stream[t, 1] = away_from(stream[t, 1], [accept])
        states.append(new if Fraction(stream[t, 1]) < accept else state)
    return states, stream


def mh_transitions(ctx: Context) -> Outcome:
    """``mh_chain`` takes, step by step, the states of the exact chain driven by the same uniforms: random targets
    and asymmetric proposals on 2-4 states, 1-60 steps, uniforms from a seed (Hypothesis also shrinks them)."""
    impl = ctx.impl()
    cases = st.tuples(discrete_chains(), st.integers(0, 3), st.integers(1, 60), st.integers(0, 2**32 - 1))

    def replayed(case: tuple[Chain, int, int, int]) -> Comparison:
        chain, start, steps, seed = case
        start = start % len(chain[0])
        expected, uniforms = exact_mh_path(chain, start, mh_stream(np.random.default_rng(seed), steps))
        got = impl.mh_chain(np.array(chain[0], dtype=float), np.array(chain[1], dtype=float), start, uniforms)
        return close(got, expected, label="the chain's states x_0..x_T", rtol=0, atol=0)

    def describe(c: tuple[Chain, int, int, int]) -> dict[str, Any]:
        return {"target": [str(p) for p in c[0][0]], "proposal": [[str(p) for p in r] for r in c[0][1]],
                "start": c[1] % len(c[0][0]), "steps": c[2], "uniforms": mh_stream(np.random.default_rng(c[3]),
                                                                                     c[2]).tolist()}

    return for_all(ctx, cases, replayed, describe=describe)


@TOPIC.claim("bayes.mh_sampler_stationary", method="statistical", depends=("bayes.metropolis_hastings_acceptance",),
             references=(HASTINGS,))
def mh_sampler_stationary(ctx: Context) -> Outcome:
    """The implementation's Metropolis–Hastings sampler makes the documented transitions and leaves the target
    invariant.

    (1) Step by step: driven by the same uniforms, its states are those of the chain computed here in exact
    arithmetic (:func:`mh_transitions`). (2) Stationarity: independent chains start at exact draws of
    π = (0.1, 0.2, 0.3, 0.4) and take 10 steps with the asymmetric independence proposal Π̃(j|i) ∝ 2^j; if the
    kernel preserves π, the final states are i.i.d. draws of π (no burn-in or thinning needed: every chain is at
    stationarity from its first state). Exact binomial test of the frequency of each state, Bonferroni over the 4
    states.
    """
    return all_of({"transitions step by step": lambda: mh_transitions(ctx),
                   "stationarity": lambda: mh_stationarity(ctx)})


def mh_stationarity(ctx: Context) -> Outcome:
    """The exact binomial tests of the final states of independent chains started in the target."""
    impl = ctx.impl()
    rng = ctx.rng()
    chains = ctx.scaled(300)
    starts = rng.choice(len(TARGET), size=chains, p=TARGET)
    finals = np.array([impl.mh_chain(TARGET, PROPOSAL, int(s), mh_stream(rng, STEPS))[-1] for s in starts])
    counts = np.bincount(finals, minlength=len(TARGET))
    p_values = [stats.binomial_p_value(int(c), chains, float(p)) for c, p in zip(counts, TARGET, strict=True)]
    smallest = max(stats.binomial_detectable(chains, float(p), ctx.alpha / len(TARGET)) for p in TARGET)
    return decide(
        ctx, min(1.0, len(TARGET) * min(p_values)),
        test="exact binomial tests of P(final state = i) = π_i, Bonferroni over the states",
        detectable=f"|P(state i) - π_i| ≥ {smallest:.3g} for every state",
        evidence={"chains": chains, "steps per chain": STEPS, "counts": counts.tolist(),
                  "expected": (chains * TARGET).tolist()},
    )
