"""Willshaw memories (document 001).

Willshaw, Buneman & Longuet-Higgins (1969) and Palm (1980): sparse binary pattern pairs stored in
the clipped Hebbian matrix Θ = min(1, Σ_t y^t (x^t)ᵀ) are recalled by thresholding Θ x at r; the
memory stores ln 2 bits per synapse, with half of the synapses set.

The boundary below validates what a :class:`~impls.willshaw.WillshawImpl` returns: a memory matrix
of the size of its pattern pairs, a recall of ``0/1`` entries.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.willshaw import WillshawImpl
from theorems.engine import Boundary, ImplementationError, Topic, as_array

WILLSHAW = "Willshaw, Buneman & Longuet-Higgins (1969), Non-holographic associative memory; Palm (1980)"


def checked_memory(theta: Any, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    return as_array(theta, what="the memory matrix", shape=(np.shape(ys)[1], np.shape(xs)[1]))


def checked_recall(y: Any, theta: np.ndarray, x: np.ndarray, r: int) -> np.ndarray:
    recalled = as_array(y, what="the recalled pattern", shape=(np.shape(theta)[0],))
    if not np.all((recalled == 0) | (recalled == 1)):
        raise ImplementationError("the recalled pattern has entries other than 0/1")
    return recalled


TOPIC = Topic(
    "willshaw",
    "Willshaw memories",
    summary="The clipped Hebbian memory of sparse pattern pairs: its definitions, recall of what was "
    "stored, and its capacity of ln 2 bits per synapse.",
    sections=("memory", "capacity"),
    boundary=Boundary(
        WillshawImpl,
        reference="impls.willshaw:Willshaw",
        outputs={"store": checked_memory, "recall": checked_recall},
    ),
)
