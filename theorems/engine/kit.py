"""The claim kit: the shapes most claims take, each a complete check in one call.

A claim's body states *what* is compared; the kit does the rest (the search, the tightness, the
counterexample, the plot). Each shape is built on one of the four methods of :mod:`.methods`:

* :func:`identity` — two expressions agree on every generated instance (``property``);
* :func:`bound` — an inequality with its tightness (worst ratio) pushed by ``hypothesis.target``;
* :func:`rate` — a sequence stays under its bound at every step, the tightest run plotted;
* :func:`same_steps` — an update rule compared step by step with the rule as stated;
* :func:`exact_count` — a count equals its formula on every element of a finite domain;
* :func:`symbolic` — a SymPy derivation, every step kept;
* :func:`proportion` — a probability tested exactly (binomial), with its power.

:func:`within_tolerance` gives the rounding allowance of a floating-point comparison from the
magnitudes that were computed, so that no verdict depends on the last bit of a result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

import numpy as np
from hypothesis.strategies import SearchStrategy

from .. import stats
from .context import Context
from .expect import Comparison, at_least, at_most, close, equal, that
from .methods import decide, for_all, for_each, prove_chain
from .model import Outcome

T = TypeVar("T")

EPS = float(np.finfo(float).eps)


def within_tolerance(*magnitudes: Any, operations: int = 64) -> float:
    """The absolute rounding error allowed for a float64 result computed from quantities of these
    magnitudes in about ``operations`` floating-point operations (each rounding by at most ε/2).
    Non-finite entries are left out, so that ``inf`` is never "close" to a finite number."""
    scale = sum(_largest_finite(m) for m in magnitudes) if magnitudes else 1.0
    return operations * EPS * max(scale, np.finfo(float).tiny)


def _largest_finite(values: Any) -> float:
    """The largest finite magnitude among ``values`` (an infinite result earns no infinite allowance)."""
    finite = np.abs(np.asarray(values, dtype=float))
    finite = finite[np.isfinite(finite)]
    return float(finite.max()) if finite.size else 0.0


def identity(
    ctx: Context,
    strategy: SearchStrategy[T],
    lhs: Callable[[T], Any],
    rhs: Callable[[T], Any],
    *,
    label: str,
    rtol: float = 1e-9,
    atol: float = 0.0,
    describe: Callable[[T], Any] = lambda x: x,
    max_examples: int | None = None,
) -> Outcome:
    """``lhs(x) = rhs(x)`` (element-wise, to ``rtol``/``atol``) for every generated ``x``."""

    def prop(x: T) -> Comparison:
        left, right = np.asarray(lhs(x), dtype=float), np.asarray(rhs(x), dtype=float)
        return close(left, right, label=label, rtol=rtol, atol=atol + within_tolerance(left, right))

    return for_all(ctx, strategy, prop, describe=describe, max_examples=max_examples)


def bound(
    ctx: Context,
    strategy: SearchStrategy[T],
    value: Callable[[T], float],
    limit: Callable[[T], float],
    *,
    label: str,
    upper: bool = True,
    rtol: float = 1e-9,
    describe: Callable[[T], Any] = lambda x: x,
    max_examples: int | None = None,
) -> Outcome:
    """``value(x) ≤ limit(x)`` (or ``≥`` when ``upper`` is false) for every generated ``x``; the
    search is pushed towards the tightest instance and the worst ratio is reported."""
    compare = at_most if upper else at_least

    def prop(x: T) -> Comparison:
        v, b = float(value(x)), float(limit(x))
        return compare(v, b, label=label, rtol=rtol, atol=within_tolerance(v, b))

    return for_all(ctx, strategy, prop, describe=describe, max_examples=max_examples)


def rate(
    ctx: Context,
    strategy: SearchStrategy[T],
    measured: Callable[[T], np.ndarray],
    limit: Callable[[T, np.ndarray], np.ndarray],
    *,
    label: str,
    quantity: str,
    describe: Callable[[T], Any] = lambda x: x,
    max_examples: int | None = None,
    from_step: int = 1,
    explicit: Sequence[T] = (),
) -> Outcome:
    """``measured(x)[t] ≤ limit(x, t)[t]`` at every step ``t ≥ from_step`` of every generated run.

    The comparison reported is the worst step of each run; the tightest run is plotted against its
    bound on a log scale (exact zeros are left out, not drawn at the float floor). ``explicit`` runs
    (the bound's equality cases) are tried before the generated ones.
    """
    tightest: dict[str, tuple[float, np.ndarray, np.ndarray]] = {}

    def prop(x: T) -> Comparison:
        q = np.asarray(measured(x), dtype=float)
        t = np.arange(len(q))
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            b = np.asarray(limit(x, t), dtype=float)
            usable = (t >= from_step) & np.isfinite(b) & (b > 0)
            slack = within_tolerance(q[0], b[usable] if usable.any() else 0.0)
            ratios = np.where(usable, (q - slack) / np.where(usable, b, 1.0), -np.inf)
        worst = int(np.argmax(ratios))
        comparison = at_most(q[worst], b[worst], label=f"{quantity} ≤ bound (worst t = {worst})", atol=slack)
        comparison = replace(comparison, label=label)
        if comparison.ratio is not None and comparison.ratio > tightest.get("run", (-np.inf,))[0]:
            tightest["run"] = (comparison.ratio, q, b)
        return comparison

    outcome = for_all(ctx, strategy, prop, describe=describe, max_examples=max_examples, explicit=explicit)
    if tightest:
        _, q, b = tightest["run"]
        t = np.arange(len(q))
        with ctx.figure(f"{quantity} against t on the tightest run") as (_, ax):
            shown = q > 0
            ax.semilogy(t[shown], q[shown], "o-", ms=3, label=f"measured {quantity}")
            drawn = np.isfinite(b) & (b > 0)
            ax.semilogy(t[drawn], b[drawn], "--", label="bound")
            ax.set_xlabel("t")
            ax.legend(fontsize=7)
    return outcome


def same_steps(
    ctx: Context,
    strategy: SearchStrategy[T],
    trajectory: Callable[[T], np.ndarray],
    step: Callable[[T, np.ndarray, int], np.ndarray],
    *,
    label: str,
    rtol: float = 1e-9,
    describe: Callable[[T], Any] = lambda x: x,
    max_examples: int | None = None,
) -> Outcome:
    """Every step of a trajectory equals the rule as stated, applied to the trajectory's own past.

    ``trajectory(x)`` has the iterates ``θ_0 … θ_T`` along its first axis; ``step(x, path, t)`` is
    what the stated rule gives for ``θ_{t+1}`` from ``path[: t + 1]``. The first step where they
    differ is the counterexample, so a bug that starts late in a long run is named by its step.
    """

    def prop(x: T) -> Comparison:
        path = np.asarray(trajectory(x), dtype=float)
        if len(path) < 2:
            return that(False, label=label, message=f"the trajectory has {len(path)} iterate(s), no step to compare")
        for t in range(len(path) - 1):
            expected = np.asarray(step(x, path, t), dtype=float)
            comparison = close(path[t + 1], expected, label=f"{label}, step {t + 1} of {len(path) - 1}", rtol=rtol,
                               atol=within_tolerance(path[: t + 2], expected))
            if not comparison.ok:
                break
        return replace(comparison, label=label)

    return for_all(ctx, strategy, prop, describe=describe, max_examples=max_examples)


def exact_count(
    ctx: Context,
    domain: Iterable[T],
    count: Callable[[T], int],
    formula: Callable[[T], int],
    *,
    label: str,
    domain_name: str,
    complete: bool,
    describe: Callable[[T], Any] = lambda x: x,
) -> Outcome:
    """``count(x) == formula(x)`` exactly (integers) on every element of a finite domain."""
    return for_each(ctx, domain, lambda x: equal(count(x), formula(x), label=label), domain_name=domain_name,
                    complete=complete, describe=describe)


def symbolic(ctx: Context, *steps: tuple[str, Any], **options: Any) -> Outcome:
    """A SymPy derivation: each labelled expression equals the next (every step shown)."""
    return prove_chain(ctx, list(steps), **options)


def proportion(ctx: Context, successes: int, trials: int, p0: float, *, event: str,
               alternative: str = "two-sided") -> Outcome:
    """An exact binomial test of P(event) = ``p0`` (or ≥ / ≤ with ``alternative``), with its power and
    the Clopper–Pearson interval of the observed frequency at this check's level."""
    low, high = stats.clopper_pearson(successes, trials, ctx.alpha)
    return decide(
        ctx, stats.binomial_p_value(successes, trials, p0, alternative),
        test=f"exact binomial test of P({event}) = {p0:g} ({alternative})",
        detectable=f"|P - {p0:g}| ≥ {stats.binomial_detectable(trials, p0, ctx.alpha):.3g}",
        evidence={"trials": trials, "successes": successes, "frequency": successes / trials,
                  "Clopper–Pearson interval": [low, high]},
    )
