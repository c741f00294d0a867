"""Universal approximation, approximation rates and linear regions of ReLU networks (documents 000, 001, 003).

Zaslavsky (1975): m affine hyperplanes in general position cut R^n into Σ_{i=0}^{n} binom(m,i)
regions, the most any m hyperplanes make. Montúfar, Pascanu, Cho & Bengio (2014): depth multiplies
the regions, some network with L hidden layers of width m has at least R(m) ⌊m/n⌋^{n(L-1)}.
The regions are counted on the ``cover`` topic's exact counter, through its boundary.

The universal-approximation statements are checked through their explicit constructions: a
continuous piecewise-linear (CPWL) function as a sum of ReLU units, as a signed sum of hinges and as
a difference of two maxout units (``impls.approximation``), the interpolation and Bernstein error
bounds with their constants, and the identities 2 max{f, g} = f + g + |f - g|, |x| = x₊ + (-x)₊.
Density statements with no rate or constant are declared not checkable, with the reason.

The boundary extends the ``cover`` counter's protocol with the constructions (one topic, one
protocol): an implementation under test provides both, and the reference is the exact counter
plus the textbook constructions.
"""

from __future__ import annotations

import numpy as np

from impls.approximation import ReluApproximator
from theorems.engine import Boundary, ImplementationError, Topic, as_array, as_int
from theorems.topics.cover import COUNTER


def expansion_of(result: object, knots: np.ndarray, values: np.ndarray) -> tuple[float, float, np.ndarray]:
    """``(a, b, c)``: two finite numbers and one coefficient per breakpoint."""
    if not isinstance(result, tuple) or len(result) != 3:
        raise ImplementationError(f"relu_expansion should return (a, b, c), got {result!r:.200}")
    a, b = (float(as_array(v, what=name, shape=())) for v, name in zip(result[:2], "ab", strict=True))
    return a, b, as_array(result[2], what="c", shape=(len(knots) - 2,))


def hinges_of(result: object, knots: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(signs, slopes, intercepts)``: J signs ±1 and two (J, k) arrays."""
    if not isinstance(result, tuple) or len(result) != 3:
        raise ImplementationError(f"hinge_sum should return (signs, slopes, intercepts), got {result!r:.200}")
    signs = as_array(result[0], what="signs")
    slopes = as_array(result[1], what="slopes")
    if signs.ndim != 1 or slopes.ndim != 2 or len(slopes) != len(signs) or not np.all(np.abs(signs) == 1):
        raise ImplementationError(f"signs {signs.shape} must be ±1, one per row of slopes {slopes.shape}")
    return signs, slopes, as_array(result[2], what="intercepts", shape=slopes.shape)


def maxout_units_of(result: object, knots: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(P, Q)``: the affine pieces [slope, intercept] of two maxout units."""
    if not isinstance(result, tuple) or len(result) != 2:
        raise ImplementationError(f"maxout_pair should return (P, Q), got {result!r:.200}")
    P, Q = (as_array(r, what=name) for r, name in zip(result, "PQ", strict=True))
    for name, pieces in (("P", P), ("Q", Q)):
        if pieces.ndim != 2 or pieces.shape[1] != 2 or len(pieces) == 0:
            raise ImplementationError(f"{name} has shape {pieces.shape}, expected (k, 2) with k ≥ 1")
    return P, Q


def count_of_regions(count: object, W: np.ndarray, b: np.ndarray) -> int:
    """A region count of the hyperplanes ``W[i]·x + b[i] = 0``: an exact integer."""
    return as_int(count, what=f"the region count of {len(W)} hyperplanes")


APPROXIMATOR = Boundary(
    ReluApproximator,
    reference="impls.approximation:ReluConstructions",
    outputs={
        **COUNTER.outputs,
        "regions": count_of_regions,
        "relu_expansion": expansion_of,
        "hinge_sum": hinges_of,
        "maxout_pair": maxout_units_of,
    },
)

TOPIC = Topic(
    "approximation",
    "Universal approximation and linear regions of ReLU networks",
    summary="Explicit ReLU and maxout representations of piecewise-linear functions, interpolation and "
    "Bernstein rates with their constants, Zaslavsky's count of the regions of ReLU hyperplanes and "
    "Montúfar et al.'s exponential lower bound for deep ReLU networks.",
    sections=("regions", "constructions", "density", "definitions"),
    boundary=APPROXIMATOR,
)
