"""Miscellaneous claims: dense and residual layers, word2vec, image kernels, the Fourier transform and
inverse filtering, McCulloch–Pitts and Turing units, two counting identities and fairness criteria
(documents 000, 001 and 003).

Fourier facts are proved with SymPy in the document's convention (F f)(u) = ∫ f(x) e^{-2πi xu} dx, on
Gaussians (closed-form integrals) and for δ through its action on test functions, then checked in their
discrete form (the implementation's ``dft2``) on small integer images, where every sum is nearly exact.
Boolean units are enumerated exhaustively over every input, weight pattern and threshold up to n = 5;
inverse filters are compared with the least-squares restoration computed without any Fourier transform;
the fairness definitions with their stated implications on every joint distribution of a rational grid.

The boundary checks only what each method returns (a finite number, array or 0/1 pattern); its values
are the claims' business.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.misc import MiscImpl
from theorems.engine import Boundary, ImplementationError, Topic, as_array, as_int


def real(result: Any, *_: Any) -> np.ndarray:
    """A finite float array (a layer's output, a kernel, a filtered image, a probability vector)."""
    return as_array(result, what="the result")


def probabilities(result: Any, *_: Any) -> np.ndarray:
    """A probability vector, non-finite entries allowed: an overflowing exponential is a wrong value that the
    claim refutes with its input."""
    return as_array(result, what="the probabilities", finite=False)


def spectrum(result: Any, *_: Any) -> np.ndarray:
    """A finite complex array (a DFT or an inverse DFT)."""
    try:
        values = np.asarray(result, dtype=np.complex128)
    except (TypeError, ValueError) as exc:
        raise ImplementationError(f"the transform is not numeric: {result!r:.200}") from exc
    if not np.all(np.isfinite(values)):
        raise ImplementationError(f"the transform is not finite: {values!r:.200}")
    return values


def bits(result: Any, *_: Any) -> np.ndarray:
    """A 0/1 integer array (the output of a Boolean unit)."""
    values = as_array(result, what="the unit's output")
    if not np.all(np.isin(values, (0.0, 1.0))):
        raise ImplementationError(f"a Boolean unit returned values other than 0 and 1: {values!r:.200}")
    return values.astype(np.int64)


def count(result: Any, *_: Any) -> int:
    return as_int(result, what="the parameter count")


TOPIC = Topic(
    "misc",
    "Miscellaneous: layers, word2vec, image kernels, Fourier facts, Boolean units, fairness",
    summary="The dense layer's m(n+1) parameters, the residual layer's identity at zero and its 2^L paths, the "
            "word2vec softmax, Gaussian, Sobel and motion-blur kernels, the Fourier transform of δ and its "
            "linearity and duality (SymPy), inverse and regularised inverse filtering against least squares, "
            "McCulloch–Pitts units as DNFs and Turing's NAND networks by exhaustive enumeration, Pascal's rule, "
            "the square of a sum and the fairness criteria on finite joint distributions.",
    sections=("layers", "kernels", "fourier", "units", "identities"),
    boundary=Boundary(
        MiscImpl,
        reference="impls.misc:Misc",
        outputs={**dict.fromkeys(("dense", "residual", "gaussian_kernel", "sobel_x",
                                  "motion_blur_kernel", "filter2d", "inverse_filter",
                                  "regularized_inverse_filter"), real),
                 "word2vec_probabilities": probabilities, "dft2": spectrum, "idft2": spectrum,
                 "dense_num_parameters": count,
                 **dict.fromkeys(("mcculloch_pitts", "nand", "switch"), bits)},
    ),
    libraries=("torch",),
)

GOODFELLOW = "Goodfellow, Bengio & Courville (2016), Deep learning, §6.3-6.4 (layers), §8.7 (skip connections)"
HE = "He, Zhang, Ren & Sun (2016), Deep residual learning for image recognition"
VEIT = "Veit, Wilber & Belongie (2016), Residual networks behave like ensembles of relatively shallow networks"
MIKOLOV = "Mikolov, Sutskever, Chen, Corrado & Dean (2013), Distributed representations of words and phrases"
GONZALEZ = "Gonzalez & Woods (2018), Digital image processing, 4th ed., §3.5-3.6 (kernels), §5.7-5.8 (restoration)"
BRACEWELL = "Bracewell (2000), The Fourier transform and its applications, 3rd ed., ch. 5-6"
MCCULLOCH = "McCulloch & Pitts (1943), A logical calculus of the ideas immanent in nervous activity"
TURING = "Turing (1948), Intelligent machinery (type A and type B unorganised machines)"
GRAHAM = "Graham, Knuth & Patashnik (1994), Concrete mathematics, 2nd ed., §5.1"
HARDT = "Hardt, Price & Srebro (2016), Equality of opportunity in supervised learning"
BAROCAS = "Barocas, Hardt & Narayanan (2023), Fairness and machine learning, ch. 3"
