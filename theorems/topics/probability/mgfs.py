"""Moment generating functions M_X(t) = E[e^{tX}]: the families' closed forms and the rules for sums.

Each family's MGF is derived with SymPy as E[e^{tX}] under its density or mass (the forms proved in
:mod:`.densities`), with no MGF table assumed, then compared with the implementation's E[e^{tX}]
computed from its own ``logpdf`` (:mod:`.numerics`). The rules for independent sums are proved for
variables with symbolic atoms and probabilities, their joint law the product of the marginals.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy
from hypothesis import strategies as st

from impls.probability import Params
from theorems.engine import Context, Formula, Outcome, Printed, all_of, identity, symbolic

from . import TOPIC
from .densities import (
    BERNOULLI,
    BINOMIAL,
    CASELLA_BERGER,
    FACTOR,
    FAMILY,
    MEAN,
    NORMAL,
    POISSON,
    binomial_weights,
    mu,
    p,
    rate,
    sigma,
    standard_normal_density,
)
from .moments import product_expectation
from .numerics import QUADRATURE_RTOL, expectation, proof_then_implementation
from .strategies import FAMILIES

t = sympy.Symbol("t", real=True)
v = sympy.Symbol("v", positive=True)
shape, scale, r = sympy.symbols(r"\alpha \beta r", positive=True)
T_VECTOR = sympy.Matrix(sympy.symbols("t_1 t_2", real=True))


def implementation_mgf(ctx: Context, name: str, mgf: Formula, ts: st.SearchStrategy[float]) -> Outcome:
    """The implementation's E[e^{tX}] (from its own ``logpdf``) against the proved MGF."""
    impl = ctx.impl()
    cases = st.tuples(FAMILIES[name], ts)

    def stated(case: tuple[Params, float]) -> float:
        params, at = case
        symbols = {"mu": mu, "sigma": sigma, "p": p, "rate": rate, "shape": shape, "scale": scale}
        values = {symbols[key]: value for key, value in params.items() if key in symbols}
        arguments = {"n": int(params["n"])} if "n" in params else {}
        scaled_t = at / params["scale"] if name == "gamma" else at
        return float(mgf(sympy.Float(scaled_t), **arguments).subs(values))

    def measured(case: tuple[Params, float]) -> float:
        params, at = case
        scaled_t = at / params["scale"] if name == "gamma" else at
        return expectation(impl, name, params, lambda x: np.exp(scaled_t * x))

    return identity(ctx, cases, measured, stated, label=f"E[e^(tX)] of impl.logpdf({name}) = the proved MGF",
                    rtol=QUADRATURE_RTOL, max_examples=10)


def mgf_claim(ctx: Context, name: str, derived: Any, mgf: Formula, ts: st.SearchStrategy[float],
              **arguments: Any) -> Outcome:
    """The shared body of a family's MGF claim: E[e^{tX}] derived with SymPy equals the stated MGF, then the
    implementation against it."""
    proof = symbolic(ctx, (f"E[e^(tX)] under the {name} density or mass", derived),
                     ("stated MGF", mgf(t, **arguments) if name != "binomial" else binomial_weighted(mgf)))
    return proof_then_implementation(ctx, proof, lambda: implementation_mgf(ctx, name, mgf, ts))


def binomial_weighted(mgf: Formula) -> Any:
    """Σ_n w_n M_n(t) over the proved sizes (a fresh symbol w_n each: the identity holds for every n)."""
    return sum(w * mgf(t, n=n) for n, w in binomial_weights().items())


GAUSSIAN_MGF = Formula(r"\exp\left(t\cdot\mu+\tfrac12 t^T\Sigma t\right)",
                       lambda at, mean, cov: sympy.exp((at.T * mean)[0, 0] + (at.T * cov * at)[0, 0] / 2))


@TOPIC.claim(
    "probability.mgf_gaussian",
    method="sympy",
    canonical=GAUSSIAN_MGF,
    faithful=("001",),
    printed={key: Printed(Formula(r"\exp\left(\mu t+\tfrac12\sigma^2t^2\right)", GAUSSIAN_MGF.fn),
                          reading=f"The univariate case (d = 1) of the canonical form{note}.")
             for key, note in (("002", "; N(μ, σ) names σ the scale, as σ²t² in the MGF shows"), ("004", ""))},
    references=(CASELLA_BERGER,),
)
def mgf_gaussian(ctx: Context, mgf: Formula) -> Outcome:
    """The MGF of the Gaussian.

    For x ~ N(μ, Σ) in R^d, E[exp(t·x)] = exp(t·μ + ½tᵀΣt). Derived with SymPy in d = 1 by integrating
    e^{tx} against the normal density, and in d = 2 for x = μ + Lz (Σ = LLᵀ, z₁, z₂ independent standard
    normals) as e^{t·μ} Π_i ∫ e^{c_i z} φ(z) dz with c = Lᵀt; then the implementation's E[e^{tX}] (its
    normal ``logpdf``, quadrature) for t ∈ [-1, 1].
    """
    univariate = FAMILY["normal"].expectation(NORMAL, lambda x, _: sympy.exp(t * x))
    # t·(μ + Lz) = t·μ + c·z with c = Lᵀt; z₁, z₂ independent, so E[e^{c·z}] = Π_i ∫ e^{c_i z} φ(z) dz
    c, w = sympy.Symbol("c", real=True), sympy.Symbol("w", real=True)
    one_coordinate = sympy.integrate(sympy.exp(c * w) * standard_normal_density([w]), (w, -sympy.oo, sympy.oo))
    weights = FACTOR.T * T_VECTOR
    bivariate = sympy.exp((T_VECTOR.T * MEAN)[0, 0]) * sympy.Mul(*(one_coordinate.subs(c, ci) for ci in weights))
    proof = all_of({
        "d = 1": symbolic(ctx, ("∫ e^(tx) N(x; μ, σ²) dx", univariate),
                          ("stated MGF", mgf(sympy.Matrix([t]), sympy.Matrix([mu]), sympy.Matrix([[sigma**2]])))),
        "d = 2": symbolic(ctx, ("e^{t·μ} Π_i E[e^{c_i z_i}], c = Lᵀt", bivariate),
                          ("stated MGF", mgf(T_VECTOR, MEAN, FACTOR * FACTOR.T))),
    })
    scalar = Formula(mgf.latex, lambda at, **_: mgf(sympy.Matrix([at]), sympy.Matrix([mu]),
                                                    sympy.Matrix([[sigma**2]])))
    return proof_then_implementation(ctx, proof, lambda: implementation_mgf(ctx, "normal", scalar, st.floats(-1, 1)))


BERNOULLI_MGF = Formula(r"pe^t+(1-p)", lambda at: p * sympy.exp(at) + 1 - p)


@TOPIC.claim("probability.mgf_bernoulli", method="sympy", canonical=BERNOULLI_MGF, faithful=("002", "004"),
             references=(CASELLA_BERGER,))
def mgf_bernoulli(ctx: Context, mgf: Formula) -> Outcome:
    """The MGF of the Bernoulli distribution.

    X ~ Be(p): M_X(t) = pe^t + 1 - p, derived as Σ_{x∈{0,1}} e^{tx} p^x(1-p)^{1-x}; then the
    implementation's E[e^{tX}] for t ∈ [-2, 2].
    """
    derived = FAMILY["bernoulli"].expectation(BERNOULLI, lambda x, _: sympy.exp(t * x))
    return mgf_claim(ctx, "bernoulli", derived, mgf, st.floats(-2, 2))


BINOMIAL_MGF = Formula(r"(pe^t+(1-p))^n", lambda at, n: (p * sympy.exp(at) + 1 - p) ** n)


@TOPIC.claim("probability.mgf_binomial", method="sympy", canonical=BINOMIAL_MGF, faithful=("002", "004"),
             references=(CASELLA_BERGER,))
def mgf_binomial(ctx: Context, mgf: Formula) -> Outcome:
    """The MGF of the binomial distribution.

    X ~ Bin(n, p): M_X(t) = (pe^t + 1 - p)^n, derived as Σ_x e^{tx} C(n, x) p^x (1-p)^{n-x}, exactly
    for each n = 1…8; then the implementation's E[e^{tX}] (n ≤ 40) for t ∈ [-2, 1].
    """
    derived = FAMILY["binomial"].expectation(BINOMIAL, lambda x, _: sympy.exp(t * x))
    return mgf_claim(ctx, "binomial", derived, mgf, st.floats(-2, 1))


POISSON_MGF = Formula(r"e^{\lambda(e^t-1)}", lambda at: sympy.exp(rate * (sympy.exp(at) - 1)))


@TOPIC.claim("probability.mgf_poisson", method="sympy", canonical=POISSON_MGF, faithful=("002", "004"),
             references=(CASELLA_BERGER,))
def mgf_poisson(ctx: Context, mgf: Formula) -> Outcome:
    """The MGF of the Poisson distribution.

    X ~ Pois(λ): M_X(t) = exp(λ(e^t - 1)), derived as the series Σ_x v^x λ^x e^{-λ}/x! (v = e^t > 0);
    then the implementation's E[e^{tX}] for t ∈ [-2, 1].
    """
    generating = FAMILY["poisson"].expectation(POISSON, lambda x, _: v**x)
    return mgf_claim(ctx, "poisson", generating.subs(v, sympy.exp(t)), mgf, st.floats(-2, 1))


GAMMA_DENSITY = Formula(r"\frac{x^{\alpha-1}e^{-x/\beta}}{\Gamma(\alpha)\beta^\alpha}",
                        lambda x: x ** (shape - 1) * sympy.exp(-x / scale) / (sympy.gamma(shape) * scale**shape))
GAMMA_MGF = Formula(r"\left(\frac{1}{1-\beta t}\right)^\alpha\ (t<1/\beta)", lambda at: (1 / (1 - scale * at)) ** shape)


@TOPIC.claim(
    "probability.mgf_gamma",
    method="sympy",
    canonical=GAMMA_MGF,
    printed={
        "002": Printed(Formula(r"\left(\frac{1}{\alpha-\beta t}\right)^\alpha",
                               lambda at: (1 / (shape - scale * at)) ** shape),
                       reading="Gam(α, β) with shape α and scale β (the condition t < 1/β fixes the scale "
                               "parametrisation). The 1 of (1 - βt) is printed as α: M(0) = α^{-α} ≠ 1 unless α = 1."),
        "004": Printed(Formula(r"\frac{1}{a-\beta t}", lambda at: 1 / (shape - scale * at)),
                       reading="The a read as α (shape), β the scale. Both the 1 of (1 - βt) (printed a) and the "
                               "exponent α are lost: the printed form is the exponential's MGF only at α = 1."),
    },
    references=(CASELLA_BERGER,),
)
def mgf_gamma(ctx: Context, mgf: Formula) -> Outcome:
    """The MGF of the gamma distribution.

    X ~ Gamma(shape α, scale β): M_X(t) = (1 - βt)^{-α} for t < 1/β. Derived with SymPy by integrating
    e^{tx} against the gamma density, written with t = 1/β - r (r > 0, so that the integral converges);
    then the implementation's E[e^{tX}] (its gamma ``logpdf``) for βt ∈ [-2, 0.45].
    """
    x = sympy.Symbol("x", positive=True)
    tilted = 1 / scale - r
    derived = sympy.integrate(x ** (shape - 1) * sympy.exp(-r * x) / (sympy.gamma(shape) * scale**shape),
                              (x, 0, sympy.oo))
    proof = symbolic(ctx, ("∫₀^∞ e^{tx} Gamma(x; α, β) dx, t = 1/β - r", derived),
                     ("stated MGF at t = 1/β - r", mgf(tilted)))
    return proof_then_implementation(ctx, proof, lambda: implementation_mgf(ctx, "gamma", mgf, st.floats(-2, 0.45)))


def independent_mgf(at: Any, coefficients: Sequence[Any]) -> tuple[Any, Any, Any]:
    """E[e^{t(aX + bY)}], E[e^{atX}] and E[e^{btY}] for independent X (three symbolic atoms) and Y (two)."""
    a, b = coefficients
    return (product_expectation(lambda x, y: sympy.exp(at * (a * x + b * y))),
            product_expectation(lambda x, _: sympy.exp(a * at * x)),
            product_expectation(lambda _, y: sympy.exp(b * at * y)))


@TOPIC.claim(
    "probability.mgf_sum_independent",
    method="sympy",
    canonical=Formula(r"M_X(t)\,M_Y(t)", lambda m_x, m_y: m_x * m_y),
    printed={"001": Printed(Formula(r"M_X\cdot M_Y", lambda m_x, m_y: m_x * m_y),
                            reading="Printed without its hypothesis; read for independent X, Y, as the product "
                                    "needs (for Y = X ~ Be(½), M_{2X}(1) = (1 + e²)/2 ≈ 4.19 ≠ M_X(1)² ≈ 3.46).")},
    uses_impl=False,
)
def mgf_sum_independent(ctx: Context, product: Formula) -> Outcome:
    """The MGF of a sum of independent variables is the product of their MGFs.

    For independent X, Y: M_{X+Y}(t) = M_X(t) M_Y(t); proved for X with three and Y with two symbolic
    atoms and probabilities, the joint law the product of the marginals.
    """
    joint, m_x, m_y = independent_mgf(t, (1, 1))
    return symbolic(ctx, ("E[e^{t(X+Y)}]", joint), ("stated product", product(m_x, m_y)),
                    simplify=lambda e: sympy.simplify(sympy.expand(e)))


@TOPIC.claim(
    "probability.mgf_linear_combination_independent",
    method="sympy",
    canonical=Formula(r"\prod_{i=1}^n M_{X_i}(a_it)", lambda mgfs: sympy.Mul(*mgfs)),
    faithful=("002", "004"),
    uses_impl=False,
)
def mgf_linear_combination_independent(ctx: Context, product: Formula) -> Outcome:
    """The MGF of a linear combination of independent variables.

    If X_1, …, X_n are independent then Y = Σ a_i X_i has M_Y(t) = Π_i M_{X_i}(a_i t); proved for n = 2
    with symbolic a_1, a_2, X_1 with three and X_2 with two symbolic atoms and probabilities.
    """
    joint, m_x, m_y = independent_mgf(t, sympy.symbols("a_1 a_2", real=True))
    return symbolic(ctx, ("E[e^{t(a₁X₁ + a₂X₂)}]", joint), ("stated product", product([m_x, m_y])),
                    simplify=lambda e: sympy.simplify(sympy.expand(e)))


TOPIC.not_checkable(
    "probability.mgf_characterizes_distribution",
    title="The MGF characterises the distribution",
    statement="If ψ_X(t) = E[e^{tX}] is finite on an open interval around 0, it determines the law of X.",
    reason="A uniqueness theorem over all distributions (Curtiss 1942): no finite computation exhibits it. Its use in "
    "the documents, reading off the law of a sum from the product of MGFs, rests on probability.mgf_sum_independent "
    "and probability.mgf_linear_combination_independent, which are proved.",
)
