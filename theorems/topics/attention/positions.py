"""Sinusoidal positional encodings: bounded, and a shift of the position acts linearly on each pair of
dimensions (2i, 2i + 1) — a rotation by Δω_i when sine and cosine of a pair share the frequency ω_i.

The linear map of a pair is determined by the positions 0 and 1 (the encodings of a pair at t = 0 and
t = 1 are independent whenever sin ω ≠ 0); the claim is that this one map also moves every other
position t to t + Δ. Where a printing gives dimension k its own frequency ω_k, sine and cosine of a
pair have different frequencies and no such map exists.
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from impls.attention import frequencies
from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    at_most,
    close,
    for_all,
    within_tolerance,
)

from . import TOPIC, VASWANI


def alternating(t: np.ndarray, omega: np.ndarray) -> np.ndarray:
    """p_tk = sin(tω_k) for k even, cos(tω_k) for k odd."""
    angles = np.outer(t, omega)
    encoding = np.cos(angles)
    encoding[:, 0::2] = np.sin(angles[:, 0::2])
    return encoding


def per_dimension(base: float) -> Formula:
    """The printed frequencies ω_k = base^{k/d}: every dimension k its own."""
    return Formula(rf"\omega_k = {base:g}^{{k/d}}", lambda d: base ** (np.arange(d) / d))


PAIRED = Formula(r"p_{t,2i} = \sin t\omega_i,\ p_{t,2i+1} = \cos t\omega_i,\ \omega_i = 10000^{-2i/d}",
                 lambda d: np.repeat(frequencies(d), 2))
"""The frequency of every dimension: ω_i for both 2i and 2i + 1."""


@st.composite
def shifts(draw: st.DrawFn) -> tuple[np.ndarray, int, int]:
    """Positions in 0..512, a shift Δ in -64..64 and an even width d in 2..16."""
    positions = np.array(draw(st.lists(st.integers(0, 512), min_size=1, max_size=8)), dtype=float)
    return positions, draw(st.integers(-64, 64)), 2 * draw(st.integers(1, 8))


@TOPIC.claim(
    "attention.sinusoidal_positional_encoding",
    method="property",
    canonical=PAIRED,
    printed={
        "000": Printed(per_dimension(1e-4), reading="ω_k = C^{k/d} with k the dimension itself, so the sine of "
                                                    "dimension 2i and the cosine of 2i + 1 have different "
                                                    "frequencies; C is not given, read as 1/10000 (C < 1)"),
        "001": Printed(per_dimension(1e4), reading="ω_k = C^{k/n} with C = 10000 as printed: frequencies up to "
                                                   "10000^{(n-1)/n} radians per position (the exponent's sign "
                                                   "lost), and again one per dimension"),
    },
    references=(VASWANI,),
)
def sinusoidal_positional_encoding(ctx: Context, stated: Formula) -> Outcome:
    """Sinusoidal encodings are bounded and shift by a linear map (a rotation).

    p_{t,2i} = sin(tω_i), p_{t,2i+1} = cos(tω_i), ω_i = 10000^{-2i/d} (Vaswani et al. 2017, §3.5): every
    |p_tk| ≤ 1, and for every shift Δ one linear map of each pair (a rotation by -Δω_i) takes p_t to
    p_{t+Δ} for all t, so "PE(t + Δ) is a linear function of PE(t)". The canonical variant also checks
    that the implementation's encoding is this formula.
    """
    impl = ctx.impl()

    def shifted(case: tuple[np.ndarray, int, int]) -> list[Comparison]:
        t, delta, d = case
        omega = stated(d)
        p, moved = alternating(t, omega), alternating(t + delta, omega)
        base, image = alternating(np.array([0.0, 1.0]), omega), alternating(np.array([0.0, 1.0]) + delta, omega)
        largest_angle = (t.max() + abs(delta) + 1) * omega.max()
        comparisons = [at_most(float(np.abs(p).max()), 1.0, label="|p_tk| ≤ 1")]
        for i in range(0, d, 2):
            pair = slice(i, i + 2)
            fitted = np.linalg.solve(base[:, pair], image[:, pair]).T  # the map M with M p_0 = p_Δ, M p_1 = p_{1+Δ}
            conditioning = np.linalg.cond(base[:, pair])
            comparisons.append(close(p[:, pair] @ fitted.T, moved[:, pair], label=f"M p_t = p_(t+Δ), pair {i // 2}",
                                     rtol=0.0, atol=within_tolerance(1.0, largest_angle) * conditioning))
        if ctx.is_canonical:
            comparisons.append(close(impl.positional_encoding(t, d), p, label=f"implementation = {stated.latex}",
                                     rtol=0.0, atol=within_tolerance(1.0, t.max() * omega.max())))
        return comparisons

    return for_all(ctx, shifts(), shifted, describe=lambda c: {"t": c[0].tolist(), "Δ": c[1], "d": c[2]})
