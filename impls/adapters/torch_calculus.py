"""PyTorch's automatic differentiation through the :class:`~impls.calculus.CalculusImpl` protocol (float64).

Jacobians come from ``torch.func.jacrev`` and Hessians from ``torch.func.hessian`` (forward over
reverse mode), applied to the function computed in the ``torch`` namespace::

    theorems check calculus --impl impls.adapters.torch_calculus:TorchCalculus
"""

from __future__ import annotations

import numpy as np
import torch

from impls.calculus import Function


def _traced(f: Function) -> object:
    return lambda x: f(x, torch)


def _tensor(x: np.ndarray) -> torch.Tensor:
    return torch.as_tensor(np.asarray(x, dtype=np.float64), dtype=torch.float64)


class TorchCalculus:
    """``torch.func`` Jacobians and Hessians, float64 on the CPU."""

    def jacobian(self, f: Function, x: np.ndarray) -> np.ndarray:
        return torch.func.jacrev(_traced(f))(_tensor(x)).detach().numpy()

    def hessian(self, f: Function, x: np.ndarray) -> np.ndarray:
        return torch.func.hessian(_traced(f))(_tensor(x)).detach().numpy()
