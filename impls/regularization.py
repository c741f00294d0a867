"""Norm-based regularization of the documents, one protocol for all of it, in float64 NumPy.

* the ridge solution of the local quadratic model ``argmin ½(θ-θ*)ᵀH(θ-θ*) + μ/2 ‖θ‖²`` and of linear
  regression ``argmin ½‖Xθ - y‖² + μ/2 ‖θ‖²``;
* gradient descent with weight decay (the gradient of the L2 penalty added to the loss gradient);
* Adam with L2 regularization (coupled) and AdamW (decoupled weight decay, Loshchilov & Hutter 2019);
* the gradient of the layer-wise penalty ``½ Σ_l μ_l ‖W^l‖_F²``;
* the Euclidean projection onto the ball ``‖θ‖ ≤ r`` and the soft-threshold (the proximal map of ``β|·|``).

Any implementation of :class:`RegularizationImpl` can be checked by the ``regularization`` topic, e.g.
PyTorch through its adapter::

    theorems check regularization --impl impls.adapters.torch_regularization:TorchRegularization
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from impls.optim import Optimizers

Gradient = Callable[[np.ndarray], np.ndarray]

ADAM_DEFAULTS: Mapping[str, float] = {"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}


@runtime_checkable
class RegularizationImpl(Protocol):
    """What a regularization implementation under test provides.

    ``ridge(H, theta_star, mu)``: the minimizer of ½(θ-θ*)ᵀH(θ-θ*) + μ/2 ‖θ‖² for a symmetric positive
    semi-definite ``H`` (d × d) and ``mu > 0``; shape (d,).

    ``ridge_regression(X, y, mu)``: the minimizer of ½‖Xθ - y‖² + μ/2 ‖θ‖² for ``X`` (n × d); shape (d,).

    ``weight_decay_gd(grad, x0, lr, weight_decay, steps)``: gradient descent on the loss whose gradient is
    ``grad`` with the weight decay ``weight_decay`` (μ); the iterates θ_0 … θ_steps, shape (steps + 1, d).

    ``adam(grad, x0, hyper, weight_decay, decoupled, steps)``: Adam (hyperparameters lr, beta1, beta2,
    eps) with the weight decay μ either coupled (μθ added to the gradient: L2 regularization) or
    decoupled (AdamW: θ ← θ - lr μ θ besides the adaptive step); the iterates, shape (steps + 1, d).

    ``penalty_gradient(layers, mus)``: the gradient of ½ Σ_l μ_l ‖W^l‖_F², one array per layer.

    ``project_ball(v, r)``: the Euclidean projection of ``v`` onto {θ : ‖θ‖ ≤ r}; shape of ``v``.

    ``soft_threshold(b, beta)``: argmin_a ½(a - b)² + β|a|, element-wise (``beta`` ≥ 0 broadcast against ``b``).
    """

    def ridge(self, H: np.ndarray, theta_star: np.ndarray, mu: float) -> np.ndarray: ...

    def ridge_regression(self, X: np.ndarray, y: np.ndarray, mu: float) -> np.ndarray: ...

    def weight_decay_gd(
        self, grad: Gradient, x0: np.ndarray, lr: float, weight_decay: float, steps: int
    ) -> np.ndarray: ...

    def adam(
        self, grad: Gradient, x0: np.ndarray, hyper: Mapping[str, float], weight_decay: float, decoupled: bool,
        steps: int,
    ) -> np.ndarray: ...

    def penalty_gradient(self, layers: Sequence[np.ndarray], mus: Sequence[float]) -> list[np.ndarray]: ...

    def project_ball(self, v: np.ndarray, r: float) -> np.ndarray: ...

    def soft_threshold(self, b: np.ndarray, beta: np.ndarray | float) -> np.ndarray: ...


def adam_step(theta: np.ndarray, gradients: Sequence[np.ndarray], hyper: Mapping[str, float]) -> np.ndarray:
    """θ_t - lr m̂_t/(√v̂_t + ε): Adam's step (Kingma & Ba 2015, Algorithm 1) after the gradients g_1 … g_t."""
    h = {**ADAM_DEFAULTS, **hyper}
    m, v = np.zeros_like(theta), np.zeros_like(theta)
    for g in gradients:
        m = h["beta1"] * m + (1 - h["beta1"]) * g
        v = h["beta2"] * v + (1 - h["beta2"]) * g * g
    t = len(gradients)
    m_hat, v_hat = m / (1 - h["beta1"] ** t), v / (1 - h["beta2"] ** t)
    return theta - h["lr"] * m_hat / (np.sqrt(v_hat) + h["eps"])


class Regularization:
    """The reference implementation: each map computed from its definition, in float64."""

    def ridge(self, H: np.ndarray, theta_star: np.ndarray, mu: float) -> np.ndarray:
        return np.linalg.solve(H + mu * np.eye(len(H)), H @ theta_star)

    def ridge_regression(self, X: np.ndarray, y: np.ndarray, mu: float) -> np.ndarray:
        return np.linalg.solve(X.T @ X + mu * np.eye(X.shape[1]), X.T @ y)

    def weight_decay_gd(
        self, grad: Gradient, x0: np.ndarray, lr: float, weight_decay: float, steps: int
    ) -> np.ndarray:
        return Optimizers().gd(lambda theta: grad(theta) + weight_decay * theta, x0, lr, steps)

    def adam(
        self, grad: Gradient, x0: np.ndarray, hyper: Mapping[str, float], weight_decay: float, decoupled: bool,
        steps: int,
    ) -> np.ndarray:
        h = {**ADAM_DEFAULTS, **hyper}
        if not decoupled:
            return Optimizers().trajectory("adam", x0, lambda theta: grad(theta) + weight_decay * theta, steps, h)
        theta = np.array(x0, dtype=float)
        path, gradients = [theta], []
        for _ in range(steps):
            gradients.append(grad(theta))
            theta = adam_step(theta * (1 - h["lr"] * weight_decay), gradients, h)
            path.append(theta)
        return np.array(path)

    def penalty_gradient(self, layers: Sequence[np.ndarray], mus: Sequence[float]) -> list[np.ndarray]:
        return [mu * np.asarray(w, dtype=float) for w, mu in zip(layers, mus, strict=True)]

    def project_ball(self, v: np.ndarray, r: float) -> np.ndarray:
        norm = float(np.linalg.norm(v))
        return np.array(v, dtype=float) if norm <= r else (r / norm) * np.asarray(v, dtype=float)

    def soft_threshold(self, b: np.ndarray, beta: np.ndarray | float) -> np.ndarray:
        b = np.asarray(b, dtype=float)
        return np.sign(b) * np.maximum(0.0, np.abs(b) - beta)
