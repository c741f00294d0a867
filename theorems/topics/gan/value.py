"""The value of the GAN game: its inner maximum, its value at D*, and the Bayes ceiling of the likelihood."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from impls.gan import train_logistic_discriminator
from theorems.engine import Comparison, Context, Formula, Outcome, Printed, all_of, at_least, close, for_all, for_each
from theorems.topics.infotheory.strategies import (
    EXACT_REGIMES,
    GaussianMixture,
    Pair,
    discrete_pairs,
    example_count,
    for_all_pairs,
    on_common_grid,
    pairs,
)

from . import GOODFELLOW, TOPIC
from .discriminator import bayes_discriminator
from .strategies import discrete_pairs_and_discriminators


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
    faithful=("001", "002", "003"),
    printed={"000": Printed(LINEAR_VALUE, reading="Printed without logarithms. Judged as printed: the inner maximum "
                                                  "over D of this linear objective is attained at D = 1[p_data > p_g] "
                                                  "with value 1 + TV(p_data, p_g), not at p_data/(p_data + p_g) with "
                                                  "value 2 JS − log 4.")},
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
        js = impl.js(pair.p, pair.q)
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
    printed={
        "002": Printed(OptimumValue(r"\min_G C(G) = -\log 4 \text{ at } p_g = p_{data}", None, -math.log(4)),
                       reading="States only the global minimum of C(G) = max_D V(D, G) and where it is attained."),
        "003": Printed(OptimumValue(r"V(D^*, G) = 2D_{JS}(p_{data}\|p_G) - \log 4", lambda js: 2 * js - math.log(4),
                                    None)),
    },
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
        c = impl.gan_value(pair.p, pair.q, bayes_discriminator(impl, pair), pair.dx)
        js = impl.js(pair.p, pair.q, pair.dx)
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
    real_law, fake_law = GaussianMixture((1.0,), (0.0,), (1.0,)), GaussianMixture((1.0,), (1.0,), (0.6,))
    pair = on_common_grid(real_law, fake_law, "trained discriminator")
    rng = ctx.rng(stream=1)
    n = ctx.scaled(2000)
    snapshots = train_logistic_discriminator(
        rng.normal(0.0, 1.0, n), rng.normal(1.0, 0.6, n), steps=ctx.scaled(200), lr=0.05,
        seed=int(rng.integers(2**31)), features=quadratic_features,
    )
    curve = np.array([impl.log_likelihood(pair.p, pair.q, np.clip(d(pair.x), 1e-300, 1 - 1e-16), pair.dx)
                      for d in snapshots])
    ceiling = impl.log_likelihood(pair.p, pair.q, bayes_discriminator(impl, pair), pair.dx)
    return curve, ceiling


@TOPIC.claim(
    "gan.bayes_classifier_upper_bound",
    method="property",
    canonical=UPPER_BOUND,
    faithful=("001",),
    printed={"000": Printed(UPPER_BOUND, reading="OCR wrote ℓ^{*(θ)} for ℓ*(θ).")},
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
        star = impl.log_likelihood(pair.p, pair.q, bayes_discriminator(impl, pair))
        return [direction.holds(star, impl.log_likelihood(pair.p, pair.q, other))]

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
            ctx, discrete_pairs_and_discriminators(), random_discriminators, max_examples=example_count(ctx),
            describe=lambda e: {**e[0].describe(), "q_φ": e[1][: e[0].size].tolist()}),
        "trained discriminator": training,
    })
