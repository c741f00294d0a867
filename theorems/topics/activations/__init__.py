"""Activation functions: logistic, tanh, softmax, ReLU, |z|, softplus, ELU, GELU (documents 000-003).

Identities are proved with SymPy from the definitions (:mod:`.forms`), then the implementation
under test (``impls.activations``, or PyTorch's autograd through ``--impl``) is checked against the
proved formula on float64 inputs from subnormal to ±1e300, where saturation, cancellation and the
overflow of naive formulas show.

The boundary checks only the shape of what a method returns: an infinite or NaN value where the
mathematics is finite (an overflowing ``exp``) is a wrong value, so the claim refutes it with the
input, rather than a broken implementation.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.activations import ActivationsImpl
from theorems.engine import Boundary, Topic, as_array


def elementwise(result: Any, z: np.ndarray) -> np.ndarray:
    """An element-wise activation (or derivative) of ``z``: a float array of the shape of ``z``."""
    return as_array(result, what="the element-wise result", shape=np.shape(z), finite=False)


def vector(result: Any, z: np.ndarray) -> np.ndarray:
    """Softmax of the logit vector ``z``: a float vector of its length."""
    return as_array(result, what="softmax", shape=np.shape(z), finite=False)


def jacobian(result: Any, z: np.ndarray) -> np.ndarray:
    """The Jacobian of a map of the vector ``z`` to a vector of its length: a square matrix."""
    return as_array(result, what="the Jacobian", shape=(len(z), len(z)), finite=False)


ELEMENTWISE = ("sigmoid", "sigmoid_derivative", "sigmoid_second_derivative", "logit", "tanh", "tanh_derivative",
               "relu", "relu_derivative", "abs_derivative", "softplus", "elu", "gelu")

TOPIC = Topic(
    "activations",
    "Activation functions",
    summary="Logistic and tanh identities and derivatives, softmax and its Jacobian, subdifferentials of ReLU "
            "and |z|, ranges of softplus and ELU, GELU, ReLU activation patterns; proved with SymPy and checked "
            "in float64 against NumPy and PyTorch autograd.",
    sections=("sigmoid", "softmax", "piecewise_linear", "smooth", "units"),
    boundary=Boundary(
        ActivationsImpl,
        reference="impls.activations:Activations",
        outputs={**dict.fromkeys(ELEMENTWISE, elementwise), "softmax": vector,
                 "sigmoid_jacobian": jacobian, "softmax_jacobian": jacobian},
    ),
    libraries=("torch",),
)

HENDRYCKS = "Hendrycks & Gimpel (2016), Gaussian error linear units (GELUs)"
CLEVERT = "Clevert, Unterthiner & Hochreiter (2016), Fast and accurate deep network learning by ELUs"
ROCKAFELLAR = "Rockafellar (1970), Convex analysis, §23 (subgradients)"
