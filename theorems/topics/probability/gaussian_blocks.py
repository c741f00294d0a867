"""Blocks of a partitioned Gaussian: which blocks of Σ are p.s.d., the marginal and conditional laws, the MLE.

The conditional and marginal formulas (Schur complements of the covariance) are checked against an independent
derivation: the conditional law of a₂ given a₁ read off the precision matrix Λ = Σ⁻¹ (the joint log-density
is -½(a-u)ᵀΛ(a-u), quadratic in a₂ with Hessian -Λ₂₂), and the marginal by completing the square in a₂.
In 1 + 1 dimensions SymPy derives the conditional mean and variance from the joint density; in general
dimensions generated covariances, singular and ill-conditioned ones included, are compared with tolerances
that grow with the condition number.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import numpy as np
import sympy

from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    at_most,
    close,
    for_all,
    symbolic,
    that,
    within_tolerance,
)

from . import TOPIC
from .instances import GaussianSample, Partitioned, examples, gaussian_samples, partitioned

BISHOP = "C. M. Bishop, Pattern Recognition and Machine Learning (2006), §2.3.1–2.3.2 and §2.3.4"

TOPIC.not_checkable(
    "probability.gaussian_joint_partition",
    title="Partitioned Gaussian vector.",
    statement="[a₁; a₂] ~ N([u₁; u₂], [[Σ₁₁, Σ₁₂], [Σ₂₁, Σ₂₂]]) with a₁, u₁ ∈ R^e, a₂, u₂ ∈ R^f: the names of the "
              "blocks that the marginal, conditional and block claims speak of.",
    reason="A definition (notation for the blocks of a Gaussian vector, its mean and its covariance): it states "
           "nothing that could be false. What it implies about the blocks is checked by "
           "probability.gaussian_diagonal_block_psd and probability.gaussian_offdiagonal_block_psd.",
)


def inverse(matrix: Any) -> Any:
    """The inverse of a NumPy array or a SymPy matrix (the formulas run on both)."""
    return matrix.inv() if isinstance(matrix, sympy.MatrixBase) else np.linalg.inv(matrix)


Blocks = tuple[Any, Any, Any, Any]
DEFINITE = partitioned(definite=True, max_decades=1)
"""Positive definite Σ for the inversion formulas: κ(Σ) up to about 1e7, so that the rounding allowance
(ε κ(Σ) times the size) stays far below the errors of a wrong formula."""


def conditional_mean(S: Blocks, u1: Any, u2: Any, z: Any) -> Any:
    return u2 + S[2] @ inverse(S[0]) @ (z - u1)


def conditional_covariance(S: Blocks) -> Any:
    return S[3] - S[2] @ inverse(S[0]) @ S[1]


CONDITIONAL = Formula(
    r"\mathcal N\big(u_2+\Sigma_{21}\Sigma_{11}^{-1}(z-u_1),\ \Sigma_{22}-\Sigma_{21}\Sigma_{11}^{-1}\Sigma_{12}\big)",
    lambda S, u1, u2, z: {"mean": conditional_mean(S, u1, u2, z), "covariance": conditional_covariance(S)})
CONDITIONAL_MEAN = Formula(r"\mu_B+\Sigma_{BA}\Sigma_{AA}^{-1}(X_A-\mu_A)",
                           lambda S, u1, u2, z: {"mean": conditional_mean(S, u1, u2, z)})
CONDITIONAL_COVARIANCE = Formula(r"\Sigma_{BB}-\Sigma_{BA}\Sigma_{AA}^{-1}\Sigma_{AB}",
                                 lambda S, u1, u2, z: {"covariance": conditional_covariance(S)})
LETTERS = "Read with A = 1, B = 2 (X_A = a₁ = z, μ_A = u₁)."


@cache
def _conditional_from_joint() -> tuple[tuple[Any, ...], dict[str, Any]]:
    """In 1 + 1 dimensions: the mean and variance of a₂ | a₁ = x derived from the joint density with SymPy.

    The conditional density is proportional in y to the joint density p(x, y), a Gaussian in y: its mean is
    where ∂_y log p = 0 and its variance is -1/∂²_y log p. Σ is parametrised as [[s₁₁, s₁₂], [s₁₂, c + s₁₂²/s₁₁]]
    (s₁₁, c > 0: every positive definite 2 × 2 matrix). Returns (Σ, u₁, u₂, x) and the derived mean and variance.
    """
    x, y, m1, m2, s12 = sympy.symbols("x y u_1 u_2 s_12", real=True)
    s11, c = sympy.symbols("s_11 c", positive=True)
    sigma = sympy.Matrix([[s11, s12], [s12, c + s12**2 / s11]])
    deviation = sympy.Matrix([x - m1, y - m2])
    log_joint = -(deviation.T * sigma.inv() * deviation)[0] / 2  # up to a constant in (x, y)
    derived = {"mean": sympy.solve(sympy.diff(log_joint, y), y)[0],
               "covariance": -1 / sympy.diff(log_joint, y, 2)}
    return (sigma, m1, m2, x), derived


def _symbolic_conditional(ctx: Context, stated: Formula) -> Outcome:
    """The stated conditional mean and variance equal those derived from the joint density (1 + 1 dimensions)."""
    (sigma, m1, m2, x), derived = _conditional_from_joint()
    blocks = tuple(sympy.Matrix([[sigma[i, j]]]) for i, j in ((0, 0), (0, 1), (1, 0), (1, 1)))
    claimed = stated(blocks, sympy.Matrix([m1]), sympy.Matrix([m2]), sympy.Matrix([x]))
    return all_of({f"{key} (1 + 1 dimensions, SymPy)": symbolic(
        ctx, (f"{key} of a₂ | a₁ = x from the joint density", derived[key]), (f"stated {key}", value[0, 0]))
        for key, value in claimed.items()})


def _precision_route(case: Partitioned) -> dict[str, np.ndarray]:
    """The conditional law of a₂ | a₁ = z from Λ = Σ⁻¹: covariance Λ₂₂⁻¹, mean u₂ - Λ₂₂⁻¹Λ₂₁(z - u₁)."""
    _, _, L21, L22 = case.blocks(np.linalg.inv(case.Sigma))
    covariance = np.linalg.inv(L22)
    return {"mean": case.u[case.e:] - covariance @ L21 @ (case.z - case.u[: case.e]), "covariance": covariance}


def _inversion_tolerance(case: Partitioned, *values: Any) -> float:
    """Rounding allowance of results obtained through inverses of Σ and its blocks: ε times κ(Σ), the size and
    the magnitudes involved (a backward-stable inversion loses about log₁₀ κ digits)."""
    return within_tolerance(case.Sigma, *values, operations=64 * len(case.Sigma) ** 2) * case.condition


def _numeric_conditional(ctx: Context, stated: Formula) -> Outcome:
    def prop(case: Partitioned) -> list[Comparison]:
        S = case.blocks()
        claimed = stated(S, case.u[: case.e], case.u[case.e:], case.z)
        derived = _precision_route(case)
        return [close(value, derived[key], label=f"conditional {key} against the precision matrix", rtol=0,
                      atol=_inversion_tolerance(case, value, derived[key], case.u, case.z))
                for key, value in claimed.items()]

    return for_all(ctx, DEFINITE, prop, describe=Partitioned.describe, max_examples=examples(ctx))


def conditional_check(ctx: Context, stated: Formula) -> Outcome:
    """The stated conditional law: derived symbolically in 1 + 1 dimensions, then on generated covariances."""
    return all_of({"1 + 1 dimensions (SymPy)": lambda: _symbolic_conditional(ctx, stated),
                   "generated covariances": lambda: _numeric_conditional(ctx, stated)})


@TOPIC.claim(
    "probability.gaussian_conditional",
    method="sympy",
    canonical=CONDITIONAL,
    faithful=("002", "004"),
    printed={"003": Printed(CONDITIONAL_MEAN, reading=LETTERS + " The line states the conditional mean only; the "
                                                                "covariance is the next line "
                                                                "(probability.gaussian_conditional_covariance).")},
    references=(BISHOP,),
    uses_impl=False,
)
def gaussian_conditional(ctx: Context, stated: Formula) -> Outcome:
    """The conditional law of a partitioned Gaussian.

    If (a₁, a₂) ~ N((u₁, u₂), [[Σ₁₁, Σ₁₂], [Σ₂₁, Σ₂₂]]) with Σ positive definite, then a₂ | a₁ = z ~
    N(u₂ + Σ₂₁Σ₁₁⁻¹(z - u₁), Σ₂₂ - Σ₂₁Σ₁₁⁻¹Σ₁₂). Derived with SymPy from the joint density in 1 + 1 dimensions, and
    compared on generated positive definite Σ (e, f ≤ 3, κ up to about 1e7) with the law read off the precision
    matrix: covariance Λ₂₂⁻¹ and mean u₂ - Λ₂₂⁻¹Λ₂₁(z - u₁).
    """
    return conditional_check(ctx, stated)


@TOPIC.claim(
    "probability.gaussian_conditional_covariance",
    method="sympy",
    canonical=CONDITIONAL_COVARIANCE,
    faithful=("003",),
    references=(BISHOP,),
    uses_impl=False,
)
def gaussian_conditional_covariance(ctx: Context, stated: Formula) -> Outcome:
    """The conditional covariance of a partitioned Gaussian (the Schur complement).

    Cov(X_B | X_A) = Σ_BB - Σ_BA Σ_AA⁻¹ Σ_AB = (Λ_BB)⁻¹, whatever the value of X_A. Checked as the covariance part
    of probability.gaussian_conditional: SymPy in 1 + 1 dimensions, then generated covariances against Λ_BB⁻¹.
    """
    return conditional_check(ctx, stated)


MARGINAL = Formula(r"\mathcal N(\mu_A, \Sigma_{AA})", lambda u1, S: (u1, S[0]))


@TOPIC.claim(
    "probability.gaussian_marginal",
    method="property",
    canonical=MARGINAL,
    faithful=("003",),
    references=(BISHOP,),
    uses_impl=False,
)
def gaussian_marginal(ctx: Context, stated: Formula) -> Outcome:
    """The marginal of a partitioned Gaussian.

    If X = (X_A, X_B) ~ N(μ, Σ), then X_A ~ N(μ_A, Σ_AA). Integrating exp(-½(x-μ)ᵀΛ(x-μ)) over x_B (completing the
    square in x_B) leaves a Gaussian in x_A with mean μ_A and precision Λ_AA - Λ_AB Λ_BB⁻¹ Λ_BA; its inverse is
    compared with the stated covariance on generated positive definite Σ. The full profile also integrates the
    joint density over x_B with SymPy in 1 + 1 dimensions.
    """
    def prop(case: Partitioned) -> list[Comparison]:
        mean, covariance = stated(case.u[: case.e], case.blocks())
        L11, L12, L21, L22 = case.blocks(np.linalg.inv(case.Sigma))
        derived = np.linalg.inv(L11 - L12 @ np.linalg.inv(L22) @ L21)
        return [close(mean, case.u[: case.e], label="marginal mean", rtol=0, atol=within_tolerance(case.u)),
                close(covariance, derived, label="marginal covariance against the precision matrix", rtol=0,
                      atol=_inversion_tolerance(case, covariance, derived))]

    parts: dict[str, Callable[[], Outcome]] = {
        "generated covariances": lambda: for_all(ctx, DEFINITE, prop, describe=Partitioned.describe,
                                                 max_examples=examples(ctx))}
    if ctx.profile.name == "full":
        parts["1 + 1 dimensions (SymPy integral)"] = lambda: _symbolic_marginal(ctx, stated)
    return all_of(parts)


def _symbolic_marginal(ctx: Context, stated: Formula) -> Outcome:
    """∫ N((x, y); (u₁, u₂), Σ) dy = N(x; stated mean, stated variance) for a symbolic 2 × 2 Σ."""
    x, y, m1, m2, s12 = sympy.symbols("x y u_1 u_2 s_12", real=True)
    s11, c = sympy.symbols("s_11 c", positive=True)
    sigma = sympy.Matrix([[s11, s12], [s12, c + s12**2 / s11]])
    deviation = sympy.Matrix([x - m1, y - m2])
    joint = sympy.exp(-(deviation.T * sigma.inv() * deviation)[0] / 2) / (2 * sympy.pi * sympy.sqrt(sigma.det()))

    m11, m12 = sympy.Matrix([[sigma[0, 0]]]), sympy.Matrix([[sigma[0, 1]]])
    mean, variance = (v[0, 0] for v in stated(sympy.Matrix([m1]), (m11, m12, m12.T, sympy.Matrix([[sigma[1, 1]]]))))
    density = sympy.exp(-(x - mean) ** 2 / (2 * variance)) / sympy.sqrt(2 * sympy.pi * variance)
    return symbolic(ctx, ("∫ p(x, y) dy", sympy.integrate(joint, (y, -sympy.oo, sympy.oo))),
                    ("N(x; stated mean, stated variance)", density))


# --- which blocks of Σ are p.s.d. ---------------------------------------------------------------------------------


def psd_comparison(name: str, block: np.ndarray, scale: np.ndarray) -> Comparison:
    """``block`` is p.s.d.: square, symmetric and with no eigenvalue below the rounding of an eigensolver."""
    rows, cols = block.shape
    if rows != cols:
        return that(False, label=f"{name} p.s.d.", message=f"{name} is {rows} × {cols}: not square, so not p.s.d.")
    tolerance = within_tolerance(scale, operations=16 * len(scale) ** 2)
    asymmetry = float(np.max(np.abs(block - block.T)))
    if asymmetry > tolerance:
        return that(False, label=f"{name} p.s.d.", message=f"{name} is not symmetric (max |M - Mᵀ| = {asymmetry:.3g})")
    smallest = float(np.linalg.eigvalsh(block)[0])
    return that(smallest >= -tolerance, label=f"{name} p.s.d.",
                message=f"smallest eigenvalue of {name} {smallest:.6g} (rounding allowance {tolerance:.3g})")


def claimed_psd(latex: str, *names: str) -> Formula:
    """The statement that the named blocks (``"11"``, ``"12"``, ``"21"``, ``"22"``) of Σ are p.s.d."""
    index = {"11": 0, "12": 1, "21": 2, "22": 3}

    def comparisons(case: Partitioned) -> list[Comparison]:
        S = case.blocks()
        return [psd_comparison(f"Σ_{name}", S[index[name]], case.Sigma) for name in names]

    return Formula(latex, comparisons)


def blocks_check(ctx: Context, stated: Formula, *, square: bool = False) -> Outcome:
    """``stated`` holds on generated covariances Σ = D AAᵀ D, singular and ill-conditioned ones included (with
    square blocks, e = f, when ``square``)."""
    return for_all(ctx, partitioned(definite=False, square=square), stated, describe=Partitioned.describe,
                   max_examples=examples(ctx))


@TOPIC.claim(
    "probability.gaussian_diagonal_block_psd",
    method="property",
    canonical=claimed_psd(r"\Sigma_{11}, \Sigma_{22} \text{ p.s.d.}", "11", "22"),
    printed={"004:67": Printed(claimed_psd(r"\Sigma_{11} \text{ p.s.d.}", "11"), reading="The line states Σ₁₁ only."),
             "004:71": Printed(claimed_psd(r"\Sigma_{22} \text{ p.s.d.}", "22"), reading="The line states Σ₂₂ only.")},
    uses_impl=False,
)
def gaussian_diagonal_block_psd(ctx: Context, stated: Formula) -> Outcome:
    """The diagonal blocks of a covariance matrix are p.s.d.

    If Σ = [[Σ₁₁, Σ₁₂], [Σ₂₁, Σ₂₂]] is p.s.d. then so are Σ₁₁ and Σ₂₂: xᵀΣ₁₁x = (x, 0)ᵀΣ(x, 0) ≥ 0. Checked on
    generated Σ = D AAᵀ D (A integer, singular and rank-deficient Σ included, D = diag(10^k), |k| ≤ 3): the
    smallest eigenvalue of each block is ≥ 0 up to the eigensolver's rounding.
    """
    return blocks_check(ctx, stated)


def _absolute_form(M: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    """|a|ᵀ|M||b|: the magnitude that bounds the rounding of aᵀMb."""
    return float(np.abs(a) @ np.abs(M) @ np.abs(b))


def _block_cauchy_schwarz(case: Partitioned) -> list[Comparison]:
    """Σ₂₁ = Σ₁₂ᵀ and (xᵀΣ₁₂y)² ≤ (xᵀΣ₁₁x)(yᵀΣ₂₂y), with x := z ∈ R^e and y := u₂ ∈ R^f (generated vectors)."""
    S11, S12, S21, S22 = case.blocks()
    x, y = case.z, case.u[case.e:]
    magnitude = _absolute_form(S12, x, y) ** 2 + _absolute_form(S11, x, x) * _absolute_form(S22, y, y)
    return [close(S21, S12.T, label="Σ₂₁ = Σ₁₂ᵀ", rtol=0, atol=within_tolerance(case.Sigma)),
            at_most((x @ S12 @ y) ** 2, (x @ S11 @ x) * (y @ S22 @ y), label="(xᵀΣ₁₂y)² ≤ (xᵀΣ₁₁x)(yᵀΣ₂₂y)",
                    atol=within_tolerance(magnitude))]


@TOPIC.claim(
    "probability.gaussian_offdiagonal_block_psd",
    method="property",
    canonical=Formula(r"\Sigma_{21}=\Sigma_{12}^\top,\ "
                      r"(x^\top\Sigma_{12}y)^2\le(x^\top\Sigma_{11}x)(y^\top\Sigma_{22}y)", _block_cauchy_schwarz),
    printed={
        "002": Printed(claimed_psd(r"\Sigma_{12}, \Sigma_{21} \text{ p.s.d.}", "12", "21"),
                       reading="As printed: Σ₁₂ ∈ R^{e×f} and Σ₂₁ ∈ R^{f×e} p.s.d. False: they are not even square "
                               "when e ≠ f, and for e = f = 1 the covariance of (X, -X) has Σ₁₂ = -Var X < 0."),
        "004:69": Printed(claimed_psd(r"\Sigma_{12} \text{ p.s.d.}", "12"),
                          reading="As printed: Σ₁₂ ∈ R^{e×f} p.s.d. (false, see the canonical statement)."),
        "004:73": Printed(claimed_psd(r"\Sigma_{21} \text{ p.s.d.}", "21"),
                          reading="As printed: Σ₂₁ ∈ R^{f×e} p.s.d. (false, see the canonical statement)."),
    },
    uses_impl=False,
)
def gaussian_offdiagonal_block_psd(ctx: Context, stated: Formula) -> Outcome:
    """What the off-diagonal blocks of a covariance matrix satisfy.

    The documents print "Σ₁₂ ∈ R^{e×f} p.s.d.", which is false: an e × f matrix with e ≠ f is not square, and a
    square off-diagonal block can have negative eigenvalues (Σ = [[1, -1], [-1, 1]], the covariance of (X, -X),
    has Σ₁₂ = -1). What holds for p.s.d. Σ is Σ₂₁ = Σ₁₂ᵀ and the block Cauchy–Schwarz inequality
    (xᵀΣ₁₂y)² ≤ (xᵀΣ₁₁x)(yᵀΣ₂₂y) for all x ∈ R^e, y ∈ R^f (Cov(xᵀa₁, yᵀa₂)² ≤ Var(xᵀa₁) Var(yᵀa₂)); checked on
    generated Σ = D AAᵀ D, singular ones included (where it can be an equality), and generated x, y. The printed
    statement is checked where it could make sense, with square blocks (e = f).
    """
    return blocks_check(ctx, stated, square=not ctx.is_canonical)


# --- the maximum-likelihood estimate -------------------------------------------------------------------------------

MLE = Formula(r"\hat\mu=\frac1n\sum_i x_i,\ \hat\Sigma=\frac1n\sum_i(x_i-\hat\mu)(x_i-\hat\mu)^\top",
              lambda X: (X.mean(axis=0), (X - X.mean(axis=0)).T @ (X - X.mean(axis=0)) / len(X)))
PERTURBATION_SIZES = (0.1, 0.01)


def log_likelihood(X: np.ndarray, mean: np.ndarray, covariance: np.ndarray) -> float:
    """Σ_i log N(x_i; mean, covariance) = -½ Σ_i (x_i - μ)ᵀΣ⁻¹(x_i - μ) - (n/2) log det(2πΣ), by Cholesky."""
    factor = np.linalg.cholesky(covariance)
    whitened = np.linalg.solve(factor, (X - mean).T)
    log_det = 2 * np.sum(np.log(np.diag(factor))) + len(mean) * np.log(2 * np.pi)
    return float(-0.5 * np.sum(whitened**2) - 0.5 * len(X) * log_det)


def _directions(d: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Unit directions (δμ, δΣ) in whitened coordinates: each coordinate of μ and each symmetric pair of Σ."""
    zero_vector, zero_matrix = np.zeros(d), np.zeros((d, d))
    means = [(np.eye(d)[k], zero_matrix) for k in range(d)]
    covariances = []
    for i in range(d):
        for j in range(i, d):
            E = np.zeros((d, d))
            E[i, j] = E[j, i] = 1.0
            covariances.append((zero_vector, E))
    return means + covariances


@TOPIC.claim(
    "probability.gaussian_mle",
    method="property",
    canonical=MLE,
    faithful=("004",),
    printed={"002": Printed(MLE, reading="Read with x_i for the printed x in Σ̂ (the sum's index is lost; taken "
                                         "literally each of the n terms is the same (x - μ̂)(x - μ̂)ᵀ).")},
    uses_impl=False,
)
def gaussian_mle(ctx: Context, stated: Formula) -> Outcome:
    """The maximum-likelihood estimate of a Gaussian.

    For x_1 … x_n ∈ R^d whose centred data have rank d, the log-likelihood Σ_i log N(x_i; μ, Σ) is maximised
    by μ̂ = (1/n)Σ_i x_i and Σ̂ = (1/n)Σ_i (x_i - μ̂)(x_i - μ̂)ᵀ (the biased 1/n covariance). Checked on generated
    data: the gradient vanishes there (in whitened coordinates, √n L⁻¹(x̄ - μ̂) = 0 and L⁻¹SL⁻ᵀ/n = I with
    Σ̂ = LLᵀ, S = Σ_i (x_i - μ̂)(x_i - μ̂)ᵀ), and no perturbation of μ̂ or Σ̂ along any coordinate (sizes 0.1 and
    0.01 in whitened coordinates, both signs) raises the log-likelihood.
    """
    def prop(sample: GaussianSample) -> list[Comparison]:
        X = sample.X
        mean, covariance = (np.asarray(v, dtype=float) for v in stated(X))
        eigenvalues = np.linalg.eigvalsh(covariance)
        if eigenvalues[0] <= 0:
            return [that(False, label="Σ̂ positive definite", message=f"smallest eigenvalue {eigenvalues[0]:.3g}")]
        kappa = eigenvalues[-1] / eigenvalues[0]
        L = np.linalg.cholesky(covariance)
        centred = X - mean
        whitened_mean_gradient = np.sqrt(sample.n) * np.linalg.solve(L, X.mean(axis=0) - mean)
        whitened = np.linalg.solve(L, np.linalg.solve(L, centred.T @ centred / sample.n).T)
        d = len(mean)
        slack = within_tolerance(1.0, operations=64 * sample.n * d) * kappa
        comparisons = [close(whitened_mean_gradient, np.zeros(d), label="∇_μ log-likelihood = 0 (whitened)",
                             rtol=0, atol=slack),
                       close(whitened, np.eye(d), label="∇_Σ log-likelihood = 0 (whitened: L⁻¹SL⁻ᵀ/n = I)",
                             rtol=0, atol=slack)]
        best = log_likelihood(X, mean, covariance)
        allowance = within_tolerance(best, sample.n * d, operations=64 * sample.n * d) * kappa
        for h in PERTURBATION_SIZES:
            for sign in (1.0, -1.0):
                for delta_mean, delta_cov in _directions(d):
                    moved = log_likelihood(X, mean + sign * h * L @ delta_mean,
                                           covariance + sign * h * L @ delta_cov @ L.T)
                    comparisons.append(at_most(moved, best, label="perturbed log-likelihood ≤ at (μ̂, Σ̂)",
                                               atol=allowance))
        return comparisons

    return for_all(ctx, gaussian_samples(), prop, describe=GaussianSample.describe, max_examples=examples(ctx))
