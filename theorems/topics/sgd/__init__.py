"""Stochastic gradient descent on finite sums (docs 000, 001, 002, 003, 004).

Standard results: Needell, Srebro & Ward (2014), Theorem 2.1: for f = (1/n) Σ f_i with convex
L_i-smooth f_i, sup L_i ≤ L, f μ-strongly convex and η < 1/L, SGD satisfies
E‖x_k - x*‖² ≤ (1 - 2ημ(1 - ηL))^k ‖x_0 - x*‖² + ησ²/(μ(1 - ηL)), σ² = (1/n) Σ ‖∇f_i(x*)‖².
Robbins & Monro (1951) for the step-size conditions; Polyak & Juditsky (1992) for averaging;
Johnson & Zhang (2013) for SVRG. The adaptive optimizers' update rules are ``optim.*`` claims.

The optimizer under test is the one of the ``optim`` topic: the same protocol and boundary.
"""

from __future__ import annotations

from theorems.engine import Topic
from theorems.topics.optim import OPTIMIZERS

TOPIC = Topic(
    "sgd",
    "Stochastic gradient descent",
    summary="Unbiased minibatch gradients, variance V/r, Polyak averaging, SVRG, Robbins–Monro and the SGD "
    "theorem of Needell–Srebro–Ward, checked on the optimizer under test.",
    sections=("finite_sums", "robbins_monro", "convergence"),
    boundary=OPTIMIZERS,
)

NSW = ("Needell, Srebro & Ward (2014), Stochastic gradient descent, weighted sampling, and the randomized "
       "Kaczmarz algorithm, Theorem 2.1")
ROBBINS_MONRO = "Robbins & Monro (1951), A stochastic approximation method"
