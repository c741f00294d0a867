"""Bayesian deep learning: Bayes' rule, Gaussian priors as weight decay, MCMC (documents 000, 002-004).

Posterior identities are proved with SymPy; detailed balance and the Metropolis–Hastings kernel are checked
exactly (rational arithmetic) on small discrete chains; the leapfrog integrator is checked for volume
preservation, time reversibility and an O(ε²) energy error with an explicit constant; the samplers of the
implementation under test (``impls.bayes``, or Pyro's HMC through ``--impl``) are checked by exact tests on
independent chains started in the target, whose final states are i.i.d. draws of the target exactly when the
kernel leaves it invariant.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.bayes import BayesImpl
from theorems.engine import Boundary, ImplementationError, Topic, as_array


def kernel(result: Any, target: np.ndarray, proposal: np.ndarray) -> np.ndarray:
    """A transition matrix over the target's states."""
    k = len(target)
    return as_array(result, what="the transition matrix", shape=(k, k))


def chain_states(result: Any, target: np.ndarray, proposal: np.ndarray, start: int, uniforms: np.ndarray
                 ) -> np.ndarray:
    """The chain's T + 1 states, each a state index of the target."""
    states = as_array(result, what="the chain's states", shape=(len(uniforms) + 1,))
    if not np.all((states == np.round(states)) & (states >= 0) & (states < len(target))):
        raise ImplementationError(f"the chain's states {states.tolist()} are not all among the {len(target)} states")
    return states.astype(int)


def phase_point(result: Any, grad: Any, theta: np.ndarray, v: np.ndarray, *args: Any) -> tuple[np.ndarray, ...]:
    """(θ, v) of the shapes given."""
    if not isinstance(result, tuple) or len(result) != 2:
        raise ImplementationError(f"leapfrog should return (theta, v), got {type(result).__name__}")
    return (as_array(result[0], what="theta", shape=np.shape(theta)), as_array(result[1], what="v", shape=np.shape(v)))


def positions(result: Any, energy: Any, grad: Any, theta: np.ndarray, step: float, n_leapfrog: int,
              momenta: np.ndarray, uniforms: np.ndarray) -> np.ndarray:
    """The T + 1 HMC states θ_0, ..., θ_T."""
    return as_array(result, what="the HMC states", shape=(len(uniforms) + 1, *np.shape(theta)))


def weights(result: Any, energies: np.ndarray) -> np.ndarray:
    return as_array(result, what="the ensemble weights", shape=np.shape(energies), finite=False)


def coefficients(result: Any, X: np.ndarray, *args: Any) -> np.ndarray:
    return as_array(result, what="the MAP weights", shape=(np.shape(X)[1],))


TOPIC = Topic(
    "bayes",
    "Bayesian inference and MCMC",
    summary="Bayes' rule, Gaussian priors as weight decay and the MAP as ridge regression, posterior ensembles and "
            "predictive, Gaussian generative classifiers, detailed balance and Metropolis–Hastings, Hamiltonian "
            "dynamics, leapfrog and HMC, underdamped Langevin dynamics.",
    sections=("posterior", "classifier", "mcmc", "dynamics", "langevin"),
    boundary=Boundary(
        BayesImpl,
        reference="impls.bayes:Bayes",
        outputs={"mh_kernel": kernel, "mh_chain": chain_states, "leapfrog": phase_point, "hmc_transitions": positions,
                 "ensemble_weights": weights, "map_estimate": coefficients},
    ),
    libraries=("pyro-ppl",),
)

NEAL = "Neal (2011), MCMC using Hamiltonian dynamics, Handbook of MCMC ch. 5"
HASTINGS = "Hastings (1970), Monte Carlo sampling methods using Markov chains and their applications"
BISHOP = "Bishop (2006), Pattern recognition and machine learning, §3.3 and §4.2"
