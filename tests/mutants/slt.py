"""Wrong statistical-learning-theory implementations and formulas, each with the claim that rejects it."""

from __future__ import annotations

import math

import numpy as np

from impls.slt import SLT
from tests.mutants import Mutant
from theorems.engine import Formula
from theorems.topics.ddpm.formulas import log
from theorems.topics.slt.pac_bayes import BoundForm, root


class GrowthCountsFunctions(SLT):
    """Counts the functions of the class, not the distinct patterns they cut out."""

    def growth_function(self, table: np.ndarray, n: int) -> int:
        return len(table)


class SauerFromOne(SLT):
    """The Sauer–Shelah sum started at i = 1."""

    def sauer_bound(self, d: int, n: int) -> int:
        return sum(math.comb(n, i) for i in range(1, d + 1))


class AlmostShattered(SLT):
    """Calls a set shattered when all but one of its 2ⁿ patterns are realised."""

    def vc_dimension(self, table: np.ndarray) -> int:
        table = np.asarray(table, dtype=int)
        return max(n for n in range(table.shape[1] + 1) if self.growth_function(table, n) >= 2**n - 1)


class VCRadiusWithoutRoot(SLT):
    """The VC deviation without its square root."""

    def vc_radius(self, growth_2n: int, n: int, delta: float) -> float:
        return 2 * 2 * (math.log(growth_2n) + math.log(2 / delta)) / n


class KLWithPriorVariance(SLT):
    """Divides by λ where the prior variance λ² belongs."""

    def kl_diag_gaussians(self, theta: np.ndarray, sigma: np.ndarray, lam: np.ndarray) -> float:
        theta, sigma, lam = (np.asarray(a, dtype=float) for a in (theta, sigma, lam))
        return float(np.sum(np.log(lam / sigma) + (sigma**2 + theta**2) / (2 * lam) - 0.5))


class DVWithKLAdded(SLT):
    """The Donsker–Varadhan functional with the KL divergence added instead of subtracted."""

    def dv_lower_bound(self, phi: np.ndarray, p: np.ndarray, q: np.ndarray) -> float:
        kept = np.asarray(q) > 0
        q_kept, p_kept = np.asarray(q, dtype=float)[kept], np.asarray(p, dtype=float)[kept]
        return float(q_kept @ np.asarray(phi, dtype=float)[kept] + np.sum(q_kept * np.log(q_kept / p_kept)))


class PerturbedByVariance(SLT):
    """Draws θ + σ² ε: the variance where the standard deviation belongs."""

    def perturb(self, theta: np.ndarray, sigma: np.ndarray, noise: np.ndarray) -> np.ndarray:
        return np.asarray(theta) + np.asarray(sigma) ** 2 * np.asarray(noise)


class BoundWithoutConfidence(SLT):
    """The PAC-Bayes bound with ln(1/δ) missing: ln(2√n) in place of ln(2√n/δ)."""

    def pac_bayes_bound(self, empirical_risk: np.ndarray, kl: np.ndarray, n: int, delta: float) -> np.ndarray:
        return np.asarray(empirical_risk) + np.sqrt((np.asarray(kl) + math.log(2 * math.sqrt(n))) / (2 * n))


class BoundWithoutRoot(SLT):
    """The PAC-Bayes bound without its square root."""

    def pac_bayes_bound(self, empirical_risk: np.ndarray, kl: np.ndarray, n: int, delta: float) -> np.ndarray:
        return np.asarray(empirical_risk) + (np.asarray(kl) + math.log(2 * math.sqrt(n) / delta)) / (2 * n)


class RademacherWithoutSup(SLT):
    """Averages the correlation with the signs over the class instead of taking its supremum (always 0)."""

    def rademacher_complexity(self, values: np.ndarray) -> float:
        values = np.asarray(values, dtype=float)
        signs = np.array(np.meshgrid(*[[-1.0, 1.0]] * values.shape[0])).reshape(values.shape[0], -1).T
        return float(np.mean(signs @ values) / values.shape[0])


class VCRadiusWithoutGrowth(SLT):
    """The VC deviation without its ln S_F(2n) term (the bound of a single function)."""

    def vc_radius(self, growth_2n: int, n: int, delta: float) -> float:
        return 2 * math.sqrt(2 * math.log(2 / delta) / n)


class BoundWithLinearN(SLT):
    """The PAC-Bayes bound with ln(2n/δ) in place of ln(2√n/δ): looser, so its coverage still holds."""

    def pac_bayes_bound(self, empirical_risk: np.ndarray, kl: np.ndarray, n: int, delta: float) -> np.ndarray:
        return np.asarray(empirical_risk) + np.sqrt((np.asarray(kl) + math.log(2 * n / delta)) / (2 * n))


class RiskOverNMinusOne(SLT):
    """Empirical risks divided by n - 1 (the unbiased-variance habit) instead of n."""

    def empirical_risks(self, losses: np.ndarray) -> np.ndarray:
        losses = np.asarray(losses, dtype=float)
        return losses.sum(axis=0) / max(losses.shape[0] - 1, 1)


class RademacherOfAbsoluteValue(SLT):
    """E_σ sup_g |(1/n) Σᵢ σᵢ g(zᵢ)|: the absolute value of another definition, larger than the one stated."""

    def rademacher_complexity(self, values: np.ndarray) -> float:
        values = np.asarray(values, dtype=float)
        n = values.shape[0]
        signs = np.array(np.meshgrid(*[[-1.0, 1.0]] * n)).reshape(n, -1).T
        return float(np.mean(np.max(np.abs(signs @ values), axis=1)) / n)


class RidgeSolution(SLT):
    """Ridge regression with λ = 1e-3 for the minimum-norm solution."""

    def min_norm_solution(self, X: np.ndarray, y: np.ndarray) -> np.ndarray:
        return np.linalg.solve(X.T @ X + 1e-3 * np.eye(X.shape[1]), X.T @ y)


HERE = "tests.mutants.slt"

MUTANTS: list[Mutant] = [
    Mutant("slt.shattering_coefficient_bound", "growth function counts functions, not patterns",
           impl=f"{HERE}:GrowthCountsFunctions"),
    Mutant("slt.shattering_coefficient_bound", "Sauer–Shelah sum from i = 1", impl=f"{HERE}:SauerFromOne"),
    Mutant("slt.vc_dim_finite_class", "shattered when 2ⁿ - 1 patterns are realised",
           impl=f"{HERE}:AlmostShattered"),
    Mutant("slt.vc_inequality", "exponent -32 s ε² for -s ε²/32",
           form=Formula(r"8S_F(s)e^{-32s\varepsilon^2}",
                        lambda growth, s, eps: 8 * growth * math.exp(-32 * s * eps**2))),
    Mutant("slt.vc_generalization_bound", "VC radius without its square root",
           impl=f"{HERE}:VCRadiusWithoutRoot"),
    Mutant("slt.vc_generalization_bound", "VC radius without ln S_F(2n)", impl=f"{HERE}:VCRadiusWithoutGrowth"),
    Mutant("slt.kl_diag_gaussians", "prior sd λ where its variance λ² belongs", impl=f"{HERE}:KLWithPriorVariance"),
    Mutant("slt.donsker_varadhan", "DV functional with the KL added", impl=f"{HERE}:DVWithKLAdded"),
    Mutant("slt.pac_bayes_gradient_estimator", "perturbation θ + σ² ε", impl=f"{HERE}:PerturbedByVariance"),
    Mutant("slt.pac_bayes_bound", "PAC-Bayes bound with ln(1/δ) missing", impl=f"{HERE}:BoundWithoutConfidence"),
    Mutant("slt.pac_bayes_bound", "PAC-Bayes bound with ln(2n/δ) for ln(2√n/δ)", impl=f"{HERE}:BoundWithLinearN"),
    Mutant("slt.pac_bayes_objective", "PAC-Bayes objective without the square root", impl=f"{HERE}:BoundWithoutRoot"),
    Mutant("slt.pac_bayes_rate", "radius without the square root (rate ln n / n)",
           form=BoundForm(r"\frac{\mathrm{KL}+\ln(2\sqrt n/\delta)}{2n}",
                          lambda kl, n, delta: (kl + log(2 * root(n) / delta)) / (2 * n))),
    Mutant("slt.rademacher_uniform_deviation", "Rademacher complexity without the supremum",
           impl=f"{HERE}:RademacherWithoutSup"),
    Mutant("slt.rademacher_erm_bound", "Rademacher complexity without the supremum",
           impl=f"{HERE}:RademacherWithoutSup"),
    Mutant("slt.rademacher_uniform_deviation", "empirical risks divided by n - 1", impl=f"{HERE}:RiskOverNMinusOne"),
    Mutant("slt.rademacher_erm_bound", "Rademacher complexity of |Σ σᵢ g(zᵢ)|",
           impl=f"{HERE}:RademacherOfAbsoluteValue"),
    Mutant("slt.risk_decomposition", "optimisation error left out",
           form=Formula("R(f̃) - R(f*) = estimation + approximation", lambda t, h, c, b: (t - b, (h - c) + (c - b)))),
    Mutant("slt.implicit_bias_min_norm", "ridge solution for the minimum-norm one", impl=f"{HERE}:RidgeSolution"),
]
