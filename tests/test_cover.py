"""The cover implementations and strategies: the fast exact counter agrees with the LP reference."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from impls.cover import ArrangementCounter, LinearProgramCounter, in_general_position, integer_direction
from theorems.topics.cover.counting import binomial, cover_count
from theorems.topics.cover.phase_transition import cover_counts
from theorems.topics.cover.recurrence import align_upper_limits, s_, symbolic_count
from theorems.topics.cover.strategies import arrangements, degenerate_sets, general_position_sets

FAST, SLOW = ArrangementCounter(), LinearProgramCounter()
SMALL = dict(s=st.integers(1, 6), n=st.integers(1, 3))


@settings(max_examples=25, deadline=None)
@given(st.one_of(general_position_sets(**SMALL), degenerate_sets(**SMALL).map(lambda d: d.points)))
def test_fast_counter_matches_lp_reference(X: np.ndarray) -> None:
    assert FAST.homogeneous_dichotomies(X) == SLOW.homogeneous_dichotomies(X)
    assert FAST.affine_dichotomies(X) == SLOW.affine_dichotomies(X)


@settings(max_examples=15, deadline=None)
@given(arrangements(st.integers(1, 5), st.integers(1, 3)))
def test_fast_region_count_matches_lp_reference(arrangement) -> None:
    assert FAST.regions(arrangement.W, arrangement.b) == SLOW.regions(arrangement.W, arrangement.b)


@settings(max_examples=30, deadline=None)
@given(general_position_sets(st.integers(1, 9), st.integers(1, 4)))
def test_general_position_sets_are_in_general_position(X: np.ndarray) -> None:
    assert in_general_position(X)


@settings(max_examples=30, deadline=None)
@given(degenerate_sets(st.integers(2, 8), st.integers(1, 4)))
def test_degenerate_sets_are_degenerate(g) -> None:
    on_a_line = g.points.shape[1] == 1 and g.how != "origin"  # non-zero points of R^1 are in general position
    assert on_a_line or not in_general_position(g.points)


@pytest.mark.parametrize(
    ("X", "affine", "expected"),
    [
        ([[1, 0], [0, 1], [1, 1]], False, True),
        ([[1, 0], [2, 0], [1, 1]], False, False),  # two points on one ray
        ([[1, 2, 3], [2, 4, 6]], False, False),
        ([[0, 0], [1, 1], [2, 2]], True, False),  # collinear
        ([[0, 0], [1, 1], [2, 3]], True, True),
        ([[0, 0], [1, 1]], False, False),  # the origin
    ],
)
def test_general_position_examples(X: list, affine: bool, expected: bool) -> None:
    assert in_general_position(np.array(X, dtype=float), affine=affine) is expected


def test_degenerate_counts_by_hand() -> None:
    # Lines through 0 in R^2: x-axis (three points, one opposite) and two more lines: 3 lines, 6 regions.
    X = np.array([[1, 0], [2, 0], [-1, 0], [0, 1], [1, 1]], dtype=float)
    assert FAST.homogeneous_dichotomies(X) == SLOW.homogeneous_dichotomies(X) == 6
    assert FAST.homogeneous_dichotomies(np.zeros((1, 3))) == 0


def test_integer_direction_is_exact_and_scale_free() -> None:
    v = np.array([0.1, -0.3, 0.7])
    assert integer_direction(v) == integer_direction(4.0 * v) == integer_direction(-v)
    assert integer_direction(np.zeros(3)) == ()


def test_closed_forms_agree() -> None:
    assert [cover_count(s, 3) for s in range(1, 9)] == cover_counts(3, 8)
    assert binomial(-1, 3) == -1 and binomial(5, 2) == 10
    for s in range(1, 8):
        assert int(symbolic_count(s, 3).doit()) == cover_count(s, 3)


def test_align_upper_limits_peels_top_terms() -> None:
    import sympy

    n = sympy.Symbol("n", integer=True)
    difference = symbolic_count(s_, n + 1) - symbolic_count(s_, n)
    assert sympy.simplify(align_upper_limits(difference) - 2 * sympy.binomial(s_ - 1, n)) == 0
