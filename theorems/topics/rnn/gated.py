"""The LSTM and GRU cells (documents 001-004), compared step by step with the cell under test.

Each claim states one part of a cell's update; the check recomputes every step of the
implementation's trajectory from its own previous state with that part as stated (the other parts as
in Hochreiter & Schmidhuber 1997 with a forget gate, Gers et al. 2000, or Cho et al. 2014), and
compares the result with the implementation's next state. The weights act on ``[h_{t-1}, x_t]``;
documents 002 and 003 concatenate ``[x_t, z_{t-1}]`` and fold the biases into the product: a
permutation of the weights' columns and a constant input, the same family of cells.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from impls.rnn import GRUCell, LSTMCell, sigmoid
from theorems.engine import Comparison, Context, Formula, Outcome, Printed, for_all
from theorems.topics.backprop.chain import agree

from . import TOPIC
from .strategies import Gated, examples, gated

FORGET = Formula(r"f_t = \sigma(W_f [h_{t-1}, x_t] + b_f)",
                 lambda cell, hx: sigmoid(cell.forget @ hx + cell.forget_bias))
CANDIDATE = Formula(r"i_t = \sigma(W_i [h_{t-1}, x_t] + b_i),\ \tilde C_t = \tanh(W_C [h_{t-1}, x_t] + b_C)",
                    lambda cell, hx: (sigmoid(cell.input @ hx + cell.input_bias),
                                      np.tanh(cell.candidate @ hx + cell.candidate_bias)))
CELL_UPDATE = Formula(r"C_t = f_t \odot C_{t-1} + i_t \odot \tilde C_t",
                      lambda f, i, candidate, c: f * c + i * candidate)
HIDDEN = Formula(r"h_t = o_t \odot \tanh(C_t)", lambda o, c: o * np.tanh(c))


def _scale(weights: list[np.ndarray], biases: list[np.ndarray], hx: np.ndarray, *states: np.ndarray) -> np.ndarray:
    """The magnitudes a step adds up: every gate's ``|W||[h, x]| + |b|`` and the states it mixes."""
    pre = np.max([np.abs(w) @ np.abs(hx) + np.abs(b) for w, b in zip(weights, biases, strict=True)], axis=0)
    return 1 + pre + sum(np.abs(s) for s in states)


def _steps(ctx: Context, kind: type, step: Any) -> Outcome:
    """Every step of the implementation's LSTM (or GRU) trajectory equals ``step`` applied to its past."""
    impl = ctx.impl()

    def compare(g: Gated) -> Iterator[Comparison]:
        m = len(g.h0)
        if kind is LSTMCell:
            path = impl.lstm(g.cell, g.x, g.h0, g.c0)
        else:
            path = impl.gru(g.cell, g.x, g.h0)
        for t in range(1, len(path)):
            hx = np.concatenate([path[t - 1][:m], g.x[t - 1]])
            expected, scale = step(g.cell, path[t - 1], g.x[t - 1], hx)
            yield agree(path[t], expected, scale, label=f"step {t}")

    return for_all(ctx, gated(kind), lambda g: list(compare(g)), describe=Gated.describe,
                   max_examples=examples(ctx))


def _lstm(ctx: Context, forget: Formula = FORGET, candidate: Formula = CANDIDATE, update: Formula = CELL_UPDATE,
          hidden: Formula = HIDDEN) -> Outcome:
    def step(cell: LSTMCell, previous: np.ndarray, x: np.ndarray, hx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        m = len(previous) // 2
        i, tilde = candidate(cell, hx)
        c = update(forget(cell, hx), i, tilde, previous[m:])
        h = hidden(sigmoid(cell.output @ hx + cell.output_bias), c)
        weights = [cell.forget, cell.input, cell.candidate, cell.output]
        biases = [cell.forget_bias, cell.input_bias, cell.candidate_bias, cell.output_bias]
        return np.concatenate([h, c]), np.tile(_scale(weights, biases, hx, previous[m:]), 2)

    return _steps(ctx, LSTMCell, step)


BIASES_FOLDED = ("σ(F x̃), σ(I x̃), tanh(C̃ x̃), σ(O x̃) with x̃ = [x_t, z_{t-1}]: the biases folded into x̃ (a constant "
                 "input) and the columns permuted, the same cell")


@TOPIC.claim("rnn.lstm_forget_gate", method="property", canonical=FORGET, faithful=("001",))
def lstm_forget_gate(ctx: Context, stated: Formula) -> Outcome:
    """The LSTM's forget gate.

    ``f_t = σ(W_f [h_{t-1}, x_t] + b_f)`` (document 001 line 744; Gers, Schmidhuber & Cummins 2000).
    """
    return _lstm(ctx, forget=stated)


@TOPIC.claim("rnn.lstm_candidate", method="property", canonical=CANDIDATE, faithful=("001",))
def lstm_candidate(ctx: Context, stated: Formula) -> Outcome:
    """The LSTM's input gate and candidate memory.

    ``i_t = σ(W_i [h_{t-1}, x_t] + b_i)``, ``C̃_t = tanh(W_C [h_{t-1}, x_t] + b_C)`` (document 001 line 747).
    """
    return _lstm(ctx, candidate=stated)


@TOPIC.claim("rnn.lstm_cell_update", method="property", canonical=CELL_UPDATE, faithful=("001",),
             printed={key: Printed(CELL_UPDATE, reading=BIASES_FOLDED) for key in ("002", "003")})
def lstm_cell_update(ctx: Context, stated: Formula) -> Outcome:
    """The LSTM's memory update.

    ``C_t = f_t ⊙ C_{t-1} + i_t ⊙ C̃_t`` (document 001 line 748, 002 line 556, 003 line 824).
    """
    return _lstm(ctx, update=stated)


@TOPIC.claim("rnn.lstm_hidden_output", method="property", canonical=HIDDEN, faithful=("001",),
             printed={"002": Printed(HIDDEN, reading=BIASES_FOLDED)})
def lstm_hidden_output(ctx: Context, stated: Formula) -> Outcome:
    """The LSTM's output.

    ``h_t = o_t ⊙ tanh(C_t)``, ``o_t = σ(W_o [h_{t-1}, x_t] + b_o)`` (document 001 line 750, 002 line 558).
    """
    return _lstm(ctx, hidden=stated)


def _reset_candidate(cell: GRUCell, h: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``tanh(W[r_t ⊙ h_{t-1}, x_t] + b)``: the reset gate applied to the state before the product."""
    r = sigmoid(cell.reset @ np.concatenate([h, x]) + cell.reset_bias)
    return np.tanh(cell.candidate @ np.concatenate([r * h, x]) + cell.candidate_bias)


def _update_gate(cell: GRUCell, h: np.ndarray, x: np.ndarray) -> np.ndarray:
    return sigmoid(cell.update @ np.concatenate([h, x]) + cell.update_bias)


GRU = Formula(r"z_t = u_t \odot z_{t-1} + (1 - u_t) \odot \tanh(W[r_t \odot z_{t-1}, x_t])",
              lambda cell, h, x: (u := _update_gate(cell, h, x)) * h + (1 - u) * _reset_candidate(cell, h, x))


@TOPIC.claim(
    "rnn.gru_update",
    method="property",
    canonical=GRU,
    printed={
        "003": Printed(GRU, reading="u_t = σ(U x̃^t), r_t = σ(R x̃^t), x̃^t = [x_t, z_{t-1}]: biases folded into x̃ "
                                    "and columns permuted, the same cell"),
        **{key: Printed(
            Formula(r"z^t = (1 - \Gamma_u) \odot z^{t-1} + \Gamma_u \odot \tilde z^t",
                    lambda cell, h, x: (1 - (g := 1 - _update_gate(cell, h, x))) * h
                    + g * _reset_candidate(cell, h, x)),
            reading="Γ_u = σ(G[x_t, z_{t-1}]) is the update gate of the other convention (Chung et al. 2014): "
                    "G = -W_u, since σ(-a) = 1 - σ(a); z̃^t, not printed here, read as document 003's "
                    "tanh(W[r_t ⊙ z_{t-1}, x_t])") for key in ("002", "004")},
    },
)
def gru_update(ctx: Context, stated: Formula) -> Outcome:
    """The GRU's state update.

    ``z_t = u_t ⊙ z_{t-1} + (1 - u_t) ⊙ tanh(W[r_t ⊙ z_{t-1}, x_t] + b)`` with ``u_t = σ(W_u[z_{t-1}, x_t] +
    b_u)``, ``r_t = σ(W_r[z_{t-1}, x_t] + b_r)``: the reset gate multiplies the state before the product
    (Cho et al. 2014, eq. 8; document 003 line 834; document 000 line 380).
    """

    def step(cell: GRUCell, h: np.ndarray, x: np.ndarray, hx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        weights = [cell.update, cell.reset, cell.candidate]
        return stated(cell, h, x), _scale(weights, [cell.update_bias, cell.reset_bias, cell.candidate_bias], hx, h)

    return _steps(ctx, GRUCell, step)


TOPIC.not_checkable(
    "rnn.deep_rnn_first_layer",
    title="The layers of a deep RNN",
    statement="h^{t,1} = F(h^{t-1,1}, x^t; θ), h^{t,l} = F(h^{t-1,l}, h^{t,l-1}; θ) for l = 2 … L (document 001 "
              "line 730 prints the first layer as F(h^{t,l-1}, x^t; θ)).",
    reason="a definition of the architecture (how layers are stacked), with no property to check; the printed "
           "first-layer line omits the recurrence h^{t-1,1} and reads as a typo of the definition",
)
