"""The 1-WL test: sound but incomplete, an upper bound on message passing, matched by GIN."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import strategies as st

from impls.geometric import GeometricImpl
from theorems.engine import (
    Comparison,
    Context,
    Outcome,
    all_of,
    close,
    equal,
    for_all,
    for_each,
    that,
    within_tolerance,
)

from . import TOPIC, XU
from .graphs import ring
from .strategies import permutation_matrix, small_graphs

WL = "Weisfeiler & Leman (1968); Morris et al. (2019), Weisfeiler and Leman go neural"


def union(*parts: np.ndarray) -> np.ndarray:
    """The disjoint union of graphs (block-diagonal adjacency)."""
    n = sum(len(p) for p in parts)
    A, start = np.zeros((n, n)), 0
    for p in parts:
        A[start:start + len(p), start:start + len(p)] = p
        start += len(p)
    return A


TWINS = {
    "C6 vs C3 + C3": (ring(6), union(ring(3), ring(3))),
    "C7 vs C4 + C3": (ring(7), union(ring(4), ring(3))),
    "C8 vs C4 + C4": (ring(8), union(ring(4), ring(4))),
}
"""Pairs of non-isomorphic 2-regular graphs (one connected, one not) that 1-WL cannot tell apart."""


def components(A: np.ndarray) -> int:
    """The number of connected components (an isomorphism invariant), from the reachability closure."""
    reach = (A + np.eye(len(A))) > 0
    for _ in range(len(A)):
        reach = (reach.astype(int) @ reach.astype(int)) > 0
    return len({tuple(row) for row in reach})


def canonical(A: np.ndarray) -> bytes:
    """The smallest relabelled adjacency: equal exactly for isomorphic graphs."""
    return min(A[np.ix_(perm, perm)].astype(np.uint8).tobytes() for perm in itertools.permutations(range(len(A))))


@TOPIC.claim("geometric.wl_incomplete", method="exhaustive", faithful=("002", "003"), references=(WL,))
def wl_incomplete(ctx: Context) -> Outcome:
    """1-WL colour refinement is sound but incomplete.

    Sound: relabelling a graph does not change its colour histogram, so different histograms prove the graphs
    non-isomorphic (checked for every graph on ≤ 4 nodes under every relabelling). Incomplete: C6 and two
    disjoint triangles are both 2-regular, so every node keeps one colour, yet one is connected and the other is
    not, so no relabelling maps one onto the other (likewise C7 vs C4 + C3 and C8 vs C4 + C4).
    """
    impl = ctx.impl()
    relabellings = [(A, perm) for A in small_graphs(4) for perm in itertools.permutations(range(len(A)))]

    def sound(case: tuple[np.ndarray, tuple[int, ...]]) -> Comparison:
        A, perm = case
        P = permutation_matrix(perm)
        return that(impl.wl_same(A, P @ A @ P.T), label="1-WL gives G and its relabelling the same histogram",
                    message=f"relabelling by π = {list(perm)}")

    def blind(name: str) -> list[Comparison]:
        A, B = TWINS[name]
        return [that(impl.wl_same(A, B), label="1-WL does not distinguish them", message=name),
                that(components(A) != components(B), label="they are not isomorphic (components differ)",
                     message=f"{name}: {components(A)} and {components(B)} components")]

    return all_of({
        "soundness": lambda: for_each(ctx, relabellings, sound, domain_name="graphs on ≤ 4 nodes × S_M",
                                      complete=False, describe=lambda c: {"A": c[0].tolist(), "π": list(c[1])}),
        "incompleteness": lambda: for_each(ctx, list(TWINS), blind, domain_name="2-regular twins", complete=True),
    })


def readout(impl: GeometricImpl, A: np.ndarray, layer_weights: list[np.ndarray], kind: str) -> np.ndarray:
    """Σ over nodes of every layer of a stack of GIN, GCN or message-passing layers, constant input features."""
    X, pooled = np.ones((len(A), 1)), []
    for W in layer_weights:
        if kind == "gin":
            X = impl.gin_layer(X, A, W, 0.1)
        elif kind == "gcn":
            X = impl.gcn_layer(X, A, W)
        else:
            X = impl.message_passing(X, A, W, np.tanh(W))
        pooled.append(impl.sum_pool(X))
    return np.concatenate(pooled)


def stack(rng: np.random.Generator, width: int, depth: int) -> list[np.ndarray]:
    return [rng.normal(size=(1 if i == 0 else width, width)) for i in range(depth)]


@TOPIC.claim("geometric.mpgnn_at_most_1wl", method="property", faithful=("002",), references=(XU, WL))
def mpgnn_at_most_1wl(ctx: Context) -> Outcome:
    """Message-passing GNNs distinguish no graphs that 1-WL does not distinguish.

    A message-passing layer computes a node's new state from its state and the multiset of its neighbours'
    states, as 1-WL computes a colour: nodes with the same WL colour get the same state, so the sum readouts
    agree whenever the histograms do (Xu et al. 2019, Lemma 2). Checked with constant input features on the
    WL-indistinguishable twins (C6 vs C3 + C3, …) for stacks of 3 GIN, GCN and message-passing layers with
    random weights.
    """
    impl = ctx.impl()
    cases = st.tuples(st.sampled_from(sorted(TWINS)), st.sampled_from(("gin", "gcn", "mp")), st.integers(0, 2**32 - 1))

    def same(case: tuple[str, str, int]) -> list[Comparison]:
        name, kind, seed = case
        A, B = TWINS[name]
        layer_weights = stack(np.random.default_rng(seed), 4, 3)
        left, right = readout(impl, A, layer_weights, kind), readout(impl, B, layer_weights, kind)
        return [that(impl.wl_same(A, B), label="1-WL does not distinguish them", message=name),
                close(left, right, label=f"{kind} readouts agree", rtol=0.0,
                      atol=within_tolerance(left, right, operations=64 * len(A)))]

    return for_all(ctx, cases, same, describe=lambda c: dict(zip(("pair", "layers", "weight seed"), c, strict=True)))


@TOPIC.claim("geometric.gin_matches_1wl", method="exhaustive", faithful=("002",), references=(XU, WL))
def gin_matches_1wl(ctx: Context) -> Outcome:
    """GIN distinguishes every pair of graphs that 1-WL distinguishes.

    GIN's update ((1 + ε)x_m + Σ_{n ∈ N(m)} x_n) followed by an MLP is injective on multisets (Xu et al. 2019,
    Thm 3), so a GIN with a sum readout of every layer separates whatever 1-WL separates. Checked on every pair
    of non-isomorphic graphs with the same number (≤ 4) of nodes: where the implementation's 1-WL tells them
    apart, a random 4-layer GIN of width 16 (ReLU, one layer per MLP) gives different readouts, and where it
    does not the readouts agree.
    """
    impl = ctx.impl()
    layer_weights = stack(ctx.rng(5), 16, 4)
    classes = {canonical(A): A for A in small_graphs(4)}
    pairs = [(A, B) for A, B in itertools.combinations(classes.values(), 2) if len(A) == len(B)]

    def check(pair: tuple[np.ndarray, np.ndarray]) -> Comparison:
        A, B = pair
        left, right = readout(impl, A, layer_weights, "gin"), readout(impl, B, layer_weights, "gin")
        gap = float(np.abs(left - right).max())
        tol = within_tolerance(left, right, operations=64 * len(A))
        return equal(gap > 1e3 * tol, not impl.wl_same(A, B),
                     label="GIN separates the pair exactly when 1-WL does")

    return for_each(ctx, pairs, check, domain_name="non-isomorphic pairs on ≤ 4 nodes", complete=False,
                    describe=lambda p: {"A": p[0].tolist(), "B": p[1].tolist()})
