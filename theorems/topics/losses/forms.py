"""Formulas that run both ways, and the two checks every loss claim makes of them.

A formula here is a :class:`~theorems.engine.Formula` whose function takes ``(m, ...)``: ``m`` is the
mathematics it is written in: :data:`SYMBOLIC` (SymPy, to be proved equal to the loss's definition) or
:data:`FLOAT64` (NumPy, to be compared with the implementation). The float64 primitives are the stable
ones (log σ(t) = -log(1 + e^{-t}) through ``logaddexp``, log Σ e^{zⱼ} through ``logsumexp``), so that
a formula evaluated in float64 is its exact value rounded, at every logit up to ±1e300.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, TypeVar

import numpy as np
import sympy
from hypothesis.strategies import SearchStrategy
from scipy.special import logsumexp, softmax

from impls.losses import SIGMOID
from theorems.engine import Comparison, Context, Outcome, close, for_all, symbolic, within_tolerance

T = TypeVar("T")


def float_examples(ctx: Context) -> int:
    """Hypothesis examples for a float64 comparison with a formula that is also proved: a fifth of the
    profile's (20 in quick, 300 in full)."""
    return max(1, ctx.profile.max_examples // 5)


def dot(a: Sequence[Any], b: Sequence[Any]) -> Any:
    """Σᵢ aᵢbᵢ, for SymPy symbols and float64 numbers alike."""
    return sum(ai * bi for ai, bi in zip(a, b, strict=True))


def one_hot(y: int, k: int) -> list[int]:
    return [int(i == y) for i in range(k)]


class Symbolic:
    """The definitions, in SymPy."""

    log = staticmethod(sympy.log)

    def sigmoid(self, t: Any) -> Any:
        return 1 / (1 + sympy.exp(-t))

    def log_sigmoid(self, t: Any) -> Any:
        return sympy.log(self.sigmoid(t))

    def logsumexp(self, z: Sequence[Any]) -> Any:
        return sympy.log(sum(sympy.exp(zj) for zj in z))

    def softmax(self, z: Sequence[Any]) -> list[Any]:
        total = sum(sympy.exp(zj) for zj in z)
        return [sympy.exp(zi) / total for zi in z]


class Float64:
    """The same functions in float64, each computed without overflow."""

    log = staticmethod(np.log)
    sigmoid = staticmethod(SIGMOID)

    def log_sigmoid(self, t: Any) -> Any:
        return -np.logaddexp(0.0, -np.asarray(t, dtype=float))

    def logsumexp(self, z: Sequence[Any]) -> float:
        return float(logsumexp(np.asarray(z, dtype=float)))

    def softmax(self, z: Sequence[Any]) -> np.ndarray:
        return softmax(np.asarray(z, dtype=float))


SYMBOLIC = Symbolic()
FLOAT64 = Float64()


def agrees(
    ctx: Context,
    strategy: SearchStrategy[T],
    computed: Callable[[T], Any],
    stated: Callable[[T], Any],
    *,
    label: str,
    scale: Callable[[T], Sequence[Any]] = lambda _: (),
    describe: Callable[[T], Any] = lambda case: case,
) -> Outcome:
    """What the implementation computes equals the stated formula in float64 on every generated case,
    to a relative 1e-9 plus 64 roundings of the magnitudes involved: the two results and those that
    ``scale`` names (the logits, where a loss is a difference of logits; the constant 1, where a value
    is computed as log(1 + e^{-|t|}) or σ - y)."""

    def prop(case: T) -> Comparison:
        with np.errstate(all="ignore"):
            got = np.asarray(computed(case), dtype=float)
            want = np.asarray(stated(case), dtype=float)
        return close(got, want, label=label, rtol=1e-9, atol=within_tolerance(got, want, *scale(case)))

    return for_all(ctx, strategy, prop, describe=describe, max_examples=float_examples(ctx))


def proved_entries(ctx: Context, entries: dict[str, tuple[tuple[str, Any], tuple[str, Any]]]) -> dict[str, Any]:
    """One SymPy proof per entry (``name: ((label, derived), (label, stated))``), as parts of ``all_of``."""
    return {name: partial(symbolic, ctx, *pair) for name, pair in entries.items()}
