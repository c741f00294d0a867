"""Wrong probability formulas, each refuted by the claim it names."""

from __future__ import annotations

import sympy

from tests.mutants import Mutant
from theorems.engine import Formula
from theorems.topics.probability.gaussians import mu0, mu1, s0, s1, sigma, squared_distance

MUTANTS: list[Mutant] = [
    Mutant("probability.kl_univariate_gaussians", "½ dropped from the variance term",
           form=Formula("", lambda: sympy.log(s1 / s0) + (s0**2 + (mu0 - mu1) ** 2) / s1**2 - sympy.Rational(1, 2))),
    Mutant("probability.kl_gaussians_same_variance", "½ dropped",
           form=Formula("", lambda: squared_distance() / sigma**2)),
]
