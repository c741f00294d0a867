"""Wrong inequalities and wrong Gaussian-block formulas (part B of the probability topic), each refuted by its claim."""

from __future__ import annotations

import math

import numpy as np

from tests.mutants import Mutant
from theorems.engine import Comparison, Formula, at_most
from theorems.topics.probability.gaussian_blocks import claimed_psd, conditional_mean, inverse
from theorems.topics.probability.instances import Partitioned


def _unsquared_cauchy_schwarz(case: Partitioned) -> list[Comparison]:
    """|xᵀΣ₁₂y| ≤ (xᵀΣ₁₁x)(yᵀΣ₂₂y): the block Cauchy–Schwarz inequality with its square dropped."""
    S11, S12, _, S22 = case.blocks()
    x, y = case.z, case.u[case.e:]
    return [at_most(abs(x @ S12 @ y), (x @ S11 @ x) * (y @ S22 @ y), label="|xᵀΣ₁₂y| ≤ (xᵀΣ₁₁x)(yᵀΣ₂₂y)")]


MUTANTS: list[Mutant] = [
    Mutant("probability.hoeffding", "exponent -4nt² (constant doubled)",
           form=Formula("", lambda s: math.exp(-4 * s.n * s.t**2))),
    Mutant("probability.hoeffding_general_ranges", "exponent -4n²t²/Σ(b_i-a_i)² (constant doubled)",
           form=Formula("", lambda s: math.exp(-4 * s.n**2 * s.t**2 / float(sum(w**2 for w in s.widths))))),
    Mutant("probability.union_bound", "max_i P(A_i) in place of the sum",
           form=Formula("", lambda probabilities: max(probabilities))),
    Mutant("probability.jensen_expectation", "inequality reversed: E f(X) ≤ f(E X)",
           form=Formula("", lambda f_of_mean, mean_of_f: (mean_of_f, f_of_mean))),
    Mutant("probability.jensen_inequality", "inequality reversed (≥ for convex f, ≤ for concave f)",
           form=Formula("", lambda f_of_mean, mean_of_f: (mean_of_f, f_of_mean))),
    Mutant("probability.jensen_log", "inequality reversed: log E[X] ≤ E[log X]",
           form=Formula("", lambda log_mean, mean_log: (log_mean, mean_log))),
    Mutant("probability.markov", "E[X]/a²", form=Formula("", lambda mean, a: mean / a**2)),
    Mutant("probability.chebyshev_inequality", "σ²/(2ε²)",
           form=Formula("", lambda variance, eps: variance / (2 * eps**2))),
    Mutant("probability.cauchy_schwarz_expectation", "E[X²] E[Y]² (the square moved to the mean of Y)",
           form=Formula("", lambda m: m["E[X^2]"] * m["E[Y]"] ** 2)),
    Mutant("probability.gaussian_conditional", "conditional covariance Σ₂₂ + Σ₂₁Σ₁₁⁻¹Σ₁₂ (sign flipped)",
           form=Formula("", lambda S, u1, u2, z: {"mean": conditional_mean(S, u1, u2, z),
                                                  "covariance": S[3] + S[2] @ inverse(S[0]) @ S[1]})),
    Mutant("probability.gaussian_conditional", "conditional mean without the Σ₁₁⁻¹",
           form=Formula("", lambda S, u1, u2, z: {"mean": u2 + S[2] @ (z - u1)})),
    Mutant("probability.gaussian_conditional_covariance", "Σ_BB - Σ_BA Σ_AA Σ_AB (Σ_AA not inverted)",
           form=Formula("", lambda S, u1, u2, z: {"covariance": S[3] - S[2] @ S[0] @ S[1]})),
    Mutant("probability.gaussian_marginal", "the conditional covariance Σ_AA - Σ_AB Σ_BB⁻¹ Σ_BA as the marginal's",
           form=Formula("", lambda u1, S: (u1, S[0] - S[1] @ np.linalg.inv(S[3]) @ S[2]))),
    Mutant("probability.gaussian_diagonal_block_psd", "the off-diagonal block Σ₁₂ claimed p.s.d. as well",
           form=claimed_psd("", "11", "12", "22")),
    Mutant("probability.gaussian_offdiagonal_block_psd", "|xᵀΣ₁₂y| ≤ (xᵀΣ₁₁x)(yᵀΣ₂₂y) (square dropped)",
           form=Formula("", _unsquared_cauchy_schwarz)),
    Mutant("probability.gaussian_mle", "the unbiased 1/(n-1) covariance",
           form=Formula("", lambda X: (X.mean(axis=0), np.cov(X.T, ddof=1).reshape(X.shape[1], X.shape[1])))),
]

