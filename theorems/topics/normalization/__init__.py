"""Normalisation: standardisation, batch and layer normalisation, weight normalisation and its gradients,
and the scale invariance of all three (documents 000, 001, 003).

The standardisation identities are proved with SymPy on a symbolic sample, the weight-normalisation
gradients by the chain rule in SymPy; the implementation under test (``impls.normalization``, or
PyTorch's ``BatchNorm1d`` in training mode, ``LayerNorm`` and ``weight_norm`` through ``--impl``) is
checked against the definitions on float64 batches whose mean is up to 10⁴ of their spread, with
tolerances from the size of that cancellation.

The boundary checks that each method returns a finite float array of the shape of its input.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.normalization import NormalizationImpl
from theorems.engine import Boundary, Topic, as_array


def same_shape(result: Any, x: np.ndarray, *_: Any) -> np.ndarray:
    """A finite float array of the shape of the input."""
    return as_array(result, what="the normalised array", shape=np.shape(x))


TOPIC = Topic(
    "normalization",
    "Normalisation layers",
    summary="Standardisation to mean 0 and variance 1 proved with SymPy; batch and layer normalisation checked "
            "against their definitions (biased variance, ε, affine parameters) and their scale invariance, "
            "on NumPy and PyTorch; weight-normalisation gradients proved by the chain rule.",
    sections=("layers", "weightnorm"),
    boundary=Boundary(
        NormalizationImpl,
        reference="impls.normalization:Normalization",
        outputs=dict.fromkeys(("batch_norm", "layer_norm", "weight_norm"), same_shape),
    ),
    libraries=("torch",),
)

IOFFE = "Ioffe & Szegedy (2015), Batch normalization, Algorithm 1"
BA = "Ba, Kiros & Hinton (2016), Layer normalization, §3"
SALIMANS = "Salimans & Kingma (2016), Weight normalization, §2.1"
