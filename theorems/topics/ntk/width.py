"""The infinite-width limit: the empirical NTK at initialisation converges to the arc-cosine kernel k_∞.

For one hidden layer the empirical NTK is an average over the m hidden units of i.i.d. terms,

    Θ_m(x, x') = (1/m) Σⱼ Tⱼ,   Tⱼ = aⱼ² relu'(uⱼ) relu'(uⱼ') x·x'/d + relu(uⱼ) relu(uⱼ'),

with aⱼ the readout weight and (uⱼ, uⱼ') = (wⱼ·x, wⱼ·x')/√d centred Gaussian: E T = k_∞(x, x') exactly
and Var Θ_m = Var T / m, so the deviation shrinks like 1/√m. Var T is known in closed form (the
arc-cosine moments of degrees 0, 1, 2 of Cho & Saul 2009), so Chebyshev's inequality bounds, at every
width, the probability that the deviation exceeds c/√m; the number of such exceedances over independent
initialisations is then tested exactly (binomial). The test is calibrated with no normal approximation.
"""

from __future__ import annotations

import numpy as np

from impls.gp import arccos_relu
from impls.ntk import arccos_angle, arccos_relu_derivative, parameter_count, relu_ntk_limit
from theorems.engine import Context, Outcome, proportion

from . import ARORA, CHO_SAUL, JACOT, TOPIC

EXCEEDANCE = 0.25
"""Chebyshev's bound on the probability that some entry of Θ_m exceeds its threshold c/√m."""


def term_second_moment(x: np.ndarray) -> np.ndarray:
    """E T² for the one-hidden-layer NTK term T (module docstring), for every pair of rows of ``x``.

    With K = xxᵀ/d the covariance of u and E a⁴ = 3, a² independent of u:
    E T² = 3K² E[relu'relu'] + 2K E[relu relu'] + E[relu² relu'²] (entry-wise), where the last is the
    arc-cosine kernel of degree 2, √(KᵢᵢKⱼⱼ)² (3 sin φ cos φ + (π − φ)(1 + 2cos²φ))/(2π) (Cho & Saul 2009).
    """
    K = x @ x.T / x.shape[1]
    angle, cos = arccos_angle(K)
    second = np.outer(np.diag(K), np.diag(K)) * (3 * np.sin(angle) * cos + (np.pi - angle) * (1 + 2 * cos**2)) / (
        2 * np.pi)
    return 3 * K**2 * arccos_relu_derivative(K) + 2 * K * arccos_relu(K) + second


@TOPIC.claim("ntk.infinite_width_deterministic", method="statistical", faithful=("000", "002", "004"),
             references=(JACOT, ARORA, CHO_SAUL))
def infinite_width_deterministic(ctx: Context) -> Outcome:
    """Under the NTK parameterisation the NTK at initialisation converges to the deterministic k_∞ as the
    width m → ∞, the deviation shrinking like 1/√m.

    For a one-hidden-layer ReLU network with N(0, 1) weights scaled by 1/√fan-in, k_∞ is the arc-cosine NTK
    (x·x'/d)(π − φ)/(2π) + √(qq')(sin φ + (π − φ)cos φ)/(2π). Test: three inputs' NTK (six entries) at
    widths m and 4m, R independent initialisations each; entry (i, j) exceeds its threshold when
    |Θ_m − k_∞| > cᵢⱼ/√m with cᵢⱼ = √(6 Var Tᵢⱼ / 0.25), so that by Chebyshev and a union bound a run
    exceeds with probability ≤ 0.25 at every width. H₀: P(exceed) ≤ 0.25, exact one-sided binomial test.
    A kernel whose deviation does not shrink like 1/√m (a wrong limit, a missing term, a wrong scaling)
    exceeds in almost every run once √m·|bias| > c.
    """
    rng = ctx.rng()
    d, reps = 3, ctx.scaled(30)
    x = rng.standard_normal((3, d))
    x *= np.sqrt(d) / np.linalg.norm(x, axis=1, keepdims=True)  # |x|²/d = 1
    limit = relu_ntk_limit(x, x, 1)
    variance = term_second_moment(x) - limit**2
    upper = np.triu_indices(len(x))
    threshold = np.sqrt(len(upper[0]) * variance / EXCEEDANCE)[upper]
    impl = ctx.impl()
    widths = (256 * ctx.profile.scale, 1024 * ctx.profile.scale)
    rows, exceed = [], 0
    for m in widths:
        scaled = np.array([np.sqrt(m) * np.abs(impl.ntk(rng.standard_normal(parameter_count((d, m))), (d, m), x, x)
                                                 - limit)[upper] for _ in range(reps)])
        hits = int(np.count_nonzero(np.any(scaled > threshold, axis=1)))
        exceed += hits
        rows.append([m, reps, hits, float(np.median(scaled.max(axis=1))), float(scaled.max())])
    ctx.table("√m·|Θ_m − k_∞| over the entries, by width (threshold per entry: c = √(6 Var T/0.25))",
              ["width m", "runs", "runs over threshold", "median of max entry", "largest"], rows)
    outcome = proportion(ctx, exceed, reps * len(widths), EXCEEDANCE, event="some entry has √m|Θ_m − k_∞| > c",
                         alternative="greater")
    outcome.evidence.update({"widths": list(widths), "inputs": x.tolist(), "k_∞": limit.tolist(),
                             "thresholds c": threshold.tolist()})
    return outcome


DISPUTED = ("Jacot et al. (2018) prove only the limit; Lee et al. (2019, Thm 2.1) bound the change by O(1/√m) for "
            "smooth activations, Dyer & Gur-Ari (2020) and Huang & Yau (2020) argue O(1/m) for its derivative at "
            "initialisation; for ReLU no constant is known.")

TOPIC.not_checkable(
    "ntk.constancy_infinite_width",
    title="The NTK stays constant during training in the infinite-width limit",
    statement="As the width m → ∞ (NTK parameterisation), sup_t ‖k_{θ(t)} − k_{θ₀}‖ → 0 along gradient flow.",
    reason="A limit with no rate or constant: at every finite width the kernel does move, by an amount that any "
           "finite experiment finds consistent with a limit 0. " + DISPUTED + " What it implies at finite width, "
           "that training with the kernel frozen is kernel regression, is checked by ntk.kernel_regression_"
           "equivalence and ntk.infinite_width_predictor.",
    references=(JACOT,),
)

TOPIC.not_checkable(
    "ntk.kernel_change_rate",
    title="At finite width the NTK moves by O(1/m) during training",
    statement="‖k(θ₀) − k(θ_t)‖_F = O(1/m) for equal hidden widths m.",
    reason="An O(·) with no constant and no horizon t: any measured change at finite widths is consistent with "
           "C/m for a large enough C, and a calibrated test of the exponent would need the law of the change, "
           "which is not known in closed form. " + DISPUTED,
    references=(JACOT,),
)
