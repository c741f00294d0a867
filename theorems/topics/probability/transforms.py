"""The distribution function and densities of transformed variables: F' = f, the density of αY, and the
density of a sum of independent variables (convolution).

Each identity is derived with SymPy from distribution functions (sympy.stats), then checked on the
implementation under test: its ``cdf`` against its own ``logpdf`` integrated by quadrature, its densities
of Y and αY against each other, and its samples of X + Y against the convolution of its densities.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy
from hypothesis import strategies as st
from scipy import integrate

from impls.probability import Params
from theorems.engine import Context, Formula, Outcome, Printed, all_of, identity, proportion, symbolic

from . import TOPIC
from .densities import CASELLA_BERGER
from .numerics import QUADRATURE_RTOL, proof_then_implementation
from .strategies import FAMILIES

t = sympy.Symbol("t", positive=True)
z = sympy.Symbol("z", real=True)
u = sympy.Symbol("u", real=True)


def sympy_families() -> list[Any]:
    """Continuous random variables of sympy.stats with symbolic parameters: normal, exponential, gamma."""
    from sympy.stats import Exponential, Gamma, Normal

    return [Normal("X", sympy.Symbol("mu", real=True), sympy.Symbol("sigma", positive=True)),
            Exponential("E", sympy.Symbol("lambda", positive=True)),
            Gamma("G", sympy.Symbol("k", positive=True), sympy.Symbol("theta", positive=True))]


def integrated_density(impl: Any, family: str, params: Params, a: float, b: float) -> float:
    """∫_a^b f(s) ds of the implementation's own density, by adaptive quadrature."""
    value, _ = integrate.quad(lambda s: float(np.exp(impl.logpdf(family, params, np.array([s])))[0]), a, b,
                              epsabs=0.0, epsrel=1e-11, limit=200)
    return float(value)


def intervals() -> Any:
    """A continuous family and an interval [a, b] inside its bulk (a ≥ 0 where the support is [0, ∞))."""

    def with_interval(case: tuple[str, Params]) -> Any:
        name, params = case
        mean, spread = {"normal": (params.get("mu", 0.0), params.get("sigma", 1.0)),
                        "exponential": (1 / params.get("rate", 1.0), 1 / params.get("rate", 1.0)),
                        "gamma": (params.get("shape", 1.0) * params.get("scale", 1.0),
                                  np.sqrt(params.get("shape", 1.0)) * params.get("scale", 1.0))}[name]
        low = 0.0 if name != "normal" else mean - 4 * spread
        ends = st.tuples(st.floats(low, mean + 4 * spread), st.floats(low, mean + 4 * spread))
        return ends.map(lambda e: (name, params, min(e), max(e)))

    return st.one_of([FAMILIES[n].map(lambda q, n=n: (n, q)) for n in ("normal", "exponential", "gamma")]).flatmap(
        with_interval)


DERIVATIVE = Formula(r"\frac{\partial}{\partial t}F_X(t)", lambda cdf, at: sympy.diff(cdf(at), at))


@TOPIC.claim(
    "probability.cdf_derivative_is_pdf",
    method="sympy",
    canonical=DERIVATIVE,
    faithful=("002", "004"),
    references=(CASELLA_BERGER,),
)
def cdf_derivative_is_pdf(ctx: Context, derivative: Formula) -> Outcome:
    """The derivative of the distribution function is the density.

    d/dt F_X(t) = f_X(t) at every continuity point of f_X: proved with SymPy for the normal, exponential
    and gamma families (symbolic parameters, distribution functions from sympy.stats). On the
    implementation, the integrated form F(b) - F(a) = ∫_a^b f is checked for its ``cdf`` against its
    own ``logpdf`` (quadrature, relative accuracy 1e-11) on generated intervals.
    """
    from sympy.stats import cdf, density

    proofs = {f"{variable}": symbolic(ctx, (f"d/dt F_{variable}(t)", derivative(cdf(variable), t)),
                                      (f"f_{variable}(t)", density(variable)(t)))
              for variable in sympy_families()}
    impl = ctx.impl()

    def implementation() -> Outcome:
        return identity(ctx, intervals(), lambda c: impl.cdf(c[0], c[1], np.array([c[3]]))[0]
                        - impl.cdf(c[0], c[1], np.array([c[2]]))[0],
                        lambda c: integrated_density(impl, *c), label="F(b) - F(a) = ∫_a^b f",
                        rtol=QUADRATURE_RTOL, atol=1e-12, max_examples=12)

    return proof_then_implementation(ctx, all_of(proofs), implementation)


alpha_positive = sympy.Symbol(r"\alpha_+", positive=True)
alpha_negative = sympy.Symbol(r"\alpha_-", negative=True)
SCALED = Formula(r"\frac{1}{|\alpha|}f_Y\left(\frac{z}{\alpha}\right)",
                 lambda density, at, alpha: density(at / alpha) / sympy.Abs(alpha))


def scaled_laws(case: tuple[str, Params, float]) -> tuple[str, Params]:
    """The law of αY in the same family: N(αμ, |α|σ), Exp(rate/α) and Gamma(k, αθ) for α > 0."""
    name, params, alpha = case
    return name, {
        "normal": lambda: {"mu": alpha * params["mu"], "sigma": abs(alpha) * params["sigma"]},
        "exponential": lambda: {"rate": params["rate"] / alpha},
        "gamma": lambda: {"shape": params["shape"], "scale": alpha * params["scale"]},
    }[name]()


def scalings() -> Any:
    """(family, params of Y, α): any α ≠ 0 for the normal family, α > 0 for the families on [0, ∞)."""
    magnitudes = st.floats(0.1, 10.0)
    normal = st.tuples(st.just("normal"), FAMILIES["normal"],
                       st.tuples(magnitudes, st.sampled_from([-1.0, 1.0])).map(lambda m: m[0] * m[1]))
    positive = [st.tuples(st.just(n), FAMILIES[n], magnitudes) for n in ("exponential", "gamma")]
    return st.one_of(normal, *positive)


@TOPIC.claim(
    "probability.density_of_scaled_rv",
    method="sympy",
    canonical=SCALED,
    printed={
        key: Printed(Formula(r"\frac{1}{\alpha}f_Y\left(\frac{z}{\alpha}\right)",
                             lambda density, at, alpha: density(at / alpha) / alpha),
                     reading=f"{subscript} read as αY. The printed 1/α has no absolute value: it is right for "
                             "α > 0 and negative (not a density) for α < 0, where f_{αY}(z) = f_Y(z/α)/|α|.")
        for key, subscript in (("002", "The subscript αγ (OCR)"), ("004", "The subscript aY, with a = α,"))
    },
    references=(CASELLA_BERGER,),
)
def density_of_scaled_rv(ctx: Context, scaled: Formula) -> Outcome:
    """The density of a scaled random variable.

    For α ≠ 0 and Y with density f_Y, αY has density f_{αY}(z) = f_Y(z/α)/|α|. Derived with SymPy for
    Y ~ N(μ, σ²) from P(αY ≤ z) = F_Y(z/α) (α > 0) and 1 - F_Y(z/α) (α < 0); on the implementation,
    its log-density of the law of αY (N(αμ, |α|σ), Exp(λ/α), Gamma(k, αθ)) against its log-density of Y
    at z/α minus log|α|.
    """
    from sympy.stats import Normal, cdf, density

    y = Normal("Y", sympy.Symbol("mu", real=True), sympy.Symbol("sigma", positive=True))
    proof = all_of({
        "α > 0": symbolic(ctx, ("d/dz F_Y(z/α)", sympy.diff(cdf(y)(z / alpha_positive), z)),
                          ("stated density", scaled(density(y), z, alpha_positive))),
        "α < 0": symbolic(ctx, ("d/dz (1 - F_Y(z/α))", sympy.diff(1 - cdf(y)(z / alpha_negative), z)),
                          ("stated density", scaled(density(y), z, alpha_negative)),
                          domain={alpha_negative: (-3.0, -0.1)}),
    })
    impl = ctx.impl()

    def of_scaled(case: tuple[str, Params, float]) -> np.ndarray:
        return impl.logpdf(*scaled_laws(case), scaled_points(case))

    def from_y(case: tuple[str, Params, float]) -> np.ndarray:
        name, params, alpha = case
        return impl.logpdf(name, params, scaled_points(case) / alpha) - np.log(abs(alpha))

    return proof_then_implementation(ctx, proof, lambda: identity(
        ctx, scalings(), of_scaled, from_y, label="log f_{αY}(z) = log f_Y(z/α) - log|α|", rtol=1e-9,
        max_examples=12))


def scaled_points(case: tuple[str, Params, float]) -> np.ndarray:
    """Points z = αy for y across the bulk of Y."""
    name, params, alpha = case
    if name == "normal":
        return alpha * (params["mu"] + params["sigma"] * np.linspace(-6, 6, 13))
    top = 20 / params["rate"] if name == "exponential" else 20 * params["shape"] * params["scale"]
    return alpha * np.linspace(0.01, 1, 13) * top


rate_x = sympy.Symbol(r"\lambda", positive=True)


def exponential_density(rate_value: Any) -> Any:
    """λe^{-λs} on s ≥ 0, zero below: a density on ℝ."""
    return lambda s: rate_value * sympy.exp(-rate_value * s) * sympy.Heaviside(s)


CONVOLUTIONS = (
    Formula(r"\int_{\mathbb{R}} f_X(t)f_Y(z-t)\,dt",
            lambda f_x, f_y, at: sympy.integrate(f_x(u) * f_y(at - u), (u, -sympy.oo, sympy.oo))),
    Formula(r"\int_{\mathbb{R}} f_X(z-t)f_Y(t)\,dt",
            lambda f_x, f_y, at: sympy.integrate(f_x(at - u) * f_y(u), (u, -sympy.oo, sympy.oo))),
)


def sum_probability(impl: Any, x: tuple[str, Params], y: tuple[str, Params], at: float) -> float:
    """P(X + Y ≤ z) = ∫ f_X(s) F_Y(z - s) ds from the implementation's density of X and distribution of Y."""

    def integrand(s: float) -> float:
        return float(np.exp(impl.logpdf(*x, np.array([s])))[0] * impl.cdf(*y, np.array([at - s]))[0])

    mean = impl.mean(*x)
    spread = np.sqrt(impl.variance(*x))
    value, _ = integrate.quad(integrand, mean - 12 * spread, mean + 12 * spread, epsabs=0.0, epsrel=1e-10,
                              limit=200)
    return float(value)


@TOPIC.claim(
    "probability.sum_density_convolution",
    method="sympy",
    canonical=CONVOLUTIONS,
    faithful=("002",),
    printed={"004": Printed((CONVOLUTIONS[0],), reading="f_X(x) f_Y(z-x) integrated against 'dt': the variable of "
                                                       "integration read as x (a typo); only the first ordering "
                                                       "is printed.")},
    references=(CASELLA_BERGER,),
)
def sum_density_convolution(ctx: Context, convolutions: tuple[Formula, ...]) -> Outcome:
    """The density of a sum of independent variables is the convolution of their densities.

    For independent X, Y with densities, Z = X + Y has f_Z(z) = ∫ f_X(t) f_Y(z-t) dt = ∫ f_X(z-t) f_Y(t) dt.
    Derived with SymPy for X ~ Exp(λ), Y ~ Exp(2λ): d/dz P(X + Y ≤ z), the double integral of the
    product density over {s + r ≤ z}, equals each convolution. On the implementation: draws of
    X ~ N(1, 1) and Y ~ Exp(1) (``sample``, independent seeds) fall below z₀ = E[X + Y] + sd(X + Y) with the
    probability ∫ f_X(s) F_Y(z₀ - s) ds that its own density and distribution function give (exact
    binomial test at the check's level).
    """
    f_x, f_y = exponential_density(rate_x), exponential_density(2 * rate_x)
    s, r = sympy.symbols("s r", positive=True)
    at = sympy.Symbol("z", positive=True)
    distribution = sympy.integrate(sympy.integrate(f_x(s) * f_y(r), (r, 0, at - s)), (s, 0, at))
    proof = symbolic(ctx, ("d/dz P(X + Y ≤ z)", sympy.diff(distribution, at)),
                     *((f"f_Z(z) = {form.latex}", form(f_x, f_y, at)) for form in convolutions))

    def implementation() -> Outcome:
        impl = ctx.impl()
        x, y = ("normal", {"mu": 1.0, "sigma": 1.0}), ("exponential", {"rate": 1.0})
        n, rng = ctx.scaled(6000), ctx.rng()
        total = impl.sample(*x, n, int(rng.integers(2**31))) + impl.sample(*y, n, int(rng.integers(2**31)))
        # one standard deviation above the mean: a probability that a wrong location or spread both move
        threshold = impl.mean(*x) + impl.mean(*y) + np.sqrt(impl.variance(*x) + impl.variance(*y))
        return proportion(ctx, int(np.sum(total <= threshold)), n, sum_probability(impl, x, y, threshold),
                          event="X + Y ≤ E[X + Y] + sd(X + Y) for X ∼ N(1, 1), Y ∼ Exp(1) drawn by impl.sample")

    return proof_then_implementation(ctx, proof, implementation)
