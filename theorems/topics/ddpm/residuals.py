"""Calibrated residual tests of the implementation's draws, and the schedules and grids they run on.

A draw claimed to be N(μ(features), σ² I) leaves a residual r = draw - μ that is N(0, σ² I) and
independent of the features: an exact χ² regression test (a mean error linear in the features) and
an exact χ² variance test decide it, Bonferroni over every case of a claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from impls.ddpm import DDPM
from theorems.engine import Context, Outcome, decide
from theorems.stats import regression_detectable, residual_p_values, variance_detectable

LINEAR, COSINE = DDPM().betas("linear", 1000), DDPM().betas("cosine", 1000)
LEADING_50 = list(range(1, 1001, 20))
"""diffusers' "leading" grid of 50 steps out of 1000 (its timesteps 0, 20, …, 980), as documents' t."""
TRAILING_50 = list(range(20, 1001, 20))
"""diffusers' "trailing" grid (its timesteps 19, 39, …, 999): the last step goes from t = 20 to 0."""


@dataclass(frozen=True)
class ResidualCase:
    label: str
    residual: np.ndarray
    features: tuple[np.ndarray, ...]
    variance: float


def decide_residuals(ctx: Context, cases: Sequence[ResidualCase], what: str) -> Outcome:
    """One calibrated decision over all cases: Bonferroni over the 2 tests of every case."""
    tests = 2 * len(cases)
    level = ctx.alpha / tests
    rows, p_min, worst = [], 1.0, None
    for case in cases:
        p_reg, p_var = residual_p_values(case.residual, case.features, case.variance)
        r = np.ravel(case.residual)
        rows.append([case.label, r.size, case.variance, float(np.mean(r * r)), p_reg, p_var])
        if min(p_reg, p_var) < p_min:
            p_min, worst = min(p_reg, p_var), case
    ctx.table(f"{what}: residual tests per case", ["case", "samples", "claimed variance", "mean r²",
                                                   "p (mean, regression χ²)", "p (variance χ²)"], rows)
    n = min(np.size(c.residual) for c in cases)
    k = 1 + max(len(c.features) for c in cases)
    counterexample = None
    if worst is not None:
        r = np.ravel(worst.residual)
        counterexample = {"case": worst.label, "claimed variance": worst.variance, "mean residual": float(r.mean()),
                          "mean squared residual": float(np.mean(r * r))}
    return decide(
        ctx, min(1.0, tests * p_min),
        test=f"{what}: exact χ² regression and χ² variance tests of the residuals, Bonferroni over {tests} tests",
        detectable=(f"a mean error e with Σe²/σ² ≥ {regression_detectable(k, level):.1f}, or a variance off by "
                    f"{100 * variance_detectable(n, level):.1f} % (per case, n = {n})"),
        evidence={"cases": len(cases)}, counterexample=counterexample,
    )


def run_chain(impl: Any, x: np.ndarray, start: int, stop: int, betas: np.ndarray,
              rng: np.random.Generator) -> np.ndarray:
    """x_stop from x_start through forward_step at t = start+1, …, stop."""
    for t in range(start + 1, stop + 1):
        x = impl.forward_step(x, t, betas, rng)
    return x
