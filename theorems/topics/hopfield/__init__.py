"""Hopfield networks (documents 000, 001, 003).

Standard results: Hopfield (1982), the energy -½ Σ_{i≠j} w_ij x_i x_j - Σ_i b_i x_i never increases
under x_i ← sign(Σ_j w_ij x_j + b_i) (symmetric w, zero diagonal); Amit, Gutfreund & Sompolinsky
(1985, 1987), Hebbian capacity α_c ≈ 0.138 with retrieval overlap ≈ 0.967 there; McEliece, Posner,
Rodemich & Venkatesh (1987), a given pattern is a fixed point w.h.p. iff s ≤ n/(2 ln n); Gardner
(1988), optimal weights store up to α = 2.

The boundary below validates everything a :class:`~impls.hopfield.HopfieldImpl` returns: states are
``±1`` arrays of the expected shape, a trajectory's flips replay to its final state, learned
weights have no self-couplings.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.hopfield import HopfieldImpl, Trajectory
from theorems.engine import Boundary, ImplementationError, Topic, as_array

from .strategies import Network

HOPFIELD = "Hopfield (1982), Neural networks and physical systems with emergent collective computational abilities"

MAX_SWEEPS = 1000


def spins(value: Any, *, what: str, shape: tuple[int, ...]) -> np.ndarray:
    """``value`` as an array of ``±1`` of the given shape, or ImplementationError."""
    arr = as_array(value, what=what, shape=shape)
    if not np.all(np.abs(arr) == 1):
        raise ImplementationError(f"{what} has entries other than ±1")
    return arr


def checked_weights(W: Any, patterns: np.ndarray, **_: Any) -> np.ndarray:
    n = np.shape(patterns)[1]
    return as_array(W, what="the weights", shape=(n, n))


def checked_energy(energy: Any, W: np.ndarray, b: np.ndarray, x: np.ndarray) -> float:
    return float(as_array(energy, what="the energy", shape=()))


def checked_trajectory(traj: Any, W: np.ndarray, b: np.ndarray, x: np.ndarray, **_: Any) -> Trajectory:
    """The trajectory, its flips inside ``0..n-1`` and replaying from ``x`` to its final state."""
    for attr in ("flips", "final", "converged"):
        if not hasattr(traj, attr):
            raise ImplementationError(f"returned {type(traj).__name__} without .{attr}")
    n = len(x)
    flips = np.asarray(traj.flips, dtype=int).reshape(-1)
    if np.any((flips < 0) | (flips >= n)):
        raise ImplementationError(f"flipped units outside 0..{n - 1}: {flips.tolist()}")
    final = as_array(traj.final, what=".final", shape=(n,))
    replayed = Trajectory(flips, final, bool(traj.converged), int(getattr(traj, "sweeps", 0)))
    if not np.array_equal(replayed.states(x)[-1], final):
        raise ImplementationError("applying the reported flips to x does not give .final")
    return replayed


def checked_sync_states(states: Any, W: np.ndarray, b: np.ndarray, x: np.ndarray, *, steps: int) -> np.ndarray:
    return spins(states, what="the states", shape=(steps + 1, len(x)))


def checked_retrieval(final: Any, patterns: np.ndarray, cues: np.ndarray, orders: np.ndarray, **_: Any) -> np.ndarray:
    return spins(final, what="the final states", shape=np.shape(cues))


def checked_optimal_weights(W: Any, patterns: np.ndarray, **_: Any) -> np.ndarray:
    networks, _, n = np.shape(patterns)
    weights = as_array(W, what="the weights", shape=(networks, n, n))
    if np.any(np.diagonal(weights, axis1=1, axis2=2) != 0):
        raise ImplementationError("self-couplings w_ii ≠ 0")
    return weights


TOPIC = Topic(
    "hopfield",
    "Hopfield networks",
    summary="Energy descent and convergence, limit cycles, Hebbian capacity 0.138 n, McEliece's "
    "n/(2 ln n) and Gardner's α = 2.",
    sections=("dynamics", "storage", "capacity", "fixed_points"),
    boundary=Boundary(
        HopfieldImpl,
        reference="impls.hopfield:Hopfield",
        outputs={
            "hebbian": checked_weights,
            "energy": checked_energy,
            "run_async": checked_trajectory,
            "run_sync": checked_sync_states,
            "retrieve": checked_retrieval,
            "optimal_weights": checked_optimal_weights,
        },
    ),
)


def run_async(impl: Any, net: Network) -> Trajectory:
    """The implementation's asynchronous run on ``net`` (validated by the boundary)."""
    return impl.run_async(net.W, net.b, net.x, order=net.order, max_sweeps=MAX_SWEEPS)
