"""Bayesian linear regression in weight space: the joint Gaussian of (w, y), the posterior of w, ridge
regression as its mean and MAP, the predictive distribution and the equivalent GP (document 003 §6.3).

Document 003 uses two conventions: on lines 495-499 X ∈ R^{n×d} has the inputs as rows (y = Xw + ε), on
line 503 X ∈ R^{d×n} has them as columns (y ~ N(Xᵀw, σ²I)), as in Rasmussen & Williams. The checks draw
the design with rows, ``X``, and pass ``X.T`` to the statements of line 503.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
import sympy
from scipy.linalg import sqrtm

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, all_of, for_all, symbolic
from theorems.topics.init.samples import combined

from . import RASMUSSEN, TOPIC
from .common import agree, covariance_parts, examples, pairs
from .strategies import Design, designs


def inverse(matrix: np.ndarray, rhs: np.ndarray) -> np.ndarray:
    return np.linalg.solve(matrix, rhs)


def noisy(X: np.ndarray, prior: np.ndarray, noise: float) -> np.ndarray:
    """Cov(y) = XΣXᵀ + σ²I_n for y = Xw + ε (rows of X the inputs)."""
    return X @ prior @ X.T + noise * np.eye(len(X))


JOINT = Formula(r"\Sigma_{yw} = X,\ \Sigma_{yy} = XX^\top + \sigma^2 I_n",
                lambda X, s2: (X, X @ X.T + s2 * np.eye(len(X))))
JOINT_DESIGN = np.array([[1.0, 2.0], [0.0, 1.0]])
"""A square, non-normal design (XXᵀ ≠ XᵀX), so that the printed XᵀX + σ²I_n is defined and distinguishable."""


@TOPIC.claim(
    "gp.blr_joint_covariance",
    method="statistical",
    canonical=JOINT,
    printed={"003": Printed(Formula(r"\Sigma_{yw} = X,\ \Sigma_{yy} = X^\top X + \sigma^2 I_n",
                                    lambda X, s2: (X, X.T @ X + s2 * np.eye(len(X)))),
                            reading="X ∈ R^{n×d} with the inputs as rows (y = Xw + ε, as Σ_yw = X and the next line's "
                                    "X^⊤Σ_yy^{-1}y require); checked with n = d = 2, where XᵀX + σ²I_n is defined")},
    uses_impl=False,
    references=(RASMUSSEN,),
)
def blr_joint_covariance(ctx: Context, stated: Formula) -> Outcome:
    """The joint Gaussian of the weights and the observations.

    For w ~ N(0, I_d) and y = Xw + ε, X ∈ R^{n×d}, ε ~ N(0, σ²I_n) independent of w: (w, y) is Gaussian with
    Σ_ww = I_d, Σ_yw = X, Σ_yy = XXᵀ + σ²I_n. Checked exactly: N draws of (w, ε) with the design
    [[1, 2], [0, 1]], σ² = 0.5, tested against the stated joint covariance by χ² tests of every entry.
    """
    noise = 0.5
    X = JOINT_DESIGN
    yw, yy = stated(X, noise)
    joint = np.block([[np.eye(X.shape[1]), yw.T], [yw, yy]])
    rng = ctx.rng(6)
    N = ctx.scaled(4000)
    w = rng.standard_normal((N, X.shape[1]))
    y = w @ X.T + rng.normal(scale=np.sqrt(noise), size=(N, len(X)))
    return combined(ctx, covariance_parts(np.hstack([w, y]), joint, ctx.alpha / len(pairs(len(joint)))),
                    evidence={"draws": N, "stated joint covariance": joint.tolist()})


def design_check(ctx: Context, prop: Any, **options: Any) -> Outcome:
    return for_all(ctx, designs(**options), prop, describe=Design.describe, max_examples=examples(ctx))


@TOPIC.claim(
    "gp.blr_posterior_mean",
    method="property",
    canonical=Formula(r"\mu_{w|y} = X^\top \Sigma_{yy}^{-1} y = (X^\top X + \sigma^2 I_d)^{-1} X^\top y",
                      lambda X, y, s2: [X.T @ inverse(noisy(X, np.eye(X.shape[1]), s2), y),
                                        inverse(X.T @ X + s2 * np.eye(X.shape[1]), X.T @ y)]),
    faithful=("003",),
    references=(RASMUSSEN,),
)
def blr_posterior_mean(ctx: Context, stated: Formula) -> Outcome:
    """The posterior mean of the weights, in two forms.

    For y = Xw + ε, w ~ N(0, I_d), ε ~ N(0, σ²I_n), Σ_yy = XXᵀ + σ²I_n: E[w | y] = XᵀΣ_yy⁻¹y =
    (XᵀX + σ²I_d)⁻¹Xᵀy. Checked for each stated form: its weights A (the form at y = eᵢ) solve the normal
    equations AΣ_yy = Σ_wy = Xᵀ (the residual w - Ay is uncorrelated with y), and the implementation's
    mean equals it.
    """
    impl = ctx.impl()

    def prop(case: Design) -> list[Comparison]:
        X, s2 = case.X, case.noise
        S = noisy(X, case.prior, s2)
        mean, _ = impl.blr_posterior(X, case.y, s2, case.prior)
        checks = []
        for k, (at_basis, at_y) in enumerate(zip(stated(X, np.eye(len(X)), s2), stated(X, case.y, s2),
                                                 strict=True), start=1):
            checks += [agree(at_basis @ S, X.T, label=f"form {k}: AΣ_yy = Xᵀ", matrix=S),
                       agree(mean, at_y, label=f"implementation = form {k}", matrix=S, scale=case.y)]
        return checks

    return design_check(ctx, prop, identity_prior=True)


def residual_covariance(X: np.ndarray, prior: np.ndarray, noise: float) -> np.ndarray:
    """Cov(w - Ay) for the best linear predictor A = Cov(w, y) Cov(y)⁻¹: Σ - AXΣ - ΣXᵀAᵀ + A Cov(y) Aᵀ."""
    S = noisy(X, prior, noise)
    A = np.linalg.lstsq(S, X @ prior, rcond=None)[0].T
    return prior - A @ X @ prior - prior @ X.T @ A.T + A @ S @ A.T


@TOPIC.claim(
    "gp.blr_posterior_covariance",
    method="property",
    canonical=Formula(r"\Sigma_{w|y} = I_d - X^\top \Sigma_{yy}^{-1} X = (I + X^\top X/\sigma^2)^{-1}",
                      lambda X, s2: [np.eye(X.shape[1]) - X.T @ inverse(noisy(X, np.eye(X.shape[1]), s2), X),
                                     np.linalg.inv(np.eye(X.shape[1]) + X.T @ X / s2)]),
    faithful=("003",),
    references=(RASMUSSEN,),
)
def blr_posterior_covariance(ctx: Context, stated: Formula) -> Outcome:
    """The posterior covariance of the weights, in two forms.

    Cov(w | y) = I_d - XᵀΣ_yy⁻¹X = (I_d + XᵀX/σ²)⁻¹ (Σ_yy = XXᵀ + σ²I_n, prior N(0, I_d)). Checked: each
    form equals the covariance of the residual w - Ay of the best linear predictor, and the
    implementation's covariance equals it.
    """
    impl = ctx.impl()

    def prop(case: Design) -> list[Comparison]:
        X, s2 = case.X, case.noise
        S = noisy(X, case.prior, s2)
        truth = residual_covariance(X, case.prior, s2)
        _, cov = impl.blr_posterior(X, case.y, s2, case.prior)
        checks = []
        for k, form in enumerate(stated(X, s2), start=1):
            checks += [agree(form, truth, label=f"form {k} = Cov(w - Ay)", matrix=S, scale=1 / s2),
                       agree(cov, form, label=f"implementation = form {k}", matrix=S, scale=1 / s2)]
        return checks

    return design_check(ctx, prop, identity_prior=True)


@TOPIC.claim(
    "gp.blr_equals_ridge",
    method="property",
    canonical=Formula(r"\lambda = \sigma^2", lambda s2: s2),
    faithful=("003",),
    references=(RASMUSSEN,),
)
def blr_equals_ridge(ctx: Context, stated: Formula) -> Outcome:
    """The posterior mean of Bayesian linear regression is the ridge estimate with λ = σ².

    With prior N(0, I_d) and noise σ², E[w | y] minimises ‖y - Xw‖² + λ‖w‖² with λ = σ²: the implementation's
    mean satisfies the ridge optimality condition Xᵀ(Xw - y) + λw = 0 (the objective is strictly convex).
    """
    impl = ctx.impl()

    def prop(case: Design) -> Comparison:
        X, s2 = case.X, case.noise
        mean, _ = impl.blr_posterior(X, case.y, s2, case.prior)
        gradient = X.T @ (X @ mean - case.y) + stated(s2) * mean
        A = X.T @ X + s2 * np.eye(X.shape[1])
        return agree(gradient, np.zeros_like(mean), label="ridge gradient Xᵀ(Xw - y) + λw = 0", matrix=A,
                     scale=np.abs(A) @ np.abs(mean) + np.abs(X.T) @ np.abs(case.y))

    return design_check(ctx, prop, identity_prior=True)


def precision(Xc: np.ndarray, prior: np.ndarray, noise: float) -> np.ndarray:
    """Σ_post⁻¹ = Σ⁻¹ + XXᵀ/σ² (X ∈ R^{d×n}, inputs as columns)."""
    return np.linalg.inv(prior) + Xc @ Xc.T / noise


@TOPIC.claim(
    "gp.blr_posterior_precision",
    method="property",
    canonical=Formula(r"\Sigma_{\mathrm{post}}^{-1} = \Sigma^{-1} + \frac{1}{\sigma^2} X X^\top", precision),
    faithful=("003",),
    references=(RASMUSSEN,),
)
def blr_posterior_precision(ctx: Context, stated: Formula) -> Outcome:
    """The posterior precision adds the data's precision to the prior's.

    For X ∈ R^{d×n} (inputs as columns), w ~ N(0, Σ), y ~ N(Xᵀw, σ²I): Σ_post⁻¹ = Σ⁻¹ + XXᵀ/σ². Checked with
    priors AAᵀ + I/2: the inverse of the stated precision equals the covariance of the residual of the best
    linear predictor (Gaussian conditioning) and the implementation's posterior covariance.
    """
    impl = ctx.impl()

    def prop(case: Design) -> list[Comparison]:
        X, s2 = case.X, case.noise
        P = stated(X.T, case.prior, s2)
        _, cov = impl.blr_posterior(X, case.y, s2, case.prior)
        return [agree(np.linalg.inv(P), residual_covariance(X, case.prior, s2), label="Σ_post = Cov(w - Ay)",
                      matrix=P, scale=case.prior),
                agree(cov @ P, np.eye(len(P)), label="implementation's Σ_post × stated precision = I", matrix=P)]

    return design_check(ctx, prop)


@dataclass(frozen=True)
class WeightMean:
    """A stated posterior mean of w from (X ∈ R^{d×n}, y, σ², Σ)."""

    latex: str
    mean: Any
    scalar: bool = False
    """The statement is defined only for n = d = 1: checked there."""


def rasmussen_mean(Xc: np.ndarray, y: np.ndarray, s2: float, prior: np.ndarray) -> np.ndarray:
    return np.linalg.solve(precision(Xc, prior, s2), Xc @ y) / s2


def printed_rasmussen(Xc: np.ndarray, y: np.ndarray, s2: float, prior: np.ndarray) -> np.ndarray:
    return (np.real(sqrtm(precision(Xc, prior, s2))) @ (Xc.T @ Xc)).ravel()


@TOPIC.claim(
    "gp.blr_posterior_rasmussen",
    method="property",
    canonical=WeightMean(r"p(w | X, y) = N(\sigma^{-2}\Sigma_{\mathrm{post}} X y, \Sigma_{\mathrm{post}})",
                         rasmussen_mean),
    printed={"003": Printed(WeightMean(r"N(\Sigma_{\mathrm{post}}^{-1/2} X^\top X, \Sigma_{\mathrm{post}})",
                                       printed_rasmussen, scalar=True),
                            reading="p(w | X, X) read as p(w | X, y); the printed mean Σ_post^{-1/2}XᵀX (a d×d times "
                                    "an n×n matrix, and no y) is a mean vector only for n = d = 1: checked there")},
    references=(RASMUSSEN,),
)
def blr_posterior_rasmussen(ctx: Context, stated: WeightMean) -> Outcome:
    """The weight posterior in Rasmussen & Williams' form.

    For X ∈ R^{d×n}, w ~ N(0, Σ), y ~ N(Xᵀw, σ²I): p(w | X, y) = N(σ⁻²Σ_post X y, Σ_post). Checked: the stated
    mean is the best linear predictor (its weights A, the mean at y = eᵢ, solve A(XᵀΣX + σ²I) = ΣX) and
    the implementation's mean equals it.
    """
    impl = ctx.impl()

    def prop(case: Design) -> list[Comparison]:
        X, s2 = case.X, case.noise
        S = noisy(X, case.prior, s2)
        A = np.column_stack([stated.mean(X.T, e, s2, case.prior) for e in np.eye(len(X))])
        mean, _ = impl.blr_posterior(X, case.y, s2, case.prior)
        return [agree(A @ S, case.prior @ X.T, label="A Cov(y) = Cov(w, y)", matrix=S, scale=case.prior),
                agree(mean, stated.mean(X.T, case.y, s2, case.prior), label="implementation = stated mean",
                      matrix=S, scale=[np.max(np.abs(case.y)) * np.max(np.abs(case.prior))])]

    return design_check(ctx, prop, sizes=(1, 1) if stated.scalar else None)


PREDICTIVE = Formula(r"f_* \sim N(x_*^\top \mu, x_*^\top \Sigma_{\mathrm{post}} x_*),\ y_*: + \sigma^2",
                     lambda x, mu, cov, s2: np.array([x @ mu, x @ cov @ x, x @ cov @ x + s2]))


@TOPIC.claim("gp.blr_predictive", method="property", canonical=PREDICTIVE, faithful=("003",),
             references=(RASMUSSEN,))
def blr_predictive(ctx: Context, stated: Formula) -> Outcome:
    """The predictive distribution of Bayesian linear regression is the GP posterior with kernel xᵀΣx'.

    f* = x*ᵀw | y ~ N(x*ᵀμ_post, x*ᵀΣ_post x*), and y* = f* + ε adds σ². Checked: the stated mean and variances
    from the implementation's weight posterior equal its function-space posterior with the linear kernel on
    the inputs x ↦ Lᵀx (Σ = LLᵀ, so that (Lᵀx)·(Lᵀx') = xᵀΣx'), plus σ² for y*.
    """
    impl = ctx.impl()

    def prop(case: Design) -> Comparison:
        X, s2 = case.X, case.noise
        mu, cov = impl.blr_posterior(X, case.y, s2, case.prior)
        L = np.linalg.cholesky(case.prior)
        mean, var = impl.gp_posterior(X @ L, case.y, (case.x_star @ L)[None, :], s2, "linear")
        S = noisy(X, case.prior, s2)
        return agree(stated(case.x_star, mu, cov, s2), np.array([mean[0], var[0], var[0] + s2]),
                     label="weight space (mean, Var f*, Var y*) = function space", matrix=S,
                     scale=[np.max(np.abs(case.y)) * np.max(np.abs(case.prior)) * (1 + np.sum(case.x_star**2))])

    return design_check(ctx, prop)


W = sympy.Matrix(sympy.symbols("w_1 w_2", real=True))
Y = sympy.Matrix(sympy.symbols("y_1 y_2", real=True))
XC = sympy.Matrix(2, 2, sympy.symbols("x_11 x_12 x_21 x_22", real=True))
S2, LAM = sympy.symbols("sigma2 lambda", positive=True)
A_, B_, C_ = sympy.symbols("a b c", real=True)
PRIOR = sympy.Matrix([[A_, B_], [B_, C_]])


def gaussian_log_density(x: sympy.Matrix, mean: sympy.Matrix, cov: sympy.Matrix) -> sympy.Expr:
    r = x - mean
    return -(r.T * cov.inv() * r)[0] / 2 - sympy.log((2 * sympy.pi) ** len(x) * cov.det()) / 2


PENALTY = Formula(r"\frac12 w^\top \Sigma^{-1} w", lambda w, S: (w.T * S.inv() * w)[0] / 2)


@TOPIC.claim("gp.map_equals_ridge", method="sympy", canonical=PENALTY, faithful=("003",), references=(RASMUSSEN,))
def map_equals_ridge(ctx: Context, stated: Formula) -> Outcome:
    """MAP estimation is penalised least squares; with Σ = λ⁻¹I it is ridge regression.

    For X ∈ R^{d×n}, y ~ N(Xᵀw, σ²I), w ~ N(0, Σ): -log p(w | X, y) = ‖y - Xᵀw‖²/(2σ²) + ½wᵀΣ⁻¹w + const, so
    maximising the posterior minimises that objective; with Σ = λ⁻¹I, 2σ² times it is ‖y - Xᵀw‖² + σ²λ‖w‖².
    Proved for d = n = 2 with a general symmetric Σ: the gradients in w of the two sides agree, and the
    ridge form.
    """
    likelihood = gaussian_log_density(Y, XC.T * W, S2 * sympy.eye(2))
    negative_log = -likelihood - gaussian_log_density(W, sympy.zeros(2, 1), PRIOR)
    residual = Y - XC.T * W

    def objective(prior: sympy.Matrix) -> sympy.Expr:
        return (residual.T * residual)[0] / (2 * S2) + stated(W, prior)

    def gradient(k: int) -> Outcome:
        return symbolic(ctx, (f"∂/∂w_{k + 1} (-log p(w | X, y))", sympy.diff(negative_log, W[k])),
                        (f"∂/∂w_{k + 1} objective", sympy.diff(objective(PRIOR), W[k])))

    ridge = partial(symbolic, ctx, ("2σ² × objective at Σ = λ⁻¹I", 2 * S2 * objective(sympy.eye(2) / LAM)),
                    ("ridge ‖y - Xᵀw‖² + σ²λ‖w‖²", (residual.T * residual)[0] + S2 * LAM * (W.T * W)[0]))
    return all_of({"gradient in w_1": partial(gradient, 0), "gradient in w_2": partial(gradient, 1), "ridge": ridge})
