"""Underdamped Langevin dynamics: the stationary density of the SDE and the noise scale of its discrete step."""

from __future__ import annotations

import sympy

from theorems.engine import Context, Formula, Outcome, Printed, all_of, symbolic

from . import TOPIC
from .dynamics import ETA, THETA, V, for_every_energy

B, GAMMA = sympy.symbols("B gamma", positive=True)


@TOPIC.claim(
    "bayes.underdamped_langevin_sde",
    method="sympy",
    canonical=Formula(r"N(0, 2B\,dt)", lambda friction: 2 * friction),
    faithful=("000",),
    depends=("bayes.hamilton_equations",),
    references=("Pavliotis (2014), Stochastic processes and applications, §6.5",),
)
def underdamped_langevin_sde(ctx: Context, noise_variance: Formula) -> Outcome:
    """Underdamped Langevin dynamics samples exp(-E(θ) - |v|²/2).

    dθ = v dt, dv = -∇E(θ) dt - Bv dt + N(0, 2B dt): the Fokker–Planck operator
    L*p = -∂_θ(v p) - ∂_v((-∇E - Bv) p) + (D/2) ∂²_v p with noise variance D dt = 2B dt annihilates
    p = exp(-E(θ) - v²/2), so the joint, and hence the posterior in θ, is stationary for every friction B > 0.
    Proved in one dimension for two concrete energies and an arbitrary E.
    """
    diffusion = noise_variance(B)

    def steps(e: sympy.Expr) -> tuple[tuple[str, sympy.Expr], ...]:
        p = sympy.exp(-e - V**2 / 2)
        drift = -sympy.diff(e, THETA) - B * V
        generator = (-sympy.diff(V * p, THETA) - sympy.diff(drift * p, V) + diffusion / 2 * sympy.diff(p, V, 2))
        return ((r"\mathcal{L}^* e^{-E - v^2/2}", generator / p), ("0", sympy.Integer(0)))

    return for_every_energy(ctx, steps)


def _stationary_variance(noise_scale: sympy.Expr) -> sympy.Expr:
    """Stationary variance of v_{t+1} = (1 - ηγ)v_t + s ξ_t (the step on a flat energy): s²/(1 - (1 - ηγ)²)."""
    return noise_scale**2 / (1 - (1 - ETA * GAMMA) ** 2)


SQRT_NOISE = Formula(r"\sqrt{2\gamma\eta}\,\xi", lambda gamma, eta: sympy.sqrt(2 * gamma * eta))
UNSQUARED = Printed(Formula(r"2\gamma\eta\,\epsilon", lambda gamma, eta: 2 * gamma * eta),
                    reading="as printed: the noise is 2γηε, not √(2γη)ε")


@TOPIC.claim(
    "bayes.langevin_update",
    method="sympy",
    canonical=SQRT_NOISE,
    printed={"000": Printed(SQRT_NOISE, reading="the ∫ before ∇Ẽ(θ) is a stray mark (the step subtracts η∇Ẽ(θ_t)); "
                                                "√(2γη) N(0, I) is the canonical noise"),
             "002": UNSQUARED, "004": UNSQUARED},
    depends=("bayes.underdamped_langevin_sde",),
)
def langevin_update(ctx: Context, noise: Formula) -> Outcome:
    """The Euler–Maruyama step of underdamped Langevin dynamics needs noise √(2γη) ξ.

    v_{t+1} = (1 - ηγ)v_t - η∇Ẽ(θ_t) + √(2γη) ξ_t, ξ_t ~ N(0, I), θ_{t+1} = θ_t + ηv_t: the noise of the SDE
    over a time step η has variance 2γη. On a flat energy the velocity is the AR(1) chain
    v_{t+1} = (1 - ηγ)v_t + s ξ_t with stationary variance s²/(1 - (1 - ηγ)²); with s = √(2γη) this is
    1/(1 - ηγ/2) → 1, the velocity variance of exp(-|v|²/2) (temperature 1), as η → 0. Proved symbolically.
    """
    variance = _stationary_variance(noise(GAMMA, ETA))
    return all_of({
        "stationary variance": lambda: symbolic(ctx, (r"s^2/(1 - (1-\eta\gamma)^2)", variance),
                                                (r"1/(1 - \eta\gamma/2)", 1 / (1 - ETA * GAMMA / 2))),
        "temperature as η → 0": lambda: symbolic(ctx, (r"\lim_{\eta\to 0} \mathrm{Var}(v)",
                                                       sympy.limit(variance, ETA, 0)), ("1", sympy.Integer(1))),
    })


