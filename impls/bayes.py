"""Bayesian computation: Metropolis–Hastings, the leapfrog integrator and HMC, ensemble weights, the MAP.

:class:`BayesImpl` is what the ``bayes`` topic checks; :class:`Bayes` is the NumPy float64 reference.
Conventions: ``target`` is a probability vector π over states 0..k-1; ``proposal[i, j]`` is the proposal
probability Π̃(j | i) of moving from i to j (rows sum to 1); a kernel ``P[i, j]`` is the probability of the
transition i → j. Energies E(θ) are negative log densities up to a constant; the mass matrix is the identity.

The samplers take their random stream explicitly (uniforms in [0, 1), standard normal momenta), so that a check can
replay their transitions step by step; drawing the stream from ``numpy.random.default_rng(seed)`` with
:func:`mh_stream` and :func:`hmc_stream` gives a seeded chain.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import numpy as np

Gradient = Callable[[np.ndarray], np.ndarray]
Energy = Callable[[np.ndarray], float]


class BayesImpl(Protocol):
    def mh_kernel(self, target: np.ndarray, proposal: np.ndarray) -> np.ndarray:
        """The Metropolis–Hastings transition matrix P[i, j] (i → j) for the target π and the proposal
        Π̃: P[i, j] = Π̃(j|i) min{1, π_j Π̃(i|j) / (π_i Π̃(j|i))} for j ≠ i, the rejected mass on P[i, i]."""
        ...

    def mh_chain(self, target: np.ndarray, proposal: np.ndarray, start: int, uniforms: np.ndarray) -> np.ndarray:
        """The states x_0 = ``start``, x_1, ..., x_T of a Metropolis–Hastings chain driven by the T × 2 ``uniforms``:
        at step t the proposed state is the smallest j with u_{t,0} < Σ_{i ≤ j} Π̃(i | x_t) (inverse CDF), accepted
        iff u_{t,1} < min{1, π_j Π̃(x_t | j) / (π_{x_t} Π̃(j | x_t))}."""
        ...

    def leapfrog(self, grad: Gradient, theta: np.ndarray, v: np.ndarray, step: float,
                 n_steps: int) -> tuple[np.ndarray, np.ndarray]:
        """``n_steps`` leapfrog steps (half kick, drift, half kick) of θ̇ = v, v̇ = -∇E(θ)."""
        ...

    def hmc_transitions(self, energy: Energy, grad: Gradient, theta: np.ndarray, step: float, n_leapfrog: int,
                        momenta: np.ndarray, uniforms: np.ndarray) -> np.ndarray:
        """The states θ_0 = ``theta``, θ_1, ..., θ_T of T HMC transitions: transition t starts from v = ``momenta[t]``
        (T × d, standard normal draws), runs ``n_leapfrog`` leapfrog steps to (θ', v') and accepts θ' iff
        log u_t < H(θ_t, v) - H(θ', v') with H = E(θ) + |v|²/2 and u_t = ``uniforms[t]``."""
        ...

    def ensemble_weights(self, energies: np.ndarray) -> np.ndarray:
        """Posterior weights exp(-E_i) / Σ_j exp(-E_j) of candidate parameters with energies E_i."""
        ...

    def map_estimate(self, X: np.ndarray, y: np.ndarray, noise_var: float, prior_var: float) -> np.ndarray:
        """The MAP weights of y = Xw + N(0, γ² I), w ~ N(0, σ² I): the minimiser of
        |y - Xw|²/(2γ²) + |w|²/(2σ²), i.e. ridge regression with λ = γ²/σ²."""
        ...


class Bayes:
    """The NumPy float64 reference."""

    def mh_kernel(self, target: np.ndarray, proposal: np.ndarray) -> np.ndarray:
        pi, q = np.asarray(target, dtype=float), np.asarray(proposal, dtype=float)
        forward = pi[:, None] * q
        with np.errstate(divide="ignore", invalid="ignore"):
            accept = np.where(forward > 0, np.minimum(1.0, forward.T / forward), 0.0)
        kernel = q * accept
        np.fill_diagonal(kernel, 0.0)
        np.fill_diagonal(kernel, 1.0 - kernel.sum(axis=1))
        return kernel

    def mh_chain(self, target: np.ndarray, proposal: np.ndarray, start: int, uniforms: np.ndarray) -> np.ndarray:
        pi, q = np.asarray(target, dtype=float), np.asarray(proposal, dtype=float)
        states = [int(start)]
        for pick, test in np.asarray(uniforms, dtype=float):
            state = states[-1]
            new = min(int(np.searchsorted(np.cumsum(q[state]), pick, side="right")), len(pi) - 1)
            ratio = pi[new] * q[new, state] / (pi[state] * q[state, new])
            states.append(new if test < ratio else state)
        return np.array(states)

    def leapfrog(self, grad: Gradient, theta: np.ndarray, v: np.ndarray, step: float,
                 n_steps: int) -> tuple[np.ndarray, np.ndarray]:
        theta, v = np.array(theta, dtype=float), np.array(v, dtype=float)
        for _ in range(n_steps):
            v = v - step / 2 * grad(theta)
            theta = theta + step * v
            v = v - step / 2 * grad(theta)
        return theta, v

    def hmc_transitions(self, energy: Energy, grad: Gradient, theta: np.ndarray, step: float, n_leapfrog: int,
                        momenta: np.ndarray, uniforms: np.ndarray) -> np.ndarray:
        states = [np.array(theta, dtype=float)]
        for v, u in zip(np.asarray(momenta, dtype=float), np.asarray(uniforms, dtype=float), strict=True):
            theta = states[-1]
            new, w = self.leapfrog(grad, theta, v, step, n_leapfrog)
            gain = energy(theta) + v @ v / 2 - energy(new) - w @ w / 2
            states.append(new if np.log(u) < gain else theta)
        return np.array(states)

    def ensemble_weights(self, energies: np.ndarray) -> np.ndarray:
        e = np.asarray(energies, dtype=float)
        w = np.exp(-(e - e.min()))
        return w / w.sum()

    def map_estimate(self, X: np.ndarray, y: np.ndarray, noise_var: float, prior_var: float) -> np.ndarray:
        X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
        lam = noise_var / prior_var
        return np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y)


def mh_stream(rng: np.random.Generator, steps: int) -> np.ndarray:
    """The ``steps`` × 2 uniforms that drive :meth:`BayesImpl.mh_chain` for ``steps`` transitions."""
    return rng.random((steps, 2))


def hmc_stream(rng: np.random.Generator, transitions: int, dimension: int) -> tuple[np.ndarray, np.ndarray]:
    """The momenta (``transitions`` × ``dimension``) and uniforms that drive :meth:`BayesImpl.hmc_transitions`."""
    return rng.standard_normal((transitions, dimension)), rng.random(transitions)
