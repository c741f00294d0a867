"""Wrong Hopfield implementations and wrong formulas, each with the claim that rejects it."""

from __future__ import annotations

import numpy as np

from impls.hopfield import Hopfield, Trajectory, sign_keep
from tests.mutants import Mutant
from theorems.engine import Formula
from theorems.topics.hopfield.capacity import Load
from theorems.topics.hopfield.dynamics import Periods, WeightClass
from theorems.topics.hopfield.storage import HEBB_1_OVER_N, HebbRule

M = "tests.mutants.hopfield"


class SynchronousAsAsynchronous(Hopfield):
    """``run_async`` updates every unit at once and reports the changed units as flips."""

    def run_async(self, W, b, x, *, order, max_sweeps=100):
        state = np.asarray(x, dtype=float)
        flips: list[int] = []
        for sweep in range(1, max_sweeps + 1):
            new = sign_keep(W @ state + b, state)
            changed = [int(i) for i in order if new[i] != state[i]]
            if not changed:
                return Trajectory(np.array(flips, dtype=int), state, True, sweep)
            flips += changed
            state = new
        return Trajectory(np.array(flips, dtype=int), state, False, max_sweeps)


class AsynchronousAsSynchronous(Hopfield):
    """``run_sync`` makes asynchronous sweeps: it can never show a limit cycle."""

    def run_sync(self, W, b, x, *, steps):
        states = [np.asarray(x, dtype=float)]
        for _ in range(steps):
            state = states[-1].copy()
            for i in range(len(state)):
                state[i] = sign_keep(W[i] @ state + b[i], state[i])
            states.append(state)
        return np.array(states)


class ThresholdSignFlipped(Hopfield):
    """Updates by ``sign(W x - b)``: the threshold enters with the wrong sign."""

    def run_async(self, W, b, x, *, order, max_sweeps=100):
        return super().run_async(W, -np.asarray(b, dtype=float), x, order=order, max_sweeps=max_sweeps)

    def run_sync(self, W, b, x, *, steps):
        return super().run_sync(W, -np.asarray(b, dtype=float), x, steps=steps)


class SelfCoupled(Hopfield):
    """Hebbian weights that keep the diagonal ``s/n``."""

    def hebbian(self, patterns, *, normalized=True):
        X = np.asarray(patterns, dtype=float)
        return X.T @ X / X.shape[1] if normalized else X.T @ X


class OneOverS(Hopfield):
    """Hebbian weights normalised by the number of patterns instead of the number of units."""

    def hebbian(self, patterns, *, normalized=True):
        W = super().hebbian(patterns, normalized=False)
        return W / len(patterns) if normalized else W


class NoDynamics(Hopfield):
    """``retrieve`` returns the cues unchanged: every pattern looks retrieved at any load."""

    def retrieve(self, patterns, cues, orders, *, max_sweeps=100):
        return np.asarray(cues)


class SynchronousRetrieval(Hopfield):
    """``retrieve`` updates every unit at once until a fixed point (or a 2-cycle's last state): its final overlaps
    have the asynchronous dynamics' statistics, P(m ≥ 0.9) included, but not its final states."""

    def retrieve(self, patterns, cues, orders, *, max_sweeps=100):
        X = np.asarray(patterns, dtype=float)
        W = np.einsum("gti,gtj->gij", X, X) * (1 - np.eye(X.shape[2]))
        state = np.asarray(cues, dtype=float)
        for _ in range(max_sweeps):
            new = sign_keep(np.einsum("gij,gpj->gpi", W, state), state)
            if np.array_equal(new, state):
                break
            state = new
        return state


class IndexOrderRetrieval(Hopfield):
    """``retrieve`` sweeps the units in index order, ignoring the ``orders`` given: the same law of the final states
    (the patterns are exchangeable), other final states."""

    def retrieve(self, patterns, cues, orders, *, max_sweeps=100):
        return super().retrieve(patterns, cues, np.broadcast_to(np.arange(np.shape(cues)[-1]), np.shape(orders)),
                                max_sweeps=max_sweeps)


class HebbianAsOptimal(Hopfield):
    """``optimal_weights`` returns Hebbian weights: they store only about 0.14 n patterns."""

    def optimal_weights(self, patterns, *, max_epochs=500):
        X = np.asarray(patterns, dtype=float)
        W = np.einsum("gti,gtj->gij", X, X)
        W[:, np.arange(X.shape[2]), np.arange(X.shape[2])] = 0
        return W


class StopsWithFirstNetwork(Hopfield):
    """Perceptron learning of G networks at once that stops as soon as one network has an epoch without an update,
    leaving the others' rows short of the rule's."""

    def optimal_weights(self, patterns, *, max_epochs=500):
        X = np.asarray(patterns, dtype=float)
        G, s, n = X.shape
        W = np.zeros((G, n, n))
        off_diagonal = 1.0 - np.eye(n)
        for _ in range(max_epochs):
            updated = np.zeros(G, dtype=bool)
            for t in range(s):
                x = X[:, t, :]
                wrong = x * (W @ x[:, :, None])[:, :, 0] <= 0
                W += (wrong * x)[:, :, None] * x[:, None, :] * off_diagonal
                updated |= wrong.any(axis=1)
            if not updated.all():
                break
        return W


MUTANTS = [
    Mutant("hopfield.energy", "synchronous update sold as asynchronous", impl=f"{M}:SynchronousAsAsynchronous"),
    Mutant("hopfield.energy", "threshold with the wrong sign in the update", impl=f"{M}:ThresholdSignFlipped"),
    Mutant("hopfield.update_rule", "threshold with the wrong sign in the update", impl=f"{M}:ThresholdSignFlipped"),
    Mutant("hopfield.async_convergence", "synchronous update sold as asynchronous",
           impl=f"{M}:SynchronousAsAsynchronous"),
    Mutant("hopfield.async_convergence", "self-couplings of either sign allowed",
           form=WeightClass(r"w_{ij} = w_{ji}", "any")),
    Mutant("hopfield.sync_limit_cycles", "asynchronous sweeps sold as synchronous",
           impl=f"{M}:AsynchronousAsSynchronous"),
    Mutant("hopfield.sync_limit_cycles", "synchronous dynamics always settle",
           form=Periods(r"\text{period } 1", frozenset({1}))),
    Mutant("hopfield.identity_weights_no_retrieval", "W = -I instead of I",
           form=Formula(r"W = -I", lambda n: -np.eye(n))),
    Mutant("hopfield.hamming_overlap", "x·x̂ = n - k", form=Formula(r"n - k", lambda n, k: n - k)),
    Mutant("hopfield.pattern_and_negation_attractors", "radius k ≤ n/2",
           form=Formula(r"k \le n/2", lambda n, k: k <= n / 2)),
    Mutant("hopfield.hebbian_weights", "1/s instead of 1/n normalisation", impl=f"{M}:OneOverS"),
    Mutant("hopfield.hebbian_weights", "non-zero diagonal", impl=f"{M}:SelfCoupled"),
    Mutant("hopfield.hebbian_weights", "missing 1/n",
           form=HebbRule(r"\sum_t x x^T", True, lambda X: HEBB_1_OVER_N.fn(X) * X.shape[1])),
    Mutant("hopfield.capacity_0138", "capacity 0.5 n", form=Load(r"0.5", 0.5)),
    Mutant("hopfield.capacity_0138", "capacity 0.05 n", form=Load(r"0.05", 0.05)),
    Mutant("hopfield.capacity_0138", "retrieval without dynamics", impl=f"{M}:NoDynamics"),
    Mutant("hopfield.capacity_0138", "synchronous retrieval with the asynchronous overlap statistics",
           impl=f"{M}:SynchronousRetrieval"),
    Mutant("hopfield.capacity_0138", "retrieval that ignores the sweep orders", impl=f"{M}:IndexOrderRetrieval"),
    Mutant("hopfield.high_prob_retrieval", "s ≤ n/ln n", form=Formula(r"n/\ln n", lambda n: n / np.log(n))),
    Mutant("hopfield.optimal_weights_capacity_2", "α* = 1", form=Load(r"1", 1.0)),
    Mutant("hopfield.optimal_weights_capacity_2", "Hebbian weights sold as optimal", impl=f"{M}:HebbianAsOptimal"),
    Mutant("hopfield.optimal_weights_capacity_2", "perceptron learning stopped with the first network to converge",
           impl=f"{M}:StopsWithFirstNetwork"),
]
