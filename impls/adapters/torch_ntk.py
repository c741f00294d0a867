"""The empirical NTK by PyTorch's ``torch.func`` through the :class:`~impls.ntk.NTKImpl` protocol::

    theorems check ntk --impl impls.adapters.torch_ntk:TorchNTK

The network is the one of :mod:`impls.ntk` written as a pure function of a flat float64 parameter
tensor; the Jacobian is ``torch.func.jacrev`` of a single input's output, ``vmap``-ed over the rows of
``x``, and the NTK is the product of two such Jacobians. Kernel regression uses ``torch.linalg.pinv``
(hermitian) and the dynamics ``torch.linalg.matrix_exp``, so that none of the reference's NumPy code
(eigendecomposition, explicit backpropagation) is reused.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import torch
from torch.func import jacrev, vmap

from impls.ntk import Widths


def _tensor(a: np.ndarray) -> torch.Tensor:
    return torch.as_tensor(np.asarray(a, dtype=np.float64))


def _network(widths: Widths) -> Callable[[torch.Tensor, torch.Tensor], torch.Tensor]:
    """f(θ)(x) for one input x, as a pure function of the flat parameters (the layout of impls.ntk)."""
    sizes = [*widths, 1]
    shapes = list(zip(sizes[1:], sizes[:-1], strict=True))

    def f(theta: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        h, start = x, 0
        for index, (fan_out, fan_in) in enumerate(shapes):
            W = theta[start:start + fan_out * fan_in].reshape(fan_out, fan_in)
            start += fan_out * fan_in
            z = W @ h / math.sqrt(fan_in)
            h = torch.relu(z) if index < len(shapes) - 1 else z
        return h[0]

    return f


class TorchNTK:
    """``torch.func.jacrev``/``vmap`` Jacobians in float64; kernel regression with ``torch.linalg``."""

    def output(self, theta: np.ndarray, widths: Widths, x: np.ndarray) -> np.ndarray:
        return vmap(_network(widths), in_dims=(None, 0))(_tensor(theta), _tensor(x)).numpy()

    def jacobian(self, theta: np.ndarray, widths: Widths, x: np.ndarray) -> np.ndarray:
        return vmap(jacrev(_network(widths)), in_dims=(None, 0))(_tensor(theta), _tensor(x)).numpy()

    def ntk(self, theta: np.ndarray, widths: Widths, x1: np.ndarray, x2: np.ndarray) -> np.ndarray:
        jac = vmap(jacrev(_network(widths)), in_dims=(None, 0))
        t = _tensor(theta)
        return (jac(t, _tensor(x1)) @ jac(t, _tensor(x2)).T).numpy()

    def coefficients(self, gram: np.ndarray, residual: np.ndarray) -> np.ndarray:
        return (torch.linalg.pinv(_tensor(gram), hermitian=True) @ _tensor(residual)).numpy()

    def predict(self, cross: np.ndarray, gram: np.ndarray, f0_test: np.ndarray, f0_train: np.ndarray,
                y: np.ndarray) -> np.ndarray:
        alpha = self.coefficients(gram, np.subtract(y, f0_train))
        return (_tensor(f0_test) + _tensor(cross) @ _tensor(alpha)).numpy()

    def dynamics(self, gram: np.ndarray, f0: np.ndarray, y: np.ndarray, eta: float, t: float) -> np.ndarray:
        decay = torch.linalg.matrix_exp(-eta * t * _tensor(gram))
        target = _tensor(y)
        return (target + decay @ (_tensor(f0) - target)).numpy()
