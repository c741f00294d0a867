"""Pyro's leapfrog integrator (``pyro.ops.integrator.velocity_verlet``) behind the :class:`BayesImpl` protocol.

Optional extra: ``pip install --no-deps pyro-ppl pyro-api opt_einsum`` (the ``pyro`` extra without its torch pin,
so that the installed CPU torch is kept). Pyro integrates with the gradient that autograd takes of the potential
energy; the protocol hands over E and ∇E as NumPy functions, so the potential is a torch autograd function whose
backward pass is ∇E. ``leapfrog`` and the trajectories of ``hmc_transitions`` are pyro's; the Metropolis test on
H = E + |v|²/2 is applied here with the momenta and uniforms given (pyro's ``HMC`` kernel draws its own, so its
transitions could not be replayed). Metropolis–Hastings on discrete targets, ensemble weights and the MAP are the
reference's (pyro has no discrete MH kernel). Select with ``--impl bayes=impls.adapters.pyro_bayes:PyroBayes``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.bayes import Bayes, Energy, Gradient


def _velocity_verlet() -> Any:
    try:
        from pyro.ops.integrator import velocity_verlet
    except ImportError as exc:  # pragma: no cover - depends on the optional extra
        raise ImportError("pyro-ppl is not installed: pip install --no-deps pyro-ppl pyro-api opt_einsum") from exc
    return velocity_verlet


def _potential(energy: Energy | None, grad: Gradient) -> Any:
    """E as a function of pyro's ``{"theta": tensor}``, differentiable by autograd through ∇E."""
    import torch

    class Potential(torch.autograd.Function):
        @staticmethod
        def forward(ctx: Any, theta: torch.Tensor) -> torch.Tensor:
            ctx.save_for_backward(theta)
            value = energy(theta.detach().numpy()) if energy is not None else 0.0
            return theta.new_tensor(float(value))

        @staticmethod
        def backward(ctx: Any, upstream: torch.Tensor) -> torch.Tensor:
            (theta,) = ctx.saved_tensors
            return upstream * torch.as_tensor(np.asarray(grad(theta.detach().numpy()), dtype=float))

    return lambda z: Potential.apply(z["theta"])


class PyroBayes(Bayes):
    """Leapfrog and HMC trajectories by pyro's ``velocity_verlet`` (identity mass); the rest inherited."""

    def __init__(self) -> None:
        self.velocity_verlet = _velocity_verlet()

    def _integrate(self, energy: Energy | None, grad: Gradient, theta: np.ndarray, v: np.ndarray, step: float,
                   n_steps: int) -> tuple[np.ndarray, np.ndarray]:
        import torch

        z = {"theta": torch.tensor(np.asarray(theta, dtype=float))}
        r = {"theta": torch.tensor(np.asarray(v, dtype=float))}
        z_next, r_next, *_ = self.velocity_verlet(z, r, _potential(energy, grad), lambda momenta: momenta, step,
                                                  n_steps)
        return z_next["theta"].detach().numpy().copy(), r_next["theta"].detach().numpy().copy()

    def leapfrog(self, grad: Gradient, theta: np.ndarray, v: np.ndarray, step: float,
                 n_steps: int) -> tuple[np.ndarray, np.ndarray]:
        return self._integrate(None, grad, theta, v, step, n_steps)

    def hmc_transitions(self, energy: Energy, grad: Gradient, theta: np.ndarray, step: float, n_leapfrog: int,
                        momenta: np.ndarray, uniforms: np.ndarray) -> np.ndarray:
        states = [np.array(theta, dtype=float)]
        for v, u in zip(np.asarray(momenta, dtype=float), np.asarray(uniforms, dtype=float), strict=True):
            new, w = self._integrate(energy, grad, states[-1], v, step, n_leapfrog)
            gain = energy(states[-1]) + v @ v / 2 - energy(new) - w @ w / 2
            states.append(new if np.log(u) < gain else states[-1])
        return np.array(states)
