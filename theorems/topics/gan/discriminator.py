"""The balanced classification problem: the mixture p̃, the Bayes-optimal discriminator and ℓ* = JS − ln 2."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import sympy

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, all_of, at_least, close, prove_chain, show
from theorems.engine.typed import Quantity, TypedForm, quantity
from theorems.topics.infotheory.strategies import EXACT_REGIMES, Pair, discrete_pairs, for_all_pairs, pairs

from . import GOODFELLOW, TOPIC

LN2 = math.log(2.0)


def bayes_discriminator(impl: Any, pair: Pair) -> np.ndarray:
    """The implementation's D* = p/(p + p_θ), clipped to [0, 1]."""
    return np.clip(impl.optimal_discriminator(pair.p, pair.q), 0.0, 1.0)


a, b, D = sympy.symbols("a b D", positive=True)
"""Pointwise: a = p(x) (real density), b = p_θ(x) (generator density), D = discriminator output."""


BALANCED_MIXTURE = Formula(r"\tilde p_\theta(x,y)=\tfrac12\,(y\,p(x)+(1-y)\,p_\theta(x))",
                           lambda p, q, y: 0.5 * (y * p + (1 - y) * q))


@TOPIC.claim("gan.balanced_mixture_def", method="property", canonical=BALANCED_MIXTURE, faithful=("001",),
             printed={"000": Printed(BALANCED_MIXTURE, reading="OCR moved the arguments into the subscripts: "
                                                               "p̃_θ(x, y) and p_θ(x).")})
def balanced_mixture_def(ctx: Context, joint: Formula) -> Outcome:
    """The balanced mixture is the joint law of a fair real/fake label and a sample.

    p̃_θ(x, y) = ½(y p(x) + (1 − y) p_θ(x)), y ∈ {0, 1}, is a distribution with P(y = 1) = ½,
    x | y = 1 ~ p (real) and x | y = 0 ~ p_θ (generated); the implementation's balanced_mixture
    returns exactly this table.
    """
    impl = ctx.impl()

    def prop(pair: Pair) -> list[Comparison]:
        p, q = np.asarray(pair.p, dtype=float), np.asarray(pair.q, dtype=float)
        table = impl.balanced_mixture(pair.p, pair.q)
        stated = np.stack([joint(p, q, 0), joint(p, q, 1)], axis=1)
        return [
            close(table, stated, label="implementation vs stated p̃", rtol=1e-12, atol=1e-300),
            close(stated.sum(), 1.0, label="Σ p̃ = 1", rtol=1e-12),
            close(stated[:, 1].sum(), 0.5, label="P(y = 1) = ½", rtol=1e-12),
            close(2 * stated[:, 1], p, label="x | y = 1 ~ p", rtol=1e-12, atol=1e-300),
            close(2 * stated[:, 0], q, label="x | y = 0 ~ p_θ", rtol=1e-12, atol=1e-300),
        ]

    return for_all_pairs(ctx, prop, discrete_pairs(regimes=EXACT_REGIMES))


def discriminator_formula(latex: str, expr: sympy.Expr) -> Formula:
    """A pointwise discriminator D(a, b) of a = p(x), b = p_θ(x): symbolic, and vectorised for numbers."""
    lambdified = sympy.lambdify((a, b), expr, "numpy")

    def numeric(p: np.ndarray, q: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):  # a damaged formula may be 0/0 or overflow where p = 0
            return np.broadcast_to(lambdified(p, q), np.shape(p))

    return Formula(latex, lambda *args: expr if not args else numeric(*args))


BAYES_D = discriminator_formula(r"\frac{p(x)}{p(x)+p_\theta(x)}", a / (a + b))
# 002 prints D*(x) = (exp(L_data(x)/p_data(x)) + p_p(x)) / (p_data(x) + p_p(x)); read literally with the
# data log-likelihood L_data(x) = ln p_data(x) and p_p = p_g, as nothing else gives it a value.
DAMAGED_D = discriminator_formula(r"\frac{\exp(\ln p_{data}(x)/p_{data}(x)) + p_g(x)}{p_{data}(x)+p_g(x)}",
                                  (sympy.exp(sympy.log(a) / a) + b) / (a + b))


TYPED_DISCRIMINATOR = TypedForm(
    quantity("D^*(x)", "Dstar", "the optimal discriminator's output at x", "D^*", "D(x)", "D"),
    "=", r"\frac{p(x)}{p(x)+p_\theta(x)}",
    (Quantity("p(x)", a, "the data density at x", ("p_{data}(x)", "p_{data}", "p_r(x)", "p")),
     Quantity(r"p_\theta(x)", b, "the generator's density at x", ("p_g(x)", "p_g", r"p_\theta", "q(x)", "q"))),
    lambda rhs, latex: discriminator_formula(latex, rhs),
)


@TOPIC.claim(
    "gan.optimal_discriminator",
    method="sympy",
    canonical=BAYES_D,
    faithful=("001", "003:643"),
    printed={
        "000": Printed(BAYES_D, reading="OCR moved (x) into subscripts: q_θ(x), p_θ(x)."),
        "002": Printed(DAMAGED_D, reading="Damaged formula. Read literally, with the undefined L_data(x) taken as the "
                                          "data log-likelihood ln p_data(x) and p_p as p_g; the numerator of "
                                          "Goodfellow's p_data/(p_data+p_g) is replaced by p_data^(1/p_data) + p_g. "
                                          "Judged as printed, it is not the maximiser."),
        "003:654": Printed(BAYES_D, reading="The classifier is named p_θ on the left, clashing with the generator "
                                            "density p_θ; read as q_θ(x) = p_r(x)/(p_r(x) + p_θ(x)), as in the line "
                                            "below it."),
    },
    references=(GOODFELLOW,),
    typed=TYPED_DISCRIMINATOR,
)
def optimal_discriminator(ctx: Context, discriminator: Formula) -> Outcome:
    """The Bayes-optimal discriminator maximises the logistic likelihood pointwise.

    For fixed p and p_θ, D*(x) = p(x)/(p(x) + p_θ(x)) maximises a ln D + b ln(1 − D) for
    a = p(x), b = p_θ(x) > 0 (the derivative vanishes there and the function is strictly concave),
    hence maximises ℓ(D) = E_p̃[y ln D + (1 − y) ln(1 − D)]. Checked numerically against the
    implementation's optimal_discriminator and likelihood, then proved with SymPy (Goodfellow
    et al. 2014, Proposition 1).
    """
    impl = ctx.impl()

    def numeric(pair: Pair) -> list[Comparison]:
        stated = np.clip(discriminator(np.asarray(pair.p, float), np.asarray(pair.q, float)), 1e-300, 1 - 1e-16)
        best = impl.log_likelihood(pair.p, pair.q, stated, pair.dx)
        nudged = [np.clip(stated * (1 + s), 1e-300, 1 - 1e-16) for s in (-1e-3, 1e-3)]
        return [
            close(bayes_discriminator(impl, pair), stated, label="implementation's D* vs stated D*", rtol=1e-9),
            *(at_least(best, impl.log_likelihood(pair.p, pair.q, d, pair.dx),
                       label="ℓ(stated D) ≥ ℓ(D nudged by 0.1 %)", rtol=1e-12) for d in nudged),
        ]

    objective = a * sympy.log(D) + b * sympy.log(1 - D)

    def symbolic() -> Outcome:
        show(ctx, "pointwise objective a ln D + b ln(1 − D)", objective)
        show(ctx, "its second derivative (< 0: strictly concave)", sympy.diff(objective, D, 2))
        return prove_chain(ctx, [
            ("first derivative at the stated D", sympy.diff(objective, D).subs(D, discriminator())),
            ("zero (stationary, hence the maximum)", sympy.Integer(0)),
        ])

    return all_of({"numbers": lambda: for_all_pairs(ctx, numeric, pairs(full_support=True, regimes=("generic",))),
                   "algebra": symbolic})


def likelihood_integrand(latex: str, integrand: Callable[[Any, Any], Any]) -> Formula:
    """The integrand f(y, q) of ℓ* = E_p̃[f(y, q*(x))], usable with SymPy and NumPy arguments."""
    return Formula(latex, integrand)


LOGISTIC = likelihood_integrand(r"y\ln q + (1-y)\ln(1-q)", lambda y, q: y * sympy.log(q) + (1 - y) * sympy.log(1 - q))
LOGISTIC_WITHOUT_Y = likelihood_integrand(r"\ln q + (1-y)\ln(1-q)",
                                          lambda y, q: sympy.log(q) + (1 - y) * sympy.log(1 - q))


def entropy_term(x: sympy.Expr) -> sympy.Expr:
    return -x * sympy.log(x)


@TOPIC.claim(
    "gan.js_identity",
    method="sympy",
    canonical=LOGISTIC,
    faithful=("000", "003"),
    printed={"001": Printed(LOGISTIC_WITHOUT_Y, reading="As printed the first term has no factor y, so fake samples "
                                                        "(y = 0) also contribute ln q_θ(x); log = ln. Judged as "
                                                        "printed.")},
    depends=("gan.optimal_discriminator", "infotheory.js_divergence_def"),
    references=(GOODFELLOW,),
)
def js_identity(ctx: Context, integrand: Formula) -> Outcome:
    """At the Bayes-optimal discriminator the expected log-likelihood is JS − ln 2.

    ℓ* = E_p̃[y ln q*(x) + (1 − y) ln(1 − q*(x))] = −½H(p) − ½H(p_θ) + H(½(p + p_θ)) − ln 2
       = JS(p, p_θ) − ln 2, with q* = p/(p + p_θ) and p̃ the balanced mixture (000, 001, 003).
    Checked numerically (the stated integrand under the implementation's p̃ and D*, against its
    JS and entropies) on discrete and Gaussian-mixture pairs, then derived pointwise with SymPy:
    per point x with a = p(x), b = p_θ(x), m = (a + b)/2, the integrand equals
    −½h(a) − ½h(b) + h(m) − m ln 2 (h(t) = −t ln t), and Σ_x m(x) = 1 gives the −ln 2.
    """
    impl = ctx.impl()
    q = sympy.Symbol("q")
    # one function per label, so that SymPy drops the 0·ln q terms before NumPy could turn them into NaN
    per_label = [sympy.lambdify(q, integrand(label, q), "numpy") for label in (0, 1)]

    def numeric(pair: Pair) -> list[Comparison]:
        weights = np.ones(pair.size) if pair.dx is None else pair.dx
        table = impl.balanced_mixture(pair.p, pair.q)
        d_star = bayes_discriminator(impl, pair)
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = [np.where(table[:, label] > 0, table[:, label] * per_label[label](d_star), 0.0)
                     for label in (0, 1)]
        stated = float(np.sum(weights * (terms[0] + terms[1])))
        h_p, h_q, h_m = (impl.entropy(density, pair.dx) for density in (pair.p, pair.q, pair.m))
        js = impl.js(pair.p, pair.q, pair.dx)
        return [
            close(stated, js - LN2, label="stated ℓ* vs JS − ln 2", rtol=1e-9, atol=1e-9),
            close(-h_p / 2 - h_q / 2 + h_m - LN2, js - LN2, label="entropy form vs JS − ln 2", rtol=1e-9, atol=1e-9),
        ]

    def symbolic() -> Outcome:
        m = (a + b) / 2
        q_star = a / (a + b)
        expectation = sympy.Rational(1, 2) * (a * integrand(1, q_star) + b * integrand(0, q_star))
        return prove_chain(ctx, [
            ("E over y of the stated integrand at x, with p̃ = ½(y a + (1 − y) b), q* = a/(a + b)", expectation),
            ("−½h(a) − ½h(b) + h(m) − m ln 2", -entropy_term(a) / 2 - entropy_term(b) / 2 + entropy_term(m)
             - m * sympy.log(2)),
            ("JS integrand ½a ln(a/m) + ½b ln(b/m), minus m ln 2", a * sympy.log(a / m) / 2 + b * sympy.log(b / m) / 2
             - m * sympy.log(2)),
        ], simplify=lambda e: sympy.simplify(sympy.expand_log(e, force=True)))

    return all_of({"numbers": lambda: for_all_pairs(ctx, numeric, pairs(regimes=EXACT_REGIMES)), "algebra": symbolic})
