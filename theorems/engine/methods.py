"""The four check methods. A claim's check body calls one of them; none is re-written per claim.

* :func:`for_all`  — ``property``: Hypothesis over a strategy, shrinking, ``target``-driven tightness;
* :func:`for_each` — ``exhaustive``: every element of a finite domain;
* :func:`prove_chain` — ``sympy``: a derivation, each step simplified against the next;
* :func:`decide` — ``statistical``: a calibrated p-value at this check's false-failure level.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from typing import Any, TypeVar

import numpy as np
from hypothesis import example, given, target
from hypothesis import seed as hypothesis_seed
from hypothesis import settings as hypothesis_settings_of
from hypothesis.strategies import SearchStrategy

from .boundary import ImplementationError
from .context import Context
from .expect import Comparison
from .model import Outcome, Verdict, jsonable
from .profiles import hypothesis_settings

T = TypeVar("T")
Prop = Callable[[T], Comparison | Sequence[Comparison]]


class Falsified(AssertionError):
    """A generated instance on which the claim failed."""


def _as_list(result: Comparison | Sequence[Comparison]) -> list[Comparison]:
    return [result] if isinstance(result, Comparison) else list(result)


TIE_BREAK = 1e-12
"""Relative amount by which a later case's ``target`` score is raised per case evaluated before it."""


class _Tracker:
    """Keeps the tightest instance of every bound and the last failing instance (the shrunk one).

    It also passes scores to ``hypothesis.target`` (:meth:`push`), breaking ties in favour of the
    later case. On a plateau of equal scores, Hypothesis's hill climber otherwise keeps making
    "lateral" moves between cases it has seen, whose neighbours overrun: those count as neither
    valid nor invalid examples, so no limit of Hypothesis's ends the target phase (hypothesis
    6.155: ``perceptron.inner_product_growth`` took 900 s instead of 4 s, its bound being attained
    whenever the first mistake is on the closest point; integer scores such as a step count tie
    all the time). With the tie broken, every improvement is a new valid example, and those are
    limited by ``max_examples``. The scores move by at most 1e-12 × cases, relatively: far below
    the reported precision; the reported ratios are the exact ones.
    """

    def __init__(self) -> None:
        self.cases = 0
        self.worst: dict[str, tuple[float, Any, str]] = {}
        self.failure: tuple[Any, list[Comparison]] | None = None
        self.error: tuple[Any, ImplementationError] | None = None

    def push(self, score: float, label: str) -> None:
        target(score + max(abs(score), 1.0) * TIE_BREAK * self.cases, label=label)

    def observe(self, example: Any, comparisons: list[Comparison], use_target: bool) -> None:
        self.cases += 1
        tightest: dict[str, float] = {}  # one target per label: several comparisons may share one
        for c in comparisons:
            if c.ratio is None or not math.isfinite(c.ratio):
                continue
            tightest[c.label] = max(c.ratio, tightest.get(c.label, -math.inf))
            if c.ok and (c.label not in self.worst or c.ratio > self.worst[c.label][0]):
                self.worst[c.label] = (c.ratio, example, c.message)
        if use_target:
            for label, ratio in tightest.items():
                self.push(ratio, label)

    def evidence(self) -> dict[str, Any]:
        ev: dict[str, Any] = {"cases": self.cases}
        for label, (ratio, _, message) in self.worst.items():
            ev[f"worst ratio ({label})"] = round(ratio, 6)
            ev[f"tightest instance ({label})"] = message
        return ev

    def tightest(self) -> dict[str, Any]:
        return {label: jsonable(example) for label, (_, example, _) in self.worst.items()}

    def check(self, example: Any, prop: Prop, use_target: bool) -> None:
        try:
            comparisons = _as_list(prop(example))
        except ImplementationError as exc:
            self.error = (example, exc)
            raise
        self.observe(example, comparisons, use_target)
        failed = [c for c in comparisons if not c.ok]
        if failed:
            self.failure = (example, failed)
            raise Falsified("; ".join(c.message for c in failed))


_running: list[_Tracker] = []
"""The tracker of the :func:`for_all` search under way (one per process at a time; a stack for nesting)."""


def steer(score: float, label: str) -> None:
    """``hypothesis.target(score, label)`` from inside a :func:`for_all` property: push the search
    towards cases with a larger ``score`` (hard instances: many mistakes, long runs), ties broken
    as :class:`_Tracker` explains. Use it rather than ``hypothesis.target``."""
    if not _running:
        raise RuntimeError("steer() is for the property of a for_all search, and none is running")
    _running[-1].push(score, label)


def _refuted(tracker: _Tracker, evidence: dict[str, Any], describe: Callable[[Any], Any]) -> Outcome:
    assert tracker.failure is not None
    example, failed = tracker.failure
    counterexample = {
        "input": jsonable(describe(example)),
        "failed": [c.message for c in failed],
        "numbers": {c.label: jsonable(c.numbers) for c in failed if c.numbers},
    }
    return Outcome(Verdict.REFUTED, evidence, counterexample, reason=failed[0].message)


def _errored(tracker: _Tracker, evidence: dict[str, Any], describe: Callable[[Any], Any]) -> Outcome:
    assert tracker.error is not None
    example, exc = tracker.error
    return Outcome(Verdict.ERROR, evidence, {"input": jsonable(describe(example))}, reason=str(exc))


def for_all(
    ctx: Context,
    strategy: SearchStrategy[T],
    prop: Prop[T],
    *,
    max_examples: int | None = None,
    describe: Callable[[T], Any] = lambda x: x,
    explicit: Sequence[T] = (),
) -> Outcome:
    """``property``: ``prop`` holds on every instance Hypothesis generates from ``strategy``.

    Bounds (``at_most``/``at_least``) are pushed towards their limit with ``hypothesis.target``;
    the worst ratio found is reported. A failure is shrunk and its minimal instance reported.
    ``explicit`` instances (known equality cases, say) are tried first, as Hypothesis's ``@example``.
    """
    tracker = _Tracker()
    settings = hypothesis_settings_of(
        hypothesis_settings(ctx.profile),
        max_examples=max_examples or ctx.profile.max_examples,
    )

    def check(instance: T) -> None:
        tracker.check(instance, prop, use_target=True)

    run = given(strategy)(check)
    for instance in explicit:
        run = example(instance)(run)
    run = settings(hypothesis_seed(ctx.subseed)(run))

    _running.append(tracker)
    try:
        run()
    except (Falsified, ImplementationError, BaseExceptionGroup) as exc:
        if tracker.failure is None and tracker.error is None:
            raise  # not the claim failing: the check itself is broken
        evidence = {**tracker.evidence(), "search": "hypothesis", "hypothesis seed": ctx.subseed}
        if tracker.failure is None or isinstance(exc, ImplementationError):
            return _errored(tracker, evidence, describe)
        return _refuted(tracker, evidence, describe)
    finally:
        _running.pop()
    evidence = {**tracker.evidence(), "search": "hypothesis", "hypothesis seed": ctx.subseed}
    if explicit:
        evidence["explicit instances"] = len(explicit)
    if tracker.worst:
        evidence["tightest instances"] = tracker.tightest()
    return Outcome(Verdict.HOLDS, evidence)


def for_each(
    ctx: Context,
    domain: Iterable[T],
    prop: Prop[T],
    *,
    domain_name: str,
    complete: bool,
    describe: Callable[[T], Any] = lambda x: x,
) -> Outcome:
    """``exhaustive``: ``prop`` holds on every element of a finite ``domain``.

    ``complete`` says whether the domain is the claim's whole domain (verdict ``proved``) or a
    finite slice of an infinite one (verdict ``holds``). The first failure is the counterexample.
    """
    tracker = _Tracker()
    for element in domain:
        try:
            tracker.check(element, prop, use_target=False)
        except Falsified:
            return _refuted(tracker, {**tracker.evidence(), "domain": domain_name}, describe)
        except ImplementationError:
            return _errored(tracker, {**tracker.evidence(), "domain": domain_name}, describe)
    evidence = {**tracker.evidence(), "domain": domain_name, "complete": complete}
    return Outcome(Verdict.PROVED if complete else Verdict.HOLDS, evidence)


# --- sympy -----------------------------------------------------------------------------------


def show(ctx: Context, label: str, expr: Any) -> None:
    """Record one line of a derivation (LaTeX for JSON, presentation MathML for the report)."""
    import sympy

    mathml = sympy.mathml(expr, printer="presentation")
    ctx.derivation_step(label, sympy.latex(expr),
                        f'<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">{mathml}</math>')


def prove_chain(
    ctx: Context,
    steps: Sequence[tuple[str, Any]],
    *,
    domain: dict[Any, tuple[float, float]] | None = None,
    simplify: Callable[[Any], Any] | None = None,
) -> Outcome:
    """``sympy``: each expression of ``steps`` equals the next, so the first equals the last.

    Every step is shown in the report and simplified against its successor; a difference that
    does not simplify to zero is evaluated at exact rational points of ``domain`` (default: each
    positive symbol in (0, 3), each other symbol in (-3, 3)) to find a counterexample.
    """
    import sympy

    simplify = simplify or sympy.simplify
    for label, expr in steps:
        show(ctx, label, expr)
    for (label_a, a), (label_b, b) in itertools.pairwise(steps):
        difference = simplify(sympy.sympify(a) - sympy.sympify(b))
        if difference == 0:
            continue
        witness = _witness(ctx, a, b, domain or {})
        step = f"«{label_a}» = «{label_b}»"
        if witness is not None:
            return Outcome(
                Verdict.REFUTED,
                {"steps": len(steps), "failed step": step},
                witness,
                reason=f"step {step} is false: the two sides differ at the point shown",
            )
        return Outcome(
            Verdict.INCONCLUSIVE,
            {"steps": len(steps), "failed step": step, "residual": str(difference)},
            reason=f"step {step} did not simplify to zero and no numeric counterexample was found",
        )
    show(ctx, "difference of the two ends, simplified", sympy.Integer(0))
    return Outcome(Verdict.PROVED, {"steps": len(steps), "simplified to": "0"})


def _witness(ctx: Context, a: Any, b: Any, domain: dict[Any, tuple[float, float]]) -> dict[str, Any] | None:
    import sympy

    difference = sympy.sympify(a) - sympy.sympify(b)
    cancelled = (sympy.sympify(a).free_symbols | sympy.sympify(b).free_symbols) - difference.free_symbols
    # a symbol that cancels from the difference still needs a value to evaluate the two sides
    symbols = sorted(difference.free_symbols, key=str) + sorted(cancelled, key=str)
    rng = ctx.rng(stream=7)
    for _ in range(64):
        point = {}
        for s in symbols:
            lo, hi = domain.get(s, (0.0, 3.0) if s.is_positive else (-3.0, 3.0))
            point[s] = sympy.Rational(Fraction(float(rng.uniform(lo, hi))).limit_denominator(64))
        try:
            left, right = sympy.sympify(a).subs(point), sympy.sympify(b).subs(point)
            value = complex(sympy.N(left - right, 30))
            scale = 1.0 + abs(complex(sympy.N(left, 30)))
        except (TypeError, ValueError, ZeroDivisionError):  # a side undefined or not a number at this point
            continue
        if math.isfinite(abs(value)) and abs(value) > 1e-9 * scale:
            return {
                "point": {str(s): str(v) for s, v in point.items()},
                "left": str(sympy.nsimplify(left)),
                "right": str(sympy.nsimplify(right)),
                "left ≈": float(sympy.N(left).as_real_imag()[0]),
                "right ≈": float(sympy.N(right).as_real_imag()[0]),
            }
    return None


# --- combining parts ---------------------------------------------------------------------------

_STRENGTH = [Verdict.PROVED, Verdict.HOLDS, Verdict.CONSISTENT]


def all_of(parts: dict[str, Outcome | Callable[[], Outcome]]) -> Outcome:
    """A claim made of several parts: run them in order (a part is an outcome or a callable giving one,
    run only if every earlier part passed); the first that does not pass decides.

    When all pass, the verdict is the weakest of theirs (proved > holds > consistent) and the
    evidence of every part is kept under its name. Statistical parts are combined by Bonferroni:
    the claim's p-value is the smallest part p-value times the number of statistical parts.
    """
    evidence: dict[str, Any] = {}
    verdicts: list[Verdict] = []
    p_values: list[float] = []
    for name, part in parts.items():
        outcome = part() if callable(part) else part
        tagged = {f"{name}: {key}": value for key, value in outcome.evidence.items()}
        if not outcome.verdict.is_pass:
            outcome.evidence = {**evidence, **tagged, "failed part": name}
            outcome.reason = f"{name}: {outcome.reason}" if outcome.reason else name
            return outcome
        evidence.update(tagged)
        verdicts.append(outcome.verdict)
        if outcome.p_value is not None:
            p_values.append(outcome.p_value)
    combined = Outcome(max(verdicts, key=_STRENGTH.index), evidence)
    if p_values:
        combined.p_value = min(1.0, min(p_values) * len(p_values))
    return combined


# --- statistical -----------------------------------------------------------------------------


def decide(
    ctx: Context,
    p_value: float,
    *,
    test: str,
    detectable: str,
    evidence: dict[str, Any] | None = None,
    counterexample: dict[str, Any] | None = None,
) -> Outcome:
    """``statistical``: reject at this check's level ``ctx.alpha`` (Holm across the run afterwards).

    ``test`` names the test and its null hypothesis; ``detectable`` states its power: the smallest
    deviation it detects with probability ≥ 0.9 at this level.
    """
    p_value = float(p_value)
    if not np.isfinite(p_value):
        return Outcome(Verdict.ERROR, dict(evidence or {}), reason=f"{test} gave p-value {p_value}")
    ev = {
        "test": test,
        "p-value": p_value,
        "level (Bonferroni share of the family budget)": ctx.alpha,
        "family false-failure budget": ctx.profile.family_alpha,
        "detectable deviation (power 0.9)": detectable,
        **(evidence or {}),
    }
    verdict = Verdict.REFUTED if p_value <= ctx.alpha else Verdict.CONSISTENT
    return Outcome(
        verdict, ev, counterexample if verdict is Verdict.REFUTED else None,
        reason=f"{test}: p = {p_value:.3g} ≤ {ctx.alpha:.3g}" if verdict is Verdict.REFUTED else None,
        p_value=p_value,
    )
