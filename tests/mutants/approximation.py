"""Wrong region bounds that the approximation claims must reject."""

from __future__ import annotations

from math import comb

from tests.mutants import Mutant
from theorems.engine import Formula
from theorems.topics.approximation.regions import RegionBound


def _zaslavsky_without_top_term(m: int, n: int) -> int:
    return sum(comb(m, i) for i in range(min(n, m)))


MUTANTS = [
    Mutant("approximation.zaslavsky_region_bound", "bound without its top term binom(m, n)",
           form=RegionBound(Formula(r"\sum_{i<\min(n,m)}\binom{m}{i}", _zaslavsky_without_top_term), biases=True)),
    Mutant("approximation.montufar_deep_regions", "exponent nL instead of n(L-1): more regions than possible",
           form=Formula(r"R(m)\lfloor m/n\rfloor^{nL}", lambda m, n, L: (m + 1) * m**L)),
]
