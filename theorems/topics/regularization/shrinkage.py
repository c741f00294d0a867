"""Ridge shrinkage on the local quadratic model: the minimizer, its eigen-decomposition, the two regimes, and
the risk-optimal strength under a linear teacher.

The model is ½(θ-θ*)ᵀH(θ-θ*) + (μ/2)‖θ‖² with H = QΛQᵀ built from its eigenvectors (columns of Q) and
eigenvalues, so the factor λ_i/(λ_i + μ) of each eigen-component is exact. A solve with H + μI loses about
cond(H + μI)·ε, the tolerance used throughout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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
    at_most,
    close,
    decide,
    for_all,
    symbolic,
    within_tolerance,
)

from . import GOODFELLOW, HOERL, TOPIC
from .strategies import Quadratic, quadratics, relative_quadratics


def solve_tolerance(model: Quadratic, *magnitudes: object) -> float:
    """Rounding allowance of a solve with H + μI: cond(H + μI) times the float64 allowance of the magnitudes."""
    return model.condition * within_tolerance(model.theta_star, *magnitudes)


RIDGE = Formula(r"\theta^*_\mu=(H+\mu I)^{-1}H\theta^*",
                lambda H, theta_star, mu: np.linalg.solve(H + mu * np.eye(len(H)), H @ theta_star))


@TOPIC.claim(
    "regularization.quadratic_shrinkage_solution",
    method="property",
    canonical=RIDGE,
    faithful=("000", "003"),
    references=(GOODFELLOW,),
)
def quadratic_shrinkage_solution(ctx: Context, minimizer: Formula) -> Outcome:
    """The minimizer of the L2-regularized quadratic model

    For H symmetric positive semi-definite and μ > 0, ½(θ-θ*)ᵀH(θ-θ*) + (μ/2)‖θ‖² is strictly convex with the
    unique minimizer θ*_μ = (H + μI)^{-1}Hθ*: its gradient H(θ - θ*) + μθ vanishes there. Checked: the formula
    zeroes the gradient, and the implementation's minimizer equals the formula.
    """

    def gradient_at_formula(model: Quadratic) -> np.ndarray:
        theta = minimizer(model.H, model.theta_star, model.mu)
        return model.gradient(theta) + model.mu * theta

    def stationary(model: Quadratic) -> Comparison:
        residual = float(np.max(np.abs(gradient_at_formula(model))))
        scale = (model.lam.max() + model.mu) * solve_tolerance(model)
        return at_most(residual, scale, label="|∇(½(θ-θ*)ᵀH(θ-θ*) + μ/2‖θ‖²)| at the formula")

    return all_of({
        "the formula is stationary": lambda: for_all(ctx, quadratics(), stationary, describe=Quadratic.describe,
                                                     max_examples=ctx.scaled(50)),
        "the implementation's minimizer": lambda: _ridge_equals(ctx, quadratics(), lambda m: minimizer(
            m.H, m.theta_star, m.mu), label="ridge(H, θ*, μ) vs (H + μI)^{-1}Hθ*"),
    })


def _ridge_equals(ctx: Context, models: object, expected: Callable[[Quadratic], np.ndarray], *, label: str,
                  hessian: Callable[[Quadratic], np.ndarray] = lambda m: m.H) -> Outcome:
    """The implementation's ridge minimizer for the Hessian ``hessian(model)`` equals ``expected(model)``."""

    def prop(model: Quadratic) -> Comparison:
        got = ctx.impl().ridge(hessian(model), model.theta_star, model.mu)
        want = expected(model)
        return close(got, want, label=label, rtol=0.0, atol=solve_tolerance(model, got, want))

    return for_all(ctx, models, prop, describe=Quadratic.describe, max_examples=ctx.scaled(60))  # type: ignore[arg-type]


@dataclass(frozen=True)
class Eigenform:
    """How a printing writes the Hessian from (Q, Λ) and the shrinkage operator θ*_μ = M θ* from (Q, Λ, μ)."""

    latex: str
    hessian: Callable[[np.ndarray, np.ndarray], np.ndarray]
    operator: Callable[[np.ndarray, np.ndarray, float], np.ndarray]


def _columns(Q: np.ndarray, lam: np.ndarray) -> np.ndarray:
    return (Q * lam) @ Q.T


def _rows(Q: np.ndarray, lam: np.ndarray) -> np.ndarray:
    return (Q.T * lam) @ Q


EIGENBASIS = Eigenform(r"H=Q\Lambda Q^\top:\ \theta^*_\mu=Q\,\mathrm{diag}"
                       r"\big(\tfrac{\lambda_i}{\lambda_i+\mu}\big)Q^\top\theta^*", _columns,
                       lambda Q, lam, mu: _columns(Q, lam / (lam + mu)))


@TOPIC.claim(
    "regularization.shrinkage_eigenbasis",
    method="property",
    canonical=EIGENBASIS,
    faithful=("001",),
    printed={
        "000": Printed(Eigenform(r"H=Q^\top\Lambda Q:\ (\Lambda+I)^{-1}\Lambda", _rows,
                                 lambda Q, lam, mu: _rows(Q, lam / (lam + 1))),
                       reading="Read as printed: the operator (Λ + I)^{-1}Λ of the left side, in the eigenbasis of "
                               "H = QᵀΛQ (line 650); the right side diag(λ_i/(λ_i + μ)) has the μ the left side lacks, "
                               "so the equation holds only for μ = 1."),
        "003:758": Printed(Eigenform(r"H=Q^\top\Lambda Q:\ Q\,\mathrm{diag}\big(\tfrac{\lambda_i}{\lambda_i+\mu}\big)"
                                     r"Q^\top", _rows, lambda Q, lam, mu: _columns(Q, lam / (lam + mu))),
                           reading="Read as printed: H = QᵀΛQ (eigenvectors are the rows of Q) but "
                                   "θ*_μ = Q diag(·) Qᵀθ* (the form for eigenvectors in the columns); the transposes "
                                   "do not match."),
        "003:768": Printed(Eigenform(r"H=Q\Lambda Q^\top:\ Q[I-\lambda(\Lambda+\lambda I)^{-1}]Q^\top", _columns,
                                     lambda Q, lam, mu: _columns(Q, 1 - mu / (lam + mu))),
                           reading="λ is the penalty strength μ; H = QΛQᵀ as printed in the same paragraph."),
    },
    references=(GOODFELLOW,),
)
def shrinkage_eigenbasis(ctx: Context, form: Eigenform) -> Outcome:
    """Ridge scales each eigen-component of θ* by λ_i/(λ_i + μ)

    With H = QΛQᵀ (Q orthogonal, its columns the eigenvectors), (H + μI)^{-1}H = Q diag(λ_i/(λ_i + μ)) Qᵀ, so
    qᵢᵀθ*_μ = λ_i/(λ_i + μ) qᵢᵀθ*. The implementation's minimizer for the Hessian written as the printing writes
    it is compared with the operator the printing gives.
    """
    return _ridge_equals(ctx, quadratics(), lambda m: form.operator(m.Q, m.lam, m.mu) @ m.theta_star,
                         hessian=lambda m: form.hessian(m.Q, m.lam), label="ridge minimizer vs the eigen-operator")


def _regime(ctx: Context, models: object, bound: Formula, *, kept: bool) -> Outcome:
    """Per eigendirection, |qᵢᵀθ*_μ| (or |qᵢᵀ(θ* - θ*_μ)| when ``kept``) ≤ bound(λ_i, μ)·|qᵢᵀθ*|."""
    label = "|qᵢᵀ(θ* - θ*_μ)| ≤ bound·|qᵢᵀθ*|" if kept else "|qᵢᵀθ*_μ| ≤ bound·|qᵢᵀθ*|"

    def prop(model: Quadratic) -> list[Comparison]:
        theta = ctx.impl().ridge(model.H, model.theta_star, model.mu)
        star, solved = model.Q.T @ model.theta_star, model.Q.T @ theta
        moved = np.abs(star - solved) if kept else np.abs(solved)
        slack = solve_tolerance(model, theta)
        return [at_most(m, bound(lam, model.mu) * abs(s), label=label, atol=slack)
                for m, s, lam in zip(moved, star, model.lam, strict=True)]

    return for_all(ctx, models, prop, describe=Quadratic.describe)  # type: ignore[arg-type]


@TOPIC.claim(
    "regularization.shrinkage_small_eigen",
    method="property",
    canonical=Formula(r"\frac{\lambda_i}{\lambda_i+\mu}\le\frac{\lambda_i}{\mu}", lambda lam, mu: lam / mu),
    faithful=("000", "001", "003"),
    references=(GOODFELLOW,),
)
def shrinkage_small_eigen(ctx: Context, bound: Formula) -> Outcome:
    """Weight decay removes the flat directions

    Where λ_i ≪ μ the factor λ_i/(λ_i + μ) ≤ λ_i/μ is near 0: |qᵢᵀθ*_μ| ≤ (λ_i/μ)|qᵢᵀθ*|, so θ*_μ ≈ 0 along
    the flat eigendirections. Checked on the implementation's minimizer with every λ_i ≤ μ/10.
    """
    return _regime(ctx, relative_quadratics((0.0, 0.1)), bound, kept=False)


@TOPIC.claim(
    "regularization.l2_large_eigen_no_effect",
    method="property",
    canonical=Formula(r"1-\frac{\lambda_i}{\lambda_i+\mu}\le\frac{\mu}{\lambda_i}", lambda lam, mu: mu / lam),
    faithful=("001", "003"),
    references=(GOODFELLOW,),
)
def l2_large_eigen_no_effect(ctx: Context, bound: Formula) -> Outcome:
    """Weight decay barely moves the steep directions

    Where λ_i ≫ μ the factor λ_i/(λ_i + μ) is near 1: 1 - λ_i/(λ_i + μ) = μ/(λ_i + μ) ≤ μ/λ_i, so
    |qᵢᵀ(θ* - θ*_μ)| ≤ (μ/λ_i)|qᵢᵀθ*|. Checked on the implementation's minimizer with every λ_i ≥ 10μ.
    """
    return _regime(ctx, relative_quadratics((10.0, 1e4)), bound, kept=True)


def _diagonal(model: Quadratic) -> Quadratic:
    return Quadratic(np.eye(len(model.lam)), model.lam, model.theta_star, model.mu)


@TOPIC.claim(
    "regularization.l2_diagonal_solution",
    method="property",
    canonical=Formula(r"\theta_{\mu,i}=\frac{h_i}{h_i+\lambda}\theta^*_i",
                      lambda h, theta_star, lam: h / (h + lam) * theta_star),
    printed={"003": Printed(
        Formula(r"\theta_i^*=\frac{h_i}{h_i+\lambda}\theta_i^*", lambda h, theta_star, lam: h / (h + lam) * theta_star),
        reading="The printed θ_i* stands for two things: the regularized minimizer on the left and the unregularized "
                "optimum on the right, as the L1 case just before it (read with that meaning).")},
    references=(GOODFELLOW,),
)
def l2_diagonal_solution(ctx: Context, minimizer: Formula) -> Outcome:
    """Ridge on a diagonal Hessian

    For H = diag(h_1, …, h_d) ⪰ 0 and penalty (λ/2)‖θ‖², λ > 0, the minimizer of ½(θ-θ*)ᵀH(θ-θ*) + (λ/2)‖θ‖²
    is θ_i = h_i/(h_i + λ) θ*_i, coordinate by coordinate. Compared with the implementation's minimizer.
    """
    return _ridge_equals(ctx, quadratics().map(_diagonal), lambda m: minimizer(m.lam, m.theta_star, m.mu),
                         label="ridge(diag(h), θ*, λ) vs h_i/(h_i + λ) θ*_i")


SNR = Formula(r"\mu=\sigma^2/u^2", lambda noise, signal: noise / signal)


@TOPIC.claim(
    "regularization.optimal_weight_decay_snr",
    method="statistical",
    canonical=SNR,
    faithful=("000",),
    references=(HOERL, "Bishop (2006), Pattern recognition and machine learning, §3.3.1 (posterior mean of "
                       "Bayesian linear regression)"),
)
def optimal_weight_decay_snr(ctx: Context, strength: Formula) -> Outcome:
    """The risk-optimal ridge strength is the inverse signal-to-noise ratio

    For a linear teacher y = Xw + ε with w ~ N(0, u²I), ε ~ N(0, σ²I) and the ridge estimate
    ŵ_μ = (XᵀX + μI)^{-1}Xᵀy (the minimizer of ½‖Xθ - y‖² + (μ/2)‖θ‖²), the risk E‖ŵ_μ - w‖² is minimal at
    μ = σ²/u², for every X. Proof: per eigenvalue s of XᵀX the risk is r(μ) = (u²μ² + σ²s)/(s + μ)², with
    r'(μ) = 2s(u²μ - σ²)/(s + μ)³, negative below σ²/u² and positive above. Monte-Carlo check of the
    implementation: at μ = σ²/u², ŵ_μ is the posterior mean, so the error w - ŵ_μ whitened by the posterior
    covariance σ²(XᵀX + μI)^{-1} is N(0, I) and independent of ŵ_μ (exact χ² tests, Bonferroni over the two);
    any other μ leaves an error correlated with ŵ_μ. Before it, the implementation's ŵ_μ is compared with
    Σ_k s_k/(s_k² + μ) (u_kᵀy) v_k from the singular value decomposition X = Σ_k s_k u_k v_kᵀ.
    """
    mu, s, noise, signal = sympy.symbols("mu s sigma2 u2", positive=True)
    risk = (signal * mu**2 + noise * s) / (s + mu) ** 2
    derivative = symbolic(ctx, ("r'(μ)", sympy.diff(risk, mu)),
                          ("2s(u²μ - σ²)/(s + μ)³", 2 * s * (signal * mu - noise) / (s + mu) ** 3))
    at_optimum = symbolic(ctx, ("r'(μ) at the stated μ", sympy.diff(risk, mu).subs(mu, strength(noise, signal))),
                          ("0", sympy.Integer(0)))
    return all_of({"the risk's derivative": derivative, "its zero": at_optimum,
                   "the implementation's ridge estimate": lambda: _ridge_regression_values(ctx),
                   "Monte-Carlo on the implementation": lambda: _teacher_test(ctx, strength)})


def _regression(seed: int, n: int, d: int, scale: float, mu: float) -> tuple[np.ndarray, np.ndarray, float]:
    rng = np.random.default_rng(seed)
    return scale * rng.standard_normal((n, d)), rng.standard_normal(n), mu


def _ridge_regression_values(ctx: Context) -> Outcome:
    """``ridge_regression(X, y, μ)`` = (XᵀX + μI)^{-1}Xᵀy, computed here from the SVD of X, on Gaussian X (n ≤ 8
    rows, d ≤ 4 columns, scale 10⁻² … 10²) and μ ∈ [10⁻³, 10²]. The normal equations lose cond(XᵀX + μI)·ε of
    ‖θ‖, and the rounding of Xᵀy costs ε‖X‖‖y‖/(s_min² + μ): the tolerance is 64 (n + d) roundings of those."""
    impl = ctx.impl()
    cases = st.builds(_regression, st.integers(0, 2**32 - 1), st.integers(1, 8), st.integers(1, 4),
                      st.floats(1e-2, 1e2), st.floats(1e-3, 1e2))

    def prop(case: tuple[np.ndarray, np.ndarray, float]) -> Comparison:
        X, y, mu = case
        u, s, vt = np.linalg.svd(X, full_matrices=False)
        expected = vt.T @ (s / (s**2 + mu) * (u.T @ y))
        spectrum = np.concatenate([s**2, np.zeros(X.shape[1] - len(s))])
        condition = (spectrum.max() + mu) / (spectrum.min() + mu)
        scale = condition * np.linalg.norm(expected) + np.linalg.norm(X) * np.linalg.norm(y) / (spectrum.min() + mu)
        return close(impl.ridge_regression(X, y, mu), expected, label="ridge_regression = (XᵀX + μI)^{-1}Xᵀy",
                     rtol=0, atol=within_tolerance(scale, operations=64 * (X.shape[0] + X.shape[1])))

    return for_all(ctx, cases, prop, describe=lambda c: {"X": c[0].tolist(), "y": c[1].tolist(), "μ": c[2]})


def _teacher_test(ctx: Context, strength: Formula) -> Outcome:
    rng = ctx.rng()
    n, d, noise, signal, trials = 8, 3, 2.0, 0.5, ctx.scaled(400)
    X = rng.standard_normal((n, d))
    mu = float(strength(noise, signal))
    s, V = np.linalg.eigh(X.T @ X)
    whiten = np.sqrt((s + noise / signal) / noise)  # posterior sd of the error along V at the optimum: σ/√(s + μ*)
    errors, estimates = np.empty((trials, d)), np.empty((trials, d))
    impl = ctx.impl()
    for k in range(trials):
        w = rng.normal(0.0, np.sqrt(signal), d)
        estimate = impl.ridge_regression(X, X @ w + rng.normal(0.0, np.sqrt(noise), n), mu)
        errors[k], estimates[k] = whiten * (V.T @ (w - estimate)), whiten * (V.T @ estimate)
    p_mean, p_variance = stats.residual_p_values(errors, [estimates], 1.0)
    level = ctx.alpha / 2
    return decide(
        ctx, min(1.0, 2 * min(p_mean, p_variance)),
        test="exact χ² tests that the whitened error of ŵ_μ is N(0, I) and uncorrelated with ŵ_μ (Bonferroni)",
        detectable=f"a mean error correlated with ŵ of non-centrality ≥ {stats.regression_detectable(2, level):.3g}, "
                   f"or a variance off by a relative {stats.variance_detectable(errors.size, level):.3g}",
        evidence={"n": n, "d": d, "σ²": noise, "u²": signal, "μ tested": mu, "trials": trials,
                  "p (correlation with ŵ)": p_mean, "p (variance)": p_variance,
                  "mean squared whitened error": float(np.mean(errors**2))},
    )
