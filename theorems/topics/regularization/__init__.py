"""Norm-based regularization: weight decay, ridge shrinkage, early stopping, L1 and bagging (documents 000, 001, 003).

The weight-decay update, the shrinkage of the local quadratic model's minimum along the Hessian's
eigendirections (each eigen-component scaled by λ_i/(λ_i + μ)), the risk-optimal ridge strength of a
linear teacher, early stopping as implicit L2 regularization, soft-thresholding for L1, the projection
onto a norm ball, and AdamW's decoupled decay against Adam's L2 penalty. Formulas are proved in SymPy
or checked against their optimality conditions; the implementation under test (``impls.regularization``,
or PyTorch through ``--impl``) is compared with them in float64.

The boundary checks only shapes and finiteness of what a method returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from impls.regularization import RegularizationImpl
from theorems.engine import Boundary, ImplementationError, Topic, as_array


def solution(result: Any, first: np.ndarray, second: np.ndarray, mu: float) -> np.ndarray:
    """``ridge(H, θ*, μ)`` or ``ridge_regression(X, y, μ)``: one coefficient per column of the matrix."""
    return as_array(result, what="the regularized minimizer", shape=(np.shape(first)[1],))


def path(result: Any, grad: Any, x0: np.ndarray, *args: Any) -> np.ndarray:
    """The iterates θ_0 … θ_steps (``steps`` is the last argument)."""
    return as_array(result, what="the trajectory", shape=(args[-1] + 1, *np.shape(x0)))


def layer_gradients(result: Any, layers: Sequence[np.ndarray], mus: Sequence[float]) -> list[np.ndarray]:
    """One gradient per layer, of that layer's shape."""
    if not isinstance(result, list | tuple) or len(result) != len(layers):
        raise ImplementationError(f"penalty_gradient returned {type(result).__name__}, expected {len(layers)} arrays")
    return [as_array(g, what=f"the gradient of layer {i + 1}", shape=np.shape(w))
            for i, (g, w) in enumerate(zip(result, layers, strict=True))]


def like_first(result: Any, v: np.ndarray, *args: Any) -> np.ndarray:
    """A result of the shape of the first argument (projection, soft-threshold)."""
    return as_array(result, what="the result", shape=np.shape(v))


TOPIC = Topic(
    "regularization",
    "Regularization: weight decay, shrinkage, early stopping, L1",
    summary="Weight decay as an update (SGD's weight_decay, Adam's coupled L2 against AdamW's decoupled decay), "
            "ridge shrinkage λ/(λ+μ) along Hessian eigendirections, the optimal ridge strength σ²/u² of a "
            "linear teacher (Monte-Carlo, exact χ² test), early stopping as L2, soft-thresholding, the "
            "projection onto a ball and bagging; on NumPy and PyTorch.",
    sections=("updates", "shrinkage", "early_stopping", "sparsity", "bagging"),
    boundary=Boundary(
        RegularizationImpl,
        reference="impls.regularization:Regularization",
        outputs={"ridge": solution, "ridge_regression": solution, "weight_decay_gd": path, "adam": path,
                 "penalty_gradient": layer_gradients, "project_ball": like_first, "soft_threshold": like_first},
    ),
    libraries=("torch",),
)

GOODFELLOW = "Goodfellow, Bengio & Courville (2016), Deep Learning, §7.1.1 (L2), §7.1.2 (L1), §7.8 (early stopping)"
LOSHCHILOV = "Loshchilov & Hutter (2019), Decoupled weight decay regularization (AdamW)"
HOERL = "Hoerl & Kennard (1970), Ridge regression"
