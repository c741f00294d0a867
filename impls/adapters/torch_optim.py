"""``torch.optim`` (float64) as an :class:`~impls.optim.OptimizerImpl`: every optimizer step is torch's.

GD, heavy ball and Nesterov are ``torch.optim.SGD`` (plain, ``momentum=β``, ``nesterov=True``).
torch keeps a buffer ``v_{t+1} = m v_t + g_t`` and steps ``p ← p - η v_{t+1}`` (momentum) or
``p ← p - η (g_t + m v_{t+1})`` (Nesterov). With ``m = β`` the first is the heavy ball of the
documents, ``θ_t = p_t``. The second is Sutskever's form of Nesterov's method: torch's parameter is
the look-ahead point ``p_t = y_t = θ_t + β(θ_t - θ_{t-1})`` and ``-η v_t = θ_t - θ_{t-1}``, so the
documents' iterate is ``θ_t = p_t + η m v_t``. When β changes from step to step, the step that
produces ``y_{t+1}`` must use ``m = β_{t+1}``; the buffer is rescaled by ``β_t / β_{t+1}`` first, so
that torch's own arithmetic still gives ``v_{t+1} = β_t v_t + g_t``.

SGD on finite sums is ``torch.optim.SGD``; the adaptive methods are ``torch.optim`` Adagrad, RMSprop,
Adam, Adam(amsgrad=True) and Muon; signSGD is ``torch.optim.SGD`` fed the sign of the gradient (torch
has no signSGD). The gradient oracle, Polyak averages and the SVRG direction are not optimizers, so
they come from the reference :class:`impls.optim.Optimizers`::

    theorems check optim --impl impls.adapters.torch_optim:TorchOptimizers
    theorems check sgd --impl impls.adapters.torch_optim:TorchOptimizers

torch's Muon is refuted by ``optim.muon_update``: it scales the step by ``max(1, d_out/d_in)^½``
(and orthogonalizes by a Newton–Schulz iteration), not by the printed ``√(d_out/d_in)``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import torch

from impls.optim import FiniteSum, Gradient, Optimizers

TINY_MOMENTUM = 1e-100


def _adam(amsgrad: bool) -> Callable[..., torch.optim.Optimizer]:
    def make(params: list[torch.Tensor], h: Mapping[str, float]) -> torch.optim.Optimizer:
        return torch.optim.Adam(params, lr=h["lr"], betas=(h["beta1"], h["beta2"]), eps=h["eps"], amsgrad=amsgrad)

    return make


_FACTORIES: dict[str, Callable[[list[torch.Tensor], Mapping[str, float]], torch.optim.Optimizer]] = {
    "adagrad": lambda p, h: torch.optim.Adagrad(p, lr=h["lr"], eps=h["eps"]),
    "rmsprop": lambda p, h: torch.optim.RMSprop(p, lr=h["lr"], alpha=h["alpha"], eps=h["eps"]),
    "adam": _adam(amsgrad=False),
    "amsgrad": _adam(amsgrad=True),
    "signsgd": lambda p, h: torch.optim.SGD(p, lr=h["lr"]),
    # Muon's update alone: no weight decay, classical (not Nesterov) momentum as the documents print it.
    "muon": lambda p, h: torch.optim.Muon(p, lr=h["lr"], momentum=h["momentum"], nesterov=False, weight_decay=0.0),
}


def _signature_default(cls: type, name: str) -> object:
    return inspect.signature(cls.__init__).parameters[name].default


class TorchOptimizers(Optimizers):
    """The protocol of :class:`impls.optim.OptimizerImpl` with every optimizer step taken by torch.optim."""

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

    def sgd(
        self, problem: FiniteSum, x0: np.ndarray, eta: float, steps: int, batch: int, rng: np.random.Generator
    ) -> np.ndarray:
        x = torch.tensor(np.asarray(x0, dtype=float), dtype=torch.float64, requires_grad=True)
        optimizer = torch.optim.SGD([x], lr=eta)
        for _ in range(steps):
            indices = rng.integers(problem.n, size=(x.shape[0], batch))
            x.grad = torch.from_numpy(self.minibatch_gradient(problem, x.detach().numpy(), indices))
            optimizer.step()
        return x.detach().numpy().copy()

    def trajectory(
        self, method: str, x0: np.ndarray, gradient: Gradient, steps: int, hyper: Mapping[str, float]
    ) -> np.ndarray:
        h = {**self.defaults(method), **hyper}
        x = torch.tensor(np.asarray(x0, dtype=float), dtype=torch.float64, requires_grad=True)
        optimizer = _FACTORIES[method]([x], h)
        out = [x.detach().numpy().copy()]
        for _ in range(steps):
            g = np.asarray(gradient(x.detach().numpy().copy()), dtype=float)
            x.grad = torch.from_numpy(np.sign(g) if method == "signsgd" else g)
            optimizer.step()
            out.append(x.detach().numpy().copy())
        return np.array(out)

    def defaults(self, method: str) -> dict[str, float]:
        """torch.optim's own defaults, read from the constructors' signatures."""
        if method in ("adam", "amsgrad"):
            beta1, beta2 = _signature_default(torch.optim.Adam, "betas")  # type: ignore[misc]
            return {"lr": _signature_default(torch.optim.Adam, "lr"), "beta1": beta1, "beta2": beta2,
                    "eps": _signature_default(torch.optim.Adam, "eps")}  # type: ignore[dict-item]
        cls = {"adagrad": torch.optim.Adagrad, "rmsprop": torch.optim.RMSprop, "muon": torch.optim.Muon}.get(method)
        if cls is None:
            return super().defaults(method)
        names = inspect.signature(cls.__init__).parameters
        return {k: float(names[k].default) for k in super().defaults(method) if k in names}  # type: ignore[arg-type]


def _setup(x0: np.ndarray, lr: float, *, momentum: float, nesterov: bool) -> tuple[torch.Tensor, torch.optim.SGD]:
    param = torch.tensor(np.asarray(x0, dtype=np.float64), dtype=torch.float64, requires_grad=True)
    return param, torch.optim.SGD([param], lr=lr, momentum=momentum, nesterov=nesterov)


def _step(param: torch.Tensor, optimizer: torch.optim.SGD, grad: Gradient) -> None:
    optimizer.zero_grad(set_to_none=False)
    param.grad = torch.tensor(np.asarray(grad(param.detach().numpy().copy()), dtype=np.float64))
    optimizer.step()
