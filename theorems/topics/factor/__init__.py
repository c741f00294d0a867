"""Linear factor analysis and probabilistic PCA: the marginal N(μ, WWᵀ + Ψ), the Gaussian posterior of the
latent (the stated form and its Woodbury form), rotation non-identifiability, the zero-noise limits (the
pseudo-inverse, PCA) and Tipping & Bishop's maximum-likelihood loadings of PPCA.

Identities of the model are proved with SymPy on symbolic loadings (Bayes' rule: the stated posterior mean
is where the gradient of log p(z, x) vanishes, the stated covariance inverts its Hessian); the implementation
under test (``impls.factor``, or scikit-learn's ``FactorAnalysis``/``PCA`` through ``--impl``) is compared
with the stated forms evaluated in exact rational arithmetic, on loadings and noise levels over four orders of
magnitude, with an allowance of the implementation's rounding times the condition number it amplifies. The
law of the generative process is tested exactly on whitened draws. Limits are checked with their exact rates
(from the SVD of W), so that a wrong limit cannot hide in a tolerance.

The boundary checks the shapes of what each method returns.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.factor import FactorImpl
from theorems.engine import Boundary, ImplementationError, Topic, as_array


def covariance(result: Any, W: np.ndarray, psi: np.ndarray) -> np.ndarray:
    """An n × n covariance."""
    return as_array(result, what="the marginal covariance", shape=(len(W), len(W)))


def log_densities(result: Any, X: np.ndarray, *_: Any) -> np.ndarray:
    """One log-density per row of X."""
    return as_array(result, what="the log-likelihoods", shape=(len(X),))


def posterior_pair(result: Any, X: np.ndarray, mu: np.ndarray, W: np.ndarray,
                   psi: np.ndarray) -> tuple[np.ndarray, ...]:
    """The posterior means (N, m) and covariance (m, m)."""
    if not isinstance(result, tuple | list) or len(result) != 2:
        raise ImplementationError(f"posterior should return (means, covariance), got {result!r:.200}")
    m = W.shape[1]
    return (as_array(result[0], what="the posterior means", shape=(len(X), m)),
            as_array(result[1], what="the posterior covariance", shape=(m, m)))


def fitted_parameters(result: Any, X: np.ndarray, q: int, isotropic: bool) -> tuple[np.ndarray, ...]:
    """The fitted mean (n,), loadings (n, q) and noise variances (n,), the latter non-negative."""
    if not isinstance(result, tuple | list) or len(result) != 3:
        raise ImplementationError(f"fit should return (mu, W, psi), got {result!r:.200}")
    n = X.shape[1]
    psi = as_array(result[2], what="the fitted noise variances", shape=(n,))
    if np.any(psi < 0):
        raise ImplementationError(f"the fitted noise variances are negative: {psi}")
    return (as_array(result[0], what="the fitted mean", shape=(n,)),
            as_array(result[1], what="the fitted loadings", shape=(n, q)), psi)


TOPIC = Topic(
    "factor",
    "Factor analysis and probabilistic PCA",
    summary="Marginal and posterior of the linear-Gaussian factor model (SymPy and exact rational arithmetic), "
            "rotation non-identifiability, the zero-noise limits with their exact rates, and Tipping & Bishop's "
            "PPCA loadings; checked against NumPy and scikit-learn's FactorAnalysis and PCA.",
    sections=("model", "posterior", "ppca"),
    boundary=Boundary(
        FactorImpl,
        reference="impls.factor:FactorAnalysis",
        outputs={"marginal_covariance": covariance, "log_likelihood": log_densities, "posterior": posterior_pair,
                 "fit": fitted_parameters},
    ),
    libraries=("scikit-learn",),
)

TIPPING_BISHOP = "Tipping & Bishop (1999), Probabilistic principal component analysis, JRSS B 61(3)"
RUBIN_THAYER = "Rubin & Thayer (1982), EM algorithms for ML factor analysis, Psychometrika 47"
BISHOP = "Bishop (2006), Pattern Recognition and Machine Learning, §12.2 (PPCA) and §2.3.3 (linear Gaussian models)"
