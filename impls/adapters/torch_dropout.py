"""PyTorch's ``nn.Dropout`` in training mode through the :class:`~impls.dropout.DropoutImpl` protocol::

    theorems check dropout --impl impls.adapters.torch_dropout:TorchDropout

``nn.Dropout`` draws from PyTorch's global generator: each call seeds it with ``seed`` inside
``torch.random.fork_rng``, so that the caller's random state is left as it was.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn


class TorchDropout:
    """``nn.Dropout(p).train()`` applied to a float64 tensor."""

    def dropout(self, x: np.ndarray, p: float, seed: int) -> np.ndarray:
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            return nn.Dropout(p).train()(torch.tensor(np.asarray(x, dtype=np.float64))).numpy()
