"""Expectations under an implementation's distribution, computed from its own log-density or log-mass.

A discrete family is summed exactly over its support (a Poisson support cut where the remaining
mass is below 1e-30); a continuous one is integrated by adaptive quadrature to a relative accuracy of
about 1e-11. What comes out is therefore a property of the implementation's ``logpdf``, compared with
a formula the claim has proved.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
from scipy import integrate

from impls.probability import DISCRETE, Params
from theorems.engine import Context, Outcome, all_of

QUADRATURE_RTOL = 1e-8
"""Relative tolerance for a comparison with an expectation computed by quadrature (the quadrature's own
error is about 1e-11 relative; the margin covers the cancellation of a variance E[X²] - E[X]²)."""


def support(family: str, params: Params) -> np.ndarray:
    """The points of a discrete family's support that carry all but < 1e-30 of its mass."""
    top = {"bernoulli": 1.0, "binomial": params.get("n", 0.0)}.get(family)
    if top is None:  # Poisson: P(X > λ + 20√λ + 40) < 1e-30 for λ ≤ 30
        rate = params["rate"]
        top = math.ceil(rate + 20 * math.sqrt(rate) + 40)
    return np.arange(0.0, top + 1)


def expectation(impl: Any, family: str, params: Params, g: Callable[[np.ndarray], np.ndarray]) -> float:
    """E[g(X)] for X distributed as the implementation's ``family(params)``."""
    if family in DISCRETE:
        x = support(family, params)
        return float(np.sum(np.exp(impl.logpdf(family, params, x)) * g(x)))
    lower = -np.inf if family == "normal" else 0.0

    def integrand(x: float) -> float:
        point = np.array([x])
        density = float(np.exp(impl.logpdf(family, params, point))[0])
        return density * float(g(point)[0]) if density > 0 else 0.0  # 0, not 0·∞, where g overflows

    centre = impl.mean(family, params) if family == "normal" else 0.0
    left, _ = (
        integrate.quad(integrand, lower, centre, epsabs=0.0, epsrel=1e-11, limit=200) if lower < centre else (0.0, 0)
    )
    right, _ = integrate.quad(integrand, centre, np.inf, epsabs=0.0, epsrel=1e-11, limit=200)
    return float(left + right)


def proof_then_implementation(ctx: Context, proof: Outcome, implementation: Callable[[], Outcome]) -> Outcome:
    """A SymPy proof of the stated form, then (canonical variant only: a printing that agrees with the
    canonical form would only repeat it) the implementation under test against the proved form."""
    parts: dict[str, Outcome | Callable[[], Outcome]] = {"proof": proof}
    if ctx.is_canonical:
        parts["implementation"] = implementation
    return all_of(parts)
