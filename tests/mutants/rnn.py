"""Wrong recurrent networks and wrong formulas that the rnn claims must reject."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import sympy

from impls.rnn import ACTIVATIONS, BLANK, RNN, GRUCell, Rnn, sigmoid
from tests.mutants import Mutant
from theorems.engine import Formula
from theorems.topics.rnn.bptt import Pass, chain, product
from theorems.topics.rnn.gated import CANDIDATE
from theorems.topics.rnn.gradients import Explosion, Vanishing
from theorems.topics.rnn.linear import Stability


class NoRecurrentTerm(Rnn):
    """BPTT without the recurrent term: ``∂L/∂z_t = ∂ℓ_t/∂z_t``, nothing carried back from ``z_{t+1}``."""

    def state_gradients(self, net: RNN, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        states = self.forward(net, x)
        return (states[1:] @ net.readout.T - y) @ net.readout


class JacobiansWrongOrder(Rnn):
    """``∂z_T/∂z_t`` as the product of the one-step Jacobians with the earliest factor on the left."""

    def jacobians(self, net: RNN, x: np.ndarray) -> np.ndarray:
        _, pre = self._forward(net, x)
        steps = ACTIVATIONS[net.activation][1](pre)[:, :, None] * net.recurrent[None]
        return np.array([product(steps[t:][::-1]) if t < len(steps) else np.eye(net.width)
                         for t in range(len(steps) + 1)])


class CurrentStateInGradient(Rnn):
    """``∂L/∂W_t = (φ'(a_t) ⊙ g_t) z_tᵀ``: the state the step produced instead of its input ``z_{t-1}``."""

    def step_gradients(self, net: RNN, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        states, pre = self._forward(net, x)
        delta = ACTIVATIONS[net.activation][1](pre) * self.state_gradients(net, x, y)
        return np.einsum("ti,tj->tij", delta, states[1:]), super().step_gradients(net, x, y)[1]


class PreviousInputInGradient(Rnn):
    """``∂L/∂U_t = (φ'(a_t) ⊙ g_t) x_{t-1}ᵀ``: the input one step late (zero at the first step)."""

    def step_gradients(self, net: RNN, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        recurrent = super().step_gradients(net, x, y)[0]
        _, pre = self._forward(net, x)
        delta = ACTIVATIONS[net.activation][1](pre) * self.state_gradients(net, x, y)
        late = np.vstack([np.zeros_like(x[:1]), x[:-1]])
        return recurrent, np.einsum("ti,tj->tij", delta, late)


class LastStepOnly(Rnn):
    """The shared weights' gradient taken from the last step's copy only."""

    def weight_gradients(self, net: RNN, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        recurrent, inputs = self.step_gradients(net, x, y)
        return recurrent[-1], inputs[-1]


class ZeroInitialState(Rnn):
    """The forward pass starts from ``z_0 = 0`` whatever the network's initial state."""

    def forward(self, net: RNN, x: np.ndarray) -> np.ndarray:
        return super().forward(RNN(net.recurrent, net.input, net.bias, net.readout, np.zeros(net.width),
                                   net.activation), x)


class InputDelayed(Rnn):
    """``z_t = φ(W z_{t-1} + U x_{t-1} + b)``: each input one step late."""

    def forward(self, net: RNN, x: np.ndarray) -> np.ndarray:
        return super().forward(net, np.vstack([np.zeros_like(x[:1]), x[:-1]]))


class TransposedLinear(Rnn):
    """``z_{t+1} = Aᵀ z_t + B x_t``."""

    def linear(self, a: np.ndarray, b: np.ndarray, x: np.ndarray, z0: np.ndarray) -> np.ndarray:
        return super().linear(a.T, b, x, z0)


class NoBlankSkip(Rnn):
    """CTC's forward recursion without the transition that skips a blank between distinct symbols."""

    def ctc_likelihood(self, probs: np.ndarray, label: Sequence[int]) -> float:
        extended = [BLANK]
        for s in label:
            extended += [s, BLANK]
        alpha = np.zeros(len(extended))
        alpha[0] = probs[0, BLANK]
        if len(extended) > 1:
            alpha[1] = probs[0, extended[1]]
        for row in probs[1:]:
            previous = alpha.copy()
            for s, symbol in enumerate(extended):
                alpha[s] = (previous[s] + (previous[s - 1] if s >= 1 else 0.0)) * row[symbol]
        return float(alpha[-1] + (alpha[-2] if len(extended) > 1 else 0.0))


class ResetAfterProduct(Rnn):
    """A GRU whose reset gate multiplies ``W_h h`` after the product (cuDNN's and PyTorch's variant)."""

    def gru(self, cell: GRUCell, x: np.ndarray, h0: np.ndarray) -> np.ndarray:
        m, states = len(h0), [np.asarray(h0, dtype=np.float64)]
        for xt in x:
            h = states[-1]
            hx = np.concatenate([h, xt])
            u = sigmoid(cell.update @ hx + cell.update_bias)
            r = sigmoid(cell.reset @ hx + cell.reset_bias)
            n = np.tanh(cell.candidate[:, m:] @ xt + cell.candidate_bias + r * (cell.candidate[:, :m] @ h))
            states.append(u * h + (1 - u) * n)
        return np.array(states)


def _wrong_order(run: Pass) -> np.ndarray:
    return sum(np.outer((chain(run.steps[::-1], len(run.direct) - i, len(run.direct) - t).T @ run.direct[t - 1])
                        * run.slopes[i - 1], run.states[i - 1])
               for t in range(1, len(run.direct) + 1) for i in range(1, t + 1))


NU, PHI = sympy.symbols("nu varphi", real=True)
M = "tests.mutants.rnn:"

MUTANTS: list[Mutant] = [
    Mutant("rnn.bptt_state_gradient", "BPTT dropping the recurrent term", impl=M + "NoRecurrentTerm"),
    Mutant("rnn.bptt_product_form", "BPTT dropping the recurrent term", impl=M + "NoRecurrentTerm"),
    Mutant("rnn.bptt_product_form", "the Jacobian product in the wrong order (earliest factor left)",
           form=Formula("wrong order", _wrong_order)),
    Mutant("rnn.gradient_product_jacobians", "Jacobian product in the wrong order", impl=M + "JacobiansWrongOrder"),
    Mutant("rnn.bptt_recurrent_weight_gradient", "z_t instead of z_{t-1}", impl=M + "CurrentStateInGradient"),
    Mutant("rnn.bptt_input_weight_gradient", "x_{t-1} instead of x_t", impl=M + "PreviousInputInGradient"),
    Mutant("rnn.bptt_gradient_sum", "the last step's copy only", impl=M + "LastStepOnly"),
    Mutant("rnn.unrolled_feedforward", "starts from z_0 = 0", impl=M + "ZeroInitialState"),
    Mutant("rnn.simple_rnn_state_update", "each input one step late", impl=M + "InputDelayed"),
    Mutant("rnn.vanishing_gradient_bound", "the bound without γ",
           form=Vanishing(r"\sigma_{\max}(W)^k", lambda g, s, k: s ** k, tuple(ACTIVATIONS), 0.0)),
    Mutant("rnn.exploding_gradient_condition", "γσ_max(W) > 1 taken as sufficient",
           form=Explosion(r"\gamma\sigma > 1 \Rightarrow", lambda g, s: g * s > 1, False)),
    Mutant("rnn.spectral_norm_submultiplicative", "‖AB‖ ≤ max(‖A‖, ‖B‖)",
           form=Formula(r"\max(\|A\|, \|B\|)", lambda a, b: max(a, b))),
    Mutant("rnn.linear_stability", "ρ(A) < 1 strictly",
           form=Stability(r"\rho(A) < 1", lambda r, d: max(r) < 1, False)),
    Mutant("rnn.linear_stability", "ρ(A) ≤ 1 ignoring Jordan blocks",
           form=Stability(r"\rho(A) \le 1", lambda r, d: max(r) <= 1, False)),
    Mutant("rnn.lru_diagonalization", "B not transformed",
           form=Formula(r"\Lambda\xi + Bx", lambda p, lam, b, xi, x: lam * xi + b * x)),
    Mutant("rnn.lru_diagonal_recurrence", "z_{t+1} = Aᵀz_t + Bx_t", impl=M + "TransposedLinear"),
    Mutant("rnn.lru_eigenvalue_modulus", "λ = exp(+exp(ν) + iφ)",
           form=Formula(r"\exp(\exp\nu + i\varphi)", lambda nu, phi: sympy.exp(sympy.exp(nu) + sympy.I * phi))),
    Mutant("rnn.annulus_uniform_init", "radius uniform in [r_1, r_2]",
           form=Formula("uniform radius", lambda u1, u2, r1, r2: (u1 * (r2 - r1) + r1)
                        * sympy.exp(2 * sympy.pi * sympy.I * u2))),
    Mutant("rnn.ctc_likelihood", "no skip over the blank between distinct symbols", impl=M + "NoBlankSkip"),
    Mutant("rnn.elmo_layer_count", "2L", form=Formula("2L", lambda layers: 2 * layers)),
    Mutant("rnn.lstm_forget_gate", "tanh forget gate",
           form=Formula("tanh", lambda cell, hx: np.tanh(cell.forget @ hx + cell.forget_bias))),
    Mutant("rnn.lstm_candidate", "sigmoid candidate",
           form=Formula("σ", lambda cell, hx: (CANDIDATE(cell, hx)[0],
                                                sigmoid(cell.candidate @ hx + cell.candidate_bias)))),
    Mutant("rnn.lstm_cell_update", "no forget gate",
           form=Formula(r"C_{t-1} + i \odot \tilde C", lambda f, i, candidate, c: c + i * candidate)),
    Mutant("rnn.lstm_hidden_output", "no tanh on the cell", form=Formula(r"o \odot C", lambda o, c: o * c)),
    Mutant("rnn.gru_update", "reset gate after the product", impl=M + "ResetAfterProduct"),
]
