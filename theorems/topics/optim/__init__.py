"""Gradient methods: smoothness, convexity, PL, the rates of GD and Nesterov, and the update rules.

Standard results (REFERENCES.md): Polyak (1963) and Karimi, Nutini & Schmidt (2016) for the PL
rate; the descent lemma; Nesterov, "Introductory lectures on convex optimization" (2004) for the
convex, strongly convex and accelerated rates; Su, Boyd & Candès (2016) for the O(1/t²) bound of
Nesterov's method with β_t = (t-1)/(t+2). The update rules of AdaGrad (Duchi, Hazan & Singer 2011),
RMSprop (Tieleman & Hinton 2012), Adam (Kingma & Ba 2015), AMSGrad (Reddi, Kale & Kumar 2018),
signSGD (Bernstein et al. 2018) and Muon (Jordan et al. 2024; Bernstein & Newhouse 2024).

The update rules and the rates are checked on the optimizer under test, through one protocol
shared with the ``sgd`` topic (:class:`impls.optim.OptimizerImpl`);
``impls.adapters.torch_optim:TorchOptimizers`` drives ``torch.optim``. The boundary checks that
every trajectory has one iterate per step, of the shape of the start, and finite.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from impls.optim import OptimizerImpl
from theorems.engine import Boundary, ImplementationError, Topic, as_array


def gd_path(path: Any, grad: Any, x0: np.ndarray, lr: float, steps: int) -> np.ndarray:
    """The iterates θ_0 … θ_steps that ``gd`` returned."""
    return as_array(path, what="gd() trajectory", shape=(steps + 1, *np.shape(x0)))


def momentum_path(path: Any, grad: Any, x0: np.ndarray, lr: float, betas: Sequence[float]) -> np.ndarray:
    """The iterates θ_0 … θ_T (T = len(betas)) that ``heavy_ball`` or ``nesterov`` returned."""
    return as_array(path, what="momentum trajectory", shape=(len(betas) + 1, *np.shape(x0)))


def adaptive_path(path: Any, method: str, x0: np.ndarray, gradient: Any, steps: int, hyper: Any) -> np.ndarray:
    """The iterates x_0 … x_steps that ``trajectory(method, ...)`` returned."""
    return as_array(path, what=f"trajectory({method!r})", shape=(steps + 1, *np.shape(x0)))


def minibatch_gradients(grads: Any, problem: Any, x: np.ndarray, indices: np.ndarray) -> np.ndarray:
    """One minibatch gradient per row of ``x``."""
    return as_array(grads, what="minibatch_gradient", shape=np.shape(x))


def sgd_iterates(final: Any, problem: Any, x0: np.ndarray, eta: float, steps: int, batch: int, rng: Any) -> np.ndarray:
    """The final iterate of each SGD chain (one chain per row of ``x0``)."""
    return as_array(final, what="sgd()", shape=np.shape(x0))


def running_averages(averages: Any, iterates: np.ndarray) -> np.ndarray:
    """One running average per iterate."""
    return as_array(averages, what="polyak_averages", shape=np.shape(iterates))


def svrg_direction(direction: Any, problem: Any, x: np.ndarray, anchor: np.ndarray, j: int) -> np.ndarray:
    """A direction of the dimension of ``x``."""
    return as_array(direction, what="svrg_direction", shape=np.shape(x))


def hyperparameters(defaults: Any, method: str) -> dict[str, float]:
    """The default hyperparameters of ``method``, each a finite number."""
    if not isinstance(defaults, Mapping):
        raise ImplementationError(f"defaults({method!r}) returned {type(defaults).__name__}, expected a mapping")
    return {str(name): float(as_array(value, what=f"default {name}", shape=())) for name, value in defaults.items()}


OPTIMIZERS = Boundary(
    OptimizerImpl,
    reference="impls.optim:Optimizers",
    outputs={
        "gd": gd_path,
        "heavy_ball": momentum_path,
        "nesterov": momentum_path,
        "trajectory": adaptive_path,
        "minibatch_gradient": minibatch_gradients,
        "sgd": sgd_iterates,
        "polyak_averages": running_averages,
        "svrg_direction": svrg_direction,
        "defaults": hyperparameters,
    },
)
"""The optimizer under test; the ``sgd`` topic checks it through the same boundary."""

TOPIC = Topic(
    "optim",
    "Gradient methods: smoothness, convexity, PL, convergence rates and update rules",
    summary="GD, heavy ball and Nesterov on objectives with certified L, μ and PL constants; "
            "the rates as the documents print them; AdaGrad, RMSprop, Adam, AMSGrad, signSGD and Muon "
            "step by step; checked on our optimizers and torch.optim.",
    sections=("updates", "rates", "accelerated", "quadratics", "inequalities", "convexity", "step_sizes",
              "adaptive", "adam", "muon"),
    boundary=OPTIMIZERS,
)

KNS = ("Karimi, Nutini & Schmidt (2016), Linear convergence of gradient and proximal-gradient methods "
       "under the PL condition")
POLYAK = "Polyak (1963), Gradient methods for minimizing functionals"
NESTEROV = "Nesterov (2004), Introductory lectures on convex optimization, Thms 2.1.5, 2.1.14, 2.1.15, 2.2.3"
DESCENT = "Descent lemma: f(y) ≤ f(x) + ∇f(x)ᵀ(y-x) + L/2 ‖y-x‖² for L-smooth f (Nesterov 2004, Lemma 1.2.3)"
SBC = "Su, Boyd & Candès (2016), A differential equation for modeling Nesterov's accelerated gradient method, Thm 6"
CONVEX = "Boyd & Vandenberghe (2004), Convex Optimization, §3.1–3.2"
KINGMA_BA = "Kingma & Ba (2015), Adam: a method for stochastic optimization, Algorithm 1"
DUCHI = "Duchi, Hazan & Singer (2011), Adaptive subgradient methods, diagonal AdaGrad"
TIELEMAN = "Tieleman & Hinton (2012), Lecture 6.5, RMSprop"
REDDI = "Reddi, Kale & Kumar (2018), On the convergence of Adam and beyond (AMSGrad)"
