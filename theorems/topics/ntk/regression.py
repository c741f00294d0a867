"""Kernel regression as the trained linearised model, gradient flow in parameter and function space, and
its closed form f_t = f₀ − (I − e^{−ηKt})(f₀ − y).

The implementation's kernel regression (coefficients, predictor) is compared with what training
produces, computed independently of it: the minimum-norm least-squares displacement (SVD) evaluated
through exact derivatives of the network, and the gradient flow integrated numerically (SciPy's
LSODA at relative tolerance 10⁻¹¹) from f₀ to convergence, on Gram matrices whose non-zero
spectrum spans at most a factor 10³.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import sympy
from scipy.integrate import solve_ivp

from impls.ntk import relu_ntk_limit
from theorems.engine import Context, Formula, Outcome, Printed, all_of, symbolic
from theorems.engine.boundary import Guarded

from . import ARORA, JACOT, LEE, TOPIC
from .linearised import agree, conditioned, derivative, generic_quadratic, minimum_norm_solution, t1, t2, v1, v2
from .strategies import Instance

ETA = 0.5
"""The learning rate of the flows: ḟ = ηK(y − f)."""


@TOPIC.claim("ntk.kernel_regression_coefficients", method="property", faithful=("000", "003"), references=(JACOT,))
def kernel_regression_coefficients(ctx: Context) -> Outcome:
    """α* = K⁺(y − f) is the minimum-norm minimiser of ½‖Kα − (y − f)‖².

    For K symmetric positive semi-definite, the minimisers of ‖Kα − ỹ‖ are α* + ker K with α* = K⁺ỹ the
    one of least norm. The implementation's coefficients are compared with the minimum-norm
    least-squares solution from the SVD of K, on NTK Gram matrices that are sometimes singular (a repeated
    input) and whose non-zero spectrum is within 10⁶ of the largest eigenvalue.
    """

    def pair(case: Instance) -> tuple[np.ndarray, np.ndarray, float]:
        impl = ctx.impl()
        K = impl.ntk(case.theta, case.widths, case.x, case.x)
        target = case.y - impl.output(case.theta, case.widths, case.x)
        exact = minimum_norm_solution(K, target)
        return exact, impl.coefficients(K, target), 1e-7 * float(np.max(np.abs(exact)))

    return agree(ctx, pair, label="α* = K⁺ỹ", strategy=conditioned(singular=True))


Predictor = Formula
"""``form(impl, cross, K, f0_test, f0_train, y)``: a stated trained predictor at the test inputs."""

PREDICTOR = Formula(r"f(x) + k(x)^\top K^+ (y - f)",
                    lambda impl, cross, K, f0_test, f0_train, y: impl.predict(cross, K, f0_test, f0_train, y))
WITHOUT_OFFSET = Formula(r"k(x)^\top K^+ (y - f)",
                         lambda impl, cross, K, f0_test, f0_train, y: cross @ impl.coefficients(K, y - f0_train))
OFFSET = ("The predictor is printed without the initial output f(x) = f(θ₀)(x) that the linearised model "
          "h(α)(x) = f(x) + Σ αᵢ k(xᵢ, x) carries: it is right only where f(θ₀)(x) = 0 (e.g. an "
          "antisymmetric initialisation), not for the network at a random initialisation.")


@TOPIC.claim(
    "ntk.kernel_regression_predictor",
    method="property",
    canonical=PREDICTOR,
    printed={"000": Printed(WITHOUT_OFFSET, reading="h*(x) = k(x)K⁺(y − f) as printed. " + OFFSET),
             "003": Printed(WITHOUT_OFFSET, reading="h*(x) = k_{θ₀}(x)ᵀα* with α* = K⁺(y − f(θ₀)). " + OFFSET)},
    depends=("ntk.kernel_regression_coefficients", "ntk.dual_representation"),
    references=(JACOT, LEE),
)
def kernel_regression_predictor(ctx: Context, form: Predictor) -> Outcome:
    """The trained linearised model predicts h*(x) = f(θ₀)(x) + k_{θ₀}(x)ᵀ K⁺ (y − f(θ₀)).

    Gradient flow on ½‖y − f(θ₀) − Jβ‖² from β = 0 converges to the minimum-norm least-squares
    displacement β*; the trained model at a test input is h(β*)(x) = f(θ₀)(x) + d/ds f(θ₀ + sβ*)(x). This
    (SVD and exact derivatives) is compared with the stated predictor on the implementation's NTK.
    """

    def pair(case: Instance) -> tuple[np.ndarray, np.ndarray, float]:
        impl = ctx.impl()
        J = impl.jacobian(case.theta, case.widths, case.x)
        f0_train, f0_test = (impl.output(case.theta, case.widths, p) for p in (case.x, case.x_test))
        beta = minimum_norm_solution(J, case.y - f0_train)
        step, allowance = derivative(impl, case, beta, case.x_test)
        cross = impl.ntk(case.theta, case.widths, case.x_test, case.x)
        K = impl.ntk(case.theta, case.widths, case.x, case.x)
        return f0_test + step, form(impl, cross, K, f0_test, f0_train, case.y), allowance + 1e-7 * float(
            np.max(np.abs(f0_test + step)))

    return agree(ctx, pair, label="h(β*)(x) = stated h*(x)", strategy=conditioned(singular=True))


# --- gradient flow --------------------------------------------------------------------------------

s_points = 3
ys = sympy.symbols(f"y_1:{s_points + 1}", real=True)
fs = [generic_quadratic(f"f{i + 1}") for i in range(s_points)]
"""Three training outputs fᵢ(θ) of a two-parameter model (quadratics with free coefficients: any value and
gradient at a point, all the chain rule involves), their targets yᵢ, and a direction v."""


def grad(g: sympy.Expr) -> sympy.Matrix:
    return sympy.Matrix([g.diff(t1), g.diff(t2)])


@TOPIC.claim(
    "ntk.param_gradient_flow",
    method="sympy",
    canonical=Formula(r"\sum_i (y_i - f_i)\nabla f_i",
                      lambda: sum(((y - f) * grad(f) for f, y in zip(fs, ys, strict=True)), sympy.zeros(2, 1))),
    faithful=("000",),
    uses_impl=False,
)
def param_gradient_flow(ctx: Context, velocity: Formula) -> Outcome:
    """Gradient flow on E(θ) = ½‖f(θ) − y‖² is θ̇ = −∇E = Σᵢ (yᵢ − fᵢ(θ)) ∇fᵢ(θ).

    Chain rule, proved for three training outputs of a two-parameter model along an arbitrary direction v,
    each output a quadratic with free coefficients (it takes any value and gradient at a point, which is all
    the identity involves); each parameter and each training point enters the same way.
    """
    v = sympy.Matrix([v1, v2])
    energy = sum((f - y) ** 2 for f, y in zip(fs, ys, strict=True)) / 2
    return symbolic(ctx, (r"-v\cdot\nabla E", -(v.T * grad(energy))[0]), (r"v\cdot\dot\theta", (v.T * velocity())[0]))


@dataclass(frozen=True)
class Dynamics:
    """A stated law of the training outputs: ``lhs`` is ``"df/dt"`` or ``"f"``, equal to ``rhs(K, f, y)``."""

    lhs: str
    rhs: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]


def flow(K: np.ndarray, f0: np.ndarray, y: np.ndarray, times: np.ndarray, *, cross: np.ndarray | None = None,
         f0_test: np.ndarray | None = None) -> np.ndarray:
    """ḟ = ηK(y − f) on the training outputs (and, with ``cross`` = k(x_test, X), ḟ(x) = ηk(x, X)(y − f(X))
    at the test inputs) integrated numerically (LSODA, relative tolerance 10⁻¹¹): the outputs at ``times``."""
    n = len(f0)
    rows = K if cross is None else np.vstack([K, cross])
    start = f0 if cross is None else np.concatenate([f0, f0_test])
    jacobian = -ETA * np.hstack([rows, np.zeros((len(rows), len(rows) - n))])
    solution = solve_ivp(lambda _, f: ETA * rows @ (y - f[:n]), (0.0, float(times[-1])), start, method="LSODA",
                         t_eval=times, rtol=1e-11, atol=1e-13 * (1 + float(np.max(np.abs(start)))),
                         jac=lambda *_: jacobian)
    return solution.y.T


@TOPIC.claim(
    "ntk.function_space_dynamics",
    method="property",
    canonical=Dynamics("df/dt", lambda K, f, y: K @ (y - f)),
    faithful=("000:762", "002", "003:427", "003:457", "004"),
    printed={"000:764": Printed(Dynamics("f", lambda K, f, y: K @ (y - f)),
                                reading="f = K(θ)(y − f) as printed, without the dot of line 762: read literally it "
                                        "says the outputs equal K(y − f) at every time, i.e. f = (I + K)⁻¹Ky.")},
    depends=("ntk.param_gradient_flow", "ntk.kernel_definition"),
    references=(JACOT, LEE),
)
def function_space_dynamics(ctx: Context, law: Dynamics) -> Outcome:
    """Under gradient flow on ½‖f(θ) − y‖², the training outputs move as ḟ = K(θ)(y − f).

    ḟⱼ = ∇fⱼ·θ̇ = Σᵢ (yᵢ − fᵢ) k_θ(xᵢ, xⱼ). Checked on the network at any θ: the exact derivative of the
    outputs along θ̇ = Jᵀ(y − f) against K(θ)(y − f) from the implementation's NTK. For constant K (the
    linearised model) the flow ḟ = ηK(y − f) has the closed form f_t = f₀ − (I − e^{−ηKt})(f₀ − y): the
    implementation's dynamics are compared with the flow integrated numerically at several times.
    """

    def network(case: Instance) -> tuple[np.ndarray, np.ndarray, float]:
        impl = ctx.impl()
        f = impl.output(case.theta, case.widths, case.x)
        velocity = impl.jacobian(case.theta, case.widths, case.x).T @ (case.y - f)
        rate, allowance = derivative(impl, case, velocity, case.x)
        lhs = rate if law.lhs == "df/dt" else f
        return lhs, law.rhs(impl.ntk(case.theta, case.widths, case.x, case.x), f, case.y), allowance

    def closed_form(case: Instance) -> tuple[np.ndarray, np.ndarray, float]:
        impl = ctx.impl()
        K = impl.ntk(case.theta, case.widths, case.x, case.x)
        f0 = impl.output(case.theta, case.widths, case.x)
        times = np.array([0.25, 1.0, 4.0]) / (ETA * max(float(np.trace(K)), 1e-12))
        integrated = flow(K, f0, case.y, times)
        stated = np.stack([impl.dynamics(K, f0, case.y, ETA, float(t)) for t in times])
        return integrated, stated, 1e-9 * float(np.max(np.abs(np.concatenate([f0, case.y]))))

    return all_of({
        f"{law.lhs} = K(θ)(y − f) on the network": lambda: agree(ctx, network, label=f"{law.lhs} = K(y − f)"),
        "closed form against the integrated flow": lambda: agree(ctx, closed_form, label="f_t = y + e^{−ηKt}(f₀ − y)",
                                                                 max_examples=30),
    })


ROUNDING_EIGENVALUE = 1e-9
"""Eigenvalues of K below this fraction of the largest are rounding of 0 (``conditioned`` keeps none between
10⁻¹² and 10⁻⁶ of the largest): the flow does not converge along their eigenvectors, nor is it meant to."""


def converged(K: np.ndarray) -> float:
    """A time by which e^{−ηλt} < 10⁻¹⁴ for every non-zero eigenvalue λ of K."""
    eigenvalues = np.linalg.eigvalsh(K)
    positive = eigenvalues[eigenvalues > ROUNDING_EIGENVALUE * eigenvalues.max()]
    return 33.0 / (ETA * float(positive.min()))


def null_drift(K: np.ndarray, cross: np.ndarray, residual: np.ndarray, duration: float) -> np.ndarray:
    """How far the test outputs of the flow move in ``duration`` along the null space of K: ηt·k(x, X)P₀(y − f₀),
    with P₀ the projection on it (the training residual there never decays). In exact arithmetic k(x, X)P₀ = 0, as
    k(x, ·) lies in the span of the training features; a kernel evaluated in floating point leaves it a rounding
    component (the arc-cosine kernel at angle 0, collinear inputs, is off by ~√ε through arccos near 1), which the
    flow integrates for the whole time 33/(ηλ_min) it runs, while K⁺ rightly ignores it."""
    eigenvalues, vectors = np.linalg.eigh(K)
    null = vectors[:, eigenvalues <= ROUNDING_EIGENVALUE * eigenvalues.max()]
    return ETA * duration * cross @ null @ (null.T @ residual)


def trained(impl: Guarded, form: Predictor, cross: np.ndarray, K: np.ndarray, f0_test: np.ndarray,
            f0_train: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """(the test outputs of the kernel flow integrated to convergence, the stated predictor, an allowance: the
    integration's, and the drift the flow accumulates along the null space of K, see ``null_drift``)."""
    duration = converged(K)
    final = flow(K, f0_train, y, np.array([duration]), cross=cross, f0_test=f0_test)[-1][len(y):]
    drift = null_drift(K, cross, y - f0_train, duration)
    allowance = 1e-7 * (1 + float(np.max(np.abs(np.concatenate([final, f0_train, y]))))) + float(np.max(np.abs(drift)))
    return final, form(impl, cross, K, f0_test, f0_train, y), allowance


def ridge(strength: float) -> Formula:
    """Kernel ridge regression f(x) + k(x)ᵀ(K + λI)⁻¹(y − f) with λ = ``strength`` · tr(K)/n."""
    return Formula(rf"f(x) + k(x)^\top (K + \lambda I)^{{-1}}(y - f),\ \lambda = {strength:g}\,\mathrm{{tr}}K/n",
                   lambda impl, cross, K, f0_test, f0_train, y: f0_test + cross @ np.linalg.solve(
                       K + strength * np.trace(K) / len(K) * np.eye(len(K)), y - f0_train))


RIDGE = ("Read as kernel *ridge* regression with some λ > 0 (checked at λ = 0.1·tr K/n): gradient flow on the "
         "unregularised squared loss converges to ridgeless (minimum-norm interpolating) kernel regression, the "
         "limit λ → 0; with λ > 0 the training targets are not interpolated and test predictions differ.")


@TOPIC.claim(
    "ntk.kernel_regression_equivalence",
    method="property",
    canonical=PREDICTOR,
    printed={"002": Printed(ridge(0.1), reading=RIDGE), "004": Printed(ridge(0.1), reading=RIDGE)},
    depends=("ntk.function_space_dynamics",),
    references=(JACOT, LEE, ARORA),
)
def kernel_regression_equivalence(ctx: Context, form: Predictor) -> Outcome:
    """Gradient flow with a constant NTK converges to (ridgeless) kernel regression with that kernel.

    With K constant, the outputs at the training and test inputs follow ḟ(x) = ηk(x, X)(y − f(X)); their
    limit as t → ∞ is f₀(x) + k(x, X)K⁺(y − f₀(X)), the minimum-norm kernel interpolant. The flow is
    integrated numerically to convergence with the implementation's empirical NTK and compared with the
    stated predictor.
    """

    def pair(case: Instance) -> tuple[np.ndarray, np.ndarray, float]:
        impl = ctx.impl()
        K = impl.ntk(case.theta, case.widths, case.x, case.x)
        cross = impl.ntk(case.theta, case.widths, case.x_test, case.x)
        f0_train, f0_test = (impl.output(case.theta, case.widths, p) for p in (case.x, case.x_test))
        return trained(impl, form, cross, K, f0_test, f0_train, case.y)

    return agree(ctx, pair, label="lim f_t(x) = stated predictor", strategy=conditioned(singular=True, spread=1e3),
                 max_examples=30)


@TOPIC.claim(
    "ntk.infinite_width_predictor",
    method="property",
    canonical=PREDICTOR,
    printed={"000": Printed(WITHOUT_OFFSET, reading="f_∞(x) = k(x)K⁺(y − f) with k = k_∞ as printed. At infinite "
                                                    "width f(θ₀) is a centred Gaussian process, not 0: " + OFFSET)},
    depends=("ntk.kernel_regression_equivalence", "ntk.infinite_width_deterministic"),
    references=(JACOT, LEE, ARORA),
)
def infinite_width_predictor(ctx: Context, form: Predictor) -> Outcome:
    """The infinitely wide network trained to convergence is f_∞(x) = f₀(x) + k_∞(x)ᵀK_∞⁻¹(y − f₀).

    With the kernel frozen at its limit k_∞ (the arc-cosine NTK of the ReLU network, closed form), the
    outputs follow ḟ(x) = ηk_∞(x, X)(y − f(X)) from the initial outputs f₀ of the network; the flow is
    integrated to convergence and compared with the stated predictor evaluated on k_∞.
    """

    def pair(case: Instance) -> tuple[np.ndarray, np.ndarray, float]:
        impl = ctx.impl()
        depth = len(case.widths) - 1
        K, cross = relu_ntk_limit(case.x, case.x, depth), relu_ntk_limit(case.x_test, case.x, depth)
        f0_train, f0_test = (impl.output(case.theta, case.widths, p) for p in (case.x, case.x_test))
        return trained(impl, form, cross, K, f0_test, f0_train, case.y)

    def limit_gram(case: Instance) -> np.ndarray:
        return relu_ntk_limit(case.x, case.x, len(case.widths) - 1)

    return agree(ctx, pair, label="lim f_t(x) = stated f_∞(x)", strategy=conditioned(limit_gram, spread=1e3),
                 max_examples=30)

