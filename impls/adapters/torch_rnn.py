"""PyTorch's recurrent modules and autograd through the :class:`~impls.rnn.RNNImpl` protocol, in float64.

The weights are copied into ``torch.nn.RNN``/``RNNCell`` (tanh and ReLU, the non-linearities they
offer; the other activations run as ``φ(F.linear(x, U, b) + F.linear(z, W))``, softplus as
``logaddexp(u, 0)`` because ``F.softplus`` returns ``u`` itself above its threshold 20, off by up to
``e^{-20}`` — a property of that activation, not of recurrence), ``torch.nn.LSTM``,
``torch.nn.GRU`` and ``torch.nn.functional.ctc_loss``. Every derivative comes from
``torch.autograd``: the Jacobians and ``∂L/∂z_t`` are its gradients with respect to the intermediate
states, the per-step gradients those with respect to a separate copy of each weight per step::

    theorems check rnn --impl impls.adapters.torch_rnn:TorchRNN
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.func import functional_call

from impls.rnn import LECUN, RNN, GRUCell, LSTMCell

NATIVE = ("tanh", "relu")
"""The non-linearities of ``torch.nn.RNN``."""

OTHERS = {
    "sigmoid": torch.sigmoid,
    "softplus": lambda u: torch.logaddexp(u, torch.zeros_like(u)),
    "identity": lambda u: u,
    "scaled_tanh": lambda u: LECUN[0] * torch.tanh(LECUN[1] * u),
}


def _t(a: np.ndarray, *, grad: bool = False) -> torch.Tensor:
    return torch.tensor(np.asarray(a, dtype=np.float64), dtype=torch.float64, requires_grad=grad)


def _copy(module: nn.Module, **weights: torch.Tensor) -> nn.Module:
    with torch.no_grad():
        for name, value in weights.items():
            getattr(module, name).copy_(value)
    return module


class _Run:
    """The states ``z_0 … z_T`` recorded by autograd, the weights as leaves (one copy per step when
    ``per_step``), and the loss ``L = Σ_t ½‖V z_t - y_t‖²`` when targets are given."""

    def __init__(self, net: RNN, x: np.ndarray, y: np.ndarray | None = None, *, per_step: bool = False) -> None:
        steps = len(x)
        copies = steps if per_step else 1
        self.recurrent = [_t(net.recurrent, grad=True) for _ in range(copies)]
        self.input = [_t(net.input, grad=True) for _ in range(copies)]
        bias, xs = _t(net.bias), _t(x)
        cell = nn.RNNCell(net.input.shape[1], net.width, nonlinearity=net.activation, dtype=torch.float64) \
            if net.activation in NATIVE else None
        self.states = [_t(net.initial, grad=True)]
        for t in range(steps):
            w, u = self.recurrent[t % copies], self.input[t % copies]
            if cell is None:
                z = OTHERS[net.activation](F.linear(xs[t], u, bias) + F.linear(self.states[-1], w))
            else:
                params = {"weight_ih": u, "weight_hh": w, "bias_ih": bias, "bias_hh": torch.zeros_like(bias)}
                z = functional_call(cell, params, (xs[t][None], self.states[-1][None]))[0]
            self.states.append(z)
        if y is not None:
            outputs = torch.stack(self.states[1:]) @ _t(net.readout).T
            self.loss = 0.5 * ((outputs - _t(y)) ** 2).sum()

    def grad(self, tensors: Sequence[torch.Tensor]) -> list[np.ndarray]:
        return [g.detach().numpy() for g in torch.autograd.grad(self.loss, list(tensors))]


class TorchRNN:
    """``torch.nn.RNN``/``RNNCell``, ``LSTM``, ``GRU`` and ``ctc_loss``; derivatives from ``torch.autograd``."""

    def forward(self, net: RNN, x: np.ndarray) -> np.ndarray:
        if net.activation not in NATIVE:
            return np.array([z.detach().numpy() for z in _Run(net, x).states])
        rnn = _copy(nn.RNN(net.input.shape[1], net.width, nonlinearity=net.activation, dtype=torch.float64),
                    weight_ih_l0=_t(net.input), weight_hh_l0=_t(net.recurrent), bias_ih_l0=_t(net.bias),
                    bias_hh_l0=torch.zeros(net.width, dtype=torch.float64))
        with torch.no_grad():
            out, _ = rnn(_t(x)[:, None, :], _t(net.initial)[None, None, :])
        return np.vstack([net.initial, out[:, 0, :].numpy()])

    def jacobians(self, net: RNN, x: np.ndarray) -> np.ndarray:
        run = _Run(net, x)
        rows = [torch.autograd.grad(run.states[-1][i], run.states, retain_graph=True, allow_unused=True)
                for i in range(net.width)]
        return np.array([[np.zeros(net.width) if r[t] is None else r[t].numpy() for r in rows]
                         for t in range(len(run.states))])

    def state_gradients(self, net: RNN, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        run = _Run(net, x, y)
        return np.array(run.grad(run.states[1:]))

    def step_gradients(self, net: RNN, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        run = _Run(net, x, y, per_step=True)
        grads = run.grad(run.recurrent + run.input)
        return np.array(grads[: len(x)]), np.array(grads[len(x):])

    def weight_gradients(self, net: RNN, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        run = _Run(net, x, y)
        recurrent, inputs = run.grad(run.recurrent + run.input)
        return recurrent, inputs

    def linear(self, a: np.ndarray, b: np.ndarray, x: np.ndarray, z0: np.ndarray) -> np.ndarray:
        at, bt = _t(a), _t(b)
        states = [_t(z0)]
        for xt in _t(x):
            states.append(at @ states[-1] + bt @ xt)
        return torch.stack(states).numpy()

    def lstm(self, cell: LSTMCell, x: np.ndarray, h0: np.ndarray, c0: np.ndarray) -> np.ndarray:
        m = len(h0)
        gates = (cell.input, cell.forget, cell.candidate, cell.output)  # torch's order: i, f, g, o
        biases = (cell.input_bias, cell.forget_bias, cell.candidate_bias, cell.output_bias)
        lstm = _copy(nn.LSTM(x.shape[1], m, dtype=torch.float64),
                     weight_ih_l0=_t(np.vstack([g[:, m:] for g in gates])),
                     weight_hh_l0=_t(np.vstack([g[:, :m] for g in gates])),
                     bias_ih_l0=_t(np.concatenate(biases)), bias_hh_l0=torch.zeros(4 * m, dtype=torch.float64))
        h, c = _t(h0)[None, None], _t(c0)[None, None]
        rows = [np.concatenate([h0, c0])]
        with torch.no_grad():
            for xt in _t(x):
                _, (h, c) = lstm(xt[None, None], (h, c))
                rows.append(np.concatenate([h.flatten().numpy(), c.flatten().numpy()]))
        return np.array(rows)

    def gru(self, cell: GRUCell, x: np.ndarray, h0: np.ndarray) -> np.ndarray:
        m = len(h0)
        gates = (cell.reset, cell.update, cell.candidate)  # torch's order: r, z, n
        gru = _copy(nn.GRU(x.shape[1], m, dtype=torch.float64),
                    weight_ih_l0=_t(np.vstack([g[:, m:] for g in gates])),
                    weight_hh_l0=_t(np.vstack([g[:, :m] for g in gates])),
                    bias_ih_l0=_t(np.concatenate([cell.reset_bias, cell.update_bias, cell.candidate_bias])),
                    bias_hh_l0=torch.zeros(3 * m, dtype=torch.float64))
        with torch.no_grad():
            out, _ = gru(_t(x)[:, None, :], _t(h0)[None, None, :])
        return np.vstack([h0, out[:, 0, :].numpy()])

    def ctc_likelihood(self, probs: np.ndarray, label: Sequence[int]) -> float:
        targets = torch.tensor([list(label)], dtype=torch.long).reshape(1, len(label))
        loss = F.ctc_loss(torch.log(_t(probs))[:, None, :], targets, torch.tensor([len(probs)]),
                          torch.tensor([len(label)]), blank=0, reduction="none")
        return float(torch.exp(-loss)[0])
