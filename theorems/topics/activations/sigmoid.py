"""The logistic function σ(z) = 1/(1 + e⁻ᶻ) and tanh: symmetry, derivatives, inverse, their relation.

Each identity is a printed chain ``e₀ = e₁ = …`` (:func:`.forms.chain_holds`): proved in SymPy from
the definitions, and checked on the implementation's float64 values. In float64 σ(z) rounds to 1
for z > 36.7, so ``1 - σ(z)`` is 0 there while σ(-z) = e⁻ᶻ is not: such formulas agree with the
implementation only to about ε in absolute terms, which is the tolerance used.
"""

from __future__ import annotations

import numpy as np
import sympy

from theorems.engine import Context, Formula, Outcome, Printed, all_of, at_most, for_all, symbolic, within_tolerance

from . import TOPIC
from .forms import DEFINITIONS, chain_agrees, chain_holds, float_examples, formula, log, z
from .strategies import probabilities, reals

SIGMA_PRIME = formula(r"\sigma'(z)", lambda f, x: f.sigmoid_derivative(x))
SIGMA_ONE_MINUS_SIGMA = formula(r"\sigma(z)(1-\sigma(z))", lambda f, x: f.sigmoid(x) * (1 - f.sigmoid(x)))
SIGMA_TIMES_REFLECTION = formula(r"\sigma(z)\sigma(-z)", lambda f, x: f.sigmoid(x) * f.sigmoid(-x))


@TOPIC.claim(
    "activations.sigmoid_symmetry",
    method="sympy",
    canonical=(formula(r"\sigma(-z)", lambda f, x: f.sigmoid(-x)),
               formula(r"1-\sigma(z)", lambda f, x: 1 - f.sigmoid(x))),
    faithful=("000:75", "000:105", "002", "003"),
)
def sigmoid_symmetry(ctx: Context, chain: tuple[Formula, ...]) -> Outcome:
    """The logistic function is point-symmetric about (0, ½).

    σ(z) = 1/(1 + e⁻ᶻ) satisfies σ(z) + σ(-z) = 1, i.e. σ(-z) = 1 - σ(z), for every real z.
    """
    return chain_holds(ctx, chain, reals())


@TOPIC.claim(
    "activations.sigmoid_derivative",
    method="sympy",
    canonical=(SIGMA_PRIME, SIGMA_ONE_MINUS_SIGMA),
    faithful=("000:77", "000:107", "002", "003"),
    printed={"001": Printed((SIGMA_PRIME, SIGMA_ONE_MINUS_SIGMA, SIGMA_TIMES_REFLECTION),
                            reading="Two equalities: both right-hand sides are checked against σ'(z).")},
)
def sigmoid_derivative(ctx: Context, chain: tuple[Formula, ...]) -> Outcome:
    """The logistic function's derivative is a polynomial in σ.

    σ'(z) = σ(z)(1 - σ(z)) for every real z (and = σ(z)σ(-z) by the symmetry σ(-z) = 1 - σ(z)).
    The implementation's derivative (autograd, for an adapter) is compared with the formula applied
    to its own σ values.
    """
    return chain_holds(ctx, chain, reals())


@TOPIC.claim(
    "activations.sigmoid_second_derivative",
    method="sympy",
    canonical=(formula(r"\sigma''(z)", lambda f, x: f.sigmoid_second_derivative(x)),
               formula(r"\sigma(1-\sigma)(1-2\sigma)",
                       lambda f, x: f.sigmoid(x) * (1 - f.sigmoid(x)) * (1 - 2 * f.sigmoid(x)))),
    faithful=("000", "003"),
)
def sigmoid_second_derivative(ctx: Context, chain: tuple[Formula, ...]) -> Outcome:
    """The logistic function's second derivative.

    σ''(z) = σ(z)(1 - σ(z))(1 - 2σ(z)) for every real z.
    """
    return chain_holds(ctx, chain, reals())


@TOPIC.claim(
    "activations.sigmoid_derivative_tanh",
    method="sympy",
    canonical=(SIGMA_PRIME,
               formula(r"\tfrac14\tanh'(\tfrac12 z)", lambda f, x: f.tanh_derivative(x / 2) / 4),
               formula(r"\tfrac14(1-\tanh^2(\tfrac12 z))", lambda f, x: (1 - f.tanh(x / 2) ** 2) / 4)),
    faithful=("002",),
)
def sigmoid_derivative_tanh(ctx: Context, chain: tuple[Formula, ...]) -> Outcome:
    """The logistic derivative through tanh.

    σ'(z) = ¼ tanh'(z/2) = ¼ (1 - tanh²(z/2)), since σ(z) = (1 + tanh(z/2))/2.
    """
    return chain_holds(ctx, chain, reals())


@TOPIC.claim(
    "activations.tanh_sigmoid_relation",
    method="sympy",
    canonical=(formula(r"\tanh(z)", lambda f, x: f.tanh(x)),
               formula(r"2\sigma(2z)-1", lambda f, x: 2 * f.sigmoid(2 * x) - 1)),
    faithful=("000", "001", "003"),
)
def tanh_sigmoid_relation(ctx: Context, chain: tuple[Formula, ...]) -> Outcome:
    """tanh is a rescaled logistic function.

    tanh(z) = (eᶻ - e⁻ᶻ)/(eᶻ + e⁻ᶻ) = 2σ(2z) - 1 for every real z.
    """
    return chain_holds(ctx, chain, reals())


@TOPIC.claim(
    "activations.tanh_derivative",
    method="sympy",
    canonical=(formula(r"\tanh'(z)", lambda f, x: f.tanh_derivative(x)),
               formula(r"1-\tanh^2(z)", lambda f, x: 1 - f.tanh(x) ** 2)),
    faithful=("000", "001", "002", "003"),
)
def tanh_derivative(ctx: Context, chain: tuple[Formula, ...]) -> Outcome:
    """The derivative of tanh.

    tanh'(z) = 1 - tanh²(z) for every real z, tanh(z) = (eᶻ - e⁻ᶻ)/(eᶻ + e⁻ᶻ).
    """
    return chain_holds(ctx, chain, reals())


LOGIT = formula(r"\log\frac{t}{1-t}", lambda _, t: log(t / (1 - t)))


@TOPIC.claim(
    "activations.sigmoid_inverse",
    method="sympy",
    canonical=LOGIT,
    faithful=("001", "002"),
)
def sigmoid_inverse(ctx: Context, inverse: Formula) -> Outcome:
    """The inverse of the logistic function is the logit (log-odds).

    σ⁻¹(t) = log(t/(1 - t)) for t in (0, 1): σ(σ⁻¹(t)) = t and σ⁻¹(σ(z)) = z. Checked: the
    implementation's ``logit`` equals the formula and σ(logit(t)) = t on float64 t from the smallest
    subnormal to 1 - 2⁻⁵³; then both compositions proved.
    """
    t = sympy.Symbol("t", positive=True)
    implemented = formula(r"\sigma^{-1}(t)", lambda f, x: f.logit(x))
    itself = formula("t", lambda _, x: x)
    return all_of({
        "implementation's logit": lambda: chain_agrees(ctx, (implemented, inverse), probabilities()),
        "σ(σ⁻¹(t)) = t in float64": lambda: chain_agrees(
            ctx, (itself, formula(r"\sigma(\sigma^{-1}(t))", lambda f, x: f.sigmoid(f.logit(x)))), probabilities()),
        "σ(σ⁻¹(t)) = t": lambda: symbolic(
            ctx, (r"\sigma(\sigma^{-1}(t))", DEFINITIONS.sigmoid(inverse(DEFINITIONS, t))), ("t", t),
            domain={t: (0.01, 0.99)}),
        "σ⁻¹(σ(z)) = z": lambda: symbolic(
            ctx, (r"\sigma^{-1}(\sigma(z))", inverse(DEFINITIONS, DEFINITIONS.sigmoid(z))), ("z", z),
            simplify=lambda e: sympy.simplify(sympy.expand_log(e, force=True))),
    })


@TOPIC.claim(
    "activations.sigmoid_gradient_vanishes",
    method="sympy",
    canonical=sympy.Integer(0),
    faithful=("001",),
)
def sigmoid_gradient_vanishes(ctx: Context, limit: sympy.Expr) -> Outcome:
    """The logistic gradient vanishes for large |z|.

    σ'(z) = σ(z)σ(-z) → 0 as z → ±∞; quantitatively σ'(z) ≤ e^{-|z|} (since σ(z)σ(-z) =
    e^{-|z|}/(1 + e^{-|z|})²), checked on the implementation's σ' from subnormal z to ±1e300 with the
    search pushed to the tightest z, to 64ε in absolute terms (a σ' computed as σ(1 - σ), as autograd
    does, carries the rounding of 1 - σ: a relative error of 1e-7 at z = 20); both limits proved.
    """
    impl = ctx.impl()
    limits = [(rf"\lim_{{z\to{end}}}\sigma(z)\sigma(-z)",
               sympy.limit(DEFINITIONS.sigmoid(z) * DEFINITIONS.sigmoid(-z), z, sign * sympy.oo))
              for end, sign in (("+\\infty", 1), ("-\\infty", -1))]
    return all_of({
        "σ'(z) ≤ e^{-|z|}": lambda: for_all(
            ctx, reals(), lambda x: at_most(float(impl.sigmoid_derivative(x)[0]), float(np.exp(-abs(x[0]))),
                                            label="σ'(z) ≤ e^{-|z|}", atol=within_tolerance(1.0)),
            describe=lambda x: float(x[0]), max_examples=float_examples(ctx)),
        "z → +∞": lambda: symbolic(ctx, limits[0], ("stated limit", limit)),
        "z → -∞": lambda: symbolic(ctx, limits[1], ("stated limit", limit)),
    })
