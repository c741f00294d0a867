"""``torch.distributions`` through the :class:`~impls.probability.ProbabilityImpl` protocol (float64)::

    theorems check probability --impl impls.adapters.torch_probability:TorchDistributions

Each family is the ``torch.distributions`` class of the same name (``Exponential(rate)``,
``Gamma(concentration=shape, rate=1/scale)``, ``Poisson(rate)``); ``logpdf`` is ``log_prob``.
PyTorch has no ``cdf`` for its discrete families, so the adapter sums ``exp(log_prob)`` over the
support up to ``x``: what is checked there is PyTorch's mass function. A point off the support is
passed through ``validate_args=False`` (PyTorch otherwise raises), so its value is PyTorch's own.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import distributions as D

from impls.probability import DISCRETE, Params


def _t(x: object) -> torch.Tensor:
    return torch.as_tensor(np.asarray(x, dtype=np.float64), dtype=torch.float64)


def distribution(family: str, params: Params) -> D.Distribution:
    """The ``torch.distributions`` object of a named family, in float64, without argument validation."""
    return {
        "normal": lambda: D.Normal(_t(params["mu"]), _t(params["sigma"]), validate_args=False),
        "exponential": lambda: D.Exponential(_t(params["rate"]), validate_args=False),
        "gamma": lambda: D.Gamma(_t(params["shape"]), 1 / _t(params["scale"]), validate_args=False),
        "bernoulli": lambda: D.Bernoulli(probs=_t(params["p"]), validate_args=False),
        "binomial": lambda: D.Binomial(int(params["n"]), probs=_t(params["p"]), validate_args=False),
        "poisson": lambda: D.Poisson(_t(params["rate"]), validate_args=False),
    }[family]()


class TorchDistributions:
    """``Normal``, ``Exponential``, ``Gamma``, ``Bernoulli``, ``Binomial``, ``Poisson``, ``MultivariateNormal``."""

    def logpdf(self, family: str, params: Params, x: np.ndarray) -> np.ndarray:
        return distribution(family, params).log_prob(_t(x)).numpy()

    def cdf(self, family: str, params: Params, x: np.ndarray) -> np.ndarray:
        if family not in DISCRETE:
            return distribution(family, params).cdf(_t(x)).numpy()
        x = np.asarray(x, dtype=np.float64)
        support = np.arange(0, max(np.floor(np.max(x, initial=0.0)), 0) + 1)
        cumulative = np.cumsum(np.exp(self.logpdf(family, params, support)))
        index = np.clip(np.floor(x), -1, len(support) - 1).astype(int)
        return np.where(index >= 0, cumulative[np.maximum(index, 0)], 0.0)

    def mean(self, family: str, params: Params) -> float:
        return float(distribution(family, params).mean)

    def variance(self, family: str, params: Params) -> float:
        return float(distribution(family, params).variance)

    def sample(self, family: str, params: Params, n: int, seed: int) -> np.ndarray:
        with torch.random.fork_rng():  # torch.distributions draw from the global generator
            torch.manual_seed(seed)
            return distribution(family, params).sample((n,)).numpy()

    def mvn_logpdf(self, mean: np.ndarray, cov: np.ndarray, x: np.ndarray) -> np.ndarray:
        return D.MultivariateNormal(_t(mean), _t(cov)).log_prob(_t(np.atleast_2d(x))).numpy()

    def mvn_sample(self, mean: np.ndarray, cov: np.ndarray, n: int, seed: int) -> np.ndarray:
        with torch.random.fork_rng():
            torch.manual_seed(seed)
            return D.MultivariateNormal(_t(mean), _t(cov)).sample((n,)).numpy()
