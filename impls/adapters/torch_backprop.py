"""The backward pass of PyTorch's autograd through the :class:`~impls.backprop.BackpropImpl` protocol.

The network is built from ``torch.nn.functional.linear`` and torch's activations in float64; the
errors ``∂ℓ/∂x^l`` and deltas ``∂ℓ/∂u^l`` are the gradients autograd leaves on the retained
intermediate tensors, the parameter gradients those it leaves on the leaves, and the Jacobian
comes from ``torch.autograd.functional.jacobian``::

    theorems check backprop --impl impls.adapters.torch_backprop:TorchBackprop
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import torch
import torch.nn.functional as F

from impls.backprop import Network

ACTIVATIONS: dict[str, Callable[[torch.Tensor], torch.Tensor]] = {
    "tanh": torch.tanh,
    "sigmoid": torch.sigmoid,
    "softplus": F.softplus,
    "relu": F.relu,
    "identity": lambda u: u,
}


def _tensor(a: np.ndarray, *, grad: bool = False) -> torch.Tensor:
    return torch.tensor(np.asarray(a, dtype=np.float64), dtype=torch.float64, requires_grad=grad)


class _Graph:
    """One forward pass recorded by autograd, then ``backward`` of the batch's mean loss (``mean``) or
    of the sum of the per-example losses: the examples do not interact, so the gradient the sum leaves
    on an intermediate row is that example's own."""

    def __init__(self, net: Network, x: np.ndarray, y: np.ndarray | None = None, *, mean: bool = False) -> None:
        phi = ACTIVATIONS[net.activation]
        self.weights = [_tensor(w, grad=True) for w in net.weights]
        self.biases = [_tensor(b, grad=True) for b in net.biases]
        self.activations = [_tensor(x, grad=True)]
        self.pre: list[torch.Tensor] = []
        for w, b in zip(self.weights, self.biases, strict=True):
            self.pre.append(F.linear(self.activations[-1], w, b))
            self.activations.append(phi(self.pre[-1]))
        for t in self.activations[1:] + self.pre:
            t.retain_grad()
        if y is not None:
            losses = ((self.activations[-1] - _tensor(y)) ** 2).sum(dim=1)
            (losses.mean() if mean else losses.sum()).backward()

    @staticmethod
    def grads(tensors: list[torch.Tensor]) -> list[np.ndarray]:
        return [t.grad.detach().numpy() for t in tensors]


class TorchBackprop:
    """``F.linear`` layers and torch activations; every derivative from ``torch.autograd``."""

    def forward(self, net: Network, x: np.ndarray) -> list[np.ndarray]:
        return [a.detach().numpy() for a in _Graph(net, x).activations]

    def errors(self, net: Network, x: np.ndarray, y: np.ndarray) -> list[np.ndarray]:
        return _Graph.grads(_Graph(net, x, y).activations)

    def deltas(self, net: Network, x: np.ndarray, y: np.ndarray) -> list[np.ndarray]:
        return _Graph.grads(_Graph(net, x, y).pre)

    def weight_gradients(self, net: Network, x: np.ndarray, y: np.ndarray) -> list[np.ndarray]:
        return _Graph.grads(_Graph(net, x, y, mean=True).weights)

    def bias_gradients(self, net: Network, x: np.ndarray, y: np.ndarray) -> list[np.ndarray]:
        return _Graph.grads(_Graph(net, x, y, mean=True).biases)

    def jacobian(self, net: Network, x: np.ndarray) -> np.ndarray:
        def network(v: torch.Tensor) -> torch.Tensor:
            for w, b in zip(net.weights, net.biases, strict=True):
                v = ACTIVATIONS[net.activation](F.linear(v, _tensor(w), _tensor(b)))
            return v

        return torch.autograd.functional.jacobian(network, _tensor(x)).numpy()
