"""Probability and statistics: the identities, densities and inequalities the course documents use.

Each section module gathers the claims about one subject (``gaussians``: divergences and densities
of Gaussians). The claims are mathematical statements checked by derivation or on generated
instances; so far none runs an implementation under test, so the topic has no boundary.
"""

from __future__ import annotations

from theorems.engine import Topic

TOPIC = Topic(
    "probability",
    "Probability and statistics",
    summary="Identities, densities and inequalities of probability: the KL divergence of Gaussians, derived "
            "with sympy.stats.",
    sections=("gaussians",),
)
