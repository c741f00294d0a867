"""Single-variable analysis, proved in SymPy (documents 001, 002, 004): the first-order expansion of
log(1 + x), integration by parts, geometric sums and series, Taylor's formula with integral remainder,
the log-derivative trick and the limit of x log x. Generic statements are proved for undefined
functions f, g, p (SymPy ``Function``), with every derivative of one made an opaque symbol, so that a
false step gets a numeric counterexample.
"""

from __future__ import annotations

import sympy

from theorems.engine import Context, Formula, Outcome, Printed, all_of
from theorems.topics.backprop.chain import opaque, proved

from . import TOPIC

x, t, x0 = sympy.symbols("x t x_0", real=True)
a, r = sympy.symbols("a r", real=True)
n = sympy.Symbol("n", integer=True, nonnegative=True)
f, g = sympy.Function("f"), sympy.Function("g")


@TOPIC.claim("calculus.log1p_first_order", method="sympy", faithful=("001",),
             canonical=Formula(r"x", lambda v: v), uses_impl=False)
def log1p_first_order(ctx: Context, approximation: Formula) -> Outcome:
    """log(1 + x) ≈ x for |x| ≪ 1, with an error O(x²).

    log(1 + x) = x + O(x²) as x → 0 (document 001): the error divided by x tends to 0 (first order), and
    divided by x² to -1/2 (so it is O(x²)).
    """
    error = sympy.log(1 + x) - approximation(x)
    return all_of({
        "first order": lambda: proved(ctx, (r"\lim_{x\to0} \frac{\log(1+x) - \hat{}}{x}", sympy.limit(error / x, x, 0)),
                                      ("0", sympy.Integer(0))),
        "error O(x²)": lambda: proved(ctx, (r"\lim_{x\to0} \frac{\log(1+x) - \hat{}}{x^2}",
                                            sympy.limit(error / x**2, x, 0)), (r"-\tfrac12", sympy.Rational(-1, 2))),
    })


@TOPIC.claim("calculus.integration_by_parts", method="sympy", faithful=("001",),
             canonical=Formula(r"f g - \int f' g", lambda F, G: F * G - sympy.Integral(F.diff(x) * G, x)),
             uses_impl=False)
def integration_by_parts(ctx: Context, right: Formula) -> Outcome:
    """Integration by parts.

    ∫ f g' = f g - ∫ f' g for differentiable f, g (document 001): both sides are antiderivatives of f g',
    i.e. d/dx of the right side is f g' (so the two sides differ by a constant, fixed by the limits of a
    definite integral). Proved for undefined f, g.
    """
    lhs, rhs = opaque(sympy.diff(right(f(x), g(x)), x), f(x) * g(x).diff(x))
    return proved(ctx, (r"\frac{d}{dx}\left(" + right.latex + r"\right)", lhs), ("f g'", rhs))


GEOMETRIC = Formula(r"a \frac{1 - r^{n+1}}{1 - r}", lambda a_, r_, n_: a_ * (1 - r_**(n_ + 1)) / (1 - r_))
RATIOS = (sympy.Rational(-9, 10), sympy.Rational(-1, 2), sympy.Integer(0), sympy.Rational(1, 3), sympy.Rational(9, 10))


@TOPIC.claim("calculus.geometric_series", method="sympy", canonical=GEOMETRIC, faithful=("001",), uses_impl=False)
def geometric_series(ctx: Context, closed: Formula) -> Outcome:
    """Geometric sums and series.

    For r ≠ 1: Σ_{k=0}^n a r^k = a(1 - r^{n+1})/(1 - r), and for |r| < 1 the sum tends to a/(1 - r) as
    n → ∞ (document 001). The sum is proved by induction on n (the case n = 0 and the step from n to
    n + 1, for symbolic a, r, n); the limit from S_n - a/(1 - r) = -a r^{n+1}/(1 - r), whose factor
    |r|^{n+1} tends to 0 (shown at r = -9/10, -1/2, 0, 1/3, 9/10).
    """
    parts = {
        "n = 0": lambda: proved(ctx, (r"\sum_{k=0}^{0} a r^k", a), (closed.latex + r"\big|_{n=0}", closed(a, r, 0))),
        "n → n + 1": lambda: proved(ctx, (r"S_{n+1} - S_n", closed(a, r, n + 1) - closed(a, r, n)),
                                    (r"a r^{n+1}", a * r**(n + 1))),
    }
    parts["tail"] = lambda: proved(ctx, (closed.latex + r" - \frac{a}{1-r}", closed(a, r, n) - a / (1 - r)),
                                   (r"-\frac{a r^{n+1}}{1-r}", -a * r**(n + 1) / (1 - r)))
    for ratio in RATIOS:
        parts[f"|r|^(n+1) → 0 at r = {ratio}"] = lambda q=ratio: proved(
            ctx, (rf"\lim_{{n\to\infty}} |{q}|^{{n+1}}", sympy.limit(abs(q)**(n + 1), n, sympy.oo)),
            ("0", sympy.Integer(0)))
    return all_of(parts)


def taylor(order: int, remainder: Formula) -> sympy.Expr:
    """Σ_{k≤order} f^(k)(x₀)/k! (x - x₀)^k + the stated remainder."""
    polynomial = sum(f(x0).diff(x0, k) / sympy.factorial(k) * (x - x0)**k for k in range(order + 1))
    return polynomial + remainder(order)


REMAINDER = Formula(r"\int_{x_0}^x \frac{f^{(n+1)}(t)}{n!}(x - t)^n\,dt",
                    lambda k: sympy.Integral(f(t).diff(t, k + 1) / sympy.factorial(k) * (x - t)**k, (t, x0, x)))


@TOPIC.claim("calculus.taylor_integral_remainder", method="sympy", canonical=REMAINDER, faithful=("002",),
             uses_impl=False)
def taylor_integral_remainder(ctx: Context, remainder: Formula) -> Outcome:
    """Taylor's formula with the integral remainder.

    For f ∈ C^{n+1}: f(x) = Σ_{k=0}^n f^(k)(x₀)/k! (x - x₀)^k + ∫_{x₀}^x f^(n+1)(t)/n! (x - t)^n dt
    (document 002). Proved for an undefined f and n = 0…3 (0…7 in the full profile): as a function of x₀
    the right side has derivative 0 (the sum telescopes against the integral's lower limit), and at
    x₀ = x it is f(x).
    """
    parts = {}
    for order in range(4 if ctx.profile.scale == 1 else 8):
        expansion = taylor(order, remainder)
        parts[f"n = {order}: d/dx₀"] = lambda e=expansion: proved(
            ctx, (r"\frac{\partial}{\partial x_0}(\text{right side})", opaque(e.diff(x0).doit())[0]),
            ("0", sympy.Integer(0)))
        parts[f"n = {order}: at x₀ = x"] = lambda e=expansion: proved(
            ctx, (r"\text{right side}\big|_{x_0=x}", opaque(e.subs(x0, x).doit())[0]), ("f(x)", opaque(f(x))[0]))
    return all_of(parts)


theta = sympy.symbols("theta_1:3", real=True)
p = sympy.Function("p", positive=True)
LOG_TRICK = Formula(r"\nabla_\theta p_\theta = p_\theta \nabla_\theta \log p_\theta",
                    lambda density: (density, density))


@TOPIC.claim(
    "calculus.log_derivative_trick", method="sympy", canonical=LOG_TRICK, faithful=("002",),
    printed={"004": Printed(Formula(r"\nabla_\theta \log p_\theta = \log p_\theta \nabla_\theta \log p_\theta",
                                    lambda density: (sympy.log(density), sympy.log(density))),
                            reading="Printed ∇_θ log p_θ = log p_θ ∇_θ log p_θ: the log-trick with ∇ log p on the left "
                                    "and the factor p replaced by log p. Checked as printed.",
                            statement="∇_θ log p_θ(x) = log p_θ(x) ∇_θ log p_θ(x)")},
)
def log_derivative_trick(ctx: Context, identity: Formula) -> Outcome:
    """The log-derivative trick.

    ∇_θ p_θ(x) = p_θ(x) ∇_θ log p_θ(x) wherever p_θ(x) > 0 (document 002), since ∇ log p = ∇p / p. Proved
    for an undefined positive p of θ = (θ₁, θ₂), component by component. The printed variant of document
    004 states ∇ log p = log p ∇ log p. The form gives (the function differentiated on the left, the
    factor on the right) for the density p.
    """
    density = p(*theta)
    differentiated, factor = identity(density)
    parts = {}
    for component in theta:
        lhs, rhs = opaque(differentiated.diff(component), factor * sympy.log(density).diff(component))
        parts[f"∂/∂{component}"] = lambda lhs=lhs, rhs=rhs, c=component: proved(
            ctx, (rf"\partial_{{{c}}} \text{{(left)}}", lhs), (rf"\text{{factor}} \cdot \partial_{{{c}}} \log p", rhs),
            domain={s: (0.1, 3.0) for s in rhs.free_symbols})
    return all_of(parts)


@TOPIC.claim("calculus.xlogx_limit", method="sympy", canonical=Formula("0", lambda: sympy.Integer(0)),
             faithful=("002",), uses_impl=False)
def xlogx_limit(ctx: Context, value: Formula) -> Outcome:
    """x log x tends to 0 as x → 0⁺.

    lim_{x→0⁺} x log x = 0 (document 002; why 0 log 0 is taken as 0 in entropies and KL divergences).
    """
    return proved(ctx, (r"\lim_{x\to0^+} x\log x", sympy.limit(x * sympy.log(x), x, 0, "+")), (value.latex, value()))


TOPIC.not_checkable(
    "calculus.c1_lipschitz_uniform_continuity_inclusions",
    title="C¹ ⊆ Lipschitz ⊆ uniformly continuous (= continuous) on a compact interval",
    statement="For functions on a closed bounded interval [a, b]: continuously differentiable implies Lipschitz "
              "(with L = max|f'|, by the mean value theorem), Lipschitz implies uniformly continuous (δ = ε/L), "
              "which on a compact set is the same as continuous (Heine–Cantor). Document 004.",
    reason="An inclusion between classes of functions, with no formula or constant stated: its content is the "
           "mean value theorem and the Heine–Cantor theorem, quantified over all functions of a class, which no "
           "finite search of examples can establish and no example can contradict (a C¹ function on a compact "
           "interval that is not Lipschitz does not exist to be found).",
    references=("Rudin (1976), Principles of mathematical analysis, Thm. 4.19 and 5.10",),
)
