"""The perceptron of the documents: mistake-driven updates ``w += y x``, ``b += y``.

Any implementation with the :class:`PerceptronImpl` protocol can be checked::

    theorems check perceptron --impl mypackage.module:MyPerceptron
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np


@dataclass
class Trace:
    """A training run: the iterate after every update, in order.

    ``weights[k]`` and ``biases[k]`` are ``(w_k, b_k)``: index 0 is the start, index ``k`` the
    iterate after the ``k``-th update, which was made on sample ``updated_on[k-1]``.
    """

    weights: np.ndarray
    biases: np.ndarray
    updated_on: list[int] = field(default_factory=list)
    epochs: int = 0

    @property
    def mistakes(self) -> int:
        return len(self.updated_on)

    @property
    def w(self) -> np.ndarray:
        return self.weights[-1]

    @property
    def b(self) -> float:
        return float(self.biases[-1])


@runtime_checkable
class PerceptronImpl(Protocol):
    """What a perceptron under test provides.

    ``step(w, b, x, y)``: the iterate after presenting one sample ``(x, y)``, ``y ∈ {-1, +1}``,
    to the perceptron at ``(w, b)`` (unchanged when the sample is classified correctly).

    ``fit(X, y, bias=..., w0=None, max_epochs=...)``: cycle through the samples in order, starting
    at ``w0`` (zero by default) and ``b = 0``, until an epoch makes no mistake or ``max_epochs`` runs
    out; return the :class:`Trace` of every update. With ``bias=False`` the bias stays 0.
    """

    def step(self, w: np.ndarray, b: float, x: np.ndarray, y: int) -> tuple[np.ndarray, float]: ...

    def fit(
        self, X: np.ndarray, y: np.ndarray, *, bias: bool = False, w0: np.ndarray | None = None,
        max_epochs: int = 10_000,
    ) -> Trace: ...


class Perceptron:
    """The reference perceptron. A sample is a mistake when ``y (x·w + b) ≤ 0``.

    ``update_on_tie=False`` gives the rule as document 001 prints it (no update when
    ``y (x·θ) = 0``), under which a perceptron started at zero never moves.
    """

    def __init__(self, update_on_tie: bool = True) -> None:
        self.update_on_tie = update_on_tie

    def is_mistake(self, w: np.ndarray, b: float, x: np.ndarray, y: int) -> bool:
        margin = y * (float(x @ w) + b)
        return margin <= 0 if self.update_on_tie else margin < 0

    def step(self, w: np.ndarray, b: float, x: np.ndarray, y: int) -> tuple[np.ndarray, float]:
        if self.is_mistake(w, b, x, y):
            return w + y * x, b + y
        return w, b

    def fit(
        self, X: np.ndarray, y: np.ndarray, *, bias: bool = False, w0: np.ndarray | None = None,
        max_epochs: int = 10_000,
    ) -> Trace:
        X = np.asarray(X, dtype=float)
        w = np.zeros(X.shape[1]) if w0 is None else np.asarray(w0, dtype=float).copy()
        b = 0.0
        weights, biases, updated_on = [w.copy()], [b], []
        for epoch in range(1, max_epochs + 1):
            clean = True
            for i, (x, label) in enumerate(zip(X, y, strict=True)):
                if self.is_mistake(w, b, x, int(label)):
                    w = w + label * x
                    b = b + label if bias else b
                    weights.append(w.copy())
                    biases.append(b)
                    updated_on.append(i)
                    clean = False
            if clean:
                return Trace(np.array(weights), np.array(biases), updated_on, epoch)
        return Trace(np.array(weights), np.array(biases), updated_on, max_epochs)
