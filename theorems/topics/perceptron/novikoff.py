"""Novikoff's mistake bound and the two growth lemmas it rests on, checked along training runs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from impls.perceptron import Trace
from theorems.engine import Comparison, Context, Outcome, Printed, at_most, for_all, steer
from theorems.engine.typed import TypedForm, numeric, quantity

from . import NOVIKOFF, TOPIC
from .runs import MARGIN_TARGET, final_margin, iterates, orders_evidence, separates, train
from .strategies import Dataset, Presentations, any_datasets, presentations, separable_datasets


@dataclass(frozen=True)
class Growth:
    """Quantities along a run, on the homogeneous problem: t, w_t·w*, ‖w_t‖ and Σ_{k≤t} ‖z_k‖²."""

    t: np.ndarray
    along: np.ndarray
    norm: np.ndarray
    energy: np.ndarray
    R: float
    gamma: float

    @classmethod
    def of(cls, trace: Trace, data: Dataset) -> Growth:
        Z, w_star = data.homogeneous()
        W = iterates(trace, data)
        updated = Z[np.asarray(trace.updated_on, dtype=int)] if trace.updated_on else np.zeros((0, Z.shape[1]))
        energy = np.concatenate([[0.0], np.cumsum(np.sum(updated**2, axis=1))])
        return cls(np.arange(len(W), dtype=float), W @ w_star, np.linalg.norm(W, axis=1), energy, data.R, data.gamma)


Inequality = tuple[str, np.ndarray, np.ndarray]
"""``(label, small, big)``: the claim ``small_t ≤ big_t`` at every step t of a run."""


@dataclass(frozen=True)
class Chain:
    """Inequalities ``small ≤ big`` along a run, as a claim states them."""

    latex: str
    fn: Callable[[Growth], list[Inequality]]
    unit_inputs: bool = False


def worst_at_most(label: str, small: np.ndarray, big: np.ndarray) -> Comparison | None:
    """The t at which ``small_t ≤ big_t`` fails most or, if it never fails, comes closest (largest
    small_t / big_t); NaN entries are skipped."""
    small = np.atleast_1d(np.asarray(small, float))
    big = np.broadcast_to(np.asarray(big, float), small.shape)
    known = np.isfinite(small) & np.isfinite(big)
    if not np.any(known):
        return None
    gap = np.where(known, small - big, -np.inf)
    ratio = np.where(known & (big > 0), small / np.where(big > 0, big, 1.0), -np.inf)
    t = int(np.argmax(gap)) if np.max(gap) > 0 or not np.any(np.isfinite(ratio)) else int(np.argmax(ratio))
    found = at_most(small[t], big[t], label=label, rtol=1e-9, atol=1e-12 * float(np.max(np.abs(big[known])) + 1))
    return replace(found, message=f"{found.message} at t = {t}")


def check_chain(ctx: Context, chain: Chain) -> Outcome:
    """Every inequality of ``chain`` at every step of runs of the implementation under test."""
    data_strategy = separable_datasets(bias=False, unit_ball=True) if chain.unit_inputs else any_datasets()

    def prop(data: Dataset) -> list[Comparison]:
        growth = Growth.of(train(ctx.impl(), data), data)
        found = [worst_at_most(label, small, big) for label, small, big in chain.fn(growth)]
        return [c for c in found if c is not None]

    return for_all(ctx, data_strategy, prop, describe=Dataset.describe)


def after_updates(values: np.ndarray) -> np.ndarray:
    """``values`` for t ≥ 1 (NaN at t = 0, where the statement says nothing)."""
    out = np.array(values, dtype=float)
    out[0] = np.nan
    return out


def per_update(values: np.ndarray) -> np.ndarray:
    """The gain of update t, values_t - values_{t-1} (NaN at t = 0)."""
    return np.concatenate([[np.nan], np.diff(values)])


@TOPIC.claim(
    "perceptron.inner_product_growth",
    method="property",
    canonical=Chain(r"w_t\cdot w^* \ge t\gamma", lambda g: [("tγ ≤ w_t·w*", g.t * g.gamma, g.along)]),
    faithful=("000",),
    printed={
        "001": Printed(Chain(r"\Delta\theta^t\cdot\theta^* \ge \gamma",
                             lambda g: [("γ ≤ Δθ_t·θ*", g.gamma + 0 * g.t, per_update(g.along))])),
        "003": Printed(Chain(r"w_t\cdot w^* \ge \gamma",
                             lambda g: [("γ ≤ w_t·w* (t ≥ 1)", g.gamma + 0 * g.t, after_updates(g.along))]),
                       reading="True for t ≥ 1 but much weaker than t γ, which the proof of the bound needs: the t "
                               "was probably lost (document 000 prints t γ)."),
    },
    references=(NOVIKOFF,),
)
def inner_product_growth(ctx: Context, chain: Chain) -> Outcome:
    """Each update gains at least γ along the separator.

    If a unit vector w* has y (x·w*) ≥ γ > 0 on S (with a bias: on (x, 1), jointly normalised) and
    w₀ = 0, then after t updates w_t·w* ≥ t γ, because every update adds y x·w* ≥ γ.
    """
    return check_chain(ctx, chain)


@TOPIC.claim(
    "perceptron.norm_growth",
    method="property",
    canonical=Chain(r"\|w_t\| \le R\sqrt t", lambda g: [("‖w_t‖ ≤ R√t", g.norm, g.R * np.sqrt(g.t))]),
    faithful=("000",),
    printed={
        "001": Printed(Chain(r"\|\theta^s\|^2 \le \sum_t \|x^t\|^2",
                             lambda g: [("‖θ_s‖² ≤ Σ‖x^t‖²", g.norm**2, g.energy)])),
        "003": Printed(Chain(r"\|w_t\| \le R\sqrt\gamma", lambda g: [("‖w_t‖ ≤ R√γ", g.norm, g.R * np.sqrt(g.gamma))]),
                       reading="√γ where document 000 has √t."),
    },
    references=(NOVIKOFF,),
)
def norm_growth(ctx: Context, chain: Chain) -> Outcome:
    """The iterates grow at most like √t.

    With R = max ‖x‖ over S and w₀ = 0, after t updates ‖w_t‖ ≤ R √t: an update happens only when
    y x·w ≤ 0, so ‖w + y x‖² = ‖w‖² + 2 y x·w + ‖x‖² ≤ ‖w‖² + ‖x‖², hence ‖w_t‖² ≤ Σ ‖x_k‖² ≤ t R².
    """
    return check_chain(ctx, chain)


@TOPIC.claim(
    "perceptron.norm_growth_unit_inputs",
    method="property",
    canonical=Chain(r"\|x\|\le 1 \Rightarrow \|\theta^s\| \le \sqrt s",
                    lambda g: [("‖θ_s‖ ≤ √s", g.norm, np.sqrt(g.t))], unit_inputs=True),
    faithful=("001",),
    depends=("perceptron.norm_growth",),
)
def norm_growth_unit_inputs(ctx: Context, chain: Chain) -> Outcome:
    """Norm growth for inputs in the unit ball.

    If every ‖x‖ ≤ 1 then after s updates from θ₀ = 0, ‖θ_s‖ ≤ √s (norm growth with R = 1).
    """
    return check_chain(ctx, chain)


@TOPIC.claim(
    "perceptron.cosine_bound",
    method="property",
    canonical=Chain(r"\cos\angle(w^*,w_t) \ge \frac{t\gamma}{\sqrt t R}",
                    lambda g: [("√t γ/R ≤ cos∠(w*, w_t)", after_updates(np.sqrt(g.t) * g.gamma / g.R),
                                after_updates(g.along) / after_updates(g.norm))]),
    printed={"003": Printed(Chain(r"\cos\angle(w^*,w_t) \ge \sqrt{\gamma/R}",
                                  lambda g: [("√(γ/R) ≤ cos∠(w*, w_t)", np.sqrt(g.gamma / g.R) + 0 * g.t,
                                              after_updates(g.along) / after_updates(g.norm))]),
                            reading="The printed chain uses the printed lemmas (w_t·w* ≥ γ, ‖w_t‖ ≤ R√γ) and then "
                                    "simplifies γ/(√γ R) to √(γ/R), which is a second error (it is √γ/R).")},
    depends=("perceptron.inner_product_growth", "perceptron.norm_growth"),
    references=(NOVIKOFF,),
)
def cosine_bound(ctx: Context, chain: Chain) -> Outcome:
    """The angle to the separator closes like √t.

    From the two growth lemmas, cos∠(w*, w_t) = w*·w_t/‖w_t‖ ≥ t γ/(√t R) = √t γ/R after t ≥ 1 updates.
    """
    return check_chain(ctx, chain)


@TOPIC.claim(
    "perceptron.margin_growth_vs_norm",
    method="property",
    canonical=Chain(r"\gamma s \le \theta^s\cdot\theta^* \le \|\theta^s\| \le \sqrt s",
                    lambda g: [("γs ≤ θ_s·θ*", g.t * g.gamma, g.along), ("θ_s·θ* ≤ ‖θ_s‖", g.along, g.norm),
                               ("‖θ_s‖ ≤ √s", g.norm, np.sqrt(g.t))], unit_inputs=True),
    printed={"001": Printed(Chain(r"\gamma s \le s", lambda g: [("γs ≤ s", g.t * g.gamma, g.t)], unit_inputs=True),
                            reading="As printed, γs ≤ s is true (γ ≤ ‖x‖ ≤ 1) but gives no bound on s; the proof "
                                    "needs γs ≤ √s (a lost square root), the canonical chain.")},
    depends=("perceptron.inner_product_growth", "perceptron.norm_growth_unit_inputs"),
    references=(NOVIKOFF,),
)
def margin_growth_vs_norm(ctx: Context, chain: Chain) -> Outcome:
    """The proof step of Novikoff's bound for unit inputs.

    With ‖x‖ ≤ 1 and a unit separator of margin γ: γ s ≤ θ_s·θ* ≤ ‖θ_s‖ ≤ √s after s updates,
    so s ≤ 1/γ².
    """
    return check_chain(ctx, chain)


@dataclass(frozen=True)
class MistakeBound:
    latex: str
    fn: Callable[[float, float], float]
    """(R, γ) → the bound on the number of updates."""
    unit_inputs: bool = False


MISTAKES = quantity("t", "t", "the number of updates (mistakes) of the perceptron started at 0",
                    integer=True, nonnegative=True)
RADIUS = quantity("R", "R", "the largest norm of an input, max ‖x‖")
MARGIN = quantity(r"\gamma", "gamma", "the margin of the best unit separator (the exact maximum margin)", r"\gamma^*")
TYPED_MISTAKE_BOUND = TypedForm(
    MISTAKES, r"\le", r"\frac{R^2}{\gamma^2}", (RADIUS, MARGIN),
    lambda rhs, latex: MistakeBound(latex, numeric(rhs, RADIUS.symbol, MARGIN.symbol)),
)


@TOPIC.claim(
    "perceptron.novikoff_mistake_bound",
    method="property",
    canonical=MistakeBound(r"t \le R^2/\gamma^2", lambda R, g: R**2 / g**2),
    faithful=("000",),
    printed={
        "001": Printed(MistakeBound(r"\|x\|\le 1 \Rightarrow t \le \gamma^{-2}", lambda R, g: g**-2, unit_inputs=True)),
        "003": Printed(MistakeBound(r"t \le R^2/\gamma", lambda R, g: R**2 / g),
                       reading="γ where document 000 has γ²; the bound is then not scale invariant."),
    },
    depends=("perceptron.inner_product_growth", "perceptron.norm_growth", "perceptron.cosine_bound"),
    references=(NOVIKOFF, "Block (1962)"),
    typed=TYPED_MISTAKE_BOUND,
)
def novikoff_mistake_bound(ctx: Context, bound: MistakeBound) -> Outcome:
    """Novikoff's theorem: the perceptron makes at most R²/γ² mistakes.

    If a unit vector w* separates S with margin γ > 0 and R = max ‖x‖ (with a bias, apply this to
    (x, 1) and (w*, b*) normalised jointly), the perceptron started at 0 stops at a separator of S
    after at most R²/γ² updates. Checked with γ the exact maximum margin, the tightest form.
    """
    data_strategy = separable_datasets(bias=False, unit_ball=True) if bound.unit_inputs else any_datasets()
    seen: list[tuple[float, int]] = []
    tried: dict[str, int] = {}

    def prop(case: Presentations) -> list[Comparison]:
        found: list[Comparison] = []
        margins: list[float] = []
        for order, data in case.orders():
            trace = train(ctx.impl(), data)
            limit = float(bound.fn(data.R, data.max_margin[0]))
            seen.append((limit, trace.mistakes))
            tried[order] = tried.get(order, 0) + 1
            margins.append(final_margin(trace, data))
            checks = [at_most(trace.mistakes, limit, label="mistakes / bound"), separates(trace, data)]
            found += [replace(c, message=f"{c.message} (samples presented {order})") for c in checks]
            if not all(c.ok for c in checks):
                break
        # also search for hard instances (many mistakes), not only tight ones
        steer(float(max(mistakes for _, mistakes in seen[-len(margins):])), label="mistakes")
        # and for runs that end barely separating: a rule that stops too early ends just past the boundary
        steer(-min(margins), label="minus the final minimum margin")
        return found

    outcome = for_all(ctx, presentations(data_strategy), prop, describe=Presentations.describe,
                      max_examples=2 * ctx.profile.max_examples)
    outcome.evidence.update(orders_evidence(tried, f"mistakes (up) and {MARGIN_TARGET}"))
    plot_mistakes(ctx, seen, bound.latex)
    return outcome


def plot_mistakes(ctx: Context, seen: list[tuple[float, int]], latex: str) -> None:
    """Each generated data set's number of mistakes against its bound, on log axes."""
    if not seen:
        return
    limits, mistakes = np.array(seen, dtype=float).T
    keep = (limits > 0) & np.isfinite(limits)
    with ctx.figure(f"Mistakes against the bound ${latex}$ over {len(seen)} generated data sets") as (_, ax):
        ax.loglog(limits[keep], np.maximum(mistakes[keep], 0.5), ".", alpha=0.5, label="data set")
        lo, hi = max(0.5, float(limits[keep].min())), float(limits[keep].max())
        ax.loglog([lo, hi], [lo, hi], "k--", lw=1, label="mistakes = bound")
        ax.set_xlabel("bound")
        ax.set_ylabel("mistakes (0 drawn at 0.5)")
        ax.legend()
