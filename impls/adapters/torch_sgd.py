"""``torch.optim.SGD`` (plain, ``momentum=β``, ``nesterov=True``) in float64 as an :class:`~impls.optim.OptimizerImpl`.

torch keeps a buffer ``v_{t+1} = m v_t + g_t`` and steps ``p ← p - η v_{t+1}`` (momentum) or
``p ← p - η (g_t + m v_{t+1})`` (Nesterov). With ``m = β`` the first is the heavy ball of the
documents, ``θ_t = p_t``. The second is Sutskever's form of Nesterov's method: torch's parameter is
the look-ahead point ``p_t = y_t = θ_t + β(θ_t - θ_{t-1})`` and ``-η v_t = θ_t - θ_{t-1}``, so the
documents' iterate is ``θ_t = p_t + η m v_t``. When β changes from step to step, the step that
produces ``y_{t+1}`` must use ``m = β_{t+1}``; the buffer is rescaled by ``β_t / β_{t+1}`` first, so
that torch's own arithmetic still gives ``v_{t+1} = β_t v_t + g_t``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import torch

from impls.optim import Gradient

TINY_MOMENTUM = 1e-100


class TorchSGD:
    """Drives ``torch.optim.SGD`` one step at a time, feeding it the objective's exact gradient."""

    def gd(self, grad: Gradient, x0: np.ndarray, lr: float, steps: int) -> np.ndarray:
        param, optimizer = _setup(x0, lr, momentum=0.0, nesterov=False)
        path = [x0.astype(float)]
        for _ in range(steps):
            _step(param, optimizer, grad)
            path.append(param.detach().numpy().copy())
        return np.array(path)

    def heavy_ball(self, grad: Gradient, x0: np.ndarray, lr: float, betas: Sequence[float]) -> np.ndarray:
        param, optimizer = _setup(x0, lr, momentum=max(betas, default=0.0), nesterov=False)
        group, state = optimizer.param_groups[0], optimizer.state[param]
        path = [x0.astype(float)]
        for beta in betas:
            group["momentum"] = float(beta)
            _step(param, optimizer, grad)
            if beta == 0:  # torch skips its buffer at zero momentum; the next step needs v_{t+1} = g_t
                state["momentum_buffer"] = param.grad.clone()
            path.append(param.detach().numpy().copy())
        return np.array(path)

    def nesterov(self, grad: Gradient, x0: np.ndarray, lr: float, betas: Sequence[float]) -> np.ndarray:
        betas = [float(b) for b in betas]
        param, optimizer = _setup(x0, lr, momentum=max(max(betas, default=0.0), 1e-3), nesterov=True)
        group, state = optimizer.param_groups[0], optimizer.state[param]
        path = [x0.astype(float)]
        for t, beta in enumerate(betas):
            m = betas[t + 1] if t + 1 < len(betas) else beta  # the β of the next look-ahead point
            m = m if m > TINY_MOMENTUM else 0.0  # rescaling by β_t/m would overflow; m·v is negligible
            buffer = state.get("momentum_buffer")
            if buffer is not None and m > 0:
                buffer.mul_(beta / m)
            group["momentum"] = m
            old_buffer = None if buffer is None else buffer.clone()
            _step(param, optimizer, grad)
            if m == 0:  # torch skipped its buffer; keep v_{t+1} = β_t v_t + g_t for the next step
                previous = 0.0 if old_buffer is None else beta * old_buffer
                state["momentum_buffer"] = previous + param.grad.clone()
                path.append(param.detach().numpy().copy())
                continue
            theta = param.detach() + lr * m * state["momentum_buffer"]
            path.append(theta.numpy().copy())
        return np.array(path)


def _setup(x0: np.ndarray, lr: float, *, momentum: float, nesterov: bool) -> tuple[torch.Tensor, torch.optim.SGD]:
    param = torch.tensor(np.asarray(x0, dtype=np.float64), dtype=torch.float64, requires_grad=True)
    return param, torch.optim.SGD([param], lr=lr, momentum=momentum, nesterov=nesterov)


def _step(param: torch.Tensor, optimizer: torch.optim.SGD, grad: Gradient) -> None:
    optimizer.zero_grad(set_to_none=False)
    param.grad = torch.tensor(np.asarray(grad(param.detach().numpy().copy()), dtype=np.float64))
    optimizer.step()
