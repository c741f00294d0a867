"""PyTorch's ``torch.nn.init`` through the :class:`~impls.init.InitImpl` protocol (float64 tensors)::

    theorems check init --impl impls.adapters.torch_init:TorchInit

``lecun_uniform`` is ``kaiming_uniform_`` with ``nonlinearity="linear"`` (gain 1, bound √(3/fan_in));
the Kaiming initialisers use ``nonlinearity="relu"`` (gain √2) and ``mode="fan_in"``. Each call draws
from its own ``torch.Generator`` seeded with ``seed``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import torch
from torch.nn import init


def _drawn(initialiser: Callable[..., torch.Tensor], rows: int, cols: int, seed: int, **options: object) -> np.ndarray:
    weight = torch.empty(rows, cols, dtype=torch.float64)
    initialiser(weight, generator=torch.Generator().manual_seed(seed), **options)
    return weight.numpy()


class TorchInit:
    """``xavier_normal_``, ``xavier_uniform_``, ``kaiming_normal_``, ``kaiming_uniform_``, ``orthogonal_``."""

    def lecun_uniform(self, fan_in: int, fan_out: int, seed: int) -> np.ndarray:
        return _drawn(init.kaiming_uniform_, fan_out, fan_in, seed, nonlinearity="linear")

    def xavier_normal(self, fan_in: int, fan_out: int, seed: int) -> np.ndarray:
        return _drawn(init.xavier_normal_, fan_out, fan_in, seed)

    def xavier_uniform(self, fan_in: int, fan_out: int, seed: int) -> np.ndarray:
        return _drawn(init.xavier_uniform_, fan_out, fan_in, seed)

    def kaiming_normal(self, fan_in: int, fan_out: int, seed: int) -> np.ndarray:
        return _drawn(init.kaiming_normal_, fan_out, fan_in, seed, nonlinearity="relu")

    def kaiming_uniform(self, fan_in: int, fan_out: int, seed: int) -> np.ndarray:
        return _drawn(init.kaiming_uniform_, fan_out, fan_in, seed, nonlinearity="relu")

    def orthogonal(self, m: int, seed: int) -> np.ndarray:
        return _drawn(init.orthogonal_, m, m, seed)
