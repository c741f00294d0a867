"""Recurrent networks in float64 NumPy: a simple RNN with an explicit backpropagation through time,
linear recurrences, LSTM and GRU cells, and the CTC likelihood (documents 000-004).

The simple RNN (:class:`RNN`) is ``z_t = φ(W z_{t-1} + U x_t + b)``, ``t = 1 … T``, from a given
``z_0``, with the linear read-out ``ŷ_t = V z_t`` and the loss ``L = Σ_t ½‖ŷ_t - y_t‖²``. (Document
000 calls the recurrent weight ``U`` and the input weight ``V``; documents 001 and 003 write ``W``
and ``U`` as here.) A sequence ``x`` has one step per row (``T × n``), ``y`` is ``T × q``.

The backward pass is the explicit recursion of backpropagation through time: the total derivative
``g_t = ∂L/∂z_t`` obeys ``g_T = Vᵀ(ŷ_T - y_T)``, ``g_t = Vᵀ(ŷ_t - y_t) + Wᵀ(φ'(a_{t+1}) ⊙ g_{t+1})``
(``a_t`` the pre-activation), and the gradient with respect to the copy ``W_t`` of the recurrent
weight used at step ``t`` is ``(φ'(a_t) ⊙ g_t) z_{t-1}ᵀ``; the shared weight's gradient is their sum.

Any implementation with the :class:`RNNImpl` protocol can be checked::

    theorems check rnn --impl mypackage.module:MyRNN
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np

from impls.backprop import ACTIVATIONS as LAYER_ACTIVATIONS

Array = np.ndarray

LECUN = (1.7159, 2.0 / 3.0)
"""LeCun's scaled tanh ``a tanh(c u)``: its slope at 0, ``a c ≈ 1.144``, exceeds 1."""

ACTIVATIONS: dict[str, tuple[Callable[[Array], Array], Callable[[Array], Array]]] = {
    **LAYER_ACTIVATIONS,
    "scaled_tanh": (lambda u: LECUN[0] * np.tanh(LECUN[1] * u),
                    lambda u: LECUN[0] * LECUN[1] * (1 - np.tanh(LECUN[1] * u) ** 2)),
}
"""Each activation φ with its derivative φ' (those of :mod:`impls.backprop` and LeCun's scaled tanh)."""

GAIN: dict[str, float] = {"tanh": 1.0, "sigmoid": 0.25, "softplus": 1.0, "relu": 1.0, "identity": 1.0,
                          "scaled_tanh": LECUN[0] * LECUN[1]}
"""``γ = sup_u |φ'(u)|`` of each activation."""

BLANK = 0
"""The CTC blank symbol's index."""


def sigmoid(u: Array) -> Array:
    return ACTIVATIONS["sigmoid"][0](u)


@dataclass(frozen=True)
class RNN:
    """``z_t = φ(W z_{t-1} + U x_t + b)`` from ``z_0``, read out by ``ŷ_t = V z_t``."""

    recurrent: Array
    """``W`` (``m × m``)."""
    input: Array
    """``U`` (``m × n``)."""
    bias: Array
    """``b`` (``m``)."""
    readout: Array
    """``V`` (``q × m``)."""
    initial: Array
    """``z_0`` (``m``)."""
    activation: str

    @property
    def width(self) -> int:
        return len(self.bias)


@dataclass(frozen=True)
class LSTMCell:
    """An LSTM cell; each weight acts on ``[h_{t-1}, x_t]`` (``m × (m + n)``, the state's columns first)."""

    forget: Array
    input: Array
    candidate: Array
    output: Array
    forget_bias: Array
    input_bias: Array
    candidate_bias: Array
    output_bias: Array


@dataclass(frozen=True)
class GRUCell:
    """A GRU cell; each weight acts on ``[h_{t-1}, x_t]`` (``m × (m + n)``, the state's columns first)."""

    update: Array
    reset: Array
    candidate: Array
    update_bias: Array
    reset_bias: Array
    candidate_bias: Array


@runtime_checkable
class RNNImpl(Protocol):
    """What a recurrent network under test provides (float64 in, float64 out)."""

    def forward(self, net: RNN, x: Array) -> Array:
        """The states ``z_0, z_1, …, z_T`` (``(T + 1) × m``)."""
        ...

    def jacobians(self, net: RNN, x: Array) -> Array:
        """``∂z_T/∂z_t`` for ``t = 0 … T`` (``(T + 1) × m × m``)."""
        ...

    def state_gradients(self, net: RNN, x: Array, y: Array) -> Array:
        """The total derivatives ``∂L/∂z_t`` for ``t = 1 … T`` (``T × m``)."""
        ...

    def step_gradients(self, net: RNN, x: Array, y: Array) -> tuple[Array, Array]:
        """``∂L/∂W_t`` (``T × m × m``) and ``∂L/∂U_t`` (``T × m × n``): the gradients with respect to the
        copies of the shared weights that step ``t`` uses."""
        ...

    def weight_gradients(self, net: RNN, x: Array, y: Array) -> tuple[Array, Array]:
        """``∂L/∂W`` (``m × m``) and ``∂L/∂U`` (``m × n``) of the shared weights."""
        ...

    def linear(self, a: Array, b: Array, x: Array, z0: Array) -> Array:
        """The linear recurrence ``z_{t+1} = A z_t + B x_t`` from ``z_0``: ``z_0 … z_T`` (``(T + 1) × m``)."""
        ...

    def lstm(self, cell: LSTMCell, x: Array, h0: Array, c0: Array) -> Array:
        """``[h_t, C_t]`` for ``t = 0 … T`` (``(T + 1) × 2m``)."""
        ...

    def gru(self, cell: GRUCell, x: Array, h0: Array) -> Array:
        """The states ``h_0 … h_T`` (``(T + 1) × m``)."""
        ...

    def ctc_likelihood(self, probs: Array, label: Sequence[int]) -> float:
        """``p(ℓ | x)`` from per-step symbol probabilities ``probs`` (``T × K``, blank = 0)."""
        ...


class Rnn:
    """The reference: explicit loops, the backward recursion of BPTT as in the module's docstring."""

    def forward(self, net: RNN, x: Array) -> Array:
        return self._forward(net, x)[0]

    def jacobians(self, net: RNN, x: Array) -> Array:
        _, pre = self._forward(net, x)
        slope = ACTIVATIONS[net.activation][1]
        result = [np.eye(net.width)]
        for a in pre[::-1]:  # ∂z_T/∂z_{t-1} = ∂z_T/∂z_t · diag(φ'(a_t)) W
            result.insert(0, result[0] @ (slope(a)[:, None] * net.recurrent))
        return np.array(result)

    def state_gradients(self, net: RNN, x: Array, y: Array) -> Array:
        states, pre = self._forward(net, x)
        slope = ACTIVATIONS[net.activation][1]
        direct = (states[1:] @ net.readout.T - y) @ net.readout
        total = np.zeros_like(direct)
        carried = np.zeros(net.width)
        for t in range(len(direct) - 1, -1, -1):
            total[t] = direct[t] + carried
            carried = net.recurrent.T @ (slope(pre[t]) * total[t])
        return total

    def step_gradients(self, net: RNN, x: Array, y: Array) -> tuple[Array, Array]:
        states, pre = self._forward(net, x)
        delta = ACTIVATIONS[net.activation][1](pre) * self.state_gradients(net, x, y)
        return np.einsum("ti,tj->tij", delta, states[:-1]), np.einsum("ti,tj->tij", delta, np.asarray(x, float))

    def weight_gradients(self, net: RNN, x: Array, y: Array) -> tuple[Array, Array]:
        recurrent, inputs = self.step_gradients(net, x, y)
        return recurrent.sum(axis=0), inputs.sum(axis=0)

    def linear(self, a: Array, b: Array, x: Array, z0: Array) -> Array:
        states = [np.asarray(z0, dtype=np.float64)]
        for xt in np.asarray(x, dtype=np.float64):
            states.append(a @ states[-1] + b @ xt)
        return np.array(states)

    def lstm(self, cell: LSTMCell, x: Array, h0: Array, c0: Array) -> Array:
        h, c = np.asarray(h0, dtype=np.float64), np.asarray(c0, dtype=np.float64)
        rows = [np.concatenate([h, c])]
        for xt in np.asarray(x, dtype=np.float64):
            hx = np.concatenate([h, xt])
            f = sigmoid(cell.forget @ hx + cell.forget_bias)
            i = sigmoid(cell.input @ hx + cell.input_bias)
            c = f * c + i * np.tanh(cell.candidate @ hx + cell.candidate_bias)
            h = sigmoid(cell.output @ hx + cell.output_bias) * np.tanh(c)
            rows.append(np.concatenate([h, c]))
        return np.array(rows)

    def gru(self, cell: GRUCell, x: Array, h0: Array) -> Array:
        states = [np.asarray(h0, dtype=np.float64)]
        for xt in np.asarray(x, dtype=np.float64):
            h = states[-1]
            hx = np.concatenate([h, xt])
            u = sigmoid(cell.update @ hx + cell.update_bias)
            r = sigmoid(cell.reset @ hx + cell.reset_bias)
            candidate = np.tanh(cell.candidate @ np.concatenate([r * h, xt]) + cell.candidate_bias)
            states.append(u * h + (1 - u) * candidate)
        return np.array(states)

    def ctc_likelihood(self, probs: Array, label: Sequence[int]) -> float:
        """Graves' forward recursion over the label with blanks interleaved, ``ℓ' = (-, ℓ_1, -, …, ℓ_U, -)``."""
        extended = [BLANK, *itertools.chain.from_iterable((s, BLANK) for s in label)]
        alpha = np.zeros(len(extended))
        alpha[0] = probs[0, BLANK]
        if len(extended) > 1:
            alpha[1] = probs[0, extended[1]]
        for row in probs[1:]:
            previous = alpha.copy()
            for s, symbol in enumerate(extended):
                total = previous[s] + (previous[s - 1] if s >= 1 else 0.0)
                if s >= 2 and symbol != BLANK and symbol != extended[s - 2]:
                    total += previous[s - 2]
                alpha[s] = total * row[symbol]
        return float(alpha[-1] + (alpha[-2] if len(extended) > 1 else 0.0))

    def _forward(self, net: RNN, x: Array) -> tuple[Array, Array]:
        """The states ``z_0 … z_T`` and the pre-activations ``a_1 … a_T``."""
        phi = ACTIVATIONS[net.activation][0]
        states, pre = [np.asarray(net.initial, dtype=np.float64)], []
        for xt in np.asarray(x, dtype=np.float64):
            pre.append(net.recurrent @ states[-1] + net.input @ xt + net.bias)
            states.append(phi(pre[-1]))
        return np.array(states), np.array(pre).reshape(-1, net.width)
