"""PyTorch's ``torch.nn`` losses through the :class:`~impls.losses.LossesImpl` protocol (float64).

Values come from the loss modules (``BCEWithLogitsLoss``, ``CrossEntropyLoss`` with class-index and
probability targets, ``GaussianNLLLoss``, ``MSELoss``); every gradient comes from ``torch.autograd``
applied to them, so what is checked is what backpropagation uses::

    theorems check losses --impl impls.adapters.torch_losses:TorchLosses
    theorems check losses --impl impls.adapters.torch_losses:TorchSoftMarginLosses

:class:`TorchLosses` computes the ±1-label logistic loss with ``BCEWithLogitsLoss`` at the label
(1 + y)/2; :class:`TorchSoftMarginLosses` uses ``SoftMarginLoss``, the module meant for ±1 labels,
which computes log(1 + exp(-yz)) as written: it is inf (and its gradient NaN) once -yz > 709.8.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import torch
from torch import nn


def _tensor(a: np.ndarray | float, *, grad: bool = False) -> torch.Tensor:
    return torch.tensor(np.asarray(a, dtype=np.float64), dtype=torch.float64, requires_grad=grad)


def _value(loss: torch.Tensor) -> float:
    return float(loss.detach())


def _gradient(loss_of: Callable[[torch.Tensor], torch.Tensor], at: np.ndarray) -> np.ndarray:
    """∇ of the scalar ``loss_of(p)`` at ``p = at``, by autograd."""
    p = _tensor(at, grad=True)
    (gradient,) = torch.autograd.grad(loss_of(p), p)
    return gradient.numpy()


def _class(y: int) -> torch.Tensor:
    return torch.tensor([y])


class TorchLosses:
    """``BCEWithLogitsLoss``, ``CrossEntropyLoss``, ``GaussianNLLLoss(full=True)`` and ``MSELoss``."""

    def binary_cross_entropy(self, z: np.ndarray, y: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            return nn.BCEWithLogitsLoss(reduction="none")(_tensor(z), _tensor(y)).numpy()

    def binary_cross_entropy_gradient(self, theta: np.ndarray, x: np.ndarray, y: int) -> np.ndarray:
        loss = nn.BCEWithLogitsLoss()
        return _gradient(lambda t: loss(t @ _tensor(x), _tensor(float(y))), theta)

    def logistic_loss(self, z: np.ndarray, y: np.ndarray) -> np.ndarray:
        return self.binary_cross_entropy(z, (1 + np.asarray(y, dtype=np.float64)) / 2)

    def logistic_loss_gradient(self, theta: np.ndarray, x: np.ndarray, y: int) -> np.ndarray:
        return self.binary_cross_entropy_gradient(theta, x, (1 + y) // 2)

    def cross_entropy(self, z: np.ndarray, y: int) -> float:
        with torch.no_grad():
            return _value(nn.CrossEntropyLoss()(_tensor(z)[None, :], _class(y)))

    def softmax_regression_gradient(self, theta: np.ndarray, x: np.ndarray, y: int) -> np.ndarray:
        loss = nn.CrossEntropyLoss()
        return _gradient(lambda t: loss((t @ _tensor(x))[None, :], _class(y)), theta)

    def soft_cross_entropy(self, z: np.ndarray, p: np.ndarray) -> float:
        with torch.no_grad():
            return _value(nn.CrossEntropyLoss()(_tensor(z)[None, :], _tensor(p)[None, :]))

    def _distillation(self, teacher: np.ndarray, temperature: float) -> Callable[[torch.Tensor], torch.Tensor]:
        targets = torch.softmax(_tensor(teacher) / temperature, dim=-1)[None, :]
        return lambda student: nn.CrossEntropyLoss()((student / temperature)[None, :], targets)

    def distillation_loss(self, teacher: np.ndarray, student: np.ndarray, temperature: float) -> float:
        with torch.no_grad():
            return _value(self._distillation(teacher, temperature)(_tensor(student)))

    def distillation_gradient(self, teacher: np.ndarray, student: np.ndarray, temperature: float) -> np.ndarray:
        return _gradient(self._distillation(teacher, temperature), student)

    def gaussian_nll(self, y: np.ndarray, mean: np.ndarray, variance: float) -> float:
        with torch.no_grad():
            nll = nn.GaussianNLLLoss(full=True, reduction="sum")
            return _value(nll(_tensor(mean), _tensor(y), torch.full((len(y),), variance, dtype=torch.float64)))

    def squared_loss(self, y: np.ndarray, v: np.ndarray) -> float:
        with torch.no_grad():
            return _value(nn.MSELoss(reduction="sum")(_tensor(v), _tensor(y))) / 2


class TorchSoftMarginLosses(TorchLosses):
    """:class:`TorchLosses` with the ±1-label logistic loss from ``SoftMarginLoss``."""

    def logistic_loss(self, z: np.ndarray, y: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            return nn.SoftMarginLoss(reduction="none")(_tensor(z), _tensor(y)).numpy()

    def logistic_loss_gradient(self, theta: np.ndarray, x: np.ndarray, y: int) -> np.ndarray:
        loss = nn.SoftMarginLoss()
        return _gradient(lambda t: loss(t @ _tensor(x), _tensor(float(y))), theta)
