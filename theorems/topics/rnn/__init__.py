"""Recurrent networks: backpropagation through time, Jacobian products, vanishing and exploding
gradients, linear recurrences and the LRU, LSTM and GRU cells, CTC (documents 000-004).

The BPTT formulas of the documents are evaluated on the implementation's own forward pass and
compared with the gradients it returns (``impls.rnn``'s explicit backward recursion, or PyTorch's
autograd through ``torch.nn.RNN``/``RNNCell`` with the weights copied in, via ``--impl``); the
gradient bound ``‖∂z_T/∂z_t‖₂ ≤ (γ σ_max(W))^{T-t}`` is pushed to its tightest instance over
horizons up to hundreds of steps; the stability of ``z_{t+1} = A z_t`` is checked on matrices of
known Jordan structure; the LSTM and GRU equations are compared step by step with the cell under
test; the LRU and annulus parameterisations are proved in SymPy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from impls.rnn import RNNImpl
from theorems.engine import Boundary, ImplementationError, Topic, as_array


def _shaped(what: str, shape: Callable[..., tuple[int, ...]]) -> Callable[..., np.ndarray]:
    def check(result: Any, *args: Any) -> np.ndarray:
        return as_array(result, what=what, shape=shape(*args), finite=False)

    return check


def _pair(what: str, shapes: Callable[..., tuple[tuple[int, ...], tuple[int, ...]]]) -> Callable[..., tuple]:
    def check(result: Any, *args: Any) -> tuple[np.ndarray, np.ndarray]:
        if not isinstance(result, list | tuple) or len(result) != 2:
            raise ImplementationError(f"{what}: expected a pair of arrays (recurrent, input)")
        first, second = shapes(*args)
        return (as_array(result[0], what=f"{what} (recurrent)", shape=first, finite=False),
                as_array(result[1], what=f"{what} (input)", shape=second, finite=False))

    return check


def _likelihood(result: Any, *_: Any) -> float:
    return float(as_array(result, what="the CTC likelihood", shape=()))


TOPIC = Topic(
    "rnn",
    "Recurrent networks",
    summary="Backpropagation through time in the documents' notations against an explicit BPTT and "
            "PyTorch autograd; Jacobian products and the vanishing-gradient bound (tightest instance, "
            "horizons of hundreds of steps); stability of linear recurrences; LRU; LSTM/GRU; CTC.",
    sections=("bptt", "gradients", "linear", "gated", "sequences"),
    boundary=Boundary(
        RNNImpl,
        reference="impls.rnn:Rnn",
        outputs={
            "forward": _shaped("the states", lambda net, x: (len(x) + 1, net.width)),
            "jacobians": _shaped("the Jacobians", lambda net, x: (len(x) + 1, net.width, net.width)),
            "state_gradients": _shaped("∂L/∂z_t", lambda net, x, y: (len(x), net.width)),
            "step_gradients": _pair("the per-step gradients", lambda net, x, y: (
                (len(x), net.width, net.width), (len(x), net.width, net.input.shape[1]))),
            "weight_gradients": _pair("the weight gradients", lambda net, x, y: (
                (net.width, net.width), (net.width, net.input.shape[1]))),
            "linear": _shaped("the linear states", lambda a, b, x, z0: (len(x) + 1, len(z0))),
            "lstm": _shaped("the LSTM states", lambda cell, x, h0, c0: (len(x) + 1, 2 * len(h0))),
            "gru": _shaped("the GRU states", lambda cell, x, h0: (len(x) + 1, len(h0))),
            "ctc_likelihood": _likelihood,
        },
    ),
    libraries=("torch",),
)
