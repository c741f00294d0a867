"""Wrong convolutions and wrong formulas that the convolution claims must reject."""

from __future__ import annotations

import numpy as np
import sympy

from impls.conv import Conv
from tests.mutants import Mutant
from theorems.engine import Formula
from theorems.topics.conv.algebra import CONVOLUTION_FORMS
from theorems.topics.conv.correlation import REFLECTION
from theorems.topics.conv.counts import Cost
from theorems.topics.conv.layers import UNDILATED


class CorrelatingConvolve(Conv):
    """A "convolution" that forgets to flip the kernel: the cross-correlation, in the same output slots."""

    def convolve(self, f: np.ndarray, h: np.ndarray) -> np.ndarray:
        return super().convolve(f, np.flip(np.asarray(h, dtype=float)))


class AffineConvolve(Conv):
    """A convolution with a constant added to every output (an affine, not linear, map)."""

    def convolve(self, f: np.ndarray, h: np.ndarray) -> np.ndarray:
        return super().convolve(f, h) + 1.0


class FFTCorrelate(Conv):
    """Cross-correlation by the FFT without the conjugate: ifft(fft h · fft f), which is the convolution."""

    def correlate(self, h: np.ndarray, f: np.ndarray) -> np.ndarray:
        size = len(h) + len(f) - 1
        return np.real(np.fft.ifft(np.fft.fft(h, size) * np.fft.fft(f, size)))


class FlippedConv2d(Conv):
    """A 2-D layer that computes the true convolution (kernel flipped) where libraries cross-correlate."""

    def conv2d(self, x: np.ndarray, w: np.ndarray, bias: np.ndarray | None = None, *, stride: int = 1,
               padding: int = 0, dilation: int = 1) -> np.ndarray:
        return super().conv2d(x, np.flip(np.asarray(w, dtype=float), axis=(-2, -1)), bias, stride=stride,
                              padding=padding, dilation=dilation)


class NoPlusOneConv1d(Conv):
    """A 1-D layer whose output size forgets the +1: the last output position is dropped."""

    def conv1d(self, x: np.ndarray, w: np.ndarray, bias: np.ndarray | None = None, *, stride: int = 1,
               padding: int = 0, dilation: int = 1) -> np.ndarray:
        return super().conv1d(x, w, bias, stride=stride, padding=padding, dilation=dilation)[..., :-1]


class IgnoresDilationConv1d(Conv):
    """A 1-D layer that ignores its dilation."""

    def conv1d(self, x: np.ndarray, w: np.ndarray, bias: np.ndarray | None = None, *, stride: int = 1,
               padding: int = 0, dilation: int = 1) -> np.ndarray:
        return super().conv1d(x, w, bias, stride=stride, padding=padding, dilation=1)


class MeanWeightGrad(Conv):
    """The gradient of a shared weight averaged over the units that share it instead of summed."""

    def conv1d_weight_grad(self, x: np.ndarray, w: np.ndarray, g: np.ndarray, *, stride: int = 1,
                           padding: int = 0, dilation: int = 1) -> np.ndarray:
        grad = super().conv1d_weight_grad(x, w, g, stride=stride, padding=padding, dilation=dilation)
        return grad / np.shape(g)[-1]


class ShortWindowMaxPool(Conv):
    """Max pooling over the first r - 1 entries of each window (an off-by-one window)."""

    def max_pool1d(self, x: np.ndarray, window: int, stride: int) -> np.ndarray:
        return self._windows(x, window, stride)[..., : max(window - 1, 1)].max(axis=-1)


class UnitaryDFT(Conv):
    """The DFT scaled by 1/√N (numpy's norm="ortho") while the inverse keeps 1/N."""

    def dft(self, x: np.ndarray) -> np.ndarray:
        return np.fft.fft(np.asarray(x, dtype=float), norm="ortho")


class BiasAlwaysCounted(Conv):
    """A parameter count that includes the biases of a layer built without them."""

    def num_parameters(self, c_in: int, c_out: int, k_h: int, k_w: int, bias: bool) -> int:
        return super().num_parameters(c_in, c_out, k_h, k_w, True)


class BiasNeverCounted(Conv):
    """A parameter count without the biases."""

    def num_parameters(self, c_in: int, c_out: int, k_h: int, k_w: int, bias: bool) -> int:
        return super().num_parameters(c_in, c_out, k_h, k_w, False)


HERE = "tests.mutants.conv"
CID = "conv."


def dense(m: int, n: int, p: int, q: int, c: int, k: int) -> int:
    return (m - p + 1) * (n - q + 1) * k


MUTANTS = [
    Mutant(CID + "convolution_commutative", "the correlation integrand h(u + t) f(t)",
           form=(Formula(r"h(u+t)f(t)", lambda f, h, u, t: h(u + t) * f(t)), CONVOLUTION_FORMS[1])),
    Mutant(CID + "convolution_commutative", "a convolution that does not flip the kernel",
           impl=f"{HERE}:CorrelatingConvolve"),
    Mutant(CID + "commutative_associative", "a convolution that does not flip the kernel",
           impl=f"{HERE}:CorrelatingConvolve"),
    Mutant(CID + "shift_equivariance", "(f_Δ * h)(u) = (f * h)(u - Δ)",
           form=Formula(r"(f*h)(u-\Delta)", lambda conv, u, shift: conv(u - shift))),
    Mutant(CID + "integral_transform_linear", "a convolution plus a constant", impl=f"{HERE}:AffineConvolve"),
    Mutant(CID + "lti_is_convolution", "the impulse response read backwards",
           form=Formula(r"h = (T\delta)[-t]", lambda T: np.roll(T[::-1, 0], 1))),
    Mutant(CID + "discrete_convolution_commutative", "Σ_t f[t] h[u + t]",
           form=(Formula(r"f[t]h[u+t]", lambda f, h, u, t: f(t) * h(u + t)), CONVOLUTION_FORMS[1])),
    Mutant(CID + "multidim_discrete_convolution", "a convolution that does not flip the kernel",
           impl=f"{HERE}:CorrelatingConvolve"),
    Mutant(CID + "toeplitz_representation", "T(g)_{ut} = g[t - u]",
           form=Formula(r"g[t-u]", lambda g, row, col: g(col - row))),
    Mutant(CID + "toeplitz_representation", "a convolution that does not flip the kernel",
           impl=f"{HERE}:CorrelatingConvolve"),
    Mutant(CID + "cross_correlation_as_convolution", "h ⋆ f = h * f, the kernel not flipped",
           form=Formula(r"h * f", lambda ops, h, f: ops.conv(h, f))),
    Mutant(CID + "cross_correlation_as_convolution", "FFT correlation without the conjugate",
           impl=f"{HERE}:FFTCorrelate"),
    Mutant(CID + "cross_correlation_flip", "FFT correlation without the conjugate", impl=f"{HERE}:FFTCorrelate"),
    Mutant(CID + "cross_correlation_not_commutative", "FFT correlation without the conjugate (commutative)",
           impl=f"{HERE}:FFTCorrelate"),
    Mutant(CID + "cross_correlation_symmetric_kernel", "any kernel, not only a symmetric one",
           form=Formula(r"h", lambda h: h)),
    Mutant(CID + "cross_correlation_reflection", "(f ⋆ g)(-y) = (f ⋆ g)(y)",
           form=(REFLECTION[0], Formula(r"(f\star g)(y)", lambda ops, f, g, y: ops.corr(f, g)(y)))),
    Mutant(CID + "cross_correlation_2d_k4", "a layer that flips its kernel", impl=f"{HERE}:FlippedConv2d"),
    Mutant(CID + "multichannel_conv_def", "a layer that flips its kernel", impl=f"{HERE}:FlippedConv2d"),
    Mutant(CID + "toeplitz_valid_shape", "output size without the +1", impl=f"{HERE}:NoPlusOneConv1d"),
    Mutant(CID + "toeplitz_valid_shape", "(D - K) × D", form=Formula(r"(D-K)\times D", lambda d, k: (d - k, d))),
    Mutant(CID + "toeplitz_entries", "the flipped kernel h_{k-j+K} (true convolution)",
           form=Formula(r"h_{k-j+K}", lambda h, k, j, size: h(k - j + size) if k <= j <= k + size - 1 else 0.0)),
    Mutant(CID + "fourier_convolution_theorem", "an orthonormal DFT (1/√N) with the theorem unscaled",
           impl=f"{HERE}:UnitaryDFT"),
    Mutant(CID + "fourier_convolution_theorem", "F(f * h) = Ff + Fh",
           form=Formula(r"\mathcal{F}f+\mathcal{F}h", lambda ff, fh, conv: ff + fh)),
    Mutant(CID + "fourier_inverse", "the inverse with 1/(2π)", form=1 / (2 * sympy.pi)),
    Mutant(CID + "fourier_inverse", "an orthonormal DFT with the 1/N inverse", impl=f"{HERE}:UnitaryDFT"),
    Mutant(CID + "convolution_via_fft", "no zero padding: the circular convolution wraps around",
           form=Formula(r"L = \max(n, k)", lambda n, k: max(n, k))),
    Mutant(CID + "output_size_formula", "output size without the +1",
           form=(Formula(r"\lfloor\cdot\rfloor", lambda n, k, s, p, d: (n + 2 * p - d * (k - 1) - 1) // s), (1, 2, 3))),
    Mutant(CID + "output_size_formula", "output size without the dilation", form=(UNDILATED, (1, 2, 3))),
    Mutant(CID + "output_size_formula", "a layer that ignores its dilation", impl=f"{HERE}:IgnoresDilationConv1d"),
    Mutant(CID + "output_size_formula", "a layer that drops its last output", impl=f"{HERE}:NoPlusOneConv1d"),
    Mutant(CID + "same_padding_pad", "p = k", form=Formula("p = k", lambda k: k)),
    Mutant(CID + "same_padding_output_size", "o = i + ⌊k/2⌋ - (k - 1)",
           form=Formula(r"i+\lfloor k/2\rfloor-(k-1)", lambda i, k, s: i + k // 2 - (k - 1))),
    Mutant(CID + "full_padding_output_size", "o = i + k", form=Formula("i + k", lambda i, k: i + k)),
    Mutant(CID + "receptive_field_zero_gradient", "a layer that ignores its dilation",
           impl=f"{HERE}:IgnoresDilationConv1d"),
    Mutant(CID + "receptive_field_zero_gradient", "taps without the padding offset",
           form=Formula("j = is + md", lambda i, m, s, p, d: i * s + m * d)),
    Mutant(CID + "weight_sharing_gradient_sum", "the shared gradient averaged, not summed",
           impl=f"{HERE}:MeanWeightGrad"),
    Mutant(CID + "receptive_field_recursion", "the strides forgotten: 1 + Σ(k_l - 1)",
           form=Formula(r"1+\sum(k_l-1)", lambda ks, ss: 1 + sum(k - 1 for k in ks))),
    Mutant(CID + "dilated_receptive_field_exponential", "linear growth 1 + (k - 1)L",
           form=Formula("1 + (k-1)L", lambda k, depth: 1 + (k - 1) * depth)),
    Mutant(CID + "stacked_3x3_receptive_field", "the receptive field of a 7 × 7 layer", form=7),
    Mutant(CID + "max_pooling_1d", "a window one short", impl=f"{HERE}:ShortWindowMaxPool"),
    Mutant(CID + "max_pooling_1d", "offsets 1..r", form=Formula(r"1\le k\le r", lambda r: range(1, r + 1))),
    Mutant(CID + "param_count", "biases counted in a layer without them", impl=f"{HERE}:BiasAlwaysCounted"),
    Mutant(CID + "param_count", "C_out + C_in + k_h + k_w",
           form=Formula("sum", lambda c_in, c_out, k_h, k_w: c_in + c_out + k_h + k_w)),
    Mutant(CID + "param_count_cnn", "parameter count without the bias", impl=f"{HERE}:BiasNeverCounted"),
    Mutant(CID + "param_count_cnn", "Kpqc, no biases", form=Formula("Kpqc", lambda c, k, p, q: k * p * q * c)),
    Mutant(CID + "valid_conv_output_size", "(m - p) × (n - q) × K",
           form=Formula(r"(m-p)\times(n-q)\times K", lambda m, n, p, q, c, k: (m - p, n - q, k))),
    Mutant(CID + "param_count_fully_connected", "no biases: mnc(m - p + 1)(n - q + 1)K",
           form=Formula("mnc outputs", lambda m, n, p, q, c, k: m * n * c * dense(m, n, p, q, c, k))),
    Mutant(CID + "param_count_locally_connected", "no biases: pqc(m - p + 1)(n - q + 1)K",
           form=Formula("pqc outputs", lambda m, n, p, q, c, k: p * q * c * dense(m, n, p, q, c, k))),
    Mutant(CID + "multichannel_output_shape", "stride 1 (a 5 × 5 × 2 output)", form=1),
    Mutant(CID + "direct_conv_cost", "(d - q)²q² taken as exact",
           form=Cost(Formula(r"(d-q)^2q^2", lambda d, q: (d - q) ** 2 * q * q))),
    Mutant(CID + "separable_conv_cost", "2dq(d - q + 1) taken as exact",
           form=Cost(Formula(r"2dq(d-q+1)", lambda d, q: 2 * d * q * (d - q + 1)))),
]
