"""Backpropagation through time in the documents' notations (documents 000-003).

Every formula is evaluated on the implementation's own forward pass (its states ``z_t``, hence the
pre-activations ``a_t`` and slopes ``φ'(a_t)``) and, where it uses them, on its own total
derivatives ``∂L/∂z_t``; the result is compared with the gradient the implementation returns, to the
rounding of the sums involved (the same formula evaluated on magnitudes gives the scale).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from impls.backprop import Backprop, Network
from impls.rnn import ACTIVATIONS, GAIN
from theorems.engine import Comparison, Context, Formula, Outcome, Printed, for_all, that
from theorems.topics.backprop.chain import agree, evaluated

from . import TOPIC
from .strategies import Problem, examples, problems


@dataclass(frozen=True)
class Pass:
    """What one forward pass of the implementation determines: states ``z_0 … z_T``, slopes
    ``φ'(a_t)``, the direct derivatives ``∂ℓ_t/∂z_t = Vᵀ(V z_t - y_t)`` and the one-step Jacobians
    ``D_t = ∂z_t/∂z_{t-1} = diag(φ'(a_t)) W`` (``t = 1 … T``)."""

    states: np.ndarray
    slopes: np.ndarray
    direct: np.ndarray
    steps: np.ndarray
    x: np.ndarray

    @classmethod
    def of(cls, impl: Any, p: Problem) -> Pass:
        net = p.net
        states = impl.forward(net, p.x)
        pre = states[:-1] @ net.recurrent.T + p.x @ net.input.T + net.bias
        slopes = ACTIVATIONS[net.activation][1](pre)
        direct = (states[1:] @ net.readout.T - p.y) @ net.readout
        return cls(states, slopes, direct, slopes[:, :, None] * net.recurrent[None], p.x)

    def magnitudes(self, net: Any) -> Pass:
        """The same quantities in absolute value (slopes ``|φ'| + 1``: a computed slope carries the
        rounding of 1): a formula evaluated on them bounds the magnitudes its sums add up."""
        slopes = np.abs(self.slopes) + 1
        return Pass(np.abs(self.states), slopes, np.abs(self.direct), slopes[:, :, None] * np.abs(net.recurrent)[None],
                    np.abs(self.x))


def product(factors: Any) -> np.ndarray:
    """``F_k ⋯ F_1`` for the factors ``F_1 … F_k`` (the identity when there are none)."""
    result: np.ndarray | None = None
    for f in factors:
        result = f if result is None else f @ result
    return result


def chain(steps: np.ndarray, s: int, t: int) -> np.ndarray:
    """``∂z_s/∂z_t = D_s ⋯ D_{t+1}`` (1-based times; the identity when ``s = t``)."""
    return np.eye(steps.shape[1]) if s == t else product(steps[t:s])


def pre_scale(net: Any, previous: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The magnitudes summed into a pre-activation ``W z + U x + b`` (rows for several steps)."""
    return np.abs(previous) @ np.abs(net.recurrent).T + np.abs(x) @ np.abs(net.input).T + np.abs(net.bias)


def propagated(net: Any, states: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The magnitudes that reach ``z_t`` when two implementations round differently at every step: each
    step's own sums, plus the earlier steps' carried through ``γ|W|`` (``γ = sup|φ'|``)."""
    carried, scales = np.zeros(net.width), []
    for own in pre_scale(net, states[:-1], x):
        carried = own + GAIN[net.activation] * np.abs(net.recurrent) @ carried
        scales.append(carried)
    return np.array(scales)


def for_problems(ctx: Context, compare: Callable[[Any, Problem], Iterator[Comparison]], **kwargs: Any) -> Outcome:
    """``compare(impl, problem)`` on every generated network and sequence (25 examples, 375 in full)."""
    impl = ctx.impl()
    return for_all(ctx, problems(**kwargs), lambda p: list(compare(impl, p)), describe=Problem.describe,
                   max_examples=examples(ctx))


# --- the total derivative of the loss with respect to a state ------------------------------------

STATE_GRADIENT = Formula(
    r"\frac{\partial L}{\partial z_t} = \sum_{s \ge t} \Big(\frac{\partial z_s}{\partial z_t}\Big)^{\!\top}"
    r"\frac{\partial \ell_s}{\partial z_s}",
    lambda direct, steps: np.array([sum(chain(steps, s, t).T @ direct[s - 1] for s in range(t, len(direct) + 1))
                                    for t in range(1, len(direct) + 1)]))


@TOPIC.claim(
    "rnn.bptt_state_gradient",
    method="property",
    canonical=STATE_GRADIENT,
    printed={"000": Printed(
        Formula(r"\sum_{s \ge t} \frac{\partial \ell_s}{\partial z_s}",
                lambda direct, steps: np.cumsum(direct[::-1], axis=0)[::-1]),
        reading="the inner factor ∂z_j^s/∂z_i^s is printed at the same time s, where it is δ_ij: the sum "
                "over s ≥ t of the direct derivatives at s, with no propagation from z_t to z_s")},
)
def bptt_state_gradient(ctx: Context, stated: Formula) -> Outcome:
    """The total derivative of the loss with respect to a hidden state, through all later steps.

    ``∂L/∂z_t = Σ_{s=t}^T (∂z_s/∂z_t)ᵀ ∂ℓ_s/∂z_s`` with ``∂z_s/∂z_t = D_s ⋯ D_{t+1}``, ``D_r =
    diag(φ'(a_r)) W`` (document 000 line 347 writes the sum over ``s ≥ t`` of ``δ^s ∂y^s/∂z^t``).
    Checked against the implementation's ``∂L/∂z_t`` on random networks (width 1-4, 1-6 steps, every
    activation).
    """

    def compare(impl: Any, p: Problem) -> Iterator[Comparison]:
        run = Pass.of(impl, p)
        mag = run.magnitudes(p.net)
        yield agree(impl.state_gradients(p.net, p.x, p.y), stated(run.direct, run.steps),
                    stated(mag.direct, mag.steps), label="∂L/∂z_t, t = 1 … T")

    return for_problems(ctx, compare)


# --- the gradients of the shared weights ----------------------------------------------------------

def _weight_gradient(ctx: Context, stated: Formula, which: int, label: str) -> Outcome:
    """The implementation's gradient of a shared weight (0: recurrent, 1: input) against ``stated``
    evaluated on its own ``∂L/∂z_t``, slopes, states and inputs."""

    def compare(impl: Any, p: Problem) -> Iterator[Comparison]:
        run = Pass.of(impl, p)
        g = impl.state_gradients(p.net, p.x, p.y)
        mag = run.magnitudes(p.net)
        value = evaluated(stated, p.net, g, run.slopes, run.states, p.x, label=label)
        if isinstance(value, Comparison):
            yield value
            return
        actual = impl.weight_gradients(p.net, p.x, p.y)[which]
        if actual.shape != value.shape:
            yield that(False, label=label, message=f"{label}: the formula has shape {value.shape}, "
                                                   f"the gradient {actual.shape}")
            return
        yield agree(actual, value, stated(p.net, np.abs(g), mag.slopes, mag.states, np.abs(p.x)), label=label)

    return for_problems(ctx, compare, square=not ctx.is_canonical)


RECURRENT_GRADIENT = Formula(
    r"\frac{\partial L}{\partial w_{ij}} = \sum_t \frac{\partial L}{\partial z_i^t}\,\dot\varphi_i^t\,z_j^{t-1}",
    lambda net, g, slope, states, x: (g * slope).T @ states[:-1])


@TOPIC.claim(
    "rnn.bptt_recurrent_weight_gradient",
    method="property",
    canonical=RECURRENT_GRADIENT,
    faithful=("001",),
    printed={
        "003:792": Printed(RECURRENT_GRADIENT, reading="z_t^{t-1} read as z_j^{t-1} (the OCR dropped the index j); "
                                                      "∂R/∂z_t^i is the total derivative"),
        "000": Printed(Formula(r"\sum_t \frac{\partial h}{\partial z_i^t}\,\dot\varphi_i^t\,x_j^t",
                               lambda net, g, slope, states, x: (g * slope).T @ x),
                       reading="u_ij is the recurrent weight of z_t = φ(U z_{t-1} + V x_t) (line 341); the "
                               "printed factor is the input x_j^t, where ∂z_i^t/∂u_ij has z_j^{t-1}"),
        "003:808": Printed(Formula(r"\sum_{t=1}^T \frac{\partial L}{\partial z_t}\,(\varphi'_t\,z_t)",
                                   lambda net, g, slope, states, x: (g * slope).T @ states[1:]),
                           reading="for z_{t+1} = φ(U z_t + V x_{t+1}), φ'_t the slope of the step that produced "
                                   "z_t: the printed factor is z_t, the state that step produced, where the "
                                   "derivative has its input z_{t-1}"),
    },
)
def bptt_recurrent_weight_gradient(ctx: Context, stated: Formula) -> Outcome:
    """The gradient of the shared recurrent weight.

    For ``z_t = φ(W z_{t-1} + U x_t + b)``: ``∂L/∂w_ij = Σ_t (∂L/∂z_i^t) φ'(a_i^t) z_j^{t-1}`` with
    ``∂L/∂z_i^t`` the total derivative (document 001 line 711, 003 line 792). Checked against the
    implementation's ``∂L/∂W`` with the formula evaluated on its own ``∂L/∂z_t`` and forward pass.
    """
    return _weight_gradient(ctx, stated, 0, "∂L/∂W")


INPUT_GRADIENT = Formula(
    r"\frac{\partial L}{\partial u_{ik}} = \sum_t \frac{\partial L}{\partial z_i^t}\,\dot\varphi_i^t\,x_k^t",
    lambda net, g, slope, states, x: (g * slope).T @ x)


@TOPIC.claim(
    "rnn.bptt_input_weight_gradient",
    method="property",
    canonical=INPUT_GRADIENT,
    faithful=("001",),
    printed={
        "003:793": Printed(INPUT_GRADIENT, reading="the trailing '· φ̇_t^i = φ'(F_i(z^{t-1}, x^t))' is the "
                                                  "definition of the slope run into the formula's line"),
        "000": Printed(Formula(r"\dot\psi_k^s w_{kj}", lambda net, g, slope, states, x: net.readout),
                       reading="v_kj is the input weight of z_t = φ(U z_{t-1} + V x_t); the printed ψ̇_k^s w_kj "
                               "is ∂ŷ_k^s/∂z_j^s, the read-out's Jacobian (ψ the identity here, ψ̇ = 1), not a "
                               "derivative with respect to v_kj"),
        "003:809": Printed(Formula(r"\sum_{t=1}^{T} \frac{\partial L}{\partial z_t}\,(\varphi'_t\,x_{t+1})",
                                   lambda net, g, slope, states, x: (g[:-1] * slope[:-1]).T @ x[1:]),
                           reading="φ'_t the slope of the step that produced z_t; the printed input x_{t+1} is "
                                   "the next step's (x_{T+1} does not exist: the last term is dropped)"),
    },
)
def bptt_input_weight_gradient(ctx: Context, stated: Formula) -> Outcome:
    """The gradient of the shared input weight.

    For ``z_t = φ(W z_{t-1} + U x_t + b)``: ``∂L/∂u_ik = Σ_t (∂L/∂z_i^t) φ'(a_i^t) x_k^t`` with the
    total ``∂L/∂z_i^t`` (document 001 line 712, 003 line 793). Checked as the recurrent weight's.
    """
    return _weight_gradient(ctx, stated, 1, "∂L/∂U")


def rtrl(recurrent: np.ndarray, run: Pass) -> tuple[np.ndarray, np.ndarray]:
    """``Σ_t (∂ℓ_t/∂z_t)ᵀ dz_t/dθ`` with the total ``dz_t/dθ`` carried forward (real-time recurrent
    learning): ``dz_t/dW = diag(φ'(a_t)) (W dz_{t-1}/dW + e_i z_{t-1}ᵀ)``, likewise for ``U`` with ``x_t``."""
    m, n = recurrent.shape[0], run.x.shape[1]
    dw, du = np.zeros((m, m, m)), np.zeros((m, m, n))
    gw, gu = np.zeros((m, m)), np.zeros((m, n))
    for t in range(len(run.direct)):
        dw = run.slopes[t][:, None, None] * (np.einsum("ab,bij->aij", recurrent, dw)
                                             + np.einsum("ai,j->aij", np.eye(m), run.states[t]))
        du = run.slopes[t][:, None, None] * (np.einsum("ab,bij->aij", recurrent, du)
                                             + np.einsum("ai,j->aij", np.eye(m), run.x[t]))
        gw += np.einsum("a,aij->ij", run.direct[t], dw)
        gu += np.einsum("a,aij->ij", run.direct[t], du)
    return gw, gu


def _summed(impl: Any, p: Problem, run: Pass) -> tuple[np.ndarray, np.ndarray]:
    recurrent, inputs = impl.step_gradients(p.net, p.x, p.y)
    return recurrent.sum(axis=0), inputs.sum(axis=0)


@TOPIC.claim(
    "rnn.bptt_gradient_sum",
    method="property",
    canonical=Formula(r"\frac{\partial L}{\partial W} = \sum_{t=1}^T \frac{\partial L}{\partial W_t}", _summed),
    faithful=("003",),
    printed={"002": Printed(
        Formula(r"\sum_{t=1}^T \frac{\partial \mathcal L}{\partial \hat y_t}\frac{\partial \hat y_t}{\partial z_t}"
                r"\frac{\partial z_t}{\partial w}", lambda impl, p, run: rtrl(p.net.recurrent, run)),
        reading="∂z_t/∂w read as the total derivative through z_{t-1}, z_{t-2}, … (carried forward, as in "
                "real-time recurrent learning), evaluated on the implementation's forward pass only")},
)
def bptt_gradient_sum(ctx: Context, stated: Formula) -> Outcome:
    """The gradient of a weight shared across time is the sum of the gradients of its per-step copies.

    With ``W_t`` the copy of ``W`` (and ``U_t`` of ``U``) that step ``t`` uses, ``∂L/∂W = Σ_t ∂L/∂W_t``
    (document 003 line 813: dummy parameters ``W̃_t = W``, ``∂W̃_t/∂W = I``); equivalently (document
    002 line 531) ``Σ_t (∂L/∂ŷ_t)(∂ŷ_t/∂z_t)(dz_t/dw)`` with the total ``dz_t/dw``. Checked against
    the implementation's ``∂L/∂W`` and ``∂L/∂U``.
    """

    def compare(impl: Any, p: Problem) -> Iterator[Comparison]:
        run = Pass.of(impl, p)
        expected = stated(impl, p, run)
        scale = rtrl(np.abs(p.net.recurrent), run.magnitudes(p.net))
        for name, actual, value, size in zip(("∂L/∂W", "∂L/∂U"), impl.weight_gradients(p.net, p.x, p.y),
                                             expected, scale, strict=True):
            yield agree(actual, value, size, label=name)

    return for_problems(ctx, compare)


def _through_products(run: Pass) -> np.ndarray:
    return sum(np.outer((chain(run.steps, t, i).T @ run.direct[t - 1]) * run.slopes[i - 1], run.states[i - 1])
               for t in range(1, len(run.direct) + 1) for i in range(1, t + 1))


PRODUCT_FORM = Formula(
    r"\sum_{t=1}^T \frac{\partial L_t}{\partial h_t} \sum_{i=1}^t \Big(\prod_{j=t}^{i+1}"
    r"\frac{\partial h_j}{\partial a_j}\frac{\partial a_j}{\partial h_{j-1}}\Big)"
    r"\frac{\partial h_i}{\partial a_i}\frac{\partial a_i}{\partial W}", _through_products)


@TOPIC.claim(
    "rnn.bptt_product_form",
    method="property",
    canonical=PRODUCT_FORM,
    printed={"001": Printed(PRODUCT_FORM, reading=(
        "the printed line sums over t = 0 … T with i left free; read as Σ_t ∂L_t/∂ŷ_t ∂ŷ_t/∂h_t Σ_{i≤t} "
        "(Π_{j=t}^{i+1} ∂h_j/∂a_j ∂a_j/∂h_{j-1}) ∂h_i/∂a_i ∂a_i/∂θ, the product running down from j = t "
        "(latest factor on the left) as printed; θ = W"))},
)
def bptt_product_form(ctx: Context, stated: Formula) -> Outcome:
    """BPTT written out as a sum over paths through time.

    ``∂L/∂W = Σ_t Σ_{i≤t} (∂ℓ_t/∂z_t)(D_t ⋯ D_{i+1}) diag(φ'(a_i)) ∂a_i/∂W`` with ``∂a_i/∂w_ab =
    e_a z_{b}^{i-1}``: every step ``i`` at which ``W`` acts, every later loss ``ℓ_t`` (document 001
    line 716). Evaluated on the implementation's forward pass only and compared with its ``∂L/∂W``.
    """

    def compare(impl: Any, p: Problem) -> Iterator[Comparison]:
        run = Pass.of(impl, p)
        yield agree(impl.weight_gradients(p.net, p.x, p.y)[0], stated(run), stated(run.magnitudes(p.net)),
                    label="∂L/∂W")

    return for_problems(ctx, compare)


UNROLLED = Formula(r"z_s = F_s \circ \dots \circ F_1(z_0),\ F_t(z) = \varphi(W z + U x_t + b)",
                   lambda net, x: Network((net.recurrent,) * len(x), tuple(net.input @ xt + net.bias for xt in x),
                                          net.activation))


@TOPIC.claim(
    "rnn.unrolled_feedforward",
    method="property",
    canonical=UNROLLED,
    faithful=("001",),
)
def unrolled_feedforward(ctx: Context, stated: Formula) -> Outcome:
    """Unrolled over ``s`` steps, an RNN is a feedforward network of ``s`` layers with shared weights.

    Layer ``t`` of the unrolled network is ``z ↦ φ(W z + U x_t + b)``: the same weight ``W`` in every
    layer, the input entering as layer ``t``'s bias (document 001 line 706). The implementation's
    states ``z_1 … z_s`` equal the layers of that network run by the reference MLP of
    :mod:`impls.backprop` from ``z_0``.
    """
    mlp = Backprop()

    def compare(impl: Any, p: Problem) -> Iterator[Comparison]:
        states = impl.forward(p.net, p.x)
        layers = mlp.forward(stated(p.net, p.x), p.net.initial[None, :])
        yield agree(states[1:], np.array([a[0] for a in layers[1:]]), propagated(p.net, states, p.x),
                    label="z_1 … z_s")

    return for_problems(ctx, compare, activations=("tanh", "sigmoid", "softplus", "relu", "identity"))


STATE_UPDATE = Formula(r"z_t = \varphi(W z_{t-1} + U x_t + b)",
                       lambda net, previous, current, x_t: ACTIVATIONS[net.activation][0](
                           net.recurrent @ previous + net.input @ x_t + net.bias))


@TOPIC.claim(
    "rnn.simple_rnn_state_update",
    method="property",
    canonical=STATE_UPDATE,
    printed={"002": Printed(
        Formula(r"z_t = \phi(U z_{t-1} + V z_t)",
                lambda net, previous, current, x_t: ACTIVATIONS[net.activation][0](
                    net.recurrent @ previous + net.input @ current + net.bias)),
        reading="U the recurrent and V the input weight (as in document 000); the printed V z_t has the state "
                "z_t where the input x_t belongs, making the update implicit and the input absent")},
)
def simple_rnn_state_update(ctx: Context, stated: Formula) -> Outcome:
    """The simple RNN's state update.

    ``z_t = φ(W z_{t-1} + U x_t + b)`` (document 001 line 699, 003 line 790; document 002 line 521
    names the weights U, V and has no bias). Each of the implementation's states equals the update
    applied to its own previous state and the step's input.
    """

    def compare(impl: Any, p: Problem) -> Iterator[Comparison]:
        states = impl.forward(p.net, p.x)
        for t in range(1, len(states)):
            value = evaluated(stated, p.net, states[t - 1], states[t], p.x[t - 1], label=f"z_{t}")
            if isinstance(value, Comparison):
                yield value
                return
            yield agree(states[t], value, pre_scale(p.net, states[t - 1], p.x[t - 1]), label=f"z_{t}")

    return for_problems(ctx, compare, square=not ctx.is_canonical)
