"""PyTorch through the :class:`~impls.misc.MiscImpl` protocol (float64).

The dense layer is ``torch.nn.Linear`` (its parameter count from ``numel``, its forward pass with the given
weights, then ``torch.sigmoid``); the softmax ``torch.softmax``; kernels are built with torch tensor operations
and applied with ``torch.nn.functional.conv2d`` (a cross-correlation, zero padding ``k // 2``); the DFT and the
inverse filters use ``torch.fft``; the Boolean units ``torch`` integer arithmetic::

    theorems check misc --impl impls.adapters.torch_misc:TorchMisc
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F


def _tensor(x: np.ndarray) -> torch.Tensor:
    return torch.tensor(np.array(x, dtype=np.float64), dtype=torch.float64)


def _linear(weight: np.ndarray, bias: np.ndarray) -> torch.nn.Linear:
    """A ``torch.nn.Linear`` holding ``weight`` and ``bias``."""
    m, n = np.shape(weight)
    layer = torch.nn.Linear(n, m, dtype=torch.float64)
    with torch.no_grad():
        layer.weight.copy_(_tensor(weight))
        layer.bias.copy_(_tensor(bias))
    return layer


def _kernel_spectrum(kernel: np.ndarray, shape: tuple[int, int]) -> torch.Tensor:
    """``torch.fft.fft2`` of the kernel zero-padded to ``shape`` (its origin at pixel (0, 0))."""
    return torch.fft.fft2(_tensor(kernel), s=tuple(shape))


class TorchMisc:
    """``nn.Linear``, ``torch.softmax``, ``F.conv2d``, ``torch.fft`` and integer tensors."""

    def dense_num_parameters(self, n_in: int, n_out: int) -> int:
        return sum(p.numel() for p in torch.nn.Linear(n_in, n_out).parameters())

    def dense(self, x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            return torch.sigmoid(_linear(weight, bias)(_tensor(x))).numpy()

    def residual(self, x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            phi_zero = torch.sigmoid(torch.zeros((), dtype=torch.float64))
            return (_tensor(x) + (torch.sigmoid(_linear(weight, bias)(_tensor(x))) - phi_zero)).numpy()

    def word2vec_probabilities(self, center: np.ndarray, outputs: np.ndarray) -> np.ndarray:
        return torch.softmax(_tensor(outputs) @ _tensor(center), dim=0).numpy()

    def gaussian_kernel(self, sigma: float, radius: int) -> np.ndarray:
        grid = torch.arange(-radius, radius + 1, dtype=torch.float64)
        y, x = torch.meshgrid(grid, grid, indexing="ij")
        return (torch.exp(-(x**2 + y**2) / (2 * sigma**2)) / (2 * torch.pi * sigma**2)).numpy()

    def sobel_x(self) -> np.ndarray:
        smoothing = torch.tensor([1.0, 2.0, 1.0], dtype=torch.float64)
        difference = torch.tensor([-1.0, 0.0, 1.0], dtype=torch.float64)
        return torch.outer(smoothing, difference).numpy()

    def motion_blur_kernel(self, half_length: int) -> np.ndarray:
        width = 2 * half_length + 1
        return torch.full((1, width), 1.0 / width, dtype=torch.float64).numpy()

    def filter2d(self, image: np.ndarray, kernel: np.ndarray) -> np.ndarray:
        k_h, k_w = np.shape(kernel)
        with torch.no_grad():
            return F.conv2d(_tensor(image)[None, None], _tensor(kernel)[None, None],
                            padding=(k_h // 2, k_w // 2))[0, 0].numpy()

    def dft2(self, x: np.ndarray) -> np.ndarray:
        return torch.fft.fft2(torch.tensor(np.array(x, dtype=np.complex128))).numpy()

    def idft2(self, spectrum: np.ndarray) -> np.ndarray:
        return torch.fft.ifft2(torch.tensor(np.array(spectrum, dtype=np.complex128))).numpy()

    def inverse_filter(self, kernel: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
        return torch.fft.ifft2(1 / _kernel_spectrum(kernel, shape)).real.numpy()

    def regularized_inverse_filter(self, kernel: np.ndarray, shape: tuple[int, int], eps: float) -> np.ndarray:
        spectrum = _kernel_spectrum(kernel, shape)
        return torch.fft.ifft2(spectrum.conj() / (spectrum.abs() ** 2 + eps)).real.numpy()

    def mcculloch_pitts(self, x: np.ndarray, sigma: np.ndarray, theta: int) -> np.ndarray:
        drive = torch.as_tensor(np.asarray(x, dtype=np.int64)) @ torch.as_tensor(np.asarray(sigma, dtype=np.int64))
        return (drive >= theta).to(torch.int64).numpy()

    def nand(self, x: np.ndarray) -> np.ndarray:
        return (1 - torch.prod(torch.as_tensor(np.asarray(x, dtype=np.int64)), dim=1)).numpy()

    def switch(self, control: np.ndarray, signal: np.ndarray) -> np.ndarray:
        pair = np.stack([np.asarray(control, dtype=np.int64), np.asarray(signal, dtype=np.int64)], axis=1)
        return self.nand(pair)
