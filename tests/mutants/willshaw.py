"""Wrong Willshaw memories and wrong formulas, each with the claim that rejects it."""

from __future__ import annotations

import numpy as np

from impls.willshaw import Willshaw
from tests.mutants import Mutant
from theorems.engine import Formula

M = "tests.mutants.willshaw"


class Unclipped(Willshaw):
    """Willshaw memory without the clipping at 1."""

    def store(self, xs, ys):
        return np.asarray(ys).T @ np.asarray(xs)


class StrictThreshold(Willshaw):
    """Willshaw recall with ``z_j > r`` instead of ``z_j ≥ r``."""

    def recall(self, theta, x, r):
        return (np.asarray(theta) @ np.asarray(x) > r).astype(int)


class LastPairOnly(Willshaw):
    """Willshaw memory that keeps only the last stored pair."""

    def store(self, xs, ys):
        return np.outer(np.asarray(ys)[-1], np.asarray(xs)[-1])


MUTANTS = [
    Mutant("willshaw.sparse_patterns_def", "strict threshold z > r", impl=f"{M}:StrictThreshold"),
    Mutant("willshaw.memory_matrix_def", "no clipping at 1", impl=f"{M}:Unclipped"),
    Mutant("willshaw.retrieval_rule_def", "strict threshold z > r", impl=f"{M}:StrictThreshold"),
    Mutant("willshaw.monotonicity", "memory keeps the last pair only", impl=f"{M}:LastPairOnly"),
    Mutant("willshaw.retrieval_lower_bound", "memory keeps the last pair only", impl=f"{M}:LastPairOnly"),
    Mutant("willshaw.pattern_information", "log C(n, r) ≈ log n", form=Formula(r"\log n", lambda n, r: np.log(n))),
    Mutant("willshaw.half_synapses_set", "a quarter of the synapses set", form=Formula(r"\tfrac14", lambda: 0.25)),
    Mutant("willshaw.max_capacity_ln2", "one bit per synapse", form=Formula(r"1", lambda: 1)),
]
