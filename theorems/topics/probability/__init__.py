"""Probability and statistics: the identities, densities and inequalities the course documents use.

Each section module gathers the claims about one subject: ``gaussians`` (KL divergences of
Gaussians), ``rules`` (sum, product and chain rules, Bayes, conditional independence, Markov chains,
in exact rational arithmetic), ``moments`` (variance and covariance algebra, SymPy), ``densities``
(the densities and masses of the named families), ``transforms`` (F' = f, scaling, convolution) and ``mgfs``
(moment generating functions).

Claims about a family's density, distribution function, moments or samples check an implementation
of :class:`impls.probability.ProbabilityImpl` (the NumPy reference, or ``scipy.stats`` and
``torch.distributions`` through ``--impl``). The boundary checks only the shape of what a method
returns, and that moments and samples are finite; a log-density may be ``-inf`` off the support.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.probability import ProbabilityImpl
from theorems.engine import Boundary, Topic, as_array


def pointwise(result: Any, family: str, params: dict[str, float], x: np.ndarray) -> np.ndarray:
    """A log-density or distribution function at each point of ``x``: a float array of its shape."""
    return as_array(result, what="the values at x", shape=np.shape(x), finite=False)


def moment(result: Any, family: str, params: dict[str, float]) -> float:
    """A mean or variance: one finite float."""
    return float(as_array(result, what="the moment", shape=()))


def draws(result: Any, family: str, params: dict[str, float], n: int, seed: int) -> np.ndarray:
    """``n`` finite draws of one variable."""
    return as_array(result, what="the sample", shape=(n,))


def mvn_pointwise(result: Any, mean: np.ndarray, cov: np.ndarray, x: np.ndarray) -> np.ndarray:
    """A multivariate log-density at each row of ``x``: one finite float per row."""
    return as_array(result, what="the log-densities", shape=(np.atleast_2d(x).shape[0],))


def mvn_draws(result: Any, mean: np.ndarray, cov: np.ndarray, n: int, seed: int) -> np.ndarray:
    """``n`` finite draws of a vector of the mean's dimension."""
    return as_array(result, what="the sample", shape=(n, len(mean)))


TOPIC = Topic(
    "probability",
    "Probability and statistics",
    summary="Identities, densities and inequalities of probability: rules of discrete probability in exact "
            "arithmetic, moment algebra and MGFs derived with SymPy (sympy.stats), the densities of the named "
            "families checked against NumPy, scipy.stats and torch.distributions.",
    sections=(
        "gaussians",
        "rules",
        "moments",
        "densities",
        "transforms",
        "mgfs",
        "inequalities",
        "gaussian_blocks",
    ),
    boundary=Boundary(
        ProbabilityImpl,
        reference="impls.probability:Distributions",
        outputs={"logpdf": pointwise, "cdf": pointwise, "mean": moment, "variance": moment, "sample": draws,
                 "mvn_logpdf": mvn_pointwise, "mvn_sample": mvn_draws},
    ),
    libraries=("scipy", "torch"),
)
