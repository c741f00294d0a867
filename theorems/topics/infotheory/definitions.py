"""Entropy, KL and Jensen–Shannon as defined, and the cross-entropy identities that tie them together."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from hypothesis import strategies as st

from impls.infotheory import Divergences
from theorems.engine import Comparison, Context, Formula, Outcome, Printed, close, for_all

from . import TOPIC
from .strategies import GaussianMixture, Pair, example_count, for_all_pairs, gaussian_pairs, on_common_grid, pairs

LIN = "Lin (1991), Divergence measures based on the Shannon entropy"
CONTINUOUS_SUPPORT = ("generic", "identical", "near-identical float32", "subnormal")


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
    return on_common_grid(GaussianMixture((1.0,), (mu0,), (s0,)), GaussianMixture((1.0,), (mu1,), (s1,)),
                          "normal pair"), params


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


def normal_entropy(sd: float) -> float:
    """H(N(μ, σ²)) = ½ ln(2πeσ²)."""
    return 0.5 * math.log(2 * math.pi * math.e * sd**2)


ENTROPY = Formula(r"H(X) = -\sum_i P(x_i)\log P(x_i)", lambda pair: -integral(pair, plogq(pair.p, pair.p)))


@TOPIC.claim("infotheory.entropy_def", method="property", canonical=ENTROPY,
             printed={"001": Printed(ENTROPY, reading="log = ln (nats).")})
def entropy_def(ctx: Context, stated: Formula) -> Outcome:
    """Shannon entropy (differential entropy for densities).

    H(p) = −Σ p ln p (−∫ p ln p dx for a density); for N(μ, σ²) it is ½ ln(2πeσ²).
    """
    return definition_check(ctx, lambda impl, pair: impl.entropy(pair.p, pair.dx), stated,
                            lambda params: normal_entropy(params[1]))


def gaussian_kl(params: tuple[float, ...]) -> float:
    mu0, s0, mu1, s1 = params
    return math.log(s1 / s0) + (s0**2 + (mu0 - mu1) ** 2) / (2 * s1**2) - 0.5


def kl_of(impl: Any, pair: Pair) -> float:
    return impl.kl(pair.p, pair.q, pair.dx)


KL_DEFINITION = Formula(r"\int p \ln\frac{p}{q}\,dx", lambda pair: integral(pair, plogq(pair.p, pair.p)
                                                                           - plogq(pair.p, pair.q)))


@TOPIC.claim(
    "infotheory.kl_definition",
    method="property",
    canonical=KL_DEFINITION,
    faithful=("000",),
    printed={"001": Printed(KL_DEFINITION, reading="The same definition with the roles named Q, P."),
             "003": Printed(KL_DEFINITION, reading="OCR doubled the closing parenthesis.")},
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
    faithful=("003",),
    printed={"001": Printed(JS_DEFINITION, reading="Left side named JS(Q‖P), right side in P, Q order: the same by "
                                                   "symmetry.")},
    references=(LIN,),
)
def js_divergence_def(ctx: Context, stated: Formula) -> Outcome:
    """Jensen–Shannon divergence.

    JS(p, q) = ½KL(p‖m) + ½KL(q‖m), m = ½(p + q); for normals it is checked against the entropy form
    H(m) − ½H(p) − ½H(q) by quadrature. The report also tables SciPy's jensenshannon on hard inputs.
    """
    scipy_table(ctx)

    def entropy_form(params: tuple[float, ...]) -> float:
        pair = on_common_grid(GaussianMixture((0.5, 0.5), (params[0], params[2]), (params[1], params[3])),
                              GaussianMixture((1.0,), (params[0],), (params[1],)), "mixture")
        h_m = -integral(pair, plogq(pair.p, pair.p))
        return h_m - 0.5 * (normal_entropy(params[1]) + normal_entropy(params[3]))

    return definition_check(ctx, lambda impl, pair: impl.js(pair.p, pair.q, pair.dx), stated, entropy_form)


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
        h_p, h_pq = impl.entropy(pair.p, pair.dx), impl.cross_entropy(pair.p, pair.q, pair.dx)
        left, right = relation.sides(h_p, h_pq, kl_of(impl, pair))
        return [close(left, right, label=relation.latex, rtol=pair.tolerance, atol=pair.tolerance)]

    positive = pairs(regimes=CONTINUOUS_SUPPORT, full_support=True).filter(lambda pair: bool(np.all(pair.q > 0)))
    return for_all_pairs(ctx, prop, positive)


DECOMPOSITION = Relation(r"H(p,q) = H(p) + KL(p\|q)", lambda h_p, h_pq, kl: (h_pq, h_p + kl))
KL_AS_DIFFERENCE = Relation(r"KL(p\|q) = H(p,q) - H(p)", lambda h_p, h_pq, kl: (kl, h_pq - h_p))


@TOPIC.claim("infotheory.cross_entropy_decomposition", method="property", canonical=DECOMPOSITION, faithful=("002",))
def cross_entropy_decomposition(ctx: Context, relation: Relation) -> Outcome:
    """Cross-entropy is entropy plus KL.

    H(p, q) = H(p) + KL(p‖q) for p ≪ q (discrete and continuous); its sign is infotheory.cross_entropy_nonneg.
    """
    return cross_entropy_relation(ctx, relation)


@TOPIC.claim("infotheory.kl_cross_entropy_identity", method="property", canonical=KL_AS_DIFFERENCE,
             faithful=("002:166", "002:185"))
def kl_cross_entropy_identity(ctx: Context, relation: Relation) -> Outcome:
    """KL is the excess cross-entropy.

    KL(p‖q) = H(p, q) − H(p) for p ≪ q.
    """
    return cross_entropy_relation(ctx, relation)
