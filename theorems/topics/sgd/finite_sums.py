"""Finite sums: unbiased minibatch gradients, their variance, Polyak averaging and SVRG."""

from __future__ import annotations

from collections.abc import Callable
from itertools import product
from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from impls.optim import FiniteSum
from theorems.engine import Comparison, Context, Formula, Outcome, Printed, at_most, close, for_all

from . import TOPIC
from .strategies import finite_sums

points = hnp.arrays(np.float64, 3, elements=st.floats(-10, 10, allow_nan=False))
sums_and_points = st.tuples(finite_sums(), points).map(lambda t: (t[0], t[1][: t[0].dim]))
sums_points_and_batches = st.tuples(sums_and_points, st.integers(1, 3)).map(lambda t: (*t[0], t[1]))


def describe_sum(t: tuple) -> dict[str, Any]:
    problem, *rest = t
    return {"H": problem.H.tolist(), "c": problem.c.tolist(), "rest": [np.asarray(r).tolist() for r in rest]}


def minibatch_distribution(ctx: Context, problem: FiniteSum, x: np.ndarray, r: int) -> np.ndarray:
    """The implementation's minibatch gradient for every one of the n^r equally likely index tuples."""
    tuples = np.array(list(product(range(problem.n), repeat=r)))
    return ctx.impl().minibatch_gradient(problem, np.tile(x, (len(tuples), 1)), tuples)


MEAN = Formula(r"\nabla f=\frac1n\sum_i\nabla f_i", lambda grads: grads.mean(axis=0))


@TOPIC.claim(
    "sgd.minibatch_gradient_unbiased",
    method="property",
    canonical=MEAN,
    printed={
        "001": Printed(Formula(r"\nabla f=\sum_i\nabla f_i", lambda grads: grads.sum(axis=0)),
                       reading="As printed, f is the sum of the f_i (line 397); the uniform index then gives ∇f/n."),
        "002": Printed(MEAN, reading="f the average (empirical risk)."),
        "004": Printed(MEAN, reading="f the average (empirical risk)."),
    },
    references=["Robbins & Monro (1951)"],
)
def minibatch_gradient_unbiased(ctx: Context, full_gradient: Formula) -> Outcome:
    """The minibatch gradient is unbiased

    For f = (1/n) Σ f_i and a minibatch of r indices drawn uniformly with replacement,
    E[(1/r) Σ_j ∇f_{I_j}(x)] = ∇f(x) (exact expectation over all n^r minibatches, r ≤ 3).
    """

    def prop(t: tuple) -> Comparison:
        problem, x, r = t
        mean = minibatch_distribution(ctx, problem, x, r).mean(axis=0)
        expected = full_gradient(problem.all_gradients(x))
        return close(mean, expected, label="E[minibatch gradient] vs ∇f", rtol=1e-9,
                     atol=1e-9 * (1 + float(np.abs(expected).max())))

    return for_all(ctx, sums_points_and_batches, prop, max_examples=60, describe=describe_sum)


VARIANCE = Formula(r"V=\frac1n\sum_i\|\nabla f_i-\nabla f\|^2",
                   lambda grads: float(np.mean(np.sum((grads - grads.mean(axis=0)) ** 2, axis=1))))


@TOPIC.claim(
    "sgd.gradient_variance_def",
    method="property",
    canonical=VARIANCE,
    faithful=("001",),
    printed={
        "000": Printed(VARIANCE,
                       reading="∇h(S) is the gradient of the empirical risk, the mean of the per-sample gradients."),
    },
)
def gradient_variance_def(ctx: Context, variance: Formula) -> Outcome:
    """V is the variance of the single-sample stochastic gradient

    V(x) = (1/n) Σ_i ‖∇f_i(x) - ∇f(x)‖² equals E‖g_I - E g_I‖² for g_I the stochastic gradient of one
    uniformly drawn sample (its total variance, exact over the n outcomes).
    """

    def prop(t: tuple) -> Comparison:
        problem, x = t
        grads = minibatch_distribution(ctx, problem, x, 1)
        total_variance = float(np.mean(np.sum((grads - grads.mean(axis=0)) ** 2, axis=1)))
        return close(variance(problem.all_gradients(x)), total_variance, label="V vs variance of g_I", rtol=1e-9,
                     atol=1e-12)

    return for_all(ctx, sums_and_points, prop, max_examples=60, describe=describe_sum)


@TOPIC.claim(
    "sgd.minibatch_variance_reduction",
    method="property",
    canonical=Formula(r"\frac{V}{r}", lambda V, r: V / r),
    printed={
        "001": Printed(Formula(r"\frac{V}{r}", lambda V, r: V / r),
                       reading="OCR-damaged; read as 'reduces the variance by a factor r' (r the minibatch size)."),
    },
)
def minibatch_variance_reduction(ctx: Context, variance_of_batch: Formula) -> Outcome:
    """A minibatch of r samples divides the gradient variance by r

    For r indices drawn uniformly with replacement, E‖g_B - ∇f(x)‖² = V(x)/r (exact over all n^r minibatches).
    """

    def prop(t: tuple) -> Comparison:
        problem, x, r = t
        grads = minibatch_distribution(ctx, problem, x, r)
        spread = float(np.mean(np.sum((grads - problem.gradient(x)) ** 2, axis=1)))
        return close(spread, variance_of_batch(problem.variance(x), r), label="E‖g_B - ∇f‖² vs V/r", rtol=1e-8,
                     atol=1e-12)

    return for_all(ctx, sums_points_and_batches, prop, max_examples=60, describe=describe_sum)


def running_recursion(weight: Callable[[int], float]) -> Callable[[np.ndarray], np.ndarray]:
    """x̄_1 = x_1, x̄_k = (1 - w_k) x̄_{k-1} + w_k x_k."""

    def averages(iterates: np.ndarray) -> np.ndarray:
        out = [iterates[0]]
        for k in range(2, len(iterates) + 1):
            out.append((1 - weight(k)) * out[-1] + weight(k) * iterates[k - 1])
        return np.array(out)

    return averages


@TOPIC.claim(
    "sgd.polyak_averaging",
    method="property",
    canonical=Formula(r"\bar x^{k+1}=\frac{k}{k+1}\bar x^k+\frac{1}{k+1}x^{k+1}", running_recursion(lambda k: 1 / k)),
    printed={
        "001": Printed(Formula(r"\bar x^{k+1}=\frac{k}{k+1}\bar x^k+\frac{1}{k+1}x^{k+1}",
                               running_recursion(lambda k: 1 / k)),
                       reading="x̄^k is the mean of x^1 … x^k."),
        "004": Printed(Formula(r"\bar\theta_t=\frac1t\sum_{i=1}^t\theta_i",
                               lambda it: np.cumsum(it, axis=0) / np.arange(1, len(it) + 1)[:, None]),
                       reading="The first formula; the 'or (1-β)θ̄_{t-1} + βθ_t' alternative is an exponential moving "
                       "average, the arithmetic mean only for β = β_t = 1/t."),
    },
)
def polyak_averaging(ctx: Context, averages: Formula) -> Outcome:
    """Polyak averaging by a running recursion

    x̄_k = (1/k) Σ_{i≤k} x_i, and x̄_{k+1} = k/(k+1) x̄_k + x_{k+1}/(k+1) computes it; checked against the
    implementation's running averages of generated iterate sequences.
    """

    def prop(iterates: np.ndarray) -> Comparison:
        got = ctx.impl().polyak_averages(iterates)
        return close(averages(iterates), got, label="averages", rtol=1e-9, atol=1e-9)

    sequences = st.tuples(st.integers(1, 30), st.integers(1, 3)).flatmap(
        lambda s: hnp.arrays(np.float64, s, elements=st.floats(-100, 100, allow_nan=False)))
    return for_all(ctx, sequences, prop, max_examples=60)


SVRG = Formula(r"\nabla f_j(x)-\nabla f_j(\bar x)+\nabla f(\bar x)", lambda gx, ga, full: gx - ga + full)


@TOPIC.claim(
    "sgd.svrg_update",
    method="property",
    canonical=SVRG,
    faithful=("001",),
    references=["Johnson & Zhang (2013), SVRG"],
)
def svrg_update(ctx: Context, direction: Formula) -> Outcome:
    """The SVRG direction is unbiased with variance vanishing at the anchor

    For j uniform, d_j = ∇f_j(x) - ∇f_j(x̄) + ∇f(x̄) has E d_j = ∇f(x) and E‖d_j - ∇f(x)‖² ≤ L²‖x - x̄‖²
    (L = sup L_i); the implementation's direction equals the formula for every j.
    """

    def prop(t: tuple) -> list[Comparison]:
        problem, x, anchor = t
        impl = ctx.impl()
        stated = np.array([direction(problem.all_gradients(x)[j], problem.all_gradients(anchor)[j],
                                     problem.gradient(anchor)) for j in range(problem.n)])
        got = np.array([impl.svrg_direction(problem, x, anchor, j) for j in range(problem.n)])
        scale = 1 + float(np.abs(stated).max())
        spread = float(np.mean(np.sum((stated - problem.gradient(x)) ** 2, axis=1)))
        return [
            close(got, stated, label="implementation vs formula", rtol=1e-9, atol=1e-9 * scale),
            close(stated.mean(axis=0), problem.gradient(x), label="E d_j vs ∇f(x)", rtol=1e-9, atol=1e-9 * scale),
            at_most(spread, problem.L**2 * float(np.sum((x - anchor) ** 2)), label="variance vs L²‖x - x̄‖²",
                    rtol=1e-8, atol=1e-9 * scale**2),
        ]

    triples = st.tuples(finite_sums(), points, points).map(lambda t: (t[0], t[1][: t[0].dim], t[2][: t[0].dim]))
    return for_all(ctx, triples, prop, max_examples=60, describe=describe_sum)
