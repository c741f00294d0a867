"""PyTorch's activations through the :class:`~impls.activations.ActivationsImpl` protocol (float64).

Values come from ``torch`` / ``torch.nn.functional``; every derivative and Jacobian comes from
``torch.autograd`` applied to that function, so what is checked is what backpropagation uses::

    theorems check activations --impl impls.adapters.torch_activations:TorchActivations
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import torch
import torch.nn.functional as F

Activation = Callable[[torch.Tensor], torch.Tensor]


def _tensor(z: np.ndarray, *, grad: bool = False) -> torch.Tensor:
    return torch.tensor(np.asarray(z, dtype=np.float64), dtype=torch.float64, requires_grad=grad)


def _values(f: Activation, z: np.ndarray) -> np.ndarray:
    with torch.no_grad():
        return f(_tensor(z)).numpy()


def _derivative(f: Activation, z: np.ndarray, order: int = 1) -> np.ndarray:
    """The ``order``-th element-wise derivative of ``f`` at ``z``, by autograd."""
    x = _tensor(z, grad=True)
    y = f(x)
    for _ in range(order):
        (y,) = torch.autograd.grad(y.sum(), x, create_graph=True)
    return y.detach().numpy()


def _jacobian(f: Activation, z: np.ndarray) -> np.ndarray:
    return torch.autograd.functional.jacobian(f, _tensor(z)).numpy()


def _softmax(z: torch.Tensor) -> torch.Tensor:
    return F.softmax(z, dim=-1)


class TorchActivations:
    """``torch.sigmoid``, ``torch.tanh``, ``F.softmax``, ``F.relu``, ``F.softplus``, ``F.elu``, ``F.gelu``."""

    def sigmoid(self, z: np.ndarray) -> np.ndarray:
        return _values(torch.sigmoid, z)

    def sigmoid_derivative(self, z: np.ndarray) -> np.ndarray:
        return _derivative(torch.sigmoid, z)

    def sigmoid_second_derivative(self, z: np.ndarray) -> np.ndarray:
        return _derivative(torch.sigmoid, z, order=2)

    def sigmoid_jacobian(self, x: np.ndarray) -> np.ndarray:
        return _jacobian(torch.sigmoid, x)

    def logit(self, t: np.ndarray) -> np.ndarray:
        return _values(torch.logit, t)

    def tanh(self, z: np.ndarray) -> np.ndarray:
        return _values(torch.tanh, z)

    def tanh_derivative(self, z: np.ndarray) -> np.ndarray:
        return _derivative(torch.tanh, z)

    def softmax(self, z: np.ndarray) -> np.ndarray:
        return _values(_softmax, z)

    def softmax_jacobian(self, z: np.ndarray) -> np.ndarray:
        return _jacobian(_softmax, z)

    def relu(self, z: np.ndarray) -> np.ndarray:
        return _values(F.relu, z)

    def relu_derivative(self, z: np.ndarray) -> np.ndarray:
        return _derivative(F.relu, z)

    def abs_derivative(self, z: np.ndarray) -> np.ndarray:
        return _derivative(torch.abs, z)

    def softplus(self, z: np.ndarray) -> np.ndarray:
        return _values(F.softplus, z)

    def elu(self, z: np.ndarray) -> np.ndarray:
        return _values(F.elu, z)

    def gelu(self, z: np.ndarray) -> np.ndarray:
        return _values(F.gelu, z)
