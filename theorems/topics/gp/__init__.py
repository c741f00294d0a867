"""Gaussian processes (documents 000, 002, 003, 004): kernels, the NNGP limit of wide networks, and
Bayesian regression in weight space and in function space.

Kernels are checked to give positive semi-definite Gram matrices on generated points (closed under
sums, products and the infinite-width limits); the NNGP kernels of ReLU and erf units, the linear
kernel and Neal's limit are checked by calibrated Monte-Carlo tests on random networks; the posterior
formulas are checked against the Gaussian-conditioning definitions (orthogonality of the residual)
and against the implementation under test (``impls.gp``, or scikit-learn's
``GaussianProcessRegressor`` with fixed kernels through ``--impl``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.gp import GaussianProcessImpl
from theorems.engine import Boundary, ImplementationError, Topic, as_array


def gram(result: Any, X: np.ndarray, Z: np.ndarray, *args: Any) -> np.ndarray:
    """A Gram matrix of the rows of ``X`` against the rows of ``Z``."""
    return as_array(result, what="the Gram matrix", shape=(len(X), len(Z)))


def expectation(result: Any, K: np.ndarray) -> np.ndarray:
    """E[φ(fᵢ)φ(fⱼ)] for f ~ N(0, K): a matrix of the shape of ``K``."""
    return as_array(result, what="the kernel expectation", shape=np.shape(K))


def posterior(result: Any, X: np.ndarray, y: np.ndarray, X_star: np.ndarray, *args: Any,
              **kwargs: Any) -> tuple[np.ndarray, np.ndarray]:
    """The latent posterior at ``X_star``: a mean and a variance vector, one entry per test input."""
    if not isinstance(result, tuple) or len(result) != 2:
        raise ImplementationError(f"gp_posterior should return (mean, variance), got {type(result).__name__}")
    m = len(X_star)
    return (as_array(result[0], what="the posterior mean", shape=(m,)),
            as_array(result[1], what="the posterior variance", shape=(m,)))


def weights(result: Any, X: np.ndarray, *args: Any) -> tuple[np.ndarray, np.ndarray]:
    """The weight posterior: a mean ``(d,)`` and a covariance ``(d, d)``."""
    if not isinstance(result, tuple) or len(result) != 2:
        raise ImplementationError(f"blr_posterior should return (mean, cov), got {type(result).__name__}")
    d = np.shape(X)[1]
    return (as_array(result[0], what="the posterior mean", shape=(d,)),
            as_array(result[1], what="the posterior covariance", shape=(d, d)))


TOPIC = Topic(
    "gp",
    "Gaussian processes",
    summary="PSD kernels, the linear, arc-cosine (ReLU) and erf NNGP kernels and Neal's infinite-width limit "
            "by calibrated Monte-Carlo on random networks, GP and Bayesian linear regression posteriors checked "
            "against Gaussian conditioning and scikit-learn's GaussianProcessRegressor.",
    sections=("kernels", "networks", "regression", "weights"),
    boundary=Boundary(
        GaussianProcessImpl,
        reference="impls.gp:GaussianProcess",
        outputs={"linear_kernel": gram, "rbf_kernel": gram, "relu_expectation": expectation,
                 "erf_expectation": expectation, "gp_posterior": posterior, "blr_posterior": weights},
    ),
    libraries=("scikit-learn", "gpytorch"),
)

RASMUSSEN = "Rasmussen & Williams (2006), Gaussian processes for machine learning, §2.1-2.2"
NEAL = "Neal (1996), Bayesian learning for neural networks, ch. 2"
CHO_SAUL = "Cho & Saul (2009), Kernel methods for deep learning (arc-cosine kernels)"
WILLIAMS = "Williams (1997), Computing with infinite networks (the erf kernel)"
LEE = "Lee et al. (2018), Deep neural networks as Gaussian processes"
