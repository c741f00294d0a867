"""GAN theory: the optimal discriminator, the Jensen–Shannon identity and the divergences beneath them.

Standard results: Goodfellow et al. (2014), Proposition 1 and Theorem 1: for fixed G the optimal
discriminator is p_data/(p_data + p_g), and max_D V(D, G) = -log 4 + 2 JS(p_data ‖ p_g), minimal iff
p_g = p_data. JS(p‖q) = ½KL(p‖m) + ½KL(q‖m), m = ½(p + q), 0 ≤ JS ≤ ln 2 with ln 2 exactly for
disjoint supports. The topic also owns the ``infotheory.*`` claims (entropy, cross-entropy, KL).
All logarithms are natural unless a claim says otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.optimize import linprog
from scipy.special import expit, xlogy

from impls.gan import Divergences, GanImpl, train_logistic_discriminator
from theorems.engine import (
    Comparison,
    Context,
    Formula,
    ImplementationError,
    Outcome,
    Printed,
    Topic,
    all_of,
    as_array,
    at_least,
    at_most,
    close,
    decide,
    for_all,
    for_each,
    prove_chain,
    show,
    that,
)
from theorems.engine.catalog import D000, D001, D002, D003, D004
from theorems.engine.stats import hoeffding_mean_p_value
from theorems.strategies.gan import (
    ALL_REGIMES,
    EXACT_REGIMES,
    Pair,
    bilinear_games,
    discrete_pairs,
    gaussian_pairs,
    on_common_grid,
    pairs,
)
from theorems.strategies.gan import GaussianMixture as Mixture

TOPIC = Topic(
    "gan",
    "GANs and information theory",
    summary="Optimal discriminator, ℓ* = JS − ln 2, V(D*, G) = 2 JS − log 4, JS bounds, Wasserstein duality, "
            "and the entropy / cross-entropy / KL facts they rest on.",
    protocol=GanImpl,
    reference="impls.gan:Divergences",
)

GOODFELLOW = "Goodfellow et al. (2014), Generative Adversarial Nets, Proposition 1 and Theorem 1"
LN2 = math.log(2.0)


# --- shared helpers ---------------------------------------------------------------------------


def example_count(ctx: Context, quick: int = 40) -> int:
    """Hypothesis examples of a property check: ``quick`` in the quick profile, scaled up in the full one.

    The pair strategies aim at the delicate regimes directly, so 40 examples reach each of them several times.
    """
    return ctx.scaled(quick)


def scalar(value: Any, *, what: str, allow_inf: bool = False) -> float:
    """A real number returned by the implementation (NaN is always an error, ±inf only when allowed)."""
    number = float(as_array(value, what=what, shape=(), finite=False))
    if math.isnan(number) or (math.isinf(number) and not allow_inf):
        raise ImplementationError(f"{what} is {number}")
    return number


def vector(value: Any, *, what: str, size: int) -> np.ndarray:
    return as_array(value, what=what, shape=(size,))


def for_all_pairs(ctx: Context, prop: Callable[[Pair], Sequence[Comparison]],
                  strategy: st.SearchStrategy[Pair] | None = None, **options: Any) -> Outcome:
    options.setdefault("max_examples", example_count(ctx))
    return for_all(ctx, strategy if strategy is not None else pairs(), prop, describe=Pair.describe, **options)


def mixture_entropy_parts(impl: Any, pair: Pair) -> tuple[float, float, float]:
    """``H(p)``, ``H(q)`` and ``H(½(p + q))`` from the implementation."""
    return (scalar(impl.entropy(pair.p, pair.dx), what="entropy(p)"),
            scalar(impl.entropy(pair.q, pair.dx), what="entropy(q)"),
            scalar(impl.entropy(pair.m, pair.dx), what="entropy(m)"))


def bayes_discriminator(impl: Any, pair: Pair) -> np.ndarray:
    return np.clip(vector(impl.optimal_discriminator(pair.p, pair.q), what="optimal_discriminator(p, q)",
                          size=pair.size), 0.0, 1.0)


# --- the balanced classification problem ------------------------------------------------------

a, b, D = sympy.symbols("a b D", positive=True)
"""Pointwise: a = p(x) (real density), b = p_θ(x) (generator density), D = discriminator output."""


@TOPIC.claim(
    "gan.balanced_mixture_def",
    method="property",
    canonical=Formula(r"\tilde p_\theta(x,y)=\tfrac12\,(y\,p(x)+(1-y)\,p_\theta(x))",
                      lambda p, q, y: 0.5 * (y * p + (1 - y) * q)),
    printed=[
        Printed(D000, Formula(r"\tfrac12(yp(x)+(1-y)p_\theta(x))", lambda p, q, y: 0.5 * (y * p + (1 - y) * q)),
                r"\tilde{p}_{\theta(x,y)} = \frac{1}{2}(yp(x) + (1-y)p_{\theta(x)})",
                reading="OCR moved the arguments into the subscripts: p̃_θ(x, y) and p_θ(x)."),
        Printed(D001, Formula(r"\tfrac12(yp(x)+(1-y)p_\theta(x))", lambda p, q, y: 0.5 * (y * p + (1 - y) * q)),
                r"\tilde{p}_{\theta}(x, y) = \frac{1}{2} (yp(x) + (1-y)p_{\theta}(x))"),
    ],
)
def balanced_mixture_def(ctx: Context, joint: Formula) -> Outcome:
    """The balanced mixture is the joint law of a fair real/fake label and a sample.

    p̃_θ(x, y) = ½(y p(x) + (1 − y) p_θ(x)), y ∈ {0, 1}, is a distribution with P(y = 1) = ½,
    x | y = 1 ~ p (real) and x | y = 0 ~ p_θ (generated); the implementation's balanced_mixture
    returns exactly this table.
    """
    impl = ctx.impl()

    def prop(pair: Pair) -> list[Comparison]:
        p, q = np.asarray(pair.p, dtype=float), np.asarray(pair.q, dtype=float)
        table = as_array(impl.balanced_mixture(pair.p, pair.q), what="balanced_mixture(p, q)", shape=(pair.size, 2))
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


@TOPIC.claim(
    "gan.optimal_discriminator",
    method="sympy",
    canonical=BAYES_D,
    printed=[
        Printed(D000, BAYES_D, r"q_\theta(x) := P\{y=1\mid x\} = \frac{p(x)}{p(x)+p_\theta(x)}",
                reading="OCR moved (x) into subscripts: q_θ(x), p_θ(x)."),
        Printed(D001, BAYES_D, r"q_{\theta}(x) = \frac{p(x)}{p(x) + p_{\theta}(x)} = P(y = 1|x)"),
        Printed(D002, DAMAGED_D,
                r"D^*(x) = \frac{\exp(\frac{\mathcal{L}_{data}(x)}{p_{data}(x)}) + p_p(x)}{p_{data}(x) + p_p(x)}",
                reading="Damaged formula. Read literally, with the undefined L_data(x) taken as the data "
                        "log-likelihood ln p_data(x) and p_p as p_g; the numerator of Goodfellow's p_data/(p_data+p_g) "
                        "is replaced by p_data^(1/p_data) + p_g. Judged as printed, it is not the maximiser."),
        Printed(D003, BAYES_D, r"D^*(x) = \frac{p_{\text{data}}(x)}{p_{\text{data}}(x) + p_G(x)}", line=643),
        Printed(D003, BAYES_D, r"p_\theta(x) = P(y=1|x) = \frac{p_r(x)}{p_r(x) + p_\theta(x)}", line=654,
                reading="The classifier is named p_θ on the left, clashing with the generator density p_θ; read "
                        "as q_θ(x) = p_r(x)/(p_r(x) + p_θ(x)), as in the line below it."),
    ],
    references=(GOODFELLOW,),
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
        best = scalar(impl.log_likelihood(pair.p, pair.q, stated, pair.dx), what="ℓ(stated D)")
        nudged = [np.clip(stated * (1 + s), 1e-300, 1 - 1e-16) for s in (-1e-3, 1e-3)]
        return [
            close(bayes_discriminator(impl, pair), stated, label="implementation's D* vs stated D*", rtol=1e-9),
            *(at_least(best, scalar(impl.log_likelihood(pair.p, pair.q, d, pair.dx), what="ℓ(nudged D)"),
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
    printed=[
        Printed(D000, LOGISTIC, r"\ell^* = E_{\tilde p_\theta}[y\ln q_\theta + (1-y)\ln(1-q_\theta)] = -\frac12 H(p) "
                                r"- \frac12 H(p_\theta) + H(\frac12(p+p_\theta)) - \ln 2 = JS(p,p_\theta) - \ln 2"),
        Printed(D001, LOGISTIC_WITHOUT_Y,
                r"I^*(\theta) = \mathbb{E}_{\tilde{p}_{\theta}} [\log q_{\theta}(x) + (1-y) \log(1-q_{\theta}(x))] "
                r"= JS(p, p_{\theta}) - \log 2",
                reading="As printed the first term has no factor y, so fake samples (y = 0) also contribute "
                        "ln q_θ(x); log = ln. Judged as printed."),
        Printed(D003, LOGISTIC, r"\ell^*(\theta) = E_{\tilde p_\theta(x,y)}[y\ln q_\theta(x) + (1-y)\ln(1-q_\theta(x))]"
                                r" = JS(p_r\,\|\,p_\theta) - \ln 2"),
    ],
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
        table = as_array(impl.balanced_mixture(pair.p, pair.q), what="balanced_mixture", shape=(pair.size, 2))
        d_star = bayes_discriminator(impl, pair)
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = [np.where(table[:, label] > 0, table[:, label] * per_label[label](d_star), 0.0)
                     for label in (0, 1)]
        stated = float(np.sum(weights * (terms[0] + terms[1])))
        h_p, h_q, h_m = mixture_entropy_parts(impl, pair)
        js = scalar(impl.js(pair.p, pair.q, pair.dx), what="js(p, q)")
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


# --- the GAN value --------------------------------------------------------------------------


def value_integrand(latex: str, integrand: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]) -> Formula:
    """The pointwise integrand v(p_data(x), p_g(x), D(x)) of V(D, G) = Σ_x v (∫ v dx for densities)."""
    return Formula(latex, integrand)


LOG_VALUE = value_integrand(r"p_{data}\ln D + p_g\ln(1-D)", lambda p, g, d: p * np.log(d) + g * np.log1p(-d))
LINEAR_VALUE = value_integrand(r"p_{data}\,D + p_g\,(1-D)", lambda p, g, d: p * d + g * (1 - d))
DISCRIMINATOR_GRID = np.linspace(0.0, 1.0, 20001)


@TOPIC.claim(
    "gan.minimax_objective",
    method="property",
    canonical=LOG_VALUE,
    printed=[
        Printed(D000, LINEAR_VALUE, r"V(G, D) = E_{x_r \sim p_{data}} D(x_r) + E_{z \sim p_z} (1 - D(G(z)))",
                reading="Printed without logarithms. Judged as printed: the inner maximum over D of this "
                        "linear objective is attained at D = 1[p_data > p_g] with value 1 + TV(p_data, p_g), "
                        "not at p_data/(p_data + p_g) with value 2 JS − log 4."),
        Printed(D001, LOG_VALUE, r"\min_G \max_D E_{x\sim p}[\log D(x)] + E_{z\sim p_Z}[\log(1-D(G(z)))]"),
        Printed(D002, LOG_VALUE, r"\min_G \max_D V(D,G) = E_{x\sim p_{data}}[\log D(x)] "
                                 r"+ E_{z\sim p_z}[\log(1-D(G(z)))]"),
        Printed(D003, LOG_VALUE, r"\min_\theta \max_\varphi E_{x\sim p_r}[\log D_\varphi(x)] + "
                                 r"E_{z\sim p_z}[\log(1-D_\varphi(G_\theta(z)))]"),
    ],
    depends=("gan.optimal_discriminator", "gan.value_at_optimum"),
    references=(GOODFELLOW,),
)
def minimax_objective(ctx: Context, integrand: Formula) -> Outcome:
    """The GAN objective's inner maximum is the Jensen–Shannon game.

    V(D, G) = E_{p_data}[ln D(x)] + E_{z~p_z}[ln(1 − D(G(z)))] = Σ_x p_data ln D + p_g ln(1 − D); for
    fixed G its maximum over D: X → [0, 1] is attained at D* = p_data/(p_data + p_g) and equals
    2 JS(p_data ‖ p_g) − log 4 (Goodfellow et al. 2014). Checked by maximising the stated objective
    pointwise over a grid of 20 001 discriminator values on random discrete pairs.
    """
    impl = ctx.impl()

    def prop(pair: Pair) -> list[Comparison]:
        p, g = np.asarray(pair.p, float)[:, None], np.asarray(pair.q, float)[:, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            values = integrand(p, g, DISCRIMINATOR_GRID[None, :])
        best = np.nanargmax(values, axis=1)
        maximum = float(np.sum(values[np.arange(pair.size), best]))
        js = scalar(impl.js(pair.p, pair.q), what="js(p, q)")
        return [
            close(DISCRIMINATOR_GRID[best], bayes_discriminator(impl, pair), label="argmax_D V vs p/(p + p_g)",
                  rtol=0, atol=2e-3),
            close(maximum, 2 * js - math.log(4), label="max_D V vs 2 JS − log 4", rtol=0, atol=1e-4),
        ]

    return for_all_pairs(ctx, prop, discrete_pairs(full_support=True, regimes=("generic",)))


@dataclass(frozen=True)
class OptimumValue:
    """What a document says about C(G) = max_D V(D, G): an identity in JS and/or its global minimum."""

    latex: str
    identity: Callable[[float], float] | None
    minimum: float | None

    def __repr__(self) -> str:
        return f"OptimumValue({self.latex!r})"


GOODFELLOW_VALUE = OptimumValue(r"C(G) = 2\,JS(p_{data}\|p_g) - \log 4 \ \ge -\log 4,\ = \text{iff } p_g = p_{data}",
                                lambda js: 2 * js - math.log(4), -math.log(4))


@TOPIC.claim(
    "gan.value_at_optimum",
    method="property",
    canonical=GOODFELLOW_VALUE,
    printed=[
        Printed(D002, OptimumValue(r"\min_G C(G) = -\log 4 \text{ at } p_g = p_{data}", None, -math.log(4)),
                r"\text{Global minimum achieved when } p_g = p_{data}\text{; the value is } -\log 4",
                reading="States only the global minimum of C(G) = max_D V(D, G) and where it is attained."),
        Printed(D003, OptimumValue(r"V(D^*, G) = 2D_{JS}(p_{data}\|p_G) - \log 4", lambda js: 2 * js - math.log(4),
                                   None),
                r"V(D^*, G) = 2D_{\text{JS}}(p_{\text{data}} \parallel p_G) - \log 4"),
    ],
    depends=("gan.optimal_discriminator",),
    references=(GOODFELLOW,),
)
def value_at_optimum(ctx: Context, stated: OptimumValue) -> Outcome:
    """The value of the game at the optimal discriminator, and its global minimum.

    C(G) = max_D V(D, G) = V(D*, G) = 2 JS(p_data ‖ p_g) − log 4 ≥ −log 4, with equality iff
    p_g = p_data (Goodfellow et al. 2014, Theorem 1). Checked with the implementation's D* and
    V on discrete and Gaussian-mixture pairs.
    """
    impl = ctx.impl()

    def prop(pair: Pair) -> list[Comparison]:
        c = scalar(impl.gan_value(pair.p, pair.q, bayes_discriminator(impl, pair), pair.dx), what="V(D*, G)")
        js = scalar(impl.js(pair.p, pair.q, pair.dx), what="js(p, q)")
        checks = []
        if stated.identity is not None:
            checks.append(close(c, stated.identity(js), label="V(D*, G) vs stated value", rtol=1e-9, atol=1e-9))
        if stated.minimum is not None:
            same = pair.regime.startswith("identical")
            checks.append(close(c, stated.minimum, label="C(G) at p_g = p_data", rtol=1e-9, atol=1e-9) if same
                          else at_least(c, stated.minimum, label="C(G) ≥ stated minimum", rtol=1e-9, atol=1e-12))
        return checks

    return for_all_pairs(ctx, prop, pairs(regimes=EXACT_REGIMES))


@dataclass(frozen=True)
class Direction:
    """An inequality between ℓ* (the Bayes-optimal likelihood) and ℓ(θ, φ) of another discriminator."""

    latex: str
    holds: Callable[[float, float], Comparison]

    def __repr__(self) -> str:
        return f"Direction({self.latex!r})"


UPPER_BOUND = Direction(r"\ell^*(\theta) \ge \sup_\varphi \ell(\theta,\varphi)",
                        lambda star, other: at_least(star, other, label="ℓ* ≥ ℓ(θ, φ)", rtol=1e-12, atol=1e-12))


def quadratic_features(x: np.ndarray) -> np.ndarray:
    return np.stack([np.ones_like(x), x, x * x], axis=-1)


def trained_curve(ctx: Context, impl: Any) -> tuple[np.ndarray, float]:
    """Population ℓ(θ, φ_t) of a logistic discriminator on (1, x, x²) trained on samples, and ℓ*.

    Real N(0, 1) against fake N(1, 0.6²): the log density ratio is quadratic in x, so the Bayes
    discriminator lies in the family and training approaches the ceiling ℓ* from below.
    """
    real_law, fake_law = Mixture((1.0,), (0.0,), (1.0,)), Mixture((1.0,), (1.0,), (0.6,))
    pair = on_common_grid(real_law, fake_law, "trained discriminator")
    rng = ctx.rng(stream=1)
    n = ctx.scaled(2000)
    snapshots = train_logistic_discriminator(
        rng.normal(0.0, 1.0, n), rng.normal(1.0, 0.6, n), steps=ctx.scaled(200), lr=0.05,
        seed=int(rng.integers(2**31)), features=quadratic_features,
    )
    curve = np.array([scalar(impl.log_likelihood(pair.p, pair.q, np.clip(d(pair.x), 1e-300, 1 - 1e-16), pair.dx),
                             what="ℓ(θ, φ_t)") for d in snapshots])
    ceiling = scalar(impl.log_likelihood(pair.p, pair.q, bayes_discriminator(impl, pair), pair.dx), what="ℓ*")
    return curve, ceiling


discriminators = st.tuples(discrete_pairs(regimes=EXACT_REGIMES),
                           hnp.arrays(np.float64, 8, elements=st.floats(1e-6, 1 - 1e-6)))


@TOPIC.claim(
    "gan.bayes_classifier_upper_bound",
    method="property",
    canonical=UPPER_BOUND,
    printed=[
        Printed(D000, UPPER_BOUND, r"\ell^*(\theta) \geq \sup_{\varphi \in \Phi} \ell(\theta, \varphi)",
                reading="OCR wrote ℓ^{*(θ)} for ℓ*(θ)."),
        Printed(D001, UPPER_BOUND, r"I^*(\theta) \geq \sup_{\phi \in \Phi} I(\theta, \phi)"),
    ],
    depends=("gan.optimal_discriminator",),
)
def bayes_classifier_upper_bound(ctx: Context, direction: Direction) -> Outcome:
    """No discriminator beats the Bayes-optimal one.

    For every discriminator q_φ: X → [0, 1], ℓ(θ, φ) = E_p̃[y ln q_φ + (1 − y) ln(1 − q_φ)] ≤ ℓ*(θ),
    the value at q* = p/(p + p_θ); so ℓ*(θ) ≥ sup_φ ℓ(θ, φ). Checked on random discriminators, then
    along the training curve of a logistic discriminator (torch, Adam) fitted to samples.
    """
    impl = ctx.impl()

    def random_discriminators(example: tuple[Pair, np.ndarray]) -> list[Comparison]:
        pair, values = example
        other = values[: pair.size]
        star = scalar(impl.log_likelihood(pair.p, pair.q, bayes_discriminator(impl, pair)), what="ℓ*", allow_inf=True)
        return [direction.holds(star, scalar(impl.log_likelihood(pair.p, pair.q, other), what="ℓ(θ, φ)"))]

    def training() -> Outcome:
        curve, ceiling = trained_curve(ctx, impl)
        with ctx.figure("ℓ(θ, φ_t) of a trained logistic discriminator, with the ceiling ℓ*") as (_, ax):
            ax.plot(np.arange(1, len(curve) + 1), curve, label="ℓ(θ, φ_t), population value")
            ax.axhline(ceiling, color="k", linestyle="--", label="ℓ* = JS − ln 2")
            ax.set_xlabel("Adam step")
            ax.set_ylabel("expected log-likelihood (nats)")
            ax.legend()
        outcome = for_each(ctx, list(enumerate(curve, start=1)), lambda s: [direction.holds(ceiling, s[1])],
                           domain_name="training steps", complete=False)
        outcome.evidence.update({"ℓ*": ceiling, "final ℓ(θ, φ_t)": float(curve[-1]),
                                 "final gap ℓ* − ℓ": float(ceiling - curve[-1])})
        return outcome

    return all_of({
        "random discriminators": lambda: for_all(
            ctx, discriminators, random_discriminators, max_examples=example_count(ctx),
            describe=lambda e: {**e[0].describe(), "q_φ": e[1][: e[0].size].tolist()}),
        "trained discriminator": training,
    })


# --- the saddle-point problem and its dynamics ----------------------------------------------


def fake_density(params: dict[str, float], x: np.ndarray) -> np.ndarray:
    """000's generator p_θ = N(θ, 1): the law of the generated (fake) samples."""
    return np.exp(-0.5 * (x - params["θ"]) ** 2) / math.sqrt(2 * math.pi)


def classifier(params: dict[str, float], x: np.ndarray) -> np.ndarray:
    """000's discriminator model q_φ(x) = σ(φ x): the probability that x is real."""
    return expit(params["φ"] * x)


ROLE_PROBES = {"generator": fake_density, "discriminator": classifier}
"""What each role controls: the generator moves the fake samples, the discriminator moves the classifier."""


@TOPIC.claim(
    "gan.parameter_roles",
    method="exhaustive",
    canonical={"generator": "θ", "discriminator": "φ"},
    printed=[Printed(D000, {"generator": "φ", "discriminator": "θ"},
                     r"\varphi: \text{Generator}, \quad \theta: \text{Discriminator}",
                     reading="Judged against 000's own definitions two lines above: ℓ(θ, φ) = E_{p̃_θ}[y ln q_φ "
                             "+ (1 − y) ln(1 − q_φ)], p_θ the model (generated samples), q_φ the classifier.")],
    uses_impl=False,
)
def parameter_roles(ctx: Context, roles: dict[str, str]) -> Outcome:
    """In the saddle-point problem θ parameterises the generator and φ the discriminator.

    In θ* = argmin_θ sup_φ ℓ(θ, φ) with ℓ(θ, φ) = E_{p̃_θ}[y ln q_φ(x) + (1 − y) ln(1 − q_φ(x))], θ
    enters only through the law p_θ of the generated samples (the generator, minimising) and φ only
    through the classifier q_φ (the discriminator, maximising). Checked on a concrete instance,
    p_θ = N(θ, 1) and q_φ(x) = σ(φx): the parameter named for each role must move exactly what that
    role controls.
    """
    x = np.linspace(-4.0, 4.0, 81)
    base = {"θ": 0.3, "φ": 0.7}

    def moves(probe: Callable[[dict[str, float], np.ndarray], np.ndarray], name: str) -> float:
        return float(np.max(np.abs(probe({**base, name: base[name] + 0.1}, x) - probe(base, x))))

    def prop(role: str) -> list[Comparison]:
        name = roles[role]
        other_role = next(r for r in ROLE_PROBES if r != role)
        return [
            that(moves(ROLE_PROBES[role], name) > 0, label=f"{name} moves the {role}",
                 message=f"changing {name} changes the {role}'s output by {moves(ROLE_PROBES[role], name):.3g}"),
            that(moves(ROLE_PROBES[other_role], name) == 0, label=f"{name} leaves the {other_role} alone",
                 message=f"changing {name} changes the {other_role}'s output by "
                         f"{moves(ROLE_PROBES[other_role], name):.3g}"),
        ]

    return for_each(ctx, list(ROLE_PROBES), prop, domain_name="the two roles", complete=True)


Gradient = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]
Update = Callable[[np.ndarray, np.ndarray, Gradient, float], tuple[np.ndarray, np.ndarray]]


def alternating(theta: np.ndarray, phi: np.ndarray, grad: Gradient, eta: float) -> tuple[np.ndarray, np.ndarray]:
    theta_next = theta - eta * grad(theta, phi)[0]
    return theta_next, phi + eta * grad(theta_next, phi)[1]


def simultaneous(theta: np.ndarray, phi: np.ndarray, grad: Gradient, eta: float) -> tuple[np.ndarray, np.ndarray]:
    g_theta, g_phi = grad(theta, phi)
    return theta - eta * g_theta, phi + eta * g_phi


def extragradient(theta: np.ndarray, phi: np.ndarray, grad: Gradient, eta: float) -> tuple[np.ndarray, np.ndarray]:
    """Korpelevich (1976): both players step from (θ_t, φ_t) with the gradient at the extrapolated point."""
    theta_half, phi_half = simultaneous(theta, phi, grad, eta)
    g_theta, g_phi = grad(theta_half, phi_half)
    return theta - eta * g_theta, phi + eta * g_phi


def extragradient_as_printed(theta: np.ndarray, phi: np.ndarray, grad: Gradient,
                             eta: float) -> tuple[np.ndarray, np.ndarray]:
    """000: θ uses ∇_θ ℓ(θ_{t+½}, φ_t) and φ uses ∇_φ ℓ(θ_t, φ_{t+½})."""
    theta_half, phi_half = simultaneous(theta, phi, grad, eta)
    return theta - eta * grad(theta_half, phi)[0], phi + eta * grad(theta, phi_half)[1]


ALTERNATING = Formula(r"\theta_{t+1}=\theta_t-\eta\nabla_\theta\ell(\theta_t,\varphi_t),\ "
                      r"\varphi_{t+1}=\varphi_t+\eta\nabla_\varphi\ell(\theta_{t+1},\varphi_t)", alternating)
EXTRAGRADIENT = Formula(r"z_{t+1} = z_t - \eta F(z_t - \eta F(z_t)),\ F = (\nabla_\theta\ell, -\nabla_\varphi\ell)",
                        extragradient)
STEPS = 40


def bilinear_run(game: tuple[np.ndarray, np.ndarray, np.ndarray, float], update: Formula) -> list[np.ndarray]:
    """The iterates (θ_t, φ_t), t = 0..STEPS, of ``update`` on ℓ(θ, φ) = θᵀAφ."""
    A, theta, phi, eta = game

    def grad(t: np.ndarray, f: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return A @ f, A.T @ t

    path = [np.concatenate([theta, phi])]
    for _ in range(STEPS):
        theta, phi = update(theta, phi, grad, eta)
        path.append(np.concatenate([theta, phi]))
    return path


def describe_game(game: tuple[np.ndarray, np.ndarray, np.ndarray, float]) -> dict[str, Any]:
    A, theta, phi, eta = game
    return {"A": A.tolist(), "θ0": theta.tolist(), "φ0": phi.tolist(), "η": eta, "η‖A‖": eta * np.linalg.norm(A, 2)}


BAILEY = "Bailey, Gidel & Piliouras (2020), Finite regret and cycles with fixed step-size via alternating GDA"


@TOPIC.claim(
    "gan.alternating_gda",
    method="property",
    canonical=ALTERNATING,
    printed=[
        Printed(D000, ALTERNATING, r"\theta_{t+1} = \theta_t - \eta \nabla_\theta \ell(\theta_t, \varphi_t),\ "
                                   r"\varphi_{t+1} = \varphi_t + \eta \nabla_\varphi \ell(\theta_{t+1}, \varphi_t)"),
        Printed(D001, ALTERNATING, r"\theta^{t+1} = \theta^t - \eta \nabla_{\theta} I(\theta^t, \phi^t), \quad "
                                   r"\phi^{t+1} = \phi^t + \eta \nabla_{\phi} I(\theta^{t+1}, \phi^t)"),
    ],
    uses_impl=False,
    references=(BAILEY,),
)
def alternating_gda(ctx: Context, update: Formula) -> Outcome:
    """Alternating gradient descent/ascent cycles around a bilinear saddle point.

    On ℓ(θ, φ) = θᵀAφ, alternating GDA (θ descends first, φ ascends at the new θ_{t+1}) conserves
    E(θ, φ) = ‖θ‖² + ‖φ‖² − η θᵀAφ exactly, for every η; when η‖A‖₂ < 2, E is positive definite, so the
    iterates stay bounded: they neither converge to the saddle (0, 0) nor diverge (Bailey, Gidel &
    Piliouras 2020). (Simultaneous GDA instead multiplies E's analogue ‖z‖² by up to 1 + η²‖A‖² a step.)
    """

    def prop(game: tuple[np.ndarray, np.ndarray, np.ndarray, float]) -> list[Comparison]:
        A, _, _, eta = game
        n = A.shape[0]

        def energy(z: np.ndarray) -> float:
            return float(z @ z - eta * z[:n] @ A @ z[n:])

        path = bilinear_run(game, update)
        scale = float(path[0] @ path[0]) + 1e-300
        drift = max(abs(energy(z) - energy(path[0])) for z in path) / scale
        return [at_most(drift, 1e-9 * STEPS, label="|E(z_t) − E(z_0)| / ‖z_0‖²", atol=1e-300)]

    return for_all(ctx, bilinear_games(max_step=1.9), prop, max_examples=example_count(ctx), describe=describe_game)


@TOPIC.claim(
    "gan.extragradient",
    method="property",
    canonical=EXTRAGRADIENT,
    printed=[Printed(D000, Formula(r"\theta_{t+1}=\theta_t-\eta\nabla_\theta\ell(\theta_{t+\frac12},\varphi_t),\ "
                                   r"\varphi_{t+1}=\varphi_t+\eta\nabla_\varphi\ell(\theta_t,\varphi_{t+\frac12})",
                                   extragradient_as_printed),
                     r"\theta_{t+1} = \theta_t - \eta \nabla_\theta \ell(\theta_{t+0.5}, \varphi_t),\ "
                     r"\varphi_{t+1} = \varphi_t + \eta \nabla_\varphi \ell(\theta_t, \varphi_{t+0.5})",
                     reading="As printed, each player's gradient is taken at its own half step and the other "
                             "player's current iterate (θ_{t+½}, φ_t) and (θ_t, φ_{t+½}); standard extra-gradient "
                             "evaluates both at (θ_{t+½}, φ_{t+½}). On a bilinear game ∇_θ ℓ(θ_{t+½}, φ_t) = Aφ_t, so "
                             "the printed steps are plain simultaneous GDA.")],
    uses_impl=False,
    references=("Korpelevich (1976), The extragradient method for finding saddle points",),
)
def extragradient_converges(ctx: Context, update: Formula) -> Outcome:
    """Extra-gradient converges linearly to a bilinear saddle point.

    With z = (θ, φ), F(z) = (∇_θ ℓ, −∇_φ ℓ) and ℓ = θᵀAφ (A invertible), z_{t+1} = z_t − ηF(z_t − ηF(z_t))
    satisfies ‖z_t‖ ≤ ρ^t ‖z_0‖ with ρ² = max_σ (1 − η²σ² + η⁴σ⁴) < 1 over the singular values σ of A,
    whenever η‖A‖₂ < 1 (Korpelevich 1976; each singular pair is a rotation scaled by that factor).
    """

    def prop(game: tuple[np.ndarray, np.ndarray, np.ndarray, float]) -> list[Comparison]:
        A, _, _, eta = game
        s = eta * np.linalg.svd(A, compute_uv=False)
        rho = float(np.sqrt(np.max(1 - s**2 + s**4)))
        path = bilinear_run(game, update)
        start = float(np.linalg.norm(path[0]))
        return [at_most(np.linalg.norm(path[-1]), rho**STEPS * start, label=f"‖z_{STEPS}‖ ≤ ρ^{STEPS} ‖z_0‖",
                        rtol=1e-8, atol=1e-300)]

    return for_all(ctx, bilinear_games(max_step=0.95), prop, max_examples=example_count(ctx), describe=describe_game)


# --- Jensen–Shannon: range and saturation -------------------------------------------------------


@dataclass(frozen=True)
class Interval:
    """A stated range [lower, upper(n)] of JS for distributions on n points."""

    latex: str
    upper: Callable[[int], float]

    def __repr__(self) -> str:
        return f"Interval({self.latex!r})"


JS_RANGE = Interval(r"0 \le JS \le \ln 2", lambda n: LN2)


@TOPIC.claim(
    "gan.js_bounds",
    method="property",
    canonical=JS_RANGE,
    printed=[
        Printed(D002, Interval(r"JSD \in [0, \log n]", lambda n: math.log(n)), r"JSD(P,Q) \in [0, \log(n)]",
                line=173, reading="n is not defined in the context. Read as the size of the common support (the "
                                  "only n the two distributions have); with n the number of distributions compared "
                                  "(n = 2) it is the canonical range. For n ≥ 3 the bound is valid but loose."),
        Printed(D002, Interval(r"JSD \in [0, \log n]", lambda n: math.log(n)), r"JSD(P,Q) \in [0, \log(n)]",
                line=193, reading="Repetition of line 173, read the same way."),
        Printed(D003, JS_RANGE, r"0 \leq \text{JS}(p_r \parallel p_\theta) \leq \log 2"),
    ],
    depends=("infotheory.js_divergence_def",),
    references=("Lin (1991), Divergence measures based on the Shannon entropy",),
)
def js_bounds(ctx: Context, stated: Interval) -> Outcome:
    """The Jensen–Shannon divergence lies between 0 and ln 2.

    0 ≤ JS(p, q) ≤ ln 2 (nats) for any two distributions, 0 iff p = q and ln 2 iff their supports are
    disjoint; checked on the implementation's JS, with the upper bound pushed towards its limit.
    """
    impl = ctx.impl()

    def prop(pair: Pair) -> list[Comparison]:
        js = scalar(impl.js(pair.p, pair.q, pair.dx), what="js(p, q)")
        return [at_least(js, 0.0, label="JS ≥ 0", atol=pair.tolerance),
                at_most(js, stated.upper(pair.size), label="JS ≤ stated upper bound", rtol=pair.tolerance)]

    return for_all_pairs(ctx, prop, discrete_pairs())


@st.composite
def disjoint_atoms(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Positions and masses of a real and a generated distribution on disjoint finite sets of the line."""
    positions = draw(st.lists(st.floats(-5, 5), min_size=2, max_size=8, unique=True).filter(
        lambda xs: np.min(np.diff(np.sort(xs))) > 1e-3))
    cut = draw(st.integers(1, len(positions) - 1))
    masses = np.asarray(draw(st.lists(st.floats(0.01, 1.0), min_size=len(positions), max_size=len(positions))))
    xs = np.asarray(positions)
    return xs[:cut], masses[:cut] / masses[:cut].sum(), xs[cut:], masses[cut:] / masses[cut:].sum()


def on_union(real_x: np.ndarray, real_m: np.ndarray, fake_x: np.ndarray,
             fake_m: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Both distributions as mass vectors on the union of their atoms."""
    support = np.union1d(real_x, fake_x)
    p, q = np.zeros(support.size), np.zeros(support.size)
    np.add.at(p, np.searchsorted(support, real_x), real_m)
    np.add.at(q, np.searchsorted(support, fake_x), fake_m)
    return support, p, q


@TOPIC.claim(
    "gan.js_saturation",
    method="property",
    canonical=Formula(r"JS(p_r\|p_{\theta}) = \ln 2,\ \partial_\theta JS = 0", lambda: (LN2, 0.0)),
    printed=[Printed(D003, Formula(r"JS = \ln 2,\ \partial_\theta JS = 0", lambda: (LN2, 0.0)),
                     "If p_r and p_θ have disjoint supports: discriminator perfect, no gradient for generator!",
                     reading="Read as: for disjoint supports JS is the constant ln 2 under small moves of the "
                             "generator, so a JS-based objective gives it zero gradient.")],
    depends=("gan.js_bounds",),
)
def js_saturation(ctx: Context, stated: Formula) -> Outcome:
    """Disjoint supports saturate JS at ln 2 and leave the generator without gradient.

    If p_r and p_θ have disjoint supports, JS(p_r ‖ p_θ) = ln 2, and it stays ln 2 while the generated
    atoms move by less than their distance to the real ones: ∂_θ JS = 0 for p_θ = p shifted by θ.
    Checked on atoms on the line with a central difference; the figure shows JS and W₁ for δ_0 vs δ_θ.
    """
    impl = ctx.impl()
    value, gradient = stated()

    def js_at(shift: float, atoms: tuple[np.ndarray, ...]) -> float:
        real_x, real_m, fake_x, fake_m = atoms
        _, p, q = on_union(real_x, real_m, fake_x + shift, fake_m)
        return scalar(impl.js(p, q), what="js(p_r, p_θ)")

    def prop(atoms: tuple[np.ndarray, ...]) -> list[Comparison]:
        h = float(np.min(np.abs(atoms[0][:, None] - atoms[2][None, :]))) / 4
        slope = (js_at(h, atoms) - js_at(-h, atoms)) / (2 * h)
        return [close(js_at(0.0, atoms), value, label="JS on disjoint supports", rtol=1e-12),
                close(slope, gradient, label="∂_θ JS (central difference)", rtol=0, atol=1e-9)]

    shifts = np.linspace(-2, 2, 401)
    point = (np.array([0.0]), np.array([1.0]), np.array([0.0]), np.array([1.0]))
    with ctx.figure("δ_0 against δ_θ: JS saturates, W₁ = |θ| does not") as (_, ax):
        ax.plot(shifts, [js_at(s, point) for s in shifts], label="JS(δ_0 ‖ δ_θ)")
        ax.plot(shifts, [scalar(impl.wasserstein(*on_union(point[0], point[1], point[2] + s, point[3])),
                                what="wasserstein") for s in shifts], label="W₁(δ_0, δ_θ)")
        ax.set_xlabel("θ")
        ax.legend()
    return for_all(ctx, disjoint_atoms(), prop, max_examples=example_count(ctx), describe=lambda t: {
        k: v.tolist() for k, v in zip(("real atoms", "real masses", "fake atoms", "fake masses"), t, strict=True)})


# --- Wasserstein distance ---------------------------------------------------------------------


@st.composite
def line_distributions(draw: st.DrawFn) -> tuple[np.ndarray, Pair]:
    """Two distributions on a common finite set of points of the line."""
    pair = draw(discrete_pairs(max_size=6, regimes=("generic", "identical", "disjoint")))
    points = draw(st.lists(st.floats(-5, 5), min_size=pair.size, max_size=pair.size, unique=True))
    return np.asarray(points), pair


def optimal_transport(x: np.ndarray, p: np.ndarray, q: np.ndarray, cost: Callable[[Any, Any], Any]) -> float:
    """inf over couplings γ ∈ Π(p, q) of Σ γ_ij cost(x_i, x_j), by linear programming."""
    n = x.size
    marginals = np.vstack([np.kron(np.eye(n), np.ones(n)), np.kron(np.ones(n), np.eye(n))])
    result = linprog(cost(x[:, None], x[None, :]).ravel(), A_eq=marginals, b_eq=np.concatenate([p, q]),
                     bounds=(0, None), method="highs")
    return float(result.fun)


def lipschitz_dual(x: np.ndarray, p: np.ndarray, q: np.ndarray, lipschitz: float) -> float:
    """sup over f with |f(x_i) − f(x_j)| ≤ L|x_i − x_j| of E_p f − E_q f, by linear programming."""
    n = x.size
    rows, bounds = [], []
    for i in range(n):
        for j in range(n):
            if i != j:
                row = np.zeros(n)
                row[i], row[j] = 1.0, -1.0
                rows.append(row)
                bounds.append(lipschitz * abs(x[i] - x[j]))
    free = [(0, 0)] + [(None, None)] * (n - 1)  # f is defined up to a constant: pin f(x_0) = 0
    result = linprog(-(p - q), A_ub=np.array(rows) if rows else None, b_ub=np.array(bounds) if rows else None,
                     bounds=free, method="highs")
    return float(-result.fun)


ABSOLUTE_COST = Formula(r"\|x - y\|", lambda x, y: np.abs(x - y))


@TOPIC.claim(
    "gan.wasserstein_primal",
    method="property",
    canonical=ABSOLUTE_COST,
    printed=[Printed(D003, ABSOLUTE_COST,
                     r"W(p_r, p_\theta) = \inf_{\gamma \in \Pi(p_r, p_\theta)} E_{(x,y) \sim \gamma} [\|x - y\|]",
                     reading="A definition; checked as: the implementation's W₁ is this infimum (an LP).")],
)
def wasserstein_primal(ctx: Context, cost: Formula) -> Outcome:
    """The Wasserstein-1 distance is the cheapest transport plan.

    W(p, q) = inf_{γ ∈ Π(p, q)} E_γ‖x − y‖; on the line this equals ∫|F_p − F_q| dx. The implementation's
    wasserstein is compared with the optimal-transport linear programme over couplings.
    """
    impl = ctx.impl()

    def prop(example: tuple[np.ndarray, Pair]) -> list[Comparison]:
        x, pair = example
        ours = scalar(impl.wasserstein(x, pair.p, pair.q), what="wasserstein(x, p, q)")
        return [close(ours, optimal_transport(x, pair.p, pair.q, cost), label="W₁ vs transport LP",
                      rtol=1e-7, atol=1e-9)]

    return for_all(ctx, line_distributions(), prop, max_examples=example_count(ctx),
                   describe=lambda e: {"x": e[0].tolist(), **e[1].describe()})


@TOPIC.claim(
    "gan.kantorovich_rubinstein",
    method="property",
    canonical=Formula(r"\sup_{\|f\|_L \le 1} E_{p_r} f - E_{p_\theta} f", lambda x, p, q: lipschitz_dual(x, p, q, 1.0)),
    printed=[Printed(D003, Formula(r"\sup_{\|f\|_L \le 1} E_{p_r} f - E_{p_\theta} f",
                                   lambda x, p, q: lipschitz_dual(x, p, q, 1.0)),
                     r"W(p_r, p_\theta) = \sup_{\|f\|_L \leq 1} E_{x \sim p_r} [f(x)] - E_{x \sim p_\theta} [f(x)]")],
    depends=("gan.wasserstein_primal",),
    uses_impl=False,
    references=("Villani (2009), Optimal Transport, Theorem 5.10 and Remark 6.5",),
)
def kantorovich_rubinstein(ctx: Context, dual: Formula) -> Outcome:
    """Kantorovich–Rubinstein duality: W₁ is the largest mean gap of a 1-Lipschitz critic.

    W(p, q) = sup_{‖f‖_L ≤ 1} E_p f − E_q f. Both sides are linear programmes on a finite support of the
    line; their optimal values must agree (strong LP duality).
    """

    def prop(example: tuple[np.ndarray, Pair]) -> list[Comparison]:
        x, pair = example
        return [close(dual(x, pair.p, pair.q), optimal_transport(x, pair.p, pair.q, ABSOLUTE_COST),
                      label="dual sup vs primal inf", rtol=1e-7, atol=1e-9)]

    return for_all(ctx, line_distributions(), prop, max_examples=example_count(ctx),
                   describe=lambda e: {"x": e[0].tolist(), **e[1].describe()})


TOPIC.not_checkable(
    "gan.wgan_objective",
    title="The WGAN objective",
    statement="min_θ max_w E_{p_r} f_w(x) − E_{p_z} f_w(G_θ(z)) over (approximately) 1-Lipschitz critics f_w.",
    reason="A definition of a training objective; what it computes (its inner maximum over 1-Lipschitz critics "
           "is W₁) is checked by gan.kantorovich_rubinstein.",
    printed=[Printed(D003, None, r"\min_\theta \max_w E_{x \sim p_r} [f_w(x)] - E_{z \sim p_z} [f_w(G_\theta(z))]")],
)

PENALTY = Formula(r"\lambda\,E_{\hat x}[(\|\nabla f_w(\hat x)\|_2 - 1)^2]",
                  lambda norms, lam: lam * float(np.mean((norms - 1.0) ** 2)))


@st.composite
def gradient_norms(draw: st.DrawFn) -> np.ndarray:
    """‖∇f_w(x̂)‖ at the interpolates x̂ of a critic; half the time their mean is exactly 1."""
    norms = draw(hnp.arrays(np.float64, draw(st.integers(1, 10)), elements=st.floats(0.0, 3.0)))
    if draw(st.booleans()) and norms.mean() > 0:
        norms = norms / norms.mean()
    return norms


@TOPIC.claim(
    "gan.gradient_penalty",
    method="property",
    canonical=PENALTY,
    printed=[Printed(D003, Formula(r"\lambda\,(E_{\hat x}[\|\nabla f_w(\hat x)\|_2 - 1])^2",
                                   lambda norms, lam: lam * float(np.mean(norms - 1.0)) ** 2),
                     r"\lambda \mathbb{E}_{\hat{x}} [\| \nabla_{\hat{x}} f_w(\hat{x}) \|_2 - 1]^2",
                     reading="As printed the square is outside the expectation: λ(E[‖∇f‖ − 1])². WGAN-GP (Gulrajani "
                             "et al. 2017) squares inside: λE[(‖∇f‖ − 1)²].")],
    uses_impl=False,
    references=("Gulrajani et al. (2017), Improved Training of Wasserstein GANs, eq. (3)",),
)
def gradient_penalty(ctx: Context, penalty: Formula) -> Outcome:
    """The gradient penalty charges every interpolate whose critic gradient norm is not 1.

    P = λ E_x̂[(‖∇f_w(x̂)‖₂ − 1)²] ≥ λ max_i (‖∇f_w(x̂_i)‖ − 1)² / n on n interpolates (empirical
    expectation), so P = 0 only when the critic has unit gradient norm at every interpolate.
    """
    lam = 10.0

    def prop(norms: np.ndarray) -> list[Comparison]:
        worst = float(np.max((norms - 1.0) ** 2))
        return [at_least(penalty(norms, lam), lam * worst / norms.size, label="P ≥ λ max_i (‖∇f‖ − 1)² / n",
                         rtol=1e-9)]

    return for_all(ctx, gradient_norms(), prop, max_examples=example_count(ctx))


logit = sympy.Symbol("alpha", real=True)
sigmoid = 1 / (1 + sympy.exp(-logit))


@TOPIC.claim(
    "gan.non_saturating_loss",
    method="sympy",
    canonical=Formula(r"\max_G \ln D(G(z))", lambda: sympy.log(D)),
    printed=[
        Printed(D002, Formula(r"\max_G \log D(G(z))", lambda: sympy.log(D)),
                r"\text{Fix: Train } G \text{ to maximize } \log D(G(z)) \text{ (Non-Saturating Loss)}"),
        Printed(D003, Formula(r"\max_G E_z[\log D(G(z))]", lambda: sympy.log(D)),
                r"\text{maximize } E_{z \sim p(z)} [\log D(G(z))] \text{ instead of minimizing } "
                r"E_{z}[\log(1 - D(G(z)))]"),
    ],
    uses_impl=False,
    references=(GOODFELLOW + ", Section 3",),
)
def non_saturating_loss(ctx: Context, objective: Formula) -> Outcome:
    """The non-saturating generator loss pushes the same way but keeps its gradient.

    With D = σ(α) (α the discriminator's logit at a generated sample), the saturating generator
    maximises −ln(1 − σ(α)), whose slope σ(α) → 0 as D → 0 (α → −∞); the non-saturating generator
    maximises ln σ(α), whose slope 1 − σ(α) is positive everywhere (same direction: raise D(G(z)))
    and → 1 as D → 0. Decided symbolically: the slope's sign for all real α and its limit α → −∞.
    """
    slope = sympy.simplify(sympy.diff(objective().subs(D, sigmoid), logit))
    saturating = sympy.simplify(sympy.diff(-sympy.log(1 - sigmoid), logit))
    show(ctx, "slope of the saturating objective −ln(1 − σ(α)) in the logit α", saturating)
    show(ctx, "its limit as D(G(z)) → 0 (α → −∞)", sympy.limit(saturating, logit, -sympy.oo))
    show(ctx, "slope of the stated objective in the logit α", slope)
    show(ctx, "its limit as D(G(z)) → 0 (α → −∞)", sympy.limit(slope, logit, -sympy.oo))
    conditions = {
        "raises D(G(z)) like the saturating loss: slope > 0 for every real α": lambda: slope.is_positive is True,
        "does not vanish when D rejects the fakes: lim_{α→−∞} slope > 0": lambda: bool(
            sympy.limit(slope, logit, -sympy.oo) > 0),
    }
    return for_each(ctx, list(conditions), lambda name: [that(conditions[name](), label=name, message=f"{slope}")],
                    domain_name="the two conditions, each decided by SymPy", complete=True)


# --- information theory: entropy, cross-entropy, KL, JS -----------------------------------------

Truth = Callable[[], float] | None


def plogq(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """p ln q with 0 ln 0 = 0, in extended precision so that ½(p + q) of subnormal masses stays positive."""
    p, q = np.asarray(p, dtype=np.longdouble), np.asarray(q, dtype=np.longdouble)
    with np.errstate(divide="ignore"):
        return np.where(p > 0, p * np.log(np.where(p > 0, q, 1)), 0)


def integral(pair: Pair, values: np.ndarray) -> float:
    return float(np.sum(values if pair.dx is None else pair.dx * values))


@st.composite
def normal_pairs(draw: st.DrawFn) -> tuple[Pair, tuple[float, float, float, float]]:
    mu0, s0, mu1, s1 = params = draw(gaussian_pairs())
    return on_common_grid(Mixture((1.0,), (mu0,), (s0,)), Mixture((1.0,), (mu1,), (s1,)), "normal pair"), params


def definition_check(ctx: Context, ours: Callable[[Any, Pair], float], stated: Callable[[Pair], float],
                     closed_form: Callable[[tuple[float, ...]], float] | None, *,
                     regimes: tuple[str, ...] = ("generic", "identical", "disjoint", "near-identical float32",
                                                 "subnormal"), full_support: bool = False) -> Outcome:
    """The implementation agrees with the stated definition on every pair, and on normal pairs both agree
    with the closed form (the definition is then evaluated by quadrature)."""
    impl = ctx.impl()
    examples = st.one_of(pairs(regimes=regimes, full_support=full_support).map(lambda pair: (pair, None)),
                         normal_pairs())
    if full_support:  # far Gaussian tails underflow to 0 on the grid; keep the pairs whose q stays positive
        examples = examples.filter(lambda e: bool(np.all(np.asarray(e[0].q) > 0)))

    def prop(example: tuple[Pair, tuple[float, ...] | None]) -> list[Comparison]:
        pair, params = example
        value, definition = ours(impl, pair), stated(pair)
        checks = [close(value, definition, label="implementation vs stated definition", rtol=pair.tolerance,
                        atol=pair.tolerance)]
        if params is not None and closed_form is not None:
            checks.append(close(definition, closed_form(params), label="stated definition vs closed form",
                                rtol=1e-8, atol=1e-10))
        return checks

    return for_all(ctx, examples, prop, max_examples=example_count(ctx),
                   describe=lambda e: {**e[0].describe(), "normal parameters (μ0, σ0, μ1, σ1)": e[1]})


ENTROPY = Formula(r"H(X) = -\sum_i P(x_i)\log P(x_i)", lambda pair: -integral(pair, plogq(pair.p, pair.p)))


@TOPIC.claim(
    "infotheory.entropy_def",
    method="property",
    canonical=ENTROPY,
    printed=[Printed(D001, ENTROPY, r"H(X) = -\sum P(x_i) \log P(x_i)", reading="log = ln (nats).")],
)
def entropy_def(ctx: Context, stated: Formula) -> Outcome:
    """Shannon entropy (differential entropy for densities).

    H(p) = −Σ p ln p (−∫ p ln p dx for a density); for N(μ, σ²) it is ½ ln(2πeσ²).
    """
    return definition_check(ctx, lambda impl, pair: scalar(impl.entropy(pair.p, pair.dx), what="entropy(p)"),
                            stated, lambda params: 0.5 * math.log(2 * math.pi * math.e * params[1] ** 2))


def gaussian_kl(params: tuple[float, ...]) -> float:
    mu0, s0, mu1, s1 = params
    return math.log(s1 / s0) + (s0**2 + (mu0 - mu1) ** 2) / (2 * s1**2) - 0.5


KL_DEFINITION = Formula(r"\int p \ln\frac{p}{q}\,dx", lambda pair: integral(pair, plogq(pair.p, pair.p)
                                                                           - plogq(pair.p, pair.q)))
CONTINUOUS_SUPPORT = ("generic", "identical", "near-identical float32", "subnormal")


def kl_of(impl: Any, pair: Pair) -> float:
    return scalar(impl.kl(pair.p, pair.q, pair.dx), what="kl(p, q)", allow_inf=True)


@TOPIC.claim(
    "infotheory.kl_definition",
    method="property",
    canonical=KL_DEFINITION,
    printed=[
        Printed(D000, KL_DEFINITION,
                r"D_{KL}(p\|q) = \int p(x)\log\frac{p(x)}{q(x)}dx = E_{x\sim p}[\ln\frac{p(x)}{q(x)}]"),
        Printed(D001, KL_DEFINITION, r"KL(Q||P) = \int q(x) \log \frac{q(x)}{p(x)} dx",
                reading="The same definition with the roles named Q, P."),
        Printed(D003, KL_DEFINITION, r"KL(p\|q) = E_p[\log \frac{p(x)}{q(x)}]",
                reading="OCR doubled the closing parenthesis."),
    ],
    references=("Kullback & Leibler (1951)",),
)
def kl_definition(ctx: Context, stated: Formula) -> Outcome:
    """Kullback–Leibler divergence.

    KL(p‖q) = ∫ p ln(p/q) dx = E_p[ln(p/q)] (finite when p ≪ q); for normals
    KL(N(μ₀, σ₀²) ‖ N(μ₁, σ₁²)) = ln(σ₁/σ₀) + (σ₀² + (μ₀ − μ₁)²)/(2σ₁²) − ½.
    """
    return definition_check(ctx, kl_of, stated, gaussian_kl, regimes=CONTINUOUS_SUPPORT, full_support=True)


def js_from_kl(pair: Pair) -> float:
    p, q = np.asarray(pair.p, np.longdouble), np.asarray(pair.q, np.longdouble)
    m = (p + q) / 2
    return integral(pair, (plogq(p, p) - plogq(p, m)) / 2 + (plogq(q, q) - plogq(q, m)) / 2)


JS_DEFINITION = Formula(r"\tfrac12 KL(P\|M) + \tfrac12 KL(Q\|M),\ M = \tfrac12(P+Q)", js_from_kl)


def scipy_table(ctx: Context) -> None:
    """SciPy's jensenshannon (squared: it returns √JS) against ours on inputs that break it."""
    from scipy.spatial.distance import jensenshannon

    ours = Divergences()
    near = np.array([0.3, 0.7], dtype=np.float32)
    cases = {
        "generic": (np.array([0.2, 0.5, 0.3]), np.array([0.6, 0.1, 0.3])),
        "disjoint": (np.array([1.0, 0.0]), np.array([0.0, 1.0])),
        "near-identical float32": (near, np.array([0.3, 0.7 + 1e-7], dtype=np.float32)),
        "subnormal entry": (np.array([5e-324, 1.0]), np.array([1.0, 5e-324])),
    }
    rows = []
    for name, (p, q) in cases.items():
        with np.errstate(all="ignore"):
            theirs = float(jensenshannon(p, q)) ** 2
        rows.append([name, ours.js(p, q), theirs, js_from_kl(Pair(p, q))])
    ctx.table("JS(p, q) in nats: reference vs SciPy jensenshannon² vs the printed definition in long double",
              ["input", "reference", "SciPy", "definition"], rows)


@TOPIC.claim(
    "infotheory.js_divergence_def",
    method="property",
    canonical=JS_DEFINITION,
    printed=[
        Printed(D001, JS_DEFINITION, r"JS(Q||P) = \frac{1}{2} KL(P||\frac{P+Q}{2}) + \frac{1}{2} KL(Q||\frac{P+Q}{2})",
                reading="Left side named JS(Q‖P), right side in P, Q order: the same by symmetry."),
        Printed(D003, JS_DEFINITION, r"JS(p_r\|p_\theta) = \frac12 D_{KL}(p_r\|p_m) + \frac12 D_{KL}(p_\theta\|p_m)"),
    ],
    references=("Lin (1991), Divergence measures based on the Shannon entropy",),
)
def js_divergence_def(ctx: Context, stated: Formula) -> Outcome:
    """Jensen–Shannon divergence.

    JS(p, q) = ½KL(p‖m) + ½KL(q‖m), m = ½(p + q); for normals it is checked against the entropy form
    H(m) − ½H(p) − ½H(q) by quadrature. The report also tables SciPy's jensenshannon on hard inputs.
    """
    scipy_table(ctx)

    def entropy_form(params: tuple[float, ...]) -> float:
        pair = on_common_grid(Mixture((0.5, 0.5), (params[0], params[2]), (params[1], params[3])),
                              Mixture((1.0,), (params[0],), (params[1],)), "mixture")
        h_m = -integral(pair, plogq(pair.p, pair.p))
        return h_m - 0.5 * (0.5 * math.log(2 * math.pi * math.e * params[1] ** 2)
                            + 0.5 * math.log(2 * math.pi * math.e * params[3] ** 2))

    return definition_check(ctx, lambda impl, pair: scalar(impl.js(pair.p, pair.q, pair.dx), what="js(p, q)"),
                            stated, entropy_form)


@dataclass(frozen=True)
class Relation:
    """A stated relation between H(p), H(p, q) and KL(p‖q): the two sides it equates, as functions of them."""

    latex: str
    sides: Callable[[float, float, float], tuple[float, float]]

    def __repr__(self) -> str:
        return f"Relation({self.latex!r})"


def cross_entropy_relation(ctx: Context, relation: Relation) -> Outcome:
    impl = ctx.impl()

    def prop(pair: Pair) -> list[Comparison]:
        h_p = scalar(impl.entropy(pair.p, pair.dx), what="entropy(p)")
        h_pq = scalar(impl.cross_entropy(pair.p, pair.q, pair.dx), what="cross_entropy(p, q)")
        left, right = relation.sides(h_p, h_pq, kl_of(impl, pair))
        return [close(left, right, label=relation.latex, rtol=pair.tolerance, atol=pair.tolerance)]

    positive = pairs(regimes=CONTINUOUS_SUPPORT, full_support=True).filter(lambda pair: bool(np.all(pair.q > 0)))
    return for_all_pairs(ctx, prop, positive)


DECOMPOSITION = Relation(r"H(p,q) = H(p) + KL(p\|q)", lambda h_p, h_pq, kl: (h_pq, h_p + kl))
KL_AS_DIFFERENCE = Relation(r"KL(p\|q) = H(p,q) - H(p)", lambda h_p, h_pq, kl: (kl, h_pq - h_p))


@TOPIC.claim(
    "infotheory.cross_entropy_decomposition",
    method="property",
    canonical=DECOMPOSITION,
    printed=[Printed(D002, DECOMPOSITION, r"H(\mathbf{X}; p, q) = H(\mathbf{X}) + KL(p, q) \geq 0")],
)
def cross_entropy_decomposition(ctx: Context, relation: Relation) -> Outcome:
    """Cross-entropy is entropy plus KL.

    H(p, q) = H(p) + KL(p‖q) for p ≪ q (discrete and continuous); its sign is gan's cross_entropy_nonneg.
    """
    return cross_entropy_relation(ctx, relation)


@TOPIC.claim(
    "infotheory.kl_cross_entropy_identity",
    method="property",
    canonical=KL_AS_DIFFERENCE,
    printed=[Printed(D002, KL_AS_DIFFERENCE, r"KL(X; p, q) = H(p, q) - H(X)", line=166),
             Printed(D002, KL_AS_DIFFERENCE, r"KL(X; p, q) = H(p, q) - H(X),\ H \text{ uses } p", line=185)],
)
def kl_cross_entropy_identity(ctx: Context, relation: Relation) -> Outcome:
    """KL is the excess cross-entropy.

    KL(p‖q) = H(p, q) − H(p) for p ≪ q.
    """
    return cross_entropy_relation(ctx, relation)


@dataclass(frozen=True)
class LowerBound:
    """A stated lower bound of a quantity the implementation computes on discrete pairs."""

    latex: str
    quantity: Callable[[Any, Pair], float]
    bound: Callable[[Any, Pair], float]

    def __repr__(self) -> str:
        return f"LowerBound({self.latex!r})"


def lower_bound_check(ctx: Context, stated: LowerBound, regimes: tuple[str, ...] = ALL_REGIMES) -> Outcome:
    impl = ctx.impl()

    def prop(pair: Pair) -> list[Comparison]:
        return [at_least(stated.quantity(impl, pair), stated.bound(impl, pair), label=stated.latex,
                         rtol=pair.tolerance, atol=pair.tolerance)]

    # half the pairs generic with full support: there a bound is finite on both sides and can be tight
    return for_all_pairs(ctx, prop, st.one_of(discrete_pairs(full_support=True, regimes=("generic",)),
                                              discrete_pairs(regimes=regimes)))


def entropy_of(impl: Any, pair: Pair) -> float:
    return scalar(impl.entropy(pair.p), what="entropy(p)")


def cross_entropy_of(impl: Any, pair: Pair) -> float:
    return scalar(impl.cross_entropy(pair.p, pair.q), what="cross_entropy(p, q)", allow_inf=True)


ENTROPY_NONNEG = LowerBound(r"H(X) \ge 0", entropy_of, lambda impl, pair: 0.0)
CROSS_ENTROPY_NONNEG = LowerBound(r"H(p,q) \ge 0", cross_entropy_of, lambda impl, pair: 0.0)
KL_NONNEG = LowerBound(r"KL(p\|q) \ge 0", kl_of, lambda impl, pair: 0.0)
GIBBS = LowerBound(r"H(p,q) \ge H(p,p)", cross_entropy_of, entropy_of)


@TOPIC.claim("infotheory.entropy_nonneg", method="property", canonical=ENTROPY_NONNEG,
             printed=[Printed(D002, ENTROPY_NONNEG, r"H(\mathbf{X}) = -\sum p\log p \geq 0")])
def entropy_nonneg(ctx: Context, stated: LowerBound) -> Outcome:
    """Discrete entropy is non-negative.

    H(p) = −Σ p ln p ≥ 0 for a probability vector (each −p ln p ≥ 0 on [0, 1]).
    """
    return lower_bound_check(ctx, stated)


@TOPIC.claim("infotheory.cross_entropy_nonneg", method="property", canonical=CROSS_ENTROPY_NONNEG,
             printed=[Printed(D002, CROSS_ENTROPY_NONNEG, r"H(p, q) = -\sum p \log q = E_p[-\log q] \geq 0")])
def cross_entropy_nonneg(ctx: Context, stated: LowerBound) -> Outcome:
    """Discrete cross-entropy is non-negative.

    H(p, q) = −Σ p ln q ≥ 0 for probability vectors (ln q ≤ 0).
    """
    return lower_bound_check(ctx, stated)


@TOPIC.claim("infotheory.kl_nonneg", method="property", canonical=KL_NONNEG,
             printed=[Printed(D002, KL_NONNEG, r"KL(p,q) = -\sum p\log\frac{q}{p} = E_p[\log\frac{p}{q}] \geq 0",
                              line=164),
                      Printed(D002, KL_NONNEG, r"KL(p,q) = E_p[\log\frac{p}{q}] \geq 0", line=183)],
             references=("Gibbs' inequality",))
def kl_nonneg(ctx: Context, stated: LowerBound) -> Outcome:
    """Gibbs' inequality.

    KL(p‖q) ≥ 0 for any two distributions (by Jensen's inequality on the concave ln).
    """
    return lower_bound_check(ctx, stated)


@TOPIC.claim("infotheory.cross_entropy_minimizer", method="property", canonical=GIBBS,
             printed=[Printed(D002, GIBBS, r"\text{The minimizer of the cross-entropy is } q := p")])
def cross_entropy_minimizer(ctx: Context, stated: LowerBound) -> Outcome:
    """The cross-entropy is minimised by the true distribution.

    H(p, q) ≥ H(p, p) = H(p) for every q, i.e. argmin_q H(p, q) = p (Gibbs' inequality). Besides the
    drawn q, each p is compared with its own sharpened and flattened versions p^k/Σp^k (k = 2, ½),
    the directions in which a minimiser other than p would show.
    """
    impl = ctx.impl()

    def prop(pair: Pair) -> list[Comparison]:
        rivals = [pair] + [Pair(pair.p, sharpened(pair.p, k), pair.dx, f"p^{k}") for k in (2.0, 0.5)]
        return [at_least(stated.quantity(impl, rival), stated.bound(impl, rival), label=stated.latex,
                         rtol=pair.tolerance, atol=pair.tolerance) for rival in rivals]

    return for_all_pairs(ctx, prop, st.one_of(discrete_pairs(full_support=True, regimes=("generic",)),
                                              discrete_pairs()))


def sharpened(p: np.ndarray, k: float) -> np.ndarray:
    powered = np.asarray(p, dtype=float) ** k
    return powered / powered.sum()


PINSKER = LowerBound(r"KL(p\|q) \ge \tfrac12\|p-q\|_1^2", kl_of,
                     lambda impl, pair: 0.5 * float(np.sum(np.abs(np.asarray(pair.p, float) - pair.q))) ** 2)


@TOPIC.claim("infotheory.kl_zero_iff_equal", method="property", canonical=PINSKER,
             printed=[Printed(D002, PINSKER, r"KL(p, y) = 0 \iff p \equiv q", line=169,
                              reading="OCR wrote y for q. Checked quantitatively: KL(p, p) = 0 and, by Pinsker's "
                                      "inequality, KL(p‖q) ≥ ½‖p − q‖₁² > 0 whenever p ≠ q."),
                      Printed(D002, PINSKER, r"KL(p, y) = 0 \iff p \equiv q", line=189,
                              reading="Repetition of line 169.")],
             references=("Pinsker's inequality",))
def kl_zero_iff_equal(ctx: Context, stated: LowerBound) -> Outcome:
    """KL vanishes exactly when the distributions agree.

    KL(p‖q) = 0 iff p = q: KL(p‖p) = 0 and Pinsker's inequality KL(p‖q) ≥ ½‖p − q‖₁² separates p ≠ q.
    """
    return lower_bound_check(ctx, stated)


@TOPIC.claim("infotheory.jsd_symmetric", method="property",
             canonical=Formula(r"JSD(P,Q) = JSD(Q,P)", lambda impl, pair: impl.js(pair.q, pair.p)),
             printed=[Printed(D002, Formula(r"JSD(P,Q) = JSD(Q,P)", lambda impl, pair: impl.js(pair.q, pair.p)),
                              r"\textbf{Com.} \text{ The JSD is symmetric!}")])
def jsd_symmetric(ctx: Context, swapped: Formula) -> Outcome:
    """The Jensen–Shannon divergence is symmetric.

    JS(p, q) = JS(q, p) (m = ½(p + q) is symmetric and the two KL terms swap).
    """
    impl = ctx.impl()

    def prop(pair: Pair) -> list[Comparison]:
        return [close(scalar(impl.js(pair.p, pair.q), what="js(p, q)"), scalar(swapped(impl, pair), what="js(q, p)"),
                      label="JS(p, q) = JS(q, p)", rtol=pair.tolerance, atol=1e-15)]

    return for_all_pairs(ctx, prop, discrete_pairs())


def asymmetry_search(impl: Any) -> list[Comparison]:
    grid = np.linspace(0.05, 0.95, 19)
    gaps = [(abs(scalar(impl.kl(p, q), what="kl") - scalar(impl.kl(q, p), what="kl")), s, t)
            for s in grid for t in grid for p, q in [(np.array([s, 1 - s]), np.array([t, 1 - t]))]]
    gap, s, t = max(gaps)
    return [that(gap > 1e-6, label="some pair has KL(p‖q) ≠ KL(q‖p)",
                 message=f"largest |KL(p‖q) − KL(q‖p)| = {gap:.6g} at p = ({s:.2f}, {1 - s:.2f}), "
                         f"q = ({t:.2f}, {1 - t:.2f})")]


@TOPIC.claim("infotheory.kl_asymmetric", method="exhaustive", canonical=None,
             printed=[Printed(D002, None, r"\textbf{Com.} \text{ Note that the KL-divergence is not symmetric!}")])
def kl_asymmetric(ctx: Context, _: None) -> Outcome:
    """KL is not symmetric.

    There are p, q with KL(p‖q) ≠ KL(q‖p); a witness is searched among two-point distributions
    with masses on a grid of step 0.05 (one witness proves the claim).
    """
    impl = ctx.impl()
    return for_each(ctx, [impl], asymmetry_search, domain_name="2-point distributions, masses 0.05..0.95",
                    complete=True, describe=lambda _: "grid search")


def support_check(ctx: Context) -> Outcome:
    """KL(p‖q) < ∞ exactly when q(x) = 0 ⇒ p(x) = 0, in both directions."""
    impl = ctx.impl()

    def prop(pair: Pair) -> list[Comparison]:
        checks = []
        for name, (u, v) in {"KL(p‖q)": (pair.p, pair.q), "KL(q‖p)": (pair.q, pair.p)}.items():
            finite = math.isfinite(scalar(impl.kl(u, v), what=name, allow_inf=True))
            continuous = not np.any((np.asarray(v) == 0) & (np.asarray(u) > 0))
            checks.append(that(finite == continuous, label=f"{name} finite ⇔ absolute continuity",
                               message=f"{name} finite: {finite}; absolutely continuous: {continuous}"))
        return checks

    return for_all_pairs(ctx, prop, discrete_pairs(regimes=("generic", "disjoint", "subnormal")))


@TOPIC.claim("infotheory.kl_absolute_continuity", method="property", canonical=None,
             printed=[Printed(D002, None, r"KL \text{ is defined only if } \forall x: q(x) = 0 \implies p(x) = 0")])
def kl_absolute_continuity(ctx: Context, _: None) -> Outcome:
    """KL is finite exactly under absolute continuity.

    KL(p‖q) < ∞ iff q(x) = 0 ⇒ p(x) = 0 for every x (on a finite space).
    """
    return support_check(ctx)


@TOPIC.claim("infotheory.reverse_kl_mode_seeking", method="property", canonical=None,
             printed=[Printed(D001, None, r"\text{minimizing } KL(Q||P),\ q(x) \text{ can be zero where } p(x)>0"),
                      Printed(D003, None, r"\text{Rev KL: } p = 0 \Rightarrow q = 0,\ \text{Fwd KL: } p \neq 0 "
                                          r"\Rightarrow q \neq 0")],
             depends=("infotheory.kl_absolute_continuity",))
def reverse_kl_mode_seeking(ctx: Context, _: None) -> Outcome:
    """Reverse KL is zero-forcing, forward KL zero-avoiding.

    KL(q‖p) < ∞ iff (p = 0 ⇒ q = 0): a reverse-KL fit may drop modes of p (q = 0 where p > 0 costs
    nothing) but never puts mass where p has none; KL(p‖q) < ∞ iff (p ≠ 0 ⇒ q ≠ 0): a forward-KL fit
    must cover all of p. Checked as the finiteness pattern of both directions.
    """
    return support_check(ctx)


@TOPIC.claim("infotheory.mle_forward_kl", method="property",
             canonical=Formula(r"KL(\hat p\|q)", lambda impl, emp, q: impl.kl(emp, q)),
             printed=[Printed(D001, Formula(r"KL(P\|Q)", lambda impl, emp, q: impl.kl(emp, q)),
                              r"\text{In MLE we minimize the forward KL-divergence } KL(P||Q)"),
                      Printed(D003, Formula(r"KL(\hat p_{\mathcal D}\|q)", lambda impl, emp, q: impl.kl(emp, q)),
                              r"\text{MLE minimizes fwd KL to empirical } \mathcal{D}")])
def mle_forward_kl(ctx: Context, divergence: Formula) -> Outcome:
    """Maximum likelihood minimises the forward KL to the empirical distribution.

    For a sample with empirical distribution p̂ and any model q, (1/N) Σ ln q(x_i) = −H(p̂) − KL(p̂‖q):
    the average log-likelihood and −KL(p̂‖q) differ by a constant, so they have the same maximiser.
    """
    impl = ctx.impl()
    samples = st.tuples(hnp.arrays(np.int64, st.integers(1, 30), elements=st.integers(0, 4)),
                        discrete_pairs(max_size=5, full_support=True, regimes=("generic",)))

    def prop(example: tuple[np.ndarray, Pair]) -> list[Comparison]:
        data, pair = example
        model = np.resize(np.asarray(pair.q, float), 5)
        model = model / model.sum()
        empirical = np.bincount(data, minlength=5) / data.size
        log_likelihood = float(np.mean(np.log(model[data])))
        kl = scalar(divergence(impl, empirical, model), what="stated KL", allow_inf=True)
        return [close(log_likelihood, -entropy_of(impl, Pair(empirical, empirical)) - kl,
                      label="mean log-likelihood = −H(p̂) − stated KL", rtol=1e-9, atol=1e-12)]

    return for_all(ctx, samples, prop, max_examples=example_count(ctx), describe=lambda e: {"sample": e[0].tolist(),
                                                                           "model": e[1].q.tolist()})


PERPLEXITY = Formula(r"PPL = e^{H(p,q)} = 2^{H_2(p,q)}", lambda log_q: math.exp(-float(np.mean(log_q))))
PRINTED_PERPLEXITY = Formula(r"PPL = 2^{H(p,q)},\ H \text{ in bits}",
                             lambda log_q: 2.0 ** (-float(np.mean(log_q / math.log(2)))))


@TOPIC.claim(
    "infotheory.perplexity_cross_entropy",
    method="property",
    canonical=PERPLEXITY,
    printed=[Printed(D002, PRINTED_PERPLEXITY, r"\text{PPL}(X) = 2^{H(p,q)}",
                     reading="The base of the logarithm in H(p, q) is not given; 2^H is the perplexity when H is in "
                             "bits (log₂), which is how it is read. With H in nats it would be wrong (2^H ≠ e^H)."),
             Printed(D004, PRINTED_PERPLEXITY, r"PPL(X) = $2^{H(p,q)}$", reading="As in 002: H in bits.")],
    uses_impl=False,
)
def perplexity_cross_entropy(ctx: Context, perplexity: Formula) -> Outcome:
    """Perplexity is the exponentiated cross-entropy.

    For a sequence x_1..x_N with model probabilities q(x_i), PPL = (Π q(x_i))^{−1/N} = e^{H} with
    H = −(1/N) Σ ln q(x_i) in nats (= 2^{H₂} in bits); a uniform model over V tokens has PPL = V.
    """
    sequences = hnp.arrays(np.float64, st.integers(1, 50), elements=st.floats(1e-6, 1.0))

    def prop(q: np.ndarray) -> list[Comparison]:
        vocabulary = q.size
        return [close(perplexity(np.log(q)), float(np.prod(q ** (-1.0 / q.size))), label="PPL vs (Π q)^(−1/N)",
                      rtol=1e-9),
                close(perplexity(np.full(vocabulary, -math.log(vocabulary))), vocabulary,
                      label="uniform model over V tokens has PPL V", rtol=1e-9)]

    return for_all(ctx, sequences, prop, max_examples=example_count(ctx))


@dataclass(frozen=True)
class Estimator:
    """A stated estimate of H(p, q) from the model's log-probabilities ln q(x_i) of a sample x_1..x_N."""

    latex: str
    estimate: Callable[[np.ndarray], float]

    def __repr__(self) -> str:
        return f"Estimator({self.latex!r})"


SAMPLE_CROSS_ENTROPY = Estimator(r"-\frac1N\sum_{i=1}^N \ln q(x_i),\ x_i \sim p",
                                 lambda log_q: -float(np.mean(log_q)))
MODEL_FLOOR = 0.02
"""Smallest model probability in the statistical check: it bounds −ln q(x) by ln 50 for Hoeffding."""


@TOPIC.claim(
    "infotheory.cross_entropy_empirical",
    method="statistical",
    canonical=SAMPLE_CROSS_ENTROPY,
    printed=[
        Printed(D002, SAMPLE_CROSS_ENTROPY, r"H(p,q) = -\mathbb{E}_{x \sim p}[\log q(x)] = "
                                            r"-\frac{1}{N} \sum_{i=1}^N \log q(x_i)",
                reading="The sample mean estimates the expectation (equality in the limit N → ∞); log = ln."),
        Printed(D004, SAMPLE_CROSS_ENTROPY,
                r"-\mathbb{E}_{x \sim p} [\log q(x)] = -\frac{1}{N} \sum_{i=1}^N \log q(x_i)",
                reading="As in 002; for a language model q(x_i) is q(x_i | x_<i), here tokens are i.i.d. draws."),
    ],
    depends=("infotheory.cross_entropy_decomposition",),
    references=("Hoeffding (1963), Probability inequalities for sums of bounded random variables",),
)
def cross_entropy_empirical(ctx: Context, stated: Estimator) -> Outcome:
    """The sample average of −ln q estimates the cross-entropy.

    H(p, q) = −E_{x~p}[ln q(x)], so for x_1..x_N i.i.d. from p the average −(1/N) Σ ln q(x_i) is an
    unbiased estimate of it. Decided with Hoeffding's inequality (−ln q(x) ∈ [0, ln(1/min q)]) on
    random pairs, the implementation's cross_entropy as the null mean, Bonferroni over the pairs.
    """
    impl = ctx.impl()
    rng = ctx.rng()
    n, pairs_tried, support = ctx.scaled(20_000), 4, 6
    upper = -math.log(MODEL_FLOOR)
    level = ctx.alpha / pairs_tried
    p_values, rows = [], []
    for _ in range(pairs_tried):
        p = rng.dirichlet(np.ones(support))
        q = MODEL_FLOOR + (1 - support * MODEL_FLOOR) * rng.dirichlet(np.ones(support))
        log_q = np.log(q[rng.choice(support, size=n, p=p)])
        truth = scalar(impl.cross_entropy(p, q), what="cross_entropy(p, q)")
        estimate = stated.estimate(log_q)
        p_values.append(hoeffding_mean_p_value(estimate, n, truth, upper))
        rows.append([np.round(p, 3).tolist(), np.round(q, 3).tolist(), truth, estimate])
    ctx.table("H(p, q) from the implementation vs the stated sample estimate", ["p", "q", "H(p, q)", "estimate"], rows)
    # a shift δ is caught with power 0.9 once δ exceeds the level-α radius plus the one-sided 10 % radius
    detectable = upper * (math.sqrt(math.log(2 / level) / (2 * n)) + math.sqrt(math.log(10) / (2 * n)))
    return decide(ctx, min(1.0, pairs_tried * min(p_values)),
                  test=f"Hoeffding, E[estimate] = H(p, q) on {pairs_tried} pairs (Bonferroni)",
                  detectable=f"|E[estimate] − H(p, q)| ≥ {detectable:.3g} nats",
                  evidence={"samples per pair": n, "largest |estimate − H(p, q)|": max(abs(r[3] - r[2]) for r in rows)},
                  counterexample={"pairs": rows})


@dataclass(frozen=True)
class Utility:
    """A stated value of the log-loss utility of feature X_j given the others, from the joint P(y, x_j, x_rest)."""

    latex: str
    value: Callable[[Any, np.ndarray], float]

    def __repr__(self) -> str:
        return f"Utility({self.latex!r})"


def conditional_mutual_information(impl: Any, joint: np.ndarray) -> float:
    """I(Y; X_j | X_rest) = KL(P(y, x_j, r) ‖ P(y | r) P(x_j | r) P(r)), with the implementation's KL."""
    p_r = joint.sum(axis=(0, 1), keepdims=True)
    p_yr, p_jr = joint.sum(axis=1, keepdims=True), joint.sum(axis=0, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        product = np.where(p_r > 0, p_yr * p_jr / p_r, 0.0)
    return scalar(impl.kl(joint.ravel(), product.ravel()), what="kl(joint, conditional product)", allow_inf=True)


def mutual_information(impl: Any, joint: np.ndarray) -> float:
    """I(Y; X_j), ignoring the other features: KL(P(y, x_j) ‖ P(y) P(x_j))."""
    pair = joint.sum(axis=2)
    product = np.outer(pair.sum(axis=1), pair.sum(axis=0))
    return scalar(impl.kl(pair.ravel(), product.ravel()), what="kl(P(y, x_j), P(y)P(x_j))")


CMI = Utility(r"I(Y; X_j \mid X_{-j})", conditional_mutual_information)


def bayes_log_risk(joint: np.ndarray, keep: tuple[int, ...]) -> float:
    """E[−ln P(y | x_S)] of the Bayes predictor that sees the features on ``keep`` (axes 1, 2 of the joint)."""
    dropped = tuple(axis for axis in (1, 2) if axis not in keep)
    marginal = joint.sum(axis=dropped) if dropped else joint
    evidence = marginal.sum(axis=0, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        posterior = np.where(marginal > 0, marginal / evidence, 1.0)
    return -float(np.sum(xlogy(marginal, posterior)))


joint_tables = st.tuples(st.integers(2, 3), st.integers(2, 3), st.integers(1, 3)).flatmap(
    lambda shape: hnp.arrays(np.float64, shape, elements=st.one_of(st.just(0.0), st.floats(1e-3, 1.0))).filter(
        lambda t: t.sum() > 0).map(lambda t: t / t.sum()))


@TOPIC.claim(
    "infotheory.predictive_utility_cmi",
    method="property",
    canonical=CMI,
    printed=[Printed(D003, CMI, r"\text{For log-loss predictive util} \approx \text{conditional mutual information}",
                     reading="Read as: the drop in Bayes log-loss risk from adding X_j to X_{−j} is "
                             "I(Y; X_j | X_{−j}); exact for Bayes-optimal predictors, ≈ for fitted ones.")],
    depends=("infotheory.kl_definition",),
    references=("Cover & Thomas (2006), Elements of Information Theory, eq. (2.60) (chain rule)",),
)
def predictive_utility_cmi(ctx: Context, stated: Utility) -> Outcome:
    """Under log-loss, a feature's predictive utility is its conditional mutual information.

    The Bayes predictor under log-loss is P(y | x) and its risk is H(Y | X); hence the risk reduction
    from adding X_j to X_{−j} is H(Y | X_{−j}) − H(Y | X_j, X_{−j}) = I(Y; X_j | X_{−j}). Checked on random
    joint tables P(y, x_j, x_{−j}) against the stated value (the implementation's KL).
    """
    impl = ctx.impl()

    def prop(joint: np.ndarray) -> list[Comparison]:
        utility = bayes_log_risk(joint, keep=(2,)) - bayes_log_risk(joint, keep=(1, 2))
        return [close(stated.value(impl, joint), utility, label="stated utility vs H(Y|X_{−j}) − H(Y|X)",
                      rtol=1e-9, atol=1e-12)]

    return for_all(ctx, joint_tables, prop, max_examples=example_count(ctx),
                   describe=lambda t: {"P(y, x_j, x_-j)": t.tolist()})
