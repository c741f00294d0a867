"""Risk: its decomposition, Rademacher bounds on the estimation error, and the minimum-norm implicit bias.

The Rademacher experiment. Four classifiers with true risks 0.30, 0.35, 0.40, 0.45 and samples of n = 8
points whose losses are independent Bernoulli(rⱼ) (column j of an 8 × 4 loss matrix). For every sample
the implementation gives the empirical risks and the exact empirical Rademacher complexity of the loss
class (all 2⁸ sign vectors); the bound on an expectation is checked by a one-sided empirical-Bernstein
test (Maurer & Pontil 2009) that the mean of (left side - right side) over the samples is ≤ 0.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import sympy
from hypothesis import strategies as st

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
    within_tolerance,
)

from . import BARTLETT, TOPIC
from .strategies import least_squares

TRUE_RISKS = np.array([0.30, 0.35, 0.40, 0.45])
SAMPLES = 8


def loss_matrices() -> st.SearchStrategy[np.ndarray]:
    """An (n, |H|) matrix of losses, n ≤ 8 samples and |H| ≤ 5 columns: 0/1 losses half the time, else in [0, 1]."""

    def build(seed: int, n: int, size: int, binary: bool) -> np.ndarray:
        rng = np.random.default_rng(seed)
        return (rng.random((n, size)) < 0.4).astype(float) if binary else rng.random((n, size))

    return st.builds(build, st.integers(0, 2**32 - 1), st.integers(1, SAMPLES), st.integers(1, 5), st.booleans())


def rademacher_by_bits(values: np.ndarray) -> float:
    """E_σ sup_g (1/n) Σᵢ σᵢ g(zᵢ) over all 2ⁿ sign vectors, σ read off the bits of 0 … 2ⁿ - 1."""
    n = values.shape[0]
    signs = 1.0 - 2.0 * ((np.arange(2**n)[:, None] >> np.arange(n)[None, :]) & 1)
    return float(np.sum(np.max(signs @ values, axis=1)) / (n * 2**n))


def risks_and_complexity(ctx: Context) -> Outcome:
    """The implementation's R̂ and Rad̂, which the experiment uses, are the definitions' (computed here):
    R̂(h) = (1/n) Σᵢ ℓᵢ(h) and the exact empirical Rademacher complexity, on generated loss matrices."""
    impl = ctx.impl()

    def prop(losses: np.ndarray) -> list[Comparison]:
        n = losses.shape[0]
        risks, expected_risks = impl.empirical_risks(losses), np.ones(n) @ losses / n
        complexity, expected = impl.rademacher_complexity(losses), rademacher_by_bits(losses)
        return [close(risks, expected_risks, label="empirical_risks = (1/n) Σᵢ ℓᵢ(h)", rtol=0,
                      atol=within_tolerance(expected_risks, operations=4 * n)),
                close(complexity, expected, label="rademacher_complexity = E_σ sup_g (1/n) Σᵢ σᵢ g(zᵢ)", rtol=0,
                      atol=within_tolerance(np.abs(losses).sum(axis=0).max() / n, operations=4 * (n + 2**n)))]

    return for_all(ctx, loss_matrices(), prop, describe=lambda losses: losses.tolist())


def rademacher_test(ctx: Context, gap: Callable[[np.ndarray, np.ndarray], float], *, what: str,
                    gap_range: tuple[float, float]) -> Outcome:
    """The implementation's R̂ and Rad̂ checked (:func:`risks_and_complexity`), then the test."""
    return all_of({"the implementation's R̂ and Rad̂": lambda: risks_and_complexity(ctx),
                   "the bound on average": lambda: bound_test(ctx, gap, what=what, gap_range=gap_range)})


def bound_test(ctx: Context, gap: Callable[[np.ndarray, np.ndarray], float], *, what: str,
               gap_range: tuple[float, float]) -> Outcome:
    """Test E[gap(R̂, R) - 2 Rad̂] ≤ 0 over ``ctx.scaled(4000)`` samples; with the gap in ``gap_range`` and the
    complexity in [0, 1], the difference lies in an interval of length span = |gap_range| + 2."""
    impl = ctx.impl()
    rng = ctx.rng()
    draws = ctx.scaled(4_000)
    losses = (rng.random((draws, SAMPLES, len(TRUE_RISKS))) < TRUE_RISKS).astype(float)
    excess = np.array([gap(impl.empirical_risks(sample), TRUE_RISKS) - 2 * impl.rademacher_complexity(sample)
                       for sample in losses])
    low, span = gap_range[0] - 2.0, gap_range[1] - gap_range[0] + 2.0
    shifted = excess - low
    radius = stats.empirical_bernstein_radius(float(shifted.var(ddof=1)), span, draws, ctx.alpha)
    return decide(
        ctx, stats.empirical_bernstein_p_value(shifted, -low, span),
        test=f"one-sided empirical-Bernstein test that E[{what} - 2 Rad̂] ≤ 0",
        detectable=f"a mean excess of {radius:.3g} (with certainty)",
        evidence={"samples": draws, "n": SAMPLES, "true risks": TRUE_RISKS.tolist(),
                  f"mean of {what} - 2 Rad̂": float(excess.mean())},
    )


TOPIC.not_checkable(
    "slt.rademacher_def",
    title="Empirical Rademacher complexity",
    statement="R̂_{Dₙ}(G) = E_σ[sup_{g∈G} (1/n) Σᵢ σᵢ g(zᵢ)] with σᵢ i.i.d. uniform on {-1, +1}.",
    reason="A definition. The implementation's value of it (exact, over all 2ⁿ sign vectors) is what "
           "slt.rademacher_uniform_deviation and slt.rademacher_erm_bound use, and a complexity computed "
           "without the supremum is refuted there.",
    references=(BARTLETT,),
)


@TOPIC.claim(
    "slt.rademacher_uniform_deviation",
    method="statistical",
    faithful=("003",),
    references=(BARTLETT,),
)
def rademacher_uniform_deviation(ctx: Context, _: None) -> Outcome:
    """The expected uniform deviation is at most twice the Rademacher complexity.

    E_D[sup_{h∈H} (R(h) - R̂_D(h))] ≤ 2 E_D[R̂_D(G)] for the loss class G = {z ↦ ℓ(h, z)} (symmetrisation;
    the printed R̂_{Dₙ}(G) is read as its expectation over the sample, as the proof gives). Rademacher
    experiment (module docstring).
    """
    return rademacher_test(ctx, lambda empirical, true: float(np.max(true - empirical)),
                           what="sup_h (R - R̂)", gap_range=(TRUE_RISKS.max() - 1, TRUE_RISKS.max()))


@TOPIC.claim(
    "slt.rademacher_erm_bound",
    method="statistical",
    faithful=("003",),
    references=(BARTLETT,),
)
def rademacher_erm_bound(ctx: Context, _: None) -> Outcome:
    """Empirical risk minimisation is within twice the Rademacher complexity of the best in the class.

    E[R(ĥ_H)] ≤ R(h*_H) + 2 E_D[R̂_D(G)] for ĥ_H an empirical risk minimiser (R(ĥ) - R(h*) ≤
    sup_h (R - R̂) + R̂(h*) - R(h*), whose expectation the uniform deviation bounds). Rademacher experiment
    (module docstring), ties of empirical risk broken towards the first classifier.
    """
    return rademacher_test(ctx, lambda empirical, true: float(true[np.argmin(empirical)] - true.min()),
                           what="R(ĥ) - R(h*)", gap_range=(0.0, float(np.ptp(TRUE_RISKS))))


r_tilde, r_hat, r_class, r_bayes = sympy.symbols(r"R(\tilde{f}) R(\hat{f}_H) R(f_H^*) R(f^*)", real=True)


def decomposition(lhs: Any, *terms: Any) -> tuple[Any, Any]:
    return lhs, sum(terms)


@TOPIC.claim(
    "slt.risk_decomposition",
    method="sympy",
    canonical=Formula(r"R(\tilde f)-R(f^*) = [R(\tilde f)-R(\hat f_H)] + [R(\hat f_H)-R(f_H^*)] + [R(f_H^*)-R(f^*)]",
                      lambda t, h, c, b: decomposition(t - b, t - h, h - c, c - b)),
    printed={"003": Printed(
        Formula(r"R(\hat f_H)-R(f^*) = [R(\hat f_H)-R(f_H^*)] + [R(f_H^*)-R(f^*)] + [R(f^*)-R^*(f^*)]",
                lambda t, h, c, b: decomposition(h - b, h - c, c - b, b - b)),
        reading="R*(f*) read as the Bayes risk, R(f*), the only reading under which the printed identity holds; its "
                "third term is then 0. The identity is right but its labels are shifted: R(f̂_H) - R(f*_H) is the "
                "estimation error (printed 'excess risk'), R(f*_H) - R(f*) the approximation error (printed "
                "'estimation error'), and the excess risk is the left side.",
    )},
    uses_impl=False,
)
def risk_decomposition(ctx: Context, stated: Formula) -> Outcome:
    """The excess risk is optimisation plus estimation plus approximation error.

    For f* the Bayes predictor, f*_H the best in H, f̂_H the empirical risk minimiser and f̃ what the
    optimiser returns: R(f̃) - R(f*) = [R(f̃) - R(f̂_H)] (optimisation) + [R(f̂_H) - R(f*_H)] (estimation)
    + [R(f*_H) - R(f*)] (approximation), an exact telescoping identity, proved by SymPy.
    """
    lhs, rhs = stated(r_tilde, r_hat, r_class, r_bayes)
    return symbolic(ctx, ("excess risk", lhs), ("sum of the stated terms", rhs))


def conjugate_gradient(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Conjugate gradients on ‖Xθ - y‖² from θ = 0 (CGLS): every iterate is in span{x₁, …, xₙ}, and it
    converges in at most n steps in exact arithmetic (2n + 2 are run)."""
    theta = np.zeros(X.shape[1])
    residual = y.astype(float).copy()
    direction = X.T @ residual
    gradient = direction.copy()
    for _ in range(2 * len(y) + 2):
        norm = gradient @ gradient
        if norm == 0.0:
            break
        image = X @ direction
        step = norm / (image @ image)
        theta += step * direction
        residual -= step * image
        gradient = X.T @ residual
        direction = gradient + (gradient @ gradient / norm) * direction
    return theta


@TOPIC.claim(
    "slt.implicit_bias_min_norm",
    method="property",
    faithful=("003",),
    references=("Zhang, Bengio, Hardt, Recht & Vinyals (2017), Understanding deep learning requires rethinking "
                "generalization, §5",),
)
def implicit_bias_min_norm(ctx: Context, _: None) -> Outcome:
    """An algorithm whose iterates stay in the span of the inputs converges to the minimum-norm solution.

    For underdetermined least squares, the only minimiser in span{x₁, …, xₙ} is X⁺y, the minimum-norm one;
    so any such algorithm that converges, converges to it. Checked with conjugate gradients started at 0
    on Gaussian X with n ≤ 6 rows and d ≥ 2n columns: the limit equals the implementation's minimum-norm
    solution to a tolerance of cond(X)² · 64 roundings of ‖θ‖.
    """
    impl = ctx.impl()

    def case(problem: tuple[np.ndarray, np.ndarray]) -> Comparison:
        X, y = problem
        limit, minimum = conjugate_gradient(X, y), impl.min_norm_solution(X, y)
        slack = 64 * np.linalg.cond(X) ** 2 * np.finfo(float).eps * float(np.linalg.norm(minimum) + 1.0)
        return close(limit, minimum, label="limit of an algorithm in span{xᵢ} = X⁺y", rtol=0.0, atol=slack)

    return for_all(ctx, least_squares(), case, describe=lambda p: {"X": p[0].tolist(), "y": p[1].tolist()})
