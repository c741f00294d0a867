"""Capacity: Hebbian retrieval up to α_c ≈ 0.138 (Amit, Gutfreund & Sompolinsky), by finite-size scaling with a
Hoeffding test of the extrapolated transition, and optimal weights up to α = 2 (Gardner), by exact binomial tests
on both sides of the transition in the load α = s/n."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from hypothesis import strategies as st
from scipy import stats as sps

from impls.hopfield import Hopfield
from theorems import stats
from theorems.engine import Comparison, Context, Outcome, Printed, all_of, close, decide, for_all, for_each
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

TOLERANCE = 0.01
"""'α_c ≈ a' is read as: the mean critical load (the load at which retrieval stops, averaged over networks),
extrapolated to n → ∞, lies within 0.01 of a (simulations of the zero-temperature dynamics put it at 0.138-0.145;
as n grows the transition sharpens and the mean and the load of probability ½ meet at α_c)."""


@dataclass(frozen=True)
class Sweep:
    """The sizes of a profile's finite-size sweep, with the networks simulated at each size."""

    networks: dict[int, int]
    pilot_loads: tuple[float, ...] = tuple(np.round(np.arange(0.06, 0.421, 0.04), 2))
    pilot_networks: int = 12
    loads: int = 12

    def reduced(self) -> Sweep:
        """All sizes but the largest, with half the networks in the main sample and in the pilot."""
        return Sweep({n: count // 2 for n, count in list(self.networks.items())[:-1]}, self.pilot_loads,
                     self.pilot_networks // 2, self.loads)


SWEEPS = {"quick": Sweep({100: 288, 200: 288, 400: 288, 800: 192}),
          "full": Sweep({200: 3072, 400: 3072, 800: 1536, 1600: 768, 3200: 384})}
"""Networks cost O(n²) each, so the larger sizes get fewer; the quick sweep takes a few CPU-seconds. Printed
variants, which state the canonical load again, run the :meth:`Sweep.reduced` sweep."""


def overlaps_at(impl: Any, rng: np.random.Generator, n: int, s: int, networks: int) -> np.ndarray:
    """Final overlap m of the run started at pattern 1, in each of ``networks`` independent networks of s patterns."""
    patterns = random_patterns(rng, networks, s, n)
    final = impl.retrieve(patterns, patterns[:, :1], random_orders(rng, networks, 1, n), max_sweeps=MAX_SWEEPS)
    return (final[:, 0] * patterns[:, 0]).mean(axis=1)


@dataclass(frozen=True)
class Design:
    """The loads α_k = s_k/n of one size, each the midpoint of a cell of width h_k of the window [a, b], and the
    networks per load. α̂(n) = a + Σ_k h_k P̂(α_k) estimates a + ∫_a^b P(retrieved | α) dα, the mean critical load
    clipped to the window, which tends to α_c when the transition sharpens inside it."""

    n: int
    patterns: np.ndarray
    per_load: int

    @property
    def alphas(self) -> np.ndarray:
        return self.patterns / self.n

    @property
    def edges(self) -> np.ndarray:
        a = self.alphas
        return np.concatenate([[a[0] - (a[1] - a[0]) / 2], (a[1:] + a[:-1]) / 2, [a[-1] + (a[-1] - a[-2]) / 2]])

    @property
    def widths(self) -> np.ndarray:
        return np.diff(self.edges)

    def estimate(self, fractions: np.ndarray) -> float:
        return float(self.edges[0] + self.widths @ fractions)

    @property
    def squared_ranges(self) -> float:
        """Σ c_i² over the networks, each entering α̂(n) with weight c_i = h_k/N_k on its outcome in {0, 1}."""
        return float(np.sum(self.widths**2) / self.per_load)


def pilot_design(impl: Any, rng: np.random.Generator, n: int, sweep: Sweep) -> Design:
    """Where the transition lies at size n, from a coarse pilot on independent networks: the loads where P̂ falls
    through 0.9 and 0.1 (the pilot stops there), widened by a quarter of their distance and 0.02 on each side;
    then ``sweep.loads`` integer loads s spread over that window, with the networks of the size split evenly."""
    fractions: list[float] = []
    for a in sweep.pilot_loads:
        fractions.append(float(np.mean(overlaps_at(impl, rng, n, max(1, round(a * n)), sweep.pilot_networks)
                                       >= RETRIEVED)))
        if fractions[-1] < 0.1:
            break
    grid = np.array(sweep.pilot_loads[:len(fractions)])
    high = crossing(grid, fractions, 0.9) or grid[0]
    low = crossing(grid, fractions, 0.1) or grid[-1]
    margin = (low - high) / 4 + 0.02
    patterns = np.unique(np.round(np.linspace(max(high - margin, 1 / n), low + margin, sweep.loads) * n).astype(int))
    return Design(n, patterns, -(-sweep.networks[n] // len(patterns)))


@dataclass(frozen=True)
class Extrapolation:
    """α̂(n) = α_∞ + A n^{-exponent} fitted by least squares weighted by 1/Σ c_i²(n) (fixed by the pilot, so that
    α̂_∞ is a fixed linear combination of independent outcomes and Hoeffding's inequality bounds its error exactly)."""

    alpha_inf: float
    slope: float
    squared_ranges: float

    @classmethod
    def fit(cls, sizes: np.ndarray, estimates: np.ndarray, squared_ranges: np.ndarray,
            exponent: float) -> Extrapolation:
        design = np.column_stack([np.ones(len(sizes)), sizes ** -exponent])
        weighted = design.T / squared_ranges
        coefficients = np.linalg.solve(weighted @ design, weighted)  # rows: α_∞ and A as combinations of α̂(n)
        (alpha_inf, slope) = coefficients @ estimates
        return cls(float(alpha_inf), float(slope), float(coefficients[0] ** 2 @ squared_ranges))

    def interval(self, level: float) -> list[float]:
        radius = stats.hoeffding_sum_radius(self.squared_ranges, level)
        return [round(self.alpha_inf - radius, 4), round(self.alpha_inf + radius, 4)]


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
    (1) The implementation's final states are the asynchronous dynamics' in the sweep orders given, value by value,
    on small networks. (2) Finite-size scaling: at each size n a pilot locates the transition, then
    α̂(n) = a + Σ_k h_k P̂(α_k) over a window [a, b] estimates the clipped mean critical load; α̂(n) = α_∞ + A n^{-½}
    is fitted by weighted least squares and α_∞ is tested against α* ± 0.01 by Hoeffding's inequality (exact for
    the fitted linear combination of independent outcomes; the n^{-½} law is the model's assumption). (3) At the
    second size, the distribution of the final overlaps (not only P(m ≥ 0.9)) is compared with the reference
    dynamics' on independent networks of the same loads by a two-sample DKW test. (2) and (3): Bonferroni over 2.
    """
    return all_of({"final states are the asynchronous dynamics'": lambda: retrieval_values(ctx),
                   "finite-size scaling": lambda: capacity_scaling(ctx, load)})


def async_final(W: np.ndarray, x: np.ndarray, order: np.ndarray, max_sweeps: int) -> np.ndarray:
    """The asynchronous dynamics as defined (no shortcut): visit the units in ``order``, sweep after sweep, setting
    x_i ← sign(Σ_j w_ij x_j) unless the field is 0, until a sweep changes nothing."""
    x = np.array(x, dtype=float)
    for _ in range(max_sweeps):
        changed = False
        for unit in order:
            field = W[unit] @ x
            if field * x[unit] < 0:
                x[unit] = -x[unit]
                changed = True
        if not changed:
            break
    return x


def retrieval_values(ctx: Context) -> Outcome:
    """``retrieve``'s final states equal :func:`async_final` from pattern 1 and from a 20 %-corrupted pattern 2, on
    8 networks of n = 60 units at loads 0.1 to 0.3 (many flips, ties of the field included)."""
    impl = ctx.impl()
    rng = ctx.rng(stream=7)
    n, cases = 60, [6, 9, 12, 15, 18]

    def same(s: int) -> Comparison:
        patterns = random_patterns(rng, 8, s, n)
        cues = patterns[:, :2].copy()
        cues[:, 1] *= np.where(rng.random((8, n)) < 0.2, -1, 1).astype(np.int8)
        orders = random_orders(rng, 8, 2, n)
        final = impl.retrieve(patterns, cues, orders, max_sweeps=MAX_SWEEPS)
        X = patterns.astype(float)
        weights = np.einsum("gti,gtj->gij", X, X) * (1 - np.eye(n))
        expected = np.array([[async_final(W, cue, order, MAX_SWEEPS) for cue, order in zip(c, o, strict=True)]
                             for W, c, o in zip(weights, cues, orders, strict=True)])
        return close(final, expected, label=f"final states at s = {s}, n = {n}", rtol=0, atol=0)

    return for_each(ctx, cases, same, domain_name=f"8 networks of n = {n} at each s, 2 cues each", complete=False,
                    describe=lambda s: {"n": n, "s": s})


def capacity_scaling(ctx: Context, load: Load) -> Outcome:
    """The finite-size sweep, the extrapolation and its Hoeffding test, and (canonical) the overlap distribution."""
    impl = ctx.impl()
    rng = ctx.rng(stream=4)
    sweep = SWEEPS[ctx.profile.name] if ctx.is_canonical else SWEEPS[ctx.profile.name].reduced()
    designs = [pilot_design(impl, rng, n, sweep) for n in sweep.networks]
    overlaps = [np.array([overlaps_at(impl, rng, d.n, int(s), d.per_load) for s in d.patterns]) for d in designs]
    estimates = np.array([d.estimate(np.mean(m >= RETRIEVED, axis=1)) for d, m in zip(designs, overlaps, strict=True)])
    sizes = np.array([d.n for d in designs], dtype=float)
    ranges = np.array([d.squared_ranges for d in designs])
    fit = Extrapolation.fit(sizes, estimates, ranges, 0.5)
    level = ctx.alpha / 2 if ctx.is_canonical else ctx.alpha
    distance = max(0.0, abs(fit.alpha_inf - load.alpha) - TOLERANCE)
    p_values = [stats.hoeffding_sum_p_value(distance, fit.squared_ranges)]
    shift = stats.hoeffding_sum_detectable(fit.squared_ranges, level)
    evidence: dict[str, Any] = {
        "sizes n": sizes.astype(int).tolist(), "networks per size": list(sweep.networks.values()),
        "retrieved iff m ≥": RETRIEVED,
        "α̂(n) (clipped mean critical load)": {str(d.n): round(float(e), 4)
                                               for d, e in zip(designs, estimates, strict=True)},
        "α_∞ extrapolated (α̂(n) = α_∞ + A n^-½)": round(fit.alpha_inf, 4), "finite-size slope A": round(fit.slope, 3),
        "residuals α̂(n) - fit, against their 95% Hoeffding radii": {
            str(int(n)): [round(float(e - fit.alpha_inf - fit.slope * n**-0.5), 4),
                          round(stats.hoeffding_sum_radius(r, 0.05), 4)]
            for n, e, r in zip(sizes, estimates, ranges, strict=True)},
        "95% interval of α_∞ (Hoeffding)": fit.interval(0.05),
        f"interval of α_∞ at the test's level {level:.2g}": fit.interval(level),
        "α_∞ with a 1/n law instead (model sensitivity)": round(Extrapolation.fit(sizes, estimates, ranges, 1.0)
                                                                .alpha_inf, 4),
        "literature (AGS)": 0.138,
        "power": f"rejects with probability ≥ 0.9 when the extrapolated α_c is {shift:.3f} beyond α* ± {TOLERANCE}, "
                 f"i.e. |α_∞ - α*| ≥ {shift + TOLERANCE:.3f}",
    }
    detectable = f"|α_∞ - α*| ≥ {shift + TOLERANCE:.3f} (α_c shifted by {shift + TOLERANCE:.3f})"
    if ctx.is_canonical:
        compared, sample = designs[1], overlaps[1]
        reference = np.array([overlaps_at(Hopfield(), rng, compared.n, int(s), compared.per_load)
                              for s in compared.patterns])
        p_values.append(stats.dkw_two_sample_p_value(sample, reference))
        gap = stats.dkw_two_sample_detectable(sample.size, reference.size, level)
        evidence[f"overlap distribution vs the reference dynamics (n = {compared.n})"] = {
            "networks each": int(sample.size), "DKW p-value": p_values[-1],
            "sup |F - F_ref| detectable with probability 0.9": round(gap, 3)}
        detectable += f"; or overlap distributions {gap:.2f} apart in sup-distance at n = {compared.n}"
        show_sweep(ctx, designs, overlaps, estimates, fit)
    return decide(
        ctx, min(1.0, len(p_values) * min(p_values)),
        test=f"Hoeffding test of H0: |α_∞ - α*| ≤ {TOLERANCE} for the weighted least-squares extrapolation"
             + (", and a two-sample DKW test of the final overlaps against the reference (Bonferroni over 2)"
                if ctx.is_canonical else ""),
        detectable=detectable, evidence=evidence,
        counterexample={"α_∞": round(fit.alpha_inf, 4), "interval": fit.interval(level), "α*": load.alpha},
    )


def show_sweep(ctx: Context, designs: list[Design], overlaps: list[np.ndarray], estimates: np.ndarray,
               fit: Extrapolation) -> None:
    """The retrieval curves of each size with Clopper–Pearson bands, and α̂(n) against n^{-½} with the fit."""
    rows = []
    with ctx.figure("Retrieval against α = s/n, and the finite-size extrapolation", ncols=2,
                    figsize=(9.0, 3.6)) as (_, axes):
        for design, m in zip(designs, overlaps, strict=True):
            k = np.sum(m >= RETRIEVED, axis=1)
            bands = np.array([clopper_pearson(int(ki), design.per_load, 0.05) for ki in k])
            fraction = k / design.per_load
            axes[0].errorbar(design.alphas, fraction, yerr=[fraction - bands[:, 0], bands[:, 1] - fraction],
                             marker="o", markersize=3, capsize=2, label=f"n = {design.n}")
            rows += [[design.n, round(a, 4), f"{mi.mean():.4f}", f"{ki}/{design.per_load}", f"[{lo:.2f}, {hi:.2f}]"]
                     for a, mi, ki, (lo, hi) in zip(design.alphas, m, k, bands, strict=True)]
        axes[0].axvline(0.138, color="grey", linestyle="--", label="α_c = 0.138")
        axes[0].set_xlabel("α = s/n")
        axes[0].set_ylabel("P(m ≥ 0.9), 95% CP")
        axes[0].legend(fontsize=7)
        x = np.array([d.n for d in designs], dtype=float) ** -0.5
        radii = [stats.hoeffding_sum_radius(d.squared_ranges, 0.05) for d in designs]
        axes[1].errorbar(x, estimates, yerr=radii, marker="o", linestyle="", capsize=2, label="α̂(n), 95% Hoeffding")
        line = np.linspace(0, x.max(), 20)
        axes[1].plot(line, fit.alpha_inf + fit.slope * line, label=f"α_∞ + A n^-½, α_∞ = {fit.alpha_inf:.4f}")
        axes[1].axhline(0.138, color="grey", linestyle="--", label="0.138")
        axes[1].set_xlabel("n^-½")
        axes[1].legend(fontsize=7)
    ctx.table("Retrieval from a stored pattern against the load α = s/n",
              ["n", "α", "mean final overlap m", "retrieved (m ≥ 0.9)", "95% Clopper–Pearson"], rows)


def crossing(grid: np.ndarray, values: np.ndarray, level: float = 0.5) -> float | None:
    """The first α where ``values`` falls through ``level``, linearly interpolated."""
    for (a0, v0), (a1, v1) in itertools.pairwise(zip(grid, values, strict=True)):
        if v0 >= level > v1:
            return float(a0 + (v0 - level) / (v0 - v1) * (a1 - a0))
    return None


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
