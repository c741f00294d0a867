"""Miscellaneous constructions of the documents as float64 NumPy functions: the dense and residual layer,
the word2vec softmax, image kernels (Gaussian, Sobel, motion blur) and filtering, the 2-D discrete Fourier
transform and inverse filtering, McCulloch–Pitts and Turing units.

Conventions the protocol fixes:

* the activation of the dense and residual layer is the logistic sigmoid σ (σ(0) = 1/2, so the residual
  layer's ``- φ(0)`` is visible);
* images are 2-D arrays indexed from 0; ``filter2d`` is what ``torch.nn.functional.conv2d`` computes: a
  cross-correlation ``y[i, j] = Σ_{a, b} k[a, b] x[i + a - r_h, j + b - r_w]`` with zero padding
  ``r = (k - 1) // 2``, so the output has the image's size (odd kernel sides);
* ``dft2`` is ``X[k, l] = Σ_{m, n} x[m, n] e^{-2πi (km/M + ln/N)}`` and ``idft2`` its inverse with 1/(MN),
  the discrete analogue of the document's (F f)(u) = ∫ f(x) e^{-2πi xu} dx;
* inverse filters are circular: the kernel's entry ``[a, b]`` sits at pixel ``(a, b)`` of the image's
  torus, ``J = h ⊛ I`` with ``(h ⊛ I)[m, n] = Σ_{a, b} h[a, b] I[(m - a) mod M, (n - b) mod N]``;
* Boolean units take and return 0/1 integer arrays, one row of inputs per case.

Any implementation with the :class:`MiscImpl` protocol can be checked::

    theorems check misc --impl mypackage.module:MyMisc
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class MiscImpl(Protocol):
    """What a library under test provides for the miscellaneous claims."""

    def dense_num_parameters(self, n_in: int, n_out: int) -> int:
        """The number of trainable scalars of a dense layer ℝ^n_in → ℝ^n_out with a bias."""
        ...

    def dense(self, x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
        """``σ(W x + b)`` for ``x`` (n,), ``W`` (m, n), ``b`` (m,)."""
        ...

    def residual(self, x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
        """The residual layer ``x + (σ(W x + b) - σ(0))`` (``W`` square)."""
        ...

    def word2vec_probabilities(self, center: np.ndarray, outputs: np.ndarray) -> np.ndarray:
        """``P(ν | ω) = exp(x_ωᵀ y_ν) / Σ_u exp(x_ωᵀ y_u)`` for every row ``y_ν`` of ``outputs`` (V, d)."""
        ...

    def gaussian_kernel(self, sigma: float, radius: int) -> np.ndarray:
        """The density ``e^{-(x² + y²)/(2σ²)} / (2πσ²)`` at the integer points of [-radius, radius]² (rows: y)."""
        ...

    def sobel_x(self) -> np.ndarray:
        """The 3 × 3 Sobel kernel for ∂/∂x (columns: x), as a cross-correlation kernel."""
        ...

    def motion_blur_kernel(self, half_length: int) -> np.ndarray:
        """Horizontal motion blur: a (1, 2l + 1) box of equal weights summing to 1."""
        ...

    def filter2d(self, image: np.ndarray, kernel: np.ndarray) -> np.ndarray:
        """Zero-padded 'same' cross-correlation of ``image`` with an odd-sided ``kernel``."""
        ...

    def dft2(self, x: np.ndarray) -> np.ndarray:
        """The 2-D DFT ``X[k, l] = Σ x[m, n] e^{-2πi (km/M + ln/N)}`` (complex)."""
        ...

    def idft2(self, spectrum: np.ndarray) -> np.ndarray:
        """The inverse 2-D DFT, with the factor 1/(MN) (complex)."""
        ...

    def inverse_filter(self, kernel: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
        """The circular filter ``h̃`` of ``shape`` with ``F[h̃] · F[h] = 1`` (``F[h]`` has no zero)."""
        ...

    def regularized_inverse_filter(self, kernel: np.ndarray, shape: tuple[int, int], eps: float) -> np.ndarray:
        """The circular filter with ``F[h̃] = conj(F[h]) / (|F[h]|² + ε)`` (ε > 0)."""
        ...

    def mcculloch_pitts(self, x: np.ndarray, sigma: np.ndarray, theta: int) -> np.ndarray:
        """``[Σ_i σ_i x_i ≥ θ]`` for each row of ``x`` (B, n) ∈ {0, 1}, ``σ ∈ {±1}^n``: (B,) of 0/1."""
        ...

    def nand(self, x: np.ndarray) -> np.ndarray:
        """``1 - Π_i x_i`` for each row of ``x`` (B, k) ∈ {0, 1}: (B,) of 0/1."""
        ...

    def switch(self, control: np.ndarray, signal: np.ndarray) -> np.ndarray:
        """Turing's type-B switch ``A(c, y) = NAND(c, y)``: ``1 - y`` when ``c = 1``, constantly 1 when ``c = 0``."""
        ...


def sigmoid(z: np.ndarray) -> np.ndarray:
    """σ(z) = 1/(1 + e^{-z}), computed without overflow."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def kernel_spectrum(kernel: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """F[h] of the kernel placed at the origin of an image of ``shape`` (zero elsewhere)."""
    padded = np.zeros(shape)
    padded[: kernel.shape[0], : kernel.shape[1]] = kernel
    return np.fft.fft2(padded)


class Misc:
    """The reference: each quantity from its definition, in float64."""

    def dense_num_parameters(self, n_in: int, n_out: int) -> int:
        return n_out * n_in + n_out

    def dense(self, x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
        return sigmoid(np.asarray(weight, dtype=np.float64) @ np.asarray(x, dtype=np.float64) + bias)

    def residual(self, x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
        return np.asarray(x, dtype=np.float64) + (self.dense(x, weight, bias) - sigmoid(0.0))

    def word2vec_probabilities(self, center: np.ndarray, outputs: np.ndarray) -> np.ndarray:
        scores = np.asarray(outputs, dtype=np.float64) @ np.asarray(center, dtype=np.float64)
        e = np.exp(scores - scores.max())
        return e / e.sum()

    def gaussian_kernel(self, sigma: float, radius: int) -> np.ndarray:
        y, x = np.mgrid[-radius: radius + 1, -radius: radius + 1].astype(np.float64)
        return np.exp(-(x**2 + y**2) / (2 * sigma**2)) / (2 * np.pi * sigma**2)

    def sobel_x(self) -> np.ndarray:
        return np.outer([1.0, 2.0, 1.0], [-1.0, 0.0, 1.0])

    def motion_blur_kernel(self, half_length: int) -> np.ndarray:
        width = 2 * half_length + 1
        return np.full((1, width), 1.0 / width)

    def filter2d(self, image: np.ndarray, kernel: np.ndarray) -> np.ndarray:
        image, kernel = np.asarray(image, dtype=np.float64), np.asarray(kernel, dtype=np.float64)
        (k_h, k_w), (height, width) = kernel.shape, image.shape
        padded = np.pad(image, ((k_h // 2, k_h // 2), (k_w // 2, k_w // 2)))
        out = np.zeros_like(image)
        for a, b in np.ndindex(kernel.shape):
            out += kernel[a, b] * padded[a: a + height, b: b + width]
        return out

    def dft2(self, x: np.ndarray) -> np.ndarray:
        return np.fft.fft2(np.asarray(x, dtype=np.complex128))

    def idft2(self, spectrum: np.ndarray) -> np.ndarray:
        return np.fft.ifft2(np.asarray(spectrum, dtype=np.complex128))

    def inverse_filter(self, kernel: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
        return np.fft.ifft2(1 / kernel_spectrum(np.asarray(kernel, dtype=np.float64), shape)).real

    def regularized_inverse_filter(self, kernel: np.ndarray, shape: tuple[int, int], eps: float) -> np.ndarray:
        spectrum = kernel_spectrum(np.asarray(kernel, dtype=np.float64), shape)
        return np.fft.ifft2(np.conj(spectrum) / (np.abs(spectrum) ** 2 + eps)).real

    def mcculloch_pitts(self, x: np.ndarray, sigma: np.ndarray, theta: int) -> np.ndarray:
        return (np.asarray(x) @ np.asarray(sigma) >= theta).astype(np.int64)

    def nand(self, x: np.ndarray) -> np.ndarray:
        return 1 - np.prod(np.asarray(x, dtype=np.int64), axis=1)

    def switch(self, control: np.ndarray, signal: np.ndarray) -> np.ndarray:
        return self.nand(np.stack([np.asarray(control), np.asarray(signal)], axis=1))
