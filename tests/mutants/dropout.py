"""Wrong dropout layers and wrong formulas that the dropout claims must reject."""

from __future__ import annotations

import math

import numpy as np
from scipy.special import softmax

from impls.dropout import Dropout
from tests.mutants import Mutant
from theorems.engine import Formula


class KeepWithProbabilityP(Dropout):
    """Keeps each entry with probability p (the drop probability) instead of 1 - p."""

    def dropout(self, x: np.ndarray, p: float, seed: int) -> np.ndarray:
        return super().dropout(x, 1 - p, seed) * p / (1 - p)


class NoRescaling(Dropout):
    """Drops with probability p but forgets the 1/(1 - p) of inverted dropout: E[dropout(x)] = (1 - p)x."""

    def dropout(self, x: np.ndarray, p: float, seed: int) -> np.ndarray:
        return super().dropout(x, p, seed) * (1 - p)


class SharedMask(Dropout):
    """One Bernoulli keep per sample, shared by all its units: the right marginal, masks not independent."""

    def dropout(self, x: np.ndarray, p: float, seed: int) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        kept = np.random.default_rng(seed).random((x.shape[0], 1)) >= p
        return np.where(kept, x / (1 - p), 0.0)


HERE = "tests.mutants.dropout"
CID = "dropout."

MUTANTS = [
    Mutant(CID + "ensemble_mixture", "p(b) with φ and 1 - φ swapped",
           form=Formula(r"\prod_i \varphi_i^{1-b_i}(1-\varphi_i)^{b_i}",
                        lambda b, phi: math.prod(1 - f if bit else f for bit, f in zip(b, phi, strict=True)))),
    Mutant(CID + "ensemble_mixture", "keeps with probability p", impl=f"{HERE}:KeepWithProbabilityP"),
    Mutant(CID + "ensemble_mixture", "one mask shared by all units", impl=f"{HERE}:SharedMask"),
    Mutant(CID + "weight_scaling_inference", "no weight scaling at inference", form=Formula("w", lambda w, phi: w)),
    Mutant(CID + "weight_scaling_inference", "dropout without the 1/(1 - p)", impl=f"{HERE}:NoRescaling"),
    Mutant(CID + "weight_scaling_inference", "keeps with probability p", impl=f"{HERE}:KeepWithProbabilityP"),
    Mutant(CID + "weight_scaling_geometric_mean", "no scaling: softmax(Wx + c)",
           form=Formula(r"\mathrm{softmax}(Wx + c)", lambda r: softmax(r.W @ r.x + r.c))),
]
