"""Expressivity of ReLU networks: how many linear regions they have (documents 000, 003).

Zaslavsky (1975): m affine hyperplanes in general position cut R^n into Σ_{i=0}^{n} binom(m,i)
regions, the most any m hyperplanes make. Montúfar, Pascanu, Cho & Bengio (2014): depth multiplies
the regions, some network with L hidden layers of width m has at least R(m) ⌊m/n⌋^{n(L-1)}.
The regions are counted on the ``cover`` topic's exact counter, through its boundary.
"""

from __future__ import annotations

from theorems.engine import Topic
from theorems.topics.cover import COUNTER

TOPIC = Topic(
    "approximation",
    "Linear regions of ReLU networks",
    summary="Zaslavsky's count of the regions that m ReLU hyperplanes cut R^n into, and Montúfar et al.'s "
    "exponential lower bound for deep ReLU networks.",
    sections=("regions",),
    boundary=COUNTER,
)
