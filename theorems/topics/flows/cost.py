"""What a determinant and an inverse cost: multiplications and divisions counted one by one.

Gaussian elimination (row swaps where a pivot is 0) computes det A of a dense n × n matrix with
(n³ - n)/3 + n - 1 multiplications and divisions; Gauss–Jordan on [A | I] inverts it with 2n³; the
determinant of a triangular matrix is the product of its diagonal, n - 1 multiplications. The checks
run these algorithms in exact rational arithmetic on random integer matrices, count every operation,
and check what they compute (det against SymPy, A A⁻¹ = I) as well as how much.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import numpy as np
import sympy

from theorems.engine import Comparison, Context, Formula, Outcome, all_of, equal, for_each

from . import TOPIC

Matrix = list[list[Fraction]]
SIZES = range(1, 13)
n = sympy.Symbol("n", positive=True, integer=True)


def determinant_by_elimination(A: Matrix) -> tuple[Fraction, int]:
    """det A by Gaussian elimination, and the number of multiplications and divisions it took."""
    M, size, sign, operations = [row[:] for row in A], len(A), 1, 0
    for k in range(size - 1):
        pivot = next((i for i in range(k, size) if M[i][k] != 0), None)
        if pivot is None:
            return Fraction(0), operations
        if pivot != k:
            M[k], M[pivot], sign = M[pivot], M[k], -sign
        for i in range(k + 1, size):
            factor = M[i][k] / M[k][k]
            operations += 1
            for j in range(k + 1, size):
                M[i][j] -= factor * M[k][j]
                operations += 1
    det, operations = diagonal_product(M)[0] * sign, operations + max(size - 1, 0)
    return det, operations


def diagonal_product(A: Matrix) -> tuple[Fraction, int]:
    """The product of the diagonal, and its n - 1 multiplications."""
    product = A[0][0]
    for k in range(1, len(A)):
        product *= A[k][k]
    return product, len(A) - 1


def inverse_by_gauss_jordan(A: Matrix) -> tuple[Matrix, int]:
    """A⁻¹ by Gauss–Jordan on [A | I] (A invertible), and its multiplications and divisions."""
    size = len(A)
    M = [row[:] + [Fraction(int(i == j)) for j in range(size)] for i, row in enumerate(A)]
    operations = 0
    for k in range(size):
        pivot = next(i for i in range(k, size) if M[i][k] != 0)
        M[k], M[pivot] = M[pivot], M[k]
        head = M[k][k]
        M[k] = [v / head for v in M[k]]
        operations += 2 * size
        for i in range(size):
            if i != k:
                factor = M[i][k]
                M[i] = [a - factor * b for a, b in zip(M[i], M[k], strict=True)]
                operations += 2 * size
    return [row[size:] for row in M], operations


def _random_matrix(rng: np.random.Generator, size: int, *, triangular: bool = False) -> Matrix:
    """Integer entries in [-9, 9], the diagonal shifted away from 0 (invertible, like a flow's Jacobian)."""
    A = rng.integers(-9, 10, size=(size, size)) + np.diag(rng.choice([-1, 1], size) * 10 * size)
    if triangular:
        A = np.tril(A)
    return [[Fraction(int(v)) for v in row] for row in A]


def _order(stated: Formula, index: int, power: int) -> Outcome:
    """The stated count of entry ``index`` is Θ(n^power): count/n^power tends to a positive constant."""
    leading = sympy.limit(sympy.sympify(stated(n)[index]) / n**power, n, sympy.oo)
    return equal(bool(leading.is_positive and leading.is_finite), True, label=f"count/n^{power} → {leading}")


def counted(ctx: Context, stated: Formula, algorithms: Callable[[Matrix, Matrix], list[tuple[int, bool, str]]],
            orders: tuple[int, ...]) -> Outcome:
    """For n = 1…12, every algorithm's count equals the stated one and its result is right; then the
    stated counts are Θ(n^order)."""
    rng = ctx.rng()

    def prop(size: int) -> list[Comparison]:
        dense, lower = _random_matrix(rng, size), _random_matrix(rng, size, triangular=True)
        runs = algorithms(dense, lower)
        expected = [int(c) for c in stated(size)]
        counts = [equal(count, want, label=f"{what}: operations")
                  for (count, _, what), want in zip(runs, expected, strict=True)]
        return counts + [equal(ok, True, label=f"{what}: result") for _, ok, what in runs]

    return all_of({
        "counts": lambda: for_each(ctx, SIZES, prop, domain_name="n = 1…12, random integer matrices",
                                   complete=False),
        "order": lambda: for_each(ctx, list(enumerate(orders)), lambda p: _order(stated, *p),
                                  domain_name="each stated count", complete=True),
    })


def _det_right(A: Matrix, det: Fraction) -> bool:
    return sympy.Matrix(A).det() == sympy.Rational(det.numerator, det.denominator)


def _dense_det_and_inverse(dense: Matrix, _: Matrix) -> list[tuple[int, bool, str]]:
    det, det_ops = determinant_by_elimination(dense)
    inverse, inverse_ops = inverse_by_gauss_jordan(dense)
    identity = sympy.Matrix(dense) * sympy.Matrix(inverse) == sympy.eye(len(dense))
    return [(det_ops, _det_right(dense, det), "det by elimination"), (inverse_ops, identity, "inverse by Gauss–Jordan")]


def _dense_and_triangular_det(dense: Matrix, lower: Matrix) -> list[tuple[int, bool, str]]:
    det, det_ops = determinant_by_elimination(dense)
    diagonal, diagonal_ops = diagonal_product(lower)
    return [(det_ops, _det_right(dense, det), "det of a dense matrix"),
            (diagonal_ops, _det_right(lower, diagonal), "det of a triangular matrix")]


DENSE_DET = (n**3 - n) / 3 + n - 1


@TOPIC.claim(
    "flows.linear_flow_cost",
    method="exhaustive",
    canonical=Formula(r"\tfrac{n^3-n}{3}+n-1,\ 2n^3", lambda k: (DENSE_DET.subs(n, k), 2 * k**3)),
    faithful=("001",),
)
def linear_flow_cost(ctx: Context, stated: Formula) -> Outcome:
    """A general linear flow costs O(n³) for its determinant and its inverse.

    For F(x) = Ax + b with a dense n × n matrix A, Gaussian elimination gives det A in (n³ - n)/3 + n - 1
    multiplications/divisions and Gauss–Jordan gives A⁻¹ in 2n³: both Θ(n³). (O(n³) is what these
    algorithms cost; fast matrix multiplication lowers the exponent, which the line does not consider.)
    """
    return counted(ctx, stated, _dense_det_and_inverse, orders=(3, 3))


@TOPIC.claim(
    "flows.triangular_jacobian_cost",
    method="exhaustive",
    canonical=Formula(r"\tfrac{d^3-d}{3}+d-1,\ d-1", lambda k: (DENSE_DET.subs(n, k), k - 1)),
    faithful=("003",),
)
def triangular_jacobian_cost(ctx: Context, stated: Formula) -> Outcome:
    """A dense Jacobian determinant costs O(d³), a triangular one O(d).

    Gaussian elimination takes (d³ - d)/3 + d - 1 multiplications/divisions for det J of a dense d × d J;
    for a triangular J, det J = ∏_i J_ii takes d - 1. Counted, with both results checked exactly.
    """
    return counted(ctx, stated, _dense_and_triangular_det, orders=(3, 1))


TOPIC.not_checkable(
    "flows.maf_iaf_tradeoff",
    title="MAF and IAF: which direction is parallel",
    statement="MAF evaluates densities in one parallel pass and samples sequentially; IAF samples in one pass and "
              "evaluates the density of external data sequentially.",
    reason="A comparison of wall-clock behaviour of two architectures (a table of 'fast/slow'), with no quantity "
           "or constant stated; neither architecture is in the implementation boundary. Its mechanism, a "
           "triangular Jacobian whose determinant is the diagonal product, is checked in "
           "flows.triangular_jacobian_cost and flows.realnvp_logdet.",
)
