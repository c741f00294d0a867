"""Named probability distributions (documents 001, 002, 004), as float64 NumPy closed forms.

A family is named by a string and its parameters by a dict of floats:

==============  ============================  ==========================
family          parameters                    support
==============  ============================  ==========================
``normal``      ``mu``, ``sigma`` > 0         ℝ
``exponential`` ``rate`` > 0                  [0, ∞)
``gamma``       ``shape`` > 0, ``scale`` > 0  (0, ∞)
``bernoulli``   ``p`` ∈ [0, 1]                {0, 1}
``binomial``    ``n`` ∈ ℕ, ``p`` ∈ [0, 1]     {0, …, n}
``poisson``     ``rate`` > 0                  ℕ
==============  ============================  ==========================

``logpdf`` is the log-density (continuous families) or log-mass (discrete ones), ``-inf`` off the
support. The multivariate normal has its own methods. Any implementation with the
:class:`ProbabilityImpl` protocol can be checked::

    theorems check probability --impl mypackage.module:MyDistributions
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np
from scipy.special import gammainc, gammaln, ndtr, xlog1py, xlogy

Params = dict[str, float]

CONTINUOUS = ("normal", "exponential", "gamma")
DISCRETE = ("bernoulli", "binomial", "poisson")


@runtime_checkable
class ProbabilityImpl(Protocol):
    """What a library of distributions under test provides (float64 in, float64 out)."""

    def logpdf(self, family: str, params: Params, x: np.ndarray) -> np.ndarray:
        """Log-density (log-mass for a discrete family) at each point of ``x``."""
        ...

    def cdf(self, family: str, params: Params, x: np.ndarray) -> np.ndarray:
        """P(X ≤ x) at each point of ``x``."""
        ...

    def mean(self, family: str, params: Params) -> float: ...

    def variance(self, family: str, params: Params) -> float: ...

    def sample(self, family: str, params: Params, n: int, seed: int) -> np.ndarray:
        """``n`` i.i.d. draws, reproducible from ``seed``."""
        ...

    def mvn_logpdf(self, mean: np.ndarray, cov: np.ndarray, x: np.ndarray) -> np.ndarray:
        """Log-density of N(mean, cov) at each row of ``x`` (shape (m, d)); ``cov`` positive definite."""
        ...

    def mvn_sample(self, mean: np.ndarray, cov: np.ndarray, n: int, seed: int) -> np.ndarray:
        """``n`` i.i.d. draws of N(mean, cov), shape (n, d)."""
        ...


def _floats(x: np.ndarray) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)


class Distributions:
    """The reference: closed forms of the densities, masses, distribution functions and moments."""

    def logpdf(self, family: str, params: Params, x: np.ndarray) -> np.ndarray:
        x = _floats(x)
        with np.errstate(divide="ignore", invalid="ignore"):
            if family == "normal":
                mu, sigma = params["mu"], params["sigma"]
                return -((x - mu) / sigma) ** 2 / 2 - np.log(sigma) - np.log(2 * np.pi) / 2
            if family == "exponential":
                rate = params["rate"]
                return np.where(x >= 0, np.log(rate) - rate * x, -np.inf)
            if family == "gamma":
                k, theta = params["shape"], params["scale"]
                inside = xlogy(k - 1, x) - x / theta - gammaln(k) - k * np.log(theta)
                return np.where(x > 0, inside, -np.inf)
            integer = (x == np.floor(x)) & (x >= 0)
            if family == "bernoulli":
                p = params["p"]
                return np.where(integer & (x <= 1), xlogy(x, p) + xlog1py(1 - x, -p), -np.inf)
            if family == "binomial":
                n, p = params["n"], params["p"]
                log_choose = gammaln(n + 1) - gammaln(x + 1) - gammaln(n - x + 1)
                return np.where(integer & (x <= n), log_choose + xlogy(x, p) + xlog1py(n - x, -p), -np.inf)
            if family == "poisson":
                rate = params["rate"]
                return np.where(integer, xlogy(x, rate) - rate - gammaln(x + 1), -np.inf)
        raise ValueError(f"unknown family {family!r}")

    def cdf(self, family: str, params: Params, x: np.ndarray) -> np.ndarray:
        x = _floats(x)
        if family == "normal":
            return ndtr((x - params["mu"]) / params["sigma"])
        if family == "exponential":
            return np.where(x >= 0, -np.expm1(-params["rate"] * np.maximum(x, 0)), 0.0)
        if family == "gamma":
            return np.where(x > 0, gammainc(params["shape"], np.maximum(x, 0) / params["scale"]), 0.0)
        top = {"bernoulli": 1, "binomial": params.get("n", 0)}.get(family)
        upper = np.floor(np.max(x, initial=0.0)) if top is None else top
        support = np.arange(0, max(upper, 0) + 1)
        cumulative = np.cumsum(np.exp(self.logpdf(family, params, support)))
        index = np.clip(np.floor(x), -1, len(support) - 1).astype(int)
        return np.where(index >= 0, cumulative[np.maximum(index, 0)], 0.0)

    def mean(self, family: str, params: Params) -> float:
        return float({
            "normal": lambda: params["mu"],
            "exponential": lambda: 1 / params["rate"],
            "gamma": lambda: params["shape"] * params["scale"],
            "bernoulli": lambda: params["p"],
            "binomial": lambda: params["n"] * params["p"],
            "poisson": lambda: params["rate"],
        }[family]())

    def variance(self, family: str, params: Params) -> float:
        return float({
            "normal": lambda: params["sigma"] ** 2,
            "exponential": lambda: 1 / params["rate"] ** 2,
            "gamma": lambda: params["shape"] * params["scale"] ** 2,
            "bernoulli": lambda: params["p"] * (1 - params["p"]),
            "binomial": lambda: params["n"] * params["p"] * (1 - params["p"]),
            "poisson": lambda: params["rate"],
        }[family]())

    def sample(self, family: str, params: Params, n: int, seed: int) -> np.ndarray:
        rng = np.random.default_rng(seed)
        draw = {
            "normal": lambda: rng.normal(params["mu"], params["sigma"], n),
            "exponential": lambda: rng.exponential(1 / params["rate"], n),
            "gamma": lambda: rng.gamma(params["shape"], params["scale"], n),
            "bernoulli": lambda: rng.binomial(1, params["p"], n),
            "binomial": lambda: rng.binomial(int(params["n"]), params["p"], n),
            "poisson": lambda: rng.poisson(params["rate"], n),
        }[family]
        return _floats(draw())

    def mvn_logpdf(self, mean: np.ndarray, cov: np.ndarray, x: np.ndarray) -> np.ndarray:
        mean, cov, x = _floats(mean), _floats(cov), np.atleast_2d(_floats(x))
        factor = np.linalg.cholesky(cov)
        whitened = np.linalg.solve(factor, (x - mean).T)
        log_det = 2 * np.sum(np.log(np.diag(factor)))
        return -0.5 * np.sum(whitened**2, axis=0) - 0.5 * log_det - 0.5 * len(mean) * np.log(2 * np.pi)

    def mvn_sample(self, mean: np.ndarray, cov: np.ndarray, n: int, seed: int) -> np.ndarray:
        mean, cov = _floats(mean), _floats(cov)
        z = np.random.default_rng(seed).standard_normal((n, len(mean)))
        return mean + z @ np.linalg.cholesky(cov).T

