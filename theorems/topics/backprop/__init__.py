"""Backpropagation: the chain rule in the documents' notations (documents 000-004).

The index notation of document 000 (∂h/∂w_ij = δ_i φ'_i x_j), the deltas and the recursion of
document 003 (δ^ℓ = ∂L/∂x^ℓ ⊙ φ'(u^ℓ), ∂L/∂x^ℓ = (W^{ℓ+1})ᵀ δ^{ℓ+1}) and the Jacobian products of
document 001 (∂F = ∂F_k ⋯ ∂F_1, ξ_l = ξ_{l+1} ∂F_l) are checked on the implementation under test
(``impls.backprop``, or PyTorch's autograd through ``--impl``) over random architectures, depths and
batches drawn by Hypothesis: each quantity the implementation returns equals the formula evaluated on
the implementation's own forward pass, to the rounding of the sums involved. The scalar identities
(ridge units, residual and convolution layers, the tensor chain rule) are proved in SymPy for
arbitrary differentiable functions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from impls.backprop import BackpropImpl, Network
from theorems.engine import Boundary, ImplementationError, Topic, as_array

Shapes = Callable[[Network, np.ndarray], list[tuple[int, ...]]]


def _layers(what: str, shapes: Shapes) -> Callable[..., list[np.ndarray]]:
    """The check of a method that returns one float array per layer, of the shapes given."""

    def check(result: Any, net: Network, x: np.ndarray, *_: Any) -> list[np.ndarray]:
        expected = shapes(net, np.asarray(x))
        if not isinstance(result, list | tuple) or len(result) != len(expected):
            count = len(result) if isinstance(result, list | tuple) else type(result).__name__
            raise ImplementationError(f"{what}: expected a list of {len(expected)} arrays, got {count}")
        return [as_array(r, what=f"{what}[{i}]", shape=s)
                for i, (r, s) in enumerate(zip(result, expected, strict=True))]

    return check


def jacobian(result: Any, net: Network, x: np.ndarray) -> np.ndarray:
    """The network's Jacobian at one input: an ``n_L × n_0`` float matrix."""
    return as_array(result, what="the Jacobian", shape=(net.widths[-1], net.widths[0]))


TOPIC = Topic(
    "backprop",
    "Backpropagation",
    summary="The chain rule of a multilayer network in the documents' index, delta and Jacobian-product "
            "notations, checked against NumPy and PyTorch autograd over random architectures; ReLU "
            "Jacobians; residual, convolution and tensor chain rules proved in SymPy.",
    sections=("layers", "jacobians", "relu", "convolution", "structures"),
    boundary=Boundary(
        BackpropImpl,
        reference="impls.backprop:Backprop",
        outputs={
            "forward": _layers("the activations", lambda n, x: [(len(x), w) for w in n.widths]),
            "errors": _layers("the errors ∂ℓ/∂x^l", lambda n, x: [(len(x), w) for w in n.widths]),
            "deltas": _layers("the deltas", lambda n, x: [(len(x), w) for w in n.widths[1:]]),
            "weight_gradients": _layers("the weight gradients", lambda n, _: [w.shape for w in n.weights]),
            "bias_gradients": _layers("the bias gradients", lambda n, _: [b.shape for b in n.biases]),
            "jacobian": jacobian,
        },
    ),
    libraries=("torch",),
)
