"""First-order methods of the documents, each returning its whole trajectory.

* gradient descent ``θ_{t+1} = θ_t - η ∇f(θ_t)``;
* Polyak's heavy ball ``θ_{t+1} = θ_t - η ∇f(θ_t) + β_t (θ_t - θ_{t-1})``;
* Nesterov's method ``y_t = θ_t + β_t (θ_t - θ_{t-1})``, ``θ_{t+1} = y_t - η ∇f(y_t)``;

all started with ``θ_{-1} = θ_0``. Any implementation with the :class:`OptimizerImpl` protocol can
be checked, e.g. ``torch.optim.SGD`` through its adapter::

    theorems check optim --impl impls.adapters.torch_sgd:TorchSGD
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

import numpy as np

Gradient = Callable[[np.ndarray], np.ndarray]


@runtime_checkable
class OptimizerImpl(Protocol):
    """What an optimizer under test provides. Every method returns the iterates ``θ_0 … θ_T``
    as an array of shape ``(T + 1, d)``; ``grad`` maps a point of R^d to the gradient there.

    ``gd(grad, x0, lr, steps)``: gradient descent with the fixed step ``lr``.

    ``heavy_ball(grad, x0, lr, betas)``: heavy-ball momentum, ``betas[t]`` being the β of step t
    (``T = len(betas)``).

    ``nesterov(grad, x0, lr, betas)``: Nesterov's method; the returned iterates are the ``θ_t``
    of the documents, not the look-ahead points ``y_t`` where the gradient is taken.
    """

    def gd(self, grad: Gradient, x0: np.ndarray, lr: float, steps: int) -> np.ndarray: ...

    def heavy_ball(self, grad: Gradient, x0: np.ndarray, lr: float, betas: Sequence[float]) -> np.ndarray: ...

    def nesterov(self, grad: Gradient, x0: np.ndarray, lr: float, betas: Sequence[float]) -> np.ndarray: ...


class GradientDescent:
    """The reference implementation, in float64 NumPy, written as the documents print the updates."""

    def gd(self, grad: Gradient, x0: np.ndarray, lr: float, steps: int) -> np.ndarray:
        theta = np.array(x0, dtype=float)
        path = [theta]
        for _ in range(steps):
            theta = theta - lr * grad(theta)
            path.append(theta)
        return np.array(path)

    def heavy_ball(self, grad: Gradient, x0: np.ndarray, lr: float, betas: Sequence[float]) -> np.ndarray:
        previous = theta = np.array(x0, dtype=float)
        path = [theta]
        for beta in betas:
            previous, theta = theta, theta - lr * grad(theta) + beta * (theta - previous)
            path.append(theta)
        return np.array(path)

    def nesterov(self, grad: Gradient, x0: np.ndarray, lr: float, betas: Sequence[float]) -> np.ndarray:
        previous = theta = np.array(x0, dtype=float)
        path = [theta]
        for beta in betas:
            look_ahead = theta + beta * (theta - previous)
            previous, theta = theta, look_ahead - lr * grad(look_ahead)
            path.append(theta)
        return np.array(path)
