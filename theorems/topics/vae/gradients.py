"""Bonnet's and Price's theorems: gradients of a Gaussian expectation E f(z), z ~ N(μ, Σ), in μ and in Σ, as
expectations of the gradient and Hessian of f.

Proved in SymPy for every polynomial f of degree ≤ 4 on R² (its coefficients are symbols; the moments come
from the moment generating function), and tested by calibrated Monte Carlo for f(z) = cos(aᵀz), whose
expectation cos(aᵀμ) e^{-aᵀΣa/2} is known, on the implementation's draws.

Σ is symmetric: its entries Σ₁₂ = Σ₂₁ are one parameter s₁₂. The matrix gradient is the one of E f written
as a function of (Σ + Σᵀ)/2, each of Σ₁₂ and Σ₂₁ receiving half of ∂/∂s₁₂; this is the convention under which
∇_Σ E f = ½ E ∇²f holds entry by entry.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from itertools import product
from typing import Any

import numpy as np
import sympy

from theorems import stats
from theorems.engine import Context, Formula, Outcome, all_of, decide, symbolic

from . import OPPER, REZENDE, TOPIC
from .expectations import gaussian_expectation, gaussian_moments
from .strategies import random_gaussian

z = sympy.symbols("z_1:3", real=True)
mu = sympy.symbols("mu_1:3", real=True)
s11, s12, s22 = sympy.symbols("s_11 s_12 s_22", real=True)
COV = sympy.Matrix([[s11, s12], [s12, s22]])
t = sympy.symbols("t_1:3", real=True)
T = sympy.Matrix(2, 2, sympy.symbols("t_11 t_12 t_21 t_22", real=True))
MONOMIALS = [(i, j) for i, j in product(range(5), repeat=2) if i + j <= 4]
coefficients = sympy.symbols(f"c_0:{len(MONOMIALS)}", real=True)
POLYNOMIAL = sum(c * z[0] ** i * z[1] ** j for c, (i, j) in zip(coefficients, MONOMIALS, strict=True))


@cache
def moments() -> dict[tuple[int, ...], Any]:
    return gaussian_moments(mu, COV, 4)


def expectation(expr: Any) -> Any:
    """E f(z), z ~ N(μ, Σ), of a polynomial f of degree ≤ 4."""
    return gaussian_expectation(expr, z, moments())


def stated_expectation(stated: Formula) -> sympy.Matrix:
    """E[stated(∇f(z), ∇²f(z))] for the general quartic f, entry by entry."""
    grad = sympy.Matrix([sympy.diff(POLYNOMIAL, zi) for zi in z])
    value = sympy.Matrix(stated(grad, sympy.hessian(POLYNOMIAL, z)))
    return value.applyfunc(expectation)


def contract(left: sympy.Matrix, right: Any) -> Any:
    """⟨left, right⟩ = Σ left_ij right_ij: a scalar identity in the free symbols of ``left`` holds entry by entry."""
    return sum(a * b for a, b in zip(left, sympy.Matrix(right), strict=True))


def cos_monte_carlo(ctx: Context, stated: Formula, direction: Callable[[np.ndarray], np.ndarray],
                    expected: Callable[[float, float], float]) -> Outcome:
    """Hoeffding test that the mean over the implementation's draws of ⟨D, stated(∇f, ∇²f)⟩, f(z) = cos(aᵀz),
    equals ⟨D, gradient of E f⟩ = ``expected(aᵀμ, aᵀΣa)``, D = ``direction(a)``.

    The statistic is c₁ sin(aᵀz) + c₂ cos(aᵀz), with c₁, c₂ read off the stated formula, so it lies in an
    interval of length 2(|c₁| + |c₂|) whatever is stated: the test is exact in finite samples.
    """
    rng, n = ctx.rng(stream=2), ctx.scaled(4000)
    g = random_gaussian(rng, 2)
    a = rng.standard_normal(2)
    a *= 0.6 / np.linalg.norm(a)
    mean = g.mu + (1.0 - a @ g.mu) * a / (a @ a)  # aᵀμ = 1, where sin and cos are both far from 0
    u = ctx.impl().rsample(mean, g.scale, n, ctx.subseed) @ a
    d = direction(a)

    def statistic(sin: Any, cos: Any) -> Any:
        grad = -np.multiply.outer(sin, a)
        hess = -np.multiply.outer(cos, np.outer(a, a))
        value = stated(grad, hess)
        return np.tensordot(value, d, axes=d.ndim)

    c1, c2 = float(statistic(np.ones(1), np.zeros(1))[0]), float(statistic(np.zeros(1), np.ones(1))[0])
    width = 2 * (abs(c1) + abs(c2))
    observed = float(np.mean(statistic(np.sin(u), np.cos(u))))
    target = expected(float(a @ mean), float(a @ g.cov @ a))
    return decide(ctx, stats.hoeffding_mean_p_value(observed, n, target, width),
                  test=f"Hoeffding: mean of {stated.latex} for f = cos(aᵀz) over {n} draws of the implementation "
                       f"equals the analytic gradient of E f = cos(aᵀμ) e^(-aᵀΣa/2)",
                  detectable=f"|error| ≥ {width * np.sqrt(np.log(2 / ctx.alpha) / (2 * n)):.3g}",
                  evidence={"observed": observed, "analytic": target, "range width": width})


@TOPIC.claim(
    "vae.bonnet_gradient",
    method="sympy",
    canonical=Formula(r"E[\nabla_z f(z)]", lambda grad, hess: grad),
    faithful=("000",),
    references=(OPPER, REZENDE),
)
def bonnet_gradient(ctx: Context, stated: Formula) -> Outcome:
    """Bonnet's theorem: the gradient of a Gaussian expectation in the mean is the expected gradient.

    For z ~ N(μ, Σ) and f with E|∇f| finite: ∇_μ E f(z) = E ∇_z f(z) (E f(z) = E f(μ + Lε) and differentiate
    under the integral). Proved for every quartic polynomial on R², then tested on f(z) = cos(aᵀz), where
    ∇_μ E f = -sin(aᵀμ) e^{-aᵀΣa/2} a.
    """
    lhs = contract(sympy.Matrix(t), [sympy.diff(expectation(POLYNOMIAL), m) for m in mu])
    return all_of({
        "quartic polynomials": lambda: symbolic(ctx, ("⟨t, ∇_μ E f(z)⟩", lhs),
                                                ("⟨t, stated⟩", contract(sympy.Matrix(t), stated_expectation(stated)))),
        "f = cos(aᵀz)": lambda: cos_monte_carlo(ctx, stated, lambda a: a / (a @ a),
                                                lambda am, q: -np.sin(am) * np.exp(-q / 2)),
    })


@TOPIC.claim(
    "vae.price_gradient",
    method="sympy",
    canonical=Formula(r"\tfrac12E[\nabla_z^2 f(z)]", lambda grad, hess: hess / 2),
    faithful=("000",),
    references=(OPPER, REZENDE),
)
def price_gradient(ctx: Context, stated: Formula) -> Outcome:
    """Price's theorem: the gradient of a Gaussian expectation in the covariance is half the expected Hessian.

    For z ~ N(μ, Σ): ∇_Σ E f(z) = ½ E ∇²_z f(z), the gradient taken in the symmetric Σ as explained in the
    module docstring (∂/∂Σ_ii on the diagonal, ½∂/∂s₁₂ for each of Σ₁₂, Σ₂₁). Proved for every quartic
    polynomial on R², then tested on f(z) = cos(aᵀz), where ∇_Σ E f = -½ cos(aᵀμ) e^{-aᵀΣa/2} aaᵀ.
    """
    e = expectation(POLYNOMIAL)
    half = sympy.diff(e, s12) / 2
    gradient = sympy.Matrix([[sympy.diff(e, s11), half], [half, sympy.diff(e, s22)]])
    return all_of({
        "quartic polynomials": lambda: symbolic(ctx, ("⟨T, ∇_Σ E f(z)⟩", contract(T, gradient)),
                                                ("⟨T, stated⟩", contract(T, stated_expectation(stated)))),
        "f = cos(aᵀz)": lambda: cos_monte_carlo(ctx, stated, lambda a: np.outer(a, a) / (a @ a) ** 2,
                                                lambda am, q: -np.cos(am) * np.exp(-q / 2) / 2),
    })
