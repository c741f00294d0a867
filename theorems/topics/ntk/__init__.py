"""The neural tangent kernel: linearisation, the dual (kernel) representation, kernel regression,
function-space gradient flow, and the infinite-width limit (documents 000, 002, 003, 004).

The implementation under test (``impls.ntk``, a NumPy ReLU MLP with explicit backpropagation, or
PyTorch's ``torch.func`` through ``--impl``) gives the network's output and Jacobian, its empirical
NTK, and kernel regression. Each is checked against what the mathematics fixes independently of it:
its Jacobian and NTK against exact directional derivatives of its own output (along a segment where no
ReLU changes its state the output is a polynomial in the step, so Richardson's central difference is
exact); the closed-form dynamics against a numerically integrated gradient flow; the empirical NTK at
initialisation against the closed-form arc-cosine kernel of the infinite-width limit, by a calibrated
Chebyshev–binomial test whose threshold shrinks like 1/√width. The identities of the chain rule are
proved with SymPy.

The boundary checks only shapes and finiteness of what each method returns.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.ntk import NTKImpl, parameter_count
from theorems.engine import Boundary, Topic, as_array


def outputs(result: Any, theta: np.ndarray, widths: Any, x: np.ndarray) -> np.ndarray:
    """f(θ)(x) for each row of x."""
    return as_array(result, what="the output", shape=(len(x),))


def jacobian(result: Any, theta: np.ndarray, widths: Any, x: np.ndarray) -> np.ndarray:
    """One gradient row per input."""
    return as_array(result, what="the Jacobian", shape=(len(x), parameter_count(widths)))


def kernel(result: Any, theta: np.ndarray, widths: Any, x1: np.ndarray, x2: np.ndarray) -> np.ndarray:
    """The NTK matrix k(x1, x2)."""
    return as_array(result, what="the NTK", shape=(len(x1), len(x2)))


def coefficients(result: Any, gram: np.ndarray, residual: np.ndarray) -> np.ndarray:
    return as_array(result, what="the coefficients", shape=np.shape(residual))


def prediction(result: Any, cross: np.ndarray, *_: Any) -> np.ndarray:
    return as_array(result, what="the prediction", shape=(len(cross),))


def trajectory_point(result: Any, gram: np.ndarray, f0: np.ndarray, *_: Any) -> np.ndarray:
    return as_array(result, what="f_t", shape=np.shape(f0))


TOPIC = Topic(
    "ntk",
    "Neural tangent kernel",
    summary="Linearisation of a network around its initialisation, the NTK as the Gram matrix of parameter "
            "gradients, kernel regression as the trained linearised model, function-space gradient flow and its "
            "closed form, and the convergence of the empirical NTK of ReLU networks to the arc-cosine limit as "
            "the width grows; NumPy explicit Jacobians and torch.func checked against exact derivatives, an "
            "integrated flow and the infinite-width kernel.",
    sections=("linearised", "regression", "width"),
    boundary=Boundary(
        NTKImpl,
        reference="impls.ntk:MLP",
        outputs={"output": outputs, "jacobian": jacobian, "ntk": kernel, "coefficients": coefficients,
                 "predict": prediction, "dynamics": trajectory_point},
    ),
    libraries=("torch",),
)

JACOT = "Jacot, Gabriel & Hongler (2018), Neural tangent kernel: convergence and generalization in neural networks"
LEE = "Lee et al. (2019), Wide neural networks of any depth evolve as linear models under gradient descent"
ARORA = "Arora et al. (2019), On exact computation with an infinitely wide neural net, §3 and Appendix E"
CHO_SAUL = "Cho & Saul (2009), Kernel methods for deep learning (arc-cosine kernels)"
