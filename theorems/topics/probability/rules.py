"""The rules of discrete probability: sum, product and chain rules, Bayes' rule, conditional independence,
Markov chains.

Every check runs in exact rational arithmetic on generated joint distributions of two to four
discrete variables (one axis of a :class:`~fractions.Fraction` table each, every cell positive).
Conditional probabilities are computed from the joint table by their definition
P(A | B) = P(A, B)/P(B), never assumed, so a rule holds on an instance only if the numbers agree
exactly. The verdict is ``holds``: the rules are checked on many generated tables, not proved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import product
from typing import Any

import numpy as np
from hypothesis import strategies as st

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, equal, for_all

from . import TOPIC
from .strategies import kernels, tables

EXAMPLES = 40
"""Generated tables per check: exact arithmetic on tables of at most 36 cells is cheap."""


def marginal(p: np.ndarray, keep: Sequence[int]) -> np.ndarray:
    """The joint table of the variables ``keep`` (in that order), the others summed out."""
    summed = p.sum(axis=tuple(a for a in range(p.ndim) if a not in keep)) if len(keep) < p.ndim else p
    order = sorted(keep)
    return np.moveaxis(summed, [order.index(a) for a in keep], range(len(keep))) if len(keep) > 1 else summed


def conditional(p: np.ndarray, target: Sequence[int], given: Sequence[int]) -> np.ndarray:
    """P(target | given) as a table indexed by (target values…, given values…)."""
    joint = marginal(p, [*target, *given])
    return joint / marginal(p, given) if given else joint


def cells(p: np.ndarray) -> list[tuple[int, ...]]:
    return list(product(*(range(n) for n in p.shape)))


def exact(ctx: Context, strategy: Any, compare: Callable[[Any], list[Comparison]]) -> Outcome:
    return for_all(ctx, strategy, compare, max_examples=EXAMPLES, describe=_describe)


def _describe(example: Any) -> Any:
    return np.vectorize(str, otypes=[object])(example).tolist() if isinstance(example, np.ndarray) else str(example)


@TOPIC.claim(
    "probability.sum_rule",
    method="property",
    canonical=Formula(r"\sum_{j=1}^J P(X=x_i, Y=y_j)", lambda joint, i: joint[i, :].sum()),
    faithful=("002",),
    printed={
        "004": Printed(
            Formula(r"\sum_{j=1}^J P(X=x_i, Y=y_j)", lambda joint, i: joint[i, :].sum()),
            reading="The summand's y_i is read as y_j, the index of the sum: with y_i the sum "
            "would be J copies of one cell, not a marginal.",
        )
    },
    uses_impl=False,
)
def sum_rule(ctx: Context, marginalise: Formula) -> Outcome:
    """The sum rule (marginalisation).

    P(X = x_i) = Σ_j P(X = x_i, Y = y_j) when Y takes the values y_1 … y_J. Checked on joint tables
    of (X, Y, W): P(X = x_i) is the probability of every outcome with X = x_i, the right-hand side
    sums the (X, Y) table (W summed out).
    """
    return exact(
        ctx,
        tables((3, 3, 2)),
        lambda p: [equal(marginalise(marginal(p, [0, 1]), i), p[i].sum(), label=f"P(X = x_{i})") for i in range(3)],
    )


@TOPIC.claim(
    "probability.product_rule",
    method="property",
    canonical=Formula(r"P(Y|X)P(X)", lambda y_given_x, x: y_given_x * x),
    faithful=("002", "004"),
    uses_impl=False,
)
def product_rule(ctx: Context, factorised: Formula) -> Outcome:
    """The product rule.

    P(X, Y) = P(Y | X) P(X) for every pair of values with P(X) > 0, P(Y | X) = P(X, Y)/P(X) computed
    from a joint table of (X, Y, W).
    """

    def compare(p: np.ndarray) -> list[Comparison]:
        y_given_x, x, xy = conditional(p, [1], [0]), marginal(p, [0]), marginal(p, [0, 1])
        return [equal(factorised(y_given_x[j, i], x[i]), xy[i, j], label=f"P(x_{i}, y_{j})") for i, j in cells(xy)]

    return exact(ctx, tables((3, 2, 2)), compare)


def bayes_partition(x_given_y: Any, y: Any, x_given_all: np.ndarray, all_y: np.ndarray) -> Any:
    return x_given_y * y / sum(x_given_all * all_y)


@TOPIC.claim(
    "probability.bayes_rule",
    method="property",
    canonical=(
        Formula(r"\frac{P(X|Y)P(Y)}{P(X)}", lambda x_given_y, y, x, *_: x_given_y * y / x),
        Formula(
            r"\frac{P(X|Y)P(Y)}{\sum_i P(X|Y_i)P(Y_i)}",
            lambda x_given_y, y, _, x_given_all, all_y: bayes_partition(x_given_y, y, x_given_all, all_y),
        ),
    ),
    faithful=("002",),
    printed={
        "004": Printed(
            (Formula(r"\frac{P(X|Y)P(Y)}{P(X)}", lambda x_given_y, y, x, *_: x_given_y * y / x),),
            reading="Only the first equality (no partition of the outcome space) is printed.",
        )
    },
    uses_impl=False,
)
def bayes_rule(ctx: Context, forms: tuple[Formula, ...]) -> Outcome:
    """Bayes' rule.

    P(Y | X) = P(X | Y)P(Y)/P(X) = P(X | Y)P(Y)/Σ_i P(X | Y_i)P(Y_i) for P(X) > 0, where the values
    Y_1 … Y_k of Y partition the outcome space. Each form is compared exactly with P(Y | X) of a
    joint table of (X, Y).
    """

    def compare(p: np.ndarray) -> list[Comparison]:
        x_given_y, y_given_x, x, y = (
            conditional(p, [0], [1]),
            conditional(p, [1], [0]),
            marginal(p, [0]),
            marginal(p, [1]),
        )
        return [
            equal(
                form(x_given_y[i, j], y[j], x[i], x_given_y[i, :], y),
                y_given_x[j, i],
                label=f"P(y_{j} | x_{i}) by {form.latex}",
            )
            for form in forms
            for i, j in cells(p)
        ]

    return exact(ctx, tables((3, 3)), compare)


@TOPIC.claim(
    "probability.bayes_noisy_channel",
    method="property",
    canonical=Formula(r"P(\text{source}|\text{target})P(\text{target})", lambda s_given_t, t: s_given_t * t),
    faithful=("002",),
    uses_impl=False,
)
def bayes_noisy_channel(ctx: Context, score: Formula) -> Outcome:
    """The noisy-channel form of Bayes' rule.

    P(target | source) ∝ P(source | target) P(target) as functions of the target: for each source
    value the ratio P(target | source)/score(target) is one constant for every target (so the
    arg-max over targets of the score is the posterior mode).
    """

    def compare(p: np.ndarray) -> list[Comparison]:
        t_given_s, s_given_t, t = conditional(p, [0], [1]), conditional(p, [1], [0]), marginal(p, [0])
        return [
            equal(
                len({t_given_s[i, s] / score(s_given_t[s, i], t[i]) for i in range(p.shape[0])}),
                1,
                label=f"number of distinct ratios posterior/score for source {s}",
            )
            for s in range(p.shape[1])
        ]

    return exact(ctx, tables((4, 3)), compare)


def chain_factors(p: np.ndarray) -> list[np.ndarray]:
    """P(x_1) and the tables P(x_t | x_1 … x_{t-1}), indexed (x_t, x_1, …, x_{t-1}), from the joint table."""
    return [marginal(p, [0])] + [conditional(p, [t], list(range(t))) for t in range(1, p.ndim)]


def chain_product(factors: list[np.ndarray], index: tuple[int, ...]) -> Any:
    """Π_t P(x_t | x_1 … x_{t-1}) at one cell."""
    return np.prod([factor[(index[t], *index[:t])] for t, factor in enumerate(factors)])


@TOPIC.claim(
    "probability.chain_rule_factorization",
    method="property",
    canonical=Formula(r"\prod_{t=1}^T P(x_t | x_1,\dots,x_{t-1})", chain_product),
    faithful=("002", "003", "004"),
    uses_impl=False,
)
def chain_rule_factorization(ctx: Context, factorised: Formula) -> Outcome:
    """The chain rule of probability.

    P(x_1, …, x_T) = Π_t P(x_t | x_1, …, x_{t-1}) for every joint distribution; checked on every cell
    of generated tables of T = 4 variables, each conditional computed from the table.
    """
    return exact(
        ctx,
        tables((2, 3, 2, 2)),
        lambda p: (lambda factors: [equal(factorised(factors, c), p[c], label=f"P{c}") for c in cells(p)])(
            chain_factors(p)
        ),
    )


def markov_chain(initial: np.ndarray, transitions: Sequence[np.ndarray]) -> np.ndarray:
    """The joint table of x_s … x_t for a chain started from ``initial`` with these transition kernels."""
    p = initial
    for kernel in transitions:
        p = p[..., None] * kernel[(None,) * (p.ndim - 1)]
    return p


def chains() -> Any:
    """A time-inhomogeneous Markov chain on 3 states at 3 times, as its joint table."""
    return st.tuples(tables((3,)), st.lists(kernels(3, 3), min_size=2, max_size=2)).map(
        lambda c: markov_chain(c[0], c[1])
    )


def forward(p: np.ndarray, index: tuple[int, ...]) -> Any:
    """p(x_s) Π p(x_τ | x_{τ-1}) at one cell, every factor computed from the joint table."""
    steps = [conditional(p, [t], [t - 1]) for t in range(1, p.ndim)]
    return marginal(p, [0])[index[0]] * np.prod([k[index[t + 1], index[t]] for t, k in enumerate(steps)])


def backward(p: np.ndarray, index: tuple[int, ...]) -> Any:
    """p(x_t) Π p(x_{τ-1} | x_τ) at one cell, every factor computed from the joint table."""
    steps = [conditional(p, [t - 1], [t]) for t in range(1, p.ndim)]
    return marginal(p, [p.ndim - 1])[index[-1]] * np.prod([k[index[t], index[t + 1]] for t, k in enumerate(steps)])


def every_cell(factorised: Formula) -> Callable[[np.ndarray], list[Comparison]]:
    """Compare the factorisation with the joint table at every cell (one cell per state path)."""
    return lambda p: [equal(factorised(p, c), p[c], label=f"p{c}") for c in cells(p)]


@TOPIC.claim(
    "probability.markov_forward_factorization",
    method="property",
    canonical=Formula(r"p(x_s)\prod_{\tau=s+1}^t p(x_\tau|x_{\tau-1})", forward),
    faithful=("000",),
    uses_impl=False,
)
def markov_forward_factorization(ctx: Context, factorised: Formula) -> Outcome:
    """The forward factorisation of a Markov chain.

    p(x_{s:t}) = p(x_s) Π_{τ=s+1}^t p(x_τ | x_{τ-1}) for a Markov chain, with each one-step
    conditional computed from the chain's joint table (not taken from the kernels that built it).
    """
    return exact(ctx, chains(), every_cell(factorised))


@TOPIC.claim(
    "probability.markov_backward_factorization",
    method="property",
    canonical=Formula(r"p(x_t)\prod_{\tau=s+1}^t p(x_{\tau-1}|x_\tau)", backward),
    faithful=("000",),
    uses_impl=False,
)
def markov_backward_factorization(ctx: Context, factorised: Formula) -> Outcome:
    """The backward factorisation of a Markov chain: the reversed chain is Markov.

    p(x_{s:t}) = p(x_t) Π_{τ=s+1}^t p(x_{τ-1} | x_τ) for a Markov chain run forward, each backward
    conditional computed from the joint table.
    """
    return exact(ctx, chains(), every_cell(factorised))


def conditionally_independent() -> Any:
    """A joint table of (X, Y, Z) with X ⊥ Y | Z: P(z) P(x | z) P(y | z), axes (X, Y, Z)."""

    def build(parts: tuple[np.ndarray, np.ndarray, np.ndarray]) -> np.ndarray:
        z, x_given_z, y_given_z = parts
        return np.einsum("k,ki,kj->ijk", z, x_given_z, y_given_z)

    return st.tuples(tables((2,)), kernels(2, 3), kernels(2, 2)).map(build)


@TOPIC.claim(
    "probability.conditional_independence_factorization",
    method="property",
    canonical=Formula(r"P(X|Z)P(Y|Z)", lambda x_given_z, y_given_z: x_given_z * y_given_z),
    faithful=("002", "004"),
    uses_impl=False,
)
def conditional_independence_factorization(ctx: Context, factorised: Formula) -> Outcome:
    """Conditional independence factorises the conditional joint.

    If X ⊥ Y | Z then P(X, Y | Z) = P(X | Z) P(Y | Z); checked on tables P(z)P(x | z)P(y | z), every
    conditional recomputed from the joint.
    """

    def compare(p: np.ndarray) -> list[Comparison]:
        xy, x, y = conditional(p, [0, 1], [2]), conditional(p, [0], [2]), conditional(p, [1], [2])
        return [
            equal(factorised(x[i, k], y[j, k]), xy[i, j, k], label=f"P(x_{i}, y_{j} | z_{k})") for i, j, k in cells(p)
        ]

    return exact(ctx, conditionally_independent(), compare)


@TOPIC.claim(
    "probability.cond_indep_drop_conditioning",
    method="property",
    canonical=Formula(r"P(X|Z)", lambda x_given_yz, x_given_z: x_given_z),
    faithful=("004",),
    uses_impl=False,
)
def cond_indep_drop_conditioning(ctx: Context, dropped: Formula) -> Outcome:
    """Under conditional independence, conditioning on Y adds nothing.

    If X ⊥ Y | Z then P(X | Y, Z) = P(X | Z) whenever P(Y, Z) > 0.
    """

    def compare(p: np.ndarray) -> list[Comparison]:
        x_yz, x_z = conditional(p, [0], [1, 2]), conditional(p, [0], [2])
        return [
            equal(dropped(x_yz[i, j, k], x_z[i, k]), x_yz[i, j, k], label=f"P(x_{i} | y_{j}, z_{k})")
            for i, j, k in cells(p)
        ]

    return exact(ctx, conditionally_independent(), compare)


def naive_bayes_models() -> Any:
    """A joint table of (Y, X_1, X_2, X_3) with the X_i conditionally independent given Y."""

    def build(parts: tuple[np.ndarray, list[np.ndarray]]) -> np.ndarray:
        y, (k1, k2, k3) = parts
        return np.einsum("y,ya,yb,yc->yabc", y, k1, k2, k3)

    return st.tuples(tables((2,)), st.lists(kernels(2, 2), min_size=3, max_size=3)).map(build)


@TOPIC.claim(
    "probability.naive_bayes_factorization",
    method="property",
    canonical=Formula(
        r"\frac{\prod_i P(X_i|Y)\,P(Y)}{P(X)}", lambda features, y, x, feature_marginals: features * y / x
    ),
    printed={
        "004": Printed(
            Formula(
                r"\frac{\prod_i P(X_i|Y)\,P(Y)}{\prod_i P(X_i)}",
                lambda features, y, x, feature_marginals: features * y / np.prod(feature_marginals),
            ),
            reading="Y_i in the numerator is read as Y (one class variable). The printed denominator ∏ P(X_i) "
            "equals P(X) only if the features are also independent marginally, which conditional "
            "independence given Y does not give: the posteriors need not sum to 1.",
        )
    },
    uses_impl=False,
)
def naive_bayes_factorization(ctx: Context, posterior: Formula) -> Outcome:
    """The naive Bayes posterior.

    If X_1, …, X_k are conditionally independent given Y then P(Y | X) = Π_i P(X_i | Y) P(Y)/P(X),
    P(X) = Σ_y Π_i P(X_i | y) P(y). Checked with k = 3 binary features and a binary class.
    """

    def compare(p: np.ndarray) -> list[Comparison]:
        y, x, y_given_x = marginal(p, [0]), marginal(p, [1, 2, 3]), conditional(p, [0], [1, 2, 3])
        singles = [conditional(p, [i], [0]) for i in (1, 2, 3)]
        feature_marginals = [marginal(p, [i]) for i in (1, 2, 3)]
        return [
            equal(
                posterior(
                    np.prod([s[f, c] for s, f in zip(singles, fs, strict=True)]),
                    y[c],
                    x[fs],
                    [m[f] for m, f in zip(feature_marginals, fs, strict=True)],
                ),
                y_given_x[(c, *fs)],
                label=f"P(y_{c} | x = {fs})",
            )
            for c, *rest in cells(p)
            for fs in [tuple(rest)]
        ]

    return exact(ctx, naive_bayes_models(), compare)


TOPIC.not_checkable(
    "probability.independence",
    title="Independence (definition)",
    statement="X and Y are independent iff P(X, Y) = P(X)P(Y).",
    reason="A definition: it names the property that the factorisation holds; it asserts nothing that could fail. "
    "Its consequences (zero covariance, MGF of sums) are checked as their own claims.",
)
TOPIC.not_checkable(
    "probability.conditional_independence",
    title="Conditional independence (definition)",
    statement="X and Y are conditionally independent given Z iff P(X, Y | Z) = P(X | Z)P(Y | Z).",
    reason="A definition of X ⊥ Y | Z; its consequences (probability.conditional_independence_factorization, "
    "probability.cond_indep_drop_conditioning) are checked.",
)
TOPIC.not_checkable(
    "probability.stationary_distribution",
    title="Stationary distribution of a Markov kernel (definition)",
    statement="π is stationary for the kernel p iff π(x') = ∫ π(x) p(x' | x) dx.",
    reason="A definition of stationarity; it states no property of a given π or kernel that could be false.",
)
