"""Convolutions (documents 000-004) as float64 NumPy functions: true convolution and cross-correlation
of finite signals, the deep-learning convolution layer, pooling, the DFT and parameter counts.

Two operations share the name "convolution" in the documents, and the protocol keeps them apart:

* ``convolve(f, h)`` is the *true* (flipped-kernel) convolution ``(f * h)[u] = Σ_t f[t] h[u - t]`` of
  two finite signals, in full (every ``u`` where a term is non-zero), in any number of dimensions;
* ``correlate(h, f)`` is the cross-correlation ``(h ⋆ f)[u] = Σ_t h[t] f[u + t]`` (1-D, full);
* ``conv1d`` / ``conv2d`` are what deep-learning libraries call a convolution layer: a
  cross-correlation ``y[n, r, i] = b[r] + Σ_u Σ_j w[r, u, j] x[n, u, i·s - p + j·d]`` with stride
  ``s``, zero padding ``p`` and dilation ``d`` (``torch.nn.functional.conv1d/conv2d`` semantics).

Signals are arrays indexed from 0. A full output of ``convolve`` has index ``i ↔ u = i``; a full
output of ``correlate(h, f)`` has index ``i ↔ u = i - (len(h) - 1)``.

Any implementation with the :class:`ConvImpl` protocol can be checked::

    theorems check conv --impl mypackage.module:MyConv
"""

from __future__ import annotations

import itertools
from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class ConvImpl(Protocol):
    """What a convolution library under test provides (float64 in, float64 or complex128 out)."""

    def convolve(self, f: np.ndarray, h: np.ndarray) -> np.ndarray:
        """Full true convolution of two arrays of the same number of dimensions (shape ``n + k - 1``)."""
        ...

    def correlate(self, h: np.ndarray, f: np.ndarray) -> np.ndarray:
        """Full 1-D cross-correlation ``(h ⋆ f)[u]``, ``u = -(len(h) - 1), …, len(f) - 1``."""
        ...

    def conv1d(self, x: np.ndarray, w: np.ndarray, bias: np.ndarray | None = None, *, stride: int = 1,
               padding: int = 0, dilation: int = 1) -> np.ndarray:
        """The layer on ``x`` of shape (N, C_in, L) with ``w`` of shape (C_out, C_in, k): (N, C_out, L_out)."""
        ...

    def conv2d(self, x: np.ndarray, w: np.ndarray, bias: np.ndarray | None = None, *, stride: int = 1,
               padding: int = 0, dilation: int = 1) -> np.ndarray:
        """The layer on ``x`` of shape (N, C_in, H, W) with ``w`` (C_out, C_in, k_h, k_w): (N, C_out, H', W')."""
        ...

    def conv1d_weight_grad(self, x: np.ndarray, w: np.ndarray, g: np.ndarray, *, stride: int = 1,
                           padding: int = 0, dilation: int = 1) -> np.ndarray:
        """∂R/∂w for ``R = Σ g · conv1d(x, w)`` (``g`` of the output's shape): an array of ``w``'s shape."""
        ...

    def max_pool1d(self, x: np.ndarray, window: int, stride: int) -> np.ndarray:
        """``y[n, c, i] = max_{0 ≤ k < window} x[n, c, i·stride + k]`` (no padding)."""
        ...

    def avg_pool1d(self, x: np.ndarray, window: int, stride: int) -> np.ndarray:
        """``y[n, c, i] = mean_{0 ≤ k < window} x[n, c, i·stride + k]`` (no padding)."""
        ...

    def dft(self, x: np.ndarray) -> np.ndarray:
        """``X[k] = Σ_n x[n] e^{-2πi kn/N}`` (complex)."""
        ...

    def idft(self, spectrum: np.ndarray) -> np.ndarray:
        """``x[n] = (1/N) Σ_k X[k] e^{2πi kn/N}`` (complex)."""
        ...

    def num_parameters(self, c_in: int, c_out: int, k_h: int, k_w: int, bias: bool) -> int:
        """The number of trainable scalars of a 2-D convolution layer."""
        ...


def _floats(x: np.ndarray) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)


def output_length(n: int, k: int, stride: int, padding: int, dilation: int) -> int:
    """The number of positions where a dilated kernel fits in the padded input (the reference's count)."""
    span = dilation * (k - 1) + 1
    return len(range(0, n + 2 * padding - span + 1, stride))


class Conv:
    """The reference: every output a direct sum over the kernel taps, in float64."""

    def convolve(self, f: np.ndarray, h: np.ndarray) -> np.ndarray:
        f, h = _floats(f), _floats(h)
        out = np.zeros(tuple(a + b - 1 for a, b in zip(f.shape, h.shape, strict=True)))
        for t in np.ndindex(h.shape):  # (f * h)[u] = Σ_t h[t] f[u - t]: f shifted by t, weighted by h[t]
            out[tuple(slice(i, i + n) for i, n in zip(t, f.shape, strict=True))] += h[t] * f
        return out

    def correlate(self, h: np.ndarray, f: np.ndarray) -> np.ndarray:
        h, f = _floats(h), _floats(f)
        k = len(h)
        padded = np.pad(f, k - 1)
        length = len(f) + k - 1
        return sum(h[t] * padded[t: t + length] for t in range(k))

    def conv1d(self, x: np.ndarray, w: np.ndarray, bias: np.ndarray | None = None, *, stride: int = 1,
               padding: int = 0, dilation: int = 1) -> np.ndarray:
        x, w = _floats(x), _floats(w)
        n_out = output_length(x.shape[-1], w.shape[-1], stride, padding, dilation)
        padded = np.pad(x, ((0, 0), (0, 0), (padding, padding)))
        out = np.zeros((x.shape[0], w.shape[0], n_out))
        for j in range(w.shape[-1]):
            taps = padded[:, :, j * dilation: j * dilation + stride * (n_out - 1) + 1: stride]
            out += np.einsum("ou,nul->nol", w[:, :, j], taps)
        return out if bias is None else out + _floats(bias)[None, :, None]

    def conv2d(self, x: np.ndarray, w: np.ndarray, bias: np.ndarray | None = None, *, stride: int = 1,
               padding: int = 0, dilation: int = 1) -> np.ndarray:
        x, w = _floats(x), _floats(w)
        (height, width), (k_h, k_w) = x.shape[-2:], w.shape[-2:]
        rows, cols = (output_length(n, k, stride, padding, dilation) for n, k in ((height, k_h), (width, k_w)))
        padded = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
        out = np.zeros((x.shape[0], w.shape[0], rows, cols))
        for i, j in itertools.product(range(k_h), range(k_w)):
            taps = padded[:, :, i * dilation: i * dilation + stride * (rows - 1) + 1: stride,
                          j * dilation: j * dilation + stride * (cols - 1) + 1: stride]
            out += np.einsum("ou,nuab->noab", w[:, :, i, j], taps)
        return out if bias is None else out + _floats(bias)[None, :, None, None]

    def conv1d_weight_grad(self, x: np.ndarray, w: np.ndarray, g: np.ndarray, *, stride: int = 1,
                           padding: int = 0, dilation: int = 1) -> np.ndarray:
        x, g = _floats(x), _floats(g)
        n_out = g.shape[-1]
        padded = np.pad(x, ((0, 0), (0, 0), (padding, padding)))
        grad = np.zeros(np.shape(w))
        for j in range(grad.shape[-1]):
            taps = padded[:, :, j * dilation: j * dilation + stride * (n_out - 1) + 1: stride]
            grad[:, :, j] = np.einsum("nol,nul->ou", g, taps)
        return grad

    def max_pool1d(self, x: np.ndarray, window: int, stride: int) -> np.ndarray:
        return self._windows(x, window, stride).max(axis=-1)

    def avg_pool1d(self, x: np.ndarray, window: int, stride: int) -> np.ndarray:
        return self._windows(x, window, stride).mean(axis=-1)

    def dft(self, x: np.ndarray) -> np.ndarray:
        return np.fft.fft(_floats(x))

    def idft(self, spectrum: np.ndarray) -> np.ndarray:
        return np.fft.ifft(np.asarray(spectrum, dtype=np.complex128))

    def num_parameters(self, c_in: int, c_out: int, k_h: int, k_w: int, bias: bool) -> int:
        shapes = [(c_out, c_in, k_h, k_w)] + ([(c_out,)] if bias else [])
        return sum(int(np.prod(shape)) for shape in shapes)

    @staticmethod
    def _windows(x: np.ndarray, window: int, stride: int) -> np.ndarray:
        return np.lib.stride_tricks.sliding_window_view(_floats(x), window, axis=-1)[..., ::stride, :]
