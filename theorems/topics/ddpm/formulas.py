"""The DDPM formulas that several sections state or use, written once for SymPy symbols and numbers alike.

Every formula takes ᾱ_{t-1} (``a``) and β_t (``b``) as its free quantities: α_t = 1 - b, ᾱ_t = a (1 - b).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

import numpy as np
import sympy

from theorems.engine import Context, Formula, Outcome, all_of, symbolic


def root(x: Any) -> Any:
    return sympy.sqrt(x) if isinstance(x, sympy.Basic) else np.sqrt(x)


def log(x: Any) -> Any:
    return sympy.log(x) if isinstance(x, sympy.Basic) else np.log(x)


def abar_of(abar_prev: Any, beta: Any) -> Any:
    """ᾱ_t = ᾱ_{t-1} (1 - β_t)."""
    return abar_prev * (1 - beta)


def gaussian_kl(m0: Any, v0: Any, m1: Any, v1: Any) -> Any:
    """KL(N(m0, v0) ‖ N(m1, v1)) of scalar Gaussians."""
    return (log(v1 / v0) + (v0 + (m0 - m1) ** 2) / v1 - 1) / 2


POSTERIOR_MEAN = Formula(
    r"\frac{\sqrt{\bar\alpha_{t-1}}\beta_t}{1-\bar\alpha_t}x_0+\frac{\sqrt{\alpha_t}(1-\bar\alpha_{t-1})}{1-\bar\alpha_t}x_t",
    lambda x_t, x0, a, b: (root(a) * b * x0 + root(1 - b) * (1 - a) * x_t) / (1 - abar_of(a, b)),
)
POSTERIOR_VARIANCE = Formula(
    r"\tilde\beta_t=\frac{1-\bar\alpha_{t-1}}{1-\bar\alpha_t}\beta_t", lambda a, b: (1 - a) / (1 - abar_of(a, b)) * b
)
EPS_MEAN = Formula(
    r"\frac{1}{\sqrt{\alpha_t}}\Big(x_t-\frac{\beta_t}{\sqrt{1-\bar\alpha_t}}\varepsilon\Big)",
    lambda x_t, eps, a, b: (x_t - b / root(1 - abar_of(a, b)) * eps) / root(1 - b),
)

# Document 003 prints the ε-form of the mean and the posterior variance with the bars of ᾱ lost.
EPS_MEAN_003 = Formula(
    r"\frac{1}{\sqrt{\alpha_t}}\Big(x_t-\frac{1-\alpha_t}{\sqrt{1-\alpha_t}}\varepsilon\Big)",
    lambda x_t, eps, a, b: (x_t - b / root(b) * eps) / root(1 - b),
)
VARIANCE_003 = Formula(r"\sigma_t^2=\frac{1-\alpha_t}{1-\alpha_t}\beta_t", lambda a, b: b / b * b)


# SymPy symbols: ᾱ_{t-1} and α_t in (0, 1), so that β_t = 1 - α_t.
abar_prev, alpha_t = sympy.symbols(r"\bar{\alpha}_{t-1} \alpha_t", positive=True)
beta_t = 1 - alpha_t
x_t, x_0 = sympy.symbols(r"x_t x_0", real=True)
UNIT = {abar_prev: (0.05, 0.95), alpha_t: (0.05, 0.95)}


def prove_all(ctx: Context, chains: Sequence[Sequence[tuple[str, Any]]], **options: Any) -> Outcome:
    """Every chain proved (on the unit domain of ᾱ and α); the first that is not decides the outcome."""
    return all_of({f"chain {i}": partial(symbolic, ctx, *chain, domain=UNIT, **options)
                   for i, chain in enumerate(chains, start=1)})
