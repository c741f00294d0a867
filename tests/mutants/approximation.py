"""Wrong region bounds, wrong constructions and wrong formulas that the approximation claims must reject."""

from __future__ import annotations

from math import comb, sqrt

import numpy as np
import sympy

from impls.approximation import ReluConstructions
from tests.mutants import Mutant
from theorems.engine import Formula
from theorems.topics.approximation.regions import RegionBound


def _zaslavsky_without_top_term(m: int, n: int) -> int:
    return sum(comb(m, i) for i in range(min(n, m)))


class InterceptAtZero(ReluConstructions):
    """b = y_0, forgetting the shift by -a x_0: right only when the first knot is 0."""

    def relu_expansion(self, knots: np.ndarray, values: np.ndarray) -> tuple[float, float, np.ndarray]:
        a, _, c = super().relu_expansion(knots, values)
        return a, float(values[0]), c


class LastUnitDropped(ReluConstructions):
    """The ReLU unit of the last breakpoint is left out."""

    def relu_expansion(self, knots: np.ndarray, values: np.ndarray) -> tuple[float, float, np.ndarray]:
        a, b, c = super().relu_expansion(knots, values)
        return a, b, np.concatenate([c[:-1], np.zeros(min(len(c), 1))])


class ThreeHinges(ReluConstructions):
    """The right function, but every hinge padded with a repeated affine piece: k = 3 > n + 1."""

    def hinge_sum(self, knots: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        signs, slopes, intercepts = super().hinge_sum(knots, values)
        return signs, np.hstack([slopes, slopes[:, :1]]), np.hstack([intercepts, intercepts[:, :1]])


class ConcavePartTruncated(ReluConstructions):
    """The second maxout unit loses its last affine piece."""

    def maxout_pair(self, knots: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        P, Q = super().maxout_pair(knots, values)
        return P, Q[:-1] if len(Q) > 1 else Q


class MaxoutUnitsSwapped(ReluConstructions):
    """max(Q) - max(P): the negated function."""

    def maxout_pair(self, knots: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        P, Q = super().maxout_pair(knots, values)
        return Q, P


HERE = "tests.mutants.approximation"

MUTANTS = [
    Mutant("approximation.zaslavsky_region_bound", "bound without its top term binom(m, n)",
           form=RegionBound(Formula(r"\sum_{i<\min(n,m)}\binom{m}{i}", _zaslavsky_without_top_term), biases=True)),
    Mutant("approximation.montufar_deep_regions", "exponent nL instead of n(L-1): more regions than possible",
           form=Formula(r"R(m)\lfloor m/n\rfloor^{nL}", lambda m, n, L: (m + 1) * m**L)),
    Mutant("approximation.pwl_relu_representation", "intercept y_0 instead of y_0 - a x_0",
           impl=f"{HERE}:InterceptAtZero"),
    Mutant("approximation.one_hidden_relu_universal", "the last breakpoint's unit dropped",
           impl=f"{HERE}:LastUnitDropped"),
    Mutant("approximation.cpwl_signed_hinge_sum", "3-hinges in one dimension (k > n + 1)",
           impl=f"{HERE}:ThreeHinges"),
    Mutant("approximation.cpwl_difference_polyhedral", "the second maxout unit missing a piece",
           impl=f"{HERE}:ConcavePartTruncated"),
    Mutant("approximation.maxout_two_units_universal", "the two maxout units swapped",
           impl=f"{HERE}:MaxoutUnitsSwapped"),
    Mutant("approximation.weierstrass", "Bernstein constant L/(4√n)",
           form=Formula(r"\frac{L}{4\sqrt n}", lambda L, n: L / (4 * sqrt(n)))),
    Mutant("approximation.pwl_dense", "interpolation constant L h / 4",
           form=Formula(r"\frac{L h}{4}", lambda L, h: L * h / 4)),
    Mutant("approximation.smooth_universal_approximation", "every non-constant C^∞ activation admitted",
           form=Formula(r"\sigma'\ne 0", lambda sigma: not sigma.is_constant())),
    Mutant("approximation.fourier_gradient", "the other sign, -iω ĝ(ω)",
           form=Formula(r"-i\omega\hat g", lambda omega, transform: -sympy.I * omega * transform)),
    Mutant("approximation.max_abs_identity", "f + g - |f - g| (twice the minimum)",
           form=Formula(r"f+g-|f-g|", lambda f, g: f + g - sympy.Abs(f - g))),
    Mutant("approximation.polyhedral_max_affine", "the minimum of the pieces",
           form=Formula(r"\min_{(\theta,b)\in A}", lambda affine_values: affine_values.min(axis=0))),
    Mutant("approximation.uniform_convergence_def", "converges iff the first term is f",
           form=Formula(r"\|g_1-f\|=0", lambda prefix, cycle: [*prefix, *cycle][0] == 0)),
]
