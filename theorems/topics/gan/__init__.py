"""GAN theory: the optimal discriminator, the Jensen–Shannon game, its dynamics and the Wasserstein distance.

Standard results: Goodfellow et al. (2014), Proposition 1 and Theorem 1: for fixed G the optimal
discriminator is p_data/(p_data + p_g), and max_D V(D, G) = -log 4 + 2 JS(p_data ‖ p_g), minimal iff
p_g = p_data; 0 ≤ JS ≤ ln 2 with ln 2 exactly for disjoint supports; W₁ by Kantorovich–Rubinstein
duality. The divergences themselves are the ``infotheory`` topic. All logarithms are natural unless a
claim says otherwise.

The boundary checks what a :class:`~impls.gan.GanImpl` returns: the divergences as in
``infotheory`` (the GAN claims compare the game with the implementation's own JS and entropies), an
``(n, 2)`` balanced mixture and an ``n``-vector discriminator for distributions on ``n`` points, and
real numbers (never NaN) for ℓ, V and W₁.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.gan import GanImpl
from theorems.engine import Boundary, Topic, as_array
from theorems.topics.infotheory import DIVERGENCE_OUTPUTS, real_number


def checked_balanced_mixture(table: Any, p: np.ndarray, *_: Any) -> np.ndarray:
    return as_array(table, what="balanced_mixture(p, q)", shape=(len(p), 2))


def checked_optimal_discriminator(d: Any, p: np.ndarray, *_: Any) -> np.ndarray:
    return as_array(d, what="optimal_discriminator(p, q)", shape=(len(p),))


def checked_log_likelihood(value: Any, *_: Any, **__: Any) -> float:
    return real_number(value, what="ℓ(D)", allow_inf=True)  # −inf where D = 0 at a real point or D = 1 at a fake one


def checked_gan_value(value: Any, *_: Any, **__: Any) -> float:
    return real_number(value, what="V(D, G)", allow_inf=True)


def checked_wasserstein(value: Any, *_: Any) -> float:
    return real_number(value, what="W₁(p, q)")


TOPIC = Topic(
    "gan",
    "Generative adversarial networks",
    summary="Optimal discriminator, ℓ* = JS − ln 2, V(D*, G) = 2 JS − log 4, JS bounds and saturation, "
            "alternating and extra-gradient dynamics, Wasserstein duality and the gradient penalty.",
    sections=("discriminator", "value", "training", "distances"),
    boundary=Boundary(
        GanImpl,
        "impls.gan:GanGame",
        outputs={
            **DIVERGENCE_OUTPUTS,
            "balanced_mixture": checked_balanced_mixture,
            "optimal_discriminator": checked_optimal_discriminator,
            "log_likelihood": checked_log_likelihood,
            "gan_value": checked_gan_value,
            "wasserstein": checked_wasserstein,
        },
    ),
    libraries=("torch",),
)

GOODFELLOW = "Goodfellow et al. (2014), Generative Adversarial Nets, Proposition 1 and Theorem 1"
