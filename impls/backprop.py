"""Backpropagation through a multilayer perceptron (documents 000, 001, 003), in float64 NumPy.

The network has ``L`` layers ``x^l = φ(W^l x^{l-1} + b^l)``, ``l = 1 … L``, the same activation φ in
every layer, input ``x^0``. Inputs come as a batch: ``x`` has one example per row (``B × n_0``),
and so does every activation ``x^l`` (``B × n_l``). The loss of one example is the squared error
``ℓ = ‖x^L - y‖²``; the loss of a batch is its mean over the examples.

Quantities of the backward pass, per example (one row per example):

* the errors ``∂ℓ/∂x^l`` (``l = 0 … L``), the gradient with respect to the layer's output;
* the deltas ``δ^l = ∂ℓ/∂u^l`` (``l = 1 … L``), the gradient with respect to its pre-activation
  ``u^l = W^l x^{l-1} + b^l``;

and of the batch loss: the gradients with respect to ``W^l`` (``n_l × n_{l-1}``) and ``b^l``.
ReLU's derivative at 0 is taken to be 0, as autograd frameworks take it.

Any implementation with the :class:`BackpropImpl` protocol can be checked::

    theorems check backprop --impl mypackage.module:MyBackprop
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np

Array = np.ndarray


@dataclass(frozen=True)
class Network:
    """Weights ``W^1 … W^L`` (``W^l`` is ``n_l × n_{l-1}``), biases ``b^l`` and the activation's name
    (one of :data:`ACTIVATIONS`)."""

    weights: tuple[Array, ...]
    biases: tuple[Array, ...]
    activation: str

    @property
    def depth(self) -> int:
        return len(self.weights)

    @property
    def widths(self) -> tuple[int, ...]:
        """``n_0, n_1, …, n_L``."""
        return (self.weights[0].shape[1], *(w.shape[0] for w in self.weights))

    def layers(self, start: int, stop: int) -> Network:
        """The sub-network of layers ``start … stop`` (1-based, inclusive): ``F_{stop:start}``."""
        return Network(self.weights[start - 1:stop], self.biases[start - 1:stop], self.activation)


def _sigmoid(u: Array) -> Array:
    e = np.exp(-np.abs(u))
    return np.where(u >= 0, 1 / (1 + e), e / (1 + e))


ACTIVATIONS: dict[str, tuple[Callable[[Array], Array], Callable[[Array], Array]]] = {
    "tanh": (np.tanh, lambda u: 1 - np.tanh(u) ** 2),
    "sigmoid": (_sigmoid, lambda u: _sigmoid(u) * _sigmoid(-u)),
    "softplus": (lambda u: np.logaddexp(0.0, u), _sigmoid),
    "relu": (lambda u: np.maximum(u, 0.0), lambda u: (u > 0).astype(np.float64)),
    "identity": (lambda u: u, np.ones_like),
}
"""Each activation φ with its derivative φ', element-wise on float64 arrays."""


@runtime_checkable
class BackpropImpl(Protocol):
    """What a backpropagation under test provides (float64 in, float64 out; one row per example)."""

    def forward(self, net: Network, x: Array) -> list[Array]:
        """The activations ``x^0 = x, x^1, …, x^L``."""
        ...

    def errors(self, net: Network, x: Array, y: Array) -> list[Array]:
        """``∂ℓ/∂x^l`` for ``l = 0 … L``, one row per example."""
        ...

    def deltas(self, net: Network, x: Array, y: Array) -> list[Array]:
        """``δ^l = ∂ℓ/∂u^l`` for ``l = 1 … L``, one row per example."""
        ...

    def weight_gradients(self, net: Network, x: Array, y: Array) -> list[Array]:
        """``∂/∂W^l`` of the batch's mean loss, for ``l = 1 … L``."""
        ...

    def bias_gradients(self, net: Network, x: Array, y: Array) -> list[Array]:
        """``∂/∂b^l`` of the batch's mean loss, for ``l = 1 … L``."""
        ...

    def jacobian(self, net: Network, x: Array) -> Array:
        """The Jacobian ``∂x^L/∂x^0`` (``n_L × n_0``) at one input vector ``x``."""
        ...


@dataclass(frozen=True)
class Backward:
    """Everything one forward and one backward pass compute."""

    activations: list[Array]
    errors: list[Array]
    deltas: list[Array]


class Backprop:
    """The reference: an explicit forward pass, then the backward recursion
    ``δ^l = ∂ℓ/∂x^l ⊙ φ'(u^l)``, ``∂ℓ/∂x^{l-1} = δ^l W^l`` (row vectors) from ``∂ℓ/∂x^L = 2(x^L - y)``."""

    def forward(self, net: Network, x: Array) -> list[Array]:
        return self._forward(net, x)[0]

    def errors(self, net: Network, x: Array, y: Array) -> list[Array]:
        return self._backward(net, x, y).errors

    def deltas(self, net: Network, x: Array, y: Array) -> list[Array]:
        return self._backward(net, x, y).deltas

    def weight_gradients(self, net: Network, x: Array, y: Array) -> list[Array]:
        run = self._backward(net, x, y)
        return [d.T @ a / len(x) for d, a in zip(run.deltas, run.activations[:-1], strict=True)]

    def bias_gradients(self, net: Network, x: Array, y: Array) -> list[Array]:
        return [d.mean(axis=0) for d in self._backward(net, x, y).deltas]

    def jacobian(self, net: Network, x: Array) -> Array:
        _, pre = self._forward(net, np.asarray(x, dtype=np.float64)[None, :])
        slope = ACTIVATIONS[net.activation][1]
        jac = np.eye(net.widths[0])
        for w, u in zip(net.weights, pre, strict=True):
            jac = slope(u[0])[:, None] * w @ jac  # ∂F_l(z_{l-1}) = diag(φ'(u^l)) W^l, applied on the left
        return jac

    def _forward(self, net: Network, x: Array) -> tuple[list[Array], list[Array]]:
        """The activations ``x^0 … x^L`` and the pre-activations ``u^1 … u^L``."""
        phi = ACTIVATIONS[net.activation][0]
        activations, pre = [np.asarray(x, dtype=np.float64)], []
        for w, b in zip(net.weights, net.biases, strict=True):
            pre.append(activations[-1] @ w.T + b)
            activations.append(phi(pre[-1]))
        return activations, pre

    def _backward(self, net: Network, x: Array, y: Array) -> Backward:
        activations, pre = self._forward(net, x)
        slope = ACTIVATIONS[net.activation][1]
        errors = [2 * (activations[-1] - np.asarray(y, dtype=np.float64))]
        deltas: list[Array] = []
        for w, u in zip(reversed(net.weights), reversed(pre), strict=True):
            deltas.insert(0, errors[0] * slope(u))
            errors.insert(0, deltas[0] @ w)
        return Backward(activations, errors, deltas)

