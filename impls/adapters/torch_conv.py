"""PyTorch's convolutions, pooling and FFT through the :class:`~impls.conv.ConvImpl` protocol (float64).

True convolution comes from ``torch.nn.functional.conv_transpose{1,2,3}d`` (a transposed
convolution with stride 1 and no padding is the full convolution, kernel flipped by construction);
cross-correlation and the layers from ``conv1d``/``conv2d``; the weight gradient from autograd;
the parameter count from ``torch.nn.Conv2d``; the DFT from ``torch.fft``::

    theorems check conv --impl impls.adapters.torch_conv:TorchConv
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

TRANSPOSED = {1: F.conv_transpose1d, 2: F.conv_transpose2d, 3: F.conv_transpose3d}


def _tensor(x: np.ndarray, *, grad: bool = False) -> torch.Tensor:
    """A float64 tensor of a copy of ``x`` (torch refuses the negative strides of a reversed view)."""
    return torch.tensor(np.array(x, dtype=np.float64), dtype=torch.float64, requires_grad=grad)


def _optional(bias: np.ndarray | None) -> torch.Tensor | None:
    return None if bias is None else _tensor(bias)


class TorchConv:
    """``F.conv_transpose*d``, ``F.conv1d``, ``F.conv2d``, ``F.max_pool1d``, ``F.avg_pool1d``, ``torch.fft``."""

    def convolve(self, f: np.ndarray, h: np.ndarray) -> np.ndarray:
        f = np.array(f, dtype=np.float64)
        with torch.no_grad():
            return TRANSPOSED[f.ndim](_tensor(f)[None, None], _tensor(h)[None, None])[0, 0].numpy()

    def correlate(self, h: np.ndarray, f: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            return F.conv1d(_tensor(f)[None, None], _tensor(h)[None, None], padding=len(h) - 1)[0, 0].numpy()

    def conv1d(self, x: np.ndarray, w: np.ndarray, bias: np.ndarray | None = None, *, stride: int = 1,
               padding: int = 0, dilation: int = 1) -> np.ndarray:
        with torch.no_grad():
            return F.conv1d(_tensor(x), _tensor(w), _optional(bias), stride=stride, padding=padding,
                            dilation=dilation).numpy()

    def conv2d(self, x: np.ndarray, w: np.ndarray, bias: np.ndarray | None = None, *, stride: int = 1,
               padding: int = 0, dilation: int = 1) -> np.ndarray:
        with torch.no_grad():
            return F.conv2d(_tensor(x), _tensor(w), _optional(bias), stride=stride, padding=padding,
                            dilation=dilation).numpy()

    def conv1d_weight_grad(self, x: np.ndarray, w: np.ndarray, g: np.ndarray, *, stride: int = 1,
                           padding: int = 0, dilation: int = 1) -> np.ndarray:
        weight = _tensor(w, grad=True)
        y = F.conv1d(_tensor(x), weight, stride=stride, padding=padding, dilation=dilation)
        (grad,) = torch.autograd.grad((y * _tensor(g)).sum(), weight)
        return grad.numpy()

    def max_pool1d(self, x: np.ndarray, window: int, stride: int) -> np.ndarray:
        with torch.no_grad():
            return F.max_pool1d(_tensor(x), window, stride).numpy()

    def avg_pool1d(self, x: np.ndarray, window: int, stride: int) -> np.ndarray:
        with torch.no_grad():
            return F.avg_pool1d(_tensor(x), window, stride).numpy()

    def dft(self, x: np.ndarray) -> np.ndarray:
        return torch.fft.fft(_tensor(x)).numpy()

    def idft(self, spectrum: np.ndarray) -> np.ndarray:
        return torch.fft.ifft(torch.tensor(np.asarray(spectrum, dtype=np.complex128))).numpy()

    def num_parameters(self, c_in: int, c_out: int, k_h: int, k_w: int, bias: bool) -> int:
        layer = torch.nn.Conv2d(c_in, c_out, (k_h, k_w), bias=bias)
        return sum(p.numel() for p in layer.parameters())
