"""Losses: binary and softmax cross-entropy, the logistic loss, distillation, the Gaussian NLL (documents
000, 001, 003).

Each identity is proved with SymPy from the loss's definition (:mod:`.forms`), then the implementation
under test (``impls.losses``, or ``torch.nn`` losses with autograd through ``--impl``) is compared with
the proved formula on float64 logits from subnormal to ±1e300, where a loss computed as written,
log(1 + e^{-z}) or log Σ e^{z_j}, overflows.

The boundary checks only the shape of what a method returns: an infinite or NaN loss where the
mathematics is finite is a wrong value, which the claim refutes with its input.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.losses import LossesImpl
from theorems.engine import Boundary, Topic, as_array


def like_logits(result: Any, z: np.ndarray, y: np.ndarray) -> np.ndarray:
    """An element-wise loss of the logits ``z``: a float array of their shape."""
    return as_array(result, what="the element-wise loss", shape=np.shape(z), finite=False)


def like_parameters(result: Any, theta: np.ndarray, x: np.ndarray, y: int) -> np.ndarray:
    """A gradient with respect to the parameters ``θ``: a float array of their shape."""
    return as_array(result, what="the gradient", shape=np.shape(theta), finite=False)


def like_student(result: Any, teacher: np.ndarray, student: np.ndarray, temperature: float) -> np.ndarray:
    """A gradient with respect to the student's logits: a float vector of their length."""
    return as_array(result, what="the gradient", shape=np.shape(student), finite=False)


def scalar(result: Any, *args: Any) -> float:
    """A loss summed over its inputs: one float."""
    return float(as_array(result, what="the loss", shape=(), finite=False))


TOPIC = Topic(
    "losses",
    "Loss functions",
    summary="Binary cross-entropy and its sign form, the ±1 logistic loss, softmax cross-entropy in logits "
            "(and in bits), the skip-gram NLL, soft-target cross-entropy against entropy, tempered "
            "distillation and its gradient, the Gaussian NLL as a squared loss; proved with SymPy and "
            "checked in float64 against NumPy and torch.nn losses with autograd.",
    sections=("binary", "softmax", "distillation", "gaussian"),
    boundary=Boundary(
        LossesImpl,
        reference="impls.losses:Losses",
        outputs={
            "binary_cross_entropy": like_logits, "logistic_loss": like_logits,
            **dict.fromkeys(("binary_cross_entropy_gradient", "logistic_loss_gradient",
                             "softmax_regression_gradient"), like_parameters),
            **dict.fromkeys(("cross_entropy", "soft_cross_entropy", "distillation_loss", "gaussian_nll",
                             "squared_loss"), scalar),
            "distillation_gradient": like_student,
        },
    ),
    libraries=("torch",),
)

HINTON = "Hinton, Vinyals & Dean (2015), Distilling the knowledge in a neural network, §2"
MIKOLOV = "Mikolov et al. (2013), Distributed representations of words and phrases, §2.2"
COVER_THOMAS = "Cover & Thomas (2006), Elements of information theory, Thm 2.6.3 (Gibbs' inequality)"
