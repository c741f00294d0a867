"""PyTorch's attention through the :class:`~impls.attention.AttentionImpl` protocol (float64).

``attention`` is ``torch.nn.functional.scaled_dot_product_attention``; its weights are the same
function applied to the identity matrix as values (softmax(q kᵀ/√d_k) I). ``self_attention`` is a
``torch.nn.MultiheadAttention`` without biases whose weights are set explicitly (PyTorch multiplies
by ``Wᵀ``, so it receives the transposes), and ``parameter_count`` counts the parameters of a freshly
built ``MultiheadAttention``. PyTorch has no sinusoidal encoding: ``positional_encoding`` is the
formula of its transformer tutorial, in torch float64 operations::

    theorems check attention --impl impls.adapters.torch_attention:TorchAttention
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F


def _tensor(a: np.ndarray) -> torch.Tensor:
    return torch.tensor(np.asarray(a, dtype=np.float64), dtype=torch.float64)


class TorchAttention:
    """``F.scaled_dot_product_attention`` and ``nn.MultiheadAttention`` in float64 on the CPU."""

    def attention(self, q: np.ndarray, k: np.ndarray, v: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            return F.scaled_dot_product_attention(_tensor(q), _tensor(k), _tensor(v)).numpy()

    def attention_weights(self, q: np.ndarray, k: np.ndarray) -> np.ndarray:
        return self.attention(q, k, np.eye(np.shape(k)[0]))

    def self_attention(self, x: np.ndarray, w_q: np.ndarray, w_k: np.ndarray, w_v: np.ndarray,
                       w_o: np.ndarray, heads: int) -> np.ndarray:
        d = np.shape(x)[1]
        layer = torch.nn.MultiheadAttention(d, heads, bias=False, batch_first=True, dtype=torch.float64)
        with torch.no_grad():
            layer.in_proj_weight.copy_(_tensor(np.concatenate([w_q.T, w_k.T, w_v.T])))
            layer.out_proj.weight.copy_(_tensor(w_o.T))
            tokens = _tensor(x)[None]
            out, _ = layer(tokens, tokens, tokens, need_weights=False)
        return out[0].numpy()

    def parameter_count(self, d_model: int, heads: int) -> int:
        layer = torch.nn.MultiheadAttention(d_model, heads)
        return sum(p.numel() for p in layer.parameters())

    def positional_encoding(self, positions: np.ndarray, d: int) -> np.ndarray:
        position = _tensor(positions)[:, None]
        div_term = torch.exp(torch.arange(0, d, 2, dtype=torch.float64) * (-np.log(10000.0) / d))
        encoding = torch.zeros(position.shape[0], d, dtype=torch.float64)
        encoding[:, 0::2] = torch.sin(position * div_term)
        encoding[:, 1::2] = torch.cos(position * div_term)
        return encoding.numpy()
