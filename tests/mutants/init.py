"""Wrong initialisers and wrong laws that the initialisation claims must reject."""

from __future__ import annotations

import numpy as np
import sympy

from impls.init import Init
from tests.mutants import Mutant
from theorems.topics.init.networks import a, size
from theorems.topics.init.variance import Law, m, n


class LecunOneOverSqrtN(Init):
    """LeCun uniform with a = 1/√n, as printed: Var = 1/(3n)."""

    def lecun_uniform(self, fan_in: int, fan_out: int, seed: int) -> np.ndarray:
        return super().lecun_uniform(fan_in, fan_out, seed) / np.sqrt(3)


class GlorotWithoutTwo(Init):
    """Xavier with Var = 1/(n + m): the 2 forgotten."""

    def xavier_normal(self, fan_in: int, fan_out: int, seed: int) -> np.ndarray:
        return super().xavier_normal(fan_in, fan_out, seed) / np.sqrt(2)

    def xavier_uniform(self, fan_in: int, fan_out: int, seed: int) -> np.ndarray:
        return super().xavier_uniform(fan_in, fan_out, seed) / np.sqrt(2)


class HeWithFanOut(Init):
    """Kaiming with Var = 2/fan_out (mode="fan_out" where fan_in was meant)."""

    def kaiming_normal(self, fan_in: int, fan_out: int, seed: int) -> np.ndarray:
        return super().kaiming_normal(fan_out, fan_in, seed).T

    def kaiming_uniform(self, fan_in: int, fan_out: int, seed: int) -> np.ndarray:
        return super().kaiming_uniform(fan_out, fan_in, seed).T


class HalfNormalHe(Init):
    """Kaiming normal with |w|: the right second moment, but every weight positive."""

    def kaiming_normal(self, fan_in: int, fan_out: int, seed: int) -> np.ndarray:
        return np.abs(super().kaiming_normal(fan_in, fan_out, seed))


class UnfixedQR(Init):
    """Q of a Gaussian matrix's QR without the sign fix: orthogonal, but not Haar (Q₁₁ < 0 always)."""

    def orthogonal(self, m: int, seed: int) -> np.ndarray:
        return np.linalg.qr(np.random.default_rng(seed).standard_normal((m, m)))[0]


HERE = "tests.mutants.init"
CID = "init."

MUTANTS = [
    Mutant(CID + "uniform_sqrt3_variance", "U(-√2σ, √2σ)", form=sympy.sqrt(2)),
    Mutant(CID + "lecun_uniform", "a = 1/√n: Var = 1/(3n)", form=Law(half_width=1 / sympy.sqrt(n))),
    Mutant(CID + "lecun_uniform", "draws U[-1/√n, 1/√n]", impl=f"{HERE}:LecunOneOverSqrtN"),
    Mutant(CID + "glorot_uniform", "Glorot without the 2: a = √(3/(n+m))",
           form=Law(half_width=sympy.sqrt(3 / (n + m)))),
    Mutant(CID + "glorot_uniform", "draws with Var = 1/(n+m)", impl=f"{HERE}:GlorotWithoutTwo"),
    Mutant(CID + "he_init", "He with the fan-out: Var = 2/m", form=Law(variance=2 / m, half_width=sympy.sqrt(6 / m))),
    Mutant(CID + "he_init", "draws with Var = 2/fan_out", impl=f"{HERE}:HeWithFanOut"),
    Mutant(CID + "he_init", "draws |w|: all weights positive", impl=f"{HERE}:HalfNormalHe"),
    Mutant(CID + "relu_half_active", "a third of the units active", form=sympy.Rational(1, 3)),
    Mutant(CID + "relu_half_active", "positive weights: most units active", impl=f"{HERE}:HalfNormalHe"),
    Mutant(CID + "orthogonal_scaling", "W = mQ", form=size),
    Mutant(CID + "orthogonal_scaling", "QR without the sign fix is not Haar", impl=f"{HERE}:UnfixedQR"),
    Mutant(CID + "residual_branch_scaling", "a constant branch scale α² = a", form=a),
    Mutant(CID + "residual_branch_scaling", "branch weights with Var = 1/(2d)", impl=f"{HERE}:GlorotWithoutTwo"),
]
