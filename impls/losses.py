"""Loss functions of documents 000, 001 and 003 and their gradients, as float64 NumPy functions.

Logits ``z`` are float64 arrays; labels are ``y ∈ {0, 1}`` (binary cross-entropy), ``y ∈ {-1, +1}``
(logistic loss) or a class index (softmax cross-entropy). Gradients are taken with respect to the
parameters of a linear model (``θ`` for the logit ``θ·x``, ``Θ`` for the logits ``Θx``) or to the
student's logits (distillation), as backpropagation computes them. Every loss is in nats.

Any implementation with the :class:`LossesImpl` protocol can be checked::

    theorems check losses --impl mypackage.module:MyLosses
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np
from scipy.special import log_softmax, logsumexp, softmax

from impls.activations import Activations


@runtime_checkable
class LossesImpl(Protocol):
    """What a library of losses under test provides (float64 in, float64 out)."""

    def binary_cross_entropy(self, z: np.ndarray, y: np.ndarray) -> np.ndarray:
        """-y log σ(z) - (1 - y) log(1 - σ(z)), element-wise, for labels y ∈ {0, 1}."""
        ...

    def binary_cross_entropy_gradient(self, theta: np.ndarray, x: np.ndarray, y: int) -> np.ndarray:
        """∇_θ of the binary cross-entropy of the logit θ·x against y ∈ {0, 1} (the shape of θ)."""
        ...

    def logistic_loss(self, z: np.ndarray, y: np.ndarray) -> np.ndarray:
        """-log σ(yz), element-wise, for labels y ∈ {-1, +1}."""
        ...

    def logistic_loss_gradient(self, theta: np.ndarray, x: np.ndarray, y: int) -> np.ndarray:
        """∇_θ of the logistic loss of the logit θ·x against y ∈ {-1, +1} (the shape of θ)."""
        ...

    def cross_entropy(self, z: np.ndarray, y: int) -> float:
        """-log softmax(z)_y for a vector of logits z and a class index y."""
        ...

    def softmax_regression_gradient(self, theta: np.ndarray, x: np.ndarray, y: int) -> np.ndarray:
        """∇_Θ of the cross-entropy of the logits Θx (Θ is k × n) against the class y: a k × n matrix."""
        ...

    def soft_cross_entropy(self, z: np.ndarray, p: np.ndarray) -> float:
        """-Σⱼ pⱼ log softmax(z)ⱼ for logits z and a target probability vector p."""
        ...

    def distillation_loss(self, teacher: np.ndarray, student: np.ndarray, temperature: float) -> float:
        """The tempered cross-entropy -Σ_y softmax(F/T)_y log softmax(G/T)_y (teacher F, student G)."""
        ...

    def distillation_gradient(self, teacher: np.ndarray, student: np.ndarray, temperature: float) -> np.ndarray:
        """∂/∂G of :meth:`distillation_loss` (a vector of the student's length)."""
        ...

    def gaussian_nll(self, y: np.ndarray, mean: np.ndarray, variance: float) -> float:
        """-log N(y; mean, variance · I), constant included (y and mean of one length d)."""
        ...

    def squared_loss(self, y: np.ndarray, v: np.ndarray) -> float:
        """½‖y - v‖², the squared loss with the ½ of the Gaussian log-likelihood."""
        ...


def _floats(a: np.ndarray) -> np.ndarray:
    return np.asarray(a, dtype=np.float64)


SIGMOID = Activations().sigmoid


class Losses:
    """The reference: every loss written so that no intermediate overflows in float64."""

    def binary_cross_entropy(self, z: np.ndarray, y: np.ndarray) -> np.ndarray:
        z, y = _floats(z), _floats(y)
        return np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))  # exp of a non-positive number

    def binary_cross_entropy_gradient(self, theta: np.ndarray, x: np.ndarray, y: int) -> np.ndarray:
        x = _floats(x)
        return (SIGMOID(_floats(theta) @ x) - y) * x

    def logistic_loss(self, z: np.ndarray, y: np.ndarray) -> np.ndarray:
        return np.logaddexp(0.0, -_floats(y) * _floats(z))

    def logistic_loss_gradient(self, theta: np.ndarray, x: np.ndarray, y: int) -> np.ndarray:
        x = _floats(x)
        return -SIGMOID(-y * (_floats(theta) @ x)) * y * x

    def cross_entropy(self, z: np.ndarray, y: int) -> float:
        z = _floats(z)
        return float(logsumexp(z) - z[y])

    def softmax_regression_gradient(self, theta: np.ndarray, x: np.ndarray, y: int) -> np.ndarray:
        x = _floats(x)
        residual = softmax(_floats(theta) @ x)
        residual[y] -= 1.0
        return np.outer(residual, x)

    def soft_cross_entropy(self, z: np.ndarray, p: np.ndarray) -> float:
        return float(-np.sum(_floats(p) * log_softmax(_floats(z))))

    def distillation_loss(self, teacher: np.ndarray, student: np.ndarray, temperature: float) -> float:
        return self.soft_cross_entropy(_floats(student) / temperature, softmax(_floats(teacher) / temperature))

    def distillation_gradient(self, teacher: np.ndarray, student: np.ndarray, temperature: float) -> np.ndarray:
        return (softmax(_floats(student) / temperature) - softmax(_floats(teacher) / temperature)) / temperature

    def gaussian_nll(self, y: np.ndarray, mean: np.ndarray, variance: float) -> float:
        r = _floats(y) - _floats(mean)
        return float(np.sum(r * r) / (2 * variance) + r.size / 2 * np.log(2 * np.pi * variance))

    def squared_loss(self, y: np.ndarray, v: np.ndarray) -> float:
        r = _floats(y) - _floats(v)
        return float(np.sum(r * r) / 2)
