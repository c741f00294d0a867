"""PyTorch (float64) as a :class:`~impls.regularization.RegularizationImpl`: every map is torch's own.

* ``ridge`` and ``ridge_regression``: ``torch.linalg.solve`` of the normal equations;
* ``weight_decay_gd``: ``torch.optim.SGD(lr, weight_decay=μ)``, which adds μθ to the gradient;
* ``adam``: ``torch.optim.Adam(weight_decay=μ)`` (coupled) or ``torch.optim.AdamW(weight_decay=μ)`` (decoupled);
* ``penalty_gradient``: autograd of ½ Σ_l μ_l ‖W^l‖_F²;
* ``project_ball``: ``torch.renorm`` (the routine behind ``nn.Embedding(max_norm=...)``);
* ``soft_threshold``: ``torch.nn.functional.softshrink``, one coordinate at a time (its threshold is a scalar).

::

    theorems check regularization --impl impls.adapters.torch_regularization:TorchRegularization

``regularization.l2_ball_projection`` refutes ``torch.renorm``, as its documentation allows ("normalized such
that the p-norm of the sub-tensor is lower than the value maxnorm"): it scales by maxnorm/(‖v‖ + 1e-7), not by
maxnorm/‖v‖, so its result lies strictly inside the ball, off the projection by the relative 1e-7/‖v‖:
renorm([-1], maxnorm=0.5) = -0.49999995, renorm([1e-6], maxnorm=1e-7) = 9.09e-8 instead of 1e-7.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import torch

from impls.regularization import ADAM_DEFAULTS, Gradient


def _tensor(x: np.ndarray, grad: bool = False) -> torch.Tensor:
    return torch.tensor(np.asarray(x, dtype=np.float64), dtype=torch.float64, requires_grad=grad)


def _run(optimizer: Callable[[list[torch.Tensor]], torch.optim.Optimizer], grad: Gradient, x0: np.ndarray,
         steps: int) -> np.ndarray:
    """The iterates of ``optimizer`` fed the gradient oracle ``grad`` (torch adds its weight decay itself)."""
    param = _tensor(x0, grad=True)
    opt = optimizer([param])
    path = [param.detach().numpy().copy()]
    for _ in range(steps):
        param.grad = _tensor(grad(param.detach().numpy().copy()))
        opt.step()
        path.append(param.detach().numpy().copy())
    return np.array(path)


class TorchRegularization:
    """The protocol of :class:`impls.regularization.RegularizationImpl` computed by PyTorch."""

    def ridge(self, H: np.ndarray, theta_star: np.ndarray, mu: float) -> np.ndarray:
        H_t = _tensor(H)
        return torch.linalg.solve(H_t + mu * torch.eye(len(H), dtype=torch.float64), H_t @ _tensor(theta_star)).numpy()

    def ridge_regression(self, X: np.ndarray, y: np.ndarray, mu: float) -> np.ndarray:
        X_t = _tensor(X)
        gram = X_t.T @ X_t + mu * torch.eye(X.shape[1], dtype=torch.float64)
        return torch.linalg.solve(gram, X_t.T @ _tensor(y)).numpy()

    def weight_decay_gd(
        self, grad: Gradient, x0: np.ndarray, lr: float, weight_decay: float, steps: int
    ) -> np.ndarray:
        return _run(lambda p: torch.optim.SGD(p, lr=lr, weight_decay=weight_decay), grad, x0, steps)

    def adam(
        self, grad: Gradient, x0: np.ndarray, hyper: Mapping[str, float], weight_decay: float, decoupled: bool,
        steps: int,
    ) -> np.ndarray:
        h = {**ADAM_DEFAULTS, **hyper}
        kind = torch.optim.AdamW if decoupled else torch.optim.Adam
        return _run(lambda p: kind(p, lr=h["lr"], betas=(h["beta1"], h["beta2"]), eps=h["eps"],
                                   weight_decay=weight_decay), grad, x0, steps)

    def penalty_gradient(self, layers: Sequence[np.ndarray], mus: Sequence[float]) -> list[np.ndarray]:
        params = [_tensor(w, grad=True) for w in layers]
        penalty = sum(mu * (w**2).sum() for w, mu in zip(params, mus, strict=True)) / 2
        return [g.numpy() for g in torch.autograd.grad(penalty, params, allow_unused=True,
                                                       materialize_grads=True)]

    def project_ball(self, v: np.ndarray, r: float) -> np.ndarray:
        return torch.renorm(_tensor(v)[None, :], p=2, dim=0, maxnorm=r)[0].numpy()

    def soft_threshold(self, b: np.ndarray, beta: np.ndarray | float) -> np.ndarray:
        b_t = _tensor(b).reshape(-1)
        betas = np.broadcast_to(np.asarray(beta, dtype=float), np.shape(b)).reshape(-1)
        shrunk = [torch.nn.functional.softshrink(b_t[i : i + 1], float(beta_i)) for i, beta_i in enumerate(betas)]
        return torch.cat(shrunk).reshape(np.shape(b)).numpy()
