"""Least squares: the MSE gradient, the pseudo-inverse solution, the normal equations, ridge, LMS and the
Gaussian noise model.

Every closed form is compared with the exact answer computed from the design's own SVD factors (see
:mod:`.strategies`), on well-conditioned, ill-conditioned (κ ≤ 1e6) and rank-deficient designs, to a
tolerance derived from κ: cε(κ‖w‖ + κ²‖r‖/s_max + …) for a backward-stable solver, cεκ²‖w‖ for a formula
that forms XᵀX.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from theorems import stats
from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    close,
    decide,
    for_all,
    symbolic,
    that,
    within_tolerance,
)
from theorems.topics.regularization.strategies import coordinates

from . import GOLUB, HOERL, PENROSE, TOPIC
from .matrices import frobenius_squared, gradient_proved, matrix, pairing
from .strategies import EXAMPLES, RCOND, Design, designs


def _is_symbolic(a: Any) -> bool:
    return isinstance(a, sympy.MatrixBase)


def _inverse(a: Any) -> Any:
    return a.inv() if _is_symbolic(a) else np.linalg.inv(a)


def _eye(a: Any) -> Any:
    """The identity of the size of the square matrix ``a``."""
    return sympy.eye(a.shape[0]) if _is_symbolic(a) else np.eye(len(a))


def _dot(a: Any, b: Any) -> Any:
    return (a.T @ b)[0] if _is_symbolic(a) else a @ b


def agrees(ctx: Context, strategy: SearchStrategy[Any], got: Callable[[Any], Any], expected: Callable[[Any], Any],
           tolerance: Callable[[Any], float], *, label: str,
           describe: Callable[[Any], Any] = Design.describe) -> Outcome:
    """``got(x)`` equals ``expected(x)`` to the absolute ``tolerance(x)`` on every generated ``x``; a formula that
    cannot be evaluated (a singular matrix inverted) is a failure, with the reason."""

    def prop(x: Any) -> Comparison:
        try:
            value = got(x)
        except np.linalg.LinAlgError as exc:
            return that(False, label=label, message=f"undefined on this instance: {exc}")
        return close(value, expected(x), label=label, rtol=0.0, atol=tolerance(x))

    return for_all(ctx, strategy, prop, describe=describe, max_examples=ctx.scaled(EXAMPLES))


def of_implementation(ctx: Context, parts: dict[str, Callable[[], Outcome]]) -> dict[str, Callable[[], Outcome]]:
    """The parts that check the implementation under test: run in the canonical variant only (a printing that
    differs changes the formula, not the implementation)."""
    return parts if ctx.is_canonical else {}


def least_squares_of_impl(ctx: Context, *, full_rank: bool = False) -> Outcome:
    """The implementation's least squares equals X⁺y, computed from the factors, to the perturbation bound."""
    impl = ctx.impl()
    return agrees(ctx, designs(full_rank=full_rank), lambda m: impl.least_squares(m.X, m.y, RCOND),
                  lambda m: m.least_squares, Design.ls_tolerance, label="least_squares(X, y) vs X⁺y")


def with_weights() -> SearchStrategy[tuple[Design, np.ndarray]]:
    return st.tuples(designs(), st.lists(coordinates(), min_size=4, max_size=4).map(np.array))


MSE_GRADIENT = Formula(r"\frac{X^\top Xw - X^\top y}{n}", lambda X, y, w: (X.T @ X @ w - X.T @ y) / X.shape[0])


@TOPIC.claim(
    "linear.mse_gradient",
    method="sympy",
    canonical=MSE_GRADIENT,
    faithful=("000", "003"),
)
def mse_gradient(ctx: Context, stated: Formula) -> Outcome:
    """The gradient of the mean squared error.

    For L(w) = ‖Xw - y‖²/(2n) with X ∈ R^{n×d}: ∇L(w) = (XᵀXw - Xᵀy)/n. Proved for n = 3, d = 2 with every
    entry symbolic (the identity is entry-wise the same for every n, d), and the implementation's gradient
    compared with the formula on designs up to κ = 1e6, to the rounding of XᵀXw and Xᵀy.
    """
    X, y, w = matrix("X", 3, 2), matrix("y", 3, 1), matrix("w", 2, 1)
    impl = ctx.impl()

    def tolerance(case: tuple[Design, np.ndarray]) -> float:
        m, v = case[0], case[1][: case[0].d]
        return (m.n + m.d) * within_tolerance(m.s_max**2 * np.linalg.norm(v) + m.s_max * np.linalg.norm(m.y)) / m.n

    return all_of({
        "proof": lambda: gradient_proved(ctx, lambda v: frobenius_squared(X @ v - y) / (2 * 3), w, stated(X, y, w),
                                         "w"),
        **of_implementation(ctx, {"implementation": lambda: agrees(
            ctx, with_weights(), lambda c: impl.mse_gradient(c[0].X, c[0].y, c[1][: c[0].d]),
            lambda c: stated(c[0].X, c[0].y, c[1][: c[0].d]), tolerance, label="mse_gradient vs (XᵀXw - Xᵀy)/n",
            describe=lambda c: {**c[0].describe(), "w": c[1][: c[0].d].tolist()})}),
    })


RIDGE_LIMIT = Formula(r"X^+ = \lim_{\delta\to 0^+}(X^\top X + \delta I)^{-1}X^\top",
                      lambda X, delta: _inverse(X.T @ X + delta * _eye(X.T @ X)) @ X.T)


@TOPIC.claim(
    "linear.pseudoinverse_least_squares",
    method="sympy",
    canonical=RIDGE_LIMIT,
    faithful=("000", "003"),
    references=(PENROSE, GOLUB),
)
def pseudoinverse_least_squares(ctx: Context, stated: Formula) -> Outcome:
    """The Moore–Penrose inverse as the limit of ridge, and the minimum-norm least-squares solution.

    X⁺ = lim_{δ→0+} (XᵀX + δI)⁻¹Xᵀ, and w* = X⁺y minimizes ‖Xw - y‖², with the smallest norm among the
    minimizers. In SVD coordinates the limit is entry-wise s/(s² + δ) → 1/s for s > 0 and 0 for s = 0: proved
    for a full-rank and a rank-deficient 3 × 2 diagonal X (orthogonal invariance gives every X). The
    implementation's least squares is compared with X⁺y from the factors on rank-deficient designs (rank
    decision at 1e-10 s_max) and on designs up to κ = 1e6.
    """
    s1, s2 = sympy.symbols("s_1 s_2", positive=True)
    delta = sympy.Symbol(r"\delta", positive=True)
    direction = matrix("E", 2, 3)

    def limit_proved(X: sympy.Matrix, rank: str) -> Callable[[], Outcome]:
        regularized = stated(X, delta).applyfunc(lambda e: sympy.limit(sympy.simplify(e), delta, 0, "+"))
        return lambda: symbolic(ctx, (rf"\lim_{{\delta\to0^+}}\langle\text{{stated}}, E\rangle,\ \text{{{rank}}}",
                                      pairing(regularized, direction)),
                                (r"\langle X^+, E\rangle", pairing(X.pinv(), direction)))

    return all_of({
        "limit, rank 2": limit_proved(sympy.Matrix([[s1, 0], [0, s2], [0, 0]]), "rank 2"),
        "limit, rank 1": limit_proved(sympy.Matrix([[s1, 0], [0, 0], [0, 0]]), "rank 1"),
        **of_implementation(ctx, {"implementation": lambda: least_squares_of_impl(ctx)}),
    })


OLS = Formula(r"(X^\top X)^{-1}X^\top y", lambda X, y: np.linalg.solve(X.T @ X, X.T @ y))


@TOPIC.claim(
    "linear.ols_closed_form",
    method="property",
    canonical=OLS,
    faithful=("003",),
    depends=("linear.pseudoinverse_least_squares",),
    references=(GOLUB,),
)
def ols_closed_form(ctx: Context, stated: Formula) -> Outcome:
    """The normal equations: the least-squares solution for a design of full column rank.

    If X ∈ R^{n×d} has rank d, the unique minimizer of ‖Xw - y‖² is ŵ = (XᵀX)⁻¹Xᵀy. The formula (which squares
    κ: tolerance cεκ²‖w‖) and the implementation are compared with X⁺y from the factors, κ up to 1e6.
    """
    return all_of({
        "formula": lambda: agrees(ctx, designs(full_rank=True), lambda m: stated(m.X, m.y),
                                  lambda m: m.least_squares, Design.normal_tolerance, label="formula vs X⁺y"),
        **of_implementation(ctx, {"implementation": lambda: least_squares_of_impl(ctx, full_rank=True)}),
    })


RIDGE = Formula(r"(X^\top X + \lambda I)^{-1}X^\top y",
                lambda X, y, lam: np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y))


def _shrinkage(impl: Any) -> Callable[[Design], Comparison]:
    def prop(m: Design) -> Comparison:
        fitted = m.U[:, : len(m.s)].T @ (m.X @ impl.ridge(m.X, m.y, m.lam))
        expected = m.s**2 / (m.s**2 + m.lam) * (m.U[:, : len(m.s)].T @ m.y)
        return close(fitted, expected, label="uᵢᵀXw vs sᵢ²/(sᵢ² + λ) uᵢᵀy", rtol=0.0,
                     atol=m.s_max * m.ridge_tolerance())

    return prop


@TOPIC.claim(
    "linear.ridge_closed_form",
    method="property",
    canonical=RIDGE,
    faithful=("000", "001", "003"),
    references=(HOERL,),
)
def ridge_closed_form(ctx: Context, stated: Formula) -> Outcome:
    """Ridge regression in closed form, and its shrinkage along the singular directions.

    For λ > 0, ½‖Xw - y‖² + λ/2 ‖w‖² is strictly convex (Hessian XᵀX + λI ≥ λI) and its gradient
    Xᵀ(Xw - y) + λw vanishes only at w* = (XᵀX + λI)⁻¹Xᵀy = V diag(s/(s² + λ)) Uᵀy: the fitted values' component
    along each left singular vector is uᵢᵀy shrunk by sᵢ²/(sᵢ² + λ) (Hoerl & Kennard 1970). The formula and the
    implementation are compared with the factor form on designs of any rank, κ(XᵀX + λI) up to 1e8, and the
    implementation's fitted values with the shrinkage factors.
    """
    impl = ctx.impl()
    return all_of({
        "formula": lambda: agrees(ctx, designs(), lambda m: stated(m.X, m.y, m.lam), lambda m: m.ridge,
                                  Design.ridge_tolerance, label="formula vs V diag(s/(s² + λ))Uᵀy"),
        **of_implementation(ctx, {
            "implementation": lambda: agrees(ctx, designs(), lambda m: impl.ridge(m.X, m.y, m.lam), lambda m: m.ridge,
                                             Design.ridge_tolerance, label="ridge(X, y, λ) vs V diag(s/(s² + λ))Uᵀy"),
            "shrinkage": lambda: for_all(ctx, designs(), _shrinkage(impl), describe=Design.describe,
                                         max_examples=ctx.scaled(EXAMPLES)),
        }),
    })


LMS = Formula(r"w + \eta\,(y - w^\top x)\,x", lambda w, x, y, eta: w + eta * (y - _dot(w, x)) * x)


def _steps() -> SearchStrategy[tuple[np.ndarray, np.ndarray, float, float]]:
    vector = st.lists(coordinates(), min_size=3, max_size=3).map(np.array)
    return st.tuples(vector, vector, coordinates(), st.floats(1e-3, 1.0))


@TOPIC.claim(
    "linear.sgd_lms_update",
    method="sympy",
    canonical=LMS,
    faithful=("000", "001", "003"),
    depends=("linear.mse_gradient",),
)
def sgd_lms_update(ctx: Context, stated: Formula) -> Outcome:
    """The LMS (delta) rule is SGD on the squared error.

    A gradient step on ½(y - wᵀx)² is w - η∇_w = w + η(y - wᵀx)x; with i uniform on {1, …, n}, the mean of
    the step directions over i is -η∇L for L = ‖Xw - y‖²/(2n), so the stochastic step is unbiased. Proved in R³;
    the implementation's step compared with the formula, and its mean step over the rows of a design with
    -η(XᵀXw - Xᵀy)/n (η = 1/2, exact in binary).
    """
    w, x = matrix("w", 3, 1), matrix("x", 3, 1)
    y, eta = sympy.Symbol("y", real=True), sympy.Symbol(r"\eta", positive=True)
    impl = ctx.impl()

    def step_tolerance(c: tuple[np.ndarray, np.ndarray, float, float]) -> float:
        v, u, target, rate = c
        return within_tolerance(v, rate * abs(target) * u, rate * np.abs(v) @ np.abs(u) * u, operations=16)

    def mean_step(c: tuple[Design, np.ndarray]) -> np.ndarray:
        m, v = c[0], c[1][: c[0].d]
        return np.mean([(v - impl.lms_step(v, m.X[i], m.y[i], 0.5)) / 0.5 for i in range(m.n)], axis=0)

    def mean_tolerance(c: tuple[Design, np.ndarray]) -> float:
        m, v = c[0], c[1][: c[0].d]
        return (m.n + m.d) * within_tolerance(np.linalg.norm(v) + m.s_max**2 * np.linalg.norm(v)
                                              + m.s_max * np.linalg.norm(m.y))

    return all_of({
        "proof": lambda: symbolic(
            ctx, (r"\langle w - \eta\nabla_w \tfrac12(y - w^\top x)^2, E\rangle",
                  pairing(w - eta * (-(y - (w.T @ x)[0]) * x), matrix("E", 3, 1))),
            (r"\langle\text{stated}, E\rangle", pairing(stated(w, x, y, eta), matrix("E", 3, 1))),
            simplify=sympy.expand),
        **of_implementation(ctx, {
            "implementation": lambda: agrees(ctx, _steps(), lambda c: impl.lms_step(*c), lambda c: stated(*c),
                                             step_tolerance, label="lms_step vs w + η(y - wᵀx)x",
                                             describe=lambda c: dict(zip(("w", "x", "y", "η"), c, strict=True))),
            "unbiased": lambda: agrees(ctx, with_weights(), mean_step,
                                       lambda c: MSE_GRADIENT(c[0].X, c[0].y, c[1][: c[0].d]), mean_tolerance,
                                       label="mean over i of (w - step_i)/η vs ∇L",
                                       describe=lambda c: {**c[0].describe(), "w": c[1][: c[0].d].tolist()}),
        }),
    })


@dataclass(frozen=True)
class NoiseModel:
    """The negative log-likelihood of the Gaussian noise model in terms of the residual sum of squares, and the
    covariance of the least-squares (= maximum-likelihood) estimate (None where a printing does not state it)."""

    nll: Formula
    covariance: Formula | None


GAUSSIAN = NoiseModel(
    Formula(r"\frac{1}{2\sigma^2}\sum_i (y_i - w^\top x_i)^2 + \frac n2\log(2\pi\sigma^2)",
            lambda rss, n, sigma: rss / (2 * sigma**2) + n * sympy.log(2 * sympy.pi * sigma**2) / 2),
    Formula(r"\operatorname{Cov}\hat w = \sigma^2 (X^\top X)^{-1}", lambda X, sigma: sigma**2 * np.linalg.inv(X.T @ X)),
)
EQUIVALENCE_ONLY = Printed(
    NoiseModel(GAUSSIAN.nll, None),
    reading="The line states the equivalence of least squares and the Gaussian negative log-likelihood only: "
            "checked as the NLL identity; the estimate's covariance, part of the canonical claim, is not printed.",
)


def sampling_law(ctx: Context, covariance: Formula) -> Outcome:
    """Least-squares estimates from Gaussian noise, whitened with the stated covariance, are i.i.d. N(0, 1)."""
    rng, draws, sigma = ctx.rng(stream=1), ctx.scaled(2000), 2.0
    X = rng.standard_normal((8, 3)) @ np.diag([1.0, 0.3, 0.05])
    w = rng.standard_normal(3)
    Y = (X @ w)[:, None] + sigma * rng.standard_normal((8, draws))
    estimates = ctx.impl().least_squares(X, Y, RCOND)
    z = np.linalg.solve(np.linalg.cholesky(covariance(X, sigma)), estimates - w[:, None])
    p_mean, p_variance = stats.residual_p_values(z.ravel(), [], 1.0)
    return decide(ctx, min(1.0, 2 * min(p_mean, p_variance)),
                  test=f"L⁻¹(ŵ - w) i.i.d. N(0, 1) with LLᵀ the stated covariance (exact χ² tests of mean and "
                       f"variance; n = 8, d = 3, σ = {sigma:g}, κ(X) = {np.linalg.cond(X):.3g}, {draws} noise draws)",
                  detectable=f"variance off by {stats.variance_detectable(z.size, ctx.alpha / 2):.3g} (relative)",
                  evidence={"p (mean)": p_mean, "p (variance)": p_variance, "mean of z²": float(np.mean(z**2))})


@TOPIC.claim(
    "linear.gaussian_nll_equals_lsq",
    method="statistical",
    canonical=GAUSSIAN,
    printed={"000": EQUIVALENCE_ONLY, "003": EQUIVALENCE_ONLY},
    depends=("linear.ols_closed_form",),
)
def gaussian_nll_equals_lsq(ctx: Context, stated: NoiseModel) -> Outcome:
    """Least squares is maximum likelihood under Gaussian noise, and the estimate's law.

    If yᵢ = wᵀxᵢ + εᵢ with εᵢ i.i.d. N(0, σ²), then -log p(y | X, w) = Σᵢ(yᵢ - wᵀxᵢ)²/(2σ²) + (n/2) log(2πσ²):
    an increasing affine function of the residual sum of squares, so the maximum-likelihood w is the
    least-squares w. For X of full column rank that estimate is unbiased with covariance σ²(XᵀX)⁻¹ (its
    variance is σ² times the design's). Proved for n = 3 symbolic residuals; the law of the implementation's
    estimate tested by Monte-Carlo (exact χ² tests at this check's level).
    """
    residuals = sympy.symbols("r_1:4", real=True)
    sigma = sympy.Symbol(r"\sigma", positive=True)
    density = [sympy.exp(-r**2 / (2 * sigma**2)) / sympy.sqrt(2 * sympy.pi * sigma**2) for r in residuals]
    parts: dict[str, Callable[[], Outcome]] = {
        "NLL": lambda: symbolic(ctx, (r"-\log\prod_i \mathcal N(y_i; w^\top x_i, \sigma^2)",
                                      -sympy.log(sympy.Mul(*density))),
                                (r"\text{stated}", stated.nll(sum(r**2 for r in residuals), 3, sigma)),
                                simplify=lambda e: sympy.simplify(sympy.expand_log(e, force=True))),
    }
    if stated.covariance is not None:
        parts["law of the estimate"] = lambda: sampling_law(ctx, stated.covariance)
    return all_of(parts)
