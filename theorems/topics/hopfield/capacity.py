"""Capacity: Hebbian retrieval up to α_c ≈ 0.138 (Amit, Gutfreund & Sompolinsky) and optimal weights up
to α = 2 (Gardner), each a transition in the load α = s/n measured with exact binomial tests."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from hypothesis import strategies as st
from scipy import stats as sps

from theorems.engine import Comparison, Context, Outcome, Printed, all_of, close, decide, for_all
from theorems.stats import binomial_one_sided_detectable, binomial_p_value, clopper_pearson

from . import MAX_SWEEPS, TOPIC
from .strategies import random_orders, random_patterns

AGS = "Amit, Gutfreund & Sompolinsky (1985, 1987), Storing infinite numbers of patterns in a spin-glass model"
GARDNER = "Gardner (1988), The space of interactions in neural network models"
COVER = "Cover (1965), Geometrical and statistical properties of systems of linear inequalities"


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
    final = impl.retrieve(patterns, patterns[:, :1], random_orders(rng, networks, 1, n), max_sweeps=MAX_SWEEPS)
    return (final[:, 0] * patterns[:, 0]).mean(axis=1)


S_MAX_0138 = Load(r"s_{\max} \approx 0.138 n", 0.138)


@TOPIC.claim(
    "hopfield.capacity_0138",
    method="statistical",
    canonical=Load(r"\alpha_c \approx 0.138", 0.138),
    printed={
        "000": Printed(S_MAX_0138),
        "001": Printed(Load(r"\frac{s}{n} \le \alpha^* \approx 0.138", 0.138), reading="'n/n' is OCR for s/n."),
        "003": Printed(S_MAX_0138),
    },
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


OPTIMAL_EPOCHS = 200


@TOPIC.claim(
    "hopfield.optimal_weights_capacity_2",
    method="statistical",
    canonical=Load(r"\alpha^* = 2", 2.0),
    faithful=("001",),
    references=(GARDNER, COVER),
)
def optimal_weights_capacity_2(ctx: Context, load: Load) -> Outcome:
    """Optimal weights store up to α = 2.

    With weights chosen per neuron (not Hebbian), unit i is stable on all s random patterns iff the
    s points x^t_{-i} with labels x^t_i are linearly separable; by Cover's count this has probability
    C(s, n-1)/2^s → 1 for α = s/n < 2 and → 0 beyond (Gardner 1988). Weights are learned by the
    perceptron rule (≤ 200 epochs); success = unit 1 of an independent network stable on every pattern.
    First, the implementation's weights are compared with the perceptron rule run here, row by row.
    """
    return all_of({"the implementation's weights are the perceptron rule's": lambda: perceptron_rule_values(ctx),
                   "the transition": lambda: optimal_transition(ctx, load)})


def perceptron_row(X: np.ndarray, i: int, max_epochs: int) -> np.ndarray:
    """Row i of the weights for the s × n patterns ``X``: from 0, the patterns presented in order, w ← w +
    x_i x_{-i} whenever x_i (w · x) ≤ 0 (w_ii stays 0), until an epoch without an update or ``max_epochs``."""
    w = np.zeros(X.shape[1])
    for _ in range(max_epochs):
        updated = False
        for x in X:
            if x[i] * (w @ x) <= 0:
                w += x[i] * x
                w[i] = 0.0
                updated = True
        if not updated:
            break
    return w


def perceptron_rule_values(ctx: Context) -> Outcome:
    """``optimal_weights`` equals, exactly (integer weights), the perceptron rule run row by row, on G ≤ 3
    networks of s ≤ 12 random patterns of n ≤ 10 units, with 1 to 30 epochs (so that some rows stop short)."""
    impl = ctx.impl()

    def build(seed: int, networks: int, s: int, n: int) -> np.ndarray:
        return random_patterns(np.random.default_rng(seed), networks, s, n).astype(float)

    cases = st.tuples(st.builds(build, st.integers(0, 2**32 - 1), st.integers(1, 3), st.integers(1, 12),
                                st.integers(2, 10)), st.integers(1, 30))

    def prop(case: tuple[np.ndarray, int]) -> Comparison:
        X, epochs = case
        expected = np.array([[perceptron_row(patterns, i, epochs) for i in range(X.shape[2])] for patterns in X])
        return close(impl.optimal_weights(X, max_epochs=epochs), expected, label="optimal_weights = perceptron rule",
                     rtol=0, atol=0)

    return for_all(ctx, cases, prop, describe=lambda c: {"patterns": c[0].astype(int).tolist(), "max_epochs": c[1]})


def optimal_transition(ctx: Context, load: Load) -> Outcome:
    """The exact binomial tests of the transition at α*, and the figure."""
    impl = ctx.impl()
    rng = ctx.rng(stream=6)
    n, count = 24, ctx.scaled(40)
    cache: dict[float, np.ndarray] = {}

    def stable_fraction(alpha: float) -> np.ndarray:
        if alpha not in cache:
            s = max(1, round(alpha * n))
            X = random_patterns(rng, count, s, n).astype(float)
            W = impl.optimal_weights(X, max_epochs=OPTIMAL_EPOCHS)
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
