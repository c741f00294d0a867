"""The Gaussian generative classifier: Bayes' rule for the class, its closed form, and logistic regression."""

from __future__ import annotations

from fractions import Fraction

import sympy
from hypothesis import strategies as st

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, equal, for_all, symbolic

from . import BISHOP, TOPIC

X = sympy.symbols("x_1:3", real=True)
MU0 = sympy.symbols("m_1:3", real=True)
MU1 = sympy.symbols("n_1:3", real=True)
DIM = sympy.Symbol("d", positive=True, integer=True)


def _sq(a: tuple[sympy.Expr, ...], b: tuple[sympy.Expr, ...]) -> sympy.Expr:
    return sum((p - q)**2 for p, q in zip(a, b, strict=True))


def _density(mu: tuple[sympy.Symbol, ...]) -> sympy.Expr:
    return (2 * sympy.pi)**-sympy.Rational(len(X), 2) * sympy.exp(-_sq(X, mu) / 2)


def _exact_posterior() -> sympy.Expr:
    half = sympy.Rational(1, 2)
    return half * _density(MU1) / (half * _density(MU1) + half * _density(MU0))


@TOPIC.claim(
    "bayes.gaussian_class_posterior",
    method="property",
    canonical=Formula(r"\frac{p(y=1)p(x|y=1)}{p(y=1)p(x|y=1) + p(y=0)p(x|y=0)}",
                      lambda p1, l1, l0: p1 * l1 / (p1 * l1 + (1 - p1) * l0)),
    printed={"003": Printed(Formula(r"\frac{p(y=1)p(x|y=1)}{p(y=1)p(x|y=0) + p(y=0)p(x|y=0)}",
                                    lambda p1, l1, l0: p1 * l1 / (p1 * l0 + (1 - p1) * l0)),
                            reading="as printed: the first term of the denominator has p(x|y=0) where Bayes' rule "
                                    "has p(x|y=1); the next expression of the same line has the same slip")},
    references=(BISHOP,),
)
def gaussian_class_posterior(ctx: Context, posterior: Formula) -> Outcome:
    """Bayes' rule for a binary class: the evidence sums the joint over both classes.

    p(y=1|x) = p(y=1)p(x|y=1) / (p(y=1)p(x|y=1) + p(y=0)p(x|y=0)). Checked exactly (rationals): for random
    priors p(y=1) and class-conditional likelihood values, the formula equals the conditional probability read
    off the joint p(y, x) = p(y)p(x|y), and p(y=1|x) + p(y=0|x) = 1.
    """
    fractions = st.fractions(min_value=Fraction(1, 20), max_value=Fraction(19, 20), max_denominator=20)

    def agrees(case: tuple[Fraction, Fraction, Fraction]) -> Comparison:
        p1, l1, l0 = case
        joint1, joint0 = p1 * l1, (1 - p1) * l0
        return equal(posterior(p1, l1, l0), joint1 / (joint1 + joint0), label="p(y=1|x)")

    return for_all(ctx, st.tuples(fractions, fractions, fractions), agrees,
                   describe=lambda c: {"p(y=1)": str(c[0]), "p(x|y=1)": str(c[1]), "p(x|y=0)": str(c[2])})


@TOPIC.claim(
    "bayes.gaussian_class_posterior_closed_form",
    method="sympy",
    canonical=Formula(r"\frac{1}{1 + \exp(\frac12\|x-\mu_1\|^2 - \frac12\|x-\mu_0\|^2)}",
                      lambda d1, d0: 1 / (1 + sympy.exp(d1 / 2 - d0 / 2))),
    printed={"003": Printed(Formula(r"\frac{1 + \exp(\frac12\|x-\mu_1\|^2 - \frac12\|x-\mu_0\|^2)}"
                                    r"{1 + \exp(-(\frac12\|x-\mu_1\|^2 + \frac12\|x-\mu_0\|^2))}",
                                    lambda d1, d0: (1 + sympy.exp(d1 / 2 - d0 / 2))
                                    / (1 + sympy.exp(-(d1 / 2 + d0 / 2)))),
                            reading="as printed, the last expression of the chain (after the corrected "
                                    "denominator p(y=1)p(x|y=1) + p(y=0)p(x|y=0))")},
    depends=("bayes.gaussian_class_posterior",),
)
def gaussian_class_posterior_closed_form(ctx: Context, closed: Formula) -> Outcome:
    """Equal priors and unit-covariance Gaussian classes: p(y=1|x) = 1/(1 + exp(½‖x-μ₁‖² - ½‖x-μ₀‖²)).

    With p(y=1) = p(y=0) = ½ and p(x|y) = N(x; μ_y, I_d), dividing numerator and denominator of Bayes' rule
    by the numerator gives the closed form. Proved for every dimension d: the densities enter only through the
    squared distances d_y = ‖x - μ_y‖², which are free symbols here, and the factor (2π)^{-d/2} cancels.
    """
    d1, d0 = sympy.symbols("d_1 d_0", nonnegative=True)
    likelihood = [sympy.exp(-d / 2) / (2 * sympy.pi)**(DIM / 2) for d in (d1, d0)]
    bayes = likelihood[0] / (likelihood[0] + likelihood[1])
    return symbolic(ctx, ("Bayes' rule, equal priors", bayes), ("closed form", closed(d1, d0)))


@TOPIC.claim(
    "bayes.gaussian_classifier_logistic",
    method="sympy",
    canonical=Formula(r"b = \frac12(\|\mu_0\|^2 - \|\mu_1\|^2)", lambda n0, n1: (n0 - n1) / 2),
    faithful=("003",),
    depends=("bayes.gaussian_class_posterior_closed_form",),
    references=(BISHOP,),
)
def gaussian_classifier_logistic(ctx: Context, bias: Formula) -> Outcome:
    """The Gaussian generative classifier is logistic regression: p(y=1|x) = σ(wᵀx + b).

    With equal priors and p(x|y) = N(μ_y, I): w = μ₁ - μ₀ and b = (‖μ₀‖² - ‖μ₁‖²)/2, since
    ½‖x-μ₀‖² - ½‖x-μ₁‖² = (μ₁ - μ₀)ᵀx + (‖μ₀‖² - ‖μ₁‖²)/2. Proved for d = 2 from Bayes' rule.
    """
    w = [a - b for a, b in zip(MU1, MU0, strict=True)]
    b = bias(sum(m**2 for m in MU0), sum(m**2 for m in MU1))
    logit = sum(wi * xi for wi, xi in zip(w, X, strict=True)) + b
    return symbolic(ctx, ("Bayes' rule", _exact_posterior()), (r"\sigma(w^\top x + b)", 1 / (1 + sympy.exp(-logit))))
