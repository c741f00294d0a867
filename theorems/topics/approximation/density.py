"""Density theorems, through their constructive proofs: Bernstein polynomials (Weierstrass), the
piecewise-linear interpolant (Shekhtman), the necessity of a non-polynomial activation, and the
Fourier transform of a gradient (Barron). Density statements with no rate are not checkable."""

from __future__ import annotations

from collections.abc import Callable
from math import sqrt

import numpy as np
import sympy
from scipy.stats import binom

from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    bound,
    for_each,
    symbolic,
    that,
    within_tolerance,
)

from . import TOPIC
from .strategies import CPWL, Interpolation, bernstein_cases, interpolations

BERNSTEIN = "Bernstein (1912), Démonstration du théorème de Weierstrass; Popoviciu (1935)"
SHEKHTMAN = "Shekhtman (1982), Why piecewise linear functions are dense in C[0,1]"
LESHNO = "Leshno, Lin, Pinkus & Schocken (1993), Multilayer feedforward networks with a nonpolynomial activation"
BARRON = "Barron (1993), Universal approximation bounds for superpositions of a sigmoidal function"
ELDAN_SHAMIR = "Eldan & Shamir (2016), The power of depth for feedforward neural networks"

BERNSTEIN_BOUND = Formula(r"\|B_n f - f\|_\infty \le \frac{L}{2\sqrt{n}}", lambda L, n: L / (2 * sqrt(n)))


def bernstein(f: CPWL, n: int, x: np.ndarray) -> np.ndarray:
    """B_n f(x) = Σ_k f(k/n) binom(n,k) x^k (1-x)^{n-k}."""
    k = np.arange(n + 1)
    return f(k / n) @ binom.pmf(k[:, None], n, x[None, :])


@TOPIC.claim(
    "approximation.weierstrass",
    method="property",
    canonical=BERNSTEIN_BOUND,
    faithful=("001", "003"),
    references=(BERNSTEIN,),
    uses_impl=False,
)
def weierstrass(ctx: Context, error_bound: Formula) -> Outcome:
    """Weierstrass: polynomials are dense in C([a, b]).

    Constructively, with a rate: the Bernstein polynomial of an L-Lipschitz f on [0, 1] satisfies
    |B_n f(x) - f(x)| ≤ L E|K/n - x| ≤ L √(x(1-x)/n) ≤ L / (2√n) (K ~ Binomial(n, x)); every
    continuous f is a uniform limit of Lipschitz ones, and [a, b] is an affine image of [0, 1].
    Checked on generated Lipschitz targets (CPWL, integer values) and degrees n ≤ 48, the error
    taken on 513 points and the target's kinks (a lower bound of the sup, so a failure is real) less
    the rounding of the sum of n + 1 terms (a constant f has B_n f = f only in exact arithmetic);
    the bound is attained at n = 1 by a tent peaked at 1/2, and f = |x - 1/2| keeps the ratio near
    √(2/π) ≈ 0.8 for large n.
    """
    grid = np.linspace(0.0, 1.0, 513)

    def error(case: tuple[CPWL, int]) -> float:
        f, n = case
        x = np.union1d(grid, f.knots)
        measured = float(np.max(np.abs(bernstein(f, n, x) - f(x))))
        return max(measured - within_tolerance(f.values, operations=4 * (n + 1)), 0.0)

    return bound(ctx, bernstein_cases(), error, lambda case: error_bound(case[0].lipschitz, case[1]),
                 label="sup |B_n f - f| / L / (2√n)",
                 describe=lambda case: {"n": case[1], **case[0].describe()})


INTERPOLATION_BOUND = Formula(r"\|f - I_h f\|_\infty \le \frac{L h}{2}", lambda L, h: L * h / 2)


def interpolation_error(ctx: Context, error_bound: Formula, approximate: Callable[[Interpolation], np.ndarray],
                        label: str) -> Outcome:
    """sup_[0,1] |f - approximation| ≤ error_bound(L, 1/m) on generated Lipschitz targets, where
    ``approximate`` gives the CPWL approximation with knots j/m at the target's knots."""
    return bound(ctx, interpolations(), lambda case: case.sup_error(approximate(case)),
                 lambda case: error_bound(case.target.lipschitz, 1 / case.m), label=label,
                 describe=Interpolation.describe)


@TOPIC.claim(
    "approximation.pwl_dense",
    method="property",
    canonical=INTERPOLATION_BOUND,
    faithful=("001", "003"),
    references=(SHEKHTMAN,),
    uses_impl=False,
)
def pwl_dense(ctx: Context, error_bound: Formula) -> Outcome:
    """Continuous piecewise-linear functions are dense in C([0, 1]).

    With a rate: the interpolant I_h f of an L-Lipschitz f at the points j h (h = 1/m) satisfies
    |f(x) - I_h f(x)| ≤ 2 t(1-t) L h ≤ L h / 2 on each piece (x = x_j + t h); every continuous f is
    a uniform limit of Lipschitz ones. Checked on generated Lipschitz targets (CPWL on a grid that
    contains the midpoints of the pieces), the sup error exact; equality for a tent peaked at a
    midpoint.
    """
    return interpolation_error(ctx, error_bound, lambda case: np.interp(case.target.knots, case.knots, case.values),
                               "sup |f - I_h f| / L h / 2")


z = sympy.Symbol("z", real=True)
ACTIVATIONS = {"z": z, "z²": z**2, "z³": z**3, "tanh": sympy.tanh(z), "logistic": 1 / (1 + sympy.exp(-z)),
               "softplus": sympy.log(1 + sympy.exp(z)), "sin": sympy.sin(z), "exp": sympy.exp(z)}
"""Activations, all C^∞; the polynomial ones first, so that a counterexample is the simplest."""

NOT_POLYNOMIAL = Formula(r"\sigma\in C^\infty,\ \sigma\notin\mathbb{R}[z]", lambda sigma: not sigma.is_polynomial(z))
ANY_SMOOTH = Printed(
    Formula(r"\sigma\in C^\infty", lambda sigma: True),
    reading="'MLPs with C^∞ activations are universal approximators': every C^∞ activation is admitted, "
            "without the hypothesis 'not a polynomial' that document 001 states (line 208).",
)


@TOPIC.claim(
    "approximation.smooth_universal_approximation",
    method="exhaustive",
    canonical=NOT_POLYNOMIAL,
    printed={"000": ANY_SMOOTH, "003": ANY_SMOOTH},
    references=(LESHNO,),
    uses_impl=False,
)
def smooth_universal_approximation(ctx: Context, admitted: Formula) -> Outcome:
    """Which smooth activations make one-hidden-layer networks universal.

    span{σ(a x + b)} is dense in C(K) iff σ is not a polynomial (Leshno et al. 1993; for C^∞ σ,
    Pinkus 1999, Thm 3.1); polynomials and ridge functions are universal too. The density itself
    has no rate; what is checked is that the activations the statement admits exclude every one for
    which it fails: for σ a polynomial of degree d, every Σ v_j σ(a_j x + b_j) is a polynomial of
    degree ≤ d (its (d+1)-th derivative vanishes, proved in SymPy), and x^{d+1} stays at sup-distance
    2^{-d} from all of them on [-1, 1] (x^{d+1} - p* = 2^{-d} T_{d+1} equioscillates d + 2 times).
    For d = 1 this holds at every depth (a composition of affine maps is affine).
    """
    a, b, x = sympy.symbols("a b x", real=True)

    def prop(name: str) -> Comparison:
        sigma = ACTIVATIONS[name]
        if not admitted(sigma):
            return that(True, label=f"σ = {name}", message="not admitted")
        if not sigma.is_polynomial(z):
            return that(True, label=f"σ = {name}", message="admitted and not a polynomial")
        d = int(sympy.degree(sigma, z))
        unit = sigma.subs(z, a * x + b)
        chebyshev = sympy.chebyshevt(d + 1, x) / 2**d
        nodes = [sympy.cos(k * sympy.pi / (d + 1)) for k in range(d + 2)]
        equioscillates = all(sympy.simplify(chebyshev.subs(x, t) - (-1) ** k / sympy.Integer(2) ** d) == 0
                             for k, t in enumerate(nodes))
        degree_d = sympy.diff(unit, x, d + 1) == 0 and sympy.degree(sympy.expand(x ** (d + 1) - chebyshev), x) <= d
        return that(not (equioscillates and degree_d), label=f"σ = {name} admitted",
                    message=f"σ(a x + b) = {sympy.expand(unit)} is a polynomial of degree ≤ {d} in x, so is every "
                            f"network Σ v_j σ(a_j x + b_j); x^{d + 1} is at sup-distance 2^-{d} = {2.0**-d:g} "
                            f"from all of them on [-1, 1]: not universal")

    return for_each(ctx, list(ACTIVATIONS), prop, domain_name="eight C^∞ activations", complete=False)


TRANSFORM_OF_GRADIENT = Formula(r"\widehat{\nabla g}(\omega) = i\,\omega\,\hat g(\omega)",
                                lambda omega, transform: sympy.I * omega * transform)


@TOPIC.claim(
    "approximation.fourier_gradient",
    method="sympy",
    canonical=TRANSFORM_OF_GRADIENT,
    printed={"001": Printed(Formula(r"\nabla\hat g(\omega) = \omega\,\hat g(\omega)", lambda omega, transform:
                                    omega * transform),
                            reading="'∇ĝ(ω) = ω·ĝ(ω)' is read as the transform of the gradient, (∇g)^(ω) = ω ĝ(ω), "
                                    "as Barron's C_g = ∫|ω||ĝ| = ∫|(∇g)^| uses it: the factor i is missing. "
                                    "Read literally (the gradient of ĝ), it is wrong too: ∇ĝ(ω) = -i (x g)^(ω).")},
    references=(BARRON,),
    uses_impl=False,
)
def fourier_gradient(ctx: Context, rule: Formula) -> Outcome:
    """The Fourier transform of a gradient.

    With ĝ(ω) = ∫ g(x) e^{-iω·x} dx, a differentiable g with integrable g and ∇g has
    (∇g)^(ω) = i ω ĝ(ω) (integration by parts), so |(∇g)^(ω)| = ‖ω‖ |ĝ(ω)| and Barron's constant is
    C_g = ∫ ‖ω‖ |ĝ(ω)| dω = ∫ |(∇g)^(ω)| dω. Proved in SymPy for the Gaussian g(x) = e^{-x²/2}
    (each side integrated in closed form); it is not a proof for every g.
    """
    x, omega = sympy.symbols("x omega", real=True)
    g = sympy.exp(-x**2 / 2)

    def transform(h: sympy.Expr) -> sympy.Expr:
        return sympy.integrate(h * sympy.exp(-sympy.I * omega * x), (x, -sympy.oo, sympy.oo))

    return symbolic(ctx, ("(g')^(ω)", transform(sympy.diff(g, x))), ("as stated", rule(omega, transform(g))))


for cid, title, statement, reason, source in [
    ("approximation.universal_1d_smooth_nonpolynomial", "Universal approximation in one dimension",
     "If σ ∈ C^∞(R) is not a polynomial, span{σ(a x + b) : a, b ∈ R} is dense in C(R) on compacta.",
     "a density statement with no rate or constant: no finite computation decides it. Its hypothesis "
     "(σ not a polynomial) is checked necessary under approximation.smooth_universal_approximation.", LESHNO),
    ("approximation.ridge_function_density", "Ridge functions are dense",
     "The span of all ridge functions σ(θ·x), σ ∈ C(R), θ ∈ R^n, is dense in C(R^n) on compacta.",
     "a density statement with no rate or constant: no finite computation decides it.",
     "Vostrecov & Kreines (1961); Lin & Pinkus (1993)"),
    ("approximation.dimension_lifting", "Dimension lifting",
     "If span{σ(a x + b)} is dense in C(R), then span{σ(θ·x + b)} is dense in C(R^n) for every n ≥ 1.",
     "an implication between two density statements, neither with a rate: no finite computation decides it.",
     "Pinkus (1999), Approximation theory of the MLP model, Prop. 3.3"),
    ("approximation.barron_rate", "Barron's approximation rate",
     "If C_f = ∫‖ω‖|f̂(ω)| dω < ∞, for every m some one-hidden-layer sigmoidal network f_m of width m has "
     "∫_B (f - f_m)² dμ ≤ (2 r C_f)² / m on the ball B of radius r, for any probability measure μ on B.",
     "every printing (000:121, 001:223, 003:103) states only O(1/m), with no constant; the network exists by "
     "a probabilistic argument (Maurey), not an explicit construction.", BARRON),
    ("approximation.depth_separation_radial", "Depth separation by radial functions",
     "Some radial g(x) = ψ(‖x‖) is approximated by 2-hidden-layer networks of width poly(n) but needs width "
     "exponential in n with one hidden layer.",
     "asymptotic in n with no constant (poly(n), exp(n)) as printed.", ELDAN_SHAMIR),
    ("approximation.one_layer_fourier_coverage", "What one hidden layer covers in Fourier space",
     "The Fourier support of a width-m one-hidden-layer network covers a fraction of order m e^{-cn} of the "
     "relevant spherical shell.",
     "an order of magnitude (m e^{-n}) with no constant, a step of a proof rather than a statement.", ELDAN_SHAMIR),
]:
    TOPIC.not_checkable(cid, title=title, statement=statement, reason=reason, references=(source,))
