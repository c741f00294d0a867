"""Densities and masses of the named families, the distribution function, scaling and convolution.

A printed density or mass is a formula in the variable and the family's parameters. What makes it
the density of the named family is proved with SymPy: it has total mass 1, and the mean and variance
that the parameters name. The implementation under test is then compared with the proved formula:
its ``logpdf`` at generated points and its ``mean`` and ``variance``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy
from hypothesis import strategies as st
from scipy import stats

from impls.probability import Params
from theorems.engine import Context, Formula, Outcome, Printed, all_of, identity, proportion, symbolic

from . import TOPIC
from .numerics import proof_then_implementation
from .strategies import FAMILIES, covariances, vectors

x = sympy.Symbol("x", real=True)
k = sympy.Symbol("k", integer=True, nonnegative=True)
mu = sympy.Symbol("mu", real=True)
sigma, rate, p = sympy.symbols("sigma rate p", positive=True)
BINOMIAL_SIZES = range(1, 9)
"""The binomial mass is proved for each of these n (SymPy has no closed form of the binomial theorem's sum)."""

CASELLA_BERGER = "Casella & Berger (2002), Statistical inference, §3.2–3.3"


@dataclass(frozen=True)
class Family:
    """A named family: its parameters (SymPy symbols named as the protocol's keys), how an expectation
    under a stated density or mass is computed exactly, and the mean and variance its parameters name."""

    name: str
    parameters: tuple[Any, ...]
    expectation: Callable[[Formula, Callable[[Any, dict[str, Any]], Any]], Any]
    mean: Callable[[dict[str, Any]], Any]
    variance: Callable[[dict[str, Any]], Any]
    points: Callable[[Params], np.ndarray]
    """Points at which the implementation's ``logpdf`` is compared with the formula."""


def _integral(lower: Any) -> Callable[[Formula, Callable[[Any, dict[str, Any]], Any]], Any]:
    def expectation(form: Formula, g: Callable[[Any, dict[str, Any]], Any]) -> Any:
        return sympy.integrate(sympy.expand(g(x, {}) * form(x)), (x, lower, sympy.oo))

    return expectation


def _series(form: Formula, g: Callable[[Any, dict[str, Any]], Any]) -> Any:
    return sympy.summation(sympy.expand(g(k, {}) * form(k)), (k, 0, sympy.oo))


def _two_points(form: Formula, g: Callable[[Any, dict[str, Any]], Any]) -> Any:
    return sum(g(v, {}) * form(v) for v in (sympy.Integer(0), sympy.Integer(1)))


def binomial_weights() -> dict[int, Any]:
    """A fresh symbol w_n per proved size: Σ_n w_n a_n = Σ_n w_n b_n for all w iff a_n = b_n for every n."""
    return {n: sympy.Symbol(f"w_{n}") for n in BINOMIAL_SIZES}


def _binomial(form: Formula, g: Callable[[Any, dict[str, Any]], Any]) -> Any:
    return sum(w * sum(g(j, {"n": n}) * form(j, n=n) for j in range(n + 1)) for n, w in binomial_weights().items())


def _weighted(value: Callable[[int], Any]) -> Any:
    return sum(w * value(n) for n, w in binomial_weights().items())


FAMILY = {
    "normal": Family("normal", (mu, sigma), _integral(-sympy.oo), lambda _: mu, lambda _: sigma**2,
                     lambda q: q["mu"] + q["sigma"] * np.linspace(-8, 8, 33)),
    "exponential": Family("exponential", (rate,), _integral(0), lambda _: 1 / rate, lambda _: 1 / rate**2,
                          lambda q: np.linspace(0, 30 / q["rate"], 31)),
    "bernoulli": Family("bernoulli", (p,), _two_points, lambda _: p, lambda _: p * (1 - p),
                        lambda q: np.array([0.0, 1.0])),
    "binomial": Family("binomial", (p,), _binomial, lambda q: q["n"] * p, lambda q: q["n"] * p * (1 - p),
                       lambda q: np.arange(0.0, q["n"] + 1)),
    "poisson": Family("poisson", (rate,), _series, lambda _: rate, lambda _: rate,
                      lambda q: np.arange(0.0, np.ceil(q["rate"] + 10 * np.sqrt(q["rate"]) + 10))),
}


def is_the_family(ctx: Context, family: Family, form: Formula) -> Outcome:
    """SymPy: the stated density or mass has total mass 1 and the family's mean and variance."""
    if family.name == "binomial":
        one, mean, variance = (lambda _: 1), (lambda n: n * p), (lambda n: n * p * (1 - p))
        stated = (_weighted(one), _weighted(mean), _weighted(variance))
        sizes = f" (weighted over n = {BINOMIAL_SIZES.start}…{BINOMIAL_SIZES.stop - 1})"
    else:
        stated = (sympy.Integer(1), family.mean({}), family.variance({}))
        sizes = ""
    centred = lambda v, q: (v - family.mean(q)) ** 2  # noqa: E731 - the second moment about the stated mean
    return all_of({
        "total mass": symbolic(ctx, (f"Σ or ∫ of the stated form{sizes}", family.expectation(form, lambda v, q: 1)),
                               ("1", stated[0])),
        "mean": symbolic(ctx, (f"E[X] under the stated form{sizes}", family.expectation(form, lambda v, q: v)),
                         ("the family's mean", stated[1])),
        "variance": symbolic(ctx, (f"E[(X - EX)²] under the stated form{sizes}", family.expectation(form, centred)),
                             ("the family's variance", stated[2])),
    })


def numeric(form: Formula, family: Family, params: Params, points: np.ndarray) -> np.ndarray:
    """The stated form evaluated in float64 at ``points`` for these parameter values."""
    values = {s: params[str(s)] for s in family.parameters}
    if family.name == "binomial":
        return np.array([float(form(sympy.Integer(int(v)), n=int(params["n"])).subs(values)) for v in points])
    variable = k if family.name in ("poisson",) else x
    evaluate = sympy.lambdify([variable, *family.parameters], form(variable), modules=["scipy", "numpy"])
    return np.asarray(evaluate(points, *(params[str(s)] for s in family.parameters)), dtype=float)


def implementation_matches(ctx: Context, family: Family, form: Formula) -> Outcome:
    """The implementation's ``logpdf``, ``mean`` and ``variance`` against the proved form and moments."""
    impl = ctx.impl()
    cases = FAMILIES[family.name]

    def density(params: Params) -> tuple[np.ndarray, np.ndarray]:
        points = family.points(params)
        with np.errstate(divide="ignore", over="ignore"):
            return impl.logpdf(family.name, params, points), np.log(numeric(form, family, params, points))

    def moments(params: Params) -> tuple[list[float], list[float]]:
        values = {s: params[str(s)] for s in family.parameters}
        proved = [family.mean(params), family.variance(params)]
        return ([impl.mean(family.name, params), impl.variance(family.name, params)],
                [float(sympy.sympify(v).subs(values)) for v in proved])

    return all_of({
        "log-density": identity(ctx, cases, lambda q: density(q)[0], lambda q: density(q)[1],
                                label=f"impl.logpdf({family.name}) = log of the stated form", rtol=1e-9,
                                max_examples=10),
        "moments": identity(ctx, cases, lambda q: moments(q)[0], lambda q: moments(q)[1],
                            label=f"impl.mean, impl.variance ({family.name}) = the proved moments", rtol=1e-9,
                            max_examples=10),
    })


def density_check(ctx: Context, name: str, form: Formula) -> Outcome:
    """The shared body of the family claims: the proof, then the implementation against it."""
    family = FAMILY[name]
    return proof_then_implementation(ctx, is_the_family(ctx, family, form),
                                     lambda: implementation_matches(ctx, family, form))


NORMAL = Formula(r"\frac{e^{-(x-\mu)^2/(2\sigma^2)}}{\sqrt{2\pi\sigma^2}}",
                 lambda v: sympy.exp(-(v - mu) ** 2 / (2 * sigma**2)) / sympy.sqrt(2 * sympy.pi * sigma**2))


@TOPIC.claim(
    "probability.normal_pdf",
    method="sympy",
    canonical=NORMAL,
    printed={"001": Printed(NORMAL, reading="Labelled 'Standard normal' but printed with general μ, σ²: read as the "
                                            "density of N(μ, σ²), which is what the formula is.")},
    references=(CASELLA_BERGER,),
)
def normal_pdf(ctx: Context, density: Formula) -> Outcome:
    """The density of the normal distribution.

    p(x | μ, σ²) = exp(-(x-μ)²/(2σ²))/√(2πσ²) has total mass 1, mean μ and variance σ² (SymPy); the
    implementation's normal ``logpdf`` (up to 8σ from the mean), ``mean`` and ``variance`` agree with it.
    """
    return density_check(ctx, "normal", density)


EXPONENTIAL = Formula(r"\lambda e^{-\lambda x}\ (x \ge 0)", lambda v: rate * sympy.exp(-rate * v))


@TOPIC.claim(
    "probability.exponential_pdf",
    method="sympy",
    canonical=EXPONENTIAL,
    printed={"001": Printed(EXPONENTIAL, reading="The support x ≥ 0 is not printed; read on [0, ∞), where λe^{-λx} "
                                                 "is a density (on ℝ its integral diverges).")},
    references=(CASELLA_BERGER,),
)
def exponential_pdf(ctx: Context, density: Formula) -> Outcome:
    """The density of the exponential distribution.

    p(x | λ) = λe^{-λx} on x ≥ 0 has total mass 1, mean 1/λ and variance 1/λ² (SymPy); the
    implementation's exponential ``logpdf``, ``mean`` and ``variance`` agree with it.
    """
    return density_check(ctx, "exponential", density)


BERNOULLI = Formula(r"p^x(1-p)^{1-x}", lambda v: p**v * (1 - p) ** (1 - v))


@TOPIC.claim("probability.bernoulli_pmf", method="sympy", canonical=BERNOULLI, faithful=("001",),
             references=(CASELLA_BERGER,))
def bernoulli_pmf(ctx: Context, mass: Formula) -> Outcome:
    """The mass function of the Bernoulli distribution.

    p(x | p) = p^x (1-p)^{1-x} on x ∈ {0, 1} has total mass 1, mean p and variance p(1-p) (SymPy); the
    implementation's Bernoulli ``logpdf``, ``mean`` and ``variance`` agree with it.
    """
    return density_check(ctx, "bernoulli", mass)


BINOMIAL = Formula(r"\binom{n}{x}p^x(1-p)^{n-x}", lambda v, n: sympy.binomial(n, v) * p**v * (1 - p) ** (n - v))


@TOPIC.claim("probability.binomial_pmf", method="sympy", canonical=BINOMIAL, faithful=("001",),
             references=(CASELLA_BERGER,))
def binomial_pmf(ctx: Context, mass: Formula) -> Outcome:
    """The mass function of the binomial distribution.

    p(x | n, p) = C(n, x) p^x (1-p)^{n-x} on x ∈ {0, …, n} has total mass 1, mean np and variance
    np(1-p): proved exactly in p for each n = 1…8; the implementation's binomial ``logpdf`` (n ≤ 40),
    ``mean`` and ``variance`` agree with it.
    """
    return density_check(ctx, "binomial", mass)


POISSON = Formula(r"\frac{\lambda^x e^{-\lambda}}{x!}", lambda v: rate**v * sympy.exp(-rate) / sympy.factorial(v))


@TOPIC.claim("probability.poisson_pmf", method="sympy", canonical=POISSON, faithful=("001",),
             references=(CASELLA_BERGER,))
def poisson_pmf(ctx: Context, mass: Formula) -> Outcome:
    """The mass function of the Poisson distribution.

    p(x | λ) = λ^x e^{-λ}/x! on x ∈ ℕ has total mass 1, mean λ and variance λ (SymPy series); the
    implementation's Poisson ``logpdf`` (up to λ + 10√λ + 10), ``mean`` and ``variance`` agree with it.
    """
    return density_check(ctx, "poisson", mass)


l11, l22 = sympy.symbols("l_11 l_22", positive=True)
l21 = sympy.Symbol("l_21", real=True)
FACTOR = sympy.Matrix([[l11, 0], [l21, l22]])
MEAN = sympy.Matrix(sympy.symbols("m_1 m_2", real=True))
Z = sympy.Matrix(sympy.symbols("z_1 z_2", real=True))


def standard_normal_density(values: sympy.Matrix) -> Any:
    """Π_i φ(z_i), the density of independent standard normals."""
    return sympy.Mul(*(sympy.exp(-v**2 / 2) / sympy.sqrt(2 * sympy.pi) for v in values))


MULTIVARIATE = Formula(
    r"\frac{1}{\sqrt{(2\pi)^d\det\Sigma}}\exp\left(-\tfrac12(x-\mu)^T\Sigma^{-1}(x-\mu)\right)",
    lambda quadratic, det, d: sympy.exp(-quadratic / 2) / sympy.sqrt((2 * sympy.pi) ** d * det),
)
MULTIVARIATE_001 = Formula(
    r"\frac{1}{(2\pi)^{k/2}\det(\Sigma)^{1/2}}\exp\left(-\tfrac12(x-\mu)^T\Sigma^{-1}(x-\mu)\right)",
    lambda quadratic, det, d: sympy.exp(-quadratic / 2) / ((2 * sympy.pi) ** sympy.Rational(d, 2) * sympy.sqrt(det)),
)
SAMPLED_DIMENSION = 3
"""The dimension of the sampled Gaussian in the level-set test."""


def mvn_change_of_variables(ctx: Context, density: Formula) -> Outcome:
    """SymPy, d = 2: the stated density at x = μ + Lz, times |det L|, is the standard normal density of z,
    so it is the density of μ + LZ ~ N(μ, LLᵀ), for every lower-triangular L with a positive diagonal."""
    cov = FACTOR * FACTOR.T
    shifted = FACTOR * Z
    quadratic = (shifted.T * cov.inv() * shifted)[0, 0]
    return symbolic(ctx, ("p(μ + Lz; μ, LLᵀ) · det L", density(sympy.simplify(quadratic), cov.det(), 2) * FACTOR.det()),
                    ("φ(z₁)φ(z₂)", standard_normal_density(Z)))


def mvn_implementation(ctx: Context, density: Formula) -> Outcome:
    """``mvn_logpdf`` against the log of the proved form, and ``mvn_sample`` against its level sets: the
    stated density is a decreasing function of q = (x-μ)ᵀΣ⁻¹(x-μ), and under N(μ, Σ) q ~ χ²_d, so half
    of the draws have q below the χ²_d median (an exact binomial test)."""
    impl = ctx.impl()
    dim = SAMPLED_DIMENSION
    cases = st.tuples(vectors(dim), covariances(dim), st.lists(vectors(dim, 6.0), min_size=1, max_size=4))

    def stated(case: tuple[np.ndarray, np.ndarray, list[np.ndarray]]) -> np.ndarray:
        mean, cov, points = case
        det = float(np.linalg.det(cov))
        return np.array([float(sympy.log(density(float((v - mean) @ np.linalg.solve(cov, v - mean)), det, dim)))
                         for v in points])

    rng = ctx.rng()
    mean, cov = rng.uniform(-3, 3, dim), (lambda m: m @ m.T + np.eye(dim) / 2)(rng.uniform(-2, 2, (dim, dim)))
    n = ctx.scaled(2000)
    draws = impl.mvn_sample(mean, cov, n, int(rng.integers(2**31)))
    quadratic = np.einsum("ij,ij->i", draws - mean, np.linalg.solve(cov, (draws - mean).T).T)
    below = int(np.sum(quadratic <= stats.chi2.median(dim)))
    return all_of({
        "log-density": identity(ctx, cases, lambda c: impl.mvn_logpdf(c[0], c[1], np.array(c[2])), stated,
                                label="impl.mvn_logpdf = log of the stated density", rtol=1e-9, max_examples=10),
        "sample": proportion(ctx, below, n, 0.5, event=f"(x-μ)ᵀΣ⁻¹(x-μ) ≤ χ²_{dim} median for x ∼ impl.mvn_sample"),
    })


@TOPIC.claim(
    "probability.multivariate_normal_density",
    method="sympy",
    canonical=MULTIVARIATE,
    faithful=("002", "003", "004"),
    printed={"001": Printed(MULTIVARIATE_001, reading="(2π)^{k/2} det(Σ)^{1/2} in the normaliser, with k the "
                                                     "dimension: the same as √((2π)^d det Σ).")},
    references=(CASELLA_BERGER,),
)
def multivariate_normal_density(ctx: Context, density: Formula) -> Outcome:
    """The density of the multivariate normal distribution.

    N(x; μ, Σ) = (2π)^{-d/2} det(Σ)^{-1/2} exp(-½(x-μ)ᵀΣ⁻¹(x-μ)) is the density of μ + LZ, Z standard
    normal and Σ = LLᵀ (a change of variables proved with SymPy in d = 2); the implementation's
    ``mvn_logpdf`` agrees with it in d = 3, and its ``mvn_sample`` puts half of its draws inside the
    density's level set of χ²₃-median (exact binomial test at the check's level).
    """
    return proof_then_implementation(ctx, mvn_change_of_variables(ctx, density),
                                     lambda: mvn_implementation(ctx, density))
