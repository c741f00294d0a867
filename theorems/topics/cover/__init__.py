"""Cover's function counting theorem (documents 000, 001, 003).

Cover (1965): s points in general position in R^n admit C(s,n) = 2 Σ_{k=0}^{n-1} binom(s-1,k)
homogeneous linear dichotomies; C(s+1,n) = C(s,n) + C(s,n-1); C(s,n) = 2^s for s ≤ n, so the VC
dimension of homogeneous half-spaces is n; C(2n,n) = 2^{2n-1}; affine separators give C(s,n+1).
The counts are checked on an exact counter of the dual hyperplane arrangement (``impls.cover``).
"""

from __future__ import annotations

import numpy as np

from impls.cover import DichotomyCounter
from theorems.engine import Boundary, Topic, as_int

COVER = "Cover (1965), Geometrical and statistical properties of systems of linear inequalities"


def count_of_points(count: object, X: np.ndarray) -> int:
    """A dichotomy count of the points ``X``: an exact integer."""
    return as_int(count, what=f"the dichotomy count of {len(X)} points")


COUNTER = Boundary(
    DichotomyCounter,
    reference="impls.cover:ArrangementCounter",
    outputs={
        "homogeneous_dichotomies": count_of_points,
        "affine_dichotomies": count_of_points,
    },
)
"""The exact counter under test; the ``approximation`` topic's protocol extends it."""

TOPIC = Topic(
    "cover",
    "Cover's function counting theorem",
    summary="Exact counts of linear dichotomies C(s,n), the phase transition at s = 2n and the VC dimension "
    "of half-spaces.",
    sections=("counting", "recurrence", "shattering", "position", "phase_transition"),
    boundary=COUNTER,
)
