"""Information theory: entropy, cross-entropy, and the Kullback–Leibler and Jensen–Shannon divergences.

Standard results (Cover & Thomas 2006, ch. 2; Lin 1991): H(p) ≥ 0, H(p, q) = H(p) + KL(p‖q),
KL(p‖q) ≥ 0 with equality iff p = q, finite iff p ≪ q; JS(p, q) = ½KL(p‖m) + ½KL(q‖m),
m = ½(p + q), symmetric. Maximum likelihood, perplexity and predictive utility are read through
them. All logarithms are natural unless a claim says otherwise.
"""

from __future__ import annotations

import math
from typing import Any

from impls.infotheory import InfoTheoryImpl
from theorems.engine import Boundary, ImplementationError, Topic, as_array
from theorems.engine.boundary import OutputCheck


def real_number(value: Any, *, what: str, allow_inf: bool = False) -> float:
    """A real number returned by an implementation: NaN is always an error, ±inf only when allowed."""
    number = float(as_array(value, what=what, shape=(), finite=False))
    if math.isnan(number) or (math.isinf(number) and not allow_inf):
        raise ImplementationError(f"{what} is {number}")
    return number


def checked_entropy(value: Any, *_: Any, **__: Any) -> float:
    return real_number(value, what="H(p)")


def checked_cross_entropy(value: Any, *_: Any, **__: Any) -> float:
    return real_number(value, what="H(p, q)", allow_inf=True)  # +inf is right where q = 0 < p


def checked_kl(value: Any, *_: Any, **__: Any) -> float:
    return real_number(value, what="KL(p‖q)", allow_inf=True)  # +inf is right unless p ≪ q


def checked_js(value: Any, *_: Any, **__: Any) -> float:
    return real_number(value, what="JS(p, q)")


DIVERGENCE_OUTPUTS: dict[str, OutputCheck] = {
    "entropy": checked_entropy,
    "cross_entropy": checked_cross_entropy,
    "kl": checked_kl,
    "js": checked_js,
}
"""The checks of what the divergences return (the GAN boundary reuses them)."""

TOPIC = Topic(
    "infotheory",
    "Information theory",
    summary="Entropy, cross-entropy, KL and Jensen–Shannon: definitions, Gibbs' and Pinsker's inequalities, "
            "absolute continuity, maximum likelihood as forward KL, perplexity, predictive utility.",
    sections=("definitions", "inequalities", "learning"),
    boundary=Boundary(InfoTheoryImpl, "impls.infotheory:Divergences", DIVERGENCE_OUTPUTS),
)
