"""Learning through the divergences: maximum likelihood, perplexity, the sample cross-entropy, predictive utility."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.special import xlogy

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, close, decide, for_all, identity
from theorems.stats import hoeffding_mean_p_value

from . import TOPIC
from .inequalities import entropy_of
from .strategies import Pair, discrete_pairs, example_count

FORWARD_KL = Formula(r"KL(\hat p\|q)", lambda impl, emp, q: impl.kl(emp, q))
mle_samples = st.tuples(hnp.arrays(np.int64, st.integers(1, 30), elements=st.integers(0, 4)),
                        discrete_pairs(max_size=5, full_support=True, regimes=("generic",)))


def sample_and_model(example: tuple[np.ndarray, Pair]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The sample (symbols 0..4), its empirical distribution p̂ and a model q on the five symbols."""
    data, pair = example
    model = np.resize(np.asarray(pair.q, float), 5)
    return data, np.bincount(data, minlength=5) / data.size, model / model.sum()


@TOPIC.claim("infotheory.mle_forward_kl", method="property", canonical=FORWARD_KL, faithful=("001", "003"))
def mle_forward_kl(ctx: Context, divergence: Formula) -> Outcome:
    """Maximum likelihood minimises the forward KL to the empirical distribution.

    For a sample with empirical distribution p̂ and any model q, (1/N) Σ ln q(x_i) = −H(p̂) − KL(p̂‖q):
    the average log-likelihood and −KL(p̂‖q) differ by a constant, so they have the same maximiser.
    """
    impl = ctx.impl()

    def mean_log_likelihood(example: tuple[np.ndarray, Pair]) -> float:
        data, _, model = sample_and_model(example)
        return float(np.mean(np.log(model[data])))

    def entropy_minus_kl(example: tuple[np.ndarray, Pair]) -> float:
        _, empirical, model = sample_and_model(example)
        return -entropy_of(impl, Pair(empirical, empirical)) - divergence(impl, empirical, model)

    return identity(ctx, mle_samples, mean_log_likelihood, entropy_minus_kl,
                    label="mean log-likelihood = −H(p̂) − stated KL", rtol=1e-9, atol=1e-12,
                    max_examples=example_count(ctx),
                    describe=lambda e: {"sample": e[0].tolist(), "model": e[1].q.tolist()})


PERPLEXITY = Formula(r"PPL = e^{H(p,q)} = 2^{H_2(p,q)}", lambda log_q: math.exp(-float(np.mean(log_q))))
PRINTED_PERPLEXITY = Formula(r"PPL = 2^{H(p,q)},\ H \text{ in bits}",
                             lambda log_q: 2.0 ** (-float(np.mean(log_q / math.log(2)))))


@TOPIC.claim("infotheory.perplexity_cross_entropy", method="property", canonical=PERPLEXITY,
             printed={"002": Printed(PRINTED_PERPLEXITY,
                                     reading="The base of the logarithm in H(p, q) is not given; 2^H is the perplexity "
                                             "when H is in bits (log₂), which is how it is read. With H in nats it "
                                             "would be wrong (2^H ≠ e^H)."),
                      "004": Printed(PRINTED_PERPLEXITY, reading="As in 002: H in bits.")},
             uses_impl=False)
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
    printed={"002": Printed(SAMPLE_CROSS_ENTROPY, reading="The sample mean estimates the expectation (equality in the "
                                                          "limit N → ∞); log = ln."),
             "004": Printed(SAMPLE_CROSS_ENTROPY, reading="As in 002; for a language model q(x_i) is q(x_i | x_<i), "
                                                          "here tokens are i.i.d. draws.")},
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
        truth = impl.cross_entropy(p, q)
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
    return impl.kl(joint.ravel(), product.ravel())


def mutual_information(impl: Any, joint: np.ndarray) -> float:
    """I(Y; X_j), ignoring the other features: KL(P(y, x_j) ‖ P(y) P(x_j))."""
    pair = joint.sum(axis=2)
    product = np.outer(pair.sum(axis=1), pair.sum(axis=0))
    return impl.kl(pair.ravel(), product.ravel())


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
    printed={"003": Printed(CMI, reading="Read as: the drop in Bayes log-loss risk from adding X_j to X_{−j} is "
                                         "I(Y; X_j | X_{−j}); exact for Bayes-optimal predictors, ≈ for fitted ones.")},
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
    return identity(ctx, joint_tables, lambda joint: stated.value(impl, joint),
                    lambda joint: bayes_log_risk(joint, keep=(2,)) - bayes_log_risk(joint, keep=(1, 2)),
                    label="stated utility vs H(Y|X_{−j}) − H(Y|X)", rtol=1e-9, atol=1e-12,
                    max_examples=example_count(ctx), describe=lambda t: {"P(y, x_j, x_-j)": t.tolist()})
