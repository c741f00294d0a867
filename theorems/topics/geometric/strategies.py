"""Sets, graphs and permutations: Hypothesis strategies, and the finite domains enumerated exhaustively."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from hypothesis.strategies import SearchStrategy

SMALL = 5
"""Up to this many nodes (M! ≤ 120 permutations) every permutation is checked, not a sample."""


def permutation_matrix(perm: tuple[int, ...] | np.ndarray) -> np.ndarray:
    """P with P[i, π(i)] = 1, so that (P X)_i = x_{π(i)}."""
    perm = np.asarray(perm)
    P = np.zeros((len(perm), len(perm)))
    P[np.arange(len(perm)), perm] = 1.0
    return P


def all_graphs(n: int) -> Iterator[np.ndarray]:
    """Every simple graph on n labelled nodes (2^{n(n-1)/2} adjacency matrices)."""
    pairs = list(itertools.combinations(range(n), 2))
    for edges in itertools.product((0.0, 1.0), repeat=len(pairs)):
        A = np.zeros((n, n))
        for (i, j), e in zip(pairs, edges, strict=True):
            A[i, j] = A[j, i] = e
        yield A


def small_graphs(largest: int = 4, *, connected_nodes: bool = False) -> list[np.ndarray]:
    """Every graph on 1…``largest`` nodes (75 for 4); with ``connected_nodes``, only those with no
    isolated node."""
    return [A for n in range(1, largest + 1) for A in all_graphs(n)
            if not connected_nodes or np.all(A.sum(axis=1) > 0)]


def features(rows: int, columns: int) -> SearchStrategy[np.ndarray]:
    """An M × F float64 matrix with entries in [-10, 10]."""
    return arrays(np.float64, (rows, columns), elements=st.floats(-10, 10))


@st.composite
def adjacency(draw: st.DrawFn, n: int, *, weighted: bool = False, no_isolated: bool = False) -> np.ndarray:
    """A symmetric n × n adjacency matrix with zero diagonal: 0/1 entries, or weights in [0, 5]."""
    pairs = list(itertools.combinations(range(n), 2))
    entry = st.floats(0, 5) if weighted else st.sampled_from((0.0, 1.0))
    A = np.zeros((n, n))
    for (i, j), w in zip(pairs, draw(st.lists(entry, min_size=len(pairs), max_size=len(pairs))), strict=True):
        A[i, j] = A[j, i] = w
    if no_isolated:
        for i in np.flatnonzero(A.sum(axis=1) == 0):
            j = (i + 1) % n
            A[i, j] = A[j, i] = 1.0
    return A


@dataclass(frozen=True)
class GraphCase:
    """A graph with node features and a relabelling of its nodes."""

    X: np.ndarray
    A: np.ndarray
    perm: tuple[int, ...]

    @property
    def P(self) -> np.ndarray:
        return permutation_matrix(self.perm)

    def describe(self) -> dict[str, object]:
        return {"X": self.X.tolist(), "A": self.A.tolist(), "π": list(self.perm)}


@st.composite
def graph_cases(draw: st.DrawFn, min_nodes: int = 1, max_nodes: int = 8, width: int = 3) -> GraphCase:
    """A graph on ``min_nodes``…``max_nodes`` nodes, its features (M × ``width``) and a permutation."""
    n = draw(st.integers(min_nodes, max_nodes))
    return GraphCase(draw(features(n, width)), draw(adjacency(n)), tuple(draw(st.permutations(range(n)))))


def exhaustive_cases(rng: np.random.Generator, width: int = 3) -> Iterator[GraphCase]:
    """For each M ≤ :data:`SMALL`, one random graph with random features under every permutation of S_M."""
    for n in range(1, SMALL + 1):
        upper = np.triu(rng.integers(0, 2, (n, n)), 1).astype(float)
        X = rng.normal(size=(n, width))
        for perm in itertools.permutations(range(n)):
            yield GraphCase(X, upper + upper.T, perm)


def graphs(min_nodes: int = 1, max_nodes: int = 8, *, weighted: bool = False,
           no_isolated: bool = False) -> SearchStrategy[np.ndarray]:
    """An adjacency matrix on ``min_nodes``…``max_nodes`` nodes."""
    return st.integers(max(min_nodes, 2 if no_isolated else 1), max_nodes).flatmap(
        lambda n: adjacency(n, weighted=weighted, no_isolated=no_isolated))
