"""Moments: variance, covariance and their algebra.

The identities are linear in the distribution, so they are proved in SymPy for a random variable
(or vector) with three atoms whose values and probabilities are all symbols (p₃ = 1 - p₁ - p₂):
E[g] = Σ_k p_k g(ω_k). A matrix identity M = N is proved as Σ w_ij M_ij = Σ w_ij N_ij with fresh
symbols w_ij, which holds iff every entry agrees. Where a family's moments come from the
implementation under test, its ``variance`` is compared with E[X²] - E[X]² computed from its own
``logpdf`` (:mod:`.numerics`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import sympy

from theorems.engine import Context, Formula, Outcome, identity, symbolic

from . import TOPIC
from .numerics import QUADRATURE_RTOL, expectation, proof_then_implementation
from .strategies import family

ATOMS = 3
p1, p2 = sympy.symbols("p_1 p_2", positive=True)
PROBABILITIES = (p1, p2, 1 - p1 - p2)


def E(values: Sequence[Any]) -> Any:
    """The expectation of a random quantity given by its value at each atom."""
    return sum(p * v for p, v in zip(PROBABILITIES, values, strict=True))


def variable(name: str) -> tuple[Any, ...]:
    """A real random variable: its (symbolic) value at each atom."""
    return sympy.symbols(f"{name}_1:{ATOMS + 1}", real=True)


def vector(name: str, dim: int = 2) -> list[sympy.Matrix]:
    """A random vector in R^dim: its value at each atom, a column of symbols."""
    return [
        sympy.Matrix([sympy.Symbol(f"{name}_{k}{i}", real=True) for i in range(1, dim + 1)])
        for k in range(1, ATOMS + 1)
    ]


def expect(values: Sequence[sympy.Matrix]) -> sympy.Matrix:
    return sum((p * v for p, v in zip(PROBABILITIES, values, strict=True)), sympy.zeros(*values[0].shape))


def contract(m: sympy.Matrix) -> Any:
    """Σ w_ij m_ij: equal for two matrices iff every entry is."""
    return sum(sympy.Symbol(f"w_{i}{j}") * m[i, j] for i in range(m.rows) for j in range(m.cols))


def centred(x: Sequence[Any]) -> list[Any]:
    return [v - E(x) for v in x]


def cov(x: Sequence[Any], y: Sequence[Any]) -> Any:
    """Cov(X, Y) = E[(X - EX)(Y - EY)], the definition."""
    return E([a * b for a, b in zip(centred(x), centred(y), strict=True)])


X, Y, W, V = (variable(n) for n in "xywv")
a, b, c, d = sympy.symbols("a b c d", real=True)


def variance_from_moments(ctx: Context) -> Outcome:
    """The implementation's variance against E[X²] - E[X]² of its own density or mass."""
    impl = ctx.impl()

    def moments(case: tuple[str, dict[str, float]]) -> float:
        name, params = case
        first = expectation(impl, name, params, lambda x: x)
        return expectation(impl, name, params, lambda x: x**2) - first**2

    return identity(
        ctx,
        family("normal", "exponential", "gamma", "bernoulli", "binomial", "poisson"),
        lambda case: impl.variance(*case),
        moments,
        label="Var[X] = E[X²] - E[X]²",
        rtol=QUADRATURE_RTOL,
        atol=1e-12,
        max_examples=12,
    )


@TOPIC.claim(
    "probability.variance_shortcut",
    method="sympy",
    canonical=Formula(r"\mathbb{E}[X^2]-\mathbb{E}[X]^2", lambda x: E([v**2 for v in x]) - E(x) ** 2),
    faithful=("001", "002", "004"),
)
def variance_shortcut(ctx: Context, shortcut: Formula) -> Outcome:
    """The variance is the second moment minus the squared mean.

    Var(X) = Cov(X, X) = E[(X - EX)²] = E[X²] - (EX)², proved for a three-atom distribution with
    symbolic atoms and probabilities; then the implementation's ``variance`` of each named family is
    compared with E[X²] - E[X]² computed from its own density or mass.
    """
    proof = symbolic(
        ctx, ("Cov(X, X)", cov(X, X)), ("E[(X - EX)²]", E([v**2 for v in centred(X)])), ("stated form", shortcut(X))
    )
    return proof_then_implementation(ctx, proof, lambda: variance_from_moments(ctx))


@TOPIC.claim(
    "probability.cov_self_is_variance",
    method="sympy",
    canonical=Formula(r"\mathrm{Var}[X]", lambda x: expect([v * v.T for v in x]) - expect(x) * expect(x).T),
    faithful=("002", "004"),
    uses_impl=False,
)
def cov_self_is_variance(ctx: Context, variance: Formula) -> Outcome:
    """The covariance of a variable with itself is its variance.

    Cov(X, X) = E[(X - EX)(X - EX)ᵀ] equals Var[X] = E[XXᵀ] - E[X]E[X]ᵀ (the covariance matrix; for a
    scalar, E[X²] - (EX)²). Proved for a random vector in R² with three symbolic atoms.
    """
    x = vector("x")
    mean = expect(x)
    return symbolic(
        ctx, ("Cov(X, X)", contract(expect([(v - mean) * (v - mean).T for v in x]))), ("Var[X]", contract(variance(x)))
    )


@TOPIC.claim(
    "probability.covariance_identity",
    method="sympy",
    canonical=Formula(
        r"\mathbb{E}[XY^T]-\mathbb{E}[X]\mathbb{E}[Y]^T",
        lambda x, y: expect([u * v.T for u, v in zip(x, y, strict=True)]) - expect(x) * expect(y).T,
    ),
    faithful=("001",),
    uses_impl=False,
)
def covariance_identity(ctx: Context, shortcut: Formula) -> Outcome:
    """The covariance matrix of two random vectors.

    Cov(X, Y) = E[(X - EX)(Y - EY)ᵀ] = E[XYᵀ] - E[X]E[Y]ᵀ, proved for X ∈ R², Y ∈ R³ jointly taking
    three symbolic values with symbolic probabilities.
    """
    x, y = vector("x"), vector("y", 3)
    mx, my = expect(x), expect(y)
    return symbolic(
        ctx,
        ("E[(X - EX)(Y - EY)ᵀ]", contract(expect([(u - mx) * (v - my).T for u, v in zip(x, y, strict=True)]))),
        ("stated form", contract(shortcut(x, y))),
    )


@TOPIC.claim(
    "probability.covariance_bilinearity",
    method="sympy",
    canonical=Formula(
        r"ac\,\mathrm{Cov}(X,W)+ad\,\mathrm{Cov}(X,V)+bc\,\mathrm{Cov}(Y,W)+bd\,\mathrm{Cov}(Y,V)",
        lambda: a * c * cov(X, W) + a * d * cov(X, V) + b * c * cov(Y, W) + b * d * cov(Y, V),
    ),
    faithful=("001",),
    uses_impl=False,
)
def covariance_bilinearity(ctx: Context, expansion: Formula) -> Outcome:
    """Covariance is bilinear.

    Cov(aX + bY, cW + dV) = ac Cov(X, W) + ad Cov(X, V) + bc Cov(Y, W) + bd Cov(Y, V) for constants
    a, b, c, d; proved for four variables jointly taking three symbolic values.
    """
    left = cov([a * x + b * y for x, y in zip(X, Y, strict=True)], [c * w + d * v for w, v in zip(W, V, strict=True)])
    return symbolic(ctx, ("Cov(aX + bY, cW + dV)", left), ("stated expansion", expansion()))


@TOPIC.claim(
    "probability.variance_affine_scalar",
    method="sympy",
    canonical=Formula(r"a^2\,\mathrm{Var}[X]", lambda: a**2 * cov(X, X)),
    faithful=("002", "004"),
    uses_impl=False,
)
def variance_affine_scalar(ctx: Context, scaled: Formula) -> Outcome:
    """A shift does not change the variance; a scale multiplies it by its square.

    Var[aX + b] = a² Var[X] for constants a, b; proved for a three-atom distribution.
    """
    return symbolic(
        ctx, ("Var[aX + b]", cov([a * x + b for x in X], [a * x + b for x in X])), ("stated form", scaled())
    )


A = sympy.Matrix(2, 2, sympy.symbols("A_11 A_12 A_21 A_22", real=True))


def covariance_matrix(x: Sequence[sympy.Matrix]) -> sympy.Matrix:
    mean = expect(x)
    return expect([(v - mean) * (v - mean).T for v in x])


@TOPIC.claim(
    "probability.variance_linear_transform",
    method="sympy",
    canonical=Formula(r"A\,\mathrm{Var}[X]A^T", lambda matrix, var: matrix * var * matrix.T),
    faithful=("002", "004"),
    uses_impl=False,
)
def variance_linear_transform(ctx: Context, transformed: Formula) -> Outcome:
    """The covariance matrix of a linear map of a random vector.

    Var[AX] = A Var[X] Aᵀ for a constant matrix A; proved for a symbolic 2 × 2 matrix and a random
    vector in R² with three symbolic atoms.
    """
    x = vector("x")
    return symbolic(
        ctx,
        ("Var[AX]", contract(covariance_matrix([A * v for v in x]))),
        ("stated form", contract(transformed(A, covariance_matrix(x)))),
    )


COEFFICIENTS = sympy.symbols("a_1:4", real=True)


def weighted_sum_variance(coefficients: Sequence[Any], variables: Sequence[Sequence[Any]]) -> Any:
    """Σ a_i² Var[X_i] + 2 Σ_{i<j} a_i a_j Cov(X_i, X_j)."""
    n = len(variables)
    return sum(coefficients[i] ** 2 * cov(variables[i], variables[i]) for i in range(n)) + 2 * sum(
        coefficients[i] * coefficients[j] * cov(variables[i], variables[j]) for i in range(n) for j in range(i + 1, n)
    )


@TOPIC.claim(
    "probability.variance_of_weighted_sum",
    method="sympy",
    canonical=Formula(r"\sum_i a_i^2\mathrm{Var}[X_i]+2\sum_{i<j}a_ia_j\mathrm{Cov}(X_i,X_j)", weighted_sum_variance),
    faithful=("002", "004"),
    uses_impl=False,
)
def variance_of_weighted_sum(ctx: Context, expansion: Formula) -> Outcome:
    """The variance of a weighted sum.

    Var[Σ_i a_i X_i] = Σ_i a_i² Var[X_i] + 2 Σ_{i<j} a_i a_j Cov(X_i, X_j); proved for three variables
    jointly taking three symbolic values.
    """
    variables = (X, Y, W)
    total = [sum(ai * v[k] for ai, v in zip(COEFFICIENTS, variables, strict=True)) for k in range(ATOMS)]
    return symbolic(
        ctx, ("Var[Σ a_i X_i]", cov(total, total)), ("stated expansion", expansion(COEFFICIENTS, variables))
    )


q1 = sympy.Symbol("q_1", positive=True)
INDEPENDENT_Y = sympy.symbols("y_1:3", real=True)


def product_expectation(g: Callable[[Any, Any], Any]) -> Any:
    """E[g(X, Y)] for independent X (three atoms, probabilities p) and Y (two atoms, probabilities q)."""
    return sum(
        p * q * g(x, y)
        for p, x in zip(PROBABILITIES, X, strict=True)
        for q, y in zip((q1, 1 - q1), INDEPENDENT_Y, strict=True)
    )


@TOPIC.claim(
    "probability.independent_implies_uncorrelated",
    method="sympy",
    canonical=Formula("0", lambda: sympy.Integer(0)),
    faithful=("002", "004"),
    uses_impl=False,
)
def independent_implies_uncorrelated(ctx: Context, covariance: Formula) -> Outcome:
    """Independent variables are uncorrelated.

    If X and Y are independent (finite second moments) then Cov(X, Y) = E[XY] - E[X]E[Y] = 0; proved
    for X with three and Y with two symbolic atoms, their joint law the product of the marginals.
    """
    mean_x, mean_y = product_expectation(lambda x, _: x), product_expectation(lambda _, y: y)
    return symbolic(
        ctx,
        ("Cov(X, Y)", product_expectation(lambda x, y: (x - mean_x) * (y - mean_y))),
        ("stated value", covariance()),
    )


TOPIC.not_checkable(
    "probability.covariance",
    title="Covariance (definition)",
    statement="Cov(X, Y) = E[(X - E[X])(Y - E[Y])].",
    reason="A definition of the covariance; it asserts nothing that could fail. The identities built on it "
    "(probability.covariance_identity, probability.covariance_bilinearity, probability.cov_self_is_variance) are "
    "proved from it.",
)
