"""Wrong probability formulas, each refuted by the claim it names."""

from __future__ import annotations

import numpy as np
import sympy
from scipy.special import gammaln

from impls.probability import Distributions, Params
from tests.mutants import Mutant
from theorems.engine import Formula
from theorems.topics.probability import densities as dens
from theorems.topics.probability import mgfs, moments
from theorems.topics.probability.gaussians import mu0, mu1, s0, s1, sigma, squared_distance
from theorems.topics.probability.moments import V, W, X, Y, a, b, c, d
from theorems.topics.probability.rules import backward, chain_product, forward, marginal

MUTANTS: list[Mutant] = [
    Mutant("probability.kl_univariate_gaussians", "½ dropped from the variance term",
           form=Formula("", lambda: sympy.log(s1 / s0) + (s0**2 + (mu0 - mu1) ** 2) / s1**2 - sympy.Rational(1, 2))),
    Mutant("probability.kl_gaussians_same_variance", "½ dropped",
           form=Formula("", lambda: squared_distance() / sigma**2)),
]


# --- wrong implementations of impls.probability.ProbabilityImpl ----------------------------------------------


class NormalWithoutTwoPi(Distributions):
    """The normal log-density without its -½ log 2π."""

    def logpdf(self, family: str, params: Params, x: np.ndarray) -> np.ndarray:
        shift = np.log(2 * np.pi) / 2 if family == "normal" else 0.0
        return super().logpdf(family, params, x) + shift


class ExponentialRateAsScale(Distributions):
    """The exponential density with the rate read as the scale: (1/λ) e^{-x/λ}."""

    def logpdf(self, family: str, params: Params, x: np.ndarray) -> np.ndarray:
        if family == "exponential":
            return super().logpdf(family, {"rate": 1 / params["rate"]}, x)
        return super().logpdf(family, params, x)


class SwappedBernoulli(Distributions):
    """Bernoulli masses swapped: P(X = 1) = 1 - p."""

    def logpdf(self, family: str, params: Params, x: np.ndarray) -> np.ndarray:
        if family == "bernoulli":
            return super().logpdf(family, params, 1 - np.asarray(x, dtype=float))
        return super().logpdf(family, params, x)


class BinomialWithoutChoose(Distributions):
    """The binomial mass without its C(n, x)."""

    def logpdf(self, family: str, params: Params, x: np.ndarray) -> np.ndarray:
        out = super().logpdf(family, params, x)
        if family == "binomial":
            n, x = params["n"], np.asarray(x, dtype=float)
            out = out - (gammaln(n + 1) - gammaln(x + 1) - gammaln(n - x + 1))
        return out


class PoissonFactorialOffByOne(Distributions):
    """The Poisson mass with (x - 1)! for x!."""

    def logpdf(self, family: str, params: Params, x: np.ndarray) -> np.ndarray:
        out = super().logpdf(family, params, x)
        return out + np.log(np.maximum(np.asarray(x, dtype=float), 1)) if family == "poisson" else out


class ExponentialMeanIsRate(Distributions):
    """The exponential mean returned as λ instead of 1/λ."""

    def mean(self, family: str, params: Params) -> float:
        return params["rate"] if family == "exponential" else super().mean(family, params)


class PoissonVarianceSquared(Distributions):
    """The Poisson variance returned as λ²."""

    def variance(self, family: str, params: Params) -> float:
        return params["rate"] ** 2 if family == "poisson" else super().variance(family, params)


class NormalCdfOfVariance(Distributions):
    """The normal distribution function standardised by σ² instead of σ."""

    def cdf(self, family: str, params: Params, x: np.ndarray) -> np.ndarray:
        if family == "normal":
            return super().cdf(family, {"mu": params["mu"], "sigma": params["sigma"] ** 2}, x)
        return super().cdf(family, params, x)


class GammaScaleAsRate(Distributions):
    """The gamma density with the scale read as a rate."""

    def logpdf(self, family: str, params: Params, x: np.ndarray) -> np.ndarray:
        if family == "gamma":
            return super().logpdf(family, {"shape": params["shape"], "scale": 1 / params["scale"]}, x)
        return super().logpdf(family, params, x)


class WideSamples(Distributions):
    """Samples with 1.3 times the spread about the mean."""

    def sample(self, family: str, params: Params, n: int, seed: int) -> np.ndarray:
        draws = super().sample(family, params, n, seed)
        return self.mean(family, params) + 1.3 * (draws - self.mean(family, params))


class MvnHalfLogDet(Distributions):
    """The multivariate normal log-density with log det Σ instead of ½ log det Σ."""

    def mvn_logpdf(self, mean: np.ndarray, cov: np.ndarray, x: np.ndarray) -> np.ndarray:
        return super().mvn_logpdf(mean, cov, x) - 0.5 * np.linalg.slogdet(np.asarray(cov, dtype=float))[1]


class MvnSampleWithCovariance(Distributions):
    """Multivariate normal draws μ + Σz (the covariance for its Cholesky factor)."""

    def mvn_sample(self, mean: np.ndarray, cov: np.ndarray, n: int, seed: int) -> np.ndarray:
        z = np.random.default_rng(seed).standard_normal((n, len(mean)))
        return np.asarray(mean) + z @ np.asarray(cov).T


HERE = "tests.mutants.probability"
x = sympy.Symbol("x", real=True)

MUTANTS += [
    # rules of discrete probability
    Mutant("probability.sum_rule", "marginal taken over the wrong axis",
           form=Formula("", lambda joint, i: joint[:, i].sum())),
    Mutant("probability.product_rule", "P(Y|X)P(Y)", form=Formula("", lambda y_given_x, x_: y_given_x)),
    Mutant("probability.bayes_rule", "no division by P(X)",
           form=(Formula("", lambda x_given_y, y, x_, *_: x_given_y * y),)),
    Mutant("probability.bayes_noisy_channel", "prior dropped from the score",
           form=Formula("", lambda s_given_t, t: s_given_t)),
    Mutant("probability.chain_rule_factorization", "last factor dropped",
           form=Formula("", lambda factors, index: chain_product(factors[:-1], index))),
    Mutant("probability.markov_forward_factorization", "initial marginal dropped",
           form=Formula("", lambda p, index: forward(p, index) / marginal(p, [0])[index[0]])),
    Mutant("probability.markov_backward_factorization", "forward marginal with backward kernels",
           form=Formula("", lambda p, index: backward(p, index) * marginal(p, [0])[index[0]]
                        / marginal(p, [p.ndim - 1])[index[-1]])),
    Mutant("probability.conditional_independence_factorization", "P(X|Z)² for P(X|Z)P(Y|Z)",
           form=Formula("", lambda x_given_z, y_given_z: x_given_z * x_given_z)),
    Mutant("probability.cond_indep_drop_conditioning", "P(X|Z)² for P(X|Z)",
           form=Formula("", lambda x_given_yz, x_given_z: x_given_z**2)),
    Mutant("probability.naive_bayes_factorization", "the printed ∏P(X_i) denominator",
           form=Formula("", lambda features, y, x_, marginals: features * y / np.prod(marginals))),
    # moments
    Mutant("probability.variance_shortcut", "E[X²] + E[X]²",
           form=Formula("", lambda values: moments.E([v**2 for v in values]) + moments.E(values) ** 2)),
    Mutant("probability.variance_shortcut", "impl: Poisson variance λ²", impl=f"{HERE}:PoissonVarianceSquared"),
    Mutant("probability.cov_self_is_variance", "E[XXᵀ] without the mean term",
           form=Formula("", lambda values: moments.expect([v * v.T for v in values]))),
    Mutant("probability.covariance_identity", "E[X]E[Y]ᵀ added",
           form=Formula("", lambda xs, ys: moments.expect([u * v.T for u, v in zip(xs, ys, strict=True)])
                        + moments.expect(xs) * moments.expect(ys).T)),
    Mutant("probability.covariance_bilinearity", "cross terms dropped",
           form=Formula("", lambda: a * c * moments.cov(X, W) + b * d * moments.cov(Y, V))),
    Mutant("probability.variance_affine_scalar", "a for a²", form=Formula("", lambda: a * moments.cov(X, X))),
    Mutant("probability.variance_linear_transform", "AᵀVar[X]A",
           form=Formula("", lambda matrix, var: matrix.T * var * matrix)),
    Mutant("probability.variance_of_weighted_sum", "covariance terms without the factor 2",
           form=Formula("", lambda cs, vs: moments.weighted_sum_variance(cs, vs)
                        - sum(cs[i] * cs[j] * moments.cov(vs[i], vs[j]) for i in range(3) for j in range(i + 1, 3)))),
    Mutant("probability.independent_implies_uncorrelated", "covariance 1", form=Formula("", lambda: sympy.Integer(1))),
    # densities
    Mutant("probability.normal_pdf", "σ for σ² under the square root",
           form=Formula("", lambda v: sympy.exp(-(v - dens.mu) ** 2 / (2 * dens.sigma**2))
                        / sympy.sqrt(2 * sympy.pi * dens.sigma))),
    Mutant("probability.normal_pdf", "impl: the normal log-density without -½ log 2π",
           impl=f"{HERE}:NormalWithoutTwoPi"),
    Mutant("probability.exponential_pdf", "e^{-λx} without the factor λ",
           form=Formula("", lambda v: sympy.exp(-dens.rate * v))),
    Mutant("probability.exponential_pdf", "impl: rate read as scale", impl=f"{HERE}:ExponentialRateAsScale"),
    Mutant("probability.exponential_pdf", "impl: mean λ", impl=f"{HERE}:ExponentialMeanIsRate"),
    Mutant("probability.bernoulli_pmf", "p^{1-x}(1-p)^x",
           form=Formula("", lambda v: dens.p ** (1 - v) * (1 - dens.p) ** v)),
    Mutant("probability.bernoulli_pmf", "impl: masses swapped", impl=f"{HERE}:SwappedBernoulli"),
    Mutant("probability.binomial_pmf", "C(n, x) dropped",
           form=Formula("", lambda v, n: dens.p**v * (1 - dens.p) ** (n - v))),
    Mutant("probability.binomial_pmf", "impl: C(n, x) dropped", impl=f"{HERE}:BinomialWithoutChoose"),
    Mutant("probability.poisson_pmf", "e^{λ} for e^{-λ}",
           form=Formula("", lambda v: dens.rate**v * sympy.exp(dens.rate) / sympy.factorial(v))),
    Mutant("probability.poisson_pmf", "impl: (x - 1)! for x!", impl=f"{HERE}:PoissonFactorialOffByOne"),
    Mutant("probability.multivariate_normal_density", "no square root on (2π)^d det Σ",
           form=Formula("", lambda q, det, dim: sympy.exp(-q / 2) / ((2 * sympy.pi) ** dim * det))),
    Mutant("probability.multivariate_normal_density", "impl: log det Σ not halved", impl=f"{HERE}:MvnHalfLogDet"),
    Mutant("probability.multivariate_normal_density", "impl: draws μ + Σz", impl=f"{HERE}:MvnSampleWithCovariance"),
    # transformed variables
    Mutant("probability.cdf_derivative_is_pdf", "F itself for its derivative",
           form=Formula("", lambda cdf, at: cdf(at))),
    Mutant("probability.cdf_derivative_is_pdf", "impl: normal cdf standardised by σ²",
           impl=f"{HERE}:NormalCdfOfVariance"),
    Mutant("probability.density_of_scaled_rv", "the printed 1/α (no absolute value)",
           form=Formula("", lambda density, at, alpha: density(at / alpha) / alpha)),
    Mutant("probability.density_of_scaled_rv", "impl: gamma scale read as a rate", impl=f"{HERE}:GammaScaleAsRate"),
    Mutant("probability.sum_density_convolution", "f_X(t) f_Y(z + t)",
           form=(Formula("", lambda f_x, f_y, at: sympy.integrate(f_x(x) * f_y(at + x), (x, -sympy.oo, sympy.oo))),)),
    Mutant("probability.sum_density_convolution", "impl: samples 1.3 times as spread", impl=f"{HERE}:WideSamples"),
    # moment generating functions
    Mutant("probability.mgf_gaussian", "½ dropped from the quadratic term",
           form=Formula("", lambda at, mean, cov: sympy.exp((at.T * mean)[0, 0] + (at.T * cov * at)[0, 0]))),
    Mutant("probability.mgf_bernoulli", "pe^t + p", form=Formula("", lambda at: dens.p * sympy.exp(at) + dens.p)),
    Mutant("probability.mgf_binomial", "exponent n dropped",
           form=Formula("", lambda at, n: dens.p * sympy.exp(at) + 1 - dens.p)),
    Mutant("probability.mgf_poisson", "e^{λe^t}", form=Formula("", lambda at: sympy.exp(dens.rate * sympy.exp(at)))),
    Mutant("probability.mgf_gamma", "the printed (1/(α - βt))^α",
           form=Formula("", lambda at: (1 / (mgfs.shape - mgfs.scale * at)) ** mgfs.shape)),
    Mutant("probability.mgf_gamma", "impl: gamma scale read as a rate", impl=f"{HERE}:GammaScaleAsRate"),
    Mutant("probability.mgf_sum_independent", "sum of the MGFs", form=Formula("", lambda m_x, m_y: m_x + m_y)),
    Mutant("probability.mgf_linear_combination_independent", "sum of the MGFs",
           form=Formula("", lambda ms: sympy.Add(*ms))),
]
