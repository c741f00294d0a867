"""Exact tests of what an initialiser draws, and of the energy that crosses a wide random network.

* a normal initialiser of variance σ²: Σ w²/σ² ~ χ²_N (two-sided);
* a uniform initialiser on [-a, a]: no |w| above a, and P(max |w| ≤ m) = (m/a)^N;
* either: the number of positive weights is Binomial(N, ½) (symmetry about 0);
* a bounded mean: Hoeffding's inequality;
* a network z^l = W_l h^(l-1) with Gaussian weights of variance σ²: given h^(l-1), the entries of z^l
  are i.i.d. N(0, σ²‖h^(l-1)‖²), whatever came before, so Σ_l ‖z^l‖²/(σ²‖h^(l-1)‖²) ~ χ² with
  Σ_l n_l degrees of freedom exactly. Its mean per unit is the layer's variance ratio n_in σ² E[h²]/E[z²]
  (1 when the variance is preserved); the same holds backwards for δ^(l-1) = W_lᵀ δ^l with n_out σ².

The parts of a claim are combined by Bonferroni into one calibrated decision.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from theorems.engine import Context, Outcome, decide
from theorems.stats import (
    binomial_detectable,
    binomial_p_value,
    chi2_variance_p_value,
    hoeffding_mean_p_value,
    uniform_range_p_value,
    variance_detectable,
)

Draw = Callable[[int, int, int], np.ndarray]
"""An initialiser: ``draw(fan_in, fan_out, seed)`` is a ``(fan_out, fan_in)`` matrix."""


@dataclass(frozen=True)
class Test:
    """One exact test of a claim: its p-value and the deviation it detects with power 0.9."""

    p_value: float
    detectable: str


def combined(ctx: Context, parts: dict[str, Test], *, evidence: dict[str, Any] | None = None) -> Outcome:
    """Reject when the smallest p-value times the number of tests is at most ``ctx.alpha`` (Bonferroni)."""
    p = min(1.0, len(parts) * min(t.p_value for t in parts.values()))
    worst = min(parts, key=lambda name: parts[name].p_value)
    return decide(
        ctx, p,
        test=f"{'; '.join(parts)} (Bonferroni over {len(parts)})",
        detectable="; ".join(f"{name}: {t.detectable}" for name, t in parts.items()),
        evidence={**(evidence or {}), **{f"p ({name})": t.p_value for name, t in parts.items()}},
        counterexample={"rejected by": worst, "p-value": parts[worst].p_value, **(evidence or {})},
    )


def level(ctx: Context, tests: int) -> float:
    """The level of each of ``tests`` parts of a check."""
    return ctx.alpha / tests


def sign_test(w: np.ndarray, at: float) -> Test:
    """The number of positive entries is Binomial(N, ½)."""
    n = w.size
    positive = int(np.count_nonzero(w > 0))
    return Test(binomial_p_value(positive, n, 0.5),
                f"P(w > 0) off ½ by {binomial_detectable(n, 0.5, at):.3g} ({positive}/{n} positive)")


def variance_test(w: np.ndarray, variance: float, at: float) -> Test:
    """Σ w²/σ² ~ χ²_N for N(0, σ²) entries."""
    return Test(chi2_variance_p_value(w, 0.0, variance),
                f"a variance off by a factor 1 ± {variance_detectable(w.size, at):.3g} "
                f"(measured {float(np.mean(np.square(w))):.5g}, stated {variance:.5g})")


def range_test(w: np.ndarray, half_width: float, at: float) -> Test:
    """Entries uniform on [-a, a]: none outside, the largest |w| as close to a as U(0, 1)^N allows."""
    return Test(uniform_range_p_value(w, half_width),
                f"a range narrower by {1 - at ** (1 / w.size):.3g} (relative) or any entry outside "
                f"(max |w| = {float(np.max(np.abs(w))):.6g}, stated a = {half_width:.6g})")


def hoeffding_test(mean: float, n: int, stated: float, width: float, at: float, *, what: str) -> Test:
    """Hoeffding's two-sided test that the mean of n i.i.d. variables in an interval of length ``width`` is
    ``stated``; with probability 0.9 the sample mean is within width·√(ln 20/(2n)) of the truth, so a
    deviation of width·(√(ln(2/α)/(2n)) + √(ln 20/(2n))) is detected with power 0.9."""
    detectable = width * (math.sqrt(math.log(2 / at) / (2 * n)) + math.sqrt(math.log(20) / (2 * n)))
    return Test(hoeffding_mean_p_value(mean, n, stated, width),
                f"|E - stated| ≥ {detectable:.3g} ({what}: measured {mean:.5g}, stated {stated:.5g})")


def normal_law(w: np.ndarray, variance: float, at: float) -> dict[str, Test]:
    return {"χ² test of Var(w)": variance_test(w, variance, at), "sign test of w": sign_test(w, at)}


def uniform_law(w: np.ndarray, half_width: float, at: float) -> dict[str, Test]:
    return {"range test of U[-a, a]": range_test(w, half_width, at), "sign test of w": sign_test(w, at)}


def relu(z: np.ndarray) -> np.ndarray:
    return np.maximum(z, 0.0)


def forward(draw: Draw, widths: Sequence[int], seed: int, *, rectified: bool) -> list[np.ndarray]:
    """Pre-activations z⁰ = x ~ N(0, I), z^l = W_l h^(l-1) with h = ReLU(z) (``rectified``, not on the
    input) or h = z, the weights of layer l drawn with seed ``seed + l``."""
    z = [np.random.default_rng(seed).standard_normal(widths[0])]
    for layer, (fan_in, fan_out) in enumerate(itertools.pairwise(widths), start=1):
        h = relu(z[-1]) if rectified and layer > 1 else z[-1]
        z.append(draw(fan_in, fan_out, seed + layer) @ h)
    return z


def backward(draw: Draw, widths: Sequence[int], seed: int) -> list[np.ndarray]:
    """Back-propagated errors of a linear network, from δ^L ~ N(0, I) down: δ^(l-1) = W_lᵀ δ^l."""
    delta = [np.random.default_rng(seed).standard_normal(widths[-1])]
    for layer in range(len(widths) - 1, 0, -1):
        delta.append(draw(widths[layer - 1], widths[layer], seed + layer).T @ delta[-1])
    return delta


def energy_test(signals: Sequence[np.ndarray], inputs: Sequence[np.ndarray], variances: Sequence[float],
                at: float) -> Test:
    """Each signal's entries, divided by σ_l ‖its layer's input‖, are i.i.d. N(0, 1): one pooled χ² test."""
    pooled = np.concatenate([s / (np.sqrt(v) * np.linalg.norm(h))
                             for s, h, v in zip(signals, inputs, variances, strict=True)])
    measured = float(np.mean(np.square(pooled)))
    return Test(chi2_variance_p_value(pooled, 0.0, 1.0),
                f"a layer variance ratio off by a factor 1 ± {variance_detectable(pooled.size, at):.3g} "
                f"(measured mean ‖z^l‖²/(σ²‖h^(l-1)‖² n_l) = {measured:.5g})")


def mean_squares(ctx: Context, title: str, signals: Sequence[np.ndarray]) -> None:
    """The table of E[z²] per layer: what "preserves the variance" means."""
    ctx.table(title, ["layer", "width", "mean square"],
              [[layer, s.size, float(np.mean(np.square(s)))] for layer, s in enumerate(signals)])
