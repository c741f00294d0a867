"""Bayesian computation: Metropolis–Hastings, the leapfrog integrator and HMC, ensemble weights, the MAP.

:class:`BayesImpl` is what the ``bayes`` topic checks; :class:`Bayes` is the NumPy float64 reference.
Conventions: ``target`` is a probability vector π over states 0..k-1; ``proposal[i, j]`` is the proposal
probability Π̃(j | i) of moving from i to j (rows sum to 1); a kernel ``P[i, j]`` is the probability of the
transition i → j. Energies E(θ) are negative log densities up to a constant; the mass matrix is the identity.
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

    def mh_chain(self, target: np.ndarray, proposal: np.ndarray, start: int, steps: int, seed: int) -> int:
        """The state of a Metropolis–Hastings chain after ``steps`` transitions from ``start``."""
        ...

    def leapfrog(self, grad: Gradient, theta: np.ndarray, v: np.ndarray, step: float,
                 n_steps: int) -> tuple[np.ndarray, np.ndarray]:
        """``n_steps`` leapfrog steps (half kick, drift, half kick) of θ̇ = v, v̇ = -∇E(θ)."""
        ...

    def hmc_transitions(self, energy: Energy, grad: Gradient, theta: np.ndarray, step: float, n_leapfrog: int,
                        n_transitions: int, seed: int) -> np.ndarray:
        """The state after ``n_transitions`` HMC transitions (fresh v ~ N(0, I), ``n_leapfrog`` leapfrog
        steps, Metropolis accept/reject on H = E(θ) + |v|²/2) from ``theta``."""
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

    def mh_chain(self, target: np.ndarray, proposal: np.ndarray, start: int, steps: int, seed: int) -> int:
        pi, q = np.asarray(target, dtype=float), np.asarray(proposal, dtype=float)
        rng = np.random.default_rng(seed)
        state = int(start)
        for _ in range(steps):
            new = int(rng.choice(len(pi), p=q[state]))
            ratio = pi[new] * q[new, state] / (pi[state] * q[state, new])
            if rng.random() < ratio:
                state = new
        return state

    def leapfrog(self, grad: Gradient, theta: np.ndarray, v: np.ndarray, step: float,
                 n_steps: int) -> tuple[np.ndarray, np.ndarray]:
        theta, v = np.array(theta, dtype=float), np.array(v, dtype=float)
        for _ in range(n_steps):
            v = v - step / 2 * grad(theta)
            theta = theta + step * v
            v = v - step / 2 * grad(theta)
        return theta, v

    def hmc_transitions(self, energy: Energy, grad: Gradient, theta: np.ndarray, step: float, n_leapfrog: int,
                        n_transitions: int, seed: int) -> np.ndarray:
        rng = np.random.default_rng(seed)
        theta = np.array(theta, dtype=float)
        for _ in range(n_transitions):
            v = rng.standard_normal(theta.shape)
            new, w = self.leapfrog(grad, theta, v, step, n_leapfrog)
            gain = energy(theta) + v @ v / 2 - energy(new) - w @ w / 2
            if np.log(rng.random()) < gain:
                theta = new
        return theta

    def ensemble_weights(self, energies: np.ndarray) -> np.ndarray:
        e = np.asarray(energies, dtype=float)
        w = np.exp(-(e - e.min()))
        return w / w.sum()

    def map_estimate(self, X: np.ndarray, y: np.ndarray, noise_var: float, prior_var: float) -> np.ndarray:
        X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
        lam = noise_var / prior_var
        return np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y)
