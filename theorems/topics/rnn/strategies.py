"""Random recurrent networks, sequences, gated cells and diagonalisable linear recurrences."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from hypothesis.strategies import SearchStrategy

from impls.rnn import ACTIVATIONS, GAIN, RNN, GRUCell, LSTMCell
from theorems.engine import Context

WEIGHT = st.floats(-2.0, 2.0)
DATUM = st.floats(-3.0, 3.0)


def examples(ctx: Context) -> int:
    """Hypothesis examples of a check: a sixth of the profile's (16 quick, 250 full); every example is
    a whole network and sequence, compared at every step."""
    return max(1, ctx.profile.max_examples // 6)


def matrix(rows: int, cols: int, elements: SearchStrategy[float] = WEIGHT) -> SearchStrategy[np.ndarray]:
    return hnp.arrays(np.float64, (rows, cols), elements=elements)


def vector(size: int, elements: SearchStrategy[float] = WEIGHT) -> SearchStrategy[np.ndarray]:
    return hnp.arrays(np.float64, size, elements=elements)


def _listed(obj: Any) -> dict[str, Any]:
    return {k: v.tolist() if isinstance(v, np.ndarray) else v for k, v in asdict(obj).items()}


@dataclass(frozen=True)
class Problem:
    """A network, an input sequence ``x`` (``T × n``) and targets ``y`` (``T × q``)."""

    net: RNN
    x: np.ndarray
    y: np.ndarray

    @property
    def gain(self) -> float:
        """``γ σ_max(W)``: the factor of the bound on one step's Jacobian."""
        return GAIN[self.net.activation] * float(np.linalg.norm(self.net.recurrent, 2))

    def describe(self) -> dict[str, Any]:
        return {**_listed(self.net), "x": self.x.tolist(), "y": self.y.tolist(), "γ σ_max(W)": self.gain}


@st.composite
def problems(draw: st.DrawFn, activations: Sequence[str] = tuple(ACTIVATIONS), steps: tuple[int, int] = (1, 6),
             gain: tuple[float, float] | None = None, square: bool = False) -> Problem:
    """A network of width 1-4 with 1-3 inputs and outputs and a sequence of ``steps`` (a range).

    With ``gain``, ``W`` is rescaled so that ``γ σ_max(W)`` is drawn from that range; ``square`` makes
    every weight ``m × m`` (so that a formula that confuses states, inputs and outputs still has a value).
    """
    m = draw(st.integers(1, 4))
    n, q = (m, m) if square else (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    activation = draw(st.sampled_from(activations))
    recurrent = draw(matrix(m, m))
    if gain is not None:
        norm = float(np.linalg.norm(recurrent, 2))
        assume(norm > 1e-3)
        recurrent = recurrent * draw(st.floats(*gain)) / (GAIN[activation] * norm)
    t = draw(st.integers(*steps))
    net = RNN(recurrent, draw(matrix(m, n)), draw(vector(m)), draw(matrix(q, m)), draw(vector(m, DATUM)), activation)
    return Problem(net, draw(matrix(t, n, DATUM)), draw(matrix(t, q, DATUM)))


def at_rest(activation: str, gain: float, steps: int) -> Problem:
    """A scalar network at rest (``x = 0``, ``b = 0``, ``z_0 = 0``) with ``γ σ_max(W) = gain``: for the tanh
    family ``φ(0) = 0``, so every pre-activation is 0 and every slope is ``φ'(0) = γ``, and
    ``‖∂z_T/∂z_{T-k}‖₂ = (γ σ_max(W))^k`` exactly: the equality case of the vanishing-gradient bound."""
    zero = np.zeros((1, 1))
    net = RNN(np.array([[gain / GAIN[activation]]]), zero, np.zeros(1), zero, np.zeros(1), activation)
    return Problem(net, np.zeros((steps, 1)), np.zeros((steps, 1)))


@dataclass(frozen=True)
class Gated:
    """A gated cell, an input sequence and the initial state(s)."""

    cell: LSTMCell | GRUCell
    x: np.ndarray
    h0: np.ndarray
    c0: np.ndarray

    def describe(self) -> dict[str, Any]:
        return {**_listed(self.cell), "x": self.x.tolist(), "h0": self.h0.tolist(), "c0": self.c0.tolist()}


@st.composite
def gated(draw: st.DrawFn, kind: type[LSTMCell] | type[GRUCell]) -> Gated:
    """An LSTM or GRU cell of width 1-4 with 1-3 inputs, and 1-6 steps."""
    m, n, t = draw(st.integers(1, 4)), draw(st.integers(1, 3)), draw(st.integers(1, 6))
    gates = 4 if kind is LSTMCell else 3
    weights = [draw(matrix(m, m + n)) for _ in range(gates)] + [draw(vector(m)) for _ in range(gates)]
    return Gated(kind(*weights), draw(matrix(t, n, DATUM)), draw(vector(m, DATUM)), draw(vector(m, DATUM)))


@dataclass(frozen=True)
class Linear:
    """``A = P J P⁻¹``: ``J`` block-diagonal with real eigenvalues, rotation blocks ``r R(θ)`` and
    possibly one Jordan block ``[[s, 1], [0, s]]``, ``s = ±1``; the moduli are known exactly."""

    a: np.ndarray
    p: np.ndarray
    j: np.ndarray
    moduli: tuple[float, ...]
    defective_unit: bool
    """Whether ``A`` has a unit-modulus eigenvalue with a Jordan block of size 2."""

    @property
    def condition(self) -> float:
        return float(np.linalg.cond(self.p, 2))

    def describe(self) -> dict[str, Any]:
        return {"A": self.a.tolist(), "P": self.p.tolist(), "J": self.j.tolist(),
                "eigenvalue moduli": list(self.moduli), "unit eigenvalue with a Jordan block": self.defective_unit,
                "κ(P)": self.condition}


MODULUS = st.one_of(st.floats(0.0, 0.98), st.just(1.0), st.floats(1.02, 1.5))
"""Inside, on, or outside the unit circle, away from it by at least 0.02 (``1.02^300 > 380``)."""


@st.composite
def linear_systems(draw: st.DrawFn, jordan: bool = True, rotations: bool = True) -> Linear:
    """A real ``A`` of size 1-4 with ``κ(P) ≤ 10``; the Jordan block (when drawn) sits at modulus 1."""
    blocks: list[np.ndarray] = []
    moduli: list[float] = []
    defective = jordan and draw(st.booleans())
    if defective:
        s = draw(st.sampled_from([-1.0, 1.0]))
        blocks.append(np.array([[s, 1.0], [0.0, s]]))
        moduli += [1.0, 1.0]
    size = draw(st.integers(max(1, len(moduli)), 4))
    while len(moduli) < size:
        r = draw(MODULUS)
        if rotations and size - len(moduli) >= 2 and draw(st.booleans()):
            theta = draw(st.floats(0.1, 3.0))
            blocks.append(r * np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]]))
            moduli += [r, r]
        else:
            blocks.append(np.array([[r * draw(st.sampled_from([-1.0, 1.0]))]]))
            moduli.append(r)
    j = np.zeros((size, size))
    at = 0
    for block in blocks:
        k = len(block)
        j[at:at + k, at:at + k] = block
        at += k
    p = np.eye(size) + draw(matrix(size, size, st.floats(-0.5, 0.5)))
    assume(np.linalg.cond(p, 2) <= 10.0)
    return Linear(p @ j @ np.linalg.inv(p), p, j, tuple(moduli), defective)
