"""PyTorch's ``nn.BatchNorm1d`` (training mode), ``nn.LayerNorm`` and ``parametrizations.weight_norm``
through the :class:`~impls.normalization.NormalizationImpl` protocol (float64)::

    theorems check normalization --impl impls.adapters.torch_normalization:TorchNormalization
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn
from torch.nn.utils.parametrizations import weight_norm


def _tensor(x: np.ndarray) -> torch.Tensor:
    return torch.tensor(np.asarray(x, dtype=np.float64), dtype=torch.float64)


def _affine(layer: nn.Module, gamma: np.ndarray, beta: np.ndarray, x: np.ndarray) -> np.ndarray:
    with torch.no_grad():
        layer.weight.copy_(_tensor(gamma))
        layer.bias.copy_(_tensor(beta))
        return layer(_tensor(x)).numpy()


class TorchNormalization:
    """A fresh layer per call: ``BatchNorm1d`` in ``train()`` mode uses the batch's statistics."""

    def batch_norm(self, x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
        layer = nn.BatchNorm1d(np.shape(x)[1], eps=eps, dtype=torch.float64).train()
        return _affine(layer, gamma, beta, x)

    def layer_norm(self, x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
        return _affine(nn.LayerNorm(np.shape(x)[1], eps=eps, dtype=torch.float64), gamma, beta, x)

    def weight_norm(self, v: np.ndarray, g: np.ndarray) -> np.ndarray:
        rows, cols = np.shape(v)
        layer = weight_norm(nn.Linear(cols, rows, bias=False, dtype=torch.float64), dim=0)
        with torch.no_grad():
            layer.parametrizations.weight.original0.copy_(_tensor(g)[:, None])
            layer.parametrizations.weight.original1.copy_(_tensor(v))
            return layer.weight.numpy().copy()
