"""Activation functions and their derivatives (documents 000, 001, 002, 003), as float64 NumPy functions.

Every method takes a float64 array of any shape and works element-wise, except ``softmax`` and the
Jacobians, which take one vector of logits (or inputs) and return a vector (or a square matrix).
A derivative at a kink (ReLU and |z| at 0) is one subgradient of the implementation's choice.

Any implementation with the :class:`ActivationsImpl` protocol can be checked::

    theorems check activations --impl mypackage.module:MyActivations
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np
from scipy.special import erfc


@runtime_checkable
class ActivationsImpl(Protocol):
    """What a library of activation functions under test provides (float64 in, float64 out)."""

    def sigmoid(self, z: np.ndarray) -> np.ndarray: ...

    def sigmoid_derivative(self, z: np.ndarray) -> np.ndarray: ...

    def sigmoid_second_derivative(self, z: np.ndarray) -> np.ndarray: ...

    def sigmoid_jacobian(self, x: np.ndarray) -> np.ndarray: ...

    def logit(self, t: np.ndarray) -> np.ndarray: ...

    def tanh(self, z: np.ndarray) -> np.ndarray: ...

    def tanh_derivative(self, z: np.ndarray) -> np.ndarray: ...

    def softmax(self, z: np.ndarray) -> np.ndarray: ...

    def softmax_jacobian(self, z: np.ndarray) -> np.ndarray: ...

    def relu(self, z: np.ndarray) -> np.ndarray: ...

    def relu_derivative(self, z: np.ndarray) -> np.ndarray: ...

    def abs_derivative(self, z: np.ndarray) -> np.ndarray: ...

    def softplus(self, z: np.ndarray) -> np.ndarray: ...

    def elu(self, z: np.ndarray) -> np.ndarray: ...

    def gelu(self, z: np.ndarray) -> np.ndarray: ...


def _floats(z: np.ndarray) -> np.ndarray:
    return np.asarray(z, dtype=np.float64)


class Activations:
    """The reference: closed forms written so that no intermediate overflows in float64."""

    def sigmoid(self, z: np.ndarray) -> np.ndarray:
        z = _floats(z)
        e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
        return np.where(z >= 0, 1 / (1 + e), e / (1 + e))

    def sigmoid_derivative(self, z: np.ndarray) -> np.ndarray:
        z = _floats(z)
        return self.sigmoid(z) * self.sigmoid(-z)  # σ(z)σ(-z): no cancellation in 1 - σ(z) for large z

    def sigmoid_second_derivative(self, z: np.ndarray) -> np.ndarray:
        z = _floats(z)
        return self.sigmoid_derivative(z) * (self.sigmoid(-z) - self.sigmoid(z))

    def sigmoid_jacobian(self, x: np.ndarray) -> np.ndarray:
        return np.diag(self.sigmoid_derivative(x))

    def logit(self, t: np.ndarray) -> np.ndarray:
        t = _floats(t)
        return np.log(t) - np.log1p(-t)

    def tanh(self, z: np.ndarray) -> np.ndarray:
        return np.tanh(_floats(z))

    def tanh_derivative(self, z: np.ndarray) -> np.ndarray:
        return 1 - np.tanh(_floats(z)) ** 2

    def softmax(self, z: np.ndarray) -> np.ndarray:
        z = _floats(z)
        e = np.exp(z - np.max(z))  # the largest logit becomes 0: exp never overflows
        return e / np.sum(e)

    def softmax_jacobian(self, z: np.ndarray) -> np.ndarray:
        s = self.softmax(z)
        return np.diag(s) - np.outer(s, s)

    def relu(self, z: np.ndarray) -> np.ndarray:
        return np.maximum(_floats(z), 0.0)

    def relu_derivative(self, z: np.ndarray) -> np.ndarray:
        return (_floats(z) > 0).astype(np.float64)  # the subgradient 0 at the kink, as autograd frameworks

    def abs_derivative(self, z: np.ndarray) -> np.ndarray:
        return np.sign(_floats(z))  # the subgradient 0 at the kink

    def softplus(self, z: np.ndarray) -> np.ndarray:
        return np.logaddexp(0.0, _floats(z))

    def elu(self, z: np.ndarray) -> np.ndarray:
        z = _floats(z)
        return np.where(z >= 0, z, np.expm1(np.minimum(z, 0.0)))

    def gelu(self, z: np.ndarray) -> np.ndarray:
        z = _floats(z)
        return z * erfc(-z / np.sqrt(2)) / 2  # z Φ(z), Φ(z) = erfc(-z/√2)/2 keeps its tail for z < 0
