"""What the checks share: the forward quantities a formula is evaluated on, the comparison of a
per-layer quantity to the rounding of its sums, and SymPy helpers for generic functions."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import sympy
from hypothesis.strategies import SearchStrategy
from sympy.core.function import AppliedUndef

from impls.backprop import ACTIVATIONS, Network
from theorems.engine import Comparison, Context, Outcome, all_of, close, for_all, show, symbolic, that, within_tolerance

from .strategies import Problem


def pre_activations(net: Network, activations: list[np.ndarray]) -> list[np.ndarray]:
    """``u^l = W^l x^{l-1} + b^l`` (one row per example) from the activations ``x^0 … x^L`` of a forward
    pass (or ``x^0 … x^{L-1}``: the last is not needed)."""
    return [a @ w.T + b for a, w, b in zip(activations[: net.depth], net.weights, net.biases, strict=True)]


def slopes(net: Network, activations: list[np.ndarray]) -> list[np.ndarray]:
    """``φ'(u^l)`` for ``l = 1 … L``."""
    return [ACTIVATIONS[net.activation][1](u) for u in pre_activations(net, activations)]


def magnitude(slope: np.ndarray) -> np.ndarray:
    """The magnitude that enters a computed ``φ'(u)``: autograd takes tanh' as 1 - tanh² and σ' as
    σ(1 - σ), so a computed slope carries the rounding of 1, an absolute error of ε even where the
    slope itself is tiny (a saturated unit)."""
    return np.abs(slope) + 1.0


def jacobian_magnitude(net: Network, slope: list[np.ndarray], start: int, stop: int, example: int = 0) -> np.ndarray:
    """``Π_{l=stop}^{start} (|φ'(u^l)| + 1)|W^l|`` at one example: the magnitudes that enter the Jacobian
    ``∂F_{stop:start}`` (the identity when ``start > stop``)."""
    result = np.eye(net.widths[start - 1])
    for l in range(start, stop + 1):
        result = magnitude(slope[l - 1][example])[:, None] * np.abs(net.weights[l - 1]) @ result
    return result


def param_jacobian(slope: np.ndarray, previous: np.ndarray) -> np.ndarray:
    """``F'_l(z_{l-1})``: ``∂z_{l,i}/∂W^l_{ab} = φ'(u_i) δ_ia z_{l-1,b}`` at one example, ``n_l × n_l × n_{l-1}``."""
    return np.einsum("i,ia,b->iab", slope, np.eye(len(slope)), previous)


def agree(actual: Any, expected: Any, scale: Any, *, label: str, operations: int = 64) -> Comparison:
    """``actual = expected`` to the rounding of a computation whose terms have magnitudes ``scale``
    (a sum of products cancels to a small result with the error of its largest terms)."""
    return close(actual, expected, label=label, rtol=0.0,
                 atol=within_tolerance(scale, actual, expected, operations=operations))


def evaluated(form: Callable[..., Any], *args: Any, label: str) -> np.ndarray | Comparison:
    """The formula's value, or a failed comparison when it is undefined here (its shapes do not match)."""
    try:
        return np.asarray(form(*args), dtype=float)
    except ValueError as exc:
        return that(False, label=label, message=f"the formula is undefined at this instance: {exc}")


def examples(ctx: Context) -> int:
    """Hypothesis examples of a check: a quarter of the profile's (25 quick, 375 full). Every example
    is a whole network (up to 4 layers of up to 4 units, a batch of up to 4), compared layer by layer."""
    return max(1, ctx.profile.max_examples // 4)


def for_problems(ctx: Context, strategy: SearchStrategy[Problem],
                 compare: Callable[[Any, Problem], Iterable[Comparison]]) -> Outcome:
    """``compare(impl, problem)`` holds on every generated network, batch and target."""
    impl = ctx.impl()
    return for_all(ctx, strategy, lambda p: list(compare(impl, p)), describe=Problem.describe,
                   max_examples=examples(ctx))


def one_layer(weight: np.ndarray, activation: str, bias: np.ndarray | None = None) -> Network:
    """The network of the single layer ``x ↦ φ(Wx + b)`` (``b = 0`` unless given)."""
    return Network((weight,), (np.zeros(len(weight)) if bias is None else bias,), activation)


# --- SymPy -------------------------------------------------------------------------------------


def opaque(*exprs: Any) -> list[sympy.Expr]:
    """The expressions with each application of an undefined function, and each derivative of one,
    replaced by a real symbol of its name: a generic derivative becomes a number the proof cannot
    look into, and a false step gets a numeric counterexample."""
    exprs = [sympy.sympify(e) for e in exprs]
    atoms = set().union(*(e.atoms(sympy.Derivative, sympy.Subs, AppliedUndef) for e in exprs))
    mapping = {a: sympy.Symbol(sympy.latex(a), real=True) for a in atoms}
    return [e.xreplace(mapping) for e in exprs]


def weighted(entries: Iterable[Any], name: str = "c") -> sympy.Expr:
    """``Σ c_i e_i`` with fresh symbols ``c_i``: zero for every ``c`` exactly when every ``e_i`` is zero,
    so that a matrix (or tensor) identity is one scalar identity the proof can simplify."""
    entries = list(entries)
    coefficients = sympy.symbols(f"{name}_1:{len(entries) + 1}", real=True)
    return sum((c * e for c, e in zip(coefficients, entries, strict=True)), sympy.Integer(0))


def proved(ctx: Context, *steps: tuple[str, Any], **options: Any) -> Outcome:
    """Each step equals the next, every step shown: each equality is proved as ``difference = 0``.

    The difference is what is proved (rather than the two sides) so that a counterexample point fixes
    every symbol of the sides that does not cancel: a weighted matrix identity whose diagonal agrees
    leaves the diagonal's symbols in both sides but not in their difference.
    """
    for label, expr in steps:
        show(ctx, label, expr)
    return all_of({
        f"«{a}» = «{b}»": lambda ea=ea, eb=eb: symbolic(
            ctx, ("left - right", sympy.sympify(ea) - sympy.sympify(eb)), ("0", sympy.Integer(0)), **options)
        for (a, ea), (b, eb) in itertools.pairwise(steps)
    })
