"""The Willshaw strategies make what they promise."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings

from theorems.topics.willshaw.strategies import PatternPairs, pattern_pairs


@settings(max_examples=40, deadline=None)
@given(pattern_pairs())
def test_pattern_pairs_have_exactly_r_ones(pairs: PatternPairs) -> None:
    assert np.all(pairs.xs.sum(axis=1) == pairs.r) and np.all(pairs.ys.sum(axis=1) == pairs.r)
