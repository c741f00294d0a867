"""Dropout: the ensemble of masked networks, weight scaling at inference, and the geometric mean
(documents 000, 001, 003).

The implementation under test (``impls.dropout``, or PyTorch's ``nn.Dropout`` in training mode through
``--impl``) is checked by exact tests on what it draws: an exact binomial test of the kept fraction,
Hoeffding tests of the ensemble's average prediction and of a linear unit's mean, and an exact check
that every output is 0 or x/(1 - p). The mask law and the geometric-mean identity are checked exactly.

The boundary checks that ``dropout`` returns a finite float array of the shape of its input.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.dropout import DropoutImpl
from theorems.engine import Boundary, Topic, as_array


def same_shape(result: Any, x: np.ndarray, *_: Any) -> np.ndarray:
    """A finite float array of the shape of the input."""
    return as_array(result, what="the dropout output", shape=np.shape(x))


TOPIC = Topic(
    "dropout",
    "Dropout",
    summary="Dropout as an ensemble of 2^R masked networks, the keep probability and the inverted 1/(1 - p) "
            "scaling of NumPy and PyTorch tested exactly (binomial, Hoeffding), weight scaling at inference, and "
            "the exact geometric-mean ensemble of softmax regression.",
    sections=("ensemble",),
    boundary=Boundary(DropoutImpl, reference="impls.dropout:Dropout", outputs={"dropout": same_shape}),
    libraries=("torch",),
)

SRIVASTAVA = "Srivastava, Hinton, Krizhevsky, Sutskever & Salakhutdinov (2014), Dropout, JMLR 15, §10"
GOODFELLOW = "Goodfellow, Bengio & Courville (2016), Deep Learning, §7.12"
