"""First-order optimizers of the documents, one protocol for all of them, in float64 NumPy.

* gradient descent ``θ_{t+1} = θ_t - η ∇f(θ_t)``;
* Polyak's heavy ball ``θ_{t+1} = θ_t - η ∇f(θ_t) + β_t (θ_t - θ_{t-1})``;
* Nesterov's method ``y_t = θ_t + β_t (θ_t - θ_{t-1})``, ``θ_{t+1} = y_t - η ∇f(y_t)``;

all started with ``θ_{-1} = θ_0``; SGD on finite sums, Polyak averaging, SVRG; AdaGrad, RMSprop,
Adam, AMSGrad, signSGD and Muon. Any implementation of :class:`OptimizerImpl` can be checked by the
``optim`` and ``sgd`` topics, e.g. ``torch.optim`` through its adapter::

    theorems check optim --impl impls.adapters.torch_optim:TorchOptimizers
    theorems check sgd --impl impls.adapters.torch_optim:TorchOptimizers
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol, runtime_checkable

import numpy as np

Gradient = Callable[[np.ndarray], np.ndarray]

ADAPTIVE_METHODS = ("adagrad", "rmsprop", "adam", "amsgrad", "signsgd", "muon")


@dataclass(frozen=True)
class FiniteSum:
    """f(x) = (1/n) Σ_i f_i(x) with quadratic components f_i(x) = ½ (x - c_i)ᵀ H_i (x - c_i).

    ``H`` has shape (n, d, d) (symmetric), ``c`` shape (n, d). Every constant of the SGD theorems
    is exact here: μ and L are eigenvalues, x* solves a linear system.
    """

    H: np.ndarray
    c: np.ndarray

    @property
    def n(self) -> int:
        return self.H.shape[0]

    @property
    def dim(self) -> int:
        return self.H.shape[1]

    def component_gradients(self, x: np.ndarray, indices: np.ndarray) -> np.ndarray:
        """∇f_i(x) for ``x`` of shape (..., d) and integer ``indices`` of shape (...,)."""
        return np.einsum("...ij,...j->...i", self.H[indices], x - self.c[indices])

    def all_gradients(self, x: np.ndarray) -> np.ndarray:
        """(n, d): ∇f_i(x) for every component at one point x."""
        return np.einsum("nij,nj->ni", self.H, x[None, :] - self.c)

    def gradient(self, x: np.ndarray) -> np.ndarray:
        return self.all_gradients(x).mean(axis=0)

    def value(self, x: np.ndarray) -> float:
        diff = x[None, :] - self.c
        return float(0.5 * np.einsum("ni,nij,nj->", diff, self.H, diff) / self.n)

    @cached_property
    def mean_hessian(self) -> np.ndarray:
        return self.H.mean(axis=0)

    @cached_property
    def minimizer(self) -> np.ndarray:
        return np.linalg.solve(self.mean_hessian, np.einsum("nij,nj->i", self.H, self.c) / self.n)

    @cached_property
    def mu(self) -> float:
        """Strong-convexity constant of f: the smallest eigenvalue of its Hessian."""
        return float(np.linalg.eigvalsh(self.mean_hessian)[0])

    @cached_property
    def L(self) -> float:
        """sup_i L_i: the largest spectral norm of a component Hessian."""
        return float(max(np.max(np.abs(np.linalg.eigvalsh(h))) for h in self.H))

    @cached_property
    def sigma2(self) -> float:
        """σ² = V(x*) = (1/n) Σ_i ‖∇f_i(x*)‖² (the full gradient vanishes at x*)."""
        return float(np.mean(np.sum(self.all_gradients(self.minimizer) ** 2, axis=1)))

    def variance(self, x: np.ndarray) -> float:
        """V(x) = (1/n) Σ_i ‖∇f_i(x) - ∇f(x)‖²."""
        grads = self.all_gradients(x)
        return float(np.mean(np.sum((grads - grads.mean(axis=0)) ** 2, axis=1)))


@runtime_checkable
class OptimizerImpl(Protocol):
    """What an optimizer under test provides; ``grad``/``gradient`` maps a point to the gradient there.

    ``gd(grad, x0, lr, steps)``: gradient descent with the fixed step ``lr``; the iterates
    ``θ_0 … θ_T``, shape ``(T + 1, d)``.

    ``heavy_ball(grad, x0, lr, betas)``: heavy-ball momentum, ``betas[t]`` being the β of step t
    (``T = len(betas)``); the iterates, shape ``(T + 1, d)``.

    ``nesterov(grad, x0, lr, betas)``: Nesterov's method; the returned iterates are the ``θ_t``
    of the documents, not the look-ahead points ``y_t`` where the gradient is taken.

    ``minibatch_gradient(problem, x, indices)``: the minibatch gradient (1/r) Σ_j ∇f_{i_j}(x) for
    ``x`` of shape (m, d) and ``indices`` of shape (m, r): one minibatch per row.

    ``sgd(problem, x0, eta, steps, batch, rng)``: run ``steps`` SGD steps
    x ← x - η (minibatch gradient), each minibatch ``batch`` indices drawn uniformly with
    replacement from ``rng``, independently for each of the m rows of ``x0`` (m independent
    chains); return the final iterates, shape (m, d).

    ``polyak_averages(iterates)``: (T, d) running means x̄_k = (1/k) Σ_{i≤k} x_i of (T, d) iterates.

    ``svrg_direction(problem, x, anchor, j)``: the SVRG direction ∇f_j(x) - ∇f_j(x̄) + ∇f(x̄).

    ``trajectory(method, x0, gradient, steps, hyper)``: the iterates x_0 … x_steps (shape
    (steps + 1, *x0.shape)) of ``method`` in :data:`ADAPTIVE_METHODS` from ``x0``, with the
    hyperparameters ``hyper``: adagrad (lr, eps), rmsprop (lr, alpha, eps), adam and amsgrad
    (lr, beta1, beta2, eps), signsgd (lr), muon (lr, momentum; x0 a d_out × d_in matrix).

    ``defaults(method)``: the implementation's default hyperparameters, same names.
    """

    def gd(self, grad: Gradient, x0: np.ndarray, lr: float, steps: int) -> np.ndarray: ...

    def heavy_ball(self, grad: Gradient, x0: np.ndarray, lr: float, betas: Sequence[float]) -> np.ndarray: ...

    def nesterov(self, grad: Gradient, x0: np.ndarray, lr: float, betas: Sequence[float]) -> np.ndarray: ...

    def minibatch_gradient(self, problem: FiniteSum, x: np.ndarray, indices: np.ndarray) -> np.ndarray: ...

    def sgd(
        self, problem: FiniteSum, x0: np.ndarray, eta: float, steps: int, batch: int, rng: np.random.Generator
    ) -> np.ndarray: ...

    def polyak_averages(self, iterates: np.ndarray) -> np.ndarray: ...

    def svrg_direction(self, problem: FiniteSum, x: np.ndarray, anchor: np.ndarray, j: int) -> np.ndarray: ...

    def trajectory(
        self, method: str, x0: np.ndarray, gradient: Gradient, steps: int, hyper: Mapping[str, float]
    ) -> np.ndarray: ...

    def defaults(self, method: str) -> dict[str, float]: ...


def polar_factor(M: np.ndarray) -> np.ndarray:
    """U_r V_rᵀ from the thin SVD M = U Σ Vᵀ restricted to the r nonzero singular values: the
    orthogonalization of Muon, computed exactly. Zero singular directions stay zero (as in the
    Newton–Schulz iteration), so a zero gradient gives a zero step."""
    U, s, Vt = np.linalg.svd(M, full_matrices=False)
    rank = int(np.sum(s > s[0] * max(M.shape) * np.finfo(float).eps)) if s.size and s[0] > 0 else 0
    return U[:, :rank] @ Vt[:rank]


class Optimizers:
    """The reference implementation: each optimizer as its original paper states it, in float64.

    GD, heavy ball and Nesterov are written as the documents print the updates.
    AdaGrad: Duchi, Hazan & Singer (2011), ε added to the root. RMSprop: Tieleman & Hinton (2012),
    ε added to the root. Adam: Kingma & Ba (2015), bias-corrected. AMSGrad: Reddi, Kale & Kumar
    (2018), the running maximum of v, bias-corrected as torch.optim does. signSGD: Bernstein et al.
    (2018). Muon: Jordan et al. (2024) with the exact polar factor and the RMS→RMS scale √(d_out/d_in).
    """

    DEFAULTS: Mapping[str, Mapping[str, float]] = {
        "adagrad": {"lr": 1e-2, "eps": 1e-10},
        "rmsprop": {"lr": 1e-2, "alpha": 0.99, "eps": 1e-8},
        "adam": {"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
        "amsgrad": {"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
        "signsgd": {"lr": 1e-3},
        "muon": {"lr": 1e-3, "momentum": 0.95},
    }

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

    def minibatch_gradient(self, problem: FiniteSum, x: np.ndarray, indices: np.ndarray) -> np.ndarray:
        return problem.component_gradients(x[:, None, :], indices).mean(axis=1)

    def sgd(
        self, problem: FiniteSum, x0: np.ndarray, eta: float, steps: int, batch: int, rng: np.random.Generator
    ) -> np.ndarray:
        x = np.array(x0, dtype=float)
        for _ in range(steps):
            x = x - eta * self.minibatch_gradient(problem, x, rng.integers(problem.n, size=(x.shape[0], batch)))
        return x

    def polyak_averages(self, iterates: np.ndarray) -> np.ndarray:
        iterates = np.asarray(iterates, dtype=float)
        counts = np.arange(1, iterates.shape[0] + 1).reshape(-1, *([1] * (iterates.ndim - 1)))
        return np.cumsum(iterates, axis=0) / counts

    def svrg_direction(self, problem: FiniteSum, x: np.ndarray, anchor: np.ndarray, j: int) -> np.ndarray:
        at = np.array([j])
        return (
            problem.component_gradients(x[None], at)[0]
            - problem.component_gradients(anchor[None], at)[0]
            + problem.gradient(anchor)
        )

    def defaults(self, method: str) -> dict[str, float]:
        return dict(self.DEFAULTS[method])

    def trajectory(
        self, method: str, x0: np.ndarray, gradient: Gradient, steps: int, hyper: Mapping[str, float]
    ) -> np.ndarray:
        h = {**self.DEFAULTS[method], **hyper}
        x = np.array(x0, dtype=float)
        m, v, v_max = np.zeros_like(x), np.zeros_like(x), np.zeros_like(x)
        out = [x.copy()]
        for t in range(1, steps + 1):
            g = gradient(x)
            if method == "adagrad":
                v = v + g * g
                x = x - h["lr"] * g / (np.sqrt(v) + h["eps"])
            elif method == "rmsprop":
                v = h["alpha"] * v + (1 - h["alpha"]) * g * g
                x = x - h["lr"] * g / (np.sqrt(v) + h["eps"])
            elif method in ("adam", "amsgrad"):
                m = h["beta1"] * m + (1 - h["beta1"]) * g
                v = h["beta2"] * v + (1 - h["beta2"]) * g * g
                v_max = np.maximum(v_max, v) if method == "amsgrad" else v
                m_hat, v_hat = m / (1 - h["beta1"] ** t), v_max / (1 - h["beta2"] ** t)
                x = x - h["lr"] * m_hat / (np.sqrt(v_hat) + h["eps"])
            elif method == "signsgd":
                x = x - h["lr"] * np.sign(g)
            elif method == "muon":
                m = h["momentum"] * m + g
                d_out, d_in = x.shape
                x = x - h["lr"] * np.sqrt(d_out / d_in) * polar_factor(m)
            else:
                raise ValueError(f"unknown method {method!r}; expected one of {ADAPTIVE_METHODS}")
            out.append(x.copy())
        return np.array(out)
