"""Hamiltonian dynamics: the Hamiltonian and its θ-marginal, Hamilton's equations, the Euler step, the
leapfrog integrator (volume, reversibility, energy error) and the implementation's HMC sampler."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import sympy
from hypothesis import strategies as st

from impls.bayes import hmc_stream
from theorems import stats
from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    bound,
    close,
    decide,
    for_all,
    symbolic,
    within_tolerance,
)

from . import NEAL, TOPIC
from .strategies import oscillators, phase_points

THETA, V = sympy.symbols("theta v", real=True)
MASS, OMEGA, ETA = sympy.symbols("m omega eta", positive=True)
ENERGIES = {
    "harmonic E = ω²θ²/2": OMEGA**2 * THETA**2 / 2,
    "double well E = θ⁴/4 - θ²/2": THETA**4 / 4 - THETA**2 / 2,
    "any E(θ)": sympy.Function("E")(THETA),
}
"""Concrete energies first (a wrong formula fails there at a numeric point), then an arbitrary one (the proof)."""


def for_every_energy(ctx: Context, steps: Callable[[sympy.Expr], tuple[tuple[str, sympy.Expr], ...]]) -> Outcome:
    """The same derivation for each energy of :data:`ENERGIES`."""
    return all_of({name: (lambda e=e: symbolic(ctx, *steps(e))) for name, e in ENERGIES.items()})


@TOPIC.claim(
    "bayes.hmc_hamiltonian",
    method="sympy",
    canonical=Formula(r"\frac12 v^\top M^{-1} v", lambda v, m, theta: v**2 / (2 * m)),
    faithful=("000",),
    references=(NEAL,),
)
def hmc_hamiltonian(ctx: Context, kinetic: Formula) -> Outcome:
    """The θ-marginal of exp(-H) is the posterior.

    With H(θ, v) = E(θ) + ½vᵀM⁻¹v and p(θ, v) ∝ exp(-H): ∫ exp(-H) dv = √(2π m) exp(-E(θ)) (per coordinate of
    mass m), a constant times exp(-E(θ)) ∝ p(θ|S); so a sampler of the joint samples the posterior in θ.
    Proved in one dimension (the coordinates factorise for diagonal M).
    """
    return for_every_energy(ctx, lambda e: (
        (r"\int e^{-H}\,dv", sympy.integrate(sympy.exp(-e - kinetic(V, MASS, THETA)), (V, -sympy.oo, sympy.oo))),
        (r"\sqrt{2\pi m}\,e^{-E(\theta)}", sympy.sqrt(2 * sympy.pi * MASS) * sympy.exp(-e)),
    ))


@TOPIC.claim(
    "bayes.hamilton_equations",
    method="sympy",
    canonical=Formula(r"\dot v = -\nabla E(\theta)", lambda e, theta: -sympy.diff(e, theta)),
    printed={"000": Printed(Formula(r"\dot v = -E(\theta)", lambda e, theta: -e),
                            reading="as printed: the gradient is missing from v̇ = -E(θ)")},
    depends=("bayes.hmc_hamiltonian",),
    references=(NEAL,),
)
def hamilton_equations(ctx: Context, force: Formula) -> Outcome:
    """Hamilton's equations θ̇ = v, v̇ = -∇E(θ) conserve H = E(θ) + |v|²/2.

    dH/dt = ∇E·θ̇ + v·v̇ = ∇E·v - v·∇E = 0 (M = I): the dynamics stays on a level set of H, which is what
    makes the HMC proposal nearly always accepted. Proved in one dimension for two concrete energies and for
    an arbitrary E.
    """
    def steps(e: sympy.Expr) -> tuple[tuple[str, sympy.Expr], ...]:
        h = e + V**2 / 2
        return ((r"\frac{dH}{dt}", sympy.diff(h, THETA) * V + sympy.diff(h, V) * force(e, THETA)),
                ("0", sympy.Integer(0)))

    return for_every_energy(ctx, steps)


def _euler(theta: sympy.Expr, v: sympy.Expr, eta: sympy.Expr, grad: Callable[[sympy.Expr], sympy.Expr]
           ) -> tuple[sympy.Expr, sympy.Expr]:
    return theta + eta * v, v - eta * grad(theta)


@TOPIC.claim(
    "bayes.hmc_euler_step",
    method="sympy",
    canonical=Formula(r"\theta_{t+1} = \theta_t + \eta v_t,\ v_{t+1} = v_t - \eta\nabla E(\theta_t)", _euler),
    faithful=("000",),
    depends=("bayes.hamilton_equations",),
    references=(NEAL,),
)
def hmc_euler_step(ctx: Context, step: Formula) -> Outcome:
    """The Euler step of Hamilton's equations inflates phase-space volume and energy by 1 + η²ω² per step.

    θ_{t+1} = θ_t + ηv_t, v_{t+1} = v_t - η∇E(θ_t) is a first-order discretisation of θ̇ = v, v̇ = -∇E. On
    the harmonic energy E = ω²θ²/2 it is the linear map [[1, η], [-ηω², 1]] with determinant 1 + η²ω² and
    H(θ_{t+1}, v_{t+1}) = (1 + η²ω²) H(θ_t, v_t) exactly: the energy grows geometrically whatever η, which is
    why HMC integrates with leapfrog instead (bayes.leapfrog_integrator). Proved symbolically.
    """
    theta1, v1 = step(THETA, V, ETA, lambda t: OMEGA**2 * t)
    jacobian = sympy.Matrix([[sympy.diff(theta1, THETA), sympy.diff(theta1, V)],
                             [sympy.diff(v1, THETA), sympy.diff(v1, V)]])
    energy = OMEGA**2 * THETA**2 / 2 + V**2 / 2
    return all_of({
        "volume": lambda: symbolic(ctx, ("det of one step", jacobian.det()), ("1 + η²ω²", 1 + ETA**2 * OMEGA**2)),
        "energy": lambda: symbolic(ctx, ("H after one step", energy.subs({THETA: theta1, V: v1}, simultaneous=True)),
                                   ("(1 + η²ω²) H", (1 + ETA**2 * OMEGA**2) * energy)),
    })


def _double_well_grad(theta: np.ndarray) -> np.ndarray:
    return theta**3 - theta + theta[::-1] / 2


@TOPIC.claim("bayes.leapfrog_integrator", method="property", depends=("bayes.hamilton_equations",),
             references=(NEAL,))
def leapfrog_integrator(ctx: Context) -> Outcome:
    """Leapfrog is volume-preserving and time-reversible, with an O(ε²) energy error.

    v ← v - (ε/2)∇E(θ), θ ← θ + εv, v ← v - (ε/2)∇E(θ), repeated. (1) Volume: each of the three updates is a
    shear, so the Jacobian determinant is 1; checked on quadratic energies ½θᵀAθ (A = diag(ω₁², ω₂²) + a
    coupling), where the map is linear and its matrix is read off the images of the unit vectors.
    (2) Reversibility: from (θ', v') = LF(θ, v), LF(θ', -v') = (θ, -v); checked on a coupled double well.
    (3) Energy: on E = ω²θ²/2 leapfrog conserves Q = (1 - c)ω²θ² + v² exactly, c = ε²ω²/4 < 1, so after any
    number of steps |H_n - H_0| ≤ H_0 c/(1 - c) = O(ε²); the tightest instance is reported (the bound is
    attained when the run passes from θ = 0 to v = 0).
    """
    impl = ctx.impl()

    def volume(case: tuple[float, float, float, float, int]) -> Comparison:
        w1, eps, w2, coupling, steps = case
        a = np.array([[w1**2, coupling / 4 * w1 * w2], [coupling / 4 * w1 * w2, w2**2]])
        columns = []
        for unit in np.eye(4):
            theta, v = impl.leapfrog(lambda t: a @ t, unit[:2], unit[2:], eps, steps)
            columns.append(np.concatenate([theta, v]))
        matrix = np.array(columns).T
        return close(np.linalg.det(matrix), 1.0, label="det of the leapfrog map", rtol=0.0,
                     atol=within_tolerance(matrix, operations=64 * steps) * np.prod(np.abs(matrix).max(axis=0)))

    def reversible(case: tuple[np.ndarray, np.ndarray, float, int]) -> Comparison:
        theta, v, eps, steps = case
        theta1, v1 = impl.leapfrog(_double_well_grad, theta, v, eps, steps)
        theta2, v2 = impl.leapfrog(_double_well_grad, theta1, -v1, eps, steps)
        back = np.concatenate([theta2, -v2])
        return close(back, np.concatenate([theta, v]), label="LF(θ', -v') = (θ, -v)", rtol=0.0,
                     atol=within_tolerance(theta1, v1, theta, v, operations=4096 * steps))

    def energy_error(case: tuple[float, float, float, float, int]) -> tuple[float, float]:
        omega, eps, theta, v, steps = case
        c = eps**2 * omega**2 / 4
        h0 = (omega**2 * theta**2 + v**2) / 2
        theta_n, v_n = impl.leapfrog(lambda t: omega**2 * t, np.array([theta]), np.array([v]), eps, steps)
        h_n = (omega**2 * theta_n[0] ** 2 + v_n[0] ** 2) / 2
        return abs(h_n - h0), h0 * c / (1 - c)

    couplings = oscillators().map(lambda c: (c[0], c[1] / 2, c[0] + 0.5, c[2], c[4]))
    return all_of({
        "volume": lambda: for_all(ctx, couplings, volume,
                                  describe=lambda c: dict(zip(("omega1", "eps", "omega2", "coupling", "steps"), c,
                                                              strict=True))),
        "reversibility": lambda: for_all(ctx, phase_points(), reversible,
                                         describe=lambda c: {"theta": c[0].tolist(), "v": c[1].tolist(),
                                                             "eps": c[2], "steps": c[3]}),
        "energy error": lambda: bound(
            ctx, oscillators(), lambda c: energy_error(c)[0], lambda c: energy_error(c)[1],
            label="|H_n - H_0| ≤ H_0 c/(1 - c)", rtol=1e-7,
            describe=lambda c: dict(zip(("omega", "eps", "theta0", "v0", "steps"), c, strict=True))),
    })

def _double_well_energy(theta: np.ndarray) -> float:
    return float(np.sum(theta**4 / 4 - theta**2 / 2) + theta[0] * theta[1] / 2)


def leapfrog_steps(grad: Callable[[np.ndarray], np.ndarray], theta: np.ndarray, v: np.ndarray, eps: float,
                   steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Leapfrog as defined: v ← v - (ε/2)∇E(θ), θ ← θ + εv, v ← v - (ε/2)∇E(θ), ``steps`` times."""
    for _ in range(steps):
        v = v - eps / 2 * grad(theta)
        theta = theta + eps * v
        v = v - eps / 2 * grad(theta)
    return theta, v


ACCEPTANCE_MARGIN = 1e-6
"""A uniform whose log is closer than this (relative to 1 + |ΔH|) to the energy gain is moved 2 × this away, so that
rounding in an implementation's leapfrog cannot decide a Metropolis test."""


def reference_hmc_path(theta: np.ndarray, eps: float, steps: int, momenta: np.ndarray,
                       uniforms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The HMC states on the coupled double well, transition by transition, and the uniforms kept off the
    acceptance threshold."""
    states, stream = [np.array(theta, dtype=float)], np.array(uniforms, dtype=float)
    for t, v in enumerate(momenta):
        new, w = leapfrog_steps(_double_well_grad, states[-1], v, eps, steps)
        gain = _double_well_energy(states[-1]) + v @ v / 2 - _double_well_energy(new) - w @ w / 2
        margin = ACCEPTANCE_MARGIN * (1 + abs(gain))
        if abs(np.log(stream[t]) - gain) < margin:
            stream[t] = min(np.exp(gain - 2 * margin), np.nextafter(1.0, 0.0))
        states.append(new if np.log(stream[t]) < gain else states[-1])
    return np.array(states), stream


def hmc_steps(ctx: Context) -> Outcome:
    """``hmc_transitions`` takes, transition by transition, the states of HMC computed here (leapfrog as defined,
    Metropolis test on H) with the same momenta and uniforms: the coupled double well in 2-d, ε ∈ [0.05, 0.6],
    1-10 leapfrog steps, 1-12 transitions (accepted and rejected ones)."""
    impl = ctx.impl()
    cases = st.tuples(st.lists(st.floats(-2, 2), min_size=2, max_size=2).map(np.array), st.floats(0.05, 0.6),
                      st.integers(1, 10), st.integers(1, 12), st.integers(0, 2**32 - 1))

    def replayed(case: tuple[np.ndarray, float, int, int, int]) -> Comparison:
        theta, eps, steps, transitions, seed = case
        momenta, uniforms = hmc_stream(np.random.default_rng(seed), transitions, 2)
        expected, uniforms = reference_hmc_path(theta, eps, steps, momenta, uniforms)
        got = impl.hmc_transitions(_double_well_energy, _double_well_grad, theta, eps, steps, momenta, uniforms)
        return close(got, expected, label="the HMC states θ_0..θ_T", rtol=1e-9,
                     atol=within_tolerance(expected, momenta, operations=4096 * steps * transitions))

    def describe(c: tuple[np.ndarray, float, int, int, int]) -> dict[str, Any]:
        momenta, uniforms = hmc_stream(np.random.default_rng(c[4]), c[3], 2)
        return {"theta": c[0].tolist(), "eps": c[1], "leapfrog steps": c[2], "momenta": momenta.tolist(),
                "uniforms": uniforms.tolist()}

    return for_all(ctx, cases, replayed, describe=describe)


SCALES = np.array([1.0, 2.0])
"""The HMC target N(0, diag(1, 4)): E(θ) = θ₁²/2 + θ₂²/8."""
STEP = 1.5
"""Large enough (εω₁ = 1.5 of the stability limit 2) that leapfrog's energy error is of order one, so that a
wrong or missing Metropolis correction shows: without it the whitened second moment is about 1.7."""
TRANSITIONS = 3


@TOPIC.claim("bayes.hmc_sampler_stationary", method="statistical",
             depends=("bayes.hmc_hamiltonian", "bayes.leapfrog_integrator"), references=(NEAL,))
def hmc_sampler_stationary(ctx: Context) -> Outcome:
    """The implementation's HMC transition is the documented one and leaves the target invariant.

    (1) Step by step: with the same momenta and uniforms, its states are those computed here from the leapfrog
    definition and the Metropolis test on H (:func:`hmc_steps`). (2) Stationarity: independent chains start at exact
    draws of N(0, diag(1, 4)) and take 3 HMC transitions (10 leapfrog steps of ε = 1.5, Metropolis correction on
    H); if the transition preserves the target, the final states are i.i.d. N(0, diag(1, 4)), so the whitened
    coordinates θ_i/s_i are i.i.d. N(0, 1): exact two-sided χ² test of their second moment (a wrong variance or a
    bias of the mean both move it).
    """
    return all_of({"transitions step by step": lambda: hmc_steps(ctx),
                   "stationarity": lambda: hmc_stationarity(ctx)})


def hmc_stationarity(ctx: Context) -> Outcome:
    """The exact χ² test of the whitened final states of independent chains started in the target."""
    impl = ctx.impl()
    rng = ctx.rng()
    chains = ctx.scaled(500)
    starts = rng.standard_normal((chains, 2)) * SCALES

    def energy(theta: np.ndarray) -> float:
        return float(np.sum((theta / SCALES) ** 2) / 2)

    def grad(theta: np.ndarray) -> np.ndarray:
        return theta / SCALES**2

    finals = np.array([impl.hmc_transitions(energy, grad, s, STEP, 10, *hmc_stream(rng, TRANSITIONS, 2))[-1]
                       for s in starts])
    whitened = finals / SCALES
    n = whitened.size
    p_value = stats.chi2_variance_p_value(whitened, 0.0, 1.0)
    return decide(
        ctx, p_value, test="exact χ² test that the whitened final states are N(0, 1) (second moment 1)",
        detectable=f"relative variance error ≥ {stats.variance_detectable(n, ctx.alpha):.3g}",
        evidence={"chains": chains, "transitions per chain": TRANSITIONS,
                  "mean of whitened squares": float(np.mean(whitened**2)),
                  "largest |whitened state|": float(np.abs(whitened).max())},
    )
