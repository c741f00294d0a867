"""Adversarial perturbations (documents 000, 001, 003): FGSM, PGD's step and projection, the exact minimal
ℓ2 perturbation of an affine classifier, and DeepFool, as float64 NumPy functions.

An ℓp order ``p`` is a float in (1, ∞] (``numpy.inf`` for ℓ∞); ``project`` and ``pgd_step`` take p = 2 or ∞.
An affine classifier is ``weights`` (k × d) and ``biases`` (k): its scores are ``weights @ x + biases`` and
its label the index of the largest score. Perturbations are returned as arrays of the shape of ``x``.

Any implementation with the :class:`AdversarialImpl` protocol can be checked::

    theorems check adversarial --impl mypackage.module:MyAttacks
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class AdversarialImpl(Protocol):
    """What a library of adversarial attacks under test provides (float64 in, float64 out)."""

    def fgsm(self, gradient: np.ndarray, eps: float) -> np.ndarray:
        """The fast gradient sign perturbation ε·sign(∇ₓℓ) for the loss gradient ``gradient``."""
        ...

    def steepest_ascent(self, z: np.ndarray, p: float) -> np.ndarray:
        """A maximiser of v·z over the unit ℓp ball (the zero vector when z = 0)."""
        ...

    def project(self, delta: np.ndarray, eps: float, p: float) -> np.ndarray:
        """The Euclidean projection of ``delta`` onto the ball ‖δ‖_p ≤ ε (p = 2 or ∞)."""
        ...

    def pgd_step(self, delta: np.ndarray, gradient: np.ndarray, eps: float, alpha: float, p: float) -> np.ndarray:
        """One projected gradient ascent step from the perturbation ``delta`` along the ℓp steepest-ascent
        direction of ``gradient``, with step size ``alpha``, projected onto the ε-ball (p = 2 or ∞)."""
        ...

    def minimal_perturbation(self, weights: np.ndarray, biases: np.ndarray, x: np.ndarray) -> np.ndarray:
        """The smallest ℓ2 perturbation r with x + r on the decision boundary of the affine classifier."""
        ...

    def deepfool(self, weights: np.ndarray, biases: np.ndarray, x: np.ndarray, p: float,
                 overshoot: float) -> np.ndarray:
        """DeepFool's total ℓp perturbation (1 + overshoot)·Σᵢ rᵢ that changes the affine classifier's label."""
        ...


def dual_order(p: float) -> float:
    """q with 1/p + 1/q = 1 (p in (1, ∞])."""
    return 1.0 if p == np.inf else p / (p - 1)


class Adversarial:
    """The reference: the closed forms, with |z| scaled to max 1 before powers so that nothing overflows."""

    max_iter = 50

    def fgsm(self, gradient: np.ndarray, eps: float) -> np.ndarray:
        return eps * np.sign(np.asarray(gradient, dtype=float))

    def steepest_ascent(self, z: np.ndarray, p: float) -> np.ndarray:
        z = np.asarray(z, dtype=float)
        largest = np.max(np.abs(z), initial=0.0)
        if p == np.inf or largest == 0:
            return np.sign(z)
        q = dual_order(p)
        scaled = np.abs(z) / largest
        return np.sign(z) * scaled ** (q - 1) / np.linalg.norm(scaled, q) ** (q - 1)

    def project(self, delta: np.ndarray, eps: float, p: float) -> np.ndarray:
        delta = np.asarray(delta, dtype=float)
        if p == np.inf:
            return np.clip(delta, -eps, eps)
        if p == 2:
            norm = np.linalg.norm(delta)
            return delta if norm <= eps else delta * (eps / norm)
        raise ValueError(f"the projection is implemented for p = 2 and p = inf, not p = {p}")

    def pgd_step(self, delta: np.ndarray, gradient: np.ndarray, eps: float, alpha: float, p: float) -> np.ndarray:
        return self.project(np.asarray(delta, dtype=float) + alpha * self.steepest_ascent(gradient, p), eps, p)

    def minimal_perturbation(self, weights: np.ndarray, biases: np.ndarray, x: np.ndarray) -> np.ndarray:
        return self._closest_step(np.asarray(weights, dtype=float), np.asarray(biases, dtype=float),
                                  np.asarray(x, dtype=float), 2.0)

    def deepfool(self, weights: np.ndarray, biases: np.ndarray, x: np.ndarray, p: float,
                 overshoot: float) -> np.ndarray:
        weights, biases, x = (np.asarray(a, dtype=float) for a in (weights, biases, x))
        label = int(np.argmax(weights @ x + biases))
        total = np.zeros_like(x)
        for _ in range(self.max_iter):
            current = x + (1 + overshoot) * total
            if int(np.argmax(weights @ current + biases)) != label:
                break
            total = total + self._closest_step(weights, biases, current, p, label)
        return (1 + overshoot) * total

    def _closest_step(self, weights: np.ndarray, biases: np.ndarray, x: np.ndarray, p: float,
                      label: int | None = None) -> np.ndarray:
        """The linearised step of DeepFool: rⱼ = |hⱼ|/‖∇hⱼ‖_q · v*(∇hⱼ) towards the class j whose boundary
        hⱼ = fⱼ - f_label = 0 is nearest in ℓp (for an affine classifier, exactly on that boundary)."""
        scores = weights @ x + biases
        label = int(np.argmax(scores)) if label is None else label
        others = [j for j in range(len(scores)) if j != label]
        gaps = np.abs(scores[others] - scores[label])
        normals = weights[others] - weights[label]
        norms = np.array([np.linalg.norm(a, dual_order(p)) for a in normals])
        j = int(np.argmin(gaps / norms))
        return gaps[j] / norms[j] * self.steepest_ascent(normals[j], p)
