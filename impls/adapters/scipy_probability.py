"""SciPy's distributions through the :class:`~impls.probability.ProbabilityImpl` protocol::

    theorems check probability --impl impls.adapters.scipy_probability:ScipyDistributions

Each family is the frozen ``scipy.stats`` distribution of the same name (``expon`` with
``scale = 1/rate``, ``gamma`` with ``a = shape``, ``binom``, ``poisson`` with ``mu = rate``);
``logpdf`` is ``logpdf`` or ``logpmf``, moments are ``mean()`` and ``var()``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import stats

from impls.probability import DISCRETE, Params


def frozen(family: str, params: Params) -> Any:
    """The frozen ``scipy.stats`` distribution of a named family."""
    return {
        "normal": lambda: stats.norm(params["mu"], params["sigma"]),
        "exponential": lambda: stats.expon(scale=1 / params["rate"]),
        "gamma": lambda: stats.gamma(params["shape"], scale=params["scale"]),
        "bernoulli": lambda: stats.bernoulli(params["p"]),
        "binomial": lambda: stats.binom(int(params["n"]), params["p"]),
        "poisson": lambda: stats.poisson(params["rate"]),
    }[family]()


class ScipyDistributions:
    """``scipy.stats.norm``, ``expon``, ``gamma``, ``bernoulli``, ``binom``, ``poisson``, ``multivariate_normal``."""

    def logpdf(self, family: str, params: Params, x: np.ndarray) -> np.ndarray:
        dist = frozen(family, params)
        return np.asarray(dist.logpmf(x) if family in DISCRETE else dist.logpdf(x), dtype=float)

    def cdf(self, family: str, params: Params, x: np.ndarray) -> np.ndarray:
        return np.asarray(frozen(family, params).cdf(x), dtype=float)

    def mean(self, family: str, params: Params) -> float:
        return float(frozen(family, params).mean())

    def variance(self, family: str, params: Params) -> float:
        return float(frozen(family, params).var())

    def sample(self, family: str, params: Params, n: int, seed: int) -> np.ndarray:
        return np.asarray(frozen(family, params).rvs(size=n, random_state=seed), dtype=float)

    def mvn_logpdf(self, mean: np.ndarray, cov: np.ndarray, x: np.ndarray) -> np.ndarray:
        return np.atleast_1d(stats.multivariate_normal(mean, cov).logpdf(np.atleast_2d(x)))

    def mvn_sample(self, mean: np.ndarray, cov: np.ndarray, n: int, seed: int) -> np.ndarray:
        return np.atleast_2d(stats.multivariate_normal(mean, cov).rvs(size=n, random_state=seed)).reshape(n, -1)
