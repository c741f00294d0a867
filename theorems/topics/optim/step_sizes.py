"""Step sizes and second-order steps, derived with SymPy: the 1/L step, Newton, ridge, x⁴."""

from __future__ import annotations

import numpy as np
import sympy
from hypothesis import strategies as st
from sympy.calculus.util import minimum

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, Verdict, at_least, for_all, show, symbolic

from . import DESCENT, KNS, TOPIC
from .convexity import z

guarantees = st.tuples(st.floats(1e-2, 1e2), st.floats(0.01, 1.0))


def guaranteed_decrease(eta: float, L: float) -> float:
    """The descent lemma's guarantee f(x) - f(x - η∇f) ≥ η(1 - Lη/2) ‖∇f‖², per unit ‖∇f‖²."""
    return eta * (1 - L * eta / 2)


@TOPIC.claim(
    "optim.smooth_gd_fixed_step_optimal",
    method="property",
    canonical=Formula(r"\eta=\frac1L", lambda L, s: 1 / L),
    printed={
        "002": Printed(Formula(r"\eta\le\frac1L", lambda L, s: s / L),
                       reading="'optimal' read as maximising the guaranteed decrease η(1 - Lη/2)‖∇f‖² of the "
                               "descent lemma (the sense of 003's η* = 1/L); every η ≤ 1/L is claimed optimal"),
    },
    depends=("optim.descent_lemma",),
    references=(DESCENT,),
    uses_impl=False,
)
def smooth_gd_fixed_step_optimal(ctx: Context, step: Formula) -> Outcome:
    """For L-smooth f the fixed step η = 1/L maximises the guaranteed decrease of a GD step.

    The descent lemma gives f(x - η∇f(x)) ≤ f(x) - η(1 - Lη/2)‖∇f(x)‖², maximal at η = 1/L (value
    1/(2L)); compared with 4001 steps in (0, 2/L).
    """

    def prop(case: tuple[float, float]) -> Comparison:
        L, s = case
        grid = np.linspace(0, 2 / L, 4002)[1:]
        best = float(max(guaranteed_decrease(e, L) for e in grid))
        return at_least(guaranteed_decrease(step(L, s), L), best, label="guaranteed decrease at the stated step",
                        rtol=1e-9)

    return for_all(ctx, guarantees, prop, max_examples=60)


a, b, c = sympy.symbols("a b c", positive=True)
g1, g2, v1, v2, eta_s = sympy.symbols("g_1 g_2 v_1 v_2 eta", real=True)
H = sympy.Matrix([[a, b], [b, c]])
g = sympy.Matrix([g1, g2])
v = sympy.Matrix([v1, v2])
NEWTON = Formula(r"\Delta x=-[\nabla^2 f]^{-1}\nabla f", lambda hessian, gradient: -hessian.inv() * gradient)


@TOPIC.claim(
    "optim.newton_step",
    method="sympy",
    canonical=NEWTON,
    faithful=("001", "003"),
    uses_impl=False,
)
def newton_step(ctx: Context, step: Formula) -> Outcome:
    """The quadratic model f + ∇fᵀΔ + ½ΔᵀHΔ, H ≻ 0, is minimised by Δ = -H⁻¹∇f.

    The model is strictly convex in Δ, so its minimiser is its only stationary point: its gradient
    g + HΔ vanishes at the printed Δ (proved for a symbolic 2×2 H and g, tested along any v).
    """
    delta = step(H, g)
    return symbolic(
        ctx,
        ("vᵀ∇_Δ model at the stated Δ", sympy.simplify((v.T * (g + H * delta))[0])),
        ("0", sympy.Integer(0)),
    )


@TOPIC.claim(
    "optim.gd_as_isotropic_newton",
    method="sympy",
    canonical=Formula(r"\nabla^2 f=\frac1\eta I", lambda eta: sympy.eye(2) / eta),
    faithful=("001",),
    depends=("optim.newton_step",),
    uses_impl=False,
)
def gd_as_isotropic_newton(ctx: Context, hessian: Formula) -> Outcome:
    """Newton's step with the Hessian replaced by I/η is the GD step -η∇f.

    -(I/η)⁻¹ g = -η g (proved for symbolic η and g, along any direction v).
    """
    newton = -hessian(eta_s).inv() * g
    return symbolic(
        ctx,
        ("vᵀ(Newton step with the stated Hessian)", (v.T * newton)[0]),
        ("vᵀ(-η∇f)", (v.T * (-eta_s * g))[0]),
        domain={eta_s: (0.1, 3.0)},
    )


w1, w2, y1, y2 = sympy.symbols("w_1 w_2 y_1 y_2", real=True)
lam = sympy.Symbol("lambda", nonnegative=True)
RIDGE = Formula(r"\frac{\|w-y\|^2}{2}+\lambda\|w\|^2,\ \mu=1+2\lambda",
                lambda: (((w1 - y1) ** 2 + (w2 - y2) ** 2) / 2 + lam * (w1**2 + w2**2), 1 + 2 * lam))


@TOPIC.claim(
    "optim.ridge_objective_pl",
    method="sympy",
    canonical=RIDGE,
    printed={
        "003": Printed(RIDGE, reading="PL with the constant μ = 1 + 2λ (the objective's curvature); λ ≥ 0"),
    },
    depends=("optim.strong_convexity_implies_pl",),
    references=(KNS,),
    uses_impl=False,
)
def ridge_objective_pl(ctx: Context, objective: Formula) -> Outcome:
    """The ridge objective ‖w - y‖²/2 + λ‖w‖² satisfies PL with μ = 1 + 2λ, with equality.

    Its minimiser is w* = y/(1 + 2λ) and ½‖∇f(w)‖² = (1 + 2λ)(f(w) - f(w*)) identically (proved in R²).
    """
    f, mu = objective()
    gradient = [sympy.diff(f, w) for w in (w1, w2)]
    minimizer = sympy.solve(gradient, [w1, w2], dict=True)[0]
    show(ctx, "minimiser w*", sympy.Matrix([minimizer[w1], minimizer[w2]]))
    f_star = f.subs(minimizer)
    return symbolic(
        ctx,
        ("½‖∇f(w)‖²", sum(d**2 for d in gradient) / 2),
        ("μ (f(w) - f*)", mu * (f - f_star)),
        domain={lam: (0.0, 3.0)},
    )


@TOPIC.claim(
    "optim.x4_strictly_not_strongly_convex",
    method="sympy",
    canonical=Formula("x^4", lambda: z**4),
    faithful=("003",),
    uses_impl=False,
)
def x4_strictly_not_strongly_convex(ctx: Context, function: Formula) -> Outcome:
    """x⁴ is strictly convex but not μ-strongly convex for any μ > 0.

    f'' = 12x² ≥ 0 vanishes only at 0 (strictly convex), and inf f'' = 0 (no μ > 0 with f'' ≥ μ).
    Decided by SymPy.
    """
    f = function()
    second = sympy.diff(f, z, 2)
    show(ctx, "f''(x)", second)
    negative = sympy.solveset(second < 0, z, sympy.S.Reals)
    zeros = sympy.solveset(sympy.Eq(second, 0), z, sympy.S.Reals)
    infimum = minimum(second, z, sympy.S.Reals)
    show(ctx, "inf f''", infimum)
    strictly = negative is sympy.S.EmptySet and zeros.is_finite_set is True
    evidence = {"f''": str(second), "{f'' < 0}": str(negative), "{f'' = 0}": str(zeros), "inf f''": str(infimum)}
    if strictly and infimum == 0:
        return Outcome(Verdict.PROVED, evidence)
    failed = "not strictly convex" if not strictly else f"strongly convex with μ = {infimum}"
    return Outcome(Verdict.REFUTED, evidence, {"f": str(f), **evidence}, reason=f"{f} is {failed}")
