"""Wrong counters and wrong formulas that the Cover claims must reject."""

from __future__ import annotations

from math import comb

import numpy as np

from impls.cover import ArrangementCounter, LinearProgramCounter
from tests.mutants import Mutant
from theorems.engine import Formula


class ForgetsSymmetricLabelling(LinearProgramCounter):
    """Solves only the labellings with y_1 = +1 and forgets that each stands for its negation too."""

    def symmetric_pairs(self) -> int:
        return 1


class SeparatesPointsOnTheHyperplane(LinearProgramCounter):
    """Asks for y_i (w·x_i) ≥ 0: w = 0 puts every point on the hyperplane and 'separates' all labellings."""

    margin = 0.0


class SampledDirections(ArrangementCounter):
    """Counts the labellings that 64 random directions w happen to realise: misses small regions."""

    def homogeneous_dichotomies(self, X: np.ndarray) -> int:
        X = np.asarray(X, dtype=float)
        directions = np.random.default_rng(0).standard_normal((64, X.shape[1]))
        return len({tuple(np.sign(X @ w)) for w in directions if np.all(X @ w != 0)})


class PositionBlind(ArrangementCounter):
    """Answers Cover's C(s, n) for every set: right in general position, wrong for a degenerate one."""

    def homogeneous_dichotomies(self, X: np.ndarray) -> int:
        s, n = np.shape(X)
        return 2 * sum(comb(s - 1, k) for k in range(n))


class CountsDistinctPointsOnly(ArrangementCounter):
    """Drops repeated points before counting, as if a repeated point could take its own label."""

    def homogeneous_dichotomies(self, X: np.ndarray) -> int:
        distinct = np.unique(np.asarray(X, dtype=float), axis=0)
        return super().homogeneous_dichotomies(distinct) * 2 ** (len(X) - len(distinct))


def _sum(s: int, n: int, start: int = 0) -> int:
    return 2 * sum(comb(s, k) for k in range(start, n))


def _recurrence_with_wrong_index(C: object, s: object, n: object) -> object:
    return C(s, n) + C(s - 1, n - 1)  # type: ignore[operator]


HERE = "tests.mutants.cover"

MUTANTS = [
    Mutant("cover.counting_function", "off by one: 2 Σ binom(s, k) counts s+1 points",
           form=Formula(r"2\sum_{k<n}\binom{s}{k}", _sum)),
    Mutant("cover.counting_function", "counter forgets the symmetric labelling -y",
           impl=f"{HERE}:ForgetsSymmetricLabelling"),
    Mutant("cover.counting_function", "counter treats points on the hyperplane as separated",
           impl=f"{HERE}:SeparatesPointsOnTheHyperplane"),
    Mutant("cover.recurrence", "Pascal's rule with the wrong index: C(s,n) + C(s-1,n-1)",
           form=Formula(r"C(s,n)+C(s-1,n-1)", _recurrence_with_wrong_index)),
    Mutant("cover.all_dichotomies_when_s_le_n", "shattering claimed up to s = n + 1",
           form=Formula(r"s\le n+1", lambda s, n: s <= n + 1)),
    Mutant("cover.all_dichotomies_when_s_le_n", "counter forgets the symmetric labelling -y",
           impl=f"{HERE}:ForgetsSymmetricLabelling"),
    Mutant("cover.vc_dim_homogeneous_halfspaces", "VC dimension n - 1",
           form=Formula(r"\mathrm{VC}=n-1", lambda n: n - 1)),
    Mutant("cover.vc_dim_homogeneous_halfspaces", "VC dimension n + 1",
           form=Formula(r"\mathrm{VC}=n+1", lambda n: n + 1)),
    Mutant("cover.vc_dim_homogeneous_halfspaces", "counter treats points on the hyperplane as separated",
           impl=f"{HERE}:SeparatesPointsOnTheHyperplane"),
    Mutant("cover.affine_dichotomies", "affine count taken as the homogeneous C(s, n)",
           form=Formula(r"C(s,n)", lambda s, n: _sum(s - 1, n))),
    Mutant("cover.count_independent_of_position", "counter samples directions instead of counting regions",
           impl=f"{HERE}:SampledDirections"),
    Mutant("cover.count_independent_of_position", "counter answers C(s, n) whatever the positions",
           impl=f"{HERE}:PositionBlind"),
    Mutant("cover.count_independent_of_position", "counter lets each copy of a repeated point take its own label",
           impl=f"{HERE}:CountsDistinctPointsOnly"),
    Mutant("cover.phase_transition_2n", "transition at s = n", form=Formula(r"s^\ast=n", lambda n: n)),
    Mutant("cover.phase_transition_2n", "transition at s = 2n + 1", form=Formula(r"s^\ast=2n+1", lambda n: 2 * n + 1)),
]
