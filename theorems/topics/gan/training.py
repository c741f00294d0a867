"""Training the game: who plays which parameter, alternating and extra-gradient dynamics, the generator's loss."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import sympy
from scipy.special import expit

from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    at_most,
    bound,
    for_all,
    for_each,
    show,
    that,
)
from theorems.topics.infotheory.strategies import example_count

from . import GOODFELLOW, TOPIC
from .discriminator import D
from .strategies import bilinear_games


def fake_density(params: dict[str, float], x: np.ndarray) -> np.ndarray:
    """000's generator p_θ = N(θ, 1): the law of the generated (fake) samples."""
    return np.exp(-0.5 * (x - params["θ"]) ** 2) / math.sqrt(2 * math.pi)


def classifier(params: dict[str, float], x: np.ndarray) -> np.ndarray:
    """000's discriminator model q_φ(x) = σ(φ x): the probability that x is real."""
    return expit(params["φ"] * x)


ROLE_PROBES = {"generator": fake_density, "discriminator": classifier}
"""What each role controls: the generator moves the fake samples, the discriminator moves the classifier."""


@TOPIC.claim(
    "gan.parameter_roles",
    method="exhaustive",
    canonical={"generator": "θ", "discriminator": "φ"},
    printed={"000": Printed({"generator": "φ", "discriminator": "θ"},
                            reading="Judged against 000's own definitions two lines above: ℓ(θ, φ) = E_{p̃_θ}[y ln q_φ "
                                    "+ (1 − y) ln(1 − q_φ)], p_θ the model (generated samples), q_φ the classifier.")},
    uses_impl=False,
)
def parameter_roles(ctx: Context, roles: dict[str, str]) -> Outcome:
    """In the saddle-point problem θ parameterises the generator and φ the discriminator.

    In θ* = argmin_θ sup_φ ℓ(θ, φ) with ℓ(θ, φ) = E_{p̃_θ}[y ln q_φ(x) + (1 − y) ln(1 − q_φ(x))], θ
    enters only through the law p_θ of the generated samples (the generator, minimising) and φ only
    through the classifier q_φ (the discriminator, maximising). Checked on a concrete instance,
    p_θ = N(θ, 1) and q_φ(x) = σ(φx): the parameter named for each role must move exactly what that
    role controls.
    """
    x = np.linspace(-4.0, 4.0, 81)
    base = {"θ": 0.3, "φ": 0.7}

    def moves(probe: Callable[[dict[str, float], np.ndarray], np.ndarray], name: str) -> float:
        return float(np.max(np.abs(probe({**base, name: base[name] + 0.1}, x) - probe(base, x))))

    def prop(role: str) -> list[Comparison]:
        name = roles[role]
        other_role = next(r for r in ROLE_PROBES if r != role)
        return [
            that(moves(ROLE_PROBES[role], name) > 0, label=f"{name} moves the {role}",
                 message=f"changing {name} changes the {role}'s output by {moves(ROLE_PROBES[role], name):.3g}"),
            that(moves(ROLE_PROBES[other_role], name) == 0, label=f"{name} leaves the {other_role} alone",
                 message=f"changing {name} changes the {other_role}'s output by "
                         f"{moves(ROLE_PROBES[other_role], name):.3g}"),
        ]

    return for_each(ctx, list(ROLE_PROBES), prop, domain_name="the two roles", complete=True)


Gradient = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]
Update = Callable[[np.ndarray, np.ndarray, Gradient, float], tuple[np.ndarray, np.ndarray]]


def alternating(theta: np.ndarray, phi: np.ndarray, grad: Gradient, eta: float) -> tuple[np.ndarray, np.ndarray]:
    theta_next = theta - eta * grad(theta, phi)[0]
    return theta_next, phi + eta * grad(theta_next, phi)[1]


def simultaneous(theta: np.ndarray, phi: np.ndarray, grad: Gradient, eta: float) -> tuple[np.ndarray, np.ndarray]:
    g_theta, g_phi = grad(theta, phi)
    return theta - eta * g_theta, phi + eta * g_phi


def extragradient(theta: np.ndarray, phi: np.ndarray, grad: Gradient, eta: float) -> tuple[np.ndarray, np.ndarray]:
    """Korpelevich (1976): both players step from (θ_t, φ_t) with the gradient at the extrapolated point."""
    theta_half, phi_half = simultaneous(theta, phi, grad, eta)
    g_theta, g_phi = grad(theta_half, phi_half)
    return theta - eta * g_theta, phi + eta * g_phi


def extragradient_as_printed(theta: np.ndarray, phi: np.ndarray, grad: Gradient,
                             eta: float) -> tuple[np.ndarray, np.ndarray]:
    """000: θ uses ∇_θ ℓ(θ_{t+½}, φ_t) and φ uses ∇_φ ℓ(θ_t, φ_{t+½})."""
    theta_half, phi_half = simultaneous(theta, phi, grad, eta)
    return theta - eta * grad(theta_half, phi)[0], phi + eta * grad(theta, phi_half)[1]


ALTERNATING = Formula(r"\theta_{t+1}=\theta_t-\eta\nabla_\theta\ell(\theta_t,\varphi_t),\ "
                      r"\varphi_{t+1}=\varphi_t+\eta\nabla_\varphi\ell(\theta_{t+1},\varphi_t)", alternating)
EXTRAGRADIENT = Formula(r"z_{t+1} = z_t - \eta F(z_t - \eta F(z_t)),\ F = (\nabla_\theta\ell, -\nabla_\varphi\ell)",
                        extragradient)
EXTRAGRADIENT_AS_PRINTED = Formula(r"\theta_{t+1}=\theta_t-\eta\nabla_\theta\ell(\theta_{t+\frac12},\varphi_t),\ "
                                   r"\varphi_{t+1}=\varphi_t+\eta\nabla_\varphi\ell(\theta_t,\varphi_{t+\frac12})",
                                   extragradient_as_printed)
STEPS = 40


def bilinear_run(game: tuple[np.ndarray, np.ndarray, np.ndarray, float], update: Formula) -> list[np.ndarray]:
    """The iterates (θ_t, φ_t), t = 0..STEPS, of ``update`` on ℓ(θ, φ) = θᵀAφ."""
    A, theta, phi, eta = game

    def grad(t: np.ndarray, f: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return A @ f, A.T @ t

    path = [np.concatenate([theta, phi])]
    for _ in range(STEPS):
        theta, phi = update(theta, phi, grad, eta)
        path.append(np.concatenate([theta, phi]))
    return path


def describe_game(game: tuple[np.ndarray, np.ndarray, np.ndarray, float]) -> dict[str, Any]:
    A, theta, phi, eta = game
    return {"A": A.tolist(), "θ0": theta.tolist(), "φ0": phi.tolist(), "η": eta, "η‖A‖": eta * np.linalg.norm(A, 2)}


BAILEY = "Bailey, Gidel & Piliouras (2020), Finite regret and cycles with fixed step-size via alternating GDA"


@TOPIC.claim("gan.alternating_gda", method="property", canonical=ALTERNATING, faithful=("000", "001"),
             uses_impl=False, references=(BAILEY,))
def alternating_gda(ctx: Context, update: Formula) -> Outcome:
    """Alternating gradient descent/ascent cycles around a bilinear saddle point.

    On ℓ(θ, φ) = θᵀAφ, alternating GDA (θ descends first, φ ascends at the new θ_{t+1}) conserves
    E(θ, φ) = ‖θ‖² + ‖φ‖² − η θᵀAφ exactly, for every η; when η‖A‖₂ < 2, E is positive definite, so the
    iterates stay bounded: they neither converge to the saddle (0, 0) nor diverge (Bailey, Gidel &
    Piliouras 2020). (Simultaneous GDA instead multiplies E's analogue ‖z‖² by up to 1 + η²‖A‖² a step.)
    """

    def prop(game: tuple[np.ndarray, np.ndarray, np.ndarray, float]) -> list[Comparison]:
        A, _, _, eta = game
        n = A.shape[0]

        def energy(z: np.ndarray) -> float:
            return float(z @ z - eta * z[:n] @ A @ z[n:])

        path = bilinear_run(game, update)
        scale = float(path[0] @ path[0]) + 1e-300
        drift = max(abs(energy(z) - energy(path[0])) for z in path) / scale
        return [at_most(drift, 1e-9 * STEPS, label="|E(z_t) − E(z_0)| / ‖z_0‖²", atol=1e-300)]

    return for_all(ctx, bilinear_games(max_step=1.9), prop, max_examples=example_count(ctx), describe=describe_game)


@TOPIC.claim(
    "gan.extragradient",
    method="property",
    canonical=EXTRAGRADIENT,
    printed={"000": Printed(EXTRAGRADIENT_AS_PRINTED,
                            reading="As printed, each player's gradient is taken at its own half step and the other "
                                    "player's current iterate (θ_{t+½}, φ_t) and (θ_t, φ_{t+½}); standard "
                                    "extra-gradient evaluates both at (θ_{t+½}, φ_{t+½}). On a bilinear game "
                                    "∇_θ ℓ(θ_{t+½}, φ_t) = Aφ_t, so the printed steps are plain simultaneous GDA.")},
    uses_impl=False,
    references=("Korpelevich (1976), The extragradient method for finding saddle points",),
)
def extragradient_converges(ctx: Context, update: Formula) -> Outcome:
    """Extra-gradient converges linearly to a bilinear saddle point.

    With z = (θ, φ), F(z) = (∇_θ ℓ, −∇_φ ℓ) and ℓ = θᵀAφ (A invertible), z_{t+1} = z_t − ηF(z_t − ηF(z_t))
    satisfies ‖z_t‖ ≤ ρ^t ‖z_0‖ with ρ² = max_σ (1 − η²σ² + η⁴σ⁴) < 1 over the singular values σ of A,
    whenever η‖A‖₂ < 1 (Korpelevich 1976; each singular pair is a rotation scaled by that factor).
    """

    def contracted(game: tuple[np.ndarray, np.ndarray, np.ndarray, float]) -> float:
        A, theta, phi, eta = game
        s = eta * np.linalg.svd(A, compute_uv=False)
        return float(np.sqrt(np.max(1 - s**2 + s**4))) ** STEPS * float(np.linalg.norm(np.concatenate([theta, phi])))

    return bound(ctx, bilinear_games(max_step=0.95), lambda game: float(np.linalg.norm(bilinear_run(game, update)[-1])),
                 contracted, label=f"‖z_{STEPS}‖ ≤ ρ^{STEPS} ‖z_0‖", rtol=1e-8, max_examples=example_count(ctx),
                 describe=describe_game)


logit = sympy.Symbol("alpha", real=True)
sigmoid = 1 / (1 + sympy.exp(-logit))


@TOPIC.claim("gan.non_saturating_loss", method="sympy", canonical=Formula(r"\max_G \ln D(G(z))", lambda: sympy.log(D)),
             faithful=("002", "003"), uses_impl=False, references=(GOODFELLOW + ", Section 3",))
def non_saturating_loss(ctx: Context, objective: Formula) -> Outcome:
    """The non-saturating generator loss pushes the same way but keeps its gradient.

    With D = σ(α) (α the discriminator's logit at a generated sample), the saturating generator
    maximises −ln(1 − σ(α)), whose slope σ(α) → 0 as D → 0 (α → −∞); the non-saturating generator
    maximises ln σ(α), whose slope 1 − σ(α) is positive everywhere (same direction: raise D(G(z)))
    and → 1 as D → 0. Decided symbolically: the slope's sign for all real α and its limit α → −∞.
    """
    slope = sympy.simplify(sympy.diff(objective().subs(D, sigmoid), logit))
    saturating = sympy.simplify(sympy.diff(-sympy.log(1 - sigmoid), logit))
    show(ctx, "slope of the saturating objective −ln(1 − σ(α)) in the logit α", saturating)
    show(ctx, "its limit as D(G(z)) → 0 (α → −∞)", sympy.limit(saturating, logit, -sympy.oo))
    show(ctx, "slope of the stated objective in the logit α", slope)
    show(ctx, "its limit as D(G(z)) → 0 (α → −∞)", sympy.limit(slope, logit, -sympy.oo))
    conditions = {
        "raises D(G(z)) like the saturating loss: slope > 0 for every real α": lambda: slope.is_positive is True,
        "does not vanish when D rejects the fakes: lim_{α→−∞} slope > 0": lambda: bool(
            sympy.limit(slope, logit, -sympy.oo) > 0),
    }
    return for_each(ctx, list(conditions), lambda name: [that(conditions[name](), label=name, message=f"{slope}")],
                    domain_name="the two conditions, each decided by SymPy", complete=True)
