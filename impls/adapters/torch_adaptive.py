"""torch.optim (float64) as the optimizer under test for the sgd topic.

Every update is made by ``torch.optim``: SGD, Adagrad, RMSprop, Adam, Adam(amsgrad=True), Muon;
signSGD is ``torch.optim.SGD`` fed the sign of the gradient (torch has no signSGD). The gradient
oracle, Polyak averages and the SVRG direction are not optimizers, so they come from the
reference :class:`impls.sgd.Optimizers`::

    theorems check sgd --impl impls.adapters.torch_adaptive:TorchOptimizers
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping

import numpy as np
import torch

from impls.sgd import FiniteSum, Gradient, Optimizers


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
    """The protocol of :class:`impls.sgd.OptimizerImpl` with every optimizer step taken by torch.optim."""

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
