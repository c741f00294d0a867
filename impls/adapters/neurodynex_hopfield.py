"""``neurodynex3.hopfield_network`` (EPFL, Gerstner et al.) behind the :class:`HopfieldImpl` protocol.

Optional extra: ``pip install --no-deps neurodynex3`` (it pins old numpy; its Hopfield module needs only
numpy). Weights are set directly (its ``store_patterns`` is an O(s n²) Python loop). Its own dynamics:
every sweep visits the units in a fresh ``np.random.permutation`` (seeded here, so runs replay), and
``sign(0) = +1``. Thresholds become the weights from an extra unit clamped at +1, so the ``order``
argument cannot be honoured: neurodynex chooses its own. Select with
``--impl hopfield=impls.adapters.neurodynex_hopfield:NeurodynexHopfield``.
"""

from __future__ import annotations

import numpy as np

from impls.hopfield import Hopfield, Trajectory


def _network_class() -> type:
    try:
        from neurodynex3.hopfield_network.network import HopfieldNetwork
    except ImportError as exc:  # pragma: no cover - depends on the optional extra
        raise ImportError("neurodynex3 is not installed: pip install --no-deps neurodynex3") from exc
    return HopfieldNetwork


class NeurodynexHopfield(Hopfield):
    """Dynamics (``run_async``, ``run_sync``, ``retrieve``) by neurodynex3; storage and energy inherited."""

    def __init__(self, seed: int = 0) -> None:
        super().__init__(device="cpu")
        self.network_class = _network_class()
        self.seed = seed

    def _network(self, W: np.ndarray, b: np.ndarray, x: np.ndarray, *, synchronous: bool):
        n = len(x)
        net = self.network_class(n + 1)
        weights = np.zeros((n + 1, n + 1))
        # neurodynex computes h_i = Σ_j weights[j, i] s_j; unit n is clamped at +1 by its self-weight
        weights[:n, :n] = np.asarray(W, dtype=float).T
        weights[n, :n] = np.asarray(b, dtype=float)
        weights[n, n] = 1.0
        net.weights = weights
        net.set_state_from_pattern(np.append(np.asarray(x, dtype=float), 1.0))
        if synchronous:
            net.set_dynamics_sign_sync()
        else:
            net.set_dynamics_sign_async()
        return net

    def run_async(self, W, b, x, *, order, max_sweeps=100):
        np.random.seed(self.seed)
        net = self._network(W, b, x, synchronous=False)
        n, flips = len(x), []
        for sweep in range(1, max_sweeps + 1):
            state = np.random.get_state()
            visit = np.random.permutation(n + 1)  # the permutation neurodynex is about to draw
            np.random.set_state(state)
            before = net.state.copy()
            net.iterate()
            changed = [int(i) for i in visit if i < n and net.state[i] != before[i]]
            if not changed:
                return Trajectory(np.array(flips, dtype=int), net.state[:n].astype(float), True, sweep)
            flips += changed
        return Trajectory(np.array(flips, dtype=int), net.state[:n].astype(float), False, max_sweeps)

    def run_sync(self, W, b, x, *, steps):
        net = self._network(W, b, x, synchronous=True)
        return np.array([s[:-1] for s in net.run_with_monitoring(steps)], dtype=float)

    def retrieve(self, patterns, cues, orders, *, max_sweeps=100):
        patterns = np.asarray(patterns, dtype=float)
        out = np.empty(np.shape(cues))
        for g, X in enumerate(patterns):
            W = X.T @ X
            np.fill_diagonal(W, 0.0)
            for p, cue in enumerate(np.asarray(cues)[g]):
                out[g, p] = self.run_async(W, np.zeros(len(cue)), cue, order=orders[g, p],
                                           max_sweeps=max_sweeps).final
        return out
