"""ReLU (z)₊ = max(0, z) and the absolute value |z|: subdifferentials, the unit gradient, their relation.

The subdifferential of a convex f at z₀ is ∂f(z₀) = {c : f(z) - f(z₀) ≥ c(z - z₀) for all z}; for a
convex function of one variable it is the interval [f'₋(z₀), f'₊(z₀)] of its one-sided derivatives
(Rockafellar 1970, Thm 23.2/24.1). (z)₊ and |z| are linear on each side of 0, so a one-sided
difference quotient over a step that does not cross 0 is the one-sided derivative exactly: the
checks compute it in exact rational arithmetic at float64 points.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from functools import partial

import numpy as np
import sympy

from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    at_least,
    equal,
    for_all,
    symbolic,
    that,
)

from . import ROCKAFELLAR, TOPIC
from .forms import DEFINITIONS, chain_agrees, chain_proved, float_examples, formula
from .strategies import kink_pairs, positives, reals

Scalar = Callable[[Fraction], Fraction]


@dataclass(frozen=True)
class Subgradients:
    """A printed ∂f: at each z₀, ``formula(z₀)`` is the closed interval ``(lo, hi)`` (``interval``) or the
    values the line lists (a choice of subgradient, as when it gives ReLU'(0) two values)."""

    formula: Formula
    interval: bool = True


def one_sided_derivatives(f: Scalar, z0: Fraction) -> tuple[Fraction, Fraction]:
    """(f'₋(z₀), f'₊(z₀)) of a function that is linear on each side of 0, exactly."""
    step = abs(z0) if z0 != 0 else Fraction(1)
    return (f(z0) - f(z0 - step)) / step, (f(z0 + step) - f(z0)) / step


def subdifferential_holds(ctx: Context, stated: Subgradients, f: Scalar, method: str) -> Outcome:
    """The stated ∂f(z₀) is [f'₋(z₀), f'₊(z₀)] (or, for a list of values, lies in it and is {f'(z₀)}
    where f is differentiable); each stated value c satisfies the definition f(z) - f(z₀) ≥ c(z - z₀)
    at the drawn z; and the implementation's derivative ``method`` at z₀ is a subgradient."""
    impl = ctx.impl()
    derivative = getattr(impl, method)

    def prop(pair: tuple[float, float]) -> list[Comparison]:
        z0, z = Fraction(pair[0]), Fraction(pair[1])
        left, right = one_sided_derivatives(f, z0)
        values = [Fraction(v) for v in stated.formula(z0)]
        if stated.interval:
            checks = [equal((values[0], values[-1]), (left, right), label="stated ∂f(z₀) = [f'₋(z₀), f'₊(z₀)]")]
        else:
            checks = [that(all(left <= c <= right for c in values) and (left != right or set(values) == {left}),
                           label="stated values are subgradients",
                           message=f"stated {[str(c) for c in values]}, ∂f(z₀) = [{left}, {right}]")]
        checks += [at_least(float(f(z) - f(z0) - c * (z - z0)), 0.0, label="f(z) - f(z₀) - c(z - z₀) ≥ 0")
                   for c in values]
        chosen = Fraction(float(derivative(np.array([pair[0]]))[0]))
        checks.append(that(left <= chosen <= right, label=f"implementation's {method}(z₀) ∈ ∂f(z₀)",
                           message=f"{method}({pair[0]}) = {chosen}, ∂f(z₀) = [{left}, {right}]"))
        return checks

    return for_all(ctx, kink_pairs(), prop, describe=lambda pair: {"z0": pair[0], "z": pair[1]})


RELU_SUBDIFFERENTIAL = Subgradients(Formula(
    r"\partial(z)_+ = \begin{cases} \{1\} & z>0 \\ [0,1] & z=0 \\ \{0\} & z<0 \end{cases}",
    lambda z0: (1, 1) if z0 > 0 else (0, 1) if z0 == 0 else (0, 0)))


def relu(z: Fraction) -> Fraction:
    return max(z, Fraction(0))


@TOPIC.claim(
    "activations.relu_subdifferential",
    method="property",
    canonical=RELU_SUBDIFFERENTIAL,
    printed={
        "001": Printed(RELU_SUBDIFFERENTIAL,
                       reading="The third case prints 'else' with its value lost; read as {0} for z < 0, the only "
                               "value that makes the cases the subdifferential."),
        "002": Printed(Subgradients(Formula(r"\mathrm{ReLU}'(x) = \begin{cases} 0 & x\le 0 \\ 1 & x\ge 0\end{cases}",
                                            lambda z0: (0, 1) if z0 == 0 else (1,) if z0 > 0 else (0,)),
                                    interval=False),
                       reading="The cases overlap at x = 0, where the line gives ReLU'(0) both 0 and 1: read as a "
                               "choice of subgradient at the kink, each value checked to lie in ∂ReLU(0) = [0, 1]."),
    },
    depends=("activations.subdifferential_def",),
    references=(ROCKAFELLAR,),
)
def relu_subdifferential(ctx: Context, stated: Subgradients) -> Outcome:
    """The subdifferential of the ReLU.

    ∂(z)₊ = {1} for z > 0, [0, 1] at z = 0, {0} for z < 0. Checked at float64 z₀ (0 half the time)
    in exact arithmetic, with the implementation's ReLU derivative required to be a subgradient.
    """
    return subdifferential_holds(ctx, stated, relu, "relu_derivative")


@TOPIC.claim(
    "activations.abs_subdifferential",
    method="property",
    canonical=Subgradients(Formula(r"\partial|z| = \begin{cases} 1 & z>0 \\ [-1,1] & z=0 \\ -1 & z<0\end{cases}",
                                   lambda z0: (1, 1) if z0 > 0 else (-1, 1) if z0 == 0 else (-1, -1))),
    faithful=("001",),
    depends=("activations.subdifferential_def",),
    references=(ROCKAFELLAR,),
)
def abs_subdifferential(ctx: Context, stated: Subgradients) -> Outcome:
    """The subdifferential of the absolute value.

    ∂|z| = {1} for z > 0, [-1, 1] at z = 0, {-1} for z < 0.
    """
    return subdifferential_holds(ctx, stated, abs, "abs_derivative")


TOPIC.not_checkable(
    "activations.subdifferential_def",
    title="The subdifferential of a convex function",
    statement="∂f(z₀) = {c : f(z) - f(z₀) ≥ c(z - z₀) for all z}, for convex f.",
    reason="A definition: it names a set and asserts nothing. The subdifferentials of (z)₊ and |z| are checked "
           "against it (activations.relu_subdifferential, activations.abs_subdifferential).",
    references=(ROCKAFELLAR,),
)


@TOPIC.claim(
    "activations.relu_unit_gradient",
    method="sympy",
    canonical=sympy.Integer(1),
    faithful=("001",),
)
def relu_unit_gradient(ctx: Context, slope: sympy.Expr) -> Outcome:
    """Active ReLUs pass the gradient through unchanged.

    ∂(z)₊ = {1} for every z > 0. Checked on the implementation's ReLU derivative at every float64
    z > 0, from the smallest subnormal to 1e300 (where a finite difference fails), and proved.
    """
    impl = ctx.impl()
    p = sympy.Symbol("z", positive=True)
    return all_of({
        "float64": lambda: for_all(ctx, positives(), lambda x: equal(float(impl.relu_derivative(x)[0]), float(slope),
                                                                     label="ReLU'(z) for z > 0"),
                                   describe=lambda x: float(x[0]), max_examples=float_examples(ctx)),
        "algebra": lambda: symbolic(ctx, (r"\frac{d}{dz}(z)_+,\ z>0", sympy.diff(DEFINITIONS.relu(p), p)),
                                    ("stated", slope)),
    })


RELU = formula(r"(z)_+", lambda f, x: f.relu(x))
ABS = formula(r"|z|", lambda _, x: abs(x))


@TOPIC.claim(
    "activations.relu_abs_relation",
    method="sympy",
    canonical=((RELU, formula(r"\frac{z+|z|}{2}", lambda _, x: (x + abs(x)) / 2)),
               (ABS, formula(r"2(z)_+ - z", lambda f, x: 2 * f.relu(x) - x),
                formula(r"(z)_+ + (-z)_+", lambda f, x: f.relu(x) + f.relu(-x)))),
    faithful=("001",),
)
def relu_abs_relation(ctx: Context, chains: tuple[tuple[Formula, ...], ...]) -> Outcome:
    """ReLU and absolute value in terms of each other.

    (z)₊ = (z + |z|)/2 and |z| = 2(z)₊ - z = (z)₊ + (-z)₊. Checked on float64 |z| ≤ 1e300 (beyond
    about 9e307, z + |z| and 2(z)₊ overflow in float64 while (z)₊ and |z| do not), and proved for
    z > 0, z < 0 and z = 0 separately (SymPy then decides max and |·| itself).
    """
    p = sympy.Symbol("p", positive=True)
    cases = {"z > 0": p, "z < 0": -p, "z = 0": sympy.Integer(0)}
    return all_of({
        **{f"float64, {chain[0].latex}": partial(chain_agrees, ctx, chain, reals()) for chain in chains},
        **{f"{chain[0].latex}, {name}": partial(chain_proved, ctx, chain, at=case)
           for chain in chains for name, case in cases.items()},
    })
