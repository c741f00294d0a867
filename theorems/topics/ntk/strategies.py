"""Small ReLU networks at their NTK initialisation, with training and test inputs and targets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from impls.ntk import activation_pattern, parameter_count


@dataclass(frozen=True)
class Instance:
    """A network ``widths`` at parameters ``theta``, training inputs ``x`` (n × d) with targets ``y``,
    test inputs ``x_test``, parameter directions ``u`` and ``v`` (displacements β = θ − θ₀) and dual
    coefficients ``alpha`` (one per training input)."""

    widths: tuple[int, ...]
    theta: np.ndarray
    x: np.ndarray
    y: np.ndarray
    x_test: np.ndarray
    u: np.ndarray
    v: np.ndarray
    alpha: np.ndarray

    def describe(self) -> dict[str, Any]:
        return {"widths": list(self.widths), "theta": self.theta.tolist(), "x": self.x.tolist(),
                "y": self.y.tolist(), "x_test": self.x_test.tolist(), "u": self.u.tolist(), "v": self.v.tolist(),
                "alpha": self.alpha.tolist()}


def _instance(d: int, hidden: tuple[int, ...], n: int, seed: int, duplicate: bool) -> Instance:
    rng = np.random.default_rng(seed)
    widths = (d, *hidden)
    x = rng.standard_normal((n, d))
    if duplicate:  # a repeated input: a singular Gram matrix, where only the pseudo-inverse is defined
        x = np.vstack([x, x[:1]])
    P = parameter_count(widths)
    return Instance(widths, rng.standard_normal(P), x, rng.standard_normal(len(x)), rng.standard_normal((2, d)),
                    rng.standard_normal(P), rng.standard_normal(P), rng.standard_normal(len(x)))


def instances(*, max_depth: int = 2, max_points: int = 4, singular: bool = False) -> SearchStrategy[Instance]:
    """Networks of 1 … ``max_depth`` hidden layers of width 1 … 8 on 1 … 4 inputs, ``max_points`` training
    inputs (with ``singular``, sometimes one input repeated)."""
    return st.builds(
        _instance,
        d=st.integers(1, 4),
        hidden=st.lists(st.integers(1, 8), min_size=1, max_size=max_depth).map(tuple),
        n=st.integers(1, max_points),
        seed=st.integers(0, 2**32 - 1),
        duplicate=st.booleans() if singular else st.just(False),
    )


def safe_step(case: Instance, direction: np.ndarray, points: np.ndarray) -> float:
    """A step h with which no hidden unit changes its activation on the segment θ ± h·direction (checked
    at eight points of it), so that f is a polynomial of degree ≤ L + 1 in the step there."""
    h = 2.0**-4 / max(1.0, float(np.max(np.abs(direction))))
    pattern = activation_pattern(case.theta, case.widths, points)
    while h > 2.0**-60:
        if all(np.array_equal(activation_pattern(case.theta + s * h * direction, case.widths, points), pattern)
               for s in (-1.0, -0.75, -0.5, -0.25, 0.25, 0.5, 0.75, 1.0)):
            return h
        h /= 2
    return h
