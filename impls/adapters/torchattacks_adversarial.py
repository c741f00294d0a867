"""torchattacks (FGSM, PGD, PGDL2, DeepFool) behind the :class:`~impls.adversarial.AdversarialImpl` protocol.

torchattacks is an optional extra (``pip install torchattacks``); without it this module raises an
ImportError saying so, which ``theorems check`` reports. Its attacks take a model and images in [0, 1]
and differentiate the cross-entropy loss themselves, so each protocol call builds a float64 model:

* a gradient g becomes the two logits ((u - c)·g, 0) with label 1, whose loss gradient at u = c is g/2;
* an affine classifier (W, b) at x becomes u ↦ W(x + (u - c)/s) + b.

The input is placed at the centre c = ½ of the box and every length scaled by s, so that no clamp to
[0, 1] is active (all four attacks are equivariant under this change of coordinates)::

    theorems check adversarial --impl impls.adapters.torchattacks_adversarial:TorchattacksAdversarial

torchattacks has ℓ∞ and ℓ2 attacks only (other p raise ValueError), no projection of an arbitrary
point onto the ℓ∞ ball and no PGD step from a given perturbation (its PGD starts at the clean input or
at a random point): those calls raise NotImplementedError, reported as errors with that reason.
"""

from __future__ import annotations

import numpy as np

try:
    import torch
    import torchattacks
    from torch import nn
except ImportError as exc:  # an optional extra: say so instead of failing obscurely
    raise ImportError(f"the torchattacks adapter needs the optional packages torch and torchattacks "
                      f"(pip install torchattacks): {exc}") from exc

CENTRE = 0.5
HALF_WIDTH = 0.25
"""Perturbations are scaled to at most this in every coordinate, inside the box [0, 1] around the centre."""


def _constant(values: np.ndarray) -> nn.Parameter:
    """A float64 model parameter (a parameter, so that torchattacks finds the model's device)."""
    return nn.Parameter(torch.tensor(values, dtype=torch.float64), requires_grad=False)


class _Direction(nn.Module):
    """Logits ((u - c)·g, 0): with label 1 the cross-entropy gradient at u = c is σ(0) g = g/2."""

    def __init__(self, gradient: np.ndarray) -> None:
        super().__init__()
        self.gradient = _constant(gradient)

    def forward(self, u: torch.Tensor) -> torch.Tensor:
        score = (u.flatten(1) - CENTRE) @ self.gradient
        return torch.stack([score, torch.zeros_like(score)], dim=-1)


class _Affine(nn.Module):
    """The affine classifier W z + b at z = x + (u - c)/s."""

    def __init__(self, weights: np.ndarray, biases: np.ndarray, x: np.ndarray, scale: float) -> None:
        super().__init__()
        self.weights, self.biases, self.x = _constant(weights), _constant(biases), _constant(x)
        self.scale = scale

    def forward(self, u: torch.Tensor) -> torch.Tensor:
        return (self.x + (u.flatten(1) - CENTRE) / self.scale) @ self.weights.T + self.biases


def _run(attack: torchattacks.attack.Attack, dim: int, label: int) -> np.ndarray:
    """The attack's perturbation of the centre c (a batch of one 1 × 1 × ``dim`` image, as attacks expect)."""
    images = torch.full((1, 1, 1, dim), CENTRE, dtype=torch.float64)
    adversarial = attack(images, torch.tensor([label]))
    return (adversarial - images).reshape(dim).detach().numpy()


def _only_l2_linf(p: float, what: str) -> None:
    if p not in (2, np.inf):
        raise ValueError(f"torchattacks implements {what} for p = 2 and p = inf only, not p = {p}")


class TorchattacksAdversarial:
    """torchattacks 3.x: ``FGSM``, ``PGD``, ``PGDL2`` (one step, no random start) and ``DeepFool``."""

    def fgsm(self, gradient: np.ndarray, eps: float) -> np.ndarray:
        gradient = np.asarray(gradient, dtype=float)
        scale = HALF_WIDTH / eps
        attack = torchattacks.FGSM(_Direction(gradient), eps=eps * scale)
        return _run(attack, len(gradient), 1) / scale

    def _l2_step(self, gradient: np.ndarray, eps: float, alpha: float) -> np.ndarray:
        scale = HALF_WIDTH / max(eps, alpha)
        attack = torchattacks.PGDL2(_Direction(gradient), eps=eps * scale, alpha=alpha * scale, steps=1,
                                    random_start=False, eps_for_division=0.0)
        return _run(attack, len(gradient), 1) / scale

    def steepest_ascent(self, z: np.ndarray, p: float) -> np.ndarray:
        _only_l2_linf(p, "steepest ascent")
        z = np.asarray(z, dtype=float)
        return self.fgsm(z, 1.0) if p == np.inf else self._l2_step(z, 1.0, 1.0)

    def project(self, delta: np.ndarray, eps: float, p: float) -> np.ndarray:
        _only_l2_linf(p, "projections")
        if p == np.inf:
            raise NotImplementedError("torchattacks has no ℓ∞ projection of an arbitrary point: PGD clips only "
                                      "x + α sign(∇ℓ), a point of the grid α·{-1, 0, 1}^d")
        delta = np.asarray(delta, dtype=float)
        return self._l2_step(delta, eps, float(np.linalg.norm(delta)))  # one PGDL2 step of length ‖δ‖ along δ

    def pgd_step(self, delta: np.ndarray, gradient: np.ndarray, eps: float, alpha: float, p: float) -> np.ndarray:
        _only_l2_linf(p, "PGD")
        if np.any(np.asarray(delta) != 0):
            raise NotImplementedError("torchattacks' PGD starts at the clean input (or a random point): it takes "
                                      "no step from a given perturbation δ ≠ 0")
        gradient = np.asarray(gradient, dtype=float)
        if p == 2:
            return self._l2_step(gradient, eps, alpha)
        scale = HALF_WIDTH / max(eps, alpha)
        attack = torchattacks.PGD(_Direction(gradient), eps=eps * scale, alpha=alpha * scale, steps=1,
                                  random_start=False)
        return _run(attack, len(gradient), 1) / scale

    def minimal_perturbation(self, weights: np.ndarray, biases: np.ndarray, x: np.ndarray) -> np.ndarray:
        return self.deepfool(weights, biases, x, 2.0, 0.0, steps=1)

    def deepfool(self, weights: np.ndarray, biases: np.ndarray, x: np.ndarray, p: float, overshoot: float,
                 steps: int = 50) -> np.ndarray:
        _only_l2_linf(p, "DeepFool")
        if p == np.inf:
            raise ValueError("torchattacks.DeepFool is the ℓ2 attack only")
        weights, biases, x = (np.asarray(a, dtype=float) for a in (weights, biases, x))
        scores = weights @ x + biases
        label = int(np.argmax(scores))
        # the scale keeps the farthest of the class boundaries inside the box, so no clamp is active
        farthest = max(abs(scores[j] - scores[label]) / np.linalg.norm(weights[j] - weights[label])
                       for j in range(len(scores)) if j != label)
        scale = HALF_WIDTH / ((1 + overshoot) * farthest)
        attack = torchattacks.DeepFool(_Affine(weights, biases, x, scale), steps=steps, overshoot=overshoot)
        return _run(attack, len(x), label) / scale
