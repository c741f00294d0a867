"""The change-of-variables formula for densities, in linear and log form, and in spherical coordinates.

A stated density ``p_X`` is checked two ways. On ℝ it is integrated by adaptive quadrature over the
image ``F([a, b])`` of a latent interval, which must carry the mass ``P(Z ∈ [a, b]) = Φ(b) - Φ(a)``
of the standard normal: a definition of the pushforward that uses no Jacobian, so a missing absolute
value (negative mass for a decreasing map) or a determinant of the wrong map shows. On ℝ¹…ℝ³ it is
compared point by point with the implementation's ``log_density`` (PyTorch's
``TransformedDistribution.log_prob`` for the adapter).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy
from scipy.integrate import quad
from scipy.stats import norm

from impls.flows import Flow, FlowsImpl, standard_normal_log_density
from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    close,
    for_all,
    symbolic,
    within_tolerance,
)

from . import PAPAMAKARIOS, TOPIC
from .jacobians import float_examples
from .strategies import flow_points, intervals_1d

Density = Callable[[FlowsImpl, Flow, np.ndarray], float]


def _phi(z: np.ndarray) -> float:
    return float(np.exp(standard_normal_log_density(z)))


def interval_masses(ctx: Context, density: Density) -> Outcome:
    """∫ over F([a, b]) of the stated density = Φ(b) - Φ(a), for flows on ℝ."""
    impl = ctx.impl()

    def prop(case: tuple[Flow, tuple[float, float]]) -> Comparison:
        flow, (a, b) = case
        ends = sorted(float(impl.forward(flow, np.array([v]))[0]) for v in (a, b))
        mass, error = quad(lambda x: density(impl, flow, np.array([x])), *ends, epsabs=1e-12, epsrel=1e-10,
                           limit=200)
        expected = float(norm.cdf(b) - norm.cdf(a)) if a < 0 else float(norm.sf(a) - norm.sf(b))
        return close(mass, expected, label="∫_{F([a,b])} p_X = P(Z ∈ [a, b])", rtol=1e-8,
                     atol=10 * error + within_tolerance(mass, expected))

    return for_all(ctx, intervals_1d(), prop, max_examples=max(1, ctx.profile.max_examples // 8))


def matches_log_density(ctx: Context, density: Density) -> Outcome:
    """The stated density at x = F(z) equals exp of the implementation's log_density(x), on ℝ¹…ℝ³."""
    impl = ctx.impl()

    def prop(case: tuple[Flow, np.ndarray]) -> Comparison:
        flow, z = case
        x = impl.forward(flow, z)
        stated, implemented = density(impl, flow, x), float(np.exp(impl.log_density(flow, x)))
        return close(stated, implemented, label="stated p_X(x) = exp(log_density(x))", rtol=1e-8,
                     atol=within_tolerance(stated, implemented))

    return for_all(ctx, flow_points(), prop, max_examples=float_examples(ctx))


def pushforward(ctx: Context, density: Density) -> Outcome:
    return all_of({
        "mass of intervals on ℝ": lambda: interval_masses(ctx, density),
        "implementation's log-density on ℝ¹…ℝ³": lambda: matches_log_density(ctx, density),
    })


def _det(matrix: np.ndarray) -> float:
    return float(np.linalg.det(matrix))


CHANGE_OF_VARIABLES = Formula(
    r"p_Z(F^{-1}(x))\,|\det J_{F^{-1}}(x)|",
    lambda impl, flow, x: _phi(impl.inverse(flow, x)) * abs(_det(impl.inverse_jacobian(flow, x))))


@TOPIC.claim(
    "flows.change_of_variables",
    method="property",
    canonical=CHANGE_OF_VARIABLES,
    faithful=("002",),
    printed={
        "001": Printed(Formula(r"p_Z(F^{-1}(x))\,|\det \partial F|^{-1}",
                               lambda impl, flow, x: _phi(z := impl.inverse(flow, x))
                               / abs(_det(impl.jacobian(flow, z)))),
                       reading="∂F is printed without its argument: read at z = F⁻¹(x), the only point where "
                               "the formula is the pushforward density."),
        "003": Printed(Formula(r"p_Z(T^{-1}(x))\,\det J_{T^{-1}}(x)",
                               lambda impl, flow, x: _phi(impl.inverse(flow, x))
                               * _det(impl.inverse_jacobian(flow, x))),
                       reading="As printed: the determinant without its absolute value (the second equation of the "
                               "line then takes |det J_{T⁻¹}|, but the density itself is stated signed)."),
    },
    references=(PAPAMAKARIOS,),
)
def change_of_variables(ctx: Context, density: Formula) -> Outcome:
    """The density of a flow's output (change of variables).

    For a diffeomorphism F and Z ~ p_Z, X = F(Z) has the density p_X(x) = p_Z(F⁻¹(x)) |det J_{F⁻¹}(x)|.
    Checked with p_Z = N(0, I): on ℝ the stated density integrates over F([a, b]) to Φ(b) - Φ(a);
    on ℝ¹…ℝ³ it equals the implementation's density.
    """
    return pushforward(ctx, density)


@TOPIC.claim(
    "flows.log_change_of_variables",
    method="property",
    canonical=Formula(r"\ln p_Z(z) - \ln|\det \partial F(z)/\partial z|,\ z = F^{-1}(x)",
                      lambda impl, flow, x: standard_normal_log_density(z := impl.inverse(flow, x))
                      - np.linalg.slogdet(impl.jacobian(flow, z))[1]),
    faithful=("002",),
    printed={
        "001": Printed(Formula(r"-\sum_i \log|\det(\partial F_i \circ F_{1:i-1})|",
                               lambda impl, flow, x: -float(np.sum(
                                   impl.log_abs_det_jacobians(flow, impl.inverse(flow, x))))),
                       reading="As printed: the log-likelihood as the sum of log-determinants alone, with no "
                               "log p_Z(F⁻¹(x)) term (the catalogue's reading)."),
    },
    depends=("flows.change_of_variables",),
    references=(PAPAMAKARIOS,),
)
def log_change_of_variables(ctx: Context, log_density: Formula) -> Outcome:
    """The log-density of a flow's output.

    ln p_X(x) = ln p_Z(z) - ln|det ∂F(z)/∂z| at z = F⁻¹(x) (the logarithm of the change of variables,
    with |det J_{F⁻¹}(x)| = 1/|det J_F(z)|). Checked as change_of_variables, on exp of the stated value.
    """
    return pushforward(ctx, lambda impl, flow, x: float(np.exp(log_density(impl, flow, x))))


# --- spherical coordinates ----------------------------------------------------------------------

r, theta, phi = sympy.symbols("r theta phi", real=True)
r_pos = sympy.Symbol("r", positive=True)
SPHERICAL = sympy.Matrix([r * sympy.cos(theta) * sympy.cos(phi), r * sympy.cos(theta) * sympy.sin(phi),
                          r * sympy.sin(theta)])
"""(x, y, z) of (r, θ, φ), θ the latitude in (-π/2, π/2), as the line prints it."""


cos_theta = sympy.Symbol("c", positive=True)
"""cos θ, positive on the latitude range θ ∈ (-π/2, π/2)."""


@TOPIC.claim(
    "flows.spherical_jacobian",
    method="sympy",
    canonical=r**2 * sympy.cos(theta),
    printed={"003": Printed(r**2 * sympy.cos(theta),
                            reading="'Determinant of jacobian |∂(x,y,z)/∂(r,θ,φ)|' read as the absolute value of "
                                    "the determinant, as the density formula of the same line uses it. Read as the "
                                    "signed determinant the value has the wrong sign: in the order (r, θ, φ) with "
                                    "latitude θ it is -r² cos θ (the first step of the check).")},
)
def spherical_jacobian(ctx: Context, stated: sympy.Expr) -> Outcome:
    """The absolute Jacobian determinant of spherical coordinates (latitude convention).

    For (x, y, z) = (r cos θ cos φ, r cos θ sin φ, r sin θ), r > 0, θ ∈ (-π/2, π/2):
    det ∂(x, y, z)/∂(r, θ, φ) = -r² cos θ, so |det| = r² cos θ (cos θ > 0): the volume element
    r² cos θ dr dθ dφ.
    """
    on_range = {r: r_pos, sympy.cos(theta): cos_theta}
    return all_of({
        "signed determinant": lambda: symbolic(
            ctx, ("det ∂(x,y,z)/∂(r,θ,φ)", SPHERICAL.jacobian([r, theta, phi]).det()),
            ("-r^2 cos θ", -r**2 * sympy.cos(theta))),
        "absolute value on r > 0, cos θ > 0": lambda: symbolic(
            ctx, ("|-r^2 cos θ|", sympy.Abs(-(r**2 * sympy.cos(theta)).subs(on_range))),
            ("stated", sympy.sympify(stated).subs(on_range))),
    })


CHI3_UNIFORM = (sympy.sqrt(2 / sympy.pi) * r_pos**2 * sympy.exp(-r_pos**2 / 2)) * (sympy.cos(theta) / (4 * sympy.pi))
"""N(0, I₃) in spherical coordinates, from its known parts: the radius is χ₃ (density √(2/π) r² e^{-r²/2})
and, independent of it, the direction is uniform on the sphere (density cos θ/(4π) in latitude/longitude)."""


@TOPIC.claim(
    "flows.spherical_density_transform",
    method="sympy",
    canonical=Formula(r"p(r,\theta,\phi)\,|\partial(x,y,z)/\partial(r,\theta,\phi)|^{-1}",
                      lambda p_spherical, jacobian: p_spherical / jacobian),
    faithful=("003",),
    depends=("flows.spherical_jacobian",),
)
def spherical_density_transform(ctx: Context, transform: Formula) -> Outcome:
    """A density in spherical coordinates, transformed to Cartesian ones.

    p(x, y, z) = p(r, θ, φ) / |∂(x, y, z)/∂(r, θ, φ)| at (x, y, z) = (r cos θ cos φ, r cos θ sin φ, r sin θ).
    Proved for N(0, I₃), whose spherical density is known without the formula (radius χ₃, direction
    uniform): the stated transform must give (2π)^{-3/2} e^{-(x²+y²+z²)/2}; that the spherical density
    integrates to 1 is proved first.
    """
    x2 = sum(c**2 for c in SPHERICAL.subs(r, r_pos))
    total = sympy.integrate(CHI3_UNIFORM, (r_pos, 0, sympy.oo), (theta, -sympy.pi / 2, sympy.pi / 2),
                            (phi, 0, 2 * sympy.pi))
    return all_of({
        "spherical density is normalised": lambda: symbolic(ctx, ("∫ p(r,θ,φ) dr dθ dφ", total),
                                                            ("1", sympy.Integer(1))),
        "transform": lambda: symbolic(
            ctx, ("stated p(x,y,z)", transform(CHI3_UNIFORM, r_pos**2 * sympy.cos(theta))),
            ("N(0, I₃) density", sympy.exp(-x2 / 2) / (2 * sympy.pi) ** sympy.Rational(3, 2))),
    })
