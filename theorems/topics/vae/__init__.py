"""Variational autoencoders: the ELBO and its gap, the reparameterisation trick, Bonnet's and Price's
gradient identities, the Gaussian KL, hierarchical ELBOs, and the linear autoencoder's landscape.

Every ELBO claim is checked on the linear-Gaussian model z ~ N(0, I), x | z ~ N(W z + c, s I), whose
marginal N(c, W Wᵀ + s I) and posterior are Gaussian in closed form, so that log p(x), the ELBO and
the KL to the posterior are exact numbers and no Monte-Carlo error enters a bound. Identities about
Gaussian expectations of polynomials are proved with SymPy (moments from the moment generating
function); those about other functions are calibrated Monte-Carlo tests on the implementation's
draws. The implementation under test (``impls.vae``, or ``torch.distributions`` through ``--impl``)
supplies the KL divergences, the reconstruction term, the reparameterised draws and their gradients.

The boundary checks the shapes of what each method returns.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.vae import VAEImpl
from theorems.engine import Boundary, ImplementationError, Topic, as_array


def scalar(result: Any, *_: Any) -> float:
    """A KL divergence or an expected log-likelihood: one finite number."""
    return float(as_array(result, what="the scalar result", shape=()))


def draws(result: Any, mu: np.ndarray, scale: np.ndarray, n: int, seed: int) -> np.ndarray:
    """``n`` draws of a Gaussian on R^d: an (n, d) array."""
    return as_array(result, what="rsample", shape=(n, len(mu)))


def gradient_pair(result: Any, mu: np.ndarray, *_: Any) -> tuple[np.ndarray, np.ndarray]:
    """The gradients with respect to the mean (d,) and to the scale (d, d)."""
    if not isinstance(result, tuple | list) or len(result) != 2:
        raise ImplementationError(f"rsample_gradient should return (gradient in mu, gradient in scale), "
                                  f"got {result!r:.200}")
    d = len(mu)
    return (as_array(result[0], what="the gradient in mu", shape=(d,)),
            as_array(result[1], what="the gradient in the scale", shape=(d, d)))


TOPIC = Topic(
    "vae",
    "Variational autoencoders",
    summary="ELBO and its gap on the exact linear-Gaussian model, reparameterisation (draws and gradients), "
            "Bonnet's and Price's identities, the Gaussian KL, hierarchical ELBO, linear-autoencoder landscape; "
            "proved with SymPy and checked against NumPy and torch.distributions.",
    sections=("gaussians", "gradients", "elbo", "hierarchical", "autoencoder"),
    boundary=Boundary(
        VAEImpl,
        reference="impls.vae:VAE",
        outputs={"diagonal_kl": scalar, "kl_divergence": scalar, "expected_log_likelihood": scalar,
                 "rsample": draws, "rsample_gradient": gradient_pair},
    ),
    libraries=("torch",),
)

KINGMA = "Kingma & Welling (2014), Auto-encoding variational Bayes"
REZENDE = ("Rezende, Mohamed & Wierstra (2014), Stochastic backpropagation and approximate inference in deep "
           "generative models")
OPPER = "Opper & Archambeau (2009), The variational Gaussian approximation revisited (Bonnet's and Price's theorems)"
BALDI = ("Baldi & Hornik (1989), Neural networks and principal component analysis: learning from examples "
         "without local minima")
SONDERBY = "Sønderby et al. (2016), Ladder variational autoencoders"
