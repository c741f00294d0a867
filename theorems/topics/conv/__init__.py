"""Convolutions: true convolution and cross-correlation, their algebra, the Toeplitz and Fourier forms,
output sizes, receptive fields, parameter counts and pooling (documents 000-004).

The documents use "convolution" for two operations. The identities of signal processing
(commutativity, associativity, shift equivariance, the Fourier theorem) are about the true,
flipped-kernel convolution ``(f * h)[u] = Σ_t f[t] h[u - t]``; what a deep-learning layer computes
(``torch.nn.Conv2d``) is the cross-correlation ``Σ_t w[t] x[u + t]``. Each claim says which it means.

Identities of the continuous convolution are proved with SymPy by the substitution that proves them
(every step kept) and checked on finite integer-valued signals on ℤ, where the sums are exact, against
the implementation under test (``impls.conv``, or PyTorch's ``conv_transpose``/``conv*d``/``fft``
through ``--impl``). Output sizes, receptive fields and parameter counts are enumerated exhaustively
over small grids of sizes, strides, paddings and dilations against the shapes the implementation
returns and the connections its Jacobian has.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.conv import ConvImpl
from theorems.engine import Boundary, ImplementationError, Topic, as_array, as_int


def real(result: Any, *args: Any, **kwargs: Any) -> np.ndarray:
    """A convolution, correlation or pooling output: a finite float array (its shape is what claims check)."""
    return as_array(result, what="the output")


def spectrum(result: Any, *args: Any) -> np.ndarray:
    """A DFT or inverse DFT: a finite complex vector of its input's length."""
    try:
        values = np.asarray(result, dtype=np.complex128)
    except (TypeError, ValueError) as exc:
        raise ImplementationError(f"the transform is not numeric: {result!r:.200}") from exc
    if values.shape != np.shape(args[0]) or not np.all(np.isfinite(values)):
        raise ImplementationError(f"the transform has shape {values.shape} or non-finite entries: {values!r:.200}")
    return values


def count(result: Any, *args: Any) -> int:
    return as_int(result, what="the parameter count")


TOPIC = Topic(
    "conv",
    "Convolutions",
    summary="Commutativity, associativity and shift equivariance of convolution, cross-correlation as "
            "convolution with the flipped kernel, Toeplitz and Fourier forms, output sizes with padding, "
            "stride and dilation, receptive fields, parameter counts and pooling; proved with SymPy, "
            "enumerated exhaustively, and checked in float64 against NumPy and PyTorch.",
    sections=("algebra", "correlation", "fourier", "layers", "counts"),
    boundary=Boundary(
        ConvImpl,
        reference="impls.conv:Conv",
        outputs={**dict.fromkeys(("convolve", "correlate", "conv1d", "conv2d", "conv1d_weight_grad",
                                  "max_pool1d", "avg_pool1d"), real),
                 "dft": spectrum, "idft": spectrum, "num_parameters": count},
    ),
    libraries=("torch",),
)

OPPENHEIM = "Oppenheim & Schafer (2010), Discrete-time signal processing, §2.3 and §8.7"
GOODFELLOW = "Goodfellow, Bengio & Courville (2016), Deep learning, §9.1-9.5"
DUMOULIN = "Dumoulin & Visin (2016), A guide to convolution arithmetic for deep learning, §2-§5"
ARAUJO = "Araujo, Norris & Sim (2019), Computing receptive fields of convolutional neural networks, Distill"
