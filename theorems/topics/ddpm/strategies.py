"""Noise schedules and small linear-Gaussian diffusion models whose likelihood is exact."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp


def schedules(min_T: int = 1, max_T: int = 50, max_beta: float = 0.999) -> st.SearchStrategy[np.ndarray]:
    """β_1..β_T in (0, 1), from tiny to nearly 1, in any order."""
    return st.integers(min_T, max_T).flatmap(
        lambda T: hnp.arrays(np.float64, T, elements=st.floats(1e-6, max_beta))
    )


@dataclass(frozen=True)
class GaussianDiffusion:
    """A scalar DDPM with a linear-Gaussian reverse model, so that every term of the ELBO is exact.

    Forward: q(x_t | x_{t-1}) = N(√(1-β_t) x_{t-1}, β_t) from a fixed x_0.
    Model: p(x_T) = N(0, 1) and p_θ(x_{t-1} | x_t) = N(a_t x_t + c_t, s_t²) for t = 1..T.
    """

    betas: np.ndarray
    a: np.ndarray
    c: np.ndarray
    s2: np.ndarray
    x0: float

    @property
    def T(self) -> int:
        return len(self.betas)

    @property
    def abar(self) -> np.ndarray:
        """ᾱ_0..ᾱ_T (ᾱ_0 = 1)."""
        return np.concatenate([[1.0], np.cumprod(1.0 - self.betas)])

    def describe(self) -> dict[str, object]:
        return {"betas": self.betas.tolist(), "a": self.a.tolist(), "c": self.c.tolist(), "s2": self.s2.tolist(),
                "x0": self.x0}


@st.composite
def gaussian_diffusions(draw: st.DrawFn, max_T: int = 5) -> GaussianDiffusion:
    """Random reverse models, and (half of the time) the exact time reversal of the forward chain for data
    N(0, 1): a_t = √(1-β_t), c_t = 0, s_t² = β_t, whose posterior p_θ(x_{1:T}|x_0) is q(x_{1:T}|x_0) (ELBO tight)."""
    T = draw(st.integers(2, max_T))

    def hundredths(lo: int, hi: int) -> st.SearchStrategy[float]:
        # a grid of step 0.01: rich enough, and integers shrink far faster than floats
        return st.integers(lo, hi).map(lambda k: k / 100)

    def vector(lo: int, hi: int) -> np.ndarray:
        return np.array(draw(st.lists(hundredths(lo, hi), min_size=T, max_size=T)))

    betas, x0 = vector(1, 90), draw(hundredths(-300, 300))
    if draw(st.booleans()):
        return GaussianDiffusion(betas=betas, a=np.sqrt(1 - betas), c=np.zeros(T), s2=betas.copy(), x0=x0)
    return GaussianDiffusion(betas=betas, a=vector(-200, 200), c=vector(-200, 200), s2=vector(5, 300), x0=x0)
