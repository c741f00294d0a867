"""Hopfield networks: the reference implementation and a batched simulator.

Conventions (documents 000, 001, 003): states are ``±1`` vectors, weights symmetric with zero
diagonal, the local field of unit ``i`` is ``h_i = Σ_j w_ij x_j + b_i`` and an update sets
``x_i ← sign(h_i)``, keeping ``x_i`` when ``h_i = 0``. Asynchronous dynamics visit the units in a
random order (one permutation per run, repeated sweep after sweep) and apply every flip at once,
so that each flip sees the flips before it; they stop at a fixed point (a sweep without flips).

Any implementation with the :class:`HopfieldImpl` protocol can be checked::

    theorems check hopfield --impl mypackage.module:MyHopfield
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

import numpy as np


@dataclass
class Trajectory:
    """An asynchronous run: the units flipped, in order, and where it stopped."""

    flips: np.ndarray
    final: np.ndarray
    converged: bool
    sweeps: int

    def states(self, start: np.ndarray) -> np.ndarray:
        """Every state visited: ``start``, then the state after each flip."""
        states = np.repeat(np.asarray(start, dtype=float)[None, :], len(self.flips) + 1, axis=0)
        for k, unit in enumerate(self.flips, start=1):
            states[k:, unit] *= -1
        return states


@runtime_checkable
class HopfieldImpl(Protocol):
    """What a Hopfield implementation under test provides.

    ``hebbian(patterns, normalized=True)``: weights of the ``s × n`` ``±1`` patterns, either
    ``(1/n) Σ_t x^t (x^t)ᵀ`` with zero diagonal (000, 003) or, with ``normalized=False``,
    ``Σ_t (x^t (x^t)ᵀ - I)`` (001).

    ``energy(W, b, x)``: ``-½ Σ_{i≠j} w_ij x_i x_j - Σ_i b_i x_i``.

    ``run_async(W, b, x, order=..., max_sweeps=...)``: asynchronous dynamics from ``x``, visiting
    the units in ``order`` sweep after sweep; the :class:`Trajectory` of every flip.

    ``run_sync(W, b, x, steps=...)``: ``steps`` synchronous updates; the ``(steps + 1) × n`` states.

    ``retrieve(patterns, cues, orders, max_sweeps=...)``: for ``G`` Hebbian networks
    (``patterns``: ``G × s × n``, no thresholds) run the asynchronous dynamics from each of the
    ``G × P`` ``cues`` in its ``orders`` permutation; the ``G × P × n`` final states.

    ``optimal_weights(patterns, max_epochs=...)``: for ``G × s × n`` patterns, zero-diagonal weights
    ``G × n × n`` learned row by row with the perceptron rule until every pattern is a fixed point
    (or ``max_epochs`` run out): from zero, the patterns presented in order, row ``i`` moves by
    ``x_i^t x^t`` (off the diagonal) whenever ``x_i^t (W x^t)_i ≤ 0``.
    """

    def hebbian(self, patterns: np.ndarray, *, normalized: bool = True) -> np.ndarray: ...

    def energy(self, W: np.ndarray, b: np.ndarray, x: np.ndarray) -> float: ...

    def run_async(
        self, W: np.ndarray, b: np.ndarray, x: np.ndarray, *, order: np.ndarray, max_sweeps: int = 100
    ) -> Trajectory: ...

    def run_sync(self, W: np.ndarray, b: np.ndarray, x: np.ndarray, *, steps: int) -> np.ndarray: ...

    def retrieve(
        self, patterns: np.ndarray, cues: np.ndarray, orders: np.ndarray, *, max_sweeps: int = 100
    ) -> np.ndarray: ...

    def optimal_weights(self, patterns: np.ndarray, *, max_epochs: int = 500) -> np.ndarray: ...


def sign_keep(h: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``sign(h)``, keeping the current state ``x`` where ``h = 0``."""
    return np.where(h > 0, 1.0, np.where(h < 0, -1.0, x))


class Hopfield:
    """The reference: plain NumPy for single networks, the batched simulator for ``retrieve``.

    ``run_async`` keeps the local fields up to date after each flip (``O(n)`` per flip) instead of
    recomputing ``W x``. ``device`` chooses where ``retrieve`` runs (CUDA when present by default).
    """

    def __init__(self, device: str | None = None) -> None:
        self.device = device

    def hebbian(self, patterns: np.ndarray, *, normalized: bool = True) -> np.ndarray:
        X = np.asarray(patterns, dtype=float)
        W = X.T @ X
        np.fill_diagonal(W, 0.0)
        return W / X.shape[1] if normalized else W

    def energy(self, W: np.ndarray, b: np.ndarray, x: np.ndarray) -> float:
        W, x = np.asarray(W, dtype=float), np.asarray(x, dtype=float)
        off_diagonal = x @ W @ x - np.diag(W) @ (x * x)
        return float(-0.5 * off_diagonal - np.asarray(b, dtype=float) @ x)

    def run_async(
        self, W: np.ndarray, b: np.ndarray, x: np.ndarray, *, order: np.ndarray, max_sweeps: int = 100
    ) -> Trajectory:
        W = np.asarray(W, dtype=float)
        state = np.array(x, dtype=float)
        field = W @ state + np.asarray(b, dtype=float)
        flips: list[int] = []
        for sweep in range(1, max_sweeps + 1):
            flipped = False
            for unit in order:
                if state[unit] * field[unit] < 0:
                    state[unit] = -state[unit]
                    field += 2.0 * state[unit] * W[:, unit]
                    flips.append(int(unit))
                    flipped = True
            if not flipped:
                return Trajectory(np.array(flips, dtype=int), state, True, sweep)
        return Trajectory(np.array(flips, dtype=int), state, False, max_sweeps)

    def run_sync(self, W: np.ndarray, b: np.ndarray, x: np.ndarray, *, steps: int) -> np.ndarray:
        W, b = np.asarray(W, dtype=float), np.asarray(b, dtype=float)
        states = [np.asarray(x, dtype=float)]
        for _ in range(steps):
            states.append(sign_keep(W @ states[-1] + b, states[-1]))
        return np.array(states)

    def retrieve(
        self, patterns: np.ndarray, cues: np.ndarray, orders: np.ndarray, *, max_sweeps: int = 100
    ) -> np.ndarray:
        return simulate_retrieval(patterns, cues, orders, max_sweeps=max_sweeps, device=self.device)

    def optimal_weights(self, patterns: np.ndarray, *, max_epochs: int = 500) -> np.ndarray:
        return perceptron_weights(patterns, max_epochs=max_epochs)


def default_device() -> str:
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def simulate_retrieval(
    patterns: np.ndarray, cues: np.ndarray, orders: np.ndarray, *, max_sweeps: int = 100,
    device: str | None = None, max_bytes: int = 1 << 28,
) -> np.ndarray:
    """Batched asynchronous retrieval in Hebbian networks ``Σ_t (x^t (x^t)ᵀ - I)``, on CPU or GPU.

    Event-driven: the run of :meth:`Hopfield.run_async` flips, from its position in the sweep
    order, the next unstable unit in cyclic order; all ``G × P`` runs take that step together, each
    in ``O(n)``. The weights are integers, so the fields are exact and the final states equal the
    reference's. Networks are processed in chunks of at most ``max_bytes`` of weights.
    """
    import torch

    device = device or default_device()
    patterns = np.asarray(patterns)
    G, s, n = patterns.shape
    exact_in_float32 = s * n < 2**24
    dtype = torch.float32 if exact_in_float32 else torch.float64
    per_network = n * n * (4 if exact_in_float32 else 8)
    chunk = max(1, max_bytes // per_network)
    out = np.empty(np.shape(cues), dtype=np.int8)
    for start in range(0, G, chunk):
        part = slice(start, min(G, start + chunk))
        X = torch.as_tensor(patterns[part], dtype=dtype, device=device)
        W = X.transpose(1, 2) @ X
        W.diagonal(dim1=1, dim2=2).zero_()
        state = torch.as_tensor(np.asarray(cues[part]), dtype=dtype, device=device)
        order = torch.as_tensor(np.asarray(orders[part]), dtype=torch.long, device=device)
        field = (state @ X.transpose(1, 2)) @ X - s * state  # W x without forming W x: O(s n) per cue
        with _single_thread_loop(device):
            out[part] = _run_batched(W, state, field, order, max_sweeps).cpu().numpy().astype(np.int8)
    return out


@contextmanager
def _single_thread_loop(device: str) -> Iterator[None]:
    """The event loop makes many small steps: on a CPU one thread beats several fighting for it."""
    import torch

    threads = torch.get_num_threads()
    if device == "cpu":
        torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)


def _run_batched(W: Any, state: Any, field: Any, order: Any, max_sweeps: int) -> Any:
    import torch

    g, p, n = state.shape
    rank = torch.empty_like(order)
    rank.scatter_(2, order, torch.arange(n, device=order.device).expand(g, p, n).contiguous())
    position = torch.zeros(g, p, dtype=torch.long, device=state.device)  # next place in the sweep order
    advanced = torch.zeros(g, p, dtype=torch.long, device=state.device)  # places visited so far
    net = torch.arange(g, device=state.device)[:, None].expand(g, p)
    limit = max_sweeps * n
    while True:
        unstable = state * field < 0
        ahead = torch.remainder(rank - position[..., None], n).masked_fill(~unstable, n)
        step, unit = ahead.min(dim=2)
        moving = (step < n) & (advanced + step + 1 <= limit)
        if not bool(moving.any()):
            return state
        new_value = -state.gather(2, unit[..., None]).squeeze(2)
        delta = torch.where(moving, 2.0 * new_value, torch.zeros_like(new_value))
        state.scatter_(2, unit[..., None], torch.where(moving, new_value, -new_value)[..., None])
        field += delta[..., None] * W[net, unit]
        advanced += torch.where(moving, step + 1, torch.zeros_like(step))
        position = torch.where(moving, torch.remainder(rank.gather(2, unit[..., None]).squeeze(2) + 1, n), position)


def perceptron_weights(patterns: np.ndarray, *, max_epochs: int = 500) -> np.ndarray:
    """Zero-diagonal weights making each pattern a fixed point, learned with the perceptron rule.

    Row ``i`` of ``W`` is a perceptron on the inputs ``x_{-i}`` with label ``x_i`` (no threshold):
    the patterns are presented in order and row ``i`` moves by ``x_i^t x^t`` whenever
    ``x_i^t (W x^t)_i ≤ 0``. All rows of all ``G`` networks learn at once; learning stops after an
    epoch without an update or after ``max_epochs``.
    """
    X = np.asarray(patterns, dtype=float)
    G, s, n = X.shape
    W = np.zeros((G, n, n))
    off_diagonal = 1.0 - np.eye(n)
    for _ in range(max_epochs):
        updated = False
        for t in range(s):
            x = X[:, t, :]
            wrong = x * (W @ x[:, :, None])[:, :, 0] <= 0
            if wrong.any():
                W += (wrong * x)[:, :, None] * x[:, None, :] * off_diagonal
                updated = True
        if not updated:
            break
    return W
